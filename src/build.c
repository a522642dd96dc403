/* build.c - element events to classic model; no tree, no libxml2. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "hash.h"
#include "xalloc.h"

/* What an open element is, decided by its parent's kind and its own name. */
enum ek {
	E_OTHER,		/* no place in the model: it and its content are ignored */
	E_ROOT,
	E_VNC,			/* VirtualNetworkConfiguration */
	E_DNS,
	E_DNSSERVERS,
	E_DNSSERVER,
	E_SITES,
	E_SITE,
	E_SPACE,		/* AddressSpace or VPNClientAddressPool: a prefix list */
	E_PREFIX,		/* AddressPrefix of a prefix list */
	E_VPNADDR,
	E_VNETS,
	E_VNET,
	E_SUBNETS,
	E_SUBNET,
	E_SUBNET_PREFIX,
	E_DNSREFS,
	E_DNSREF,
	E_GATEWAY,
	E_CONNS,
	E_SITEREF,
	E_CONNECTION,
	E_IGN,			/* InternetGatewayNetwork */
};

/* (parent, name) -> kind; the parent E_OTHER row is the document level. */
static const struct {
	enum ek		 parent;
	const char	*name;
	enum ek		 kind;
} edges[] = {
	{ E_OTHER,	"NetworkConfiguration",		E_ROOT },
	{ E_ROOT,	"VirtualNetworkConfiguration",	E_VNC },
	{ E_VNC,	"Dns",				E_DNS },
	{ E_VNC,	"LocalNetworkSites",		E_SITES },
	{ E_VNC,	"VirtualNetworkSites",		E_VNETS },
	{ E_DNS,	"DnsServers",			E_DNSSERVERS },
	{ E_DNSSERVERS,	"DnsServer",			E_DNSSERVER },
	{ E_SITES,	"LocalNetworkSite",		E_SITE },
	{ E_SITE,	"AddressSpace",			E_SPACE },
	{ E_SITE,	"VPNGatewayAddress",		E_VPNADDR },
	{ E_SPACE,	"AddressPrefix",		E_PREFIX },
	{ E_VNETS,	"VirtualNetworkSite",		E_VNET },
	{ E_VNET,	"AddressSpace",			E_SPACE },
	{ E_VNET,	"Subnets",			E_SUBNETS },
	{ E_VNET,	"DnsServersRef",		E_DNSREFS },
	{ E_VNET,	"Gateway",			E_GATEWAY },
	{ E_VNET,	"InternetGatewayNetwork",	E_IGN },
	{ E_SUBNETS,	"Subnet",			E_SUBNET },
	{ E_SUBNET,	"AddressPrefix",		E_SUBNET_PREFIX },
	{ E_DNSREFS,	"DnsServerRef",			E_DNSREF },
	{ E_GATEWAY,	"VPNClientAddressPool",		E_SPACE },
	{ E_GATEWAY,	"ConnectionsToLocalNetwork",	E_CONNS },
	{ E_CONNS,	"LocalNetworkSiteRef",		E_SITEREF },
	{ E_SITEREF,	"Connection",			E_CONNECTION },
};

struct builder {
	struct netcfg	*cfg;
	enum ek		*stack;		/* kinds of the open elements */
	size_t		 depth, capstack;
	/*
	 * The innermost open objects.  Elements nest, so nothing else is
	 * appended to the array an object lives in while it is open and the
	 * pointers stay valid.
	 */
	struct vnet	*vnet;
	struct local_site *site;
	struct prefix_list *list;
	struct subnet	*subnet;
	struct site_ref	*ref;
	struct pos	 textpos;	/* the element whose text is being collected */
	struct sbuf	 text;
};

struct builder *
builder_new(const char *file)
{
	struct builder *b = xcalloc(1, sizeof(*b));

	b->cfg = netcfg_new(file);
	sbuf_init(&b->text);
	return b;
}

void
builder_free(struct builder *b)
{
	if (b == NULL)
		return;
	netcfg_free(b->cfg);
	free(b->stack);
	sbuf_release(&b->text);
	free(b);
}

/* The value of attribute name, as a new string, or NULL when it is absent. */
static char *
attr(const struct battr *a, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return xstrndup(a[i].value, a[i].len);
	return NULL;
}

