/* xalloc.c - fatal-on-failure allocation and a small string buffer. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

bool	(*error_hook)(const char *);

void
error_msg(const char *fmt, ...)
{
	char		 buf[4096];
	const char	*p;
	va_list		 ap;

	/* no allocation (out of memory comes here); a path's control characters escaped */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (error_hook != NULL && error_hook(buf))
		return;
	fputs("netcfgc: error: ", stderr);
	for (p = buf; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			fprintf(stderr, "\\x%02x", (unsigned char)*p);
		else
			fputc(*p, stderr);
	fputc('\n', stderr);
}

/* The fatal-allocation handler: with exit() in main.c, the only exit. */
static void
oom(void)
{
	error_msg("out of memory");
	exit(4);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	p = realloc(p, n * sz != 0 ? n * sz : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xjoin3(const char *a, char sep, const char *b, const char *c)
{
	size_t	 la = strlen(a), lb = strlen(b), lc = c ? strlen(c) : 0;
	char	*p = xmalloc(la + lb + lc + 3), *q = p;

	memcpy(q, a, la);
	q += la;
	*q++ = sep;
	memcpy(q, b, lb);
	q += lb;
	if (c != NULL) {
		*q++ = sep;
		memcpy(q, c, lc);
		q += lc;
	}
	*q = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
xgrow(void **v, size_t *cap, size_t n, size_t sz)
{
	size_t ncap;

	if (n <= *cap)
		return;
	ncap = *cap ? *cap : 2;
	while (ncap < n) {
		if (ncap > SIZE_MAX / 2)
			oom();
		ncap *= 2;
	}
	*v = xreallocarray(*v, ncap, sz);
	*cap = ncap;
}

/* Length of the well-formed UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;

		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;

		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 &&
		    (s[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

unsigned long
utf8_count(const char *s, size_t n)
{
	unsigned long	 c = 0;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

char *
xutf8dup(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct sbuf		 b;
	size_t			 n;

	sbuf_init(&b);
	while (*p != '\0') {
		if ((n = utf8_len(p)) > 0) {
			sbuf_add(&b, (const char *)p, n);
			p += n;
		} else {
			sbuf_add(&b, "\xef\xbf\xbd", 3);
			p++;
		}
	}
	return sbuf_detach(&b);
}

json_t *
xjson_string(const char *s)
{
	json_t	*j;
	char	*v;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	v = xutf8dup(s);	/* json_string refuses only text that is not UTF-8 */
	j = json_string(v);
	free(v);
	return j;
}

static void *
json_malloc(size_t n)
{
	return xmalloc(n);
}

void
xjson_init(void)
{
	json_set_alloc_funcs(json_malloc, free);
}

void
sbuf_add_shell(struct sbuf *b, const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_-.,:/@%+=", *p) != NULL))
			break;
	if (*s != '\0' && *p == '\0') {
		sbuf_adds(b, s);
		return;
	}
	sbuf_addc(b, '\'');
	for (p = s; *p != '\0'; p++)
		if (*p == '\'')
			sbuf_adds(b, "'\\''");
		else
			sbuf_addc(b, *p);
	sbuf_addc(b, '\'');
}

void
sbuf_init(struct sbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
	xgrow((void **)&b->s, &b->cap, 1, 1);
	b->s[0] = '\0';
}

void
sbuf_grow(struct sbuf *b, size_t n)
{
	if (n > SIZE_MAX - 1 - b->len)
		oom();
	xgrow((void **)&b->s, &b->cap, b->len + n + 1, 1);
}

void
sbuf_cat(struct sbuf *b, ...)
{
	va_list		 ap;
	const char	*s;

	va_start(ap, b);
	while ((s = va_arg(ap, const char *)) != NULL)
		sbuf_adds(b, s);
	va_end(ap);
}

void
sbuf_addu(struct sbuf *b, unsigned long long v)
{
	char	 d[24], *p = d + sizeof(d);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	sbuf_add(b, p, (size_t)(d + sizeof(d) - p));
}

void
sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	/* format into the spare room; if it does not fit, make room and again */
	sbuf_reserve(b, 64);
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();	/* vsnprintf fails only for want of memory or on a bad format */
	if ((size_t)n >= b->cap - b->len) {
		sbuf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

char *
sbuf_detach(struct sbuf *b)
{
	char *s = b->s;

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
sbuf_release(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
