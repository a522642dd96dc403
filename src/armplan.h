/* armplan.h - what the classic model becomes in ARM: groups, names, resources. */
#ifndef NETCFGC_ARMPLAN_H
#define NETCFGC_ARMPLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "cert.h"
#include "check.h"
#include "hash.h"
#include "topology.h"

struct arm_vnet {
	size_t		 rgi;		/* index in rgs */
	char		*rg;
	char		*name;
	const char	*location;	/* ARM region name, static or from --affinity-group */
	char		**subnets;	/* per netcfg subnet: its ARM name */
	size_t		 nsubnets;
	bool		 has_gw;	/* a gateway is emitted */
	char		*gw, *pip;
	const char	*sku;		/* ARM SKU */
	const char	*vpn_type;
	bool		 sku_known, routing_known;
	size_t		 default_lng;	/* forced tunnelling: index in lngs, or NONE */
};

struct arm_lng {
	size_t		 site;		/* netcfg site index */
	size_t		 next;		/* the site's local network gateway in another region, or NONE */
	size_t		 rgi;
	char		*rg;
	char		*name;
	const char	*location;
};

struct arm_param {
	size_t		 conn[2];	/* the connections that use it */
	size_t		 nconn;
	char		*name;
	const char	*value;		/* the key, borrowed from the side file; NULL unknown */
	const struct pos *value_pos;	/* where the key was set */
	char		*description;
};

struct arm_conn {
	size_t		 tunnel;	/* index in topology t[] */
	size_t		 vnet;		/* from */
	size_t		 peer;		/* Vnet2Vnet peer VNet, or NONE */
	size_t		 lng;		/* IPsec: index in lngs, or NONE */
	char		*name;
	size_t		 param;		/* index in params */
	size_t		 rgi;		/* the group of its VNet */
	size_t		 other_rgi;	/* the group of the other end */
	bool		 one_sided;	/* Vnet2Vnet with no tunnel back: never comes up alone */
};

/* A VNet-to-VNet pair under --vnet-to-vnet peering: one peering per direction. */
struct arm_peering {
	size_t		 tunnel;	/* the classic tunnel it replaces (index in topology t[]) */
	size_t		 vnet, peer;	/* from, to */
	size_t		 reverse;	/* the peering of the other direction */
	char		*name;		/* "<VNet>to<PeerVNet>", a child of the VNet */
	size_t		 rgi, other_rgi;	/* the groups of its VNet and of the peer */
	bool		 allow_transit;	/* allowGatewayTransit: the peer uses this VNet's gateway */
	bool		 use_remote;	/* useRemoteGateways: this VNet uses the peer's gateway */
};

/* peering-not-transitive: a reached c through b, and peering does not carry it. */
struct arm_unreached {
	size_t		 a, b, c;
};

/* Items grouped by an index: item[first[g]] .. item[first[g + 1] - 1]. */
struct groups {
	size_t		*first;
	size_t		*item;
};

struct arm_rg {
	char		*name;
	const char	*location;
};

/* What the options say about groups and deployment names. */
struct arm_opts {
	const char		*single_rg;	/* --resource-group, or NULL */
	const struct ag_map	*rg_for;	/* --resource-group-for VNET=RG, or NULL */
	bool			 existing_rgs;	/* --existing-resource-groups */
	const char		*id;		/* "<input>-<digest>": deployment names per input */
	const struct p2s_certs	*certs;		/* --p2s-root-cert */
	bool			 batch;		/* several inputs: a VNet of -for may be another's */
};

struct armplan {
	const struct arm_opts *opts;
	const char	*single_rg;	/* --resource-group, or NULL */
	bool		*rg_for_used;	/* per --resource-group-for entry */
	struct arm_vnet	*vnets;		/* per netcfg VNet */
	size_t		 nvnets_alloc;
	struct arm_lng	*lngs;
	size_t		 nlngs, caplngs;
	size_t		*site_lng;	/* per netcfg site: index in lngs, or NONE */
	struct arm_conn	*conns;
	size_t		 nconns, capconns;
	struct arm_param *params;
	size_t		 nparams, capparams;
	struct arm_peering *peerings;
	size_t		 npeerings, cappeerings;
	struct arm_unreached *unreached;
	size_t		 nunreached, capunreached;
	struct arm_rg	*rgs;		/* in order of first use */
	size_t		 nrgs, caprgs;
	struct hmap	 rg_idx, param_idx;
	/* indexes for the emitters, so that nothing is quadratic */
	size_t		*tunnel_conn;	/* per topology tunnel: its connection, or NONE */
	size_t		*tunnel_peering;	/* per topology tunnel: its peering, or NONE */
	struct groups	 rg_vnets, rg_lngs, rg_conns, lng_conns, rg_peerings;
};

/*
 * Decide every ARM name and group.  arm-name records (renames as notes,
 * collisions as errors) go to c->d.  Needs c->topo.
 */
struct armplan	*armplan_build(const struct check_ctx *c, const struct arm_opts *);
void		 armplan_free(struct armplan *);

/*
 * --vnet-to-vnet peering: gateway transit where a classic VNet reached
 * on-premises through its peer's gateway and ARM allows it;
 * peering-transit-lost where it does not, peering-not-transitive where a
 * VNet reached a third through its peer.  (transit.c)
 */
void		 plan_transit(const struct check_ctx *, struct armplan *);

/* Resource-group index of a name. */
size_t		 armplan_rg(const struct armplan *, const char *);

#endif
