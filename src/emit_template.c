/* emit_template.c - the ARM deployment template for the planned resources. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arm.h"
#include "emit.h"
#include "hash.h"
#include "xalloc.h"

#define SCHEMA_RG "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
#define SCHEMA_SUB "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"

#define S(x)	xjson_string(x)

/* "[resourceId(['rg', ]'type', 'n1'[, 'n2'])]"; ARM names here never hold a quote. */
static json_t *
rid(const char *rg, const char *type, const char *n1, const char *n2)
{
	struct sbuf	 b;
	json_t		*j;

	sbuf_init(&b);
	sbuf_adds(&b, "[resourceId(");
	if (rg != NULL)
		sbuf_cat(&b, "'", rg, "', ", NULL);
	sbuf_cat(&b, "'", type, "', '", n1, "'", NULL);
	if (n2 != NULL)
		sbuf_cat(&b, ", '", n2, "'", NULL);
	sbuf_adds(&b, ")]");
	j = S(b.s);
	sbuf_release(&b);
	return j;
}

/* {"id": rid} */
static json_t *
idref(const char *rg, const char *type, const char *n1, const char *n2)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", rid(rg, type, n1, n2));
	return o;
}

/* "[parameters('name')]" */
static json_t *
param_ref(const char *name)
{
	char	*s = xasprintf("[parameters('%s')]", name);
	json_t	*j = S(s);

	free(s);
	return j;
}

/* A resource's object with its first members. */
static json_t *
resource(const char *type, const char *api, const char *name, const char *location)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", S(type));
	json_object_set_new(r, "apiVersion", S(api));
	json_object_set_new(r, "name", S(name));
	if (location != NULL)
		json_object_set_new(r, "location", S(location));
	return r;
}

/* {"addressPrefixes": [...]} */
static json_t *
prefixes(const struct prefix_list *l)
{
	json_t	*o = json_object(), *a = json_array();
	char	 buf[NET_STR_MAX];
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID)
			json_array_append_new(a, S(net_format(l->v[i].net, buf)));
	json_object_set_new(o, "addressPrefixes", a);
	return o;
}

static json_t *
vnet_resource(const struct vnet *v, const struct arm_vnet *a)
{
	json_t	*r = resource(T_VNET, ARM_NETWORK_API, a->name, a->location);
	json_t	*props = json_object(), *subnets = json_array();
	char	 buf[NET_STR_MAX];
	size_t	 i;

	json_object_set_new(props, "addressSpace", prefixes(&v->space));
	if (v->ndns_refs > 0) {
		json_t *dns = json_array();

		for (i = 0; i < v->ndns_refs; i++)
			if (v->dns_refs[i].server != NULL && v->dns_refs[i].server->ip_valid &&
			    v->dns_refs[i].dup == NULL)
				json_array_append_new(dns, S(v->dns_refs[i].server->ip_text));
		json_object_set_new(props, "dhcpOptions", json_pack("{s:o}", "dnsServers", dns));
	}
	for (i = 0; i < v->nsubnets; i++) {
		const struct subnet *sn = &v->subnets[i];

		if (!sn->has_prefix || sn->prefix.state == PREFIX_INVALID)
			continue;
		json_array_append_new(subnets, json_pack("{s:o, s:{s:o}}", "name",
		    S(a->subnets[i]),
		    "properties", "addressPrefix", S(net_format(sn->prefix.net, buf))));
	}
	json_object_set_new(props, "subnets", subnets);
	json_object_set_new(r, "properties", props);
	return r;
}

static json_t *
pip_resource(const struct arm_vnet *a)
{
	json_t *r = resource(T_PIP, ARM_NETWORK_API, a->pip, a->location);

	json_object_set_new(r, "sku", json_pack("{s:s, s:s}", "name", "Standard",
	    "tier", "Regional"));
	json_object_set_new(r, "properties", json_pack("{s:s, s:s}",
	    "publicIPAllocationMethod", "Static", "publicIPAddressVersion", "IPv4"));
	return r;
}

static json_t *
p2s_config(const struct vnet *v, const struct arm_vnet *a, const struct p2s_certs *certs)
{
	json_t	*protocols = json_array(), *roots = json_array(), *conf;
	size_t	 i;

	if (strcmp(a->sku, "Basic") != 0)
		json_array_append_new(protocols, S("IkeV2"));
	json_array_append_new(protocols, S("SSTP"));
	conf = json_pack("{s:o, s:o, s:[s]}", "vpnClientAddressPool", prefixes(&v->gateway.pool),
	    "vpnClientProtocols", protocols, "vpnAuthenticationTypes", "Certificate");
	/* a redeployment keeps these; certificates added by hand it would remove */
	for (i = 0; certs != NULL && i < certs->n; i++)
		json_array_append_new(roots, json_pack("{s:o, s:{s:o}}", "name", S(certs->name[i]),
		    "properties", "publicCertData", S(certs->data[i])));
	if (json_array_size(roots) > 0)
		json_object_set_new(conf, "vpnClientRootCertificates", roots);
	else
		json_decref(roots);
	return conf;
}

