/* model.h - the classic network model; every node keeps its file:line:col. */
#ifndef NETCFGC_MODEL_H
#define NETCFGC_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"
#include "hash.h"

/* A classic gateway's routing type and size, as the side files give them. */
enum routing {
	ROUTING_UNKNOWN,
	ROUTING_STATIC,
	ROUTING_DYNAMIC,
};

enum classic_sku {
	CSKU_UNKNOWN,
	CSKU_DEFAULT,
	CSKU_BASIC,
	CSKU_STANDARD,
	CSKU_HIGHPERFORMANCE,
};

const char *routing_name(enum routing);
const char *classic_sku_name(enum classic_sku);

/*
 * Ownership: struct netcfg owns every string and array reachable from it;
 * netcfg_free() releases all of it.  Pointers between nodes (a reference to
 * its target) are borrowed and valid as long as the netcfg lives.
 */

enum prefix_state {
	PREFIX_VALID,		/* strict and canonical */
	PREFIX_HOSTBITS,	/* strict, but host bits set: net is canonical */
	PREFIX_INVALID,		/* not usable */
};

struct prefix {
	char		*text;
	struct ip4net	 net;
	enum prefix_state state;
	char		*why;		/* PREFIX_INVALID: what is wrong, else NULL */
	struct pos	 pos;
};

struct prefix_list {
	struct prefix	*v;
	size_t		 n, cap;
	struct pos	 pos;		/* the AddressSpace / pool element */
};

struct dns_server {
	char		*name;
	char		*ip_text;
	uint32_t	 ip;
	bool		 ip_valid;
	struct pos	 pos;
};

struct local_site {
	char		*name;
	struct prefix_list space;
	bool		 has_vpn_addr;
	char		*vpn_addr_text;
	uint32_t	 vpn_addr;
	bool		 vpn_addr_valid;
	struct pos	 vpn_addr_pos;
	struct pos	 pos;
};

enum conn_type {
	CONN_IPSEC,
	CONN_DEDICATED,
};

struct connection {
	enum conn_type	 type;
	struct pos	 pos;
};

struct site_ref {
	char		*name;
	struct local_site *site;	/* resolved, or NULL */
	struct connection *conns;
	size_t		 nconns, capconns;
	struct pos	 pos;
	const struct site_ref *dup;	/* an earlier reference to the same site: ref-duplicate */
};

struct dns_ref {
	char		*name;
	struct dns_server *server;	/* resolved, or NULL */
	struct pos	 pos;
	const struct dns_ref *dup;	/* an earlier reference to the same server: ref-duplicate */
};

struct subnet {
	char		*name;
	struct prefix	 prefix;
	bool		 has_prefix;
	struct pos	 pos;
};

struct gateway {
	bool		 present;	/* a <Gateway> element exists */
	char		*profile;	/* @profile, or NULL */
	bool		 has_pool;
	struct prefix_list pool;	/* VPNClientAddressPool */
	struct site_ref	*refs;
	size_t		 nrefs, caprefs;
	struct pos	 pos;
};

struct vnet {
	char		*name;
	char		*location;	/* as written, or NULL */
	char		*affinity_group;
	struct prefix_list space;
	struct subnet	*subnets;
	size_t		 nsubnets, capsubnets;
	struct dns_ref	*dns_refs;
	size_t		 ndns_refs, capdns_refs;
	struct gateway	 gateway;
	char		*internet_gateway;	/* InternetGatewayNetwork/@name */
	struct pos	 internet_gateway_pos;
	struct pos	 pos;
};

/* Where an attribute of an element begins (netcfg_attr_pos). */
struct attr_pos {
	unsigned long	 el_line, el_col;	/* the element */
	const char	*name;			/* a static string */
	unsigned long	 line, col;		/* the attribute's name */
};

struct netcfg {
	char		*file;		/* display name of the input */
	struct dns_server *dns;
	size_t		 ndns, capdns;
	struct local_site *sites;
	size_t		 nsites, capsites;
	struct vnet	*vnets;
	size_t		 nvnets, capvnets;
	struct pos	 pos;		/* the root element */
	/* name indexes (first definition wins), built by netcfg_index() */
	struct hmap	 vnet_idx, site_idx, dns_idx;
	/* where attributes begin, in document order, for netcfg_attr_pos */
	struct attr_pos	*attrs;
	size_t		 nattrs, capattrs;
};

struct netcfg	*netcfg_new(const char *file);
void		 netcfg_free(struct netcfg *);

/* Append the usable prefixes of l, canonical and comma-separated, to b. */
struct sbuf;
void		 prefix_list_text(const struct prefix_list *, struct sbuf *);

/* Set p from text, classifying it; no diagnostics (checks report later). */
void		 prefix_set(struct prefix *, const char *text, const struct pos *);

/*
 * Keep where attribute name of the element at el begins (at), if it is one
 * that diagnostics point at (name, Location, AffinityGroup, IPAddress,
 * profile) and at is known.  The builder calls it in document order.
 */
void		 netcfg_attr_keep(struct netcfg *, const struct pos *el, const char *name,
		    const struct pos *at);
/*
 * Where attribute name of the element that begins at el begins (its name),
 * so that a diagnostic about the attribute's value points at it; el itself
 * when that is not known.
 */
struct pos	 netcfg_attr_pos(const struct netcfg *, const struct pos *el, const char *name);
/* Build the name indexes once the lists are complete. */
void		 netcfg_index(struct netcfg *);
/* Lookups by name, case-insensitive as Azure compares them; NULL if none. */
struct vnet	*netcfg_vnet(const struct netcfg *, const char *);
struct local_site *netcfg_site(const struct netcfg *, const char *);
struct dns_server *netcfg_dns(const struct netcfg *, const char *);
/* The GatewaySubnet of v, or NULL. */
struct subnet	*vnet_gateway_subnet(const struct vnet *);

#endif
