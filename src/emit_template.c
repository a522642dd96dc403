/* emit_template.c - the ARM deployment template for the planned resources. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arm.h"
#include "emit.h"
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

/* "[resourceId(['rg', ]'type', 'n1'[, 'n2'])]"; ARM names here never hold a quote. */
static json_t *
rid(const char *rg, const char *type, const char *n1, const char *n2)
{
	char	*s;
	json_t	*j;

	s = xasprintf("[resourceId(%s%s%s'%s', '%s'%s%s%s)]", rg ? "'" : "", rg ? rg : "",
	    rg ? "', " : "", type, n1, n2 ? ", '" : "", n2 ? n2 : "", n2 ? "'" : "");
	j = json_string(s);
	free(s);
	return j;
}

static json_t *
idref(json_t *id)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", id);
	return o;
}

static json_t *
resource(const char *type, const char *api, const char *name, const char *location)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", json_string(type));
	json_object_set_new(r, "apiVersion", json_string(api));
	json_object_set_new(r, "name", json_string(name));
	if (location != NULL)
		json_object_set_new(r, "location", json_string(location));
	return r;
}

static json_t *
prefixes(const struct prefix_list *l)
{
	json_t	*a = json_array();
	char	 buf[NET_STR_MAX];
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID)
			json_array_append_new(a, json_string(net_format(l->v[i].net, buf)));
	return a;
}

static json_t *
vnet_resource(const struct vnet *v, const struct arm_vnet *a)
{
	json_t	*r = resource(T_VNET, ARM_NETWORK_API, a->name, a->location);
	json_t	*p = json_object(), *as = json_object(), *subs = json_array();
	char	 buf[NET_STR_MAX];
	size_t	 i;

	json_object_set_new(as, "addressPrefixes", prefixes(&v->space));
	json_object_set_new(p, "addressSpace", as);
	if (v->ndns_refs > 0) {
		json_t *dh = json_object(), *servers = json_array();

		for (i = 0; i < v->ndns_refs; i++)
			if (v->dns_refs[i].server != NULL && v->dns_refs[i].server->ip_valid)
				json_array_append_new(servers,
				    json_string(v->dns_refs[i].server->ip_text));
		json_object_set_new(dh, "dnsServers", servers);
		json_object_set_new(p, "dhcpOptions", dh);
	}
	for (i = 0; i < v->nsubnets; i++) {
		json_t *s, *sp;

		if (!v->subnets[i].has_prefix || v->subnets[i].prefix.state == PREFIX_INVALID)
			continue;
		s = json_object();
		sp = json_object();

		json_object_set_new(s, "name", json_string(v->subnets[i].name));
		json_object_set_new(sp, "addressPrefix",
		    json_string(net_format(v->subnets[i].prefix.net, buf)));
		json_object_set_new(s, "properties", sp);
		json_array_append_new(subs, s);
	}
	json_object_set_new(p, "subnets", subs);
	json_object_set_new(r, "properties", p);
	return r;
}

static json_t *
pip_resource(const struct arm_vnet *a)
{
	json_t *r = resource(T_PIP, ARM_NETWORK_API, a->pip, a->location);
	json_t *sku = json_object(), *p = json_object();

	json_object_set_new(sku, "name", json_string("Standard"));
	json_object_set_new(sku, "tier", json_string("Regional"));
	json_object_set_new(r, "sku", sku);
	json_object_set_new(p, "publicIPAllocationMethod", json_string("Static"));
	json_object_set_new(p, "publicIPAddressVersion", json_string("IPv4"));
	json_object_set_new(r, "properties", p);
	return r;
}

