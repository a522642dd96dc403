/* emit_plan.c - the migration plan (SPEC §7): mapping, steps, summary, diagnostics. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "arm.h"
#include "emit.h"
#include "jsontext.h"
#include "xalloc.h"

/*
 * The mapping and the steps are made once, as calls on a plan_sink: the
 * plan writes them as JSON, the runbook as Markdown.  Neither holds them
 * whole.
 */
static void
ref(const struct plan_sink *k, const char *type, const char *rg, const char *name)
{
	k->ref(k->ctx, type, rg, name);
}

static void
entry(const struct plan_sink *k, const char *kind, const char *name, const struct pos *pos,
    const char *note)
{
	k->entry(k->ctx, kind, name, pos->line, note);
}

static void
end(const struct plan_sink *k)
{
	k->end(k->ctx);
}

void
plan_mapping(const struct check_ctx *c, const struct armplan *ap, const struct plan_sink *k)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	struct sbuf		 nm;
	size_t			*first, *user, *seen;	/* the VNets of each DNS server */
	size_t			 i, j, n;

	sbuf_init(&nm);
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet	*v = &cfg->vnets[i];
		const struct arm_vnet	*a = &ap->vnets[i];

		entry(k, "VirtualNetworkSite", v->name, &v->pos, NULL);
		ref(k, "Microsoft.Network/virtualNetworks", a->rg, a->name);
		end(k);
		for (j = 0; j < v->nsubnets; j++) {
			nm.len = 0;
			sbuf_adds(&nm, a->name);
			sbuf_addc(&nm, '/');
			sbuf_adds(&nm, v->subnets[j].name);
			entry(k, "Subnet", v->subnets[j].name, &v->subnets[j].pos, NULL);
			ref(k, "Microsoft.Network/virtualNetworks/subnets", a->rg, nm.s);
			end(k);
		}
		if (v->gateway.present) {
			nm.len = 0;
			if (a->has_gw)
				sbuf_cat(&nm, a->vpn_type, " ", a->sku, " gateway (classic ",
				    routing_name(tp->gw[i].routing), ", ", classic_sku_name(tp->gw[i].sku),
				    ")", v->gateway.has_pool ? "; point-to-site pool kept" : "", NULL);
			else
				sbuf_adds(&nm, "empty Gateway element: no connections and no client pool, "
				    "so no gateway is created");
			entry(k, "Gateway", v->name, &v->gateway.pos, nm.s);
			if (a->has_gw) {
				ref(k, "Microsoft.Network/virtualNetworkGateways", a->rg, a->gw);
				ref(k, "Microsoft.Network/publicIPAddresses", a->rg, a->pip);
			}
			end(k);
		}
		for (j = 0; j < v->gateway.nrefs; j++) {
			const struct site_ref	*r = &v->gateway.refs[j];
			const char		*note = NULL;
			size_t			 t, conns = 0;

			/* the VNet's own tunnels are few: find this reference's */
			for (t = tp->first[i]; t < tp->first[i + 1]; t++)
				conns += tp->t[t].ref == r && ap->tunnel_conn[t] != NONE;
			if (!tunnel_is_ipsec(r))
				note = "ExpressRoute (Dedicated) connection: reported, not migrated";
			else if (conns == 0)
				note = "not migrated: the peer VNet has no gateway (vnet2vnet-one-sided)";
			nm.len = 0;
			sbuf_adds(&nm, v->name);
			sbuf_adds(&nm, " -> ");
			sbuf_adds(&nm, r->name);
			entry(k, "LocalNetworkSiteRef", nm.s, &r->pos, note);
			for (t = tp->first[i]; t < tp->first[i + 1]; t++)
				if (tp->t[t].ref == r && ap->tunnel_conn[t] != NONE)
					ref(k, "Microsoft.Network/connections", a->rg,
					    ap->conns[ap->tunnel_conn[t]].name);
			end(k);
		}
	}
	for (i = 0; i < cfg->nsites; i++) {
		const struct local_site	*s = &cfg->sites[i];
		char			*note = NULL;

		if (ap->site_lng[i] == NONE && tp->sites[i].vnet != NONE)
			note = xasprintf("stands for VNet '%s': its tunnels become Vnet2Vnet "
			    "connections, so no local network gateway", cfg->vnets[tp->sites[i].vnet].name);
		else if (ap->site_lng[i] == NONE)
			note = xstrdup("no VNet has an IPsec tunnel to it: not migrated");
		entry(k, "LocalNetworkSite", s->name, &s->pos, note);
		if (ap->site_lng[i] != NONE)
			ref(k, "Microsoft.Network/localNetworkGateways", ap->lngs[ap->site_lng[i]].rg,
			    ap->lngs[ap->site_lng[i]].name);
		end(k);
		free(note);
	}
	/*
	 * DNS servers: the VNets that use each, in VNet order, each VNet once
	 * (seen[x] is 1 + the last VNet listed for server x).  Two passes: count,
	 * then place.
	 */
	first = xcalloc(cfg->ndns + 1, sizeof(*first));
	seen = xcalloc(cfg->ndns + 1, sizeof(*seen));
	user = NULL;
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

		note = first[i + 1] > first[i] ?
		    xasprintf("%s becomes an entry of dhcpOptions.dnsServers of these VNets", d->ip_text) :
		    xasprintf("%s is referenced by no VNet; ARM has no shared DNS list, so it is not migrated",
		    d->ip_text);
		entry(k, "DnsServer", d->name, &d->pos, note);
		for (j = first[i]; j < first[i + 1]; j++)
			ref(k, "Microsoft.Network/virtualNetworks", ap->vnets[user[j]].rg,
			    ap->vnets[user[j]].name);
		end(k);
		free(note);
	}
	free(first);
	free(user);
	free(seen);
	sbuf_release(&nm);
}

