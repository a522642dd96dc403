/* test_diag.c - diagnostic records: levels, policy, order, printing, suggestions. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "diag.h"

static char *
printed(const struct diags *d)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&buf, &len);

	cr_assert_not_null(fp);
	diags_print_text(d, fp);
	fclose(fp);
	return buf;
}

Test(diag, sorted_by_file_line_column_rule)
{
	struct diag_policy	p;
	struct diags		d;
	struct pos		a = { "b.xml", 3, 1 }, b = { "a.xml", 9, 9 }, c = { "b.xml", 3, 1 };
	char			*out;

	diag_policy_init(&p);
	diags_init(&d, &p);
	diag_add(&d, R_SUBNET_OVERLAP, &a, NULL, NULL, "second");
	diag_add(&d, R_CIDR_SYNTAX, &b, NULL, NULL, "first");
	diag_add(&d, R_CIDR_HOST_BITS, &c, NULL, NULL, "also at 3:1");
	diags_sort(&d);
	out = printed(&d);
	cr_assert_str_eq(out,
	    "a.xml:9:9: error: first [cidr-syntax]\n"
	    "b.xml:3:1: error: also at 3:1 [cidr-host-bits]\n"
	    "b.xml:3:1: error: second [subnet-overlap]\n");
	free(out);
	diags_release(&d);
}

Test(diag, notes_follow_their_record)
{
	struct diag_policy	p;
	struct diags		d;
	struct pos		a = { "n.xml", 24, 9 }, b = { "n.xml", 31, 7 };
	struct diag		*r;
	char			*out;

	diag_policy_init(&p);
	diags_init(&d, &p);
	r = diag_add(&d, R_NAME_DUPLICATE, &a, "VirtualNetworkSite", "X", "VNet 'X' is defined twice");
	diag_note(r, &b, "first defined here");
	out = printed(&d);
	cr_assert_str_eq(out, "n.xml:24:9: error: VNet 'X' is defined twice [name-duplicate]\n"
	    "n.xml:31:7: note: first defined here\n");
	free(out);
	diags_release(&d);
}

Test(diag, policy_overrides_and_werror)
{
	struct diag_policy	p;
	struct diags		d;
	struct pos		a = { "n.xml", 1, 1 };

	diag_policy_init(&p);
	p.override[R_VNET_OVERLAP] = LEVEL_OFF;
	p.override[R_SUBNET_OVERLAP] = LEVEL_WARNING;
	p.werror = true;
	diags_init(&d, &p);
	cr_assert_null(diag_add(&d, R_VNET_OVERLAP, &a, NULL, NULL, "dropped"));
	cr_assert_not_null(diag_add(&d, R_SUBNET_OVERLAP, &a, NULL, NULL, "now an error"));
	cr_assert_not_null(diag_add(&d, R_SHARED_KEY_MISSING, &a, NULL, NULL, "warning, promoted"));
	cr_assert_not_null(diag_add(&d, R_ARM_NAME, &a, NULL, NULL, "a note stays a note"));
	cr_assert_eq(d.n, 3);
	cr_assert_eq(d.count[LEVEL_ERROR], 2);
	cr_assert_eq(d.count[LEVEL_NOTE], 1);
	cr_assert(diags_has_errors(&d));
	diags_release(&d);
}

Test(diag, check_chooses_level_for_two_level_rules)
{
	struct diag_policy	p;
	struct diags		d;
	struct pos		a = { "n.xml", 1, 1 };

	diag_policy_init(&p);
	diags_init(&d, &p);
	diag_addl(&d, R_GATEWAY_SUBNET_SIZE, LEVEL_WARNING, &a, NULL, NULL, "/28");
	cr_assert_eq(d.count[LEVEL_WARNING], 1);
	cr_assert_not(diags_has_errors(&d));
	diags_release(&d);
}

Test(suggest, close_names_only)
{
	const char *c[] = { "East US", "East US 2", "West Europe", "Central US" };

	cr_assert_str_eq(suggest("Est US", c, 4), "East US");
	cr_assert_str_eq(suggest("west eurpoe", c, 4), "West Europe");
	cr_assert_null(suggest("Mars North", c, 4));
	cr_assert_eq(edit_distance_max("abc", "ABC", 3), 0);
	cr_assert_eq(edit_distance_max("kitten", "sitting", 3), 3);
}

/* The plain whole-table distance, to check the banded one against. */
static size_t
osa_full(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, d[40][40];

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int	 ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			size_t	 v = d[i - 1][j - 1] + (ca != cb);

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

Test(suggest, banded_distance_agrees_with_the_whole_table)
{
	unsigned long	 seed = 12345;
	char		 a[32], b[32];
	int		 t;

	for (t = 0; t < 20000; t++) {
		size_t la, lb, i, max, full, got;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		la = (seed >> 33) % 12;
		lb = (seed >> 40) % 12;
		max = (seed >> 50) % 6;
		for (i = 0; i < la; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			a[i] = "abAB"[(seed >> 33) % 4];
		}
		a[la] = '\0';
		for (i = 0; i < lb; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			b[i] = "abcB"[(seed >> 33) % 4];
		}
		b[lb] = '\0';
		full = osa_full(a, b);
		got = edit_distance_max(a, b, max);
		cr_assert_eq(got, full <= max ? full : max + 1, "'%s' '%s' max %zu: %zu, want %zu",
		    a, b, max, got, full <= max ? full : max + 1);
	}
}

Test(diag, long_quoted_values_are_shortened)
{
	struct diags	 d;
	char		*name = malloc(1001);
	const char	*m;

	memset(name, 'n', 1000);
	name[0] = 'A';
	name[999] = 'Z';
	name[1000] = '\0';
	diags_init(&d, NULL);
	diag_add(&d, R_ARM_NAME, &(struct pos){ "x.xml", 1, 1 }, NULL, NULL,
	    "VNet '%s' and 'short' and '%s'", name, name);
	m = d.v[0].msg;
	cr_assert_lt(strlen(m), 300, "%s", m);
	cr_assert(strstr(m, "'Annn") != NULL && strstr(m, "nnnZ' and 'short' and 'Annn") != NULL,
	    "%s", m);
	cr_assert(strstr(m, "...(936 bytes)...") != NULL, "%s", m);
	cr_assert_str_eq(d.v[0].name == NULL ? "" : d.v[0].name, "");
	diags_release(&d);
	free(name);
}

Test(rules, table_is_complete_and_names_unique)
{
	int i, j;

	for (i = 0; i < R__COUNT; i++) {
		cr_assert_not_null(rules[i].name, "rule %d has no name", i);
		cr_assert_gt(strlen(rules[i].summary), 10);
		cr_assert_gt(strlen(rules[i].explanation), 40);
		cr_assert_not_null(rules[i].source);
		cr_assert_eq(rule_lookup(rules[i].name), i);
		for (j = 0; j < i; j++)
			cr_assert_str_neq(rules[i].name, rules[j].name);
	}
	cr_assert_eq(rule_lookup("no-such-rule"), -1);
}
