/* build.h - turn a validated netcfg document into the classic model. */
#ifndef NETCFGC_BUILD_H
#define NETCFGC_BUILD_H

#include "load.h"
#include "model.h"

/* x must have passed load_validate.  The caller owns the result. */
struct netcfg	*build_model(const struct xmldoc *);

#endif
