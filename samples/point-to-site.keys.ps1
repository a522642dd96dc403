New-AzureVNetGateway -VNetName RemoteAccessVNet -GatewayType DynamicRouting -GatewaySKU Default
