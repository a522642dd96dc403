/* check_addr.c - address rules: syntax, host bits, containment, overlaps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "topology.h"
#include "xalloc.h"

/* Report a prefix's syntax or host bits; false if it is unusable. */
static bool
check_prefix(const struct check_ctx *c, const struct prefix *p,
    const char *kind, const char *name, const char *what)
{
	char buf[NET_STR_MAX];

	switch (p->state) {
	case PREFIX_VALID:
		return true;
	case PREFIX_HOSTBITS:
		diag_add(c->d, R_CIDR_HOST_BITS, &p->pos, kind, name,
		    "%s %s has host bits set; did you mean %s?", what, p->text,
		    net_format(p->net, buf));
		return true;
	default:
		diag_add(c->d, R_CIDR_SYNTAX, &p->pos, kind, name,
		    "%s '%s' is not a valid IPv4 prefix: %s", what, p->text, p->why);
		return false;
	}
}

/* attr: the address is that attribute of the element at pos (NULL: the element's text). */
static void
check_ip(const struct check_ctx *c, const char *text, const struct pos *pos, const char *attr,
    const char *kind, const char *name, const char *what)
{
	char		why[ADDR_WHY_MAX];
	uint32_t	ip;
	struct pos	at = *pos;

	if (addr_parse_ip(text, &ip, why, sizeof(why)) == ADDR_OK)
		return;
	if (attr != NULL)
		at = netcfg_attr_pos(c->cfg, pos, attr);
	diag_add(c->d, R_IP_SYNTAX, &at, kind, name,
	    "%s '%s' is not a valid IPv4 address: %s", what, text, why);
}

struct overlap_ctx {
	const struct check_ctx	*c;
	enum rule_id		 rule;
	const char		*kind;
	const char		*name;
};

/* Items' data is a struct prefix. */
static void
space_pair(const struct net_item *a, const struct net_item *b, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct prefix	*pa = a->data, *pb = b->data;
	struct diag		*r;
	char			 ba[NET_STR_MAX], bb[NET_STR_MAX];
	const struct prefix	*first = pa, *second = pb;

	/* report at the later one, pointing back at the earlier */
	if (pa->pos.line > pb->pos.line ||
	    (pa->pos.line == pb->pos.line && pa->pos.col > pb->pos.col)) {
		first = pb;
		second = pa;
	}
	net_format(first->net, ba);
	net_format(second->net, bb);
	if (net_equal(first->net, second->net))
		r = diag_add(o->c->d, o->rule, &second->pos, o->kind, o->name,
		    "address prefix %s of '%s' appears twice", bb, o->name);
	else
		r = diag_add(o->c->d, o->rule, &second->pos, o->kind, o->name,
		    "address prefix %s of '%s' overlaps its prefix %s", bb, o->name, ba);
	diag_note(r, &first->pos, "%s is here", ba);
}

static void
check_space(const struct check_ctx *c, const struct prefix_list *l,
    const char *kind, const char *name, const char *what)
{
	struct net_item		*items = xcalloc(l->n, sizeof(*items));
	struct overlap_ctx	 o = { c, R_ADDRESS_SPACE_OVERLAP, kind, name };
	size_t			 i, n = 0;

	for (i = 0; i < l->n; i++) {
		if (!check_prefix(c, &l->v[i], kind, name, what))
			continue;
		items[n].net = l->v[i].net;
		items[n].owner = 0;
		items[n].data = &l->v[i];
		n++;
	}
	net_sweep(items, n, space_pair, &o);
	free(items);
}

static void
subnet_pair(const struct net_item *a, const struct net_item *b, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct subnet	*sa = a->data, *sb = b->data, *first = sa, *second = sb;
	struct diag		*r;
	char			 ba[NET_STR_MAX], bb[NET_STR_MAX];

	if (sa->pos.line > sb->pos.line ||
	    (sa->pos.line == sb->pos.line && sa->pos.col > sb->pos.col)) {
		first = sb;
		second = sa;
	}
	r = diag_add(o->c->d, R_SUBNET_OVERLAP, &second->prefix.pos, K_SUBNET, second->name,
	    "subnet '%s' (%s) overlaps subnet '%s' (%s) of VNet '%s'",
	    second->name, net_format(second->prefix.net, bb),
	    first->name, net_format(first->prefix.net, ba), o->name);
	diag_note(r, &first->prefix.pos, "subnet '%s' is here", first->name);
}

