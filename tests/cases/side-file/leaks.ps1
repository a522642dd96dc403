# Keys where the reader cannot know they are keys: none may be quoted.
# a broken continuation (a space after the backtick)
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB ` 
-SharedKey SecretBrokenA1
# a key on a line of its own: the backtick is missing
Set-AzureVNetGatewayKey -VNetName VNetB -LocalNetworkSiteName SiteA -SharedKey
Secret-Own-Line2
# a key that looks like a parameter
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey -SecretLooksLikeAParam3
# positional values in the wrong order
Set-AzureVNetGatewayKey SecretPositional4 VNetA SiteB
Set-AzureVNetGatewayKey VNetA SecretPositional5 SiteB
# a key given as the gateway type and as the SKU
New-AzureVNetGateway -VNetName VNetA -GatewayType SecretAsType6
New-AzureVNetGateway -VNetName VNetA -GatewayType DynamicRouting -GatewaySKU SecretAsSku7
# a key given twice, and one value too many
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey:SecretColon8 -SharedKey SecretTwice9
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey SecretExtra10 SecretExtra11
# an abbreviated parameter that is a key
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey `
-SecretVe12
# a key as a here-string
Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey @'
SecretHere13
'@
# a key after a cmdlet netcfgc does not read, on one line
Write-Output SecretWritten14; Set-AzureVNetGatewayKey -VNetName VNetA -LocalNetworkSiteName SiteB -SharedKey SecretOk15
