data "atlasx_stream_connection_failover" "orders_dublin" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"
  region          = "DUBLIN_IRL"
}

output "dublin_bootstrap_servers" {
  value = data.atlasx_stream_connection_failover.orders_dublin.kafka.bootstrap_servers
}
