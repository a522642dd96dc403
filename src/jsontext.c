/* jsontext.c - jansson's indented JSON text, written straight into a buffer by a writer, or from a tree through it. */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "xalloc.h"

#define INDENT	2
/* a writer with a sink hands its text on whenever this much is pending */
#define PIECE	((size_t)64 * 1024)

static void
add_indent(struct sbuf *b, size_t depth)
{
	size_t n = depth * INDENT;

	sbuf_reserve(b, n + 1);
	b->s[b->len++] = '\n';
	memset(b->s + b->len, ' ', n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* The bytes a JSON string escapes: '"', '\' and the control characters. */
static const unsigned char escaped[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

/* A string as jansson escapes it: '"', '\' and control characters; UTF-8 as is. */
static void
add_string(struct sbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	 i, run;
	char	*o;

	/* room for the quotes and the string as it is; escapes make more */
	sbuf_reserve(b, n + 2);
	o = b->s + b->len;
	*o++ = '"';
	for (i = 0; i < n; i++) {
		unsigned char c;

		/* the run of bytes that stay as they are, in one copy */
		for (run = i; run < n && !escaped[(unsigned char)s[run]]; run++)
			continue;
		memcpy(o, s + i, run - i);
		o += run - i;
		if ((i = run) == n)
			break;
		c = (unsigned char)s[i];
		b->len = (size_t)(o - b->s);
		sbuf_reserve(b, 6 + (n - i) + 1);
		o = b->s + b->len;
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 0xf];
			break;
		}
	}
	*o++ = '"';
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

/*
 * The writer: the same text, made from calls instead of a tree.  Each open
 * container remembers how many items it has, which decides the comma, and
 * whether it closes as "{}" or on a line of its own.
 */
void
jw_init(struct jwriter *w, struct sbuf *b, size_t depth)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->base = depth;
}

void
jw_release(struct jwriter *w)
{
	free(w->count);
	memset(w, 0, sizeof(*w));
}

/* With a sink, hand on what is pending once there is enough of it. */
static void
jw_pending(struct jwriter *w)
{
	if (w->sink != NULL && w->b->len >= PIECE)
		jw_flush(w);
}

void
jw_flush(struct jwriter *w)
{
	if (w->sink != NULL && w->b->len > 0) {
		w->sink(w->ctx, w->b->s, w->b->len);
		w->b->len = 0;
		w->b->s[0] = '\0';
	}
}

void
jw_set_sink(struct jwriter *w, json_sink sink, void *ctx)
{
	w->sink = sink;
	w->ctx = ctx;
}

/* Before a value: the comma and the line of an array item. */
static void
jw_item(struct jwriter *w)
{
	jw_pending(w);
	if (w->depth == 0 || w->keyed) {
		w->keyed = false;
		return;
	}
	if (w->count[w->depth - 1]++ > 0)
		sbuf_addc(w->b, ',');
	add_indent(w->b, w->base + w->depth);
}

static void
jw_open(struct jwriter *w, char c)
{
	jw_item(w);
	sbuf_addc(w->b, c);
	xgrow((void **)&w->count, &w->cap, w->depth + 1, sizeof(*w->count));
	w->count[w->depth++] = 0;
}

void
jw_object(struct jwriter *w)
{
	jw_open(w, '{');
}

void
jw_array(struct jwriter *w)
{
	jw_open(w, '[');
}

void
jw_end_object(struct jwriter *w)
{
	if (w->count[--w->depth] > 0)
		add_indent(w->b, w->base + w->depth);
	sbuf_addc(w->b, '}');
}

void
jw_end_array(struct jwriter *w)
{
	if (w->count[--w->depth] > 0)
		add_indent(w->b, w->base + w->depth);
	sbuf_addc(w->b, ']');
}

void
jw_key(struct jwriter *w, const char *key)
{
	jw_pending(w);
	if (w->count[w->depth - 1]++ > 0)
		sbuf_addc(w->b, ',');
	add_indent(w->b, w->base + w->depth);
	add_string(w->b, key, strlen(key));
	sbuf_add(w->b, ": ", 2);
	w->keyed = true;
}

void
jw_string(struct jwriter *w, const char *s)
{
	jw_item(w);
	add_string(w->b, s, strlen(s));
}

/* A value written as it is (a number, a literal). */
static void
jw_raw(struct jwriter *w, const char *s, size_t n)
{
	jw_item(w);
	sbuf_add(w->b, s, n);
}

void
jw_integer(struct jwriter *w, long long v)
{
	jw_item(w);
	if (v < 0) {
		sbuf_addc(w->b, '-');
		sbuf_addu(w->b, -(unsigned long long)v);
	} else
		sbuf_addu(w->b, (unsigned long long)v);
}

/* The tree j through the writer, in jansson's order (insertion order). */
void
jw_value(struct jwriter *w, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char	*key;
		json_t		*v;

		jw_object(w);
		json_object_foreach((json_t *)j, key, v) {
			jw_key(w, key);
			jw_value(w, v);
		}
		jw_end_object(w);
		break;
	}
	case JSON_ARRAY: {
		size_t i, n = json_array_size(j);

		jw_array(w);
		for (i = 0; i < n; i++) {
			jw_value(w, json_array_get(j, i));
		}
		jw_end_array(w);
		break;
	}
	case JSON_STRING:
		jw_item(w);
		add_string(w->b, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		jw_integer(w, json_integer_value(j));
		break;
	case JSON_REAL: {
		/* none are made; should one be, jansson formats it */
		char *t = json_dumps(j, JSON_ENCODE_ANY);

		if (t == NULL) {
			fputs("netcfgc: error: out of memory\n", stderr);
			exit(4);
		}
		jw_raw(w, t, strlen(t));
		free(t);
		break;
	}
	case JSON_TRUE:
		jw_raw(w, "true", 4);
		break;
	case JSON_FALSE:
		jw_raw(w, "false", 5);
		break;
	case JSON_NULL:
		jw_raw(w, "null", 4);
		break;
	}
}

void
json_text(const json_t *j, struct sbuf *b)
{
	struct jwriter w;

	jw_init(&w, b, 0);
	jw_value(&w, j);
	jw_release(&w);
}

void
jw_bool(struct jwriter *w, bool v)
{
	jw_item(w);
	if (v)
		sbuf_add(w->b, "true", 4);
	else
		sbuf_add(w->b, "false", 5);
}

void
jw_kstring(struct jwriter *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void
jw_skip(struct jwriter *w)
{
	jw_item(w);
}
