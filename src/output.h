/* output.h - atomic, all-or-nothing file writing. */
#ifndef NETCFGC_OUTPUT_H
#define NETCFGC_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

/* The directory name of an input's outputs: "dir/B.xml" → "B", "-" → "stdin". */
char	*output_name(const char *path);

/* mkdir -p; prints "netcfgc: error: ..." and returns -1 on failure. */
int	 out_mkdirs(const char *dir);

/*
 * A file staged for dir/name: out_stage writes data to a temporary file
 * beside it with mode, syncs and closes it; nothing appears at dir/name
 * until out_commit renames every staged file into place.  Both print
 * "netcfgc: error: ..." and return -1 on failure, with every temporary
 * removed.  out_abort removes the temporaries of staged files.
 */
struct outfile {
	char	*final;		/* the path the content ends up at */
	char	*tmp;		/* temporary file in the same directory, or NULL */
};
int	 out_stage(struct outfile *, const char *dir, const char *name,
	    const char *data, size_t len, mode_t mode);
int	 out_commit(struct outfile *, size_t n);
void	 out_abort(struct outfile *, size_t n);
/* Free the paths of n files. */
void	 out_release(struct outfile *, size_t n);

#endif
