/* diag.h - diagnostic records: collect, sort, print; the worst level wins. */
#ifndef NETCFGC_DIAG_H
#define NETCFGC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "rules.h"

/* Exit status (SPEC §4): the worst of a run's files. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_INVALID = 1,
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,
	EXIT_SYSTEM = 4,
};

struct pos {
	const char	*file;		/* not owned; the input's display name */
	unsigned long	 line;		/* 1-based; 0 = whole file */
	unsigned long	 col;		/* 1-based; 0 = unknown */
};

struct diag_note {
	struct pos	 pos;
	char		*msg;
};

struct diag {
	enum rule_id	 rule;
	enum level	 level;
	struct pos	 pos;
	char		*msg;
	const char	*kind;		/* classic resource kind, static string */
	char		*name;		/* classic resource name, or NULL */
	struct diag_note *notes;
	size_t		 nnotes, capnotes;
	size_t		 seq;		/* insertion order, keeps sorting stable */
};

/* How the user changed rule levels (-W, -Werror). */
struct diag_policy {
	int		 override[R__COUNT];	/* -1 none, else enum level */
	bool		 werror;
};

/* A file lists at most this many records of one rule (SPEC §4); the rest are only counted. */
#define DIAG_LIST_MAX	100

struct diags {
	const struct diag_policy *policy;
	struct diag	*v;
	size_t		 n, cap;
	size_t		 count[LEVEL_ERROR + 1];	/* listed or not */
	size_t		 listed[R__COUNT], unlisted[R__COUNT];
	size_t		 last[R__COUNT];	/* index in v of a listed record of the rule */
};

enum diag_format {
	DIAG_TEXT,
	DIAG_JSON,
	DIAG_SARIF,
};

void	 diag_policy_init(struct diag_policy *);
void	 diags_init(struct diags *, const struct diag_policy *);
void	 diags_release(struct diags *);

/*
 * Add a record for rule at its default level (diag_add) or a level the check
 * chooses (diag_addl); -W and -Werror apply on top.  A record whose level
 * ends up off is dropped.  Returns the record, or NULL when dropped, so that
 * notes can be attached with diag_note.
 */
/* Whether a record of the rule would be listed now (so worth a costly hint). */
bool	 diag_listable(const struct diags *, enum rule_id);
struct diag *diag_add(struct diags *, enum rule_id, const struct pos *,
	    const char *kind, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
struct diag *diag_addl(struct diags *, enum rule_id, enum level, const struct pos *,
	    const char *kind, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 7, 8)));
void	 diag_note(struct diag *, const struct pos *, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Sort the records; a rule with unlisted records gets a note saying how many. */
void	 diags_sort(struct diags *);
bool	 diags_has_errors(const struct diags *);
void	 diags_print_text(const struct diags *, FILE *);

/* The records as a JSON array (SPEC §4 fields). */
json_t	*diags_to_json(const struct diags *);

/*
 * Where the diagnostics of a run go: text is printed at once, after each
 * file; JSON and SARIF are gathered into records and written as one
 * document by diag_out_finish.
 */
struct diag_out {
	enum diag_format format;
	bool		 progress;	/* a progress line may be on stderr */
	size_t		 errors, warnings, notes;
	json_t		*records;
	json_t		*notifications;	/* SARIF: file-level failures */
	const char	*file;		/* the input being processed, or NULL */
	bool		 exec_failed;	/* a file could not be read or written */
};
void	 diags_emit(const struct diags *, struct diag_out *);
/* Text diagnostics in colour (--color). */
extern bool	 diag_color;
/* A failure about a whole file (cannot open it, cannot write its outputs): a record. */
void	 diag_out_file_error(struct diag_out *, const char *file, const char *msg);
void	 diag_out_finish(struct diag_out *);

/* Closest candidate to s (case-insensitive edit distance), or NULL. */
const char *suggest(const char *s, const char *const *cands, size_t n);
size_t	 edit_distance_max(const char *, const char *, size_t);
/* "; did you mean 'x'?" for the closest candidate to s, or "": every such hint is made here. */
char	*did_you_mean(const char *s, const char *const *cands, size_t n);

#endif
