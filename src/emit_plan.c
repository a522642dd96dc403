/* emit_plan.c - the migration plan (SPEC §7): mapping, steps, summary, diagnostics. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arm.h"
#include "emit.h"
#include "xalloc.h"

#define S(x)	xjson_string(x)

/*
 * The mapping and the steps are made once, as JSON: plan.json holds them
 * as they are and the runbook is written from them.
 */
static void
ref(json_t *arm, const char *type, const char *rg, const char *name)
{
	json_array_append_new(arm, json_pack("{s:o, s:o, s:o}", "type", S(type),
	    "resourceGroup", S(rg), "name", S(name)));
}

/* A mapping entry appended to map; returns its list of ARM resources. */
static json_t *
entry(json_t *map, const char *kind, const char *name, const struct pos *pos, const char *note)
{
	json_t *e = json_object(), *arm = json_array();

	json_object_set_new(e, "classic", json_pack("{s:o, s:o, s:I}", "kind", S(kind),
	    "name", S(name), "line", (json_int_t)pos->line));
	json_object_set_new(e, "arm", arm);
	if (note != NULL)
		json_object_set_new(e, "note", S(note));
	json_array_append_new(map, e);
	return arm;
}

/* A VNet's entries: the VNet, its subnets, its gateway, its tunnels. */
static void
map_vnet(json_t *map, const struct check_ctx *c, const struct armplan *ap, size_t i)
{
	const struct vnet	*v = &c->cfg->vnets[i];
	const struct arm_vnet	*a = &ap->vnets[i];
	const struct topology	*tp = c->topo;
	json_t			*arm;
	char			*s;
	size_t			 j, t;

	arm = entry(map, "VirtualNetworkSite", v->name, &v->pos, NULL);
	ref(arm, T_VNET, a->rg, a->name);
	for (j = 0; j < v->nsubnets; j++) {
		s = xjoin3(a->name, '/', a->subnets[j], NULL);
		arm = entry(map, "Subnet", v->subnets[j].name, &v->subnets[j].pos, NULL);
		ref(arm, T_SUBNET, a->rg, s);
		free(s);
	}
	if (v->gateway.present) {
		if (a->has_gw)
			s = xasprintf("%s %s gateway (classic %s, %s)%s", a->vpn_type, a->sku,
			    routing_name(tp->gw[i].routing), classic_sku_name(tp->gw[i].sku),
			    v->gateway.has_pool ? "; point-to-site pool kept" : "");
		else if (tp->gw[i].exists && tp->peering)
			s = xstrdup("no site-to-site tunnel and no client pool: with --vnet-to-vnet "
			    "peering no gateway and no public IP are made (its VNet-to-VNet tunnels "
			    "become peerings); the GatewaySubnet is kept, for a gateway later");
		else
			s = xstrdup("empty Gateway element: no connections and no client pool, "
			    "so no gateway is created");
		arm = entry(map, "Gateway", v->name, &v->gateway.pos, s);
		free(s);
		if (a->has_gw) {
			ref(arm, T_GW, a->rg, a->gw);
			ref(arm, T_PIP, a->rg, a->pip);
		}
	}
	for (j = 0; j < v->gateway.nrefs; j++) {
		const struct site_ref	*r = &v->gateway.refs[j];
		const char		*note = NULL;
		char			*own = NULL;
		size_t			 conns = 0, peered = NONE;
		bool			 dropped = false;

		/* the VNet's own tunnels are few: find this reference's */
		for (t = tp->first[i]; t < tp->first[i + 1]; t++)
			if (tp->t[t].ref == r) {
				conns += ap->tunnel_conn[t] != NONE;
				if (ap->tunnel_peering[t] != NONE)
					peered = ap->tunnel_peering[t];
				dropped |= tp->t[t].by_peering && tp->t[t].reverse == NONE;
			}
		if (r->dup != NULL)
			note = "written once: the VNet connects to this local site earlier (ref-duplicate)";
		else if (!tunnel_is_ipsec(r))
			note = "ExpressRoute (Dedicated) connection: reported, not migrated";
		else if (peered != NONE) {
			const struct arm_peering *pr = &ap->peerings[peered];

			note = own = xasprintf("VNet-to-VNet pair: becomes peering %s (and %s on %s); "
			    "no key is needed%s", pr->name, ap->peerings[pr->reverse].name,
			    ap->vnets[pr->peer].name, pr->use_remote ? "; it uses the peer's gateway "
			    "(useRemoteGateways), for the on-premises ranges of the site" :
			    pr->allow_transit ? "; the peer uses this VNet's gateway (allowGatewayTransit)" :
			    "");
		} else if (dropped)
			note = "one-sided: not peered, as its classic tunnel never came up "
			    "(vnet2vnet-one-sided)";
		else if (conns == 0)
			note = "not migrated: the peer VNet has no gateway (vnet2vnet-one-sided)";
		else
			for (t = tp->first[i]; t < tp->first[i + 1]; t++)
				if (tp->t[t].ref == r && ap->tunnel_conn[t] != NONE &&
				    ap->conns[ap->tunnel_conn[t]].one_sided)
					note = "one-sided: the peer VNet has no tunnel back, so this "
					    "connection stays NotConnected until the pair is completed "
					    "(vnet2vnet-one-sided; see the steps)";
		s = xasprintf("%s -> %s", v->name, r->name);
		arm = entry(map, "LocalNetworkSiteRef", s, &r->pos, note);
		free(s);
		for (t = tp->first[i]; t < tp->first[i + 1]; t++)
			if (tp->t[t].ref == r && ap->tunnel_conn[t] != NONE)
				ref(arm, T_CONN, a->rg, ap->conns[ap->tunnel_conn[t]].name);
		if (peered != NONE) {
			s = xjoin3(a->name, '/', ap->peerings[peered].name, NULL);
			ref(arm, T_PEERING, a->rg, s);
			free(s);
		}
		free(own);
	}
}

