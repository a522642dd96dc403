/* main.c - options, files and exit status; no logic of its own. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libcidr.h>
#include <libxml/xmlversion.h>
#include <libxml/parser.h>

#include "output.h"
#include "hash.h"
#include "netcfgc.h"
#include "rules.h"
#include "xalloc.h"

static const char usage_text[] =
"usage: netcfgc check   [OPTIONS] FILE...  validate only; diagnostics on stderr\n"
"       netcfgc migrate [OPTIONS] FILE...  validate, then write the ARM migration\n"
"       netcfgc graph   [OPTIONS] FILE     topology as Graphviz DOT on stdout\n"
"       netcfgc rules                      every rule: name, level, summary\n"
"       netcfgc explain RULE               a rule: what, why, how to fix, source\n"
"       netcfgc help [COMMAND]             this, or what a command does\n"
"       netcfgc --help | --version\n"
"\n"
"'netcfgc COMMAND --help' describes one command and its options.\n";

static const char options_text[] =
"  -k, --keys FILE                 classic PowerShell side file (repeatable)\n"
"      --keys-beside               also B.ps1 and B.keys.ps1 beside each B.xml\n"
"%s"
"      --affinity-group NAME=REGION  region of an affinity group (repeatable)\n"
"      --resource-group NAME       everything in one group, group-scope template\n"
"      --resource-group-for VNET=RG  put one VNet into group RG (repeatable)\n"
"      --existing-resource-groups  the groups exist: declare none, check first\n"
"      --p2s-root-cert NAME=FILE   point-to-site root certificate (repeatable)\n"
"      --gateway-sku CLASSIC=ARM   override the SKU mapping (repeatable)\n"
"      --vnet-to-vnet vpn|peering  VNet-to-VNet pairs become gateways and\n"
"                                  connections (vpn, default) or VNet peerings\n"
"  -W RULE=LEVEL                   set a rule's level: off, note, warning, error\n"
"  -Werror                         treat warnings as errors\n"
"      --diagnostics-format text|json|sarif  format of diagnostics on stderr\n"
"      --color[=auto|always|never] colour text diagnostics (auto: a terminal, no\n"
"                                  NO_COLOR)\n"
"  -q, --quiet                     no progress or summary lines\n"
"      --report FILE               a JSON report of the run, a record per file\n"
"\n"
"FILE '-' is standard input.  Exit status: 0 no errors, 1 validation errors,\n"
"2 usage error, 3 input unreadable or not well-formed, 4 output or system\n"
"failure.\n";

static void
command_help(enum command c)
{
	static const char *const what[] = {
		[CMD_CHECK] = "usage: netcfgc check [OPTIONS] FILE...\n\n"
		    "Validate each netcfg file (and the side files given with -k) the way the\n"
		    "classic platform did; print the diagnostics on stderr.\n\noptions:\n",
		[CMD_MIGRATE] = "usage: netcfgc migrate [OPTIONS] FILE...\n\n"
		    "Validate each file; when it has no errors, write DIR/<name>/azuredeploy.json,\n"
		    "azuredeploy.parameters.json (mode 0600, the only file with keys), plan.json\n"
		    "and runbook.md, or the plan on stdout without -o.\n\noptions:\n",
		[CMD_GRAPH] = "usage: netcfgc graph [OPTIONS] FILE\n\n"
		    "Write the topology as Graphviz DOT on stdout: VNets and on-premises sites\n"
		    "as nodes, tunnels as edges (a VNet-to-VNet pair as one two-way edge),\n"
		    "problems in orange (warnings) and red (errors).  Render it with dot -Tsvg.\n"
		    "\noptions:\n",
	};

	fputs(what[c], stdout);
	printf(options_text, c == CMD_MIGRATE ?
	    "  -o, --output DIR                write the outputs under DIR/<input name>/\n"
	    "      --keep-paths                under DIR/<input's directory>/<input name>/\n" : "");
}

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void usage_begin(void);
static void usage_exit(void) __attribute__((noreturn));
static struct diag_out *the_out;
static bool record_error(const char *);

static void
usage_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	usage_begin();
	error_msg("%s", msg);
	free(msg);
	usage_exit();
}

/*
 * A usage error with --diagnostics-format json or sarif is the one document
 * on standard error too: usage_begin makes error_msg's messages records,
 * usage_exit writes them and exits 2.
 */
static enum diag_format usage_format = DIAG_TEXT;
static struct diag_out	 usage_out;

