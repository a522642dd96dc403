/* cert.c - point-to-site root certificates: DER, PEM or base64 to ARM's publicCertData. */
#define _GNU_SOURCE	/* memmem */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/base64.h>

#include "cert.h"
#include "input.h"
#include "netcfgc.h"
#include "xalloc.h"

/* A certificate is a DER SEQUENCE with a definite long-form length that fills it. */
static const char *
der_problem(const unsigned char *d, size_t n)
{
	size_t len = 0, hdr, i, k;

	if (n < 2 || d[0] != 0x30)
		return "is not an X.509 certificate (DER does not begin with a SEQUENCE)";
	if (d[1] < 0x80) {
		len = d[1];
		hdr = 2;
	} else {
		k = d[1] & 0x7f;
		if (k == 0 || k > 4 || n < 2 + k)
			return "is not an X.509 certificate (bad DER length)";
		for (i = 0; i < k; i++)
			len = len << 8 | d[2 + i];
		hdr = 2 + k;
	}
	if (hdr + len != n)
		return "is not one X.509 certificate (its DER length does not match the file: "
		    "a bundle, a truncated file or extra bytes)";
	return NULL;
}

/* The base64 text of s without blanks; NULL if anything else than base64 is in it. */
static char *
b64_compact(const char *s, size_t n)
{
	struct sbuf	 b;
	size_t		 i;

	sbuf_init(&b);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (!isalnum(c) && c != '+' && c != '/' && c != '=') {
			sbuf_release(&b);
			return NULL;
		}
		sbuf_addc(&b, (char)c);
	}
	return sbuf_detach(&b);
}

/* Decode base64 b64 into *der; -1 if it is not valid base64. */
static int
b64_decode(const char *b64, unsigned char **der, size_t *n)
{
	struct base64_decode_ctx	 ctx;
	size_t				 len = strlen(b64), out;

	*der = xmalloc(BASE64_DECODE_LENGTH(len) + 1);
	out = BASE64_DECODE_LENGTH(len) + 1;
	base64_decode_init(&ctx);
	if (len == 0 || !base64_decode_update(&ctx, &out, *der, len, b64) ||
	    !base64_decode_final(&ctx)) {
		free(*der);
		*der = NULL;
		return -1;
	}
	*n = out;
	return 0;
}

/* The name rule of sub-resources: 1-80, alphanumerics, '_', '.', '-'; start alphanumeric. */
static int
legal_cert_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 80 || !isalnum((unsigned char)s[0]) ||
	    (!isalnum((unsigned char)s[n - 1]) && s[n - 1] != '_'))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || (!isalnum((unsigned char)s[i]) &&
		    strchr("_.-", s[i]) == NULL))
			return 0;
	return 1;
}

int
p2s_certs_add(struct p2s_certs *c, const char *spec, char *why, size_t whyn, int *rc)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	static const char end[] = "-----END CERTIFICATE-----";
	const char	*eq = strchr(spec, '='), *file, *text, *b, *e;
	struct input	 in = { NULL, NULL, 0 };
	unsigned char	*der = NULL;
	char		*b64 = NULL;
	const char	*bad;
	size_t		 n = 0, i;

	*rc = EXIT_USAGE;
	if (eq == NULL || eq == spec || eq[1] == '\0') {
		snprintf(why, whyn, "takes NAME=FILE (a name for the certificate and the file of "
		    "its public part)");
		return -1;
	}
	if (!legal_cert_name(spec, (size_t)(eq - spec))) {
		snprintf(why, whyn, "'%.*s' is not a legal certificate name (1 to 80 letters, "
		    "digits, '_', '.', '-'; starting with a letter or digit)",
		    (int)(eq - spec) > 100 ? 100 : (int)(eq - spec), spec);
		return -1;
	}
	for (i = 0; i < c->n; i++)
		if (strlen(c->name[i]) == (size_t)(eq - spec) &&
		    strncasecmp(c->name[i], spec, (size_t)(eq - spec)) == 0) {
			snprintf(why, whyn, "the certificate name '%s' is given twice", c->name[i]);
			return -1;
		}
	file = eq + 1;
	if (input_read(file, &in) != 0) {
		input_release(&in);
		*rc = EXIT_INPUT;
		snprintf(why, whyn, "cannot read '%s'", file);
		return -1;
	}
	if (in.len > 65536) {
		snprintf(why, whyn, "'%s' is larger than 64 KiB: not one certificate", file);
		goto fail;
	}
	text = (const char *)in.data;
	if (in.len > 0 && in.data[0] == 0x30) {
		der = xmalloc(in.len);
		memcpy(der, in.data, in.len);
		n = in.len;
	} else {
		if (memchr(in.data, '\0', in.len) != NULL) {
			snprintf(why, whyn, "'%s' is neither a DER certificate nor PEM or base64 text",
			    file);
			goto fail;
		}
		b = memmem(text, in.len, begin, sizeof(begin) - 1);
		if (b != NULL) {
			b += sizeof(begin) - 1;
			e = memmem(b, in.len - (size_t)(b - text), end, sizeof(end) - 1);
			if (e == NULL) {
				snprintf(why, whyn, "'%s' has no '%s' line", file, end);
				goto fail;
			}
			if (memmem(e, in.len - (size_t)(e - text), begin, sizeof(begin) - 1) != NULL) {
				snprintf(why, whyn, "'%s' holds more than one certificate: give "
				    "each root with its own --p2s-root-cert", file);
				goto fail;
			}
		} else if (memmem(text, in.len, "-----BEGIN ", 11) != NULL) {
			snprintf(why, whyn, "'%s' holds no certificate (a PEM block of another kind, "
			    "perhaps a private key: give the public certificate only)", file);
			goto fail;
		} else {
			b = text;
			e = text + in.len;
		}
		if ((b64 = b64_compact(b, (size_t)(e - b))) == NULL ||
		    b64_decode(b64, &der, &n) != 0) {
			snprintf(why, whyn, "'%s' is neither a DER certificate nor PEM or base64 text",
			    file);
			goto fail;
		}
	}
	if ((bad = der_problem(der, n)) != NULL) {
		snprintf(why, whyn, "'%s' %s", file, bad);
		goto fail;
	}
	free(b64);
	b64 = xmalloc(BASE64_ENCODE_RAW_LENGTH(n) + 1);
	base64_encode_raw(b64, n, der);
	b64[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
	xgrow((void **)&c->name, &c->cap, c->n + 1, sizeof(char *));
	c->data = xreallocarray(c->data, c->cap, sizeof(char *));
	c->name[c->n] = xstrndup(spec, (size_t)(eq - spec));
	c->data[c->n++] = b64;
	free(der);
	input_release(&in);
	return 0;
fail:
	free(b64);
	free(der);
	input_release(&in);
	return -1;
}

void
p2s_certs_release(struct p2s_certs *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->name[i]);
		free(c->data[i]);
	}
	free(c->name);
	free(c->data);
	memset(c, 0, sizeof(*c));
}
