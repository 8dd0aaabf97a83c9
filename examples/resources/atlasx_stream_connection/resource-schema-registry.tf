# A Confluent schema registry with its own credentials (USER_INFO).
# Use type = "SASL_INHERIT" (and nothing else) to reuse the Kafka connection's credentials.
variable "registry_api_secret" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection" "registry" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "registry"

  schema_registry = {
    provider = "CONFLUENT"
    urls     = ["https://psrc-123.us-east-1.aws.confluent.cloud"]
    authentication = {
      type     = "USER_INFO"
      username = "SRKEY123"
      password = var.registry_api_secret
    }
  }
}
