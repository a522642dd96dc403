/* batch.c - write a batch of realistic netcfg exports, each with its own
 * side file, as a subscription-by-subscription migration would have them.
 * usage: batch SEED COUNT DIR
 * Writes DIR/export-NNN.xml and DIR/export-NNN.ps1 (NNN from 001), the same
 * bytes for the same SEED: each export draws from its own generator, seeded
 * with SEED and its number, so export 7 does not depend on COUNT.
 *
 * An export has 15-55 VNets, one in thirty 150-500 (export 30 has 500):
 * with seed 12, 300 exports hold 14,028 VNets, 15 MB, a quarter of the
 * VNets with a gateway.
 * Every VNet has a block of its own in 10.0.0.0/8 (a /16 in one export in
 * three, a /20 to /22 otherwise); one in five a second prefix, one in twenty
 * a third; one to four subnets, now and then one in the second prefix; a
 * /27 or /26 GatewaySubnet at the end of its first prefix when it has a
 * gateway (and on a few others); references to the export's DNS servers.
 * About one VNet in eight is in a VNet-to-VNet group (a pair, or a hub with
 * two or three spokes) through the mirror local sites the classic portal
 * made ("6C74F6E6_App07Local"); about one in eight reaches one to three
 * on-premises sites, some shared by several VNets; one in twenty has a
 * point-to-site client pool.  A single site-to-site tunnel is sometimes on a
 * StaticRouting gateway.  Element order, line endings, byte-order marks,
 * quoting, abbreviated parameters, backtick continuations and cmdlets that
 * are not about gateways vary from export to export.  Every export checks
 * with "0 errors, 0 warnings" (notes allowed: the other cmdlets). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXV	512
#define MAXS	(2 * MAXV)
#define MAXC	6

static uint64_t rs;

static uint64_t
rnd(void)
{
	uint64_t z = (rs += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int
below(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static int
chance(int pct)
{
	return below(100) < pct;
}

static const char *const regions[] = { "East US", "East US 2", "West US", "West US 2",
    "Central US", "South Central US", "North Central US", "West Europe", "North Europe",
    "UK South", "France Central", "Germany West Central", "Southeast Asia", "East Asia",
    "Japan East", "Australia East", "Canada Central", "Brazil South" };
#define NREGIONS (int)(sizeof(regions) / sizeof(regions[0]))
static const char *const words[] = { "Hub", "App", "Web", "Data", "Shared", "Identity", "Mgmt",
    "Dev", "Test", "Prod", "Core", "Edge", "Batch", "Sql", "Sap", "Backup", "Dmz", "Ops", "Bi",
    "Crm", "Erp", "Portal", "Api", "Files" };
static const char *const groups[] = { "ProdRG", "NetworkRG", "AppRG", "Net-Prod", "Shared-RG",
    "DevTest", "Core-Net", "Legacy", "Finance", "Analytics" };
static const char *const cities[] = { "Rotterdam", "London", "Antwerp", "Paris", "Berlin",
    "Madrid", "Milan", "Dublin", "Oslo", "Vienna", "Zurich", "Prague", "Warsaw", "Boston",
    "Chicago", "Denver", "Austin", "Seattle", "Toronto", "Tokyo", "Osaka", "Sydney", "Lyon",
    "Munich" };
static const char *const subnets[] = { "default", "FrontEnd", "BackEnd", "App", "Data", "Web",
    "Mgmt", "Identity", "Workers", "Services" };
static const char *const dnsnames[][4] = { { "DC01", "DC02", "HQ-DNS", "DC03" },
    { "dns-a", "dns-b", "dns-c", "dns-d" }, { "AD-Primary", "AD-Secondary", "OnPremDns", "Resolver" } };
static const int publics[] = { 13, 20, 23, 40, 51, 52, 65, 81, 91, 104, 131, 137, 168, 191 };
#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

struct conn {
	int	 site;
	char	 key[40];
};

struct vnet {
	char		 name[64], shortn[32];
	const char	*region;
	unsigned long	 pfx[3];
	int		 plen[3], npfx;
	int		 gw, gwsub, gwsublen;	/* a gateway; a GatewaySubnet of that length */
	int		 routing;		/* 'D' or 'S' */
	const char	*sku;
	struct conn	 c[MAXC];
	int		 nc;
	int		 v2v;			/* in a VNet-to-VNet group */
	int		 pool;			/* client pool number, or -1 */
	int		 mirror;		/* the site that stands for it, or -1 */
	int		 dns[4], ndns;
	unsigned long	 ip;			/* its gateway's public address */
};

