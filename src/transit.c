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
	size_t			*mark;		/* per VNet: 1 + the tunnel that last listed it */
};

static const struct netset *
set_of(struct transit *T, size_t v)
{
	if (!T->sets[v].built)
		netset_build(&T->sets[v], &T->c->cfg->vnets[v].space);
	return &T->sets[v];
}

/* A hub with more tunnels than any classic gateway allowed is a tunnel-limit error. */
#define HUB_TUNNELS_MAX	30
/* a message lists this many ranges, then says how many more */
#define RANGES_LISTED	8

/* A request of VNet a to use the gateway of its peer through tunnel t. */
struct request {
	size_t		 t;
	char		*ranges;	/* the on-premises ranges it carried */
	char		*why;		/* why gateway transit cannot keep it, or NULL */
	char		*fix;		/* what keeps it, or NULL */
};

/*
 * peering-not-transitive for each VNet C that A's site for B reaches
 * through B; returns the site's other ranges (on-premises, through B's
 * gateway) as text, or NULL when there are none.
 */
static char *
classify(struct transit *T, size_t ti)
{
	const struct check_ctx	*c = T->c;
	const struct topology	*tp = c->topo;
	const struct tunnel	*t = &tp->t[ti];
	const struct netcfg	*cfg = c->cfg;
	const struct prefix_list *sp = &t->site->space;
	size_t			 a = t->vnet, b = t->peer, i, u, listed = 0, more = 0;
	size_t			*found = NULL, nfound = 0, capfound = 0;
	struct sbuf		 text;
	char			 buf[NET_STR_MAX];

	sbuf_init(&text);
	for (i = 0; i < sp->n; i++) {
		bool owned = false;

		if (sp->v[i].state == PREFIX_INVALID || netset_holds(set_of(T, b), sp->v[i].net))
			continue;
		/* B's own pairs: a range of one of them went on through B's tunnel to it */
		for (u = tp->first[b]; u < tp->first[b + 1]; u++) {
			size_t cv = tp->t[u].peer;

			if (cv == NONE || cv == a || tp->t[u].reverse == NONE ||
			    !netset_meets(set_of(T, cv), sp->v[i].net))
				continue;
			owned |= netset_holds(set_of(T, cv), sp->v[i].net);
			if (T->mark[cv] != ti + 1) {
				T->mark[cv] = ti + 1;
				*VEC_PUSH(found, nfound, capfound) = u;
			}
		}
		if (owned)
			continue;
		if (listed < RANGES_LISTED)
			sbuf_printf(&text, "%s%s", listed++ ? ", " : "", net_format(sp->v[i].net, buf));
		else
			more++;
	}
	if (more > 0)
		sbuf_printf(&text, " and %zu more", more);
	for (i = 0; i < nfound; i++) {
		const struct tunnel	*bc = &tp->t[found[i]];
		size_t			 cv = bc->peer;
		struct sbuf		 cs;
		struct diag		*r;
		struct arm_unreached	*un;

		if (topology_paired(tp, a, cv))
			continue;	/* A reaches C directly as well */
		sbuf_init(&cs);
		prefix_list_text(&cfg->vnets[cv].space, &cs);
		r = diag_add(c->d, R_PEERING_NOT_TRANSITIVE, &t->ref->pos, K_VNET, cfg->vnets[a].name,
		    "VNet '%s' reached VNet '%s' (%s) through VNet '%s': local site '%s' holds its "
		    "range, and '%s' has a tunnel to '%s'; peering is not transitive, so after "
		    "migration '%s' no longer reaches '%s' (peer them directly: see the runbook)",
		    cfg->vnets[a].name, cfg->vnets[cv].name, cs.s, cfg->vnets[b].name,
		    t->site->name, cfg->vnets[b].name, cfg->vnets[cv].name, cfg->vnets[a].name,
		    cfg->vnets[cv].name);
		diag_note(r, &bc->ref->pos, "'%s' connects to '%s' here", cfg->vnets[b].name,
		    cfg->vnets[cv].name);
		sbuf_release(&cs);
		un = VEC_PUSH(T->ap->unreached, T->ap->nunreached, T->ap->capunreached);
		un->a = a;
		un->b = b;
		un->c = cv;
	}
	free(found);
	if (listed == 0) {
		sbuf_release(&text);
		return NULL;
	}
	return sbuf_detach(&text);
}

