# The failover connection the mongodbatlas provider managed as
#
#   resource "mongodbatlas_stream_connection_failover" "orders_dublin" {
#     project_id        = "32b6e34b3d91647abb20e7b8"
#     workspace_name    = "analytics"
#     connection_name   = "orders"
#     region            = "DUBLIN_IRL"
#     type              = "Kafka"
#     bootstrap_servers = "b1.dublin.example.com:9092"
#     authentication    = { mechanism = "SCRAM-256", username = "app", password = var.kafka_password }
#     security          = { protocol = "SASL_SSL" }
#   }
#
# now written for atlasx, its type's settings under kafka, with a moved block
# that hands its state over. No request is sent to Atlas.

variable "kafka_password" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection_failover" "orders_dublin" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "orders"
  region          = "DUBLIN_IRL"

  kafka = {
    bootstrap_servers = "b1.dublin.example.com:9092"
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      password  = var.kafka_password # the same value as before: the plan then shows no change
    }
    security = { protocol = "SASL_SSL" }
  }
}

moved {
  from = mongodbatlas_stream_connection_failover.orders_dublin
  to   = atlasx_stream_connection_failover.orders_dublin
}
