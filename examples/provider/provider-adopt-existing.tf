# A pipeline whose applies may be killed: the next apply takes over the
# connections a killed one left in Atlas, when they match the configuration.
provider "atlasx" {
  adopt_existing = true # or ATLASX_ADOPT_EXISTING=true
}
