/* check_addr.c - address rules: syntax, host bits, containment, overlaps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "topology.h"
#include "xalloc.h"

/* Report a prefix's syntax or host bits; false if it is unusable. */
static bool
check_prefix(const struct check_ctx *c, const struct prefix *p,
    const char *kind, const char *name, const char *what)
{
	char buf[NET_STR_MAX];

	switch (p->state) {
	case PREFIX_VALID:
		return true;
	case PREFIX_HOSTBITS:
		diag_add(c->d, R_CIDR_HOST_BITS, &p->pos, kind, name,
		    "%s %s has host bits set; did you mean %s?", what, p->text,
		    net_format(p->net, buf));
		return true;
	default:
		diag_add(c->d, R_CIDR_SYNTAX, &p->pos, kind, name,
		    "%s '%s' is not a valid IPv4 prefix: %s", what, p->text, p->why);
		return false;
	}
}

/* attr: the address is that attribute of the element at pos (NULL: the element's text). */
static void
check_ip(const struct check_ctx *c, const char *text, const struct pos *pos, const char *attr,
    const char *kind, const char *name, const char *what)
{
	char		why[ADDR_WHY_MAX];
	uint32_t	ip;
	struct pos	at = *pos;

	if (addr_parse_ip(text, &ip, why, sizeof(why)) == ADDR_OK)
		return;
	if (attr != NULL)
		at = netcfg_attr_pos(c->cfg, pos, attr);
	diag_add(c->d, R_IP_SYNTAX, &at, kind, name,
	    "%s '%s' is not a valid IPv4 address: %s", what, text, why);
}

struct overlap_ctx {
	const struct check_ctx	*c;
	enum rule_id		 rule;
	const char		*kind;
	const char		*name;
	bool			*mark;		/* vnet_same's flag per VNet */
};

static bool
pos_after(const struct pos *a, const struct pos *b)
{
	return a->line > b->line || (a->line == b->line && a->col > b->col);
}

/* Notes for the members of a group of identical prefixes other than r's own: the first few. */
#define GROUP_NOTES 3

/* Writes what a note says of the item, returns where it is. */
typedef const struct pos *(*label_fn)(const struct net_item *, char *, size_t);

static void
group_notes(struct diag *r, const struct net_item *v, size_t n, size_t skip, label_fn label)
{
	size_t	 i, k = 0;
	char	 buf[256];

	for (i = 0; i < n && k < GROUP_NOTES; i++) {
		const struct pos *p;

		if (i == skip)
			continue;
		p = label(&v[i], buf, sizeof(buf));
		diag_note(r, p, "%s", buf);
		k++;
	}
	if (n - 1 > k) {
		char b[16];

		diag_note(r, label(&v[skip], b, sizeof(b)), "and %zu more with the same prefix",
		    n - 1 - k);
	}
}

static const struct pos *
here_label(const struct net_item *it, char *buf, size_t sz)
{
	char b[NET_STR_MAX];

	snprintf(buf, sz, "%s is here", net_format(it->net, b));
	return &((const struct prefix *)it->data)->pos;
}

/* Items' data is a struct prefix.  Containment, reported at the later one. */
static void
space_pair(const struct net_item *a, size_t na, const struct net_item *b, size_t nb, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct prefix	*pa = a->data, *pb = b->data;
	struct diag		*r;
	char			 ba[NET_STR_MAX], bb[NET_STR_MAX];
	const struct prefix	*first = pa, *second = pb;

	(void)na;
	(void)nb;
	if (pos_after(&pa->pos, &pb->pos)) {
		first = pb;
		second = pa;
	}
	net_format(first->net, ba);
	net_format(second->net, bb);
	r = diag_add(o->c->d, o->rule, &second->pos, o->kind, o->name,
	    "address prefix %s of '%s' overlaps its prefix %s", bb, o->name, ba);
	diag_note(r, &first->pos, "%s is here", ba);
}

/* n copies of one prefix in one space: one diagnostic, at the second. */
static void
space_same(const struct net_item *v, size_t n, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct prefix	*second = v[1].data;
	char			 b[NET_STR_MAX];
	struct diag		*r;

	net_format(second->net, b);
	if (n == 2)
		r = diag_add(o->c->d, o->rule, &second->pos, o->kind, o->name,
		    "address prefix %s of '%s' appears twice", b, o->name);
	else
		r = diag_add(o->c->d, o->rule, &second->pos, o->kind, o->name,
		    "address prefix %s of '%s' appears %zu times", b, o->name, n);
	group_notes(r, v, n, 1, here_label);
}

