/* addr.c - strict IPv4 parsing over libcidr, containment, overlap sweep. */
#include "config.h"

#include <libcidr.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "xalloc.h"

static void
why_set(char *why, size_t n, const char *msg)
{
	if (why != NULL && n > 0)
		snprintf(why, n, "%s", msg);
}

/*
 * Parse four dotted decimal octets at *sp, strictly.  Leaves *sp after them.
 */
static bool
parse_quad(const char **sp, uint32_t *out, char *why, size_t whyn)
{
	const char	*s = *sp;
	uint32_t	 v = 0;
	int		 i;

	for (i = 0; i < 4; i++) {
		unsigned	 oct = 0;
		int		 nd = 0;
		const char	*start = s;

		if (i > 0) {
			if (*s != '.') {
				why_set(why, whyn, *s == '\0' || *s == '/' ?
				    "it has fewer than four octets" :
				    "octets must be separated by '.'");
				return false;
			}
			s++;
			start = s;
		}
		while (*s >= '0' && *s <= '9') {
			if (nd == 3) {
				why_set(why, whyn, "an octet has more than three digits");
				return false;
			}
			oct = oct * 10 + (unsigned)(*s - '0');
			nd++;
			s++;
		}
		if (nd == 0) {
			if (*start == 'x' || *start == 'X' ||
			    (start[0] == '0' && (start[1] == 'x' || start[1] == 'X')))
				why_set(why, whyn, "hexadecimal octets are not allowed");
			else
				why_set(why, whyn, "an octet is missing or not a decimal number");
			return false;
		}
		if ((*s == 'x' || *s == 'X') && nd == 1 && start[0] == '0') {
			why_set(why, whyn, "hexadecimal octets are not allowed");
			return false;
		}
		if (nd > 1 && start[0] == '0') {
			why_set(why, whyn, "an octet has a leading zero (it would be read as octal)");
			return false;
		}
		if (oct > 255) {
			why_set(why, whyn, "an octet is greater than 255");
			return false;
		}
		v = (v << 8) | oct;
	}
	*sp = s;
	*out = v;
	return true;
}

/*
 * Cross-check with libcidr, which must agree on anything we accepted.
 * libcidr reads the byte before an address of seven characters
 * ("1.2.3.4"), so it reads a copy with a NUL before it.
 */
static bool
cidr_agrees(const char *text, uint32_t addr, int len)
{
	char	 buf[1 + NET_STR_MAX];
	size_t	 n = strlen(text);
	CIDR	*c;
	uint32_t v;
	bool	 ok;
	int	 i, pflen = 0;

	if (n >= NET_STR_MAX)
		return false;	/* longer than any strict address: not reached */
	buf[0] = '\0';
	memcpy(buf + 1, text, n + 1);
	if ((c = cidr_from_str(buf + 1)) == NULL)
		return false;
	/* CIDR is a public struct; reading it spares cidr_get_addr's copy */
	if (c->proto != CIDR_IPV4) {
		cidr_free(c);
		return false;
	}
	/* v4 addresses and masks live in the last four bytes */
	v = (uint32_t)c->addr[12] << 24 | (uint32_t)c->addr[13] << 16 |
	    (uint32_t)c->addr[14] << 8 | (uint32_t)c->addr[15];
	ok = v == addr;
	if (ok && len >= 0) {
		for (i = 12; i < 16; i++) {
			uint8_t m = c->mask[i];

			while (m & 0x80) {
				pflen++;
				m = (uint8_t)(m << 1);
			}
			if (m != 0 || (i < 15 && c->mask[i] != 0xff && c->mask[i + 1] != 0))
				ok = false;	/* not a prefix mask */
		}
		ok = ok && pflen == len;
	}
	cidr_free(c);
	return ok;
}

static uint32_t
mask_of(unsigned len)
{
	return len == 0 ? 0 : 0xffffffffu << (32 - len);
}

enum addr_status
addr_parse_ip(const char *text, uint32_t *out, char *why, size_t whyn)
{
	const char *s = text;

	if (*s == '\0') {
		why_set(why, whyn, "it is empty");
		return ADDR_SYNTAX;
	}
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
		why_set(why, whyn, "it has white space around it");
		return ADDR_SYNTAX;
	}
	if (!parse_quad(&s, out, why, whyn))
		return ADDR_SYNTAX;
	if (*s == '/') {
		why_set(why, whyn, "an address was expected, not a prefix");
		return ADDR_SYNTAX;
	}
	if (*s != '\0') {
		why_set(why, whyn, *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ?
		    "it has white space around it" : "it has extra characters after the address");
		return ADDR_SYNTAX;
	}
	if (!cidr_agrees(text, *out, -1)) {
		why_set(why, whyn, "libcidr does not read it as that address");
		return ADDR_SYNTAX;
	}
	return ADDR_OK;
}

