/* transit.c - --vnet-to-vnet peering: gateway transit, and what peering no longer carries. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arm.h"
#include "armplan.h"
#include "xalloc.h"

/*
 * A VNet's usable prefixes, sorted (net_cmp): whether one of them holds or
 * meets a prefix takes a binary search per prefix length, never a scan.
 */
struct netset {
	struct ip4net	*v;
	size_t		 n;
	bool		 built;
};

static void
netset_build(struct netset *s, const struct prefix_list *l)
{
	size_t i;

	s->v = xcalloc(l->n + 1, sizeof(*s->v));
	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID)
			s->v[s->n++] = l->v[i].net;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), net_cmp);
	s->built = true;
}

/* Does a prefix of s contain x? */
static bool
netset_holds(const struct netset *s, struct ip4net x)
{
	unsigned len;

	for (len = 0; len <= x.len; len++) {
		struct ip4net m = { len == 0 ? 0 : x.addr & (0xffffffffu << (32 - len)), len };

		if (bsearch(&m, s->v, s->n, sizeof(*s->v), net_cmp) != NULL)
			return true;
	}
	return false;
}

/* Does a prefix of s overlap x (contain it, or begin inside it)? */
static bool
netset_meets(const struct netset *s, struct ip4net x)
{
	size_t lo = 0, hi = s->n;

	if (netset_holds(s, x))
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (net_first(s->v[mid]) < net_first(x))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && net_first(s->v[lo]) <= net_last(x);
}

struct transit {
	const struct check_ctx	*c;
	struct armplan		*ap;
	struct netset		*sets;		/* per VNet, built when first needed */
	struct netset		*site_sets;	/* per local site, likewise */
	struct netset		*pool_sets;	/* per VNet: its client pool, likewise */
	size_t			*seen;		/* per VNet: the walk that last visited it */
	size_t			 walk;		/* the current walk's number (one per range) */
	size_t			*listed;	/* per VNet: 1 + the tunnel that last listed it */
};

static const struct netset *
set_of(struct transit *T, size_t v)
{
	if (!T->sets[v].built)
		netset_build(&T->sets[v], &T->c->cfg->vnets[v].space);
	return &T->sets[v];
}

static const struct netset *
site_set(struct transit *T, const struct local_site *s)
{
	size_t i = (size_t)(s - T->c->cfg->sites);

	if (!T->site_sets[i].built)
		netset_build(&T->site_sets[i], &s->space);
	return &T->site_sets[i];
}

/* how far a range is followed from VNet to VNet */
#define HOPS_MAX	8
/* a message lists this many ranges or VNets, then says how many more */
#define LISTED_MAX	8

/* A request of VNet a to use the gateway of its peer through tunnel t. */
struct request {
	size_t		 t;
	char		*ranges;	/* the on-premises ranges it carried */
	char		*why;		/* why gateway transit cannot keep it, or NULL */
	char		*fix;		/* what keeps it, or NULL */
};

/* A VNet that a range reached beyond the peer: the tunnels of the path, from the peer on. */
struct reach {
	size_t	 vnet;
	size_t	 path[HOPS_MAX];	/* topology tunnels */
	size_t	 hops;
};

/* What the ranges of one transit site became, VNet by VNet along the classic routes. */
struct walk {
	size_t		 a;		/* the VNet whose site it is */
	size_t		 ti;		/* its tunnel to the peer */
	size_t		 path[HOPS_MAX];
	struct reach	*reached;	/* third VNets, each once */
	size_t		 nreached, capreached;
	bool		 here;		/* the peer's gateway took it to on-premises (or P2S) */
	size_t		 far;		/* a farther VNet whose gateway took it on-premises, or NONE */
};

/*
 * Follow range x from VNet at as its classic gateway routed it: into each
 * tunnel whose local site holds part of x.  A site that stands for a VNet
 * of a pair leads to that VNet (which x reaches where its space meets x,
 * and goes on from where it does not hold all of x); an on-premises site
 * ends the walk there, as does the client pool of the first VNet.
 */
