Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey SecretOne1
Set-AzureVNetGatewayKey -VNetName VNetB -LocalNetworkSiteName SiteA -SharedKey SecretTwo2
