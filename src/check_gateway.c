/* check_gateway.c - gateway rules: subnet, routing, tunnel limits, pairs, overlaps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arm.h"
#include "check.h"
#include "hash.h"
#include "topology.h"
#include "xalloc.h"

/* The prefixes of l that no prefix of space holds. */
static void
extra_text(const struct prefix_list *l, const struct prefix_list *space, struct sbuf *b)
{
	char	buf[NET_STR_MAX];
	size_t	i, j, n = 0;

	for (i = 0; i < l->n; i++) {
		bool held = false;

		if (l->v[i].state == PREFIX_INVALID)
			continue;
		for (j = 0; j < space->n; j++)
			if (space->v[j].state != PREFIX_INVALID &&
			    net_contains(space->v[j].net, l->v[i].net))
				held = true;
		if (!held)
			sbuf_printf(b, "%s%s", n++ ? ", " : "", net_format(l->v[i].net, buf));
	}
}

static void
check_gateway_subnet(const struct check_ctx *c, const struct vnet *v)
{
	const struct subnet	*gs = vnet_gateway_subnet(v);
	char			 buf[NET_STR_MAX];

	if (gs == NULL) {
		diag_add(c->d, R_GATEWAY_SUBNET_MISSING, &v->gateway.pos, K_GATEWAY, v->name,
		    "VNet '%s' has a gateway (%s) but no subnet named 'GatewaySubnet'", v->name,
		    v->gateway.nrefs > 0 && v->gateway.has_pool ? "site connections and a client pool" :
		    v->gateway.nrefs > 0 ? "site connections" : "a point-to-site client pool");
		return;
	}
	if (!gs->has_prefix || gs->prefix.state == PREFIX_INVALID)
		return;
	if (gs->prefix.net.len > 29)
		diag_addl(c->d, R_GATEWAY_SUBNET_SIZE, LEVEL_ERROR, &gs->prefix.pos, K_SUBNET,
		    gs->name, "GatewaySubnet %s of VNet '%s' is smaller than /29, the least a "
		    "gateway can use; make it /27 or larger", net_format(gs->prefix.net, buf), v->name);
	else if (gs->prefix.net.len > 27)
		diag_addl(c->d, R_GATEWAY_SUBNET_SIZE, LEVEL_WARNING, &gs->prefix.pos, K_SUBNET,
		    gs->name, "GatewaySubnet %s of VNet '%s' is smaller than /27: ARM accepts /29 "
		    "and larger, but recommends /27 or larger (for the gateway's growth and a "
		    "later SKU change)", net_format(gs->prefix.net, buf), v->name);
}

