New-AzureVNetGateway -VNetName VNetA -GatewayType DynamicRouting -GatewaySKU Standard
