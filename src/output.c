/* output.c - atomic writes: temporary file in the same directory, fsync, rename. */
#include "config.h"

#include <errno.h>
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

int
out_stage(struct outfile *f, const char *dir, const char *name, const char *data,
    size_t len, mode_t mode)
{
	/* mkstemp replaces the last six characters, which must be 'X' */
	static const char six[] = { 'X', 'X', 'X', 'X', 'X', 'X', '\0' };
	size_t off = 0;

	f->final = xasprintf("%s/%s", dir, name);
	f->tmp = xasprintf("%s/.%s.%s", dir, name, six);
	if ((f->fd = mkstemp(f->tmp)) == -1) {
		fprintf(stderr, "netcfgc: error: cannot write '%s': %s\n", f->final, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	if (fchmod(f->fd, mode) != 0)
		goto fail;
	while (off < len) {
		ssize_t w = write(f->fd, data + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(f->fd) != 0 && errno != EINVAL)
		goto fail;
	if (close(f->fd) != 0) {
		f->fd = -1;
		goto fail;
	}
	f->fd = -1;
	return 0;
fail:
	fprintf(stderr, "netcfgc: error: cannot write '%s': %s\n", f->final, strerror(errno));
	if (f->fd != -1)
		close(f->fd);
	f->fd = -1;
	unlink(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	return -1;
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
		if (f[i].tmp != NULL) {
			unlink(f[i].tmp);
			free(f[i].tmp);
			f[i].tmp = NULL;
		}
	}
}
