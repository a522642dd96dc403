/* model.c - construction, lookup and release of the classic model. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "xalloc.h"

struct netcfg *
netcfg_new(const char *file)
{
	struct netcfg *c = xcalloc(1, sizeof(*c));

	c->file = xstrdup(file);
	c->pos.file = c->file;
	return c;
}

static void
prefix_list_release(struct prefix_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].why);
	}
	free(l->v);
}

void
netcfg_free(struct netcfg *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->ndns; i++) {
		free(c->dns[i].name);
		free(c->dns[i].ip_text);
	}
	free(c->dns);
	for (i = 0; i < c->nsites; i++) {
		free(c->sites[i].name);
		free(c->sites[i].vpn_addr_text);
		prefix_list_release(&c->sites[i].space);
	}
	free(c->sites);
	for (i = 0; i < c->nvnets; i++) {
		struct vnet *v = &c->vnets[i];

		free(v->name);
		free(v->location);
		free(v->affinity_group);
		free(v->internet_gateway);
		prefix_list_release(&v->space);
		for (j = 0; j < v->nsubnets; j++) {
			free(v->subnets[j].name);
			free(v->subnets[j].prefix.text);
			free(v->subnets[j].prefix.why);
		}
		free(v->subnets);
		for (j = 0; j < v->ndns_refs; j++)
			free(v->dns_refs[j].name);
		free(v->dns_refs);
		free(v->gateway.profile);
		prefix_list_release(&v->gateway.pool);
		for (j = 0; j < v->gateway.nrefs; j++) {
			free(v->gateway.refs[j].name);
			free(v->gateway.refs[j].conns);
		}
		free(v->gateway.refs);
	}
	free(c->vnets);
	hmap_release(&c->vnet_idx);
	hmap_release(&c->site_idx);
	hmap_release(&c->dns_idx);
	free(c->attrs);
	free(c->file);
	free(c);
}

void
prefix_list_text(const struct prefix_list *l, struct sbuf *b)
{
	char	buf[NET_STR_MAX];
	size_t	i, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID)
			sbuf_printf(b, "%s%s", n++ ? ", " : "", net_format(l->v[i].net, buf));
}

void
prefix_set(struct prefix *p, const char *text, const struct pos *pos)
{
	char why[ADDR_WHY_MAX];

	p->text = xstrdup(text);
	p->pos = *pos;
	p->why = NULL;
	switch (addr_parse_prefix(text, &p->net, why, sizeof(why))) {
	case ADDR_OK:
		p->state = PREFIX_VALID;
		break;
	case ADDR_HOSTBITS:
		p->state = PREFIX_HOSTBITS;
		break;
	default:
		p->state = PREFIX_INVALID;
		p->why = xstrdup(why);
		break;
	}
}

void
netcfg_index(struct netcfg *c)
{
	size_t i;

	hmap_release(&c->vnet_idx);
	hmap_release(&c->site_idx);
	hmap_release(&c->dns_idx);
	for (i = 0; i < c->nvnets; i++)
		hmap_put(&c->vnet_idx, c->vnets[i].name, i, NULL);
	for (i = 0; i < c->nsites; i++)
		hmap_put(&c->site_idx, c->sites[i].name, i, NULL);
	for (i = 0; i < c->ndns; i++)
		hmap_put(&c->dns_idx, c->dns[i].name, i, NULL);
}

struct vnet *
netcfg_vnet(const struct netcfg *c, const char *name)
{
	size_t i;

	return hmap_get(&c->vnet_idx, name, &i) ? &c->vnets[i] : NULL;
}

struct local_site *
netcfg_site(const struct netcfg *c, const char *name)
{
	size_t i;

	return hmap_get(&c->site_idx, name, &i) ? &c->sites[i] : NULL;
}

struct dns_server *
netcfg_dns(const struct netcfg *c, const char *name)
{
	size_t i;

	return hmap_get(&c->dns_idx, name, &i) ? &c->dns[i] : NULL;
}

struct subnet *
vnet_gateway_subnet(const struct vnet *v)
{
	size_t i;

	for (i = 0; i < v->nsubnets; i++)
		if (strcasecmp(v->subnets[i].name, "GatewaySubnet") == 0)
			return &v->subnets[i];
	return NULL;
}

/* The attributes whose positions are kept: those diagnostics point at. */
static const char *const kept[] = { "name", "Location", "AffinityGroup", "IPAddress", "profile" };

void
netcfg_attr_keep(struct netcfg *c, const struct pos *el, const char *name, const struct pos *at)
{
	struct attr_pos	*k;
	size_t		 i;

	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (strcmp(name, kept[i]) == 0)
			break;
	if (i == sizeof(kept) / sizeof(kept[0]) || at->line == 0)
		return;
	k = VEC_PUSH(c->attrs, c->nattrs, c->capattrs);
	k->el_line = el->line;
	k->el_col = el->col;
	k->name = kept[i];
	k->line = at->line;
	k->col = at->col;
}

struct pos
netcfg_attr_pos(const struct netcfg *c, const struct pos *el, const char *name)
{
	struct pos	 r = *el;
	size_t		 lo = 0, hi = c->nattrs, mid;

	/* the first attribute kept for el: they are in document order */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->attrs[mid].el_line < el->line ||
		    (c->attrs[mid].el_line == el->line && c->attrs[mid].el_col < el->col))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->nattrs && c->attrs[lo].el_line == el->line &&
	    c->attrs[lo].el_col == el->col; lo++)
		if (strcmp(c->attrs[lo].name, name) == 0) {
			r.line = c->attrs[lo].line;
			r.col = c->attrs[lo].col;
			break;
		}
	return r;
}

const char *
routing_name(enum routing r)
{
	switch (r) {
	case ROUTING_STATIC:
		return "StaticRouting";
	case ROUTING_DYNAMIC:
		return "DynamicRouting";
	default:
		return "unknown";
	}
}

const char *
classic_sku_name(enum classic_sku s)
{
	switch (s) {
	case CSKU_DEFAULT:
		return "Default";
	case CSKU_BASIC:
		return "Basic";
	case CSKU_STANDARD:
		return "Standard";
	case CSKU_HIGHPERFORMANCE:
		return "HighPerformance";
	default:
		return "unknown";
	}
}
