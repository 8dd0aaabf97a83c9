# terraform query (Terraform 1.14 or later), beside a configuration whose
# required_providers has atlasx = { source = "atlasx/atlasx" }.
#
# Each failover connection must be found by one list block only:
# `terraform query -generate-config-out` writes a resource and an import block
# for every result of every block, so a failover connection that two blocks
# find (one for its connection, one for its whole workspace) would be written
# twice, and the plan would refuse the two imports of one identity.

# The failover connections of one connection, with their attributes.
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
# connection of a workspace, here another one, e.g. to adopt it whole.
list "atlasx_stream_connection_failover" "reporting" {
  provider         = atlasx
  include_resource = true
  limit            = 10000

  config {
    project_id     = "32b6e34b3d91647abb20e7b8"
    workspace_name = "reporting"
  }
}
