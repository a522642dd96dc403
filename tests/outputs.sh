#!/bin/sh
# outputs.sh - the outputs of one input change together (SPEC §7): a set is
# swapped in whole; a directory that is not netcfgc's is refused; runs for
# one directory at once leave one complete set; SIGINT and SIGTERM leave no
# temporary file; what a killed run left is removed by the next run, never
# what a live run is writing; modes follow the umask.  Prints TAP.
set -u
: "${NETCFGC:?NETCFGC must name the netcfgc binary}"
: "${srcdir:=.}"
slow=${TEST_SLOWDOWN:-1}
tmp=${TMPDIR:-/tmp}/netcfgc-outputs.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
S=$srcdir/samples
K=$S/vnet2vnet-classic.keys.ps1
X=$S/vnet2vnet-classic.xml
KEY=$(sed -n 's/.*-SharedKey *\([A-Za-z0-9]*\).*/\1/p' "$K" | head -n 1)
i=0
t() {	# t NAME COMMAND...: the command must succeed
	name=$1
	shift
	i=$((i + 1))
	if "$@" >"$tmp/t.out" 2>&1; then
		echo "ok $i - $name"
	else
		echo "not ok $i - $name"
		sed 's/^/# /' "$tmp/t.out" | head -n 20
	fi
}
migrate() {	# migrate OUTDIR [ARGS...]: the sample, with its keys
	o=$1
	shift
	"$NETCFGC" migrate -q -k "$K" -o "$o" "$@" "$X" 2>"$tmp/err"
	rc=$?
}
# complete DIR: DIR holds exactly the four outputs, and they belong together
complete() {
	[ "$(ls -A "$1" | LC_ALL=C sort | tr '\n' ' ')" = \
	    "azuredeploy.json azuredeploy.parameters.json plan.json runbook.md " ] || return 1
	sha=$(sed -n 's/.*"sha256": "\([0-9a-f]*\)".*/\1/p' "$1/plan.json" | head -n 1)
	grep -q "SHA-256 \`$sha\`" "$1/runbook.md" || return 1
	# the template is the plan's: the same variant of the input
	[ "$(grep -c '10.11.0.0/25' "$1/plan.json")" -eq "$(grep -c '10.11.0.0/25' "$1/azuredeploy.json")" ]
}
# no temporaries, lock files or key copies beside the outputs
clean() {
	[ -z "$(ls -A "$1" | grep '^\.')" ] && ! grep -rqs "$KEY" "$1" --exclude=azuredeploy.parameters.json
}

o=$tmp/o
migrate "$o"
ok=$rc
complete "$o/vnet2vnet-classic" && clean "$o"
t "a first run writes the whole set and nothing beside it" sh -c "[ $ok -eq 0 ] && [ $? -eq 0 ]"
cp "$o/vnet2vnet-classic/plan.json" "$tmp/plan.before"

