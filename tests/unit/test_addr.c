/* test_addr.c - the strict address layer over libcidr. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

static enum addr_status
pfx(const char *s, struct ip4net *n)
{
	char why[ADDR_WHY_MAX];

	return addr_parse_prefix(s, n, why, sizeof(why));
}

static void
assert_rejected(const char *text, const char *why_part)
{
	struct ip4net	n;
	char		why[ADDR_WHY_MAX] = "";

	cr_assert_eq(addr_parse_prefix(text, &n, why, sizeof(why)), ADDR_SYNTAX,
	    "'%s' should be rejected", text);
	cr_assert(strstr(why, why_part) != NULL, "'%s': reason '%s' lacks '%s'", text, why, why_part);
}

Test(prefix, canonical_forms_accepted)
{
	struct ip4net n;

	cr_assert_eq(pfx("10.11.0.0/16", &n), ADDR_OK);
	cr_assert_eq(n.addr, 0x0a0b0000u);
	cr_assert_eq(n.len, 16);
	cr_assert_eq(pfx("0.0.0.0/0", &n), ADDR_OK);
	cr_assert_eq(n.len, 0);
	cr_assert_eq(pfx("255.255.255.255/32", &n), ADDR_OK);
	cr_assert_eq(n.addr, 0xffffffffu);
	cr_assert_eq(pfx("192.168.1.128/25", &n), ADDR_OK);
}

Test(prefix, host_bits_give_canonical_network)
{
	struct ip4net	n;
	char		buf[NET_STR_MAX];

	cr_assert_eq(pfx("10.11.0.5/16", &n), ADDR_HOSTBITS);
	cr_assert_str_eq(net_format(n, buf), "10.11.0.0/16");
	cr_assert_eq(pfx("10.11.1.1/27", &n), ADDR_HOSTBITS);
	cr_assert_str_eq(net_format(n, buf), "10.11.1.0/27");
}

/* The forms libcidr accepts on its own and netcfgc must not. */
Test(prefix, lenient_libcidr_forms_rejected)
{
	assert_rejected("10.11/16", "fewer than four octets");
	assert_rejected("10/8", "fewer than four octets");
	assert_rejected("010.11.0.0/16", "leading zero");
	assert_rejected("10.011.0.0/16", "leading zero");
	assert_rejected("0x0a.0.0.0/8", "hexadecimal");
	assert_rejected("10.0.0.0/-1", "0 to 32");
	assert_rejected("10.0.0.0", "prefix length '/n' is missing");
	assert_rejected("10.0.0.0/", "0 to 32");
	assert_rejected("10.0.0.0/33", "greater than 32");
	assert_rejected("10.0.0.0/08", "leading zero");
	assert_rejected("10.0.0.0/123", "0 to 32");
	assert_rejected("256.0.0.0/8", "greater than 255");
	assert_rejected("1000.0.0.0/8", "more than three digits");
	assert_rejected(" 10.0.0.0/8", "white space");
	assert_rejected("10.0.0.0/8 ", "white space");
	assert_rejected("10.0.0.0/8\n", "white space");
	assert_rejected("10.0.0.0/8x", "extra characters");
	assert_rejected("10.0.0.0.0/8", "extra characters");
	assert_rejected("", "empty");
	assert_rejected("::1/128", "not a decimal number");
	assert_rejected("10..0.0/8", "not a decimal number");
	assert_rejected("a.b.c.d/8", "not a decimal number");
}

Test(ip, strict_addresses)
{
	uint32_t	ip;
	char		why[ADDR_WHY_MAX];

	cr_assert_eq(addr_parse_ip("40.112.201.86", &ip, why, sizeof(why)), ADDR_OK);
	cr_assert_eq(ip, 0x2870c956u);
	cr_assert_eq(addr_parse_ip("10.0.0.1/32", &ip, why, sizeof(why)), ADDR_SYNTAX);
	cr_assert(strstr(why, "not a prefix") != NULL);
	cr_assert_eq(addr_parse_ip("10.1", &ip, why, sizeof(why)), ADDR_SYNTAX);
	cr_assert_eq(addr_parse_ip("010.0.0.1", &ip, why, sizeof(why)), ADDR_SYNTAX);
	cr_assert_eq(addr_parse_ip("0x7f.0.0.1", &ip, why, sizeof(why)), ADDR_SYNTAX);
	cr_assert_eq(addr_parse_ip("1.2.3.4 ", &ip, why, sizeof(why)), ADDR_SYNTAX);
	cr_assert_eq(addr_parse_ip("", &ip, why, sizeof(why)), ADDR_SYNTAX);
}

