# terraform query (Terraform 1.14 or later): the failover connections of one connection,
# with their attributes, e.g. for `terraform query -generate-config-out=failovers.tf`.
list "atlasx_stream_connection_failover" "orders" {
  provider         = atlasx
  include_resource = true

  config {
    project_id      = "32b6e34b3d91647abb20e7b8"
    workspace_name  = "analytics"
    connection_name = "orders"
  }
}

# Without connection_name: the failover connections of every Kafka and Cluster
# connection of the workspace, e.g. to adopt a whole workspace.
list "atlasx_stream_connection_failover" "analytics" {
  provider         = atlasx
  include_resource = true

  config {
    project_id     = "32b6e34b3d91647abb20e7b8"
    workspace_name = "analytics"
  }
}
