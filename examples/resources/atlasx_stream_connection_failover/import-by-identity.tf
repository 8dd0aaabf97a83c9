# Needs Terraform 1.12 or OpenTofu 1.12 or later: import blocks by identity.
# required_providers: atlasx = { source = "atlasx/atlasx" }.
# The identity is the parent connection's three names and the region; all four are required.
import {
  to = atlasx_stream_connection_failover.orders_dublin
  identity = {
    project_id      = "32b6e34b3d91647abb20e7b8"
    workspace_name  = "analytics"
    connection_name = "orders"
    region          = "DUBLIN_IRL"
  }
}