static void
check_routing(const struct check_ctx *c, size_t vi)
{
	const struct vnet	*v = &c->cfg->vnets[vi];
	const struct gw_info	*g = &c->topo->gw[vi];
	const struct topology	*tp = c->topo;
	struct diag		*r;
	size_t			 i, v2v = 0;
	const char		*arm_sku;
	unsigned		 lim, alim;

	for (i = tp->first[vi]; i < tp->first[vi + 1]; i++)
		if (tp->t[i].peer != NONE)
			v2v++;
	if (g->routing == ROUTING_STATIC && (v2v > 0 || g->ntunnels > 1 || v->gateway.has_pool)) {
		r = diag_add(c->d, R_GATEWAY_STATIC_ROUTING, &v->gateway.pos, K_GATEWAY, v->name,
		    "the gateway of VNet '%s' is StaticRouting, but it has %s; these need DynamicRouting",
		    v->name, v2v > 0 ? "VNet-to-VNet tunnels" : g->ntunnels > 1 ?
		    "several site-to-site tunnels (multi-site)" : "a point-to-site client pool");
		diag_note(r, &g->routing_pos, "the gateway type is set here");
	}
	lim = classic_tunnel_limit(g->sku, g->routing);
	if (g->ntunnels > lim) {
		r = diag_add(c->d, R_TUNNEL_LIMIT, &v->gateway.pos, K_GATEWAY, v->name,
		    "the gateway of VNet '%s' has %zu IPsec tunnels; a classic %s%s gateway allows %u",
		    v->name, g->ntunnels, g->routing == ROUTING_STATIC ? "StaticRouting" :
		    classic_sku_name(g->sku == CSKU_UNKNOWN ? CSKU_DEFAULT : g->sku),
		    g->sku == CSKU_UNKNOWN && g->routing != ROUTING_STATIC ? " (SKU not given)" : "",
		    lim);
		if (g->sku_pos.line > 0)
			diag_note(r, &g->sku_pos, "the SKU is set here");
		return;
	}
	if (!g->made)
		return;		/* peering replaces all its tunnels: no ARM gateway */
	arm_sku = arm_gateway_sku(g->sku, g->routing, c->skus);
	if (g->routing == ROUTING_STATIC && strcmp(arm_sku, "Basic") != 0) {
		r = diag_add(c->d, R_GATEWAY_STATIC_ROUTING, &v->gateway.pos, K_GATEWAY, v->name,
		    "the StaticRouting gateway of VNet '%s' becomes PolicyBased, which ARM allows "
		    "only on the Basic SKU, not on %s (set by --gateway-sku)", v->name, arm_sku);
		diag_note(r, &g->routing_pos, "the gateway type is set here");
	}
	alim = arm_sku_tunnel_limit(arm_sku, g->routing);
	if (alim > 0 && g->nconns > alim)
		diag_add(c->d, R_TUNNEL_LIMIT, &v->gateway.pos, K_GATEWAY, v->name,
		    "the gateway of VNet '%s' has %zu %s; the ARM SKU %s it becomes "
		    "allows %u (choose another with --gateway-sku)", v->name, g->nconns,
		    tp->peering ? "site-to-site tunnels" : "IPsec tunnels", arm_sku, alim);
}

static void
check_pairs(const struct check_ctx *c, size_t vi)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	const struct vnet	*v = &cfg->vnets[vi];
	size_t			 i;

	for (i = tp->first[vi]; i < tp->first[vi + 1]; i++) {
		const struct tunnel	*t = &tp->t[i];
		struct diag		*r;

		if (t->peer == NONE)
			continue;
		if (i > tp->first[vi] && tp->t[i - 1].peer == t->peer &&
		    strcmp(tp->t[i - 1].ref->name, t->ref->name) != 0) {
			const struct tunnel *o = &tp->t[i - 1];

			r = diag_add(c->d, R_REDUNDANT_TUNNEL, &t->ref->pos, K_VNET, v->name,
			    "VNet '%s' has a second tunnel to VNet '%s' (through local site '%s'; "
			    "the first goes through '%s'): redundant tunnels between two VNets are "
			    "not supported", v->name, cfg->vnets[t->peer].name, t->ref->name,
			    o->ref->name);
			diag_note(r, &o->ref->pos, "the first tunnel to '%s' is here",
			    cfg->vnets[t->peer].name);
		}
		if (t->reverse == NONE) {
			r = diag_add(c->d, R_VNET2VNET_ONE_SIDED, &t->ref->pos, K_VNET, v->name,
			    "VNet '%s' connects to local site '%s', which stands for VNet '%s', but "
			    "'%s' has no tunnel back to a site standing for '%s'%s", v->name,
			    t->ref->name, cfg->vnets[t->peer].name, cfg->vnets[t->peer].name, v->name,
			    t->by_peering ? ": they are not peered, as the classic tunnel never came "
			    "up" : c->topo->gw[t->peer].exists ? "" :
			    "; it has no gateway, so this tunnel is not migrated");
			diag_note(r, &cfg->vnets[t->peer].pos, "VNet '%s' is here",
			    cfg->vnets[t->peer].name);
		}
		if (t->site != NULL) {
			size_t			 s = (size_t)(t->site - cfg->sites);
			const struct vnet	*p = &cfg->vnets[t->peer];
			struct sbuf		 a, b;

			if (tp->sites[s].stand != STAND_PART && tp->sites[s].stand != STAND_TRANSIT)
				continue;
			/* peering: a one-sided tunnel is dropped, and a pair's transit is armplan's */
			if (t->by_peering && (tp->sites[s].stand == STAND_TRANSIT || t->reverse == NONE))
				continue;
			sbuf_init(&a);
			sbuf_init(&b);
			if (tp->sites[s].stand == STAND_TRANSIT)
				extra_text(&t->site->space, &p->space, &a);
			else
				prefix_list_text(&t->site->space, &a);
			prefix_list_text(&p->space, &b);
			if (tp->sites[s].stand == STAND_PART)
				r = diag_add(c->d, R_VNET2VNET_SITE_MISMATCH, &t->site->pos, K_SITE,
				    t->site->name, "local site '%s' stands for VNet '%s' but holds only "
				    "part of its address space (%s of %s); the ARM %s will %s all of it",
				    t->site->name, p->name, a.s, b.s, t->by_peering ? "peering" :
				    "connection", t->by_peering ? "reach" : "route");
			else
				r = diag_add(c->d, R_TRANSIT_ROUTE, &t->site->pos, K_SITE,
				    t->site->name, "local site '%s' holds VNet '%s' (%s) and on-premises ranges (%s): "
				    "transit routing through '%s' is lost after migration", t->site->name,
				    p->name, b.s, a.s, p->name);
			diag_note(r, &p->space.pos, "the address space of '%s' is here", p->name);
			sbuf_release(&a);
			sbuf_release(&b);
		}
	}
}

