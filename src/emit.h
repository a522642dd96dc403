/* emit.h - the outputs of migrate: template, parameters, plan, runbook, graph. */
#ifndef NETCFGC_EMIT_H
#define NETCFGC_EMIT_H

#include <stdbool.h>

#include <jansson.h>

#include "armplan.h"
#include "load.h"

/* One deployable template and what deploys it. */
struct deploy_file {
	json_t		*template;
	size_t		*params;	/* its key parameters: indexes in ap->params */
	size_t		 nparams;
	size_t		 ngateways;	/* gateways it creates */
	char		*name;		/* the deployment's name, unique per input */
	char		*file, *pfile;	/* azuredeploy[-NN].json, azuredeploy[-NN].parameters.json */
	const char	*location;	/* subscription scope: the deployment's location */
	size_t		 stage;		/* 1 + the latest stage of the templates it needs */
};

/*
 * The templates of an export, in deployment order: one when it fits ARM's
 * limits, else several (SPEC §6, §7).
 */
struct template_set {
	struct deploy_file	*f;
	size_t			 n;
};

/* The ARM templates (subscription scope, or resource-group scope with --resource-group). */
void	 emit_templates(const struct check_ctx *, const struct armplan *, struct template_set *);
void	 template_set_release(struct template_set *);
/* The parameters file of one template; with_values false leaves the keys out. */
json_t	*emit_parameters(const struct armplan *, const struct deploy_file *, bool with_values);

/*
 * The mapping (what became what) and the steps, made once as JSON: the
 * plan holds them and the runbook is written from them.
 */
json_t	*plan_mapping(const struct check_ctx *, const struct armplan *);
json_t	*plan_steps(const struct check_ctx *, const struct armplan *,
	    const struct template_set *);

/* The counts of the plan's summary that the model does not hold as they are. */
/* What a device routes to VNet v's gateway: its space, and the spaces that use it by transit. */
void	 transit_space(const struct armplan *, const struct check_ctx *, size_t v, struct sbuf *);

struct plan_summary {
	size_t	subnets, gateways, p2s, er, pairs, one_sided, s2s, known_keys, arm_gateways;
};
void	 plan_summary(const struct check_ctx *, const struct armplan *, struct plan_summary *);

/* The plan (SPEC §7), its template and its parameters (without keys) included. */
json_t	*emit_plan(const struct check_ctx *, const struct armplan *, const struct input *,
	    const struct diags *, const char *sha256, const struct template_set *);
/* The runbook for a person, as Markdown, from the plan. */
/* dir: the folder of the outputs in the output directory, for the runbook's cd. */
char	*emit_runbook(const struct check_ctx *, const struct armplan *, json_t *plan,
	    const struct template_set *, const char *dir);

/* The topology as Graphviz DOT; ap may be NULL. */
char	*emit_dot(const struct check_ctx *, const struct armplan *, const struct diags *);

/*
 * Write the four outputs into outdir/<name>/, or the plan to standard
 * output when outdir is NULL; returns an exit code.  (migrate.c)
 */
int	 emit_migration(const struct check_ctx *, const struct armplan *, const char *outdir,
	    const char *subdir,
	    const struct input *, const struct diags *);

#endif
