# Give the workspace its failover regions (at most two, none its own region),
# with the Atlas Administration API. The workspace keeps its other settings.
# Atlas takes failoverRegions once: name every region the workspace will need.
curl --user "$MONGODB_ATLAS_PUBLIC_KEY:$MONGODB_ATLAS_PRIVATE_KEY" --digest \
  --header "Accept: application/vnd.atlas.2023-02-01+json" \
  --header "Content-Type: application/json" \
  --request PATCH \
  "https://cloud.mongodb.com/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/streams/analytics" \
  --data '{"failoverRegions": [{"cloudProvider": "AWS", "region": "DUBLIN_IRL"}, {"cloudProvider": "AWS", "region": "OREGON_USA"}]}'
