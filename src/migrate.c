/* migrate.c - write the outputs of one input: all four files, or none. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "emit.h"
#include "output.h"
#include "xalloc.h"

/* The input's SHA-256 as 64 hex digits. */
static void
sha256_hex(const struct input *in, char hex[65])
{
	struct sha256_ctx	 sh;
	uint8_t			 dig[SHA256_DIGEST_SIZE];
	size_t			 i;

	sha256_init(&sh);
	sha256_update(&sh, in->len, in->data);
	sha256_digest(&sh, sizeof(dig), dig);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(hex + 2 * i, 3, "%02x", dig[i]);
}

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
    const struct input *in, const struct diags *d)
{
	static const char *const names[4] = { "azuredeploy.json", "azuredeploy.parameters.json",
	    "plan.json", "runbook.md" };
	static const mode_t modes[4] = { 0644, 0600, 0644, 0644 };
	struct outfile	 f[4];
	char		 sha[65], *text[4], *name;
	json_t		*plan, *params;
	size_t		 i;
	int		 rc;

	sha256_hex(in, sha);
	plan = emit_plan(c, ap, in, d, sha);
	if (outdir == NULL) {
		/* standard output gets the plan alone, without key values */
		char *s = json_text(plan);

		json_decref(plan);
		rc = fputs(s, stdout) == EOF || fflush(stdout) == EOF ? EXIT_SYSTEM : EXIT_OK;
		free(s);
		if (rc != EXIT_OK)
			error_msg("cannot write the plan to standard output: %s", strerror(errno));
		return rc;
	}
	params = emit_parameters(ap, true);
	text[0] = json_text(json_object_get(plan, "template"));
	text[1] = json_text(params);
	text[2] = json_text(plan);
	text[3] = emit_runbook(c, ap, plan);
	json_decref(params);
	json_decref(plan);
	for (i = 0; i < 4; i++)
		f[i] = (struct outfile){ names[i], text[i], strlen(text[i]), modes[i] };
	name = output_name(in->display);
	rc = output_set(outdir, name, f, 4) == 0 ? EXIT_OK : EXIT_SYSTEM;
	for (i = 0; i < 4; i++)
		free_secret(text[i]);
	free(name);
	return rc;
}
