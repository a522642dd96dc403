/* sidefile.c - read the literal values of classic PowerShell gateway and key cmdlets. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "sidefile.h"
#include "xalloc.h"

enum tok_type {
	T_WORD,		/* bare word: cmdlet, -Parameter or value */
	T_STRING,	/* quoted literal */
	T_NONLIT,	/* $x.y, $(...), (...), a here-string: never a literal */
	T_END,		/* newline, ';' or end of file */
	T_PIPE,		/* '|', '&&', '||' */
	T_VAR,		/* $name, ${name}, $script:name: text is the name */
	T_DQ,		/* "...$x...": raw is what is between the quotes */
	T_OPEN,		/* '{': a block begins */
	T_CLOSE,	/* '}' */
	T_OUTPUT,	/* a line of printed output "Name : Value": text, raw */
	T_UNRES,	/* a variable that is not a constant: text is its name, why */
};

struct tok {
	enum tok_type	 type;
	char		*text;		/* value of a word or string; NULL otherwise */
	char		*raw;		/* T_DQ, T_OUTPUT, a (...) group: the text as written */
	struct pos	 pos;
	const char	*why;		/* T_UNRES: why it is not a constant */
	const struct pos *assigned;	/* T_UNRES: where it is assigned, or NULL */
};

struct lexer {
	const char	*s;
	size_t		 i, n;
	unsigned long	 line, col;
	const char	*file;
	struct diags	*d;
	bool		 nul_reported;
	bool		 fatal;		/* an unterminated construct ate the rest */
	bool		 drop;		/* the statement read so far is not kept */
	struct pos	 drop_pos;	/* the backtick that dropped it */
	bool		 bol;		/* at the beginning of a line */
};

static void
advance(struct lexer *lx)
{
	if (lx->i >= lx->n)
		return;
	if (lx->s[lx->i] == '\n') {
		lx->line++;
		lx->col = 1;
	} else if (((unsigned char)lx->s[lx->i] & 0xc0) != 0x80)
		lx->col++;
	lx->i++;
}

static int
peek(const struct lexer *lx, size_t k)
{
	return lx->i + k < lx->n ? (unsigned char)lx->s[lx->i + k] : -1;
}

static struct pos
here(const struct lexer *lx)
{
	struct pos p = { lx->file, lx->line, lx->col };

	return p;
}

static void
side_error(struct lexer *lx, const struct pos *p, const char *msg)
{
	diag_add(lx->d, R_SIDE_FILE, p, NULL, NULL, "%s", msg);
}

/*
 * A NUL byte ends the reading: the statement it stands in is dropped (a key
 * 'Abc<NUL>Def' must not become 'Abc'), and so is the rest of the file.
 */
static bool
at_nul(struct lexer *lx)
{
	if (peek(lx, 0) != 0)
		return false;
	if (!lx->nul_reported) {
		struct pos p = here(lx);

		side_error(lx, &p, "the side file contains a NUL byte; it is not a PowerShell script "
		    "as written by an editor, and it is not read from here on");
		lx->nul_reported = true;
	}
	lx->fatal = true;
	return true;
}

/* Skip a balanced (...) or {...} group, with quotes inside. */
static bool
skip_group(struct lexer *lx)
{
	int	 depth = 0;
	int	 quote = 0;

	do {
		int c = peek(lx, 0);

		if (c < 0)
			return false;
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '`' && quote == '"')
				advance(lx);
		} else if (c == '\'' || c == '"')
			quote = c;
		else if (c == '(' || c == '{')
			depth++;
		else if (c == ')' || c == '}')
			depth--;
		advance(lx);
	} while (depth > 0);
	return true;
}

static char
backtick_escape(int c)
{
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case '0': return '\0';
	default: return (char)c;
	}
}

static bool
is_word_end(int c)
{
	return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == ';' || c == '|' || c == '(' || c == ')' || c == '{' || c == '}' || c == 0;
}

/* Append lx->s[lx->i..j), which holds no newline, to b and move past it. */
static void
take_run(struct lexer *lx, struct sbuf *b, size_t j)
{
	sbuf_add(b, lx->s + lx->i, j - lx->i);
	lx->col += utf8_count(lx->s + lx->i, j - lx->i);
	lx->i = j;
}

/* Skip a <# ... #> comment, at its '<'; false (reported, lx->fatal) when no '#>' follows. */
static bool
skip_block_comment(struct lexer *lx, struct pos *start)
{
	*start = here(lx);
	advance(lx);
	advance(lx);
	while (peek(lx, 0) >= 0 && !(peek(lx, 0) == '#' && peek(lx, 1) == '>'))
		advance(lx);
	if (peek(lx, 0) < 0) {
		side_error(lx, start, "unterminated block comment '<#' (no '#>' follows)");
		lx->fatal = true;
		return false;
	}
	advance(lx);
	advance(lx);
	return true;
}

/* Whether only blanks follow lx->s[lx->i + k] to the end of the line, and at least one. */
static bool
blanks_to_eol(const struct lexer *lx, size_t k)
{
	size_t j = lx->i + k;

	if (j >= lx->n || (lx->s[j] != ' ' && lx->s[j] != '\t'))
		return false;
	while (j < lx->n && (lx->s[j] == ' ' || lx->s[j] == '\t' || lx->s[j] == '\r'))
		j++;
	return j >= lx->n || lx->s[j] == '\n';
}

/* A console's continuation prompt (">> ") at the start of a pasted line is not text. */
static void
continuation_prompt(struct lexer *lx)
{
	size_t j = lx->i;

	while (j < lx->n && (lx->s[j] == ' ' || lx->s[j] == '\t'))
		j++;
	if (j + 1 < lx->n && lx->s[j] == '>' && lx->s[j + 1] == '>' &&
	    (j + 2 >= lx->n || lx->s[j + 2] == ' ' || lx->s[j + 2] == '\n' || lx->s[j + 2] == '\r'))
		while (lx->i < j + 2)
			advance(lx);
}

/*
 * Skip blanks, NUL bytes, backtick line continuations and comments.  False
 * when a block comment is unterminated: then *start is where it began.
 */
static bool
skip_blanks(struct lexer *lx, struct pos *start)
{
	for (;;) {
		int c = peek(lx, 0);

		if (c == ' ' || c == '\t' || c == '\r' || c == 0xa0)
			advance(lx);
		else if (c == 0 && at_nul(lx))
			advance(lx);
		else if (c == '`' && (peek(lx, 1) == '\n' ||
		    (peek(lx, 1) == '\r' && peek(lx, 2) == '\n'))) {
			advance(lx);
			if (peek(lx, 0) == '\r')
				advance(lx);
			advance(lx);
			continuation_prompt(lx);
		} else if (c == '`' && blanks_to_eol(lx, 1)) {
			/* said if the statement is one netcfgc reads (sidefile_parse) */
			if (!lx->drop)
				lx->drop_pos = here(lx);
			lx->drop = true;
			advance(lx);
		} else if (c == '<' && peek(lx, 1) == '#') {
			if (!skip_block_comment(lx, start))
				return false;
		} else if (c == '#') {
			while (peek(lx, 0) >= 0 && peek(lx, 0) != '\n')
				advance(lx);
		} else
			return true;
	}
}

/* A '...' string ('' is a quote), at its opening quote; t is T_END at its position. */
static struct tok
single_quoted(struct lexer *lx, struct tok t)
{
	struct sbuf	 b;
	int		 c;

	sbuf_init(&b);
	advance(lx);
	for (;;) {
		c = peek(lx, 0);
		if (c < 0) {
			side_error(lx, &t.pos, "unterminated single-quoted string");
			lx->fatal = true;
			sbuf_release(&b);
			return t;
		}
		if (c == '\'' && peek(lx, 1) == '\'') {
			sbuf_addc(&b, '\'');
			advance(lx);
			advance(lx);
		} else if (c == '\'') {
			advance(lx);
			break;
		} else if (c == 0 || c == '\n') {
			if (c == 0)
				at_nul(lx);
			sbuf_addc(&b, (char)c);
			advance(lx);
		} else {
			/* a run with no quote, newline or NUL */
			size_t j = lx->i;

			while (j < lx->n && lx->s[j] != '\'' && lx->s[j] != '\n' && lx->s[j] != 0)
				j++;
			take_run(lx, &b, j);
		}
	}
	t.type = T_STRING;
	t.text = sbuf_detach(&b);
	return t;
}