/*
 * The gateway; dft is the local network gateway of its forced-tunnelling
 * default site (or NULL), dft_rg its group when that is another, dft_here
 * whether it is in the same template.
 */
static json_t *
gw_resource(const struct vnet *v, const struct arm_vnet *a, const struct p2s_certs *certs,
    const char *dft, const char *dft_rg, bool dft_here)
{
	json_t *r = resource(T_GW, ARM_NETWORK_API, a->gw, a->location);
	json_t *props, *ipconf, *deps;

	deps = json_pack("[o, o]", rid(NULL, T_VNET, a->name, NULL), rid(NULL, T_PIP, a->pip, NULL));
	if (dft != NULL && dft_here)
		json_array_append_new(deps, rid(NULL, T_LNG, dft, NULL));
	json_object_set_new(r, "dependsOn", deps);
	ipconf = json_pack("{s:s, s:{s:s, s:o, s:o}}", "name", "default", "properties",
	    "privateIPAllocationMethod", "Dynamic",
	    "subnet", idref(NULL, T_SUBNET, a->name, "GatewaySubnet"),
	    "publicIPAddress", idref(NULL, T_PIP, a->pip, NULL));
	props = json_pack("{s:s, s:o, s:{s:o, s:o}, s:b, s:b, s:[o]}", "gatewayType", "Vpn",
	    "vpnType", S(a->vpn_type), "sku", "name", S(a->sku), "tier", S(a->sku),
	    "activeActive", 0, "enableBgp", 0, "ipConfigurations", ipconf);
	if (v->gateway.has_pool)
		json_object_set_new(props, "vpnClientConfiguration", p2s_config(v, a, certs));
	if (dft != NULL)
		json_object_set_new(props, "gatewayDefaultSite", idref(dft_rg, T_LNG, dft, NULL));
	json_object_set_new(r, "properties", props);
	return r;
}

static json_t *
lng_resource(const struct local_site *s, const struct arm_lng *l)
{
	json_t *r = resource(T_LNG, ARM_NETWORK_API, l->name, l->location);
	json_t *props = json_object();

	if (s->vpn_addr_valid)
		json_object_set_new(props, "gatewayIpAddress", S(s->vpn_addr_text));
	json_object_set_new(props, "localNetworkAddressSpace", prefixes(&s->space));
	json_object_set_new(r, "properties", props);
	return r;
}

/*
 * A template: its schema, the parameters params[0..n) (securestring, each
 * described), no variables, and an empty list of resources, returned in *res.
 */
static json_t *
envelope(const char *schema, const struct armplan *ap, const size_t *params, size_t n,
    json_t **res)
{
	json_t	*t = json_object(), *decls = json_object();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_object_set_new(decls, ap->params[params[i]].name, json_pack("{s:s, s:{s:o}}",
		    "type", "securestring", "metadata", "description",
		    S(ap->params[params[i]].description)));
	json_object_set_new(t, "$schema", S(schema));
	json_object_set_new(t, "contentVersion", S("1.0.0.0"));
	json_object_set_new(t, "parameters", decls);
	json_object_set_new(t, "variables", json_object());
	*res = json_array();
	json_object_set_new(t, "resources", *res);
	return t;
}

/*
 * A connection.  With inner, both its gateways (or gateway and local
 * network gateway) are in the same template and it depends on them there;
 * else they are in other deployments, ordered from outside.
 */
static json_t *
conn_resource(const struct armplan *ap, const struct arm_conn *cn, bool inner)
{
	const struct arm_vnet	*a = &ap->vnets[cn->vnet];
	const char		*orig = cn->rgi != cn->other_rgi ? ap->rgs[cn->other_rgi].name : NULL;
	const char		*dtype = cn->peer != NONE ? T_GW : T_LNG;
	const char		*dname = cn->peer != NONE ? ap->vnets[cn->peer].gw :
				    ap->lngs[cn->lng].name;
	json_t			*r = resource(T_CONN, ARM_NETWORK_API, cn->name, a->location);

	if (inner)
		json_object_set_new(r, "dependsOn", json_pack("[o, o]", rid(NULL, T_GW, a->gw, NULL),
		    rid(NULL, dtype, dname, NULL)));
	json_object_set_new(r, "properties", json_pack("{s:s, s:o, s:o, s:o}",
	    "connectionType", cn->peer != NONE ? "Vnet2Vnet" : "IPsec",
	    "virtualNetworkGateway1", idref(NULL, T_GW, a->gw, NULL),
	    cn->peer != NONE ? "virtualNetworkGateway2" : "localNetworkGateway2",
	    idref(orig, dtype, dname, NULL),
	    "sharedKey", param_ref(ap->params[cn->param].name)));
	return r;
}

/*
 * A peering "<VNet>/<VNet>to<Peer>"; deps is its dependsOn (what it needs
 * in the same template), or NULL.
 */
