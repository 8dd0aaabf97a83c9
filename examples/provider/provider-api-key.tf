# An API key pair (HTTP digest), the legacy method.
variable "atlas_public_key" {
  type = string
}

variable "atlas_private_key" {
  type      = string
  sensitive = true
}

provider "atlasx" {
  public_key  = var.atlas_public_key
  private_key = var.atlas_private_key
}
