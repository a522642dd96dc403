/* diag.c - collect diagnostic records, sort them, print them. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "diag.h"
#include "input.h"
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

/*
 * Quoted values longer than QUOTE_MAX bytes are shortened to their head and
 * tail: a 1,000-character name makes a readable line, and the position says
 * which it is.  A quote opens after a blank or bracket and closes before a
 * blank, punctuation or the end.
 */
#define QUOTE_MAX	80
#define QUOTE_HEAD	48
#define QUOTE_TAIL	16

static bool
opens_quote(const char *m, size_t i)
{
	return m[i] == '\'' && (i == 0 || strchr(" ([\"", m[i - 1]) != NULL);
}

static bool
closes_quote(const char *m, size_t j)
{
	return m[j] == '\'' && (m[j + 1] == '\0' || strchr(" ,;:.)]?!", m[j + 1]) != NULL);
}

/* Back off k so that it does not split a UTF-8 sequence of s. */
static size_t
utf8_floor(const char *s, size_t k)
{
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return k;
}

static char *
shorten_quoted(char *m)
{
	struct sbuf	 b;
	size_t		 i = 0, j;

	if (strlen(m) <= QUOTE_MAX)
		return m;
	sbuf_init(&b);
	while (m[i] != '\0') {
		if (!opens_quote(m, i)) {
			sbuf_addc(&b, m[i++]);
			continue;
		}
		for (j = i + 1; m[j] != '\0' && !closes_quote(m, j); j++)
			;
		if (m[j] == '\0' || j - i - 1 <= QUOTE_MAX) {
			sbuf_add(&b, m + i, (m[j] != '\0' ? j + 1 : j) - i);
			i = m[j] != '\0' ? j + 1 : j;
			continue;
		}
		{
			const char	*v = m + i + 1;
			size_t		 len = j - i - 1;
			size_t		 head = utf8_floor(v, QUOTE_HEAD);
			size_t		 tail = len - utf8_floor(v, len - QUOTE_TAIL);

			sbuf_addc(&b, '\'');
			sbuf_add(&b, v, head);
			sbuf_printf(&b, "...(%zu bytes)...", len - head - tail);
			sbuf_add(&b, v + len - tail, tail);
			sbuf_addc(&b, '\'');
		}
		i = j + 1;
	}
	free(m);
	return sbuf_detach(&b);
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
	d->count[level]++;
	if (d->listed[rule] >= DIAG_LIST_MAX) {
		/* counted, not listed: nothing is formatted, so N records cost N, not N lines */
		d->unlisted[rule]++;
		return NULL;
	}
	d->listed[rule]++;
	d->last[rule] = d->n;
	r = VEC_PUSH(d->v, d->n, d->cap);
	memset(r, 0, sizeof(*r));
	r->rule = rule;
	r->level = level;
	r->pos = *pos;
	/* a side file's words may be any bytes: records are valid UTF-8, for JSON and SARIF */
	r->msg = shorten_quoted(xvasprintf(fmt, ap));
	utf8_fix(&r->msg);
	r->kind = kind;
	r->name = name != NULL ? xutf8dup(name) : NULL;
	r->seq = d->n;
	return r;
}