static void
map_sites(json_t *map, const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i, k;

	for (i = 0; i < cfg->nsites; i++) {
		const struct local_site	*s = &cfg->sites[i];
		size_t			 peer = c->topo->sites[i].vnet;
		char			*note = NULL;
		json_t			*arm;

		if (ap->site_lng[i] == NONE && peer != NONE)
			note = xasprintf("stands for VNet '%s': its tunnels become %s, so no local "
			    "network gateway", cfg->vnets[peer].name, c->topo->peering ?
			    "VNet peerings" : "Vnet2Vnet connections");
		else if (ap->site_lng[i] == NONE)
			note = xstrdup("no VNet has an IPsec tunnel to it: not migrated");
		arm = entry(map, "LocalNetworkSite", s->name, &s->pos, note);
		for (k = ap->site_lng[i]; k != NONE; k = ap->lngs[k].next)
			ref(arm, T_LNG, ap->lngs[k].rg, ap->lngs[k].name);
		free(note);
	}
}

/*
 * DNS servers, each with the VNets that use it, in VNet order, each VNet
 * once (seen[x] is 1 + the last VNet listed for server x).  Two passes:
 * count, then place.
 */
static void
map_dns(json_t *map, const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			*first, *user = NULL, *seen;
	size_t			 i, j, n;

	first = xcalloc(cfg->ndns + 1, sizeof(*first));
	seen = xcalloc(cfg->ndns + 1, sizeof(*seen));
	for (n = 0; n < 2; n++) {
		memset(seen, 0, (cfg->ndns + 1) * sizeof(*seen));
		for (j = 0; j < cfg->nvnets; j++) {
			const struct vnet *v = &cfg->vnets[j];

			for (i = 0; i < v->ndns_refs; i++) {
				const struct dns_server *d = v->dns_refs[i].server;
				size_t x;

				if (d == NULL || seen[x = (size_t)(d - cfg->dns)] == j + 1)
					continue;
				seen[x] = j + 1;
				if (n == 0)
					first[x + 1]++;
				else
					user[first[x]++] = j;
			}
		}
		if (n == 0) {
			for (i = 0; i < cfg->ndns; i++)
				first[i + 1] += first[i];
			user = xcalloc(first[cfg->ndns] + 1, sizeof(*user));
		}
	}
	/* the second pass moved each start to the next server's: undo it */
	for (i = cfg->ndns; i > 0; i--)
		first[i] = first[i - 1];
	first[0] = 0;
	for (i = 0; i < cfg->ndns; i++) {
		const struct dns_server	*d = &cfg->dns[i];
		char			*note;
		json_t			*arm;

		note = first[i + 1] > first[i] ?
		    xasprintf("%s becomes an entry of dhcpOptions.dnsServers of these VNets", d->ip_text) :
		    xasprintf("%s is referenced by no VNet; ARM has no shared DNS list, so it is not migrated",
		    d->ip_text);
		arm = entry(map, "DnsServer", d->name, &d->pos, note);
		for (j = first[i]; j < first[i + 1]; j++)
			ref(arm, T_VNET, ap->vnets[user[j]].rg, ap->vnets[user[j]].name);
		free(note);
	}
	free(first);
	free(user);
	free(seen);
}

json_t *
plan_mapping(const struct check_ctx *c, const struct armplan *ap)
{
	json_t	*map = json_array();
	size_t	 i;

	for (i = 0; i < c->cfg->nvnets; i++)
		map_vnet(map, c, ap, i);
	map_sites(map, c, ap);
	map_dns(map, c, ap);
	return map;
}

/* v as one shell word, for the commands the steps show. */
static char *
shq(const char *v)
{
	struct sbuf b;

	sbuf_init(&b);
	sbuf_add_shell(&b, v);
	return sbuf_detach(&b);
}

/* The steps made so far; res and details are the open step's lists. */
struct steps {
	json_t		*all, *res, *details;
	struct sbuf	 scratch;
};

static void
step(struct steps *s, const char *title, bool manual, int minutes)
{
	json_t *o = json_object();

	json_object_set_new(o, "order", json_integer((json_int_t)json_array_size(s->all) + 1));
	json_object_set_new(o, "title", S(title));
	json_object_set_new(o, "manual", json_boolean(manual));
	json_object_set_new(o, "resources", s->res = json_array());
	if (minutes > 0)
		json_object_set_new(o, "durationMinutes", json_integer(minutes));
	json_object_set_new(o, "details", s->details = json_array());
	json_array_append_new(s->all, o);
}

