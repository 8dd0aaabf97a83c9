# AWS Lambda, through an IAM role that Atlas assumes.
resource "atlasx_stream_connection" "lambda" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "enrich"

  aws_lambda = {
    role_arn = "arn:aws:iam::123456789012:role/atlas-streams"
  }
}
