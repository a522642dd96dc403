/* migrate.c - write the outputs of one input: all four files, or none. */
#include "config.h"

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

/* Write text to f one level deeper, without its final newline. */
static void
write_indented(struct outfile *f, const char *text)
{
	size_t n = strlen(text);

	if (n > 0 && text[n - 1] == '\n')
		n--;
	out_write_indented(f, text, n);
}

static void
to_outfile(void *f, const char *s, size_t n)
{
	out_write(f, s, n);
}

/*
 * plan.json: the plan's own members, streamed, then the template's and the
 * parameters' text as its last two members, indented one level: what
 * dumping the whole plan would give, without serialising the template a
 * second time or holding the plan's text whole.
 */
static void
write_plan(struct outfile *f, const json_t *plan, const char *tmpl, const char *params)
{
	json_text_stream(plan, true, to_outfile, f);
	out_write(f, ",\n  \"template\": ", 16);
	write_indented(f, tmpl);
	out_write(f, ",\n  \"parameters\": ", 18);
	write_indented(f, params);
	out_write(f, "\n}\n", 3);
}

static int
plan_to_stdout(const json_t *plan, const char *tmpl, const char *params)
{
	struct outfile f;

	if (fflush(stdout) == EOF) {
		perror("netcfgc: error: cannot write the plan to standard output");
		return -1;
	}
	out_attach(&f, STDOUT_FILENO);
	write_plan(&f, plan, tmpl, params);
	if (out_flush(&f) != 0) {
		fprintf(stderr, "netcfgc: error: cannot write the plan to standard output: %s\n",
		    strerror(f.err));
		return -1;
	}
	return 0;
}

int
emit_migration(const struct check_ctx *c, const struct armplan *ap,
    const struct options *o, const struct input *in, const struct diags *d)
{
	static const char *const names[4] = { "azuredeploy.json", "azuredeploy.parameters.json",
	    "plan.json", "runbook.md" };
	static const mode_t modes[4] = { 0644, 0600, 0644, 0644 };
	struct outfile	 f[4];
	json_t		*pplan, *plan = NULL;
	char		*ttext = NULL, *ptext = NULL, *name = NULL, *dir = NULL;
	int		 rc = EXIT_OK;
	size_t		 staged = 0;

	/*
	 * Each file is staged (written to its temporary file) as soon as its
	 * text exists; nothing reaches a final path before all four are.
	 */
	memset(f, 0, sizeof(f));
	if (o->outdir != NULL) {
		name = output_name(in->display);
		dir = xasprintf("%s/%s", o->outdir, name);
		if (out_mkdirs(dir) != 0) {
			rc = EXIT_SYSTEM;
			goto out;
		}
	}
	ttext = emit_template(c, ap);
	pplan = emit_parameters(ap, false);
	ptext = dump(pplan);
	json_decref(pplan);
	plan = emit_plan(c, ap, in, d, NULL, NULL);
	if (o->outdir == NULL) {
		if (plan_to_stdout(plan, ttext, ptext) != 0)
			rc = EXIT_SYSTEM;
		goto out;
	}
	if (out_stage(&f[0], dir, names[0], ttext, strlen(ttext), modes[0]) != 0)
		goto fail;
	staged++;
	{
		json_t	*params = emit_parameters(ap, true);
		char	*keys = dump(params);

		json_decref(params);
		rc = out_stage(&f[1], dir, names[1], keys, strlen(keys), modes[1]);
		explicit_bzero(keys, strlen(keys));
		free(keys);
		if (rc != 0)
			goto fail;
		staged++;
	}
	if (out_open(&f[2], dir, names[2], modes[2]) != 0)
		goto fail;
	write_plan(&f[2], plan, ttext, ptext);
	if (out_finish(&f[2]) != 0)
		goto fail;
	staged++;
	free(ttext);
	ttext = NULL;
	{
		char *rb = emit_runbook(c, ap, plan);

		rc = out_stage(&f[3], dir, names[3], rb, strlen(rb), modes[3]);
		free(rb);
		if (rc != 0)
			goto fail;
		staged++;
	}
	rc = out_commit(f, 4) != 0 ? EXIT_SYSTEM : EXIT_OK;
	goto out;
fail:
	out_abort(f, staged);
	rc = EXIT_SYSTEM;
out:
	for (staged = 0; staged < 4; staged++)
		free(f[staged].final);
	free(ttext);
	free(ptext);
	free(name);
	free(dir);
	json_decref(plan);
	return rc;
}
