/* netcfgc.h - what main.c hands to the per-file driver. */
#ifndef NETCFGC_NETCFGC_H
#define NETCFGC_NETCFGC_H

#include <stdbool.h>

#include "arm.h"
#include "check.h"
#include "diag.h"
#include "load.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_INVALID = 1,
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,
	EXIT_SYSTEM = 4,
};

enum command {
	CMD_CHECK,
	CMD_MIGRATE,
	CMD_GRAPH,
};

struct options {
	enum command	 cmd;
	struct input	*keys;		/* -k files, read once */
	size_t		 nkeys, capkeys;
	const char	*outdir;	/* -o */
	struct ag_map	 ags;
	const char	*resource_group;
	struct sku_map	 skus;
	struct diag_policy policy;
	enum diag_format format;
	bool		 quiet;
	bool		 progress;	/* a progress line may be on stderr */
};

struct totals {
	size_t		 errors, warnings;
};

/* Process one input file; returns its exit code.  (driver.c) */
int	 process_file(const char *path, const struct options *, struct totals *);
/* Print the records of one file in the chosen format. */
void	 print_diags(const struct diags *, const struct options *);

#endif
