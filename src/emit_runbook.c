/* emit_runbook.c - the plan for a person, as Markdown. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "xalloc.h"

/* The plural ending of a count. */
#define PL(n)	((n) == 1 ? "" : "s")

/* What md changes: 1 is escaped with a backslash, 2 becomes a space. */
static const unsigned char md_special[256] = {
	['|'] = 1, ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['<'] = 1, ['>'] = 1,
	['['] = 1, [']'] = 1, ['&'] = 1, ['~'] = 1,	/* entities (&copy;), strike-through */
	/* control characters would end a line (a name could start a heading) */
	[0x01] = 2, [0x02] = 2, [0x03] = 2, [0x04] = 2, [0x05] = 2, [0x06] = 2, [0x07] = 2,
	[0x08] = 2, ['\t'] = 2, ['\n'] = 2, [0x0b] = 2, [0x0c] = 2, ['\r'] = 2, [0x0e] = 2,
	[0x0f] = 2, [0x10] = 2, [0x11] = 2, [0x12] = 2, [0x13] = 2, [0x14] = 2, [0x15] = 2,
	[0x16] = 2, [0x17] = 2, [0x18] = 2, [0x19] = 2, [0x1a] = 2, [0x1b] = 2, [0x1c] = 2,
	[0x1d] = 2, [0x1e] = 2, [0x1f] = 2, [0x7f] = 2,
};

/* Markdown table cells and inline text: escape what would break them. */
static void
md(struct sbuf *b, const char *s)
{
	const char *run;

	if (s == NULL)
		return;
	for (;;) {
		for (run = s; *run != '\0' && !md_special[(unsigned char)*run]; run++)
			continue;
		sbuf_add(b, s, (size_t)(run - s));
		if (*run == '\0')
			return;
		if (md_special[(unsigned char)*run] == 1) {
			sbuf_addc(b, '\\');
			sbuf_addc(b, *run);
		} else
			sbuf_addc(b, ' ');
		s = run + 1;
	}
}

/*
 * s as a CommonMark code span: fenced with one backtick more than its
 * longest run of backticks, control characters as spaces, and (in a table
 * cell) '|' escaped, so that nothing in s can end the span or the line.
 */
