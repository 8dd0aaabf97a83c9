# required_providers: atlasx = { source = "atlasx/atlasx" } and, until this
# move is applied, mongodbatlas = { source = "mongodb/mongodbatlas" }.
#
# A connection and its failover connection, which the mongodbatlas provider
# managed as
#
#   resource "mongodbatlas_stream_connection" "orders" {
#     project_id        = "32b6e34b3d91647abb20e7b8"
#     workspace_name    = "analytics"
#     connection_name   = "orders"
#     type              = "Kafka"
#     bootstrap_servers = "b1.virginia.example.com:9092"
#     authentication    = { mechanism = "SCRAM-256", username = "app", password = var.kafka_password }
#     security          = { protocol = "SASL_SSL" }
#   }
#
#   resource "mongodbatlas_stream_connection_failover" "orders_dublin" {
#     project_id        = "32b6e34b3d91647abb20e7b8"
#     workspace_name    = "analytics"
#     connection_name   = mongodbatlas_stream_connection.orders.connection_name
#     region            = "DUBLIN_IRL"
#     type              = "Kafka"
#     bootstrap_servers = "b1.dublin.example.com:9092"
#     authentication    = { mechanism = "SCRAM-256", username = "app", password = var.kafka_password }
#     security          = { protocol = "SASL_SSL" }
#   }
#
# now written for atlasx, each type's settings under kafka, with a moved block
# for each that hands its state over. No request is sent to Atlas.

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
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      password  = var.kafka_password # the same value as before: the plan then shows no change
    }
    security = { protocol = "SASL_SSL" }
  }
}

moved {
  from = mongodbatlas_stream_connection.orders
  to   = atlasx_stream_connection.orders
}

# The failover connection names its parent through the atlasx resource, so
# that atlasx plans them together.
resource "atlasx_stream_connection_failover" "orders_dublin" {
  project_id      = atlasx_stream_connection.orders.project_id
  workspace_name  = atlasx_stream_connection.orders.workspace_name
  connection_name = atlasx_stream_connection.orders.connection_name
  region          = "DUBLIN_IRL"

  kafka = {
    bootstrap_servers = "b1.dublin.example.com:9092"
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      password  = var.kafka_password
    }
    security = { protocol = "SASL_SSL" }
  }
}

moved {
  from = mongodbatlas_stream_connection_failover.orders_dublin
  to   = atlasx_stream_connection_failover.orders_dublin
}
