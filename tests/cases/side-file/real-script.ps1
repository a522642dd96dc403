<#
.SYNOPSIS
    Builds the classic hub gateway and its branch tunnels (written for this
    project in the shape of the provisioning scripts of the time).
#>
param(
    [string]$SubscriptionName = "Production",
    [string]$BranchKey
)

$ErrorActionPreference = "Stop"
$rg       = "ProdRG"
$hubName  = "Group $rg HubVNet"
$hqSite   = 'HQ-Rotterdam'
$prefix   = "8A3F11C2"
$hqKey    = 'Rk7Q2mX9pL4vT8sW'
$londonKey = "Lon" + 'd0nK3y' + "2016"

Select-AzureSubscription -SubscriptionName $SubscriptionName

Write-Host "Creating the gateway of $hubName (takes 30 minutes)"
New-AzureVNetGateway -VNetName $hubName `
    -GatewayType DynamicRouting `
    -GatewaySKU HighPerformance -ErrorAction Stop | Out-Null

Set-AzureVNetGatewayKey -VNetName $hubName -LocalNetworkSiteName $hqSite -SharedKey $hqKey
Set-AzureVNetGatewayKey -VNetName $hubName -LocalNetworkSiteName "$($prefix)_Branch-London" `
    -SharedKey $londonKey

# every branch gets the key from the parameter: not known from the file
foreach ($branch in @("Antwerp")) {
    $site = "$($prefix)_Branch-$branch"
    Set-AzureVNetGatewayKey -VNetName $hubName -LocalNetworkSiteName $site -SharedKey $BranchKey
}

function Show-Key([string]$Site) {
    (Get-AzureVNetGatewayKey -VNetName $hubName -LocalNetworkSiteName $Site).Value
}
