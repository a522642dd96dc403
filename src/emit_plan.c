/* emit_plan.c - the migration plan (SPEC §7): mapping, steps, summary, diagnostics. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "arm.h"
#include "emit.h"
#include "xalloc.h"

static json_t *
arm_ref(const char *type, const char *rg, const char *name)
{
	json_t *o = json_object();

	json_object_set_new(o, "type", json_string(type));
	json_object_set_new(o, "resourceGroup", json_string(rg));
	json_object_set_new(o, "name", json_string(name));
	return o;
}

static json_t *
map_entry(const char *kind, const char *name, const struct pos *pos, json_t *arm, const char *note)
{
	json_t *e = json_object(), *c = json_object();

	json_object_set_new(c, "kind", json_string(kind));
	json_object_set_new(c, "name", json_string(name));
	json_object_set_new(c, "line", json_integer((json_int_t)pos->line));
	json_object_set_new(e, "classic", c);
	json_object_set_new(e, "arm", arm);
	if (note != NULL)
		json_object_set_new(e, "note", json_string(note));
	return e;
}

/* Is name the last VNet in the list u? */
static bool
last_user(json_t *u, const char *name)
{
	json_t *l = json_array_get(u, json_array_size(u) - 1);

	return strcmp(json_string_value(json_object_get(l, "name")), name) == 0;
}

static json_t *
mapping(const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	json_t			*m = json_array();
	json_t			**users;
	size_t			 i, j, k;

	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet	*v = &cfg->vnets[i];
		const struct arm_vnet	*a = &ap->vnets[i];
		json_t			*arm = json_array();

		json_array_append_new(arm, arm_ref("Microsoft.Network/virtualNetworks", a->rg, a->name));
		json_array_append_new(m, map_entry("VirtualNetworkSite", v->name, &v->pos, arm, NULL));
		for (j = 0; j < v->nsubnets; j++) {
			char *sn = xasprintf("%s/%s", a->name, v->subnets[j].name);

			arm = json_array();
			json_array_append_new(arm, arm_ref("Microsoft.Network/virtualNetworks/subnets",
			    a->rg, sn));
			json_array_append_new(m, map_entry("Subnet", v->subnets[j].name,
			    &v->subnets[j].pos, arm, NULL));
			free(sn);
		}
		if (v->gateway.present) {
			char *note = NULL;

			arm = json_array();
			if (a->has_gw) {
				json_array_append_new(arm, arm_ref("Microsoft.Network/virtualNetworkGateways",
				    a->rg, a->gw));
				json_array_append_new(arm, arm_ref("Microsoft.Network/publicIPAddresses",
				    a->rg, a->pip));
				note = xasprintf("%s %s gateway (classic %s, %s)%s", a->vpn_type, a->sku,
				    routing_name(tp->gw[i].routing), classic_sku_name(tp->gw[i].sku),
				    v->gateway.has_pool ? "; point-to-site pool kept" : "");
			} else
				note = xstrdup("empty Gateway element: no connections and no client pool, "
				    "so no gateway is created");
			json_array_append_new(m, map_entry("Gateway", v->name, &v->gateway.pos, arm, note));
			free(note);
		}
		for (j = 0; j < v->gateway.nrefs; j++) {
			const struct site_ref	*r = &v->gateway.refs[j];
			char			*nm = xasprintf("%s -> %s", v->name, r->name);
			const char		*note = NULL;

			arm = json_array();
			/* the VNet's own tunnels are few: find this reference's */
			for (k = tp->first[i]; k < tp->first[i + 1]; k++)
				if (tp->t[k].ref == r && ap->tunnel_conn[k] != NONE)
					json_array_append_new(arm, arm_ref("Microsoft.Network/connections",
					    a->rg, ap->conns[ap->tunnel_conn[k]].name));
			if (!tunnel_is_ipsec(r))
				note = "ExpressRoute (Dedicated) connection: reported, not migrated";
			else if (json_array_size(arm) == 0)
				note = "not migrated: the peer VNet has no gateway (vnet2vnet-one-sided)";
			json_array_append_new(m, map_entry("LocalNetworkSiteRef", nm, &r->pos, arm, note));
			free(nm);
		}
	}
	for (i = 0; i < cfg->nsites; i++) {
		const struct local_site	*s = &cfg->sites[i];
		json_t			*arm = json_array();
		char			*note = NULL;

		if (ap->site_lng[i] != NONE)
			json_array_append_new(arm, arm_ref("Microsoft.Network/localNetworkGateways",
			    ap->lngs[ap->site_lng[i]].rg, ap->lngs[ap->site_lng[i]].name));
		else if (tp->sites[i].vnet != NONE)
			note = xasprintf("stands for VNet '%s': its tunnels become Vnet2Vnet "
			    "connections, so no local network gateway", cfg->vnets[tp->sites[i].vnet].name);
		else
			note = xstrdup("no VNet has an IPsec tunnel to it: not migrated");
		json_array_append_new(m, map_entry("LocalNetworkSite", s->name, &s->pos, arm, note));
		free(note);
	}
	/* DNS servers: the VNets that use each, gathered in one pass */
	users = xcalloc(cfg->ndns, sizeof(*users));
	for (j = 0; j < cfg->nvnets; j++)
		for (k = 0; k < cfg->vnets[j].ndns_refs; k++) {
			const struct dns_server *d = cfg->vnets[j].dns_refs[k].server;
			json_t **u;

			if (d == NULL)
				continue;
			u = &users[d - cfg->dns];
			if (*u == NULL)
				*u = json_array();
			/* a VNet that names a server twice is listed once */
			if (k > 0 && json_array_size(*u) > 0 && last_user(*u, ap->vnets[j].name))
				continue;
			json_array_append_new(*u, arm_ref("Microsoft.Network/virtualNetworks",
			    ap->vnets[j].rg, ap->vnets[j].name));
		}
	for (i = 0; i < cfg->ndns; i++) {
		const struct dns_server	*d = &cfg->dns[i];
		json_t			*arm = users[i] ? users[i] : json_array();
		char			*note;

		note = json_array_size(arm) > 0 ?
		    xasprintf("%s becomes an entry of dhcpOptions.dnsServers of these VNets", d->ip_text) :
		    xasprintf("%s is referenced by no VNet; ARM has no shared DNS list, so it is not migrated",
		    d->ip_text);
		json_array_append_new(m, map_entry("DnsServer", d->name, &d->pos, arm, note));
		free(note);
	}
	free(users);
	return m;
}