static void
check_space(const struct check_ctx *c, const struct prefix_list *l,
    const char *kind, const char *name, const char *what)
{
	struct net_item		*items = xcalloc(l->n, sizeof(*items));
	struct overlap_ctx	 o = { c, R_ADDRESS_SPACE_OVERLAP, kind, name, NULL };
	size_t			 i, n = 0;

	for (i = 0; i < l->n; i++) {
		if (!check_prefix(c, &l->v[i], kind, name, what))
			continue;
		items[n].net = l->v[i].net;
		items[n].owner = 0;
		items[n].data = &l->v[i];
		n++;
	}
	net_sweep(items, n, space_pair, space_same, &o);
	free(items);
}

static void
subnet_pair(const struct net_item *a, size_t na, const struct net_item *b, size_t nb, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct subnet	*sa = a->data, *sb = b->data, *first = sa, *second = sb;
	struct diag		*r;
	char			 ba[NET_STR_MAX], bb[NET_STR_MAX];

	(void)na;
	(void)nb;
	if (pos_after(&sa->prefix.pos, &sb->prefix.pos)) {
		first = sb;
		second = sa;
	}
	r = diag_add(o->c->d, R_SUBNET_OVERLAP, &second->prefix.pos, K_SUBNET, second->name,
	    "subnet '%s' (%s) overlaps subnet '%s' (%s) of VNet '%s'",
	    second->name, net_format(second->prefix.net, bb),
	    first->name, net_format(first->prefix.net, ba), o->name);
	diag_note(r, &first->prefix.pos, "subnet '%s' is here", first->name);
}

static const struct pos *
subnet_label(const struct net_item *it, char *buf, size_t sz)
{
	const struct subnet *sn = it->data;

	snprintf(buf, sz, "subnet '%.200s' has it too", sn->name);
	return &sn->prefix.pos;
}

/* n subnets with one prefix: one diagnostic, at the second. */
static void
subnet_same(const struct net_item *v, size_t n, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct subnet	*first = v[0].data, *second = v[1].data;
	char			 b[NET_STR_MAX];
	struct diag		*r;

	net_format(second->prefix.net, b);
	if (n == 2)
		r = diag_add(o->c->d, R_SUBNET_OVERLAP, &second->prefix.pos, K_SUBNET,
		    second->name, "subnet '%s' has the prefix %s of subnet '%s' of VNet '%s'",
		    second->name, b, first->name, o->name);
	else
		r = diag_add(o->c->d, R_SUBNET_OVERLAP, &second->prefix.pos, K_SUBNET,
		    second->name, "%zu subnets of VNet '%s' have the prefix %s: '%s', '%s' and "
		    "%zu more", n, o->name, b, first->name, second->name, n - 2);
	group_notes(r, v, n, 1, subnet_label);
}

static void
check_subnets(const struct check_ctx *c, const struct vnet *v)
{
	struct net_item		*items = xcalloc(v->nsubnets, sizeof(*items));
	struct overlap_ctx	 o = { c, R_SUBNET_OVERLAP, K_SUBNET, v->name, NULL };
	size_t			 i, j, n = 0;
	char			 buf[NET_STR_MAX];
	const struct subnet	*gs = vnet_gateway_subnet(v);

	for (i = 0; i < v->nsubnets; i++) {
		const struct subnet	*s = &v->subnets[i];
		bool			 inside = false, any = false;

		if (!s->has_prefix ||
		    !check_prefix(c, &s->prefix, K_SUBNET, s->name, "subnet prefix"))
			continue;
		/* a gateway's own subnet is gateway-subnet-size's */
		if (s->prefix.net.len > 29 && !(s == gs && v->gateway.present))
			diag_add(c->d, R_SUBNET_SIZE, &s->prefix.pos, K_SUBNET, s->name,
			    "subnet '%s' of VNet '%s' is /%u, smaller than /29, the smallest subnet "
			    "Azure can create", s->name, v->name, s->prefix.net.len);
		for (j = 0; j < v->space.n; j++) {
			if (v->space.v[j].state == PREFIX_INVALID)
				continue;
			any = true;
			if (net_contains(v->space.v[j].net, s->prefix.net))
				inside = true;
		}
		if (any && !inside) {
			struct sbuf b;

			sbuf_init(&b);
			for (j = 0; j < v->space.n; j++)
				if (v->space.v[j].state != PREFIX_INVALID)
					sbuf_printf(&b, "%s%s", b.len ? ", " : "",
					    net_format(v->space.v[j].net, buf));
			diag_add(c->d, R_SUBNET_OUTSIDE_SPACE, &s->prefix.pos, K_SUBNET, s->name,
			    "subnet '%s' (%s) is not inside the address space of VNet '%s' (%s)",
			    s->name, net_format(s->prefix.net, buf), v->name, b.s);
			sbuf_release(&b);
		}
		items[n].net = s->prefix.net;
		items[n].owner = i;
		items[n].data = s;
		n++;
	}
	net_sweep(items, n, subnet_pair, subnet_same, &o);
	free(items);
}