/* A line of the open step, made of the strings up to a NULL: no format to parse. */
static void
detail(struct steps *s, ...) __attribute__((sentinel));

static void
detail(struct steps *s, ...)
{
	va_list		 ap;
	const char	*p;

	s->scratch.len = 0;
	va_start(ap, s);
	while ((p = va_arg(ap, const char *)) != NULL)
		sbuf_adds(&s->scratch, p);
	va_end(ap);
	json_array_append_new(s->details, S(s->scratch.s));
}

/* The keys that the side files did not give, for the operator to supply. */
static void
steps_keys(struct steps *s, const struct armplan *ap)
{
	size_t i, missing = 0;

	for (i = 0; i < ap->nparams; i++)
		if (ap->params[i].value == NULL)
			missing++;
	if (missing == 0)
		return;
	step(s, "Supply the shared keys that the side files did not give", true, 0);
	for (i = 0; i < ap->nconns; i++)
		if (ap->params[ap->conns[i].param].value == NULL)
			ref(s->res, T_CONN, ap->vnets[ap->conns[i].vnet].rg,
			    ap->conns[i].name);
	for (i = 0; i < ap->nparams; i++)
		if (ap->params[i].value == NULL)
			detail(s, "add parameter '", ap->params[i].name, "' (",
			    ap->params[i].description, ") to azuredeploy.parameters.json, or "
			    "answer the prompt of the deployment; it must equal the key "
			    "configured on the other end", NULL);
}

/* Peering k among the resources of the open step. */
static void
ref_peering(struct steps *s, const struct armplan *ap, size_t k)
{
	const struct arm_peering	*pr = &ap->peerings[k];
	char				*name = xjoin3(ap->vnets[pr->vnet].name, '/', pr->name, NULL);

	ref(s->res, T_PEERING, ap->vnets[pr->vnet].rg, name);
	free(name);
}

/* Does peering k take part in gateway transit (so that it waits for the hub's gateway)? */
static bool
transit_peering(const struct armplan *ap, size_t k)
{
	return ap->peerings[k].use_remote || ap->peerings[k].allow_transit;
}

/* The peerings, in two steps: those that wait for nothing but their VNets, then the others. */
static void
steps_peerings(struct steps *s, const struct armplan *ap, bool transit)
{
	size_t i, n = 0;

	for (i = 0; i < ap->npeerings; i++)
		n += transit_peering(ap, i) == transit;
	if (n == 0)
		return;
	if (!transit) {
		step(s, "Create the VNet peerings, both directions of each VNet-to-VNet pair (they "
		    "need no key; each waits for its VNets and their gateways, and the VNet's "
		    "peering before it, as ARM takes one peering of a VNet at a time)", false, 2);
		for (i = 0; i < ap->npeerings; i++)
			if (!transit_peering(ap, i))
				ref_peering(s, ap, i);
		detail(s, "a pair is Connected once both of its peerings exist; they reach all of "
		    "each other's address space and accept forwarded traffic, as the classic "
		    "tunnel did", NULL);
		return;
	}
	step(s, "Create the peerings with gateway transit, once the hub's gateway exists", false, 2);
	for (i = 0; i < ap->npeerings; i++)
		if (transit_peering(ap, i))
			ref_peering(s, ap, i);
	for (i = 0; i < ap->npeerings; i++) {
		const struct arm_peering	*pr = &ap->peerings[i];
		const struct arm_vnet		*hub = &ap->vnets[pr->peer];

		if (pr->use_remote)
			detail(s, pr->name, " uses the gateway of ", hub->name, " (useRemoteGateways) "
			    "for the on-premises networks it reached through it in classic: it is "
			    "created after ", hub->gw, " and after ", ap->peerings[pr->reverse].name,
			    ", which allows gateway transit", NULL);
	}
}

