#!/bin/sh
# samples.sh - every sample checks clean and migrates: four files, the key
# only in the mode-0600 parameters file, byte-identical on a second run, and
# (when ARM_VALIDATE names ../shared/tools/arm-validate) schema-valid.
# Options for a sample S.xml: S.keys.ps1 (given with -k), S.args.  Prints TAP.
set -u
: "${NETCFGC:?NETCFGC must name the netcfgc binary}"
: "${srcdir:=.}"
tmp=${TMPDIR:-/tmp}/netcfgc-samples.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

samples=$(cd "$srcdir/samples" && ls *.xml | LC_ALL=C sort)
n=0
for s in $samples; do n=$((n + 7)); done
[ -n "${ARM_VALIDATE:-}" ] && for s in $samples; do n=$((n + 2)); done
echo "1..$n"
i=0
ok() { i=$((i + 1)); echo "ok $i - $1"; }
notok() { i=$((i + 1)); echo "not ok $i - $1"; [ -f "$2" ] && sed 's/^/# /' "$2"; }
# validate DIR NAME: with ARM_VALIDATE, one test that DIR's template, parameters and plan pass it
validate() {
	[ -n "${ARM_VALIDATE:-}" ] || return 0
	if "$ARM_VALIDATE" -q "$1/azuredeploy.json" "$1/azuredeploy.parameters.json" "$1/plan.json" >"$tmp/val" 2>&1; then
		ok "$2"
	else
		notok "$2 (it does not)" "$tmp/val"
	fi
}

for s in $samples; do
	b=${s%.xml}
	set --
	[ -f "$srcdir/samples/$b.keys.ps1" ] && set -- -k "$srcdir/samples/$b.keys.ps1"
	# shellcheck disable=SC2046
	[ -f "$srcdir/samples/$b.args" ] && set -- "$@" $(cat "$srcdir/samples/$b.args")

	"$NETCFGC" check "$@" "$srcdir/samples/$s" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && [ "$(tail -n 1 "$tmp/err")" = "0 errors, 0 warnings" ]; then
		ok "$b: checks clean"
	else
		notok "$b: check exited $rc or warned" "$tmp/err"
	fi

	rm -rf "$tmp/o1" "$tmp/o2"
	"$NETCFGC" migrate -q "$@" -o "$tmp/o1" "$srcdir/samples/$s" 2>"$tmp/err"
	rc=$?
	d=$tmp/o1/$b
	if [ $rc -eq 0 ] && [ -s "$d/azuredeploy.json" ] && [ -s "$d/azuredeploy.parameters.json" ] &&
	    [ -s "$d/plan.json" ] && [ -s "$d/runbook.md" ] &&
	    [ "$(ls -A "$d" | wc -l)" -eq 4 ]; then
		ok "$b: migrate writes the four outputs and nothing else"
	else
		notok "$b: migrate exited $rc or outputs are missing" "$tmp/err"
	fi

	mode=$(stat -c %a "$d/azuredeploy.parameters.json" 2>/dev/null)
	if [ "$mode" = 600 ]; then
		ok "$b: parameters file has mode 0600"
	else
		notok "$b: parameters file has mode '$mode'" /dev/null
	fi

	leak=
	if [ -f "$srcdir/samples/$b.keys.ps1" ]; then
		for k in $(sed -n 's/.*-SharedKey[ :]*\([A-Za-z0-9]*\).*/\1/p' "$srcdir/samples/$b.keys.ps1" | sort -u); do
			[ -n "$k" ] || continue
			grep -q "$k" "$d/azuredeploy.parameters.json" || leak="$leak missing:$k"
			for f in azuredeploy.json plan.json runbook.md; do
				grep -q "$k" "$d/$f" && leak="$leak $f"
			done
			grep -q "$k" "$tmp/err" && leak="$leak stderr"
		done
	fi
	if [ -z "$leak" ]; then
		ok "$b: keys only in the parameters file"
	else
		notok "$b: key problem:$leak" /dev/null
	fi

	"$NETCFGC" migrate -q "$@" -o "$tmp/o2" "$srcdir/samples/$s" 2>/dev/null
	if diff -r "$tmp/o1/$b" "$tmp/o2/$b" >"$tmp/diff" 2>&1; then
		ok "$b: a second run is byte-identical"
	else
		notok "$b: outputs differ between runs" "$tmp/diff"
	fi

	validate "$d" "$b: arm-validate accepts template, parameters and plan"

	# the other mode: VNet-to-VNet pairs as peerings (issue 17)
	"$NETCFGC" check --vnet-to-vnet peering "$@" "$srcdir/samples/$s" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && [ "$(tail -n 1 "$tmp/err")" = "0 errors, 0 warnings" ]; then
		ok "$b: checks clean with --vnet-to-vnet peering"
	else
		notok "$b: check --vnet-to-vnet peering exited $rc or warned" "$tmp/err"
	fi
	rm -rf "$tmp/o3"
	"$NETCFGC" migrate -q --vnet-to-vnet peering "$@" -o "$tmp/o3" "$srcdir/samples/$s" 2>"$tmp/err"
	rc=$?
	d=$tmp/o3/$b
	leak=
	for k in $(sed -n 's/.*-SharedKey[ :]*\([A-Za-z0-9]*\).*/\1/p' "$srcdir/samples/$b.keys.ps1" 2>/dev/null | sort -u); do
		for f in azuredeploy.json plan.json runbook.md; do
			grep -q "$k" "$d/$f" 2>/dev/null && leak="$leak $f"
		done
	done
	if [ $rc -eq 0 ] && [ "$(ls -A "$d" | wc -l)" -eq 4 ] && [ -z "$leak" ]; then
		ok "$b: migrate --vnet-to-vnet peering writes the four outputs, keys in none but the parameters"
	else
		notok "$b: migrate --vnet-to-vnet peering exited $rc, or a key is in:$leak" "$tmp/err"
	fi
	validate "$d" "$b: arm-validate accepts the outputs with --vnet-to-vnet peering"
done
exit 0
