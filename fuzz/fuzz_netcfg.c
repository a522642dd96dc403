/* fuzz_netcfg.c - libFuzzer harness for the whole path: netcfg (and a side
 * file) → model → checks → template, parameters, plan, runbook and graph.
 * The input is a netcfg document, optionally followed by a line
 * "#--keys--" and a PowerShell side file. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "jsontext.h"
#include "netcfgc.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char marker[] = "\n#--keys--\n";

static void
collect(void *b, const char *s, size_t n)
{
	sbuf_add(b, s, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	struct options	 o;
	struct input	 in, keys;
	struct compiled	 c;
	const uint8_t	*m = NULL;
	size_t		 i;

	if (!ready) {
		if (load_init() != 0)
			abort();
		ready = 1;
	}
	for (i = 0; i + sizeof(marker) - 1 <= size; i++)
		if (memcmp(data + i, marker, sizeof(marker) - 1) == 0) {
			m = data + i;
			break;
		}
	memset(&o, 0, sizeof(o));
	diag_policy_init(&o.policy);
	o.cmd = CMD_MIGRATE;
	in.display = xstrdup("fuzz.xml");
	in.len = m ? (size_t)(m - data) : size;
	in.data = xmalloc(in.len);
	memcpy(in.data, data, in.len);
	if (m != NULL) {
		keys.display = xstrdup("fuzz.ps1");
		keys.len = size - in.len - (sizeof(marker) - 1);
		keys.data = xmalloc(keys.len);
		memcpy(keys.data, m + sizeof(marker) - 1, keys.len);
		o.keys = &keys;
		o.nkeys = 1;
	}
	compile_input(&in, &o, &c);
	if (c.cfg != NULL) {
		char *dot = emit_dot(&c.ctx, c.ap, &c.d);

		free(dot);
	}
	if (c.rc == EXIT_OK) {
		struct sbuf	 tb, pb, rb;
		struct jwriter	 w;
		json_t		*t, *p, *plan;
		char		 hex[65];

		/* the template and the plan are written without a tree: they must still be JSON */
		sbuf_init(&tb);
		emit_template(&c.ctx, c.ap, collect, &tb);
		if ((t = json_loads(tb.s, 0, NULL)) == NULL)
			abort();
		sbuf_init(&pb);
		jw_init(&w, &pb, 0);
		plan_sha256(&in, hex);
		emit_plan(&c.ctx, c.ap, &in, &c.d, hex, &w);
		jw_end_object(&w);
		jw_release(&w);
		if ((plan = json_loads(pb.s, 0, NULL)) == NULL)
			abort();
		p = emit_parameters(c.ap, true);
		sbuf_init(&rb);
		emit_runbook(&c.ctx, c.ap, hex, &c.d, collect, &rb);
		sbuf_release(&tb);
		sbuf_release(&pb);
		sbuf_release(&rb);
		json_decref(plan);
		json_decref(p);
		json_decref(t);
	}
	compiled_release(&c);
	input_release(&in);
	if (m != NULL)
		input_release(&keys);
	return 0;
}