struct steps {
	const struct plan_sink	*k;
	int			 n;
	struct sbuf		 scratch;
};

static void
step(struct steps *s, const char *title, bool manual, int minutes)
{
	s->k->step(s->k->ctx, ++s->n, title, manual, minutes);
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
	s->k->detail(s->k->ctx, s->scratch.s);
}

void
plan_steps(const struct check_ctx *c, const struct armplan *ap, const struct plan_sink *k)
{
	const struct netcfg	*cfg = c->cfg;
	const struct topology	*tp = c->topo;
	struct steps		 s = { k, 0, { NULL, 0, 0 } };
	size_t			 i, missing = 0;
	bool			 any_gw = false;

	for (i = 0; i < ap->nparams; i++)
		if (ap->params[i].value == NULL)
			missing++;
	for (i = 0; i < cfg->nvnets; i++)
		any_gw |= ap->vnets[i].has_gw;
	if (missing > 0) {
		step(&s, "Supply the shared keys that the side files did not give", true, 0);
		for (i = 0; i < ap->nconns; i++)
			if (ap->params[ap->conns[i].param].value == NULL)
				ref(k, "Microsoft.Network/connections", ap->vnets[ap->conns[i].vnet].rg,
				    ap->conns[i].name);
		for (i = 0; i < ap->nparams; i++)
			if (ap->params[i].value == NULL)
				detail(&s, "add parameter '", ap->params[i].name, "' (",
				    ap->params[i].description, ") to azuredeploy.parameters.json, or "
				    "answer the prompt of the deployment; it must equal the key "
				    "configured on the other end", NULL);
		end(k);
	}
	step(&s, ap->single_rg ? "Check that the resource group exists" :
	    "Create the resource groups", ap->single_rg != NULL, 1);
	for (i = 0; i < ap->nrgs; i++)
		ref(k, "Microsoft.Resources/resourceGroups", ap->rgs[i].name, ap->rgs[i].name);
	if (ap->single_rg)
		detail(&s, "az group create --name ", ap->single_rg, " --location ",
		    ap->nrgs > 0 ? ap->rgs[0].location : "<region>", " (if it does not exist yet)",
		    NULL);
	end(k);
	step(&s, "Create the virtual networks with their subnets and DNS servers", false, 5);
	for (i = 0; i < cfg->nvnets; i++)
		ref(k, "Microsoft.Network/virtualNetworks", ap->vnets[i].rg, ap->vnets[i].name);
	end(k);
	if (any_gw) {
		step(&s, "Create the VPN gateways and their public IP addresses (long: up to "
		    "45 minutes, gateways in parallel)", false, 45);
		for (i = 0; i < cfg->nvnets; i++)
			if (ap->vnets[i].has_gw) {
				ref(k, "Microsoft.Network/publicIPAddresses", ap->vnets[i].rg,
				    ap->vnets[i].pip);
				ref(k, "Microsoft.Network/virtualNetworkGateways", ap->vnets[i].rg,
				    ap->vnets[i].gw);
			}
		for (i = 0; i < cfg->nvnets; i++)
			if (ap->vnets[i].has_gw)
				detail(&s, ap->vnets[i].gw, ": ", ap->vnets[i].vpn_type, ", ",
				    ap->vnets[i].sku, ", public IP ", ap->vnets[i].pip,
				    " (Standard, static)", NULL);
		end(k);
	}
	if (ap->nlngs > 0) {
		step(&s, "Create the local network gateways for the on-premises sites", false, 2);
		for (i = 0; i < ap->nlngs; i++)
			ref(k, "Microsoft.Network/localNetworkGateways", ap->lngs[i].rg, ap->lngs[i].name);
		end(k);
	}
	if (ap->nconns > 0) {
		step(&s, "Create the connections (VNet-to-VNet and site-to-site)", false, 5);
		for (i = 0; i < ap->nconns; i++)
			ref(k, "Microsoft.Network/connections", ap->vnets[ap->conns[i].vnet].rg,
			    ap->conns[i].name);
		end(k);
	}
	if (any_gw) {
		step(&s, "Read the new gateway public IP addresses", true, 0);
		for (i = 0; i < cfg->nvnets; i++)
			if (ap->vnets[i].has_gw)
				detail(&s, "az network public-ip show --resource-group ",
				    ap->vnets[i].rg, " --name ", ap->vnets[i].pip,
				    " --query ipAddress --output tsv", NULL);
		end(k);
	}
	for (i = 0; i < ap->nlngs; i++) {
		const struct arm_lng	*l = &ap->lngs[i];
		const struct local_site	*site = &cfg->sites[l->site];
		size_t			 j;
		char			*title;

		title = xasprintf("Reconfigure the VPN device of site '%s' at %s", site->name,
		    site->vpn_addr_valid ? site->vpn_addr_text : "(no address)");
		step(&s, title, true, 0);
		free(title);
		ref(k, "Microsoft.Network/localNetworkGateways", l->rg, l->name);
		for (j = ap->lng_conns.first[i]; j < ap->lng_conns.first[i + 1]; j++) {
			const struct arm_conn	*cn = &ap->conns[ap->lng_conns.item[j]];
			const struct vnet	*v = &cfg->vnets[cn->vnet];
			struct sbuf		 b;

			sbuf_init(&b);
			prefix_list_text(&v->space, &b);
			detail(&s, "peer: replace the old classic gateway address of VNet '", v->name,
			    "' with the address of ", ap->vnets[cn->vnet].pip, " (step above); route ",
			    b.s, " through the tunnel; keep the shared key of parameter '",
			    ap->params[cn->param].name, "'", NULL);
			sbuf_release(&b);
		}
		end(k);
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		if (ap->vnets[i].has_gw && v->gateway.has_pool) {
			char *title = xasprintf("Upload the point-to-site root certificates to %s",
			    ap->vnets[i].gw);

			step(&s, title, true, 0);
			free(title);
			ref(k, "Microsoft.Network/virtualNetworkGateways", ap->vnets[i].rg, ap->vnets[i].gw);
			detail(&s, "the netcfg holds no certificates: add each trusted root with az "
			    "network vnet-gateway root-cert create, then give users the new VPN client "
			    "package (az network vnet-gateway vpn-client generate)", NULL);
			end(k);
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

					step(&s, title, true, 0);
					free(title);
					detail(&s, "create an ExpressRoute gateway (GatewaySubnet /27 or "
					    "larger) and a connection to the circuit; see "
					    "expressroute-howto-coexist-resource-manager", NULL);
					end(k);
				}
	}
	if (tp->nt > 0) {
		step(&s, "Verify that every connection is Connected", true, 0);
		for (i = 0; i < ap->nconns; i++)
			ref(k, "Microsoft.Network/connections", ap->vnets[ap->conns[i].vnet].rg,
			    ap->conns[i].name);
		for (i = 0; i < ap->nconns; i++)
			detail(&s, "az network vpn-connection show --resource-group ",
			    ap->vnets[ap->conns[i].vnet].rg, " --name ", ap->conns[i].name,
			    " --query connectionStatus", NULL);
		end(k);
	}
	step(&s, "Move the workloads, then remove the classic network configuration", true, 0);
	end(k);
	sbuf_release(&s.scratch);
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
		else if (tp->t[i].reverse == NONE || tp->t[i].reverse > i)
			s->pairs++;
	}
	for (i = 0; i < ap->nparams; i++)
		s->known_keys += ap->params[i].value != NULL;
}

