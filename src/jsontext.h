/* jsontext.h - JSON text of a jansson value, as netcfgc writes its files. */
#ifndef NETCFGC_JSONTEXT_H
#define NETCFGC_JSONTEXT_H

#include <jansson.h>

#include "xalloc.h"

/*
 * Append the text of j to b: byte for byte what
 * json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) gives, without its
 * per-token callbacks (the outputs of a large export are hundreds of MB).
 */
void	 json_text(const json_t *, struct sbuf *);

#endif
