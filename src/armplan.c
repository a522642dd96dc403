/* armplan.c - ARM names and resource groups for the classic objects; arm-name. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arm.h"
#include "armplan.h"
#include "hash.h"
#include "regions.h"
#include "sidefile.h"
#include "xalloc.h"

static bool
legal_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
}

/*
 * Make s a legal name for most Microsoft.Network types (before its length
 * is fitted): illegal characters become '-', runs of them one '-'; the
 * start must be alphanumeric and the end alphanumeric or '_'.  With rg,
 * the rule of resource groups: '(' and ')' and letters outside ASCII are
 * kept, and only a final '.' (and a first '-', which az would read as an
 * option) must go.  Returns a new string (maybe empty).
 */
static char *
sanitize(const char *s, bool rg)
{
	struct sbuf	 b;
	size_t		 n;

	sbuf_init(&b);
	for (; *s != '\0'; s++) {
		bool	 ok = (unsigned char)*s < 0x80 ? legal_char(*s) ||
			    (rg && (*s == '(' || *s == ')')) : rg;
		char	 c = ok ? *s : '-';

		if (!ok && b.len > 0 && b.s[b.len - 1] == '-')
			continue;
		if (b.len == 0 && (rg ? c == '-' || c == '.' : !isalnum((unsigned char)c)))
			continue;
		sbuf_addc(&b, c);
	}
	n = b.len;
	if (rg)
		while (n > 0 && b.s[n - 1] == '.')
			n--;
	else
		while (n > 0 && !isalnum((unsigned char)b.s[n - 1]) && b.s[n - 1] != '_')
			n--;
	b.s[n] = '\0';
	return sbuf_detach(&b);
}

/* A legal name of at most max characters for want: shortened with a hash of want. */
static char *
fitted(const char *want, size_t max, bool rg)
{
	return arm_fit(sanitize(want, rg), max, want, false);
}

/* Names that derive from others: the parts joined, then fitted with a hash of the whole. */
static char *
derived(const char *a, const char *b, const char *c, size_t max)
{
	char *whole = xasprintf("%s%s%s", a, b, c != NULL ? c : "");
	char *r = fitted(whole, max, false);

	free(whole);
	return r;
}

size_t
armplan_rg(const struct armplan *ap, const char *name)
{
	size_t i;

	return hmap_get(&ap->rg_idx, name, &i) ? i : NONE;
}

/* The index of group name, added (at location) if it is new. */
static size_t
use_rg(struct armplan *ap, const char *name, const char *location)
{
	struct arm_rg	*r;
	size_t		 i = armplan_rg(ap, name);

	if (i != NONE)
		return i;
	r = VEC_PUSH(ap->rgs, ap->nrgs, ap->caprgs);
	r->name = xstrdup(name);
	r->location = location;
	hmap_put(&ap->rg_idx, r->name, ap->nrgs - 1, NULL);
	return ap->nrgs - 1;
}

/* Split "Group RG NAME" (as the portal wrote it); false for other names. */
static bool
portal_name(const char *classic, char **rg, char **name)
{
	const char *p, *sp;

	if (strncasecmp(classic, "Group ", 6) != 0)
		return false;
	p = classic + 6;
	if ((sp = strchr(p, ' ')) == NULL || sp == p || sp[1] == '\0')
		return false;
	*rg = xstrndup(p, (size_t)(sp - p));
	*name = xstrdup(sp + 1);
	return true;
}

static const char *
vnet_location(const struct check_ctx *c, const struct vnet *v)
{
	const struct region *r = NULL;

	if (v->location != NULL)
		r = region_find(v->location);
	else if (v->affinity_group != NULL) {
		const char *ag = ag_map_region(c->ags, v->affinity_group);

		if (ag != NULL)
			r = region_find(ag);
		if (r == NULL && ag != NULL)
			return ag;
	}
	return r != NULL ? r->arm : "";
}

struct names {
	struct hmap	 m;
	char		**keys;
	const struct pos **pos;
	const char	**attr;		/* the attribute of pos the name comes from, or NULL */
	const char	**classic;
	size_t		 n, capk, capp, capa, capc;
	/* the classic resource-group names of "Group RG NAME", by what they became */
	struct hmap	 rg_m;
	char		**rg_classic, **rg_arm;
	const struct vnet **rg_vnet;
	size_t		 nrg, caprc, capra, caprv;
};

/*
 * Two classic group names that become one ARM group are an error; names
 * that differ only in case are one group in ARM as in classic.
 */