static json_t *
peering_resource(const struct armplan *ap, const struct arm_peering *pr, json_t *deps)
{
	const struct arm_vnet	*a = &ap->vnets[pr->vnet], *b = &ap->vnets[pr->peer];
	char			*name = xjoin3(a->name, '/', pr->name, NULL);
	json_t			*r = resource(T_PEERING, ARM_NETWORK_API, name, NULL);

	free(name);
	if (deps != NULL && json_array_size(deps) > 0)
		json_object_set_new(r, "dependsOn", deps);
	else if (deps != NULL)
		json_decref(deps);
	/* a classic tunnel carried any traffic for the site's ranges: so does the peering */
	json_object_set_new(r, "properties", json_pack("{s:o, s:b, s:b, s:b, s:b}",
	    "remoteVirtualNetwork", idref(pr->rgi != pr->other_rgi ? b->rg : NULL, T_VNET, b->name,
	    NULL), "allowVirtualNetworkAccess", 1, "allowForwardedTraffic", 1,
	    "allowGatewayTransit", pr->allow_transit, "useRemoteGateways", pr->use_remote));
	return r;
}

/*
 * How an export is cut into templates that ARM accepts (SPEC §6).  ARM's
 * limits (arm-deploy-rules.md) are 256 parameters, 800 resources and 64
 * outputs in a template, nested ones each with their own; 4 MB for a
 * template with its nested ones, 1 MB for one resource (so for one nested
 * deployment); 10 deployment locations in a subscription deployment; and
 * the deployment job, with its metadata, 1 MB compressed.  The budgets stay
 * well inside them.  What-if expands at most 500 nested templates.
 */
#define PIECE_RESOURCES		800	/* in one nested template */
#define PIECE_BYTES		(512 * 1024)
#define FILE_PARAMS		256
#define FILE_RESOURCES		800	/* a template's own (resource groups, deployments) */
#define FILE_PIECES		200	/* nested deployments in one template */
#define FILE_BYTES		(2 * 1024 * 1024)
#define FILE_LOCATIONS		10
/* what a nested deployment adds around its template, and a file around its pieces */
#define PIECE_OVERHEAD		1024
#define FILE_OVERHEAD		4096

/*
 * A piece: the resources of one nested deployment (subscription scope) or
 * of one template (resource-group scope).  Base pieces hold VNets with
 * their gateways, local network gateways, and the connections and
 * peerings of their group whose both ends they hold; link pieces hold
 * connections and peerings whose ends are in other pieces; transit pieces,
 * after all of those, the peerings that use a remote gateway (they need the
 * peering back, which may be in a later group's link piece).
 */
enum piece_kind { P_BASE, P_LINKS, P_TRANSIT };

struct piece {
	size_t	 rgi;
	enum piece_kind kind;
	json_t	*res;		/* the resources */
	size_t	 nres, bytes;
	size_t	*params;	/* the key parameters its connections use */
	size_t	 np, capp;
	size_t	*needs;		/* pieces it must be deployed after */
	size_t	 nneeds, capneeds;
	size_t	 gateways;	/* its gateways' first entry in gw_of */
	size_t	 ngw;
	char	*name;		/* the nested deployment's */
	size_t	 file;
};

struct layout {
	const struct check_ctx	*c;
	const struct armplan	*ap;
	bool			 sub;		/* subscription scope */
	struct piece		*p;
	size_t			 np, capp;
	size_t			*vnet_piece;	/* per VNet: the piece with its gateway */
	size_t			*lng_piece;
	size_t			*peering_piece;
	size_t			*last_peering;	/* per VNet: its peering placed last, or NONE */
	size_t			*last_link;	/* per group: its link or transit piece made last */
	size_t			*gw_of;		/* VNets of the pieces' gateways, in piece order */
	size_t			 ngw_of;
	bool			*param_seen;	/* scratch, all false between uses */
};

static size_t
compact_size(const json_t *j)
{
	char	*s = json_dumps(j, JSON_COMPACT);
	size_t	 n = s != NULL ? strlen(s) : 0;

	free(s);
	return n;
}

static void	piece_need(struct piece *, size_t, size_t);

static struct piece *
new_piece(struct layout *L, size_t rgi, enum piece_kind kind)
{
	struct piece *p = VEC_PUSH(L->p, L->np, L->capp);

	memset(p, 0, sizeof(*p));
	p->rgi = rgi;
	p->kind = kind;
	p->res = json_array();
	p->gateways = L->ngw_of;
	if (kind != P_BASE) {
		/*
		 * A group's link and transit pieces one after the other: ARM
		 * refuses two peerings of one VNet at once (AnotherOperationInProgress).
		 */
		piece_need(p, L->last_link[rgi], L->np - 1);
		L->last_link[rgi] = L->np - 1;
	}
	return p;
}

static void
piece_add(struct piece *p, json_t *r, size_t bytes)
{
	json_array_append_new(p->res, r);
	p->nres++;
	p->bytes += bytes + 1;
}

static void
piece_need(struct piece *p, size_t other, size_t self)
{
	size_t i;

	if (other == NONE || other == self)
		return;
	for (i = 0; i < p->nneeds; i++)
		if (p->needs[i] == other)
			return;
	*VEC_PUSH(p->needs, p->nneeds, p->capneeds) = other;
}

/* The parameter of connection k, added to the piece unless it is there. */
static void
piece_param(struct layout *L, struct piece *p, size_t k)
{
	size_t	 prm = L->ap->conns[k].param, i;

	for (i = 0; i < p->np; i++)
		if (p->params[i] == prm)
			return;
	*VEC_PUSH(p->params, p->np, p->capp) = prm;
}

