# the keys of the VNet-to-VNet example, as first set
Set-AzureVNetGatewayKey -VNetName 'Group ClassicRG TestVNet1' -LocalNetworkSiteName 'D1BFC9CB_VNet4Local' -SharedKey A1b2C3D4
Set-AzureVNetGatewayKey -VNetName 'Group ClassicRG TestVNet4' -LocalNetworkSiteName '6C74F6E6_VNet1Local' -SharedKey A1b2C3D4
# the same key again: no conflict
Set-AzureVNetGatewayKey -VNetName 'group classicrg testvnet4' -LocalNetworkSiteName '6C74F6E6_VNet1Local' -SharedKey A1b2C3D4
