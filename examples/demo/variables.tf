variable "project_id" {
  description = "The Atlas project (24 hexadecimal digits) that holds the stream workspace."
  type        = string
}

variable "workspace_name" {
  description = "The stream workspace to create the connections in."
  type        = string
  default     = "analytics"
}

variable "kafka_password" {
  description = "The Kafka SASL password (set TF_VAR_kafka_password)."
  type        = string
  sensitive   = true
}

variable "webhook_token" {
  description = "The bearer token the HTTPS connection sends (set TF_VAR_webhook_token)."
  type        = string
  sensitive   = true
}

variable "registry_password" {
  description = "The schema registry password (set TF_VAR_registry_password)."
  type        = string
  sensitive   = true
}
