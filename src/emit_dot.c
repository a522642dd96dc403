/* emit_dot.c - the topology as Graphviz DOT, problems highlighted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "emit.h"
#include "hash.h"
#include "xalloc.h"

/* A DOT string literal: quotes and backslashes escaped, "\n" kept as a line break. */
static void
dq(struct sbuf *b, const char *s)
{
	sbuf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '&') {
			sbuf_adds(b, "&amp;");	/* Graphviz reads entities in labels */
			continue;
		}
		if (*s == '"' || *s == '\\')
			sbuf_addc(b, '\\');
		if (*s == '\n') {
			sbuf_adds(b, "\\n");
			continue;
		}
		if ((unsigned char)*s < 0x20)
			continue;
		sbuf_addc(b, *s);
	}
	sbuf_addc(b, '"');
}

/* A name or other input text in a label: its control characters as spaces, so that it adds no line. */
static void
lab_add(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++)
		sbuf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

/*
 * The worst level of the diagnostics about each object (kind and name,
 * names compared as Azure does) and at each position (a tunnel's
 * reference), indexed once: the graph asks for every node and edge.
 */
struct worst {
	struct hmap	 byname[3];	/* VNet, gateway, local site: name -> lv index */
	enum level	*lv;
	size_t		 nlv, caplv;
	struct worst_at { unsigned long line, col; enum level lv; } *at;
	size_t		 nat;
};

static const char *const worst_kinds[3] = { K_VNET, K_GATEWAY, K_SITE };

static int
cmp_at(const void *a, const void *b)
{
	const struct worst_at *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

static void
worst_build(struct worst *w, const struct diags *d)
{
	size_t i, k, n = 0;

	memset(w, 0, sizeof(*w));
	w->at = xcalloc(d->n + 1, sizeof(*w->at));
	for (i = 0; i < d->n; i++) {
		const struct diag *r = &d->v[i];

		if (r->rule != R_ARM_NAME && r->rule != R_GATEWAY_DEFAULT) {
			w->at[n].line = r->pos.line;
			w->at[n].col = r->pos.col;
			w->at[n].lv = r->level;
			n++;
		}
		if (r->kind == NULL || r->name == NULL)
			continue;
		for (k = 0; k < 3; k++) {
			size_t j;

			if (strcmp(r->kind, worst_kinds[k]) != 0)
				continue;
			if (hmap_put(&w->byname[k], r->name, w->nlv, &j))
				*VEC_PUSH(w->lv, w->nlv, w->caplv) = r->level;
			else if (r->level > w->lv[j])
				w->lv[j] = r->level;
		}
	}
	qsort(w->at, n, sizeof(*w->at), cmp_at);
	/* one entry per position, holding the worst level there */
	for (i = 0, w->nat = 0; i < n; i++) {
		if (w->nat > 0 && cmp_at(&w->at[w->nat - 1], &w->at[i]) == 0) {
			if (w->at[i].lv > w->at[w->nat - 1].lv)
				w->at[w->nat - 1].lv = w->at[i].lv;
		} else
			w->at[w->nat++] = w->at[i];
	}
}

static void
worst_release(struct worst *w)
{
	size_t k;

	for (k = 0; k < 3; k++)
		hmap_release(&w->byname[k]);
	free(w->lv);
	free(w->at);
}

/* The worst level of the diagnostics about an object of a kind and name. */
static enum level
worst_for(const struct worst *w, const char *kind, const char *name)
{
	size_t k, j;

	for (k = 0; k < 3; k++)
		if (strcmp(kind, worst_kinds[k]) == 0)
			return hmap_get(&w->byname[k], name, &j) ? w->lv[j] : LEVEL_OFF;
	return LEVEL_OFF;
}

/* The worst level of the diagnostics given at a position (a tunnel's reference). */
static enum level
worst_at(const struct worst *w, const struct pos *p)
{
	struct worst_at	 key = { p->line, p->col, LEVEL_OFF };
	struct worst_at	*hit = bsearch(&key, w->at, w->nat, sizeof(*w->at), cmp_at);

	return hit != NULL ? hit->lv : LEVEL_OFF;
}

static const char *
color(enum level l)
{
	return l == LEVEL_ERROR ? "red" : l == LEVEL_WARNING ? "darkorange" : "black";
}

static void
prefixes(struct sbuf *b, const struct prefix_list *l)
{
	char	buf[NET_STR_MAX];
	size_t	i;

	for (i = 0; i < l->n; i++)
		sbuf_printf(b, "\n%s", l->v[i].state == PREFIX_INVALID ? l->v[i].text :
		    net_format(l->v[i].net, buf));
}

static void
dot_vnets(struct sbuf *b, const struct check_ctx *c, const struct armplan *ap,
    const struct worst *wi)
{
	const struct netcfg	*cfg = c->cfg;
	struct sbuf		 lab;
	size_t			 i;

	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet	*v = &cfg->vnets[i];
		enum level		 w = worst_for(wi, K_VNET, v->name);
		enum level		 wg = worst_for(wi, K_GATEWAY, v->name);

		if (wg > w && wg != LEVEL_NOTE)
			w = wg;
		sbuf_init(&lab);
		lab_add(&lab, v->name);
		if (v->location != NULL || v->affinity_group != NULL) {
			sbuf_adds(&lab, "\n(");
			lab_add(&lab, v->location ? v->location : v->affinity_group);
			sbuf_addc(&lab, ')');
		}
		prefixes(&lab, &v->space);
		if (ap != NULL && ap->vnets[i].has_gw)
			sbuf_printf(&lab, "\ngateway: %s %s", ap->vnets[i].vpn_type, ap->vnets[i].sku);
		if (v->gateway.has_pool) {
			sbuf_adds(&lab, "\npoint-to-site:");
			prefixes(&lab, &v->gateway.pool);
		}
		sbuf_printf(b, "\tvnet%zu [shape=box, style=\"rounded,bold\", color=%s, label=", i,
		    w >= LEVEL_WARNING ? color(w) : "steelblue");
		dq(b, lab.s);
		sbuf_adds(b, "];\n");
		sbuf_release(&lab);
	}
}

