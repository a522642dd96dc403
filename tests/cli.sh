#!/bin/sh
# cli.sh - the command line as a user meets it: commands, options, exit
# statuses, several files, standard input, diagnostics formats, and hostile
# input (entities, entity bombs, deep nesting, huge attributes, NUL bytes,
# invalid UTF-8, broken side files).  Prints TAP.
set -u
: "${NETCFGC:?NETCFGC must name the netcfgc binary}"
: "${srcdir:=.}"
: "${RUNLIMIT:?RUNLIMIT must name tests/runlimit}"
# time and memory limits are multiplied by this under valgrind
slow=${TEST_SLOWDOWN:-1}
tmp=${TMPDIR:-/tmp}/netcfgc-cli.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
S=$srcdir/samples
NS=http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration
i=0
fails=0
t() {	# t NAME COMMAND...: the command must succeed
	name=$1
	shift
	i=$((i + 1))
	if "$@" >"$tmp/t.out" 2>&1; then
		echo "ok $i - $name"
	else
		echo "not ok $i - $name"
		sed 's/^/# /' "$tmp/t.out" | head -n 20
		fails=$((fails + 1))
	fi
}
# run ARGS...: netcfgc with stdout/stderr in $tmp/out and $tmp/err, status in $rc
run() {
	"$NETCFGC" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
has() { grep -q -e "$1" "$tmp/err"; }
hasout() { grep -q -e "$1" "$tmp/out"; }



run --help
t "--help lists the commands and exits 0" sh -c "[ $rc -eq 0 ] && grep -q 'netcfgc check' '$tmp/out' && grep -q 'netcfgc migrate' '$tmp/out' && grep -q 'netcfgc rules' '$tmp/out' && grep -q 'netcfgc explain' '$tmp/out'"
run --version
t "--version" sh -c "[ $rc -eq 0 ] && grep -q '^netcfgc [0-9]' '$tmp/out'"
run chekc x.xml
t "unknown command: exit 2 with did you mean" sh -c "[ $rc -eq 2 ] && grep -q \"did you mean 'check'\" '$tmp/err'"
run check
t "no FILE: exit 2" test $rc -eq 2
run check --frobnicate "$S/point-to-site.xml"
t "unknown option: exit 2" sh -c "[ $rc -eq 2 ] && grep -q \"unknown option '--frobnicate'\" '$tmp/err'"
run check -o "$tmp/o" "$S/point-to-site.xml"
t "-o belongs to migrate: exit 2" test $rc -eq 2
run check "$tmp/no-such.xml"
t "missing file: exit 3 with the system's reason" sh -c "[ $rc -eq 3 ] && grep -q \"netcfgc: error: cannot open '.*no-such.xml': No such file or directory\" '$tmp/err'"
run check "$tmp"
t "a directory: exit 3" sh -c "[ $rc -eq 3 ] && grep -q 'Is a directory' '$tmp/err'"
run check -k "$tmp/no-such.ps1" "$S/point-to-site.xml"
t "unreadable side file: exit 3" test $rc -eq 3

run check "$srcdir/tests/cases/subnet-overlap/overlap.xml" "$S/point-to-site.xml"
t "several files: the worst status, each file reported" sh -c "[ $rc -eq 1 ] && grep -q 'overlap.xml:17:13: error' '$tmp/err' && [ \$(grep -c ': error: ' '$tmp/err') -eq 2 ]"
run check "$S/point-to-site.xml" "$tmp/no-such.xml" "$srcdir/tests/cases/subnet-overlap/overlap.xml"
t "unreadable file among others: exit 3, the others still checked" sh -c "[ $rc -eq 3 ] && grep -q 'overlap.xml:17:13' '$tmp/err'"
t "no progress line when stderr is not a terminal" sh -c "! grep -q \"\$(printf '\\r')\" '$tmp/err'"
run check - <"$srcdir/tests/cases/cidr-host-bits/host-bits.xml"
t "standard input is '-' and is named <stdin>" sh -c "[ $rc -eq 1 ] && grep -q '^<stdin>:7:11: error' '$tmp/err'"
run check -q "$srcdir/tests/cases/cidr-host-bits/host-bits.xml"
t "-q drops the summary line" sh -c "[ $rc -eq 1 ] && ! grep -q 'errors,' '$tmp/err'"

run check -W vnet-overlap=off "$srcdir/tests/cases/vnet-overlap/unconnected-warning.xml"
t "-W RULE=off silences a rule" sh -c "[ $rc -eq 0 ] && ! grep -q vnet-overlap '$tmp/err'"
run check -W vnet-overlap=error "$srcdir/tests/cases/vnet-overlap/unconnected-warning.xml"
t "-W RULE=error makes it an error" sh -c "[ $rc -eq 1 ] && grep -q 'error: address space 10.1.128.0/17' '$tmp/err'"
run check -Werror "$srcdir/tests/cases/vnet-overlap/unconnected-warning.xml"
t "-Werror makes warnings errors" test $rc -eq 1
run check -W vnet-overlpa=off "$S/point-to-site.xml"
t "-W with a misspelt rule: exit 2 with did you mean" sh -c "[ $rc -eq 2 ] && grep -q \"did you mean 'vnet-overlap'\" '$tmp/err'"
run check -W vnet-overlap=loud "$S/point-to-site.xml"
t "-W with an unknown level: exit 2" test $rc -eq 2
run check -W xml-schema=off "$srcdir/tests/cases/xml-schema/unknown-element.xml"
t "-W cannot silence xml-schema (the file would fail unexplained): exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'the level of xml-schema cannot be changed' '$tmp/err'"
run check -W xml-syntax=warning "$srcdir/tests/cases/xml-syntax/not-well-formed.xml"
t "-W cannot lower xml-syntax: exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'the level of xml-syntax cannot be changed' '$tmp/err'"
run check -W xml-schema=error "$srcdir/tests/cases/xml-schema/unknown-element.xml"
t "-W xml-schema=error is allowed: the file's errors are reported, exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'error: .*\[xml-schema\]' '$tmp/err'"

run check --diagnostics-format json "$srcdir/tests/cases/name-duplicate/duplicates.xml"
t "json diagnostics carry the SPEC fields" sh -c "[ $rc -eq 1 ] && head -c 1 '$tmp/err' | grep -q '\\[' && grep -q '\"rule\": \"name-duplicate\"' '$tmp/err' && grep -q '\"line\": 7' '$tmp/err' && grep -q '\"column\": 20' '$tmp/err' && grep -q '\"kind\": \"DnsServer\"' '$tmp/err' && grep -q '\"name\": \"dns1\"' '$tmp/err' && grep -q '\"level\": \"error\"' '$tmp/err' && ! grep -q 'errors,' '$tmp/err'"
# a side file's words and a file's name may be any bytes; JSON carries only UTF-8
cp "$S/vnet2vnet-classic.keys.ps1" "$tmp/latin1$(printf '\377').ps1"
printf 'Get-Th\377ing -Name x\n' >>"$tmp/latin1$(printf '\377').ps1"
cp "$srcdir/tests/cases/subnet-overlap/overlap.xml" "$tmp/bad$(printf '\377').xml"
run check --diagnostics-format json -k "$tmp/latin1$(printf '\377').ps1" "$tmp/bad$(printf '\377').xml"
printf 'latin1\357\277\275.ps1"\n' >"$tmp/want-msg"
printf 'bad\357\277\275.xml"\n' >"$tmp/want-file"
t "json diagnostics keep file names with invalid UTF-8, as U+FFFD; a side file's words are not quoted" sh -c "[ $rc -eq 1 ] && grep -qF -f '$tmp/want-msg' '$tmp/err' && grep -qF -f '$tmp/want-file' '$tmp/err' && ! grep -q 'Th.*ing' '$tmp/err' && awk '/\"level\"/ { want = NR + 2 } NR == want && !/\"message\"/ { bad = 1 } END { exit bad }' '$tmp/err'"
run migrate -q -k "$tmp/latin1$(printf '\377').ps1" "$S/vnet2vnet-classic.xml"
t "the plan keeps a side-file diagnostic of a file whose name is invalid UTF-8" sh -c "[ $rc -eq 0 ] && grep -qF -f '$tmp/want-msg' '$tmp/out'"
run check --diagnostics-format xml "$S/point-to-site.xml"
t "unknown diagnostics format: exit 2" test $rc -eq 2

run rules
n=$(wc -l <"$tmp/out")
t "rules lists every rule once" sh -c "[ $rc -eq 0 ] && [ $n -ge 33 ] && [ \$(cut -d' ' -f1 '$tmp/out' | sort -u | wc -l) -eq $n ]"
for r in $(cut -d' ' -f1 "$tmp/out"); do
	"$NETCFGC" explain "$r" >"$tmp/ex" 2>&1 && grep -q "^$r (" "$tmp/ex" && grep -q '^Source: ' "$tmp/ex" || echo "$r" >>"$tmp/bad-explain"
	grep -q -e "^\.It Sy $r\$" "$srcdir/doc/netcfgc.1" || echo "man:$r" >>"$tmp/bad-doc"
	grep -q -e "| \`$r\` |" "$srcdir/README.md" || echo "readme:$r" >>"$tmp/bad-doc"
done
t "explain knows every rule" test ! -s "$tmp/bad-explain"
t "the man page and README list every rule" sh -c "! cat '$tmp/bad-doc' 2>/dev/null | grep ."
run explain cidr-hostbits
t "explain with a misspelt rule: exit 2 with did you mean" sh -c "[ $rc -eq 2 ] && grep -q \"did you mean 'cidr-host-bits'\" '$tmp/err'"

# --- hostile input
printf 'TOP-SECRET-FILE-CONTENT\n' >"$tmp/secret.txt"
cat >"$tmp/xxe.xml" <<XML
<?xml version="1.0"?>
<!DOCTYPE NetworkConfiguration [ <!ENTITY x SYSTEM "file://$tmp/secret.txt"> ]>
<NetworkConfiguration xmlns="$NS"><VirtualNetworkConfiguration>&x;</VirtualNetworkConfiguration></NetworkConfiguration>
XML
run migrate "$tmp/xxe.xml"
t "external entity: refused, exit 3, the file's content nowhere" sh -c "[ $rc -eq 3 ] && grep -q 'DOCTYPE' '$tmp/err' && ! grep -q TOP-SECRET '$tmp/err' '$tmp/out'"
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE lolz ['
	echo ' <!ENTITY lol "lol">'
	j=1
	prev=lol
	while [ $j -le 9 ]; do
		echo " <!ENTITY lol$j \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
		prev=lol$j
		j=$((j + 1))
	done
	echo ']>'
	echo "<NetworkConfiguration xmlns=\"$NS\">&lol9;</NetworkConfiguration>"
} >"$tmp/laughs.xml"
t "billion laughs: exit 3 within 20 s and 300 MB" sh -c "'$RUNLIMIT' \$((300000 * $slow)) \$((20 * $slow)) '$NETCFGC' check '$tmp/laughs.xml' 2>'$tmp/err'; [ \$? -eq 3 ]"
awk 'BEGIN { printf "<NetworkConfiguration xmlns=\"'$NS'\">"; for (i = 0; i < 200000; i++) printf "<a>"; for (i = 0; i < 200000; i++) printf "</a>"; print "</NetworkConfiguration>" }' >"$tmp/deep.xml"
t "200000 levels of nesting: exit 3 within 20 s and 300 MB" sh -c "'$RUNLIMIT' \$((300000 * $slow)) \$((20 * $slow)) '$NETCFGC' check '$tmp/deep.xml' 2>'$tmp/err'; [ \$? -eq 3 ] && grep -q 'xml-syntax' '$tmp/err'"
{
	printf '<NetworkConfiguration xmlns="%s"><VirtualNetworkConfiguration><VirtualNetworkSites><VirtualNetworkSite name="' "$NS"
	head -c 31457280 /dev/zero | tr '\0' 'v'
	printf '" Location="West US"><AddressSpace><AddressPrefix>10.0.0.0/8</AddressPrefix></AddressSpace></VirtualNetworkSite></VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>\n'
} >"$tmp/huge.xml"
t "30 MB attribute: an xml-schema error (exit 1) within 60 s and 600 MB, none of libxml2's words" sh -c "'$RUNLIMIT' \$((600000 * $slow)) \$((60 * $slow)) '$NETCFGC' check '$tmp/huge.xml' 2>'$tmp/err'; [ \$? -eq 1 ] && grep -q 'huge.xml:1:.*longer than libxml2 reads.*xml-schema' '$tmp/err' && ! grep -qi 'attvalue\\|huge input' '$tmp/err'"
printf '<NetworkConfiguration xmlns="%s">\n<Virtual\000NetworkConfiguration/>\n</NetworkConfiguration>\n' "$NS" >"$tmp/nul.xml"
run check "$tmp/nul.xml"
t "NUL byte: exit 3 naming line 2" sh -c "[ $rc -eq 3 ] && grep -q 'nul.xml:2:' '$tmp/err'"
printf '<?xml version="1.0" encoding="utf-8"?>\n<NetworkConfiguration xmlns="%s">\n<VirtualNetworkConfiguration><VirtualNetworkSites><VirtualNetworkSite name="caf\351" Location="West US"/></VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>\n' "$NS" >"$tmp/latin1.xml"
run check "$tmp/latin1.xml"
t "invalid UTF-8: exit 3 naming line 3" sh -c "[ $rc -eq 3 ] && grep -q 'latin1.xml:3:' '$tmp/err'"
head -c 1500 "$S/multi-site.xml" >"$tmp/cut.xml"
run check "$tmp/cut.xml"
t "a file cut off: exit 3, the error names the line" sh -c "[ $rc -eq 3 ] && grep -q 'cut.xml:[0-9][0-9]*:[0-9]*: error: not well-formed' '$tmp/err'"

printf 'Set-AzureVNetGatewayKey -VNetName RemoteAccessVNet -LocalNetworkSiteName X -SharedKey Abc\000def\n' >"$tmp/nul.ps1"
run check -k "$tmp/nul.ps1" "$S/point-to-site.xml"
t "side file with a NUL byte: a side-file error" sh -c "[ $rc -eq 1 ] && grep -q 'nul.ps1:1:.*NUL byte.*\\[side-file\\]' '$tmp/err'"
{ printf "Set-AzureVNetGatewayKey -VNetName 'RemoteAccessVNet -SharedKey "; head -c 2097152 /dev/zero | tr '\0' 'k'; printf '\n'; } >"$tmp/long.ps1"
"$RUNLIMIT" $((200000 * slow)) $((10 * slow)) "$NETCFGC" check -k "$tmp/long.ps1" "$S/point-to-site.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
t "side file with a 2 MB unterminated line: a side-file error within 10 s and 200 MB" sh -c "[ $rc -eq 1 ] && grep -q 'long.ps1:1:35: error: unterminated single-quoted string \\[side-file\\]' '$tmp/err' && [ \$(wc -c <'$tmp/err') -lt 2000 ]"
printf 'Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S -SharedKey "SuperSecret123\n' >"$tmp/open.ps1"
run check -k "$tmp/open.ps1" "$S/point-to-site.xml"
t "unterminated quote around a key: the key never printed" sh -c "[ $rc -eq 1 ] && has() { grep -q \"\$1\" '$tmp/err'; }; has unterminated && ! has SuperSecret123"

# --- gateway outputs: names made from VNet names must stay distinct
cat >"$tmp/outs.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<NetworkConfiguration xmlns="http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration">
  <VirtualNetworkConfiguration>
    <VirtualNetworkSites>
      <VirtualNetworkSite name="A1" Location="West Europe">
        <AddressSpace><AddressPrefix>10.1.0.0/16</AddressPrefix></AddressSpace>
        <Subnets><Subnet name="GatewaySubnet"><AddressPrefix>10.1.255.0/27</AddressPrefix></Subnet></Subnets>
        <Gateway><VPNClientAddressPool><AddressPrefix>172.16.1.0/24</AddressPrefix></VPNClientAddressPool></Gateway>
      </VirtualNetworkSite>
      <VirtualNetworkSite name="A12" Location="West Europe">
        <AddressSpace><AddressPrefix>10.2.0.0/16</AddressPrefix></AddressSpace>
        <Subnets><Subnet name="GatewaySubnet"><AddressPrefix>10.2.255.0/27</AddressPrefix></Subnet></Subnets>
        <Gateway><VPNClientAddressPool><AddressPrefix>172.16.2.0/24</AddressPrefix></VPNClientAddressPool></Gateway>
      </VirtualNetworkSite>
      <VirtualNetworkSite name="A-1" Location="West Europe">
        <AddressSpace><AddressPrefix>10.3.0.0/16</AddressPrefix></AddressSpace>
        <Subnets><Subnet name="GatewaySubnet"><AddressPrefix>10.3.255.0/27</AddressPrefix></Subnet></Subnets>
        <Gateway><VPNClientAddressPool><AddressPrefix>172.16.3.0/24</AddressPrefix></VPNClientAddressPool></Gateway>
      </VirtualNetworkSite>
    </VirtualNetworkSites>
  </VirtualNetworkConfiguration>
</NetworkConfiguration>
XML
run migrate -q --resource-group RG -o "$tmp/outs" "$tmp/outs.xml"
t "every gateway's address is in the one object output, keyed by group and gateway" sh -c "[ $rc -eq 0 ] && [ \$(grep -c '\"RG/A[-0-9]*GW\": \"\\[reference' '$tmp/outs/outs/azuredeploy.json') -eq 3 ] &&
    [ \$(grep -c '\"type\": \"object\"' '$tmp/outs/outs/azuredeploy.json') -eq 1 ] && for p in A1GWIP A12GWIP A-1GWIP; do grep -q \"publicIPAddresses', '\$p'), '[0-9-]*').ipAddress\" '$tmp/outs/outs/azuredeploy.json' || exit 1; done"

# --- migrate on the command line
run migrate -q -k "$S/vnet2vnet-classic.keys.ps1" "$S/vnet2vnet-classic.xml"
t "migrate without -o: the plan on stdout, no key" sh -c "[ $rc -eq 0 ] && grep -q '\"netcfgcPlan\": 1' '$tmp/out' && ! grep -q A1b2C3D4 '$tmp/out' '$tmp/err'"
cp "$tmp/out" "$tmp/plan-stdout.json"
run migrate -q -k "$S/vnet2vnet-classic.keys.ps1" -o "$tmp/deep/er/dir" "$S/vnet2vnet-classic.xml"
t "migrate -o creates the directory" test -f "$tmp/deep/er/dir/vnet2vnet-classic/azuredeploy.json"
t "the plan on stdout is byte for byte plan.json" cmp "$tmp/plan-stdout.json" "$tmp/deep/er/dir/vnet2vnet-classic/plan.json"
cp "$S/point-to-site.xml" "$tmp/PtS.netcfg"
run migrate -q -o "$tmp/o" "$tmp/PtS.netcfg" "$srcdir/tests/cases/subnet-overlap/overlap.xml"
t "several inputs: the valid one written, the invalid one not" sh -c "[ $rc -eq 1 ] && [ -f '$tmp/o/PtS/plan.json' ] && [ ! -e '$tmp/o/overlap' ]"
mkdir -p "$tmp/other"
cp "$S/point-to-site.xml" "$tmp/other/"
run migrate -q -o "$tmp/o3" "$S/point-to-site.xml" "$tmp/other/point-to-site.xml"
t "two inputs with one output name: exit 2, nothing written" sh -c "[ $rc -eq 2 ] && grep -q \"would both write '$tmp/o3/point-to-site/'\" '$tmp/err' && [ ! -e '$tmp/o3' ]"
run migrate -q -o "$tmp/o2" - <"$S/point-to-site.xml"
t "migrate from standard input writes DIR/stdin" test -f "$tmp/o2/stdin/runbook.md"
run migrate -q --resource-group "" "$S/point-to-site.xml"
t "--resource-group with an empty name: exit 2" test $rc -eq 2
run migrate -q --affinity-group nothing "$S/point-to-site.xml"
t "--affinity-group without '=': exit 2" test $rc -eq 2
run check "$tmp/no
such.xml: error: forged [xml-syntax]"
t "a path that cannot be opened is printed with its newline escaped: no forged line" sh -c "[ $rc -eq 3 ] && ! grep -q '^such.xml' '$tmp/err' && grep -q 'no\\\\x0asuch' '$tmp/err'"
run migrate -q --resource-group -rf "$S/point-to-site.xml"
t "--resource-group -rf (an az option in the runbook): exit 2" sh -c "[ $rc -eq 2 ] && grep -q \"begins with '-'\" '$tmp/err'"
run migrate -q --gateway-sku Turbo=VpnGw1AZ "$S/point-to-site.xml"
t "--gateway-sku with an unknown classic SKU: exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'not a classic SKU' '$tmp/err'"
run check --vnet-to-vnet peer "$S/vnet2vnet-classic.xml"
t "--vnet-to-vnet with a value other than vpn or peering: exit 2" sh -c "[ $rc -eq 2 ] && grep -q \"takes vpn or peering, not 'peer'\" '$tmp/err'"
run check --vnet-to-vnet vpn --vnet-to-vnet peering -q "$S/vnet2vnet-classic.xml"
t "--vnet-to-vnet: the last one given wins" test $rc -eq 0
run migrate --vnet-to-vnet peering -k "$S/vnet2vnet-classic.keys.ps1" "$S/vnet2vnet-classic.xml"
t "--vnet-to-vnet peering without -o: the plan on stdout has the two peerings and no gateway" sh -c "[ $rc -eq 0 ] && grep -q -F 'TestVNet1/TestVNet1toTestVNet4' '$tmp/out' && grep -q -F 'TestVNet4/TestVNet4toTestVNet1' '$tmp/out' && ! grep -q -F 'Microsoft.Network/virtualNetworkGateways' '$tmp/out'"
for sku in VpnGw1 vpngw5 Standard HighPerformance; do
	run migrate -q --gateway-sku "Standard=$sku" "$S/point-to-site.xml"
	t "--gateway-sku Standard=$sku, which cannot be created: exit 2 with the reason" sh -c "[ $rc -eq 2 ] && grep -q 'can no longer be created' '$tmp/err' && ! grep -q 'VpnGw1\.\.VpnGw5[^A]' '$tmp/err'"
done
run migrate -q --gateway-sku "Standard=vpngw3az" "$S/point-to-site.xml"
t "--gateway-sku takes an AZ SKU in any letter case and writes it as ARM spells it" sh -c "[ $rc -eq 0 ]"
run check -k "$S/point-to-site.keys.ps1" -k "$S/vnet2vnet-classic.keys.ps1" "$S/point-to-site.xml"
t "-k is repeatable; names from another file's script are side-file errors" sh -c "[ $rc -eq 1 ] && grep -q \"vnet2vnet-classic.keys.ps1:3:32: error: New-AzureVNetGateway: the -VNetName value names no VNet that\" '$tmp/err'"

# --- graph, SARIF, per-command help, completion
for x in "$S"/*.xml; do
	b=$(basename "$x" .xml)
	set --
	[ -f "$S/$b.keys.ps1" ] && set -- -k "$S/$b.keys.ps1"
	# shellcheck disable=SC2046
	[ -f "$S/$b.args" ] && set -- "$@" $(cat "$S/$b.args")
	"$NETCFGC" graph "$@" "$x" >"$tmp/$b.dot" 2>"$tmp/err"
	rc=$?
	if command -v dot >/dev/null 2>&1; then
		t "graph of sample $b renders with dot -Tsvg" sh -c "[ $rc -eq 0 ] && dot -Tsvg '$tmp/$b.dot' >'$tmp/$b.svg' && grep -q '<svg' '$tmp/$b.svg'"
	else
		t "graph of sample $b is a DOT graph (dot not installed to render it)" sh -c "[ $rc -eq 0 ] && head -n 1 '$tmp/$b.dot' | grep -q '^graph netcfg {' && tail -n 1 '$tmp/$b.dot' | grep -q '^}'"
	fi
done
run graph -k "$S/vnet2vnet-classic.keys.ps1" "$S/vnet2vnet-classic.xml"
t "graph: a VNet-to-VNet pair is one two-way edge" sh -c "[ $rc -eq 0 ] && [ \$(grep -c ' -- ' '$tmp/out') -eq 1 ] && grep -q 'vnet0 -- vnet1 \\[dir=both' '$tmp/out' && grep -q '10.12.0.0/16' '$tmp/out'"
run graph "$srcdir/tests/cases/site-overlap/sites-overlap.xml"
t "graph: problems are highlighted, the graph is drawn despite errors" sh -c "[ $rc -eq 1 ] && grep -q 'color=red' '$tmp/out'"
run graph "$S/vnet2vnet-classic.xml" "$S/multi-site.xml"
t "graph takes exactly one FILE" test $rc -eq 2
run check --diagnostics-format sarif "$srcdir/tests/cases/subnet-overlap/overlap.xml" "$srcdir/tests/cases/cidr-host-bits/host-bits.xml"
t "sarif: one SARIF 2.1.0 log with the rule table and every result" sh -c "[ $rc -eq 1 ] && grep -q '\"version\": \"2.1.0\"' '$tmp/err' && [ \$(grep -c '\"ruleId\"' '$tmp/err') -eq 4 ] && grep -q '\"startLine\": 17' '$tmp/err' && grep -q '\"startColumn\": 13' '$tmp/err' && [ \$(grep -c '\"shortDescription\"' '$tmp/err') -eq \$('$NETCFGC' rules | wc -l) ] && ! grep -q 'errors,' '$tmp/err'"
run check --diagnostics-format json "$srcdir/tests/cases/subnet-overlap/overlap.xml" "$srcdir/tests/cases/cidr-host-bits/host-bits.xml"
t "json: several files give one array" sh -c "[ \$(grep -c '^\\[' '$tmp/err') -eq 1 ] && [ \$(grep -c '\"rule\"' '$tmp/err') -eq 4 ]"
for c in check migrate graph rules explain; do
	"$NETCFGC" $c --help >"$tmp/h" 2>&1 && grep -q "^usage: netcfgc $c" "$tmp/h" || echo "$c" >>"$tmp/bad-help"
done
t "--help for each command" test ! -s "$tmp/bad-help"
if command -v bash >/dev/null 2>&1; then
	cat >"$tmp/comp.bash" <<COMP
shopt -s extglob
netcfgc() { "$NETCFGC" "\$@"; }
. "$srcdir/completion/netcfgc"
c() { COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _netcfgc; echo "\${COMPREPLY[*]}"; }
c netcfgc mi | grep -qx migrate || exit 1
c netcfgc explain cidr-h | grep -qx cidr-host-bits || exit 2
c netcfgc check -W vnet-o | grep -q 'vnet-overlap=' || exit 3
c netcfgc check -W vnet-overlap=w | grep -qx 'vnet-overlap=warning' || exit 4
c netcfgc check --diagnostics-format s | grep -qx sarif || exit 5
c netcfgc migrate --out | grep -qx -- --output || exit 6
c netcfgc check --out | grep -q -- --output && exit 7
exit 0
COMP
	t "bash completion: commands, options, rule names and levels" bash "$tmp/comp.bash"
fi

# --- an output directory that cannot be written: exit 4, the old outputs intact, no temporaries
# Root may write anywhere, so root runs netcfgc as nobody, for whom the
# directory is read-only.  Nobody may be unable to reach the checkout, $TMPDIR
# or the binary (a clone under /root or under a mktemp -d directory, mode
# 0700): that run reads and writes only in a directory of its own that nobody
# can enter, its TMPDIR included, with copies of the binary, and of the real
# one behind a wrapper such as tests/valgrind.sh, when nobody cannot execute
# them where they are.
name="unwritable output directory"
skip=
as=
if [ "$(id -u)" -ne 0 ]; then
	nb=$tmp/own
	mkdir "$nb"
elif command -v setpriv >/dev/null 2>&1; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	name="$name (as nobody)"
	for parent in "${TMPDIR:-/tmp}" /tmp; do
		nb=$(mktemp -d "$parent/netcfgc-nobody.XXXXXX") || continue
		trap 'rm -rf "$tmp" "$nb"' EXIT INT TERM
		chmod 755 "$nb"
		$as test -x "$nb" && break
		rm -rf "$nb"
		nb=
	done
	[ -n "$nb" ] || skip="nobody cannot enter \$TMPDIR or /tmp"
else
	skip="run as root without setpriv to become nobody"
fi
if [ -z "$skip" ]; then
	bin=$NETCFGC
	real=${NETCFGC_REAL:-}
	if ! $as test -x "$bin"; then
		mkdir -p "$nb/bin"
		cp "$bin" "$nb/bin/" && bin=$nb/bin/$(basename "$bin")
	fi
	if [ -n "$real" ] && [ "$real" != "$NETCFGC" ] && ! $as test -x "$real"; then
		mkdir -p "$nb/real"
		cp "$real" "$nb/real/" && real=$nb/real/$(basename "$real")
	fi
	[ "$real" = "$NETCFGC" ] && real=$bin
	# its own temporary directory (valgrind makes files there), and
	# tests/valgrind.sh writes a log for each run
	mkdir -m 1777 "$nb/tmp"
	logdir=${VALGRIND_LOGDIR:-${TMPDIR:-/tmp}}
	vglog=$logdir
	if ! $as test -w "$logdir" -a -x "$logdir"; then
		vglog=$nb/logs
		mkdir -m 1777 "$vglog"
	fi
	chmod -R a+rX "$nb"
	# nobody COMMAND...: run it as the user of this test, with the copies
	nobody() {
		(
			[ -n "$real" ] && { NETCFGC_REAL=$real; export NETCFGC_REAL; }
			TMPDIR=$nb/tmp
			VALGRIND_LOGDIR=$vglog
			export TMPDIR VALGRIND_LOGDIR
			$as "$@"
		)
	}
	nobody "$bin" --version >"$nb/err" 2>&1 ||
	    skip="$bin does not run as nobody even from $nb: $(head -n 1 "$nb/err")"
fi
if [ -z "$skip" ]; then
	mkdir "$nb/ro"
	"$NETCFGC" migrate -q -o "$nb/ro" "$S/point-to-site.xml" 2>/dev/null
	cp "$nb/ro/point-to-site/plan.json" "$nb/plan.before"
	sed 's/172.16.201.0/172.16.202.0/' "$S/point-to-site.xml" >"$nb/point-to-site.xml"
	chmod 644 "$nb/point-to-site.xml"
	chmod 755 "$nb/ro"
	chmod 555 "$nb/ro/point-to-site"
	# the directory of the outputs is not writable: the lock file cannot be made
	(cd "$nb" && nobody "$bin" migrate -q -o "$nb/ro" "$nb/point-to-site.xml") 2>"$nb/err"
	rc=$?
	[ "$vglog" != "$logdir" ] && cp "$vglog"/* "$logdir"/ 2>/dev/null
	t "$name: exit 4, a clear message, old outputs kept, no temporaries" sh -c "[ $rc -eq 4 ] && grep -q \"netcfgc: error: cannot create the lock file '.*/ro/.point-to-site.lock': Permission denied\" '$nb/err' && cmp -s '$nb/plan.before' '$nb/ro/point-to-site/plan.json' && [ \$(ls -A '$nb/ro/point-to-site' | wc -l) -eq 4 ] && [ \$(ls -A '$nb/ro' | wc -l) -eq 1 ] || { echo 'exit status $rc, stderr:'; cat '$nb/err'; exit 1; }"
	# it is, but the old set's directory is not: its files could not be removed
	chmod 777 "$nb/ro"
	(cd "$nb" && nobody "$bin" migrate -q -o "$nb/ro" "$nb/point-to-site.xml") 2>"$nb/err"
	rc=$?
	[ "$vglog" != "$logdir" ] && cp "$vglog"/* "$logdir"/ 2>/dev/null
	t "$name, its old set read-only: exit 4, the old set kept, nothing beside it" sh -c "[ $rc -eq 4 ] && grep -q \"netcfgc: error: cannot replace '.*/ro/point-to-site': Permission denied\" '$nb/err' && cmp -s '$nb/plan.before' '$nb/ro/point-to-site/plan.json' && [ \$(ls -A '$nb/ro' | wc -l) -eq 1 ] || { echo 'exit status $rc, stderr:'; cat '$nb/err'; ls -la '$nb/ro'; exit 1; }"
	chmod 755 "$nb/ro/point-to-site"
else
	i=$((i + 1))
	echo "ok $i - $name # SKIP $skip"
	i=$((i + 1))
	echo "ok $i - $name, its old set read-only # SKIP $skip"
fi
echo "1..$i"
exit 0
