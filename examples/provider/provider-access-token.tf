# A bearer access token obtained elsewhere, used as is. It takes precedence over
# any service account or API key also set.
variable "atlas_access_token" {
  type      = string
  sensitive = true
}

provider "atlasx" {
  access_token = var.atlas_access_token
}
