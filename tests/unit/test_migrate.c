/* test_migrate.c - `netcfgc migrate` through the real binary: what the outputs say. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[256];

static void
setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "%s/netcfgc-migrate.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", tmpdir, tmpdir);
	cr_assert_eq(system(cmd), 0);
}

static const char *
bin(void)
{
	const char *b = getenv("NETCFGC");

	cr_assert_not_null(b, "NETCFGC is not set");
	return b;
}

static char *
sample(const char *name)
{
	static char path[4][512];
	static int k;
	const char *src = getenv("srcdir") ? getenv("srcdir") : ".";

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/samples/%s", src, name);
	return path[k];
}

/* Run a shell command line; stdout and stderr go to files in tmpdir. */
static int
run(const char *fmt, ...)
{
	char	 args[2048], cmd[4096];
	va_list	 ap;
	int	 st;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "'%s' %s >'%s/stdout' 2>'%s/stderr'", bin(), args, tmpdir, tmpdir);
	st = system(cmd);
	cr_assert(WIFEXITED(st), "netcfgc did not exit normally: %s", cmd);
	return WEXITSTATUS(st);
}

static char *
slurp(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

static json_t *
load(const char *rel)
{
	char		 path[600];
	json_error_t	 e;
	json_t		*j;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	j = json_load_file(path, 0, &e);
	cr_assert_not_null(j, "%s: %s", path, e.text);
	return j;
}

/* Every resource of a template, nested deployments included, into out. */
static void
collect(json_t *tmpl, json_t *out)
{
	size_t	 i;
	json_t	*r;

	json_array_foreach(json_object_get(tmpl, "resources"), i, r) {
		json_array_append(out, r);
		if (strcmp(json_string_value(json_object_get(r, "type")), "Microsoft.Resources/deployments") == 0)
			collect(json_object_get(json_object_get(r, "properties"), "template"), out);
	}
}

static json_t *
resources(json_t *tmpl)
{
	json_t *out = json_array();

	collect(tmpl, out);
	return out;
}

static json_t *
find(json_t *all, const char *type, const char *name)
{
	size_t	 i;
	json_t	*r;

	json_array_foreach(all, i, r)
		if (strcmp(json_string_value(json_object_get(r, "type")), type) == 0 &&
		    strcmp(json_string_value(json_object_get(r, "name")), name) == 0)
			return r;
	return NULL;
}

static size_t
count_type(json_t *all, const char *type)
{
	size_t	 i, n = 0;
	json_t	*r;

	json_array_foreach(all, i, r)
		if (strcmp(json_string_value(json_object_get(r, "type")), type) == 0)
			n++;
	return n;
}

static const char *
path_str(json_t *o, const char *a, const char *b, const char *c)
{
	json_t *v = json_object_get(o, a);

	if (b != NULL)
		v = json_object_get(v, b);
	if (c != NULL)
		v = json_object_get(v, c);
	return json_string_value(v);
}

#define NET "Microsoft.Network/"

Test(migrate, seed_example_gets_the_resource_manager_names, .init = setup, .fini = teardown)
{
	json_t	*t, *all, *c1, *c4, *gw, *vn, *p, *rg;
	char	*params, *plan, *runbook;

	cr_assert_eq(run("migrate -q -k '%s' -o '%s' '%s'", sample("vnet2vnet-classic.keys.ps1"),
	    tmpdir, sample("vnet2vnet-classic.xml")), 0);
	t = load("vnet2vnet-classic/azuredeploy.json");
	all = resources(t);
	rg = find(all, "Microsoft.Resources/resourceGroups", "ClassicRG");
	cr_assert_not_null(rg, "resource group ClassicRG");
	cr_assert_str_eq(json_string_value(json_object_get(rg, "location")), "eastus");
	cr_assert_eq(count_type(all, "Microsoft.Resources/resourceGroups"), 1);
	cr_assert_eq(count_type(all, NET "localNetworkGateways"), 0, "VNet-to-VNet needs no LNG");
	cr_assert_eq(count_type(all, NET "connections"), 2);

	vn = find(all, NET "virtualNetworks", "TestVNet1");
	cr_assert_not_null(vn);
	cr_assert_str_eq(json_string_value(json_object_get(vn, "location")), "eastus");
	p = json_object_get(json_object_get(json_object_get(vn, "properties"), "addressSpace"), "addressPrefixes");
	cr_assert_eq(json_array_size(p), 2, "both prefixes kept");
	cr_assert_str_eq(json_string_value(json_array_get(p, 0)), "10.11.0.0/16");
	cr_assert_str_eq(json_string_value(json_array_get(p, 1)), "10.12.0.0/16");
	p = json_object_get(json_object_get(vn, "properties"), "subnets");
	cr_assert_str_eq(path_str(json_array_get(p, 1), "name", NULL, NULL), "GatewaySubnet");
	cr_assert_str_eq(path_str(json_array_get(p, 1), "properties", "addressPrefix", NULL), "10.11.1.0/27");
	cr_assert_not_null(find(all, NET "virtualNetworks", "TestVNet4"));
	cr_assert_str_eq(json_string_value(json_object_get(find(all, NET "virtualNetworks", "TestVNet4"),
	    "location")), "westus");
	cr_assert_not_null(find(all, NET "publicIPAddresses", "TestVNet1GWIP"));
	cr_assert_not_null(find(all, NET "publicIPAddresses", "TestVNet4GWIP"));
	gw = find(all, NET "virtualNetworkGateways", "TestVNet1GW");
	cr_assert_not_null(gw);
	cr_assert_str_eq(path_str(gw, "properties", "vpnType", NULL), "RouteBased");
	cr_assert_str_eq(path_str(gw, "properties", "sku", "name"), "VpnGw1AZ");
	cr_assert_str_eq(path_str(gw, "properties", "gatewayType", NULL), "Vpn");
	cr_assert_str_eq(path_str(json_array_get(json_object_get(json_object_get(gw, "properties"),
	    "ipConfigurations"), 0), "properties", "subnet", "id"),
	    "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'TestVNet1', 'GatewaySubnet')]");
	cr_assert_not_null(find(all, NET "virtualNetworkGateways", "TestVNet4GW"));

	c1 = find(all, NET "connections", "TestVNet1toTestVNet4");
	c4 = find(all, NET "connections", "TestVNet4toTestVNet1");
	cr_assert_not_null(c1);
	cr_assert_not_null(c4);
	cr_assert_str_eq(path_str(c1, "properties", "connectionType", NULL), "Vnet2Vnet");
	cr_assert_str_eq(path_str(c1, "properties", "virtualNetworkGateway1", "id"),
	    "[resourceId('Microsoft.Network/virtualNetworkGateways', 'TestVNet1GW')]");
	cr_assert_str_eq(path_str(c1, "properties", "virtualNetworkGateway2", "id"),
	    "[resourceId('Microsoft.Network/virtualNetworkGateways', 'TestVNet4GW')]");
	cr_assert_str_eq(path_str(c4, "properties", "virtualNetworkGateway1", "id"),
	    "[resourceId('Microsoft.Network/virtualNetworkGateways', 'TestVNet4GW')]");
	cr_assert_str_eq(path_str(c1, "properties", "sharedKey", NULL),
	    path_str(c4, "properties", "sharedKey", NULL), "one key parameter for the pair");
	cr_assert_eq(json_array_size(json_object_get(c1, "dependsOn")), 2);
	cr_assert_str_eq(path_str(json_object_get(t, "parameters"), "sharedKeyTestVNet1toTestVNet4",
	    "type", NULL), "securestring");

	params = slurp(strcat(strcpy((char[600]){0}, tmpdir), "/vnet2vnet-classic/azuredeploy.parameters.json"));
	plan = slurp(strcat(strcpy((char[600]){0}, tmpdir), "/vnet2vnet-classic/plan.json"));
	runbook = slurp(strcat(strcpy((char[600]){0}, tmpdir), "/vnet2vnet-classic/runbook.md"));
	cr_assert_not_null(strstr(params, "\"sharedKeyTestVNet1toTestVNet4\": {\n      \"value\": \"A1b2C3D4\""));
	cr_assert_null(strstr(plan, "A1b2C3D4"));
	cr_assert_null(strstr(runbook, "A1b2C3D4"));
	cr_assert_not_null(strstr(runbook, "up to 45 minutes"));
	cr_assert_not_null(strstr(runbook, "az deployment sub create"));
	free(params);
	free(plan);
	free(runbook);
	json_decref(all);
	json_decref(t);
}

Test(migrate, plan_has_the_spec_shape, .init = setup, .fini = teardown)
{
	json_t		*p, *m, *e, *steps;
	size_t		 i;
	bool		 seen_vnet = false;

	cr_assert_eq(run("migrate -q -k '%s' -o '%s' '%s'", sample("vnet2vnet-classic.keys.ps1"),
	    tmpdir, sample("vnet2vnet-classic.xml")), 0);
	p = load("vnet2vnet-classic/plan.json");
	cr_assert_eq(json_integer_value(json_object_get(p, "netcfgcPlan")), 1);
	cr_assert_str_eq(path_str(p, "generator", "name", NULL), "netcfgc");
	cr_assert_eq(strlen(path_str(p, "source", "sha256", NULL)), 64);
	cr_assert(json_is_object(json_object_get(p, "summary")));
	cr_assert(json_is_array(json_object_get(p, "diagnostics")));
	cr_assert(json_is_object(json_object_get(p, "template")));
	cr_assert(json_is_object(json_object_get(p, "parameters")));
	cr_assert_eq(json_object_size(json_object_get(json_object_get(p, "parameters"), "parameters")), 0,
	    "the plan's parameters hold no key values");
	m = json_object_get(p, "mapping");
	json_array_foreach(m, i, e) {
		if (strcmp(path_str(e, "classic", "name", NULL), "Group ClassicRG TestVNet1") == 0 &&
		    strcmp(path_str(e, "classic", "kind", NULL), "VirtualNetworkSite") == 0) {
			seen_vnet = true;
			cr_assert_eq(json_integer_value(json_object_get(json_object_get(e, "classic"), "line")), 22);
			cr_assert_str_eq(path_str(json_array_get(json_object_get(e, "arm"), 0), "name", NULL, NULL),
			    "TestVNet1");
			cr_assert_str_eq(path_str(json_array_get(json_object_get(e, "arm"), 0), "resourceGroup",
			    NULL, NULL), "ClassicRG");
		}
	}
	cr_assert(seen_vnet);
	steps = json_object_get(p, "steps");
	cr_assert_gt(json_array_size(steps), 3);
	json_array_foreach(steps, i, e) {
		cr_assert_eq(json_integer_value(json_object_get(e, "order")), (json_int_t)i + 1);
		cr_assert(json_is_boolean(json_object_get(e, "manual")));
		cr_assert(json_is_array(json_object_get(e, "resources")));
	}
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(json_object_get(p, "summary"),
	    "classic"), "vnetToVnetPairs")), 1);
	json_decref(p);
}

