New-AzureVNetGateway -VNetName Hub -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName Spoke -GatewayType DynamicRouting -GatewaySKU Standard
