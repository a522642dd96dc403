/* netcfgc.h - what main.c hands to the per-file driver. */
#ifndef NETCFGC_NETCFGC_H
#define NETCFGC_NETCFGC_H

#include <stdbool.h>

#include <jansson.h>

#include "arm.h"
#include "armplan.h"
#include "cert.h"
#include "check.h"
#include "diag.h"
#include "load.h"

enum command {
	CMD_CHECK,
	CMD_MIGRATE,
	CMD_GRAPH,
};

enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	enum command	 cmd;
	struct input	*keys;		/* -k files, read once */
	size_t		 nkeys, capkeys;
	const char	**key_paths;	/* -k as given */
	size_t		 nkey_paths, capkey_paths;
	const char	*outdir;	/* -o */
	const char	*report;	/* --report FILE */
	bool		 keys_beside;	/* --keys-beside */
	bool		 batch;		/* more than one FILE */
	enum color	 color;		/* --color */
	bool		 keep_paths;	/* --keep-paths */
	struct ag_map	 ags;
	const char	*resource_group;
	struct ag_map	 rg_for;	/* --resource-group-for VNET=RG */
	bool		 existing_rgs;	/* --existing-resource-groups */
	struct p2s_certs certs;		/* --p2s-root-cert NAME=FILE */
	struct sku_map	 skus;
	bool		 peering;	/* --vnet-to-vnet peering */
	struct diag_policy policy;
	enum diag_format format;
	bool		 quiet;
	bool		 progress;	/* a progress line may be on stderr */
};

struct armplan;
struct netcfg;
struct sidefile;
struct topology;

/* Everything one input becomes; compile_input fills it, compiled_release frees it. */
struct compiled {
	struct diags	 d;
	struct sidefile	*sf;
	size_t		 nsf;
	struct netcfg	*cfg;
	struct topology	*tp;
	struct armplan	*ap;
	struct arm_opts	 aopts;
	char		 id[48];	/* "<input name>-<digest>" */
	struct check_ctx ctx;
	int		 rc;		/* EXIT_OK, EXIT_INVALID or EXIT_INPUT */
};

/*
 * Parse, validate, build, derive, check and plan one input that is already
 * in memory.  c->rc says how far it got: EXIT_OK means a plan that can be
 * emitted.  The diagnostics are sorted.  (driver.c)
 */
void	 compile_input(const struct input *, const struct options *, struct compiled *);
void	 compiled_release(struct compiled *);

/* What became of one input, for the closing summary and --report. */
struct file_result {
	const char	*path;
	int		 exit;
	size_t		 errors, warnings, notes;
	char		*output;	/* DIR/<name> written, or NULL */
};

/* --keep-paths: where the outputs of path go under outdir.  (driver.c) */
char	*kept_dir(const char *outdir, const char *path);

/* Process one input file; its diagnostics go to out; returns its exit code.  (driver.c) */
int	 process_file(const char *path, const struct options *, struct diag_out *out,
	    struct file_result *);

#endif
