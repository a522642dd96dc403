#!/bin/sh
# golden.sh - the outputs of every sample and every clean case, byte for byte.
#
# Each input that migrates cleanly has its expected outputs in a directory
# beside it: samples/S.golden/ for samples/S.xml (and samples/S.peering.golden/
# for it with --vnet-to-vnet peering), tests/cases/R/C.golden/ for
# tests/cases/R/C.xml.  It holds azuredeploy.json, plan.json and runbook.md
# (from `netcfgc migrate -o`), parameters.json (its azuredeploy.parameters.json,
# under a shorter name: automake's default tar format drops paths over 99
# bytes from the tarball, and the last test here sees that every path fits),
# and graph.dot (from `netcfgc graph`, when that succeeds).  Each file is one
# TAP test; a difference is shown as the first lines of `diff -u`.
#
# Every input is run the same way, so the outputs do not depend on where the
# checkout or the build is: from inside the input's directory, with its
# relative file name (plan.json and runbook.md name it as given), writing to
# a temporary directory.  Options: a sample S.xml gets -k S.keys.ps1 and the
# words of S.args (as in samples.sh); a case C.xml the words of C.args (as in
# run-cases.sh).  An input is clean when `migrate -o` exits 0.
#
# After an intended change to the outputs, regenerate every expected file
# from the top of the source tree, then review the diff before committing:
#
#	NETCFGC=$PWD/netcfgc sh tests/golden.sh --update && git diff --stat
#
# --update also creates the directory of an input that became clean and
# removes those of inputs that are gone or no longer clean.  Keep in mind
# that plan.json and runbook.md carry netcfgc's version: a new version
# changes every expected plan and runbook.
set -u
: "${NETCFGC:?NETCFGC must name the netcfgc binary}"
: "${srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
update=
case ${1:-} in
--update) update=1 ;;
'') ;;
*) echo "usage: NETCFGC=BINARY sh tests/golden.sh [--update]" >&2; exit 2 ;;
esac
# netcfgc runs in other directories: make relative names absolute
case $NETCFGC in */*) case $NETCFGC in /*) ;; *) NETCFGC=$PWD/$NETCFGC ;; esac ;; esac
case $srcdir in /*) ;; *) srcdir=$(cd "$srcdir" && pwd) ;; esac
tmp=${TMPDIR:-/tmp}/netcfgc-golden.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

i=0
tag=	# .peering: the outputs with --vnet-to-vnet peering, in S.peering.golden/
ok() { i=$((i + 1)); echo "ok $i - $1"; }
notok() { i=$((i + 1)); echo "not ok $i - $1"; [ -s "$2" ] && head -n 40 "$2" | sed 's/^/# /'; }

# written NAME: the name of the output stored as NAME
written() { case $1 in parameters.json) echo azuredeploy.parameters.json ;; *) echo "$1" ;; esac; }

# golden DIR BASE ARGS...: run BASE.xml in $srcdir/DIR with ARGS and compare
# its outputs with $srcdir/DIR/BASE.golden/ (or write them there with --update)
golden() {
	dir=$1
	base=$2
	shift 2
	name=$dir/$base$tag
	exp=$srcdir/$dir/$base$tag.golden
	rm -rf "$tmp/o" "$tmp/graph.dot"
	(cd "$srcdir/$dir" && "$NETCFGC" migrate -q "$@" -o "$tmp/o" "$base.xml") >"$tmp/err" 2>&1
	mrc=$?
	(cd "$srcdir/$dir" && "$NETCFGC" graph -q "$@" "$base.xml") >"$tmp/graph.dot" 2>"$tmp/gerr"
	grc=$?
	act=$tmp/o/$base
	if [ $mrc -eq 0 ] && [ -d "$act" ]; then
		[ -f "$act/azuredeploy.parameters.json" ] &&
		    mv "$act/azuredeploy.parameters.json" "$act/parameters.json"
		[ $grc -eq 0 ] && cp "$tmp/graph.dot" "$act/graph.dot"
	elif [ -d "$exp" ]; then
		[ -n "$update" ] && { rm -rf "$exp"; echo "removed $name.golden/ (migrate exited $mrc)"; return; }
		notok "$name: migrate exited $mrc, but $base.golden/ expects outputs" "$tmp/err"
		return
	else
		return	# not a clean input: run-cases.sh checks its diagnostics
	fi

	if [ -n "$update" ]; then
		rm -rf "$exp"
		mkdir "$exp" && cp "$act"/* "$exp"/ && chmod 644 "$exp"/* || exit 1
		echo "wrote $name.golden/ ($(cd "$exp" && echo *))"
		return
	fi
	if [ ! -d "$exp" ]; then
		notok "$name: migrate succeeds but there is no $base.golden/ (run tests/golden.sh --update)" /dev/null
		return
	fi
	seen=
	for f in $(cd "$act" && ls) $(cd "$exp" && ls); do
		case " $seen " in *" $f "*) continue ;; esac
		seen="$seen $f"
		if [ ! -f "$exp/$f" ]; then
			notok "$name: $(written "$f") is written but not expected (run tests/golden.sh --update)" /dev/null
		elif [ ! -f "$act/$f" ]; then
			if [ "$f" = graph.dot ]; then
				notok "$name: $f expected, but graph exited $grc" "$tmp/gerr"
			else
				notok "$name: $(written "$f") expected, but migrate did not write it" "$tmp/err"
			fi
		elif cmp -s "$exp/$f" "$act/$f"; then
			ok "$name: $(written "$f")"
		else
			diff -u -L "$name.golden/$f (expected)" -L "$(written "$f") (actual)" \
			    "$exp/$f" "$act/$f" >"$tmp/diff" 2>&1
			notok "$name: $f differs from $base.golden/$f" "$tmp/diff"
		fi
	done
}

for x in $(cd "$srcdir/samples" && ls *.xml | LC_ALL=C sort); do
	b=${x%.xml}
	set --
	[ -f "$srcdir/samples/$b.keys.ps1" ] && set -- -k "$b.keys.ps1"
	# shellcheck disable=SC2046
	[ -f "$srcdir/samples/$b.args" ] && set -- "$@" $(cat "$srcdir/samples/$b.args")
	tag=
	golden samples "$b" "$@"
	# each sample in the other mode too: its VNet-to-VNet pairs as peerings
	tag=.peering
	golden samples "$b" "$@" --vnet-to-vnet peering
done
tag=
for x in $(cd "$srcdir" && find tests/cases -name '*.xml' | LC_ALL=C sort); do
	d=$(dirname "$x")
	b=$(basename "$x" .xml)
	# shellcheck disable=SC2046
	golden "$d" "$b" $(cat "$srcdir/$d/$b.args" 2>/dev/null)
done

# an expected directory whose input is gone tests nothing
for g in $(cd "$srcdir" && find samples tests/cases -name '*.golden' -type d | LC_ALL=C sort); do
	[ -f "$srcdir/${g%.golden}.xml" ] && continue
	[ -f "$srcdir/${g%.peering.golden}.xml" ] && case $g in samples/*) continue ;; esac
	if [ -n "$update" ]; then
		rm -rf "${srcdir:?}/$g" && echo "removed $g/ (no ${g%.golden}.xml)"
	else
		notok "$g/ has no input ${g%.golden}.xml (run tests/golden.sh --update)" /dev/null
	fi
done

[ -n "$update" ] && exit 0

# `make dist` (tar-v7) leaves out, with only a warning, a file whose path in
# the tarball is longer than 99 bytes, and `make distcheck` would then fail
# here for a reason it does not say
v=$("$NETCFGC" --version 2>/dev/null | sed -n '1s/^netcfgc //p')
long=$(cd "$srcdir" && find samples tests/cases -path '*.golden/*' | LC_ALL=C sort |
    awk -v p="netcfgc-${v:-0.0.0}/" 'length(p $0) > 99 { print "# " length(p $0) " bytes: " p $0 }')
if [ -z "$long" ]; then
	ok "every expected file fits in the tarball (paths of at most 99 bytes)"
else
	notok "expected files too long for the tarball (99 bytes): shorten the case's name" /dev/null
	echo "$long"
fi

echo "1..$i"
exit 0
