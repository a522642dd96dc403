/* fuzz_sidefile.c - libFuzzer harness for the PowerShell side-file reader. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sidefile.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_policy	 p;
	struct diags		 d;
	struct input		 in;
	struct sidefile		 sf;
	size_t			 i;

	diag_policy_init(&p);
	diags_init(&d, &p);
	in.display = xstrdup("fuzz.ps1");
	in.len = size;
	in.data = xmalloc(size);
	memcpy(in.data, data, size);
	sidefile_parse(&in, &sf, &d);
	/* every statement kept is complete */
	for (i = 0; i < sf.n; i++) {
		if (sf.v[i].vnet == NULL)
			abort();
		if (sf.v[i].kind == SIDE_KEY && (sf.v[i].site == NULL || sf.v[i].key == NULL))
			abort();
	}
	/*
	 * No diagnostic quotes a key (SPEC §2).  Only keys with a digit and
	 * ten or more characters are looked for: a short word could be part
	 * of a message by chance.
	 */
	for (i = 0; i < sf.n; i++) {
		const char	*k = sf.v[i].key;
		size_t		 j, n;

		if (k == NULL || strlen(k) < 10 || strpbrk(k, "0123456789") == NULL)
			continue;
		for (j = 0; j < d.n; j++) {
			if (strstr(d.v[j].msg, k) != NULL)
				abort();
			for (n = 0; n < d.v[j].nnotes; n++)
				if (strstr(d.v[j].notes[n].msg, k) != NULL)
					abort();
		}
	}
	sidefile_release(&sf);
	diags_release(&d);
	input_release(&in);
	return 0;
}
