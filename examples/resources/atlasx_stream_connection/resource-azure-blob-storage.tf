# Azure Blob Storage, through a service principal.
resource "atlasx_stream_connection" "lake" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "lake"

  azure_blob_storage = {
    service_principal_id = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
    storage_account_name = "atlasstreamslake"
    region               = "eastus2"
  }
}
