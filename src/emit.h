/* emit.h - the outputs of migrate: template, parameters, plan, runbook, graph. */
#ifndef NETCFGC_EMIT_H
#define NETCFGC_EMIT_H

#include <stdbool.h>

#include <jansson.h>

#include "armplan.h"
#include "load.h"

/* The ARM template (subscription scope, or resource-group scope with --resource-group). */
json_t	*emit_template(const struct check_ctx *, const struct armplan *);
/* The parameters file; with_values false leaves the keys out. */
json_t	*emit_parameters(const struct armplan *, bool with_values);

/*
 * The mapping (what became what) and the steps, made once as JSON: the
 * plan holds them and the runbook is written from them.
 */
json_t	*plan_mapping(const struct check_ctx *, const struct armplan *);
json_t	*plan_steps(const struct check_ctx *, const struct armplan *);

/* The counts of the plan's summary that the model does not hold as they are. */
struct plan_summary {
	size_t	subnets, gateways, p2s, er, pairs, s2s, known_keys, arm_gateways;
};
void	 plan_summary(const struct check_ctx *, const struct armplan *, struct plan_summary *);

/* The plan (SPEC §7), its template and its parameters (without keys) included. */
json_t	*emit_plan(const struct check_ctx *, const struct armplan *, const struct input *,
	    const struct diags *, const char *sha256);
/* The runbook for a person, as Markdown, from the plan. */
char	*emit_runbook(const struct check_ctx *, const struct armplan *, json_t *plan);

/* The topology as Graphviz DOT; ap may be NULL. */
char	*emit_dot(const struct check_ctx *, const struct armplan *, const struct diags *);

/*
 * Write the four outputs into outdir/<name>/, or the plan to standard
 * output when outdir is NULL; returns an exit code.  (migrate.c)
 */
int	 emit_migration(const struct check_ctx *, const struct armplan *, const char *outdir,
	    const struct input *, const struct diags *);

#endif
