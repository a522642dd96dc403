# Classic provisioning of the VNet-to-VNet example (azure-docs
# vpn-gateway-howto-vnet-vnet-portal-classic): gateways, then the keys.
New-AzureVNetGateway -VNetName 'Group ClassicRG TestVNet1' -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName 'Group ClassicRG TestVNet4' -GatewayType DynamicRouting -GatewaySKU Standard

Set-AzureVNetGatewayKey -VNetName 'Group ClassicRG TestVNet1' `
-LocalNetworkSiteName 'D1BFC9CB_VNet4Local' -SharedKey A1b2C3D4
Set-AzureVNetGatewayKey -VNetName 'Group ClassicRG TestVNet4' `
-LocalNetworkSiteName '6C74F6E6_VNet1Local' -SharedKey A1b2C3D4
