# Needs Terraform 1.14 or later (`terraform query`), beside a configuration
# whose required_providers has atlasx = { source = "atlasx/atlasx" }.

# Every failover connection of the workspace, each found once: without
# connection_name, those of each Kafka and Cluster connection. Keep it the only
# failover list block for the workspace. -generate-config-out writes a
# resource and an import block (by identity) for each.
list "atlasx_stream_connection_failover" "analytics" {
  provider         = atlasx
  include_resource = true
  limit            = 10000

  config {
    project_id     = "32b6e34b3d91647abb20e7b8"
    workspace_name = "analytics"
  }
}
