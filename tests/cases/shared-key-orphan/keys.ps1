Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey Abc123
Set-AzureVNetGatewayKey -VNetName VNetB -LocalNetworkSiteName SiteA -SharedKey Abc123
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName Branch -SharedKey Abc123