void
plan_sha256(const struct input *in, char hex[65])
{
	struct sha256_ctx	 sh;
	uint8_t			 dig[SHA256_DIGEST_SIZE];
	size_t			 i;

	sha256_init(&sh);
	sha256_update(&sh, in->len, in->data);
	sha256_digest(&sh, sizeof(dig), dig);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
}

static void
kint(struct jwriter *w, const char *key, size_t v)
{
	jw_key(w, key);
	jw_integer(w, (long long)v);
}

static void
summary(struct jwriter *w, const struct check_ctx *c, const struct armplan *ap,
    const struct diags *dg)
{
	const struct netcfg	*cfg = c->cfg;
	struct plan_summary	 s;

	plan_summary(c, ap, &s);
	jw_key(w, "summary");
	jw_object(w);
	jw_key(w, "classic");
	jw_object(w);
	kint(w, "virtualNetworkSites", cfg->nvnets);
	kint(w, "subnets", s.subnets);
	kint(w, "localNetworkSites", cfg->nsites);
	kint(w, "dnsServers", cfg->ndns);
	kint(w, "gateways", s.gateways);
	kint(w, "ipsecTunnels", c->topo->nt);
	kint(w, "vnetToVnetPairs", s.pairs);
	kint(w, "siteToSiteTunnels", s.s2s);
	kint(w, "pointToSitePools", s.p2s);
	kint(w, "expressRouteConnections", s.er);
	jw_end_object(w);
	jw_key(w, "arm");
	jw_object(w);
	kint(w, "resourceGroups", ap->nrgs);
	kint(w, "virtualNetworks", cfg->nvnets);
	kint(w, "publicIPAddresses", s.arm_gateways);
	kint(w, "virtualNetworkGateways", s.arm_gateways);
	kint(w, "localNetworkGateways", ap->nlngs);
	kint(w, "connections", ap->nconns);
	jw_end_object(w);
	jw_key(w, "sharedKeys");
	jw_object(w);
	kint(w, "parameters", ap->nparams);
	kint(w, "known", s.known_keys);
	kint(w, "missing", ap->nparams - s.known_keys);
	jw_end_object(w);
	kint(w, "errors", dg->count[LEVEL_ERROR]);
	kint(w, "warnings", dg->count[LEVEL_WARNING]);
	kint(w, "notes", dg->count[LEVEL_NOTE]);
	jw_end_object(w);
}