enum addr_status
addr_parse_prefix(const char *text, struct ip4net *out, char *why, size_t whyn)
{
	const char	*s = text;
	uint32_t	 a;
	unsigned	 len = 0;
	int		 nd = 0;

	if (*s == '\0') {
		why_set(why, whyn, "it is empty");
		return ADDR_SYNTAX;
	}
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
		why_set(why, whyn, "it has white space around it");
		return ADDR_SYNTAX;
	}
	if (!parse_quad(&s, &a, why, whyn))
		return ADDR_SYNTAX;
	if (*s != '/') {
		why_set(why, whyn, *s == '\0' ? "the prefix length '/n' is missing" :
		    "it has extra characters after the address");
		return ADDR_SYNTAX;
	}
	s++;
	if (*s == '-' || *s == '+') {
		why_set(why, whyn, "the prefix length must be a number from 0 to 32");
		return ADDR_SYNTAX;
	}
	while (*s >= '0' && *s <= '9') {
		if (nd == 2) {
			why_set(why, whyn, "the prefix length must be a number from 0 to 32");
			return ADDR_SYNTAX;
		}
		len = len * 10 + (unsigned)(*s - '0');
		nd++;
		s++;
	}
	if (nd == 0) {
		why_set(why, whyn, "the prefix length must be a number from 0 to 32");
		return ADDR_SYNTAX;
	}
	if (nd > 1 && s[-2] == '0') {
		why_set(why, whyn, "the prefix length has a leading zero");
		return ADDR_SYNTAX;
	}
	if (len > 32) {
		why_set(why, whyn, "the prefix length is greater than 32");
		return ADDR_SYNTAX;
	}
	if (*s != '\0') {
		why_set(why, whyn, *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ?
		    "it has white space around it" : "it has extra characters after the prefix length");
		return ADDR_SYNTAX;
	}
	if (!cidr_agrees(text, a, (int)len)) {
		why_set(why, whyn, "libcidr does not read it as that prefix");
		return ADDR_SYNTAX;
	}
	out->addr = a & mask_of(len);
	out->len = len;
	return out->addr == a ? ADDR_OK : ADDR_HOSTBITS;
}

uint32_t
net_first(struct ip4net n)
{
	return n.addr & mask_of(n.len);
}

uint32_t
net_last(struct ip4net n)
{
	return net_first(n) | ~mask_of(n.len);
}

bool
net_contains(struct ip4net outer, struct ip4net inner)
{
	return outer.len <= inner.len &&
	    (inner.addr & mask_of(outer.len)) == net_first(outer);
}

bool
net_overlaps(struct ip4net a, struct ip4net b)
{
	return net_contains(a, b) || net_contains(b, a);
}

bool
net_equal(struct ip4net a, struct ip4net b)
{
	return a.len == b.len && net_first(a) == net_first(b);
}

bool
net_has_ip(struct ip4net n, uint32_t ip)
{
	return (ip & mask_of(n.len)) == net_first(n);
}

char *
ip_format(uint32_t a, char buf[16])
{
	snprintf(buf, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
	    (a >> 8) & 255, a & 255);
	return buf;
}

char *
net_format(struct ip4net n, char buf[NET_STR_MAX])
{
	char ip[16];

	snprintf(buf, NET_STR_MAX, "%s/%u", ip_format(n.addr, ip), n.len);
	return buf;
}

int
net_cmp(const void *va, const void *vb)
{
	const struct ip4net *a = va, *b = vb;

	if (net_first(*a) != net_first(*b))
		return net_first(*a) < net_first(*b) ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

static const struct {
	uint32_t	 addr;
	unsigned	 len;
	const char	*what;
} specials[] = {
	{ 0x00000000, 8,  "in 0.0.0.0/8 ('this network')" },
	{ 0x0a000000, 8,  "private (RFC 1918)" },
	{ 0x64400000, 10, "shared carrier-grade NAT space (RFC 6598)" },
	{ 0x7f000000, 8,  "a loopback address" },
	{ 0xa9fe0000, 16, "link-local" },
	{ 0xac100000, 12, "private (RFC 1918)" },
	{ 0xc0000000, 24, "reserved for IETF protocol assignments" },
	{ 0xc0000200, 24, "reserved for documentation (TEST-NET-1)" },
	{ 0xc0a80000, 16, "private (RFC 1918)" },
	{ 0xc6120000, 15, "reserved for benchmarking (RFC 2544)" },
	{ 0xc6336400, 24, "reserved for documentation (TEST-NET-2)" },
	{ 0xcb007100, 24, "reserved for documentation (TEST-NET-3)" },
	{ 0xe0000000, 4,  "a multicast address" },
	{ 0xf0000000, 4,  "reserved (240.0.0.0/4)" },
};

const char *
ip_special(uint32_t ip)
{
	size_t i;

	for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
		struct ip4net n = { specials[i].addr, specials[i].len };

		if (net_has_ip(n, ip))
			return specials[i].what;
	}
	return NULL;
}

static int
item_cmp(const void *va, const void *vb)
{
	const struct net_item *a = va, *b = vb;
	int c = net_cmp(&a->net, &b->net);

	if (c != 0)
		return c;
	/* a fixed order for identical prefixes: by owner, then where the caller holds them */
	if (a->owner != b->owner)
		return a->owner < b->owner ? -1 : 1;
	if (a->data != b->data)
		return (uintptr_t)a->data < (uintptr_t)b->data ? -1 : 1;
	return 0;
}

void
net_sweep(struct net_item *v, size_t n, net_pair_fn fn, net_same_fn same, void *ctx)
{
	size_t	*stack, *len, sp = 0, i, j, k;

	if (n == 0)
		return;
	qsort(v, n, sizeof(*v), item_cmp);
	stack = xcalloc(n, sizeof(*stack));
	len = xcalloc(n, sizeof(*len));
	for (i = 0; i < n; i = k) {
		/* a run of identical prefixes is one group */
		for (k = i + 1; k < n && net_equal(v[k].net, v[i].net); k++)
			;
		if (k - i > 1 && same != NULL)
			same(&v[i], k - i, ctx);
		while (sp > 0 && net_last(v[stack[sp - 1]].net) < net_first(v[i].net))
			sp--;
		/* prefixes are laminar: every group on the stack contains this one */
		for (j = 0; j < sp; j++)
			fn(&v[stack[j]], len[j], &v[i], k - i, ctx);
		len[sp] = k - i;
		stack[sp++] = i;
	}
	free(stack);
	free(len);
}
