/* output.h - atomic, all-or-nothing file writing. */
#ifndef NETCFGC_OUTPUT_H
#define NETCFGC_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

struct outfile {
	char	*final;		/* the path the content ends up at */
	char	*tmp;		/* temporary file in the same directory */
	int	 fd;
};

/* mkdir -p; prints "netcfgc: error: ..." and returns -1 on failure. */
int	 out_mkdirs(const char *dir);
/*
 * Write data to a temporary file beside dir/name with mode, synced to disk.
 * Nothing appears at dir/name until out_commit.  -1 on failure (message
 * printed, temporary removed).
 */
int	 out_stage(struct outfile *, const char *dir, const char *name,
	    const char *data, size_t len, mode_t mode);
/* Rename every staged file into place; on failure remove what is left. */
int	 out_commit(struct outfile *, size_t n);
/* Remove staged temporaries. */
void	 out_abort(struct outfile *, size_t n);

#endif
