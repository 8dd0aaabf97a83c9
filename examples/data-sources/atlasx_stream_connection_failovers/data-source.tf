# required_providers: atlasx = { source = "atlasx/atlasx" }.
data "atlasx_stream_connection_failovers" "orders" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"
}

output "failover_regions_in_use" {
  value = [for f in data.atlasx_stream_connection_failovers.orders.failover_connections : f.region]
}
