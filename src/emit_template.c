/* emit_template.c - the ARM deployment template for the planned resources. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arm.h"
#include "emit.h"
#include "hash.h"
#include "jsontext.h"
#include "xalloc.h"

#define T_VNET	"Microsoft.Network/virtualNetworks"
#define T_SUBNET "Microsoft.Network/virtualNetworks/subnets"
#define T_PIP	"Microsoft.Network/publicIPAddresses"
#define T_GW	"Microsoft.Network/virtualNetworkGateways"
#define T_LNG	"Microsoft.Network/localNetworkGateways"
#define T_CONN	"Microsoft.Network/connections"
#define T_RG	"Microsoft.Resources/resourceGroups"
#define T_DEPLOY "Microsoft.Resources/deployments"

#define SCHEMA_RG "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
#define SCHEMA_SUB "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"

/* Writes the template; scratch holds expressions while they are made. */
struct tw {
	struct jwriter	 w;
	struct sbuf	 scratch;
};

/* "[resourceId(['rg', ]'type', 'n1'[, 'n2'])]"; ARM names here never hold a quote. */
static void
rid(struct tw *t, const char *rg, const char *type, const char *n1, const char *n2)
{
	struct sbuf *b = &t->scratch;

	/* pieces, not a format: this runs for every reference of every resource */
	b->len = 0;
	sbuf_adds(b, "[resourceId(");
	if (rg != NULL) {
		sbuf_addc(b, '\'');
		sbuf_adds(b, rg);
		sbuf_adds(b, "', ");
	}
	sbuf_addc(b, '\'');
	sbuf_adds(b, type);
	sbuf_adds(b, "', '");
	sbuf_adds(b, n1);
	sbuf_addc(b, '\'');
	if (n2 != NULL) {
		sbuf_adds(b, ", '");
		sbuf_adds(b, n2);
		sbuf_addc(b, '\'');
	}
	sbuf_adds(b, ")]");
	jw_string(&t->w, b->s);
}

/* {"id": rid} */
static void
idref(struct tw *t, const char *key, const char *rg, const char *type, const char *n1,
    const char *n2)
{
	jw_key(&t->w, key);
	jw_object(&t->w);
	jw_key(&t->w, "id");
	rid(t, rg, type, n1, n2);
	jw_end_object(&t->w);
}

/* Opens a resource's object with its first members. */
static void
resource(struct tw *t, const char *type, const char *api, const char *name, const char *location)
{
	jw_object(&t->w);
	jw_kstring(&t->w, "type", type);
	jw_kstring(&t->w, "apiVersion", api);
	jw_kstring(&t->w, "name", name);
	if (location != NULL)
		jw_kstring(&t->w, "location", location);
}

static void
prefixes(struct tw *t, const struct prefix_list *l)
{
	char	buf[NET_STR_MAX];
	size_t	i;

	jw_key(&t->w, "addressPrefixes");
	jw_array(&t->w);
	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID)
			jw_string(&t->w, net_format(l->v[i].net, buf));
	jw_end_array(&t->w);
}