/* What the template deploys, in its order, and the new addresses. */
static void
steps_deploy(struct steps *s, const struct check_ctx *c, const struct armplan *ap, bool any_gw,
    const struct template_set *ts)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i;

	if (ap->single_rg != NULL || ap->opts->existing_rgs) {
		step(s, ap->nrgs == 1 ? "Check that the resource group exists, and where (create "
		    "it with az group create if it does not)" : "Check that the resource groups "
		    "exist, and where (create any that does not with az group create)", true, 0);
		for (i = 0; i < ap->nrgs; i++) {
			char *rg = shq(ap->rgs[i].name);

			ref(s->res, T_RG, ap->rgs[i].name, ap->rgs[i].name);
			detail(s, "az group show --name ", rg, " --query location --output tsv", NULL);
			free(rg);
		}
	}
	step(s, ts->n == 1 ? "Preview the deployment with what-if, then deploy the template "
	    "(see Deploy)" : "Preview and deploy the templates one after the other, in this order "
	    "(see Deploy)", true, 0);
	for (i = 0; i < ts->n; i++)
		detail(s, ts->f[i].file, " with ", ts->f[i].pfile, " as deployment ", ts->f[i].name,
		    NULL);
	if (ap->single_rg == NULL && !ap->opts->existing_rgs) {
		step(s, ap->nrgs == 1 ? "Create the resource group" : "Create the resource groups",
		    false, 1);
		for (i = 0; i < ap->nrgs; i++) {
			ref(s->res, T_RG, ap->rgs[i].name, ap->rgs[i].name);
			detail(s, ap->rgs[i].name, " in ", ap->rgs[i].location, NULL);
		}
	}
	step(s, "Create the virtual networks with their subnets and DNS servers", false, 5);
	for (i = 0; i < cfg->nvnets; i++)
		ref(s->res, T_VNET, ap->vnets[i].rg, ap->vnets[i].name);
	if (any_gw) {
		step(s, "Create the VPN gateways and their public IP addresses (long: up to "
		    "45 minutes, gateways in parallel)", false, 45);
		for (i = 0; i < cfg->nvnets; i++)
			if (ap->vnets[i].has_gw) {
				ref(s->res, T_PIP, ap->vnets[i].rg,
				    ap->vnets[i].pip);
				ref(s->res, T_GW, ap->vnets[i].rg,
				    ap->vnets[i].gw);
			}
		for (i = 0; i < cfg->nvnets; i++)
			if (ap->vnets[i].has_gw)
				detail(s, ap->vnets[i].gw, ": ", ap->vnets[i].vpn_type, ", ",
				    ap->vnets[i].sku, ", public IP ", ap->vnets[i].pip,
				    " (Standard, static)", ap->vnets[i].default_lng == NONE ? "" :
				    "; forced tunnelling: its default site is ", ap->vnets[i].default_lng ==
				    NONE ? "" : ap->lngs[ap->vnets[i].default_lng].name,
				    ap->vnets[i].default_lng == NONE ? "" : " (Internet-bound traffic "
				    "goes there only from subnets whose route table sends 0.0.0.0/0 to "
				    "the VirtualNetworkGateway: see the route-table step)", NULL);
	}
	if (ap->nlngs > 0) {
		step(s, "Create the local network gateways for the on-premises sites", false, 2);
		for (i = 0; i < ap->nlngs; i++)
			ref(s->res, T_LNG, ap->lngs[i].rg, ap->lngs[i].name);
	}
	if (ap->nconns > 0) {
		step(s, c->topo->peering ? "Create the site-to-site connections" :
		    "Create the connections (VNet-to-VNet and site-to-site)", false, 5);
		for (i = 0; i < ap->nconns; i++)
			ref(s->res, T_CONN, ap->vnets[ap->conns[i].vnet].rg,
			    ap->conns[i].name);
	}
	steps_peerings(s, ap, false);
	steps_peerings(s, ap, true);
	/* the on-premises devices need them; VNet-to-VNet connections find each other */
	if (ap->nlngs > 0) {
		bool *s2s = xcalloc(cfg->nvnets + 1, sizeof(*s2s));

		step(s, "Read the new gateway public IP addresses for the on-premises devices", true, 0);
		for (i = 0; i < ts->n; i++)
			if (ts->f[i].ngateways > 0) {
				char *name = shq(ts->f[i].name);
				char *rg = ap->single_rg != NULL ? shq(ap->single_rg) : NULL;

				detail(s, "all at once, from the output gatewayAddresses: az deployment ",
				    rg != NULL ? "group" : "sub", " show --name ", name,
				    rg != NULL ? " --resource-group " : "", rg != NULL ? rg : "",
				    " --query properties.outputs.gatewayAddresses.value", NULL);
				free(name);
				free(rg);
			}
		for (i = 0; i < ap->nconns; i++)
			s2s[ap->conns[i].vnet] |= ap->conns[i].lng != NONE;
		for (i = 0; i < cfg->nvnets; i++)
			if (s2s[i]) {
				char *rg = shq(ap->vnets[i].rg), *name = shq(ap->vnets[i].pip);

				detail(s, "az network public-ip show --resource-group ", rg, " --name ",
				    name, " --query ipAddress --output tsv", NULL);
				free(rg);
				free(name);
			}
		free(s2s);
	}
}

/* The diagnostics of rule r that are shown, as the details of a step titled title. */
static bool
step_of_rule(struct steps *s, const struct check_ctx *c, enum rule_id rule, const char *title)
{
	size_t i;
	bool   any = false;

	for (i = 0; i < c->d->n; i++) {
		if (c->d->v[i].rule != rule || c->d->v[i].level == LEVEL_OFF)
			continue;
		if (!any)
			step(s, title, true, 0);
		any = true;
		detail(s, c->d->v[i].msg, NULL);
	}
	return any;
}

/* Before the devices are re-pointed: what the cutover costs and how to go back. */
static void
steps_cutover(struct steps *s, const struct check_ctx *c, const struct armplan *ap)
{
	if (ap->nlngs > 0) {
		step(s, "Plan the cutover: it is a hard one", true, 0);
		detail(s, "from the moment a device is re-pointed to the new gateway (next steps) "
		    "until the workloads run in the new VNets, that site reaches neither the "
		    "classic VNets (their tunnels to it are down) nor the new ones (still empty): "
		    "re-point a site's device in a maintenance window, right before its "
		    "workloads move, and keep that window as short as the move", NULL);
		detail(s, "rollback: save the device's classic configuration before changing "
		    "it; the classic gateways and tunnels stay as they are until the last step, so "
		    "restoring that configuration brings the classic tunnels back", NULL);
		detail(s, ap->npeerings > 0 ? "the peerings between new VNets need no device and "
		    "connect with the deployment" : "the VNet-to-VNet tunnels between new VNets "
		    "need no device and come up with the deployment", NULL);
	}
	if (step_of_rule(s, c, R_TRANSIT_ROUTE, "Restore the transit routing that the migration "
	    "loses"))
		detail(s, "an ARM connection routes only the local network gateway's own prefixes: "
		    "either enable BGP on the gateways involved (not on Basic: raise the SKU with "
		    "--gateway-sku) so that the hub advertises what it reaches, or give the VNet a "
		    "connection of its own to the on-premises site's local network gateway (and the "
		    "device a tunnel for it); see netcfgc explain transit-route", NULL);
}

