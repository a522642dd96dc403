New-AzureVNetGateway -VNetName 'Group NetworkRG Hub' -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName 'Group AppRG Spoke' -GatewayType DynamicRouting -GatewaySKU Standard
Set-AzureVNetGatewayKey -VNetName 'Group NetworkRG Hub' -LocalNetworkSiteName SpokeLocal -SharedKey HubSpoke2016
Set-AzureVNetGatewayKey -VNetName 'Group AppRG Spoke' -LocalNetworkSiteName HubLocal -SharedKey HubSpoke2016
Set-AzureVNetGatewayKey -VNetName 'Group NetworkRG Hub' -LocalNetworkSiteName OnPrem -SharedKey Xy7Kq2Vn9Bw4
