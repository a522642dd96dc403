/* migrate.c - write the outputs of one input: all four files, or none. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "output.h"
#include "xalloc.h"

/* The text of a JSON value as netcfgc writes its files: two-space indent, final newline. */
static char *
json_text(const json_t *j)
{
	char	*s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	size_t	 n;

	if (s == NULL)
		return xstrdup("null\n");	/* only for want of memory, which is fatal first */
	n = strlen(s);
	s = xreallocarray(s, n + 2, 1);
	s[n] = '\n';
	s[n + 1] = '\0';
	return s;
}

/* Free a text that may hold a shared key, wiping it first. */
static void
free_secret(char *s)
{
	explicit_bzero(s, strlen(s));
	free(s);
}

int
emit_migration(const struct check_ctx *c, const struct armplan *ap, const char *outdir,
    const char *subdir,
    const struct input *in, const struct diags *d)
{
	struct template_set	 ts;
	struct outfile		*f;
	char			 sha[65], *name;
	json_t			*plan;
	size_t			 i, n;
	int			 rc;

	input_sha256_hex(in, sha);
	emit_templates(c, ap, &ts);
	plan = emit_plan(c, ap, in, d, sha, &ts);
	if (outdir == NULL) {
		/* standard output gets the plan alone, without key values */
		char *s = json_text(plan);

		json_decref(plan);
		template_set_release(&ts);
		rc = fputs(s, stdout) == EOF || fflush(stdout) == EOF ? EXIT_SYSTEM : EXIT_OK;
		free(s);
		if (rc != EXIT_OK)
			error_msg("cannot write the plan to standard output: %s", strerror(errno));
		return rc;
	}
	/* each template and its parameters file, then the plan and the runbook */
	n = 2 * ts.n + 2;
	f = xcalloc(n, sizeof(*f));
	for (i = 0; i < ts.n; i++) {
		json_t *params = emit_parameters(ap, &ts.f[i], true);

		f[2 * i] = (struct outfile){ ts.f[i].file, json_text(ts.f[i].template), 0, 0644 };
		f[2 * i + 1] = (struct outfile){ ts.f[i].pfile, json_text(params), 0, 0600 };
		json_decref(params);
	}
	f[n - 2] = (struct outfile){ "plan.json", json_text(plan), 0, 0644 };
	name = output_name(in->display);
	{
		/* the runbook's cd goes from -o DIR to the set (--keep-paths: through subdir) */
		char *rel = subdir != NULL && *subdir != '\0' ? xjoin3(subdir, '/', name, NULL) :
		    xstrdup(name);

		f[n - 1] = (struct outfile){ "runbook.md", emit_runbook(c, ap, plan, &ts, rel), 0,
		    0644 };
		free(rel);
	}
	json_decref(plan);
	for (i = 0; i < n; i++)
		f[i].len = strlen(f[i].data);
	rc = output_set(outdir, name, f, n) == 0 ? EXIT_OK : EXIT_SYSTEM;
	for (i = 0; i < n; i++)
		free_secret((char *)f[i].data);
	free(f);
	free(name);
	template_set_release(&ts);
	return rc;
}