struct site {
	char		 name[64];
	unsigned long	 pfx[3];
	int		 plen[3], npfx;
	unsigned long	 ip;
	int		 ipfirst;		/* VPNGatewayAddress before AddressSpace */
	int		 onprem;		/* not a mirror of a VNet */
};

static struct vnet	 v[MAXV];
static struct site	 s[MAXS];
static int		 nv, ns, ndns, dnsstyle;
static unsigned long	 dnsip[4];

/* the text of one file, before its line endings and encoding are chosen */
static char	*buf;
static size_t	 len, cap;

static void
out(const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(buf + len, cap - len, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n < cap - len)
			break;
		cap = cap * 2 + (size_t)n + 1;
		if ((buf = realloc(buf, cap)) == NULL)
			abort();
	}
	len += (size_t)n;
}

/* write the text to PATH: CRLF line endings if crlf; BOM 0 none, 8 UTF-8, 16 UTF-16LE */
static void
save(const char *path, int crlf, int bom)
{
	FILE	*f;
	size_t	 i;

	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		exit(1);
	}
	if (bom == 8)
		fputs("\xef\xbb\xbf", f);
	else if (bom == 16)
		fputs("\xff\xfe", f);
	for (i = 0; i < len; i++) {
		if (buf[i] == '\n' && crlf) {
			fputc('\r', f);
			if (bom == 16)
				fputc(0, f);
		}
		fputc(buf[i], f);
		if (bom == 16)
			fputc(0, f);
	}
	if (fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	len = 0;
}