struct gw_overlap {
	const struct check_ctx	*c;
	const struct vnet	*v;
};

/* owner 0: the VNet, 1: its client pool, 2 + k: the site of ref k. */
static void
gw_one(const struct net_item *a, const struct net_item *b, void *vctx)
{
	struct gw_overlap	*o = vctx;
	const struct vnet	*v = o->v;
	const struct net_item	*x = a, *y = b;
	const struct prefix	*px, *py;
	struct diag		*r;
	char			 bx[NET_STR_MAX], by[NET_STR_MAX];

	if (a->owner > b->owner) {
		x = b;
		y = a;
	}
	if (x->owner == y->owner)
		return;
	px = x->data;
	py = y->data;
	net_format(px->net, bx);
	net_format(py->net, by);
	if (x->owner == 0 && y->owner == 1)
		r = diag_add(o->c->d, R_CLIENT_POOL_OVERLAP, &py->pos, K_GATEWAY, v->name,
		    "client address pool %s of VNet '%s' overlaps the VNet's address space %s",
		    by, v->name, bx);
	else if (x->owner == 1) {
		const struct site_ref *ry = &v->gateway.refs[y->owner - 2];

		r = diag_add(o->c->d, R_CLIENT_POOL_OVERLAP, &px->pos, K_GATEWAY, v->name,
		    "client address pool %s of VNet '%s' overlaps %s of local site '%s', "
		    "which the gateway connects to", bx, v->name, by, ry->name);
	} else if (x->owner == 0) {
		const struct site_ref *ry = &v->gateway.refs[y->owner - 2];

		r = diag_add(o->c->d, R_SITE_OVERLAP, &ry->pos, K_SITE, ry->name,
		    "local site '%s' (%s) connected to VNet '%s' overlaps the VNet's own address "
		    "space %s", ry->name, by, v->name, bx);
	} else {
		const struct site_ref *rx = &v->gateway.refs[x->owner - 2];
		const struct site_ref *ry = &v->gateway.refs[y->owner - 2];

		if (rx->site == ry->site)
			return;		/* one site referenced twice: redundant-tunnel */
		r = diag_add(o->c->d, R_SITE_OVERLAP, &ry->pos, K_SITE, ry->name,
		    "local sites '%s' (%s) and '%s' (%s), both connected to VNet '%s', overlap",
		    ry->name, by, rx->name, bx, v->name);
		diag_note(r, &rx->pos, "'%s' is connected here", rx->name);
	}
	diag_note(r, x->owner == 1 && y->owner >= 2 ? &py->pos : &px->pos, "%s is here",
	    x->owner == 1 && y->owner >= 2 ? by : bx);
}

/*
 * A group's items by kind: the first of the VNet's own space (owner 0) and
 * of the client pool (owner 1), and its sites (owner 2 + k), one per site.
 */
struct gw_group {
	const struct net_item	*vnet, *pool;
	const struct net_item	**sites;
	size_t			 nsites;
};

