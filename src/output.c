/* output.c - atomic writes: temporary file in the same directory, fsync, rename. */
#define _GNU_SOURCE	/* sync_file_range */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "xalloc.h"

int
out_mkdirs(const char *dir)
{
	char	*p = xstrdup(dir), *s;
	struct stat st;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				fprintf(stderr, "netcfgc: error: cannot create directory '%s': %s\n",
				    p, strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "netcfgc: error: cannot use '%s' as output directory: %s\n", p,
		    stat(p, &st) != 0 ? strerror(errno) : "Not a directory");
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

/*
 * Large files are written in pieces of this size: one write() of a whole
 * 100 MB text was ten times slower here than the same bytes in 128 KiB
 * pieces (the kernel copies from a cold buffer and throttles at once).
 */
#define OUT_CHUNK	((size_t)128 * 1024)
/*
 * Every this many bytes, the kernel is asked to start writing back what
 * the file has so far, so that the fsync before the rename waits for the
 * last piece only instead of the whole file (at 20,000 VNets, 90 ms).
 */
#define OUT_KICK	((off_t)8 * 1024 * 1024)

int
out_open(struct outfile *f, const char *dir, const char *name, mode_t mode)
{
	/* mkstemp replaces the last six characters, which must be 'X' */
	static const char six[] = { 'X', 'X', 'X', 'X', 'X', 'X', '\0' };

	f->final = xasprintf("%s/%s", dir, name);
	f->tmp = xasprintf("%s/.%s.%s", dir, name, six);
	f->buf = NULL;
	f->nbuf = 0;
	f->err = 0;
	f->written = f->kicked = 0;
	if ((f->fd = mkstemp(f->tmp)) == -1) {
		fprintf(stderr, "netcfgc: error: cannot write '%s': %s\n", f->final, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	if (fchmod(f->fd, mode) != 0) {
		f->err = errno;
		out_finish(f);
		return -1;
	}
	f->buf = xmalloc(OUT_CHUNK);
	return 0;
}

/* Start writing back what was written since the last kick; only a hint. */
static void
kick(struct outfile *f)
{
#ifdef HAVE_SYNC_FILE_RANGE
	if (f->tmp != NULL && f->written - f->kicked >= OUT_KICK) {
		(void)sync_file_range(f->fd, f->kicked, f->written - f->kicked, SYNC_FILE_RANGE_WRITE);
		f->kicked = f->written;
	}
#else
	(void)f;
#endif
}

static void
put(struct outfile *f, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len && f->err == 0) {
		ssize_t w = write(f->fd, data + off, len - off);

		if (w < 0) {
			if (errno != EINTR)
				f->err = errno;
			continue;
		}
		if (w == 0) {
			f->err = EIO;	/* no progress: do not spin */
			break;
		}
		off += (size_t)w;
		f->written += w;
	}
	kick(f);
}

void
out_write(struct outfile *f, const char *data, size_t len)
{
	size_t n;

	while (len > 0 && f->err == 0) {
		/* a large piece goes straight to the file, not through the buffer */
		if (f->nbuf == 0 && len >= OUT_CHUNK / 4) {
			n = len < OUT_CHUNK ? len : OUT_CHUNK;
			put(f, data, n);
			data += n;
			len -= n;
			continue;
		}
		if (f->nbuf > 0 && f->nbuf + len > OUT_CHUNK && len >= OUT_CHUNK / 4) {
			put(f, f->buf, f->nbuf);
			f->nbuf = 0;
			continue;
		}
		n = OUT_CHUNK - f->nbuf < len ? OUT_CHUNK - f->nbuf : len;
		memcpy(f->buf + f->nbuf, data, n);
		f->nbuf += n;
		data += n;
		len -= n;
		if (f->nbuf == OUT_CHUNK) {
			put(f, f->buf, f->nbuf);
			f->nbuf = 0;
		}
	}
}

void
out_write_indented(struct outfile *f, const char *data, size_t len)
{
	while (len > 0 && f->err == 0) {
		size_t		 room = OUT_CHUNK - f->nbuf, n;
		const char	*nl;

		if (room < 3) {
			put(f, f->buf, f->nbuf);
			f->nbuf = 0;
			continue;
		}
		n = len < room - 2 ? len : room - 2;
		if ((nl = memchr(data, '\n', n)) != NULL)
			n = (size_t)(nl - data) + 1;
		memcpy(f->buf + f->nbuf, data, n);
		f->nbuf += n;
		data += n;
		len -= n;
		if (nl != NULL) {
			f->buf[f->nbuf++] = ' ';
			f->buf[f->nbuf++] = ' ';
		}
	}
}

void
out_attach(struct outfile *f, int fd)
{
	memset(f, 0, sizeof(*f));
	f->fd = fd;
	f->buf = xmalloc(OUT_CHUNK);
}

int
out_flush(struct outfile *f)
{
	if (f->err == 0 && f->nbuf > 0)
		put(f, f->buf, f->nbuf);
	if (f->buf != NULL) {
		/* the buffer may have held a shared key */
		explicit_bzero(f->buf, OUT_CHUNK);
		free(f->buf);
	}
	f->buf = NULL;
	f->nbuf = 0;
	return f->err == 0 ? 0 : -1;
}

int
out_finish(struct outfile *f)
{
	out_flush(f);
	if (f->err == 0 && fsync(f->fd) != 0 && errno != EINVAL)
		f->err = errno;
	if (close(f->fd) != 0 && f->err == 0)
		f->err = errno;
	f->fd = -1;
	if (f->err == 0)
		return 0;
	fprintf(stderr, "netcfgc: error: cannot write '%s': %s\n", f->final, strerror(f->err));
	unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	return -1;
}

int
out_stage(struct outfile *f, const char *dir, const char *name, const char *data,
    size_t len, mode_t mode)
{
	if (out_open(f, dir, name, mode) != 0)
		return -1;
	out_write(f, data, len);
	return out_finish(f);
}

void
out_drop_old(const struct outfile *f)
{
	struct stat	st;
	int		fd;

	/* a regular file only: opening a device or a FIFO may do something */
	if (f->final == NULL || lstat(f->final, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	fd = open(f->final, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
}

int
out_commit(struct outfile *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (rename(f[i].tmp, f[i].final) != 0) {
			fprintf(stderr, "netcfgc: error: cannot write '%s': %s\n", f[i].final,
			    strerror(errno));
			out_abort(f + i, n - i);
			return -1;
		}
		free(f[i].tmp);
		f[i].tmp = NULL;
	}
	return 0;
}

void
out_abort(struct outfile *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (f[i].buf != NULL) {
			/* opened and not finished: its buffer may hold a shared key */
			explicit_bzero(f[i].buf, OUT_CHUNK);
			free(f[i].buf);
			f[i].buf = NULL;
			close(f[i].fd);
			f[i].fd = -1;
		}
		if (f[i].tmp != NULL) {
			unlink(f[i].tmp);
			free(f[i].tmp);
			f[i].tmp = NULL;
		}
	}
}
