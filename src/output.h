/* output.h - atomic, all-or-nothing file writing. */
#ifndef NETCFGC_OUTPUT_H
#define NETCFGC_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

struct outfile {
	char	*final;		/* the path the content ends up at */
	char	*tmp;		/* temporary file in the same directory */
	int	 fd;
	char	*buf;		/* pending bytes, written in OUT_CHUNK pieces */
	size_t	 nbuf;
	int	 err;		/* errno of the first failed write, or 0 */
	off_t	 written, kicked;	/* bytes written; of them, handed to writeback */
};

/* mkdir -p; prints "netcfgc: error: ..." and returns -1 on failure. */
int	 out_mkdirs(const char *dir);
/*
 * Stage a file: out_open creates a temporary file beside dir/name with
 * mode; out_write appends to it (a failure is remembered, not reported);
 * out_finish writes what is pending, syncs and closes it.  Nothing appears
 * at dir/name until out_commit.  out_open and out_finish print
 * "netcfgc: error: ..." and return -1 on failure, with the temporary
 * removed.  out_stage is all three for one piece of text.
 */
int	 out_open(struct outfile *, const char *dir, const char *name, mode_t mode);
void	 out_write(struct outfile *, const char *data, size_t len);
/* out_write with two spaces after every newline: text one level deeper. */
void	 out_write_indented(struct outfile *, const char *data, size_t len);
int	 out_finish(struct outfile *);
/*
 * The same buffered writing to a descriptor that is already open (standard
 * output): out_attach, out_write, then out_flush, which returns -1 with the
 * error in f->err and prints nothing.
 */
void	 out_attach(struct outfile *, int fd);
int	 out_flush(struct outfile *);
int	 out_stage(struct outfile *, const char *dir, const char *name,
	    const char *data, size_t len, mode_t mode);
/*
 * The file now at f's final path is about to be replaced: drop its pages
 * from the page cache, so that the rename does not have to (it only
 * hints; the file stays as it is until out_commit).
 */
void	 out_drop_old(const struct outfile *);
/* Rename every staged file into place; on failure remove what is left. */
int	 out_commit(struct outfile *, size_t n);
/* Remove staged temporaries, closing those not finished. */
void	 out_abort(struct outfile *, size_t n);

#endif
