Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey Abc123