static void
usage_begin(void)
{
	if (usage_format == DIAG_TEXT || the_out == &usage_out)
		return;
	memset(&usage_out, 0, sizeof(usage_out));
	usage_out.format = usage_format;
	the_out = &usage_out;
	error_hook = record_error;
}

static void
usage_exit(void)
{
	if (the_out == &usage_out) {
		diag_out_finish(&usage_out);
		error_hook = NULL;
		the_out = NULL;
	} else
		fputs("try 'netcfgc --help'\n", stderr);
	exit(EXIT_USAGE);
}

/* --diagnostics-format, looked up before the options are read: usage errors use it. */
static void
scan_format(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc; i++) {
		const char *v = NULL;

		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--diagnostics-format") == 0 && i + 1 < argc)
			v = argv[i + 1];
		else if (strncmp(argv[i], "--diagnostics-format=", 21) == 0)
			v = argv[i] + 21;
		if (v != NULL)
			usage_format = strcmp(v, "json") == 0 ? DIAG_JSON : strcmp(v, "sarif") == 0 ?
			    DIAG_SARIF : DIAG_TEXT;
	}
}

/* "no rule named 'x'; did you mean 'y'?" after a prefix such as "-W: ". */
static void
no_such_rule(const char *prefix, const char *name)
{
	const char	*names[R__COUNT];
	char		*hint;
	int		 k;

	for (k = 0; k < R__COUNT; k++)
		names[k] = rules[k].name;
	hint = did_you_mean(name, names, R__COUNT);
	usage_begin();
	error_msg("%sno rule named '%s'%s", prefix, name, hint);
	free(hint);
	if (the_out == NULL)
		fputs("try 'netcfgc rules'\n", stderr);
}

static int
cmd_rules(void)
{
	int i;

	for (i = 0; i < R__COUNT; i++)
		printf("%-24s %-8s %s\n", rules[i].name, level_name(rules[i].level),
		    rules[i].summary);
	return EXIT_OK;
}

static void
print_wrapped(const char *text, int width)
{
	const char	*p = text;
	int		 col = 0;

	while (*p != '\0') {
		const char	*w = p;
		int		 n;

		while (*p != '\0' && *p != ' ')
			p++;
		n = (int)(p - w);
		if (col > 0 && col + 1 + n > width) {
			putchar('\n');
			col = 0;
		} else if (col > 0) {
			putchar(' ');
			col++;
		}
		printf("%.*s", n, w);
		col += n;
		while (*p == ' ')
			p++;
	}
	if (col > 0)
		putchar('\n');
}

static int
cmd_explain(const char *name)
{
	int i = rule_lookup(name);

	if (i < 0) {
		no_such_rule("", name);
		return EXIT_USAGE;
	}
	printf("%s (%s)\n\n", rules[i].name, rules[i].level_text);
	print_wrapped(rules[i].summary, 76);
	putchar('\n');
	print_wrapped(rules[i].explanation, 76);
	printf("\nSource: ");
	print_wrapped(rules[i].source, 68);
	return EXIT_OK;
}

static void
set_rule_level(struct options *o, const char *spec)
{
	const char	*eq;
	char		*name;
	enum level	 l;
	int		 r;

	if (strcmp(spec, "error") == 0) {
		o->policy.werror = true;
		return;
	}
	if ((eq = strchr(spec, '=')) == NULL)
		usage_error("-W takes RULE=LEVEL or 'error', not '%s'", spec);
	name = xstrndup(spec, (size_t)(eq - spec));
	r = rule_lookup(name);
	if (r < 0) {
		no_such_rule("-W: ", name);
		free(name);
		usage_exit();
	}
	free(name);
	if (level_from_name(eq + 1, &l) != 0)
		usage_error("-W: level '%s' is not off, note, warning or error", eq + 1);
	/* a file that breaks such a rule is not read further: silenced, it would fail unexplained */
	if (rules[r].fixed && l != rules[r].level)
		usage_error("-W: the level of %s cannot be changed: a file that breaks it is not "
		    "read further, so it stays an error", rules[r].name);
	o->policy.override[r] = (int)l;
}

static void
add_affinity_group(struct options *o, const char *spec)
{
	if (ag_map_add(&o->ags, spec) != 0)
		usage_error("--affinity-group takes NAME=REGION, not '%s'", spec);
}

static void
add_rg_for(struct options *o, const char *spec)
{
	const char	*eq = strchr(spec, '='), *why;
	char		*name;
	bool		 twice;

	if (eq == NULL || eq == spec || eq[1] == '\0')
		usage_error("--resource-group-for takes VNET=RG, not '%s'", spec);
	if ((why = arm_rg_name_problem(eq + 1)) != NULL)
		usage_error("--resource-group-for: '%s': %s", eq + 1, why);
	name = xstrndup(spec, (size_t)(eq - spec));
	twice = ag_map_find(&o->rg_for, name) != NONE;
	free(name);
	if (twice)
		usage_error("--resource-group-for: VNet '%.*s' is given twice", (int)(eq - spec), spec);
	ag_map_add(&o->rg_for, spec);
}

