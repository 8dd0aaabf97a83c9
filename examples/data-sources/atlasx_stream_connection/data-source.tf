# Read one connection. Secrets are always null here: Atlas never returns them.
data "atlasx_stream_connection" "orders" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"
}

output "orders_bootstrap_servers" {
  value = data.atlasx_stream_connection.orders.kafka.bootstrap_servers
}

output "orders_state" {
  value = data.atlasx_stream_connection.orders.state
}
