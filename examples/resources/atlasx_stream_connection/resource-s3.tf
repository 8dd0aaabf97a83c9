# Amazon S3, through an IAM role; test_bucket is where Atlas checks the role's access.
resource "atlasx_stream_connection" "archive" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "archive"

  s3 = {
    role_arn    = "arn:aws:iam::123456789012:role/atlas-streams"
    test_bucket = "atlas-streams-archive"
  }
}