static void
gw_group(const struct gw_overlap *o, const struct net_item *v, size_t n, struct gw_group *g)
{
	size_t i, k;

	memset(g, 0, sizeof(*g));
	g->sites = xcalloc(n, sizeof(*g->sites));
	for (i = 0; i < n; i++) {
		if (v[i].owner == 0 && g->vnet == NULL)
			g->vnet = &v[i];
		else if (v[i].owner == 1 && g->pool == NULL)
			g->pool = &v[i];
		else if (v[i].owner >= 2) {
			const struct local_site *s = o->v->gateway.refs[v[i].owner - 2].site;

			for (k = g->nsites; k > 0; k--)
				if (o->v->gateway.refs[g->sites[k - 1]->owner - 2].site == s)
					break;
			if (k == 0)	/* a site referenced twice is one */
				g->sites[g->nsites++] = &v[i];
		}
	}
}

/* The VNet's space and its pool against each site of the other group: linear. */
static void
gw_against(const struct net_item *x, const struct gw_group *g, void *vctx)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < g->nsites; i++)
		gw_one(x, g->sites[i], vctx);
}

static void
gw_pair(const struct net_item *a, size_t na, const struct net_item *b, size_t nb, void *vctx)
{
	struct gw_group ga, gb;

	gw_group(vctx, a, na, &ga);
	gw_group(vctx, b, nb, &gb);
	if (ga.vnet != NULL && gb.pool != NULL)
		gw_one(ga.vnet, gb.pool, vctx);
	if (ga.pool != NULL && gb.vnet != NULL)
		gw_one(ga.pool, gb.vnet, vctx);
	gw_against(ga.vnet, &gb, vctx);
	gw_against(ga.pool, &gb, vctx);
	gw_against(gb.vnet, &ga, vctx);
	gw_against(gb.pool, &ga, vctx);
	/* sites against sites: the first of each group stands for its copies */
	if (ga.nsites > 0 && gb.nsites > 0)
		gw_one(ga.sites[0], gb.sites[0], vctx);
	free(ga.sites);
	free(gb.sites);
}

/* One prefix held by several sites of the gateway: one diagnostic for them all. */
static void
gw_same(const struct net_item *v, size_t n, void *vctx)
{
	struct gw_overlap	*o = vctx;
	struct gw_group		 g;
	size_t			 i;

	gw_group(o, v, n, &g);
	if (g.vnet != NULL && g.pool != NULL)
		gw_one(g.vnet, g.pool, vctx);
	gw_against(g.vnet, &g, vctx);
	gw_against(g.pool, &g, vctx);
	if (g.nsites == 2)
		gw_one(g.sites[0], g.sites[1], vctx);
	else if (g.nsites > 2) {
		const struct site_ref	*r0 = &o->v->gateway.refs[g.sites[0]->owner - 2];
		const struct site_ref	*r1 = &o->v->gateway.refs[g.sites[1]->owner - 2];
		char			 b[NET_STR_MAX];
		struct diag		*r;

		r = diag_add(o->c->d, R_SITE_OVERLAP, &r1->pos, K_SITE, r1->name,
		    "%zu local sites connected to VNet '%s' hold the same prefix %s: '%s', '%s' and "
		    "%zu more", g.nsites, o->v->name, net_format(v[0].net, b), r0->name, r1->name,
		    g.nsites - 2);
		for (i = 0; i < g.nsites && i < 4; i++)
			if (i != 1)
				diag_note(r, &o->v->gateway.refs[g.sites[i]->owner - 2].pos,
				    "'%s' is connected here",
				    o->v->gateway.refs[g.sites[i]->owner - 2].name);
		if (g.nsites > 4)
			diag_note(r, &r1->pos, "and %zu more sites with the same prefix", g.nsites - 4);
	}
	free(g.sites);
}

static void
add_items(struct net_item **v, size_t *n, size_t *cap, const struct prefix_list *l,
    size_t owner)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID) {
			struct net_item *it = VEC_PUSH(*v, *n, *cap);

			it->net = l->v[i].net;
			it->owner = owner;
			it->data = &l->v[i];
		}
}