static void
shared_keys(struct jwriter *w, const struct armplan *ap)
{
	size_t	 i, k;
	char	*at;

	jw_key(w, "sharedKeys");
	jw_array(w);
	for (i = 0; i < ap->nparams; i++) {
		const struct arm_param *p = &ap->params[i];

		jw_object(w);
		jw_kstring(w, "parameter", p->name);
		jw_kstring(w, "description", p->description);
		jw_key(w, "connections");
		jw_array(w);
		for (k = 0; k < p->nconn; k++)
			jw_string(w, ap->conns[p->conn[k]].name);
		jw_end_array(w);
		jw_key(w, "valueKnown");
		jw_bool(w, p->value != NULL);
		if (p->value_pos != NULL) {
			at = xasprintf("%s:%lu", p->value_pos->file, p->value_pos->line);
			jw_kstring(w, "setAt", at);
			free(at);
		}
		jw_end_object(w);
	}
	jw_end_array(w);
}

/* The plan_sink of plan.json: mapping entries and steps as JSON objects. */
struct jplan {
	struct jwriter	*w;
	const char	*note;		/* of the open mapping entry */
	int		 minutes;	/* of the open step */
	bool		 in_step, in_details;
};

static void
j_ref(void *ctx, const char *type, const char *rg, const char *name)
{
	struct jplan *j = ctx;

	jw_object(j->w);
	jw_kstring(j->w, "type", type);
	jw_kstring(j->w, "resourceGroup", rg);
	jw_kstring(j->w, "name", name);
	jw_end_object(j->w);
}

