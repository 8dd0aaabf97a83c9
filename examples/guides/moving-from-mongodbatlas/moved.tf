# The connection the mongodbatlas provider managed as
#
#   resource "mongodbatlas_stream_connection" "orders" {
#     project_id        = "32b6e34b3d91647abb20e7b8"
#     workspace_name    = "analytics"
#     connection_name   = "orders"
#     type              = "Kafka"
#     bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
#     config            = { "auto.offset.reset" = "earliest" }
#     authentication    = { mechanism = "SCRAM-256", username = "app", password = var.kafka_password }
#     security          = { protocol = "SASL_SSL" }
#   }
#
# now written for atlasx, with a moved block that hands its state over.

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
      password  = var.kafka_password # the same value as before: the plan then shows no change
    }
    security = { protocol = "SASL_SSL" }
    # No networking: the PUBLIC access the mongodbatlas provider recorded is Atlas's default.
  }
}

moved {
  from = mongodbatlas_stream_connection.orders
  to   = atlasx_stream_connection.orders
}