static json_t *
gw_resource(const struct vnet *v, const struct arm_vnet *a)
{
	json_t *r = resource(T_GW, ARM_NETWORK_API, a->gw, a->location);
	json_t *dep = json_array(), *p = json_object(), *sku = json_object();
	json_t *ipc = json_object(), *ipcp = json_object(), *ipcs = json_array();

	json_array_append_new(dep, rid(NULL, T_VNET, a->name, NULL));
	json_array_append_new(dep, rid(NULL, T_PIP, a->pip, NULL));
	json_object_set_new(r, "dependsOn", dep);
	json_object_set_new(p, "gatewayType", json_string("Vpn"));
	json_object_set_new(p, "vpnType", json_string(a->vpn_type));
	json_object_set_new(sku, "name", json_string(a->sku));
	json_object_set_new(sku, "tier", json_string(a->sku));
	json_object_set_new(p, "sku", sku);
	json_object_set_new(p, "activeActive", json_false());
	json_object_set_new(p, "enableBgp", json_false());
	json_object_set_new(ipc, "name", json_string("default"));
	json_object_set_new(ipcp, "privateIPAllocationMethod", json_string("Dynamic"));
	json_object_set_new(ipcp, "subnet", idref(rid(NULL, T_SUBNET, a->name, "GatewaySubnet")));
	json_object_set_new(ipcp, "publicIPAddress", idref(rid(NULL, T_PIP, a->pip, NULL)));
	json_object_set_new(ipc, "properties", ipcp);
	json_array_append_new(ipcs, ipc);
	json_object_set_new(p, "ipConfigurations", ipcs);
	if (v->gateway.has_pool) {
		json_t *vc = json_object(), *pool = json_object(), *protos = json_array();
		json_t *auth = json_array();

		json_object_set_new(pool, "addressPrefixes", prefixes(&v->gateway.pool));
		json_object_set_new(vc, "vpnClientAddressPool", pool);
		if (strcmp(a->sku, "Basic") != 0)
			json_array_append_new(protos, json_string("IkeV2"));
		json_array_append_new(protos, json_string("SSTP"));
		json_object_set_new(vc, "vpnClientProtocols", protos);
		json_array_append_new(auth, json_string("Certificate"));
		json_object_set_new(vc, "vpnAuthenticationTypes", auth);
		json_object_set_new(p, "vpnClientConfiguration", vc);
	}
	json_object_set_new(r, "properties", p);
	return r;
}

static json_t *
lng_resource(const struct local_site *s, const struct arm_lng *l)
{
	json_t *r = resource(T_LNG, ARM_NETWORK_API, l->name, l->location);
	json_t *p = json_object(), *sp = json_object();

	if (s->vpn_addr_valid)
		json_object_set_new(p, "gatewayIpAddress", json_string(s->vpn_addr_text));
	json_object_set_new(sp, "addressPrefixes", prefixes(&s->space));
	json_object_set_new(p, "localNetworkAddressSpace", sp);
	json_object_set_new(r, "properties", p);
	return r;
}

/* Is the connection's other end in another resource group? */
static bool
conn_crosses(const struct arm_conn *cn)
{
	return cn->rgi != cn->other_rgi;
}

static const char *
conn_other_rg(const struct armplan *ap, const struct arm_conn *cn)
{
	return ap->rgs[cn->other_rgi].name;
}

/*
 * A connection; in a links deployment (other end in another group) both
 * gateways live in other templates, so ordering is the outer dependsOn's.
 */
static json_t *
conn_resource(const struct armplan *ap, const struct arm_conn *cn, bool links)
{
	const struct arm_vnet	*a = &ap->vnets[cn->vnet];
	json_t			*r = resource(T_CONN, ARM_NETWORK_API, cn->name, a->location);
	json_t			*dep = json_array(), *p = json_object();
	bool			 cross = conn_crosses(cn);
	const char		*orig = cross ? conn_other_rg(ap, cn) : NULL;
	char			*key;

	if (!links)
		json_array_append_new(dep, rid(NULL, T_GW, a->gw, NULL));
	json_object_set_new(p, "connectionType", json_string(cn->peer != NONE ? "Vnet2Vnet" : "IPsec"));
	json_object_set_new(p, "virtualNetworkGateway1", idref(rid(NULL, T_GW, a->gw, NULL)));
	if (cn->peer != NONE) {
		const struct arm_vnet *b = &ap->vnets[cn->peer];

		json_object_set_new(p, "virtualNetworkGateway2", idref(rid(orig, T_GW, b->gw, NULL)));
		if (!cross)
			json_array_append_new(dep, rid(NULL, T_GW, b->gw, NULL));
	} else {
		const struct arm_lng *l = &ap->lngs[cn->lng];

		json_object_set_new(p, "localNetworkGateway2", idref(rid(orig, T_LNG, l->name, NULL)));
		if (!cross)
			json_array_append_new(dep, rid(NULL, T_LNG, l->name, NULL));
	}
	key = xasprintf("[parameters('%s')]", ap->params[cn->param].name);
	json_object_set_new(p, "sharedKey", json_string(key));
	free(key);
	if (json_array_size(dep) > 0)
		json_object_set_new(r, "dependsOn", dep);
	else
		json_decref(dep);
	json_object_set_new(r, "properties", p);
	return r;
}