static void
claim_rg(const struct check_ctx *c, struct names *ns, const char *arm, const char *classic,
    const struct vnet *v)
{
	size_t		 prev;
	struct pos	 at, first;
	struct diag	*r;

	if (hmap_get(&ns->rg_m, arm, &prev)) {
		if (strcasecmp(ns->rg_classic[prev], classic) == 0)
			return;
	} else {
		xgrow((void **)&ns->rg_classic, &ns->caprc, ns->nrg + 1, sizeof(*ns->rg_classic));
		xgrow((void **)&ns->rg_arm, &ns->capra, ns->nrg + 1, sizeof(*ns->rg_arm));
		xgrow((void **)&ns->rg_vnet, &ns->caprv, ns->nrg + 1, sizeof(*ns->rg_vnet));
		ns->rg_classic[ns->nrg] = xstrdup(classic);
		ns->rg_arm[ns->nrg] = xstrdup(arm);
		ns->rg_vnet[ns->nrg] = v;
		hmap_put(&ns->rg_m, ns->rg_arm[ns->nrg], ns->nrg, NULL);
		ns->nrg++;
		return;
	}
	at = netcfg_attr_pos(c->cfg, &v->pos, "name");
	first = netcfg_attr_pos(c->cfg, &ns->rg_vnet[prev]->pos, "name");
	r = diag_addl(c->d, R_ARM_NAME, LEVEL_ERROR, &at, K_VNET, v->name,
	    "resource groups '%s' and '%s' would both become resource group '%s'", classic,
	    ns->rg_classic[prev], arm);
	diag_note(r, &first, "'%s' is here", ns->rg_vnet[prev]->name);
}

/* Where a diagnostic about the name given at pos (in its attribute attr, if any) points. */
static struct pos
name_at(const struct check_ctx *c, const struct pos *pos, const char *attr)
{
	return attr != NULL ? netcfg_attr_pos(c->cfg, pos, attr) : *pos;
}

/* Is (type, group, name) taken? */
static bool
taken(const struct names *ns, const char *type, const char *rg, const char *name)
{
	char	*key = xjoin3(type, '\n', rg, name);
	size_t	 i;
	bool	 r = hmap_get(&ns->m, key, &i);

	free(key);
	return r;
}

/* Record a (type, group, name); an arm-name error if it is taken already. */
static void
claim(const struct check_ctx *c, struct names *ns, const char *type, const char *rg,
    const char *name, const struct pos *pos, const char *attr, const char *kind,
    const char *classic)
{
	char	*key = xjoin3(type, '\n', rg, name);
	size_t	 prev;

	if (!hmap_put(&ns->m, key, ns->n, &prev)) {
		struct diag	*r;
		struct pos	 at, first;

		free(key);
		/* the same classic name twice is name-duplicate's to report */
		if (strcasecmp(ns->classic[prev], classic) == 0)
			return;
		at = name_at(c, pos, attr);
		first = name_at(c, ns->pos[prev], ns->attr[prev]);
		r = diag_addl(c->d, R_ARM_NAME, LEVEL_ERROR, &at, kind, classic,
		    "'%s' and '%s' would both become %s '%s' in resource group '%s'",
		    classic, ns->classic[prev], type, name, rg);

		diag_note(r, &first, "'%s' is here", ns->classic[prev]);
		return;
	}
	xgrow((void **)&ns->keys, &ns->capk, ns->n + 1, sizeof(*ns->keys));
	xgrow((void **)&ns->pos, &ns->capp, ns->n + 1, sizeof(*ns->pos));
	xgrow((void **)&ns->attr, &ns->capa, ns->n + 1, sizeof(*ns->attr));
	xgrow((void **)&ns->classic, &ns->capc, ns->n + 1, sizeof(*ns->classic));
	ns->keys[ns->n] = key;
	ns->pos[ns->n] = pos;
	ns->attr[ns->n] = attr;
	ns->classic[ns->n] = classic;
	ns->n++;
}

static void
names_release(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->keys[i]);
	free(ns->keys);
	free(ns->pos);
	free(ns->attr);
	free(ns->classic);
	hmap_release(&ns->m);
	for (i = 0; i < ns->nrg; i++) {
		free(ns->rg_classic[i]);
		free(ns->rg_arm[i]);
	}
	free(ns->rg_classic);
	free(ns->rg_arm);
	free(ns->rg_vnet);
	hmap_release(&ns->rg_m);
}

/*
 * The legal ARM name for a classic one (rg: by the rule of resource
 * groups); a change is reported, as a note.
 */
