/* driver.c - one input file through load, build, topology, checks and outputs. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "addr.h"
#include "armplan.h"
#include "emit.h"
#include "netcfgc.h"
#include "sidefile.h"
#include "topology.h"
#include "xalloc.h"

/*
 * libcidr's cross-check of every address (addr.h) runs on a second thread
 * while the side files, the rules and the ARM names do their work: it is
 * about a tenth of check's time on a large export.  Below this many
 * addresses it runs at once instead.
 */
#define CIDR_THREAD_MIN	512

struct cidr_job {
	const struct cidr_batch	*batch;
	size_t			 disagree;
};

static void *
cidr_run(void *arg)
{
	struct cidr_job *j = arg;

	j->disagree = cidr_batch_check(j->batch);
	return NULL;
}

static void
compile(const struct input *in, const struct options *o, struct compiled *c, bool defer)
{
	struct cidr_batch	 batch;
	struct cidr_job		 job = { &batch, 0 };
	pthread_t		 th;
	bool			 threaded = false;
	size_t			 i;

	memset(c, 0, sizeof(*c));
	memset(&batch, 0, sizeof(batch));
	diags_init(&c->d, &o->policy);
	c->rc = EXIT_OK;
	switch (load_netcfg(in, &c->d, &c->cfg, defer ? &batch : NULL)) {
	case LOAD_MALFORMED:
		c->rc = EXIT_INPUT;
		goto out;
	case LOAD_INVALID:
		c->rc = EXIT_INVALID;
		goto out;
	case LOAD_OK:
		break;
	}
	if (batch.n >= CIDR_THREAD_MIN)
		threaded = pthread_create(&th, NULL, cidr_run, &job) == 0;
	if (!threaded && (job.disagree = cidr_batch_check(&batch)) > 0)
		goto again;
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
	c->ap = armplan_build(&c->ctx, o->resource_group);
	if (threaded) {
		if (pthread_join(th, NULL) != 0) {
			fputs("netcfgc: error: cannot join the address checker\n", stderr);
			exit(EXIT_SYSTEM);
		}
		if (job.disagree > 0)
			goto again;
	}
	if (diags_has_errors(&c->d))
		c->rc = EXIT_INVALID;
out:
	cidr_batch_release(&batch);
	diags_sort(&c->d);
	return;
again:
	/*
	 * libcidr reads some address otherwise than the strict reading did,
	 * so verdicts built on it cannot stand: all again, checking inline.
	 */
	cidr_batch_release(&batch);
	compiled_release(c);
	compile(in, o, c, false);
}

void
compile_input(const struct input *in, const struct options *o, struct compiled *c)
{
	compile(in, o, c, true);
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
process_file(const char *path, const struct options *o, struct diag_out *out)
{
	struct input	 in;
	struct compiled	 c;
	int		 rc;

	if (input_read(path, &in) != 0) {
		input_release(&in);
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
	compiled_release(&c);
	input_release(&in);
	return rc;
}
