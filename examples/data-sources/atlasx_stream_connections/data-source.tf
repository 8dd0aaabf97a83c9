# List every connection of a workspace, across all pages.
data "atlasx_stream_connections" "analytics" {
  project_id     = "32b6e34b3d91647abb20e7b8"
  workspace_name = "analytics"
}

output "kafka_connection_names" {
  value = [for c in data.atlasx_stream_connections.analytics.connections : c.connection_name if c.kafka != null]
}