Test(net, containment_and_overlap)
{
	struct ip4net a, b, c, d;

	pfx("10.0.0.0/8", &a);
	pfx("10.11.0.0/16", &b);
	pfx("11.0.0.0/8", &c);
	pfx("0.0.0.0/0", &d);
	cr_assert(net_contains(a, b));
	cr_assert_not(net_contains(b, a));
	cr_assert(net_overlaps(a, b));
	cr_assert(net_overlaps(b, a));
	cr_assert_not(net_overlaps(a, c));
	cr_assert(net_contains(d, c));
	cr_assert(net_contains(a, a));
	cr_assert(net_equal(a, a));
	cr_assert_not(net_equal(a, b));
	cr_assert_eq(net_last(b), 0x0a0bffffu);
	cr_assert(net_has_ip(b, 0x0a0b0102u));
	cr_assert_not(net_has_ip(b, 0x0a0c0000u));
}

Test(ip, special_ranges)
{
	uint32_t ip;

	addr_parse_ip("192.168.1.1", &ip, NULL, 0);
	cr_assert_str_eq(ip_special(ip), "private (RFC 1918)");
	addr_parse_ip("172.31.255.1", &ip, NULL, 0);
	cr_assert_not_null(ip_special(ip));
	addr_parse_ip("172.32.0.1", &ip, NULL, 0);
	cr_assert_null(ip_special(ip));
	addr_parse_ip("100.64.0.1", &ip, NULL, 0);
	cr_assert_not_null(ip_special(ip));
	addr_parse_ip("127.0.0.1", &ip, NULL, 0);
	cr_assert_not_null(ip_special(ip));
	addr_parse_ip("203.0.113.9", &ip, NULL, 0);
	cr_assert_not_null(ip_special(ip));
	addr_parse_ip("40.112.201.86", &ip, NULL, 0);
	cr_assert_null(ip_special(ip));
}

struct pairs {
	int	n;
	size_t	a[16], b[16];
};

static void
record(const struct net_item *x, size_t nx, const struct net_item *y, size_t ny, void *ctx)
{
	struct pairs *p = ctx;

	cr_assert_eq(nx, 1);
	cr_assert_eq(ny, 1);
	cr_assert_lt(p->n, 16);
	p->a[p->n] = x->owner;
	p->b[p->n] = y->owner;
	p->n++;
}

static void
no_group(const struct net_item *v, size_t n, void *ctx)
{
	(void)v;
	(void)n;
	(void)ctx;
	cr_assert_fail("no two prefixes are identical");
}

struct groups {
	size_t	ngroups, npairs, sizes[4];
};

static void
count_pair(const struct net_item *x, size_t nx, const struct net_item *y, size_t ny, void *ctx)
{
	struct groups *g = ctx;

	(void)x;
	(void)y;
	(void)nx;
	(void)ny;
	g->npairs++;
}

static void
count_group(const struct net_item *v, size_t n, void *ctx)
{
	struct groups	*g = ctx;
	size_t		 i;

	for (i = 1; i < n; i++)
		cr_assert(v[i - 1].owner <= v[i].owner, "a group is in owner order");
	cr_assert_lt(g->ngroups, 4);
	g->sizes[g->ngroups++] = n;
}

