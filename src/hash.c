/* hash.c - case-insensitive open-addressing string map. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "hash.h"
#include "xalloc.h"

/* ASCII case folding: Azure names are ASCII, and the locale must not matter. */
static inline unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static uint64_t
hash_ci(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	for (; *s != '\0'; s++) {
		h ^= fold((unsigned char)*s);
		h *= 1099511628211ull;
	}
	/* FNV's low bits follow the last characters; mix before masking */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static bool
same_ci(const char *a, const char *b)
{
	for (; fold((unsigned char)*a) == fold((unsigned char)*b); a++, b++)
		if (*a == '\0')
			return true;
	return false;
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
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (old[i].key == NULL)
			continue;
		for (j = old[i].hash & (m->cap - 1); m->slots[j].key != NULL; j = (j + 1) & (m->cap - 1))
			;
		m->slots[j] = old[i];
		m->n++;
	}
	free(old);
}

bool
hmap_put(struct hmap *m, const char *key, size_t val, size_t *oldval)
{
	uint64_t	 h = hash_ci(key);
	size_t		 i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	for (i = h & (m->cap - 1); m->slots[i].key != NULL; i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].hash == h && same_ci(m->slots[i].key, key)) {
			if (oldval != NULL)
				*oldval = m->slots[i].val;
			return false;
		}
	}
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->slots[i].hash = h;
	m->n++;
	return true;
}

bool
hmap_get(const struct hmap *m, const char *key, size_t *val)
{
	uint64_t	 h;
	size_t		 i;

	if (m->cap == 0)
		return false;
	h = hash_ci(key);
	for (i = h & (m->cap - 1); m->slots[i].key != NULL; i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].hash == h && same_ci(m->slots[i].key, key)) {
			*val = m->slots[i].val;
			return true;
		}
	}
	return false;
}
