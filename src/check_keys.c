/* check_keys.c - shared keys and side-file references; never prints a key. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "sidefile.h"
#include "topology.h"
#include "xalloc.h"

static const char *
key_problem(const char *k)
{
	size_t n = strlen(k), i;

	if (n == 0)
		return "is empty";
	if (n > 128)
		return "is longer than 128 characters";
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)k[i]) || (unsigned char)k[i] >= 0x80)
			return "has characters other than letters and digits";
	return NULL;
}

static bool
has_ipsec_ref(const struct vnet *v, const char *site)
{
	size_t i;

	for (i = 0; i < v->gateway.nrefs; i++)
		if (strcasecmp(v->gateway.refs[i].name, site) == 0 &&
		    tunnel_is_ipsec(&v->gateway.refs[i]))
			return true;
	return false;
}

/*
 * The tunnels that peering replaces, by "vnet\nsite": their keys are no
 * longer needed, and the key rules leave them alone.
 */
struct replaced {
	struct hmap	 m;
	char		**names;
	size_t		 n;
};

static void
replaced_build(const struct check_ctx *c, struct replaced *rp)
{
	const struct topology	*tp = c->topo;
	size_t			 i, k;

	memset(rp, 0, sizeof(*rp));
	hmap_init(&rp->m);
	if (tp == NULL || !tp->peering)
		return;
	rp->names = xcalloc(tp->nt + 1, sizeof(*rp->names));
	for (i = 0; i < tp->nt; i++)
		if (tp->t[i].by_peering) {
			rp->names[rp->n] = xjoin3(c->cfg->vnets[tp->t[i].vnet].name, '\n',
			    tp->t[i].ref->name, NULL);
			if (!hmap_put(&rp->m, rp->names[rp->n], rp->n, &k))
				free(rp->names[rp->n]);
			else
				rp->n++;
		}
}

static bool
replaced(const struct replaced *rp, const struct vnet *v, const struct local_site *s)
{
	char	*name;
	size_t	 k;
	bool	 r;

	if (rp->n == 0)
		return false;
	name = xjoin3(v->name, '\n', s->name, NULL);
	r = hmap_get(&rp->m, name, &k);
	free(name);
	return r;
}

static void
replaced_release(struct replaced *rp)
{
	size_t i;

	for (i = 0; i < rp->n; i++)
		free(rp->names[i]);
	free(rp->names);
	hmap_release(&rp->m);
}

static void
check_statements(const struct check_ctx *c, const struct sidefile *sf, const struct replaced *rp)
{
	const struct netcfg	*cfg = c->cfg;
	const char		**vn = xcalloc(cfg->nvnets, sizeof(char *));
	const char		**sn = xcalloc(cfg->nsites, sizeof(char *));
	size_t			 i;

	for (i = 0; i < cfg->nvnets; i++)
		vn[i] = cfg->vnets[i].name;
	for (i = 0; i < cfg->nsites; i++)
		sn[i] = cfg->sites[i].name;
	for (i = 0; i < sf->n; i++) {
		const struct side_stmt	*st = &sf->v[i];
		const struct vnet	*v = netcfg_vnet(cfg, st->vnet);
		const struct local_site	*s;
		const char		*p;

		/*
		 * A name the netcfg does not define is not quoted: it may be a
		 * key in the wrong place.  Its position says which it is.
		 */
		if (v == NULL) {
			char *hint = diag_listable(c->d, R_SIDE_FILE) ?
			    did_you_mean(st->vnet, vn, cfg->nvnets) : xstrdup("");

			diag_add(c->d, R_SIDE_FILE, &st->vnet_pos, NULL, NULL,
			    "%s: the -VNetName value names no VNet that '%s' defines%s",
			    side_cmdlet_name(st->kind), cfg->file, hint);
			free(hint);
			continue;
		}
		if (st->kind != SIDE_KEY && st->kind != SIDE_DEFAULT_SITE)
			continue;
		if ((s = netcfg_site(cfg, st->site)) == NULL) {
			char *hint = diag_listable(c->d, R_SIDE_FILE) ?
			    did_you_mean(st->site, sn, cfg->nsites) : xstrdup("");

			diag_add(c->d, R_SIDE_FILE, &st->site_pos, NULL, NULL,
			    "%s: the %s value names no local network site that '%s' defines%s",
			    side_cmdlet_name(st->kind), st->kind == SIDE_KEY ?
			    "-LocalNetworkSiteName" : "-DefaultSite", cfg->file, hint);
			free(hint);
			continue;
		}
		if (st->kind != SIDE_KEY)
			continue;	/* gateway-default-site is the plan's (armplan.c) */
		if ((p = key_problem(st->key)) != NULL && !replaced(rp, v, s))
			diag_add(c->d, R_SHARED_KEY_FORMAT, &st->pos, K_VNET, v->name,
			    "the shared key for VNet '%s' and local site '%s' %s; a key must be 1-128 "
			    "letters and digits", v->name, s->name, p);
		if (!has_ipsec_ref(v, s->name))
			diag_add(c->d, R_SHARED_KEY_ORPHAN, &st->pos, K_VNET, v->name,
			    "a shared key is set for VNet '%s' and local site '%s', but the VNet has no "
			    "IPsec tunnel to that site", v->name, s->name);
	}
	free(vn);
	free(sn);
}

