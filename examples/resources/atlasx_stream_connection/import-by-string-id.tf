# Import with a block (Terraform 1.5+, OpenTofu 1.5+); either id form works.
import {
  to = atlasx_stream_connection.orders
  id = "32b6e34b3d91647abb20e7b8/analytics/orders"
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
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      # Atlas never returns secrets: give them here. The first apply after the
      # import sends them to Atlas (an update in place).
      password = var.kafka_password
    }
    security = {
      protocol = "SASL_SSL"
    }
  }
}
