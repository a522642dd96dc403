/* hash.h - a case-insensitive string → index map (open addressing). */
#ifndef NETCFGC_HASH_H
#define NETCFGC_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hmap_slot {
	const char	*key;	/* borrowed; must outlive the map */
	size_t		 val;
	uint64_t	 hash;	/* of key, kept so that growing never hashes again */
};

struct hmap {
	struct hmap_slot *slots;
	size_t		 cap, n;
};

void	 hmap_init(struct hmap *);
void	 hmap_release(struct hmap *);
/* Insert key unless present; returns false (and *old) if it was there. */
bool	 hmap_put(struct hmap *, const char *key, size_t val, size_t *old);
bool	 hmap_get(const struct hmap *, const char *key, size_t *val);

#endif