static void
dot_sites(struct sbuf *b, const struct check_ctx *c, const struct worst *wi)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	bool			*site_used = xcalloc(cfg->nsites + 1, sizeof(bool));
	struct sbuf		 lab;
	size_t			 i;

	for (i = 0; i < tp->nt; i++)
		if (tp->t[i].site != NULL)
			site_used[tp->t[i].site - cfg->sites] = true;
	for (i = 0; i < cfg->nsites; i++) {
		const struct local_site	*s = &cfg->sites[i];
		enum level		 w = worst_for(wi, K_SITE, s->name);

		if (tp->sites[i].vnet != NONE && w < LEVEL_WARNING)
			continue;	/* drawn as the VNet it stands for */
		sbuf_init(&lab);
		lab_add(&lab, s->name);
		prefixes(&lab, &s->space);
		if (s->has_vpn_addr) {
			sbuf_adds(&lab, "\ndevice ");
			lab_add(&lab, s->vpn_addr_text);
		}
		sbuf_printf(b, "\tsite%zu [shape=house, color=%s%s, label=", i,
		    w >= LEVEL_WARNING ? color(w) : "darkgreen", site_used[i] ? "" : ", style=dashed");
		dq(b, lab.s);
		sbuf_adds(b, "];\n");
		sbuf_release(&lab);
	}
	free(site_used);
}

