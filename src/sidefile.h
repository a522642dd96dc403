/* sidefile.h - the classic PowerShell side file: keys and gateway facts. */
#ifndef NETCFGC_SIDEFILE_H
#define NETCFGC_SIDEFILE_H

#include "diag.h"
#include "load.h"
#include "model.h"

enum side_kind {
	SIDE_KEY,		/* Set-AzureVNetGatewayKey */
	SIDE_NEW_GATEWAY,	/* New-AzureVNetGateway */
	SIDE_RESIZE,		/* Resize-AzureVNetGateway */
	SIDE_DEFAULT_SITE,	/* Set-AzureVNetGatewayDefaultSite: site is the default site */
	SIDE_REMOVE_DEFAULT_SITE, /* Remove-AzureVnetGatewayDefaultSite: no forced tunnelling */
	SIDE_GET_KEY,		/* Get-AzureVNetGatewayKey: read, never stored (its Value is a SIDE_KEY) */
};

/* The cmdlet of a kind, as scripts spell it. */
const char	*side_cmdlet_name(enum side_kind);

/*
 * One recognised statement with every value a literal.  Values that were
 * missing are NULL.  The key is secret: it is compared and written to the
 * parameters file, never printed.
 */
struct side_stmt {
	enum side_kind	 kind;
	char		*vnet;
	char		*site;
	char		*key;
	enum routing	 routing;
	enum classic_sku sku;
	bool		 has_sku;
	struct pos	 pos;		/* the cmdlet name */
	struct pos	 vnet_pos, site_pos;	/* their values */
};

struct sidefile {
	char		*file;		/* display name, owned */
	struct side_stmt *v;
	size_t		 n, cap;
};

/*
 * Parse the side file held in in.  Syntax problems and non-literal values go
 * to d (side-file), statements it skips too (side-file-ignored); statements
 * that are complete go to sf.
 * Returns 0 even when it reported problems.
 */
int	 sidefile_parse(const struct input *in, struct sidefile *sf, struct diags *d);
void	 sidefile_release(struct sidefile *);

#endif