/* The resources of VNet i (with its public IP and gateway) and their size. */
static json_t *
vnet_bundle(struct layout *L, size_t i, size_t *bytes, size_t *n, size_t self)
{
	const struct check_ctx	*c = L->c;
	const struct armplan	*ap = L->ap;
	const struct arm_vnet	*a = &ap->vnets[i];
	json_t			*b = json_array(), *x;
	size_t			 k;

	json_array_append_new(b, vnet_resource(&c->cfg->vnets[i], a));
	if (a->has_gw) {
		const char	*dft = NULL, *dft_rg = NULL;
		bool		 here = false;

		if (a->default_lng != NONE) {
			const struct arm_lng *l = &ap->lngs[a->default_lng];

			dft = l->name;
			dft_rg = l->rgi != a->rgi ? l->rg : NULL;
			here = L->lng_piece[a->default_lng] == self;
		}
		json_array_append_new(b, pip_resource(a));
		json_array_append_new(b, gw_resource(&c->cfg->vnets[i], a,
		    ap->opts != NULL ? ap->opts->certs : NULL, dft, dft_rg, here));
	}
	*bytes = 0;
	json_array_foreach(b, k, x)
		*bytes += compact_size(x) + 1;
	*n = json_array_size(b);
	return b;
}

/* Would adding (n resources, bytes) overflow piece p? */
static bool
piece_full(const struct layout *L, const struct piece *p, size_t n, size_t bytes, size_t nparams)
{
	if (p->nres == 0)
		return false;
	if (!L->sub)
		/* a template of its own: its resources and parameters are the file's */
		return p->nres + n > FILE_RESOURCES || p->bytes + bytes > FILE_BYTES ||
		    p->np + nparams > FILE_PARAMS;
	return p->nres + n > PIECE_RESOURCES || p->bytes + bytes > PIECE_BYTES ||
	    p->np + nparams > FILE_PARAMS;
}

/* The first piece for group g: a base piece, or a continuation. */
static struct piece *
next_piece(struct layout *L, struct piece *p, size_t g, enum piece_kind kind, size_t n,
    size_t bytes, size_t nparams)
{
	if (p == NULL || piece_full(L, p, n, bytes, nparams))
		p = new_piece(L, g, kind);
	return p;
}

/*
 * What peering k needs: its VNet and the peer's, with their gateways (a
 * gateway being built holds its VNet, and useRemoteGateways needs the
 * peer's); the VNet's peering before it (ARM takes one peering of a VNet at
 * a time); for useRemoteGateways, the peering back that allows gateway
 * transit.  In piece self, what is there is a dependsOn of the resource,
 * the rest a need of the piece.
 */
static json_t *
peering_needs(struct layout *L, size_t k, size_t self)
{
	const struct armplan	*ap = L->ap;
	const struct arm_peering *pr = &ap->peerings[k];
	json_t			*deps = json_array();
	size_t			 i;
	struct piece		*p = self != NONE ? &L->p[self] : NULL;
	const size_t		 v[2] = { pr->vnet, pr->peer };

	for (i = 0; i < 2; i++) {
		if (L->vnet_piece[v[i]] == self) {
			json_array_append_new(deps, rid(NULL, T_VNET, ap->vnets[v[i]].name, NULL));
			if (ap->vnets[v[i]].has_gw)
				json_array_append_new(deps, rid(NULL, T_GW, ap->vnets[v[i]].gw, NULL));
		} else if (p != NULL)
			piece_need(p, L->vnet_piece[v[i]], self);
	}
	if (L->last_peering[pr->vnet] != NONE && L->peering_piece[L->last_peering[pr->vnet]] == self) {
		const struct arm_peering *prev = &ap->peerings[L->last_peering[pr->vnet]];

		json_array_append_new(deps, rid(NULL, T_PEERING, ap->vnets[prev->vnet].name,
		    prev->name));
	}
	L->last_peering[pr->vnet] = k;
	if (pr->use_remote) {
		const struct arm_peering *back = &ap->peerings[pr->reverse];

		if (L->peering_piece[pr->reverse] == self)
			json_array_append_new(deps, rid(NULL, T_PEERING, ap->vnets[back->vnet].name,
			    back->name));
		else if (p != NULL)
			piece_need(p, L->peering_piece[pr->reverse], self);
	}
	return deps;
}

/* Does the peering stay inside its group (both VNets there)? */
static bool
peering_inside(const struct arm_peering *pr)
{
	return pr->rgi == pr->other_rgi;
}

/* Does the connection stay inside its group (both ends there)? */
static bool
conn_inside(const struct arm_conn *cn)
{
	return cn->rgi == cn->other_rgi;
}

/*
 * The base pieces of group g: its local network gateways, its VNets with
 * their gateways, and (when they all fit in one piece) the connections
 * inside the group.  Returns whether those connections are placed.
 */