static json_t *
param_decl(const struct arm_param *p)
{
	json_t *d = json_object(), *md = json_object();

	json_object_set_new(d, "type", json_string("securestring"));
	json_object_set_new(md, "description", json_string(p->description));
	json_object_set_new(d, "metadata", md);
	return d;
}

static json_t *
envelope(const char *schema)
{
	json_t *t = json_object();

	json_object_set_new(t, "$schema", json_string(schema));
	json_object_set_new(t, "contentVersion", json_string("1.0.0.0"));
	json_object_set_new(t, "parameters", json_object());
	json_object_set_new(t, "variables", json_object());
	json_object_set_new(t, "resources", json_array());
	json_object_set_new(t, "outputs", json_object());
	return t;
}

static void
use_param(json_t *tmpl, const struct arm_param *p)
{
	json_t *params = json_object_get(tmpl, "parameters");

	if (json_object_get(params, p->name) == NULL)
		json_object_set_new(params, p->name, param_decl(p));
}

static void
fill_vnet(const struct check_ctx *c, const struct armplan *ap, json_t *res, size_t i)
{
	const struct arm_vnet *a = &ap->vnets[i];

	json_array_append_new(res, vnet_resource(&c->cfg->vnets[i], a));
	if (a->has_gw) {
		json_array_append_new(res, pip_resource(a));
		json_array_append_new(res, gw_resource(&c->cfg->vnets[i], a));
	}
}

static void
fill_conn(const struct armplan *ap, json_t *tmpl, size_t i, bool links)
{
	const struct arm_conn *cn = &ap->conns[i];

	json_array_append_new(json_object_get(tmpl, "resources"), conn_resource(ap, cn, links));
	use_param(tmpl, &ap->params[cn->param]);
}

/* Every resource in one template (--resource-group). */
static void
fill_all(const struct check_ctx *c, const struct armplan *ap, json_t *tmpl)
{
	json_t	*res = json_object_get(tmpl, "resources");
	size_t	 i;

	for (i = 0; i < c->cfg->nvnets; i++)
		fill_vnet(c, ap, res, i);
	for (i = 0; i < ap->nlngs; i++)
		json_array_append_new(res, lng_resource(&c->cfg->sites[ap->lngs[i].site], &ap->lngs[i]));
	for (i = 0; i < ap->nconns; i++)
		fill_conn(ap, tmpl, i, false);
}

/*
 * The resources of group g: with links, only the connections whose other end
 * is in another group; else everything but those.
 */