static char *
legal_name(const struct check_ctx *c, const char *want, size_t min, size_t max, bool rg,
    const struct pos *pos, const char *attr, const char *kind, const char *classic,
    const char *what)
{
	char		*n = fitted(want, max, rg);
	struct pos	 at;

	if (arm_name_length(n) < min) {
		at = name_at(c, pos, attr);
		diag_addl(c->d, R_ARM_NAME, LEVEL_ERROR, &at, kind, classic,
		    "%s name '%s' cannot be made a legal ARM name (%s; %zu to %zu characters)",
		    what, want, rg ? "letters, digits, '_', '-', '.', '(', ')'; not ending in '.'" :
		    "letters, digits, '.', '_', '-'; starting with a letter or digit", min, max);
		free(n);
		return xstrdup(want);
	}
	if (strcmp(n, want) != 0) {
		at = name_at(c, pos, attr);
		diag_add(c->d, R_ARM_NAME, &at, kind, classic,
		    "%s name '%s' is not a legal ARM name; it becomes '%s'", what, want, n);
	}
	return n;
}

static char *
param_name(struct armplan *ap, const char *conn)
{
	struct sbuf	 b;
	size_t		 k = 1, i;
	char		*base;

	sbuf_init(&b);
	sbuf_adds(&b, "sharedKey");
	for (; *conn != '\0'; conn++)
		if (isalnum((unsigned char)*conn))
			sbuf_addc(&b, *conn);
	base = sbuf_detach(&b);
	for (;;) {
		char *cand = k == 1 ? xstrdup(base) : xasprintf("%s%zu", base, k);

		if (!hmap_get(&ap->param_idx, cand, &i)) {
			free(base);
			return cand;
		}
		free(cand);
		k++;
	}
}

static size_t
add_param(struct armplan *ap, const char *conn, const struct side_stmt *key,
    const struct side_stmt *key2, const char *desc)
{
	char		 *name = param_name(ap, conn);
	struct arm_param *p = VEC_PUSH(ap->params, ap->nparams, ap->capparams);

	p->name = name;
	p->nconn = 0;
	hmap_put(&ap->param_idx, p->name, ap->nparams - 1, NULL);
	p->value = key ? key->key : key2 ? key2->key : NULL;
	p->value_pos = key ? &key->pos : key2 ? &key2->pos : NULL;
	p->description = xstrdup(desc);
	return ap->nparams - 1;
}

static void	index_plan(struct armplan *, size_t);
static size_t	lng_for(const struct armplan *, size_t, const char *);

/*
 * Forced tunnelling: Set-AzureVNetGatewayDefaultSite becomes the gateway's
 * gatewayDefaultSite where ARM can take it (gateway-default-site where not).
 * The last statement for a VNet wins, as when the script ran.
 */
static void
default_sites(const struct check_ctx *c, struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 f, i, k;

	for (f = 0; f < c->nside; f++)
		for (i = 0; i < c->side[f].n; i++) {
			const struct side_stmt	*st = &c->side[f].v[i];
			const struct vnet	*v;
			const struct local_site	*site;
			struct arm_vnet		*a;
			size_t			 s, lng;
			const char		*why = NULL;
			bool			 linked = false;

			if (st->kind == SIDE_REMOVE_DEFAULT_SITE &&
			    (v = netcfg_vnet(cfg, st->vnet)) != NULL) {
				/* the script took it back: no forced tunnelling */
				ap->vnets[v - cfg->vnets].default_lng = NONE;
				continue;
			}
			if (st->kind != SIDE_DEFAULT_SITE || (v = netcfg_vnet(cfg, st->vnet)) == NULL ||
			    (site = netcfg_site(cfg, st->site)) == NULL)
				continue;	/* side-file reported it */
			a = &ap->vnets[v - cfg->vnets];
			s = (size_t)(site - cfg->sites);
			lng = lng_for(ap, s, a->location);
			/* the VNet's own tunnels are few */
			for (k = c->topo->first[v - cfg->vnets];
			    lng != NONE && k < c->topo->first[v - cfg->vnets + 1]; k++)
				linked |= ap->tunnel_conn[k] != NONE &&
				    ap->conns[ap->tunnel_conn[k]].lng == lng;
			a->default_lng = NONE;
			if (c->topo->sites[s].vnet != NONE)
				why = "that site stands for another VNet, not an on-premises network";
			else if (!a->has_gw)
				why = "the VNet has no gateway";
			else if (strcmp(a->vpn_type, "PolicyBased") == 0)
				why = "its gateway is StaticRouting (PolicyBased in ARM), and forced "
				    "tunnelling needs a RouteBased (DynamicRouting) gateway";
			else if (!linked)
				why = "the VNet has no IPsec tunnel to that site";
			if (why != NULL) {
				diag_add(c->d, R_GATEWAY_DEFAULT_SITE, &st->site_pos, K_VNET, v->name,
				    "Set-AzureVNetGatewayDefaultSite makes local site '%s' the default "
				    "site of VNet '%s', but %s: forced tunnelling is not migrated",
				    site->name, v->name, why);
				continue;
			}
			a->default_lng = lng;
		}
}

