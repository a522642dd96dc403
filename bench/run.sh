#!/bin/sh
# bench/run.sh [SMALL] [RUNS] - time netcfgc against xmllint --noout on the
# same synthetic exports in the same run: SMALL VNets (default 2000) and ten
# times that.  The three commands take turns, round after round (RUNS
# rounds, default 5), so that a change in the machine's load hits them
# alike; each gets the median of its rounds.  Prints Markdown tables: wall
# time, peak RSS, CPU time (user + system), the ratios the targets speak
# of, and what migrate writes against the time a plain copy of those bytes
# takes.  Run it from a built tree (./configure && make); it builds its two
# helpers with cc.
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

# median of the numbers on stdin
median() {
	sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# run NAME COMMAND...: one round of COMMAND, appended to $work/NAME.{t,m,c}
run() {
	name=$1
	shift
	set -- $("$work/measure" 1 "$@")
	echo "$1" >>"$work/$name.t"
	echo "$2" >>"$work/$name.m"
	echo "$3" >>"$work/$name.c"
}

echo "machine: $(uname -m), $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "xmllint: $(xmllint --version 2>&1 | head -n 1)"
echo "netcfgc: $("$netcfgc" --version), linked with: $(ldd "$netcfgc" | awk '/mimalloc/ { print "mimalloc" }')"
echo
for n in $small $large; do
	x=$work/n$n.xml
	i=0
	while [ "$i" -lt "$runs" ]; do
		run "x$n" xmllint --noout "$x"
		run "c$n" "$netcfgc" check -q -k "$work/n$n.ps1" "$x"
		run "m$n" "$netcfgc" migrate -q -k "$work/n$n.ps1" -o "$work/out" "$x"
		# migrate's outputs are written back before the next round: the
		# kernel's writeback must not run during someone else's turn
		sync
		i=$((i + 1))
	done
	for k in x c m; do
		for f in t m c; do
			eval "${k}${f}_$n=\$(median <\"$work/$k$n.$f\")"
		done
	done
	# what migrate wrote, and a plain copy of the same bytes to a new file, synced
	eval "ob_$n=\$(cat \"$work/out/n$n/\"* | wc -c)"
	i=0
	while [ "$i" -lt "$runs" ]; do
		rm -f "$work/copy"
		run "w$n" sh -c "cat \"$work/out/n$n/\"* >\"$work/copy\" && sync \"$work/copy\""
		i=$((i + 1))
	done
	eval "wt_$n=\$(median <\"$work/w$n.t\")"
	rm -rf "$work/out" "$work/copy"
done

echo "Wall time (median of $runs rounds) and peak RSS:"
echo
echo "| VNets | file MB | xmllint s | check s | migrate s | check/xmllint | migrate/xmllint | xmllint KiB | check KiB | migrate KiB | check mem/xmllint | migrate mem/xmllint |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $small $large; do
	eval "xt=\$xt_$n ct=\$ct_$n mt=\$mt_$n xm=\$xm_$n cm=\$cm_$n mm=\$mm_$n"
	mb=$(awk "BEGIN { printf \"%.1f\", $(wc -c <"$work/n$n.xml") / 1048576 }")
	awk -v n="$n" -v mb="$mb" -v xt="$xt" -v ct="$ct" -v mt="$mt" -v xm="$xm" -v cm="$cm" -v mm="$mm" 'BEGIN {
		printf "| %d | %s | %.3f | %.3f | %.3f | %.2f | %.2f | %d | %d | %d | %.2f | %.2f |\n",
		    n, mb, xt, ct, mt, ct / xt, mt / xt, xm, cm, mm, cm / xm, mm / xm }'
done
echo
echo "CPU time, user + system (median of $runs rounds):"
echo
echo "| VNets | xmllint s | check s | migrate s | check/xmllint | migrate/xmllint |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $small $large; do
	eval "xc=\$xc_$n cc=\$cc_$n mc=\$mc_$n"
	awk -v n="$n" -v xc="$xc" -v cc="$cc" -v mc="$mc" 'BEGIN {
		printf "| %d | %.3f | %.3f | %.3f | %.2f | %.2f |\n", n, xc, cc, mc, cc / xc, mc / xc }'
done
echo
echo "What migrate writes (all four files), and copying those bytes to a new file and syncing it:"
echo
echo "| VNets | output MB | output/input | copy s | copy/xmllint |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for n in $small $large; do
	eval "ob=\$ob_$n wt=\$wt_$n xt=\$xt_$n"
	awk -v n="$n" -v ob="$ob" -v ib="$(wc -c <"$work/n$n.xml")" -v wt="$wt" -v xt="$xt" 'BEGIN {
		printf "| %d | %.1f | %.1f | %.3f | %.2f |\n", n, ob / 1048576, ob / ib, wt, wt / xt }'
done
echo
eval "cs=\$ct_$small cl=\$ct_$large ms=\$mt_$small ml=\$mt_$large"
awk -v cs="$cs" -v cl="$cl" -v ms="$ms" -v ml="$ml" 'BEGIN {
	printf "growth for ten times the input: check %.1fx, migrate %.1fx\n", cl / cs, ml / ms }'