/* The arguments @FILE gave, kept for the run and freed at its end. */
static char	**at_argv, *at_text;

static void
release_options(struct options *o)
{
	size_t i;

	for (i = 0; i < o->nkeys; i++)
		input_release(&o->keys[i]);
	free(o->keys);
	free(o->key_paths);
	ag_map_release(&o->ags);
	ag_map_release(&o->rg_for);
	free(at_argv);
	free(at_text);
	at_argv = NULL;
	at_text = NULL;
	sku_map_release(&o->skus);
	p2s_certs_release(&o->certs);
}

static int
path_cmp(const void *a, const void *b)
{
	const unsigned char *x = *(const unsigned char *const *)a, *y = *(const unsigned char *const *)b;

	/* '/' first, so that a directory's descendants follow it */
	for (; *x != '\0' && *x == *y; x++, y++)
		continue;
	return (*x == '/' ? 1 : *x + 1) - (*y == '/' ? 1 : *y + 1);
}

/*
 * --keep-paths: an input's directory with '..' is refused, and so are two
 * inputs whose output directories coincide or one holds the other.
 */
static void
check_kept_paths(struct options *o, char **files, int n)
{
	char	**dirs = xcalloc((size_t)n, sizeof(char *)), **sorted;
	int	 i, bad = 0;

	usage_begin();
	for (i = 0; i < n; i++) {
		char		*name = output_name(files[i]), *dir = kept_dir(o->outdir, files[i]);
		const char	*p;

		dirs[i] = xjoin3(dir, '/', name, NULL);
		free(name);
		free(dir);
		for (p = files[i]; (p = strstr(p, "..")) != NULL; p += 2)
			if ((p == files[i] || p[-1] == '/') && p[2] == '/') {
				error_msg("--keep-paths: '%s' has '..' in its directory: its outputs "
				    "would leave '%s'", files[i], o->outdir);
				bad = 1;
				break;
			}
	}
	sorted = xcalloc((size_t)n, sizeof(char *));
	memcpy(sorted, dirs, (size_t)n * sizeof(char *));
	qsort(sorted, (size_t)n, sizeof(char *), path_cmp);
	for (i = 0; i + 1 < n; i++) {
		size_t l = strlen(sorted[i]);

		if (strcmp(sorted[i], sorted[i + 1]) == 0 ||
		    (strncmp(sorted[i], sorted[i + 1], l) == 0 && sorted[i + 1][l] == '/')) {
			error_msg("--keep-paths: the outputs '%s' and '%s' %s", sorted[i],
			    sorted[i + 1], strcmp(sorted[i], sorted[i + 1]) == 0 ? "would be one directory" :
			    "would be one inside the other");
			bad = 1;
		}
	}
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	free(sorted);
	if (bad) {
		release_options(o);
		usage_exit();
	}
	if (the_out == &usage_out) {
		error_hook = NULL;
		the_out = NULL;
	}
}

/* Two inputs whose outputs would land in the same DIR/<name>/ are refused. */
static void
check_output_names(struct options *o, char **files, int n)
{
	struct hmap	 seen;
	char		**names = xcalloc((size_t)n, sizeof(char *));
	size_t		 prev;
	int		 i, bad = 0;

	usage_begin();
	hmap_init(&seen);
	for (i = 0; i < n; i++) {
		names[i] = output_name(files[i]);
		if (!hmap_put(&seen, names[i], (size_t)i, &prev)) {
			error_msg("'%s' and '%s' would both write '%s/%s/'", files[prev], files[i],
			    o->outdir, names[i]);
			bad = 1;
		}
	}
	hmap_release(&seen);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (bad) {
		if (the_out != &usage_out)
			fputs("try --keep-paths, or a separate -o for one of them\n", stderr);
		release_options(o);
		usage_exit();
	}
	if (the_out == &usage_out) {
		error_hook = NULL;
		the_out = NULL;
	}
}

enum {
	OPT_AFFINITY = 256,
	OPT_RESOURCE_GROUP,
	OPT_GATEWAY_SKU,
	OPT_RG_FOR,
	OPT_EXISTING_RGS,
	OPT_P2S_CERT,
	OPT_VNET_TO_VNET,
	OPT_DIAG_FORMAT,
	OPT_REPORT,
	OPT_COLOR,
	OPT_KEYS_BESIDE,
	OPT_KEEP_PATHS,
	OPT_HELP,
	OPT_VERSION,
};