/* a gateway-default note names this many gateways, then says how many more */
#define DEFAULT_LIST	8

/*
 * gateway-default: the gateways whose routing type or SKU no side file
 * gives, as one note per file (a clean export says it once, not per gateway).
 */
static void
gateway_defaults(const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	struct sbuf		 b;
	size_t			 i, n = 0, first = NONE;
	bool			 routing = false, sku = false;

	sbuf_init(&b);
	for (i = 0; i < cfg->nvnets; i++) {
		const struct arm_vnet *a = &ap->vnets[i];

		if (!a->has_gw || (a->routing_known && a->sku_known))
			continue;
		routing |= !a->routing_known;
		sku |= !a->sku_known;
		if (n++ == 0)
			first = i;
		if (n <= DEFAULT_LIST)
			sbuf_printf(&b, "%s'%s' (%s%s%s unknown) becomes %s %s", n > 1 ? "; " : "",
			    cfg->vnets[i].name, !a->routing_known ? "routing type" : "",
			    !a->routing_known && !a->sku_known ? " and " : "",
			    !a->sku_known ? "SKU" : "", a->vpn_type, a->sku);
	}
	if (n > DEFAULT_LIST)
		sbuf_printf(&b, "; and %zu more", n - DEFAULT_LIST);
	if (n > 0)
		diag_add(c->d, R_GATEWAY_DEFAULT, &cfg->vnets[first].gateway.pos, K_GATEWAY,
		    cfg->vnets[first].name, "%zu gateway%s %s not described by -k (%s): %s",
		    n, n == 1 ? "" : "s", n == 1 ? "is" : "are", routing && sku ?
		    "no New-AzureVNetGateway line, no -GatewaySKU" : routing ?
		    "no New-AzureVNetGateway line" : "no -GatewaySKU on New- or Resize-AzureVNetGateway",
		    b.s);
	sbuf_release(&b);
}

/* One subscription holds at most this many VNets in one region, and groups. */
#define SUB_VNETS_PER_REGION	1000
#define SUB_GROUPS		980

/* subscription-limit: more VNets in one region than a subscription holds. */
static void
region_limit(const struct check_ctx *c, const struct armplan *ap)
{
	struct hmap	 idx;
	size_t		*count = xcalloc(c->cfg->nvnets + 1, sizeof(*count)), i, k, n = 0;

	hmap_init(&idx);
	for (i = 0; i < c->cfg->nvnets; i++) {
		const char *loc = ap->vnets[i].location;

		if (loc == NULL || *loc == '\0')
			continue;
		if (hmap_put(&idx, loc, n, &k))
			k = n++;
		if (++count[k] == SUB_VNETS_PER_REGION + 1)
			diag_add(c->d, R_SUBSCRIPTION_LIMIT, &c->cfg->vnets[i].pos, K_VNET,
			    c->cfg->vnets[i].name, "VNet '%s' is VNet number %d in region %s: one "
			    "subscription holds at most %d VNets in a region, so this export cannot "
			    "be deployed into one subscription as it is", c->cfg->vnets[i].name,
			    SUB_VNETS_PER_REGION + 1, loc, SUB_VNETS_PER_REGION);
	}
	hmap_release(&idx);
	free(count);
	if (ap->nrgs > SUB_GROUPS) {
		/* the first VNet in a group past the limit: groups are numbered in VNet order */
		k = 0;
		while (k + 1 < c->cfg->nvnets && ap->vnets[k].rgi < SUB_GROUPS)
			k++;

		diag_add(c->d, R_SUBSCRIPTION_LIMIT, &c->cfg->vnets[k].pos, K_VNET,
		    c->cfg->vnets[k].name, "the export needs %zu resource groups, and one "
		    "subscription holds at most %d: VNet '%s' is in group number %d (fewer groups "
		    "with --resource-group or --resource-group-for)", ap->nrgs, SUB_GROUPS,
		    c->cfg->vnets[k].name, SUB_GROUPS + 1);
	}
}

/* ARM's size limits for one resource: the definition, subnets and DNS servers of a VNet */
#define RESOURCE_BYTES		1000000
#define VNET_SUBNETS		3000
#define VNET_DNS		20

/* About the bytes a list of prefixes takes in a definition. */
static size_t
prefix_bytes(const struct prefix_list *l)
{
	size_t i, n = 32;

	for (i = 0; i < l->n; i++)
		n += (l->v[i].text != NULL ? strlen(l->v[i].text) : 18) + 3;
	return n;
}

