#!/bin/sh
# completion.sh - the bash completion in plain bash (no bash-completion
# package, extglob off): COMP_WORDS as bash splits a line ('=' is a word
# break), then COMPREPLY.  Prints TAP.
set -u
: "${NETCFGC:?NETCFGC must name the netcfgc binary}"
: "${srcdir:=.}"
command -v bash >/dev/null 2>&1 || { echo "1..0 # SKIP no bash"; exit 0; }
tmp=${TMPDIR:-/tmp}/netcfgc-completion.$$
mkdir -p "$tmp/bin" "$tmp/work/sub" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
# the completion asks `netcfgc rules`: the binary under test, first on PATH
printf '#!/bin/sh\nexec "%s" "$@"\n' "$NETCFGC" >"$tmp/bin/netcfgc"
chmod +x "$tmp/bin/netcfgc"
: >"$tmp/work/keys.ps1"
: >"$tmp/work/kx.txt"
: >"$tmp/work/net.xml"

# complete WORD... : COMP_WORDS are the words, the last one is being completed
complete_words() {
	(cd "$tmp/work" && PATH="$tmp/bin:$PATH" bash --norc --noprofile -c '
		shopt -u extglob
		. "$0"
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_netcfgc 2>/dev/null
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' "$srcdir/completion/netcfgc" "$@")
}

i=0
t() {
	want=$1
	shift
	got=$(complete_words "$@" | tr '\n' ' ' | sed 's/ $//')
	i=$((i + 1))
	if [ "$got" = "$want" ]; then
		echo "ok $i - '$*' completes to '$want'"
	else
		echo "not ok $i - '$*' completes to '$got', not '$want'"
	fi
}

echo "1..12"
t "migrate" netcfgc mig
t "keys.ps1 kx.txt" netcfgc check -k k
t "gateway-default-site= gateway-default=" netcfgc check -W gateway-d
t "off" netcfgc check -W gateway-default = of
t "error note off warning" netcfgc check -W gateway-default =
t "Standard=" netcfgc migrate --gateway-sku St
t "VpnGw1AZ VpnGw2AZ VpnGw3AZ VpnGw4AZ VpnGw5AZ" netcfgc migrate --gateway-sku Standard = Vpn
t "json" netcfgc check --diagnostics-format j
t "json sarif text" netcfgc check --diagnostics-format ""
t "always auto never" netcfgc check --color =
t "--keep-paths --keys --keys-beside" netcfgc migrate --ke
t "keys.ps1 kx.txt net.xml sub" netcfgc check ""
