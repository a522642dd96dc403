/* cert.h - point-to-site root certificates from --p2s-root-cert NAME=FILE. */
#ifndef NETCFGC_CERT_H
#define NETCFGC_CERT_H

#include <stddef.h>

struct p2s_certs {
	char	**name;		/* as given: the vpnClientRootCertificates name */
	char	**data;		/* the DER certificate, base64, one line */
	size_t	  n, cap;
};

/*
 * Add "NAME=FILE": FILE holds one X.509 certificate as DER (.cer), PEM or
 * bare base64.  Returns 0, or -1 with why filled in: 2 for a usage error,
 * 3 (in *rc) when FILE cannot be read.
 */
int	 p2s_certs_add(struct p2s_certs *, const char *spec, char *why, size_t whyn, int *rc);
void	 p2s_certs_release(struct p2s_certs *);

#endif
