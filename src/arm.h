/* arm.h - the mapping decisions from classic to ARM, in one place. */
#ifndef NETCFGC_ARM_H
#define NETCFGC_ARM_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

#define ARM_NETWORK_API		"2023-11-01"
#define ARM_RESOURCES_API	"2022-09-01"

/* The ARM resource types netcfgc writes: every Microsoft.* name is here. */
#define T_VNET		"Microsoft.Network/virtualNetworks"
#define T_SUBNET	"Microsoft.Network/virtualNetworks/subnets"
#define T_PIP		"Microsoft.Network/publicIPAddresses"
#define T_GW		"Microsoft.Network/virtualNetworkGateways"
#define T_LNG		"Microsoft.Network/localNetworkGateways"
#define T_CONN		"Microsoft.Network/connections"
#define T_PEERING	"Microsoft.Network/virtualNetworks/virtualNetworkPeerings"
#define T_RG		"Microsoft.Resources/resourceGroups"
#define T_DEPLOY	"Microsoft.Resources/deployments"

/* Hex digits of the short stable hash that makes a shortened name unique. */
#define ARM_HASH_LEN	6

/* The first ARM_HASH_LEN hex digits of the SHA-256 of s. */
void		 arm_short_hash(const char *s, char out[ARM_HASH_LEN + 1]);
/* Characters (not bytes) of UTF-8 s. */
size_t		 arm_name_length(const char *s);
/*
 * s (malloc'd, legal) if it has at most max characters; else (or always,
 * with force) its start, '-' and the short hash of whole, max characters
 * in all.  Takes s; returns a malloc'd string.
 */
char		*arm_fit(char *s, size_t max, const char *whole, bool force);

/* NAME=REGION pairs from --affinity-group. */
struct ag_map {
	char	**name, **region;
	size_t	 n, cap;
};
/* Add "NAME=REGION"; -1 if spec is not of that form. */
int		 ag_map_add(struct ag_map *, const char *spec);
/* The index of a name (case-insensitive), or NONE. */
size_t		 ag_map_find(const struct ag_map *, const char *);
/* Region of an affinity group, or NULL. */
const char	*ag_map_region(const struct ag_map *, const char *);
void		 ag_map_release(struct ag_map *);

/*
 * Why s cannot name a resource group (1-90 letters, digits, '_', '-', '.',
 * '(' and ')', not ending in '.'), or NULL if it can.  Letters include
 * those outside ASCII, as ARM's do.
 */
const char	*arm_rg_name_problem(const char *s);

/* --gateway-sku CLASSIC=ARM overrides. */
struct sku_map {
	enum classic_sku classic[8];
	char		*arm[8];
	size_t		 n;
};

/* Parse "CLASSIC=ARM" into m; -1 with a message in why on error. */
int		 sku_map_add(struct sku_map *, const char *spec, char *why, size_t);
void		 sku_map_release(struct sku_map *);

/*
 * The ARM SKU a classic gateway becomes (SPEC §6), overrides applied.  A
 * StaticRouting gateway becomes PolicyBased, which ARM allows only on Basic,
 * so without an override it becomes Basic whatever its classic size.
 */
const char	*arm_gateway_sku(enum classic_sku, enum routing, const struct sku_map *);
/* The most IPsec (S2S + VNet-to-VNet) tunnels an ARM SKU allows, 0 if unknown. */
unsigned	 arm_sku_tunnel_limit(const char *sku, enum routing);
/* The most tunnels a classic gateway allowed. */
unsigned	 classic_tunnel_limit(enum classic_sku, enum routing);
/* RouteBased or PolicyBased. */
const char	*arm_vpn_type(enum routing);

#endif