static void
md_code(struct sbuf *b, const char *s, bool cell)
{
	size_t		 run = 0, longest = 0, i;
	const char	*p;
	bool		 pad;

	for (p = s; *p != '\0'; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* a span that starts or ends with a backtick needs a space inside its fence */
	pad = *s == '`' || (*s != '\0' && s[strlen(s) - 1] == '`');
	for (i = 0; i <= longest; i++)
		sbuf_addc(b, '`');
	if (pad)
		sbuf_addc(b, ' ');
	for (p = s; *p != '\0'; p++) {
		if (md_special[(unsigned char)*p] == 2)
			sbuf_addc(b, ' ');
		else if (*p == '|' && cell)
			sbuf_adds(b, "\\|");
		else
			sbuf_addc(b, *p);
	}
	if (pad)
		sbuf_addc(b, ' ');
	for (i = 0; i <= longest; i++)
		sbuf_addc(b, '`');
}

static const char *
jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* a step lists up to this many resources; of more, it gives the number (plan.json lists them) */
#define RB_LIST		50

static void
md_ref(struct sbuf *b, json_t *r)
{
	sbuf_cat(b, "- `", jstr(r, "type"), "` ", NULL);
	md(b, jstr(r, "resourceGroup"));
	sbuf_adds(b, "/");
	md(b, jstr(r, "name"));
	sbuf_addc(b, '\n');
}

/* The plan's steps: title, kind and length, details, then the first resources. */
static void
rb_steps(struct sbuf *b, json_t *steps)
{
	json_t	*st, *x, *res, *details;
	size_t	 i, j, nres;
	long	 minutes;

	json_array_foreach(steps, i, st) {
		res = json_object_get(st, "resources");
		details = json_object_get(st, "details");
		minutes = (long)json_integer_value(json_object_get(st, "durationMinutes"));
		sbuf_printf(b, "### %lld. ", json_integer_value(json_object_get(st, "order")));
		md(b, jstr(st, "title"));
		sbuf_printf(b, "\n\n%s", json_is_true(json_object_get(st, "manual")) ?
		    "**Manual.**" : "Automatic (the template).");
		if (minutes >= 30)
			sbuf_printf(b, " **Long step: up to %ld minutes.**", minutes);
		else if (minutes > 0)
			sbuf_printf(b, " About %ld minute%s.", minutes, minutes == 1 ? "" : "s");
		sbuf_adds(b, "\n\n");
		json_array_foreach(details, j, x) {
			const char *d = json_string_value(x);

			sbuf_adds(b, "- ");
			/* a command as it is typed: a code span, nothing escaped */
			if (strncmp(d, "az ", 3) == 0)
				md_code(b, d, false);
			else
				md(b, d);
			sbuf_addc(b, '\n');
		}
		nres = json_array_size(res);
		if (nres > 0 && nres <= RB_LIST) {
			sbuf_adds(b, json_array_size(details) ? "\nResources:\n\n" : "Resources:\n\n");
			json_array_foreach(res, j, x)
				md_ref(b, x);
		} else if (nres > RB_LIST)
			sbuf_printf(b, "%zu resources (listed in plan.json).\n", nres);
		sbuf_addc(b, '\n');
	}
}

/* The mapping as a table: a row per ARM resource, or one "(none)" row. */
static void
rb_mapping(struct sbuf *b, json_t *map)
{
	json_t	*e, *cl, *r, *arm;
	size_t	 i, j;

	json_array_foreach(map, i, e) {
		cl = json_object_get(e, "classic");
		arm = json_object_get(e, "arm");
		json_array_foreach(arm, j, r) {
			sbuf_cat(b, "| ", jstr(cl, "kind"), " | ", NULL);
			md(b, jstr(cl, "name"));
			sbuf_printf(b, " | %lld | `%s` | ", json_integer_value(json_object_get(cl, "line")),
			    jstr(r, "type"));
			md(b, jstr(r, "resourceGroup"));
			sbuf_adds(b, " | ");
			md(b, jstr(r, "name"));
			sbuf_adds(b, " | ");
			if (j == 0)
				md(b, json_string_value(json_object_get(e, "note")));
			sbuf_adds(b, " |\n");
		}
		if (json_array_size(arm) == 0) {
			sbuf_cat(b, "| ", jstr(cl, "kind"), " | ", NULL);
			md(b, jstr(cl, "name"));
			sbuf_printf(b, " | %lld | (none) | | | ",
			    json_integer_value(json_object_get(cl, "line")));
			md(b, json_string_value(json_object_get(e, "note")));
			sbuf_adds(b, " |\n");
		}
	}
}

static void
rb_summary(struct sbuf *b, const struct check_ctx *c, const struct armplan *ap, json_t *plan)
{
	const struct netcfg	*cfg = c->cfg;
	struct plan_summary	 s;
	json_t			*e = json_object_get(plan, "summary");
	size_t			 i;

	plan_summary(c, ap, &s);
	sbuf_adds(b, "## Summary\n\n");
	sbuf_printf(b, "- %zu classic VNet%s become%s %zu ARM virtual network%s in %zu resource "
	    "group%s:", cfg->nvnets, PL(cfg->nvnets), cfg->nvnets == 1 ? "s" : "", cfg->nvnets,
	    PL(cfg->nvnets), ap->nrgs, PL(ap->nrgs));
	for (i = 0; i < ap->nrgs; i++) {
		sbuf_adds(b, i ? ", " : " ");
		md(b, ap->rgs[i].name);
		sbuf_printf(b, " (%s)", ap->rgs[i].location);
	}
	sbuf_adds(b, ".\n");
	sbuf_printf(b, "- %zu gateway%s, %zu IPsec tunnel%s: %zu VNet-to-VNet pair%s, ",
	    s.arm_gateways, PL(s.arm_gateways), c->topo->nt, PL(c->topo->nt), s.pairs, PL(s.pairs));
	if (s.one_sided > 0)
		sbuf_printf(b, "%zu one-sided VNet-to-VNet tunnel%s (no tunnel back), ", s.one_sided,
		    PL(s.one_sided));
	sbuf_printf(b, "%zu site-to-site tunnel%s; %zu point-to-site pool%s; %zu ExpressRoute "
	    "connection%s (not migrated).\n", s.s2s, PL(s.s2s), s.p2s, PL(s.p2s), s.er, PL(s.er));
	sbuf_printf(b, "- %zu local network gateway%s, %zu connection%s", ap->nlngs,
	    PL(ap->nlngs), ap->nconns, PL(ap->nconns));
	if (c->topo->peering)
		sbuf_printf(b, ", %zu VNet peering%s (`--vnet-to-vnet peering`: each VNet-to-VNet "
		    "pair is two peerings, no gateway and no connection)", ap->npeerings,
		    PL(ap->npeerings));
	sbuf_adds(b, ".\n");
	sbuf_printf(b, "- Diagnostics: %lld error%s, %lld warning%s, %lld note%s.\n\n",
	    json_integer_value(json_object_get(e, "errors")),
	    PL(json_integer_value(json_object_get(e, "errors"))),
	    json_integer_value(json_object_get(e, "warnings")),
	    PL(json_integer_value(json_object_get(e, "warnings"))),
	    json_integer_value(json_object_get(e, "notes")),
	    PL(json_integer_value(json_object_get(e, "notes"))));
}

/* The warnings and notes, and where each key comes from. */
static void
rb_before(struct sbuf *b, const struct armplan *ap, json_t *plan)
{
	json_t	*diags = json_object_get(plan, "diagnostics"), *e;
	size_t	 i, n;

	sbuf_adds(b, "## Before you start\n\n### Warnings and notes\n\n");
	if (json_array_size(diags) == 0)
		sbuf_adds(b, "None.\n");
	json_array_foreach(diags, i, e) {
		char *at = xasprintf("%s:%lld:%lld", jstr(e, "file"),
		    json_integer_value(json_object_get(e, "line")),
		    json_integer_value(json_object_get(e, "column")));

		sbuf_printf(b, "- **%s** ", jstr(e, "level"));
		md_code(b, at, false);
		sbuf_printf(b, " [%s]: ", jstr(e, "rule"));
		free(at);
		md(b, jstr(e, "message"));
		sbuf_addc(b, '\n');
	}
	sbuf_adds(b, "\n### Shared keys\n\n");
	if (ap->npeerings > 0)
		sbuf_printf(b, "The %zu VNet-to-VNet pair%s become%s peerings, which need no key: "
		    "the shared keys of %s classic tunnels are no longer needed, and no file here "
		    "holds them.\n\n", ap->npeerings / 2, PL(ap->npeerings / 2),
		    ap->npeerings / 2 == 1 ? "s" : "", ap->npeerings / 2 == 1 ? "its" : "their");
	if (ap->nparams == 0)
		sbuf_adds(b, "No tunnel needs a key.\n");
	else
		sbuf_adds(b, "| parameter | connections | value |\n| --- | --- | --- |\n");
	for (i = 0; i < ap->nparams; i++) {
		const struct arm_param *p = &ap->params[i];

		sbuf_printf(b, "| `%s` | ", p->name);
		for (n = 0; n < p->nconn; n++) {
			sbuf_adds(b, n ? ", " : "");
			md(b, ap->conns[p->conn[n]].name);
		}
		if (p->value != NULL) {
			char *at = xasprintf("%s:%lu", p->value_pos->file, p->value_pos->line);

			sbuf_adds(b, " | in azuredeploy.parameters.json (set at ");
			md_code(b, at, true);
			sbuf_adds(b, ") |\n");
			free(at);
		} else
			sbuf_adds(b, " | **missing**: add it to the parameters file or enter it when "
			    "the deployment asks |\n");
	}
}

/* One az command line, each word shell-quoted where it needs it; long ones on three lines. */
static void
az(struct sbuf *b, const char *const *w)
{
	size_t i;

	for (i = 0; w[i] != NULL; i++) {
		if (i > 0)
			sbuf_adds(b, strcmp(w[i], "--template-file") == 0 ||
			    strcmp(w[i], "--parameters") == 0 ? " \\\n    " : " ");
		sbuf_add_shell(b, w[i]);
	}
	sbuf_addc(b, '\n');
}

/* The resource groups: where they are declared, or that they must exist. */
static void
rb_groups(struct sbuf *b, const struct armplan *ap)
{
	size_t i;

	if (ap->single_rg != NULL) {
		sbuf_adds(b, "The template deploys into resource group ");
		md_code(b, ap->single_rg, false);
		sbuf_adds(b, ", which must exist. Check it, and where it is:\n\n```sh\n");
	} else if (ap->opts->existing_rgs) {
		sbuf_adds(b, "With `--existing-resource-groups` the templates declare no resource "
		    "group: each must exist already (its location and tags are left alone). Check "
		    "that each exists, and where:\n\n```sh\n");
	} else {
		sbuf_adds(b, "The templates declare these resource groups, each with the location "
		    "of its first VNet: ");
		for (i = 0; i < ap->nrgs && i < RB_LIST; i++) {
			sbuf_adds(b, i ? ", " : "");
			md_code(b, ap->rgs[i].name, false);
			sbuf_adds(b, " in ");
			md_code(b, ap->rgs[i].location, false);
		}
		if (ap->nrgs > RB_LIST)
			sbuf_printf(b, " and %zu more (plan.json lists them)", ap->nrgs - RB_LIST);
		sbuf_adds(b, ". A group that exists already in another region makes the deployment "
		    "fail (InvalidResourceGroupLocation); one in the same region gets the "
		    "template's tags, none, in place of its own. Check first whether each exists, "
		    "and where (\"ResourceGroupNotFound\" means it will be created); if they exist, "
		    "migrate again with `--existing-resource-groups`:\n\n```sh\n");
	}
	for (i = 0; i < ap->nrgs; i++) {
		const char *w[] = { "az", "group", "show", "--name", ap->rgs[i].name, "--query",
		    "location", "--output", "tsv", NULL };

		if (i == RB_LIST) {
			sbuf_printf(b, "# ... and %zu more (the resource groups of plan.json)\n",
			    ap->nrgs - RB_LIST);
			break;
		}
		az(b, w);
	}
	sbuf_adds(b, "```\n\n");
}

static void
rb_deploy(struct sbuf *b, const struct check_ctx *c, const struct armplan *ap,
    const struct template_set *ts, const char *dir)
{
	size_t i, n = 0;

	sbuf_adds(b, "\n## Deploy\n\n");
	for (i = 0; i < c->d->n; i++)
		if (c->d->v[i].rule == R_DNS_IN_MIGRATED_SPACE) {
			if (n++ == 0)
				sbuf_adds(b, "**DNS servers inside migrated address spaces.** The new "
				    "VNets use the same DNS servers, but these are VMs of the classic "
				    "VNets: until they run in the new VNets (with the same addresses), "
				    "VMs there cannot resolve names. Move them first, or let the new "
				    "VNets use Azure DNS (an empty DNS server list) until they have "
				    "moved.\n\n");
			sbuf_adds(b, "- ");
			md(b, c->d->v[i].msg);
			sbuf_addc(b, '\n');
		}
	if (n > 0)
		sbuf_addc(b, '\n');
	rb_groups(b, ap);
	if (ts->n > 1)
		sbuf_printf(b, "The export is too large for one template within ARM's limits (256 "
		    "parameters, 800 resources, 64 outputs, 4 MB): it is split into %zu templates. "
		    "Deploy them one after the other, in this order; each needs what the ones before "
		    "it created.\n\n", ts->n);
	sbuf_adds(b, "Run these in the output directory (`netcfgc migrate -o DIR`): the first "
	    "line enters this export's folder. Each deployment has a name of its own (from the "
	    "input's name and digest), so the deployment of another input never replaces it. "
	    "Read what-if's answer before each create.\n\n```sh\ncd -- ");
	sbuf_add_shell(b, dir);
	sbuf_addc(b, '\n');
	for (i = 0; i < ts->n; i++) {
		const struct deploy_file	*f = &ts->f[i];
		char				*at = xasprintf("@%s", f->pfile);
		const char			*sub[2][12] = {
			{ "az", "deployment", "sub", "what-if", "--name", f->name, "--location",
			  f->location, "--template-file", f->file, "--parameters", at },
			{ "az", "deployment", "sub", "create", "--name", f->name, "--location",
			  f->location, "--template-file", f->file, "--parameters", at },
		};
		const char			*grp[2][12] = {
			{ "az", "deployment", "group", "what-if", "--name", f->name,
			  "--resource-group", ap->single_rg, "--template-file", f->file,
			  "--parameters", at },
			{ "az", "deployment", "group", "create", "--name", f->name,
			  "--resource-group", ap->single_rg, "--template-file", f->file,
			  "--parameters", at },
		};
		const char			*w[13];
		int				 k;

		if (ts->n > 1 && (i == 0 || f->stage != ts->f[i - 1].stage)) {
			size_t j = i;

			while (j + 1 < ts->n && ts->f[j + 1].stage == f->stage)
				j++;
			if (j > i)
				sbuf_printf(b, "%s# templates %02zu to %02zu need nothing of each other: "
				    "they may run at the same time,\n# each in a shell of its own; wait "
				    "until all have succeeded before the next\n", i > 0 ? "\n" : "",
				    i + 1, j + 1);
			else if (i > 0)
				sbuf_adds(b, "\n");
		}
		if (ts->n > 1)
			sbuf_printf(b, "# %zu of %zu\n", i + 1, ts->n);
		for (k = 0; k < 2; k++) {
			memcpy(w, ap->single_rg != NULL ? grp[k] : sub[k], sizeof(sub[k]));
			w[12] = NULL;
			az(b, w);
		}
		free(at);
	}
	sbuf_adds(b, "```\n\nThe deployments run the automatic steps below in order; "
	    "the manual ones are yours.\n\n");
	sbuf_adds(b, "A later redeployment sets every resource back to what the templates say "
	    "(incremental mode resets properties they leave out): it removes what was added by "
	    "hand afterwards, such as point-to-site root certificates not given with "
	    "`--p2s-root-cert`, network security groups and route tables linked to the subnets, "
	    "and subnets, address prefixes or DNS servers added in the portal. Add those to the "
	    "netcfg (or to the options) and migrate again instead.\n\n## Steps\n\n");
}

/* A row per site-to-site connection: what each on-premises device must change. */
static void
rb_devices(struct sbuf *b, const struct check_ctx *c, const struct armplan *ap)
{
	const struct netcfg	*cfg = c->cfg;
	size_t			 i, n;

	sbuf_adds(b, "## On-premises VPN devices\n\n");
	if (ap->npeerings > 0)
		sbuf_adds(b, "The VNet-to-VNet pairs become peerings: there is no device to re-point "
		    "for them.\n\n");
	if (ap->nlngs == 0)
		sbuf_adds(b, "No on-premises site is connected.\n\n");
	else
		sbuf_adds(b, "After the gateways exist, change each device's peer to the new "
		    "gateway address; the prefixes and keys stay as they were.\n\n"
		    "| site | device address | connection | new peer (public IP) | prefixes to route "
		    "| key parameter |\n| --- | --- | --- | --- | --- | --- |\n");
	for (i = 0; i < ap->nlngs; i++)
		for (n = ap->lng_conns.first[i]; n < ap->lng_conns.first[i + 1]; n++) {
			const struct arm_conn	*cn = &ap->conns[ap->lng_conns.item[n]];
			const struct local_site	*site = &cfg->sites[ap->lngs[i].site];

			sbuf_adds(b, "| ");
			md(b, site->name);
			sbuf_printf(b, " | %s | ", site->vpn_addr_valid ? site->vpn_addr_text : "(none)");
			md(b, cn->name);
			sbuf_adds(b, " | ");
			md(b, ap->vnets[cn->vnet].rg);
			sbuf_adds(b, "/");
			md(b, ap->vnets[cn->vnet].pip);
			sbuf_adds(b, " | ");
			transit_space(ap, c, cn->vnet, b);
			sbuf_printf(b, " | `%s` |\n", ap->params[cn->param].name);
		}
}

char *
emit_runbook(const struct check_ctx *c, const struct armplan *ap, json_t *plan,
    const struct template_set *ts, const char *dir)
{
	struct sbuf b;

	sbuf_init(&b);
	sbuf_adds(&b, "# Migration runbook: ");
	md(&b, c->cfg->file);
	sbuf_adds(&b, "\n\n");
	sbuf_printf(&b, "Generated by netcfgc %s from ", PACKAGE_VERSION);
	md_code(&b, c->cfg->file, false);
	sbuf_printf(&b, " (SHA-256 `%s`). This file holds no secret: shared keys are only in "
	    "`azuredeploy.parameters.json`.\n\n", jstr(json_object_get(plan, "source"), "sha256"));
	rb_summary(&b, c, ap, plan);
	rb_before(&b, ap, plan);
	rb_deploy(&b, c, ap, ts, dir);
	rb_steps(&b, json_object_get(plan, "steps"));
	rb_devices(&b, c, ap);
	sbuf_adds(&b, "\n## What became what\n\n| classic kind | classic name | line | ARM type | "
	    "resource group | ARM name | note |\n| --- | --- | --- | --- | --- | --- | --- |\n");
	rb_mapping(&b, json_object_get(plan, "mapping"));
	return sbuf_detach(&b);
}
