variable "kafka_password" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection" "orders" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"

  kafka = {
    bootstrap_servers = "b1.virginia.example.com:9092"
    authentication    = { mechanism = "SCRAM-256", username = "app", password = var.kafka_password }
    security          = { protocol = "SASL_SSL" }
  }
}

# The same connection as reached from DUBLIN_IRL, one of the workspace's failover regions.
resource "atlasx_stream_connection_failover" "orders_dublin" {
  project_id      = atlasx_stream_connection.orders.project_id
  workspace_name  = atlasx_stream_connection.orders.workspace_name
  connection_name = atlasx_stream_connection.orders.connection_name
  region          = "DUBLIN_IRL"

  kafka = {
    bootstrap_servers = "b1.dublin.example.com:9092"
    authentication    = { mechanism = "SCRAM-256", username = "app", password = var.kafka_password }
    security          = { protocol = "SASL_SSL" }
  }
}
