# The 2013 set-up: one policy-based tunnel to the datacenter.
New-AzureVNetGateway -VNetName LegacyVNet -GatewayType StaticRouting
Set-AzureVNetGatewayKey -VNetName LegacyVNet -LocalNetworkSiteName Datacenter -SharedKey 9f2c4e6a8b0d1357