/* "<a>to<b>" as a name for a peering the operator creates. */
static char *
peering_name(const char *a, const char *b)
{
	char *want = xasprintf("%sto%s", a, b);

	return arm_fit(want, 80, want, false);
}

/*
 * Peering is not transitive: the VNets that reached each other through a
 * third, with the commands that peer them directly (each pair once).
 */
static void
steps_unreached(struct steps *s, const struct check_ctx *c, const struct armplan *ap)
{
	size_t i, k, d;

	if (!step_of_rule(s, c, R_PEERING_NOT_TRANSITIVE, "Peer directly the VNets that reached "
	    "each other through a third one (peering is not transitive)"))
		return;
	detail(s, "peer each such pair in both directions (below), or keep the classic path "
	    "through the middle VNet with a network virtual appliance there and user-defined "
	    "routes", NULL);
	for (i = 0; i < ap->nunreached; i++) {
		size_t a = ap->unreached[i].a, cv = ap->unreached[i].c;

		for (k = 0; k < i; k++)
			if ((ap->unreached[k].a == a && ap->unreached[k].c == cv) ||
			    (ap->unreached[k].a == cv && ap->unreached[k].c == a))
				break;
		if (k < i)
			continue;	/* that pair has its commands */
		for (d = 0; d < 2; d++) {
			const struct arm_vnet	*x = &ap->vnets[d == 0 ? a : cv];
			const struct arm_vnet	*y = &ap->vnets[d == 0 ? cv : a];
			char			*name = peering_name(x->name, y->name);
			char			*qrg = shq(x->rg), *qv = shq(x->name), *qn = shq(name);
			char			*yrg = shq(y->rg), *yv = shq(y->name);

			detail(s, "az network vnet peering create --resource-group ", qrg,
			    " --vnet-name ", qv, " --name ", qn, " --remote-vnet \"$(az network vnet "
			    "show --resource-group ", yrg, " --name ", yv, " --query id --output tsv)\" "
			    "--allow-vnet-access --allow-forwarded-traffic", NULL);
			free(name);
			free(qrg);
			free(qv);
			free(qn);
			free(yrg);
			free(yv);
		}
	}
}

/*
 * What an on-premises device routes to VNet v's gateway: v's address space
 * and, with gateway transit, that of the VNets that use v's gateway.
 */
void
transit_space(const struct armplan *ap, const struct check_ctx *c, size_t v, struct sbuf *b)
{
	size_t k;

	prefix_list_text(&c->cfg->vnets[v].space, b);
	for (k = ap->rg_peerings.first[ap->vnets[v].rgi]; k < ap->rg_peerings.first[ap->vnets[v].rgi + 1];
	    k++) {
		const struct arm_peering *pr = &ap->peerings[ap->rg_peerings.item[k]];

		if (pr->vnet != v || !pr->allow_transit)
			continue;
		sbuf_adds(b, ", ");
		prefix_list_text(&c->cfg->vnets[pr->peer].space, b);
		sbuf_cat(b, " (", ap->vnets[pr->peer].name, ", by gateway transit)", NULL);
	}
}

