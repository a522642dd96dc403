# ring.awk - a synthetic classic export for the template limits (issue 14):
#   awk -v n=N -v xml=F.xml -v keys=F.ps1 -f tests/ring.awk
# N VNets in six regions, each in a resource group of its own (no "Group"
# name), each with a Standard DynamicRouting gateway and three tunnels: to the
# VNets before and after it in a ring (VNet-to-VNet pairs through mirror
# local sites) and to an on-premises site of its own.  Every key is set.
BEGIN {
	split("East US,West US,West Europe,North Europe,Southeast Asia,Japan East", reg, ",")
	print "<?xml version=\"1.0\" encoding=\"utf-8\"?>" > xml
	print "<NetworkConfiguration xmlns=\"http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration\">" > xml
	print "<VirtualNetworkConfiguration><LocalNetworkSites>" > xml
	for (i = 0; i < n; i++) {
		b = i * 4
		printf "<LocalNetworkSite name=\"V%d\"><AddressSpace><AddressPrefix>10.%d.%d.0/22</AddressPrefix></AddressSpace><VPNGatewayAddress>20.%d.%d.1</VPNGatewayAddress></LocalNetworkSite>\n", i, int(b / 256), b % 256, int(i / 250) + 1, i % 250 + 1 > xml
		printf "<LocalNetworkSite name=\"OnPrem%d\"><AddressSpace><AddressPrefix>172.%d.%d.0/24</AddressPrefix></AddressSpace><VPNGatewayAddress>40.%d.%d.1</VPNGatewayAddress></LocalNetworkSite>\n", i, 16 + int(i / 256), i % 256, int(i / 250) + 1, i % 250 + 1 > xml
	}
	print "</LocalNetworkSites><VirtualNetworkSites>" > xml
	for (i = 0; i < n; i++) {
		b = i * 4
		nx = (i + 1) % n
		pv = (i + n - 1) % n
		printf "<VirtualNetworkSite name=\"V%d\" Location=\"%s\"><AddressSpace><AddressPrefix>10.%d.%d.0/22</AddressPrefix></AddressSpace><Subnets><Subnet name=\"FrontEnd\"><AddressPrefix>10.%d.%d.0/24</AddressPrefix></Subnet><Subnet name=\"GatewaySubnet\"><AddressPrefix>10.%d.%d.0/27</AddressPrefix></Subnet></Subnets><Gateway><ConnectionsToLocalNetwork>", i, reg[i % 6 + 1], int(b / 256), b % 256, int(b / 256), b % 256, int(b / 256), b % 256 + 3 > xml
		printf "<LocalNetworkSiteRef name=\"V%d\"><Connection type=\"IPsec\"/></LocalNetworkSiteRef>", nx > xml
		printf "<LocalNetworkSiteRef name=\"V%d\"><Connection type=\"IPsec\"/></LocalNetworkSiteRef>", pv > xml
		printf "<LocalNetworkSiteRef name=\"OnPrem%d\"><Connection type=\"IPsec\"/></LocalNetworkSiteRef>", i > xml
		print "</ConnectionsToLocalNetwork></Gateway></VirtualNetworkSite>" > xml
		printf "New-AzureVNetGateway -VNetName V%d -GatewayType DynamicRouting -GatewaySKU Standard\n", i > keys
		printf "Set-AzureVNetGatewayKey -VNetName V%d -LocalNetworkSiteName V%d -SharedKey Ring%dx%d\n", i, nx, (i < nx ? i : nx), (i < nx ? nx : i) > keys
		printf "Set-AzureVNetGatewayKey -VNetName V%d -LocalNetworkSiteName V%d -SharedKey Ring%dx%d\n", i, pv, (i < pv ? i : pv), (i < pv ? pv : i) > keys
		printf "Set-AzureVNetGatewayKey -VNetName V%d -LocalNetworkSiteName OnPrem%d -SharedKey Site%d\n", i, i, i > keys
	}
	print "</VirtualNetworkSites></VirtualNetworkConfiguration></NetworkConfiguration>" > xml
}
