# required_providers: atlasx = { source = "atlasx/atlasx" }.
#
# A generated resource with its secret filled in from a variable. Give the
# value outside the configuration: TF_VAR_orders_kafka_password, a .tfvars
# file kept out of version control, or -var.
variable "orders_kafka_password" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection" "orders" {
  connection_name = "orders"
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  region          = "VIRGINIA_USA"
  kafka = {
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      password  = var.orders_kafka_password # was: null # sensitive
    }
    bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
    security = {
      protocol = "SASL_SSL"
    }
  }
}