/* What a person does after the deployment. */
static void
steps_manual(struct steps *s, const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i;

	steps_cutover(s, c, ap);
	if (step_of_rule(s, c, R_PEERING_TRANSIT_LOST, "Restore the on-premises reach that "
	    "gateway transit cannot keep"))
		detail(s, "each message says why ARM cannot keep that transit, and what does: raise "
		    "the hub's SKU (--gateway-sku, then migrate again), give the VNet a connection "
		    "of its own to the on-premises site, or migrate with --vnet-to-vnet vpn; see "
		    "netcfgc explain peering-transit-lost", NULL);
	steps_unreached(s, c, ap);

	for (i = 0; i < ap->nlngs; i++) {
		const struct arm_lng	*l = &ap->lngs[i];
		const struct local_site	*site = &cfg->sites[l->site];
		size_t			 j;
		char			*title;

		title = xasprintf("Reconfigure the VPN device of site '%s' at %s", site->name,
		    site->vpn_addr_valid ? site->vpn_addr_text : "(no address)");
		step(s, title, true, 0);
		free(title);
		ref(s->res, T_LNG, l->rg, l->name);
		for (j = ap->lng_conns.first[i]; j < ap->lng_conns.first[i + 1]; j++) {
			const struct arm_conn	*cn = &ap->conns[ap->lng_conns.item[j]];
			const struct vnet	*v = &cfg->vnets[cn->vnet];
			struct sbuf		 b;

			sbuf_init(&b);
			transit_space(ap, c, cn->vnet, &b);
			detail(s, "peer: replace the old classic gateway address of VNet '", v->name,
			    "' with the address of ", ap->vnets[cn->vnet].pip, " (step above); route ",
			    b.s, " through the tunnel; keep the shared key of parameter '",
			    ap->params[cn->param].name, "'", NULL);
			sbuf_release(&b);
		}
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		if (ap->vnets[i].has_gw && v->gateway.has_pool && ap->opts->certs->n == 0) {
			char *title = xasprintf("Upload the point-to-site root certificates to %s",
			    ap->vnets[i].gw);

			step(s, title, true, 0);
			free(title);
			ref(s->res, T_GW, ap->vnets[i].rg, ap->vnets[i].gw);
			detail(s, "the netcfg holds no certificates: add each trusted root with az "
			    "network vnet-gateway root-cert create, then give users the new VPN client "
			    "package (az network vnet-gateway vpn-client generate); a redeployment "
			    "removes roots added this way: give them with --p2s-root-cert instead", NULL);
		} else if (ap->vnets[i].has_gw && v->gateway.has_pool) {
			char *title = xasprintf("Give the point-to-site users of %s the new VPN client "
			    "package", ap->vnets[i].gw);
			size_t k;

			step(s, title, true, 0);
			free(title);
			ref(s->res, T_GW, ap->vnets[i].rg, ap->vnets[i].gw);
			for (k = 0; k < ap->opts->certs->n; k++)
				detail(s, "root certificate '", ap->opts->certs->name[k], "' is in the "
				    "template (--p2s-root-cert)", NULL);
			detail(s, "the client package of the classic gateway does not reach the new "
			    "one: generate it with az network vnet-gateway vpn-client generate", NULL);
		}
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet	*v = &cfg->vnets[i];
		size_t			 j, n;

		for (j = 0; j < v->gateway.nrefs; j++)
			for (n = 0; n < v->gateway.refs[j].nconns; n++)
				if (v->gateway.refs[j].conns[n].type == CONN_DEDICATED) {
					char *title = xasprintf("Migrate the ExpressRoute link of VNet '%s' "
					    "to '%s' by hand", v->name, v->gateway.refs[j].name);

					step(s, title, true, 0);
					free(title);
					detail(s, "create an ExpressRoute gateway (GatewaySubnet /27 or "
					    "larger) and a connection to the circuit; see "
					    "expressroute-howto-coexist-resource-manager", NULL);
				}
	}
	for (i = 0; i < ap->nconns; i++) {
		const struct arm_conn	*cn = &ap->conns[i];
		const struct arm_vnet	*a = &ap->vnets[cn->vnet], *b;
		char			*title, *rg, *gw, *name, *loc, *arg, *argn, *key;

		if (!cn->one_sided)
			continue;
		b = &ap->vnets[cn->peer];
		title = xasprintf("Complete the one-sided VNet-to-VNet pair %s to %s", a->name,
		    b->name);
		step(s, title, true, 0);
		free(title);
		ref(s->res, T_CONN, a->rg, cn->name);
		detail(s, "the classic ", b->name, " had no tunnel back to ", a->name, ", so ",
		    cn->name, " stays NotConnected: its classic tunnel never came up either. "
		    "Either add the tunnel back to the netcfg (a LocalNetworkSiteRef of ", b->name,
		    " to the site that stands for ", a->name, ") and migrate again, or create the "
		    "connection back with the same key (set SHARED_KEY to the value of parameter '",
		    ap->params[cn->param].name, "' in the parameters file):", NULL);
		rg = shq(b->rg);
		gw = shq(b->gw);
		arg = xasprintf("%sto%s", b->name, a->name);
		name = shq(arg);
		loc = shq(b->location);
		free(arg);
		{
			char *qrg = shq(a->rg), *qgw = shq(a->gw);

			arg = xasprintf("$(az network vnet-gateway show --resource-group %s --name %s "
			    "--query id --output tsv)", qrg, qgw);
			free(qrg);
			free(qgw);
		}
		argn = xasprintf("\"%s\"", arg);
		key = xstrdup("\"$SHARED_KEY\"");
		detail(s, "az network vpn-connection create --resource-group ", rg, " --name ", name,
		    " --location ", loc, " --vnet-gateway1 ", gw, " --vnet-gateway2 ", argn,
		    " --shared-key ", key, NULL);
		free(rg);
		free(gw);
		free(name);
		free(loc);
		free(arg);
		free(argn);
		free(key);
	}
	if (ap->npeerings > 0) {
		step(s, "Verify that every peering is Connected", true, 0);
		for (i = 0; i < ap->npeerings; i++)
			ref_peering(s, ap, i);
		for (i = 0; i < ap->npeerings; i++) {
			const struct arm_peering *pr = &ap->peerings[i];
			char *rg = shq(ap->vnets[pr->vnet].rg), *vn = shq(ap->vnets[pr->vnet].name);
			char *name = shq(pr->name);

			detail(s, "az network vnet peering show --resource-group ", rg, " --vnet-name ",
			    vn, " --name ", name, " --query peeringState --output tsv", NULL);
			free(rg);
			free(vn);
			free(name);
		}
	}
	if (ap->nconns > 0) {
		size_t one = 0;

		for (i = 0; i < ap->nconns; i++)
			one += ap->conns[i].one_sided;
		step(s, one == 0 ? "Verify that every connection is Connected" :
		    "Verify that every connection is Connected (a one-sided one only once its "
		    "pair is completed)", true, 0);
		for (i = 0; i < ap->nconns; i++)
			ref(s->res, T_CONN, ap->vnets[ap->conns[i].vnet].rg,
			    ap->conns[i].name);
		for (i = 0; i < ap->nconns; i++) {
			char *rg = shq(ap->vnets[ap->conns[i].vnet].rg), *name = shq(ap->conns[i].name);

			detail(s, "az network vpn-connection show --resource-group ", rg, " --name ",
			    name, " --query connectionStatus", NULL);
			free(rg);
			free(name);
		}
	}
}

