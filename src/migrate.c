/* migrate.c - write the outputs of one input: all four files, or none. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "jsontext.h"
#include "output.h"
#include "xalloc.h"

/* "dir/B.xml" → "B"; standard input → "stdin". */
char *
output_name(const char *display)
{
	const char	*base = strrchr(display, '/');
	size_t		 n;

	if (strcmp(display, "<stdin>") == 0 || strcmp(display, "-") == 0)
		return xstrdup("stdin");
	base = base ? base + 1 : display;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	else if (n > 7 && strcmp(base + n - 7, ".netcfg") == 0)
		n -= 7;
	if (n == 0 || (n == 1 && base[0] == '.') || (n == 2 && strncmp(base, "..", 2) == 0))
		return xstrdup("netcfg");
	return xstrndup(base, n);
}

/* The JSON text of j with a final newline. */
static char *
dump(json_t *j)
{
	struct sbuf b;

	sbuf_init(&b);
	json_text(j, &b);
	sbuf_addc(&b, '\n');
	return sbuf_detach(&b);
}

static void
to_outfile(void *f, const char *s, size_t n)
{
	out_write(f, s, n);
}

/* The template's text goes to azuredeploy.json (if any) and, one level deeper, to plan.json. */
struct tee {
	struct outfile	*tmpl, *plan;
};

static void
to_both(void *ctx, const char *s, size_t n)
{
	struct tee *t = ctx;

	if (t->tmpl != NULL)
		out_write(t->tmpl, s, n);
	out_write_indented(t->plan, s, n);
}

/*
 * The template and plan.json, both streamed as they are made: the plan's
 * members up to "template", then the template's text once, into both
 * files, then the plan's "parameters".  Neither text exists whole.
 */
static void
write_plan(const struct check_ctx *c, const struct armplan *ap, const struct input *in,
    const struct diags *d, const char *sha256, struct outfile *plan, struct outfile *tmpl)
{
	struct sbuf	 b;
	struct jwriter	 w;
	struct tee	 t = { tmpl, plan };
	json_t		*params = emit_parameters(ap, false);

	sbuf_init(&b);
	jw_init(&w, &b, 0);
	jw_set_sink(&w, to_outfile, plan);
	emit_plan(c, ap, in, d, sha256, &w);
	jw_key(&w, "template");
	jw_flush(&w);
	emit_template(c, ap, to_both, &t);
	if (tmpl != NULL)
		out_write(tmpl, "\n", 1);
	/* the template was the value of its key: the writer goes on after it */
	jw_skip(&w);
	jw_key(&w, "parameters");
	jw_value(&w, params);
	jw_end_object(&w);
	sbuf_addc(&b, '\n');
	jw_flush(&w);
	jw_release(&w);
	sbuf_release(&b);
	json_decref(params);
}

static int
plan_to_stdout(const struct check_ctx *c, const struct armplan *ap, const struct input *in,
    const char *sha256, const struct diags *d)
{
	struct outfile	f;

	if (fflush(stdout) == EOF) {
		perror("netcfgc: error: cannot write the plan to standard output");
		return -1;
	}
	out_attach(&f, STDOUT_FILENO);
	write_plan(c, ap, in, d, sha256, &f, NULL);
	if (out_flush(&f) != 0) {
		fprintf(stderr, "netcfgc: error: cannot write the plan to standard output: %s\n",
		    strerror(f.err));
		return -1;
	}
	return 0;
}

/* The files that do not hold the template: written beside it, on a second thread. */
struct side {
	const struct check_ctx	*c;
	const struct armplan	*ap;
	const struct diags	*d;
	const char		*sha256;
	struct outfile		*f;	/* the four files: this thread writes f[1] and f[3] */
};

static void *
write_side(void *arg)
{
	struct side	*s = arg;
	json_t		*params;
	char		*keys;
	size_t		 i;

	for (i = 0; i < 4; i++)
		out_drop_old(&s->f[i]);
	params = emit_parameters(s->ap, true);
	keys = dump(params);
	json_decref(params);
	out_write(&s->f[1], keys, strlen(keys));
	explicit_bzero(keys, strlen(keys));
	free(keys);
	emit_runbook(s->c, s->ap, s->sha256, s->d, to_outfile, &s->f[3]);
	return NULL;
}

int
emit_migration(const struct check_ctx *c, const struct armplan *ap,
    const struct options *o, const struct input *in, const char *sha256, const struct diags *d)
{
	static const char *const names[4] = { "azuredeploy.json", "azuredeploy.parameters.json",
	    "plan.json", "runbook.md" };
	static const mode_t modes[4] = { 0644, 0600, 0644, 0644 };
	struct outfile	 f[4];
	char		*name = NULL, *dir = NULL;
	struct side	 side = { c, ap, d, sha256, f };
	pthread_t	 th;
	bool		 threaded;
	int		 rc = EXIT_OK;
	size_t		 i, opened = 0;

	if (o->outdir == NULL)
		return plan_to_stdout(c, ap, in, sha256, d) != 0 ? EXIT_SYSTEM : EXIT_OK;
	/*
	 * The four files are written to temporary files as their text is
	 * made; nothing reaches a final path before all four are complete.
	 */
	memset(f, 0, sizeof(f));
	name = output_name(in->display);
	dir = xasprintf("%s/%s", o->outdir, name);
	if (out_mkdirs(dir) != 0) {
		rc = EXIT_SYSTEM;
		goto out;
	}
	for (opened = 0; opened < 4; opened++)
		if (out_open(&f[opened], dir, names[opened], modes[opened]) != 0)
			goto fail;
	/*
	 * The parameters and the runbook are made on a second thread while
	 * this one writes the template and the plan (at 20,000 VNets the
	 * runbook is 35 ms of 440).  Each file has one writer and the model is
	 * only read, so the outputs are the same either way.
	 */
	threaded = pthread_create(&th, NULL, write_side, &side) == 0;
	if (!threaded)
		write_side(&side);
	write_plan(c, ap, in, d, sha256, &f[2], &f[0]);
	if (threaded && pthread_join(th, NULL) != 0) {
		fputs("netcfgc: error: cannot join the runbook writer\n", stderr);
		exit(EXIT_SYSTEM);
	}
	for (i = 0; i < 4; i++)
		if (out_finish(&f[i]) != 0)
			goto fail;
	rc = out_commit(f, 4) != 0 ? EXIT_SYSTEM : EXIT_OK;
	goto out;
fail:
	out_abort(f, opened);
	rc = EXIT_SYSTEM;
out:
	for (i = 0; i < 4; i++)
		free(f[i].final);
	free(name);
	free(dir);
	return rc;
}
