New-AzureVNetGateway -VNetName Hub -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName Spoke1 -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName Spoke2 -GatewayType DynamicRouting -GatewaySKU Standard
Set-AzureVNetGatewayKey -VNetName Hub -LocalNetworkSiteName OnPrem -SharedKey OnPremKey1
Set-AzureVNetGatewayKey -VNetName Hub -LocalNetworkSiteName Spoke1Site -SharedKey PairKey1
Set-AzureVNetGatewayKey -VNetName Spoke1 -LocalNetworkSiteName HubViaSpoke1 -SharedKey PairKey1
Set-AzureVNetGatewayKey -VNetName Hub -LocalNetworkSiteName Spoke2Site -SharedKey PairKey2
Set-AzureVNetGatewayKey -VNetName Spoke2 -LocalNetworkSiteName HubViaSpoke2 -SharedKey OtherKey2