/* Tunnels as edges; ExpressRoute links as dashed ones to a diamond. */
static void
dot_edges(struct sbuf *b, const struct check_ctx *c, const struct armplan *ap,
    const struct worst *wi)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	struct sbuf		 lab;
	size_t			 i, j;

	for (i = 0; i < tp->nt; i++) {
		const struct tunnel	*t = &tp->t[i];
		enum level		 w = worst_at(wi, &t->ref->pos);

		if (t->peer != NONE && t->reverse != NONE) {
			if (t->reverse < i)
				continue;	/* the pair is one two-way edge */
			if (worst_at(wi, &tp->t[t->reverse].ref->pos) > w)
				w = worst_at(wi, &tp->t[t->reverse].ref->pos);
			if (t->by_peering) {
				/* a peering is no tunnel: double line, no arrows; transit says which way */
				const struct arm_peering *pr = ap != NULL &&
				    ap->tunnel_peering[i] != NONE ? &ap->peerings[ap->tunnel_peering[i]] :
				    NULL;
				size_t hub = pr == NULL ? NONE : pr->use_remote ? pr->peer :
				    pr->allow_transit ? pr->vnet : NONE;

				sbuf_printf(b, "\tvnet%zu -- vnet%zu [color=\"%s:invis:%s\", "
				    "style=bold, label=", t->vnet, t->peer,
				    w >= LEVEL_WARNING ? color(w) : "purple",
				    w >= LEVEL_WARNING ? color(w) : "purple");
				sbuf_init(&lab);
				sbuf_adds(&lab, "peering");
				if (hub != NONE)
					sbuf_cat(&lab, "\ngateway transit: ", ap->vnets[hub].gw, NULL);
				dq(b, lab.s);
				sbuf_release(&lab);
				sbuf_adds(b, "];\n");
			} else
				sbuf_printf(b, "\tvnet%zu -- vnet%zu [dir=both, color=%s, penwidth=2, "
				    "label=\"VNet-to-VNet\"];\n", t->vnet, t->peer,
				    w >= LEVEL_WARNING ? color(w) : "steelblue");
		} else if (t->peer != NONE) {
			sbuf_printf(b, "\tvnet%zu -- vnet%zu [dir=forward, style=dashed, color=%s, "
			    "label=\"%s\"];\n", t->vnet, t->peer,
			    w >= LEVEL_WARNING ? color(w) : "darkorange",
			    t->by_peering ? "one-sided (not peered)" : "one-sided");
		} else if (t->site != NULL) {
			sbuf_printf(b, "\tvnet%zu -- site%zu [color=%s, label=\"IPsec\"];\n", t->vnet,
			    (size_t)(t->site - cfg->sites), w >= LEVEL_WARNING ? color(w) : "darkgreen");
		} else {
			sbuf_init(&lab);
			lab_add(&lab, t->ref->name);
			sbuf_printf(b, "\tmissing%zu [shape=house, style=dashed, color=red, label=", i);
			dq(b, lab.s);
			sbuf_release(&lab);
			sbuf_printf(b, "];\n\tvnet%zu -- missing%zu [color=red, label=\"undefined\"];\n",
			    t->vnet, i);
		}
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		for (j = 0; j < v->gateway.nrefs; j++) {
			if (tunnel_is_ipsec(&v->gateway.refs[j]))
				continue;
			sbuf_printf(b, "\ter%zu_%zu [shape=diamond, style=dashed, color=darkorange, label=", i, j);
			sbuf_init(&lab);
			sbuf_adds(&lab, "ExpressRoute\n");
			lab_add(&lab, v->gateway.refs[j].name);
			dq(b, lab.s);
			sbuf_release(&lab);
			sbuf_printf(b, "];\n\tvnet%zu -- er%zu_%zu [style=dashed, color=darkorange, "
			    "label=\"Dedicated (not migrated)\"];\n", i, i, j);
		}
	}
}

char *
emit_dot(const struct check_ctx *c, const struct armplan *ap, const struct diags *d)
{
	struct sbuf	 b;
	struct worst	 wi;
	char		*label = xutf8dup(c->cfg->file);	/* Graphviz reads UTF-8; a file name may be any bytes */

	worst_build(&wi, d);
	sbuf_init(&b);
	sbuf_adds(&b, "graph netcfg {\n\tgraph [label=");
	dq(&b, label);
	free(label);
	sbuf_adds(&b, ", labelloc=t, fontname=\"Helvetica\", rankdir=LR];\n");
	sbuf_adds(&b, "\tnode [fontname=\"Helvetica\", fontsize=10];\n");
	sbuf_adds(&b, "\tedge [fontname=\"Helvetica\", fontsize=9];\n");
	dot_vnets(&b, c, ap, &wi);
	dot_sites(&b, c, &wi);
	dot_edges(&b, c, ap, &wi);
	sbuf_adds(&b, "}\n");
	worst_release(&wi);
	return sbuf_detach(&b);
}
