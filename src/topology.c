/* topology.c - which site stands for which VNet, tunnels and VNet-to-VNet pairs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topology.h"
#include "xalloc.h"

bool
tunnel_is_ipsec(const struct site_ref *r)
{
	size_t i;

	/* A reference without a Connection child is an IPsec tunnel, as the
	 * classic service created one for every reference. */
	if (r->nconns == 0)
		return true;
	for (i = 0; i < r->nconns; i++)
		if (r->conns[i].type == CONN_IPSEC)
			return true;
	return false;
}

/* An overlap between a site prefix and a VNet prefix. */
struct touch {
	size_t	site, sp;	/* site index, its prefix index */
	size_t	vnet, vp;	/* VNet index, its prefix index */
};

struct touches {
	struct touch	*v;
	size_t		 n, cap;
	const struct netcfg *cfg;
	size_t		*base;		/* per site: its first prefix's entry in count */
	size_t		*count;		/* per site prefix: its touches so far */
};

/*
 * A site prefix touches at most this many VNet prefixes: the first ones,
 * in address order after those it equals or lies in (which decide an exact
 * or a partial match), so that a thousand sites of 10.0.0.0/8 over a
 * thousand VNets are not a million pairs.  Past it, a site is not weighed
 * as holding more VNets.
 */
#define TOUCH_SITE_MAX	256

/* owner: 2*index for a VNet, 2*index+1 for a site; data: prefix index. */
static void
touch(struct touches *ts, const struct net_item *a, const struct net_item *b)
{
	const struct net_item	*s, *v;
	struct touch		*t;

	if ((a->owner & 1) == (b->owner & 1))
		return;
	s = (a->owner & 1) ? a : b;
	v = (a->owner & 1) ? b : a;
	if (ts->count[ts->base[s->owner >> 1] + (size_t)(uintptr_t)s->data]++ >= TOUCH_SITE_MAX)
		return;
	t = VEC_PUSH(ts->v, ts->n, ts->cap);
	t->site = s->owner >> 1;
	t->sp = (size_t)(uintptr_t)s->data;
	t->vnet = v->owner >> 1;
	t->vp = (size_t)(uintptr_t)v->data;
}

/*
 * Each site prefix is paired with at most TOUCH_MAX VNet prefixes of one
 * group (and each VNet prefix with as many site prefixes): the first two
 * decide what the site stands for and whether that is ambiguous, and a
 * thousand copies of one prefix do not make a million pairs.
 */
#define TOUCH_MAX 8

/* Each site item of s with the first TOUCH_MAX VNet items of v. */
static void
touch_sites(struct touches *ts, const struct net_item *s, size_t ns,
    const struct net_item *v, size_t nv)
{
	size_t	*vi = xcalloc(TOUCH_MAX, sizeof(*vi));
	size_t	 i, j, m = 0;

	for (j = 0; j < nv && m < TOUCH_MAX; j++)
		if ((v[j].owner & 1) == 0)
			vi[m++] = j;
	for (i = 0; m > 0 && i < ns; i++)
		if (s[i].owner & 1)
			for (j = 0; j < m; j++)
				touch(ts, &s[i], &v[vi[j]]);
	free(vi);
}

static void
touch_groups(struct touches *ts, const struct net_item *a, size_t na,
    const struct net_item *b, size_t nb)
{
	touch_sites(ts, a, na, b, nb);
	touch_sites(ts, b, nb, a, na);
}

static void
collect(const struct net_item *a, size_t na, const struct net_item *b, size_t nb, void *vctx)
{
	touch_groups(vctx, a, na, b, nb);
}

static void
collect_same(const struct net_item *v, size_t n, void *vctx)
{
	touch_sites(vctx, v, n, v, n);
}

static int
touch_cmp(const void *va, const void *vb)
{
	const struct touch *a = va, *b = vb;

	if (a->site != b->site)
		return a->site < b->site ? -1 : 1;
	if (a->vnet != b->vnet)
		return a->vnet < b->vnet ? -1 : 1;
	if (a->sp != b->sp)
		return a->sp < b->sp ? -1 : 1;
	return a->vp < b->vp ? -1 : a->vp > b->vp;
}

static size_t
usable(const struct prefix_list *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID)
			n++;
	return n;
}

