/* addr.h - strict IPv4 addresses and prefixes; the only user of libcidr. */
#ifndef NETCFGC_ADDR_H
#define NETCFGC_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ip4net {
	uint32_t	addr;	/* host order; network address when canonical */
	unsigned	len;	/* 0..32 */
};

enum addr_status {
	ADDR_OK = 0,
	ADDR_SYNTAX,		/* not a strict a.b.c.d[/n]; why says what */
	ADDR_HOSTBITS,		/* a prefix with host bits set; out is canonical */
};

#define ADDR_WHY_MAX	160
#define NET_STR_MAX	19	/* "255.255.255.255/32" and NUL */

/*
 * Strict "a.b.c.d/n": four decimal octets without leading zeros, n 0..32.
 * What the strict reading accepts, libcidr must read as the same value, or
 * it is ADDR_SYNTAX after all.
 */
enum addr_status addr_parse_prefix(const char *, struct ip4net *, char *why, size_t);
/* Strict "a.b.c.d", cross-checked the same way. */
enum addr_status addr_parse_ip(const char *, uint32_t *, char *why, size_t);

uint32_t	 net_first(struct ip4net);
uint32_t	 net_last(struct ip4net);
bool		 net_contains(struct ip4net outer, struct ip4net inner);
bool		 net_overlaps(struct ip4net, struct ip4net);
bool		 net_equal(struct ip4net, struct ip4net);
bool		 net_has_ip(struct ip4net, uint32_t);
char		*net_format(struct ip4net, char buf[NET_STR_MAX]);
char		*ip_format(uint32_t, char buf[16]);
int		 net_cmp(const void *, const void *);

/* NULL for a public unicast address, else what it is ("private (RFC 1918)"). */
const char	*ip_special(uint32_t);

/*
 * Overlap sweep.  Items are sorted by start address and prefix length; since
 * two prefixes are either disjoint or nested, the prefixes that contain the
 * current one form a stack.  For every overlapping pair (a before b in sort
 * order) the callback runs once.  O(n log n + pairs).
 */
struct net_item {
	struct ip4net	 net;
	size_t		 owner;	/* caller's grouping, e.g. index of the VNet */
	const void	*data;	/* caller's object */
};
/* A group of na items with one prefix that contains the group of nb items with another. */
typedef void (*net_pair_fn)(const struct net_item *a, size_t na, const struct net_item *b,
    size_t nb, void *);
/* A group of n >= 2 items with one prefix, in owner order. */
typedef void (*net_same_fn)(const struct net_item *, size_t n, void *);
/*
 * Sort the items and group those with identical prefixes: same (if not NULL)
 * is called once per group of two or more, and fn once for each two groups
 * where one's prefix contains the other's.  Prefixes nest at most 33 deep, so
 * there are at most 32 calls of fn per group, however many copies it holds.
 */
void	 net_sweep(struct net_item *, size_t, net_pair_fn, net_same_fn, void *);

#endif
