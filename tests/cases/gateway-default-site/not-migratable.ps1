New-AzureVNetGateway -VNetName Static -GatewayType StaticRouting
New-AzureVNetGateway -VNetName Dynamic -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName Peer -GatewayType DynamicRouting -GatewaySKU Standard
# PolicyBased in ARM: no forced tunnelling
Set-AzureVNetGatewayDefaultSite -VNetName Static -DefaultSite HQ
# Branch is not one of Dynamic's tunnels
Set-AzureVNetGatewayDefaultSite -VNetName Dynamic -DefaultSite Branch
# PeerLocal stands for VNet Peer
Set-AzureVNetGatewayDefaultSite Peer DynLocal
Set-AzureVNetGatewayDefaultSite -VNetName NoGateway -DefaultSite HQ
# positional form, and a site the netcfg does not define
Set-AzureVNetGatewayDefaultSite Dynamic HQ-Typo