struct steps {
	json_t	*a;
	int	 n;
};

static json_t *
step(struct steps *s, const char *title, bool manual, json_t *resources, int minutes)
{
	json_t *o = json_object();

	json_object_set_new(o, "order", json_integer(++s->n));
	json_object_set_new(o, "title", json_string(title));
	json_object_set_new(o, "manual", manual ? json_true() : json_false());
	json_object_set_new(o, "resources", resources ? resources : json_array());
	if (minutes > 0)
		json_object_set_new(o, "durationMinutes", json_integer(minutes));
	json_object_set_new(o, "details", json_array());
	json_array_append_new(s->a, o);
	return json_object_get(o, "details");
}

static void
detail(json_t *details, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
detail(json_t *details, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	json_array_append_new(details, json_string(s));
	free(s);
}

static json_t *
steps(const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	struct steps		 s = { json_array(), 0 };
	json_t			*res, *d;
	size_t			 i, missing = 0;
	bool			 any_gw = false;

	for (i = 0; i < ap->nparams; i++)
		if (ap->params[i].value == NULL)
			missing++;
	if (missing > 0) {
		res = json_array();
		for (i = 0; i < ap->nconns; i++)
			if (ap->params[ap->conns[i].param].value == NULL)
				json_array_append_new(res, arm_ref("Microsoft.Network/connections",
				    ap->vnets[ap->conns[i].vnet].rg, ap->conns[i].name));
		d = step(&s, "Supply the shared keys that the side files did not give", true, res, 0);
		for (i = 0; i < ap->nparams; i++)
			if (ap->params[i].value == NULL)
				detail(d, "add parameter '%s' (%s) to azuredeploy.parameters.json, or "
				    "answer the prompt of the deployment; it must equal the key "
				    "configured on the other end", ap->params[i].name,
				    ap->params[i].description);
	}
	res = json_array();
	for (i = 0; i < ap->nrgs; i++)
		json_array_append_new(res, arm_ref("Microsoft.Resources/resourceGroups",
		    ap->rgs[i].name, ap->rgs[i].name));
	d = step(&s, ap->single_rg ? "Check that the resource group exists" :
	    "Create the resource groups", ap->single_rg != NULL, res, 1);
	if (ap->single_rg)
		detail(d, "az group create --name %s --location %s (if it does not exist yet)",
		    ap->single_rg, ap->nrgs > 0 ? ap->rgs[0].location : "<region>");
	res = json_array();
	for (i = 0; i < cfg->nvnets; i++)
		json_array_append_new(res, arm_ref("Microsoft.Network/virtualNetworks",
		    ap->vnets[i].rg, ap->vnets[i].name));
	step(&s, "Create the virtual networks with their subnets and DNS servers", false, res, 5);
	res = json_array();
	for (i = 0; i < cfg->nvnets; i++)
		if (ap->vnets[i].has_gw) {
			any_gw = true;
			json_array_append_new(res, arm_ref("Microsoft.Network/publicIPAddresses",
			    ap->vnets[i].rg, ap->vnets[i].pip));
			json_array_append_new(res, arm_ref("Microsoft.Network/virtualNetworkGateways",
			    ap->vnets[i].rg, ap->vnets[i].gw));
		}
	if (!any_gw)
		json_decref(res);
	else {
		d = step(&s, "Create the VPN gateways and their public IP addresses (long: up to "
		    "45 minutes, gateways in parallel)", false, res, 45);
		for (i = 0; i < cfg->nvnets; i++)
			if (ap->vnets[i].has_gw)
				detail(d, "%s: %s, %s, public IP %s (Standard, static)", ap->vnets[i].gw,
				    ap->vnets[i].vpn_type, ap->vnets[i].sku, ap->vnets[i].pip);
	}
	if (ap->nlngs > 0) {
		res = json_array();
		for (i = 0; i < ap->nlngs; i++)
			json_array_append_new(res, arm_ref("Microsoft.Network/localNetworkGateways",
			    ap->lngs[i].rg, ap->lngs[i].name));
		step(&s, "Create the local network gateways for the on-premises sites", false, res, 2);
	}
	if (ap->nconns > 0) {
		res = json_array();
		for (i = 0; i < ap->nconns; i++)
			json_array_append_new(res, arm_ref("Microsoft.Network/connections",
			    ap->vnets[ap->conns[i].vnet].rg, ap->conns[i].name));
		step(&s, "Create the connections (VNet-to-VNet and site-to-site)", false, res, 5);
	}
	if (any_gw) {
		res = json_array();
		d = step(&s, "Read the new gateway public IP addresses", true, res, 0);
		for (i = 0; i < cfg->nvnets; i++)
			if (ap->vnets[i].has_gw)
				detail(d, "az network public-ip show --resource-group %s --name %s "
				    "--query ipAddress --output tsv", ap->vnets[i].rg, ap->vnets[i].pip);
	}
	for (i = 0; i < ap->nlngs; i++) {
		const struct arm_lng	*l = &ap->lngs[i];
		const struct local_site	*site = &cfg->sites[l->site];
		size_t			 k;
		char			*title;

		res = json_array();
		json_array_append_new(res, arm_ref("Microsoft.Network/localNetworkGateways", l->rg, l->name));
		title = xasprintf("Reconfigure the VPN device of site '%s' at %s", site->name,
		    site->vpn_addr_valid ? site->vpn_addr_text : "(no address)");
		d = step(&s, title, true, res, 0);
		free(title);
		for (k = ap->lng_conns.first[i]; k < ap->lng_conns.first[i + 1]; k++) {
			const struct arm_conn	*cn = &ap->conns[ap->lng_conns.item[k]];
			const struct vnet	*v = &cfg->vnets[cn->vnet];
			struct sbuf		 b;

			sbuf_init(&b);
			prefix_list_text(&v->space, &b);
			detail(d, "peer: replace the old classic gateway address of VNet '%s' with the "
			    "address of %s (step above); route %s through the tunnel; keep the shared "
			    "key of parameter '%s'", v->name, ap->vnets[cn->vnet].pip, b.s,
			    ap->params[cn->param].name);
			sbuf_release(&b);
		}
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		if (ap->vnets[i].has_gw && v->gateway.has_pool) {
			char *title = xasprintf("Upload the point-to-site root certificates to %s",
			    ap->vnets[i].gw);

			res = json_array();
			json_array_append_new(res, arm_ref("Microsoft.Network/virtualNetworkGateways",
			    ap->vnets[i].rg, ap->vnets[i].gw));
			d = step(&s, title, true, res, 0);
			free(title);
			detail(d, "the netcfg holds no certificates: add each trusted root with az "
			    "network vnet-gateway root-cert create, then give users the new VPN client "
			    "package (az network vnet-gateway vpn-client generate)");
		}
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet	*v = &cfg->vnets[i];
		size_t			 j, k;

		for (j = 0; j < v->gateway.nrefs; j++)
			for (k = 0; k < v->gateway.refs[j].nconns; k++)
				if (v->gateway.refs[j].conns[k].type == CONN_DEDICATED) {
					char *title = xasprintf("Migrate the ExpressRoute link of VNet '%s' "
					    "to '%s' by hand", v->name, v->gateway.refs[j].name);

					d = step(&s, title, true, NULL, 0);
					free(title);
					detail(d, "create an ExpressRoute gateway (GatewaySubnet /27 or "
					    "larger) and a connection to the circuit; see "
					    "expressroute-howto-coexist-resource-manager");
				}
	}
	if (tp->nt > 0) {
		res = json_array();
		for (i = 0; i < ap->nconns; i++)
			json_array_append_new(res, arm_ref("Microsoft.Network/connections",
			    ap->vnets[ap->conns[i].vnet].rg, ap->conns[i].name));
		d = step(&s, "Verify that every connection is Connected", true, res, 0);
		for (i = 0; i < ap->nconns; i++)
			detail(d, "az network vpn-connection show --resource-group %s --name %s "
			    "--query connectionStatus", ap->vnets[ap->conns[i].vnet].rg,
			    ap->conns[i].name);
	}
	step(&s, "Move the workloads, then remove the classic network configuration", true, NULL, 0);
	return s.a;
}

static json_t *
summary(const struct check_ctx *c, const struct armplan *ap, const struct diags *dg)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	json_t			*s = json_object(), *cl = json_object(), *arm = json_object();
	json_t			*keys = json_object();
	size_t			 i, j, k, subnets = 0, gws = 0, p2s = 0, er = 0, pairs = 0, s2s = 0;
	size_t			 known = 0, agws = 0;

	for (i = 0; i < cfg->nvnets; i++) {
		subnets += cfg->vnets[i].nsubnets;
		gws += tp->gw[i].exists;
		p2s += cfg->vnets[i].gateway.has_pool;
		agws += ap->vnets[i].has_gw;
		for (j = 0; j < cfg->vnets[i].gateway.nrefs; j++)
			for (k = 0; k < cfg->vnets[i].gateway.refs[j].nconns; k++)
				er += cfg->vnets[i].gateway.refs[j].conns[k].type == CONN_DEDICATED;
	}
	for (i = 0; i < tp->nt; i++) {
		if (tp->t[i].peer == NONE)
			s2s++;
		else if (tp->t[i].reverse == NONE || tp->t[i].reverse > i)
			pairs++;
	}
	for (i = 0; i < ap->nparams; i++)
		known += ap->params[i].value != NULL;
	json_object_set_new(cl, "virtualNetworkSites", json_integer((json_int_t)cfg->nvnets));
	json_object_set_new(cl, "subnets", json_integer((json_int_t)subnets));
	json_object_set_new(cl, "localNetworkSites", json_integer((json_int_t)cfg->nsites));
	json_object_set_new(cl, "dnsServers", json_integer((json_int_t)cfg->ndns));
	json_object_set_new(cl, "gateways", json_integer((json_int_t)gws));
	json_object_set_new(cl, "ipsecTunnels", json_integer((json_int_t)tp->nt));
	json_object_set_new(cl, "vnetToVnetPairs", json_integer((json_int_t)pairs));
	json_object_set_new(cl, "siteToSiteTunnels", json_integer((json_int_t)s2s));
	json_object_set_new(cl, "pointToSitePools", json_integer((json_int_t)p2s));
	json_object_set_new(cl, "expressRouteConnections", json_integer((json_int_t)er));
	json_object_set_new(s, "classic", cl);
	json_object_set_new(arm, "resourceGroups", json_integer((json_int_t)ap->nrgs));
	json_object_set_new(arm, "virtualNetworks", json_integer((json_int_t)cfg->nvnets));
	json_object_set_new(arm, "publicIPAddresses", json_integer((json_int_t)agws));
	json_object_set_new(arm, "virtualNetworkGateways", json_integer((json_int_t)agws));
	json_object_set_new(arm, "localNetworkGateways", json_integer((json_int_t)ap->nlngs));
	json_object_set_new(arm, "connections", json_integer((json_int_t)ap->nconns));
	json_object_set_new(s, "arm", arm);
	json_object_set_new(keys, "parameters", json_integer((json_int_t)ap->nparams));
	json_object_set_new(keys, "known", json_integer((json_int_t)known));
	json_object_set_new(keys, "missing", json_integer((json_int_t)(ap->nparams - known)));
	json_object_set_new(s, "sharedKeys", keys);
	json_object_set_new(s, "errors", json_integer((json_int_t)dg->count[LEVEL_ERROR]));
	json_object_set_new(s, "warnings", json_integer((json_int_t)dg->count[LEVEL_WARNING]));
	json_object_set_new(s, "notes", json_integer((json_int_t)dg->count[LEVEL_NOTE]));
	return s;
}