/* Why the gateway of b cannot serve a through peering (a new string), or NULL if it can. */
static char *
refused(struct transit *T, size_t a, size_t b, char **fix)
{
	const struct check_ctx	*c = T->c;
	const struct arm_vnet	*hub = &T->ap->vnets[b];
	const struct gw_info	*g = &c->topo->gw[b];
	const char		*bn = c->cfg->vnets[b].name, *an = c->cfg->vnets[a].name;

	*fix = NULL;
	if (!hub->has_gw)
		return xasprintf("'%s' gets no gateway (its tunnels were VNet-to-VNet only, and "
		    "peering replaces them)", bn);
	if (T->ap->vnets[a].has_gw) {
		*fix = xasprintf("connect the gateway of '%s' to those sites", an);
		return xasprintf("'%s' has a gateway of its own (for its site-to-site tunnels or "
		    "point-to-site pool), and a VNet with a gateway cannot use a peer's "
		    "(useRemoteGateways)", an);
	}
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
	    "VNet '%s' reached %s through the gateway of VNet '%s' (local site '%s'), but %s: "
	    "after migration '%s' no longer reaches them%s%s", cfg->vnets[t->vnet].name,
	    q->ranges, cfg->vnets[t->peer].name, t->site->name, why, cfg->vnets[t->vnet].name,
	    fix != NULL ? "; " : "", fix != NULL ? fix : "");
	diag_note(r, &t->site->pos, "local site '%s' is here", t->site->name);
}

/* VNet a's transit through its peers: one may keep it, the others lose it. */
static void
spoke(struct transit *T, size_t a)
{
	const struct topology	*tp = T->c->topo;
	struct armplan		*ap = T->ap;
	struct request		*q = NULL;
	size_t			 nq = 0, capq = 0, i, chosen = NONE;

	for (i = tp->first[a]; i < tp->first[a + 1]; i++) {
		const struct tunnel	*t = &tp->t[i];
		struct request		*r;
		char			*ranges;

		if (!t->by_peering || t->reverse == NONE || t->site == NULL ||
		    ap->tunnel_peering[i] == NONE ||
		    tp->sites[t->site - T->c->cfg->sites].stand != STAND_TRANSIT ||
		    tp->gw[t->peer].ntunnels > HUB_TUNNELS_MAX)
			continue;
		if ((ranges = classify(T, i)) == NULL)
			continue;
		r = VEC_PUSH(q, nq, capq);
		r->t = i;
		r->ranges = xasprintf("on-premises ranges (%s)", ranges);
		free(ranges);
		r->why = refused(T, a, t->peer, &r->fix);
		if (r->why == NULL && chosen == NONE)
			chosen = nq - 1;
	}
	for (i = 0; i < nq; i++) {
		if (i == chosen) {
			struct arm_peering *pr = &ap->peerings[ap->tunnel_peering[q[i].t]];

			pr->use_remote = true;
			ap->peerings[pr->reverse].allow_transit = true;
		} else if (q[i].why != NULL)
			lost(T, &q[i], q[i].why, q[i].fix);
		else {
			char *why = xasprintf("'%s' uses the gateway of VNet '%s' already, and a VNet "
			    "can use the remote gateways of one peering only", T->c->cfg->vnets[a].name,
			    T->c->cfg->vnets[tp->t[q[chosen].t].peer].name);

			lost(T, &q[i], why, NULL);
			free(why);
		}
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
	T.c = c;
	T.ap = ap;
	T.sets = xcalloc(c->cfg->nvnets + 1, sizeof(*T.sets));
	T.mark = xcalloc(c->cfg->nvnets + 1, sizeof(*T.mark));
	for (i = 0; i < c->cfg->nvnets; i++)
		spoke(&T, i);
	for (i = 0; i < c->cfg->nvnets; i++)
		free(T.sets[i].v);
	free(T.sets);
	free(T.mark);
}
