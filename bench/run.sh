#!/bin/sh
# bench/run.sh [SMALL] [RUNS] - time netcfgc against xmllint --noout on the
# same synthetic exports in the same run: SMALL VNets (default 2000) and ten
# times that.  Prints a Markdown table: median wall time of RUNS runs
# (default 5), peak RSS, and the ratios the targets speak of.  Run it from a
# built tree (./configure && make); it builds its two helpers with cc.
set -eu
small=${1:-2000}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
netcfgc=${NETCFGC:-$top/netcfgc}
work=${TMPDIR:-/tmp}/netcfgc-bench.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT INT TERM
[ -x "$netcfgc" ] || { echo "bench: build netcfgc first (./configure && make)" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "bench: xmllint is missing (apt-get install libxml2-utils)" >&2; exit 2; }
${CC:-cc} -O2 -o "$work/gen" "$here/gen.c"
${CC:-cc} -O2 -o "$work/measure" "$here/measure.c"

large=$((small * 10))
for n in $small $large; do
	"$work/gen" "$n" "$work/n$n.xml" "$work/n$n.ps1"
	# the synthetic file must check clean, or the timing means nothing
	"$netcfgc" check -k "$work/n$n.ps1" "$work/n$n.xml" 2>"$work/err" || { cat "$work/err"; exit 1; }
	grep -qx '0 errors, 0 warnings' "$work/err" || { cat "$work/err"; exit 1; }
done

echo "machine: $(uname -m), $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "xmllint: $(xmllint --version 2>&1 | head -n 1)"
echo
echo "| VNets | file MB | xmllint s | check s | migrate s | check/xmllint | migrate/xmllint | xmllint KiB | check KiB | migrate KiB | check mem/xmllint |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $small $large; do
	x=$work/n$n.xml
	set -- $("$work/measure" "$runs" xmllint --noout "$x"); xt=$1; xm=$2
	set -- $("$work/measure" "$runs" "$netcfgc" check -q -k "$work/n$n.ps1" "$x"); ct=$1; cm=$2
	set -- $("$work/measure" "$runs" "$netcfgc" migrate -q -k "$work/n$n.ps1" -o "$work/out" "$x"); mt=$1; mm=$2
	mb=$(awk "BEGIN { printf \"%.1f\", $(wc -c <"$x") / 1048576 }")
	awk -v n="$n" -v mb="$mb" -v xt="$xt" -v ct="$ct" -v mt="$mt" -v xm="$xm" -v cm="$cm" -v mm="$mm" 'BEGIN {
		printf "| %d | %s | %.3f | %.3f | %.3f | %.2f | %.2f | %d | %d | %d | %.2f |\n",
		    n, mb, xt, ct, mt, ct / xt, mt / xt, xm, cm, mm, cm / xm }'
	eval "t_check_$n=$ct; t_migrate_$n=$mt"
done
eval "cs=\$t_check_$small; cl=\$t_check_$large; ms=\$t_migrate_$small; ml=\$t_migrate_$large"
echo
awk -v cs="$cs" -v cl="$cl" -v ms="$ms" -v ml="$ml" 'BEGIN {
	printf "growth for ten times the input: check %.1fx, migrate %.1fx\n", cl / cs, ml / ms }'
