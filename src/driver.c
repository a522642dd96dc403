/* driver.c - one input file through load, build, topology, checks and outputs. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	c->tp = topology_build(c->cfg, c->sf, c->nsf, o->peering);
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
	    o->existing_rgs, c->id, &o->certs, o->batch };
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

/*
 * --keys-beside: B.ps1 and B.keys.ps1 beside B.xml (or B.netcfg), those that
 * exist, read into in[]; their number, or (size_t)-1 when one cannot be read.
 */
static size_t
keys_beside(const char *path, const struct options *o, struct input in[2])
{
	static const char *const ext[2] = { ".ps1", ".keys.ps1" };
	size_t	 n = strlen(path), k, got = 0;
	char	*base;

	if (strcmp(path, "-") == 0)
		return 0;
	if (n > 4 && strcmp(path + n - 4, ".xml") == 0)
		n -= 4;
	else if (n > 7 && strcmp(path + n - 7, ".netcfg") == 0)
		n -= 7;
	base = xstrndup(path, n);
	for (k = 0; k < 2; k++) {
		char		*p = xasprintf("%s%s", base, ext[k]);
		struct stat	 st;

		bool		 given = false;
		size_t		 j;

		/* one given with -k as well is read once */
		for (j = 0; j < o->nkey_paths; j++)
			given |= strcmp(o->key_paths[j], p) == 0;
		if (!given && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			memset(&in[got], 0, sizeof(in[got]));
			if (input_read(p, &in[got]) != 0) {
				input_release(&in[got]);
				while (got-- > 0)
					input_release(&in[got]);
				free(p);
				free(base);
				return (size_t)-1;
			}
			got++;
		}
		free(p);
	}
	free(base);
	return got;
}

/*
 * --keep-paths: DIR/<the input's directory>; an absolute path is taken
 * relative to '/'.  (main.c refuses '..' and outputs that meet.)
 */
char *
kept_dir(const char *outdir, const char *path)
{
	const char	*slash = strrchr(path, '/'), *p, *e;
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_adds(&b, outdir);
	if (slash == NULL || strcmp(path, "-") == 0)
		return sbuf_detach(&b);
	/* its components, without "" and "." ("./a//b" is a/b) */
	for (p = path; p < slash; p = e + 1) {
		for (e = p; e < slash && *e != '/'; e++)
			continue;
		if (e == p || (e - p == 1 && *p == '.'))
			continue;
		sbuf_addc(&b, '/');
		sbuf_add(&b, p, (size_t)(e - p));
	}
	return sbuf_detach(&b);
}

int
process_file(const char *path, const struct options *o, struct diag_out *out,
    struct file_result *res)
{
	struct input	 in;
	struct compiled	 c;
	int		 rc;

	struct options	 own = *o;
	struct input	 beside[2];
	size_t		 nbeside = 0, i;
	char		*outdir = NULL;

	memset(res, 0, sizeof(*res));
	res->path = path;
	out->file = path;
	if (input_read(path, &in) != 0) {
		input_release(&in);
		res->exit = EXIT_INPUT;
		out->file = NULL;
		return EXIT_INPUT;
	}
	if (o->keys_beside && (nbeside = keys_beside(path, o, beside)) == (size_t)-1) {
		input_release(&in);
		res->exit = EXIT_INPUT;
		out->file = NULL;
		return EXIT_INPUT;
	}
	if (nbeside > 0) {
		/* -k files first, then the export's own */
		own.keys = xcalloc(o->nkeys + nbeside, sizeof(*own.keys));
		memcpy(own.keys, o->keys, o->nkeys * sizeof(*own.keys));
		memcpy(own.keys + o->nkeys, beside, nbeside * sizeof(*own.keys));
		own.nkeys = o->nkeys + nbeside;
	}
	if (o->keep_paths && o->outdir != NULL) {
		outdir = kept_dir(o->outdir, path);
		own.outdir = outdir;
	}
	o = &own;
	compile_input(&in, o, &c);
	rc = c.rc;
	if (rc == EXIT_OK && o->cmd == CMD_MIGRATE) {
		/* kept_dir("", p) is "/<p's directory>" */
		char *sub = o->keep_paths ? kept_dir("", path) : NULL;

		rc = emit_migration(&c.ctx, c.ap, o->outdir, sub != NULL && *sub == '/' ? sub + 1 : sub,
		    &in, &c.d);
		free(sub);
	}
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
	/* a file that is not XML is unreadable and adds no error (SPEC §4) */
	res->errors = rc == EXIT_INPUT ? 0 : c.d.count[LEVEL_ERROR];
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
	for (i = 0; i < nbeside; i++)
		input_release(&beside[i]);
	if (nbeside > 0)
		free(own.keys);
	free(outdir);
	out->file = NULL;
	return rc;
}