/* One tunnel given two different keys: the later would have won, unseen. */
static void
check_conflicts(const struct check_ctx *c, const struct replaced *rp)
{
	const struct netcfg	*cfg = c->cfg;
	struct hmap		 seen;
	struct side_stmt const	**first = NULL;
	char			**names = NULL;
	size_t			 nfirst = 0, cap = 0, capn = 0, f, i, k;

	hmap_init(&seen);
	for (f = 0; f < c->nside; f++)
		for (i = 0; i < c->side[f].n; i++) {
			const struct side_stmt	*st = &c->side[f].v[i];
			const struct vnet	*v;
			const struct local_site	*s;
			struct diag		*r;

			if (st->kind != SIDE_KEY || (v = netcfg_vnet(cfg, st->vnet)) == NULL ||
			    (s = netcfg_site(cfg, st->site)) == NULL)
				continue;
			xgrow((void **)&names, &capn, nfirst + 1, sizeof(*names));
			names[nfirst] = xjoin3(v->name, '\n', s->name, NULL);
			if (hmap_put(&seen, names[nfirst], nfirst, &k)) {
				xgrow((void **)&first, &cap, nfirst + 1, sizeof(*first));
				first[nfirst++] = st;
				continue;
			}
			free(names[nfirst]);
			if (first[k] == NULL || strcmp(first[k]->key, st->key) == 0 ||
			    replaced(rp, v, s))
				continue;
			/* the values are secret: only where they are set is said */
			r = diag_add(c->d, R_SHARED_KEY_CONFLICT, &st->pos, K_VNET, v->name,
			    "the tunnel from VNet '%s' to local site '%s' is given two different shared "
			    "keys; this one would have replaced the first", v->name, s->name);
			diag_note(r, &first[k]->pos, "the first key for it is set here");
			first[k] = NULL;	/* said once per tunnel */
		}
	hmap_release(&seen);
	for (i = 0; i < nfirst; i++)
		free(names[i]);
	free(names);
	free(first);
}

void
check_keys(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	size_t			 i;

	struct replaced		 rp;

	replaced_build(c, &rp);
	for (i = 0; i < c->nside; i++)
		check_statements(c, &c->side[i], &rp);
	check_conflicts(c, &rp);
	replaced_release(&rp);
	if (tp == NULL)
		return;
	for (i = 0; i < tp->nt; i++) {
		const struct tunnel	*t = &tp->t[i];
		const struct vnet	*v = &cfg->vnets[t->vnet];
		struct diag		*r;

		if (t->site == NULL || t->by_peering)
			continue;	/* ref-undefined; or no key is needed */
		if (t->key == NULL) {
			if (t->peer != NONE && t->reverse != NONE && tp->t[t->reverse].key != NULL)
				diag_add(c->d, R_SHARED_KEY_MISSING, &t->ref->pos, K_VNET, v->name,
				    "no shared key is set for the tunnel from VNet '%s' to local site "
				    "'%s'; the migration uses the key of the reverse direction (from "
				    "'%s')", v->name, t->ref->name, cfg->vnets[t->peer].name);
			else if (t->peer != NONE && t->reverse != NONE && t->reverse < i)
				continue;	/* said once for the pair, below */
			else
				diag_add(c->d, R_SHARED_KEY_MISSING, &t->ref->pos, K_VNET, v->name,
				    "no shared key is set for the tunnel from VNet '%s' to local site "
				    "'%s'%s; its key parameter is left for the operator", v->name,
				    t->ref->name, t->peer != NONE && t->reverse != NONE ?
				    " nor for the reverse direction" : "");
			continue;
		}
		if (t->peer == NONE || t->reverse == NONE || t->reverse < i)
			continue;
		{
			const struct tunnel *u = &tp->t[t->reverse];

			if (u->key == NULL || strcmp(u->key->key, t->key->key) == 0)
				continue;
			r = diag_add(c->d, R_SHARED_KEY_MISMATCH, &u->ref->pos, K_VNET,
			    cfg->vnets[u->vnet].name, "the tunnels between VNets '%s' and '%s' use "
			    "different shared keys; both directions must use the same key",
			    v->name, cfg->vnets[u->vnet].name);
			diag_note(r, &t->key->pos, "the key from '%s' to '%s' is set here", v->name,
			    t->ref->name);
			diag_note(r, &u->key->pos, "the key from '%s' to '%s' is set here",
			    cfg->vnets[u->vnet].name, u->ref->name);
		}
	}
}