# a foreign file inside the output directory: refused, kept, old set intact
echo mine >"$o/vnet2vnet-classic/notes.txt"
sed 's|10.11.0.0/24|10.11.2.0/24|' "$X" >"$tmp/vnet2vnet-classic.xml"
"$NETCFGC" migrate -q -k "$K" -o "$o" "$tmp/vnet2vnet-classic.xml" 2>"$tmp/err"
rc=$?
t "a file netcfgc did not write: exit 4, named, kept, the old set intact" sh -c "[ $rc -eq 4 ] &&
    grep -q \"holds 'notes.txt', which is not an output netcfgc writes\" '$tmp/err' &&
    [ \"\$(cat '$o/vnet2vnet-classic/notes.txt')\" = mine ] &&
    cmp -s '$tmp/plan.before' '$o/vnet2vnet-classic/plan.json'"
rm "$o/vnet2vnet-classic/notes.txt"

# one output that cannot be replaced (runbook.md a directory): nothing changes
mv "$o/vnet2vnet-classic/runbook.md" "$tmp/runbook.md"
mkdir "$o/vnet2vnet-classic/runbook.md"
"$NETCFGC" migrate -q -k "$K" -o "$o" "$tmp/vnet2vnet-classic.xml" 2>"$tmp/err"
rc=$?
t "runbook.md a directory: exit 4, no new file beside the old ones" sh -c "[ $rc -eq 4 ] &&
    cmp -s '$tmp/plan.before' '$o/vnet2vnet-classic/plan.json' && [ -d '$o/vnet2vnet-classic/runbook.md' ] &&
    [ -z \"\$(ls -A '$o' | grep '^\\.')\" ]"
rmdir "$o/vnet2vnet-classic/runbook.md"
mv "$tmp/runbook.md" "$o/vnet2vnet-classic/runbook.md"

# the new set replaces the old one whole
"$NETCFGC" migrate -q -k "$K" -o "$o" "$tmp/vnet2vnet-classic.xml" 2>"$tmp/err"
rc=$?
t "a changed input replaces the whole set" sh -c "[ $rc -eq 0 ] && ! cmp -s '$tmp/plan.before' '$o/vnet2vnet-classic/plan.json' &&
    grep -q 10.11.2.0/24 '$o/vnet2vnet-classic/azuredeploy.json' && grep -q 10.11.2.0/24 '$o/vnet2vnet-classic/plan.json'"
complete "$o/vnet2vnet-classic" && clean "$o"
t "after the swap: a complete set, nothing beside it" test $? -eq 0

# a symbolic link or a file where the output directory goes: refused
mkdir -p "$tmp/elsewhere" "$tmp/l"
echo keep >"$tmp/elsewhere/azuredeploy.json"
ln -s "$tmp/elsewhere" "$tmp/l/vnet2vnet-classic"
migrate "$tmp/l"
t "a symbolic link at DIR/B: exit 4, not followed" sh -c "[ $rc -eq 4 ] && grep -q 'is a symbolic link' '$tmp/err' &&
    [ \"\$(cat '$tmp/elsewhere/azuredeploy.json')\" = keep ] && [ -L '$tmp/l/vnet2vnet-classic' ] &&
    [ \$(ls -A '$tmp/elsewhere' | wc -l) -eq 1 ]"
mkdir -p "$tmp/f"
echo x >"$tmp/f/vnet2vnet-classic"
migrate "$tmp/f"
t "a file at DIR/B: exit 4, kept" sh -c "[ $rc -eq 4 ] && grep -q 'Not a directory' '$tmp/err' && [ \"\$(cat '$tmp/f/vnet2vnet-classic')\" = x ]"

# what a run killed with SIGKILL left: removed by the next run, keys with it
mkdir -p "$tmp/k/vnet2vnet-classic" "$tmp/k/.vnet2vnet-classic.netcfgc-Ab12Cd"
echo "{ \"k\": \"$KEY\" }" >"$tmp/k/.vnet2vnet-classic.netcfgc-Ab12Cd/azuredeploy.parameters.json"
echo "{ \"k\": \"$KEY\" }" >"$tmp/k/vnet2vnet-classic/.azuredeploy.parameters.json.x1Y2z3"
: >"$tmp/k/.vnet2vnet-classic.lock"
migrate "$tmp/k"
t "a dead run's temporaries (this version's and 0.1's) are removed by the next run" sh -c "[ $rc -eq 0 ] &&
    [ ! -e '$tmp/k/.vnet2vnet-classic.netcfgc-Ab12Cd' ] && [ ! -e '$tmp/k/.vnet2vnet-classic.lock' ] &&
    [ ! -e '$tmp/k/vnet2vnet-classic/.azuredeploy.parameters.json.x1Y2z3' ]"

# a live run's temporaries are never removed: while another holds the lock, a run waits
if command -v flock >/dev/null 2>&1; then
	mkdir -p "$tmp/w/.vnet2vnet-classic.netcfgc-Live01"
	echo live >"$tmp/w/.vnet2vnet-classic.netcfgc-Live01/plan.json"
	: >"$tmp/w/.vnet2vnet-classic.lock"
	# -o: the lock's descriptor is not passed on, so only flock holds it
	flock -o "$tmp/w/.vnet2vnet-classic.lock" sh -c "
		'$NETCFGC' migrate -q -k '$K' -o '$tmp/w' '$X' 2>/dev/null &
		pid=\$!
		sleep 1
		# the holder is alive: its directory is there, and the run still waits
		[ -f '$tmp/w/.vnet2vnet-classic.netcfgc-Live01/plan.json' ] && kill -0 \$pid && echo waited >'$tmp/w.state'
	"
	# the holder let go without cleaning up, as if it had died: the waiting run goes on
	t "a run waits while another holds the lock, and leaves that run's files alone" \
	    sh -c "[ \"\$(cat '$tmp/w.state' 2>/dev/null)\" = waited ]"
	i=$((i + 1))
	n=0
	while [ ! -d "$tmp/w/vnet2vnet-classic" ] && [ $n -lt $((30 * slow)) ]; do sleep 1; n=$((n + 1)); done
	if complete "$tmp/w/vnet2vnet-classic" && [ ! -e "$tmp/w/.vnet2vnet-classic.netcfgc-Live01" ]; then
		echo "ok $i - once the lock is free, the waiting run writes its set"
	else
		echo "not ok $i - once the lock is free, the waiting run writes its set"
		ls -la "$tmp/w" | sed 's/^/# /'
	fi
fi

# runs writing one DIR/B at once: one complete set, nothing beside it
mkdir -p "$tmp/c1" "$tmp/c2"
sed 's|10.11.0.0/24|10.11.0.0/25|' "$X" >"$tmp/c1/vnet2vnet-classic.xml"
cp "$X" "$tmp/c2/vnet2vnet-classic.xml"
n=0
mixed=0
while [ $n -lt 25 ]; do
	for c in c1 c2 c1 c2; do
		"$NETCFGC" migrate -q -k "$K" -o "$tmp/c" "$tmp/$c/vnet2vnet-classic.xml" 2>/dev/null &
	done
	wait
	complete "$tmp/c/vnet2vnet-classic" && clean "$tmp/c" || mixed=$((mixed + 1))
	n=$((n + 1))
done
t "25 times 4 runs into one DIR/B at once: each time one complete set, nothing beside it" test "$mixed" -eq 0

# SIGTERM, SIGINT and other fatal signals at any moment of a large migrate: no temporary, no key copy,
# and DIR/B is the old set or the new one, whole
awk -v n=3000 'BEGIN {
	print "<NetworkConfiguration xmlns=\"http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration\">"
	print "<VirtualNetworkConfiguration><LocalNetworkSites>"
	for (i = 0; i < n; i++)
		printf "<LocalNetworkSite name=\"S%d\"><AddressSpace><AddressPrefix>172.%d.%d.0/24</AddressPrefix></AddressSpace><VPNGatewayAddress>131.107.%d.%d</VPNGatewayAddress></LocalNetworkSite>\n", i, 16 + int(i / 256) % 16, i % 256, int(i / 250) % 250 + 1, i % 250 + 1
	print "</LocalNetworkSites><VirtualNetworkSites>"
	for (i = 0; i < n; i++)
		printf "<VirtualNetworkSite name=\"V%d\" Location=\"East US\"><AddressSpace><AddressPrefix>10.%d.%d.0/24</AddressPrefix></AddressSpace><Subnets><Subnet name=\"A\"><AddressPrefix>10.%d.%d.0/25</AddressPrefix></Subnet><Subnet name=\"GatewaySubnet\"><AddressPrefix>10.%d.%d.224/27</AddressPrefix></Subnet></Subnets><Gateway><ConnectionsToLocalNetwork><LocalNetworkSiteRef name=\"S%d\"><Connection type=\"IPsec\" /></LocalNetworkSiteRef></ConnectionsToLocalNetwork></Gateway></VirtualNetworkSite>\n", i, int(i / 256), i % 256, int(i / 256), i % 256, int(i / 256), i % 256, i
	print "</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>"
}' >"$tmp/big.xml"
awk -v n=3000 'BEGIN { for (i = 0; i < n; i++) printf "Set-AzureVNetGatewayKey -VNetName V%d -LocalNetworkSiteName S%d -SharedKey BigSecretKey%d\n", i, i, i }' >"$tmp/big.ps1"
"$NETCFGC" migrate -q -k "$tmp/big.ps1" -o "$tmp/s" "$tmp/big.xml" 2>"$tmp/err"
rc=$?
want=$(ls -A "$tmp/s/big" | wc -l)
# it is too large for one template: the set is split (SPEC §7), and changes as a whole
t "the large input migrates, to a split set of templates" sh -c "[ $rc -eq 0 ] && [ $want -gt 4 ] &&
    [ -f '$tmp/s/big/azuredeploy-02.parameters.json' ]"
bad=
exec 3>&2 2>/dev/null	# the shell's "Terminated" lines
for sig in TERM INT HUP USR1 ALRM PIPE; do
	for d in 0.05 0.2 0.4 0.7; do
		"$NETCFGC" migrate -q -k "$tmp/big.ps1" -o "$tmp/s" "$tmp/big.xml" 2>/dev/null &
		pid=$!
		sleep "$d"
		kill -"$sig" "$pid" 2>/dev/null
		wait "$pid"
		if ! [ -z "$(ls -A "$tmp/s" | grep '^\.')" ] || ! [ -f "$tmp/s/big/plan.json" ] ||
		    [ "$(ls -A "$tmp/s/big" | wc -l)" -ne "$want" ] || ls -A "$tmp/s/big" | grep -q '^\.'; then
			bad="$bad $sig@$d"
			ls -la "$tmp/s" "$tmp/s/big" | sed 's/^/# /'
		fi
	done
done
exec 2>&3 3>&-
t "SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGALRM or SIGPIPE at any moment: a whole set, no temporary left${bad:+ (failed:$bad)}" test -z "$bad"

# modes follow the umask; the parameters file is never readable by others
mkdir -p "$tmp/m"
(umask 077 && "$NETCFGC" migrate -q -k "$K" -o "$tmp/m/strict" "$X" 2>/dev/null)
(umask 000 && "$NETCFGC" migrate -q -k "$K" -o "$tmp/m/open" "$X" 2>/dev/null)
d=$tmp/m/strict/vnet2vnet-classic
e=$tmp/m/open/vnet2vnet-classic
t "umask 077: files 0600, directories 0700" sh -c "[ \$(stat -c %a '$d') = 700 ] && [ \$(stat -c %a '$tmp/m/strict') = 700 ] &&
    [ \$(stat -c %a '$d/plan.json') = 600 ] && [ \$(stat -c %a '$d/azuredeploy.parameters.json') = 600 ]"
t "umask 000: directories 0755, files 0644, the parameters file 0600" sh -c "[ \$(stat -c %a '$e') = 755 ] &&
    [ \$(stat -c %a '$tmp/m/open') = 755 ] && [ \$(stat -c %a '$e/runbook.md') = 644 ] &&
    [ \$(stat -c %a '$e/azuredeploy.parameters.json') = 600 ]"
# names and paths in the runbook cannot break out of their Markdown
mkdir -p "$tmp/md"
sed 's/name="Group ClassicRG TestVNet1"/name="Group ClassicRG TestVNet1\&#13;# Injected heading"/' "$X" >"$tmp/md/a\`b.xml"
"$NETCFGC" migrate -q -o "$tmp/md/o" "$tmp/md/a\`b.xml" 2>"$tmp/err"
rc=$?
r="$tmp/md/o/a\`b/runbook.md"
t "runbook: a CR in a name starts no line, a backtick in the path stays in its code span" sh -c "[ $rc -eq 0 ] &&
    ! grep -q '^# Injected' '$r' && ! tr '\\r' '\\n' <'$r' | grep -q '^# Injected' && grep -qF 'from \`\`$tmp/md/a\`b.xml\`\` (SHA-256' '$r'"
# entities and strike-through in a name are escaped; a newline in a name adds no line to a graph label
sed 's/name="Group ClassicRG TestVNet1"/name="Group ClassicRG V \&amp;copy; ~~s~~ \&amp;#42;\&#10;(Fake Region)"/' "$X" >"$tmp/md/ent.xml"
"$NETCFGC" migrate -q -o "$tmp/md/o" "$tmp/md/ent.xml" 2>"$tmp/err"
rc=$?
"$NETCFGC" graph "$tmp/md/ent.xml" >"$tmp/md/ent.dot" 2>/dev/null
r="$tmp/md/o/ent/runbook.md"
t "runbook: '&' and '~' in a name are escaped (no entity, no strike-through); the graph label has no line of the name's" sh -c "[ $rc -eq 0 ] &&
    grep -qF 'V \\&copy; \\~\\~s\\~\\~ \\&#42;' '$r' && ! grep -q ' &copy;' '$r' &&
    ! grep -qF '\\n(Fake Region)' '$tmp/md/ent.dot' && grep -qF '(Fake Region)' '$tmp/md/ent.dot'"
# --resource-group is a resource group's name, and every value the runbook's commands show is quoted
"$NETCFGC" migrate -q --resource-group 'x; touch PWNED #' -o "$tmp/rg" "$X" 2>"$tmp/err"
rc=$?
t "--resource-group that is no resource group name: exit 2, nothing written" sh -c "[ $rc -eq 2 ] &&
    grep -q 'a resource group name holds only' '$tmp/err' && [ ! -e '$tmp/rg' ]"
"$NETCFGC" migrate -q -k "$K" --resource-group 'Prod(EU)' -o "$tmp/rg" "$X" 2>"$tmp/err"
rc=$?
r=$tmp/rg/vnet2vnet-classic/runbook.md
# the runbook's sh blocks and the az commands of its steps
awk '/^```sh$/ { sh = 1; next } /^```$/ { sh = 0 } sh { print } /^- `az .*`$/ { sub(/^- `/, ""); sub(/`$/, ""); print }' "$r" >"$tmp/cmds.sh"
t "--resource-group 'Prod(EU)': kept as it is, quoted in every command, which parse as shell" sh -c "[ $rc -eq 0 ] &&
    grep -q \"resource-group 'Prod(EU)'\" '$r' && ! grep -q 'Prod-EU' '$r' && [ \$(wc -l <'$tmp/cmds.sh') -ge 3 ] &&
    sh -n '$tmp/cmds.sh' && grep -q '^az deployment group what-if --name ' '$tmp/cmds.sh' &&
    grep -q '^cd -- vnet2vnet-classic\$' '$tmp/cmds.sh'"
echo "1..$i"
exit 0
