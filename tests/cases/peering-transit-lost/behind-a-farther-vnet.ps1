New-AzureVNetGateway -VNetName VNetA -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName VNetB -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName VNetC -GatewayType DynamicRouting -GatewaySKU Standard
Set-AzureVNetGatewayKey -VNetName VNetC -LocalNetworkSiteName OnPremC -SharedKey OnPremKey7