Test(migrate, multi_site_keeps_sites_dns_order_and_sku, .init = setup, .fini = teardown)
{
	json_t	*t, *all, *l, *c, *dns, *vn, *gw;

	cr_assert_eq(run("migrate -q -k '%s' -o '%s' '%s'", sample("multi-site.keys.ps1"), tmpdir,
	    sample("multi-site.xml")), 0);
	t = load("multi-site/azuredeploy.json");
	all = resources(t);
	cr_assert_eq(count_type(all, NET "localNetworkGateways"), 3);
	l = find(all, NET "localNetworkGateways", "8A3F11C2_Branch-London");
	cr_assert_not_null(l);
	cr_assert_str_eq(path_str(l, "properties", "gatewayIpAddress", NULL), "81.2.69.142");
	cr_assert_eq(json_array_size(json_object_get(json_object_get(json_object_get(l, "properties"),
	    "localNetworkAddressSpace"), "addressPrefixes")), 2);
	c = find(all, NET "connections", "HubVNettoHQ-Rotterdam");
	cr_assert_not_null(c);
	cr_assert_str_eq(path_str(c, "properties", "connectionType", NULL), "IPsec");
	cr_assert_str_eq(path_str(c, "properties", "localNetworkGateway2", "id"),
	    "[resourceId('Microsoft.Network/localNetworkGateways', 'HQ-Rotterdam')]");
	vn = find(all, NET "virtualNetworks", "HubVNet");
	dns = json_object_get(json_object_get(json_object_get(vn, "properties"), "dhcpOptions"), "dnsServers");
	cr_assert_eq(json_array_size(dns), 3);
	cr_assert_str_eq(json_string_value(json_array_get(dns, 0)), "10.20.1.4");
	cr_assert_str_eq(json_string_value(json_array_get(dns, 1)), "10.20.1.5");
	cr_assert_str_eq(json_string_value(json_array_get(dns, 2)), "172.16.0.10");
	gw = find(all, NET "virtualNetworkGateways", "HubVNetGW");
	cr_assert_str_eq(path_str(gw, "properties", "sku", "name"), "VpnGw2AZ", "HighPerformance");
	cr_assert_null(find(all, NET "virtualNetworkGateways", "ReportingGW"), "no gateway element, no gateway");
	cr_assert_eq(json_object_size(json_object_get(t, "parameters")), 3, "one key per site");
	json_decref(all);
	json_decref(t);
}

