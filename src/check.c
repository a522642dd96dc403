/* check.c - every check, in rule-table order. */
#include "config.h"

#include "check.h"

void
check_all(const struct check_ctx *c)
{
	check_names(c);
	check_addresses(c);
	check_gateways(c);
	check_keys(c);
}
