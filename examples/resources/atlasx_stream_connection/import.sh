# project_id/workspace_name/connection_name
tofu import atlasx_stream_connection.orders 32b6e34b3d91647abb20e7b8/analytics/orders

# The mongodbatlas provider's form, workspace_name-project_id-connection_name, is accepted too
terraform import atlasx_stream_connection.orders analytics-32b6e34b3d91647abb20e7b8-orders
