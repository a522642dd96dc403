/* topology.h - derived facts: gateways, tunnels, which site stands for which VNet, pairs. */
#ifndef NETCFGC_TOPOLOGY_H
#define NETCFGC_TOPOLOGY_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "sidefile.h"

#define NONE ((size_t)-1)

/*
 * The most tunnels a classic gateway allowed (HighPerformance).  A VNet
 * with more is a tunnel-limit error; the transit analyses do not weigh it.
 */
#define CLASSIC_TUNNELS_MAX	30

/* How a local site relates to the VNet it stands for. */
enum stand {
	STAND_NONE,
	STAND_EXACT,		/* the site holds exactly the VNet's address space */
	STAND_PART,		/* the site holds part of the VNet's space */
	STAND_TRANSIT,		/* the site holds all of it and more (on-premises) */
};

struct site_info {
	size_t		 vnet;		/* the VNet it stands for, or NONE */
	enum stand	 stand;
	size_t		 also;		/* a later VNet it matches as well, or NONE */
	size_t		 amb;		/* with also: the first (vnet is then NONE) */
	size_t		*cand;		/* STAND_TRANSIT: every VNet it holds whole */
	size_t		 ncand, capcand;
};

struct gw_info {
	bool		 exists;	/* tunnels or a client pool */
	enum routing	 routing;
	struct pos	 routing_pos;	/* side-file statement, line 0 if none */
	enum classic_sku sku;
	struct pos	 sku_pos;
	size_t		 ntunnels;	/* IPsec tunnels */
	size_t		 nconns;	/* of them, those that become ARM connections */
	bool		 made;		/* an ARM gateway is made (peering: for S2S or P2S only) */
};

struct tunnel {
	size_t			 vnet;		/* from */
	const struct site_ref	*ref;
	const struct local_site	*site;		/* NULL if undefined */
	size_t			 peer;		/* VNet the site stands for, or NONE */
	size_t			 reverse;	/* the peer's tunnel back, or NONE */
	const struct side_stmt	*key;		/* last key statement, or NULL */
	bool			 by_peering;	/* VNet-to-VNet under --vnet-to-vnet peering: a
						 * pair is peered, a one-sided one dropped */
};

struct topology {
	struct site_info *sites;	/* per netcfg site */
	size_t		 nsites;
	struct gw_info	*gw;		/* per VNet */
	struct tunnel	*t;		/* sorted by (vnet, peer, ref order) */
	size_t		 nt;
	size_t		*first;		/* the tunnels of VNet v: t[first[v]] .. t[first[v + 1] - 1] */
	bool		 peering;	/* --vnet-to-vnet peering */
};

/*
 * Derive the topology of cfg with the facts of the side files (may be 0).
 * Side-file statements naming unknown VNets or sites are not resolved here;
 * check_keys reports them.
 */
struct topology	*topology_build(const struct netcfg *, const struct sidefile *, size_t nside,
		    bool peering);
void		 topology_free(struct topology *);

/* True if a VNet-to-VNet tunnel runs between VNets a and b, either way. */
bool		 topology_connected(const struct topology *, size_t a, size_t b);
/* The tunnel from VNet a to a site standing for VNet b, or NONE. */
size_t		 topology_tunnel(const struct topology *, size_t a, size_t b);
/* Is the tunnel from a to b one half of a pair (a tunnel back exists)? */
bool		 topology_paired(const struct topology *, size_t a, size_t b);
/* Does the reference make an IPsec tunnel (an IPsec Connection, or none at all)? */
bool		 tunnel_is_ipsec(const struct site_ref *);

#endif
