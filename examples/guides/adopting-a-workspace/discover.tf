# required_providers: atlasx = { source = "atlasx/atlasx" }.
#
# Discovery: lists a workspace's connections and renders one import block per
# connection. Run it in a directory of its own, then copy the output into the
# configuration that is to manage them:
#   tofu init && tofu apply -var project_id=... -var workspace_name=...
#   tofu output -raw import_blocks > ../imports.tf
variable "project_id" {
  type = string
}

variable "workspace_name" {
  type = string
}

data "atlasx_stream_connections" "workspace" {
  project_id     = var.project_id
  workspace_name = var.workspace_name
}

locals {
  # Each connection's resource name is its connection name, with every
  # character a name cannot hold replaced by "_", and "_" in front when it
  # does not start with a letter.
  resource_names = {
    for c in data.atlasx_stream_connections.workspace.connections :
    c.id => format("%s%s", can(regex("^[A-Za-z_]", c.connection_name)) ? "" : "_", replace(c.connection_name, "/[^0-9A-Za-z_-]/", "_"))
  }
}

output "import_blocks" {
  description = "One import block per connection, for -generate-config-out."
  value = join("", [for id, name in local.resource_names : <<-EOT
    import {
      to = atlasx_stream_connection.${name}
      id = "${id}"
    }
    EOT
  ])
}