static json_t *
shared_keys(const struct armplan *ap)
{
	json_t	*a = json_array();
	size_t	 i, k;

	for (i = 0; i < ap->nparams; i++) {
		const struct arm_param	*p = &ap->params[i];
		json_t			*o = json_object(), *conns = json_array();

		json_object_set_new(o, "parameter", json_string(p->name));
		json_object_set_new(o, "description", json_string(p->description));
		for (k = 0; k < p->nconn; k++)
			json_array_append_new(conns, json_string(ap->conns[p->conn[k]].name));
		json_object_set_new(o, "connections", conns);
		json_object_set_new(o, "valueKnown", p->value ? json_true() : json_false());
		if (p->value_pos != NULL) {
			char *at = xasprintf("%s:%lu", p->value_pos->file, p->value_pos->line);

			json_object_set_new(o, "setAt", json_string(at));
			free(at);
		}
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
emit_plan(const struct check_ctx *c, const struct armplan *ap, const struct input *in,
    const struct diags *d, json_t *tmpl, json_t *params)
{
	json_t			*p = json_object(), *g = json_object(), *src = json_object();
	struct sha256_ctx	 sh;
	uint8_t			 dig[SHA256_DIGEST_SIZE];
	char			 hex[2 * SHA256_DIGEST_SIZE + 1];
	size_t			 i;

	sha256_init(&sh);
	sha256_update(&sh, in->len, in->data);
	sha256_digest(&sh, sizeof(dig), dig);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
	json_object_set_new(p, "netcfgcPlan", json_integer(1));
	json_object_set_new(g, "name", json_string("netcfgc"));
	json_object_set_new(g, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(p, "generator", g);
	json_object_set_new(src, "path", json_path(in->display));
	json_object_set_new(src, "sha256", json_string(hex));
	json_object_set_new(p, "source", src);
	json_object_set_new(p, "summary", summary(c, ap, d));
	json_object_set_new(p, "diagnostics", diags_to_json(d));
	json_object_set_new(p, "mapping", mapping(c, ap));
	json_object_set_new(p, "steps", steps(c, ap));
	json_object_set_new(p, "sharedKeys", shared_keys(ap));
	if (tmpl != NULL)
		json_object_set_new(p, "template", json_incref(tmpl));
	if (params != NULL)
		json_object_set_new(p, "parameters", json_incref(params));
	return p;
}
