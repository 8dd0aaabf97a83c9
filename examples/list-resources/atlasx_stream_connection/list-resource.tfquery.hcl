# Needs Terraform 1.14 or later (`terraform query`).

# Every Kafka connection of one workspace, with its attributes, so that
# `terraform query -generate-config-out=connections.tf` writes a resource and
# an import block for each.
list "atlasx_stream_connection" "kafka" {
  provider         = atlasx
  include_resource = true

  config {
    project_id     = "32b6e34b3d91647abb20e7b8"
    workspace_name = "analytics"
    type           = "kafka"
  }
}

# The connections of every workspace of the project, up to 1000 of them.
list "atlasx_stream_connection" "project" {
  provider = atlasx
  limit    = 1000

  config {
    project_id = "32b6e34b3d91647abb20e7b8"
  }
}
