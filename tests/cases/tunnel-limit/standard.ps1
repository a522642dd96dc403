New-AzureVNetGateway -VNetName Hub -GatewayType DynamicRouting -GatewaySKU Standard
