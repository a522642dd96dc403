/* arm.c - classic → ARM decisions: SKUs, VPN types, tunnel limits. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arm.h"
#include "input.h"
#include "xalloc.h"

static const struct {
	const char	*name;
	unsigned	 tunnels;
} arm_skus[] = {
	{ "Basic", 10 }, { "Standard", 10 }, { "HighPerformance", 30 },
	{ "VpnGw1", 30 }, { "VpnGw2", 30 }, { "VpnGw3", 30 }, { "VpnGw4", 100 }, { "VpnGw5", 100 },
	{ "VpnGw1AZ", 30 }, { "VpnGw2AZ", 30 }, { "VpnGw3AZ", 30 }, { "VpnGw4AZ", 100 },
	{ "VpnGw5AZ", 100 },
};
#define NARMSKUS (sizeof(arm_skus) / sizeof(arm_skus[0]))

const char *
arm_rg_name_problem(const char *s)
{
	const unsigned char	*p;
	size_t			 n = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p & 0xc0) != 0x80)
			n++;
		if (*p < 0x80 && !isalnum(*p) && strchr("_-.()", *p) == NULL)
			return "a resource group name holds only letters, digits, '_', '-', '.', "
			    "'(' and ')'";
	}
	if (n == 0 || n > 90)
		return "a resource group name is 1 to 90 characters long";
	if (s[0] == '-')
		return "a resource group name that begins with '-' would be read as an option by "
		    "the az commands the runbook shows";
	if (p[-1] == '.')
		return "a resource group name cannot end in '.'";
	return NULL;
}

int
ag_map_add(struct ag_map *m, const char *spec)
{
	const char *eq = strchr(spec, '=');

	if (eq == NULL || eq == spec || eq[1] == '\0')
		return -1;
	xgrow((void **)&m->name, &m->cap, m->n + 1, sizeof(char *));
	m->region = xreallocarray(m->region, m->cap, sizeof(char *));
	m->name[m->n] = xstrndup(spec, (size_t)(eq - spec));
	m->region[m->n] = xstrdup(eq + 1);
	m->n++;
	return 0;
}

size_t
ag_map_find(const struct ag_map *m, const char *name)
{
	size_t i;

	for (i = 0; m != NULL && i < m->n; i++)
		if (strcasecmp(m->name[i], name) == 0)
			return i;
	return (size_t)-1;	/* NONE */
}

const char *
ag_map_region(const struct ag_map *m, const char *name)
{
	size_t i;

	if (m == NULL)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (strcasecmp(m->name[i], name) == 0)
			return m->region[i];
	return NULL;
}

void
ag_map_release(struct ag_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->name[i]);
		free(m->region[i]);
	}
	free(m->name);
	free(m->region);
}