static const struct option long_opts[] = {
	{ "keys", required_argument, NULL, 'k' },
	{ "output", required_argument, NULL, 'o' },
	{ "affinity-group", required_argument, NULL, OPT_AFFINITY },
	{ "resource-group", required_argument, NULL, OPT_RESOURCE_GROUP },
	{ "gateway-sku", required_argument, NULL, OPT_GATEWAY_SKU },
	{ "resource-group-for", required_argument, NULL, OPT_RG_FOR },
	{ "existing-resource-groups", no_argument, NULL, OPT_EXISTING_RGS },
	{ "p2s-root-cert", required_argument, NULL, OPT_P2S_CERT },
	{ "vnet-to-vnet", required_argument, NULL, OPT_VNET_TO_VNET },
	{ "diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "colour", optional_argument, NULL, OPT_COLOR },
	{ "keys-beside", no_argument, NULL, OPT_KEYS_BESIDE },
	{ "keep-paths", no_argument, NULL, OPT_KEEP_PATHS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};


/*
 * @FILE: the lines of FILE as arguments, one a line (a CR before the
 * newline dropped, empty lines skipped), for long batch command lines.  Not
 * nested: a line that begins with '@' is an argument as it is.
 */
static void
expand_at_files(int *argc, char ***argv)
{
	struct sbuf	 all;
	size_t		 n = 0, cap = 0, i;
	char		**v = NULL, *p;
	int		 k, any = 0;

	for (k = 2; k < *argc; k++)
		any |= (*argv)[k][0] == '@' && (*argv)[k][1] != '\0';
	if (!any)
		return;
	sbuf_init(&all);
	/* first the text of every file, one NUL-separated list of arguments */
	for (k = 0; k < *argc; k++) {
		const char *a = (*argv)[k];

		if (k >= 2 && a[0] == '@' && a[1] != '\0') {
			struct input in;

			if (input_read(a + 1, &in) != 0) {
				input_release(&in);
				exit(EXIT_USAGE);
			}
			for (i = 0; i < in.len; ) {
				size_t e = i;

				while (e < in.len && in.data[e] != '\n')
					e++;
				if (e > i && in.data[e - 1] == '\r')
					e--;
				if (e > i && memchr(in.data + i, '\0', e - i) == NULL) {
					sbuf_add(&all, (const char *)in.data + i, e - i);
					sbuf_addc(&all, '\0');
					n++;
				}
				while (i < in.len && in.data[i] != '\n')
					i++;
				i++;
			}
			input_release(&in);
		} else {
			sbuf_adds(&all, a);
			sbuf_addc(&all, '\0');
			n++;
		}
	}
	at_text = sbuf_detach(&all);
	xgrow((void **)&v, &cap, n + 1, sizeof(*v));
	for (p = at_text, i = 0; i < n; i++, p += strlen(p) + 1)
		v[i] = p;
	v[n] = NULL;
	at_argv = v;
	*argc = (int)n;
	*argv = v;
}

/* The run's diagnostics (the_out); error_msg's messages about a file become its records. */

static bool
record_error(const char *msg)
{
	if (the_out == NULL || the_out->format == DIAG_TEXT)
		return false;
	diag_out_file_error(the_out, the_out->file, msg);
	return true;
}

/*
 * The -k files, each once.  One that cannot be read stops the run (exit 3):
 * said as a text line, or as the one JSON or SARIF document of the run.
 */
static int
read_key_files(struct options *o)
{
	size_t i, j;

	for (i = 0; i < o->nkey_paths; i++) {
		struct input	in = { NULL, NULL, 0 };
		bool		twice = false;

		for (j = 0; j < i; j++)
			twice |= strcmp(o->key_paths[i], o->key_paths[j]) == 0;
		if (twice)
			continue;	/* one file read twice would say everything twice */
		if (o->format != DIAG_TEXT) {
			struct diag_out out;

			memset(&out, 0, sizeof(out));
			out.format = o->format;
			the_out = &out;
			out.file = o->key_paths[i];
			error_hook = record_error;
			if (input_read(o->key_paths[i], &in) != 0) {
				input_release(&in);
				diag_out_finish(&out);
				error_hook = NULL;
				return EXIT_INPUT;
			}
			error_hook = NULL;
			the_out = NULL;
		} else if (input_read(o->key_paths[i], &in) != 0) {
			input_release(&in);
			return EXIT_INPUT;
		}
		*VEC_PUSH(o->keys, o->nkeys, o->capkeys) = in;
	}
	return EXIT_OK;
}

/* An option getopt does not know: said with the closest one, as for rules. */
static void
unknown_option(const char *arg)
{
	const char	*names[sizeof(long_opts) / sizeof(long_opts[0])];
	size_t		 n = 0, i, len;
	char		*word, *hint;

	if (arg == NULL || strncmp(arg, "--", 2) != 0)
		usage_error("unknown option '%s'", arg != NULL ? arg : "?");
	for (i = 0; long_opts[i].name != NULL; i++)
		names[n++] = long_opts[i].name;
	len = strcspn(arg + 2, "=");
	word = xstrndup(arg + 2, len);
	hint = did_you_mean(word, names, n);
	/* did_you_mean says "; did you mean 'x'?": an option is written with its dashes */
	usage_begin();
	if (*hint != '\0') {
		const char *q = strchr(hint, '\'');

		error_msg("unknown option '--%s'; did you mean '--%s", word, q + 1);
	} else
		error_msg("unknown option '--%s'", word);
	free(word);
	free(hint);
	usage_exit();
}

/* --version: netcfgc's and the libraries' it was built with and runs with. */
static void
print_version(void)
{
	int	 x = atoi(xmlParserVersion);
	char	 xml[32];
	size_t	 cidr = strcspn(cidr_version(), "- ");

	/* libxml2 says 20914 for 2.9.14; libcidr adds its build after the number */
	snprintf(xml, sizeof(xml), "%d.%d.%d", x / 10000, x / 100 % 100, x % 100);
	printf("netcfgc %s\n", PACKAGE_VERSION);
	printf("built with libxml2 %s and jansson %s; running with libxml2 %s, jansson %s, "
	    "libcidr %.*s\n", LIBXML_DOTTED_VERSION, JANSSON_VERSION, xml, jansson_version_str(),
	    (int)cidr, cidr_version());
}

/* The command named by argv[1]: check, migrate or graph; anything else is a usage error. */
static enum command
file_command(const char *cmd)
{
	static const char *const cmds[] = { "check", "migrate", "graph", "rules", "explain",
	    "help" };
	char *hint;

	if (strcmp(cmd, "check") == 0)
		return CMD_CHECK;
	if (strcmp(cmd, "migrate") == 0)
		return CMD_MIGRATE;
	if (strcmp(cmd, "graph") == 0)
		return CMD_GRAPH;
	hint = did_you_mean(cmd, cmds, 6);
	error_msg("unknown command '%s'%s", cmd, hint);
	free(hint);
	fputs("try 'netcfgc --help'\n", stderr);
	exit(EXIT_USAGE);
}

/*
 * The options of a file command into o; returns the index of the first
 * FILE, or -1 after --help or --version (printed), or when a -k file
 * cannot be read (EXIT_INPUT in *rc).
 */
static int
parse_options(int argc, char **argv, struct options *o, int *rc)
{
	char	why[256];
	int	c, cert_rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":k:o:W:q", long_opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			/* read once the options are known: a failure is then said in their format */
			*VEC_PUSH(o->key_paths, o->nkey_paths, o->capkey_paths) = optarg;
			break;
		case 'o':
			if (o->cmd != CMD_MIGRATE)
				usage_error("%s", "-o is an option of 'migrate'");
			o->outdir = optarg;
			break;
		case 'W':
			set_rule_level(o, optarg);
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_AFFINITY:
			add_affinity_group(o, optarg);
			break;
		case OPT_RESOURCE_GROUP:
			if (arm_rg_name_problem(optarg) != NULL)
				usage_error("--resource-group: %s", arm_rg_name_problem(optarg));
			o->resource_group = optarg;
			break;
		case OPT_GATEWAY_SKU:
			if (sku_map_add(&o->skus, optarg, why, sizeof(why)) != 0)
				usage_error("--gateway-sku: %s", why);
			break;
		case OPT_RG_FOR:
			add_rg_for(o, optarg);
			break;
		case OPT_EXISTING_RGS:
			o->existing_rgs = true;
			break;
		case OPT_P2S_CERT:
			if (p2s_certs_add(&o->certs, optarg, why, sizeof(why), &cert_rc) != 0) {
				if (cert_rc == EXIT_INPUT) {
					*rc = EXIT_INPUT;
					return -1;	/* input_read said why */
				}
				usage_error("--p2s-root-cert: %s", why);
			}
			break;
		case OPT_VNET_TO_VNET:
			if (strcmp(optarg, "vpn") == 0)
				o->peering = false;
			else if (strcmp(optarg, "peering") == 0)
				o->peering = true;
			else
				usage_error("--vnet-to-vnet takes vpn or peering, not '%s'", optarg);
			break;
		case OPT_REPORT:
			o->report = optarg;
			break;
		case OPT_COLOR:
			if (optarg == NULL || strcmp(optarg, "always") == 0)
				o->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "auto") == 0)
				o->color = COLOR_AUTO;
			else if (strcmp(optarg, "never") == 0)
				o->color = COLOR_NEVER;
			else
				usage_error("--color takes auto, always or never, not '%s'", optarg);
			break;
		case OPT_KEYS_BESIDE:
			o->keys_beside = true;
			break;
		case OPT_KEEP_PATHS:
			if (o->cmd != CMD_MIGRATE)
				usage_error("%s", "--keep-paths is an option of 'migrate'");
			o->keep_paths = true;
			break;
		case OPT_DIAG_FORMAT:
			if (strcmp(optarg, "text") == 0)
				o->format = DIAG_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = DIAG_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				o->format = DIAG_SARIF;
			else
				usage_error("--diagnostics-format takes text, json or sarif, not '%s'", optarg);
			break;
		case OPT_HELP:
			command_help(o->cmd);
			*rc = EXIT_OK;
			return -1;
		case OPT_VERSION:
			print_version();
			*rc = EXIT_OK;
			return -1;
		case ':':
			usage_error("option '%s' needs a value", argv[optind - 1]);
			break;
		default:
			unknown_option(argv[optind - 1]);
			break;
		}
	}
	return optind;
}

