/* check_names.c - names, references, locations and settings without ARM meaning. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arm.h"
#include "check.h"
#include "hash.h"
#include "regions.h"
#include "xalloc.h"

/*
 * Report names used twice in an array of objects with a name and a pos;
 * in names a VNet's name when the scope is that VNet, else NULL.  Short
 * arrays (a VNet's subnets) are compared pairwise, long ones through a map.
 */
#define CHECK_DUPS(c, arr, n, kindname, kindtext, in) do {			\
	struct hmap	 seen_;							\
	size_t		 i_, j_, first_ = 0;				\
	bool		 dup_;							\
	hmap_init(&seen_);							\
	for (i_ = 0; i_ < (n); i_++) {						\
		dup_ = false;							\
		if ((n) <= 16) {						\
			for (j_ = 0; j_ < i_ && !dup_; j_++)			\
				if (strcasecmp((arr)[j_].name, (arr)[i_].name) == 0) { \
					first_ = j_;				\
					dup_ = true;				\
				}						\
		} else								\
			dup_ = !hmap_put(&seen_, (arr)[i_].name, i_, &first_);	\
		if (dup_) {							\
			struct pos at_ = netcfg_attr_pos((c)->cfg, &(arr)[i_].pos, "name"); \
			struct pos first_at_ = netcfg_attr_pos((c)->cfg,	\
			    &(arr)[first_].pos, "name");			\
			struct diag *r_ = diag_add((c)->d, R_NAME_DUPLICATE,	\
			    &at_, kindname, (arr)[i_].name,			\
			    "%s '%s' is defined twice%s%s%s", kindtext,		\
			    (arr)[i_].name, (in) ? " in VNet '" : "",		\
			    (in) ? (in) : "", (in) ? "'" : "");			\
			diag_note(r_, &first_at_, "first defined here%s",	\
			    strcmp((arr)[first_].name, (arr)[i_].name) ?	\
			    " (names compare case-insensitively)" : "");	\
		}								\
	}									\
	hmap_release(&seen_);							\
} while (0)

static void
suggest_names(struct diag *r, const struct pos *pos, const char *name,
    const char *const *cands, size_t n)
{
	char *hint;

	if (r == NULL)
		return;		/* not listed (past the cap, or off): no hint to give */
	hint = did_you_mean(name, cands, n);
	/* the hint without its "; ": a note of its own */
	if (*hint != '\0')
		diag_note(r, pos, "%s", hint + 2);
	free(hint);
}

static void
check_refs(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	const char		**dnsn = xcalloc(cfg->ndns, sizeof(char *));
	const char		**siten = xcalloc(cfg->nsites, sizeof(char *));
	size_t			 i, j, k;

	for (i = 0; i < cfg->ndns; i++)
		dnsn[i] = cfg->dns[i].name;
	for (i = 0; i < cfg->nsites; i++)
		siten[i] = cfg->sites[i].name;
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		for (j = 0; j < v->ndns_refs; j++) {
			const struct dns_ref	*r = &v->dns_refs[j];
			struct diag		*dg;
			struct pos		 at;

			if (r->dup != NULL) {
				at = netcfg_attr_pos(cfg, &r->pos, "name");
				dg = diag_add(c->d, R_REF_DUPLICATE, &at, K_VNET, v->name,
				    "VNet '%s' refers to DNS server '%s' twice; the migration lists it "
				    "once", v->name, r->name);
				diag_note(dg, &r->dup->pos, "first referred to here");
				continue;
			}
			if (r->server != NULL)
				continue;
			at = netcfg_attr_pos(cfg, &r->pos, "name");
			dg = diag_add(c->d, R_REF_UNDEFINED, &at, K_VNET, v->name,
			    "VNet '%s' refers to DNS server '%s', which is not defined%s",
			    v->name, r->name, netcfg_site(cfg, r->name) ?
			    " (a local network site has that name)" : "");
			suggest_names(dg, &at, r->name, dnsn, cfg->ndns);
		}
		for (j = 0; j < v->gateway.nrefs; j++) {
			const struct site_ref	*r = &v->gateway.refs[j];
			struct diag		*dg;
			struct pos		 at;
			bool			 ipsec = r->nconns == 0;

			for (k = 0; k < r->nconns; k++)
				if (r->conns[k].type == CONN_IPSEC)
					ipsec = true;
			if (r->dup != NULL) {
				at = netcfg_attr_pos(cfg, &r->pos, "name");
				dg = diag_add(c->d, R_REF_DUPLICATE, &at, K_VNET, v->name,
				    "VNet '%s' connects to local network site '%s' twice; the migration "
				    "makes one connection", v->name, r->name);
				diag_note(dg, &r->dup->pos, "first connected here");
				continue;
			}
			/* a Dedicated-only reference may name a site outside the file */
			if (r->site != NULL || !ipsec)
				continue;
			at = netcfg_attr_pos(cfg, &r->pos, "name");
			dg = diag_add(c->d, R_REF_UNDEFINED, &at, K_VNET, v->name,
			    "VNet '%s' connects to local network site '%s', which is not defined%s",
			    v->name, r->name, netcfg_dns(cfg, r->name) ?
			    " (a DNS server has that name)" : netcfg_vnet(cfg, r->name) ?
			    " (a VNet has that name; classic VNet-to-VNet goes through a local site "
			    "that holds the peer's address space)" : "");
			suggest_names(dg, &at, r->name, siten, cfg->nsites);
		}
	}
	free(dnsn);
	free(siten);
}

