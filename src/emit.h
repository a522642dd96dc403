/* emit.h - the outputs of migrate: template, parameters, plan, runbook. */
#ifndef NETCFGC_EMIT_H
#define NETCFGC_EMIT_H

#include <jansson.h>

#include "armplan.h"
#include "netcfgc.h"

/*
 * The ARM template's text (subscription scope, or resource-group scope with
 * --resource-group), with a final newline; written as it is made, no tree.
 */
char	*emit_template(const struct check_ctx *, const struct armplan *);
/* The parameters file; with_values false leaves the keys out. */
json_t	*emit_parameters(const struct armplan *, bool with_values);
/*
 * The plan (SPEC §7); takes references to template and parameters, which
 * may be NULL (migrate splices their text in, see migrate.c).
 */
json_t	*emit_plan(const struct check_ctx *, const struct armplan *, const struct input *,
	    const struct diags *, json_t *tmpl, json_t *params);
/* The runbook for a person, from the plan. */
char	*emit_runbook(const struct check_ctx *, const struct armplan *, json_t *plan);

/* The topology as Graphviz DOT; ap may be NULL. */
char	*emit_dot(const struct check_ctx *, const struct armplan *, const struct diags *);

/* The diagnostics as a JSON array (SPEC §4 fields). */
json_t	*diags_to_json(const struct diags *);
/* A file name as a JSON string: names are bytes, JSON strings valid UTF-8. */
json_t	*json_path(const char *);

/* The directory name of an input's outputs: "dir/B.xml" → "B", "-" → "stdin". */
char	*output_name(const char *path);

/* Write the four outputs (or the plan to stdout); returns an exit code. */
int	 emit_migration(const struct check_ctx *, const struct armplan *,
	    const struct options *, const struct input *, const struct diags *);

#endif