Test(migrate, point_to_site_pool_on_basic, .init = setup, .fini = teardown)
{
	json_t *t, *all, *gw, *vc;

	cr_assert_eq(run("migrate -q -k '%s' -o '%s' '%s'", sample("point-to-site.keys.ps1"), tmpdir,
	    sample("point-to-site.xml")), 0);
	t = load("point-to-site/azuredeploy.json");
	all = resources(t);
	gw = find(all, NET "virtualNetworkGateways", "RemoteAccessVNetGW");
	cr_assert_not_null(gw);
	cr_assert_str_eq(path_str(gw, "properties", "sku", "name"), "Basic", "Default becomes Basic");
	vc = json_object_get(json_object_get(gw, "properties"), "vpnClientConfiguration");
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(json_object_get(vc,
	    "vpnClientAddressPool"), "addressPrefixes"), 0)), "172.16.201.0/24");
	cr_assert_eq(json_array_size(json_object_get(vc, "vpnClientProtocols")), 1, "Basic: SSTP only");
	cr_assert_not_null(find(all, "Microsoft.Resources/resourceGroups", "RemoteAccessVNet-Migrated"));
	cr_assert_eq(count_type(all, NET "connections"), 0);
	json_decref(all);
	json_decref(t);
}

Test(migrate, affinity_group_static_gateway, .init = setup, .fini = teardown)
{
	json_t *t, *all, *gw;

	cr_assert_eq(run("migrate -q --affinity-group EU-North-AG=northeurope -k '%s' -o '%s' '%s'",
	    sample("affinity-group.keys.ps1"), tmpdir, sample("affinity-group.xml")), 0);
	t = load("affinity-group/azuredeploy.json");
	all = resources(t);
	gw = find(all, NET "virtualNetworkGateways", "LegacyVNetGW");
	cr_assert_str_eq(path_str(gw, "properties", "vpnType", NULL), "PolicyBased");
	cr_assert_str_eq(path_str(gw, "properties", "sku", "name"), "Basic");
	cr_assert_str_eq(json_string_value(json_object_get(gw, "location")), "northeurope");
	cr_assert_not_null(find(all, NET "connections", "LegacyVNettoDatacenter"),
	    "a reference without Connection is an IPsec tunnel");
	json_decref(all);
	json_decref(t);
}

