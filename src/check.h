/* check.h - the rule bodies: each adds records to the diagnostics, never prints. */
#ifndef NETCFGC_CHECK_H
#define NETCFGC_CHECK_H

#include "diag.h"
#include "model.h"

struct topology;
struct sidefile;
struct sku_map;
struct ag_map;

struct check_ctx {
	const struct netcfg	*cfg;
	struct diags		*d;
	const struct ag_map	*ags;
	const struct topology	*topo;	/* NULL: rules that need it do nothing */
	const struct sidefile	*side;	/* the -k side files */
	size_t			 nside;
	const struct sku_map	*skus;	/* --gateway-sku overrides */
};

/* The classic kinds, as diagnostics name them. */
#define K_VNET	"VirtualNetworkSite"
#define K_SITE	"LocalNetworkSite"
#define K_DNS	"DnsServer"
#define K_SUBNET "Subnet"
#define K_GATEWAY "Gateway"

void	 check_addresses(const struct check_ctx *);	/* check_addr.c */
void	 check_names(const struct check_ctx *);		/* check_names.c */
void	 check_gateways(const struct check_ctx *);	/* check_gateway.c */
void	 check_keys(const struct check_ctx *);		/* check_keys.c */

/* Run every check in rule-table order.  (check.c) */
void	 check_all(const struct check_ctx *);

#endif