/* The same, "" when absent (the XSD requires it; the model never holds NULL names). */
static char *
name_attr(const struct battr *a, size_t n)
{
	char *s = attr(a, n, "name");

	return s != NULL ? s : xstrdup("");
}

static enum ek
kind_of(enum ek parent, const char *name)
{
	size_t i;

	if (name == NULL)
		return E_OTHER;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		if (edges[i].parent == parent && strcmp(edges[i].name, name) == 0)
			return edges[i].kind;
	return E_OTHER;
}

void
builder_start(struct builder *b, const char *name, const struct battr *a, size_t na,
    const struct pos *pos)
{
	struct netcfg	*cfg = b->cfg;
	enum ek		 parent = b->depth > 0 ? b->stack[b->depth - 1] : E_OTHER;
	enum ek		 k;
	size_t		 i;

	/* below an ignored element everything is ignored, however it is named */
	k = b->depth > 0 && parent == E_OTHER ? E_OTHER : kind_of(parent, name);
	*(enum ek *)VEC_PUSH(b->stack, b->depth, b->capstack) = k;
	if (k != E_OTHER)
		for (i = 0; i < na; i++)
			netcfg_attr_keep(cfg, pos, a[i].name, &a[i].pos);
	switch (k) {
	case E_ROOT:
		cfg->pos = *pos;
		break;
	case E_DNSSERVER: {
		struct dns_server *d = VEC_PUSH(cfg->dns, cfg->ndns, cfg->capdns);

		memset(d, 0, sizeof(*d));
		d->pos = *pos;
		d->name = name_attr(a, na);
		if ((d->ip_text = attr(a, na, "IPAddress")) == NULL)
			d->ip_text = xstrdup("");
		d->ip_valid = addr_parse_ip(d->ip_text, &d->ip, NULL, 0) == ADDR_OK;
		break;
	}
	case E_SITE:
		b->site = VEC_PUSH(cfg->sites, cfg->nsites, cfg->capsites);
		memset(b->site, 0, sizeof(*b->site));
		b->site->pos = *pos;
		b->site->name = name_attr(a, na);
		b->site->space.pos = *pos;
		break;
	case E_SPACE:
		if (parent == E_SITE)
			b->list = &b->site->space;
		else if (parent == E_VNET)
			b->list = &b->vnet->space;
		else {
			b->vnet->gateway.has_pool = true;
			b->list = &b->vnet->gateway.pool;
		}
		b->list->pos = *pos;
		break;
	case E_PREFIX:
	case E_VPNADDR:
	case E_SUBNET_PREFIX:
		b->textpos = *pos;
		b->text.len = 0;
		b->text.s[0] = '\0';
		break;
	case E_VNET: {
		struct vnet *v = VEC_PUSH(cfg->vnets, cfg->nvnets, cfg->capvnets);

		memset(v, 0, sizeof(*v));
		v->pos = *pos;
		v->name = name_attr(a, na);
		v->location = attr(a, na, "Location");
		v->affinity_group = attr(a, na, "AffinityGroup");
		v->space.pos = *pos;
		b->vnet = v;
		break;
	}
	case E_SUBNET:
		b->subnet = VEC_PUSH(b->vnet->subnets, b->vnet->nsubnets, b->vnet->capsubnets);
		memset(b->subnet, 0, sizeof(*b->subnet));
		b->subnet->pos = *pos;
		b->subnet->name = name_attr(a, na);
		break;
	case E_DNSREF: {
		struct vnet	*v = b->vnet;
		struct dns_ref	*r = VEC_PUSH(v->dns_refs, v->ndns_refs, v->capdns_refs);

		memset(r, 0, sizeof(*r));
		r->pos = *pos;
		r->name = name_attr(a, na);
		break;
	}
	case E_GATEWAY: {
		struct gateway *g = &b->vnet->gateway;

		g->present = true;
		g->pos = *pos;
		free(g->profile);
		g->profile = attr(a, na, "profile");
		g->pool.pos = *pos;
		break;
	}
	case E_SITEREF: {
		struct gateway *g = &b->vnet->gateway;

		b->ref = VEC_PUSH(g->refs, g->nrefs, g->caprefs);
		memset(b->ref, 0, sizeof(*b->ref));
		b->ref->pos = *pos;
		b->ref->name = name_attr(a, na);
		break;
	}
	case E_CONNECTION: {
		struct connection	*c = VEC_PUSH(b->ref->conns, b->ref->nconns, b->ref->capconns);
		char			*type = attr(a, na, "type");

		c->pos = *pos;
		c->type = type != NULL && strcmp(type, "Dedicated") == 0 ? CONN_DEDICATED : CONN_IPSEC;
		free(type);
		break;
	}
	case E_IGN:
		free(b->vnet->internet_gateway);
		b->vnet->internet_gateway = name_attr(a, na);
		b->vnet->internet_gateway_pos = *pos;
		break;
	default:
		break;
	}
}

