/* test_deploy.c - what ARM would refuse (issue 14), through the real binary: template
 * limits and splitting, names, resource groups, deploy commands, certificates. */
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

/* Write text to tmpdir/name. */
static void
put(const char *name, const char *text)
{
	char	 path[600];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	cr_assert_not_null(fp = fopen(path, "wb"));
	cr_assert_eq(fwrite(text, 1, strlen(text), fp), strlen(text));
	cr_assert_eq(fclose(fp), 0);
}

static int
sh(const char *fmt, ...)
{
	char	 cmd[4096];
	va_list	 ap;
	int	 st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The last quoted argument of a "[resourceId(..., 'name')]" string. */
static void
rid_name(const char *id, char *out, size_t n)
{
	const char *e = strrchr(id, '\''), *b;

	cr_assert_not_null(e, "not a resourceId: %s", id);
	for (b = e - 1; b > id && *b != '\''; b--)
		continue;
	snprintf(out, n, "%.*s", (int)(e - b - 1), b + 1);
}

#define HEADER "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<NetworkConfiguration " \
	"xmlns=\"http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration\">" \
	"<VirtualNetworkConfiguration>"
#define FOOTER "</VirtualNetworkConfiguration></NetworkConfiguration>\n"

Test(deploy, a_large_export_is_split_into_templates_within_arm_limits, .init = setup,
    .fini = teardown, .timeout = 300)
{
	const char	*src = getenv("srcdir") ? getenv("srcdir") : ".";
	json_t		*plan, *deps, *d, *gwfile = json_object();
	size_t		 i, n, j, k;

	cr_assert_eq(sh("awk -v n=300 -v xml='%s/ring.xml' -v keys='%s/ring.ps1' -f '%s/tests/ring.awk'",
	    tmpdir, tmpdir, src), 0);
	cr_assert_eq(run("migrate -q -k '%s/ring.ps1' -o '%s' '%s/ring.xml'", tmpdir, tmpdir, tmpdir), 0);
	plan = load("ring/plan.json");
	deps = json_object_get(plan, "deployments");
	n = json_array_size(deps);
	cr_assert_geq(n, 2, "900 key parameters do not fit one template");
	cr_assert_eq(json_array_size(json_object_get(plan, "templates")), n);
	cr_assert_eq(json_array_size(json_object_get(plan, "parametersFiles")), n);
	json_array_foreach(deps, i, d) {
		char		 want[64], *text;
		json_t		*t, *p, *r, *all;
		size_t		 nres;

		snprintf(want, sizeof(want), "azuredeploy-%02zu.json", i + 1);
		cr_assert_eq(json_integer_value(json_object_get(d, "order")), (json_int_t)i + 1);
		cr_assert_str_eq(path_str(d, "template", NULL, NULL), want);
		snprintf(want, sizeof(want), "ring/azuredeploy-%02zu.json", i + 1);
		t = load(want);
		snprintf(want, sizeof(want), "ring/azuredeploy-%02zu.parameters.json", i + 1);
		p = load(want);
		/* ARM's template limits (arm-deploy-rules.md) */
		cr_assert_leq(json_object_size(json_object_get(t, "parameters")), 256);
		cr_assert_leq(json_object_size(json_object_get(t, "outputs")), 64);
		cr_assert_leq(json_array_size(json_object_get(t, "resources")), 800);
		text = json_dumps(t, JSON_COMPACT);
		cr_assert_lt(strlen(text), 4u << 20, "template %zu: %zu bytes", i + 1, strlen(text));
		free(text);
		/* every declared key has its value in the template's own parameters file */
		cr_assert_eq(json_object_size(json_object_get(p, "parameters")),
		    json_object_size(json_object_get(t, "parameters")));
		json_array_foreach(json_object_get(t, "resources"), j, r) {
			json_t *inner = json_object_get(json_object_get(r, "properties"), "template");

			if (inner == NULL)
				continue;
			cr_assert_leq(json_array_size(json_object_get(inner, "resources")), 800);
			cr_assert_leq(json_object_size(json_object_get(inner, "parameters")), 256);
			text = json_dumps(r, JSON_COMPACT);
			cr_assert_lt(strlen(text), 1u << 20, "a nested deployment over 1 MB");
			free(text);
		}
		/* a connection's gateways exist by the time its template is deployed */
		all = resources(t);
		nres = json_array_size(all);
		for (k = 0; k < nres; k++) {
			r = json_array_get(all, k);
			if (strcmp(path_str(r, "type", NULL, NULL), NET "virtualNetworkGateways") == 0)
				json_object_set_new(gwfile, path_str(r, "name", NULL, NULL),
				    json_integer((json_int_t)i));
		}
		for (k = 0; k < nres; k++) {
			const char	*ends[2] = { "virtualNetworkGateway1", "virtualNetworkGateway2" };
			char		 name[128];
			int		 e;

			r = json_array_get(all, k);
			if (strcmp(path_str(r, "type", NULL, NULL), NET "connections") != 0 ||
			    strcmp(path_str(r, "properties", "connectionType", NULL), "Vnet2Vnet") != 0)
				continue;
			for (e = 0; e < 2; e++) {
				json_t *f;

				rid_name(path_str(r, "properties", ends[e], "id"), name, sizeof(name));
				f = json_object_get(gwfile, name);
				cr_assert_not_null(f, "%s: gateway %s is not created before",
				    path_str(r, "name", NULL, NULL), name);
				cr_assert_leq(json_integer_value(f), (json_int_t)i);
			}
		}
		json_decref(all);
		json_decref(t);
		json_decref(p);
	}
	cr_assert_eq(json_object_size(gwfile), 300, "every gateway, once");
	json_decref(gwfile);
	json_decref(plan);
	/* the runbook deploys them in order, each under its own name, and is shell */
	cr_assert_eq(sh("grep -c '^az deployment sub create --name netcfgc-ring-[0-9a-f]\\{8\\}-0[0-9] ' "
	    "'%s/ring/runbook.md' | grep -qx %zu", tmpdir, n), 0);
	cr_assert_eq(sh("awk '/^```sh$/ { s = 1; next } /^```$/ { s = 0 } s' '%s/ring/runbook.md' "
	    ">'%s/cmds.sh' && bash -n '%s/cmds.sh'", tmpdir, tmpdir, tmpdir), 0);
}

Test(deploy, the_seed_example_lands_in_the_resource_manager_groups, .init = setup, .fini = teardown)
{
	json_t *t, *all, *d;
	size_t	i;

	cr_assert_eq(run("migrate -q -k '%s' --resource-group-for TestVNet1=TestRG1 "
	    "--resource-group-for TestVNet4=TestRG4 -o '%s' '%s'", sample("vnet2vnet-classic.keys.ps1"),
	    tmpdir, sample("vnet2vnet-classic.xml")), 0);
	t = load("vnet2vnet-classic/azuredeploy.json");
	all = resources(t);
	cr_assert_not_null(find(all, "Microsoft.Resources/resourceGroups", "TestRG1"));
	cr_assert_not_null(find(all, "Microsoft.Resources/resourceGroups", "TestRG4"));
	cr_assert_eq(count_type(all, "Microsoft.Resources/resourceGroups"), 2);
	json_array_foreach(json_object_get(t, "resources"), i, d) {
		const char *rg = json_string_value(json_object_get(d, "resourceGroup"));
		json_t *inner = json_object_get(json_object_get(d, "properties"), "template"), *x;
		size_t k;

		if (inner == NULL)
			continue;
		json_array_foreach(json_object_get(inner, "resources"), k, x) {
			const char *name = path_str(x, "name", NULL, NULL);

			cr_assert_str_eq(rg, strstr(name, "TestVNet1") == name ? "TestRG1" : "TestRG4",
			    "%s in %s", name, rg);
		}
	}
	for (i = 0; i < 2; i++) {
		const char *v = i ? "TestVNet4" : "TestVNet1", *o = i ? "TestVNet1" : "TestVNet4";
		char n[64];

		cr_assert_not_null(find(all, NET "virtualNetworks", v));
		snprintf(n, sizeof(n), "%sGW", v);
		cr_assert_not_null(find(all, NET "virtualNetworkGateways", n));
		snprintf(n, sizeof(n), "%sGWIP", v);
		cr_assert_not_null(find(all, NET "publicIPAddresses", n));
		snprintf(n, sizeof(n), "%sto%s", v, o);
		cr_assert_not_null(find(all, NET "connections", n));
	}
	json_decref(all);
	json_decref(t);
	/* a name the file does not define is said, not ignored */
	cr_assert_eq(run("check -q -k '%s' --resource-group-for TestVNet9=TestRG9 '%s'",
	    sample("vnet2vnet-classic.keys.ps1"), sample("vnet2vnet-classic.xml")), 1);
	cr_assert_eq(sh("grep -q \"error: --resource-group-for names VNet 'TestVNet9', which this "
	    "file does not define\" '%s/stderr'", tmpdir), 0);
	cr_assert_eq(run("check -q --resource-group-for TestVNet1=bad/name '%s'",
	    sample("vnet2vnet-classic.xml")), 2);
	cr_assert_eq(run("check -q --resource-group RG --resource-group-for TestVNet1=TestRG1 '%s'",
	    sample("vnet2vnet-classic.xml")), 2);
}

/* A VNet with a gateway, tunnels to the sites named in refs ("<LocalNetworkSiteRef ...>"). */
static void
vnet_xml(char *b, size_t n, const char *name, int net, const char *refs)
{
	snprintf(b, n, "<VirtualNetworkSite name=\"%s\" Location=\"East US\"><AddressSpace>"
	    "<AddressPrefix>10.%d.0.0/16</AddressPrefix></AddressSpace><Subnets><Subnet "
	    "name=\"GatewaySubnet\"><AddressPrefix>10.%d.255.0/27</AddressPrefix></Subnet></Subnets>"
	    "<Gateway><ConnectionsToLocalNetwork>%s</ConnectionsToLocalNetwork></Gateway>"
	    "</VirtualNetworkSite>", name, net, net, refs);
}

Test(deploy, derived_names_never_collide, .init = setup, .fini = teardown)
{
	char	 v64[65], s1[81], s2[81], rg[60], refs[512], vx[1024], vy[1024], doc[8192];
	json_t	*t, *all, *r;
	size_t	 i, nconn = 0;
	const char *first = NULL;

	memset(v64, 'V', 64);
	v64[64] = '\0';
	memset(s1, 'S', 80);
	s1[80] = '\0';
	memcpy(s2, s1, sizeof(s2));
	s2[79] = 'T';
	memset(rg, 'R', 56);
	rg[56] = '\0';
	snprintf(refs, sizeof(refs), "<LocalNetworkSiteRef name=\"%s\"><Connection type=\"IPsec\"/>"
	    "</LocalNetworkSiteRef><LocalNetworkSiteRef name=\"%s\"><Connection type=\"IPsec\"/>"
	    "</LocalNetworkSiteRef>", s1, s2);
	vnet_xml(vx, sizeof(vx), v64, 1, refs);
	/* a resource group of 56 characters whose VNet connects to one in another group */
	snprintf(refs, sizeof(refs), "<LocalNetworkSiteRef name=\"Mirror%s\"><Connection "
	    "type=\"IPsec\"/></LocalNetworkSiteRef>", "A");
	{
		char name[128];

		snprintf(name, sizeof(name), "Group %s YY", rg);
		vnet_xml(vy, sizeof(vy), name, 2, refs);
	}
	snprintf(doc, sizeof(doc), HEADER "<LocalNetworkSites>"
	    "<LocalNetworkSite name=\"%s\"><AddressSpace><AddressPrefix>172.16.1.0/24</AddressPrefix>"
	    "</AddressSpace><VPNGatewayAddress>131.107.1.1</VPNGatewayAddress></LocalNetworkSite>"
	    "<LocalNetworkSite name=\"%s\"><AddressSpace><AddressPrefix>172.16.2.0/24</AddressPrefix>"
	    "</AddressSpace><VPNGatewayAddress>131.107.1.2</VPNGatewayAddress></LocalNetworkSite>"
	    "<LocalNetworkSite name=\"MirrorA\"><AddressSpace><AddressPrefix>10.1.0.0/16</AddressPrefix>"
	    "</AddressSpace><VPNGatewayAddress>131.107.1.3</VPNGatewayAddress></LocalNetworkSite>"
	    "</LocalNetworkSites><VirtualNetworkSites>%s%s</VirtualNetworkSites>" FOOTER,
	    s1, s2, vx, vy);
	put("long.xml", doc);
	cr_assert_eq(run("migrate -q -W vnet2vnet-one-sided=off -W shared-key-missing=off "
	    "-W gateway-default=off -o '%s' '%s/long.xml'", tmpdir, tmpdir), 0, "%s",
	    slurp(strcat(strcpy(calloc(1, 700), tmpdir), "/stderr")));
	t = load("long/azuredeploy.json");
	all = resources(t);
	json_array_foreach(all, i, r) {
		const char *type = path_str(r, "type", NULL, NULL), *name = path_str(r, "name", NULL, NULL);

		if (strcmp(type, NET "connections") == 0 && strstr(name, "toSSS") != NULL) {
			cr_assert_leq(strlen(name), 80, "%s", name);
			if (first == NULL)
				first = name;
			else
				cr_assert_str_neq(first, name, "two connections, one name");
			nconn++;
		}
		if (strcmp(type, "Microsoft.Resources/deployments") == 0)
			cr_assert_leq(strlen(name), 64, "%s", name);
	}
	cr_assert_eq(nconn, 2);
	json_decref(all);
	json_decref(t);
	/* deployment names unique in their group, nothing depends on itself */
	cr_assert_eq(sh("grep -o '\"name\": \"long-[0-9a-f]\\{8\\}-[RV]*-[0-9a-f]\\{6\\}\"' "
	    "'%s/long/azuredeploy.json' | sort -u | wc -l | grep -qx 3", tmpdir), 0,
	    "the base deployments of both groups and the links one: three names, shortened");
	if (getenv("ARM_VALIDATE") != NULL)
		cr_assert_eq(sh("'%s' -q '%s/long/azuredeploy.json'", getenv("ARM_VALIDATE"), tmpdir), 0);
}

Test(deploy, subnet_and_group_names_follow_arm_rules, .init = setup, .fini = teardown)
{
	char	 doc[4096], longname[101];
	json_t	*t, *all, *v, *sn;
	size_t	 i;

	memset(longname, 'L', 100);
	longname[100] = '\0';
	snprintf(doc, sizeof(doc), HEADER "<VirtualNetworkSites><VirtualNetworkSite "
	    "name=\"Group Prod(EU) App\" Location=\"West Europe\"><AddressSpace><AddressPrefix>"
	    "10.1.0.0/16</AddressPrefix></AddressSpace><Subnets>"
	    "<Subnet name=\"Front End\"><AddressPrefix>10.1.1.0/24</AddressPrefix></Subnet>"
	    "<Subnet name=\"back.end.\"><AddressPrefix>10.1.2.0/24</AddressPrefix></Subnet>"
	    "<Subnet name=\"%s\"><AddressPrefix>10.1.3.0/24</AddressPrefix></Subnet>"
	    "</Subnets></VirtualNetworkSite></VirtualNetworkSites>" FOOTER, longname);
	put("names.xml", doc);
	cr_assert_eq(run("migrate -q -o '%s' '%s/names.xml'", tmpdir, tmpdir), 0);
	t = load("names/azuredeploy.json");
	all = resources(t);
	cr_assert_not_null(find(all, "Microsoft.Resources/resourceGroups", "Prod(EU)"),
	    "parentheses are legal in a group name");
	v = find(all, NET "virtualNetworks", "App");
	cr_assert_not_null(v);
	sn = json_object_get(json_object_get(v, "properties"), "subnets");
	cr_assert_str_eq(path_str(json_array_get(sn, 0), "name", NULL, NULL), "Front-End");
	cr_assert_str_eq(path_str(json_array_get(sn, 1), "name", NULL, NULL), "back.end");
	cr_assert_eq(strlen(path_str(json_array_get(sn, 2), "name", NULL, NULL)), 80);
	for (i = 0; i < 3; i++)
		cr_assert_eq(sh("grep -q \"subnet name '%s[^']*' is not a legal ARM name; it becomes\" "
		    "'%s/stderr'", i == 0 ? "Front End" : i == 1 ? "back.end." : "LLLL", tmpdir), 0,
		    "arm-name reports subnet %zu", i);
	json_decref(all);
	json_decref(t);
	/* two classic names that become one are an error */
	snprintf(doc, sizeof(doc), HEADER "<VirtualNetworkSites><VirtualNetworkSite name=\"App\" "
	    "Location=\"West Europe\"><AddressSpace><AddressPrefix>10.1.0.0/16</AddressPrefix>"
	    "</AddressSpace><Subnets>"
	    "<Subnet name=\"Front End\"><AddressPrefix>10.1.1.0/24</AddressPrefix></Subnet>"
	    "<Subnet name=\"Front-End\"><AddressPrefix>10.1.2.0/24</AddressPrefix></Subnet>"
	    "</Subnets></VirtualNetworkSite></VirtualNetworkSites>" FOOTER);
	put("clash.xml", doc);
	cr_assert_eq(run("check -q '%s/clash.xml'", tmpdir), 1);
	cr_assert_eq(sh("grep -q \"error: 'Front-End' and 'Front End' would both become "
	    "Microsoft.Network/virtualNetworks/subnets 'App/Front-End'\" '%s/stderr'", tmpdir), 0);
}

Test(deploy, existing_resource_groups_are_not_declared, .init = setup, .fini = teardown)
{
	json_t	*t, *all, *r;
	size_t	 i;

	cr_assert_eq(run("migrate -q --existing-resource-groups -k '%s' -o '%s' '%s'",
	    sample("cross-group.keys.ps1"), tmpdir, sample("cross-group.xml")), 0);
	t = load("cross-group/azuredeploy.json");
	all = resources(t);
	cr_assert_eq(count_type(all, "Microsoft.Resources/resourceGroups"), 0);
	cr_assert_geq(count_type(all, "Microsoft.Resources/deployments"), 2);
	json_array_foreach(json_object_get(t, "resources"), i, r) {
		char *deps = json_dumps(json_object_get(r, "dependsOn"), JSON_ENCODE_ANY);

		cr_assert_null(strstr(deps ? deps : "", "resourceGroups"), "%s", deps);
		free(deps);
	}
	json_decref(all);
	json_decref(t);
	cr_assert_eq(sh("grep -q '^az group show --name ' '%s/cross-group/runbook.md' && "
	    "grep -q 'existing-resource-groups' '%s/cross-group/runbook.md'", tmpdir, tmpdir), 0);
}

Test(deploy, deployment_names_are_unique_per_input, .init = setup, .fini = teardown)
{
	char *a, *b;

	cr_assert_eq(sh("cp '%s' '%s/one.xml' && sed 's/TestVNet4/TestVNet5/g' '%s' >'%s/two.xml'",
	    sample("vnet2vnet-classic.xml"), tmpdir, sample("vnet2vnet-classic.xml"), tmpdir), 0);
	cr_assert_eq(run("migrate -q -W shared-key-missing=off -o '%s' '%s/one.xml' '%s/two.xml'",
	    tmpdir, tmpdir, tmpdir), 0);
	a = slurp(strcat(strcpy(calloc(1, 700), tmpdir), "/one/runbook.md"));
	b = slurp(strcat(strcpy(calloc(1, 700), tmpdir), "/two/runbook.md"));
	cr_assert(strstr(a, "what-if --name netcfgc-one-") != NULL);
	cr_assert(strstr(b, "what-if --name netcfgc-two-") != NULL);
	cr_assert(strstr(a, "cd -- one\n") != NULL);
	cr_assert_eq(sh("grep -o -h '\"name\": \"[a-z]*-[0-9a-f]\\{8\\}-ClassicRG\"' '%s/one/azuredeploy.json' "
	    "'%s/two/azuredeploy.json' | sort -u | wc -l | grep -qx 2", tmpdir, tmpdir), 0,
	    "nested deployments of two inputs in one group have two names");
	free(a);
	free(b);
}

Test(deploy, p2s_root_certificates_from_der_pem_or_base64, .init = setup, .fini = teardown)
{
	json_t		*t, *all, *gw = NULL, *roots;
	const char	*forms[3] = { "c.cer", "c.pem", "c.b64" };
	int		 i;

	/* a DER SEQUENCE of 3 bytes: base64 MAMCAQA= */
	cr_assert_eq(sh("printf '\\060\\003\\002\\001\\000' >'%s/c.cer' && printf -- '-----BEGIN "
	    "CERTIFICATE-----\\r\\nMAMC\\r\\nAQA=\\r\\n-----END CERTIFICATE-----\\r\\n' >'%s/c.pem' && "
	    "printf 'MAMCAQA=\\n' >'%s/c.b64' && printf -- '-----BEGIN PRIVATE KEY-----\\nMAMCAQA=\\n"
	    "-----END PRIVATE KEY-----\\n' >'%s/k.pem' && printf 'not a certificate' >'%s/x.txt'",
	    tmpdir, tmpdir, tmpdir, tmpdir, tmpdir), 0);
	for (i = 0; i < 3; i++) {
		char rel[64];

		cr_assert_eq(run("migrate -q -k '%s' --p2s-root-cert RootCA=%s/%s -o '%s/%d' '%s'",
		    sample("point-to-site.keys.ps1"), tmpdir, forms[i], tmpdir, i,
		    sample("point-to-site.xml")), 0, "%s", forms[i]);
		snprintf(rel, sizeof(rel), "%d/point-to-site/azuredeploy.json", i);
		t = load(rel);
		all = resources(t);
		cr_assert_eq(count_type(all, NET "virtualNetworkGateways"), 1);
		for (size_t k = 0; k < json_array_size(all); k++)
			if (strcmp(path_str(json_array_get(all, k), "type", NULL, NULL),
			    NET "virtualNetworkGateways") == 0)
				gw = json_array_get(all, k);
		roots = json_object_get(json_object_get(json_object_get(gw, "properties"),
		    "vpnClientConfiguration"), "vpnClientRootCertificates");
		cr_assert_eq(json_array_size(roots), 1);
		cr_assert_str_eq(path_str(json_array_get(roots, 0), "name", NULL, NULL), "RootCA");
		cr_assert_str_eq(path_str(json_array_get(roots, 0), "properties", "publicCertData",
		    NULL), "MAMCAQA=");
		json_decref(all);
		json_decref(t);
	}
	cr_assert_eq(run("check -q --p2s-root-cert Key=%s/k.pem '%s'", tmpdir,
	    sample("point-to-site.xml")), 2, "a private key is refused");
	cr_assert_eq(run("check -q --p2s-root-cert X=%s/x.txt '%s'", tmpdir,
	    sample("point-to-site.xml")), 2);
	cr_assert_eq(run("check -q --p2s-root-cert 'bad name=%s/c.cer' '%s'", tmpdir,
	    sample("point-to-site.xml")), 2);
	cr_assert_eq(run("check -q --p2s-root-cert X=%s/missing.cer '%s'", tmpdir,
	    sample("point-to-site.xml")), 3);
}

/* stderr of the last run(), parsed as one JSON document */
static json_t *
stderr_doc(void)
{
	char		 path[600];
	json_error_t	 e;
	json_t		*j;

	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	j = json_load_file(path, 0, &e);
	cr_assert_not_null(j, "stderr is not one JSON document: %s (line %d)", e.text, e.line);
	return j;
}

Test(batch, sarif_is_one_log_with_file_failures_fingerprints_and_relative_uris, .init = setup,
    .fini = teardown)
{
	json_t		*doc, *run0, *inv, *res, *fp1 = json_object();
	const char	*uri;
	size_t		 i;

	cr_assert_eq(sh("cp '%s' '%s/a.xml' && sed '1a\\\n<!-- moved -->\\\n' '%s' >'%s/b.xml'",
	    sample("vnet2vnet-classic.xml"), tmpdir, sample("vnet2vnet-classic.xml"), tmpdir), 0);
	/* from the inputs' directory, as code scanning runs it */
	cr_assert_eq(sh("cd '%s' && '%s' check --diagnostics-format sarif a.xml missing.xml "
	    "2>stderr", tmpdir, bin()), 3);
	doc = stderr_doc();
	run0 = json_array_get(json_object_get(doc, "runs"), 0);
	inv = json_array_get(json_object_get(run0, "invocations"), 0);
	cr_assert(json_is_false(json_object_get(inv, "executionSuccessful")));
	cr_assert_eq(json_array_size(json_object_get(inv, "toolExecutionNotifications")), 1);
	cr_assert_not_null(strstr(json_string_value(json_object_get(json_object_get(json_array_get(
	    json_object_get(inv, "toolExecutionNotifications"), 0), "message"), "text")),
	    "missing.xml"));
	uri = json_string_value(json_object_get(json_object_get(json_object_get(run0,
	    "originalUriBaseIds"), "SRCROOT"), "uri"));
	cr_assert(uri != NULL && strncmp(uri, "file:///", 8) == 0 && uri[strlen(uri) - 1] == '/');
	res = json_object_get(run0, "results");
	cr_assert_geq(json_array_size(res), 2);
	for (i = 0; i < json_array_size(res); i++) {
		json_t *r = json_array_get(res, i), *art;

		art = json_object_get(json_object_get(json_array_get(json_object_get(r, "locations"),
		    0), "physicalLocation"), "artifactLocation");
		cr_assert_str_eq(json_string_value(json_object_get(art, "uriBaseId")), "SRCROOT");
		cr_assert_str_eq(json_string_value(json_object_get(art, "uri")), "a.xml");
		json_object_set(fp1, json_string_value(json_object_get(json_object_get(r,
		    "partialFingerprints"), "netcfgc/v1")), json_true());
	}
	json_decref(doc);
	/* the same findings two lines further down keep their fingerprints */
	cr_assert_eq(sh("cd '%s' && mv b.xml a.xml && '%s' check --diagnostics-format sarif a.xml "
	    "2>stderr", tmpdir, bin()), 0);
	doc = stderr_doc();
	res = json_object_get(json_array_get(json_object_get(doc, "runs"), 0), "results");
	cr_assert_eq(json_array_size(res), json_object_size(fp1));
	for (i = 0; i < json_array_size(res); i++)
		cr_assert_not_null(json_object_get(fp1, json_string_value(json_object_get(
		    json_object_get(json_array_get(res, i), "partialFingerprints"), "netcfgc/v1"))));
	json_decref(doc);
	json_decref(fp1);
}

Test(batch, json_and_report_list_every_file, .init = setup, .fini = teardown)
{
	json_t *doc, *last, *rep, *files, *sum;
	size_t	i, n;

	cr_assert_eq(sh("cp '%s' '%s/ok.xml' && echo '{}' >'%s/notxml.xml' && sed "
	    "'s|10.11.0.0/16|10.11.0.5/16|' '%s' >'%s/bad.xml'", sample("vnet2vnet-classic.xml"),
	    tmpdir, tmpdir, sample("vnet2vnet-classic.xml"), tmpdir), 0);
	cr_assert_eq(run("migrate --diagnostics-format json --report '%s/r.json' -o '%s/out' "
	    "'%s/ok.xml' '%s/bad.xml' '%s/nope.xml' '%s/notxml.xml'", tmpdir, tmpdir, tmpdir, tmpdir,
	    tmpdir, tmpdir), 3);
	doc = stderr_doc();
	for (i = 0, n = 0; i < json_array_size(doc); i++) {
		last = json_array_get(doc, i);
		if (json_is_null(json_object_get(last, "rule"))) {
			cr_assert_not_null(strstr(json_string_value(json_object_get(last, "file")),
			    "nope.xml"));
			n++;
		}
	}
	cr_assert_eq(n, 1, "the unreadable file is one record");
	json_decref(doc);
	rep = load("r.json");
	files = json_object_get(rep, "files");
	cr_assert_eq(json_array_size(files), 4);
	cr_assert_str_eq(path_str(json_array_get(files, 0), "status", NULL, NULL), "ok");
	cr_assert_not_null(strstr(path_str(json_array_get(files, 0), "output", NULL, NULL), "out/ok"));
	cr_assert_str_eq(path_str(json_array_get(files, 1), "status", NULL, NULL), "invalid");
	cr_assert_str_eq(path_str(json_array_get(files, 2), "status", NULL, NULL), "unreadable");
	cr_assert_str_eq(path_str(json_array_get(files, 3), "status", NULL, NULL), "unreadable");
	sum = json_object_get(rep, "summary");
	cr_assert_eq(json_integer_value(json_object_get(sum, "files")), 4);
	cr_assert_eq(json_integer_value(json_object_get(sum, "ok")), 1);
	cr_assert_eq(json_integer_value(json_object_get(sum, "invalid")), 1);
	cr_assert_eq(json_integer_value(json_object_get(sum, "unreadable")), 2);
	cr_assert_eq(json_integer_value(json_object_get(sum, "exit")), 3);
	json_decref(rep);
	/* the text summary counts the files, and never says "0 errors" alone for a failure */
	cr_assert_eq(run("check '%s/ok.xml' '%s/bad.xml' '%s/nope.xml'", tmpdir, tmpdir, tmpdir), 3);
	cr_assert_eq(sh("tail -n 1 '%s/stderr' | grep -qx '3 files: 1 valid, 1 invalid, 1 unreadable; "
	    "2 errors, 2 warnings'", tmpdir), 0);
	cr_assert_eq(run("check '%s/nope.xml'", tmpdir), 3);
	cr_assert_eq(sh("tail -n 1 '%s/stderr' | grep -qx '1 file: 1 unreadable; 0 errors, 0 warnings'",
	    tmpdir), 0);
	cr_assert_eq(sh("ls -a '%s' | grep -c netcfgc- | grep -qx 0", tmpdir), 0, "no temporary left");
}

/* --vnet-to-vnet peering (issue 17) */

#define PEERING NET "virtualNetworks/virtualNetworkPeerings"

Test(peering, the_seed_becomes_two_peerings_and_nothing_else, .init = setup, .fini = teardown)
{
	int groups;

	for (groups = 0; groups < 2; groups++) {
		json_t	*t, *p, *all, *plan, *r;
		char	 out[600];
		int	 i;

		snprintf(out, sizeof(out), "%s/g%d", tmpdir, groups);
		cr_assert_eq(run("migrate -q --vnet-to-vnet peering -k '%s' %s -o '%s' '%s'",
		    sample("vnet2vnet-classic.keys.ps1"), groups ? "--resource-group-for "
		    "TestVNet1=TestRG1 --resource-group-for TestVNet4=TestRG4" : "", out,
		    sample("vnet2vnet-classic.xml")), 0);
		snprintf(out, sizeof(out), "g%d/vnet2vnet-classic/azuredeploy.json", groups);
		t = load(out);
		snprintf(out, sizeof(out), "g%d/vnet2vnet-classic/azuredeploy.parameters.json", groups);
		p = load(out);
		snprintf(out, sizeof(out), "g%d/vnet2vnet-classic/plan.json", groups);
		plan = load(out);
		all = resources(t);
		cr_assert_eq(count_type(all, PEERING), 2);
		cr_assert_eq(count_type(all, NET "virtualNetworkGateways"), 0);
		cr_assert_eq(count_type(all, NET "publicIPAddresses"), 0);
		cr_assert_eq(count_type(all, NET "connections"), 0);
		cr_assert_eq(count_type(all, NET "localNetworkGateways"), 0);
		cr_assert_eq(json_object_size(json_object_get(t, "parameters")), 0);
		cr_assert_eq(json_object_size(json_object_get(p, "parameters")), 0);
		for (i = 0; i < 2; i++) {
			const char	*v = i ? "TestVNet4" : "TestVNet1", *o = i ? "TestVNet1" : "TestVNet4";
			char		 name[64], id[160];
			json_t		*props;

			snprintf(name, sizeof(name), "%s/%sto%s", v, v, o);
			r = find(all, PEERING, name);
			cr_assert_not_null(r, "no peering %s", name);
			props = json_object_get(r, "properties");
			cr_assert(json_is_true(json_object_get(props, "allowVirtualNetworkAccess")));
			cr_assert(json_is_true(json_object_get(props, "allowForwardedTraffic")));
			cr_assert(json_is_false(json_object_get(props, "allowGatewayTransit")));
			cr_assert(json_is_false(json_object_get(props, "useRemoteGateways")));
			if (groups)
				snprintf(id, sizeof(id), "[resourceId('%s', 'Microsoft.Network/"
				    "virtualNetworks', '%s')]", i ? "TestRG1" : "TestRG4", o);
			else
				snprintf(id, sizeof(id), "[resourceId('Microsoft.Network/"
				    "virtualNetworks', '%s')]", o);
			cr_assert_str_eq(path_str(props, "remoteVirtualNetwork", "id", NULL), id);
		}
		cr_assert_eq(json_integer_value(json_object_get(json_object_get(json_object_get(plan,
		    "summary"), "arm"), "virtualNetworkPeerings")), 2);
		/* verified by peering state; the pair's key is in no file at all */
		cr_assert_eq(sh("grep -q 'az network vnet peering show --resource-group [A-Za-z0-9]* "
		    "--vnet-name TestVNet1 --name TestVNet1toTestVNet4 --query peeringState' "
		    "'%s/g%d/vnet2vnet-classic/runbook.md'", tmpdir, groups), 0);
		cr_assert_eq(sh("k=$(sed -n 's/.*-SharedKey *\\([A-Za-z0-9]*\\).*/\\1/p' '%s' | head -n 1); "
		    "[ -n \"$k\" ] && ! grep -rq \"$k\" '%s/g%d'", sample("vnet2vnet-classic.keys.ps1"),
		    tmpdir, groups), 0);
		json_decref(all);
		json_decref(t);
		json_decref(p);
		json_decref(plan);
	}
}

/*
 * hubs hubs, each with an on-premises site and spokes spokes whose sites
 * for the hub also hold the on-premises range: each spoke uses its hub's
 * gateway.  Every VNet is in a group of its own.
 */
static void
hub_export(int hubs, int spokes)
{
	size_t	 cap = 4u << 20, n = 0;
	char	*x = calloc(1, cap), *k = calloc(1, 1u << 20);
	size_t	 nk = 0;
	int	 h, s;

	cr_assert_not_null(x);
	cr_assert_not_null(k);
#define ADD(...) (n += (size_t)snprintf(x + n, cap - n, __VA_ARGS__))
	ADD("%s<LocalNetworkSites>", HEADER);
	for (h = 0; h < hubs; h++) {
		ADD("<LocalNetworkSite name=\"OnPrem%d\"><AddressSpace><AddressPrefix>192.168.%d.0/24"
		    "</AddressPrefix></AddressSpace><VPNGatewayAddress>40.%d.0.1</VPNGatewayAddress>"
		    "</LocalNetworkSite>", h, h, 10 + h);
		for (s = 0; s < spokes; s++)
			ADD("<LocalNetworkSite name=\"H%dS%dSpoke\"><AddressSpace><AddressPrefix>10.%d.%d.0/24"
			    "</AddressPrefix></AddressSpace><VPNGatewayAddress>40.%d.1.%d</VPNGatewayAddress>"
			    "</LocalNetworkSite><LocalNetworkSite name=\"H%dS%dHub\"><AddressSpace>"
			    "<AddressPrefix>10.%d.0.0/20</AddressPrefix><AddressPrefix>192.168.%d.0/24"
			    "</AddressPrefix></AddressSpace><VPNGatewayAddress>40.%d.2.%d</VPNGatewayAddress>"
			    "</LocalNetworkSite>", h, s, h, 16 + s, 10 + h, s + 1, h, s, h, h, 10 + h, s + 1);
	}
	ADD("</LocalNetworkSites><VirtualNetworkSites>");
	for (h = 0; h < hubs; h++) {
		ADD("<VirtualNetworkSite name=\"Hub%d\" Location=\"East US\"><AddressSpace><AddressPrefix>"
		    "10.%d.0.0/20</AddressPrefix></AddressSpace><Subnets><Subnet name=\"GatewaySubnet\">"
		    "<AddressPrefix>10.%d.15.0/27</AddressPrefix></Subnet></Subnets><Gateway>"
		    "<ConnectionsToLocalNetwork><LocalNetworkSiteRef name=\"OnPrem%d\"/>", h, h, h, h);
		for (s = 0; s < spokes; s++)
			ADD("<LocalNetworkSiteRef name=\"H%dS%dSpoke\"/>", h, s);
		ADD("</ConnectionsToLocalNetwork></Gateway></VirtualNetworkSite>");
		nk += (size_t)snprintf(k + nk, (1u << 20) - nk, "New-AzureVNetGateway -VNetName Hub%d "
		    "-GatewayType DynamicRouting -GatewaySKU HighPerformance\nSet-AzureVNetGatewayKey "
		    "-VNetName Hub%d -LocalNetworkSiteName OnPrem%d -SharedKey OnPremKey%d\n", h, h, h, h);
		for (s = 0; s < spokes; s++)
			ADD("<VirtualNetworkSite name=\"Hub%dSpoke%d\" Location=\"%s\"><AddressSpace>"
			    "<AddressPrefix>10.%d.%d.0/24</AddressPrefix></AddressSpace><Gateway>"
			    "<ConnectionsToLocalNetwork><LocalNetworkSiteRef name=\"H%dS%dHub\"/>"
			    "</ConnectionsToLocalNetwork></Gateway></VirtualNetworkSite>", h, s,
			    s % 2 ? "West Europe" : "East US", h, 16 + s, h, s);
	}
	ADD("</VirtualNetworkSites>%s", FOOTER);
#undef ADD
	cr_assert_lt(n, cap);
	put("hubs.xml", x);
	put("hubs.ps1", k);
	free(x);
	free(k);
}

/* Where a resource is: its template file and nested deployment. */
struct place {
	size_t		 file;
	const char	*deployment;	/* NULL: at the top of a resource-group-scope template */
	json_t		*res;
};

static void
places(json_t *t, size_t file, json_t *into)
{
	size_t	 i, k;
	json_t	*d, *r;

	json_array_foreach(json_object_get(t, "resources"), i, d) {
		json_t *inner = json_object_get(json_object_get(d, "properties"), "template");

		if (inner == NULL) {
			json_object_set_new(into, path_str(d, "name", NULL, NULL), json_pack("{s:I, s:n, s:O}",
			    "file", (json_int_t)file, "deployment", "res", d));
			continue;
		}
		json_array_foreach(json_object_get(inner, "resources"), k, r)
			json_object_set_new(into, path_str(r, "name", NULL, NULL), json_pack("{s:I, s:O, s:O}",
			    "file", (json_int_t)file, "deployment", json_object_get(d, "name"), "res", r));
	}
}

/* Does the string array a hold a string that contains s? */
static bool
mentions(json_t *a, const char *s)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(a, i, v)
		if (strstr(json_string_value(v), s) != NULL)
			return true;
	return false;
}

