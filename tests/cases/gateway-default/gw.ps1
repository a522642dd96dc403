New-AzureVNetGateway -VNetName Hub02 -GatewayType DynamicRouting
