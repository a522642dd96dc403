/* emit.h - the outputs of migrate: template, parameters, plan, runbook. */
#ifndef NETCFGC_EMIT_H
#define NETCFGC_EMIT_H

#include <jansson.h>

#include "armplan.h"
#include "jsontext.h"
#include "netcfgc.h"

/*
 * The ARM template's text (subscription scope, or resource-group scope with
 * --resource-group), without a final newline, handed to sink in pieces as
 * it is made: no tree, and never whole.
 */
void	 emit_template(const struct check_ctx *, const struct armplan *, json_sink, void *ctx);
/* The parameters file; with_values false leaves the keys out. */
json_t	*emit_parameters(const struct armplan *, bool with_values);

/*
 * The mapping (what became what) and the steps, made once as calls: the
 * plan writes them as JSON, the runbook as Markdown.  entry opens a
 * mapping entry, step a step; ref adds an ARM resource to it, detail a
 * line of a step; end closes either.  A step's refs come before its
 * details.  The strings an entry or a step is opened with stay valid
 * until its end.
 */
struct plan_sink {
	void	(*entry)(void *, const char *kind, const char *name, unsigned long line,
		    const char *note);
	void	(*step)(void *, int order, const char *title, bool manual, int minutes);
	void	(*ref)(void *, const char *type, const char *rg, const char *name);
	void	(*detail)(void *, const char *text);
	void	(*end)(void *);
	void	*ctx;
};
void	 plan_mapping(const struct check_ctx *, const struct armplan *, const struct plan_sink *);
void	 plan_steps(const struct check_ctx *, const struct armplan *, const struct plan_sink *);

/* The counts of the plan's summary that the model does not hold as they are. */
struct plan_summary {
	size_t	subnets, gateways, p2s, er, pairs, s2s, known_keys, arm_gateways;
};
void	 plan_summary(const struct check_ctx *, const struct armplan *, struct plan_summary *);
/* The input's SHA-256 as 64 hex digits. */
void	 plan_sha256(const struct input *, char hex[65]);

/*
 * The plan (SPEC §7) through w, up to its "template" member: the object is
 * left open, and migrate.c adds the template and the parameters.
 */
void	 emit_plan(const struct check_ctx *, const struct armplan *, const struct input *,
	    const struct diags *, const char *sha256, struct jwriter *w);
/* The runbook for a person, handed to sink in pieces as it is made. */
void	 emit_runbook(const struct check_ctx *, const struct armplan *, const char *sha256,
	    const struct diags *, json_sink, void *ctx);

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
	    const struct options *, const struct input *, const char *sha256,
	    const struct diags *);

#endif