/*
 * A "..." string ("" is a quote, backtick escapes), at its opening quote; t
 * is T_END at its position.  One that expands a variable is not a literal.
 */
static struct tok
double_quoted(struct lexer *lx, struct tok t)
{
	struct sbuf	 b;
	bool		 expands = false;
	size_t		 start = lx->i;
	int		 c;

	sbuf_init(&b);
	advance(lx);
	for (;;) {
		c = peek(lx, 0);
		if (c < 0) {
			side_error(lx, &t.pos, "unterminated double-quoted string");
			lx->fatal = true;
			sbuf_release(&b);
			return t;
		}
		if (c == '"' && peek(lx, 1) == '"') {
			sbuf_addc(&b, '"');
			advance(lx);
			advance(lx);
		} else if (c == '"') {
			advance(lx);
			break;
		} else if (c == '`' && peek(lx, 1) >= 0) {
			advance(lx);
			sbuf_addc(&b, backtick_escape(peek(lx, 0)));
			advance(lx);
		} else {
			if (c == '$' && (isalnum(peek(lx, 1)) || peek(lx, 1) == '_' ||
			    peek(lx, 1) == '(' || peek(lx, 1) == '{'))
				expands = true;
			if (c == 0)
				at_nul(lx);
			sbuf_addc(&b, (char)c);
			advance(lx);
		}
	}
	if (expands) {
		sbuf_release(&b);
		t.type = T_DQ;
		t.text = xstrdup("a double-quoted string that expands a variable");
		t.raw = xstrndup(lx->s + start + 1, lx->i - start - 2);
	} else {
		t.type = T_STRING;
		t.text = sbuf_detach(&b);
	}
	return t;
}

static const char here_text[] = "a here-string";

/*
 * A here-string, at its '@': skipped to the line that begins with its closing
 * quote and '@'.  It is not read (a key in one would be the only value the
 * reader takes from several lines); t is T_END at its position.
 */
static struct tok
here_string(struct lexer *lx, struct tok t)
{
	int q = peek(lx, 1);

	advance(lx);
	advance(lx);
	for (;;) {
		while (peek(lx, 0) >= 0 && peek(lx, 0) != '\n')
			advance(lx);
		if (peek(lx, 0) < 0) {
			side_error(lx, &t.pos, "unterminated here-string (no line begins with its "
			    "closing quote and '@')");
			lx->fatal = true;
			return t;
		}
		advance(lx);
		if (peek(lx, 0) == q && peek(lx, 1) == '@') {
			advance(lx);
			advance(lx);
			break;
		}
	}
	t.type = T_NONLIT;
	t.text = xstrdup(here_text);
	return t;
}

/* A character of a variable name ($name). */
static bool
var_char(int c)
{
	return c >= 0 && c < 0x80 && (isalnum(c) || c == '_' || c == '?');
}

static bool
is_scope(const char *s, size_t n)
{
	static const char *const scopes[] = { "script", "global", "local", "private", "using",
	    "env", "variable" };
	size_t i;

	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		if (strlen(scopes[i]) == n && strncasecmp(s, scopes[i], n) == 0)
			return true;
	return false;
}

/*
 * The name of the variable at s[*i] (after its '$'): "name", "{name}" or
 * "scope:name"; *i moves past it.  A scope of script, global, local,
 * private or using is dropped; env: is kept (it is never assigned).  NULL
 * (and *i unchanged) when there is none.
 */
static char *
var_name(const char *s, size_t n, size_t *i)
{
	static const char *const scopes[] = { "script:", "global:", "local:", "private:",
	    "using:" };
	size_t	 j = *i, k, b;
	char	*name;

	if (j < n && s[j] == '{') {
		/* names that messages can show: letters, digits, '_', '?', ':', '-' */
		for (b = ++j; j < n && s[j] != '}' && (var_char((unsigned char)s[j]) || s[j] == ':' ||
		    s[j] == '-') && j - b < 128; j++)
			continue;
		if (j >= n || s[j] != '}' || j == b)
			return NULL;
		name = xstrndup(s + b, j - b);
		*i = j + 1;
	} else {
		for (b = j; j < n && var_char((unsigned char)s[j]); j++)
			continue;
		/* scope:name, for the scopes PowerShell has */
		if (j < n && s[j] == ':' && j + 1 < n && var_char((unsigned char)s[j + 1]) &&
		    is_scope(s + b, j - b))
			for (j++; j < n && var_char((unsigned char)s[j]); j++)
				continue;
		if (j == b)
			return NULL;
		name = xstrndup(s + b, j - b);
		*i = j;
	}
	for (k = 0; k < sizeof(scopes) / sizeof(scopes[0]); k++)
		if (strncasecmp(name, scopes[k], strlen(scopes[k])) == 0) {
			memmove(name, name + strlen(scopes[k]), strlen(name + strlen(scopes[k])) + 1);
			break;
		}
	return name;
}

/* $name at its '$': a variable, or (with a member or an index) not a literal at all. */
static struct tok
variable(struct lexer *lx, struct tok t)
{
	size_t	 i = lx->i + 1;
	char	*name = var_name(lx->s, lx->n, &i);

	if (name == NULL) {
		/* a lone '$': a word */
		advance(lx);
		t.type = T_WORD;
		t.text = xstrdup("$");
		return t;
	}
	while (lx->i < i)
		advance(lx);
	if (peek(lx, 0) == '.' || peek(lx, 0) == '[') {
		/* $site.Name, $keys[0].Key: not evaluated, but the variable is named */
		while (!is_word_end(peek(lx, 0)))
			advance(lx);
		t.type = T_UNRES;
		t.text = name;
		t.why = "is used with a member or an index ($x.Name, $x[0]) that netcfgc does "
		    "not evaluate";
		return t;
	}
	t.type = T_VAR;
	t.text = name;
	return t;
}

/* $var, $(...), @(...), @{...} or (...), at its first character; t is T_END at its position. */
static struct tok
nonliteral(struct lexer *lx, struct tok t)
{
	int		 c = peek(lx, 0);
	const char	*what = c == '$' ? "a variable" : "a subexpression";

	size_t		 start;

	if (c == '$' && peek(lx, 1) == '(')
		what = "a subexpression";
	if (c == '$' && peek(lx, 1) != '(')
		return variable(lx, t);
	if (c == '$' || c == '@')
		advance(lx);
	start = lx->i;
	if (peek(lx, 0) == '(' || peek(lx, 0) == '{') {
		if (!skip_group(lx)) {
			side_error(lx, &t.pos, "unterminated parenthesis");
			lx->fatal = true;
			return t;
		}
		t.raw = xstrndup(lx->s + start, lx->i - start);
	} else
		while (!is_word_end(peek(lx, 0)))
			advance(lx);
	t.type = T_NONLIT;
	t.text = xstrdup(what);
	return t;
}

/* The index of the first '$' in s that begins a variable or subexpression, or -1. */
static int
expands_at(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '$')) != NULL; p++)
		if (var_char((unsigned char)p[1]) || p[1] == '{' || p[1] == '(')
			return (int)(p - s);
	return -1;
}