static void
check_subnets(const struct check_ctx *c, const struct vnet *v)
{
	struct net_item		*items = xcalloc(v->nsubnets, sizeof(*items));
	struct overlap_ctx	 o = { c, R_SUBNET_OVERLAP, K_SUBNET, v->name };
	size_t			 i, j, n = 0;
	char			 buf[NET_STR_MAX];

	for (i = 0; i < v->nsubnets; i++) {
		const struct subnet	*s = &v->subnets[i];
		bool			 inside = false, any = false;

		if (!s->has_prefix ||
		    !check_prefix(c, &s->prefix, K_SUBNET, s->name, "subnet prefix"))
			continue;
		for (j = 0; j < v->space.n; j++) {
			if (v->space.v[j].state == PREFIX_INVALID)
				continue;
			any = true;
			if (net_contains(v->space.v[j].net, s->prefix.net))
				inside = true;
		}
		if (any && !inside) {
			struct sbuf b;

			sbuf_init(&b);
			for (j = 0; j < v->space.n; j++)
				if (v->space.v[j].state != PREFIX_INVALID)
					sbuf_printf(&b, "%s%s", b.len ? ", " : "",
					    net_format(v->space.v[j].net, buf));
			diag_add(c->d, R_SUBNET_OUTSIDE_SPACE, &s->prefix.pos, K_SUBNET, s->name,
			    "subnet '%s' (%s) is not inside the address space of VNet '%s' (%s)",
			    s->name, net_format(s->prefix.net, buf), v->name, b.s);
			sbuf_release(&b);
		}
		items[n].net = s->prefix.net;
		items[n].owner = i;
		items[n].data = s;
		n++;
	}
	net_sweep(items, n, subnet_pair, &o);
	free(items);
}

/* Items' owner is the VNet index, data the struct prefix. */
static void
vnet_pair(const struct net_item *a, const struct net_item *b, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct netcfg	*cfg = o->c->cfg;
	const struct vnet	*va = &cfg->vnets[a->owner], *vb = &cfg->vnets[b->owner];
	const struct prefix	*pa = a->data, *pb = b->data;
	struct diag		*r;
	char			 ba[NET_STR_MAX], bb[NET_STR_MAX];
	bool			 connected;

	if (a->owner == b->owner)
		return;
	if (a->owner > b->owner) {	/* report at the later VNet */
		const struct vnet	*tv = va;
		const struct prefix	*tp = pa;

		va = vb; vb = tv;
		pa = pb; pb = tp;
	}
	connected = o->c->topo != NULL && topology_connected(o->c->topo,
	    (size_t)(va - cfg->vnets), (size_t)(vb - cfg->vnets));
	r = diag_addl(o->c->d, R_VNET_OVERLAP, connected ? LEVEL_ERROR : LEVEL_WARNING,
	    &pb->pos, K_VNET, vb->name,
	    "address space %s of VNet '%s' overlaps %s of VNet '%s'%s",
	    net_format(pb->net, bb), vb->name, net_format(pa->net, ba), va->name,
	    connected ? ", and the two are connected to each other" : "");
	diag_note(r, &pa->pos, "%s of '%s' is here", ba, va->name);
}

void
check_addresses(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	struct net_item		*items;
	struct overlap_ctx	 o = { c, R_VNET_OVERLAP, K_VNET, NULL };
	size_t			 i, j, n = 0, total = 0;

	/* the model knows which addresses are valid; only the others are read again, for why */
	for (i = 0; i < cfg->ndns; i++)
		if (!cfg->dns[i].ip_valid)
			check_ip(c, cfg->dns[i].ip_text, &cfg->dns[i].pos, "IPAddress", K_DNS,
			    cfg->dns[i].name, "DNS server address");
	for (i = 0; i < cfg->nsites; i++) {
		const struct local_site *s = &cfg->sites[i];

		check_space(c, &s->space, K_SITE, s->name, "address prefix");
		if (s->has_vpn_addr && !s->vpn_addr_valid)
			check_ip(c, s->vpn_addr_text, &s->vpn_addr_pos, NULL, K_SITE,
			    s->name, "VPN gateway address");
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		check_space(c, &v->space, K_VNET, v->name, "address prefix");
		check_subnets(c, v);
		for (j = 0; j < v->gateway.pool.n; j++)
			check_prefix(c, &v->gateway.pool.v[j], K_GATEWAY, v->name,
			    "client address pool");
		total += v->space.n;
	}
	/* VNets against each other */
	items = xcalloc(total, sizeof(*items));
	for (i = 0; i < cfg->nvnets; i++)
		for (j = 0; j < cfg->vnets[i].space.n; j++) {
			const struct prefix *p = &cfg->vnets[i].space.v[j];

			if (p->state == PREFIX_INVALID)
				continue;
			items[n].net = p->net;
			items[n].owner = i;
			items[n].data = p;
			n++;
		}
	net_sweep(items, n, vnet_pair, &o);
	free(items);
}
