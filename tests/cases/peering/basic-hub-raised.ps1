New-AzureVNetGateway -VNetName Hub -GatewayType DynamicRouting -GatewaySKU Default
New-AzureVNetGateway -VNetName Spoke -GatewayType DynamicRouting -GatewaySKU Default
Set-AzureVNetGatewayKey -VNetName Hub -LocalNetworkSiteName OnPrem -SharedKey OnPremKey2
