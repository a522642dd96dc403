/* gen.c - write a valid synthetic netcfg export and its key script.
 * usage: gen NVNETS OUT.xml OUT.keys.ps1
 * Every VNet has a /22 of its own (from 10.0.0.0 upwards), three subnets
 * (one a /27 GatewaySubnet) and two DNS references.  One VNet in five pairs
 * with the next through two mirror local sites (classic VNet-to-VNet); one
 * in ten reaches one of the on-premises sites (172.16.0.0/12, /24 each).
 * The key script creates every gateway and sets every key. */
#include <stdio.h>
#include <stdlib.h>

static const char *const regions[] = { "East US", "West US", "West Europe", "North Europe",
    "Southeast Asia", "Central US", "East US 2", "Japan East" };

static void
quad(FILE *f, unsigned long a)
{
	fprintf(f, "%lu.%lu.%lu.%lu", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

static unsigned long
base(long i)
{
	return 0x0a000000ul + (unsigned long)i * 1024ul;
}

/* VNets 10k and 10k+5 pair; 10k+1 .. 10k+2 reach on-premises site k. */
static int
role(long i, long n, long *peer)
{
	if (i % 10 == 0 && i + 5 < n) {
		*peer = i + 5;
		return 'p';
	}
	if (i % 10 == 5) {
		*peer = i - 5;
		return 'p';
	}
	if (i % 10 == 1 || i % 10 == 2)
		return 's';
	return 0;
}

int
main(int argc, char **argv)
{
	FILE	*x, *k;
	long	 n, i, peer;

	if (argc != 4 || (n = atol(argv[1])) < 1 || n > 4000000) {
		fputs("usage: gen NVNETS OUT.xml OUT.keys.ps1\n", stderr);
		return 2;
	}
	if ((x = fopen(argv[2], "w")) == NULL || (k = fopen(argv[3], "w")) == NULL) {
		perror("gen");
		return 1;
	}
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<NetworkConfiguration "
	    "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "xmlns=\"http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration\">\n"
	    "  <VirtualNetworkConfiguration>\n    <Dns>\n      <DnsServers>\n"
	    "        <DnsServer name=\"dns-a\" IPAddress=\"10.0.0.4\" />\n"
	    "        <DnsServer name=\"dns-b\" IPAddress=\"10.0.0.5\" />\n"
	    "      </DnsServers>\n    </Dns>\n    <LocalNetworkSites>\n", x);
	for (i = 0; i < n; i++) {
		int r = role(i, n, &peer);

		if (r == 'p') {	/* the mirror site that stands for VNet i */
			fprintf(x, "      <LocalNetworkSite name=\"Mirror-VNet%ld\">\n        <AddressSpace>\n"
			    "          <AddressPrefix>", i);
			quad(x, base(i));
			fprintf(x, "/22</AddressPrefix>\n        </AddressSpace>\n"
			    "        <VPNGatewayAddress>52.%ld.%ld.%ld</VPNGatewayAddress>\n"
			    "      </LocalNetworkSite>\n", (i >> 16) & 255, (i >> 8) & 255, i & 255);
		}
		if (i % 10 == 1) {	/* on-premises site i / 10 */
			fprintf(x, "      <LocalNetworkSite name=\"OnPrem%ld\">\n        <VPNGatewayAddress>"
			    "20.%ld.%ld.%ld</VPNGatewayAddress>\n        <AddressSpace>\n"
			    "          <AddressPrefix>", i / 10, (i >> 16) & 255, (i >> 8) & 255, i & 255);
			quad(x, 0xac100000ul + (unsigned long)(i / 10) * 256ul);
			fputs("/24</AddressPrefix>\n        </AddressSpace>\n      </LocalNetworkSite>\n", x);
		}
	}
	fputs("    </LocalNetworkSites>\n    <VirtualNetworkSites>\n", x);
	for (i = 0; i < n; i++) {
		unsigned long	b = base(i);
		int		r = role(i, n, &peer);

		fprintf(x, "      <VirtualNetworkSite name=\"Group RG%ld VNet%ld\" Location=\"%s\">\n"
		    "        <AddressSpace>\n          <AddressPrefix>", i / 100, i,
		    regions[i % (long)(sizeof(regions) / sizeof(regions[0]))]);
		quad(x, b);
		fputs("/22</AddressPrefix>\n        </AddressSpace>\n        <Subnets>\n"
		    "          <Subnet name=\"default\">\n            <AddressPrefix>", x);
		quad(x, b);
		fputs("/24</AddressPrefix>\n          </Subnet>\n          <Subnet name=\"app\">\n"
		    "            <AddressPrefix>", x);
		quad(x, b + 256);
		fputs("/24</AddressPrefix>\n          </Subnet>\n          <Subnet name=\"GatewaySubnet\">\n"
		    "            <AddressPrefix>", x);
		quad(x, b + 1024 - 32);
		fputs("/27</AddressPrefix>\n          </Subnet>\n        </Subnets>\n"
		    "        <DnsServersRef>\n          <DnsServerRef name=\"dns-a\" />\n"
		    "          <DnsServerRef name=\"dns-b\" />\n        </DnsServersRef>\n", x);
		if (r != 0) {
			fputs("        <Gateway>\n          <ConnectionsToLocalNetwork>\n", x);
			if (r == 'p')
				fprintf(x, "            <LocalNetworkSiteRef name=\"Mirror-VNet%ld\">\n", peer);
			else
				fprintf(x, "            <LocalNetworkSiteRef name=\"OnPrem%ld\">\n", i / 10);
			fputs("              <Connection type=\"IPsec\" />\n            </LocalNetworkSiteRef>\n"
			    "          </ConnectionsToLocalNetwork>\n        </Gateway>\n", x);
			fprintf(k, "New-AzureVNetGateway -VNetName 'Group RG%ld VNet%ld' -GatewayType "
			    "DynamicRouting -GatewaySKU Standard\n", i / 100, i);
			if (r == 'p')
				fprintf(k, "Set-AzureVNetGatewayKey -VNetName 'Group RG%ld VNet%ld' "
				    "-LocalNetworkSiteName Mirror-VNet%ld -SharedKey Pair%ldKey\n", i / 100, i,
				    peer, i < peer ? i : peer);
			else
				fprintf(k, "Set-AzureVNetGatewayKey -VNetName 'Group RG%ld VNet%ld' "
				    "-LocalNetworkSiteName OnPrem%ld -SharedKey Site%ldKey\n", i / 100, i, i / 10, i);
		}
		fputs("      </VirtualNetworkSite>\n", x);
	}
	fputs("    </VirtualNetworkSites>\n  </VirtualNetworkConfiguration>\n</NetworkConfiguration>\n", x);
	if (fclose(x) != 0 || fclose(k) != 0) {
		perror("gen");
		return 1;
	}
	return 0;
}