static const char *
file_status(int rc)
{
	return rc == EXIT_OK ? "ok" : rc == EXIT_INVALID ? "invalid" :
	    rc == EXIT_INPUT ? "unreadable" : "failed";
}

/* The errors of a run (a file that is not XML adds none: process_file). */
static size_t
run_errors(const struct file_result *r, size_t n)
{
	size_t i, e = 0;

	for (i = 0; i < n; i++)
		e += r[i].errors;
	return e;
}

/*
 * "3 files: 1 migrated, 1 invalid, 1 unreadable; 2 errors, 5 warnings"; a
 * single file that fails without an error says what failed.
 */
static void
summary(const struct options *o, const struct file_result *r, size_t n, const struct diag_out *out,
    bool report_failed)
{
	size_t		 count[4] = { 0, 0, 0, 0 }, i, k;
	const char	*what[4] = { o->cmd == CMD_MIGRATE ? "migrated" : "valid", "invalid",
			    "unreadable", "failed" };
	bool		 any = false;

	for (i = 0; i < n; i++)
		count[r[i].exit == EXIT_OK ? 0 : r[i].exit == EXIT_INVALID ? 1 :
		    r[i].exit == EXIT_INPUT ? 2 : 3]++;
	if (n > 1 || count[2] > 0 || count[3] > 0 || report_failed) {
		fprintf(stderr, "%zu file%s: ", n, n == 1 ? "" : "s");
		for (k = 0; k < 4; k++)
			if (count[k] > 0 || (k == 0 && n == count[0])) {
				fprintf(stderr, "%s%zu %s", any ? ", " : "", count[k], what[k]);
				any = true;
			}
		fputs("; ", stderr);
	}
	fprintf(stderr, "%zu error%s, %zu warning%s%s\n", run_errors(r, n), run_errors(r, n) == 1 ?
	    "" : "s", out->warnings, out->warnings == 1 ? "" : "s",
	    report_failed ? "; the report was not written" : "");
}

