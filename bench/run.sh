#!/bin/sh
# bench/run.sh [RUNS] - time netcfgc the way users run it (issue 12).
#
# 1. A batch of 300 realistic exports (batch.c, seed 12), each with its own
#    side file, against xmllint validating the same files with the schema:
#    one process per file (shell loops of check, migrate and xmllint), and,
#    when this netcfgc has --keys-beside, all files in one process.
# 2. The synthetic exports of 2,000 and 20,000 VNets (gen.c), for linear
#    growth and bounded memory: check and migrate against the peak RSS of
#    xmllint --noout, which builds a tree.
#
# Every file must check clean first.  The commands take turns, round after
# round (RUNS rounds, default 5), so that a change in the machine's load hits
# them alike; each gets the median of its rounds (wall and CPU time, by
# measure.c with wait4) and the largest peak RSS of any of its processes.
# netcfgc is $NETCFGC, or ../netcfgc from here.  With NETCFGC_B, a second
# netcfgc takes its turns in the same rounds (A first in odd rounds, B in
# even ones), and a last table compares the two.  The batch's size is $BATCH
# (default 300); the files go under $TMPDIR.  It builds its helpers with cc.
# With the default rounds it takes 2 to 4 minutes, 3 to 7 with NETCFGC_B.
set -eu
runs=${1:-5}
count=${BATCH:-300}
seed=12
small=2000
large=20000
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
netcfgc=${NETCFGC:-$top/netcfgc}
netcfgc_b=${NETCFGC_B:-}
xsd=$top/xsd/netcfg.xsd
work=${TMPDIR:-/tmp}/netcfgc-bench.$$
for b in "$netcfgc" $netcfgc_b; do
	[ -x "$b" ] || { echo "bench: $b: build netcfgc first (./configure && make), or set NETCFGC" >&2; exit 2; }
