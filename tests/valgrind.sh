#!/bin/sh
# valgrind.sh - run netcfgc ($NETCFGC_REAL) under valgrind for the test suite:
# any memory error or leak makes it exit 99, which no test expects.
logdir=${VALGRIND_LOGDIR:-${TMPDIR:-/tmp}}
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --log-file="$logdir/netcfgc.%p.log" \
	"${NETCFGC_REAL:?}" "$@"