static void
route(struct transit *T, struct walk *W, size_t at, struct ip4net x, size_t depth)
{
	const struct topology	*tp = T->c->topo;
	const struct vnet	*v = &T->c->cfg->vnets[at];
	size_t			 u;

	if (depth == 0 && v->gateway.has_pool) {
		if (!T->pool_sets[at].built)
			netset_build(&T->pool_sets[at], &v->gateway.pool);
		W->here |= netset_meets(&T->pool_sets[at], x);
	}
	if (tp->gw[at].ntunnels > CLASSIC_TUNNELS_MAX)
		return;		/* tunnel-limit: not followed */
	for (u = tp->first[at]; u < tp->first[at + 1]; u++) {
		const struct tunnel	*t = &tp->t[u];
		size_t			 cv = t->peer, k;

		if (t->site == NULL || !netset_meets(site_set(T, t->site), x))
			continue;
		if (cv == NONE) {
			if (depth == 0)
				W->here = true;
			else if (W->far == NONE)
				W->far = at;
			continue;
		}
		if (t->reverse == NONE || cv == W->a || T->seen[cv] == T->walk)
			continue;	/* a tunnel that never came up; back; or been there */
		T->seen[cv] = T->walk;
		W->path[depth] = u;
		if (netset_meets(set_of(T, cv), x) && T->listed[cv] != W->ti + 1 &&
		    !topology_paired(tp, W->a, cv)) {
			struct reach *r = VEC_PUSH(W->reached, W->nreached, W->capreached);

			T->listed[cv] = W->ti + 1;
			r->vnet = cv;
			r->hops = depth + 1;
			for (k = 0; k <= depth; k++)
				r->path[k] = W->path[k];
		}
		if (!netset_holds(set_of(T, cv), x) && depth + 1 < HOPS_MAX)
			route(T, W, cv, x, depth + 1);
	}
}

/* "'C'" or "'C' (through 'X', 'Y')": the VNets a reach passed after the peer. */
static void
reach_text(struct transit *T, const struct reach *r, struct sbuf *b)
{
	const struct netcfg	*cfg = T->c->cfg;
	size_t			 k;

	sbuf_cat(b, "'", cfg->vnets[r->vnet].name, "'", NULL);
	for (k = 1; k < r->hops; k++)
		sbuf_cat(b, k == 1 ? " (through '" : ", '",
		    cfg->vnets[T->c->topo->t[r->path[k]].vnet].name, "'", NULL);
	if (r->hops > 1)
		sbuf_addc(b, ')');
}

/* peering-not-transitive: the third VNets the site of tunnel ti reached through its peer. */
static void
unreached(struct transit *T, const struct walk *W)
{
	const struct check_ctx	*c = T->c;
	const struct netcfg	*cfg = c->cfg;
	const struct tunnel	*t = &c->topo->t[W->ti];
	const char		*an = cfg->vnets[W->a].name, *bn = cfg->vnets[t->peer].name;
	struct sbuf		 b;
	struct diag		*r;
	size_t			 i;

	if (W->nreached == 0)
		return;
	sbuf_init(&b);
	for (i = 0; i < W->nreached && i < LISTED_MAX; i++) {
		sbuf_adds(&b, i == 0 ? "" : i + 1 == W->nreached ? " and " : ", ");
		reach_text(T, &W->reached[i], &b);
	}
	if (W->nreached > LISTED_MAX)
		sbuf_printf(&b, " and %zu more", W->nreached - LISTED_MAX);
	if (W->nreached == 1) {
		struct sbuf cs;

		sbuf_init(&cs);
		prefix_list_text(&cfg->vnets[W->reached[0].vnet].space, &cs);
		r = diag_add(c->d, R_PEERING_NOT_TRANSITIVE, &t->ref->pos, K_VNET, an,
		    "VNet '%s' reached VNet %s (%s) through VNet '%s', as local site '%s' holds its "
		    "range; peering is not transitive, so after migration '%s' no longer reaches "
		    "'%s' (peer them directly: see the runbook)", an, b.s, cs.s, bn, t->site->name,
		    an, cfg->vnets[W->reached[0].vnet].name);
		sbuf_release(&cs);
	} else
		r = diag_add(c->d, R_PEERING_NOT_TRANSITIVE, &t->ref->pos, K_VNET, an,
		    "VNet '%s' reached %zu VNets through VNet '%s', as local site '%s' holds their "
		    "ranges: %s; peering is not transitive, so after migration '%s' no longer "
		    "reaches them (peer them directly: see the runbook)", an, W->nreached, bn,
		    t->site->name, b.s, an);
	diag_note(r, &c->topo->t[W->reached[0].path[0]].ref->pos, "'%s' passes it on here", bn);
	sbuf_release(&b);
	for (i = 0; i < W->nreached; i++) {
		struct arm_unreached *un = VEC_PUSH(T->ap->unreached, T->ap->nunreached,
		    T->ap->capunreached);

		un->a = W->a;
		un->b = t->peer;
		un->c = W->reached[i].vnet;
	}
}

