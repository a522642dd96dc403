#!/bin/sh
# run-cases.sh - data-driven tests: tests/cases/<rule>/<case>.xml is checked with
# `netcfgc check`, run inside its directory, and stderr must equal <case>.err.
# Optional: <case>.args (extra options, split on blanks), <case>.rc (exit
# status; default 1 if an error is expected, else 0), <case>.cmd (command
# instead of check, e.g. migrate).  Prints TAP.
set -u
: "${NETCFGC:?NETCFGC must name the netcfgc binary}"
: "${srcdir:=.}"
cases=$srcdir/tests/cases
tmp=${TMPDIR:-/tmp}/netcfgc-cases.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

list=$(cd "$cases" && find . -name '*.xml' | sed 's|^\./||' | LC_ALL=C sort)
n=$(printf '%s\n' "$list" | grep -c .)
echo "1..$n"
i=0
fail=0
for c in $list; do
	i=$((i + 1))
	dir=$cases/$(dirname "$c")
	base=$(basename "$c" .xml)
	args=
	[ -f "$dir/$base.args" ] && args=$(cat "$dir/$base.args")
	cmd=check
	[ -f "$dir/$base.cmd" ] && cmd=$(cat "$dir/$base.cmd")
	if [ -f "$dir/$base.rc" ]; then
		want_rc=$(cat "$dir/$base.rc")
	elif grep -q ': error: ' "$dir/$base.err" 2>/dev/null; then
		want_rc=1
	else
		want_rc=0
	fi
	# shellcheck disable=SC2086
	(cd "$dir" && "$NETCFGC" $cmd $args "$base.xml") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ ! -f "$dir/$base.err" ]; then
		echo "not ok $i - ${c%.xml}: no expected output $base.err"
		sed 's/^/# /' "$tmp/err"
		fail=$((fail + 1))
	elif [ "$rc" -ne "$want_rc" ]; then
		echo "not ok $i - ${c%.xml}: exit status $rc, expected $want_rc"
		sed 's/^/# /' "$tmp/err"
		fail=$((fail + 1))
	elif ! diff -u "$dir/$base.err" "$tmp/err" >"$tmp/diff"; then
		echo "not ok $i - ${c%.xml}: diagnostics differ"
		sed 's/^/# /' "$tmp/diff"
		fail=$((fail + 1))
	else
		echo "ok $i - ${c%.xml}"
	fi
done
exit 0
