# Needs Terraform 1.11 or OpenTofu 1.11 or later: write-only attributes and ephemeral variables.
# The password comes from an ephemeral variable into password_wo, so it never
# reaches the plan or the state. To send a new one, change it and bump
# password_wo_version in the same apply.
variable "kafka_password" {
  type      = string
  ephemeral = true
}

variable "kafka_password_version" {
  type    = number
  default = 1
}

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
      password_wo_version = var.kafka_password_version
    }
    security = { protocol = "SASL_SSL" }
  }
}
