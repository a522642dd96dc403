#!/bin/sh
# keys.sh - no key of a side file reaches any stream or output but the
# parameters file (SPEC §2), for every test case and sample with a side file:
# check in text, JSON and SARIF, migrate to a directory (template, plan,
# runbook, graph) and migrate to stdout.  The keys looked for are every value
# given to -SharedKey, and every word with "Secret" in it (the cases that put
# keys where the reader cannot know they are keys use such words).  Prints TAP.
set -u
: "${NETCFGC:?NETCFGC must name the netcfgc binary}"
: "${srcdir:=.}"
tmp=${TMPDIR:-/tmp}/netcfgc-keys.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# The keys in the side files named: one a line, quotes taken off.
keys_of() {
	awk '
	function unq(v) {
		if (v ~ /^'\''.*'\''$/ || v ~ /^".*"$/)
			v = substr(v, 2, length(v) - 2)
		return v
	}
	{
		line = $0
		low = tolower(line)
		while ((p = index(low, "-sharedkey")) > 0) {
			rest = substr(line, p + 10)
			sub(/^[: \t]+/, "", rest)
			if (rest ~ /^'\''/)
				match(rest, /^'\''[^'\'']*'\''/)
			else if (rest ~ /^"/)
				match(rest, /^"[^"]*"/)
			else
				match(rest, /^[^ \t|;]+/)
			if (RSTART > 0)
				print unq(substr(rest, RSTART, RLENGTH))
			line = substr(line, p + 10)
			low = substr(low, p + 10)
		}
		# a key printed by Get-AzureVNetGatewayKey: "Value : K"
		if (match($0, /^[ \t]*Value[ \t]*:[ \t]*/)) {
			rest = substr($0, RLENGTH + 1)
			sub(/[ \t\r]+$/, "", rest)
			print rest
		}
		# a variable that holds a key: $sharedKey = '...'
		if (match($0, /^[ \t]*\$[A-Za-z_]*[Kk][Ee][Yy][A-Za-z0-9_]*[ \t]*=[ \t]*/)) {
			rest = substr($0, RLENGTH + 1)
			if (rest ~ /^'\''/ && match(rest, /^'\''[^'\'']*'\''/))
				print unq(substr(rest, RSTART, RLENGTH))
			else if (rest ~ /^"/ && match(rest, /^"[^"$]*"/))
				print unq(substr(rest, RSTART, RLENGTH))
		}
		n = split($0, w, /[^A-Za-z0-9-]+/)
		for (i = 1; i <= n; i++)
			if (w[i] ~ /Secret/)
				print w[i]
	}' "$@" | awk 'length($0) >= 4 && $0 !~ /^\$/' | LC_ALL=C sort -u
}

# Lines "DIR<TAB>XML<TAB>ARGS": every case with -k, then every sample with a script.
list() {
	for a in "$srcdir"/tests/cases/*/*.args; do
		grep -q -- '-k ' "$a" || continue
		printf '%s\t%s\t%s\n' "$(dirname "$a")" "$(basename "$a" .args).xml" "$(cat "$a")"
	done
	for k in "$srcdir"/samples/*.keys.ps1; do
		b=$(basename "$k" .keys.ps1)
		extra=
		[ -f "$srcdir/samples/$b.args" ] && extra=" $(cat "$srcdir/samples/$b.args")"
		printf '%s\t%s\t%s\n' "$srcdir/samples" "$b.xml" "-k $b.keys.ps1$extra"
	done
}

list >"$tmp/list"
n=$(grep -c . "$tmp/list")
echo "1..$((n + 1))"
i=0
fail=0
nkeys=0
tab=$(printf '\t')
while IFS=$tab read -r dir xml args; do
	i=$((i + 1))
	# the side files are the words after each -k
	sides=$(printf '%s\n' "$args" | awk '{ for (j = 1; j < NF; j++) if ($j == "-k") print $(j + 1) }')
	(cd "$dir" && keys_of $sides) >"$tmp/keys"
	nkeys=$((nkeys + $(grep -c . "$tmp/keys")))
	rm -rf "$tmp/run"
	mkdir "$tmp/run"
	(
		cd "$dir" || exit 1
		# shellcheck disable=SC2086
		"$NETCFGC" check $args "$xml" >"$tmp/run/check.out" 2>"$tmp/run/check.err"
		# shellcheck disable=SC2086
		"$NETCFGC" check --diagnostics-format json $args "$xml" 2>"$tmp/run/check.json"
		# shellcheck disable=SC2086
		"$NETCFGC" check --diagnostics-format sarif $args "$xml" 2>"$tmp/run/check.sarif"
		# shellcheck disable=SC2086
		"$NETCFGC" migrate $args -o "$tmp/run/o" "$xml" >"$tmp/run/migrate.out" 2>"$tmp/run/migrate.err"
		# shellcheck disable=SC2086
		"$NETCFGC" migrate $args "$xml" >"$tmp/run/plan.out" 2>"$tmp/run/plan.err"
		# shellcheck disable=SC2086
		"$NETCFGC" migrate --diagnostics-format sarif $args "$xml" >/dev/null 2>"$tmp/run/migrate.sarif"
	)
	find "$tmp/run" -type f ! -name '*.parameters.json' >"$tmp/files"
	leaked=
	while IFS= read -r k; do
		# shellcheck disable=SC2046
		if grep -lF -e "$k" $(cat "$tmp/files") >"$tmp/where" 2>/dev/null; then
			leaked="$leaked '$k' in $(sed "s|$tmp/run/||" "$tmp/where" | tr '\n' ' ')"
		fi
	done <"$tmp/keys"
	if [ -n "$leaked" ]; then
		echo "not ok $i - $dir/$xml: keys leak:$leaked"
		fail=$((fail + 1))
	else
		echo "ok $i - $dir/$xml: $(grep -c . "$tmp/keys") keys in no output but the parameters file"
	fi
done <"$tmp/list"
i=$((i + 1))
# the test looks for something: the cases hold keys
if [ "$nkeys" -ge 20 ]; then
	echo "ok $i - $nkeys keys looked for"
else
	echo "not ok $i - only $nkeys keys found in the side files"
fi
exit 0