Test(migrate, cross_group_pairs_order_through_link_deployments, .init = setup, .fini = teardown)
{
	json_t	*t, *res, *d, *dep;
	size_t	 i;
	int	 links = 0;

	cr_assert_eq(run("migrate -q -k '%s' -o '%s' '%s'", sample("cross-group.keys.ps1"), tmpdir,
	    sample("cross-group.xml")), 0);
	t = load("cross-group/azuredeploy.json");
	res = json_object_get(t, "resources");
	json_array_foreach(res, i, d) {
		const char *name = json_string_value(json_object_get(d, "name"));

		if (strstr(name, "-links") == NULL)
			continue;
		links++;
		dep = json_object_get(d, "dependsOn");
		cr_assert_eq(json_array_size(dep), 3, "%s: group, own and peer deployment", name);
	}
	cr_assert_eq(links, 2);
	json_decref(t);
}

/* Azure compares group names case-insensitively: one group, one deployment. */
Test(migrate, group_names_differing_in_case_are_one_group, .init = setup, .fini = teardown)
{
	char		 cmd[2048];
	const char	*name;
	json_t		*t, *res;

	snprintf(cmd, sizeof(cmd), "sed 's/Group ClassicRG TestVNet4/Group classicrg TestVNet4/' '%s' "
	    ">'%s/case.xml' && sed 's/Group ClassicRG TestVNet4/Group classicrg TestVNet4/' '%s' "
	    ">'%s/case.ps1'", sample("vnet2vnet-classic.xml"), tmpdir,
	    sample("vnet2vnet-classic.keys.ps1"), tmpdir);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(run("migrate -q -k '%s/case.ps1' -o '%s' '%s/case.xml'", tmpdir, tmpdir, tmpdir), 0);
	t = load("case/azuredeploy.json");
	res = json_object_get(t, "resources");
	cr_assert_eq(json_array_size(res), 2, "one resource group and one deployment, no links");
	name = path_str(json_array_get(res, 1), "name", NULL, NULL);
	/* "<input name>-<8 hex digits of its SHA-256>-<group>" */
	cr_assert(strncmp(name, "case-", 5) == 0 && strlen(name) == 5 + 8 + 10 &&
	    strcmp(name + 13, "-ClassicRG") == 0, "nested deployment named '%s'", name);
	json_decref(t);
}

