# An Atlas cluster, read and written as a custom database role.
resource "atlasx_stream_connection" "cluster" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "main_cluster"

  cluster = {
    cluster_name = "Cluster0"
    db_role_to_execute = {
      role = "streamsReader"
      type = "CUSTOM"
    }
  }
}
