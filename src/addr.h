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

/*
 * The libcidr cross-check, deferred: with a batch, the strict reading
 * decides at once and the text is recorded; cidr_batch_check later has
 * libcidr read every recorded text (driver.c runs it on a second thread
 * while the rules work) and counts those it reads otherwise.  A count above
 * zero means some strict verdicts cannot stand, and the caller starts over
 * without a batch.  Recorded texts must live until the check has run.
 */
struct cidr_check {
	const char	*text;
	uint32_t	 addr;
	int		 len;		/* -1 for an address */
};
struct cidr_batch {
	struct cidr_check *v;
	size_t		 n, cap;
};
enum addr_status addr_parse_prefix_b(const char *, struct ip4net *, char *why, size_t,
		    struct cidr_batch *);
enum addr_status addr_parse_ip_b(const char *, uint32_t *, char *why, size_t,
		    struct cidr_batch *);
size_t		 cidr_batch_check(const struct cidr_batch *);
void		 cidr_batch_release(struct cidr_batch *);

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
typedef void (*net_pair_fn)(const struct net_item *, const struct net_item *, void *);
void	 net_sweep(struct net_item *, size_t, net_pair_fn, void *);

#endif
