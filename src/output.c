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

char *
output_name(const char *display)
{
	const char	*base = strrchr(display, '/');
	size_t		 n;

	if (strcmp(display, "<stdin>") == 0 || strcmp(display, "-") == 0)
		return xstrdup("stdin");
	base = base ? base + 1 : display;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	else if (n > 7 && strcmp(base + n - 7, ".netcfg") == 0)
		n -= 7;
	if (n == 0 || (n == 1 && base[0] == '.') || (n == 2 && strncmp(base, "..", 2) == 0))
		return xstrdup("netcfg");
	return xstrndup(base, n);
}

int
out_mkdirs(const char *dir)
{
	char		*p = xstrdup(dir), *s;
	struct stat	 st;
	int		 rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				error_msg("cannot create directory '%s': %s", p, strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) != 0) {
		error_msg("cannot use '%s' as output directory: %s", p, strerror(errno));
		rc = -1;
	} else if (!S_ISDIR(st.st_mode)) {
		error_msg("cannot use '%s' as output directory: %s", p, strerror(ENOTDIR));
		rc = -1;
	}
	free(p);
	return rc;
}

/* Write all of data to fd; 0, or an errno. */
static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		if (w == 0)
			return EIO;	/* no progress: do not spin */
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

int
out_stage(struct outfile *f, const char *dir, const char *name, const char *data,
    size_t len, mode_t mode)
{
	int fd, err;

	f->final = xasprintf("%s/%s", dir, name);
	/* mkstemp replaces the last six characters, which must be 'X' */
	f->tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	if ((fd = mkstemp(f->tmp)) == -1) {
		error_msg("cannot write '%s': %s", f->final, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return -1;
	}
	err = fchmod(fd, mode) != 0 ? errno : write_all(fd, data, len);
	if (err == 0 && fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0)
		return 0;
	error_msg("cannot write '%s': %s", f->final, strerror(err));
	out_abort(f, 1);
	return -1;
}

int
out_commit(struct outfile *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (rename(f[i].tmp, f[i].final) != 0) {
			error_msg("cannot write '%s': %s", f[i].final, strerror(errno));
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
		if (f[i].tmp != NULL)
			unlink(f[i].tmp);
		free(f[i].tmp);
		f[i].tmp = NULL;
	}
}

void
out_release(struct outfile *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].final);
		f[i].final = NULL;
	}
}