static bool
base_pieces(struct layout *L, size_t g)
{
	const struct armplan	*ap = L->ap;
	const struct groups	*gv = &ap->rg_vnets, *gl = &ap->rg_lngs, *gc = &ap->rg_conns;
	const struct groups	*gp = &ap->rg_peerings;
	struct piece		*p = NULL;
	size_t			 first = L->np, k, bytes, n;
	bool			 one;

	for (k = gl->first[g]; k < gl->first[g + 1]; k++) {
		size_t	 l = gl->item[k];
		json_t	*r = lng_resource(&L->c->cfg->sites[ap->lngs[l].site], &ap->lngs[l]);

		bytes = compact_size(r);
		p = next_piece(L, p, g, P_BASE, 1, bytes, 0);
		L->lng_piece[l] = (size_t)(p - L->p);
		piece_add(p, r, bytes);
	}
	for (k = gv->first[g]; k < gv->first[g + 1]; k++) {
		size_t	 i = gv->item[k], x;
		json_t	*b, *r;

		b = vnet_bundle(L, i, &bytes, &n, NONE);
		p = next_piece(L, p, g, P_BASE, n, bytes, 0);
		if (ap->vnets[i].default_lng != NONE &&
		    L->lng_piece[ap->vnets[i].default_lng] == (size_t)(p - L->p)) {
			/* its default site is in the same template: the gateway depends on it there */
			json_decref(b);
			b = vnet_bundle(L, i, &bytes, &n, (size_t)(p - L->p));
		}
		json_array_foreach(b, x, r)
			piece_add(p, json_incref(r), 0);
		p->bytes += bytes;
		json_decref(b);
		L->vnet_piece[i] = (size_t)(p - L->p);
		if (ap->vnets[i].has_gw)
			L->gw_of[L->ngw_of++] = i;
		p->ngw = L->ngw_of - p->gateways;
		if (ap->vnets[i].default_lng != NONE)
			piece_need(p, L->lng_piece[ap->vnets[i].default_lng], (size_t)(p - L->p));
	}
	if (p == NULL)
		return false;
	one = L->np == first + 1;
	/* the group's inside connections join its only piece if they fit there */
	if (one) {
		json_t	*inside = json_array();
		size_t	 nb = 0, np = 0, x;

		for (k = gc->first[g]; k < gc->first[g + 1]; k++) {
			const struct arm_conn *cn = &ap->conns[gc->item[k]];

			if (!conn_inside(cn))
				continue;
			json_array_append_new(inside, conn_resource(ap, cn, true));
			nb += compact_size(json_array_get(inside, json_array_size(inside) - 1)) + 1;
			if (!L->param_seen[cn->param]) {
				L->param_seen[cn->param] = true;
				np++;
			}
		}
		for (k = gc->first[g]; k < gc->first[g + 1]; k++)
			L->param_seen[ap->conns[gc->item[k]].param] = false;
		/* the peerings inside the group, each once it can depend on what it needs here */
		for (k = gp->first[g]; k < gp->first[g + 1]; k++)
			if (peering_inside(&ap->peerings[gp->item[k]]))
				L->peering_piece[gp->item[k]] = (size_t)(p - L->p);
		for (k = gp->first[g]; k < gp->first[g + 1]; k++) {
			size_t pk = gp->item[k];

			if (!peering_inside(&ap->peerings[pk]))
				continue;
			json_array_append_new(inside, peering_resource(ap, &ap->peerings[pk],
			    peering_needs(L, pk, (size_t)(p - L->p))));
			nb += compact_size(json_array_get(inside, json_array_size(inside) - 1)) + 1;
		}
		if (json_array_size(inside) > 0 &&
		    piece_full(L, p, json_array_size(inside), nb + PIECE_OVERHEAD, np)) {
			one = false;
			for (k = gp->first[g]; k < gp->first[g + 1]; k++) {
				L->peering_piece[gp->item[k]] = NONE;
				L->last_peering[ap->peerings[gp->item[k]].vnet] = NONE;
			}
		} else {
			json_t *r;

			json_array_foreach(inside, x, r)
				piece_add(p, json_incref(r), 0);
			p->bytes += nb;
			for (k = gc->first[g]; k < gc->first[g + 1]; k++)
				if (conn_inside(&ap->conns[gc->item[k]]))
					piece_param(L, p, gc->item[k]);
		}
		json_decref(inside);
	}
	return one;
}

/*
 * Group g's peerings that are not in its base piece: with use_remote, those
 * that use a remote gateway (transit pieces), else the others (link pieces),
 * added to the pieces from *pp on.
 */
static void
peering_pieces(struct layout *L, size_t g, bool all, bool use_remote, struct piece **pp)
{
	const struct armplan	*ap = L->ap;
	const struct groups	*gp = &ap->rg_peerings;
	size_t			 k;

	for (k = gp->first[g]; k < gp->first[g + 1]; k++) {
		size_t			 pk = gp->item[k], self;
		const struct arm_peering *pr = &ap->peerings[pk];
		json_t			*r;
		size_t			 bytes;

		if ((peering_inside(pr) && !all) || pr->use_remote != use_remote)
			continue;
		/* measured without dependsOn: a few resource IDs more are within the overhead */
		r = peering_resource(ap, pr, NULL);
		bytes = compact_size(r) + 512;
		json_decref(r);
		*pp = next_piece(L, *pp, g, use_remote ? P_TRANSIT : P_LINKS, 1, bytes, 0);
		self = (size_t)(*pp - L->p);
		L->peering_piece[pk] = self;
		piece_add(*pp, peering_resource(ap, pr, peering_needs(L, pk, self)), bytes);
	}
}