/* Decide, for every site, the VNet it stands for (exact beats part beats transit). */
static void
stand_for(const struct netcfg *cfg, struct topology *tp)
{
	struct touches	 ts = { NULL, 0, 0, cfg, NULL, NULL };
	struct net_item	*items;
	size_t		 n = 0, total = 0, nsp = 0, i, j;

	for (i = 0; i < cfg->nvnets; i++)
		total += cfg->vnets[i].space.n;
	ts.base = xcalloc(cfg->nsites + 1, sizeof(*ts.base));
	for (i = 0; i < cfg->nsites; i++) {
		ts.base[i] = nsp;
		nsp += cfg->sites[i].space.n;
	}
	ts.count = xcalloc(nsp + 1, sizeof(*ts.count));
	total += nsp;
	items = xcalloc(total, sizeof(*items));
	for (i = 0; i < cfg->nvnets; i++)
		for (j = 0; j < cfg->vnets[i].space.n; j++)
			if (cfg->vnets[i].space.v[j].state != PREFIX_INVALID) {
				items[n].net = cfg->vnets[i].space.v[j].net;
				items[n].owner = 2 * i;
				items[n].data = (const void *)(uintptr_t)j;
				n++;
			}
	for (i = 0; i < cfg->nsites; i++)
		for (j = 0; j < cfg->sites[i].space.n; j++)
			if (cfg->sites[i].space.v[j].state != PREFIX_INVALID) {
				items[n].net = cfg->sites[i].space.v[j].net;
				items[n].owner = 2 * i + 1;
				items[n].data = (const void *)(uintptr_t)j;
				n++;
			}
	net_sweep(items, n, collect, collect_same, &ts);
	free(items);
	free(ts.base);
	free(ts.count);
	if (ts.n > 1)
		qsort(ts.v, ts.n, sizeof(*ts.v), touch_cmp);
	for (i = 0; i < ts.n; ) {
		size_t			 s = ts.v[i].site, v = ts.v[i].vnet, k;
		const struct local_site	*site = &cfg->sites[s];
		const struct vnet	*vn = &cfg->vnets[v];
		bool			*scov = xcalloc(site->space.n, sizeof(bool));
		bool			*vcov = xcalloc(vn->space.n, sizeof(bool));
		size_t			 ns = 0, nv = 0;
		enum stand		 st = STAND_NONE;

		for (j = i; j < ts.n && ts.v[j].site == s && ts.v[j].vnet == v; j++) {
			const struct touch *t = &ts.v[j];

			if (net_contains(vn->space.v[t->vp].net, site->space.v[t->sp].net))
				scov[t->sp] = true;
			if (net_contains(site->space.v[t->sp].net, vn->space.v[t->vp].net))
				vcov[t->vp] = true;
		}
		for (k = 0; k < site->space.n; k++)
			ns += scov[k];
		for (k = 0; k < vn->space.n; k++)
			nv += vcov[k];
		if (ns == usable(&site->space) && nv == usable(&vn->space))
			st = STAND_EXACT;
		else if (ns == usable(&site->space))
			st = STAND_PART;
		else if (nv == usable(&vn->space))
			st = STAND_TRANSIT;
		/* no more than the overlaps found: the sweep bounds those */
		if (st == STAND_TRANSIT)
			*VEC_PUSH(tp->sites[s].cand, tp->sites[s].ncand, tp->sites[s].capcand) = v;
		if (st != STAND_NONE && (tp->sites[s].stand == STAND_NONE || st < tp->sites[s].stand)) {
			tp->sites[s].vnet = v;
			tp->sites[s].stand = st;
			tp->sites[s].also = NONE;
		} else if (st != STAND_NONE && st == tp->sites[s].stand && st != STAND_TRANSIT &&
		    tp->sites[s].also == NONE)
			tp->sites[s].also = v;	/* as good a match: site-ambiguous */
		free(scov);
		free(vcov);
		i = j;
	}
	free(ts.v);
	/* a site that matches two VNets as well stands for neither (site-ambiguous) */
	for (i = 0; i < cfg->nsites; i++)
		if (tp->sites[i].also != NONE) {
			tp->sites[i].amb = tp->sites[i].vnet;
			tp->sites[i].vnet = NONE;
		}
}

static int
tunnel_cmp(const void *va, const void *vb)
{
	const struct tunnel *a = va, *b = vb;

	if (a->vnet != b->vnet)
		return a->vnet < b->vnet ? -1 : 1;
	if (a->peer != b->peer)
		return a->peer < b->peer ? -1 : 1;
	return a->ref < b->ref ? -1 : a->ref > b->ref;
}

/* First tunnel from a to b, or NONE (binary search over the sorted tunnels). */
static size_t
find_tunnel(const struct topology *tp, size_t a, size_t b)
{
	size_t lo = tp->first[a], hi = tp->first[a + 1];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tp->t[mid].peer < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tp->first[a + 1] && tp->t[lo].peer == b ? lo : NONE;
}

