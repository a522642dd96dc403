/* test_sidefile.c - the PowerShell side-file reader: every accepted form and every error. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "sidefile.h"
#include "xalloc.h"

static struct diag_policy policy;
static struct diags d;
static struct sidefile sf;

/* Parse data with rule set to level by -W (level -1: no -W). */
static void
parse_bytes_w(const char *data, size_t len, enum rule_id rule, int level)
{
	struct input in;

	diag_policy_init(&policy);
	policy.override[rule] = level;
	diags_init(&d, &policy);
	in.display = strdup("keys.ps1");
	in.data = malloc(len ? len : 1);
	memcpy(in.data, data, len);
	in.len = len;
	sidefile_parse(&in, &sf, &d);
	input_release(&in);
}

static void
parse_bytes(const char *data, size_t len)
{
	parse_bytes_w(data, len, R_SIDE_FILE, -1);
}

static void
parse(const char *text)
{
	parse_bytes(text, strlen(text));
}

static void
done(void)
{
	sidefile_release(&sf);
	diags_release(&d);
}

/* The number of records of rule side-file at a level, and none leaking the key. */
static size_t
count(enum level l, const char *secret)
{
	size_t i, n = 0;

	for (i = 0; i < d.n; i++) {
		if (d.v[i].level == l)
			n++;
		if (secret != NULL)
			cr_assert_null(strstr(d.v[i].msg, secret), "a message shows the key: %s",
			    d.v[i].msg);
	}
	return n;
}

/* The number of records of one rule at a level. */
static size_t
count_rule(enum rule_id rule, enum level l)
{
	size_t i, n = 0;

	for (i = 0; i < d.n; i++)
		if (d.v[i].rule == rule && d.v[i].level == l)
			n++;
	return n;
}

static bool
has_msg(const char *part, unsigned long line)
{
	size_t i;

	for (i = 0; i < d.n; i++)
		if (strstr(d.v[i].msg, part) != NULL && d.v[i].pos.line == line)
			return true;
	return false;
}

Test(sidefile, seed_form_with_backtick_continuation, .fini = done)
{
	parse("Set-AzureVNetGatewayKey -VNetName 'Group ClassicRG TestVNet1' `\n"
	    "-LocalNetworkSiteName 'value for _VNet4Local' -SharedKey A1b2C3D4\n");
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 1);
	cr_assert_eq(sf.v[0].kind, SIDE_KEY);
	cr_assert_str_eq(sf.v[0].vnet, "Group ClassicRG TestVNet1");
	cr_assert_str_eq(sf.v[0].site, "value for _VNet4Local");
	cr_assert_str_eq(sf.v[0].key, "A1b2C3D4");
	cr_assert_eq(sf.v[0].pos.line, 1);
	cr_assert_eq(sf.v[0].pos.col, 1);
}

Test(sidefile, case_insensitive_names_prefixes_any_order, .fini = done)
{
	parse("  set-azurevnetgatewaykey -sharedkey \"K1\" -localnetworksite S -VNet V\n"
	    "NEW-AZUREVNETGATEWAY -GatewaySku HighPerformance -vnetname V -GatewayType dynamicrouting\n"
	    "Resize-AzureVNetGateway -VNetName:V -GatewaySKU:Standard\n");
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 3);
	cr_assert_str_eq(sf.v[0].key, "K1");
	cr_assert_str_eq(sf.v[0].site, "S");
	cr_assert_eq(sf.v[0].pos.col, 3);
	cr_assert_eq(sf.v[1].kind, SIDE_NEW_GATEWAY);
	cr_assert_eq(sf.v[1].routing, ROUTING_DYNAMIC);
	cr_assert_eq(sf.v[1].sku, CSKU_HIGHPERFORMANCE);
	cr_assert_eq(sf.v[2].kind, SIDE_RESIZE);
	cr_assert_eq(sf.v[2].sku, CSKU_STANDARD);
	cr_assert_str_eq(sf.v[2].vnet, "V");
}

