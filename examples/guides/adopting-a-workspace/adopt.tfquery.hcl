# Needs Terraform 1.14 or later (`terraform query`), beside a configuration
# whose required_providers has atlasx = { source = "atlasx/atlasx" }.

# Every connection of the workspace, each type included, with its attributes,
# so that `terraform query -generate-config-out` writes them all.
list "atlasx_stream_connection" "analytics" {
  provider         = atlasx
  include_resource = true
  limit            = 10000

  config {
    project_id     = "32b6e34b3d91647abb20e7b8"
    workspace_name = "analytics"
  }
}