bool
topology_connected(const struct topology *tp, size_t a, size_t b)
{
	return find_tunnel(tp, a, b) != NONE || find_tunnel(tp, b, a) != NONE;
}

size_t
topology_tunnel(const struct topology *tp, size_t a, size_t b)
{
	return find_tunnel(tp, a, b);
}

bool
topology_paired(const struct topology *tp, size_t a, size_t b)
{
	size_t t = find_tunnel(tp, a, b);

	return t != NONE && tp->t[t].reverse != NONE;
}

/* A fact about VNet-to-VNet tunnels: VNet b has a tunnel to a site that reaches (or holds) a. */
struct back {
	size_t	b, a;
};

static int
back_cmp(const void *va, const void *vb)
{
	const struct back *x = va, *y = vb;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/* The first fact about a in v (sorted by a, then b), or n. */
static size_t
back_first(const struct back *v, size_t n, size_t a)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].a < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
back_has(const struct back *v, size_t n, size_t b, size_t a)
{
	struct back key = { b, a };

	return bsearch(&key, v, n, sizeof(*v), back_cmp) != NULL;
}

/* Is VNet x a candidate of site info si (its candidates are in VNet order)? */
static bool
is_cand(const struct site_info *si, size_t x)
{
	size_t lo = 0, hi = si->ncand;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (si->cand[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < si->ncand && si->cand[lo] == x;
}

/* A reference to a transit site that holds several VNets: its peer is decided here. */
static bool
open_ref(const struct topology *tp, const struct netcfg *cfg, const struct site_ref *r)
{
	const struct site_info *si;

	if (r->site == NULL || r->dup != NULL || !tunnel_is_ipsec(r))
		return false;
	si = &tp->sites[r->site - cfg->sites];
	return si->stand == STAND_TRANSIT && si->ncand > 1;
}

/* the rounds of resolve_transit: each decides what the previous ones make certain */
#define ROUNDS_MAX	8
/* the candidates of a site weighed by the weaker evidence, at most */
#define WEIGH_CANDS	64

/*
 * A transit site can hold several VNets whole, as when VNet A reaches C
 * through B and its site for B holds B's and C's ranges.  Which one its
 * tunnels reach is the one with a tunnel back to the VNet that uses the
 * site: best a tunnel to a site that reaches that VNet (decided), else one
 * to a transit site that holds it among others (undecided).  A reference
 * is decided when one candidate has the best evidence alone, in rounds,
 * since each decision can settle others (a chain); what is still open
 * after them takes its best candidate, the first of a tie.  The work is
 * bounded: facts are looked up, not scanned, and the weaker evidence is
 * weighed for sites of at most WEIGH_CANDS candidates.  peer[v][k] is the
 * VNet the k-th reference of VNet v reaches (or NONE).
 */
static void
resolve_transit(const struct netcfg *cfg, struct topology *tp, size_t **peer)
{
	struct back	*hard = NULL, *soft = NULL;
	size_t		 nh, ns, caph = 0, caps = 0, i, j, k, round, left = 0;
	bool		**open, *seen, changed = true;

	open = xcalloc(cfg->nvnets + 1, sizeof(*open));
	for (i = 0; i < cfg->nvnets; i++) {
		open[i] = xcalloc(cfg->vnets[i].gateway.nrefs + 1, sizeof(**open));
		for (j = 0; j < cfg->vnets[i].gateway.nrefs; j++)
			if ((open[i][j] = open_ref(tp, cfg, &cfg->vnets[i].gateway.refs[j])))
				left++;
	}
	for (round = 0; left > 0 && round <= ROUNDS_MAX; round++) {
		bool last = round == ROUNDS_MAX || !changed;

		/* what each VNet's tunnels say, as decided so far */
		nh = ns = 0;
		for (i = 0; i < cfg->nvnets; i++)
			for (j = 0; j < cfg->vnets[i].gateway.nrefs; j++) {
				const struct site_ref	*r = &cfg->vnets[i].gateway.refs[j];
				const struct site_info	*si;

				if (r->site == NULL || r->dup != NULL || !tunnel_is_ipsec(r))
					continue;
				si = &tp->sites[r->site - cfg->sites];
				if (!open[i][j] && peer[i][j] != NONE)
					*VEC_PUSH(hard, nh, caph) = (struct back){ i, peer[i][j] };
				else if (open[i][j] && si->ncand <= WEIGH_CANDS)
					for (k = 0; k < si->ncand; k++)
						*VEC_PUSH(soft, ns, caps) = (struct back){ i, si->cand[k] };
			}
		if (nh > 1)
			qsort(hard, nh, sizeof(*hard), back_cmp);
		if (ns > 1)
			qsort(soft, ns, sizeof(*soft), back_cmp);
		changed = false;
		for (i = 0; i < cfg->nvnets; i++)
			for (j = 0; j < cfg->vnets[i].gateway.nrefs; j++) {
				const struct site_info	*si;
				size_t			 pick = NONE, npick = 0;

				if (!open[i][j])
					continue;
				si = &tp->sites[cfg->vnets[i].gateway.refs[j].site - cfg->sites];
				if (cfg->vnets[i].gateway.nrefs <= CLASSIC_TUNNELS_MAX) {
					/* the VNets with a decided tunnel back to i, among the candidates */
					for (k = back_first(hard, nh, i); k < nh && hard[k].a == i; k++)
						if (hard[k].b != i && is_cand(si, hard[k].b) && npick++ == 0)
							pick = hard[k].b;
					/* else those with an undecided one that holds i */
					if (npick == 0 && si->ncand <= WEIGH_CANDS)
						for (k = 0; k < si->ncand; k++)
							if (si->cand[k] != i &&
							    back_has(soft, ns, si->cand[k], i) && npick++ == 0)
								pick = si->cand[k];
				}
				if (npick == 0 && last)
					for (k = 0; k < si->ncand && pick == NONE; k++)
						if (si->cand[k] != i)
							pick = si->cand[k];
				/* decided: one candidate alone; or, in the last round, the first */
				if (pick != NONE && (npick == 1 || last)) {
					peer[i][j] = pick;
					open[i][j] = false;
					changed = true;
					left--;
				}
			}
	}
	free(hard);
	free(soft);
	/* what the site stands for, as the plan says: its first user's peer */
	seen = xcalloc(cfg->nsites + 1, sizeof(*seen));
	for (i = 0; i < cfg->nvnets; i++) {
		for (j = 0; j < cfg->vnets[i].gateway.nrefs; j++) {
			const struct site_ref *r = &cfg->vnets[i].gateway.refs[j];

			if (r->site == NULL || !open_ref(tp, cfg, r) || seen[r->site - cfg->sites])
				continue;
			seen[r->site - cfg->sites] = true;
			tp->sites[r->site - cfg->sites].vnet = peer[i][j];
		}
		free(open[i]);
	}
	free(open);
	free(seen);
}

static void
apply_side(const struct netcfg *cfg, struct topology *tp,
    const struct sidefile *sf, size_t nside)
{
	size_t f, i;

	for (f = 0; f < nside; f++)
		for (i = 0; i < sf[f].n; i++) {
			const struct side_stmt	*st = &sf[f].v[i];
			const struct vnet	*v = netcfg_vnet(cfg, st->vnet);
			struct gw_info		*g;

			if (v == NULL)
				continue;
			g = &tp->gw[v - cfg->vnets];
			if (st->kind == SIDE_NEW_GATEWAY) {
				g->routing = st->routing;
				g->routing_pos = st->pos;
			}
			if (st->has_sku) {
				g->sku = st->sku;
				g->sku_pos = st->pos;
			}
		}
}

/* Key statements indexed by "vnet\nsite"; the last one set wins, as when the script ran. */
struct key_index {
	struct hmap		 m;
	char			**names;
	const struct side_stmt	**stmts;
	size_t			 n, capn, caps;
};

static void
key_index_build(struct key_index *ki, const struct sidefile *sf, size_t nside)
{
	size_t f, i, k;

	memset(ki, 0, sizeof(*ki));
	hmap_init(&ki->m);
	for (f = 0; f < nside; f++)
		for (i = 0; i < sf[f].n; i++)
			if (sf[f].v[i].kind == SIDE_KEY) {
				xgrow((void **)&ki->names, &ki->capn, ki->n + 1, sizeof(*ki->names));
				xgrow((void **)&ki->stmts, &ki->caps, ki->n + 1, sizeof(*ki->stmts));
				ki->names[ki->n] = xjoin3(sf[f].v[i].vnet, '\n', sf[f].v[i].site, NULL);
				ki->stmts[ki->n++] = &sf[f].v[i];
			}
	for (k = ki->n; k-- > 0; )
		hmap_put(&ki->m, ki->names[k], k, NULL);
}

static const struct side_stmt *
key_index_find(const struct key_index *ki, const char *vnet, const char *site)
{
	char	*name = xjoin3(vnet, '\n', site, NULL);
	size_t	 k;
	bool	 found = hmap_get(&ki->m, name, &k);

	free(name);
	return found ? ki->stmts[k] : NULL;
}

static void
key_index_release(struct key_index *ki)
{
	size_t k;

	for (k = 0; k < ki->n; k++)
		free(ki->names[k]);
	free(ki->names);
	free(ki->stmts);
	hmap_release(&ki->m);
}

struct topology *
topology_build(const struct netcfg *cfg, const struct sidefile *sf, size_t nside, bool peering)
{
	struct topology	*tp = xcalloc(1, sizeof(*tp));
	size_t		 cap = 0, i, j;
	struct key_index keys;
	size_t		**peer;

	tp->sites = xcalloc(cfg->nsites + 1, sizeof(*tp->sites));
	tp->nsites = cfg->nsites;
	for (i = 0; i < cfg->nsites; i++) {
		tp->sites[i].vnet = NONE;
		tp->sites[i].also = NONE;
		tp->sites[i].amb = NONE;
	}
	tp->gw = xcalloc(cfg->nvnets, sizeof(*tp->gw));
	tp->first = xcalloc(cfg->nvnets + 1, sizeof(*tp->first));
	tp->peering = peering;
	stand_for(cfg, tp);
	apply_side(cfg, tp, sf, nside);
	/* the VNet each reference reaches: the site's, or for a transit site the one paired */
	peer = xcalloc(cfg->nvnets + 1, sizeof(*peer));
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		peer[i] = xcalloc(v->gateway.nrefs + 1, sizeof(**peer));
		for (j = 0; j < v->gateway.nrefs; j++) {
			const struct site_ref *r = &v->gateway.refs[j];

			peer[i][j] = r->site != NULL ? tp->sites[r->site - cfg->sites].vnet : NONE;
		}
	}
	resolve_transit(cfg, tp, peer);

	key_index_build(&keys, sf, nside);
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet	*v = &cfg->vnets[i];
		struct gw_info		*g = &tp->gw[i];

		g->exists = v->gateway.present && (v->gateway.nrefs > 0 || v->gateway.has_pool);
		for (j = 0; j < v->gateway.nrefs; j++) {
			const struct site_ref	*r = &v->gateway.refs[j];
			struct tunnel		*t;

			if (!tunnel_is_ipsec(r) || r->dup != NULL)
				continue;	/* a second reference is the first's tunnel: ref-duplicate */
			t = VEC_PUSH(tp->t, tp->nt, cap);
			t->vnet = i;
			t->ref = r;
			t->site = r->site;
			t->peer = peer[i][j] != i ? peer[i][j] : NONE;
			t->reverse = NONE;
			t->key = key_index_find(&keys, v->name, r->name);
			g->ntunnels++;
		}
		free(peer[i]);
	}
	free(peer);
	if (tp->nt > 1)
		qsort(tp->t, tp->nt, sizeof(*tp->t), tunnel_cmp);
	for (i = 0, j = 0; i < cfg->nvnets; i++) {
		tp->first[i] = j;
		while (j < tp->nt && tp->t[j].vnet == i)
			j++;
	}
	tp->first[cfg->nvnets] = tp->nt;
	key_index_release(&keys);
	for (i = 0; i < tp->nt; i++)
		if (tp->t[i].peer != NONE)
			tp->t[i].reverse = find_tunnel(tp, tp->t[i].peer, tp->t[i].vnet);
	/*
	 * What ARM gets: with peering, VNet-to-VNet tunnels are no connections,
	 * and a gateway is made only for site-to-site tunnels or a client pool.
	 */
	for (i = 0; i < cfg->nvnets; i++) {
		struct gw_info	*g = &tp->gw[i];
		size_t		 s2s = 0;

		for (j = tp->first[i]; j < tp->first[i + 1]; j++) {
			tp->t[j].by_peering = peering && tp->t[j].peer != NONE;
			s2s += tp->t[j].peer == NONE;
		}
		g->nconns = peering ? s2s : g->ntunnels;
		g->made = peering ? cfg->vnets[i].gateway.present &&
		    (s2s > 0 || cfg->vnets[i].gateway.has_pool) : g->exists;
	}
	return tp;
}

void
topology_free(struct topology *tp)
{
	size_t i;

	if (tp == NULL)
		return;
	for (i = 0; tp->sites != NULL && i < tp->nsites; i++)
		free(tp->sites[i].cand);
	free(tp->sites);
	free(tp->gw);
	free(tp->t);
	free(tp->first);
	free(tp);
}
