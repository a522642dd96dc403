# Provisioning of the multi-site hub (classic Service Management cmdlets).
Add-AzureAccount
Select-AzureSubscription -SubscriptionName "Production"

New-AzureVNetGateway -VNetName "Group ProdRG HubVNet" `
    -GatewayType DynamicRouting `
    -GatewaySKU HighPerformance

<# One key per site; the devices were configured with the same values. #>
Set-AzureVNetGatewayKey -VNetName "Group ProdRG HubVNet" -LocalNetworkSiteName HQ-Rotterdam -SharedKey 'Rk7Q2mX9pL4vT8sW'
set-azurevnetgatewaykey -vnetname "Group ProdRG HubVNet" -localnetworksitename '8A3F11C2_Branch-London' -sharedkey "Hn3Zc6Yb1Jd5Fa0G"
Set-AzureVNetGatewayKey -VNet 'Group ProdRG HubVNet' -LocalNetworkSite '8A3F11C2_Branch-Antwerp' -SharedKey:Pq8Ww2Ee4Rr6Tt0Y | Out-Null