Test(sidefile, quoting_escapes_comments_semicolons_positional, .fini = done)
{
	parse("# a comment line\n"
	    "<# a block\n comment #> Set-AzureVNetGatewayKey 'it''s' \"S`\"x\" abc123 # trailing\n"
	    "New-AzureVNetGateway -VNetName A -GatewayType StaticRouting; "
	    "New-AzureVNetGateway -VNetName B -GatewayType DynamicRouting -Verbose\r\n"
	    "Set-AzureVNetGatewayKey -VNetName \"a \"\"b\"\"\" -LocalNetworkSiteName s -SharedKey k | Out-Null\n");
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 4);
	cr_assert_str_eq(sf.v[0].vnet, "it's");
	cr_assert_str_eq(sf.v[0].site, "S\"x");
	cr_assert_str_eq(sf.v[0].key, "abc123");
	cr_assert_eq(sf.v[0].pos.line, 3);
	cr_assert_eq(sf.v[0].pos.col, 13);
	cr_assert_eq(sf.v[1].routing, ROUTING_STATIC);
	cr_assert_str_eq(sf.v[2].vnet, "B");
	cr_assert_eq(sf.v[2].pos.line, 4);
	cr_assert_str_eq(sf.v[3].vnet, "a \"b\"");
}

Test(sidefile, other_cmdlets_are_one_note_not_errors, .fini = done)
{
	parse("Add-AzureAccount\nSelect-AzureSubscription -SubscriptionName 'x'\n$k = 'A1b2'\n"
	    "New-AzureVNetGateway -VNetName V -GatewayType DynamicRouting\nGet-AzureVNet\n");
	cr_assert_eq(count(LEVEL_ERROR, "A1b2"), 0);
	cr_assert_eq(count(LEVEL_NOTE, "A1b2"), 1);
	/* the assignment is read (for its variable), not skipped */
	cr_assert(has_msg("3 statements that are not gateway or key cmdlets skipped (lines 1, 2, 5)", 1));
	cr_assert_eq(count_rule(R_SIDE_FILE_IGNORED, LEVEL_NOTE), 1);
	cr_assert_eq(sf.n, 1);
}

Test(sidefile, nothing_recognised_is_a_warning, .fini = done)
{
	parse("<?xml version=\"1.0\"?>\n<NetworkConfiguration>\n</NetworkConfiguration>\n");
	cr_assert_eq(count_rule(R_SIDE_FILE_IGNORED, LEVEL_WARNING), 1);
	cr_assert(has_msg("nothing in this side file is a cmdlet netcfgc reads", 1));
	cr_assert_eq(d.n, 1);
}

static const char skipped_and_malformed[] =
    "Add-AzureAccount\n$k = 'A1b2'\nNew-AzureVNetGateway -VNetName V -GatewayType DynamicRouting -Bogus\n";

Test(sidefile, skipped_statements_are_their_own_rule, .fini = done)
{
	parse(skipped_and_malformed);
	cr_assert_eq(count_rule(R_SIDE_FILE_IGNORED, LEVEL_NOTE), 1);
	cr_assert_eq(count_rule(R_SIDE_FILE, LEVEL_ERROR), 1);
	cr_assert_eq(d.n, 2);
}

Test(sidefile, w_side_file_leaves_skipped_statements_alone, .fini = done)
{
	static const int levels[] = { LEVEL_OFF, LEVEL_NOTE, LEVEL_WARNING, LEVEL_ERROR };
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		parse_bytes_w(skipped_and_malformed, strlen(skipped_and_malformed), R_SIDE_FILE,
		    levels[i]);
		cr_assert_eq(count_rule(R_SIDE_FILE_IGNORED, LEVEL_NOTE), 1,
		    "-W side-file=%s changed the skipped statements' note", level_name(levels[i]));
		cr_assert_eq(d.n, levels[i] == LEVEL_OFF ? 1 : 2);
		done();
	}
}

Test(sidefile, w_side_file_ignored_off_silences_them_only, .fini = done)
{
	parse_bytes_w(skipped_and_malformed, strlen(skipped_and_malformed), R_SIDE_FILE_IGNORED,
	    LEVEL_OFF);
	cr_assert_eq(d.n, 1);
	cr_assert_eq(count_rule(R_SIDE_FILE, LEVEL_ERROR), 1);
}

