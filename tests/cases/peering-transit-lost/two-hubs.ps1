New-AzureVNetGateway -VNetName Hub1 -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName Hub2 -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName Spoke -GatewayType DynamicRouting -GatewaySKU Standard
Set-AzureVNetGatewayKey -VNetName Hub1 -LocalNetworkSiteName OnPrem1 -SharedKey K1onprem
Set-AzureVNetGatewayKey -VNetName Hub2 -LocalNetworkSiteName OnPrem2 -SharedKey K2onprem