static const char *
quad(unsigned long a)
{
	static char	b[4][32];
	static int	k;

	k = (k + 1) % 4;
	snprintf(b[k], sizeof(b[k]), "%lu.%lu.%lu.%lu", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	return b[k];
}

static unsigned long
public_ip(void)
{
	return (unsigned long)publics[below(N(publics))] << 24 | (unsigned long)below(256) << 16 |
	    (unsigned long)below(256) << 8 | (unsigned long)(1 + below(254));
}

static void
hex8(char *d)
{
	snprintf(d, 9, "%08lX", (unsigned long)(rnd() & 0xffffffffu));
}

static void
key(char *d, int n)
{
	static const char	a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	int			i;

	for (i = 0; i < n; i++)
		d[i] = a[below((int)sizeof(a) - 1)];
	d[n] = '\0';
}

static int
connected(const struct vnet *x, int site)
{
	int i;

	for (i = 0; i < x->nc; i++)
		if (x->c[i].site == site)
			return 1;
	return 0;
}

static void
addconn(struct vnet *x, int site, const char *k)
{
	x->c[x->nc].site = site;
	if (k != NULL)
		snprintf(x->c[x->nc].key, sizeof(x->c[x->nc].key), "%s", k);
	else
		key(x->c[x->nc].key, 12 + below(21));
	x->nc++;
	x->gw = 1;
}

/* the site that stands for VNet i (its address space, its gateway's address) */
static int
mirror(int i)
{
	struct site	*t;
	char		 h[9];
	int		 k;

	if (v[i].mirror >= 0)
		return v[i].mirror;
	t = &s[ns];
	hex8(h);
	if (chance(60))
		snprintf(t->name, sizeof(t->name), "%s_%sLocal", h, v[i].shortn);
	else
		snprintf(t->name, sizeof(t->name), "%s-Local", v[i].shortn);
	t->npfx = v[i].npfx;
	for (k = 0; k < v[i].npfx; k++) {
		t->pfx[k] = v[i].pfx[k];
		t->plen[k] = v[i].plen[k];
	}
	t->ip = v[i].ip;
	t->ipfirst = chance(50);
	t->onprem = 0;
	return v[i].mirror = ns++;
}

/* on-premises site number k: one to three /24s of its own, 192.168/16 first, then 172.20/14 */
static int
onprem(int *next)
{
	struct site	*t = &s[ns];
	int		 k, c = ns, city = c % N(cities);
	char		 h[9], sfx[16] = "";

	if (c >= N(cities))
		snprintf(sfx, sizeof(sfx), "%d", c / N(cities) + 1);
	hex8(h);
	switch (below(4)) {
	case 0:
		snprintf(t->name, sizeof(t->name), "HQ-%s%s", cities[city], sfx);
		break;
	case 1:
		snprintf(t->name, sizeof(t->name), "%s_Branch-%s%s", h, cities[city], sfx);
		break;
	case 2:
		snprintf(t->name, sizeof(t->name), "DC-%s%s", cities[city], sfx);
		break;
	default:
		snprintf(t->name, sizeof(t->name), "%s%s-Office", cities[city], sfx);
		break;
	}
	t->npfx = chance(70) ? 1 : chance(70) ? 2 : 3;
	for (k = 0; k < t->npfx; k++) {
		int n = (*next)++;

		t->pfx[k] = n < 256 ? 0xc0a80000ul + (unsigned long)n * 256ul
		    : 0xac140000ul + (unsigned long)(n - 256) * 256ul;
		t->plen[k] = 24;
	}
	t->ip = public_ip();
	t->ipfirst = chance(50);
	t->onprem = 1;
	return ns++;
}

static void
make(int e)
{
	int		 perm[MAXV], i, j, k, g, nrg, nhome, home[3], big, off, next = 0, pools = 0;
	const char	*rg[4];

	nv = (e % 30 == 29) ? (e == 29 ? 500 : 150 + below(351)) : 15 + below(41);
	big = nv <= 60 && chance(33);
	off = big ? below(64 - nv + 1) : below(1024 - nv + 1);
	nrg = 1 + below(4);
	for (i = 0; i < nrg; i++)
		rg[i] = groups[(e + i * 3) % N(groups)];
	nhome = 1 + below(3);
	for (i = 0; i < nhome; i++)
		home[i] = below(NREGIONS);
	ns = 0;

	/* VNets: names, regions, address spaces */
	for (i = 0; i < nv; i++) {
		struct vnet	*x = &v[i];
		unsigned long	 blk = big ? 65536ul : 4096ul;

		memset(x, 0, sizeof(*x));
		x->pool = x->mirror = -1;
		snprintf(x->shortn, sizeof(x->shortn), "%s%02d", words[below(N(words))], i + 1);
		if (chance(70))
			snprintf(x->name, sizeof(x->name), "Group %s %s", rg[below(nrg)], x->shortn);
		else
			snprintf(x->name, sizeof(x->name), "%s", x->shortn);
		x->region = chance(90) ? regions[home[below(nhome)]] : regions[below(NREGIONS)];
		x->npfx = chance(80) ? 1 : chance(75) ? 2 : 3;
		for (k = 0; k < x->npfx; k++) {
			x->pfx[k] = 0x0a000000ul + (unsigned long)k * 0x00400000ul + (unsigned long)(off + i) * blk;
			x->plen[k] = (big ? 16 : 20) + (k == 0 ? below(3) : 1 + below(3));
		}
		x->gwsub = chance(10);
		x->gwsublen = chance(80) ? 27 : 26;
		x->ip = public_ip();
	}

	/* VNet-to-VNet groups: a hub and one to three spokes */
	for (i = 0; i < nv; i++)
		perm[i] = i;
	for (i = nv - 1; i > 0; i--) {
		j = below(i + 1);
		k = perm[i], perm[i] = perm[j], perm[j] = k;
	}
	j = 0;
	for (g = nv / 25 + 1; g > 0 && j + 2 <= nv; g--) {
		int hub = perm[j++], n = chance(60) ? 1 : chance(60) ? 2 : 3;

		for (; n > 0 && j < nv; n--) {
			int	spoke = perm[j++];
			char	kk[40];

			key(kk, 8 + below(25));
			addconn(&v[hub], mirror(spoke), kk);
			addconn(&v[spoke], mirror(hub), kk);
			v[hub].v2v = v[spoke].v2v = 1;
		}
	}
	/* site-to-site: the next ones in perm, and some of the hubs and spokes */
	for (k = nv / 8 + 1; k > 0; k--) {
		struct vnet	*x;
		int		 n = chance(65) ? 1 : chance(70) ? 2 : 3;

		if (j < nv && !chance(15))
			x = &v[perm[j++]];
		else
			x = &v[perm[below(j)]];
		for (; n > 0 && x->nc < 4; n--) {
			int t = -1, tries;

			/* a datacenter that other VNets reach too, now and then */
			for (tries = 0; tries < 3 && ns > 0 && chance(35); tries++) {
				int c = below(ns);

				if (s[c].onprem && !connected(x, c)) {
					t = c;
					break;
				}
			}
			if (t < 0)
				t = onprem(&next);
			addconn(x, t, NULL);
		}
	}
	/* point-to-site: client pools on some gateways, and some VNets with nothing else */
	for (i = 0; i < nv; i++) {
		if ((v[i].gw && chance(10)) || (!v[i].gw && chance(3))) {
			v[i].pool = pools++;
			v[i].gw = 1;
		}
	}
	/* gateways: routing and SKU */
	for (i = 0; i < nv; i++) {
		struct vnet *x = &v[i];

		if (!x->gw)
			continue;
		x->gwsub = 1;
		if (x->nc == 1 && !x->v2v && x->pool < 0 && chance(40)) {
			x->routing = 'S';
			x->sku = chance(80) ? "Default" : "Basic";
		} else {
			x->routing = 'D';
			x->sku = chance(25) ? "Default" : chance(65) ? "Standard" : "HighPerformance";
		}
	}
	/* DNS servers, each referred to by some VNet */
	ndns = chance(15) ? 0 : 1 + below(4);
	dnsstyle = below(N(dnsnames));
	for (k = 0; k < ndns; k++)
		dnsip[k] = k < 2 ? v[0].pfx[0] + 4ul + (unsigned long)k : 0xac1f0000ul + (unsigned long)k * 256ul + 10ul;
	for (i = 0; ndns > 0 && i < nv; i++) {
		if (chance(25))
			continue;
		v[i].ndns = 1 + below(ndns < 3 ? ndns : 3);
		g = below(ndns);
		for (k = 0; k < v[i].ndns; k++)
			v[i].dns[k] = (g + k) % ndns;
	}
	for (k = 0; k < ndns; k++) {
		int used = 0;

		for (i = 0; i < nv && !used; i++)
			for (j = 0; j < v[i].ndns; j++)
				used |= v[i].dns[j] == k;
		if (!used) {
			struct vnet *x = &v[k % nv];

			if (x->ndns < 4)
				x->dns[x->ndns++] = k;
			else
				x->dns[0] = k;
		}
	}
}

static void
prefixes(const char *ind, const unsigned long *p, const int *l, int n)
{
	int k;

	for (k = 0; k < n; k++)
		out("%s<AddressPrefix>%s/%d</AddressPrefix>\n", ind, quad(p[k]), l[k]);
}

static void
write_xml(const char *path)
{
	int	order = chance(80) ? 0 : below(3) + 1, connchild = chance(80), crlf = chance(30);
	int	i, k, perm[MAXS];

	if (chance(85))
		out("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<NetworkConfiguration "
		    "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
		    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
		    "xmlns=\"http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration\">\n");
	else
		out("<NetworkConfiguration "
		    "xmlns=\"http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration\">\n");
	out("  <VirtualNetworkConfiguration>\n");
	if (ndns == 0)
		out("    <Dns />\n");
	else {
		out("    <Dns>\n      <DnsServers>\n");
		for (k = 0; k < ndns; k++)
			out("        <DnsServer name=\"%s\" IPAddress=\"%s\" />\n", dnsnames[dnsstyle][k], quad(dnsip[k]));
		out("      </DnsServers>\n    </Dns>\n");
	}
	if (ns > 0) {
		/* the portal lists the sites in no particular order */
		for (i = 0; i < ns; i++)
			perm[i] = i;
		for (i = ns - 1; i > 0; i--) {
			int j = below(i + 1), t = perm[i];

			perm[i] = perm[j], perm[j] = t;
		}
		out("    <LocalNetworkSites>\n");
		for (i = 0; i < ns; i++) {
			const struct site *t = &s[perm[i]];

			out("      <LocalNetworkSite name=\"%s\">\n", t->name);
			if (t->ipfirst)
				out("        <VPNGatewayAddress>%s</VPNGatewayAddress>\n", quad(t->ip));
			out("        <AddressSpace>\n");
			prefixes("          ", t->pfx, t->plen, t->npfx);
			out("        </AddressSpace>\n");
			if (!t->ipfirst)
				out("        <VPNGatewayAddress>%s</VPNGatewayAddress>\n", quad(t->ip));
			out("      </LocalNetworkSite>\n");
		}
		out("    </LocalNetworkSites>\n");
	}
	out("    <VirtualNetworkSites>\n");
	for (i = 0; i < nv; i++) {
		const struct vnet	*x = &v[i];
		unsigned long		 size = 1ul << (32 - x->plen[0]), at = 0;
		int			 part, nsub = 1 + below(4), sublen = size >= 4096 ? 24 : 24 + below(3);
		int			 used[N(subnets)] = { 0 };

		out("      <VirtualNetworkSite name=\"%s\" Location=\"%s\">\n", x->name, x->region);
		for (part = 0; part < 4; part++) {
			int what = order == 0 ? part : (part + order) % 4;

			switch (what) {
			case 0:
				out("        <AddressSpace>\n");
				prefixes("          ", x->pfx, x->plen, x->npfx);
				out("        </AddressSpace>\n");
				break;
			case 1:
				out("        <Subnets>\n");
				/* ordinary subnets from the start of the first prefix, the last /24 kept free */
				for (k = 0; k < nsub && at + (1ul << (32 - sublen)) <= size - 256; k++) {
					int n;

					do
						n = below(N(subnets));
					while (used[n]);
					used[n] = 1;
					out("          <Subnet name=\"%s\">\n            <AddressPrefix>%s/%d</AddressPrefix>\n"
					    "          </Subnet>\n", subnets[n], quad(x->pfx[0] + at), sublen);
					at += 1ul << (32 - sublen);
				}
				if (x->npfx > 1 && chance(40))
					out("          <Subnet name=\"Extra\">\n            <AddressPrefix>%s/%d</AddressPrefix>\n"
					    "          </Subnet>\n", quad(x->pfx[1]), x->plen[1] > 24 ? x->plen[1] : 24);
				if (x->gwsub)
					out("          <Subnet name=\"GatewaySubnet\">\n            <AddressPrefix>%s/%d"
					    "</AddressPrefix>\n          </Subnet>\n",
					    quad(x->pfx[0] + size - (1ul << (32 - x->gwsublen))), x->gwsublen);
				out("        </Subnets>\n");
				break;
			case 2:
				if (x->ndns == 0)
					break;
				out("        <DnsServersRef>\n");
				for (k = 0; k < x->ndns; k++)
					out("          <DnsServerRef name=\"%s\" />\n", dnsnames[dnsstyle][x->dns[k]]);
				out("        </DnsServersRef>\n");
				break;
			default:
				if (!x->gw)
					break;
				out("        <Gateway>\n");
				if (x->pool >= 0)
					out("          <VPNClientAddressPool>\n            <AddressPrefix>%s/24</AddressPrefix>\n"
					    "          </VPNClientAddressPool>\n",
					    quad(0xac100000ul + (unsigned long)x->pool * 256ul));
				if (x->nc == 0)
					out("          <ConnectionsToLocalNetwork />\n");
				else {
					out("          <ConnectionsToLocalNetwork>\n");
					for (k = 0; k < x->nc; k++)
						if (connchild)
							out("            <LocalNetworkSiteRef name=\"%s\">\n"
							    "              <Connection type=\"IPsec\" />\n"
							    "            </LocalNetworkSiteRef>\n", s[x->c[k].site].name);
						else
							out("            <LocalNetworkSiteRef name=\"%s\" />\n", s[x->c[k].site].name);
					out("          </ConnectionsToLocalNetwork>\n");
				}
				out("        </Gateway>\n");
				break;
			}
		}
		out("      </VirtualNetworkSite>\n");
	}
	out("    </VirtualNetworkSites>\n  </VirtualNetworkConfiguration>\n</NetworkConfiguration>\n");
	save(path, crlf, chance(10) ? 8 : 0);
}

/* how this side file spells things */
static struct {
	char	q;		/* quote: ' or " */
	int	bare;		/* names without blanks unquoted */
	int	cont;		/* backtick continuations */
	int	abbrev;		/* -VNet, -LocalNetworkSite */
	int	colon;		/* -SharedKey:value */
	int	outnull;	/* | Out-Null */
	int	lower;		/* all in lower case */
} ps;

static void
value(const char *t)
{
	if (ps.bare && strchr(t, ' ') == NULL && !(*t >= '0' && *t <= '9'))
		out("%s", t);
	else
		out("%c%s%c", ps.q, t, ps.q);
}

static void
newgw(const struct vnet *x)
{
	out(ps.lower ? "new-azurevnetgateway -vnetname " : "New-AzureVNetGateway -VNetName ");
	value(x->name);
	out(ps.cont ? " `\n    " : " ");
	out(ps.lower ? "-gatewaytype %s" : "-GatewayType %s", x->routing == 'S' ? "StaticRouting" : "DynamicRouting");
	out(ps.lower ? " -gatewaysku %s" : " -GatewaySKU %s", x->sku);
	out(ps.outnull ? " | Out-Null\n" : "\n");
}

static void
setkey(const struct vnet *x, const struct conn *c)
{
	out(ps.lower ? "set-azurevnetgatewaykey " : "Set-AzureVNetGatewayKey ");
	out(ps.abbrev ? "-VNet " : ps.lower ? "-vnetname " : "-VNetName ");
	value(x->name);
	out(ps.cont ? " `\n    " : " ");
	out(ps.abbrev ? "-LocalNetworkSite " : ps.lower ? "-localnetworksitename " : "-LocalNetworkSiteName ");
	value(s[c->site].name);
	/* -SharedKey:value bare: netcfgc 0.1.0 keeps the quotes of -SharedKey:'value' */
	if (ps.colon)
		out(" -SharedKey:%s", c->key);
	else {
		out(ps.lower ? " -sharedkey " : " -SharedKey ");
		value(c->key);
	}
	out(ps.outnull ? " | Out-Null\n" : "\n");
}

static void
write_ps1(const char *path, int e)
{
	int i, k, pervnet = chance(30), crlf = chance(40), bom = chance(5) ? 16 : chance(10) ? 8 : 0;

	ps.q = chance(50) ? '\'' : '"';
	ps.bare = chance(40);
	ps.cont = chance(20);
	ps.abbrev = chance(15);
	ps.colon = chance(10);
	ps.outnull = chance(10);
	ps.lower = chance(5);
	if (chance(70))
		out("# Classic gateways and keys of subscription %03d (Service Management cmdlets).\n", e + 1);
	if (chance(25))
		out("Add-AzureAccount\nSelect-AzureSubscription -SubscriptionName \"Subscription %03d\"\n\n", e + 1);
	if (chance(15))
		out("<# The devices were configured with the same keys.\n   Rotate them after the migration. #>\n");
	for (i = 0; i < nv; i++) {
		if (!v[i].gw)
			continue;
		if (pervnet && chance(50))
			out("\n# %s\n", v[i].name);
		newgw(&v[i]);
		for (k = 0; pervnet && k < v[i].nc; k++)
			setkey(&v[i], &v[i].c[k]);
	}
	if (!pervnet) {
		out("\n");
		for (i = 0; i < nv; i++)
			for (k = 0; k < v[i].nc; k++)
				setkey(&v[i], &v[i].c[k]);
	}
	save(path, crlf, bom);
}

int
main(int argc, char **argv)
{
	char		 path[4096];
	unsigned long	 seed;
	int		 count, e;

	if (argc != 4 || (count = atoi(argv[2])) < 1 || count > 999) {
		fputs("usage: batch SEED COUNT DIR\n", stderr);
		return 2;
	}
	seed = strtoul(argv[1], NULL, 10);
	for (e = 0; e < count; e++) {
		rs = (uint64_t)seed * 1000003u + (uint64_t)e;
		rnd();
		make(e);
		snprintf(path, sizeof(path), "%s/export-%03d.xml", argv[3], e + 1);
		write_xml(path);
		snprintf(path, sizeof(path), "%s/export-%03d.ps1", argv[3], e + 1);
		write_ps1(path, e);
	}
	return 0;
}
