# Moving from the mongodbatlas provider's resource: nothing is sent to Atlas,
# and the secrets in its state come across.
moved {
  from = mongodbatlas_stream_connection_failover.orders_dublin
  to   = atlasx_stream_connection_failover.orders_dublin
}
