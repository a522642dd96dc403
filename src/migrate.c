/* migrate.c - write the outputs of one input: all four files, or none. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "output.h"
#include "xalloc.h"

/* "dir/B.xml" → "B"; standard input → "stdin". */
static char *
output_name(const char *display)
{
	const char	*base = strrchr(display, '/');
	size_t		 n;

	if (strcmp(display, "<stdin>") == 0)
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

static char *
dump(json_t *j)
{
	char	*s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char	*r;

	if (s == NULL) {
		fputs("netcfgc: error: out of memory\n", stderr);
		exit(EXIT_SYSTEM);
	}
	r = xasprintf("%s\n", s);
	free(s);
	return r;
}

int
emit_migration(const struct check_ctx *c, const struct armplan *ap,
    const struct options *o, const struct input *in, const struct diags *d)
{
	json_t		*tmpl = emit_template(c, ap);
	json_t		*params = emit_parameters(ap, true);
	json_t		*pplan = emit_parameters(ap, false);
	json_t		*plan = emit_plan(c, ap, in, d, tmpl, pplan);
	char		*texts[4] = { NULL, NULL, NULL, NULL };
	static const char *const names[4] = { "azuredeploy.json", "azuredeploy.parameters.json",
	    "plan.json", "runbook.md" };
	static const mode_t modes[4] = { 0644, 0600, 0644, 0644 };
	struct outfile	 f[4];
	char		*name = NULL, *dir = NULL;
	int		 rc = EXIT_OK;
	size_t		 i, staged = 0;

	memset(f, 0, sizeof(f));
	if (o->outdir == NULL) {
		char *s = dump(plan);

		if (fputs(s, stdout) == EOF || fflush(stdout) == EOF) {
			perror("netcfgc: error: cannot write the plan to standard output");
			rc = EXIT_SYSTEM;
		}
		free(s);
		goto out;
	}
	texts[0] = dump(tmpl);
	texts[1] = dump(params);
	texts[2] = dump(plan);
	texts[3] = emit_runbook(c, ap, plan);
	name = output_name(in->display);
	dir = xasprintf("%s/%s", o->outdir, name);
	if (out_mkdirs(dir) != 0) {
		rc = EXIT_SYSTEM;
		goto out;
	}
	for (i = 0; i < 4; i++) {
		if (out_stage(&f[i], dir, names[i], texts[i], strlen(texts[i]), modes[i]) != 0) {
			out_abort(f, staged);
			rc = EXIT_SYSTEM;
			goto out;
		}
		staged++;
	}
	if (out_commit(f, 4) != 0)
		rc = EXIT_SYSTEM;
out:
	for (i = 0; i < 4; i++) {
		free(f[i].final);
		if (texts[i] != NULL && i == 1)
			memset(texts[i], 0, strlen(texts[i]));
		free(texts[i]);
	}
	free(name);
	free(dir);
	json_decref(plan);
	json_decref(tmpl);
	json_decref(params);
	json_decref(pplan);
	return rc;
}