/*
 * Follow each range of the site of tunnel ti that its peer B's space does
 * not hold.  Third VNets reached are peering-not-transitive; ranges that
 * B's gateway took on-premises are returned, as text, for gateway transit
 * (NULL when none); those that a farther VNet's gateway took there are
 * peering-transit-lost now, as no peering reaches that gateway.
 */
static char *
classify(struct transit *T, size_t ti)
{
	const struct check_ctx	*c = T->c;
	const struct tunnel	*t = &c->topo->t[ti];
	const struct netcfg	*cfg = c->cfg;
	const struct prefix_list *sp = &t->site->space;
	struct walk		 W;
	struct sbuf		 here, far;
	size_t			 i, nhere = 0, nfar = 0, far_vnet = NONE;
	char			 buf[NET_STR_MAX];

	memset(&W, 0, sizeof(W));
	W.a = t->vnet;
	W.ti = ti;
	sbuf_init(&here);
	sbuf_init(&far);
	for (i = 0; i < sp->n; i++) {
		if (sp->v[i].state == PREFIX_INVALID ||
		    netset_holds(set_of(T, t->peer), sp->v[i].net))
			continue;
		W.here = false;
		W.far = NONE;
		T->walk++;
		T->seen[t->peer] = T->walk;
		route(T, &W, t->peer, sp->v[i].net, 0);
		if (W.here && nhere++ < LISTED_MAX)
			sbuf_printf(&here, "%s%s", nhere > 1 ? ", " : "", net_format(sp->v[i].net, buf));
		if (W.far != NONE && nfar++ < LISTED_MAX) {
			sbuf_printf(&far, "%s%s", nfar > 1 ? ", " : "", net_format(sp->v[i].net, buf));
			if (far_vnet == NONE)
				far_vnet = W.far;
		}
	}
	if (nhere > LISTED_MAX)
		sbuf_printf(&here, " and %zu more", nhere - LISTED_MAX);
	if (nfar > LISTED_MAX)
		sbuf_printf(&far, " and %zu more", nfar - LISTED_MAX);
	unreached(T, &W);
	if (nfar > 0) {
		struct diag *r;

		r = diag_add(c->d, R_PEERING_TRANSIT_LOST, &t->ref->pos, K_VNET, cfg->vnets[W.a].name,
		    "VNet '%s' reached on-premises ranges (%s) through VNet '%s' and the gateway of "
		    "VNet '%s' (local site '%s'), but gateway transit serves only the gateway's own "
		    "peers: after migration '%s' no longer reaches them; connect '%s' to those sites "
		    "itself", cfg->vnets[W.a].name, far.s, cfg->vnets[t->peer].name,
		    cfg->vnets[far_vnet].name, t->site->name, cfg->vnets[W.a].name,
		    cfg->vnets[W.a].name);
		diag_note(r, &t->site->pos, "local site '%s' is here", t->site->name);
	}
	free(W.reached);
	sbuf_release(&far);
	if (nhere == 0) {
		sbuf_release(&here);
		return NULL;
	}
	return sbuf_detach(&here);
}

/*
 * Why the gateway of hub b cannot serve a through peering (a new string),
 * or NULL if it can.  b has a gateway: it took a's ranges on-premises.
 */
static char *
refused(struct transit *T, size_t b, char **fix)
{
	const struct check_ctx	*c = T->c;
	const struct arm_vnet	*hub = &T->ap->vnets[b];
	const struct gw_info	*g = &c->topo->gw[b];
	const char		*bn = c->cfg->vnets[b].name;

	*fix = NULL;
	if (strcmp(hub->sku, "Basic") != 0)
		return NULL;
	if (g->routing == ROUTING_STATIC)
		return xasprintf("the gateway of '%s' is StaticRouting, so PolicyBased and Basic in "
		    "ARM, and gateway transit does not work on the Basic SKU", bn);
	*fix = xasprintf("--gateway-sku %s=VpnGw1AZ keeps it", classic_sku_name(g->sku));
	return xasprintf("the gateway of '%s' becomes Basic (%s%s), and gateway transit does "
	    "not work on the Basic SKU", bn, g->sku == CSKU_UNKNOWN ? "its SKU is unknown, and "
	    "--gateway-sku maps unknown to Basic" : "classic ", g->sku == CSKU_UNKNOWN ? "" :
	    classic_sku_name(g->sku));
}

