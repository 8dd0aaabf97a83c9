# Amazon Kinesis Data Streams, through an IAM role.
resource "atlasx_stream_connection" "clicks" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "clicks"

  aws_kinesis_data_streams = {
    role_arn = "arn:aws:iam::123456789012:role/atlas-streams"
  }
}
