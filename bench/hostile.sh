#!/bin/sh
# bench/hostile.sh [N] - time and memory on hostile inputs (issue 13), at two
# sizes, N and 4N (default N = 2000), beside xmllint validating the same file
# with the schema.  What an attacker feeds: N copies of one prefix in one
# VNet's space, across N VNets and across N subnets; one element text and one
# name attribute of N KiB; N VNets with N misspelt side-file lines; N
# undefined 200-character references; N sites of 10.0.0.0/8 over N VNets,
# in both --vnet-to-vnet modes.  Each line gives the two sizes' wall
# time and peak RSS and their ratio: 4x input should cost about 4x, not 16x.
# netcfgc is $NETCFGC, or ../netcfgc from here.  It builds measure.c with cc.
set -eu
n=${1:-2000}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
netcfgc=${NETCFGC:-$top/netcfgc}
xsd=$top/xsd/netcfg.xsd
work=${TMPDIR:-/tmp}/netcfgc-hostile.$$
[ -x "$netcfgc" ] || { echo "bench: $netcfgc: build netcfgc first, or set NETCFGC" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "bench: xmllint is missing (apt-get install libxml2-utils)" >&2; exit 2; }
case $netcfgc in /*) ;; *) netcfgc=$(pwd)/$netcfgc ;; esac
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT INT TERM
${CC:-cc} -O2 -o "$work/measure" "$here/measure.c"

ns=http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration

# gen KIND COUNT FILE: write the hostile netcfg (and FILE.ps1 for misspelt)
gen() {
	awk -v kind="$1" -v n="$2" -v ns="$ns" -v ps="$3.ps1" '
	function vnet(name, space, extra) {
		printf "<VirtualNetworkSite name=\"%s\" Location=\"East US\"><AddressSpace>%s</AddressSpace>%s</VirtualNetworkSite>\n", name, space, extra
	}
	function rep(s, k,   r, i) { r = ""; for (i = 0; i < k; i++) r = r s; return r }
	BEGIN {
		printf "<NetworkConfiguration xmlns=\"%s\"><VirtualNetworkConfiguration>\n", ns
		if (kind == "refs") {
			long = rep("L", 190)
			print "<LocalNetworkSites>"
			for (i = 0; i < n; i++)
				printf "<LocalNetworkSite name=\"%s%06d\"><AddressSpace><AddressPrefix>172.%d.%d.0/24</AddressPrefix></AddressSpace><VPNGatewayAddress>20.1.%d.%d</VPNGatewayAddress></LocalNetworkSite>\n", long, i, 16 + int(i / 256) % 16, i % 256, int(i / 256), i % 256
			print "</LocalNetworkSites>"
		}
		if (kind != "sites")
			print "<VirtualNetworkSites>"
		if (kind == "space")
			vnet("V", rep("<AddressPrefix>10.0.0.0/16</AddressPrefix>", n), "")
		else if (kind == "vnets")
			for (i = 0; i < n; i++)
				vnet("V" i, "<AddressPrefix>10.0.0.0/16</AddressPrefix>", "")
		else if (kind == "subnets")
			vnet("V", "<AddressPrefix>10.0.0.0/16</AddressPrefix>", "<Subnets>" rep("<Subnet name=\"s\"><AddressPrefix>10.0.0.0/24</AddressPrefix></Subnet>", 1) "</Subnets>")
		else if (kind == "text")
			vnet("V", "<AddressPrefix>10.0.0.0/16" rep(rep(" ", 1024), n) "</AddressPrefix>", "")
		else if (kind == "name")
			vnet(rep(rep("N", 1024), n), "<AddressPrefix>10.0.0.0/16</AddressPrefix>", "")
		else if (kind == "misspelt") {
			for (i = 0; i < n; i++) {
				vnet(sprintf("VNet%06d", i), sprintf("<AddressPrefix>10.%d.%d.0/24</AddressPrefix>", int(i / 256), i % 256), "")
				printf "New-AzureVNetGateway -VNetName VNet%06dx -GatewayType DynamicRouting\n", i >ps
			}
		} else if (kind == "sites") {
			# N sites of 10.0.0.0/8, each holding all N VNets, referenced in a ring
			print "<LocalNetworkSites>"
			for (i = 0; i < n; i++)
				printf "<LocalNetworkSite name=\"S%d\"><AddressSpace><AddressPrefix>10.0.0.0/8</AddressPrefix></AddressSpace><VPNGatewayAddress>20.1.%d.%d</VPNGatewayAddress></LocalNetworkSite>\n", i, int(i / 250), i % 250 + 1
			print "</LocalNetworkSites><VirtualNetworkSites>"
			for (i = 0; i < n; i++)
				vnet("V" i, sprintf("<AddressPrefix>10.%d.%d.0/24</AddressPrefix>", 1 + int(i / 250), i % 250), sprintf("<Subnets><Subnet name=\"GatewaySubnet\"><AddressPrefix>10.%d.%d.0/27</AddressPrefix></Subnet></Subnets><Gateway><ConnectionsToLocalNetwork><LocalNetworkSiteRef name=\"S%d\"/></ConnectionsToLocalNetwork></Gateway>", 1 + int(i / 250), i % 250, (i + 1) % n))
			print "</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>"
			exit
		} else if (kind == "refs") {
			s = ""
			for (i = 0; i < n; i++)
				s = s sprintf("<LocalNetworkSiteRef name=\"%s%06dZ\"><Connection type=\"IPsec\"/></LocalNetworkSiteRef>", long, i)
			vnet("Hub", "<AddressPrefix>10.0.0.0/16</AddressPrefix>", "<Subnets><Subnet name=\"GatewaySubnet\"><AddressPrefix>10.0.0.0/27</AddressPrefix></Subnet></Subnets><Gateway><ConnectionsToLocalNetwork>" s "</ConnectionsToLocalNetwork></Gateway>")
		}
		print "</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>"
	}' >"$3"
	# subnets: N subnets of one prefix (awk above wrote one; repeat it)
	if [ "$1" = subnets ]; then
		awk -v n="$2" '{
			i = index($0, "<Subnets>")
			if (i == 0) { print; next }
			s = ""
			for (k = 0; k < n; k++) s = s "<Subnet name=\"s" k "\"><AddressPrefix>10.0.0.0/24</AddressPrefix></Subnet>"
			sub(/<Subnets>.*<\/Subnets>/, "<Subnets>" s "</Subnets>")
			print
		}' "$3" >"$3.tmp" && mv "$3.tmp" "$3"
	fi
}

# run FILE [ARGS]: "seconds KiB" of netcfgc check, which finds errors (exit 1)
run() {
	"$work/measure" 1 sh -c '"$0" check -q "$@" >/dev/null 2>&1; [ $? -le 1 ]' "$netcfgc" "$@" |
	    awk '{ print $1, $2 }'
}

printf '%-9s %8s %10s %8s %10s %7s %7s   %s\n' input "N s" "N KiB" "4N s" "4N KiB" "time x" "mem x" "xmllint 4N (s KiB)"
for kind in space vnets subnets text name misspelt refs sites sites-peering; do
	mode=
	case $kind in sites-peering) kind=sites; mode=--vnet-to-vnet=peering ;; esac
	n1=$n
	[ "$kind" = text ] || [ "$kind" = name ] && n1=$((n / 10 + 1))
	[ "$kind" = refs ] && n1=$((n / 4))
	n4=$((n1 * 4))
	gen "$kind" "$n1" "$work/$kind-1.xml"
	gen "$kind" "$n4" "$work/$kind-4.xml"
	set -- $mode
	[ -f "$work/$kind-1.xml.ps1" ] && set -- "$@" -k "$work/$kind-1.xml.ps1"
	r1=$(run "$@" "$work/$kind-1.xml")
	set -- $mode
	[ -f "$work/$kind-4.xml.ps1" ] && set -- "$@" -k "$work/$kind-4.xml.ps1"
	r4=$(run "$@" "$work/$kind-4.xml")
	x=$("$work/measure" 1 sh -c 'xmllint --noout --stream --schema "$0" "$1" >/dev/null 2>&1; true' \
	    "$xsd" "$work/$kind-4.xml" | awk '{ print $1, $2 }')
	echo "$kind${mode:+-peering} $n1 $r1 $r4 $x" | awk '{
		t = ($3 > 0.005) ? $5 / $3 : 0
		m = ($4 > 0) ? $6 / $4 : 0
		printf "%-9s %8.3f %10d %8.3f %10d %7.1f %7.1f   %s %s\n", $1 " " $2, $3, $4, $5, $6, t, m, $7, $8
	}'
done
echo "(N = the count for 'N' above: copies, VNets, subnets, KiB of text or name, misspelt lines, references, sites; time x is 0 when N took under 5 ms)"
