# A Cluster connection's failover connection names its own cluster.
resource "atlasx_stream_connection_failover" "warehouse_oregon" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "warehouse"
  region          = "OREGON_USA"

  cluster = {
    cluster_name       = "warehouse-oregon"
    db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
  }
}

# A Kafka failover connection whose password never reaches plan or state
# (Terraform 1.11 or OpenTofu 1.11 and later): bump the version to send a new one.
resource "atlasx_stream_connection_failover" "orders_oregon" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"
  region          = "OREGON_USA"

  kafka = {
    bootstrap_servers = "b1.oregon.example.com:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "app"
      password_wo         = var.kafka_password
      password_wo_version = 1
    }
  }
}
