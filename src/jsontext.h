/* jsontext.h - JSON text of a jansson value, as netcfgc writes its files. */
#ifndef NETCFGC_JSONTEXT_H
#define NETCFGC_JSONTEXT_H

#include <stdbool.h>

#include <jansson.h>

#include "xalloc.h"

/*
 * Append the text of j to b: byte for byte what
 * json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) gives, without its
 * per-token callbacks (the outputs of a large export are hundreds of MB).
 */
void	 json_text(const json_t *, struct sbuf *);

/*
 * The same text handed to sink in pieces of about 64 KiB as it is made, so
 * that it never exists whole.  With open_end, j must be an object with
 * members and its closing "\n}" is left out: the caller adds members.
 */
typedef void (*json_sink)(void *ctx, const char *, size_t);
void	 json_text_stream(const json_t *, bool open_end, json_sink, void *ctx);

#endif
