# Kafka with mutual TLS: a client certificate and key (PEM), and the brokers' CA.
variable "kafka_client_certificate_pem" {
  type = string
}

variable "kafka_client_key_pem" {
  type      = string
  sensitive = true
}

variable "kafka_ca_certificate_pem" {
  type = string
}

resource "atlasx_stream_connection" "payments" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "payments"

  kafka = {
    bootstrap_servers = "kafka.example.com:9093"
    authentication = {
      ssl_certificate = var.kafka_client_certificate_pem
      ssl_key         = var.kafka_client_key_pem
    }
    security = {
      protocol                  = "SSL"
      broker_public_certificate = var.kafka_ca_certificate_pem
    }
  }
}