Test(migrate, resource_group_option_gives_group_scope_template, .init = setup, .fini = teardown)
{
	json_t *t;

	cr_assert_eq(run("migrate -q --resource-group NetRG -k '%s' -o '%s' '%s'",
	    sample("vnet2vnet-classic.keys.ps1"), tmpdir, sample("vnet2vnet-classic.xml")), 0);
	t = load("vnet2vnet-classic/azuredeploy.json");
	cr_assert_str_eq(json_string_value(json_object_get(t, "$schema")),
	    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#");
	cr_assert_eq(json_array_size(json_object_get(t, "resources")), 8,
	    "two VNets, two IPs, two gateways, two connections, no nesting");
	json_decref(t);
}

Test(migrate, gateway_sku_override, .init = setup, .fini = teardown)
{
	json_t *t, *all;

	cr_assert_eq(run("migrate -q --gateway-sku Standard=VpnGw2AZ -k '%s' -o '%s' '%s'",
	    sample("vnet2vnet-classic.keys.ps1"), tmpdir, sample("vnet2vnet-classic.xml")), 0);
	t = load("vnet2vnet-classic/azuredeploy.json");
	all = resources(t);
	cr_assert_str_eq(path_str(find(all, NET "virtualNetworkGateways", "TestVNet4GW"), "properties",
	    "sku", "name"), "VpnGw2AZ");
	json_decref(all);
	json_decref(t);
	cr_assert_eq(run("migrate --gateway-sku Standard=VpnGw9 '%s'", sample("vnet2vnet-classic.xml")), 2);
}

Test(migrate, plan_on_stdout_without_keys, .init = setup, .fini = teardown)
{
	char	 path[600];
	char	*out;

	cr_assert_eq(run("migrate -q -k '%s' '%s'", sample("vnet2vnet-classic.keys.ps1"),
	    sample("vnet2vnet-classic.xml")), 0);
	snprintf(path, sizeof(path), "%s/stdout", tmpdir);
	out = slurp(path);
	cr_assert_not_null(strstr(out, "\"netcfgcPlan\": 1"));
	cr_assert_null(strstr(out, "A1b2C3D4"));
	free(out);
}

Test(migrate, errors_write_nothing, .init = setup, .fini = teardown)
{
	char		 path[600];
	struct stat	 st;
	const char	*src = getenv("srcdir") ? getenv("srcdir") : ".";

	cr_assert_eq(run("migrate -q -o '%s/out' '%s/tests/cases/subnet-overlap/overlap.xml'", tmpdir, src), 1);
	snprintf(path, sizeof(path), "%s/out", tmpdir);
	cr_assert_neq(stat(path, &st), 0, "no output directory for a file with errors");
}

Test(migrate, output_path_is_a_file, .init = setup, .fini = teardown)
{
	char	 path[600];
	FILE	*fp;
	char	*err;

	snprintf(path, sizeof(path), "%s/plainfile", tmpdir);
	fp = fopen(path, "w");
	fclose(fp);
	cr_assert_eq(run("migrate -q -o '%s' '%s'", path, sample("point-to-site.xml")), 4);
	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	err = slurp(path);
	cr_assert_not_null(strstr(err, "netcfgc: error: cannot"), "%s", err);
	free(err);
}

/* A full disk, simulated with a file-size limit: exit 4, the earlier outputs intact, no temporaries. */
Test(migrate, disk_full_keeps_previous_outputs, .init = setup, .fini = teardown)
{
	char	 dir[600], path[700], cmd[2048];
	char	*before, *after;
	int	 st;

	cr_assert_eq(run("migrate -q -k '%s' -o '%s' '%s'", sample("multi-site.keys.ps1"), tmpdir,
	    sample("multi-site.xml")), 0);
	snprintf(dir, sizeof(dir), "%s/multi-site", tmpdir);
	snprintf(path, sizeof(path), "%s/plan.json", dir);
	before = slurp(path);
	/* a different input, so every file would change; 8 KiB cannot hold the plan */
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s/multi-site.xml' && sed -i 's/HQ-Rotterdam/HQ-Delft/g' "
	    "'%s/multi-site.xml' && (trap '' XFSZ; ulimit -f 8; exec '%s' migrate -q -o '%s' '%s/multi-site.xml')"
	    " 2>'%s/stderr'", sample("multi-site.xml"), tmpdir, tmpdir, bin(), tmpdir, tmpdir, tmpdir);
	st = system(cmd);
	cr_assert(WIFEXITED(st));
	cr_assert_eq(WEXITSTATUS(st), 4);
	after = slurp(path);
	cr_assert_str_eq(before, after, "plan.json changed after a failed write");
	snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A '%s' | grep -v -x -e azuredeploy.json "
	    "-e azuredeploy.parameters.json -e plan.json -e runbook.md)\"", dir);
	cr_assert_eq(system(cmd), 0, "temporary files left in %s", dir);
	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	free(before);
	before = slurp(path);
	cr_assert_not_null(strstr(before, "netcfgc: error: cannot write"), "%s", before);
	free(before);
	free(after);
}