static void
fill_group(const struct check_ctx *c, const struct armplan *ap, json_t *tmpl, size_t g,
    bool links)
{
	json_t	*res = json_object_get(tmpl, "resources");
	size_t	 k;

	if (!links) {
		for (k = ap->rg_vnets.first[g]; k < ap->rg_vnets.first[g + 1]; k++)
			fill_vnet(c, ap, res, ap->rg_vnets.item[k]);
		for (k = ap->rg_lngs.first[g]; k < ap->rg_lngs.first[g + 1]; k++) {
			const struct arm_lng *l = &ap->lngs[ap->rg_lngs.item[k]];

			json_array_append_new(res, lng_resource(&c->cfg->sites[l->site], l));
		}
	}
	for (k = ap->rg_conns.first[g]; k < ap->rg_conns.first[g + 1]; k++) {
		size_t i = ap->rg_conns.item[k];

		if (conn_crosses(&ap->conns[i]) == links)
			fill_conn(ap, tmpl, i, links);
	}
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

static json_t *
deployment(const struct check_ctx *c, const struct armplan *ap, size_t g, bool links)
{
	const char *rg = ap->rgs[g].name;
	char	*name = deployment_name(rg, links);
	json_t	*d = resource(T_DEPLOY, ARM_RESOURCES_API, name, NULL);
	json_t	*dep = json_array(), *p = json_object(), *eo = json_object();
	json_t	*inner = envelope(SCHEMA_RG), *pass = json_object();
	const char *k;
	json_t	*v;
	size_t	 i, n = 0;

	json_object_set_new(d, "resourceGroup", json_string(rg));
	json_array_append_new(dep, rid(NULL, T_RG, rg, NULL));
	if (links) {
		/* after this group's own deployment and that of every group it reaches */
		size_t	 cnt = ap->rg_conns.first[g + 1] - ap->rg_conns.first[g];
		size_t	*others = xcalloc(cnt, sizeof(*others));
		char	*own = deployment_name(rg, false);

		json_array_append_new(dep, rid(rg, T_DEPLOY, own, NULL));
		free(own);
		for (i = ap->rg_conns.first[g]; i < ap->rg_conns.first[g + 1]; i++) {
			const struct arm_conn *cn = &ap->conns[ap->rg_conns.item[i]];

			if (cn->other_rgi != g)
				others[n++] = cn->other_rgi;
		}
		qsort(others, n, sizeof(*others), size_cmp);
		for (i = 0; i < n; i++) {
			char *other;

			if (i > 0 && others[i] == others[i - 1])
				continue;
			other = deployment_name(ap->rgs[others[i]].name, false);
			json_array_append_new(dep, rid(ap->rgs[others[i]].name, T_DEPLOY, other, NULL));
			free(other);
		}
		free(others);
	}
	json_object_set_new(d, "dependsOn", dep);
	fill_group(c, ap, inner, g, links);
	json_object_foreach(json_object_get(inner, "parameters"), k, v) {
		json_t	*pv = json_object();
		char	*ref = xasprintf("[parameters('%s')]", k);

		(void)v;
		json_object_set_new(pv, "value", json_string(ref));
		free(ref);
		json_object_set_new(pass, k, pv);
	}
	json_object_set_new(p, "mode", json_string("Incremental"));
	json_object_set_new(eo, "scope", json_string("Inner"));
	json_object_set_new(p, "expressionEvaluationOptions", eo);
	json_object_set_new(p, "parameters", pass);
	json_object_set_new(p, "template", inner);
	json_object_set_new(d, "properties", p);
	free(name);
	return d;
}

static void
gateway_outputs(const struct check_ctx *c, const struct armplan *ap, json_t *tmpl, bool sub)
{
	json_t	*outs = json_object_get(tmpl, "outputs");
	size_t	 i;

	for (i = 0; i < c->cfg->nvnets; i++) {
		const struct arm_vnet	*a = &ap->vnets[i];
		json_t			*o;
		struct sbuf		 b;
		const char		*s;
		char			*val;

		if (!a->has_gw)
			continue;
		sbuf_init(&b);
		sbuf_adds(&b, "gatewayIp");
		for (s = a->name; *s != '\0'; s++)
			if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
				sbuf_addc(&b, *s);
		if (json_object_get(outs, b.s) != NULL)
			sbuf_printf(&b, "%zu", i);
		val = sub ? xasprintf("[reference(resourceId('%s', '%s', '%s'), '%s').ipAddress]",
		    a->rg, T_PIP, a->pip, ARM_NETWORK_API) :
		    xasprintf("[reference(resourceId('%s', '%s'), '%s').ipAddress]", T_PIP, a->pip,
		    ARM_NETWORK_API);
		o = json_object();
		json_object_set_new(o, "type", json_string("string"));
		json_object_set_new(o, "value", json_string(val));
		json_object_set_new(outs, b.s, o);
		free(val);
		sbuf_release(&b);
	}
}

json_t *
emit_template(const struct check_ctx *c, const struct armplan *ap)
{
	json_t	*t;
	size_t	 i, j;

	if (ap->single_rg != NULL) {
		t = envelope(SCHEMA_RG);
		fill_all(c, ap, t);
		gateway_outputs(c, ap, t, false);
		return t;
	}
	t = envelope(SCHEMA_SUB);
	for (i = 0; i < ap->nparams; i++)
		use_param(t, &ap->params[i]);
	for (i = 0; i < ap->nrgs; i++) {
		json_t *r = resource(T_RG, ARM_RESOURCES_API, ap->rgs[i].name, ap->rgs[i].location);

		json_object_set_new(r, "properties", json_object());
		json_array_append_new(json_object_get(t, "resources"), r);
	}
	for (i = 0; i < ap->nrgs; i++) {
		bool links = false;

		json_array_append_new(json_object_get(t, "resources"), deployment(c, ap, i, false));
		for (j = ap->rg_conns.first[i]; j < ap->rg_conns.first[i + 1]; j++)
			if (conn_crosses(&ap->conns[ap->rg_conns.item[j]]))
				links = true;
		if (links)
			json_array_append_new(json_object_get(t, "resources"), deployment(c, ap, i, true));
	}
	gateway_outputs(c, ap, t, true);
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
