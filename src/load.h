/* load.h - read netcfg XML safely with libxml2 and validate it against xsd/. */
#ifndef NETCFGC_LOAD_H
#define NETCFGC_LOAD_H

#include <libxml/tree.h>

#include "diag.h"

#define NETCFG_NS "http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"

/* An input file read into memory: the bytes and the name to show. */
struct input {
	char		*display;	/* "<stdin>" for "-" */
	unsigned char	*data;
	size_t		 len;
};

struct xmldoc {
	xmlDocPtr	 doc;
	const char	*file;		/* borrowed display name */
	struct pos	*pos;		/* element positions, indexed by _private - 1 */
	size_t		 npos, cappos;
};

/*
 * Read path ("-" is standard input) into in.  On failure print
 * "netcfgc: error: cannot ..." and return -1.
 */
int	 input_read(const char *path, struct input *in);
void	 input_release(struct input *);

/* One-time set-up and tear-down of libxml2 and the compiled-in schema. */
int	 load_init(void);
void	 load_cleanup(void);

/*
 * Parse in into x.  Not well-formed input, a DOCTYPE or an encoding error
 * gives xml-syntax records and returns -1 (x holds no document).
 */
int	 load_parse(const struct input *in, struct xmldoc *x, struct diags *);
/* Check root and namespace, then the XSD; -1 if the document is not netcfg. */
int	 load_validate(struct xmldoc *, struct diags *);
struct pos load_pos(const struct xmldoc *, const xmlNode *);
void	 load_release(struct xmldoc *);

/* The XSD text, compiled in from xsd/netcfg.xsd. */
extern const char netcfg_xsd[];
extern const unsigned long netcfg_xsd_len;

#endif
