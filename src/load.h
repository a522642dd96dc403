/* load.h - read netcfg XML safely with libxml2, validate it against xsd/, build the model. */
#ifndef NETCFGC_LOAD_H
#define NETCFGC_LOAD_H

#include "diag.h"
#include "input.h"

#define NETCFG_NS "http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration"

/* One-time set-up and tear-down of libxml2 and the compiled-in schema. */
int	 load_init(void);
void	 load_cleanup(void);

enum load_result {
	LOAD_OK,
	LOAD_MALFORMED,		/* not well-formed XML, a DOCTYPE, an encoding error */
	LOAD_INVALID,		/* XML, but not a netcfg document or not valid against the XSD */
};

/*
 * Parse in, validate it against the XSD and build the model, in one
 * streaming pass with no tree.  Problems become xml-syntax or xml-schema
 * records in d; *out is the model only for LOAD_OK (the caller owns it).
 * Schema records are kept back when the file turns out not well-formed.
 */
struct netcfg;
enum load_result load_netcfg(const struct input *, struct diags *, struct netcfg **out);

/* The XSD text, compiled in from xsd/netcfg.xsd. */
extern const char netcfg_xsd[];
extern const unsigned long netcfg_xsd_len;

#endif