/* Items' owner is the VNet index, data the struct prefix. */
static void
vnet_report(struct overlap_ctx *o, const struct net_item *a, const struct net_item *b)
{
	const struct netcfg	*cfg = o->c->cfg;
	const struct vnet	*va = &cfg->vnets[a->owner], *vb = &cfg->vnets[b->owner];
	const struct prefix	*pa = a->data, *pb = b->data;
	struct diag		*r;
	char			 ba[NET_STR_MAX], bb[NET_STR_MAX];
	bool			 connected;

	if (a->owner > b->owner) {	/* report at the later VNet */
		const struct vnet	*tv = va;
		const struct prefix	*tp = pa;

		va = vb; vb = tv;
		pa = pb; pb = tp;
	}
	connected = o->c->topo != NULL && topology_connected(o->c->topo,
	    (size_t)(va - cfg->vnets), (size_t)(vb - cfg->vnets));
	r = diag_addl(o->c->d, R_VNET_OVERLAP, connected ? LEVEL_ERROR : LEVEL_WARNING,
	    &pb->pos, K_VNET, vb->name,
	    "address space %s of VNet '%s' overlaps %s of VNet '%s'%s",
	    net_format(pb->net, bb), vb->name, net_format(pa->net, ba), va->name,
	    connected ? ", and the two are connected to each other" : "");
	diag_note(r, &pa->pos, "%s of '%s' is here", ba, va->name);
}

/* One group contains another: the first two items of different VNets. */
static void
vnet_pair(const struct net_item *a, size_t na, const struct net_item *b, size_t nb, void *vctx)
{
	size_t i;

	for (i = 0; i < nb; i++)
		if (b[i].owner != a[0].owner) {
			vnet_report(vctx, &a[0], &b[i]);
			return;
		}
	for (i = 0; i < na; i++)
		if (a[i].owner != b[0].owner) {
			vnet_report(vctx, &a[i], &b[0]);
			return;
		}
}

/*
 * One prefix in the spaces of several VNets: one diagnostic, at the second
 * VNet's, an error if any two of them are connected (o->mark: a flag per VNet).
 */