static void
check_overlaps(const struct check_ctx *c, const struct vnet *v)
{
	struct net_item		*items = NULL;
	size_t			 n = 0, cap = 0, k;
	struct gw_overlap	 o = { c, v };

	add_items(&items, &n, &cap, &v->space, 0);
	add_items(&items, &n, &cap, &v->gateway.pool, 1);
	for (k = 0; k < v->gateway.nrefs; k++)
		if (v->gateway.refs[k].site != NULL && tunnel_is_ipsec(&v->gateway.refs[k]) &&
		    v->gateway.refs[k].dup == NULL)
			add_items(&items, &n, &cap, &v->gateway.refs[k].site->space, 2 + k);
	net_sweep(items, n, gw_pair, gw_same, &o);
	free(items);
}

static void
check_devices(const struct check_ctx *c, size_t vi)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	const struct vnet	*v = &cfg->vnets[vi];
	size_t			 i, k;

	for (i = tp->first[vi]; i < tp->first[vi + 1]; i++) {
		const struct tunnel	*t = &tp->t[i];
		const char		*what;
		struct diag		*r;
		char			 ip[16];

		if (t->peer != NONE || t->site == NULL)
			continue;	/* VNet-to-VNet: the peer's new gateway is used */
		if (!t->site->has_vpn_addr) {
			r = diag_add(c->d, R_GATEWAY_ADDRESS_PRIVATE, &t->ref->pos, K_SITE, t->site->name,
			    "local site '%s' has no VPNGatewayAddress, but VNet '%s' has an IPsec "
			    "tunnel to it", t->site->name, v->name);
			diag_note(r, &t->site->pos, "'%s' is defined here", t->site->name);
			continue;
		}
		if (!t->site->vpn_addr_valid)
			continue;	/* ip-syntax says why */
		if ((what = ip_special(t->site->vpn_addr)) != NULL)
			diag_add(c->d, R_GATEWAY_ADDRESS_PRIVATE, &t->site->vpn_addr_pos, K_SITE,
			    t->site->name, "VPN device address %s of local site '%s' is %s; the "
			    "device must have a public IPv4 address, not behind NAT",
			    ip_format(t->site->vpn_addr, ip), t->site->name, what);
	}
	for (i = 0; i < v->gateway.nrefs; i++)
		for (k = 0; k < v->gateway.refs[i].nconns; k++)
			if (v->gateway.refs[i].conns[k].type == CONN_DEDICATED)
				diag_add(c->d, R_EXPRESSROUTE, &v->gateway.refs[i].conns[k].pos,
				    K_GATEWAY, v->name, "VNet '%s' has an ExpressRoute (Dedicated) "
				    "connection to '%s'; ExpressRoute is reported, not migrated",
				    v->name, v->gateway.refs[i].name);
}

/* A site that matches two VNets equally well stands for neither with certainty. */
static void
check_ambiguous_sites(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i;

	for (i = 0; i < cfg->nsites; i++) {
		const struct site_info	*si = &c->topo->sites[i];
		const struct local_site	*s = &cfg->sites[i];
		const struct vnet	*a, *b;
		struct diag		*r;
		struct pos		 at;

		if (si->also == NONE)
			continue;
		a = &cfg->vnets[si->amb];
		b = &cfg->vnets[si->also];
		at = netcfg_attr_pos(cfg, &s->pos, "name");
		r = diag_add(c->d, R_SITE_AMBIGUOUS, &at, K_SITE, s->name,
		    "local site '%s' %s the address space of VNet '%s' and of VNet '%s', so it could "
		    "stand for either; which one its tunnels reach is not known", s->name,
		    si->stand == STAND_EXACT ? "holds exactly" : "lies within", a->name, b->name);
		diag_note(r, &a->pos, "VNet '%s' is here", a->name);
		diag_note(r, &b->pos, "VNet '%s' is here", b->name);
	}
}

void
check_gateways(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i;

	if (c->topo == NULL)
		return;
	check_ambiguous_sites(c);
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		if (!v->gateway.present)
			continue;
		if (c->topo->gw[i].made)
			check_gateway_subnet(c, v);
		check_routing(c, i);
		check_pairs(c, i);
		check_overlaps(c, v);
		check_devices(c, i);
	}
}