done
command -v xmllint >/dev/null || { echo "bench: xmllint is missing (apt-get install libxml2-utils)" >&2; exit 2; }
case $netcfgc in /*) ;; *) netcfgc=$(pwd)/$netcfgc ;; esac
case $netcfgc_b in /* | '') ;; *) netcfgc_b=$(pwd)/$netcfgc_b ;; esac
mkdir -p "$work/batch" "$work/out"
trap 'rm -rf "$work"' EXIT INT TERM
${CC:-cc} -O2 -o "$work/gen" "$here/gen.c"
${CC:-cc} -O2 -o "$work/batch.bin" "$here/batch.c"
${CC:-cc} -O2 -o "$work/measure" "$here/measure.c"
bin= n=
export bin n xsd work

# the inputs, each of which must check clean (with each netcfgc), or the
# timing means nothing
clean() {
	"$bin" check "$@" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
	[ "$(tail -n 1 "$work/err")" = "0 errors, 0 warnings" ] || {
		tail -n 5 "$work/err" >&2
		exit 1
	}
}
"$work/batch.bin" "$seed" "$count" "$work/batch"
for n in $small $large; do
	"$work/gen" "$n" "$work/n$n.xml" "$work/n$n.ps1"
done
beside=no beside_b=no
for bin in "$netcfgc" $netcfgc_b; do
	for x in "$work"/batch/*.xml; do
		clean -k "${x%.xml}.ps1" "$x"
	done
	for n in $small $large; do
		clean -k "$work/n$n.ps1" "$work/n$n.xml"
	done
	"$bin" check --help 2>&1 | grep -q -e '--keys-beside' || continue
	(cd "$work/batch" && clean --keys-beside export-*.xml) ||
	    { echo "bench: $bin check --keys-beside: not clean (export-NNN.ps1 beside export-NNN.xml)" >&2; exit 1; }
	if [ "$bin" = "$netcfgc" ]; then
		beside=yes
	else
		beside_b=yes
	fi
done

# The commands, run by sh -c in the batch directory, with the netcfgc of
# the turn in $bin.  The loops stop at the first failure, which measure
# reports.
loop_x='for f in export-*.xml; do xmllint --noout --stream --schema "$xsd" "$f" || exit 1; done'
loop_c='for f in export-*.xml; do "$bin" check -q -k "${f%.xml}.ps1" "$f" || exit 1; done'
loop_m='for f in export-*.xml; do "$bin" migrate -q -k "${f%.xml}.ps1" -o "$work/out" "$f" || exit 1; done'
one_x='exec xmllint --noout --stream --schema "$xsd" export-*.xml'
one_c='exec "$bin" check -q --keys-beside export-*.xml'
one_m='exec "$bin" migrate -q --keys-beside -o "$work/out" export-*.xml'
syn_x='exec xmllint --noout "$work/n$n.xml"'
syn_c='exec "$bin" check -q -k "$work/n$n.ps1" "$work/n$n.xml"'
syn_m='exec "$bin" migrate -q -k "$work/n$n.ps1" -o "$work/out" "$work/n$n.xml"'

# run NAME SCRIPT: one round of sh -c SCRIPT in the batch directory,
# appended to $work/NAME.{t,m,c}: wall seconds, peak KiB, CPU seconds
run() {
	r=$(cd "$work/batch" && "$work/measure" 1 sh -c "$2") || { echo "bench: $1 failed" >&2; exit 1; }
	set -- "$1" $r
	echo "$2" >>"$work/$1.t"
	echo "$3" >>"$work/$1.m"
	echo "$4" >>"$work/$1.c"
}

# median of the numbers on stdin; max likewise
median() {
	sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
max() {
	sort -g | tail -n 1
}

# migrate once beforehand, so that every timed migrate replaces earlier outputs
bin=$netcfgc
(cd "$work/batch" && sh -c "$loop_m") 2>/dev/null
for n in $small $large; do
	sh -c "$syn_m"
done
sync

# the netcfgc binaries in the order of round R: with a B, A first in odd
# rounds and B first in even ones
order() {
	if [ -z "$netcfgc_b" ]; then
		echo a
	elif [ $(($1 % 2)) -eq 1 ]; then
		echo a b
	else
		echo b a
	fi
}
use() {
	if [ "$1" = a ]; then
		bin=$netcfgc beside_w=$beside
	else
		bin=$netcfgc_b beside_w=$beside_b
	fi
}

load0=$(cut -d ' ' -f 1-3 /proc/loadavg)
i=1
while [ "$i" -le "$runs" ]; do
	run lx "$loop_x"
	for w in $(order $i); do
		use $w
		run "lc_$w" "$loop_c"
		run "lm_$w" "$loop_m"
		# migrate's outputs are written back before the next turn: the
		# kernel's writeback must not run during someone else's
		sync
	done
	if [ "$beside$beside_b" != nono ]; then
		run ox "$one_x"
		for w in $(order $i); do
			use $w
			[ "$beside_w" = yes ] || continue
			run "oc_$w" "$one_c"
			run "om_$w" "$one_m"
			sync
		done
	fi
	for n in $small $large; do
		run "x$n" "$syn_x"
		for w in $(order $i); do
			use $w
			run "c${n}_$w" "$syn_c"
			run "m${n}_$w" "$syn_m"
			sync
		done
	done
	i=$((i + 1))
done

# NAME's median wall and CPU time, largest peak RSS, as "T C M"
med() {
	echo "$(median <"$work/$1.t") $(median <"$work/$1.c") $(max <"$work/$1.m")"
}
# the median of A's / B's times (t wall, c CPU) round by round: the two took
# their turns close together, so a change in the load between rounds cancels
ratio() {
	paste "$work/$1.$3" "$work/$2.$3" | awk '{ print $1 / $2 }' | median
}
mb() {
	awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'
}
alloc() {
	ldd "$1" | awk '/mimalloc/ { m = 1 } END { print m ? "mimalloc" : "the C library'"'"'s malloc" }'
}
# row NAME WHAT REF: a table row of NAME's times and its ratios to REF's
row() {
	set -- "$1" "$2" "$3" $(med "$1")
	awk -v w="$2" -v t="$4" -v c="$5" -v m="$6" -v n="$count" -v rt="$(ratio "$1" "$3" t)" \
	    -v rc="$(ratio "$1" "$3" c)" -v per="$per" 'BEGIN {
		if (per)
			printf "| %s | %.3f | %.1f | %.3f | %d | %.2f | %.2f |\n", w, t, t * 1000 / n, c, m, rt, rc
		else
			printf "| %s | %.3f | %.3f | %d | %.2f | %.2f |\n", w, t, c, m, rt, rc }'
}

bytes=$(cat "$work"/batch/*.xml | wc -c)
vnets=$(cat "$work"/batch/*.xml | grep -c '<VirtualNetworkSite ')
lines=$(cat "$work"/batch/*.ps1 | tr -d '\000' | grep -c -i -e '^New-AzureVNetGateway' -e '^Set-AzureVNetGatewayKey')
echo "machine: $(uname -m), $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "xmllint: $(xmllint --version 2>&1 | head -n 1)"
echo "netcfgc (A): $netcfgc, $("$netcfgc" --version), $(alloc "$netcfgc")"
[ -z "$netcfgc_b" ] || echo "netcfgc (B): $netcfgc_b, $("$netcfgc_b" --version), $(alloc "$netcfgc_b")"
echo "batch: $count exports (seed $seed), $vnets VNets, $(mb "$bytes") MB, $lines gateway and key statements in their side files"
echo "times: median of $runs rounds; ratios: median of the rounds' ratios; peak RSS: the largest of any process"
echo "load average (1, 5, 15 min) before the rounds: $load0; after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "Batch, one process per file:"
echo
echo "| command | wall s | ms per file | CPU s | peak KiB | wall / xmllint | CPU / xmllint |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
per=1
row lx '`xmllint --noout --stream --schema xsd/netcfg.xsd f.xml`' lx
row lc_a '`netcfgc check -q -k f.ps1 f.xml`' lx
row lm_a '`netcfgc migrate -q -k f.ps1 -o OUT f.xml`' lx
echo
if [ "$beside" = yes ]; then
	echo "Batch, all $count files in one process:"
	echo
	echo "| command | wall s | CPU s | peak KiB | wall / xmllint | CPU / xmllint |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: |"
	per=0
	row ox '`xmllint --noout --stream --schema xsd/netcfg.xsd f1.xml ...`' ox
	row oc_a '`netcfgc check -q --keys-beside f1.xml ...`' ox
	row om_a '`netcfgc migrate -q --keys-beside -o OUT f1.xml ...`' ox
else
	echo "All files in one process: not measured, this netcfgc has no --keys-beside"
	echo "(and one -k for all the files cannot stand for a side file per export)."
fi
echo
echo "Synthetic exports (gen.c), wall time and peak RSS:"
echo
echo "| VNets | file MB | xmllint --noout s | check s | migrate s | xmllint KiB | check KiB | migrate KiB | check mem / xmllint |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $small $large; do
	set -- $(med x$n) $(med c${n}_a) $(med m${n}_a)
	awk -v n="$n" -v mb="$(mb "$(wc -c <"$work/n$n.xml")")" -v xt="$1" -v xm="$3" -v ct="$4" -v cm="$6" \
	    -v mt="$7" -v mm="$9" 'BEGIN {
		printf "| %d | %s | %.3f | %.3f | %.3f | %d | %d | %d | %.2f |\n", n, mb, xt, ct, mt, xm, cm, mm, cm / xm }'
done
echo
echo "Targets (issue 12):"
echo
echo "| target | result | met |"
echo "| --- | --- | --- |"
awk -v c="$(ratio lc_a lx t)" -v m="$(ratio lm_a lx t)" 'BEGIN {
	printf "| check loop ≤ 1.5× xmllint loop | %.2f× | %s |\n", c, c <= 1.5 ? "yes" : "no"
	printf "| migrate loop ≤ 5× xmllint loop | %.2f× | %s |\n", m, m <= 5 ? "yes" : "no" }'
set -- $(med c${small}_a) $(med c${large}_a) $(med x$small) $(med x$large) $(med m${small}_a) $(med m${large}_a)
awk -v g="$(ratio c${large}_a c${small}_a t)" -v csm="$3" -v clm="$6" -v xsm="$9" -v xlm="${12}" -v msm="${15}" \
    -v mlm="${18}" -v s="$small" -v l="$large" 'BEGIN {
	printf "| check at %d VNets ≤ 12× check at %d | %.1f× | %s |\n", l, s, g, g <= 12 ? "yes" : "no"
	printf "| check peak RSS ≤ xmllint --noout'"'"'s | %.2f× at %d, %.2f× at %d | %s |\n", csm / xsm, s, clm / xlm, l,
	    csm <= xsm && clm <= xlm ? "yes" : "no"
	printf "| migrate peak RSS grows no faster than the input (≤ 10× for 10×) | %d → %d KiB, %.1f× | %s |\n",
	    msm, mlm, mlm / msm, mlm / msm <= 10 ? "yes" : "no" }'
[ -n "$netcfgc_b" ] || exit 0
echo
echo "B against A, in the same rounds (B / A below 1: B is faster or smaller):"
echo
echo "| command | A wall s | B wall s | B / A wall | A CPU s | B CPU s | B / A CPU | A KiB | B KiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for k in lc lm oc om c$small m$small c$large m$large; do
	[ -f "$work/${k}_a.t" ] && [ -f "$work/${k}_b.t" ] || continue
	case $k in
	lc) what="check, one process per file ($count)" ;;
	lm) what="migrate, one process per file ($count)" ;;
	oc) what="check --keys-beside, one process" ;;
	om) what="migrate --keys-beside, one process" ;;
	c*) what="check, ${k#c} VNets" ;;
	m*) what="migrate, ${k#m} VNets" ;;
	esac
	set -- $(med ${k}_a) $(med ${k}_b)
	awk -v w="$what" -v at="$1" -v ac="$2" -v am="$3" -v bt="$4" -v bc="$5" -v bm="$6" \
	    -v rt="$(ratio ${k}_b ${k}_a t)" -v rc="$(ratio ${k}_b ${k}_a c)" 'BEGIN {
		printf "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %d |\n", w, at, bt, rt, ac, bc, rc, am, bm }'
done