static void
vnet_same(const struct net_item *v, size_t n, void *vctx)
{
	struct overlap_ctx	*o = vctx;
	const struct netcfg	*cfg = o->c->cfg;
	const struct topology	*tp = o->c->topo;
	struct net_item		*u = xcalloc(n, sizeof(*u));
	size_t			 nu = 0, i, k;
	bool			 connected = false;

	/* one item per VNet (copies within one VNet are address-space-overlap's) */
	for (i = 0; i < n; i++)
		if (nu == 0 || u[nu - 1].owner != v[i].owner)
			u[nu++] = v[i];
	if (nu == 2)
		vnet_report(o, &u[0], &u[1]);
	else if (nu > 2) {
		const struct prefix	*p = u[1].data;
		char			 b[NET_STR_MAX];
		struct diag		*r;

		for (i = 0; i < nu; i++)
			o->mark[u[i].owner] = true;
		for (i = 0; tp != NULL && i < nu && !connected; i++)
			for (k = tp->first[u[i].owner]; k < tp->first[u[i].owner + 1]; k++)
				if (tp->t[k].peer != NONE && o->mark[tp->t[k].peer])
					connected = true;
		for (i = 0; i < nu; i++)
			o->mark[u[i].owner] = false;
		r = diag_addl(o->c->d, R_VNET_OVERLAP, connected ? LEVEL_ERROR : LEVEL_WARNING,
		    &p->pos, K_VNET, cfg->vnets[u[1].owner].name,
		    "address space %s is that of %zu VNets: '%s', '%s' and %zu more%s",
		    net_format(p->net, b), nu, cfg->vnets[u[0].owner].name,
		    cfg->vnets[u[1].owner].name, nu - 2,
		    connected ? ", and some of them are connected to each other" : "");
		for (i = 0; i < nu && i < GROUP_NOTES + 1; i++)
			if (i != 1)
				diag_note(r, &((const struct prefix *)u[i].data)->pos,
				    "%s of '%s' is here", b, cfg->vnets[u[i].owner].name);
		if (nu > GROUP_NOTES + 1)
			diag_note(r, &p->pos, "and %zu more VNets with the same prefix",
			    nu - GROUP_NOTES - 1);
	}
	free(u);
}

/* A DNS server must be a unicast host: not 0/8, loopback, multicast or 240/4 (broadcast). */
static void
check_dns_unicast(const struct check_ctx *c, const struct dns_server *ds)
{
	static const struct { uint32_t addr; unsigned len; const char *what; } bad[] = {
		{ 0x00000000, 8, "in 0.0.0.0/8, which names no host" },
		{ 0x7f000000, 8, "a loopback address: a VM would ask itself" },
		{ 0xe0000000, 4, "a multicast address" },
		{ 0xf0000000, 4, "reserved (240.0.0.0/4, with the broadcast address)" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ip4net n = { bad[i].addr, bad[i].len };

		if (net_has_ip(n, ds->ip)) {
			struct pos at = netcfg_attr_pos(c->cfg, &ds->pos, "IPAddress");

			diag_add(c->d, R_ADDRESS_RESERVED, &at, K_DNS, ds->name,
			    "DNS server '%s' has the address %s, %s; a DNS server must be a unicast "
			    "host address", ds->name, ds->ip_text, bad[i].what);
			return;
		}
	}
}

/* A VNet's space must not hold what Azure reserves. */
static void
check_reserved_space(const struct check_ctx *c, const struct vnet *v)
{
	static const struct { uint32_t addr; unsigned len; const char *what; } bad[] = {
		{ 0x7f000000, 8, "loopback 127.0.0.0/8" },
		{ 0xa83f8110, 32, "168.63.129.16, the platform's DNS and health address" },
		{ 0xa9fe0000, 16, "link-local 169.254.0.0/16" },
		{ 0xe0000000, 4, "multicast 224.0.0.0/4" },
		{ 0xffffffff, 32, "the broadcast address 255.255.255.255" },
	};
	size_t i, k;

	for (k = 0; k < v->space.n; k++) {
		const struct prefix *p = &v->space.v[k];

		if (p->state == PREFIX_INVALID)
			continue;
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			struct ip4net	 n = { bad[i].addr, bad[i].len };
			char		 b[NET_STR_MAX];

			if (!net_overlaps(p->net, n))
				continue;
			diag_add(c->d, R_ADDRESS_RESERVED, &p->pos, K_VNET, v->name,
			    "address space %s of VNet '%s' holds %s, which Azure reserves; ARM "
			    "refuses it", net_format(p->net, b), v->name, bad[i].what);
			break;
		}
	}
}

static int
item_first_cmp(const void *a, const void *b)
{
	uint32_t x = net_first(((const struct net_item *)a)->net);
	uint32_t y = net_first(((const struct net_item *)b)->net);

	return x < y ? -1 : x > y;
}

/* " and N more" VNets, or "". */
static const char *
more(size_t users)
{
	static char buf[48];

	if (users <= 1)
		return "";
	snprintf(buf, sizeof(buf), " and %zu more", users - 1);
	return buf;
}

/*
 * dns-in-migrated-space: a DNS server that VNets use and whose address is
 * in a VNet's space is a VM of that VNet, which answers only once it runs
 * in the new one.  items (the VNets' prefixes) are sorted here.
 */
