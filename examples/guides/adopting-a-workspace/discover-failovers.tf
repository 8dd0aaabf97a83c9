# required_providers: atlasx = { source = "atlasx/atlasx" }.
#
# Discovery of failover connections: reads the failover connections of each
# Kafka and Cluster connection of the workspace and renders one import block per
# failover connection, by project_id/workspace_name/connection_name/region.
# Run it in a directory of its own, as discover.tf:
#   tofu init && tofu apply -var project_id=... -var workspace_name=...
#   tofu output -raw failover_import_blocks > ../failover-imports.tf
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

data "atlasx_stream_connection_failovers" "each" {
  # Kafka and Cluster connections only, the ones with failover connections. The
  # test reads bootstrap_servers, not the kafka object whose secrets would make
  # it sensitive, which for_each refuses.
  for_each = toset([
    for c in data.atlasx_stream_connections.workspace.connections :
    c.connection_name if c.cluster != null || try(c.kafka.bootstrap_servers, null) != null
  ])
  project_id      = var.project_id
  workspace_name  = var.workspace_name
  connection_name = each.key
}

locals {
  failovers = flatten([for d in data.atlasx_stream_connection_failovers.each : d.failover_connections])
  # Each resource name is connection_REGION, named as discover.tf names connections.
  resource_names = {
    for f in local.failovers :
    "${f.project_id}/${f.workspace_name}/${f.connection_name}/${f.region}" => format("%s%s_%s", can(regex("^[A-Za-z_]", f.connection_name)) ? "" : "_", replace(f.connection_name, "/[^0-9A-Za-z_-]/", "_"), f.region)
  }
}

output "failover_import_blocks" {
  description = "One import block per failover connection, for -generate-config-out."
  value = join("", [for id, name in local.resource_names : <<-EOT
    import {
      to = atlasx_stream_connection_failover.${name}
      id = "${id}"
    }
    EOT
  ])
}
