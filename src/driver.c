/* driver.c - one input file through load, build, topology, checks and outputs. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "addr.h"
#include "armplan.h"
#include "emit.h"
#include "netcfgc.h"
#include "output.h"
#include "sidefile.h"
#include "topology.h"
#include "xalloc.h"

/*
 * "<name>-<digest>": the input's base name as deployment names may hold it
 * (24 characters at most) and the first 8 hex digits of its SHA-256, so
 * that the deployments of two inputs never share a name.
 */
static void
input_id(const struct input *in, char *id, size_t n)
{
	char	 hex[65], *name = output_name(in->display);
	char	 stem[25];
	size_t	 i, k = 0;

	input_sha256_hex(in, hex);
	for (i = 0; name[i] != '\0' && k < sizeof(stem) - 1; i++) {
		unsigned char ch = (unsigned char)name[i];
		bool ok = ch < 0x80 && (isalnum(ch) || strchr("_.()-", ch) != NULL);

		if (ok)
			stem[k++] = (char)ch;
		else if (k > 0 && stem[k - 1] != '-')
			stem[k++] = '-';
	}
	while (k > 0 && (stem[k - 1] == '-' || stem[k - 1] == '.'))
		k--;
	stem[k] = '\0';
	snprintf(id, n, "%s-%.8s", k > 0 ? stem : "netcfg", hex);
	free(name);
}

void
compile_input(const struct input *in, const struct options *o, struct compiled *c)
{
	size_t			 i;

	memset(c, 0, sizeof(*c));
	diags_init(&c->d, &o->policy);
	c->rc = EXIT_OK;
	switch (load_netcfg(in, &c->d, &c->cfg)) {
	case LOAD_MALFORMED:
		c->rc = EXIT_INPUT;
		goto out;
	case LOAD_INVALID:
		c->rc = EXIT_INVALID;
		goto out;
	case LOAD_OK:
		break;
	}
	c->nsf = o->nkeys;
	c->sf = xcalloc(o->nkeys, sizeof(*c->sf));
	for (i = 0; i < o->nkeys; i++)
		sidefile_parse(&o->keys[i], &c->sf[i], &c->d);
	c->tp = topology_build(c->cfg, c->sf, c->nsf);
	c->ctx.cfg = c->cfg;
	c->ctx.d = &c->d;
	c->ctx.ags = &o->ags;
	c->ctx.topo = c->tp;
	c->ctx.side = c->sf;
	c->ctx.nside = c->nsf;
	c->ctx.skus = &o->skus;
	check_all(&c->ctx);
	/* ARM names are decided for check too: arm-name reports what migrate would do */
	input_id(in, c->id, sizeof(c->id));
	c->aopts = (struct arm_opts){ o->resource_group, o->rg_for.n > 0 ? &o->rg_for : NULL,
	    o->existing_rgs, c->id, &o->certs };
	c->ap = armplan_build(&c->ctx, &c->aopts);
	if (diags_has_errors(&c->d))
		c->rc = EXIT_INVALID;
out:
	diags_sort(&c->d);
}

void
compiled_release(struct compiled *c)
{
	size_t i;

	armplan_free(c->ap);
	topology_free(c->tp);
	for (i = 0; c->sf != NULL && i < c->nsf; i++)
		sidefile_release(&c->sf[i]);
	free(c->sf);
	netcfg_free(c->cfg);
	diags_release(&c->d);
	memset(c, 0, sizeof(*c));
}

int
process_file(const char *path, const struct options *o, struct diag_out *out,
    struct file_result *res)
{
	struct input	 in;
	struct compiled	 c;
	int		 rc;

	memset(res, 0, sizeof(*res));
	res->path = path;
	out->file = path;
	if (input_read(path, &in) != 0) {
		input_release(&in);
		res->exit = EXIT_INPUT;
		out->file = NULL;
		return EXIT_INPUT;
	}
	compile_input(&in, o, &c);
	rc = c.rc;
	if (rc == EXIT_OK && o->cmd == CMD_MIGRATE)
		rc = emit_migration(&c.ctx, c.ap, o->outdir, &in, &c.d);
	if (o->cmd == CMD_GRAPH && c.cfg != NULL) {
		/* the graph shows the problems too, so it is drawn despite errors */
		char *dot = emit_dot(&c.ctx, c.ap, &c.d);

		if (fputs(dot, stdout) == EOF || fflush(stdout) == EOF) {
			error_msg("cannot write the graph to standard output: %s", strerror(errno));
			rc = EXIT_SYSTEM;
		}
		free(dot);
	}
	diags_emit(&c.d, out);
	res->errors = c.d.count[LEVEL_ERROR];
	res->warnings = c.d.count[LEVEL_WARNING];
	res->notes = c.d.count[LEVEL_NOTE];
	res->exit = rc;
	if (rc == EXIT_OK && o->cmd == CMD_MIGRATE && o->outdir != NULL) {
		char *name = output_name(in.display);

		res->output = xjoin3(o->outdir, '/', name, NULL);
		free(name);
	}
	compiled_release(&c);
	input_release(&in);
	out->file = NULL;
	return rc;
}
