# skipped statements are side-file-ignored, whatever -W side-file says
Add-AzureAccount
$sub = 'Production'
Select-AzureSubscription -SubscriptionName $sub
New-AzureVNetGateway -VNetName VNet1 -GatewayType DynamicRouting -Bogus
