/* fuzz_sidefile.c - libFuzzer harness for the PowerShell side-file reader. */
#define _GNU_SOURCE	/* memmem */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sidefile.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '?' || c == ':' || c == '-';
}

/*
 * Does msg show key k?  Not when k is inside a variable's name ("$keyAbc1"
 * where the script has that variable): messages may name variables.
 */
static int
shows(const char *msg, const char *k, const uint8_t *data, size_t size)
{
	const char *p;

	for (p = msg; (p = strstr(p, k)) != NULL; p++) {
		const char	*b = p, *e = p + strlen(k);
		size_t		 n;

		while (b > msg && name_char(b[-1]))
			b--;
		while (name_char(*e))
			e++;
		n = (size_t)(e - b);
		if (b > msg && (b[-1] == '$' || b[-1] == '@') &&
		    memmem(data, size, b - 1, n + 1) != NULL)
			continue;
		return 1;
	}
	return 0;
}

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
			if (shows(d.v[j].msg, k, data, size))
				abort();
			for (n = 0; n < d.v[j].nnotes; n++)
				if (shows(d.v[j].notes[n].msg, k, data, size))
					abort();
		}
	}
	sidefile_release(&sf);
	diags_release(&d);
	input_release(&in);
	return 0;
}