static void
check_locations(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i;

	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		if (v->location == NULL && v->affinity_group == NULL) {
			diag_add(c->d, R_LOCATION_MISSING, &v->pos, K_VNET, v->name,
			    "VNet '%s' has neither Location nor AffinityGroup", v->name);
			continue;
		}
		if (v->location != NULL && v->affinity_group != NULL) {
			diag_add(c->d, R_LOCATION_MISSING, &v->pos, K_VNET, v->name,
			    "VNet '%s' has both Location '%s' and AffinityGroup '%s'; only one may be given",
			    v->name, v->location, v->affinity_group);
			continue;
		}
		if (v->location != NULL && region_find(v->location) == NULL) {
			char		*hint = region_hint(v->location);
			struct pos	 at = netcfg_attr_pos(cfg, &v->pos, "Location");

			diag_add(c->d, R_LOCATION_UNKNOWN, &at, K_VNET, v->name,
			    "VNet '%s' has Location '%s', which is no Azure region%s",
			    v->name, v->location, hint);
			free(hint);
		}
		if (v->affinity_group != NULL) {
			const char	*reg = ag_map_region(c->ags, v->affinity_group);
			struct pos	 at;

			/* found only for a diagnostic: the first indexes the input */
			if (reg == NULL) {
				at = netcfg_attr_pos(cfg, &v->pos, "AffinityGroup");
				diag_add(c->d, R_AFFINITY_GROUP, &at, K_VNET, v->name,
				    "VNet '%s' is in affinity group '%s', whose region is not known; "
				    "pass --affinity-group '%s=REGION'", v->name,
				    v->affinity_group, v->affinity_group);
			} else if (region_find(reg) == NULL) {
				char *hint = region_hint(reg);

				at = netcfg_attr_pos(cfg, &v->pos, "AffinityGroup");
				diag_add(c->d, R_LOCATION_UNKNOWN, &at, K_VNET, v->name,
				    "affinity group '%s' of VNet '%s' is mapped to '%s' by "
				    "--affinity-group, which is no Azure region%s",
				    v->affinity_group, v->name, reg, hint);
				free(hint);
			}
		}
	}
}

static void
check_settings(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i;

	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		if (v->gateway.profile != NULL) {
			struct pos at = netcfg_attr_pos(cfg, &v->gateway.pos, "profile");

			diag_add(c->d, R_UNSUPPORTED_SETTING, &at, K_GATEWAY, v->name,
			    "gateway profile '%s' of VNet '%s' has no ARM equivalent and is not migrated; "
			    "the ARM gateway size comes from its SKU", v->gateway.profile, v->name);
		}
		if (v->internet_gateway != NULL)
			diag_add(c->d, R_UNSUPPORTED_SETTING, &v->internet_gateway_pos, K_VNET, v->name,
			    "InternetGatewayNetwork '%s' of VNet '%s' has no ARM equivalent and is not migrated",
			    v->internet_gateway, v->name);
	}
}

/* Sites and DNS servers no VNet refers to: noted, since they become nothing. */
static void
check_unreferenced(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	bool			*site = xcalloc(cfg->nsites + 1, sizeof(*site));
	bool			*dns = xcalloc(cfg->ndns + 1, sizeof(*dns));
	size_t			 i, j;
	struct pos		 at;

	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		for (j = 0; j < v->ndns_refs; j++)
			if (v->dns_refs[j].server != NULL)
				dns[v->dns_refs[j].server - cfg->dns] = true;
		for (j = 0; j < v->gateway.nrefs; j++)
			if (v->gateway.refs[j].site != NULL)
				site[v->gateway.refs[j].site - cfg->sites] = true;
	}
	/* a second definition of a name is name-duplicate's to report */
	for (i = 0; i < cfg->nsites; i++) {
		const struct local_site *s = &cfg->sites[i];

		if (site[i] || netcfg_site(cfg, s->name) != s)
			continue;
		at = netcfg_attr_pos(cfg, &s->pos, "name");
		diag_add(c->d, R_UNREFERENCED, &at, K_SITE, s->name,
		    "local network site '%s' is referenced by no VNet, so it is not migrated "
		    "(a local network gateway is made only for a site with a tunnel)", s->name);
	}
	for (i = 0; i < cfg->ndns; i++) {
		const struct dns_server *d = &cfg->dns[i];

		if (dns[i] || netcfg_dns(cfg, d->name) != d)
			continue;
		at = netcfg_attr_pos(cfg, &d->pos, "name");
		diag_add(c->d, R_UNREFERENCED, &at, K_DNS, d->name,
		    "DNS server '%s' (%s) is referenced by no VNet, so it is not migrated "
		    "(ARM sets DNS servers on each virtual network)", d->name, d->ip_text);
	}
	free(site);
	free(dns);
}

void
check_names(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i;

	const char		*none = NULL;

	CHECK_DUPS(c, cfg->vnets, cfg->nvnets, K_VNET, "VNet", none);
	CHECK_DUPS(c, cfg->sites, cfg->nsites, K_SITE, "local network site", none);
	CHECK_DUPS(c, cfg->dns, cfg->ndns, K_DNS, "DNS server", none);
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		CHECK_DUPS(c, v->subnets, v->nsubnets, K_SUBNET, "subnet", v->name);
	}
	check_refs(c);
	check_locations(c);
	check_settings(c);
	check_unreferenced(c);
}
