/* input.c - read a file or standard input into memory. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "input.h"
#include "xalloc.h"

/* Inputs larger than this are refused rather than read (real exports are KBs to a few MBs). */
#define INPUT_MAX	((size_t)512 * 1024 * 1024)

int
input_read(const char *path, struct input *in)
{
	int	 fd;
	size_t	 cap = 65536;
	ssize_t	 r;
	bool	 is_stdin = strcmp(path, "-") == 0;

	memset(in, 0, sizeof(*in));
	in->display = xstrdup(is_stdin ? "<stdin>" : path);
	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		error_msg("cannot open '%s': %s", path, strerror(errno));
		return -1;
	} else {
		struct stat st;

		if (fstat(fd, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				error_msg("cannot read '%s': %s", path, strerror(EISDIR));
				close(fd);
				return -1;
			}
			/* a regular file is read into one buffer of its size (plus one, to see the end) */
			if (S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size < INPUT_MAX)
				cap = (size_t)st.st_size + 1;
		}
	}
	in->data = xmalloc(cap);
	for (;;) {
		if (in->len == cap) {
			if (cap >= INPUT_MAX) {
				error_msg("cannot read '%s': larger than %zu MiB",
				    in->display, INPUT_MAX >> 20);
				goto fail;
			}
			cap = cap * 2 < INPUT_MAX ? cap * 2 : INPUT_MAX;
			in->data = xreallocarray(in->data, cap, 1);
		}
		r = read(fd, in->data + in->len, cap - in->len);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			error_msg("cannot read '%s': %s", in->display, strerror(errno));
			goto fail;
		}
		in->len += (size_t)r;
	}
	if (!is_stdin)
		close(fd);
	return 0;
fail:
	if (!is_stdin)
		close(fd);
	return -1;
}

void
input_release(struct input *in)
{
	free(in->display);
	free(in->data);
	memset(in, 0, sizeof(*in));
}

void
sha256_hex(const void *data, size_t len, char *out, size_t ndigits)
{
	struct sha256_ctx	 sh;
	uint8_t			 dig[SHA256_DIGEST_SIZE];
	size_t			 i;

	sha256_init(&sh);
	sha256_update(&sh, len, data);
	sha256_digest(&sh, sizeof(dig), dig);
	for (i = 0; i < ndigits / 2 && i < sizeof(dig); i++)
		snprintf(out + 2 * i, 3, "%02x", dig[i]);
	out[2 * i] = '\0';
}

void
input_sha256_hex(const struct input *in, char hex[65])
{
	sha256_hex(in->data, in->len, hex, 64);
}
