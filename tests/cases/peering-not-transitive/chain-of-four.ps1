New-AzureVNetGateway -VNetName VNetA -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName VNetB -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName VNetC -GatewayType DynamicRouting -GatewaySKU Standard
New-AzureVNetGateway -VNetName VNetD -GatewayType DynamicRouting -GatewaySKU Standard
