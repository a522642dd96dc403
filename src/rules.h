/* rules.h - the rule table: every diagnostic netcfgc can give is one rule. */
#ifndef NETCFGC_RULES_H
#define NETCFGC_RULES_H

#include <stdbool.h>

enum level {
	LEVEL_OFF = 0,
	LEVEL_NOTE,
	LEVEL_WARNING,
	LEVEL_ERROR,
};

enum rule_id {
	R_XML_SYNTAX,
	R_XML_SCHEMA,
	R_CIDR_SYNTAX,
	R_CIDR_HOST_BITS,
	R_IP_SYNTAX,
	R_NAME_DUPLICATE,
	R_REF_UNDEFINED,
	R_LOCATION_MISSING,
	R_LOCATION_UNKNOWN,
	R_AFFINITY_GROUP,
	R_SUBNET_OUTSIDE_SPACE,
	R_SUBNET_OVERLAP,
	R_ADDRESS_SPACE_OVERLAP,
	R_VNET_OVERLAP,
	R_SITE_OVERLAP,
	R_GATEWAY_SUBNET_MISSING,
	R_GATEWAY_SUBNET_SIZE,
	R_GATEWAY_STATIC_ROUTING,
	R_TUNNEL_LIMIT,
	R_REDUNDANT_TUNNEL,
	R_VNET2VNET_ONE_SIDED,
	R_VNET2VNET_SITE_MISMATCH,
	R_TRANSIT_ROUTE,
	R_SHARED_KEY_MISSING,
	R_SHARED_KEY_MISMATCH,
	R_SHARED_KEY_FORMAT,
	R_SHARED_KEY_ORPHAN,
	R_SHARED_KEY_CONFLICT,
	R_GATEWAY_ADDRESS_PRIVATE,
	R_EXPRESSROUTE,
	R_CLIENT_POOL_OVERLAP,
	R_ARM_NAME,
	R_SIDE_FILE,
	R_SIDE_FILE_IGNORED,
	R_SIDE_FILE_VARIABLE,
	R_UNSUPPORTED_SETTING,
	R_GATEWAY_DEFAULT,
	R_UNREFERENCED,
	R_SITE_AMBIGUOUS,
	R_SUBNET_SIZE,
	R_ADDRESS_RESERVED,
	R_REF_DUPLICATE,
	R_GATEWAY_DEFAULT_SITE,
	R_DNS_IN_MIGRATED_SPACE,
	R_PEERING_TRANSIT_LOST,
	R_PEERING_NOT_TRANSITIVE,
	R_SUBSCRIPTION_LIMIT,
	R_ARM_LIMIT,
	R__COUNT
};

struct rule {
	const char	*name;
	enum level	 level;		/* default level */
	const char	*level_text;	/* as `netcfgc rules` shows it */
	const char	*summary;
	const char	*explanation;	/* what, why, how to fix */
	const char	*source;
	bool		 fixed;		/* -W cannot change its level: a file that breaks it is not read further */
};

extern const struct rule rules[R__COUNT];

const char	*level_name(enum level);
int		 level_from_name(const char *, enum level *);
int		 rule_lookup(const char *);	/* index, or -1 */

#endif