/* arm-limit: what no split can help, a resource too large for ARM. */
static void
resource_limits(const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i, j;

	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet	*v = &cfg->vnets[i];
		size_t			 bytes = 400 + prefix_bytes(&v->space);

		for (j = 0; j < v->nsubnets; j++)
			bytes += 60 + strlen(ap->vnets[i].subnets[j]) +
			    (v->subnets[j].prefix.text ? strlen(v->subnets[j].prefix.text) : 0);
		bytes += 20 * v->ndns_refs;
		if (v->nsubnets > VNET_SUBNETS)
			diag_add(c->d, R_ARM_LIMIT, &v->pos, K_VNET, v->name, "VNet '%s' has %zu "
			    "subnets; Azure allows at most %d in a virtual network", v->name,
			    v->nsubnets, VNET_SUBNETS);
		if (v->ndns_refs > VNET_DNS)
			diag_add(c->d, R_ARM_LIMIT, &v->pos, K_VNET, v->name, "VNet '%s' has %zu DNS "
			    "servers; Azure allows at most %d in a virtual network", v->name,
			    v->ndns_refs, VNET_DNS);
		if (bytes > RESOURCE_BYTES)
			diag_add(c->d, R_ARM_LIMIT, &v->pos, K_VNET, v->name, "VNet '%s' would be a "
			    "resource definition of about %zu KB; ARM allows at most 1 MB for one "
			    "resource", v->name, bytes / 1024);
	}
	for (i = 0; i < ap->nlngs; i++) {
		const struct local_site *s = &cfg->sites[ap->lngs[i].site];

		if (ap->site_lng[ap->lngs[i].site] == i && 300 + prefix_bytes(&s->space) > RESOURCE_BYTES)
			diag_add(c->d, R_ARM_LIMIT, &s->pos, K_SITE, s->name, "local network site "
			    "'%s' would be a resource definition of about %zu KB; ARM allows at most "
			    "1 MB for one resource", s->name, (300 + prefix_bytes(&s->space)) / 1024);
	}
}

/* A VNet's names, group and gateway. */
static void
plan_vnet(const struct check_ctx *c, struct armplan *ap, struct names *ns, size_t i)
{
	const struct vnet	*v = &c->cfg->vnets[i];
	const struct gw_info	*g = &c->topo->gw[i];
	struct arm_vnet		*a = &ap->vnets[i];
	char			*rg = NULL, *name = NULL;
	size_t			 for_rg, j;
	const struct subnet	*gs;

	a->location = vnet_location(c, v);
	a->default_lng = NONE;
	if (!portal_name(v->name, &rg, &name)) {
		name = xstrdup(v->name);
		rg = NULL;
	}
	a->name = legal_name(c, name, 2, 64, false, &v->pos, "name", K_VNET, v->name, "VNet");
	for_rg = ap->opts->rg_for != NULL ? ag_map_find(ap->opts->rg_for, v->name) : NONE;
	if (for_rg == NONE && ap->opts->rg_for != NULL)
		for_rg = ag_map_find(ap->opts->rg_for, a->name);
	if (ap->opts->single_rg != NULL)
		a->rg = xstrdup(ap->opts->single_rg);
	else if (for_rg != NONE) {
		a->rg = xstrdup(ap->opts->rg_for->region[for_rg]);
		ap->rg_for_used[for_rg] = true;
	} else if (rg != NULL) {
		a->rg = legal_name(c, rg, 1, 90, true, &v->pos, "name", K_VNET, v->name,
		    "resource group");
		claim_rg(c, ns, a->rg, rg, v);
	} else {
		char *want = xasprintf("%s-Migrated", a->name);

		a->rg = fitted(want, 90, true);
		free(want);
	}
	free(rg);
	free(name);
	a->rgi = use_rg(ap, a->rg, a->location);
	claim(c, ns, T_VNET, a->rg, a->name, &v->pos, "name",
	    K_VNET, v->name);
	a->subnets = xcalloc(v->nsubnets + 1, sizeof(*a->subnets));
	a->nsubnets = v->nsubnets;
	gs = vnet_gateway_subnet(v);
	for (j = 0; j < v->nsubnets; j++) {
		const struct subnet	*sn = &v->subnets[j];
		char			*key;

		/* the gateway's subnet in any letter case is the one ARM knows by this name */
		a->subnets[j] = sn == gs ? xstrdup("GatewaySubnet") :
		    legal_name(c, sn->name, 1, 80, false, &sn->pos, "name", K_SUBNET, sn->name,
		    "subnet");
		key = xjoin3(a->name, '/', a->subnets[j], NULL);
		claim(c, ns, T_SUBNET, a->rg, key, &sn->pos, "name", K_SUBNET, sn->name);
		free(key);
	}
	a->has_gw = g->made;
	if (a->has_gw) {
		a->gw = derived(a->name, "GW", NULL, 80);
		a->pip = derived(a->name, "GWIP", NULL, 80);
		a->sku = arm_gateway_sku(g->sku, g->routing, c->skus);
		a->vpn_type = arm_vpn_type(g->routing);
		a->sku_known = g->sku != CSKU_UNKNOWN;
		a->routing_known = g->routing != ROUTING_UNKNOWN;
		claim(c, ns, T_GW, a->rg, a->gw,
		    &v->gateway.pos, NULL, K_GATEWAY, v->name);
		claim(c, ns, T_PIP, a->rg, a->pip,
		    &v->gateway.pos, NULL, K_GATEWAY, v->name);

	}
}