Test(sweep, identical_prefixes_are_one_group_not_n_squared_pairs)
{
	static struct net_item	 items[20001];
	struct groups		 g = { 0, 0, { 0 } };
	size_t			 i;

	/* 20,000 copies of 10.0.0.0/16 in reverse owner order, and the /8 holding them */
	for (i = 0; i < 20000; i++) {
		pfx("10.0.0.0/16", &items[i].net);
		items[i].owner = 20000 - i;
		items[i].data = NULL;
	}
	pfx("10.0.0.0/8", &items[20000].net);
	items[20000].owner = 0;
	net_sweep(items, 20001, count_pair, count_group, &g);
	cr_assert_eq(g.ngroups, 1);
	cr_assert_eq(g.sizes[0], 20000);
	cr_assert_eq(g.npairs, 1, "the /8 with the group: one call, not 20,000");
}

Test(sweep, reports_every_overlapping_pair_once)
{
	const char	*texts[] = { "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "11.0.0.0/8",
	    "10.2.0.0/16", "12.0.0.0/8" };
	struct net_item	 items[6];
	struct pairs	 p = { 0, { 0 }, { 0 } };
	size_t		 i;

	for (i = 0; i < 6; i++) {
		pfx(texts[i], &items[i].net);
		items[i].owner = i;
		items[i].data = NULL;
	}
	net_sweep(items, 6, record, no_group, &p);
	/* /8 with each of the three inside it, and /16 with the /24 */
	cr_assert_eq(p.n, 4);
	for (i = 0; i < (size_t)p.n; i++)
		cr_assert(p.a[i] == 0 || (p.a[i] == 1 && p.b[i] == 2),
		    "unexpected pair %zu-%zu", p.a[i], p.b[i]);
}

Test(sweep, disjoint_prefixes_give_no_pair)
{
	struct net_item	 items[300];
	struct pairs	 p = { 0, { 0 }, { 0 } };
	size_t		 i;

	for (i = 0; i < 300; i++) {
		items[i].net.addr = (uint32_t)(0x0a000000u + (i << 8));
		items[i].net.len = 24;
		items[i].owner = i;
	}
	net_sweep(items, 300, record, no_group, &p);
	cr_assert_eq(p.n, 0);
}

/* Four octets of 1 to 3 digits ("1", "12", "123") making m characters, 7 <= m <= 15. */
static uint32_t
make_quad(size_t m, char *out)
{
	static const char *const oct[] = { "1", "12", "123" };
	static const unsigned val[] = { 1, 12, 123 };
	size_t		 extra = m - 7, i, k;
	uint32_t	 v = 0;

	out[0] = '\0';
	for (i = 0; i < 4; i++) {
		k = extra < 2 ? extra : 2;
		extra -= k;
		if (i > 0)
			strcat(out, ".");
		strcat(out, oct[k]);
		v = v << 8 | val[k];
	}
	return v;
}

/* text in a heap block of its own size, so that ASan sees a read outside it */
static char *
heap_copy(const char *text)
{
	char *s = malloc(strlen(text) + 1);

	cr_assert_not_null(s);
	return memcpy(s, text, strlen(text) + 1);
}

Test(prefix, every_length_from_7_to_18_characters_reaches_libcidr_safely)
{
	char		 text[32];
	size_t		 n;

	for (n = 7; n <= 18; n++) {
		struct ip4net	 net;
		uint32_t	 want, ip;
		char		*s;

		if (n <= 15) {
			want = make_quad(n, text);
			s = heap_copy(text);
			cr_assert_eq(addr_parse_ip(s, &ip, NULL, 0), ADDR_OK, "'%s'", s);
			cr_assert_eq(ip, want, "'%s'", s);
			free(s);
		}
		if (n >= 10) {
			want = make_quad(n - 3, text);
			strcat(text, "/32");
			s = heap_copy(text);
			cr_assert_eq(pfx(s, &net), ADDR_OK, "'%s'", s);
			cr_assert(net.addr == want && net.len == 32, "'%s'", s);
			free(s);
		}
		if (n >= 9 && n <= 17) {
			want = make_quad(n - 2, text);
			strcat(text, "/8");
			s = heap_copy(text);
			cr_assert_eq(pfx(s, &net), ADDR_HOSTBITS, "'%s'", s);
			cr_assert(net.addr == (want & 0xff000000u) && net.len == 8, "'%s'", s);
			free(s);
		}
	}
}
