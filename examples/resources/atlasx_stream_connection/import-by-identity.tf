# Needs Terraform 1.12 or OpenTofu 1.12 or later: import blocks by identity.
# The identity is the connection's three names; all three are required.
import {
  to = atlasx_stream_connection.orders
  identity = {
    project_id      = "32b6e34b3d91647abb20e7b8"
    workspace_name  = "analytics"
    connection_name = "orders"
  }
}
