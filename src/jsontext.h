/* jsontext.h - JSON text of a jansson value, as netcfgc writes its files. */
#ifndef NETCFGC_JSONTEXT_H
#define NETCFGC_JSONTEXT_H

#include <stdbool.h>

#include <jansson.h>

#include "xalloc.h"

/* Receives a streamed text piece by piece. */
typedef void (*json_sink)(void *ctx, const char *, size_t);

/*
 * Append the text of j to b: byte for byte what
 * json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) gives, without its
 * per-token callbacks (the outputs of a large export are hundreds of MB).
 */
void	 json_text(const json_t *, struct sbuf *);

/*
 * A writer of the same text without a tree: jw_object, then jw_key and a
 * value per member, then jw_end_object; arrays alike.  depth is the
 * indentation level the text starts at (1 for a member of a top-level
 * object written elsewhere).  The caller keeps b.
 */
struct jwriter {
	struct sbuf	*b;
	size_t		 base, depth, cap;
	size_t		*count;		/* items of each open container */
	bool		 keyed;		/* a key was written: its value follows */
	json_sink	 sink;		/* jw_set_sink's: NULL keeps all in b */
	void		*ctx;
};
void	 jw_init(struct jwriter *, struct sbuf *b, size_t depth);
/*
 * Hand the text on to sink as it is made: whenever about 64 KiB are
 * pending at the start of an item, and at jw_flush.  b then holds only
 * what is pending.
 */
void	 jw_set_sink(struct jwriter *, json_sink, void *ctx);
void	 jw_flush(struct jwriter *);
void	 jw_release(struct jwriter *);
void	 jw_object(struct jwriter *);
void	 jw_end_object(struct jwriter *);
void	 jw_array(struct jwriter *);
void	 jw_end_array(struct jwriter *);
void	 jw_key(struct jwriter *, const char *);
void	 jw_string(struct jwriter *, const char *);
void	 jw_bool(struct jwriter *, bool);
void	 jw_integer(struct jwriter *, long long);
/* A tree, through the writer: its text as json_text would make it there. */
void	 jw_value(struct jwriter *, const json_t *);
/* The value of the key just written was written elsewhere (to the same sink, after jw_flush). */
void	 jw_skip(struct jwriter *);
/* jw_key, then jw_string */
void	 jw_kstring(struct jwriter *, const char *key, const char *);

#endif
