# Forced tunnelling, as "Configure forced tunneling using the classic deployment model" does it
New-AzureVNetGateway -VNetName "MultiTier-VNet" -GatewayType DynamicRouting -GatewaySKU Standard
Set-AzureVNetGatewayKey -VNetName "MultiTier-VNet" -LocalNetworkSiteName "DefaultSiteHQ" -SharedKey "ForcedHQ2024"
Set-AzureVNetGatewayKey -VNetName "MultiTier-VNet" -LocalNetworkSiteName "Branch1" -SharedKey "Branch12024"
Set-AzureVNetGatewayDefaultSite –VNetName "MultiTier-VNet" –DefaultSite "DefaultSiteHQ"
Remove-AzureVnetGatewayDefaultSite -VNetName "MultiTier-VNet"
