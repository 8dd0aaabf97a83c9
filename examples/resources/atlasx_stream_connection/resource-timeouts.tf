# Operation timeouts (defaults: create 30m, update 30m, delete 20m), and what
# happens to a connection whose create fails or times out.
resource "atlasx_stream_connection" "vpc_orders" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "vpc_orders"

  kafka = {
    bootstrap_servers = "10.0.1.10:9092"
    networking = {
      access = {
        type = "VPC"
      }
    }
  }

  # true (the default): delete what Atlas made, so nothing is left behind.
  # false: keep it in state, marked tainted, to inspect it; the next apply replaces it.
  delete_on_create_timeout = false

  timeouts = {
    create = "45m"
    update = "45m"
    delete = "30m"
  }
}
