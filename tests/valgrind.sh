#!/bin/sh
# valgrind.sh - run netcfgc ($NETCFGC_REAL) under valgrind for the test suite:
# any memory error or leak makes it exit 99, which no test expects.
# netcfgc may be linked with mimalloc: valgrind replaces its malloc too.
logdir=${VALGRIND_LOGDIR:-${TMPDIR:-/tmp}}
exec valgrind -q '--soname-synonyms=somalloc=libmimalloc.so*' --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --log-file="$logdir/netcfgc.%p.log" \
	"${NETCFGC_REAL:?}" "$@"