/* A bare word (a backtick escapes the next character), at its first character. */
static struct tok
bare_word(struct lexer *lx, struct tok t)
{
	struct sbuf	 b;
	int		 c;

	sbuf_init(&b);
	for (;;) {
		/* a run of ordinary characters at once, then one by one */
		size_t j = lx->i;

		while (j < lx->n && lx->s[j] != '`' && lx->s[j] != '\n' &&
		    !is_word_end((unsigned char)lx->s[j]))
			j++;
		if (j > lx->i)
			take_run(lx, &b, j);
		if (is_word_end(c = peek(lx, 0)))
			break;
		if (c == '`' && peek(lx, 1) >= 0 && peek(lx, 1) != '\n') {
			advance(lx);
			c = peek(lx, 0);
		}
		sbuf_addc(&b, (char)c);
		advance(lx);
	}
	t.type = T_WORD;
	t.text = sbuf_detach(&b);
	/* a bare argument expands its variables as a double-quoted string does (Ab$Tail) */
	if (t.text[0] != '-' && t.text[0] != '@' && (c = expands_at(t.text)) >= 0) {
		t.type = T_DQ;
		t.raw = t.text;
		t.text = xstrdup("a word that expands a variable");
		return t;
	}
	/*
	 * PowerShell takes an en dash, em dash or horizontal bar for the '-' of
	 * a parameter, and documentation pasted into scripts is full of them
	 * ("Set-AzureVNetGatewayDefaultSite –VNetName ...").
	 */
	if ((unsigned char)t.text[0] == 0xe2 && (unsigned char)t.text[1] == 0x80 &&
	    (unsigned char)t.text[2] >= 0x93 && (unsigned char)t.text[2] <= 0x95 &&
	    isalpha((unsigned char)t.text[3]))
	{
		t.text[0] = '-';
		memmove(t.text + 1, t.text + 3, strlen(t.text + 3) + 1);
	}
	return t;
}

/*
 * Where the console prompt that begins at s[j] ends (after its '>' and one
 * blank), or 0 when there is none: "PS>", "PS C:\>", "PS /home/x>",
 * "PS Azure:\>" (Cloud Shell), "[host]: PS C:\>" (a remote session).
 */
static size_t
prompt_end(const char *s, size_t n, size_t j)
{
	size_t e;

	if (j < n && s[j] == '[') {
		for (e = j + 1; e < n && e < j + 256 && s[e] != ']' && s[e] != '\n'; e++)
			continue;
		if (e + 3 >= n || s[e] != ']' || s[e + 1] != ':' || s[e + 2] != ' ')
			return 0;
		j = e + 3;
	}
	if (j + 2 >= n || s[j] != 'P' || s[j + 1] != 'S')
		return 0;
	if (s[j + 2] == '>')
		e = j + 2;
	else if (s[j + 2] == ' ') {
		bool path = false;

		/* a location, not an argument: a drive, a slash, a '~'; no quote, '$' or '(' */
		for (e = j + 3; e < n && e < j + 512 && s[e] != '>' && s[e] != '\n'; e++) {
			if (strchr("\"'$(|", s[e]) != NULL)
				return 0;
			path |= strchr(":/\\~", s[e]) != NULL;
		}
		if (e >= n || s[e] != '>' || !path)
			return 0;
	} else
		return 0;
	e++;
	if (e < n && s[e] == ' ')
		e++;
	return e;
}

/* A line of a Start-Transcript banner ("****...", "Windows PowerShell transcript start"). */
static bool
transcript_banner(const char *s, size_t n)
{
	static const char *const lines[] = { "Windows PowerShell transcript start",
	    "Windows PowerShell transcript end", "Transcript started, output file is ",
	    "PowerShell transcript start", "PowerShell transcript end" };
	size_t i;

	for (i = 0; i < n && s[i] == '*'; i++)
		continue;
	if (i >= 10 && (i == n || s[i] == '\n' || s[i] == '\r'))
		return true;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (n >= strlen(lines[i]) && strncmp(s, lines[i], strlen(lines[i])) == 0)
			return true;
	return false;
}

/*
 * At the beginning of a line: a console prompt ("PS C:\>", "PS>", "PS
 * /home/x>") is skipped; a line of printed output ("Name : Value", as
 * Format-List and transcripts write it) becomes a T_OUTPUT token in *t
 * (true).  The value is kept as written: it may be a key.
 */
static bool
line_start(struct lexer *lx, struct tok *t)
{
	size_t	 j, e, name_end, v;

	continuation_prompt(lx);
	j = lx->i;
	while (j < lx->n && (lx->s[j] == ' ' || lx->s[j] == '\t'))
		j++;
	if ((e = prompt_end(lx->s, lx->n, j)) != 0) {
		while (lx->i < e)
			advance(lx);
		return false;
	}
	/* a transcript's banner: its lines of stars and its start and end lines */
	if (transcript_banner(lx->s + j, lx->n - j)) {
		while (lx->i < lx->n && lx->s[lx->i] != '\n')
			advance(lx);
		return false;
	}
	if (j >= lx->n || !isalpha((unsigned char)lx->s[j]))
		return false;
	for (e = j; e < lx->n && (isalnum((unsigned char)lx->s[e]) || lx->s[e] == ' ' ||
	    lx->s[e] == '_' || lx->s[e] == '-' || lx->s[e] == '.'); e++)
		continue;
	name_end = e;
	while (name_end > j && lx->s[name_end - 1] == ' ')
		name_end--;
	/* "Verb-Noun -Param: value" is a statement; a property name has no dash word */
	for (v = j; v < name_end && lx->s[v] != ' '; v++)
		if (lx->s[v] == '-')
			return false;
	if (e >= lx->n || lx->s[e] != ':' || (e + 1 < lx->n && lx->s[e + 1] != ' ' &&
	    lx->s[e + 1] != '\t' && lx->s[e + 1] != '\r' && lx->s[e + 1] != '\n'))
		return false;
	for (v = e + 1; v < lx->n && (lx->s[v] == ' ' || lx->s[v] == '\t'); v++)
		continue;
	for (e = v; e < lx->n && lx->s[e] != '\n'; e++)
		continue;
	while (lx->i < j)
		advance(lx);
	t->pos = here(lx);
	t->type = T_OUTPUT;
	t->text = xstrndup(lx->s + j, name_end - j);
	while (e > v && (lx->s[e - 1] == '\r' || lx->s[e - 1] == ' ' || lx->s[e - 1] == '\t'))
		e--;
	t->raw = xstrndup(lx->s + v, e - v);
	while (lx->i < e)
		advance(lx);
	return true;
}

/* Next token; on an unterminated construct report it and return T_END with lx->fatal. */
static struct tok
next_tok(struct lexer *lx)
{
	struct tok	 t = { .type = T_END, .pos = { lx->file, 0, 0 } };
	int		 c;

	if (lx->bol) {
		lx->bol = false;
		if (line_start(lx, &t))
			return t;
	}
	if (!skip_blanks(lx, &t.pos))
		return t;
	t.pos = here(lx);
	c = peek(lx, 0);
	if (c < 0)
		return t;
	if (c == '\n' || c == ';') {
		lx->bol = c == '\n';
		advance(lx);
		return t;
	}
	if (c == '=' || c == '+') {
		/* an assignment or a join: a word of its own ("+=" one of two) */
		advance(lx);
		t.type = T_WORD;
		t.text = xstrdup(c == '+' && peek(lx, 0) == '=' ? "+=" : c == '+' ? "+" : "=");
		if (strcmp(t.text, "+=") == 0)
			advance(lx);
		return t;
	}
	if (c == '|' || (c == '&' && peek(lx, 1) == '&')) {
		advance(lx);
		if (peek(lx, 0) == '|' || peek(lx, 0) == '&')
			advance(lx);
		t.type = T_PIPE;
		return t;
	}
	if (c == '\'')
		return single_quoted(lx, t);
	if (c == '"')
		return double_quoted(lx, t);
	if (c == '@' && (peek(lx, 1) == '\'' || peek(lx, 1) == '"') && (lx->i + 2 >= lx->n ||
	    lx->s[lx->i + 2] == '\n' || lx->s[lx->i + 2] == '\r' || blanks_to_eol(lx, 2)))
		return here_string(lx, t);
	if (c == '$' || c == '(' || (c == '@' && (peek(lx, 1) == '(' || peek(lx, 1) == '{')))
		return nonliteral(lx, t);
	if (c == '{' || c == '}') {
		advance(lx);
		t.type = c == '{' ? T_OPEN : T_CLOSE;
		return t;
	}
	if (c == ')') {
		advance(lx);
		t.type = T_NONLIT;
		t.text = xstrdup("a stray bracket");
		return t;
	}
	return bare_word(lx, t);
}

