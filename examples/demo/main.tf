# The demo configuration that `make demo` applies against the atlasx-emulator
# (scripts/demo.sh). It works unchanged against real Atlas: set the MONGODB_ATLAS_*
# credentials and TF_VAR_project_id / TF_VAR_workspace_name to a workspace of yours.

terraform {
  required_providers {
    atlasx = {
      source = "atlasx/atlasx"
    }
  }
}

# Credentials and the base URL come from the environment: MONGODB_ATLAS_BASE_URL,
# MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (the demo script takes
# them from the emulator's banner).
provider "atlasx" {}

locals {
  workspace = {
    project_id     = var.project_id
    workspace_name = var.workspace_name
  }
}

# A built-in sample source: connection_name names the sample.
resource "atlasx_stream_connection" "solar" {
  project_id      = local.workspace.project_id
  workspace_name  = local.workspace.workspace_name
  connection_name = "sample_stream_solar"

  sample = {}
}

# Kafka over SASL_SSL with a SCRAM password.
resource "atlasx_stream_connection" "orders" {
  project_id      = local.workspace.project_id
  workspace_name  = local.workspace.workspace_name
  connection_name = "orders"

  kafka = {
    bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
    config = {
      "auto.offset.reset" = "earliest"
    }
    authentication = {
      mechanism = "SCRAM-256"
      username  = "orders-app"
      password  = var.kafka_password
    }
    security = {
      protocol = "SASL_SSL"
    }
  }
}

# An HTTPS endpoint whose headers carry a token (headers are sensitive).
resource "atlasx_stream_connection" "webhook" {
  project_id      = local.workspace.project_id
  workspace_name  = local.workspace.workspace_name
  connection_name = "webhook"

  https = {
    url = "https://hooks.example.com/atlas"
    headers = {
      Authorization = "Bearer ${var.webhook_token}"
    }
  }
}

# An Atlas cluster, used as a custom database role.
resource "atlasx_stream_connection" "cluster" {
  project_id      = local.workspace.project_id
  workspace_name  = local.workspace.workspace_name
  connection_name = "main_cluster"

  cluster = {
    cluster_name = "Cluster0"
    db_role_to_execute = {
      role = "streamsReader"
      type = "CUSTOM"
    }
  }
}

# A Confluent schema registry with its own credentials.
resource "atlasx_stream_connection" "registry" {
  project_id      = local.workspace.project_id
  workspace_name  = local.workspace.workspace_name
  connection_name = "registry"

  schema_registry = {
    provider = "CONFLUENT"
    urls     = ["https://registry.example.com"]
    authentication = {
      type     = "USER_INFO"
      username = "registry-app"
      password = var.registry_password
    }
  }
}

# Amazon S3 through an IAM role.
resource "atlasx_stream_connection" "archive" {
  project_id      = local.workspace.project_id
  workspace_name  = local.workspace.workspace_name
  connection_name = "archive"

  s3 = {
    role_arn    = "arn:aws:iam::123456789012:role/atlas-streams"
    test_bucket = "atlas-streams-archive"
  }
}

# Everything the workspace holds, as Atlas lists it, read after the connections exist.
data "atlasx_stream_connections" "all" {
  project_id     = local.workspace.project_id
  workspace_name = local.workspace.workspace_name

  depends_on = [
    atlasx_stream_connection.solar,
    atlasx_stream_connection.orders,
    atlasx_stream_connection.webhook,
    atlasx_stream_connection.cluster,
    atlasx_stream_connection.registry,
    atlasx_stream_connection.archive,
  ]
}