Test(sidefile, non_constant_values_are_warnings_naming_the_variable, .fini = done)
{
	parse("$key = (Get-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S).Value\n"
	    "Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S -SharedKey $key\n"
	    "Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S -SharedKey (Get-Key 'x')\n"
	    "Set-AzureVNetGatewayKey -VNetName \"$name\" -LocalNetworkSiteName S -SharedKey Secret99\n");
	cr_assert_eq(count(LEVEL_WARNING, "Secret99"), 3);
	cr_assert_eq(count(LEVEL_ERROR, "Secret99"), 0);
	cr_assert(has_msg("the value of -SharedKey is the variable $key, which is assigned from a "
	    "command or an expression", 2));
	cr_assert(has_msg("the value of -SharedKey is a subexpression, which netcfgc does not "
	    "evaluate", 3));
	cr_assert(has_msg("the value of -VNetName is the variable $name, which is not assigned "
	    "in this file", 4));
	cr_assert_eq(count_rule(R_SIDE_FILE_VARIABLE, LEVEL_WARNING), 3);
	cr_assert_eq(sf.n, 0);
}

Test(sidefile, constant_variables_are_their_values, .fini = done)
{
	parse("$VNet = \"Group RG V1\"\n$site = 'Site'\n${Key} = 'Abc' + \"123\"\n"
	    "$script:gw = 'DynamicRouting'\n$sku = $SKU2 = 'x'\n$two = $site\n"
	    "Set-AzureVNetGatewayKey -VNetName $vnet -LocalNetworkSiteName \"$($site)_local\" "
	    "-SharedKey $key\n"
	    "New-AzureVNetGateway -VNetName:$VNet -GatewayType $gw -GatewaySKU Standard\n"
	    "Set-AzureVNetGatewayKey $vnet \"$two-2\" `\n  \"${key}\"\n");
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(count(LEVEL_WARNING, NULL), 0);
	cr_assert_eq(sf.n, 3);
	cr_assert_str_eq(sf.v[0].vnet, "Group RG V1");
	cr_assert_str_eq(sf.v[0].site, "Site_local");
	cr_assert_str_eq(sf.v[0].key, "Abc123");
	cr_assert_str_eq(sf.v[1].vnet, "Group RG V1");
	cr_assert_eq(sf.v[1].routing, ROUTING_DYNAMIC);
	cr_assert_str_eq(sf.v[2].site, "Site-2");
	cr_assert_str_eq(sf.v[2].key, "Abc123");
}

Test(sidefile, variables_that_are_not_constants, .fini = done)
{
	parse("param($Env)\n$twice = 'a'\n$twice = 'b'\nif ($x) { $inner = 'K1' }\n"
	    "foreach ($s in $sites) {\n  Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName $s "
	    "-SharedKey $twice\n}\nSet-AzureVNetGatewayKey V S $inner\n"
	    "New-AzureVNetGateway -VNetName V -GatewayType DynamicRouting -GatewaySKU $Env\n"
	    "Set-AzureVNetGatewayKey V S $later\n$later = 'K2'\n");
	cr_assert(has_msg("$s, which is a loop variable", 6));
	cr_assert(has_msg("$twice, which is assigned more than once", 6));
	cr_assert(has_msg("$inner, which is assigned inside a block", 8));
	cr_assert(has_msg("$Env, which is a parameter", 9));
	cr_assert(has_msg("$later, which is used before it is assigned", 10));
	/* the gateway line keeps what it says literally; the key lines are lost */
	cr_assert_eq(sf.n, 1);
	cr_assert_eq(sf.v[0].routing, ROUTING_DYNAMIC);
	cr_assert(!sf.v[0].has_sku);
	/* no message holds a value: count() fails on one */
	cr_assert_eq(count(LEVEL_WARNING, "K1"), 5);
	count(LEVEL_NOTE, "K2");
}

