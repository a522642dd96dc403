/* regions.c - the table of Azure regions, matched case-insensitively. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "regions.h"
#include "xalloc.h"

/* Public Azure regions, plus the sovereign clouds classic exports came from. */
static const struct region regions[] = {
	{ "Australia Central", "australiacentral" },
	{ "Australia Central 2", "australiacentral2" },
	{ "Australia East", "australiaeast" },
	{ "Australia Southeast", "australiasoutheast" },
	{ "Austria East", "austriaeast" },
	{ "Belgium Central", "belgiumcentral" },
	{ "Brazil South", "brazilsouth" },
	{ "Brazil Southeast", "brazilsoutheast" },
	{ "Canada Central", "canadacentral" },
	{ "Canada East", "canadaeast" },
	{ "Central India", "centralindia" },
	{ "Central US", "centralus" },
	{ "Chile Central", "chilecentral" },
	{ "China East", "chinaeast" },
	{ "China East 2", "chinaeast2" },
	{ "China East 3", "chinaeast3" },
	{ "China North", "chinanorth" },
	{ "China North 2", "chinanorth2" },
	{ "China North 3", "chinanorth3" },
	{ "East Asia", "eastasia" },
	{ "East US", "eastus" },
	{ "East US 2", "eastus2" },
	{ "France Central", "francecentral" },
	{ "France South", "francesouth" },
	{ "Germany North", "germanynorth" },
	{ "Germany West Central", "germanywestcentral" },
	{ "Indonesia Central", "indonesiacentral" },
	{ "Israel Central", "israelcentral" },
	{ "Italy North", "italynorth" },
	{ "Japan East", "japaneast" },
	{ "Japan West", "japanwest" },
	{ "Jio India Central", "jioindiacentral" },
	{ "Jio India West", "jioindiawest" },
	{ "Korea Central", "koreacentral" },
	{ "Korea South", "koreasouth" },
	{ "Malaysia West", "malaysiawest" },
	{ "Mexico Central", "mexicocentral" },
	{ "New Zealand North", "newzealandnorth" },
	{ "North Central US", "northcentralus" },
	{ "North Europe", "northeurope" },
	{ "Norway East", "norwayeast" },
	{ "Norway West", "norwaywest" },
	{ "Poland Central", "polandcentral" },
	{ "Qatar Central", "qatarcentral" },
	{ "South Africa North", "southafricanorth" },
	{ "South Africa West", "southafricawest" },
	{ "South Central US", "southcentralus" },
	{ "South India", "southindia" },
	{ "Southeast Asia", "southeastasia" },
	{ "Spain Central", "spaincentral" },
	{ "Sweden Central", "swedencentral" },
	{ "Sweden South", "swedensouth" },
	{ "Switzerland North", "switzerlandnorth" },
	{ "Switzerland West", "switzerlandwest" },
	{ "UAE Central", "uaecentral" },
	{ "UAE North", "uaenorth" },
	{ "UK South", "uksouth" },
	{ "UK West", "ukwest" },
	{ "US Gov Arizona", "usgovarizona" },
	{ "US Gov Iowa", "usgoviowa" },
	{ "US Gov Texas", "usgovtexas" },
	{ "US Gov Virginia", "usgovvirginia" },
	{ "West Central US", "westcentralus" },
	{ "West Europe", "westeurope" },
	{ "West India", "westindia" },
	{ "West US", "westus" },
	{ "West US 2", "westus2" },
	{ "West US 3", "westus3" },
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

/* Lower case without blanks: "Central Us" and "centralus" compare equal. */
static void
squash(const char *s, char *out, size_t n)
{
	size_t i = 0;

	for (; *s != '\0' && i + 1 < n; s++)
		if (*s != ' ' && *s != '\t')
			out[i++] = (char)tolower((unsigned char)*s);
	out[i] = '\0';
}

/* The regions ordered by ARM name, for binary search; made on first use. */
static const struct region *by_arm[NREGIONS];

static int
cmp_arm(const void *a, const void *b)
{
	return strcmp((*(const struct region *const *)a)->arm, (*(const struct region *const *)b)->arm);
}

static int
cmp_key(const void *key, const void *r)
{
	return strcmp(key, (*(const struct region *const *)r)->arm);
}

const struct region *
region_find(const char *name)
{
	const struct region	**hit;
	char			  a[64];
	size_t			  i;

	if (strlen(name) >= sizeof(a))
		return NULL;
	if (by_arm[0] == NULL) {
		for (i = 0; i < NREGIONS; i++)
			by_arm[i] = &regions[i];
		qsort(by_arm, NREGIONS, sizeof(by_arm[0]), cmp_arm);
	}
	squash(name, a, sizeof(a));
	hit = bsearch(a, by_arm, NREGIONS, sizeof(by_arm[0]), cmp_key);
	return hit != NULL ? *hit : NULL;
}

char *
region_hint(const char *name)
{
	const char	*cands[NREGIONS];
	size_t		 i;

	for (i = 0; i < NREGIONS; i++)
		cands[i] = regions[i].display;
	return did_you_mean(name, cands, NREGIONS);
}
