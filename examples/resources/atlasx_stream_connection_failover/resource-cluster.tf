# A Cluster connection's failover connection names its own cluster.
resource "atlasx_stream_connection_failover" "warehouse_oregon" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "warehouse"
  region          = "OREGON_USA"

  cluster = {
    cluster_name       = "warehouse-oregon"
    db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
  }
}
