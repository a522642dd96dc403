/* driver.c - one input file through load, build, topology, checks and outputs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "armplan.h"
#include "build.h"
#include "emit.h"
#include "netcfgc.h"
#include "sidefile.h"
#include "topology.h"
#include "xalloc.h"

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
		json_object_set_new(o, "file", json_string(r->pos.file ? r->pos.file : ""));
		json_object_set_new(o, "line", json_integer((json_int_t)r->pos.line));
		json_object_set_new(o, "column", json_integer((json_int_t)r->pos.col));
		json_object_set_new(o, "kind", r->kind ? json_string(r->kind) : json_null());
		json_object_set_new(o, "name", r->name ? json_string(r->name) : json_null());
		for (j = 0; j < r->nnotes; j++) {
			json_t *n = json_object();

			json_object_set_new(n, "message", json_string(r->notes[j].msg));
			json_object_set_new(n, "file", json_string(r->notes[j].pos.file ?
			    r->notes[j].pos.file : ""));
			json_object_set_new(n, "line", json_integer((json_int_t)r->notes[j].pos.line));
			json_object_set_new(n, "column", json_integer((json_int_t)r->notes[j].pos.col));
			json_array_append_new(notes, n);
		}
		json_object_set_new(o, "notes", notes);
		json_array_append_new(arr, o);
	}
	return arr;
}

void
print_diags(const struct diags *d, const struct options *o)
{
	if (o->progress && d->n > 0)
		fputs("\r\033[K", stderr);
	if (o->format == DIAG_JSON) {
		json_t *arr = diags_to_json(d);

		if (json_dumpf(arr, stderr, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0)
			fputc('\n', stderr);
		json_decref(arr);
	} else
		diags_print_text(d, stderr);
	fflush(stderr);
}

int
process_file(const char *path, const struct options *o, struct totals *tot)
{
	struct input		 in;
	struct diags		 d;
	struct xmldoc		 x;
	struct sidefile		*sf = NULL;
	struct netcfg		*cfg = NULL;
	struct topology		*tp = NULL;
	struct check_ctx	 ctx;
	struct armplan		*ap = NULL;
	int			 rc = EXIT_OK;
	size_t			 i;

	if (input_read(path, &in) != 0) {
		input_release(&in);
		return EXIT_INPUT;
	}
	diags_init(&d, &o->policy);
	memset(&x, 0, sizeof(x));
	if (load_parse(&in, &x, &d) != 0) {
		rc = EXIT_INPUT;
		goto out;
	}
	if (load_validate(&x, &d) != 0) {
		rc = EXIT_INVALID;
		goto out;
	}
	cfg = build_model(&x);
	sf = xcalloc(o->nkeys, sizeof(*sf));
	for (i = 0; i < o->nkeys; i++)
		sidefile_parse(&o->keys[i], &sf[i], &d);
	tp = topology_build(cfg, sf, o->nkeys);
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = cfg;
	ctx.d = &d;
	ctx.ags = &o->ags;
	ctx.topo = tp;
	ctx.side = sf;
	ctx.nside = o->nkeys;
	ctx.skus = &o->skus;
	check_all(&ctx);
	/* ARM names are decided for check too: arm-name reports what migrate would do */
	ap = armplan_build(&ctx, o->resource_group);
	if (diags_has_errors(&d))
		rc = EXIT_INVALID;
out:
	diags_sort(&d);
	if (rc == EXIT_OK && o->cmd == CMD_MIGRATE)
		rc = emit_migration(&ctx, ap, o, &in, &d);
	print_diags(&d, o);
	tot->errors += d.count[LEVEL_ERROR];
	tot->warnings += d.count[LEVEL_WARNING];
	armplan_free(ap);
	topology_free(tp);
	for (i = 0; sf != NULL && i < o->nkeys; i++)
		sidefile_release(&sf[i]);
	free(sf);
	netcfg_free(cfg);
	load_release(&x);
	diags_release(&d);
	input_release(&in);
	return rc;
}
