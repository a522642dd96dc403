#!/bin/sh
# rules-docs.sh - the rule table (src/rules.c, as `netcfgc rules` and
# `netcfgc explain` print it) is the one place that knows a rule; the rule
# tables of README.md and doc/netcfgc.1 must say exactly what it says.  Prints TAP.
#
# For every rule, in the order `netcfgc rules` lists them, with its name N,
# its default level L and its summary S (`netcfgc rules`) and its level text
# T (the first line of `netcfgc explain N`, "N (T)"):
#   - T begins with L (the level text and the level of one rule agree);
#   - README.md, section "## Rules": its lines that begin with '|' are the
#     header, the separator and one row "| `N` | T | S |" per rule, in order,
#     nothing else ('|' in T or S written '\|');
#   - doc/netcfgc.1, from the first ".It" after ".Ss Rules" to the ".El"
#     that closes the list: the three lines ".It Sy N", "(T)" and "S." per
#     rule, in order, nothing else ('\' written '\e', a line that would begin
#     with '.' or '\'' begins with '\&'; no '.' is added after an S that ends
#     in '.', '?' or '!').
#
# `sh tests/rules-docs.sh --markdown` or `--man` prints the table as it must
# be, to paste into the document (NETCFGC names the binary, default ./netcfgc).
set -u
: "${srcdir:=.}"
NETCFGC=${NETCFGC:-./netcfgc}
tmp=${TMPDIR:-/tmp}/netcfgc-rules-docs.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# $tmp/rules: one rule a line, "N<TAB>L<TAB>T<TAB>S"; fails when the output cannot be read.
read_rules() {
	"$NETCFGC" rules >"$tmp/rules.out" || return 1
	: >"$tmp/rules"
	while IFS= read -r line; do
		name=${line%% *}
		rest=${line#"$name"}
		rest=${rest#"${rest%%[! ]*}"}
		level=${rest%% *}
		summary=${rest#"$level"}
		summary=${summary#"${summary%%[! ]*}"}
		if [ -z "$name" ] || [ -z "$level" ] || [ -z "$summary" ]; then
			echo "cannot read this line of 'netcfgc rules': $line"
			return 1
		fi
		first=$("$NETCFGC" explain "$name" | head -n 1)
		case $first in
		"$name ("?*")") ;;
		*)
			echo "'netcfgc explain $name' does not begin with '$name (LEVEL)'"
			return 1 ;;
		esac
		text=${first#"$name ("}
		text=${text%")"}
		printf '%s\t%s\t%s\t%s\n' "$name" "$level" "$text" "$summary" >>"$tmp/rules"
	done <"$tmp/rules.out"
	[ -s "$tmp/rules" ] || { echo "'netcfgc rules' lists no rule"; return 1; }
}

md_table() {
	echo '| rule | default level | what it catches |'
	echo '| --- | --- | --- |'
	sed 's/|/\\|/g' "$tmp/rules" | awk -F '\t' '{ printf "| `%s` | %s | %s |\n", $1, $3, $4 }'
}

man_table() {
	awk -F '\t' '
	function roff(s) {
		gsub(/\\/, "\\e", s)
		if (s ~ /^[.\047]/)
			s = "\\&" s
		return s
	}
	{
		s = $4
		if (s !~ /[.?!]$/)
			s = s "."
		printf ".It Sy %s\n(%s)\n%s\n", $1, roff($3), roff(s)
	}' "$tmp/rules"
}

case ${1:-} in
--markdown|--man)
	read_rules || exit 1
	if [ "$1" = --man ]; then man_table; else md_table; fi
	exit 0 ;;
esac

echo "1..4"
i=0
ok() { i=$((i + 1)); echo "ok $i - $1"; }
notok() { i=$((i + 1)); echo "not ok $i - $1"; [ -f "$2" ] && sed 's/^/# /' "$2"; }

if read_rules >"$tmp/why" 2>&1; then
	ok "netcfgc rules and explain give every rule a name, level, level text and summary"
else
	notok "netcfgc rules and explain give every rule a name, level, level text and summary" "$tmp/why"
	for t in "level text" "README.md" "doc/netcfgc.1"; do
		i=$((i + 1)); echo "not ok $i - $t: the rule table could not be read"
	done
	exit 0
fi

awk -F '\t' 'index($3 " ", $2 " ") != 1 && index($3 ";", $2 ";") != 1 {
	printf "%s: default level %s, but explain says (%s)\n", $1, $2, $3 }' "$tmp/rules" >"$tmp/why"
if [ -s "$tmp/why" ]; then
	notok "each rule's level text begins with its default level" "$tmp/why"
else
	ok "each rule's level text begins with its default level"
fi

md_table >"$tmp/want.md"
sed -n '/^## Rules$/,/^## /p' "$srcdir/README.md" | grep '^|' >"$tmp/got.md"
if ! [ -s "$tmp/got.md" ]; then
	echo "README.md has no table under '## Rules'" >"$tmp/why"
	notok "README.md's rule table is the rule table" "$tmp/why"
elif diff -u "$tmp/want.md" "$tmp/got.md" >"$tmp/why"; then
	ok "README.md's rule table is the rule table"
else
	notok "README.md's rule table is the rule table (- from netcfgc, + README.md; fix with tests/rules-docs.sh --markdown)" "$tmp/why"
fi

man_table >"$tmp/want.1"
awk '/^\.Ss Rules$/ { in_s = 1; next }
	in_s && /^\.El$/ { exit }
	in_s && /^\.It / { in_l = 1 }
	in_l { print }' "$srcdir/doc/netcfgc.1" >"$tmp/got.1"
if ! [ -s "$tmp/got.1" ]; then
	echo "doc/netcfgc.1 has no list under '.Ss Rules'" >"$tmp/why"
	notok "doc/netcfgc.1's rule list is the rule table" "$tmp/why"
elif diff -u "$tmp/want.1" "$tmp/got.1" >"$tmp/why"; then
	ok "doc/netcfgc.1's rule list is the rule table"
else
	notok "doc/netcfgc.1's rule list is the rule table (- from netcfgc, + doc/netcfgc.1; fix with tests/rules-docs.sh --man)" "$tmp/why"
fi
exit 0