int
sku_map_add(struct sku_map *m, const char *spec, char *why, size_t whyn)
{
	static const enum classic_sku all[] = { CSKU_DEFAULT, CSKU_BASIC, CSKU_STANDARD,
	    CSKU_HIGHPERFORMANCE, CSKU_UNKNOWN };
	const char	*eq = strchr(spec, '=');
	enum classic_sku cls = CSKU_UNKNOWN;
	bool		 found = false;
	size_t		 i;

	if (eq == NULL) {
		snprintf(why, whyn, "'%s' is not CLASSIC=ARM", spec);
		return -1;
	}
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strlen(classic_sku_name(all[i])) == (size_t)(eq - spec) &&
		    strncasecmp(spec, classic_sku_name(all[i]), (size_t)(eq - spec)) == 0) {
			cls = all[i];
			found = true;
		}
	if (!found) {
		snprintf(why, whyn, "'%.*s' is not a classic SKU (Default, Basic, Standard, "
		    "HighPerformance, unknown)", (int)(eq - spec), spec);
		return -1;
	}
	for (i = 0; i < NARMSKUS; i++)
		if (strcasecmp(eq + 1, arm_skus[i].name) == 0)
			break;
	if (i == NARMSKUS) {
		snprintf(why, whyn, "'%s' is not an ARM VPN gateway SKU that can be created "
		    "(Basic, VpnGw1AZ..VpnGw5AZ)", eq + 1);
		return -1;
	}
	if (strncmp(arm_skus[i].name, "VpnGw", 5) == 0 && strstr(arm_skus[i].name, "AZ") == NULL) {
		snprintf(why, whyn, "%s can no longer be created: the non-AZ VpnGw1-5 SKUs are "
		    "retired (since 2025-01-01 new gateways are the AZ SKUs); use %sAZ",
		    arm_skus[i].name, arm_skus[i].name);
		return -1;
	}
	if (strcmp(arm_skus[i].name, "Standard") == 0 ||
	    strcmp(arm_skus[i].name, "HighPerformance") == 0) {
		snprintf(why, whyn, "%s is a legacy SKU that can no longer be created; use one "
		    "that can (Basic, VpnGw1AZ..VpnGw5AZ), e.g. %s", arm_skus[i].name,
		    strcmp(arm_skus[i].name, "Standard") == 0 ? "VpnGw1AZ" : "VpnGw2AZ");
		return -1;
	}
	eq = arm_skus[i].name - 1;	/* the SKU as ARM spells it */
	for (i = 0; i < m->n; i++)
		if (m->classic[i] == cls) {
			snprintf(why, whyn, "the classic SKU %s is given twice", classic_sku_name(cls));
			return -1;
		}
	if (m->n == sizeof(m->classic) / sizeof(m->classic[0])) {
		snprintf(why, whyn, "too many --gateway-sku options");
		return -1;
	}
	m->classic[m->n] = cls;
	m->arm[m->n++] = xstrdup(eq + 1);
	return 0;
}

void
sku_map_release(struct sku_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->arm[i]);
	m->n = 0;
}

const char *
arm_gateway_sku(enum classic_sku s, enum routing r, const struct sku_map *m)
{
	size_t i;

	for (i = 0; m != NULL && i < m->n; i++)
		if (m->classic[i] == s)
			return m->arm[i];
	if (r == ROUTING_STATIC)
		return "Basic";
	switch (s) {
	case CSKU_DEFAULT:
	case CSKU_BASIC:
		return "Basic";
	case CSKU_HIGHPERFORMANCE:
		return "VpnGw2AZ";
	case CSKU_STANDARD:
	case CSKU_UNKNOWN:
	default:
		return "VpnGw1AZ";
	}
}

unsigned
arm_sku_tunnel_limit(const char *sku, enum routing r)
{
	size_t i;

	if (r == ROUTING_STATIC)
		return 1;	/* PolicyBased: one S2S tunnel */
	for (i = 0; i < NARMSKUS; i++)
		if (strcmp(sku, arm_skus[i].name) == 0)
			return arm_skus[i].tunnels;
	return 0;
}

unsigned
classic_tunnel_limit(enum classic_sku s, enum routing r)
{
	if (r == ROUTING_STATIC)
		return 1;
	return s == CSKU_HIGHPERFORMANCE ? 30 : 10;
}

const char *
arm_vpn_type(enum routing r)
{
	return r == ROUTING_STATIC ? "PolicyBased" : "RouteBased";
}

void
arm_short_hash(const char *s, char out[ARM_HASH_LEN + 1])
{
	sha256_hex(s, strlen(s), out, ARM_HASH_LEN);
}

/* Bytes of the first n characters of UTF-8 s (all of it if shorter). */
static size_t
utf8_prefix(const char *s, size_t n)
{
	size_t i = 0, chars = 0;

	for (; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == n)
			break;
	}
	return i;
}

size_t
arm_name_length(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

char *
arm_fit(char *s, size_t max, const char *whole, bool force)
{
	char	 h[ARM_HASH_LEN + 1];
	size_t	 keep;
	char	*r;

	if (!force && arm_name_length(s) <= max)
		return s;
	keep = utf8_prefix(s, max - ARM_HASH_LEN - 1);
	/* the cut end reads better without a separator before the hash's */
	while (keep > 0 && strchr("-._()", s[keep - 1]) != NULL)
		keep--;
	arm_short_hash(whole, h);
	r = xasprintf("%.*s%s%s", (int)keep, s, keep > 0 ? "-" : "", h);
	free(s);
	return r;
}
