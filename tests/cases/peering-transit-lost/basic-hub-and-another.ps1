New-AzureVNetGateway -VNetName Hub1 -GatewayType DynamicRouting -GatewaySKU Basic
New-AzureVNetGateway -VNetName Hub2 -GatewayType DynamicRouting -GatewaySKU Standard