/* The nested deployment named name in template t. */
static json_t *
deployment_of(json_t *t, const char *name)
{
	size_t	 i;
	json_t	*d;

	json_array_foreach(json_object_get(t, "resources"), i, d)
		if (strcmp(path_str(d, "name", NULL, NULL), name) == 0)
			return d;
	return NULL;
}

/*
 * A peering that uses a remote gateway needs the hub's gateway and the
 * hub's peering that allows it: in an earlier template, or ordered before
 * it in the same one, whatever the split.
 */
Test(peering, gateway_transit_is_ordered_after_the_hub_in_split_templates, .init = setup,
    .fini = teardown, .timeout = 300)
{
	int scope;

	hub_export(14, 20);
	for (scope = 0; scope < 2; scope++) {
		json_t	*plan, *deps, *d, *where = json_object(), *tmpl[64], *v;
		size_t	 n, i, users = 0;
		char	 rel[600];
		const char *name;

		cr_assert_eq(run("migrate -q --vnet-to-vnet peering -k '%s/hubs.ps1' %s -o '%s/s%d' "
		    "'%s/hubs.xml'", tmpdir, scope ? "--resource-group HubsRG" : "", tmpdir, scope,
		    tmpdir), 0);
		snprintf(rel, sizeof(rel), "s%d/hubs/plan.json", scope);
		plan = load(rel);
		deps = json_object_get(plan, "deployments");
		n = json_array_size(deps);
		cr_assert_geq(n, 2, "the export is split");
		cr_assert_leq(n, 64);
		json_array_foreach(deps, i, d) {
			snprintf(rel, sizeof(rel), "s%d/hubs/%s", scope, path_str(d, "template", NULL, NULL));
			tmpl[i] = load(rel);
			places(tmpl[i], i, where);
		}
		json_object_foreach(where, name, v) {
			json_t		*r = json_object_get(v, "res"), *props = json_object_get(r, "properties");
			size_t		 f = (size_t)json_integer_value(json_object_get(v, "file"));
			const char	*dep = json_string_value(json_object_get(v, "deployment"));
			char		 gw[48], back[96];
			const char	*need[2];
			int		 h, s, e;

			if (strcmp(path_str(r, "type", NULL, NULL), PEERING) != 0 ||
			    !json_is_true(json_object_get(props, "useRemoteGateways")))
				continue;
			users++;
			cr_assert_eq(sscanf(name, "Hub%dSpoke%d/", &h, &s), 2, "%s", name);
			snprintf(gw, sizeof(gw), "Hub%dGW", h);
			snprintf(back, sizeof(back), "Hub%d/Hub%dtoHub%dSpoke%d", h, h, h, s);
			cr_assert_not_null(json_object_get(where, back), "no peering %s", back);
			cr_assert(json_is_true(json_object_get(json_object_get(json_object_get(
			    json_object_get(where, back), "res"), "properties"), "allowGatewayTransit")),
			    "%s does not allow gateway transit", back);
			need[0] = gw;
			need[1] = back;
			for (e = 0; e < 2; e++) {
				json_t		*o = json_object_get(where, need[e]);
				size_t		 of;
				const char	*odep;

				cr_assert_not_null(o, "%s: %s is not created", name, need[e]);
				of = (size_t)json_integer_value(json_object_get(o, "file"));
				odep = json_string_value(json_object_get(o, "deployment"));
				cr_assert_leq(of, f, "%s (template %zu) needs %s of template %zu", name,
				    f + 1, need[e], of + 1);
				if (of < f)
					continue;
				if (dep == NULL || odep == NULL || strcmp(dep, odep) == 0) {
					/* one template: the resource itself depends on it */
					const char *leaf = strrchr(need[e], '/') ? strrchr(need[e], '/') + 1 :
					    need[e];

					cr_assert(mentions(json_object_get(r, "dependsOn"), leaf),
					    "%s does not depend on %s", name, need[e]);
				} else
					cr_assert(mentions(json_object_get(deployment_of(tmpl[f], dep),
					    "dependsOn"), odep), "deployment %s does not depend on %s", dep,
					    odep);
			}
		}
		cr_assert_eq(users, 14 * 20, "every spoke uses its hub's gateway");
		for (i = 0; i < n; i++)
			json_decref(tmpl[i]);
		json_decref(where);
		json_decref(plan);
	}
}