enum slot {
	S_VNET,
	S_SITE,
	S_KEY,
	S_GWTYPE,
	S_SKU,
	S__COUNT,
	S_IGNORE,	/* common parameter with a value */
	S_SWITCH,	/* common switch */
};

struct param_def {
	const char	*name;
	enum slot	 slot;
};

struct cmdlet_def {
	const char		*name;
	enum side_kind		 kind;
	const struct param_def	*params;	/* positional ones first, in order */
	size_t			 npositional;
	unsigned		 required;	/* bit per slot */
	const char		*synopsis;	/* its parameters, for messages */
};

#define COMMON_PARAMS \
	{ "Profile", S_IGNORE }, { "ErrorAction", S_IGNORE }, { "WarningAction", S_IGNORE }, \
	{ "InformationAction", S_IGNORE }, { "ErrorVariable", S_IGNORE }, \
	{ "WarningVariable", S_IGNORE }, { "InformationVariable", S_IGNORE }, \
	{ "OutVariable", S_IGNORE }, { "OutBuffer", S_IGNORE }, \
	{ "PipelineVariable", S_IGNORE }, { "Verbose", S_SWITCH }, { "Debug", S_SWITCH }, \
	{ NULL, S_IGNORE }

static const struct param_def key_params[] = {
	{ "VNetName", S_VNET }, { "LocalNetworkSiteName", S_SITE }, { "SharedKey", S_KEY },
	COMMON_PARAMS
};
static const struct param_def new_params[] = {
	{ "VNetName", S_VNET }, { "GatewayType", S_GWTYPE }, { "GatewaySKU", S_SKU },
	COMMON_PARAMS
};
static const struct param_def resize_params[] = {
	{ "VNetName", S_VNET }, { "GatewaySKU", S_SKU },
	COMMON_PARAMS
};

static const struct param_def default_site_params[] = {
	{ "VNetName", S_VNET }, { "DefaultSite", S_SITE },
	COMMON_PARAMS
};

static const struct param_def remove_default_params[] = {
	{ "VNetName", S_VNET },
	COMMON_PARAMS
};
static const struct param_def get_key_params[] = {
	{ "VNetName", S_VNET }, { "LocalNetworkSiteName", S_SITE },
	COMMON_PARAMS
};

static const struct cmdlet_def cmdlets[] = {
	{ "Set-AzureVNetGatewayKey", SIDE_KEY, key_params, 3,
	    1u << S_VNET | 1u << S_SITE | 1u << S_KEY,
	    "-VNetName, -LocalNetworkSiteName and -SharedKey" },
	{ "New-AzureVNetGateway", SIDE_NEW_GATEWAY, new_params, 3,
	    1u << S_VNET | 1u << S_GWTYPE, "-VNetName, -GatewayType and -GatewaySKU" },
	{ "Resize-AzureVNetGateway", SIDE_RESIZE, resize_params, 2,
	    1u << S_VNET | 1u << S_SKU, "-VNetName and -GatewaySKU" },
	{ "Set-AzureVNetGatewayDefaultSite", SIDE_DEFAULT_SITE, default_site_params, 2,
	    1u << S_VNET | 1u << S_SITE, "-VNetName and -DefaultSite" },
	{ "Remove-AzureVnetGatewayDefaultSite", SIDE_REMOVE_DEFAULT_SITE, remove_default_params, 1,
	    1u << S_VNET, "-VNetName" },
	{ "Get-AzureVNetGatewayKey", SIDE_GET_KEY, get_key_params, 2,
	    1u << S_VNET | 1u << S_SITE, "-VNetName and -LocalNetworkSiteName" },
};

const char *
side_cmdlet_name(enum side_kind k)
{
	size_t i;

	for (i = 0; i < sizeof(cmdlets) / sizeof(cmdlets[0]); i++)
		if (cmdlets[i].kind == k)
			return cmdlets[i].name;
	return "?";
}

/* The parameter of a slot as the cmdlet names it ("-DefaultSite"). */
static const char *
slot_name(const struct cmdlet_def *cd, int s)
{
	static char	 buf[64];
	size_t		 i;

	for (i = 0; cd->params[i].name != NULL; i++)
		if ((int)cd->params[i].slot == s) {
			snprintf(buf, sizeof(buf), "-%s", cd->params[i].name);
			return buf;
		}
	return "-?";
}


/* Find a parameter by name or unambiguous prefix; -1 unknown, -2 ambiguous. */
static int
find_param(const struct cmdlet_def *cd, const char *name, size_t len)
{
	int	 found = -1;
	size_t	 i;

	for (i = 0; cd->params[i].name != NULL; i++) {
		if (strlen(cd->params[i].name) == len &&
		    strncasecmp(cd->params[i].name, name, len) == 0)
			return (int)i;
		if (strncasecmp(cd->params[i].name, name, len) == 0)
			found = found == -1 ? (int)i : -2;
	}
	return found;
}

/* One recognised statement while its parameters are bound. */
struct binding {
	struct diags		*d;
	const struct cmdlet_def	*cd;
	struct tok		*tv;		/* tv[0] is the cmdlet name */
	size_t			 nt;
	struct tok		*val[S__COUNT];	/* value token per slot, NULL if unset */
	size_t			 npos;		/* next positional parameter to try */
	bool			 bad;		/* something was reported: the statement is not kept */
};

static void
free_toks(struct tok *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].raw != NULL)
			explicit_bzero(v[i].raw, strlen(v[i].raw));
		free(v[i].text);
		free(v[i].raw);
	}
	free(v);
}

static bool
parse_routing(const char *s, enum routing *r)
{
	if (strcasecmp(s, "StaticRouting") == 0)
		*r = ROUTING_STATIC;
	else if (strcasecmp(s, "DynamicRouting") == 0)
		*r = ROUTING_DYNAMIC;
	else
		return false;
	return true;
}

static bool
parse_sku(const char *s, enum classic_sku *k)
{
	static const enum classic_sku all[] = { CSKU_DEFAULT, CSKU_BASIC, CSKU_STANDARD,
	    CSKU_HIGHPERFORMANCE };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcasecmp(s, classic_sku_name(all[i])) == 0) {
			*k = all[i];
			return true;
		}
	return false;
}

/* -Name, -Name:value: a word that names a parameter. */
static bool
is_param(const struct tok *t)
{
	return t->type == T_WORD && t->text[0] == '-' && isalpha((unsigned char)t->text[1]);
}

/* Give slot the value token val; the parameter was named at ppos. */
static void
bind_value(struct binding *bd, enum slot slot, struct tok *val, const struct pos *ppos)
{
	if (bd->val[slot] != NULL) {
		diag_add(bd->d, R_SIDE_FILE, ppos, NULL, NULL, "%s is given twice to %s",
		    slot_name(bd->cd, slot), bd->cd->name);
		bd->bad = true;
	}
	bd->val[slot] = val;
}

/* Bind the parameter that tv[i] names, and its value; returns the index of the last token used. */
static size_t
bind_named(struct binding *bd, size_t i)
{
	struct tok	*t = &bd->tv[i];
	const char	*colon = strchr(t->text, ':');
	size_t		 len = colon ? (size_t)(colon - t->text) - 1 : strlen(t->text) - 1;
	int		 pi = find_param(bd->cd, t->text + 1, len);
	enum slot	 slot;

	if (pi < 0) {
		/* not quoted: a word after a parameter that lost its value may be a key */
		if (pi == -2)
			diag_add(bd->d, R_SIDE_FILE, &t->pos, NULL, NULL,
			    "this abbreviated parameter matches more than one parameter of %s; "
			    "write it out", bd->cd->name);
		else
			diag_add(bd->d, R_SIDE_FILE, &t->pos, NULL, NULL,
			    "%s has no parameter of this name (it takes %s)", bd->cd->name,
			    bd->cd->synopsis);
		bd->bad = true;
		/* a value that is not a word goes with the unknown parameter */
		if (colon == NULL && i + 1 < bd->nt && bd->tv[i + 1].type != T_WORD)
			i++;
		return i;
	}
	slot = bd->cd->params[pi].slot;
	if (slot == S_SWITCH)
		return i;
	if (colon != NULL && colon[1] != '\0') {
		/* -Name:value: the value is the rest of this word */
		memmove(t->text, colon + 1, strlen(colon + 1) + 1);
		t->pos.col += (unsigned long)(len + 2);
		if (slot != S_IGNORE)
			bind_value(bd, slot, t, &t->pos);
		return i;
	}
	if (i + 1 >= bd->nt || is_param(&bd->tv[i + 1])) {
		diag_add(bd->d, R_SIDE_FILE, &t->pos, NULL, NULL, "parameter -%s of %s has no value",
		    bd->cd->params[pi].name, bd->cd->name);
		bd->bad = true;
		return i;
	}
	if (slot != S_IGNORE)
		bind_value(bd, slot, &bd->tv[i + 1], &t->pos);
	return i + 1;
}