json_t *
plan_steps(const struct check_ctx *c, const struct armplan *ap, const struct template_set *ts)
{
	struct steps	s = { json_array(), NULL, NULL, { NULL, 0, 0 } };
	size_t		i;
	bool		any_gw = false;

	for (i = 0; i < c->cfg->nvnets; i++)
		any_gw |= ap->vnets[i].has_gw;
	steps_keys(&s, ap);
	steps_deploy(&s, c, ap, any_gw, ts);
	steps_manual(&s, c, ap);
	for (i = 0; i < c->cfg->nvnets; i++)
		if (ap->vnets[i].has_gw && ap->vnets[i].default_lng != NONE) {
			char *title = xasprintf("Force the Internet-bound traffic of %s through its "
			    "gateway", ap->vnets[i].name);
			char *rg = shq(ap->vnets[i].rg);
			char *rt = xasprintf("%s-ForcedTunnel", ap->vnets[i].name);
			char *qrt = shq(rt);

			step(&s, title, true, 0);
			free(title);
			ref(s.res, T_GW, ap->vnets[i].rg, ap->vnets[i].gw);
			detail(&s, "the default site only names where forced traffic goes; as in classic "
			    "(Set-AzureSubnetRouteTable), the subnets that must not reach the Internet "
			    "directly need a route table with 0.0.0.0/0 to the gateway:", NULL);
			detail(&s, "az network route-table create --resource-group ", rg, " --name ", qrt,
			    NULL);
			detail(&s, "az network route-table route create --resource-group ", rg,
			    " --route-table-name ", qrt, " --name DefaultRoute --address-prefix 0.0.0.0/0 "
			    "--next-hop-type VirtualNetworkGateway", NULL);
			detail(&s, "then for each such subnet: az network vnet subnet update "
			    "--route-table with this table (a redeployment removes the link again)", NULL);
			free(rg);
			free(rt);
			free(qrt);
		}
	step(&s, "Recreate the network security groups and route tables", true, 0);
	detail(&s, "the netcfg holds none, so the new subnets have none: list them on the classic "
	    "side for each subnet (classic Azure PowerShell: Get-AzureNetworkSecurityGroupForSubnet "
	    "-VirtualNetworkName V -SubnetName S, Get-AzureSubnetRouteTable -VirtualNetworkName V "
	    "-SubnetName S), recreate them (az network nsg create, az network route-table create) "
	    "and link them (az network vnet subnet update --network-security-group, "
	    "--route-table); a redeployment of the template removes these links again", NULL);
	step(&s, "Move the workloads, then remove the classic network configuration", true, 0);
	detail(&s, ap->npeerings > 0 ? "remove the classic VNets and gateways only after the new "
	    "connections and peerings are Connected and the workloads run in the new VNets: until "
	    "then they are the way back" : "remove the classic VNets and gateways only after the "
	    "new connections are Connected and the workloads run in the new VNets: until then "
	    "they are the way back", NULL);
	sbuf_release(&s.scratch);
	return s.all;
}

void
plan_summary(const struct check_ctx *c, const struct armplan *ap, struct plan_summary *s)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	size_t			 i, j, k;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < cfg->nvnets; i++) {
		s->subnets += cfg->vnets[i].nsubnets;
		s->gateways += tp->gw[i].exists;
		s->p2s += cfg->vnets[i].gateway.has_pool;
		s->arm_gateways += ap->vnets[i].has_gw;
		for (j = 0; j < cfg->vnets[i].gateway.nrefs; j++)
			for (k = 0; k < cfg->vnets[i].gateway.refs[j].nconns; k++)
				s->er += cfg->vnets[i].gateway.refs[j].conns[k].type == CONN_DEDICATED;
	}
	for (i = 0; i < tp->nt; i++) {
		if (tp->t[i].peer == NONE)
			s->s2s++;
		else if (tp->t[i].reverse == NONE)
			s->one_sided++;
		else if (tp->t[i].reverse > i)
			s->pairs++;
	}
	for (i = 0; i < ap->nparams; i++)
		s->known_keys += ap->params[i].value != NULL;
}

