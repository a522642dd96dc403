New-AzureVNetGateway -VNetName Hub -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName Spoke -GatewayType DynamicRouting -GatewaySKU Standard
Set-AzureVNetGatewayKey -VNetName Hub -LocalNetworkSiteName OnPrem -SharedKey OnPremKey3
