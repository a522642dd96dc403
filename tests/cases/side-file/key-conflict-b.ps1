# a later script sets another key for one direction
Set-AzureVNetGatewayKey -VNetName 'Group ClassicRG TestVNet1' -LocalNetworkSiteName 'd1bfc9cb_vnet4local' -SharedKey Zz9Yy8Xx7