void
builder_text(struct builder *b, const char *s, size_t n)
{
	if (b->depth == 0)
		return;
	switch (b->stack[b->depth - 1]) {
	case E_PREFIX:
	case E_VPNADDR:
	case E_SUBNET_PREFIX:
		sbuf_add(&b->text, s, n);
		break;
	default:
		break;
	}
}

bool
builder_element_only(const struct builder *b)
{
	if (b->depth == 0)
		return false;
	switch (b->stack[b->depth - 1]) {
	case E_ROOT:
	case E_VNC:
	case E_DNS:
	case E_DNSSERVERS:
	case E_SITES:
	case E_SITE:
	case E_SPACE:
	case E_VNETS:
	case E_VNET:
	case E_SUBNETS:
	case E_SUBNET:
	case E_DNSREFS:
	case E_GATEWAY:
	case E_CONNS:
	case E_SITEREF:
		return true;
	default:
		/*
		 * Text elements, unknown elements and those with empty
		 * content (DnsServer, DnsServerRef, Connection,
		 * InternetGatewayNetwork), where even a blank is an error
		 */
		return false;
	}
}

void
builder_end(struct builder *b)
{
	if (b->depth == 0)
		return;
	switch (b->stack[--b->depth]) {
	case E_PREFIX: {
		struct prefix *p = VEC_PUSH(b->list->v, b->list->n, b->list->cap);

		memset(p, 0, sizeof(*p));
		prefix_set(p, b->text.s, &b->textpos);
		break;
	}
	case E_SUBNET_PREFIX:
		/* the XSD allows one; the first is the subnet's */
		if (!b->subnet->has_prefix) {
			prefix_set(&b->subnet->prefix, b->text.s, &b->textpos);
			b->subnet->has_prefix = true;
		}
		break;
	case E_VPNADDR:
		if (b->site->has_vpn_addr)
			free(b->site->vpn_addr_text);
		b->site->has_vpn_addr = true;
		b->site->vpn_addr_pos = b->textpos;
		b->site->vpn_addr_text = xstrdup(b->text.s);
		b->site->vpn_addr_valid = addr_parse_ip(b->site->vpn_addr_text,
		    &b->site->vpn_addr, NULL, 0) == ADDR_OK;
		break;
	default:
		break;
	}
}

struct netcfg *
builder_finish(struct builder *b)
{
	struct netcfg	*cfg = b->cfg;
	size_t		 i, j;

	b->cfg = NULL;
	builder_free(b);
	netcfg_index(cfg);
	for (i = 0; i < cfg->nvnets; i++) {
		struct vnet	*v = &cfg->vnets[i];
		struct hmap	 seen;
		size_t		 k;

		/* names compare case-insensitively, so do the references */
		hmap_init(&seen);
		for (j = 0; j < v->ndns_refs; j++) {
			v->dns_refs[j].server = netcfg_dns(cfg, v->dns_refs[j].name);
			if (!hmap_put(&seen, v->dns_refs[j].name, j, &k))
				v->dns_refs[j].dup = &v->dns_refs[k];
		}
		hmap_release(&seen);
		hmap_init(&seen);
		for (j = 0; j < v->gateway.nrefs; j++) {
			v->gateway.refs[j].site = netcfg_site(cfg, v->gateway.refs[j].name);
			if (!hmap_put(&seen, v->gateway.refs[j].name, j, &k))
				v->gateway.refs[j].dup = &v->gateway.refs[k];
		}
		hmap_release(&seen);
	}
	return cfg;
}
