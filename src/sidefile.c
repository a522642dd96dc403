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
	T_NONLIT,	/* $var, $(...), (...), "...$x..." */
	T_END,		/* newline, ';' or end of file */
	T_PIPE,		/* '|', '&&', '||' */
};

struct tok {
	enum tok_type	 type;
	char		*text;		/* value of a word or string; NULL otherwise */
	struct pos	 pos;
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
		t.type = T_NONLIT;
		t.text = xstrdup("a double-quoted string that expands a variable");
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

/* $var, $(...), @(...), @{...} or (...), at its first character; t is T_END at its position. */
static struct tok
nonliteral(struct lexer *lx, struct tok t)
{
	int		 c = peek(lx, 0);
	const char	*what = c == '$' ? "a variable" : "a subexpression";

	if (c == '$' && peek(lx, 1) == '(')
		what = "a subexpression";
	if (c == '$' || c == '@')
		advance(lx);
	if (peek(lx, 0) == '(' || peek(lx, 0) == '{') {
		if (!skip_group(lx)) {
			side_error(lx, &t.pos, "unterminated parenthesis");
			lx->fatal = true;
			return t;
		}
	} else
		while (!is_word_end(peek(lx, 0)))
			advance(lx);
	t.type = T_NONLIT;
	t.text = xstrdup(what);
	return t;
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

/* Next token; on an unterminated construct report it and return T_END with lx->fatal. */
static struct tok
next_tok(struct lexer *lx)
{
	struct tok	 t = { T_END, NULL, { lx->file, 0, 0 } };
	int		 c;

	if (!skip_blanks(lx, &t.pos))
		return t;
	t.pos = here(lx);
	c = peek(lx, 0);
	if (c < 0)
		return t;
	if (c == '\n' || c == ';') {
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
	if (c == ')' || c == '}' || c == '{') {
		advance(lx);
		t.type = T_NONLIT;
		t.text = xstrdup("a script block or stray bracket");
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

static const struct cmdlet_def cmdlets[] = {
	{ "Set-AzureVNetGatewayKey", SIDE_KEY, key_params, 3,
	    1u << S_VNET | 1u << S_SITE | 1u << S_KEY,
	    "-VNetName, -LocalNetworkSiteName and -SharedKey" },
	{ "New-AzureVNetGateway", SIDE_NEW_GATEWAY, new_params, 0,
	    1u << S_VNET | 1u << S_GWTYPE, "-VNetName, -GatewayType and -GatewaySKU" },
	{ "Resize-AzureVNetGateway", SIDE_RESIZE, resize_params, 0,
	    1u << S_VNET | 1u << S_SKU, "-VNetName and -GatewaySKU" },
	{ "Set-AzureVNetGatewayDefaultSite", SIDE_DEFAULT_SITE, default_site_params, 2,
	    1u << S_VNET | 1u << S_SITE, "-VNetName and -DefaultSite" },
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

	for (i = 0; i < n; i++)
		free(v[i].text);
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
	int s;

	for (s = 0; s < S__COUNT; s++) {
		if (bd->val[s] == NULL) {
			if (bd->cd->required & (1u << s)) {
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
		} else if (bd->val[s]->type == T_NONLIT) {
			diag_add(bd->d, R_SIDE_FILE, &bd->val[s]->pos, NULL, NULL,
			    "the value of %s is %s, not a literal; netcfgc does not run "
			    "PowerShell, so write the value itself", slot_name(bd->cd, s), bd->val[s]->text);
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

/* Bind and check one recognised statement; add it to sf when it is complete. */
static void
statement(struct lexer *lx, const struct cmdlet_def *cd, struct tok *tv, size_t nt,
    struct sidefile *sf)
{
	struct binding	 bd;
	struct side_stmt st;
	size_t		 i;

	memset(&bd, 0, sizeof(bd));
	bd.d = lx->d;
	bd.cd = cd;
	bd.tv = tv;
	bd.nt = nt;
	for (i = 1; i < nt; i++) {
		if (is_param(&tv[i]))
			i = bind_named(&bd, i);
		else
			bind_positional(&bd, &tv[i]);
	}
	check_values(&bd);
	if (bd.bad)
		return;
	memset(&st, 0, sizeof(st));
	if (!gateway_values(&bd, &st))
		return;
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
	*VEC_PUSH(sf->v, sf->n, sf->cap) = st;
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

int
sidefile_parse(const struct input *in, struct sidefile *sf, struct diags *d)
{
	struct lexer	 lx;
	struct tok	*tv = NULL;
	size_t		 nt = 0, capt = 0, i;
	char		*text;
	size_t		 n;

	memset(sf, 0, sizeof(*sf));
	sf->file = xstrdup(in->display);
	text = to_utf8(in->data, in->len, &n);
	memset(&lx, 0, sizeof(lx));
	lx.s = text;
	lx.n = n;
	lx.line = lx.col = 1;
	lx.file = sf->file;
	lx.d = d;
	for (;;) {
		struct tok	 t = next_tok(&lx);

		if (t.type == T_PIPE) {
			/* the rest of the pipeline is another command: skip it */
			do {
				free(t.text);
				t = next_tok(&lx);
			} while (t.type != T_END);
		}
		if (t.type != T_END) {
			*VEC_PUSH(tv, nt, capt) = t;
			continue;
		}
		if (nt > 0 && !lx.fatal) {
			const struct cmdlet_def *cd = NULL;

			for (i = 0; tv[0].type == T_WORD && i < sizeof(cmdlets) / sizeof(cmdlets[0]); i++)
				if (strcasecmp(tv[0].text, cmdlets[i].name) == 0)
					cd = &cmdlets[i];
			if (cd != NULL && lx.drop)
				side_error(&lx, &lx.drop_pos, "a backtick followed by blanks does not "
				    "continue the line in PowerShell, so this statement ends here and the "
				    "next line is another; remove the blanks after the backtick");
			else if (cd != NULL)
				statement(&lx, cd, tv, nt, sf);
			else if (tv[0].type == T_WORD && strchr(tv[0].text, '-') != NULL &&
			    isalpha((unsigned char)tv[0].text[0]))
				diag_add(d, R_SIDE_FILE_IGNORED, &tv[0].pos, NULL, NULL,
				    "a command that is not a gateway or key cmdlet; ignored");
			else
				diag_add(d, R_SIDE_FILE_IGNORED, &tv[0].pos, NULL, NULL,
				    "statement ignored: netcfgc reads only Set-AzureVNetGatewayKey, "
				    "New-AzureVNetGateway and Resize-AzureVNetGateway");
		}
		free_toks(tv, nt);
		tv = NULL;
		nt = capt = 0;
		lx.drop = false;
		if (lx.i >= lx.n || lx.fatal)
			break;
	}
	free_toks(tv, nt);
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