/* Bind the value t to the first positional parameter not given yet. */
static void
bind_positional(struct binding *bd, struct tok *t)
{
	const struct cmdlet_def *cd = bd->cd;

	while (bd->npos < cd->npositional && bd->val[cd->params[bd->npos].slot] != NULL)
		bd->npos++;
	if (bd->npos >= cd->npositional) {
		diag_add(bd->d, R_SIDE_FILE, &t->pos, NULL, NULL,
		    "%s takes no further positional value here", cd->name);
		bd->bad = true;
		return;
	}
	bd->val[cd->params[bd->npos].slot] = t;
	bd->npos++;
}

/* Report each required parameter that is missing and each value that is not a literal. */
static void
check_values(struct binding *bd)
{
	unsigned	 unknown = 0;
	int		 s;

	/* an expression: not evaluated, and the value stays unknown */
	for (s = 0; s < S__COUNT; s++)
		if (bd->val[s] != NULL && bd->val[s]->type == T_NONLIT &&
		    strcmp(bd->val[s]->text, here_text) != 0) {
			diag_add(bd->d, R_SIDE_FILE_VARIABLE, &bd->val[s]->pos, NULL, NULL,
			    "%s: the value of %s is %s, which netcfgc does not evaluate (it does not "
			    "run PowerShell); what it would set stays unknown", bd->cd->name,
			    slot_name(bd->cd, s), bd->val[s]->text);
			bd->val[s] = NULL;
			unknown |= 1u << s;
		}
	/* a variable that is not a constant: said, and the value stays unknown */
	for (s = 0; s < S__COUNT; s++)
		if (bd->val[s] != NULL && (bd->val[s]->type == T_UNRES || bd->val[s]->why != NULL)) {
			const struct tok	*t = bd->val[s];
			struct diag		*r;

			r = diag_add(bd->d, R_SIDE_FILE_VARIABLE, &t->pos, NULL, NULL,
			    "%s: the value of %s is the variable $%s, which %s; what it would set "
			    "stays unknown", bd->cd->name, slot_name(bd->cd, s),
			    t->type == T_UNRES ? t->text : t->raw, t->why);
			if (t->assigned != NULL)
				diag_note(r, t->assigned, "$%s is set here",
				    t->type == T_UNRES ? t->text : t->raw);
			bd->val[s] = NULL;
			unknown |= 1u << s;
		}
	for (s = 0; s < S__COUNT; s++) {
		if (bd->val[s] == NULL) {
			if (unknown & (1u << s) && bd->cd->required & (1u << s))
				bd->bad = true;	/* the line is lost; the warning said why */
			else if (bd->cd->required & (1u << s)) {
				diag_add(bd->d, R_SIDE_FILE, &bd->tv[0].pos, NULL, NULL,
				    "%s without %s is not understood", bd->cd->name, slot_name(bd->cd, s));
				bd->bad = true;
			}
			continue;
		}
		if (bd->val[s]->type == T_NONLIT && strcmp(bd->val[s]->text, here_text) == 0) {
			diag_add(bd->d, R_SIDE_FILE, &bd->val[s]->pos, NULL, NULL,
			    "the value of %s is a here-string (@' ... '@); here-strings are not "
			    "read, so write the value as a quoted string", slot_name(bd->cd, s));
			bd->bad = true;
		}
	}
}

/* The gateway type and SKU into st; false (reported) when one is no such value. */
static bool
gateway_values(struct binding *bd, struct side_stmt *st)
{
	const struct tok	*gt = bd->val[S_GWTYPE], *sku = bd->val[S_SKU];
	bool			 ok = true;

	if (gt != NULL && !parse_routing(gt->text, &st->routing)) {
		diag_add(bd->d, R_SIDE_FILE, &gt->pos, NULL, NULL,
		    "the -GatewayType value is neither StaticRouting nor DynamicRouting");
		ok = false;
	}
	if (sku != NULL) {
		if (!parse_sku(sku->text, &st->sku)) {
			diag_add(bd->d, R_SIDE_FILE, &sku->pos, NULL, NULL,
			    "the -GatewaySKU value is not a classic gateway SKU (Default, Basic, "
			    "Standard, HighPerformance)");
			ok = false;
		} else
			st->has_sku = true;
	}
	return ok;
}

/* Bind and check one recognised statement into *out; false when it is not complete. */
static bool
statement(struct lexer *lx, const struct cmdlet_def *cd, struct tok *tv, size_t nt,
    struct side_stmt *out)
{
	struct binding	 bd;
	struct side_stmt st;
	size_t		 i;

	memset(&bd, 0, sizeof(bd));
	bd.d = lx->d;
	bd.cd = cd;
	bd.tv = tv;
	bd.nt = nt;
	for (i = 1; i < nt; i++)
		if (tv[i].type == T_WORD && tv[i].text[0] == '@' && var_char((unsigned char)tv[i].text[1])) {
			/* Cmdlet @params: the parameters are in a hashtable netcfgc does not evaluate */
			size_t	 j = 1;
			char	*name = var_name(tv[i].text, strlen(tv[i].text), &j);

			diag_add(lx->d, R_SIDE_FILE_VARIABLE, &tv[i].pos, NULL, NULL,
			    "%s: its parameters are splatted from the variable @%s, which netcfgc "
			    "does not evaluate; what this line would set stays unknown", cd->name,
			    name != NULL ? name : "?");
			free(name);
			return false;
		}
	for (i = 1; i < nt; i++) {
		if (is_param(&tv[i]))
			i = bind_named(&bd, i);
		else
			bind_positional(&bd, &tv[i]);
	}
	check_values(&bd);
	if (bd.bad)
		return false;
	memset(&st, 0, sizeof(st));
	if (!gateway_values(&bd, &st))
		return false;
	st.kind = cd->kind;
	st.pos = tv[0].pos;
	st.vnet = xstrdup(bd.val[S_VNET]->text);
	st.vnet_pos = bd.val[S_VNET]->pos;
	if (bd.val[S_SITE] != NULL) {
		st.site = xstrdup(bd.val[S_SITE]->text);
		st.site_pos = bd.val[S_SITE]->pos;
	}
	if (bd.val[S_KEY] != NULL)
		st.key = xstrdup(bd.val[S_KEY]->text);
	*out = st;
	return true;
}