bool
diag_listable(const struct diags *d, enum rule_id rule)
{
	if (d->policy != NULL && d->policy->override[rule] == LEVEL_OFF)
		return false;
	return d->listed[rule] < DIAG_LIST_MAX;
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
	n->msg = shorten_quoted(xvasprintf(fmt, ap));
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
	size_t	i, j;

	for (i = 0; i < R__COUNT; i++) {
		struct diag	*r;
		size_t		 at = d->last[i];

		if (d->unlisted[i] == 0)
			continue;
		/* the note goes after the rule's last listed record in the sorted order */
		for (j = 0; j < d->n; j++)
			if (d->v[j].rule == (enum rule_id)i && diag_cmp(&d->v[j], &d->v[at]) > 0)
				at = j;
		r = VEC_PUSH(d->v, d->n, d->cap);
		memset(r, 0, sizeof(*r));
		r->rule = (enum rule_id)i;
		r->level = LEVEL_NOTE;
		r->pos = d->v[at].pos;
		r->msg = xasprintf("%zu more diagnostics of this rule are not listed (%zu in all)",
		    d->unlisted[i], d->unlisted[i] + d->listed[i]);
		r->seq = (size_t)-1;	/* after the last listed one */
		d->unlisted[i] = 0;
	}
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

bool
diags_has_errors(const struct diags *d)
{
	return d->count[LEVEL_ERROR] > 0;
}

/*
 * s with what could forge or disguise a line escaped: control characters
 * (C0, DEL and C1: a newline would start a diagnostic of its own), the line
 * and paragraph separators, and the bidirectional controls that reorder
 * what a terminal shows (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069).  In a message (not a file name) a backslash is escaped
 * too, so that an escape in the output always stands for one character.
 */
static void
put_text(FILE *fp, const char *s, bool msg)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		unsigned cp = 0;

		if (p[0] == 0xd8 && p[1] == 0x9c)
			cp = 0x061c;
		else if (p[0] == 0xc2 && ((p[1] >= 0x80 && p[1] <= 0x9f) || p[1] == 0xad))
			cp = p[1];	/* C1 controls, the soft hyphen */
		else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
			cp = 0xfeff;	/* zero-width no-break space */
		else if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0x8b && p[2] <= 0x8f) ||
		    (p[2] >= 0xa8 && p[2] <= 0xae)))	/* zero-width, separators, bidi */
			cp = 0x2000 + (p[2] & 0x3f);
		else if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			cp = 0x2040 + (p[2] & 0x3f);
		if (cp != 0) {
			fprintf(fp, "\\u%04x", cp);
			p += cp < 0x100 || cp == 0x061c ? 1 : 2;	/* 2- or 3-byte sequences */
		} else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\r')
			fputs("\\r", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p == '\\' && msg)
			fputs("\\\\", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else
			putc(*p, fp);
	}
}

static void
print_pos(FILE *fp, const struct pos *p)
{
	put_text(fp, p->file ? p->file : "<input>", false);
	if (p->line > 0) {
		fprintf(fp, ":%lu", p->line);
		if (p->col > 0)
			fprintf(fp, ":%lu", p->col);
	}
	fputs(": ", fp);
}

bool diag_color;

/* The SGR colours of gcc's diagnostics: bold positions, red errors, magenta warnings, cyan notes. */
static const char *
level_color(enum level l)
{
	return l == LEVEL_ERROR ? "\033[1;31m" : l == LEVEL_WARNING ? "\033[1;35m" : "\033[1;36m";
}

static void
print_head(FILE *fp, const struct pos *p, enum level l)
{
	if (diag_color)
		fputs("\033[1m", fp);
	print_pos(fp, p);
	if (diag_color)
		fprintf(fp, "\033[0m%s%s:\033[0m ", level_color(l), level_name(l));
	else
		fprintf(fp, "%s: ", level_name(l));
}

void
diags_print_text(const struct diags *d, FILE *fp)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		const struct diag *r = &d->v[i];

		print_head(fp, &r->pos, r->level);
		put_text(fp, r->msg, true);
		fprintf(fp, diag_color ? " [\033[1m%s\033[0m]\n" : " [%s]\n", rules[r->rule].name);
		for (j = 0; j < r->nnotes; j++) {
			print_head(fp, &r->notes[j].pos, LEVEL_NOTE);
			put_text(fp, r->notes[j].msg, true);
			putc('\n', fp);
		}
	}
}

/*
 * Optimal string alignment distance, case-insensitive (a swap of two
 * neighbouring letters counts as one edit, as people mistype), when it is at
 * most max; otherwise max + 1.  Only the band of cells within max of the
 * diagonal is computed and a row past max ends it, so the cost is
 * O(strlen(a) * max) whatever the strings are.
 */
