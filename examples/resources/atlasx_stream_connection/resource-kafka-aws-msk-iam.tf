# Amazon MSK with IAM access control: Atlas assumes an IAM role to sign in to
# the brokers, so there is no secret to pass.
resource "atlasx_stream_connection" "msk" {
  project_id      = "32b6e34b3d91647abb20e7b8"
  workspace_name  = "analytics"
  connection_name = "msk"

  kafka = {
    bootstrap_servers = "b-1.orders.abc123.c2.kafka.us-east-1.amazonaws.com:9098"
    authentication = {
      mechanism = "AWS_MSK_IAM"
      aws = {
        role_arn = "arn:aws:iam::123456789012:role/atlas-streams-msk"
      }
    }
    security = {
      protocol = "SASL_SSL"
    }
  }
}