/*
 * An export large enough that every output is written in many pieces and
 * the input's digest is made beside the compilation: 700 VNets, each
 * naming DNS server DC01 twice.
 */
Test(migrate, large_export_gives_consistent_outputs, .init = setup, .fini = teardown)
{
	enum { N = 700 };
	char		 path[700], cmd[2048], want[65];
	FILE		*fp;
	json_t		*plan, *tmpl, *e, *vnets = NULL, *dns = NULL;
	char		*a, *b;
	size_t		 i;
	int		 v;

	snprintf(path, sizeof(path), "%s/big.xml", tmpdir);
	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<NetworkConfiguration xmlns="
	    "\"http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration\">\n"
	    "  <VirtualNetworkConfiguration>\n    <Dns><DnsServers>\n"
	    "      <DnsServer name=\"DC01\" IPAddress=\"10.0.0.4\" />\n"
	    "      <DnsServer name=\"DC02\" IPAddress=\"10.0.0.5\" />\n"
	    "    </DnsServers></Dns>\n    <VirtualNetworkSites>\n", fp);
	for (v = 0; v < N; v++)
		fprintf(fp, "      <VirtualNetworkSite name=\"Group BigRG Net%d\" Location=\"West Europe\">\n"
		    "        <AddressSpace><AddressPrefix>10.%d.%d.0/24</AddressPrefix></AddressSpace>\n"
		    "        <Subnets>\n"
		    "          <Subnet name=\"Front\"><AddressPrefix>10.%d.%d.0/25</AddressPrefix></Subnet>\n"
		    "          <Subnet name=\"Back\"><AddressPrefix>10.%d.%d.128/25</AddressPrefix></Subnet>\n"
		    "        </Subnets>\n"
		    "        <DnsServersRef><DnsServerRef name=\"DC01\" /><DnsServerRef name=\"DC02\" />"
		    "<DnsServerRef name=\"DC01\" /></DnsServersRef>\n"
		    "      </VirtualNetworkSite>\n", v, 1 + v / 256, v % 256, 1 + v / 256, v % 256,
		    1 + v / 256, v % 256);
	fputs("    </VirtualNetworkSites>\n  </VirtualNetworkConfiguration>\n</NetworkConfiguration>\n", fp);
	cr_assert_eq(fclose(fp), 0);

	cr_assert_eq(run("migrate -q -o '%s' '%s'", tmpdir, path), 0);
	cr_assert_eq(run("migrate -q '%s'", path), 0);
	snprintf(path, sizeof(path), "%s/big/plan.json", tmpdir);
	a = slurp(path);
	snprintf(path, sizeof(path), "%s/stdout", tmpdir);
	b = slurp(path);
	cr_assert_not_null(a);
	cr_assert(strlen(a) > 1024 * 1024, "the plan is written in many pieces");
	cr_assert_str_eq(a, b, "the plan on standard output differs from plan.json");
	free(a);
	free(b);

	plan = load("big/plan.json");
	tmpl = load("big/azuredeploy.json");
	cr_assert(json_equal(json_object_get(plan, "template"), tmpl),
	    "the plan's template is not azuredeploy.json");

	/* the digest against sha256sum's */
	snprintf(cmd, sizeof(cmd), "sha256sum '%s/big.xml' | cut -c1-64 >'%s/sum'", tmpdir, tmpdir);
	cr_assert_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/sum", tmpdir);
	a = slurp(path);
	snprintf(want, sizeof(want), "%.64s", a);
	free(a);
	cr_assert_str_eq(path_str(plan, "source", "sha256", NULL), want);

	json_array_foreach(json_object_get(plan, "mapping"), i, e)
		if (strcmp(path_str(e, "classic", "kind", NULL), "DnsServer") == 0 &&
		    strcmp(path_str(e, "classic", "name", NULL), "DC01") == 0)
			dns = json_object_get(e, "arm");
	cr_assert_not_null(dns);
	cr_assert_eq(json_array_size(dns), N, "each VNet once, though it names DC01 twice: %zu",
	    json_array_size(dns));
	cr_assert_str_eq(path_str(json_array_get(dns, N - 1), "name", NULL, NULL), "Net699");
	json_array_foreach(json_object_get(plan, "steps"), i, e)
		if (strncmp(path_str(e, "title", NULL, NULL), "Create the virtual networks", 27) == 0)
			vnets = json_object_get(e, "resources");
	cr_assert_eq(json_array_size(vnets), N);

	snprintf(path, sizeof(path), "%s/big/runbook.md", tmpdir);
	a = slurp(path);
	cr_assert_not_null(strstr(a, "700 resources (listed in plan.json).\n"),
	    "a step of more than 50 resources lists them in plan.json only");
	cr_assert_not_null(strstr(a, "| DnsServer | DC01 | 5 | `Microsoft.Network/virtualNetworks` | "
	    "BigRG | Net0 | 10.0.0.4 becomes"), "the first row of an entry carries its note");
	cr_assert_not_null(strstr(a, "| DnsServer | DC01 | 5 | `Microsoft.Network/virtualNetworks` | "
	    "BigRG | Net1 |  |\n"), "the later rows of an entry do not");
	free(a);
	json_decref(tmpl);
	json_decref(plan);
}
