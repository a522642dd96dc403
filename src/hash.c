/* hash.c - case-insensitive open-addressing string map. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#include "hash.h"
#include "xalloc.h"

static uint64_t
hash_ci(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)tolower((unsigned char)*s);
		h *= 1099511628211ull;
	}
	return h;
}

void
hmap_init(struct hmap *m)
{
	m->slots = NULL;
	m->cap = m->n = 0;
}

void
hmap_release(struct hmap *m)
{
	free(m->slots);
	hmap_init(m);
}

static void
grow(struct hmap *m)
{
	struct hmap_slot	*old = m->slots;
	size_t			 oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->n = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			hmap_put(m, old[i].key, old[i].val, NULL);
	free(old);
}

bool
hmap_put(struct hmap *m, const char *key, size_t val, size_t *oldval)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	for (i = hash_ci(key) & (m->cap - 1); m->slots[i].key != NULL;
	    i = (i + 1) & (m->cap - 1)) {
		if (strcasecmp(m->slots[i].key, key) == 0) {
			if (oldval != NULL)
				*oldval = m->slots[i].val;
			return false;
		}
	}
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->n++;
	return true;
}

bool
hmap_get(const struct hmap *m, const char *key, size_t *val)
{
	size_t i;

	if (m->cap == 0)
		return false;
	for (i = hash_ci(key) & (m->cap - 1); m->slots[i].key != NULL;
	    i = (i + 1) & (m->cap - 1)) {
		if (strcasecmp(m->slots[i].key, key) == 0) {
			*val = m->slots[i].val;
			return true;
		}
	}
	return false;
}
