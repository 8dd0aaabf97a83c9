# Needs Terraform 1.11 or OpenTofu 1.11 or later: write-only attributes and ephemeral variables.
# The password comes from an ephemeral variable into password_wo, so it never
# reaches the plan or the state. The provider cannot see it change: to send a
# new password, change it and bump password_wo_version in the same apply.
variable "kafka_password" {
  type      = string
  ephemeral = true
}

variable "kafka_password_version" {
  type    = number
  default = 1
}

resource "atlasx_stream_connection" "clicks" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "clicks"

  kafka = {
    bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
    authentication = {
      mechanism           = "SCRAM-512"
      username            = "clicks"
      password_wo         = var.kafka_password
      password_wo_version = var.kafka_password_version
    }
    security = {
      protocol = "SASL_SSL"
    }
  }
}
