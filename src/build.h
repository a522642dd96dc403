/* build.h - turn the element events of a netcfg document into the classic model. */
#ifndef NETCFGC_BUILD_H
#define NETCFGC_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

/*
 * The builder consumes the document as the parser streams it, with no tree
 * in between.  It knows nothing of libxml2: load.c feeds it.  It never
 * judges structure (the XSD does, in the same pass), so it accepts any
 * sequence of events and simply ignores elements it has no place for; the
 * model it returns is only meaningful for a document that validated.
 */
struct builder;

/* One attribute without a namespace: its value is value[0..len), not NUL-terminated. */
struct battr {
	const char	*name;
	const char	*value;
	size_t		 len;
	struct pos	 pos;		/* where its name begins; line 0 if not known */
};

struct builder	*builder_new(const char *file);
/* An element starts; name is NULL for an element outside the netcfg namespace. */
void		 builder_start(struct builder *, const char *name,
		    const struct battr *, size_t nattrs, const struct pos *);
/* Character data inside the innermost open element. */
void		 builder_text(struct builder *, const char *, size_t);
void		 builder_end(struct builder *);
/*
 * Is the innermost open element one the XSD gives element-only content, so
 * that blanks in it need no validation (a container such as
 * VirtualNetworkSite; not a text element such as AddressPrefix, not one
 * with empty content such as DnsServer, not one the builder does not know)?
 */
bool		 builder_element_only(const struct builder *);
/* Resolve references and index names; the caller owns the result. */
struct netcfg	*builder_finish(struct builder *);
/* Drop a builder that will not finish (the document was rejected). */
void		 builder_free(struct builder *);

#endif