/* The local network gateway of site s in a region, or NONE. */
static size_t
lng_for(const struct armplan *ap, size_t s, const char *location)
{
	size_t k;

	for (k = ap->site_lng[s]; k != NONE; k = ap->lngs[k].next)
		if (strcmp(ap->lngs[k].location, location) == 0)
			return k;
	return NONE;
}

/*
 * The derived name "<a>to<b>" of a connection from VNet a, unique in its
 * group: where it is taken already (a site named like a VNet), a hash of
 * what it joins makes it unique.
 */
static char *
conn_name(const struct names *ns, const char *rg, const char *a, const char *b,
    const char *type)
{
	char *n = derived(a, "to", b, 80);

	if (taken(ns, T_CONN, rg, n)) {
		char *whole = xasprintf("%s\n%s\n%s", type, a, b);

		n = arm_fit(n, 80, whole, true);
		free(whole);
	}
	return n;
}

/*
 * --vnet-to-vnet peering: the peering of one direction of a pair,
 * "<VNet>to<PeerVNet>" among the VNet's peerings (a hash where two peers
 * have one ARM name, in two groups).
 */
static void
plan_peering(const struct check_ctx *c, struct armplan *ap, struct names *ns, size_t i)
{
	const struct tunnel	*t = &c->topo->t[i];
	const struct arm_vnet	*a = &ap->vnets[t->vnet], *b = &ap->vnets[t->peer];
	struct arm_peering	*pr = VEC_PUSH(ap->peerings, ap->npeerings, ap->cappeerings);
	char			*key;

	memset(pr, 0, sizeof(*pr));
	pr->tunnel = i;
	pr->vnet = t->vnet;
	pr->peer = t->peer;
	pr->reverse = NONE;
	pr->rgi = a->rgi;
	pr->other_rgi = b->rgi;
	pr->name = derived(a->name, "to", b->name, 80);
	key = xjoin3(a->name, '/', pr->name, NULL);
	if (taken(ns, T_PEERING, a->rg, key)) {
		char *whole = xasprintf("peering\n%s/%s\n%s/%s", a->rg, a->name, b->rg, b->name);

		pr->name = arm_fit(pr->name, 80, whole, true);
		free(whole);
		free(key);
		key = xjoin3(a->name, '/', pr->name, NULL);
	}
	claim(c, ns, T_PEERING, a->rg, key, &t->ref->pos, NULL, K_VNET, c->cfg->vnets[t->vnet].name);
	free(key);
	ap->tunnel_peering[i] = ap->npeerings - 1;
}

/*
 * A tunnel's connection: on-premises sites get a local network gateway in
 * the group of the first VNet that connects to them; VNet-to-VNet gets none.
 */