static json_t *
summary(const struct check_ctx *c, const struct armplan *ap, const struct diags *dg)
{
	const struct netcfg	*cfg = c->cfg;
	struct plan_summary	 s;

	plan_summary(c, ap, &s);
#define N(v)	(json_int_t)(v)
	return json_pack("{s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I},"
	    " s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I}, s:I, s:I, s:I}",
	    "classic", "virtualNetworkSites", N(cfg->nvnets), "subnets", N(s.subnets),
	    "localNetworkSites", N(cfg->nsites), "dnsServers", N(cfg->ndns),
	    "gateways", N(s.gateways), "ipsecTunnels", N(c->topo->nt),
	    "vnetToVnetPairs", N(s.pairs), "vnetToVnetOneSided", N(s.one_sided),
	    "siteToSiteTunnels", N(s.s2s),
	    "pointToSitePools", N(s.p2s), "expressRouteConnections", N(s.er),
	    "arm", "resourceGroups", N(ap->nrgs), "virtualNetworks", N(cfg->nvnets),
	    "publicIPAddresses", N(s.arm_gateways), "virtualNetworkGateways", N(s.arm_gateways),
	    "localNetworkGateways", N(ap->nlngs), "connections", N(ap->nconns),
	    "virtualNetworkPeerings", N(ap->npeerings),
	    "sharedKeys", "parameters", N(ap->nparams), "known", N(s.known_keys),
	    "missing", N(ap->nparams - s.known_keys),
	    "errors", N(dg->count[LEVEL_ERROR]), "warnings", N(dg->count[LEVEL_WARNING]),
	    "notes", N(dg->count[LEVEL_NOTE]));
#undef N
}

static json_t *
shared_keys(const struct armplan *ap)
{
	json_t	*keys = json_array();
	size_t	 i, k;

	for (i = 0; i < ap->nparams; i++) {
		const struct arm_param	*p = &ap->params[i];
		json_t			*conns = json_array();
		json_t			*o;

		for (k = 0; k < p->nconn; k++)
			json_array_append_new(conns, S(ap->conns[p->conn[k]].name));
		o = json_pack("{s:o, s:o, s:o, s:b}", "parameter", S(p->name),
		    "description", S(p->description), "connections", conns,
		    "valueKnown", p->value != NULL);
		if (p->value_pos != NULL) {
			char *at = xasprintf("%s:%lu", p->value_pos->file, p->value_pos->line);

			json_object_set_new(o, "setAt", S(at));
			free(at);
		}
		json_array_append_new(keys, o);
	}
	return keys;
}

/* The templates in the order they are deployed, and how. */
static json_t *
deployments(const struct armplan *ap, const struct template_set *ts)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < ts->n; i++) {
		const struct deploy_file *f = &ts->f[i];
		json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:s}", "order", (json_int_t)i + 1,
		    "name", S(f->name), "template", S(f->file), "parameters", S(f->pfile),
		    "scope", ap->single_rg != NULL ? "resourceGroup" : "subscription");

		if (ap->single_rg != NULL)
			json_object_set_new(o, "resourceGroup", S(ap->single_rg));
		else
			json_object_set_new(o, "location", S(f->location));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
emit_plan(const struct check_ctx *c, const struct armplan *ap, const struct input *in,
    const struct diags *d, const char *sha256, const struct template_set *ts)
{
	json_t *plan = json_object();
	size_t	i;

	json_object_set_new(plan, "netcfgcPlan", json_integer(1));
	json_object_set_new(plan, "generator", json_pack("{s:s, s:s}", "name", "netcfgc",
	    "version", PACKAGE_VERSION));
	json_object_set_new(plan, "source", json_pack("{s:o, s:o}", "path", S(in->display),
	    "sha256", S(sha256)));
	json_object_set_new(plan, "summary", summary(c, ap, d));
	json_object_set_new(plan, "diagnostics", diags_to_json(d));
	json_object_set_new(plan, "mapping", plan_mapping(c, ap));
	json_object_set_new(plan, "steps", plan_steps(c, ap, ts));
	json_object_set_new(plan, "sharedKeys", shared_keys(ap));
	json_object_set_new(plan, "deployments", deployments(ap, ts));
	if (ts->n == 1) {
		json_object_set_new(plan, "template", json_incref(ts->f[0].template));
		json_object_set_new(plan, "parameters", emit_parameters(ap, &ts->f[0], false));
	} else {
		json_t *t = json_array(), *p = json_array();

		for (i = 0; i < ts->n; i++) {
			json_array_append(t, ts->f[i].template);
			json_array_append_new(p, emit_parameters(ap, &ts->f[i], false));
		}
		json_object_set_new(plan, "templates", t);
		json_object_set_new(plan, "parametersFiles", p);
		/*
		 * "template" is the one template of an export that fits; a split
		 * one has "templates" instead.  Tools that read "template" get one
		 * that deploys nothing and says why, not the first part alone.
		 */
		json_object_set_new(plan, "template", json_pack("{s:s, s:s, s:{s:o}, s:{}, s:{}, "
		    "s:[], s:{}}", "$schema", json_string_value(json_object_get(ts->f[0].template,
		    "$schema")), "contentVersion", "1.0.0.0", "metadata", "description",
		    json_sprintf("This export is split into %zu templates: they are in \"templates\", "
		    "to deploy in the order of \"deployments\". This template deploys nothing.",
		    ts->n), "parameters", "variables", "resources", "outputs"));
	}
	return plan;
}
