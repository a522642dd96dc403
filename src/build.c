/* build.c - XML tree to classic model; nothing of libxml2 survives past it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "build.h"
#include "xalloc.h"

static bool
is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar	*v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char	*s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static char *
text(const xmlNode *n)
{
	xmlChar	*v = xmlNodeGetContent(n);
	char	*s = xstrdup(v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

static void
build_prefixes(const struct xmldoc *x, const xmlNode *space, struct prefix_list *l)
{
	const xmlNode *c;

	l->pos = load_pos(x, space);
	for (c = space->children; c != NULL; c = c->next) {
		if (is_el(c, "AddressPrefix")) {
			struct prefix	*p = VEC_PUSH(l->v, l->n, l->cap);
			struct pos	 pos = load_pos(x, c);
			char		*t = text(c);

			memset(p, 0, sizeof(*p));
			prefix_set(p, t, &pos);
			free(t);
		}
	}
}

static void
build_dns(const struct xmldoc *x, const xmlNode *dns, struct netcfg *cfg)
{
	const xmlNode *c, *s;

	for (c = dns->children; c != NULL; c = c->next) {
		if (!is_el(c, "DnsServers"))
			continue;
		for (s = c->children; s != NULL; s = s->next) {
			struct dns_server *d;

			if (!is_el(s, "DnsServer"))
				continue;
			d = VEC_PUSH(cfg->dns, cfg->ndns, cfg->capdns);
			memset(d, 0, sizeof(*d));
			d->pos = load_pos(x, s);
			d->name = attr(s, "name");
			d->ip_text = attr(s, "IPAddress");
			if (d->name == NULL)
				d->name = xstrdup("");
			if (d->ip_text == NULL)
				d->ip_text = xstrdup("");
			d->ip_valid = addr_parse_ip(d->ip_text, &d->ip, NULL, 0) == ADDR_OK;
		}
	}
}

static void
build_site(const struct xmldoc *x, const xmlNode *n, struct netcfg *cfg)
{
	struct local_site	*s = VEC_PUSH(cfg->sites, cfg->nsites, cfg->capsites);
	const xmlNode		*c;

	memset(s, 0, sizeof(*s));
	s->pos = load_pos(x, n);
	s->name = attr(n, "name");
	if (s->name == NULL)
		s->name = xstrdup("");
	s->space.pos = s->pos;
	for (c = n->children; c != NULL; c = c->next) {
		if (is_el(c, "AddressSpace"))
			build_prefixes(x, c, &s->space);
		else if (is_el(c, "VPNGatewayAddress")) {
			s->has_vpn_addr = true;
			s->vpn_addr_pos = load_pos(x, c);
			s->vpn_addr_text = text(c);
			s->vpn_addr_valid = addr_parse_ip(s->vpn_addr_text,
			    &s->vpn_addr, NULL, 0) == ADDR_OK;
		}
	}
}

static void
build_gateway(const struct xmldoc *x, const xmlNode *n, struct gateway *g)
{
	const xmlNode *c, *r, *k;

	g->present = true;
	g->pos = load_pos(x, n);
	g->profile = attr(n, "profile");
	g->pool.pos = g->pos;
	for (c = n->children; c != NULL; c = c->next) {
		if (is_el(c, "VPNClientAddressPool")) {
			g->has_pool = true;
			build_prefixes(x, c, &g->pool);
		} else if (is_el(c, "ConnectionsToLocalNetwork")) {
			for (r = c->children; r != NULL; r = r->next) {
				struct site_ref *ref;

				if (!is_el(r, "LocalNetworkSiteRef"))
					continue;
				ref = VEC_PUSH(g->refs, g->nrefs, g->caprefs);
				memset(ref, 0, sizeof(*ref));
				ref->pos = load_pos(x, r);
				ref->name = attr(r, "name");
				if (ref->name == NULL)
					ref->name = xstrdup("");
				for (k = r->children; k != NULL; k = k->next) {
					struct connection	*conn;
					char			*type;

					if (!is_el(k, "Connection"))
						continue;
					conn = VEC_PUSH(ref->conns, ref->nconns, ref->capconns);
					conn->pos = load_pos(x, k);
					type = attr(k, "type");
					conn->type = type && strcmp(type, "Dedicated") == 0 ?
					    CONN_DEDICATED : CONN_IPSEC;
					free(type);
				}
			}
		}
	}
}

static void
build_vnet(const struct xmldoc *x, const xmlNode *n, struct netcfg *cfg)
{
	struct vnet	*v = VEC_PUSH(cfg->vnets, cfg->nvnets, cfg->capvnets);
	const xmlNode	*c, *s;

	memset(v, 0, sizeof(*v));
	v->pos = load_pos(x, n);
	v->name = attr(n, "name");
	if (v->name == NULL)
		v->name = xstrdup("");
	v->location = attr(n, "Location");
	v->affinity_group = attr(n, "AffinityGroup");
	v->space.pos = v->pos;
	for (c = n->children; c != NULL; c = c->next) {
		if (is_el(c, "AddressSpace"))
			build_prefixes(x, c, &v->space);
		else if (is_el(c, "Subnets")) {
			for (s = c->children; s != NULL; s = s->next) {
				struct subnet	*sn;
				const xmlNode	*p;

				if (!is_el(s, "Subnet"))
					continue;
				sn = VEC_PUSH(v->subnets, v->nsubnets, v->capsubnets);
				memset(sn, 0, sizeof(*sn));
				sn->pos = load_pos(x, s);
				sn->name = attr(s, "name");
				if (sn->name == NULL)
					sn->name = xstrdup("");
				for (p = s->children; p != NULL; p = p->next) {
					if (is_el(p, "AddressPrefix") && !sn->has_prefix) {
						struct pos	 pp = load_pos(x, p);
						char		*t = text(p);

						prefix_set(&sn->prefix, t, &pp);
						sn->has_prefix = true;
						free(t);
					}
				}
			}
		} else if (is_el(c, "DnsServersRef")) {
			for (s = c->children; s != NULL; s = s->next) {
				struct dns_ref *r;

				if (!is_el(s, "DnsServerRef"))
					continue;
				r = VEC_PUSH(v->dns_refs, v->ndns_refs, v->capdns_refs);
				memset(r, 0, sizeof(*r));
				r->pos = load_pos(x, s);
				r->name = attr(s, "name");
				if (r->name == NULL)
					r->name = xstrdup("");
			}
		} else if (is_el(c, "Gateway"))
			build_gateway(x, c, &v->gateway);
		else if (is_el(c, "InternetGatewayNetwork")) {
			v->internet_gateway = attr(c, "name");
			if (v->internet_gateway == NULL)
				v->internet_gateway = xstrdup("");
			v->internet_gateway_pos = load_pos(x, c);
		}
	}
}

struct netcfg *
build_model(const struct xmldoc *x)
{
	struct netcfg	*cfg = netcfg_new(x->file);
	const xmlNode	*root = xmlDocGetRootElement(x->doc), *vnc, *c, *e;
	size_t		 i, j;

	cfg->pos = load_pos(x, root);
	for (vnc = root->children; vnc != NULL; vnc = vnc->next) {
		if (!is_el(vnc, "VirtualNetworkConfiguration"))
			continue;
		for (c = vnc->children; c != NULL; c = c->next) {
			if (is_el(c, "Dns"))
				build_dns(x, c, cfg);
			else if (is_el(c, "LocalNetworkSites")) {
				for (e = c->children; e != NULL; e = e->next)
					if (is_el(e, "LocalNetworkSite"))
						build_site(x, e, cfg);
			} else if (is_el(c, "VirtualNetworkSites")) {
				for (e = c->children; e != NULL; e = e->next)
					if (is_el(e, "VirtualNetworkSite"))
						build_vnet(x, e, cfg);
			}
		}
	}
	/* positions point at the display name the model owns */
	netcfg_index(cfg);
	for (i = 0; i < cfg->nvnets; i++) {
		struct vnet *v = &cfg->vnets[i];

		for (j = 0; j < v->ndns_refs; j++)
			v->dns_refs[j].server = netcfg_dns(cfg, v->dns_refs[j].name);
		for (j = 0; j < v->gateway.nrefs; j++)
			v->gateway.refs[j].site = netcfg_site(cfg, v->gateway.refs[j].name);
	}
	return cfg;
}
