Add-AzureAccount
$key = Get-Content key.txt
Set-AzureVNetGatewayKey -VNetName VNetAA -LocalNetworkSiteName SiteB -SharedKey Abc123
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteC -SharedKey Abc123
Set-AzureVNetGatewayKey -VNetName VNetB -LocalNetworkSiteName SiteA -SharedKey $key
New-AzureVNetGateway -VNetName 'Group RG Other' -GatewayType DynamicRouting
