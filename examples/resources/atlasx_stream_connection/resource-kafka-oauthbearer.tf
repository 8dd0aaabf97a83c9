# Kafka with OAUTHBEARER over OIDC, reached through an AWS PrivateLink endpoint.
variable "kafka_oidc_client_secret" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection" "events" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "events"

  kafka = {
    bootstrap_servers = "broker.internal.example.com:9096"
    authentication = {
      mechanism          = "OAUTHBEARER"
      method             = "OIDC"
      token_endpoint_url = "https://login.example.com/oauth2/token"
      client_id          = "atlas-streams"
      client_secret      = var.kafka_oidc_client_secret
      scope              = "kafka"
    }
    security = {
      protocol = "SASL_SSL"
    }
    networking = {
      access = {
        type          = "PRIVATE_LINK"
        connection_id = "65f1c2a4b9e8d7c6b5a49382"
      }
    }
  }
}