/* Group g's transit pieces: the peerings that use a remote gateway and are not in its base. */
static void
transit_pieces(struct layout *L, size_t g, bool all)
{
	struct piece *p = NULL;

	peering_pieces(L, g, all, true, &p);
}

/* Group g's link pieces: its connections to other groups, and with all its own ones. */
static void
link_pieces(struct layout *L, size_t g, bool all)
{
	const struct armplan	*ap = L->ap;
	const struct groups	*gc = &ap->rg_conns;
	struct piece		*p = NULL;
	size_t			 k;

	for (k = gc->first[g]; k < gc->first[g + 1]; k++) {
		size_t			 i = gc->item[k], self;
		const struct arm_conn	*cn = &ap->conns[i];
		json_t			*r;
		size_t			 bytes;

		if (conn_inside(cn) && !all)
			continue;
		r = conn_resource(ap, cn, false);
		bytes = compact_size(r);
		p = next_piece(L, p, g, P_LINKS, 1, bytes, 1);
		self = (size_t)(p - L->p);
		piece_add(p, r, bytes);
		piece_param(L, p, i);
		piece_need(p, L->vnet_piece[cn->vnet], self);
		piece_need(p, cn->peer != NONE ? L->vnet_piece[cn->peer] : L->lng_piece[cn->lng],
		    self);
	}
	peering_pieces(L, g, all, false, &p);
}

static char *
piece_name(const struct layout *L, const struct piece *p, size_t nth, size_t of)
{
	const char	*rg = L->ap->rgs[p->rgi].name;
	char		*want, num[16] = "";

	if (of > 1)
		snprintf(num, sizeof(num), "-%02zu", nth);
	want = xasprintf("%s-%s%s%s", L->ap->opts->id, rg, p->kind == P_LINKS ? "-links" :
	    p->kind == P_TRANSIT ? "-transit" : "", num);
	/* deployment names: 1-64 characters; a long group name is shortened with a hash */
	return arm_fit(want, 64, want, false);
}

/* Name the pieces: "<input id>-<group>[-links|-transit][-NN]"; a group's pieces of a kind are adjacent. */
static void
name_pieces(struct layout *L)
{
	size_t i = 0, j, k;

	while (i < L->np) {
		for (j = i; j < L->np && L->p[j].rgi == L->p[i].rgi &&
		    L->p[j].kind == L->p[i].kind; j++)
			continue;
		for (k = i; k < j; k++)
			L->p[k].name = piece_name(L, &L->p[k], k - i + 1, j - i);
		i = j;
	}
}

static bool
has_location(const char **locs, size_t n, const char *loc)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(locs[i], loc) == 0)
			return true;
	return false;
}

/*
 * Put the pieces into files in their order, a file while it stays within
 * the budgets (at resource-group scope a piece is a file).
 */
static void
pack(struct layout *L, struct template_set *ts, size_t *rg_file)
{
	const struct armplan	*ap = L->ap;
	size_t			*param_file = xcalloc(ap->nparams + 1, sizeof(*param_file));
	const char		*locs[FILE_LOCATIONS];
	size_t			 nlocs = 0, bytes = 0, nres = 0, npieces = 0, nparams = 0, i, k;

	/* an export with no VNet gets one template with nothing in it */
	ts->n = L->np == 0;
	for (i = 0; i < L->np; i++) {
		struct piece	*p = &L->p[i];
		const char	*loc = ap->rgs[p->rgi].location;
		bool		 decl = L->sub && !ap->opts->existing_rgs && rg_file[p->rgi] == NONE;
		size_t		 newp = 0, add = p->bytes + PIECE_OVERHEAD + (decl ? 256 : 0);

		for (k = 0; k < p->np; k++)
			newp += param_file[p->params[k]] != ts->n;
		if (ts->n == 0 || !L->sub || bytes + add > FILE_BYTES ||
		    nparams + newp > FILE_PARAMS || nres + 1 + decl > FILE_RESOURCES ||
		    npieces + 1 > FILE_PIECES ||
		    (!has_location(locs, nlocs, loc) && nlocs == FILE_LOCATIONS)) {
			ts->n++;
			nlocs = 0;
			bytes = FILE_OVERHEAD;
			nres = npieces = nparams = 0;
			newp = p->np;
		}
		p->file = ts->n - 1;
		for (k = 0; k < p->np; k++)
			if (param_file[p->params[k]] != ts->n) {
				param_file[p->params[k]] = ts->n;
				nparams++;
			}
		if (!has_location(locs, nlocs, loc))
			locs[nlocs++] = loc;
		if (decl)
			rg_file[p->rgi] = p->file;
		bytes += add;
		nres += 1 + decl;
		npieces++;
	}
	free(param_file);
}