static void
lost(struct transit *T, const struct request *q, const char *why, const char *fix)
{
	const struct check_ctx	*c = T->c;
	const struct netcfg	*cfg = c->cfg;
	const struct tunnel	*t = &c->topo->t[q->t];
	struct diag		*r;

	r = diag_add(c->d, R_PEERING_TRANSIT_LOST, &t->ref->pos, K_VNET, cfg->vnets[t->vnet].name,
	    "VNet '%s' reached on-premises ranges (%s) through the gateway of VNet '%s' (local "
	    "site '%s'), but %s: after migration '%s' no longer reaches them%s%s",
	    cfg->vnets[t->vnet].name, q->ranges, cfg->vnets[t->peer].name, t->site->name, why,
	    cfg->vnets[t->vnet].name, fix != NULL ? "; " : "", fix != NULL ? fix : "");
	diag_note(r, &t->site->pos, "local site '%s' is here", t->site->name);
}

/*
 * VNet a's transit through the gateways of its peers: the first that ARM
 * allows keeps it (gateway transit); the others lose it, and say why.
 */
static void
spoke(struct transit *T, size_t a)
{
	const struct topology	*tp = T->c->topo;
	const struct netcfg	*cfg = T->c->cfg;
	struct armplan		*ap = T->ap;
	struct request		*q = NULL;
	size_t			 nq = 0, capq = 0, i, chosen = NONE;
	bool			 own = ap->vnets[a].has_gw;

	for (i = tp->first[a]; i < tp->first[a + 1]; i++) {
		const struct tunnel	*t = &tp->t[i];
		struct request		*r;
		char			*ranges;

		if (!t->by_peering || t->reverse == NONE || t->site == NULL ||
		    ap->tunnel_peering[i] == NONE ||
		    tp->sites[t->site - cfg->sites].stand != STAND_TRANSIT)
			continue;
		if ((ranges = classify(T, i)) == NULL)
			continue;
		r = VEC_PUSH(q, nq, capq);
		r->t = i;
		r->ranges = ranges;
		r->fix = NULL;
		r->why = own ? NULL : refused(T, t->peer, &r->fix);
		if (!own && r->why == NULL && chosen == NONE)
			chosen = nq - 1;
	}
	for (i = 0; i < nq; i++) {
		char *why = NULL, *fix = NULL;

		if (i == chosen) {
			struct arm_peering *pr = &ap->peerings[ap->tunnel_peering[q[i].t]];

			pr->use_remote = true;
			ap->peerings[pr->reverse].allow_transit = true;
		} else if (own) {
			why = xasprintf("'%s' has a gateway of its own (for its site-to-site tunnels or "
			    "point-to-site pool), and a VNet with a gateway cannot use a peer's "
			    "(useRemoteGateways)", cfg->vnets[a].name);
			fix = xasprintf("connect the gateway of '%s' to those sites", cfg->vnets[a].name);
		} else if (chosen != NONE)
			why = xasprintf("'%s' uses the gateway of VNet '%s' already, and a VNet can use "
			    "the remote gateways of one peering only", cfg->vnets[a].name,
			    cfg->vnets[tp->t[q[chosen].t].peer].name);
		if (why != NULL)
			lost(T, &q[i], why, fix);
		else if (i != chosen)
			lost(T, &q[i], q[i].why, q[i].fix);
		free(why);
		free(fix);
		free(q[i].ranges);
		free(q[i].why);
		free(q[i].fix);
	}
	free(q);
}

void
plan_transit(const struct check_ctx *c, struct armplan *ap)
{
	struct transit	 T;
	size_t		 i;

	if (c->topo == NULL || !c->topo->peering || ap->npeerings == 0)
		return;
	memset(&T, 0, sizeof(T));
	T.c = c;
	T.ap = ap;
	T.sets = xcalloc(c->cfg->nvnets + 1, sizeof(*T.sets));
	T.site_sets = xcalloc(c->cfg->nsites + 1, sizeof(*T.site_sets));
	T.pool_sets = xcalloc(c->cfg->nvnets + 1, sizeof(*T.pool_sets));
	T.seen = xcalloc(c->cfg->nvnets + 1, sizeof(*T.seen));
	T.listed = xcalloc(c->cfg->nvnets + 1, sizeof(*T.listed));
	for (i = 0; i < c->cfg->nvnets; i++)
		spoke(&T, i);
	for (i = 0; i < c->cfg->nvnets; i++) {
		free(T.sets[i].v);
		free(T.pool_sets[i].v);
	}
	for (i = 0; i < c->cfg->nsites; i++)
		free(T.site_sets[i].v);
	free(T.sets);
	free(T.site_sets);
	free(T.pool_sets);
	free(T.seen);
	free(T.listed);
}