Test(sidefile, prompts_output_and_transcripts, .fini = done)
{
	parse("**********************\r\nWindows PowerShell transcript start\r\n"
	    "Start time: 20160412101520\r\n"
	    "PS C:\\> Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S -SharedKey K1abc\r\n"
	    "\r\nError          :\r\nHttpStatusCode : OK\r\nStatus         : Successful\r\n\r\n"
	    "PS /home/me> Get-AzureVNetGatewayKey -VNetName V2 -LocalNetworkSiteName S2\r\n\r\n"
	    "Value                : K2abc\r\nOperationStatus      : Succeeded\r\n"
	    "PS> New-AzureVNetGateway \xe2\x80\x93VNetName V \xe2\x80\x93GatewayType DynamicRouting\r\n");
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 3);
	cr_assert_str_eq(sf.v[0].key, "K1abc");
	cr_assert_eq(sf.v[1].kind, SIDE_KEY);
	cr_assert_str_eq(sf.v[1].vnet, "V2");
	cr_assert_str_eq(sf.v[1].site, "S2");
	cr_assert_str_eq(sf.v[1].key, "K2abc");
	cr_assert_eq(sf.v[1].pos.line, 12);
	cr_assert_eq(sf.v[2].routing, ROUTING_DYNAMIC);
	/* the banner and the output lines are not statements */
	cr_assert_eq(d.n, 0);
}

Test(sidefile, members_splatting_prompts_and_long_values, .fini = done)
{
	struct sbuf b;
	int i;

	sbuf_init(&b);
	sbuf_adds(&b, "$e0 = 'ab'\n");
	for (i = 1; i < 40; i++)
		sbuf_printf(&b, "$e%d = \"$e%d$e%d\"\n", i, i - 1, i - 1);
	sbuf_adds(&b, "Set-AzureVNetGatewayKey V S $e39\n"
	    "foreach ($site in $sites) { Set-AzureVNetGatewayKey V $site.Name $site.Key }\n"
	    "Set-AzureVNetGatewayKey @params\n"
	    "PS Azure:\\> New-AzureVNetGateway -VNetName V -GatewayType DynamicRouting\n"
	    "[host01]: PS C:\\Users\\x> Resize-AzureVNetGateway -VNetName V -GatewaySKU Basic\n");
	/* 40 doublings stay small: a value is read up to a bound */
	parse(b.s);
	sbuf_release(&b);
	cr_assert(has_msg("$e39, which is assigned from a variable that is not a constant", 41));
	cr_assert(has_msg("the variable $site, which is used with a member or an index", 42));
	cr_assert(has_msg("splatted from the variable @params", 43));
	cr_assert_eq(count_rule(R_SIDE_FILE_VARIABLE, LEVEL_WARNING), 4);
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 2);
	cr_assert_eq(sf.v[0].routing, ROUTING_DYNAMIC);
	cr_assert_eq(sf.v[1].sku, CSKU_BASIC);
}

Test(sidefile, cmdlets_inside_blocks_and_lone_cr, .fini = done)
{
	parse("function Setup {\r  if ($true) { New-AzureVNetGateway -VNetName V -GatewayType "
	    "StaticRouting }\r}\rInvoke-Command -ScriptBlock { Resize-AzureVNetGateway -VNetName V "
	    "-GatewaySKU Standard }\r");
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 2);
	cr_assert_eq(sf.v[0].routing, ROUTING_STATIC);
	cr_assert_eq(sf.v[0].pos.line, 2);
	cr_assert_eq(sf.v[1].sku, CSKU_STANDARD);
	cr_assert_eq(sf.v[1].pos.line, 4);
}

