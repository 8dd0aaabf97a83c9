output "connections" {
  description = "Each managed connection's Atlas id, type and state."
  value = {
    for name, c in {
      solar    = atlasx_stream_connection.solar
      orders   = atlasx_stream_connection.orders
      webhook  = atlasx_stream_connection.webhook
      cluster  = atlasx_stream_connection.cluster
      registry = atlasx_stream_connection.registry
      archive  = atlasx_stream_connection.archive
    } : c.connection_name => "${c.state} in ${c.region} (id ${c.connection_id})"
  }
}

output "kafka_orders" {
  description = "The Kafka connection's settings; its password is not shown (sensitive, and Atlas never returns it)."
  value = {
    bootstrap_servers = atlasx_stream_connection.orders.kafka.bootstrap_servers
    mechanism         = atlasx_stream_connection.orders.kafka.authentication.mechanism
    protocol          = atlasx_stream_connection.orders.kafka.security.protocol
    networking        = try(atlasx_stream_connection.orders.kafka.networking.access.type, "PUBLIC")
  }
}

output "workspace_connections" {
  description = "What the atlasx_stream_connections data source lists in the workspace."
  value       = sort([for c in data.atlasx_stream_connections.all.connections : c.connection_name])
}
