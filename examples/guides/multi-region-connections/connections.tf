# Needs Terraform 1.11 or OpenTofu 1.11 or later: write-only attributes and ephemeral variables.
# required_providers: atlasx = { source = "atlasx/atlasx" }.
#
# A Kafka connection in the workspace's own region, and the same connection as
# it is reached from DUBLIN_IRL, its failover region: other brokers, the same
# credentials. The passwords are write-only: they never reach plan or state.
# Each failover connection names its parent through atlasx_stream_connection,
# never by literal strings: Terraform then creates the parent first and
# deletes it last, and atlasx knows what this plan does to the parent.
variable "kafka_password" {
  type      = string
  ephemeral = true
}

variable "kafka_password_version" {
  type    = number
  default = 1
}

resource "atlasx_stream_connection" "orders" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"

  kafka = {
    bootstrap_servers = "b1.virginia.example.com:9092,b2.virginia.example.com:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "app"
      password_wo         = var.kafka_password
      password_wo_version = var.kafka_password_version
    }
    security = { protocol = "SASL_SSL" }
  }
}

resource "atlasx_stream_connection_failover" "orders_dublin" {
  project_id      = atlasx_stream_connection.orders.project_id
  workspace_name  = atlasx_stream_connection.orders.workspace_name
  connection_name = atlasx_stream_connection.orders.connection_name
  region          = "DUBLIN_IRL"

  kafka = {
    bootstrap_servers = "b1.dublin.example.com:9092,b2.dublin.example.com:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "app"
      password_wo         = var.kafka_password
      password_wo_version = var.kafka_password_version
    }
    security = { protocol = "SASL_SSL" }
  }
}

# A Cluster connection's failover connection names the cluster to use from there.
resource "atlasx_stream_connection" "warehouse" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "warehouse"

  cluster = {
    cluster_name       = "warehouse"
    db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
  }
}

resource "atlasx_stream_connection_failover" "warehouse_dublin" {
  project_id      = atlasx_stream_connection.warehouse.project_id
  workspace_name  = atlasx_stream_connection.warehouse.workspace_name
  connection_name = atlasx_stream_connection.warehouse.connection_name
  region          = "DUBLIN_IRL"

  cluster = {
    cluster_name       = "warehouse-dublin"
    db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
  }
}
