# A Kafka cluster reached over SASL_SSL with SCRAM credentials.
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
    config = {
      "auto.offset.reset" = "earliest"
    }
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      password  = var.kafka_password
    }
    security = {
      protocol = "SASL_SSL"
    }
  }
}
