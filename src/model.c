/* model.c - construction, lookup and release of the classic model. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "xalloc.h"

struct netcfg *
netcfg_new(const char *file)
{
	struct netcfg *c = xcalloc(1, sizeof(*c));

	c->file = xstrdup(file);
	c->pos.file = c->file;
	return c;
}

static void
prefix_list_release(struct prefix_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].why);
	}
	free(l->v);
}

void
netcfg_free(struct netcfg *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->ndns; i++) {
		free(c->dns[i].name);
		free(c->dns[i].ip_text);
	}
	free(c->dns);
	for (i = 0; i < c->nsites; i++) {
		free(c->sites[i].name);
		free(c->sites[i].vpn_addr_text);
		prefix_list_release(&c->sites[i].space);
	}
	free(c->sites);
	for (i = 0; i < c->nvnets; i++) {
		struct vnet *v = &c->vnets[i];

		free(v->name);
		free(v->location);
		free(v->affinity_group);
		free(v->internet_gateway);
		prefix_list_release(&v->space);
		for (j = 0; j < v->nsubnets; j++) {
			free(v->subnets[j].name);
			free(v->subnets[j].prefix.text);
			free(v->subnets[j].prefix.why);
		}
		free(v->subnets);
		for (j = 0; j < v->ndns_refs; j++)
			free(v->dns_refs[j].name);
		free(v->dns_refs);
		free(v->gateway.profile);
		prefix_list_release(&v->gateway.pool);
		for (j = 0; j < v->gateway.nrefs; j++) {
			free(v->gateway.refs[j].name);
			free(v->gateway.refs[j].conns);
		}
		free(v->gateway.refs);
	}
	free(c->vnets);
	hmap_release(&c->vnet_idx);
	hmap_release(&c->site_idx);
	hmap_release(&c->dns_idx);
	if (c->src != NULL) {
		free(c->src->ck);
		free(c->src->enc);
		free(c->src->utf8);
	}
	free(c->src);
	free(c->file);
	free(c);
}

void
prefix_list_text(const struct prefix_list *l, struct sbuf *b)
{
	char	buf[NET_STR_MAX];
	size_t	i, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->v[i].state != PREFIX_INVALID)
			sbuf_printf(b, "%s%s", n++ ? ", " : "", net_format(l->v[i].net, buf));
}

void
prefix_set(struct prefix *p, const char *text, const struct pos *pos)
{
	char why[ADDR_WHY_MAX];

	p->text = xstrdup(text);
	p->pos = *pos;
	p->why = NULL;
	switch (addr_parse_prefix(text, &p->net, why, sizeof(why))) {
	case ADDR_OK:
		p->state = PREFIX_VALID;
		break;
	case ADDR_HOSTBITS:
		p->state = PREFIX_HOSTBITS;
		break;
	default:
		p->state = PREFIX_INVALID;
		p->why = xstrdup(why);
		break;
	}
}

void
netcfg_index(struct netcfg *c)
{
	size_t i;

	hmap_release(&c->vnet_idx);
	hmap_release(&c->site_idx);
	hmap_release(&c->dns_idx);
	for (i = 0; i < c->nvnets; i++)
		hmap_put(&c->vnet_idx, c->vnets[i].name, i, NULL);
	for (i = 0; i < c->nsites; i++)
		hmap_put(&c->site_idx, c->sites[i].name, i, NULL);
	for (i = 0; i < c->ndns; i++)
		hmap_put(&c->dns_idx, c->dns[i].name, i, NULL);
}

struct vnet *
netcfg_vnet(const struct netcfg *c, const char *name)
{
	size_t i;

	return hmap_get(&c->vnet_idx, name, &i) ? &c->vnets[i] : NULL;
}

struct local_site *
netcfg_site(const struct netcfg *c, const char *name)
{
	size_t i;

	return hmap_get(&c->site_idx, name, &i) ? &c->sites[i] : NULL;
}

struct dns_server *
netcfg_dns(const struct netcfg *c, const char *name)
{
	size_t i;

	return hmap_get(&c->dns_idx, name, &i) ? &c->dns[i] : NULL;
}

struct subnet *
vnet_gateway_subnet(const struct vnet *v)
{
	size_t i;

	for (i = 0; i < v->nsubnets; i++)
		if (strcmp(v->subnets[i].name, "GatewaySubnet") == 0)
			return &v->subnets[i];
	return NULL;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The input as UTF-8 text, decoded from src->enc by iconv; false if it cannot be. */