static void
vnet_resource(struct tw *t, const struct vnet *v, const struct arm_vnet *a)
{
	struct jwriter	*w = &t->w;
	char		 buf[NET_STR_MAX];
	size_t		 i;

	resource(t, T_VNET, ARM_NETWORK_API, a->name, a->location);
	jw_key(w, "properties");
	jw_object(w);
	jw_key(w, "addressSpace");
	jw_object(w);
	prefixes(t, &v->space);
	jw_end_object(w);
	if (v->ndns_refs > 0) {
		jw_key(w, "dhcpOptions");
		jw_object(w);
		jw_key(w, "dnsServers");
		jw_array(w);
		for (i = 0; i < v->ndns_refs; i++)
			if (v->dns_refs[i].server != NULL && v->dns_refs[i].server->ip_valid)
				jw_string(w, v->dns_refs[i].server->ip_text);
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_key(w, "subnets");
	jw_array(w);
	for (i = 0; i < v->nsubnets; i++) {
		if (!v->subnets[i].has_prefix || v->subnets[i].prefix.state == PREFIX_INVALID)
			continue;
		jw_object(w);
		jw_kstring(w, "name", v->subnets[i].name);
		jw_key(w, "properties");
		jw_object(w);
		jw_kstring(w, "addressPrefix", net_format(v->subnets[i].prefix.net, buf));
		jw_end_object(w);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
	jw_end_object(w);
}

static void
pip_resource(struct tw *t, const struct arm_vnet *a)
{
	struct jwriter *w = &t->w;

	resource(t, T_PIP, ARM_NETWORK_API, a->pip, a->location);
	jw_key(w, "sku");
	jw_object(w);
	jw_kstring(w, "name", "Standard");
	jw_kstring(w, "tier", "Regional");
	jw_end_object(w);
	jw_key(w, "properties");
	jw_object(w);
	jw_kstring(w, "publicIPAllocationMethod", "Static");
	jw_kstring(w, "publicIPAddressVersion", "IPv4");
	jw_end_object(w);
	jw_end_object(w);
}

static void
gw_resource(struct tw *t, const struct vnet *v, const struct arm_vnet *a)
{
	struct jwriter *w = &t->w;

	resource(t, T_GW, ARM_NETWORK_API, a->gw, a->location);
	jw_key(w, "dependsOn");
	jw_array(w);
	rid(t, NULL, T_VNET, a->name, NULL);
	rid(t, NULL, T_PIP, a->pip, NULL);
	jw_end_array(w);
	jw_key(w, "properties");
	jw_object(w);
	jw_kstring(w, "gatewayType", "Vpn");
	jw_kstring(w, "vpnType", a->vpn_type);
	jw_key(w, "sku");
	jw_object(w);
	jw_kstring(w, "name", a->sku);
	jw_kstring(w, "tier", a->sku);
	jw_end_object(w);
	jw_key(w, "activeActive");
	jw_bool(w, false);
	jw_key(w, "enableBgp");
	jw_bool(w, false);
	jw_key(w, "ipConfigurations");
	jw_array(w);
	jw_object(w);
	jw_kstring(w, "name", "default");
	jw_key(w, "properties");
	jw_object(w);
	jw_kstring(w, "privateIPAllocationMethod", "Dynamic");
	idref(t, "subnet", NULL, T_SUBNET, a->name, "GatewaySubnet");
	idref(t, "publicIPAddress", NULL, T_PIP, a->pip, NULL);
	jw_end_object(w);
	jw_end_object(w);
	jw_end_array(w);
	if (v->gateway.has_pool) {
		jw_key(w, "vpnClientConfiguration");
		jw_object(w);
		jw_key(w, "vpnClientAddressPool");
		jw_object(w);
		prefixes(t, &v->gateway.pool);
		jw_end_object(w);
		jw_key(w, "vpnClientProtocols");
		jw_array(w);
		if (strcmp(a->sku, "Basic") != 0)
			jw_string(w, "IkeV2");
		jw_string(w, "SSTP");
		jw_end_array(w);
		jw_key(w, "vpnAuthenticationTypes");
		jw_array(w);
		jw_string(w, "Certificate");
		jw_end_array(w);
		jw_end_object(w);
	}
	jw_end_object(w);
	jw_end_object(w);
}

static void
lng_resource(struct tw *t, const struct local_site *s, const struct arm_lng *l)
{
	struct jwriter *w = &t->w;

	resource(t, T_LNG, ARM_NETWORK_API, l->name, l->location);
	jw_key(w, "properties");
	jw_object(w);
	if (s->vpn_addr_valid)
		jw_kstring(w, "gatewayIpAddress", s->vpn_addr_text);
	jw_key(w, "localNetworkAddressSpace");
	jw_object(w);
	prefixes(t, &s->space);
	jw_end_object(w);
	jw_end_object(w);
	jw_end_object(w);
}

/* Is the connection's other end in another resource group? */
static bool
conn_crosses(const struct arm_conn *cn)
{
	return cn->rgi != cn->other_rgi;
}

/*
 * A connection; in a links deployment (other end in another group) both
 * gateways live in other templates, so ordering is the outer dependsOn's.
 */
static void
conn_resource(struct tw *t, const struct armplan *ap, const struct arm_conn *cn, bool links)
{
	struct jwriter		*w = &t->w;
	const struct arm_vnet	*a = &ap->vnets[cn->vnet];
	bool			 cross = conn_crosses(cn);
	const char		*orig = cross ? ap->rgs[cn->other_rgi].name : NULL;
	const char		*dtype = cn->peer != NONE ? T_GW : T_LNG;
	const char		*dname = cn->peer != NONE ? ap->vnets[cn->peer].gw :
				    ap->lngs[cn->lng].name;

	resource(t, T_CONN, ARM_NETWORK_API, cn->name, a->location);
	if (!links || !cross) {
		jw_key(w, "dependsOn");
		jw_array(w);
		if (!links)
			rid(t, NULL, T_GW, a->gw, NULL);
		if (!cross)
			rid(t, NULL, dtype, dname, NULL);
		jw_end_array(w);
	}
	jw_key(w, "properties");
	jw_object(w);
	jw_kstring(w, "connectionType", cn->peer != NONE ? "Vnet2Vnet" : "IPsec");
	idref(t, "virtualNetworkGateway1", NULL, T_GW, a->gw, NULL);
	idref(t, cn->peer != NONE ? "virtualNetworkGateway2" : "localNetworkGateway2", orig,
	    dtype, dname, NULL);
	t->scratch.len = 0;
	sbuf_cat(&t->scratch, "[parameters('", ap->params[cn->param].name, "')]", NULL);
	jw_kstring(w, "sharedKey", t->scratch.s);
	jw_end_object(w);
	jw_end_object(w);
}

/* The parameters of connections conns[0..n), each once, in their first use's order. */
static void
param_decls(struct tw *t, const struct armplan *ap, const size_t *params, size_t n)
{
	struct jwriter	*w = &t->w;
	size_t		 i;

	jw_key(w, "parameters");
	jw_object(w);
	for (i = 0; i < n; i++) {
		jw_key(w, ap->params[params[i]].name);
		jw_object(w);
		jw_kstring(w, "type", "securestring");
		jw_key(w, "metadata");
		jw_object(w);
		jw_kstring(w, "description", ap->params[params[i]].description);
		jw_end_object(w);
		jw_end_object(w);
	}
	jw_end_object(w);
}

/* Opens a template: members up to its parameters, then "variables" and "resources". */
static void
envelope_open(struct tw *t, const char *schema, const struct armplan *ap, const size_t *params,
    size_t n)
{
	struct jwriter *w = &t->w;

	jw_object(w);
	jw_kstring(w, "$schema", schema);
	jw_kstring(w, "contentVersion", "1.0.0.0");
	param_decls(t, ap, params, n);
	jw_key(w, "variables");
	jw_object(w);
	jw_end_object(w);
	jw_key(w, "resources");
	jw_array(w);
}

static void
fill_vnet(struct tw *t, const struct check_ctx *c, const struct armplan *ap, size_t i)
{
	const struct arm_vnet *a = &ap->vnets[i];

	vnet_resource(t, &c->cfg->vnets[i], a);
	if (a->has_gw) {
		pip_resource(t, a);
		gw_resource(t, &c->cfg->vnets[i], a);
	}
}

/*
 * Does group g's template hold connection i?  With links only the
 * connections whose other end is in another group; else all but those.
 */
static bool
in_group(const struct armplan *ap, size_t i, bool links)
{
	return conn_crosses(&ap->conns[i]) == links;
}

/* Append the parameter of connection i to params unless it is there. */
static void
add_used(const struct armplan *ap, size_t i, size_t *params, size_t *n, bool *used)
{
	size_t p = ap->conns[i].param;

	if (!used[p]) {
		used[p] = true;
		params[(*n)++] = p;
	}
}

/* The template's outputs: each gateway's public address. */
static void
gateway_outputs(struct tw *t, const struct check_ctx *c, const struct armplan *ap, bool sub)
{
	struct jwriter	*w = &t->w;
	struct hmap	 seen;
	char		**keys = xcalloc(c->cfg->nvnets + 1, sizeof(char *));
	size_t		 i, nkeys = 0;

	hmap_init(&seen);
	jw_key(w, "outputs");
	jw_object(w);
	for (i = 0; i < c->cfg->nvnets; i++) {
		const struct arm_vnet	*a = &ap->vnets[i];
		struct sbuf		 b;
		const char		*s;
		size_t			 tries = 0, base, found;

		if (!a->has_gw)
			continue;
		sbuf_init(&b);
		sbuf_adds(&b, "gatewayIp");
		for (s = a->name; *s != '\0'; s++)
			if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
				sbuf_addc(&b, *s);
		/* output names compare case-insensitively in ARM: make each unique */
		base = b.len;
		while (hmap_get(&seen, b.s, &found)) {
			b.len = base;
			b.s[base] = '\0';
			if (tries++ == 0)
				sbuf_printf(&b, "%zu", i);
			else
				sbuf_printf(&b, "%zu_%zu", i, tries);
		}
		keys[nkeys] = sbuf_detach(&b);
		hmap_put(&seen, keys[nkeys], nkeys, NULL);
		jw_key(w, keys[nkeys]);
		nkeys++;
		jw_object(w);
		jw_kstring(w, "type", "string");
		t->scratch.len = 0;
		sbuf_adds(&t->scratch, "[reference(resourceId(");
		if (sub)
			sbuf_cat(&t->scratch, "'", a->rg, "', ", NULL);
		sbuf_cat(&t->scratch, "'" T_PIP "', '", a->pip, "'), '" ARM_NETWORK_API "').ipAddress]",
		    NULL);
		jw_kstring(w, "value", t->scratch.s);
		jw_end_object(w);
	}
	jw_end_object(w);
	hmap_release(&seen);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
}

static int
size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static char *
deployment_name(const char *rg, bool links)
{
	char *s = xasprintf("netcfgc-%s%s", rg, links ? "-links" : "");

	if (strlen(s) > 64)
		s[64] = '\0';
	return s;
}

/* The nested deployment of group g, or (links) of its cross-group connections. */
static void
deployment(struct tw *t, const struct check_ctx *c, const struct armplan *ap, size_t g,
    bool links, size_t *params, bool *used)
{
	struct jwriter	*w = &t->w;
	const char	*rg = ap->rgs[g].name;
	char		*name = deployment_name(rg, links);
	size_t		 i, k, n = 0, np = 0;

	resource(t, T_DEPLOY, ARM_RESOURCES_API, name, NULL);
	free(name);
	jw_kstring(w, "resourceGroup", rg);
	jw_key(w, "dependsOn");
	jw_array(w);
	rid(t, NULL, T_RG, rg, NULL);
	if (links) {
		/* after this group's own deployment and that of every group it reaches */
		size_t	 cnt = ap->rg_conns.first[g + 1] - ap->rg_conns.first[g];
		size_t	*others = xcalloc(cnt + 1, sizeof(*others));
		char	*own = deployment_name(rg, false);

		rid(t, rg, T_DEPLOY, own, NULL);
		free(own);
		for (k = ap->rg_conns.first[g]; k < ap->rg_conns.first[g + 1]; k++) {
			const struct arm_conn *cn = &ap->conns[ap->rg_conns.item[k]];

			if (cn->other_rgi != g)
				others[n++] = cn->other_rgi;
		}
		qsort(others, n, sizeof(*others), size_cmp);
		for (i = 0; i < n; i++) {
			char *other;

			if (i > 0 && others[i] == others[i - 1])
				continue;
			other = deployment_name(ap->rgs[others[i]].name, false);
			rid(t, ap->rgs[others[i]].name, T_DEPLOY, other, NULL);
			free(other);
		}
		free(others);
	}
	jw_end_array(w);
	/* the group's parameters, known before its resources are written */
	for (k = ap->rg_conns.first[g]; k < ap->rg_conns.first[g + 1]; k++)
		if (in_group(ap, ap->rg_conns.item[k], links))
			add_used(ap, ap->rg_conns.item[k], params, &np, used);
	for (i = 0; i < np; i++)
		used[params[i]] = false;
	jw_key(w, "properties");
	jw_object(w);
	jw_kstring(w, "mode", "Incremental");
	jw_key(w, "expressionEvaluationOptions");
	jw_object(w);
	jw_kstring(w, "scope", "Inner");
	jw_end_object(w);
	jw_key(w, "parameters");
	jw_object(w);
	for (i = 0; i < np; i++) {
		jw_key(w, ap->params[params[i]].name);
		jw_object(w);
		t->scratch.len = 0;
		sbuf_cat(&t->scratch, "[parameters('", ap->params[params[i]].name, "')]", NULL);
		jw_kstring(w, "value", t->scratch.s);
		jw_end_object(w);
	}
	jw_end_object(w);
	jw_key(w, "template");
	envelope_open(t, SCHEMA_RG, ap, params, np);
	if (!links) {
		for (k = ap->rg_vnets.first[g]; k < ap->rg_vnets.first[g + 1]; k++)
			fill_vnet(t, c, ap, ap->rg_vnets.item[k]);
		for (k = ap->rg_lngs.first[g]; k < ap->rg_lngs.first[g + 1]; k++) {
			const struct arm_lng *l = &ap->lngs[ap->rg_lngs.item[k]];

			lng_resource(t, &c->cfg->sites[l->site], l);
		}
	}
	for (k = ap->rg_conns.first[g]; k < ap->rg_conns.first[g + 1]; k++)
		if (in_group(ap, ap->rg_conns.item[k], links))
			conn_resource(t, ap, &ap->conns[ap->rg_conns.item[k]], links);
	jw_end_array(w);
	jw_key(w, "outputs");
	jw_object(w);
	jw_end_object(w);
	jw_end_object(w);	/* template */
	jw_end_object(w);	/* properties */
	jw_end_object(w);	/* the deployment */
}

void
emit_template(const struct check_ctx *c, const struct armplan *ap, json_sink sink, void *ctx)
{
	struct tw	 t;
	struct sbuf	 b;
	size_t		*params = xcalloc(ap->nparams + 1, sizeof(*params));
	bool		*used = xcalloc(ap->nparams + 1, sizeof(*used));
	size_t		 i, j, np = 0;

	sbuf_init(&b);
	sbuf_init(&t.scratch);
	jw_init(&t.w, &b, 0);
	jw_set_sink(&t.w, sink, ctx);
	if (ap->single_rg != NULL) {
		/* every resource in one template */
		for (i = 0; i < ap->nconns; i++)
			add_used(ap, i, params, &np, used);
		envelope_open(&t, SCHEMA_RG, ap, params, np);
		for (i = 0; i < c->cfg->nvnets; i++)
			fill_vnet(&t, c, ap, i);
		for (i = 0; i < ap->nlngs; i++)
			lng_resource(&t, &c->cfg->sites[ap->lngs[i].site], &ap->lngs[i]);
		for (i = 0; i < ap->nconns; i++)
			conn_resource(&t, ap, &ap->conns[i], false);
		jw_end_array(&t.w);
		gateway_outputs(&t, c, ap, false);
	} else {
		for (i = 0; i < ap->nparams; i++)
			params[i] = i;
		envelope_open(&t, SCHEMA_SUB, ap, params, ap->nparams);
		for (i = 0; i < ap->nrgs; i++) {
			resource(&t, T_RG, ARM_RESOURCES_API, ap->rgs[i].name, ap->rgs[i].location);
			jw_key(&t.w, "properties");
			jw_object(&t.w);
			jw_end_object(&t.w);
			jw_end_object(&t.w);
		}
		for (i = 0; i < ap->nrgs; i++) {
			bool links = false;

			deployment(&t, c, ap, i, false, params, used);
			for (j = ap->rg_conns.first[i]; j < ap->rg_conns.first[i + 1]; j++)
				if (conn_crosses(&ap->conns[ap->rg_conns.item[j]]))
					links = true;
			if (links)
				deployment(&t, c, ap, i, true, params, used);
		}
		jw_end_array(&t.w);
		gateway_outputs(&t, c, ap, true);
	}
	jw_end_object(&t.w);
	jw_flush(&t.w);
	jw_release(&t.w);
	sbuf_release(&t.scratch);
	sbuf_release(&b);
	free(params);
	free(used);
}

json_t *
emit_parameters(const struct armplan *ap, bool with_values)
{
	json_t	*f = json_object(), *ps = json_object();
	size_t	 i;

	json_object_set_new(f, "$schema", json_string(ap->single_rg != NULL ?
	    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#" :
	    "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentParameters.json#"));
	json_object_set_new(f, "contentVersion", json_string("1.0.0.0"));
	for (i = 0; with_values && i < ap->nparams; i++) {
		json_t *v;

		if (ap->params[i].value == NULL)
			continue;
		v = json_object();
		json_object_set_new(v, "value", json_string(ap->params[i].value));
		json_object_set_new(ps, ap->params[i].name, v);
	}
	json_object_set_new(f, "parameters", ps);
	return f;
}
