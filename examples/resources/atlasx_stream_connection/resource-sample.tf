# A sample source: connection_name names the sample.
resource "atlasx_stream_connection" "solar" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "sample_stream_solar"

  sample = {}
}