static void
j_entry(void *ctx, const char *kind, const char *name, unsigned long line, const char *note)
{
	struct jplan *j = ctx;

	jw_object(j->w);
	jw_key(j->w, "classic");
	jw_object(j->w);
	jw_kstring(j->w, "kind", kind);
	jw_kstring(j->w, "name", name);
	jw_key(j->w, "line");
	jw_integer(j->w, (long long)line);
	jw_end_object(j->w);
	jw_key(j->w, "arm");
	jw_array(j->w);
	j->note = note;
}

static void
j_step(void *ctx, int order, const char *title, bool manual, int minutes)
{
	struct jplan *j = ctx;

	jw_object(j->w);
	jw_key(j->w, "order");
	jw_integer(j->w, order);
	jw_kstring(j->w, "title", title);
	jw_key(j->w, "manual");
	jw_bool(j->w, manual);
	jw_key(j->w, "resources");
	jw_array(j->w);
	j->minutes = minutes;
	j->in_step = true;
	j->in_details = false;
}

/* A step's resources are done: on to its details. */
static void
j_details(struct jplan *j)
{
	if (j->in_details)
		return;
	jw_end_array(j->w);
	if (j->minutes > 0) {
		jw_key(j->w, "durationMinutes");
		jw_integer(j->w, j->minutes);
	}
	jw_key(j->w, "details");
	jw_array(j->w);
	j->in_details = true;
}

static void
j_detail(void *ctx, const char *text)
{
	struct jplan *j = ctx;

	j_details(j);
	jw_string(j->w, text);
}

static void
j_end(void *ctx)
{
	struct jplan *j = ctx;

	if (j->in_step) {
		j_details(j);
		jw_end_array(j->w);
		j->in_step = false;
	} else {
		jw_end_array(j->w);
		if (j->note != NULL)
			jw_kstring(j->w, "note", j->note);
		j->note = NULL;
	}
	jw_end_object(j->w);
}

void
emit_plan(const struct check_ctx *c, const struct armplan *ap, const struct input *in,
    const struct diags *d, const char *sha256, struct jwriter *w)
{
	struct jplan		 j = { w, NULL, 0, false, false };
	struct plan_sink	 k = { j_entry, j_step, j_ref, j_detail, j_end, &j };
	json_t			*t;

	jw_object(w);
	kint(w, "netcfgcPlan", 1);
	jw_key(w, "generator");
	jw_object(w);
	jw_kstring(w, "name", "netcfgc");
	jw_kstring(w, "version", PACKAGE_VERSION);
	jw_end_object(w);
	jw_key(w, "source");
	jw_object(w);
	jw_key(w, "path");
	t = json_path(in->display);
	jw_value(w, t);
	json_decref(t);
	jw_kstring(w, "sha256", sha256);
	jw_end_object(w);
	summary(w, c, ap, d);
	jw_key(w, "diagnostics");
	t = diags_to_json(d);
	jw_value(w, t);
	json_decref(t);
	jw_key(w, "mapping");
	jw_array(w);
	plan_mapping(c, ap, &k);
	jw_end_array(w);
	jw_key(w, "steps");
	jw_array(w);
	plan_steps(c, ap, &k);
	jw_end_array(w);
	shared_keys(w, ap);
}
