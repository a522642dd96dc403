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
		/* the gateway's subnet in any letter case is the one ARM knows by this name */
		json_array_append_new(subnets, json_pack("{s:o, s:{s:o}}", "name",
		    S(sn == vnet_gateway_subnet(v) ? "GatewaySubnet" : sn->name),
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
p2s_config(const struct vnet *v, const struct arm_vnet *a)
{
	json_t *protocols = json_array();

	if (strcmp(a->sku, "Basic") != 0)
		json_array_append_new(protocols, S("IkeV2"));
	json_array_append_new(protocols, S("SSTP"));
	return json_pack("{s:o, s:o, s:[s]}", "vpnClientAddressPool", prefixes(&v->gateway.pool),
	    "vpnClientProtocols", protocols, "vpnAuthenticationTypes", "Certificate");
}

static json_t *
gw_resource(const struct vnet *v, const struct arm_vnet *a)
{
	json_t *r = resource(T_GW, ARM_NETWORK_API, a->gw, a->location);
	json_t *props, *ipconf;

	json_object_set_new(r, "dependsOn", json_pack("[o, o]", rid(NULL, T_VNET, a->name, NULL),
	    rid(NULL, T_PIP, a->pip, NULL)));
	ipconf = json_pack("{s:s, s:{s:s, s:o, s:o}}", "name", "default", "properties",
	    "privateIPAllocationMethod", "Dynamic",
	    "subnet", idref(NULL, T_SUBNET, a->name, "GatewaySubnet"),
	    "publicIPAddress", idref(NULL, T_PIP, a->pip, NULL));
	props = json_pack("{s:s, s:o, s:{s:o, s:o}, s:b, s:b, s:[o]}", "gatewayType", "Vpn",
	    "vpnType", S(a->vpn_type), "sku", "name", S(a->sku), "tier", S(a->sku),
	    "activeActive", 0, "enableBgp", 0, "ipConfigurations", ipconf);
	if (v->gateway.has_pool)
		json_object_set_new(props, "vpnClientConfiguration", p2s_config(v, a));
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
static json_t *
conn_resource(const struct armplan *ap, const struct arm_conn *cn, bool links)
{
	const struct arm_vnet	*a = &ap->vnets[cn->vnet];
	bool			 cross = conn_crosses(cn);
	const char		*orig = cross ? ap->rgs[cn->other_rgi].name : NULL;
	const char		*dtype = cn->peer != NONE ? T_GW : T_LNG;
	const char		*dname = cn->peer != NONE ? ap->vnets[cn->peer].gw :
				    ap->lngs[cn->lng].name;
	json_t			*r = resource(T_CONN, ARM_NETWORK_API, cn->name, a->location);

	if (!links || !cross) {
		json_t *deps = json_array();

		if (!links)
			json_array_append_new(deps, rid(NULL, T_GW, a->gw, NULL));
		if (!cross)
			json_array_append_new(deps, rid(NULL, dtype, dname, NULL));
		json_object_set_new(r, "dependsOn", deps);
	}
	json_object_set_new(r, "properties", json_pack("{s:s, s:o, s:o, s:o}",
	    "connectionType", cn->peer != NONE ? "Vnet2Vnet" : "IPsec",
	    "virtualNetworkGateway1", idref(NULL, T_GW, a->gw, NULL),
	    cn->peer != NONE ? "virtualNetworkGateway2" : "localNetworkGateway2",
	    idref(orig, dtype, dname, NULL),
	    "sharedKey", param_ref(ap->params[cn->param].name)));
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

static void
fill_vnet(json_t *res, const struct check_ctx *c, const struct armplan *ap, size_t i)
{
	const struct arm_vnet *a = &ap->vnets[i];

	json_array_append_new(res, vnet_resource(&c->cfg->vnets[i], a));
	if (a->has_gw) {
		json_array_append_new(res, pip_resource(a));
		json_array_append_new(res, gw_resource(&c->cfg->vnets[i], a));
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
static json_t *
gateway_outputs(const struct check_ctx *c, const struct armplan *ap, bool sub)
{
	json_t		 *outs = json_object();
	struct hmap	  seen;
	char		**keys = xcalloc(c->cfg->nvnets + 1, sizeof(char *));
	size_t		  i, nkeys = 0;

	hmap_init(&seen);
	for (i = 0; i < c->cfg->nvnets; i++) {
		const struct arm_vnet	*a = &ap->vnets[i];
		struct sbuf		 b;
		const char		*s;
		char			*value;
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
		value = xasprintf("[reference(resourceId(%s%s%s'" T_PIP "', '%s'), '" ARM_NETWORK_API
		    "').ipAddress]", sub ? "'" : "", sub ? a->rg : "", sub ? "', " : "", a->pip);
		json_object_set_new(outs, keys[nkeys++], json_pack("{s:s, s:o}", "type", "string",
		    "value", S(value)));
		free(value);
	}
	hmap_release(&seen);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	return outs;
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

/*
 * What a links deployment of group g waits for: the group's own
 * deployment and that of every group its cross-group connections reach.
 */
static void
links_depends(json_t *deps, const struct armplan *ap, size_t g)
{
	const char	*rg = ap->rgs[g].name;
	size_t		 cnt = ap->rg_conns.first[g + 1] - ap->rg_conns.first[g];
	size_t		*others = xcalloc(cnt + 1, sizeof(*others));
	char		*name = deployment_name(rg, false);
	size_t		 i, k, n = 0;

	json_array_append_new(deps, rid(rg, T_DEPLOY, name, NULL));
	free(name);
	for (k = ap->rg_conns.first[g]; k < ap->rg_conns.first[g + 1]; k++) {
		const struct arm_conn *cn = &ap->conns[ap->rg_conns.item[k]];

		if (cn->other_rgi != g)
			others[n++] = cn->other_rgi;
	}
	qsort(others, n, sizeof(*others), size_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && others[i] == others[i - 1])
			continue;
		name = deployment_name(ap->rgs[others[i]].name, false);
		json_array_append_new(deps, rid(ap->rgs[others[i]].name, T_DEPLOY, name, NULL));
		free(name);
	}
	free(others);
}

/* The nested deployment of group g, or (links) of its cross-group connections. */
static json_t *
deployment(const struct check_ctx *c, const struct armplan *ap, size_t g, bool links,
    size_t *params, bool *used)
{
	const char	*rg = ap->rgs[g].name;
	char		*name = deployment_name(rg, links);
	json_t		*d = resource(T_DEPLOY, ARM_RESOURCES_API, name, NULL);
	json_t		*deps = json_array(), *values = json_object(), *tmpl, *res;
	size_t		 i, k, np = 0;

	free(name);
	json_object_set_new(d, "resourceGroup", S(rg));
	json_array_append_new(deps, rid(NULL, T_RG, rg, NULL));
	if (links)
		links_depends(deps, ap, g);
	json_object_set_new(d, "dependsOn", deps);
	/* the group's parameters, in their first use's order */
	for (k = ap->rg_conns.first[g]; k < ap->rg_conns.first[g + 1]; k++)
		if (in_group(ap, ap->rg_conns.item[k], links))
			add_used(ap, ap->rg_conns.item[k], params, &np, used);
	for (i = 0; i < np; i++) {
		used[params[i]] = false;
		json_object_set_new(values, ap->params[params[i]].name,
		    json_pack("{s:o}", "value", param_ref(ap->params[params[i]].name)));
	}
	tmpl = envelope(SCHEMA_RG, ap, params, np, &res);
	if (!links) {
		for (k = ap->rg_vnets.first[g]; k < ap->rg_vnets.first[g + 1]; k++)
			fill_vnet(res, c, ap, ap->rg_vnets.item[k]);
		for (k = ap->rg_lngs.first[g]; k < ap->rg_lngs.first[g + 1]; k++) {
			const struct arm_lng *l = &ap->lngs[ap->rg_lngs.item[k]];

			json_array_append_new(res, lng_resource(&c->cfg->sites[l->site], l));
		}
	}
	for (k = ap->rg_conns.first[g]; k < ap->rg_conns.first[g + 1]; k++)
		if (in_group(ap, ap->rg_conns.item[k], links))
			json_array_append_new(res,
			    conn_resource(ap, &ap->conns[ap->rg_conns.item[k]], links));
	json_object_set_new(tmpl, "outputs", json_object());
	json_object_set_new(d, "properties", json_pack("{s:s, s:{s:s}, s:o, s:o}",
	    "mode", "Incremental", "expressionEvaluationOptions", "scope", "Inner",
	    "parameters", values, "template", tmpl));
	return d;
}

json_t *
emit_template(const struct check_ctx *c, const struct armplan *ap)
{
	size_t	*params = xcalloc(ap->nparams + 1, sizeof(*params));
	bool	*used = xcalloc(ap->nparams + 1, sizeof(*used));
	json_t	*t, *res;
	size_t	 i, j, np = 0;

	if (ap->single_rg != NULL) {
		/* every resource in one template */
		for (i = 0; i < ap->nconns; i++)
			add_used(ap, i, params, &np, used);
		t = envelope(SCHEMA_RG, ap, params, np, &res);
		for (i = 0; i < c->cfg->nvnets; i++)
			fill_vnet(res, c, ap, i);
		for (i = 0; i < ap->nlngs; i++)
			json_array_append_new(res, lng_resource(&c->cfg->sites[ap->lngs[i].site],
			    &ap->lngs[i]));
		for (i = 0; i < ap->nconns; i++)
			json_array_append_new(res, conn_resource(ap, &ap->conns[i], false));
		json_object_set_new(t, "outputs", gateway_outputs(c, ap, false));
	} else {
		for (i = 0; i < ap->nparams; i++)
			params[i] = i;
		t = envelope(SCHEMA_SUB, ap, params, ap->nparams, &res);
		for (i = 0; i < ap->nrgs; i++) {
			json_t *g = resource(T_RG, ARM_RESOURCES_API, ap->rgs[i].name,
			    ap->rgs[i].location);

			json_object_set_new(g, "properties", json_object());
			json_array_append_new(res, g);
		}
		for (i = 0; i < ap->nrgs; i++) {
			bool links = false;

			json_array_append_new(res, deployment(c, ap, i, false, params, used));
			for (j = ap->rg_conns.first[i]; j < ap->rg_conns.first[i + 1]; j++)
				if (conn_crosses(&ap->conns[ap->rg_conns.item[j]]))
					links = true;
			if (links)
				json_array_append_new(res, deployment(c, ap, i, true, params, used));
		}
		json_object_set_new(t, "outputs", gateway_outputs(c, ap, true));
	}
	free(params);
	free(used);
	return t;
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
