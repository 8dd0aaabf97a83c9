# Another Atlas endpoint: Atlas for Government, or the atlasx-emulator on loopback
# (plain http is accepted only for a loopback host).
provider "atlasx" {
  base_url      = "http://127.0.0.1:8080"
  client_id     = "mdb_sa_id_atlasx"
  client_secret = "mdb_sa_sk_atlasx"
}