size_t
edit_distance_max(const char *a, const char *b, size_t max)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, best, over = max + 1;
	size_t	*rows, *prev2, *prev, *cur, *t;

	if ((la > lb ? la - lb : lb - la) > max)
		return over;
	rows = xcalloc(3 * (lb + 1), sizeof(*rows));
	prev2 = rows;
	prev = rows + lb + 1;
	cur = rows + 2 * (lb + 1);
	for (j = 0; j <= lb; j++)
		prev[j] = j <= max ? j : over;
	for (i = 1; i <= la; i++) {
		size_t	 lo = i > max ? i - max : 1, hi = i + max < lb ? i + max : lb;
		size_t	 rowmin = over;
		int	 ca = tolower((unsigned char)a[i - 1]);

		cur[0] = i <= max ? i : over;
		if (lo > 1)
			cur[lo - 1] = over;
		for (j = lo; j <= hi; j++) {
			int	 cb = tolower((unsigned char)b[j - 1]);
			size_t	 v = prev[j - 1] + (ca != cb);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v < over ? v : over;
			if (cur[j] < rowmin)
				rowmin = cur[j];
		}
		if (hi < lb)
			cur[hi + 1] = over;
		if (rowmin > max && cur[0] > max) {
			free(rows);
			return over;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	best = prev[lb];
	free(rows);
	return best;
}

/*
 * The candidate closest to s, if it is close: at most a quarter of s's
 * length away, and never more than 4 edits (a misspelling, not another
 * name).
 */
const char *
suggest(const char *s, const char *const *cands, size_t n)
{
	const char	*best = NULL;
	size_t		 limit = strlen(s) / 4, i;

	if (limit < 1)
		limit = 1;
	if (limit > 4)
		limit = 4;
	for (i = 0; i < n; i++) {
		size_t dist = edit_distance_max(s, cands[i], limit);

		if (dist <= limit) {
			best = cands[i];
			if (dist == 0)
				break;
			limit = dist - 1;	/* from now on, only a closer one */
		}
	}
	return best;
}

char *
did_you_mean(const char *s, const char *const *cands, size_t n)
{
	const char *best = suggest(s, cands, n);

	return best != NULL ? xasprintf("; did you mean '%s'?", best) : xstrdup("");
}

/* A file name as a JSON string: names are bytes, JSON strings valid UTF-8. */
static json_t *
path_json(const char *path)
{
	return xjson_string(path != NULL ? path : "");
}

json_t *
diags_to_json(const struct diags *d)
{
	json_t	*arr = json_array();
	size_t	 i, j;

	for (i = 0; i < d->n; i++) {
		const struct diag	*r = &d->v[i];
		json_t			*o = json_object();
		json_t			*notes = json_array();

		json_object_set_new(o, "level", json_string(level_name(r->level)));
		json_object_set_new(o, "rule", json_string(rules[r->rule].name));
		json_object_set_new(o, "message", xjson_string(r->msg));
		json_object_set_new(o, "file", path_json(r->pos.file));
		json_object_set_new(o, "line", json_integer((json_int_t)r->pos.line));
		json_object_set_new(o, "column", json_integer((json_int_t)r->pos.col));
		json_object_set_new(o, "kind", r->kind ? json_string(r->kind) : json_null());
		json_object_set_new(o, "name", r->name ? xjson_string(r->name) : json_null());
		for (j = 0; j < r->nnotes; j++) {
			json_t *n = json_object();

			json_object_set_new(n, "message", xjson_string(r->notes[j].msg));
			json_object_set_new(n, "file", path_json(r->notes[j].pos.file));
			json_object_set_new(n, "line", json_integer((json_int_t)r->notes[j].pos.line));
			json_object_set_new(n, "column", json_integer((json_int_t)r->notes[j].pos.col));
			json_array_append_new(notes, n);
		}
		json_object_set_new(o, "notes", notes);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* s percent-encoded for a URI path: everything but unreserved characters and '/'. */
static void
uri_escape(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			sbuf_addc(b, (char)c);
		else
			sbuf_printf(b, "%%%02X", c);
	}
}

/* The working directory, as a file: URI ending in '/', for originalUriBaseIds. */
static char *
cwd_uri(void)
{
	char		 buf[4096];
	struct sbuf	 b;

	if (getcwd(buf, sizeof(buf)) == NULL)
		return NULL;
	sbuf_init(&b);
	sbuf_adds(&b, "file://");
	uri_escape(&b, buf);
	if (b.len == 0 || b.s[b.len - 1] != '/')
		sbuf_addc(&b, '/');
	return sbuf_detach(&b);
}

/*
 * A SARIF artifact URI: the path with reserved characters percent-encoded,
 * relative to the working directory (*base set to SRCROOT) where it can be.
 */
static char *
sarif_uri_base(const char *path, bool *base)
{
	char		 cwd[4096];
	struct sbuf	 b;
	size_t		 n;

	sbuf_init(&b);
	*base = true;
	if (strcmp(path, "<stdin>") == 0)
		path = "stdin";
	else if (path[0] == '/') {
		if (getcwd(cwd, sizeof(cwd)) != NULL && (n = strlen(cwd)) > 0 &&
		    strncmp(path, cwd, n) == 0 && (path[n] == '/' || n == 1)) {
			path += n == 1 ? 1 : n + 1;
		} else {
			*base = false;
			sbuf_adds(&b, "file://");
		}
	}
	while (*base && path[0] == '.' && path[1] == '/')
		path += 2;
	uri_escape(&b, path);
	return sbuf_detach(&b);
}

#define SARIF_BASE	"SRCROOT"

static json_t *
sarif_location(const struct pos *p, const char *msg)
{
	json_t	*loc = json_object(), *phys = json_object(), *art = json_object();
	bool	 base;
	char	*uri = sarif_uri_base(p->file ? p->file : "", &base);

	json_object_set_new(art, "uri", json_string(uri));
	if (base)
		json_object_set_new(art, "uriBaseId", json_string(SARIF_BASE));
	free(uri);
	json_object_set_new(phys, "artifactLocation", art);
	if (p->line > 0) {
		json_t *reg = json_object();

		json_object_set_new(reg, "startLine", json_integer((json_int_t)p->line));
		if (p->col > 0)
			json_object_set_new(reg, "startColumn", json_integer((json_int_t)p->col));
		json_object_set_new(phys, "region", reg);
	}
	json_object_set_new(loc, "physicalLocation", phys);
	if (msg != NULL) {
		json_t *m = json_object();

		json_object_set_new(m, "text", json_string(msg));
		json_object_set_new(loc, "message", m);
	}
	return loc;
}

#define FP_LEN	32	/* hex digits of a SARIF partial fingerprint */

static json_t *
sarif_result(const struct diag *r)
{
	json_t	*res = json_object(), *msg = json_object(), *locs = json_array();
	size_t	 j;

	json_object_set_new(res, "ruleId", json_string(rules[r->rule].name));
	json_object_set_new(res, "ruleIndex", json_integer(r->rule));
	json_object_set_new(res, "level", json_string(level_name(r->level)));
	json_object_set_new(msg, "text", xjson_string(r->msg));
	json_object_set_new(res, "message", msg);
	json_array_append_new(locs, sarif_location(&r->pos, NULL));
	json_object_set_new(res, "locations", locs);
	if (r->nnotes > 0) {
		json_t *rel = json_array();

		for (j = 0; j < r->nnotes; j++) {
			json_t *l = sarif_location(&r->notes[j].pos, r->notes[j].msg);

			json_object_set_new(l, "id", json_integer((json_int_t)j));
			json_array_append_new(rel, l);
		}
		json_object_set_new(res, "relatedLocations", rel);
	}
	{
		/* stable when lines move: the rule, the file, what it is about, the message */
		char	*id, h[FP_LEN + 1];
		bool	 base;
		char	*uri = sarif_uri_base(r->pos.file ? r->pos.file : "", &base);

		char	*text = xstrdup(r->msg), *p, *q;

		/* a message that lists lines ("skipped (lines 2, 7)") moves with them: not them */
		if (r->rule == R_SIDE_FILE_IGNORED) {
			for (p = q = text; *p != '\0'; p++)
				if (*p < '0' || *p > '9')
					*q++ = *p;
			*q = '\0';
		}
		id = xasprintf("%s\n%s\n%s\n%s\n%s", rules[r->rule].name, uri,
		    r->kind ? r->kind : "", r->name ? r->name : "", text);
		free(text);
		sha256_hex(id, strlen(id), h, FP_LEN);
		json_object_set_new(res, "partialFingerprints", json_pack("{s:s}", "netcfgc/v1", h));
		free(id);
		free(uri);
	}
	if (r->kind != NULL || r->name != NULL) {
		json_t *pr = json_object();

		json_object_set_new(pr, "kind", r->kind ? json_string(r->kind) : json_null());
		json_object_set_new(pr, "name", r->name ? xjson_string(r->name) : json_null());
		json_object_set_new(res, "properties", pr);
	}
	return res;
}

void
diags_emit(const struct diags *d, struct diag_out *tot)
{
	size_t i;

	tot->errors += d->count[LEVEL_ERROR];
	tot->warnings += d->count[LEVEL_WARNING];
	tot->notes += d->count[LEVEL_NOTE];
	if (tot->format == DIAG_TEXT) {
		if (tot->progress && d->n > 0)
			fputs("\r\033[K", stderr);
		diags_print_text(d, stderr);
		fflush(stderr);
		return;
	}
	if (tot->records == NULL)
		tot->records = json_array();
	if (tot->format == DIAG_JSON) {
		json_t *a = diags_to_json(d);

		json_array_extend(tot->records, a);
		json_decref(a);
	} else
		for (i = 0; i < d->n; i++)
			json_array_append_new(tot->records, sarif_result(&d->v[i]));
}

void
diag_out_file_error(struct diag_out *tot, const char *file, const char *msg)
{
	struct pos at = { file, 0, 0 };

	tot->exec_failed = true;
	if (tot->records == NULL)
		tot->records = json_array();
	if (tot->format == DIAG_JSON) {
		json_array_append_new(tot->records, json_pack("{s:s, s:n, s:o, s:o, s:n, s:n, s:n, s:n}",
		    "level", "error", "rule", "message", xjson_string(msg), "file",
		    file != NULL ? xjson_string(file) : json_null(), "line", "column", "kind", "name"));
		return;
	}
	if (tot->notifications == NULL)
		tot->notifications = json_array();
	json_array_append_new(tot->notifications, json_pack("{s:s, s:{s:o}, s:[o]}", "level", "error",
	    "message", "text", xjson_string(msg), "locations", sarif_location(&at, NULL)));
}

void
diag_out_finish(struct diag_out *tot)
{
	json_t	*doc;
	int	 i;

	if (tot->format == DIAG_TEXT)
		return;
	if (tot->records == NULL)
		tot->records = json_array();
	if (tot->format == DIAG_JSON)
		doc = json_incref(tot->records);
	else {
		json_t *run = json_object(), *tool = json_object(), *drv = json_object();
		json_t *rl = json_array(), *runs = json_array();

		for (i = 0; i < R__COUNT; i++) {
			json_t *r = json_object(), *sd = json_object(), *fd = json_object();
			json_t *dc = json_object(), *help = json_object();
			char *h = xasprintf("%s Source: %s", rules[i].explanation, rules[i].source);

			json_object_set_new(r, "id", json_string(rules[i].name));
			json_object_set_new(sd, "text", json_string(rules[i].summary));
			json_object_set_new(r, "shortDescription", sd);
			json_object_set_new(fd, "text", json_string(rules[i].explanation));
			json_object_set_new(r, "fullDescription", fd);
			json_object_set_new(help, "text", json_string(h));
			json_object_set_new(r, "help", help);
			free(h);
			json_object_set_new(dc, "level", json_string(level_name(rules[i].level)));
			json_object_set_new(r, "defaultConfiguration", dc);
			json_array_append_new(rl, r);
		}
		json_object_set_new(drv, "name", json_string("netcfgc"));
		json_object_set_new(drv, "version", json_string(PACKAGE_VERSION));
		json_object_set_new(drv, "rules", rl);
		json_object_set_new(tool, "driver", drv);
		json_object_set_new(run, "tool", tool);
		json_object_set_new(run, "results", json_incref(tot->records));
		{
			json_t	*inv = json_object();
			char	*root = cwd_uri();

			json_object_set_new(inv, "executionSuccessful", json_boolean(!tot->exec_failed));
			json_object_set_new(inv, "toolExecutionNotifications",
			    tot->notifications != NULL ? json_incref(tot->notifications) : json_array());
			json_object_set_new(run, "invocations", json_pack("[o]", inv));
			if (root != NULL)
				json_object_set_new(run, "originalUriBaseIds", json_pack("{s:{s:o}}",
				    SARIF_BASE, "uri", xjson_string(root)));
			free(root);
		}
		json_array_append_new(runs, run);
		doc = json_object();
		json_object_set_new(doc, "$schema",
		    json_string("https://json.schemastore.org/sarif-2.1.0.json"));
		json_object_set_new(doc, "version", json_string("2.1.0"));
		json_object_set_new(doc, "runs", runs);
	}
	if (json_dumpf(doc, stderr, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0)
		fputc('\n', stderr);
	fflush(stderr);
	json_decref(doc);
	json_decref(tot->records);
	json_decref(tot->notifications);
	tot->records = NULL;
	tot->notifications = NULL;
}
