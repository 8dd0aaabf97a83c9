# An HTTPS endpoint. Headers are sensitive: they often carry credentials.
variable "webhook_token" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection" "webhook" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "webhook"

  https = {
    url = "https://hooks.example.com/atlas"
    headers = {
      Authorization = "Bearer ${var.webhook_token}"
      Content-Type  = "application/json"
    }
  }
}
