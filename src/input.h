/* input.h - a file or standard input, read into memory. */
#ifndef NETCFGC_INPUT_H
#define NETCFGC_INPUT_H

#include <stddef.h>

/* An input file read into memory: the bytes and the name to show. */
struct input {
	char		*display;	/* "<stdin>" for "-" */
	unsigned char	*data;
	size_t		 len;
};

/*
 * Read path ("-" is standard input) into in.  On failure print
 * "netcfgc: error: cannot ..." and return -1.
 */
int	 input_read(const char *path, struct input *in);
void	 input_release(struct input *);
/* The first ndigits (even, at most 64) hex digits of the SHA-256 of data, NUL-ended. */
void	 sha256_hex(const void *data, size_t len, char *out, size_t ndigits);
/* The SHA-256 of the input's bytes as 64 hex digits. */
void	 input_sha256_hex(const struct input *, char hex[65]);

#endif