/* UTF-16 (with BOM) to UTF-8; UTF-8 BOM dropped.  Returns a new buffer. */
static char *
to_utf8(const unsigned char *d, size_t n, size_t *outn)
{
	struct sbuf	 b;
	size_t		 i;
	bool		 le;

	sbuf_init(&b);
	if (n >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf) {
		sbuf_add(&b, (const char *)d + 3, n - 3);
		*outn = b.len;
		return sbuf_detach(&b);
	}
	if (n < 2 || !((d[0] == 0xff && d[1] == 0xfe) || (d[0] == 0xfe && d[1] == 0xff))) {
		sbuf_add(&b, (const char *)d, n);
		*outn = b.len;
		return sbuf_detach(&b);
	}
	le = d[0] == 0xff;
	for (i = 2; i + 1 < n; i += 2) {
		unsigned long cp = le ? (unsigned long)d[i] | (unsigned long)d[i + 1] << 8 :
		    (unsigned long)d[i] << 8 | (unsigned long)d[i + 1];

		if (cp >= 0xd800 && cp <= 0xdbff && i + 3 < n) {
			unsigned long lo = le ? (unsigned long)d[i + 2] | (unsigned long)d[i + 3] << 8 :
			    (unsigned long)d[i + 2] << 8 | (unsigned long)d[i + 3];

			if (lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			} else
				cp = '?';
		} else if (cp >= 0xd800 && cp <= 0xdfff)
			cp = '?';
		if (cp < 0x80)
			sbuf_addc(&b, (char)cp);
		else if (cp < 0x800) {
			sbuf_addc(&b, (char)(0xc0 | cp >> 6));
			sbuf_addc(&b, (char)(0x80 | (cp & 0x3f)));
		} else if (cp < 0x10000) {
			sbuf_addc(&b, (char)(0xe0 | cp >> 12));
			sbuf_addc(&b, (char)(0x80 | ((cp >> 6) & 0x3f)));
			sbuf_addc(&b, (char)(0x80 | (cp & 0x3f)));
		} else {
			sbuf_addc(&b, (char)(0xf0 | cp >> 18));
			sbuf_addc(&b, (char)(0x80 | ((cp >> 12) & 0x3f)));
			sbuf_addc(&b, (char)(0x80 | ((cp >> 6) & 0x3f)));
			sbuf_addc(&b, (char)(0x80 | (cp & 0x3f)));
		}
	}
	*outn = b.len;
	return sbuf_detach(&b);
}

/* One statement as read: its tokens and how deep in { } blocks it stands. */
struct stmt {
	struct tok	*tv;
	size_t		 nt;
	unsigned	 depth;
	bool		 drop;		/* a backtick followed by blanks ended it */
	struct pos	 drop_pos;
};

enum var_kind { V_ASSIGN, V_LOOP, V_PARAM };

/* A variable of the script: how it is assigned, and its value if it is a constant. */
struct var {
	char		*name;
	enum var_kind	 kind;
	size_t		 nassign;
	bool		 in_block;	/* assigned inside { } */
	size_t		 stmt;		/* the statement of its first assignment */
	const struct pos *at;		/* where it is first assigned */
	char		*value;		/* a constant; secret (it may be a key) */
	const char	*why;		/* not a constant: why */
};

struct vars {
	struct var	*v;
	size_t		 n, cap;
	struct hmap	 idx;
};

static struct var *
var_find(const struct vars *vs, const char *name)
{
	size_t i;

	return hmap_get(&vs->idx, name, &i) ? &vs->v[i] : NULL;
}

/* Record an assignment (or a loop variable, a parameter) of name. */
static void
var_note(struct vars *vs, const char *name, enum var_kind kind, size_t stmt, unsigned depth,
    const struct pos *at, bool plain)
{
	struct var *v = var_find(vs, name);

	if (v == NULL) {
		v = VEC_PUSH(vs->v, vs->n, vs->cap);
		memset(v, 0, sizeof(*v));
		v->name = xstrdup(name);
		v->kind = kind;
		v->stmt = stmt;
		v->at = at;
		/* the keys are borrowed: the vector may move, the names do not */
		hmap_put(&vs->idx, v->name, vs->n - 1, NULL);
	}
	/* the first use that sets it says what it is; a later one only counts */
	v->nassign += plain ? 1 : 2;
	if (depth > 0)
		v->in_block = true;
}

/* The $names in the text of a (...) group: loop variables, parameters. */
static void
group_vars(struct vars *vs, const char *raw, enum var_kind kind, size_t stmt,
    const struct pos *at, bool first_only)
{
	size_t i, n = strlen(raw);

	for (i = 0; i < n; i++)
		if (raw[i] == '$') {
			size_t	 j = i + 1;
			char	*name = var_name(raw, n, &j);

			if (name != NULL) {
				var_note(vs, name, kind, stmt, 1, at, true);
				free(name);
				if (first_only)
					return;
				i = j - 1;
			}
		}
}

/* Why a variable used in statement k has no value for netcfgc (NULL: *value is set). */
static const char *
var_value(const struct vars *vs, const char *name, size_t k, const char **value,
    const struct pos **at)
{
	static const char *const automatic[] = { "_", "PSItem", "args", "input", "this",
	    "PSScriptRoot", "PSCommandPath", "MyInvocation", "true", "false", "null" };
	const struct var	*v = var_find(vs, name);
	size_t			 i;

	*value = NULL;
	*at = NULL;
	if (v == NULL) {
		if (strncasecmp(name, "env:", 4) == 0)
			return "is an environment variable";
		for (i = 0; i < sizeof(automatic) / sizeof(automatic[0]); i++)
			if (strcasecmp(name, automatic[i]) == 0)
				return "is an automatic variable of PowerShell";
		return "is not assigned in this file";
	}
	*at = v->at;
	if (v->kind == V_LOOP)
		return "is a loop variable";
	if (v->kind == V_PARAM)
		return "is a parameter of the script or of a function";
	if (v->in_block)
		return "is assigned inside a block (a loop, a function or a condition)";
	if (v->nassign > 1)
		return "is assigned more than once";
	if (v->stmt >= k)
		return "is used before it is assigned";
	if (v->value == NULL)
		return v->why;
	*value = v->value;
	return NULL;
}

/*
 * The value of a "..." string written raw, in statement k: backtick escapes,
 * "" and the constants it expands ($name, ${name}, $($name)).  NULL when it
 * expands anything else; then *bad names the variable and *why says why.
 */
/* No value netcfgc takes is longer (a key is at most 128 characters): longer is not read. */
#define VALUE_MAX	1024
static const char too_long[] = "holds a value longer than any name or key netcfgc reads";

static char *
expand(const struct vars *vs, const char *raw, size_t k, char **bad, const char **why,
    const struct pos **at)
{
	struct sbuf	 b;
	size_t		 i, n = strlen(raw);

	sbuf_init(&b);
	*bad = NULL;
	for (i = 0; i < n; i++) {
		const char	*val;
		char		*name;
		size_t		 j;
		bool		 sub = false;

		if (raw[i] == '`' && i + 1 < n) {
			sbuf_addc(&b, backtick_escape((unsigned char)raw[++i]));
			continue;
		}
		if (raw[i] == '"' && i + 1 < n && raw[i + 1] == '"') {
			sbuf_addc(&b, '"');
			i++;
			continue;
		}
		if (raw[i] != '$') {
			sbuf_addc(&b, raw[i]);
			continue;
		}
		j = i + 1;
		if (j < n && raw[j] == '(') {
			/* $($name) and nothing else */
			for (j++; j < n && (raw[j] == ' ' || raw[j] == '\t'); j++)
				continue;
			if (j >= n || raw[j] != '$') {
				*why = "is a subexpression in a double-quoted string";
				goto fail_sub;
			}
			sub = true;
			j++;
		}
		if ((name = var_name(raw, n, &j)) == NULL) {
			if (sub) {
				*why = "is a subexpression in a double-quoted string";
				goto fail_sub;
			}
			sbuf_addc(&b, '$');
			continue;
		}
		if (sub) {
			while (j < n && (raw[j] == ' ' || raw[j] == '\t'))
				j++;
			if (j >= n || raw[j] != ')') {
				free(name);
				*why = "is a subexpression in a double-quoted string";
				goto fail_sub;
			}
			j++;
		}
		if ((*why = var_value(vs, name, k, &val, at)) != NULL) {
			*bad = name;
			sbuf_release(&b);
			return NULL;
		}
		if (b.len + strlen(val) > VALUE_MAX) {
			*why = too_long;
			*bad = name;
			*at = NULL;
			explicit_bzero(b.s, b.len);
			sbuf_release(&b);
			return NULL;
		}
		free(name);
		sbuf_adds(&b, val);
		i = j - 1;
	}
	if (b.len > VALUE_MAX) {
		*why = too_long;
		*bad = xstrdup("(...)");
		*at = NULL;
		explicit_bzero(b.s, b.len);
		sbuf_release(&b);
		return NULL;
	}
	return sbuf_detach(&b);
fail_sub:
	*bad = xstrdup("(...)");
	*at = NULL;
	if (b.s != NULL)
		explicit_bzero(b.s, b.len);
	sbuf_release(&b);
	return NULL;
}

