terraform {
  required_providers {
    atlasx = {
      # registry.terraform.io/atlasx/atlasx under Terraform,
      # registry.opentofu.org/atlasx/atlasx under OpenTofu.
      source = "atlasx/atlasx"
    }
  }
}

# A service account (recommended). Without these two settings the provider reads
# MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET from the environment.
variable "atlas_client_id" {
  type = string
}

variable "atlas_client_secret" {
  type      = string
  sensitive = true
}

provider "atlasx" {
  client_id     = var.atlas_client_id
  client_secret = var.atlas_client_secret
}