static bool
decode(struct netcfg_src *src)
{
	iconv_t	 cd;
	char	*in = (char *)src->s, *out;
	size_t	 inleft = src->len, outleft, cap = src->len * 2 + 16;

	if (src->text != NULL || src->failed)
		return !src->failed;
	if (src->enc == NULL) {
		src->text = src->s;
		src->textlen = src->len;
		return true;
	}
	if ((cd = iconv_open("UTF-8", src->enc)) == (iconv_t)-1) {
		src->failed = true;
		return false;
	}
	src->utf8 = xmalloc(cap);
	out = src->utf8;
	outleft = cap;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1)
			continue;
		if (errno != E2BIG) {
			/* the parser read it, so this does not happen; if it does, elements only */
			src->failed = true;
			break;
		}
		src->textlen = (size_t)(out - src->utf8);
		src->utf8 = xreallocarray(src->utf8, cap, 2);
		cap *= 2;
		out = src->utf8 + src->textlen;
		outleft = cap - src->textlen;
	}
	iconv_close(cd);
	if (src->failed) {
		free(src->utf8);
		src->utf8 = NULL;
		return false;
	}
	src->text = src->utf8;
	src->textlen = (size_t)(out - src->utf8);
	return true;
}

/* A place in the text: a byte, and the line and column (in characters) it is at. */
struct cursor {
	const char	*p, *end;
	unsigned long	 line, col;
};

/* Past one character: a newline, or a lead byte with its continuations. */
static void
step(struct cursor *c)
{
	if (*c->p == '\n') {
		c->line++;
		c->col = 1;
		c->p++;
		return;
	}
	for (c->p++; c->p < c->end && ((unsigned char)*c->p & 0xc0) == 0x80; c->p++)
		continue;
	c->col++;
}

/*
 * Every CHECKPOINT bytes or so, the line and column there: a position is
 * found from the nearest one before it, so that a file on one long line
 * (a minified export) costs no more per diagnostic than one of many.
 */
#define CHECKPOINT	4096

static const char *
text_start(const struct netcfg_src *src)
{
	/* the parser does not count a byte-order mark */
	if (src->textlen >= 3 && memcmp(src->text, "\xef\xbb\xbf", 3) == 0)
		return src->text + 3;
	return src->text;
}

static bool
index_text(struct netcfg_src *src)
{
	struct cursor	 c;
	const char	*next;
	size_t		 cap = 0;

	if (!decode(src))
		return false;
	if (src->ck != NULL)
		return true;
	c.p = text_start(src);
	c.end = src->text + src->textlen;
	c.line = c.col = 1;
	next = c.p;
	while (c.p < c.end) {
		if (c.p >= next) {
			xgrow((void **)&src->ck, &cap, src->nck + 1, sizeof(*src->ck));
			src->ck[src->nck].off = (size_t)(c.p - src->text);
			src->ck[src->nck].line = c.line;
			src->ck[src->nck].col = c.col;
			src->nck++;
			next = c.p + CHECKPOINT;
		}
		step(&c);
	}
	return true;
}

/* A cursor at line:col of the text, or false if there is no such place. */
static bool
seek(struct netcfg_src *src, unsigned long line, unsigned long col, struct cursor *c)
{
	size_t lo = 0, hi, mid;

	if (!index_text(src) || src->nck == 0)
		return false;
	/* the last checkpoint at or before line:col */
	hi = src->nck;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (src->ck[mid].line < line || (src->ck[mid].line == line && src->ck[mid].col <= col))
			lo = mid;
		else
			hi = mid;
	}
	c->p = src->text + src->ck[lo].off;
	c->end = src->text + src->textlen;
	c->line = src->ck[lo].line;
	c->col = src->ck[lo].col;
	while (c->p < c->end && (c->line < line || (c->line == line && c->col < col)))
		step(c);
	return c->p < c->end && c->line == line && c->col == col;
}

struct pos
netcfg_attr_pos(const struct netcfg *cfg, const struct pos *el, const char *name)
{
	struct cursor	 c, at;
	struct pos	 r = *el;
	size_t		 n = strlen(name);
	char		 quote;

	if (cfg->src == NULL || el->line == 0 || el->col == 0 ||
	    !seek(cfg->src, el->line, el->col, &c) || *c.p != '<')
		return *el;
	/* the tag as the XML grammar has it: '<' Name (S Name S? '=' S? AttValue)* S? '/'? '>' */
	for (step(&c); c.p < c.end && !is_blank(*c.p) && *c.p != '>' && *c.p != '/'; step(&c))
		continue;
	for (;;) {
		while (c.p < c.end && is_blank(*c.p))
			step(&c);
		if (c.p >= c.end || *c.p == '>' || *c.p == '/')
			return *el;
		for (at = c; c.p < c.end && !is_blank(*c.p) && *c.p != '='; step(&c))
			continue;
		if ((size_t)(c.p - at.p) == n && memcmp(at.p, name, n) == 0) {
			r.line = at.line;
			r.col = at.col;
			return r;
		}
		while (c.p < c.end && *c.p != '"' && *c.p != '\'')
			step(&c);
		if (c.p >= c.end)
			return *el;
		for (quote = *c.p, step(&c); c.p < c.end && *c.p != quote; step(&c))
			continue;
		if (c.p < c.end)
			step(&c);
	}
}