/* The gateways' public addresses, one object output: "<group>/<gateway>": address. */
static json_t *
gateway_outputs(const struct layout *L, size_t file)
{
	const struct armplan	*ap = L->ap;
	json_t			*outs = json_object(), *v = json_object();
	size_t			 i, k;

	for (i = 0; i < L->np; i++) {
		const struct piece *p = &L->p[i];

		if (p->file != file)
			continue;
		for (k = p->gateways; k < p->gateways + p->ngw; k++) {
			const struct arm_vnet	*a = &ap->vnets[L->gw_of[k]];
			char			*key = xjoin3(a->rg, '/', a->gw, NULL), *value;

			value = xasprintf("[reference(resourceId(%s%s%s'" T_PIP "', '%s'), '"
			    ARM_NETWORK_API "').ipAddress]", L->sub ? "'" : "",
			    L->sub ? a->rg : "", L->sub ? "', " : "", a->pip);
			json_object_set_new(v, key, S(value));
			free(key);
			free(value);
		}
	}
	if (json_object_size(v) > 0)
		json_object_set_new(outs, "gatewayAddresses", json_pack("{s:s, s:o}", "type",
		    "object", "value", v));
	else
		json_decref(v);
	return outs;
}

/* The nested deployment of piece i. */
static json_t *
deployment(const struct layout *L, size_t i, const size_t *rg_file)
{
	const struct armplan	*ap = L->ap;
	const struct piece	*p = &L->p[i];
	const char		*rg = ap->rgs[p->rgi].name;
	json_t			*d = resource(T_DEPLOY, ARM_RESOURCES_API, p->name, NULL);
	json_t			*deps = json_array(), *values = json_object(), *tmpl, *res;
	size_t			 k;

	json_object_set_new(d, "resourceGroup", S(rg));
	if (rg_file[p->rgi] == p->file)
		json_array_append_new(deps, rid(NULL, T_RG, rg, NULL));
	for (k = 0; k < p->nneeds; k++) {
		const struct piece *q = &L->p[p->needs[k]];

		/* one in an earlier file is deployed by then */
		if (q->file == p->file)
			json_array_append_new(deps, rid(ap->rgs[q->rgi].name, T_DEPLOY, q->name,
			    NULL));
	}
	if (json_array_size(deps) > 0)
		json_object_set_new(d, "dependsOn", deps);
	else
		json_decref(deps);
	for (k = 0; k < p->np; k++)
		json_object_set_new(values, ap->params[p->params[k]].name,
		    json_pack("{s:o}", "value", param_ref(ap->params[p->params[k]].name)));
	tmpl = envelope(SCHEMA_RG, ap, p->params, p->np, &res);
	json_array_extend(res, p->res);
	json_object_set_new(tmpl, "outputs", json_object());
	json_object_set_new(d, "properties", json_pack("{s:s, s:{s:s}, s:o, s:o}",
	    "mode", "Incremental", "expressionEvaluationOptions", "scope", "Inner",
	    "parameters", values, "template", tmpl));
	return d;
}

/* The parameters of file f: those of its pieces, each once, in their order. */
static void
file_params(const struct layout *L, struct deploy_file *f, size_t file)
{
	size_t i, k;

	f->params = xcalloc(L->ap->nparams + 1, sizeof(*f->params));
	f->nparams = 0;
	for (i = 0; i < L->np; i++)
		for (k = 0; L->p[i].file == file && k < L->p[i].np; k++) {
			size_t prm = L->p[i].params[k];

			if (!L->param_seen[prm]) {
				L->param_seen[prm] = true;
				f->params[f->nparams++] = prm;
			}
		}
	for (k = 0; k < f->nparams; k++)
		L->param_seen[f->params[k]] = false;
}

static void
build_file(const struct layout *L, struct deploy_file *f, size_t file, size_t nfiles,
    const size_t *rg_file)
{
	const struct armplan	*ap = L->ap;
	bool			*declared = xcalloc(ap->nrgs + 1, sizeof(*declared));
	json_t			*res;
	size_t			 i;

	file_params(L, f, file);
	f->template = envelope(L->sub ? SCHEMA_SUB : SCHEMA_RG, ap, f->params, f->nparams, &res);
	f->location = NULL;
	for (i = 0; i < L->np; i++) {
		const struct piece *p = &L->p[i];

		if (p->file != file)
			continue;
		if (f->location == NULL)
			f->location = ap->rgs[p->rgi].location;
		f->ngateways += p->ngw;
		if (!L->sub)
			json_array_extend(res, p->res);
		else if (rg_file[p->rgi] == file && !declared[p->rgi]) {
			json_t *g = resource(T_RG, ARM_RESOURCES_API, ap->rgs[p->rgi].name,
			    ap->rgs[p->rgi].location);

			declared[p->rgi] = true;
			json_object_set_new(g, "properties", json_object());
			json_array_append_new(res, g);
		}
	}
	free(declared);
	for (i = 0; L->sub && i < L->np; i++)
		if (L->p[i].file == file)
			json_array_append_new(res, deployment(L, i, rg_file));
	json_object_set_new(f->template, "outputs", gateway_outputs(L, file));
	if (f->location == NULL)
		f->location = ap->nrgs > 0 ? ap->rgs[0].location : "eastus";
	if (nfiles == 1) {
		f->name = xasprintf("netcfgc-%s", ap->opts->id);
		f->file = xstrdup("azuredeploy.json");
		f->pfile = xstrdup("azuredeploy.parameters.json");
	} else {
		f->name = xasprintf("netcfgc-%s-%02zu", ap->opts->id, file + 1);
		f->file = xasprintf("azuredeploy-%02zu.json", file + 1);
		f->pfile = xasprintf("azuredeploy-%02zu.parameters.json", file + 1);
	}
}