/* Make token t of statement k a literal where its variables are constants, else T_UNRES. */
static void
resolve(const struct vars *vs, struct tok *t, size_t k)
{
	const char	*val, *why;
	const struct pos *at;
	char		*bad, *v;

	if (t->type == T_VAR) {
		if ((why = var_value(vs, t->text, k, &val, &at)) != NULL) {
			t->type = T_UNRES;
			t->why = why;
			t->assigned = at;
			return;
		}
		free(t->text);
		t->text = xstrdup(val);
		t->type = T_STRING;
	} else if (t->type == T_DQ) {
		if ((v = expand(vs, t->raw, k, &bad, &why, &at)) == NULL) {
			free(t->text);
			t->text = bad;
			t->type = T_UNRES;
			t->why = why;
			t->assigned = at;
			return;
		}
		free(t->text);
		t->text = v;
		t->type = T_STRING;
	} else if (t->type == T_WORD && t->text[0] == '-' && (v = strchr(t->text, ':')) != NULL &&
	    v[1] == '$') {
		/* -Name:$value */
		size_t	 j = (size_t)(v - t->text) + 2;
		char	*name = var_name(t->text, strlen(t->text), &j);

		if (name == NULL || t->text[j] != '\0') {
			free(name);
			return;
		}
		if ((why = var_value(vs, name, k, &val, &at)) != NULL) {
			t->why = why;
			t->assigned = at;
			t->raw = name;
			return;
		}
		v[1] = '\0';
		v = xasprintf("%s%s", t->text, val);
		free(t->text);
		t->text = v;
		free(name);
	}
}

/* The value of the right-hand side of "$name = ..." in statement k: literals joined with +. */
static void
assign_value(struct vars *vs, struct var *v, const struct stmt *st, size_t k)
{
	struct sbuf	 b;
	size_t		 i;

	if (st->nt < 3) {
		v->why = "is assigned nothing netcfgc can read";
		return;
	}
	sbuf_init(&b);
	for (i = 2; i < st->nt; i++) {
		struct tok	*t = &st->tv[i];
		const char	*val, *why;
		const struct pos *at;
		char		*x, *bad;

		if ((i - 2) % 2 == 1) {
			if (t->type == T_WORD && strcmp(t->text, "+") == 0)
				continue;
			v->why = "is assigned from an expression, not from literals";
			goto fail;
		}
		if (b.len > VALUE_MAX) {
			v->why = too_long;
			goto fail;
		}
		if (t->type == T_STRING || (t->type == T_WORD && t->text[0] != '-' &&
		    strspn(t->text, "0123456789") == strlen(t->text))) {
			sbuf_adds(&b, t->text);
		} else if (t->type == T_VAR && (why = var_value(vs, t->text, k, &val, &at)) == NULL) {
			sbuf_adds(&b, val);
		} else if (t->type == T_DQ && (x = expand(vs, t->raw, k, &bad, &why, &at)) != NULL) {
			sbuf_adds(&b, x);
			explicit_bzero(x, strlen(x));
			free(x);
		} else {
			if (t->type == T_DQ)
				free(bad);
			v->why = t->type == T_VAR || t->type == T_DQ ? "is assigned from a variable "
			    "that is not a constant" : t->type == T_NONLIT || t->type == T_WORD ?
			    "is assigned from a command or an expression, not from literals" :
			    "is assigned from something netcfgc cannot read";
			goto fail;
		}
	}
	if (b.len > VALUE_MAX) {
		v->why = too_long;
		goto fail;
	}
	v->value = sbuf_detach(&b);
	return;
fail:
	if (b.s != NULL)
		explicit_bzero(b.s, b.len);
	sbuf_release(&b);
}

static bool
is_word(const struct tok *t, const char *w)
{
	return t->type == T_WORD && strcasecmp(t->text, w) == 0;
}

/* "[string]$k = ...": the type is dropped, the assignment stays. */
static void
cast_assignment(struct stmt *st)
{
	struct tok	*t = &st->tv[0];
	const char	*p;
	size_t		 j;
	char		*name;

	if (st->nt < 2 || t->type != T_DQ || t->raw[0] != '[' || !is_word(&st->tv[1], "=") ||
	    (p = strstr(t->raw, "]$")) == NULL)
		return;
	j = (size_t)(p - t->raw) + 2;
	if ((name = var_name(t->raw, strlen(t->raw), &j)) == NULL || t->raw[j] != '\0') {
		free(name);
		return;
	}
	free(t->text);
	free(t->raw);
	t->raw = NULL;
	t->text = name;
	t->type = T_VAR;
}

/* The variables of the script: pass 1 counts assignments, pass 2 computes constants in order. */
static void
script_vars(struct vars *vs, struct stmt *sv, size_t ns)
{
	size_t k;

	for (k = 0; k < ns; k++) {
		struct stmt *st = &sv[k];

		cast_assignment(st);
		if (st->nt >= 2 && st->tv[0].type == T_VAR && st->tv[1].type == T_WORD &&
		    (strcmp(st->tv[1].text, "=") == 0 || strcmp(st->tv[1].text, "+=") == 0))
			/* "$a = $b = 'x'": a chain is not read (its value counts twice) */
		{
			bool chain = st->nt > 3 && st->tv[2].type == T_VAR && is_word(&st->tv[3], "=");

			var_note(vs, st->tv[0].text, V_ASSIGN, k, st->depth, &st->tv[0].pos,
			    strcmp(st->tv[1].text, "=") == 0 && !chain);
			if (chain)
				var_note(vs, st->tv[2].text, V_ASSIGN, k, st->depth, &st->tv[2].pos,
				    false);
		}
		else if (st->nt >= 2 && (is_word(&st->tv[0], "Set-Variable") ||
		    is_word(&st->tv[0], "New-Variable"))) {
			size_t	 i;

			/* -Name x or the first value: set in a way netcfgc does not read */
			for (i = 1; i < st->nt; i++)
				if (st->tv[i].type == T_WORD || st->tv[i].type == T_STRING) {
					if (is_word(&st->tv[i], "-Name") && i + 1 < st->nt)
						i++;
					else if (st->tv[i].text[0] == '-')
						continue;
					var_note(vs, st->tv[i].text, V_ASSIGN, k, st->depth,
					    &st->tv[i].pos, false);
					break;
				}
		}
		else if (st->nt >= 2 && (is_word(&st->tv[0], "foreach") || is_word(&st->tv[0], "for"))
		    && st->tv[1].raw != NULL)
			group_vars(vs, st->tv[1].raw, V_LOOP, k, &st->tv[1].pos, true);
		else if (st->nt >= 2 && is_word(&st->tv[0], "param") && st->tv[1].raw != NULL)
			group_vars(vs, st->tv[1].raw, V_PARAM, k, &st->tv[1].pos, false);
		else if (st->nt >= 3 && is_word(&st->tv[0], "function") && st->tv[2].raw != NULL)
			group_vars(vs, st->tv[2].raw, V_PARAM, k, &st->tv[2].pos, false);
	}
	for (k = 0; k < ns; k++) {
		struct stmt	*st = &sv[k];
		struct var	*v;

		if (st->nt >= 2 && st->tv[0].type == T_VAR && is_word(&st->tv[1], "=") &&
		    (v = var_find(vs, st->tv[0].text)) != NULL && v->stmt == k &&
		    v->kind == V_ASSIGN && v->nassign == 1 && !v->in_block)
			assign_value(vs, v, st, k);
	}
}

static void
vars_release(struct vars *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++) {
		free(vs->v[i].name);
		if (vs->v[i].value != NULL) {
			explicit_bzero(vs->v[i].value, strlen(vs->v[i].value));
			free(vs->v[i].value);
		}
	}
	free(vs->v);
	hmap_release(&vs->idx);
}