static void
plan_tunnel(const struct check_ctx *c, struct armplan *ap, struct names *ns, size_t i)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	const struct tunnel	*t = &tp->t[i];
	const struct vnet	*v = &cfg->vnets[t->vnet];
	struct arm_vnet		*a = &ap->vnets[t->vnet];
	struct arm_conn		*cn;

	if (t->by_peering) {
		/* a pair is peered; a one-sided one is not (vnet2vnet-one-sided) */
		if (t->site != NULL && t->reverse != NONE)
			plan_peering(c, ap, ns, i);
		return;
	}
	if (t->site == NULL || !a->has_gw)
		return;
	if (t->peer != NONE && !ap->vnets[t->peer].has_gw)
		return;	/* one-sided toward a VNet without a gateway: not migrated */
	cn = VEC_PUSH(ap->conns, ap->nconns, ap->capconns);
	memset(cn, 0, sizeof(*cn));
	cn->tunnel = i;
	cn->vnet = t->vnet;
	cn->peer = t->peer;
	cn->lng = NONE;
	if (t->peer != NONE) {
		const struct arm_vnet *b = &ap->vnets[t->peer];

		cn->name = conn_name(ns, a->rg, a->name, b->name, "Vnet2Vnet");
		cn->one_sided = t->reverse == NONE;
		if (t->reverse != NONE && t->reverse < i &&
		    ap->tunnel_conn[t->reverse] != NONE) {
			/* the pair's parameter was made with the reverse direction */
			cn->param = ap->conns[ap->tunnel_conn[t->reverse]].param;
		} else {
			char *desc = t->reverse != NONE ? xasprintf("shared key of the VNet-to-VNet "
			    "connection between %s and %s (both directions)", a->name, b->name) :
			    xasprintf("shared key of the VNet-to-VNet connection from %s to %s "
			    "(one-sided: %s has no connection back; give %sto%s the same key to "
			    "complete the pair)", a->name, b->name, b->name, b->name, a->name);

			cn->param = add_param(ap, cn->name, t->key,
			    t->reverse != NONE ? tp->t[t->reverse].key : NULL, desc);
			free(desc);
		}
	} else {
		size_t	 s = (size_t)(t->site - cfg->sites), cn_lng;
		char	*desc;

		cn_lng = lng_for(ap, s, a->location);
		if (cn_lng == NONE) {
			/*
			 * A local network gateway lives in its gateways' region: a site
			 * that VNets of several regions reach gets one in each, the
			 * first named after the site, the others "<site>-<region>".
			 */
			struct arm_lng	*l = VEC_PUSH(ap->lngs, ap->nlngs, ap->caplngs);
			bool		 first = ap->site_lng[s] == NONE;

			l->site = s;
			l->rgi = a->rgi;
			l->rg = xstrdup(a->rg);
			l->location = a->location;
			l->next = NONE;
			if (first)
				l->name = legal_name(c, t->site->name, 1, 80, false, &t->site->pos, "name",
				    K_SITE, t->site->name, "local network site");
			else
				l->name = derived(ap->lngs[ap->site_lng[s]].name, "-", a->location, 80);
			claim(c, ns, T_LNG, l->rg, l->name,
			    &t->site->pos, "name", K_SITE, t->site->name);
			if (first)
				ap->site_lng[s] = ap->nlngs - 1;
			else {
				size_t k = ap->site_lng[s];

				while (ap->lngs[k].next != NONE)
					k = ap->lngs[k].next;
				ap->lngs[k].next = ap->nlngs - 1;
			}
			cn_lng = ap->nlngs - 1;
		}
		cn->lng = cn_lng;
		cn->name = conn_name(ns, a->rg, a->name, ap->lngs[cn->lng].name, "IPsec");
		desc = xasprintf("shared key of the site-to-site connection %s", cn->name);
		cn->param = add_param(ap, cn->name, t->key, NULL, desc);
		free(desc);
	}
	claim(c, ns, T_CONN, a->rg, cn->name, &t->ref->pos, NULL,
	    K_VNET, v->name);
	cn->rgi = a->rgi;
	cn->other_rgi = cn->peer != NONE ? ap->vnets[cn->peer].rgi : ap->lngs[cn->lng].rgi;
	ap->tunnel_conn[i] = ap->nconns - 1;
	if (ap->params[cn->param].nconn < 2)
		ap->params[cn->param].conn[ap->params[cn->param].nconn++] = ap->nconns - 1;
}

struct armplan *
armplan_build(const struct check_ctx *c, const struct arm_opts *opts)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	struct armplan		*ap = xcalloc(1, sizeof(*ap));
	struct names		 ns;
	size_t			 i;

	memset(&ns, 0, sizeof(ns));
	hmap_init(&ns.m);
	hmap_init(&ns.rg_m);
	hmap_init(&ap->rg_idx);
	hmap_init(&ap->param_idx);
	ap->opts = opts;
	ap->single_rg = opts->single_rg;
	ap->rg_for_used = xcalloc(opts->rg_for != NULL ? opts->rg_for->n + 1 : 1,
	    sizeof(*ap->rg_for_used));
	ap->tunnel_conn = xcalloc(tp->nt + 1, sizeof(*ap->tunnel_conn));
	ap->tunnel_peering = xcalloc(tp->nt + 1, sizeof(*ap->tunnel_peering));
	for (i = 0; i < tp->nt; i++)
		ap->tunnel_conn[i] = ap->tunnel_peering[i] = NONE;
	ap->vnets = xcalloc(cfg->nvnets, sizeof(*ap->vnets));
	ap->nvnets_alloc = cfg->nvnets;
	ap->site_lng = xcalloc(cfg->nsites, sizeof(*ap->site_lng));
	for (i = 0; i < cfg->nsites; i++)
		ap->site_lng[i] = NONE;

	for (i = 0; i < cfg->nvnets; i++)
		plan_vnet(c, ap, &ns, i);
	for (i = 0; i < tp->nt; i++)
		plan_tunnel(c, ap, &ns, i);
	for (i = 0; i < ap->npeerings; i++)
		ap->peerings[i].reverse = ap->tunnel_peering[tp->t[ap->peerings[i].tunnel].reverse];
	names_release(&ns);
	for (i = 0; opts->rg_for != NULL && i < opts->rg_for->n; i++)
		if (!ap->rg_for_used[i])
			/* alone, a misspelt name would leave the VNet in its default group */
			diag_addl(c->d, R_REF_UNDEFINED, opts->batch ? LEVEL_WARNING : LEVEL_ERROR,
			    &cfg->pos, NULL, NULL, "--resource-group-for names VNet '%s', which this "
			    "file does not define", opts->rg_for->name[i]);
	region_limit(c, ap);
	resource_limits(c, ap);
	default_sites(c, ap);
	gateway_defaults(c, ap);
	plan_transit(c, ap);
	index_plan(ap, cfg->nvnets);
	return ap;
}

