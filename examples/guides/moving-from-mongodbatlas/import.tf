# Without a moved block: drop the connection from the mongodbatlas state first
# (`tofu state rm mongodbatlas_stream_connection.orders`), then import it with the
# id that provider gave it, workspace_name-project_id-connection_name.
import {
  to = atlasx_stream_connection.orders
  id = "analytics-32b6e34b3d91647abb20e7b8-orders"
}

variable "kafka_password" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection" "orders" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"

  kafka = {
    bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
    config            = { "auto.offset.reset" = "earliest" }
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      # Atlas never returns secrets: the apply that imports sends this one (an update in place).
      password = var.kafka_password
    }
    security = { protocol = "SASL_SSL" }
  }
}