/* Are a and b one file (or one name for a file that does not exist yet)? */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
}

/*
 * --report must not replace an input or a side file ("--report *.xml", the
 * name forgotten), nor lie in an output set that the run replaces.
 */
static void
check_report_path(struct options *o, char **files, int n)
{
	size_t	 k;
	int	 i;

	size_t	 rl = strlen(o->report);

	if (strcmp(o->report, "-") == 0 || o->report[0] == '\0')
		usage_error("--report takes the name of a file to write, not '%s'", o->report);
	/* "--report *.xml": the report's name left out, the first export taken for it */
	if ((rl > 4 && strcmp(o->report + rl - 4, ".xml") == 0) ||
	    (rl > 7 && strcmp(o->report + rl - 7, ".netcfg") == 0) ||
	    (rl > 4 && strcmp(o->report + rl - 4, ".ps1") == 0))
		usage_error("--report '%s' names an export or a script, which it would overwrite "
		    "(was the report's name left out?); the report is JSON", o->report);
	for (i = 0; i < n; i++)
		if (same_file(o->report, files[i]))
			usage_error("--report '%s' is one of the inputs: it would be overwritten "
			    "(was the report's name left out?)", o->report);
	for (k = 0; k < o->nkey_paths; k++)
		if (same_file(o->report, o->key_paths[k]))
			usage_error("--report '%s' is a side file given with -k: it would be "
			    "overwritten", o->report);
	for (i = 0; o->cmd == CMD_MIGRATE && o->outdir != NULL && i < n; i++) {
		char	*name = output_name(files[i]);
		char	*dir = o->keep_paths ? kept_dir(o->outdir, files[i]) : xstrdup(o->outdir);
		char	*set = xjoin3(dir, '/', name, NULL);
		size_t	 l = strlen(set);
		bool	 inside = strncmp(o->report, set, l) == 0 && o->report[l] == '/';

		free(name);
		free(dir);
		free(set);
		if (inside)
			usage_error("--report '%s' lies in an output directory of this run, which "
			    "holds only netcfgc's outputs", o->report);
	}
}

