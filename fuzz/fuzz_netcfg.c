/* fuzz_netcfg.c - libFuzzer harness for the whole path: netcfg (and a side
 * file) → model → checks → template, parameters, plan, runbook and graph.
 * The input is a netcfg document, optionally followed by a line
 * "#--keys--" and a PowerShell side file.  Each input runs in both modes
 * of --vnet-to-vnet (vpn, peering). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "netcfgc.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char marker[] = "\n#--keys--\n";

/* One input through every output, as migrate makes them. */
static void
one(const struct input *in, const struct options *o)
{
	struct compiled	 c;

	compile_input(in, o, &c);
	if (c.cfg != NULL) {
		char *dot = emit_dot(&c.ctx, c.ap, &c.d);

		free(dot);
	}
	if (c.rc == EXIT_OK) {
		/* every output as migrate makes it: the templates, the plan, keys, runbook */
		struct template_set ts;
		json_t	*plan, *p;
		char	*text, *rb;
		json_t	*back;

		emit_templates(&c.ctx, c.ap, &ts);
		plan = emit_plan(&c.ctx, c.ap, in, &c.d, "0", &ts);
		p = emit_parameters(c.ap, &ts.f[0], true);
		text = json_dumps(plan, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		rb = emit_runbook(&c.ctx, c.ap, plan, &ts, "fuzz");
		back = text != NULL ? json_loads(text, 0, NULL) : NULL;
		/* what jansson wrote must read back */
		if (back == NULL)
			abort();
		json_decref(back);
		free(text);
		free(rb);
		template_set_release(&ts);
		json_decref(plan);
		json_decref(p);
	}
	compiled_release(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	struct options	 o;
	struct input	 in, keys;
	const uint8_t	*m = NULL;
	size_t		 i;
	int		 mode;

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
	for (mode = 0; mode < 2; mode++) {
		o.peering = mode == 1;
		one(&in, &o);
	}
	input_release(&in);
	if (m != NULL)
		input_release(&keys);
	return 0;
}
