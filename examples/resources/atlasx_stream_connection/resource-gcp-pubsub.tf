# Google Cloud Pub/Sub, through a service account.
resource "atlasx_stream_connection" "pubsub" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "pubsub"

  gcp_pubsub = {
    service_account_id = "atlas-streams@my-project.iam.gserviceaccount.com"
  }
}