static void
check_dns_in_space(const struct check_ctx *c, struct net_item *items, size_t n)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			*user = xcalloc(cfg->ndns + 1, sizeof(*user)), i, j;
	size_t			*users = xcalloc(cfg->ndns + 1, sizeof(*users));
	size_t			*last = xcalloc(cfg->ndns + 1, sizeof(*last));

	for (i = 0; i < cfg->ndns; i++)
		user[i] = NONE;
	for (i = 0; i < cfg->nvnets; i++)
		for (j = 0; j < cfg->vnets[i].ndns_refs; j++) {
			const struct dns_server *d = cfg->vnets[i].dns_refs[j].server;

			if (d != NULL && user[d - cfg->dns] == NONE)
				user[d - cfg->dns] = i;
			if (d != NULL && last[d - cfg->dns] != i + 1) {
				last[d - cfg->dns] = i + 1;
				users[d - cfg->dns]++;
			}
		}
	qsort(items, n, sizeof(*items), item_first_cmp);
	for (i = 0; i < cfg->ndns; i++) {
		const struct dns_server	*d = &cfg->dns[i];
		size_t			 lo = 0, hi = n, k, tries;
		char			 b[NET_STR_MAX];

		if (!d->ip_valid || user[i] == NONE)
			continue;
		/* the last prefix that starts at or below the address, and a few before it */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (net_first(items[mid].net) <= d->ip)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo, tries = 0; k-- > 0 && tries < 32; tries++)
			if (net_has_ip(items[k].net, d->ip)) {
				diag_add(c->d, R_DNS_IN_MIGRATED_SPACE, &d->pos, K_DNS, d->name,
				    "DNS server '%s' (%s), used by VNet '%s'%s, lies in address space %s "
				    "of VNet '%s': it answers only once that VM runs in the new VNet",
				    d->name, d->ip_text, cfg->vnets[user[i]].name, more(users[i]),
				    net_format(items[k].net, b), cfg->vnets[items[k].owner].name);
				break;
			}
	}
	free(user);
	free(users);
	free(last);
}

void
check_addresses(const struct check_ctx *c)
{
	const struct netcfg	*cfg = c->cfg;
	struct net_item		*items;
	struct overlap_ctx	 o = { c, R_VNET_OVERLAP, K_VNET, NULL, NULL };
	size_t			 i, j, n = 0, total = 0;

	/* the model knows which addresses are valid; only the others are read again, for why */
	for (i = 0; i < cfg->ndns; i++)
		if (!cfg->dns[i].ip_valid)
			check_ip(c, cfg->dns[i].ip_text, &cfg->dns[i].pos, "IPAddress", K_DNS,
			    cfg->dns[i].name, "DNS server address");
		else
			check_dns_unicast(c, &cfg->dns[i]);
	for (i = 0; i < cfg->nsites; i++) {
		const struct local_site *s = &cfg->sites[i];

		check_space(c, &s->space, K_SITE, s->name, "address prefix");
		if (s->has_vpn_addr && !s->vpn_addr_valid)
			check_ip(c, s->vpn_addr_text, &s->vpn_addr_pos, NULL, K_SITE,
			    s->name, "VPN gateway address");
	}
	for (i = 0; i < cfg->nvnets; i++) {
		const struct vnet *v = &cfg->vnets[i];

		check_space(c, &v->space, K_VNET, v->name, "address prefix");
		check_reserved_space(c, v);
		check_subnets(c, v);
		for (j = 0; j < v->gateway.pool.n; j++)
			check_prefix(c, &v->gateway.pool.v[j], K_GATEWAY, v->name,
			    "client address pool");
		total += v->space.n;
	}
	/* VNets against each other */
	items = xcalloc(total, sizeof(*items));
	for (i = 0; i < cfg->nvnets; i++)
		for (j = 0; j < cfg->vnets[i].space.n; j++) {
			const struct prefix *p = &cfg->vnets[i].space.v[j];

			if (p->state == PREFIX_INVALID)
				continue;
			items[n].net = p->net;
			items[n].owner = i;
			items[n].data = p;
			n++;
		}
	o.mark = xcalloc(cfg->nvnets, sizeof(*o.mark));
	net_sweep(items, n, vnet_pair, vnet_same, &o);
	free(o.mark);
	check_dns_in_space(c, items, n);
	free(items);
}