Test(sidefile, malformed_statements, .fini = done)
{
	parse("Set-AzureVNetGatewayKey -VNetName V -SharedKey Secret77\n"
	    "Set-AzureVNetGatewayKey -V V -LocalNetworkSiteName S -SharedKey Secret77\n"
	    "New-AzureVNetGateway -VNetName V -GatewayType Sideways\n"
	    "Resize-AzureVNetGateway -VNetName V -GatewaySKU Huge\n"
	    "Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S -SharedKey Secret77 -Bogus 1\n"
	    "Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName\n");
	cr_assert(has_msg("without -LocalNetworkSiteName", 1));
	cr_assert(has_msg("this abbreviated parameter matches more than one parameter of Set-AzureVNetGatewayKey", 2));
	cr_assert(has_msg("the -GatewayType value is neither StaticRouting nor DynamicRouting", 3));
	cr_assert(has_msg("the -GatewaySKU value is not a classic gateway SKU", 4));
	cr_assert(has_msg("has no parameter of this name", 5));
	cr_assert(has_msg("-LocalNetworkSiteName of Set-AzureVNetGatewayKey has no value", 6));
	count(LEVEL_ERROR, "Secret77");
	cr_assert_eq(sf.n, 0);
}

Test(sidefile, unterminated_string_names_its_line, .fini = done)
{
	parse("New-AzureVNetGateway -VNetName A -GatewayType StaticRouting\n"
	    "Set-AzureVNetGatewayKey -VNetName 'V -LocalNetworkSiteName S -SharedKey Secret55\n");
	cr_assert(has_msg("unterminated single-quoted string", 2));
	count(LEVEL_ERROR, "Secret55");
	cr_assert_eq(sf.n, 1);
}

Test(sidefile, unterminated_block_comment_and_parenthesis, .fini = done)
{
	parse("Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S -SharedKey (Get-It\n");
	cr_assert(has_msg("unterminated parenthesis", 1));
	done();
	parse("<# never closed\nSet-AzureVNetGatewayKey -VNetName V\n");
	cr_assert(has_msg("unterminated block comment", 1));
}

Test(sidefile, nul_bytes_reported_once, .fini = done)
{
	static const char data[] = "New-AzureVNetGateway\0 -VNetName A -GatewayType DynamicRouting\n\0\0\n";

	parse_bytes(data, sizeof(data) - 1);
	cr_assert_eq(count(LEVEL_ERROR, NULL), 1);
	cr_assert(has_msg("NUL byte", 1));
	/* the statement the NUL stands in is not taken, nor anything after it */
	cr_assert_eq(sf.n, 0);
}

Test(sidefile, two_megabyte_line_is_linear_and_safe, .fini = done)
{
	size_t	 n = 2 * 1024 * 1024;
	char	*big = malloc(n + 64);

	memcpy(big, "Set-AzureVNetGatewayKey -VNetName '", 35);
	memset(big + 35, 'x', n);
	memcpy(big + 35 + n, "' -Loc S -SharedKey k\n", 22);
	parse_bytes(big, 35 + n + 22);
	free(big);
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 1);
	cr_assert_eq(strlen(sf.v[0].vnet), n);
}

Test(sidefile, utf16_with_bom_as_powershell_5_writes, .fini = done)
{
	const char	*text = "Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S -SharedKey K9\r\n";
	size_t		 n = strlen(text), i;
	char		*u = malloc(2 + 2 * n);

	u[0] = (char)0xff;
	u[1] = (char)0xfe;
	for (i = 0; i < n; i++) {
		u[2 + 2 * i] = text[i];
		u[3 + 2 * i] = 0;
	}
	parse_bytes(u, 2 + 2 * n);
	free(u);
	cr_assert_eq(count(LEVEL_ERROR, NULL), 0);
	cr_assert_eq(sf.n, 1);
	cr_assert_str_eq(sf.v[0].key, "K9");
}

Test(sidefile, backtick_followed_by_blanks, .fini = done)
{
	/* on a line netcfgc does not read it is no error; on a key line it drops the statement */
	parse("Write-Host a ` \n-Foo\n"
	    "Set-AzureVNetGatewayKey -VNetName V -LocalNetworkSiteName S ` \n-SharedKey Secret99x\n"
	    "Set-AzureVNetGatewayKey -VNetName V2 -LocalNetworkSiteName S2 -SharedKey Abc1\n");
	cr_assert_eq(count(LEVEL_ERROR, "Secret99x"), 1);
	cr_assert(has_msg("a backtick followed by blanks does not continue the line", 3));
	cr_assert_eq(sf.n, 1);
	cr_assert_str_eq(sf.v[0].vnet, "V2");
}
