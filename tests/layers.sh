#!/bin/sh
# layers.sh - no call cycle between source files: from the symbols each object
# file of libnetcfgc.a and main.o defines and uses, file A depends on file B
# when A uses a symbol B defines; no file may depend on itself through others.
# Prints TAP: one test, with the cycle named when there is one.
set -u
: "${NETCFGC_REAL:?NETCFGC_REAL must name the built netcfgc binary}"
top=$(dirname "$NETCFGC_REAL")
objs=$(ls "$top"/src/*.o 2>/dev/null)
echo "1..1"
if [ -z "$objs" ] || ! command -v nm >/dev/null; then
	echo "not ok 1 - no object files under $top/src or no nm"
	exit 0
fi
# "file T symbol" and "file U symbol" lines, then the edges, then the closure
for o in $objs; do
	f=$(basename "$o" .o)
	nm "$o" | awk -v f="$f" 'NF == 3 && $2 ~ /^[TDBR]$/ { print f, "D", $3 } $1 == "U" { print f, "U", $2 }'
done | awk '
	$2 == "D" { def[$3] = $1 }
	$2 == "U" { use[++n] = $1 " " $3 }
	END {
		for (i = 1; i <= n; i++) {
			split(use[i], p, " ")
			if ((p[2] in def) && def[p[2]] != p[1] && !((p[1], def[p[2]]) in e)) {
				e[p[1], def[p[2]]] = p[2]
				node[p[1]] = node[def[p[2]]] = 1
			}
		}
		# reach[a, b]: a depends on b, directly or through others (via: the path)
		for (k in e) { split(k, q, SUBSEP); reach[q[1], q[2]] = q[1] " -> " q[2] " (" e[k] ")" }
		for (m in node) for (a in node) if ((a, m) in reach) for (b in node)
			if (((m, b) in reach) && !((a, b) in reach))
				reach[a, b] = reach[a, m] " -> " substr(reach[m, b], index(reach[m, b], " -> ") + 4)
		bad = 0
		for (a in node) if ((a, a) in reach) { print "# cycle: " reach[a, a]; bad = 1 }
		if (bad) print "not ok 1 - a source file calls into a file that calls it back"
		else print "ok 1 - no call cycle between source files"
	}'
