/* output.h - the outputs of one input, replaced as a set or not at all. */
#ifndef NETCFGC_OUTPUT_H
#define NETCFGC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The directory name of an input's outputs: "dir/B.xml" → "B", "-" → "stdin". */
char	*output_name(const char *path);
/* The process's umask, which open and mkdir apply. */
mode_t	 current_umask(void);

/* Is name one that netcfgc writes into an output directory? */
bool	 output_file_name(const char *name);

/* One file of a set: its name in the set's directory, its bytes, its mode before the umask. */
struct outfile {
	const char	*name;
	const char	*data;
	size_t		 len;
	mode_t		 mode;
};

/*
 * Replace outdir/name/ with a directory holding exactly files[0..n): the
 * set is written into a temporary directory beside it, synced, and
 * exchanged with the old one in one rename (renameat2 RENAME_EXCHANGE;
 * where the system has none, the old directory is moved aside first, so
 * that outdir/name/ may be absent for a moment, never mixed).  Runs for
 * the same outdir/name/ take turns through a lock file beside it.  A
 * outdir/name that is a symbolic link, not a directory, or holds files
 * netcfgc does not write is refused.  On failure, SIGINT, SIGTERM, SIGHUP
 * or an exit for want of memory, no temporary file stays behind; what a
 * run killed with SIGKILL left is removed by the next run for that
 * directory.  Prints "netcfgc: error: ..." and returns -1 on failure.
 */
int	 output_set(const char *outdir, const char *name, const struct outfile *files,
	    size_t n);

#endif