/* Read the statements of the file: tokens, block depth, output lines. */
static struct stmt *
read_statements(struct lexer *lx, size_t *ns)
{
	struct stmt	*sv = NULL, cur;
	size_t		 cap = 0, capt = 0;
	unsigned	 depth = 0;

	*ns = 0;
	memset(&cur, 0, sizeof(cur));
	for (;;) {
		struct tok	 t = next_tok(lx);
		bool		 end = t.type == T_END || t.type == T_OPEN || t.type == T_CLOSE ||
				    t.type == T_OUTPUT;

		if (t.type == T_PIPE) {
			/* the rest of the pipeline is another command: skip it, blocks too */
			do {
				free(t.text);
				free(t.raw);
				t = next_tok(lx);
			} while (t.type != T_END && t.type != T_OPEN && t.type != T_CLOSE);
			end = true;
		}
		if (!end) {
			*VEC_PUSH(cur.tv, cur.nt, capt) = t;
			continue;
		}
		if (cur.nt > 0 && !lx->fatal) {
			cur.drop = lx->drop;
			cur.drop_pos = lx->drop_pos;
			*VEC_PUSH(sv, *ns, cap) = cur;
		} else
			free_toks(cur.tv, cur.nt);
		memset(&cur, 0, sizeof(cur));
		capt = 0;
		lx->drop = false;
		if (t.type == T_OUTPUT) {
			struct stmt o = { NULL, 0, depth, false, { NULL, 0, 0 } };

			*VEC_PUSH(o.tv, o.nt, capt) = t;
			capt = 0;
			*VEC_PUSH(sv, *ns, cap) = o;
		}
		if (t.type == T_OPEN)
			depth++;
		else if (t.type == T_CLOSE && depth > 0)
			depth--;
		cur.depth = depth;
		if (lx->i >= lx->n || lx->fatal)
			break;
	}
	free_toks(cur.tv, cur.nt);
	return sv;
}

/* Statements the reader skipped: one note per file (a warning when nothing was read). */
struct skipped {
	size_t		 n;		/* statements */
	size_t		 nlines;	/* lines listed; 5: more lines than listed */
	unsigned long	 last_line;
	struct pos	 first[4];
};

static void
report_skipped(struct diags *d, const struct skipped *sk, size_t recognised, const char *file)
{
	struct sbuf	 b;
	struct pos	 at = sk->n > 0 ? sk->first[0] : (struct pos){ file, 0, 0 };
	size_t		 i;

	if (sk->n == 0 && recognised > 0)
		return;
	sbuf_init(&b);
	for (i = 0; i < sk->nlines && i < 4; i++)
		sbuf_printf(&b, "%s%lu", i == 0 ? "" : ", ", sk->first[i].line);
	if (sk->nlines > 4)
		sbuf_adds(&b, ", ...");
	if (recognised == 0)
		diag_addl(d, R_SIDE_FILE_IGNORED, LEVEL_WARNING, &at, NULL, NULL,
		    "nothing in this side file is a cmdlet netcfgc reads (Set-AzureVNetGatewayKey, "
		    "New-AzureVNetGateway, Resize-AzureVNetGateway, Set-AzureVNetGatewayDefaultSite, "
		    "Get-AzureVNetGatewayKey with its output)%s%s%s; is it the right file?",
		    sk->n ? ": skipped " : "", sk->nlines == 1 ? "line " : sk->n ? "lines " : "",
		    sk->n ? b.s : "");
	else if (sk->n == 1)
		diag_add(d, R_SIDE_FILE_IGNORED, &at, NULL, NULL,
		    "1 statement that is not a gateway or key cmdlet skipped (line %s)", b.s);
	else
		diag_add(d, R_SIDE_FILE_IGNORED, &at, NULL, NULL,
		    "%zu statements that are not gateway or key cmdlets skipped (line%s %s)", sk->n,
		    sk->nlines == 1 ? "" : "s", b.s);
	sbuf_release(&b);
}

int
sidefile_parse(const struct input *in, struct sidefile *sf, struct diags *d)
{
	struct lexer	 lx;
	struct stmt	*sv;
	struct vars	 vs;
	struct skipped	 sk;
	struct side_stmt get;
	bool		 pending = false;
	size_t		 ns, k, i, recognised = 0;
	char		*text;
	size_t		 n;

	memset(sf, 0, sizeof(*sf));
	memset(&vs, 0, sizeof(vs));
	memset(&sk, 0, sizeof(sk));
	memset(&get, 0, sizeof(get));
	hmap_init(&vs.idx);
	sf->file = xstrdup(in->display);
	text = to_utf8(in->data, in->len, &n);
	/* a CR alone ends a line, as in files from old Macs and some editors */
	for (i = 0; i < n; i++)
		if (text[i] == '\r' && (i + 1 >= n || text[i + 1] != '\n'))
			text[i] = '\n';
	memset(&lx, 0, sizeof(lx));
	lx.s = text;
	lx.n = n;
	lx.line = lx.col = 1;
	lx.file = sf->file;
	lx.d = d;
	lx.bol = true;
	sv = read_statements(&lx, &ns);
	script_vars(&vs, sv, ns);
	for (k = 0; k < ns; k++) {
		struct stmt		*st = &sv[k];
		struct tok		*tv = st->tv;
		const struct cmdlet_def	*cd = NULL;
		struct side_stmt	 one;

		if (tv[0].type == T_OUTPUT) {
			/* Get-AzureVNetGatewayKey's printed Value is the key of its tunnel */
			if (pending && strcasecmp(tv[0].text, "Value") == 0 && tv[0].raw[0] != '\0') {
				get.kind = SIDE_KEY;
				get.key = xstrdup(tv[0].raw);
				get.pos = tv[0].pos;
				*VEC_PUSH(sf->v, sf->n, sf->cap) = get;
				memset(&get, 0, sizeof(get));
				pending = false;
			}
			continue;
		}
		if (pending) {
			free(get.vnet);
			free(get.site);
			memset(&get, 0, sizeof(get));
			pending = false;
		}
		for (i = 0; tv[0].type == T_WORD && i < sizeof(cmdlets) / sizeof(cmdlets[0]); i++)
			if (strcasecmp(tv[0].text, cmdlets[i].name) == 0)
				cd = &cmdlets[i];
		if (cd != NULL) {
			recognised++;
			for (i = 1; i < st->nt; i++)
				resolve(&vs, &tv[i], k);
			if (st->drop)
				side_error(&lx, &st->drop_pos, "a backtick followed by blanks does not "
				    "continue the line in PowerShell, so this statement ends here and the "
				    "next line is another; remove the blanks after the backtick");
			else if (statement(&lx, cd, tv, st->nt, &one)) {
				if (one.kind == SIDE_GET_KEY) {
					get = one;
					pending = true;
				} else
					*VEC_PUSH(sf->v, sf->n, sf->cap) = one;
			}
			continue;
		}
		/* an assignment is read, for the variables */
		if (st->nt >= 2 && tv[0].type == T_VAR && tv[1].type == T_WORD &&
		    (strcmp(tv[1].text, "=") == 0 || strcmp(tv[1].text, "+=") == 0))
			continue;
		/* statements on one line are listed as one line */
		if (sk.n == 0 || sk.last_line != tv[0].pos.line) {
			if (sk.nlines < 4)
				sk.first[sk.nlines++] = tv[0].pos;
			else
				sk.nlines = 5;
		}
		sk.last_line = tv[0].pos.line;
		sk.n++;
	}
	if (pending) {
		free(get.vnet);
		free(get.site);
	}
	/* a file not read to its end was said to be so: nothing more about it */
	if (!lx.fatal || recognised > 0)
		report_skipped(d, &sk, recognised, sf->file);
	for (k = 0; k < ns; k++)
		free_toks(sv[k].tv, sv[k].nt);
	free(sv);
	vars_release(&vs);
	explicit_bzero(text, n);
	free(text);
	return 0;
}

void
sidefile_release(struct sidefile *sf)
{
	size_t i;

	for (i = 0; i < sf->n; i++) {
		free(sf->v[i].vnet);
		free(sf->v[i].site);
		if (sf->v[i].key != NULL) {
			explicit_bzero(sf->v[i].key, strlen(sf->v[i].key));
			free(sf->v[i].key);
		}
	}
	free(sf->v);
	free(sf->file);
	memset(sf, 0, sizeof(*sf));
}
