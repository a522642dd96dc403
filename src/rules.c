/* rules.c - the rule table: names, levels, summaries, explanations, sources. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "rules.h"

#define CLASSIC_V2V "azure-docs articles/vpn-gateway/vpn-gateway-howto-vnet-vnet-portal-classic.md"
#define MULTI_SITE "azure-docs articles/vpn-gateway/vpn-gateway-multi-site.md"
#define LEGACY_SKU "azure-docs includes/vpn-gateway-table-requirements-legacy-sku-include.md"
#define SCHEMA_DOC "Azure Virtual Network Configuration Schema (learn.microsoft.com previous-versions jj157100)"

const struct rule rules[R__COUNT] = {
	[R_XML_SYNTAX] = { "xml-syntax", LEVEL_ERROR, "error",
	    "not well-formed XML, DOCTYPE/entities, wrong root or namespace",
	    "The input must be a well-formed XML document whose root is NetworkConfiguration "
	    "in the namespace http://schemas.microsoft.com/ServiceHosting/2011/07/NetworkConfiguration. "
	    "A DOCTYPE or entity declaration is refused before anything is expanded, so a file can "
	    "never make netcfgc read another file or the network. Fix: export the configuration again "
	    "with Get-AzureVNetConfig, or repair the XML; a fragment copied from documentation must be "
	    "wrapped in the full document. Its level cannot be changed with -W: nothing of such a file "
	    "is read.",
	    SCHEMA_DOC, true },
	[R_XML_SCHEMA] = { "xml-schema", LEVEL_ERROR, "error",
	    "the document does not follow the netcfg schema (xsd/)",
	    "The document is checked against netcfgc's XSD, written from Microsoft's published "
	    "NetworkConfigurationSchema.xsd plus the Location attribute of newer exports. An unknown "
	    "element, a missing required element or a misspelt enumeration would otherwise be lost "
	    "silently. Fix: correct the element the message names. Its level cannot be changed with "
	    "-W: a document that breaks the schema is not read further, since what it means is not "
	    "known.",
	    SCHEMA_DOC, true },
	[R_CIDR_SYNTAX] = { "cidr-syntax", LEVEL_ERROR, "error",
	    "not a strict a.b.c.d/n (no octal, short or hex forms, n in 0..32)",
	    "Address prefixes must be four decimal octets without leading zeros and a prefix length "
	    "from 0 to 32. Lenient parsers read 010.0.0.0/8 as octal and 10.11/16 as 10.0.0.11/16, so "
	    "such forms would silently become other networks in ARM. Fix: write the prefix in full.",
	    "RFC 4632; azure-docs articles/virtual-network/virtual-networks-faq.md" },
	[R_CIDR_HOST_BITS] = { "cidr-host-bits", LEVEL_ERROR, "error",
	    "host bits set; the message gives the canonical prefix",
	    "A prefix such as 10.11.0.5/16 names the network 10.11.0.0/16 but carries host bits. ARM "
	    "rejects it (\"is not a valid CIDR\"), and it usually means a typo. Fix: use the canonical "
	    "prefix the message suggests, or correct the length.",
	    "azure-docs articles/virtual-network/manage-virtual-network.md" },
	[R_IP_SYNTAX] = { "ip-syntax", LEVEL_ERROR, "error",
	    "DNS server or VPN gateway address not a strict IPv4 address",
	    "DNS server and VPN device addresses must be four decimal octets without leading zeros. "
	    "Fix: write the address in full dotted-decimal form.",
	    SCHEMA_DOC },
	[R_NAME_DUPLICATE] = { "name-duplicate", LEVEL_ERROR, "error",
	    "two VNets, two local sites, two DNS servers, two subnets of a VNet with one name",
	    "Classic names identify objects: the service refuses a configuration in which two "
	    "objects of one kind share a name (names compare case-insensitively, as Azure does). "
	    "Fix: rename one of them and its references.",
	    SCHEMA_DOC },
	[R_REF_UNDEFINED] = { "ref-undefined", LEVEL_ERROR, "error",
	    "LocalNetworkSiteRef / DnsServerRef naming nothing of that kind; \"did you mean\"",
	    "A LocalNetworkSiteRef must name a LocalNetworkSite and a DnsServerRef a DnsServer of the "
	    "same file. A dangling reference cannot be migrated. A Dedicated (ExpressRoute) reference "
	    "may name a site that is not in the file, as in the classic coexistence set-up; that is "
	    "reported by expressroute instead. Fix: correct the name or add the missing definition.",
	    SCHEMA_DOC "; azure-docs articles/expressroute/expressroute-howto-coexist-classic.md" },
	[R_LOCATION_MISSING] = { "location-missing", LEVEL_ERROR, "error",
	    "VNet with neither Location nor AffinityGroup, or with both",
	    "Every VirtualNetworkSite needs exactly one of Location and AffinityGroup: \"Either "
	    "Affinity Group or Location must be specified for every virtual network\". Fix: add "
	    "Location=\"<region>\", or remove one of the two.",
	    SCHEMA_DOC "; hashicorp/terraform#3976" },
	[R_LOCATION_UNKNOWN] = { "location-unknown", LEVEL_ERROR, "error",
	    "Location that is no Azure region; \"did you mean\"",
	    "Location must name an Azure region, by display name (East US) or ARM name (eastus), in "
	    "any letter case. Fix: use the region the message suggests.",
	    "azure-docs articles/reliability/regions-list.md" },
	[R_AFFINITY_GROUP] = { "affinity-group", LEVEL_ERROR, "error",
	    "AffinityGroup VNet without --affinity-group mapping",
	    "An affinity group maps to a region only through the subscription's affinity-group list, "
	    "which the netcfg does not hold. Fix: pass --affinity-group NAME=REGION, or convert the "
	    "VNet to a regional one by replacing AffinityGroup with Location.",
	    "azure-docs articles/virtual-network/virtual-networks-migrate-to-regional-vnet.md" },
	[R_SUBNET_OUTSIDE_SPACE] = { "subnet-outside-space", LEVEL_ERROR, "error",
	    "subnet not inside its VNet's address space",
	    "Every subnet must lie inside one of its VNet's address prefixes; the service refuses the "
	    "configuration otherwise (\"The subnet is not in the address space\"). Fix: move the "
	    "subnet or add an address prefix that holds it.",
	    "Azure/azure-xplat-cli lib/commands/asm/network/virtualNetwork._js" },
	[R_SITE_AMBIGUOUS] = { "site-ambiguous", LEVEL_ERROR, "error",
	    "a local site that could stand for more than one VNet of the file",
	    "Classic VNet-to-VNet goes through a local network site that holds the peer VNet's "
	    "address space; netcfgc finds the peer that way. A site whose space matches two VNets "
	    "equally well (two VNets with the same space) could stand for either, and which one "
	    "the tunnel reached is not known from the file: taking the first would connect the "
	    "wrong VNets. Fix: give the VNets different address spaces, or make the site hold "
	    "exactly the space of the VNet it stands for.",
	    CLASSIC_V2V },
	[R_SUBNET_SIZE] = { "subnet-size", LEVEL_ERROR, "error",
	    "a subnet smaller than /29, which ARM cannot create",
	    "The smallest IPv4 subnet Azure supports is /29 (Azure reserves five addresses in "
	    "each subnet); a classic subnet of /30 or /31 or /32 would be refused when the template "
	    "is deployed. Fix: make the subnet /29 or larger.",
	    "azure-docs articles/virtual-network/virtual-networks-faq.md" },
	[R_ADDRESS_RESERVED] = { "address-reserved", LEVEL_ERROR, "error",
	    "a DNS server that is not a unicast host address (0.0.0.0, broadcast, multicast, "
	    "loopback); an address space ARM refuses (0.0.0.0/0, multicast, loopback, "
	    "255.255.255.255/32)",
	    "A DNS server must be an address a VM can send queries to: not in 0.0.0.0/8, not "
	    "loopback (127.0.0.0/8), multicast (224.0.0.0/4) or reserved (240.0.0.0/4, with "
	    "the broadcast address 255.255.255.255). A virtual network's address space cannot "
	    "hold the ranges Azure reserves: multicast 224.0.0.0/4, broadcast 255.255.255.255/32, "
	    "loopback 127.0.0.0/8, link-local 169.254.0.0/16 and the platform's internal DNS "
	    "address 168.63.129.16 (0.0.0.0/0 holds them all). ARM refuses such a template. Fix: "
	    "use the server's real address, or a private range for the address space.",
	    "azure-docs articles/virtual-network/virtual-networks-faq.md" },
	[R_REF_DUPLICATE] = { "ref-duplicate", LEVEL_WARNING, "warning",
	    "the same DnsServerRef or LocalNetworkSiteRef twice in one VNet (written once)",
	    "A VNet that names one DNS server twice, or connects to one local site twice, means it "
	    "once: ARM refuses a DNS server listed twice and cannot make two connections with "
	    "one name. The migration writes it once. Fix: remove the second reference.",
	    SCHEMA_DOC },
	[R_GATEWAY_DEFAULT_SITE] = { "gateway-default-site", LEVEL_ERROR, "error",
	    "a forced-tunnelling default site that is not a connected on-premises site of that "
	    "VNet, or is on a PolicyBased gateway",
	    "Set-AzureVNetGatewayDefaultSite -VNetName V -DefaultSite S sent all of V's "
	    "Internet-bound traffic through the tunnel to on-premises site S (forced tunnelling). "
	    "In ARM that is the gateway's gatewayDefaultSite, a reference to the local network "
	    "gateway of S, and it works only on a RouteBased gateway (classic dynamic routing) "
	    "with a tunnel to S. A default site that V does not connect to, that stands for "
	    "another VNet, or a StaticRouting (PolicyBased) gateway cannot be migrated as it "
	    "is. Fix: name a site that V connects to in its netcfg, or create V's gateway with "
	    "-GatewayType DynamicRouting; or drop the line if forced tunnelling is not wanted.",
	    "azure-docs articles/vpn-gateway/vpn-gateway-about-forced-tunneling.md; "
	    "vpn-gateway-forced-tunneling-rm.md" },
	[R_DNS_IN_MIGRATED_SPACE] = { "dns-in-migrated-space", LEVEL_NOTE, "note",
	    "a VNet's DNS server lies inside a migrated address space: it answers only once "
	    "that VM exists in the new VNet",
	    "A DNS server whose address lies in the address space of a VNet of the export is a "
	    "VM of that VNet. The new VNets get the same dhcpOptions.dnsServers, but the address "
	    "answers only when that VM runs in the new VNet: until it has moved (and has the "
	    "same private address), VMs in the new VNets cannot resolve names. Plan the DNS "
	    "VMs' move first, or give the new VNets a DNS server that answers during the "
	    "cutover (Azure DNS, 168.63.129.16, is used when the list is empty).",
	    "azure-docs articles/virtual-network/virtual-networks-name-resolution-for-vms-and-"
	    "role-instances.md" },
	[R_PEERING_TRANSIT_LOST] = { "peering-transit-lost", LEVEL_WARNING, "warning",
	    "--vnet-to-vnet peering: transit a classic VNet had through its peer's gateway that "
	    "gateway transit cannot keep",
	    "In classic, a VNet A reached on-premises networks through the gateway of its peer B "
	    "when A's local site for B held B's address space and those ranges, and B's gateway "
	    "had a tunnel to a site holding them (the transit-route case; netcfgc follows each "
	    "range along the classic routes, and a range no gateway took anywhere is no loss). "
	    "With --vnet-to-vnet peering the pair becomes two VNet peerings, and ARM keeps that "
	    "reach with gateway transit: allowGatewayTransit on B's peering, useRemoteGateways on "
	    "A's, deployed once B's gateway and B's peering exist. ARM allows that only when the "
	    "gateway is not of the Basic SKU (the classic Default and Basic SKUs map to Basic: "
	    "--gateway-sku Default=VpnGw1AZ keeps transit; a StaticRouting gateway is PolicyBased, "
	    "which is Basic only), A has no gateway of its own, A uses the remote gateways of one "
	    "peer only, and the gateway is that of A's own peer (a range that went on through B "
	    "to the gateway of a third VNet is lost: gateway transit serves only the gateway's own "
	    "peers). Where it cannot, this warning says which ranges A no longer reaches and why. "
	    "Fix: raise the hub's SKU with --gateway-sku; give A a connection of its own to the "
	    "on-premises site; or migrate with --vnet-to-vnet vpn and BGP.",
	    "azure-docs articles/vpn-gateway/vpn-gateway-peering-gateway-transit.md; "
	    "articles/virtual-network/virtual-network-peering-overview.md (Gateways and "
	    "on-premises connectivity)" },
	[R_PEERING_NOT_TRANSITIVE] = { "peering-not-transitive", LEVEL_WARNING, "warning",
	    "--vnet-to-vnet peering: a VNet that reached a third VNet through its peer no longer "
	    "does",
	    "In classic, VNet A reached VNet C through VNet B when A and B, and B and C, were "
	    "VNet-to-VNet pairs and A's local site for B also held C's range: B's gateway carried "
	    "the traffic on (through more VNets, where their sites held the range as well). VNet "
	    "peering is not transitive: once the pairs are peerings, A reaches B and B reaches C, "
	    "but A does not reach C. One warning per site lists the VNets it no longer reaches. "
	    "Fix: peer A and C directly (the runbook gives the az network vnet peering create "
	    "commands, both directions), route through a network virtual appliance in B with "
	    "user-defined routes, or migrate with --vnet-to-vnet vpn.",
	    "azure-docs articles/virtual-network/virtual-network-peering-overview.md (Service "
	    "chaining; peering is not transitive)" },
	[R_SUBSCRIPTION_LIMIT] = { "subscription-limit", LEVEL_WARNING, "warning",
	    "the export exceeds a per-subscription ARM limit (1,000 VNets in one region, 980 "
	    "resource groups) and cannot deploy into one subscription as is",
	    "One subscription holds at most 1,000 virtual networks per region and 980 resource "
	    "groups. An export with more VNets in one region, or that needs more groups (each VNet "
	    "not named \"Group RG NAME\" gets a group of its own), cannot be deployed into one "
	    "subscription as it is: the templates are valid, but the deployment past the limit "
	    "fails. Use --resource-group or --resource-group-for to need fewer groups. "
	    "Fix: deploy the VNets of that region into more than one subscription (migrate them "
	    "as several exports), or ask Microsoft support whether the limit can be raised.",
	    "azure-docs articles/azure-resource-manager/management/azure-subscription-service-"
	    "limits.md (Networking limits)" },
	[R_ARM_LIMIT] = { "arm-limit", LEVEL_ERROR, "error",
	    "a VNet or site ARM refuses for its size: more than 3,000 subnets or 20 DNS servers "
	    "in a VNet, or a resource definition over 1 MB",
	    "A template may be split into several, but one resource cannot: ARM refuses a "
	    "resource definition over 1 MB, and Azure a virtual network with more than 3,000 "
	    "subnets or more than 20 DNS servers. A VNet with thousands of subnets or a local "
	    "site with tens of thousands of address prefixes cannot be created as it is. Fix: "
	    "divide the VNet (or the site's address space, with larger prefixes) before "
	    "migrating.",
	    "azure-docs articles/azure-resource-manager/management/azure-subscription-service-"
	    "limits.md (Networking limits); azure-resource-manager/templates/best-practices.md "
	    "(Template limits)" },
	[R_SUBNET_OVERLAP] = { "subnet-overlap", LEVEL_ERROR, "error",
	    "two subnets of one VNet overlap",
	    "Subnets of one VNet must not share addresses. Fix: shrink or move one of them.",
	    "azure-docs articles/virtual-network/virtual-network-manage-subnet.md" },
	[R_ADDRESS_SPACE_OVERLAP] = { "address-space-overlap", LEVEL_ERROR, "error",
	    "a VNet's own prefixes overlap each other, or a local site's do",
	    "The prefixes of one address space must be disjoint; ARM refuses overlapping "
	    "addressPrefixes. Fix: remove the prefix that the other already covers.",
	    CLASSIC_V2V "; " MULTI_SITE },
	[R_VNET_OVERLAP] = { "vnet-overlap", LEVEL_WARNING, "warning (error when connected)",
	    "two VNets overlap (error when they are connected to each other)",
	    "Two VNets of one subscription may use the same addresses as long as they never talk to "
	    "each other. Once they are connected (VNet-to-VNet) the overlap breaks routing and the "
	    "classic service refused the configuration. Fix: renumber one of them.",
	    CLASSIC_V2V },
	[R_SITE_OVERLAP] = { "site-overlap", LEVEL_ERROR, "error",
	    "local sites connected to one gateway overlap each other or the VNet",
	    "\"The address spaces of the virtual networks and on-premises local network sites must "
	    "not overlap\"; uploading such a configuration fails with an opaque \"IP address prefix "
	    "is not valid\". Fix: change the local site's prefixes so that they are disjoint from the "
	    "VNet and from the other sites of the same gateway.",
	    CLASSIC_V2V "; " MULTI_SITE "; Azure/azure-powershell#1010" },
	[R_GATEWAY_SUBNET_MISSING] = { "gateway-subnet-missing", LEVEL_ERROR, "error",
	    "a gateway (connections or client pool) but no subnet named GatewaySubnet",
	    "\"The gateway subnet MUST be named GatewaySubnet or Azure cannot recognize and use it.\" "
	    "A VNet with site connections or a point-to-site pool needs it. Fix: add a subnet named "
	    "exactly GatewaySubnet, /27 or larger.",
	    "azure-docs articles/vpn-gateway/vpn-gateway-connect-different-deployment-models-powershell.md" },
	[R_GATEWAY_SUBNET_SIZE] = { "gateway-subnet-size", LEVEL_ERROR, "error below /29; warning below /27",
	    "GatewaySubnet too small: error below /29, warning below /27",
	    "Classic gateways needed at least a /29 GatewaySubnet, and ARM accepts /29 and "
	    "larger; Microsoft recommends /27 or larger, so that the gateway can grow and change "
	    "SKU without the subnet being rebuilt. Fix: widen GatewaySubnet to /27.",
	    CLASSIC_V2V "; azure-docs articles/vpn-gateway/vpn-gateway-vpn-faq.md" },
	[R_GATEWAY_STATIC_ROUTING] = { "gateway-static-routing", LEVEL_ERROR, "error",
	    "VNet-to-VNet, multi-site or point-to-site on a StaticRouting gateway",
	    "VNet-to-VNet \"requires dynamic routing gateways\", multi-site \"requires a dynamic "
	    "(route-based) routing gateway\", and point-to-site is not supported on policy-based "
	    "gateways. Fix: create the gateway with -GatewayType DynamicRouting.",
	    CLASSIC_V2V "; " MULTI_SITE "; " LEGACY_SKU },
	[R_TUNNEL_LIMIT] = { "tunnel-limit", LEVEL_ERROR, "error",
	    "more tunnels than the gateway allows (classic and target ARM SKU)",
	    "Classic gateways allowed 10 IPsec tunnels (Default, Standard), 30 (HighPerformance) "
	    "and 1 (StaticRouting); the ARM gateway it becomes has its own limit (Basic 10, VpnGw1-3 "
	    "30, VpnGw4 100, VpnGw5 100). Fix: use a larger SKU (--gateway-sku) or fewer sites.",
	    LEGACY_SKU "; azure-docs includes/vpn-gateway-table-gwtype-aggtput-include.md" },
	[R_REDUNDANT_TUNNEL] = { "redundant-tunnel", LEVEL_ERROR, "error",
	    "more than one tunnel between the same pair of VNets",
	    "\"Redundant tunnels between a pair of virtual networks aren't supported.\" Fix: keep "
	    "one local site per peer VNet.",
	    CLASSIC_V2V },
	[R_VNET2VNET_ONE_SIDED] = { "vnet2vnet-one-sided", LEVEL_WARNING, "warning",
	    "A connects to a site that stands for B, but B has no tunnel back to A",
	    "A classic VNet-to-VNet connection needs a tunnel on each side. With one side only, no "
	    "traffic flows; netcfgc migrates the one direction it sees. Fix: add the reverse "
	    "LocalNetworkSiteRef on B, or remove the half connection.",
	    CLASSIC_V2V },
	[R_VNET2VNET_SITE_MISMATCH] = { "vnet2vnet-site-mismatch", LEVEL_WARNING, "warning",
	    "the site standing for B does not hold exactly B's address space",
	    "The local site that stands for a peer VNet should hold exactly the peer's prefixes. An "
	    "ARM Vnet2Vnet connection always routes the peer's whole address space, so routes "
	    "change. Fix: make the site's AddressSpace equal to the peer VNet's.",
	    CLASSIC_V2V },
	[R_TRANSIT_ROUTE] = { "transit-route", LEVEL_WARNING, "warning",
	    "a site aggregates a peer VNet and on-premises ranges: transit routing is lost after migration",
	    "Classic transit routing used a local site that holds both a peer VNet's prefixes and "
	    "on-premises ranges. A Vnet2Vnet connection routes only the peer's space, so the "
	    "on-premises path is lost. Fix after migration: BGP on all gateways, or an explicit "
	    "connection to the on-premises local network gateway.",
	    "azure-docs articles/vpn-gateway/vpn-gateway-classic-resource-manager-migration.md" },
	[R_SHARED_KEY_MISSING] = { "shared-key-missing", LEVEL_WARNING, "warning",
	    "a tunnel without a key (the parameter is left for the operator)",
	    "Shared keys are not in the netcfg; they come from Set-AzureVNetGatewayKey lines given "
	    "with -k. Without one, the template's securestring parameter has no value and the "
	    "operator must supply it. Fix: pass the script that set the keys with -k.",
	    "learn.microsoft.com previous-versions/azure/dn769125" },
	[R_SHARED_KEY_MISMATCH] = { "shared-key-mismatch", LEVEL_ERROR, "error",
	    "the two directions of a VNet-to-VNet pair use different keys",
	    "\"The shared key must always match.\" Both directions of a VNet-to-VNet pair become "
	    "two connections with one key parameter. Fix: set the same key on both sides.",
	    CLASSIC_V2V },
	[R_SHARED_KEY_FORMAT] = { "shared-key-format", LEVEL_ERROR, "error",
	    "a key that is not 1-128 letters and digits",
	    "The classic shared key is \"an alphanumeric string of 1-128\" characters. Fix: choose a "
	    "key of letters and digits only, then set it on both ends of the tunnel.",
	    "learn.microsoft.com previous-versions/azure/dn769125" },
	[R_SHARED_KEY_ORPHAN] = { "shared-key-orphan", LEVEL_WARNING, "warning",
	    "a key for a VNet/site pair that has no tunnel",
	    "A Set-AzureVNetGatewayKey line names a VNet and a local site that have no IPsec tunnel "
	    "in the netcfg, so the key is not used. Fix: remove the line or add the "
	    "LocalNetworkSiteRef.",
	    "Azure/azure-xplat-cli lib/commands/asm/network/vpnGateway._js" },
	[R_SHARED_KEY_CONFLICT] = { "shared-key-conflict", LEVEL_ERROR, "error",
	    "one tunnel given two different keys (in one side file or across several)",
	    "Two Set-AzureVNetGatewayKey lines, in one side file or in two given with -k, set "
	    "different keys for the same VNet and local site. When the scripts ran, the later one "
	    "won; which one the devices use is not known from the files. Fix: keep the key that "
	    "the on-premises device or the peer VNet really has, and remove the other line.",
	    "Azure/azure-xplat-cli lib/commands/asm/network/vpnGateway._js" },
	[R_GATEWAY_ADDRESS_PRIVATE] = { "gateway-address-private", LEVEL_ERROR, "error",
	    "a site's VPN device address is private, reserved or missing for an IPsec tunnel",
	    "The VPN device \"must have a public IPv4 address\" and \"cannot be located behind a "
	    "NAT\". A local network gateway needs that address. Fix: set VPNGatewayAddress to the "
	    "device's public address.",
	    MULTI_SITE },
	[R_EXPRESSROUTE] = { "expressroute", LEVEL_WARNING, "warning",
	    "Dedicated connections: ExpressRoute is reported, not migrated",
	    "Connection type Dedicated is an ExpressRoute circuit link. It needs a circuit and an "
	    "ExpressRoute gateway that the netcfg does not describe, so netcfgc reports it in the "
	    "plan and emits nothing for it. Fix: migrate the circuit link by hand.",
	    "azure-docs articles/expressroute/expressroute-howto-coexist-classic.md" },
	[R_CLIENT_POOL_OVERLAP] = { "client-pool-overlap", LEVEL_ERROR, "error",
	    "point-to-site client pool overlaps the VNet or a connected site",
	    "The point-to-site address pool is routed to clients and must not overlap the VNet or "
	    "any network its gateway reaches. Fix: choose a disjoint pool.",
	    "azure-docs articles/vpn-gateway/vpn-gateway-howto-point-to-site-classic-azure-portal.md" },
	[R_ARM_NAME] = { "arm-name", LEVEL_NOTE, "note; error on collision",
	    "a classic name that ARM rejects, and the name it becomes; two names becoming one",
	    "ARM names may hold letters, digits, '.', '_' and '-', must start with a letter or digit "
	    "and end with a letter, digit or '_' (VNets 2-64 characters, others 1-80). netcfgc "
	    "replaces other characters with '-' and says so; two classic names that become one ARM "
	    "name are an error. Fix: rename one of them.",
	    "azure-docs articles/azure-resource-manager/management/resource-name-rules.md" },
	[R_SIDE_FILE] = { "side-file", LEVEL_ERROR, "error",
	    "a side-file line that names an unknown VNet or site, is malformed, or has a non-literal value",
	    "The -k side file holds the classic PowerShell lines that set keys and gateway types. "
	    "netcfgc reads literals only: a variable or a subexpression cannot be evaluated offline. "
	    "Other statements are skipped and noted under side-file-ignored. Fix: write the values "
	    "literally.",
	    "azure-docs-powershell ServiceManagement Set-AzureVNetGatewayKey, New-AzureVNetGateway" },
	[R_SIDE_FILE_IGNORED] = { "side-file-ignored", LEVEL_NOTE,
	    "note (warning when nothing in the file was recognised)",
	    "statements the side-file reader skipped, once per file",
	    "A side file is a provisioning script, a snippet or a saved console session; netcfgc "
	    "takes the gateway and key cmdlets from it (Set-AzureVNetGatewayKey, "
	    "New-AzureVNetGateway, Resize-AzureVNetGateway, Set-AzureVNetGatewayDefaultSite, "
	    "Get-AzureVNetGatewayKey with its printed Value) and the variables they use, and skips "
	    "every other statement (Add-AzureAccount, other cmdlets, control flow). The skipped "
	    "statements are one note per side file, with how many and where the first ones are, "
	    "so that a misspelt cmdlet cannot lose a key unseen; a side file in which nothing at "
	    "all was recognised (the netcfg given as -k, say) is a warning. Prompts and printed "
	    "output are not statements. The rule is its own: -W side-file=LEVEL leaves it alone. "
	    "Fix: nothing, if the skipped statements are not about gateways or keys; otherwise "
	    "correct the cmdlet's name.",
	    "azure-docs-powershell ServiceManagement Set-AzureVNetGatewayKey, New-AzureVNetGateway, "
	    "Get-AzureVNetGatewayKey" },
	[R_SIDE_FILE_VARIABLE] = { "side-file-variable", LEVEL_WARNING, "warning",
	    "a recognised cmdlet whose value is a variable that is not a constant; what it sets "
	    "stays unknown",
	    "netcfgc does not run PowerShell. A variable that the script assigns exactly once, "
	    "outside any block, from literals (joined with + or expanded in a double-quoted string "
	    "of such constants) is read as that value wherever it is used after the assignment. "
	    "Any other variable is not guessed: one assigned from a command "
	    "((Get-AzureVNetGatewayKey ...).Value, Read-Host), twice, inside a loop, function or "
	    "condition, a loop variable, a parameter, or one never assigned. The cmdlet that uses "
	    "it is read without that value: a key stays for the operator (shared-key-missing), a "
	    "gateway type or SKU is left to gateway-default, a VNet or site name drops the line. "
	    "The message names the variable, never a value. Fix: assign the value once at the top "
	    "of the script, or give it with a literal.",
	    "about_Variables, about_Quoting_Rules (PowerShell documentation)" },
	[R_UNSUPPORTED_SETTING] = { "unsupported-setting", LEVEL_WARNING, "warning",
	    "a netcfg setting with no ARM equivalent (Gateway profile, InternetGatewayNetwork)",
	    "Gateway/@profile and InternetGatewayNetwork have no counterpart in Resource Manager. "
	    "netcfgc keeps them in the model and reports them so nothing is dropped silently. Fix: "
	    "none needed; review whether anything relied on them.",
	    SCHEMA_DOC },
	[R_GATEWAY_DEFAULT] = { "gateway-default", LEVEL_NOTE, "note",
	    "a gateway's routing type or SKU is not known from -k; the default is used",
	    "The netcfg does not hold a gateway's routing type or size: New-AzureVNetGateway "
	    "and Resize-AzureVNetGateway set them. Without such a line in -k, netcfgc uses "
	    "RouteBased (what VNet-to-VNet, multi-site and point-to-site need) and the SKU "
	    "VpnGw1AZ (what Azure upgrades Standard gateways to). Fix: pass the provisioning "
	    "script with -k, or choose with --gateway-sku unknown=SKU.",
	    "azure-docs includes/vpn-gateway-deprecate-sku-faq.md; " LEGACY_SKU },
	[R_UNREFERENCED] = { "unreferenced", LEVEL_NOTE, "note",
	    "a local network site or DNS server that no VNet refers to; it is not migrated",
	    "A LocalNetworkSite that no LocalNetworkSiteRef names has no tunnel, and a DnsServer "
	    "that no DnsServerRef names is used by no VNet. ARM has no place for either on its "
	    "own: a local network gateway is made for a site with a tunnel, and DNS servers are "
	    "set on each virtual network. So neither becomes anything; this note says so, so that "
	    "nothing is left behind unmentioned. Fix: nothing, if they are leftovers; otherwise "
	    "add the reference that was meant (a misspelt one is a ref-undefined error).",
	    SCHEMA_DOC },
};

const char *
level_name(enum level l)
{
	switch (l) {
	case LEVEL_OFF:
		return "off";
	case LEVEL_NOTE:
		return "note";
	case LEVEL_WARNING:
		return "warning";
	case LEVEL_ERROR:
		return "error";
	}
	return "?";
}

int
level_from_name(const char *s, enum level *out)
{
	static const enum level all[] = { LEVEL_OFF, LEVEL_NOTE, LEVEL_WARNING, LEVEL_ERROR };
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, level_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

int
rule_lookup(const char *name)
{
	int i;

	for (i = 0; i < R__COUNT; i++)
		if (strcmp(rules[i].name, name) == 0)
			return i;
	return -1;
}
