New-AzureVNetGateway -VNetName VNetA -GatewayType StaticRouting
New-AzureVNetGateway -VNetName VNetB -GatewayType StaticRouting
New-AzureVNetGateway -VNetName Multi -GatewayType StaticRouting
New-AzureVNetGateway -VNetName P2S -GatewayType StaticRouting
New-AzureVNetGateway -VNetName Single -GatewayType StaticRouting
