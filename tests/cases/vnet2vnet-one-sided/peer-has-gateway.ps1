New-AzureVNetGateway -VNetName VNetA -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName "Group Prod(EU) VNetB" -GatewayType DynamicRouting -GatewaySKU Standard
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey OneSidedKey42