/* --report FILE: the run as JSON (SPEC §7), written whole or not at all. */
static int
write_report(const char *path, const struct options *o, const struct file_result *r, size_t n,
    int worst)
{
	static const char *const cmds[] = { [CMD_CHECK] = "check", [CMD_MIGRATE] = "migrate",
	    [CMD_GRAPH] = "graph" };
	json_t	*doc, *files = json_array();
	size_t	 i, c[4] = { 0, 0, 0, 0 }, e = 0, w = 0;
	char	*text, *tmp;
	FILE	*fp;
	int	 fd, bad;

	for (i = 0; i < n; i++) {
		json_array_append_new(files, json_pack("{s:o, s:s, s:i, s:I, s:I, s:I, s:o}",
		    "path", xjson_string(r[i].path), "status", file_status(r[i].exit), "exit",
		    r[i].exit, "errors", (json_int_t)r[i].errors,
		    "warnings",
		    (json_int_t)r[i].warnings, "notes", (json_int_t)r[i].notes, "output",
		    r[i].output != NULL ? xjson_string(r[i].output) : json_null()));
		c[r[i].exit == EXIT_OK ? 0 : r[i].exit == EXIT_INVALID ? 1 :
		    r[i].exit == EXIT_INPUT ? 2 : 3]++;
		w += r[i].warnings;
	}
	e = run_errors(r, n);
	doc = json_pack("{s:i, s:{s:s, s:s}, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
	    "s:i}}", "netcfgcReport", 1, "generator", "name", "netcfgc", "version",
	    PACKAGE_VERSION, "command", cmds[o->cmd], "files", files, "summary", "files",
	    (json_int_t)n, "ok", (json_int_t)c[0], "invalid", (json_int_t)c[1], "unreadable",
	    (json_int_t)c[2], "failed", (json_int_t)c[3], "errors", (json_int_t)e, "warnings",
	    (json_int_t)w, "exit", worst);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	tmp = xasprintf("%s.netcfgc-XXXXXX", path);
	if (text == NULL || (fd = mkstemp(tmp)) < 0) {
		error_msg("cannot write the report '%s': %s", path, strerror(errno));
		free(text);
		free(tmp);
		return -1;
	}
	fp = fdopen(fd, "w");
	bad = fp == NULL || fputs(text, fp) == EOF || fputc('\n', fp) == EOF || fflush(fp) == EOF ||
	    fsync(fileno(fp)) != 0;
	if (fp != NULL)
		bad |= fclose(fp) != 0;
	else
		close(fd);
	if (!bad)
		bad = chmod(tmp, 0644 & ~current_umask()) != 0 || rename(tmp, path) != 0;
	if (bad) {
		error_msg("cannot write the report '%s': %s", path, strerror(errno));
		unlink(tmp);
	}
	free(text);
	free(tmp);
	return bad ? -1 : 0;
}

