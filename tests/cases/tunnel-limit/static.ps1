New-AzureVNetGateway -VNetName Hub -GatewayType StaticRouting
