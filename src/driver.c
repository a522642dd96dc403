/* driver.c - one input file through load, build, topology, checks and outputs. */
#include "config.h"

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

json_t *
json_path(const char *path)
{
	char	*v = xutf8dup(path != NULL ? path : "");
	json_t	*j = json_string(v);

	free(v);
	return j;
}

json_t *
diags_to_json(const struct diags *d)
{
	json_t	*arr = json_array();
	size_t	 i, j;

	for (i = 0; i < d->n; i++) {
		const struct diag	*r = &d->v[i];
		json_t			*o = json_object();
		json_t			*notes = json_array();

		json_object_set_new(o, "level", json_string(level_name(r->level)));
		json_object_set_new(o, "rule", json_string(rules[r->rule].name));
		json_object_set_new(o, "message", json_string(r->msg));
		json_object_set_new(o, "file", json_path(r->pos.file));
		json_object_set_new(o, "line", json_integer((json_int_t)r->pos.line));
		json_object_set_new(o, "column", json_integer((json_int_t)r->pos.col));
		json_object_set_new(o, "kind", r->kind ? json_string(r->kind) : json_null());
		json_object_set_new(o, "name", r->name ? json_string(r->name) : json_null());
		for (j = 0; j < r->nnotes; j++) {
			json_t *n = json_object();

			json_object_set_new(n, "message", json_string(r->notes[j].msg));
			json_object_set_new(n, "file", json_path(r->notes[j].pos.file));
			json_object_set_new(n, "line", json_integer((json_int_t)r->notes[j].pos.line));
			json_object_set_new(n, "column", json_integer((json_int_t)r->notes[j].pos.col));
			json_array_append_new(notes, n);
		}
		json_object_set_new(o, "notes", notes);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* A SARIF artifact URI: the path with reserved characters percent-encoded. */
static char *
sarif_uri(const char *path)
{
	struct sbuf b;

	sbuf_init(&b);
	if (strcmp(path, "<stdin>") == 0)
		path = "stdin";
	for (; *path != '\0'; path++) {
		unsigned char c = (unsigned char)*path;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			sbuf_addc(&b, (char)c);
		else
			sbuf_printf(&b, "%%%02X", c);
	}
	return sbuf_detach(&b);
}

static json_t *
sarif_location(const struct pos *p, const char *msg)
{
	json_t	*loc = json_object(), *phys = json_object(), *art = json_object();
	char	*uri = sarif_uri(p->file ? p->file : "");

	json_object_set_new(art, "uri", json_string(uri));
	free(uri);
	json_object_set_new(phys, "artifactLocation", art);
	if (p->line > 0) {
		json_t *reg = json_object();

		json_object_set_new(reg, "startLine", json_integer((json_int_t)p->line));
		if (p->col > 0)
			json_object_set_new(reg, "startColumn", json_integer((json_int_t)p->col));
		json_object_set_new(phys, "region", reg);
	}
	json_object_set_new(loc, "physicalLocation", phys);
	if (msg != NULL) {
		json_t *m = json_object();

		json_object_set_new(m, "text", json_string(msg));
		json_object_set_new(loc, "message", m);
	}
	return loc;
}

static json_t *
sarif_result(const struct diag *r)
{
	json_t	*res = json_object(), *msg = json_object(), *locs = json_array();
	size_t	 j;

	json_object_set_new(res, "ruleId", json_string(rules[r->rule].name));
	json_object_set_new(res, "ruleIndex", json_integer(r->rule));
	json_object_set_new(res, "level", json_string(level_name(r->level)));
	json_object_set_new(msg, "text", json_string(r->msg));
	json_object_set_new(res, "message", msg);
	json_array_append_new(locs, sarif_location(&r->pos, NULL));
	json_object_set_new(res, "locations", locs);
	if (r->nnotes > 0) {
		json_t *rel = json_array();

		for (j = 0; j < r->nnotes; j++) {
			json_t *l = sarif_location(&r->notes[j].pos, r->notes[j].msg);

			json_object_set_new(l, "id", json_integer((json_int_t)j));
			json_array_append_new(rel, l);
		}
		json_object_set_new(res, "relatedLocations", rel);
	}
	if (r->kind != NULL || r->name != NULL) {
		json_t *pr = json_object();

		json_object_set_new(pr, "kind", r->kind ? json_string(r->kind) : json_null());
		json_object_set_new(pr, "name", r->name ? json_string(r->name) : json_null());
		json_object_set_new(res, "properties", pr);
	}
	return res;
}

void
print_diags(const struct diags *d, const struct options *o, struct totals *tot)
{
	size_t i;

	tot->errors += d->count[LEVEL_ERROR];
	tot->warnings += d->count[LEVEL_WARNING];
	if (o->format == DIAG_TEXT) {
		if (o->progress && d->n > 0)
			fputs("\r\033[K", stderr);
		diags_print_text(d, stderr);
		fflush(stderr);
		return;
	}
	if (tot->records == NULL)
		tot->records = json_array();
	if (o->format == DIAG_JSON) {
		json_t *a = diags_to_json(d);

		json_array_extend(tot->records, a);
		json_decref(a);
	} else
		for (i = 0; i < d->n; i++)
			json_array_append_new(tot->records, sarif_result(&d->v[i]));
}

void
print_records(const struct options *o, struct totals *tot)
{
	json_t	*doc;
	int	 i;

	if (o->format == DIAG_TEXT)
		return;
	if (tot->records == NULL)
		tot->records = json_array();
	if (o->format == DIAG_JSON)
		doc = json_incref(tot->records);
	else {
		json_t *run = json_object(), *tool = json_object(), *drv = json_object();
		json_t *rl = json_array(), *runs = json_array();

		for (i = 0; i < R__COUNT; i++) {
			json_t *r = json_object(), *sd = json_object(), *fd = json_object();
			json_t *dc = json_object(), *help = json_object();
			char *h = xasprintf("%s Source: %s", rules[i].explanation, rules[i].source);

			json_object_set_new(r, "id", json_string(rules[i].name));
			json_object_set_new(sd, "text", json_string(rules[i].summary));
			json_object_set_new(r, "shortDescription", sd);
			json_object_set_new(fd, "text", json_string(rules[i].explanation));
			json_object_set_new(r, "fullDescription", fd);
			json_object_set_new(help, "text", json_string(h));
			json_object_set_new(r, "help", help);
			free(h);
			json_object_set_new(dc, "level", json_string(level_name(rules[i].level)));
			json_object_set_new(r, "defaultConfiguration", dc);
			json_array_append_new(rl, r);
		}
		json_object_set_new(drv, "name", json_string("netcfgc"));
		json_object_set_new(drv, "version", json_string(PACKAGE_VERSION));
		json_object_set_new(drv, "rules", rl);
		json_object_set_new(tool, "driver", drv);
		json_object_set_new(run, "tool", tool);
		json_object_set_new(run, "results", json_incref(tot->records));
		json_array_append_new(runs, run);
		doc = json_object();
		json_object_set_new(doc, "$schema",
		    json_string("https://json.schemastore.org/sarif-2.1.0.json"));
		json_object_set_new(doc, "version", json_string("2.1.0"));
		json_object_set_new(doc, "runs", runs);
	}
	if (json_dumpf(doc, stderr, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0)
		fputc('\n', stderr);
	fflush(stderr);
	json_decref(doc);
	json_decref(tot->records);
	tot->records = NULL;
}

static void
compile(const struct input *in, const struct options *o, struct compiled *c)
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
	c->ap = armplan_build(&c->ctx, o->resource_group);
	if (diags_has_errors(&c->d))
		c->rc = EXIT_INVALID;
out:
	diags_sort(&c->d);
}

void
compile_input(const struct input *in, const struct options *o, struct compiled *c)
{
	compile(in, o, c);
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

/* The plan's SHA-256 of its input, worked out beside the compilation. */
struct sha_job {
	const struct input	*in;
	char			 hex[65];
};

static void *
sha_run(void *arg)
{
	struct sha_job *j = arg;

	plan_sha256(j->in, j->hex);
	return NULL;
}

/* Inputs from this size on have their digest made on a second thread (17 MB: 16 ms). */
#define SHA_THREAD_MIN	((size_t)256 * 1024)

int
process_file(const char *path, const struct options *o, struct totals *tot)
{
	struct input	 in;
	struct compiled	 c;
	struct sha_job	 sha;
	pthread_t	 th;
	bool		 threaded = false;
	int		 rc;

	if (input_read(path, &in) != 0) {
		input_release(&in);
		return EXIT_INPUT;
	}
	sha.in = &in;
	if (o->cmd == CMD_MIGRATE && in.len >= SHA_THREAD_MIN)
		threaded = pthread_create(&th, NULL, sha_run, &sha) == 0;
	compile_input(&in, o, &c);
	rc = c.rc;
	if (threaded && pthread_join(th, NULL) != 0) {
		fputs("netcfgc: error: cannot join the digest thread\n", stderr);
		exit(EXIT_SYSTEM);
	}
	if (rc == EXIT_OK && o->cmd == CMD_MIGRATE) {
		if (!threaded)
			plan_sha256(&in, sha.hex);
		rc = emit_migration(&c.ctx, c.ap, o, &in, sha.hex, &c.d);
	}
	if (o->cmd == CMD_GRAPH && c.cfg != NULL) {
		/* the graph shows the problems too, so it is drawn despite errors */
		char *dot = emit_dot(&c.ctx, c.ap, &c.d);

		if (fputs(dot, stdout) == EOF || fflush(stdout) == EOF) {
			perror("netcfgc: error: cannot write the graph to standard output");
			rc = EXIT_SYSTEM;
		}
		free(dot);
	}
	print_diags(&c.d, o, tot);
	compiled_release(&c);
	input_release(&in);
	return rc;
}