int
main(int argc, char **argv)
{
	struct options	 o;
	const char	*cmd;
	int		 worst = EXIT_OK, i, nfiles, first;
	struct diag_out	 out;
	struct file_result *results;
	bool		 report_failed = false;

	xjson_init();
	memset(&o, 0, sizeof(o));
	diag_policy_init(&o.policy);
	if (argc < 2)
		usage_error("%s", "no command given");
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if ((strcmp(cmd, "rules") == 0 || strcmp(cmd, "explain") == 0) && argc == 3 &&
	    strcmp(argv[2], "--help") == 0) {
		puts(strcmp(cmd, "rules") == 0 ? "usage: netcfgc rules\n\n"
		    "List every rule: name, default level, summary." :
		    "usage: netcfgc explain RULE\n\n"
		    "Explain a rule: what it checks, why the platform cares, how to fix it, source.");
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		print_version();
		return EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0) {
		if (argc > 3)
			usage_error("%s", "'help' takes at most one COMMAND");
		if (argc == 2) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		}
		cmd = argv[2];
		if (strcmp(cmd, "help") == 0) {
			puts("usage: netcfgc help [COMMAND]\n\nDescribe netcfgc, or one of its commands.");
			return EXIT_OK;
		}
		if (strcmp(cmd, "rules") == 0 || strcmp(cmd, "explain") == 0) {
			puts(strcmp(cmd, "rules") == 0 ? "usage: netcfgc rules\n\n"
			    "List every rule: name, default level, summary." :
			    "usage: netcfgc explain RULE\n\n"
			    "Explain a rule: what it checks, why the platform cares, how to fix it, "
			    "source.");
			return EXIT_OK;
		}
		command_help(file_command(cmd));
		return EXIT_OK;
	}
	if (strcmp(cmd, "rules") == 0) {
		if (argc != 2)
			usage_error("%s", "'rules' takes no arguments");
		return cmd_rules();
	}
	if (strcmp(cmd, "explain") == 0) {
		if (argc != 3)
			usage_error("%s", "'explain' takes one rule name");
		return cmd_explain(argv[2]);
	}
	o.cmd = file_command(cmd);
	expand_at_files(&argc, &argv);
	scan_format(argc, argv);
	if ((first = parse_options(argc - 1, argv + 1, &o, &worst)) < 0 ||
	    (worst = read_key_files(&o)) != EXIT_OK) {
		release_options(&o);
		return worst;
	}
	argc--;
	argv++;
	nfiles = argc - first;
	if (nfiles == 0)
		usage_error("'%s' needs at least one FILE ('-' for standard input)", cmd);
	if (o.cmd == CMD_GRAPH && nfiles != 1)
		usage_error("%s", "'graph' takes exactly one FILE");
	if (o.resource_group != NULL && o.rg_for.n > 0)
		usage_error("%s", "--resource-group puts every VNet into one group: it cannot be "
		    "combined with --resource-group-for");
	if (o.cmd == CMD_MIGRATE && o.outdir != NULL && o.keep_paths)
		check_kept_paths(&o, argv + first, nfiles);
	else if (o.cmd == CMD_MIGRATE && o.outdir != NULL)
		check_output_names(&o, argv + first, nfiles);
	if (o.report != NULL)
		check_report_path(&o, argv + first, nfiles);
	if (load_init() != 0) {
		release_options(&o);
		return EXIT_SYSTEM;
	}
	o.batch = nfiles > 1;
	diag_color = o.format == DIAG_TEXT && (o.color == COLOR_ALWAYS ||
	    (o.color == COLOR_AUTO && isatty(STDERR_FILENO) &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0') &&
	    (getenv("TERM") == NULL || strcmp(getenv("TERM"), "dumb") != 0)));
	o.progress = nfiles > 1 && !o.quiet && isatty(STDERR_FILENO) && o.format == DIAG_TEXT;
	memset(&out, 0, sizeof(out));
	out.format = o.format;
	out.progress = o.progress;
	the_out = &out;
	error_hook = record_error;
	results = xcalloc((size_t)nfiles, sizeof(*results));
	for (i = first; i < argc; i++) {
		int rc;

		if (o.progress)
			fprintf(stderr, "\rnetcfgc: %d of %d: %s\033[K", i - first + 1, nfiles, argv[i]);
		rc = process_file(argv[i], &o, &out, &results[i - first]);
		if (rc > worst)
			worst = rc;
	}
	if (o.progress)
		fputs("\r\033[K", stderr);
	/* a file not read or not written: the tool did not do all it was asked */
	out.exec_failed |= worst >= EXIT_INPUT;
	out.file = o.report;
	if (o.report != NULL && write_report(o.report, &o, results, (size_t)nfiles, worst) != 0) {
		report_failed = true;
		if (worst < EXIT_SYSTEM)
			worst = EXIT_SYSTEM;
	}
	out.file = NULL;
	diag_out_finish(&out);
	error_hook = NULL;
	if (!o.quiet && o.format == DIAG_TEXT)
		summary(&o, results, (size_t)nfiles, &out, report_failed);
	for (i = 0; i < nfiles; i++)
		free(results[i].output);
	free(results);
	load_cleanup();
	release_options(&o);
	return worst;
}
