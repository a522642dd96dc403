/* diag.c - collect diagnostic records, sort them, print them. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

void
diag_policy_init(struct diag_policy *p)
{
	size_t i;

	for (i = 0; i < R__COUNT; i++)
		p->override[i] = -1;
	p->werror = false;
}

void
diags_init(struct diags *d, const struct diag_policy *p)
{
	memset(d, 0, sizeof(*d));
	d->policy = p;
}

void
diags_release(struct diags *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].msg);
		free(d->v[i].name);
		for (j = 0; j < d->v[i].nnotes; j++)
			free(d->v[i].notes[j].msg);
		free(d->v[i].notes);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* Replace *s by its valid UTF-8 form. */
static void
utf8_fix(char **s)
{
	char *v = xutf8dup(*s);

	free(*s);
	*s = v;
}

static struct diag *
diag_vadd(struct diags *d, enum rule_id rule, enum level level,
    const struct pos *pos, const char *kind, const char *name,
    const char *fmt, va_list ap)
{
	struct diag *r;

	if (d->policy != NULL) {
		if (d->policy->override[rule] >= 0)
			level = (enum level)d->policy->override[rule];
		if (d->policy->werror && level == LEVEL_WARNING)
			level = LEVEL_ERROR;
	}
	if (level == LEVEL_OFF)
		return NULL;
	r = VEC_PUSH(d->v, d->n, d->cap);
	memset(r, 0, sizeof(*r));
	r->rule = rule;
	r->level = level;
	r->pos = *pos;
	/* a side file's words may be any bytes: records are valid UTF-8, for JSON and SARIF */
	r->msg = xvasprintf(fmt, ap);
	utf8_fix(&r->msg);
	r->kind = kind;
	r->name = name != NULL ? xutf8dup(name) : NULL;
	r->seq = d->n;
	d->count[level]++;
	return r;
}

struct diag *
diag_add(struct diags *d, enum rule_id rule, const struct pos *pos,
    const char *kind, const char *name, const char *fmt, ...)
{
	struct diag	*r;
	va_list		 ap;

	va_start(ap, fmt);
	r = diag_vadd(d, rule, rules[rule].level, pos, kind, name, fmt, ap);
	va_end(ap);
	return r;
}

struct diag *
diag_addl(struct diags *d, enum rule_id rule, enum level level,
    const struct pos *pos, const char *kind, const char *name,
    const char *fmt, ...)
{
	struct diag	*r;
	va_list		 ap;

	va_start(ap, fmt);
	r = diag_vadd(d, rule, level, pos, kind, name, fmt, ap);
	va_end(ap);
	return r;
}

void
diag_note(struct diag *r, const struct pos *pos, const char *fmt, ...)
{
	struct diag_note	*n;
	va_list			 ap;

	if (r == NULL)
		return;
	n = VEC_PUSH(r->notes, r->nnotes, r->capnotes);
	n->pos = *pos;
	va_start(ap, fmt);
	n->msg = xvasprintf(fmt, ap);
	va_end(ap);
	utf8_fix(&n->msg);
}

static int
pos_cmp(const struct pos *a, const struct pos *b)
{
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

static int
diag_cmp(const void *va, const void *vb)
{
	const struct diag *a = va, *b = vb;
	int c = pos_cmp(&a->pos, &b->pos);

	if (c != 0)
		return c;
	c = strcmp(rules[a->rule].name, rules[b->rule].name);
	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diags_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

bool
diags_has_errors(const struct diags *d)
{
	return d->count[LEVEL_ERROR] > 0;
}

static void
print_pos(FILE *fp, const struct pos *p)
{
	fputs(p->file ? p->file : "<input>", fp);
	if (p->line > 0) {
		fprintf(fp, ":%lu", p->line);
		if (p->col > 0)
			fprintf(fp, ":%lu", p->col);
	}
	fputs(": ", fp);
}

void
diags_print_text(const struct diags *d, FILE *fp)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		const struct diag *r = &d->v[i];

		print_pos(fp, &r->pos);
		fprintf(fp, "%s: %s [%s]\n", level_name(r->level), r->msg,
		    rules[r->rule].name);
		for (j = 0; j < r->nnotes; j++) {
			print_pos(fp, &r->notes[j].pos);
			fprintf(fp, "note: %s\n", r->notes[j].msg);
		}
	}
}

/* Optimal string alignment distance, case-insensitive: a swap of two
 * neighbouring letters counts as one edit, as people mistype. */
size_t
edit_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *d, best;

	if (la > 256 || lb > 256)
		return (size_t)-1;
	d = xcalloc((la + 1) * (lb + 1), sizeof(*d));
#define D(x, y) d[(x) * (lb + 1) + (y)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int	 ca = tolower((unsigned char)a[i - 1]);
			int	 cb = tolower((unsigned char)b[j - 1]);
			size_t	 v = D(i - 1, j - 1) + (ca != cb);

			if (D(i - 1, j) + 1 < v)
				v = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	best = D(la, lb);
#undef D
	free(d);
	return best;
}

const char *
suggest(const char *s, const char *const *cands, size_t n)
{
	const char	*best = NULL;
	size_t		 bestd = (size_t)-1, i, limit;

	limit = strlen(s) / 4;
	if (limit < 1)
		limit = 1;
	for (i = 0; i < n; i++) {
		size_t dist = edit_distance(s, cands[i]);

		if (dist < bestd) {
			bestd = dist;
			best = cands[i];
		}
	}
	return bestd <= limit ? best : NULL;
}
