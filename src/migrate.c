/* migrate.c - write the outputs of one input: all four files, or none. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
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

static int
to_sbuf(const char *buf, size_t n, void *data)
{
	sbuf_add(data, buf, n);
	return 0;
}

/* The JSON text of j with a final newline, in one pass. */
static char *
dump(json_t *j)
{
	struct sbuf b;

	sbuf_init(&b);
	if (json_dump_callback(j, to_sbuf, &b, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
		fputs("netcfgc: error: out of memory\n", stderr);
		exit(EXIT_SYSTEM);
	}
	sbuf_addc(&b, '\n');
	return sbuf_detach(&b);
}

/* Append text to b with "  " after each newline but the last (its final one is dropped). */
static void
add_indented(struct sbuf *b, const char *text)
{
	const char	*p = text, *end = text + strlen(text), *nl;
	size_t		 lines = 0;

	for (nl = p; (nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL; nl++)
		lines++;
	sbuf_reserve(b, (size_t)(end - p) + 2 * lines);
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL && nl + 1 < end) {
		memcpy(b->s + b->len, p, (size_t)(nl - p) + 1);
		b->len += (size_t)(nl - p) + 1;
		b->s[b->len++] = ' ';
		b->s[b->len++] = ' ';
		p = nl + 1;
	}
	if (end > p && end[-1] == '\n')
		end--;
	memcpy(b->s + b->len, p, (size_t)(end - p));
	b->len += (size_t)(end - p);
	b->s[b->len] = '\0';
}

/*
 * The plan's text with the template's and the parameters' text spliced in
 * as its last two members, indented one level: what dumping the whole plan
 * would give, without serialising the template a second time.
 */
static char *
splice(const char *plan, const char *tmpl, const char *params)
{
	struct sbuf	 b;
	size_t		 n = strlen(plan);

	/* plan ends with "\n}\n" */
	sbuf_init(&b);
	sbuf_reserve(&b, n + strlen(tmpl) + strlen(params) + 64);
	sbuf_add(&b, plan, n - 3);
	sbuf_adds(&b, ",\n  \"template\": ");
	add_indented(&b, tmpl);
	sbuf_adds(&b, ",\n  \"parameters\": ");
	add_indented(&b, params);
	sbuf_adds(&b, "\n}\n");
	return sbuf_detach(&b);
}

int
emit_migration(const struct check_ctx *c, const struct armplan *ap,
    const struct options *o, const struct input *in, const struct diags *d)
{
	static const char *const names[4] = { "azuredeploy.json", "azuredeploy.parameters.json",
	    "plan.json", "runbook.md" };
	static const mode_t modes[4] = { 0644, 0600, 0644, 0644 };
	struct outfile	 f[4];
	json_t		*tmpl, *pplan, *plan = NULL;
	char		*ttext, *ptext, *bare, *plantext = NULL, *name = NULL, *dir = NULL;
	int		 rc = EXIT_OK;
	size_t		 staged = 0;

	/*
	 * Each text is staged (written to its temporary file) as soon as it
	 * exists and freed, so that large exports need less memory; nothing
	 * reaches a final path before all four are staged.
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
	tmpl = emit_template(c, ap);
	ttext = dump(tmpl);
	json_decref(tmpl);
	pplan = emit_parameters(ap, false);
	ptext = dump(pplan);
	json_decref(pplan);
	plan = emit_plan(c, ap, in, d, NULL, NULL);
	bare = dump(plan);
	plantext = splice(bare, ttext, ptext);
	free(bare);
	free(ptext);
	if (o->outdir == NULL) {
		free(ttext);
		if (fputs(plantext, stdout) == EOF || fflush(stdout) == EOF) {
			perror("netcfgc: error: cannot write the plan to standard output");
			rc = EXIT_SYSTEM;
		}
		goto out;
	}
	rc = out_stage(&f[0], dir, names[0], ttext, strlen(ttext), modes[0]);
	free(ttext);
	if (rc != 0)
		goto fail;
	staged++;
	{
		json_t	*params = emit_parameters(ap, true);
		char	*keys = dump(params);

		json_decref(params);
		rc = out_stage(&f[1], dir, names[1], keys, strlen(keys), modes[1]);
		memset(keys, 0, strlen(keys));
		free(keys);
		if (rc != 0)
			goto fail;
		staged++;
	}
	rc = out_stage(&f[2], dir, names[2], plantext, strlen(plantext), modes[2]);
	if (rc != 0)
		goto fail;
	staged++;
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
	free(plantext);
	free(name);
	free(dir);
	json_decref(plan);
	return rc;
}
