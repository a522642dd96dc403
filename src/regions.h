/* regions.h - Azure regions: classic display names and ARM names. */
#ifndef NETCFGC_REGIONS_H
#define NETCFGC_REGIONS_H

#include <stddef.h>

struct region {
	const char	*display;	/* "East US" */
	const char	*arm;		/* "eastus" */
};

/* The region a display or ARM name names, in any letter case; NULL if none. */
const struct region *region_find(const char *);
/* The closest display name to a misspelt one, or NULL. */
char		*region_hint(const char *);

#endif
