/* xalloc.h - allocation that never returns NULL: failure is fatal here. */
#ifndef NETCFGC_XALLOC_H
#define NETCFGC_XALLOC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <jansson.h>

/* "netcfgc: error: " and the message, on standard error: every such line is made here. */
void	 error_msg(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * When set, error_msg hands it the message first; true means it was taken
 * (for JSON and SARIF diagnostics it becomes a record, not a text line).
 */
extern bool	(*error_hook)(const char *);

/*
 * Ownership rule for the whole program: a function that returns a pointer
 * from x*alloc/xstrdup/xasprintf hands ownership to its caller, who frees it
 * with free().  Structures own every string and array reachable from them and
 * are released with their own S_free().
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* a, b and c joined, with sep between them (c may be NULL): cheaper than xasprintf. */
char	*xjoin3(const char *a, char sep, const char *b, const char *c);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* Grow *v (of *cap elements of size sz) so that it holds at least n. */
void	 xgrow(void **v, size_t *cap, size_t n, size_t sz);
#define VEC_PUSH(v, n, cap) \
	(xgrow((void **)&(v), &(cap), (n) + 1, sizeof(*(v))), &(v)[(n)++])

/*
 * s as valid UTF-8: a new string in which every byte that does not begin a
 * well-formed UTF-8 sequence is U+FFFD.  JSON can only carry valid UTF-8,
 * and jansson refuses a string that is not (the member would be lost).
 */
char	*xutf8dup(const char *s);
/* A JSON string of s (NULL: null), made valid UTF-8 first if it is not. */
json_t	*xjson_string(const char *s);
/* jansson allocates through xmalloc: a json_*() call never returns NULL. */
void	 xjson_init(void);
/* The number of characters (bytes that are not UTF-8 continuations) in s[0..n). */
unsigned long utf8_count(const char *s, size_t n);

/* A growable string buffer. */
struct sbuf {
	char	*s;
	size_t	 len, cap;
};
void	 sbuf_init(struct sbuf *);
void	 sbuf_grow(struct sbuf *, size_t n);
/* Make room for n more bytes and the terminating NUL. */
static inline void
sbuf_reserve(struct sbuf *b, size_t n)
{
	if (b->len + n + 1 > b->cap)
		sbuf_grow(b, n);
}
static inline void
sbuf_addc(struct sbuf *b, char c)
{
	sbuf_reserve(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}
static inline void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	sbuf_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}
static inline void
sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}
/* The strings up to a NULL, one after the other: a format's work without its parsing. */
void	 sbuf_cat(struct sbuf *, ...) __attribute__((sentinel));
/* s as one word for a POSIX shell: bare when it is plain, else in single quotes. */
void	 sbuf_add_shell(struct sbuf *, const char *s);
/* v in decimal. */
void	 sbuf_addu(struct sbuf *, unsigned long long v);
void	 sbuf_printf(struct sbuf *, const char *, ...) __attribute__((format(printf, 2, 3)));
char	*sbuf_detach(struct sbuf *);
void	 sbuf_release(struct sbuf *);

#endif