/* Group items 0..n-1 by key(i) in 0..ng-1, keeping their order (a counting sort). */
static void
group(struct groups *g, size_t n, size_t ng, size_t (*key)(const struct armplan *, size_t),
    const struct armplan *ap)
{
	size_t i, *fill;

	g->first = xcalloc(ng + 1, sizeof(*g->first));
	g->item = xcalloc(n, sizeof(*g->item));
	for (i = 0; i < n; i++)
		g->first[key(ap, i) + 1]++;
	for (i = 0; i < ng; i++)
		g->first[i + 1] += g->first[i];
	fill = xcalloc(ng + 1, sizeof(*fill));
	for (i = 0; i < n; i++) {
		size_t k = key(ap, i);

		g->item[g->first[k] + fill[k]++] = i;
	}
	free(fill);
}

static size_t vnet_rg(const struct armplan *ap, size_t i) { return ap->vnets[i].rgi; }
static size_t lng_rg(const struct armplan *ap, size_t i) { return ap->lngs[i].rgi; }
static size_t conn_rg(const struct armplan *ap, size_t i) { return ap->conns[i].rgi; }
static size_t peering_rg(const struct armplan *ap, size_t i) { return ap->peerings[i].rgi; }

/* Connections by LNG; VNet-to-VNet ones go to an extra last group. */
static size_t
conn_lng(const struct armplan *ap, size_t i)
{
	return ap->conns[i].lng != NONE ? ap->conns[i].lng : ap->nlngs;
}

static void
index_plan(struct armplan *ap, size_t nvnets)
{
	group(&ap->rg_vnets, nvnets, ap->nrgs, vnet_rg, ap);
	group(&ap->rg_lngs, ap->nlngs, ap->nrgs, lng_rg, ap);
	group(&ap->rg_conns, ap->nconns, ap->nrgs, conn_rg, ap);
	group(&ap->lng_conns, ap->nconns, ap->nlngs + 1, conn_lng, ap);
	group(&ap->rg_peerings, ap->npeerings, ap->nrgs, peering_rg, ap);
}

static void
groups_release(struct groups *g)
{
	free(g->first);
	free(g->item);
}

void
armplan_free(struct armplan *ap)
{
	size_t i, j;

	if (ap == NULL)
		return;
	/* vnets has one entry per netcfg VNet; unused ones are zeroed */
	for (i = 0; ap->vnets != NULL && i < ap->nvnets_alloc; i++) {
		free(ap->vnets[i].rg);
		free(ap->vnets[i].name);
		free(ap->vnets[i].gw);
		free(ap->vnets[i].pip);
		for (j = 0; ap->vnets[i].subnets != NULL && j < ap->vnets[i].nsubnets; j++)
			free(ap->vnets[i].subnets[j]);
		free(ap->vnets[i].subnets);
	}
	free(ap->rg_for_used);
	free(ap->vnets);
	for (i = 0; i < ap->nlngs; i++) {
		free(ap->lngs[i].rg);
		free(ap->lngs[i].name);
	}
	free(ap->lngs);
	free(ap->site_lng);
	for (i = 0; i < ap->nconns; i++)
		free(ap->conns[i].name);
	free(ap->conns);
	for (i = 0; i < ap->nparams; i++) {
		free(ap->params[i].name);
		free(ap->params[i].description);
	}
	free(ap->params);
	for (i = 0; i < ap->npeerings; i++)
		free(ap->peerings[i].name);
	free(ap->peerings);
	free(ap->unreached);
	for (i = 0; i < ap->nrgs; i++)
		free(ap->rgs[i].name);
	free(ap->rgs);
	hmap_release(&ap->rg_idx);
	hmap_release(&ap->param_idx);
	free(ap->tunnel_conn);
	free(ap->tunnel_peering);
	groups_release(&ap->rg_peerings);
	groups_release(&ap->rg_vnets);
	groups_release(&ap->rg_lngs);
	groups_release(&ap->rg_conns);
	groups_release(&ap->lng_conns);
	free(ap);
}