void
emit_templates(const struct check_ctx *c, const struct armplan *ap, struct template_set *ts)
{
	struct layout	 L;
	size_t		*rg_file, g, i;
	bool		*whole = xcalloc(ap->nrgs + 1, sizeof(*whole));

	memset(&L, 0, sizeof(L));
	L.c = c;
	L.ap = ap;
	L.sub = ap->single_rg == NULL;
	L.vnet_piece = xcalloc(c->cfg->nvnets + 1, sizeof(*L.vnet_piece));
	for (i = 0; i < c->cfg->nvnets; i++)
		L.vnet_piece[i] = NONE;
	L.lng_piece = xcalloc(ap->nlngs + 1, sizeof(*L.lng_piece));
	L.peering_piece = xcalloc(ap->npeerings + 1, sizeof(*L.peering_piece));
	for (i = 0; i < ap->npeerings; i++)
		L.peering_piece[i] = NONE;
	L.last_peering = xcalloc(c->cfg->nvnets + 1, sizeof(*L.last_peering));
	for (i = 0; i < c->cfg->nvnets; i++)
		L.last_peering[i] = NONE;
	L.last_link = xcalloc(ap->nrgs + 1, sizeof(*L.last_link));
	for (i = 0; i < ap->nrgs; i++)
		L.last_link[i] = NONE;
	L.gw_of = xcalloc(c->cfg->nvnets + 1, sizeof(*L.gw_of));
	L.param_seen = xcalloc(ap->nparams + 1, sizeof(*L.param_seen));
	for (g = 0; g < ap->nrgs; g++)
		whole[g] = base_pieces(&L, g);
	for (g = 0; g < ap->nrgs; g++)
		link_pieces(&L, g, !whole[g]);
	for (g = 0; g < ap->nrgs; g++)
		transit_pieces(&L, g, !whole[g]);
	name_pieces(&L);
	rg_file = xcalloc(ap->nrgs + 1, sizeof(*rg_file));
	for (g = 0; g <= ap->nrgs; g++)
		rg_file[g] = NONE;
	pack(&L, ts, rg_file);
	ts->f = xcalloc(ts->n, sizeof(*ts->f));
	for (i = 0; i < ts->n; i++)
		build_file(&L, &ts->f[i], i, ts->n, rg_file);
	/* the templates that need nothing of each other can be deployed at once */
	for (i = 0; i < ts->n; i++)
		ts->f[i].stage = 1;
	for (i = 0; i < L.np; i++) {
		const struct piece *p = &L.p[i];
		size_t k;

		for (k = 0; k < p->nneeds; k++) {
			size_t q = L.p[p->needs[k]].file;

			if (q < p->file && ts->f[q].stage + 1 > ts->f[p->file].stage)
				ts->f[p->file].stage = ts->f[q].stage + 1;
		}
	}
	/* a group is declared by the first template that uses it: later ones need that one */
	for (i = 0; i < L.np; i++) {
		size_t q = rg_file[L.p[i].rgi];

		if (q != NONE && q < L.p[i].file && ts->f[q].stage + 1 > ts->f[L.p[i].file].stage)
			ts->f[L.p[i].file].stage = ts->f[q].stage + 1;
	}
	for (i = 0; i < L.np; i++) {
		json_decref(L.p[i].res);
		free(L.p[i].params);
		free(L.p[i].needs);
		free(L.p[i].name);
	}
	free(L.p);
	free(L.vnet_piece);
	free(L.lng_piece);
	free(L.peering_piece);
	free(L.last_peering);
	free(L.last_link);
	free(L.gw_of);
	free(L.param_seen);
	free(rg_file);
	free(whole);
}

void
template_set_release(struct template_set *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++) {
		json_decref(ts->f[i].template);
		free(ts->f[i].params);
		free(ts->f[i].name);
		free(ts->f[i].file);
		free(ts->f[i].pfile);
	}
	free(ts->f);
	memset(ts, 0, sizeof(*ts));
}

json_t *
emit_parameters(const struct armplan *ap, const struct deploy_file *df, bool with_values)
{
	json_t	*f = json_object(), *ps = json_object();
	size_t	 i;

	json_object_set_new(f, "$schema", json_string(ap->single_rg != NULL ?
	    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#" :
	    "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentParameters.json#"));
	json_object_set_new(f, "contentVersion", json_string("1.0.0.0"));
	for (i = 0; with_values && i < df->nparams; i++) {
		const struct arm_param	*p = &ap->params[df->params[i]];
		json_t			*v;

		if (p->value == NULL)
			continue;
		v = json_object();
		json_object_set_new(v, "value", json_string(p->value));
		json_object_set_new(ps, p->name, v);
	}
	json_object_set_new(f, "parameters", ps);
	return f;
}
