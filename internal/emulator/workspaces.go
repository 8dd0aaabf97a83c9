package emulator

import (
	"net/http"
	"slices"
)

// Atlas Stream Processing regions by cloud provider, from the document's
// ApiStreams*RegionView enums.
var regionsByProvider = map[string][]string{
	"AWS": {"SYDNEY_AUS", "MUMBAI_IND", "FRANKFURT_DEU", "DUBLIN_IRL", "LONDON_GBR", "VIRGINIA_USA", "OHIO_USA",
		"OREGON_USA", "SAOPAULO_BRA", "MONTREAL_CAN", "TOKYO_JPN", "SINGAPORE_SGP", "PARIS_FRA", "SEOUL_KOR"},
	"AZURE": {"eastus", "westus", "eastus2", "westeurope", "brazilsouth", "australiaeast"},
	"GCP":   {"US_CENTRAL1", "EUROPE_WEST1", "US_EAST4"},
}

// providerOf names the cloud provider of a region; unknown regions count as AWS.
func providerOf(region string) string {
	for provider, regions := range regionsByProvider {
		if slices.Contains(regions, region) {
			return provider
		}
	}
	return "AWS"
}

// sampleSolar is the sample connection a workspace created with
// sampleConnections.solar holds from the start.
const sampleSolar = "sample_stream_solar"

func (e *Emulator) listWorkspaces(c *call) *reply {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	var items []map[string]any
	for _, ws := range e.store.projects[c.route.groupID].sorted() {
		items = append(items, c.renderWorkspace(ws, false))
	}
	return c.page(len(items), func(i int) map[string]any { return items[i] })
}

func (e *Emulator) createWorkspace(c *call) *reply {
	body, err := decodeObject(c.r)
	if err != nil {
		return failure(err)
	}
	body = writable(body)
	v := &validator{}
	name := v.str(body, "", "name", true)
	dataProcessRegion := v.object(body, "", "dataProcessRegion", true)
	provider := v.enum(dataProcessRegion, "dataProcessRegion", "cloudProvider", dataProcessRegion != nil, "AWS", "GCP", "AZURE")
	region := v.str(dataProcessRegion, "dataProcessRegion", "region", dataProcessRegion != nil)
	if region != "" && !slices.Contains(regionsByProvider[provider], region) {
		v.fail("dataProcessRegion.region", "is not a "+provider+" stream processing region")
	}
	streamConfig := v.streamConfig(body)
	failoverRegions, _ := v.failoverRegions(body)
	v.checkFailoverRegions(failoverRegions, region)
	samples := v.object(body, "", "sampleConnections", false)
	if v.err != nil {
		return failure(v.err)
	}
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	if e.store.workspace(c.route.groupID, name) != nil {
		return failure(errWorkspaceExists(name))
	}
	ws := e.store.newWorkspace(c.route.groupID, name, provider, region)
	ws.streamConfig = streamConfig
	ws.failoverRegions = failoverRegions
	if samples["solar"] == true {
		e.store.addSampleSolar(ws)
	}
	return success(c.renderWorkspace(ws, false))
}

// addSampleSolar puts the solar sample in place, READY. Callers hold mu.
func (s *store) addSampleSolar(ws *workspace) {
	ws.connections[sampleSolar] = &connection{
		id:   newObjectID(),
		doc:  map[string]any{"name": sampleSolar, "type": typeSample, "region": ws.region},
		seq:  s.next(),
		life: fixed(stateReady),
	}
}

func (e *Emulator) getWorkspace(c *call) *reply {
	withConnections, err := boolQuery(c.r.URL.Query(), "includeConnections", false)
	if err != nil {
		return failure(err)
	}
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, err := e.workspaceFor(c)
	if err != nil {
		return failure(err)
	}
	return success(c.renderWorkspace(ws, withConnections))
}

// updateWorkspace takes the region, cloud provider, stream config and
// failover regions of a StreamsTenantUpdateRequest; a null streamConfig
// clears it, failoverRegions replaces the list whole (null or [] clears it).
func (e *Emulator) updateWorkspace(c *call) *reply {
	body, err := decodeObject(c.r)
	if err != nil {
		return failure(err)
	}
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, err := e.workspaceFor(c)
	if err != nil {
		return failure(err)
	}
	v := &validator{}
	provider := v.enum(body, "", "cloudProvider", false, "AWS", "GCP", "AZURE")
	region := v.str(body, "", "region", false)
	if provider == "" {
		provider = ws.cloudProvider
	}
	if region == "" {
		region = ws.region
	}
	changed := provider != ws.cloudProvider || region != ws.region
	if changed && !slices.Contains(regionsByProvider[provider], region) {
		v.fail("region", "is not a "+provider+" stream processing region")
	}
	streamConfig := v.streamConfig(body)
	failoverRegions, failoverSent := v.failoverRegions(body)
	if !failoverSent {
		failoverRegions = ws.failoverRegions
	}
	v.checkFailoverRegions(failoverRegions, region)
	v.checkRegionsInUse(ws, failoverRegions, c)
	if v.err != nil {
		return failure(v.err)
	}
	ws.cloudProvider, ws.region = provider, region
	ws.failoverRegions = failoverRegions
	if _, sent := body["streamConfig"]; sent {
		ws.streamConfig = streamConfig
	}
	return success(c.renderWorkspace(ws, false))
}

// tiers are the workspace sizes of the document's StreamConfig, smallest first.
var tiers = []string{"SP2", "SP5", "SP10", "SP30", "SP50"}

// streamConfig checks a workspace's optional streamConfig: its tier and
// maxTierSize are tiers.
func (v *validator) streamConfig(body map[string]any) map[string]any {
	streamConfig := v.object(body, "", "streamConfig", false)
	v.enum(streamConfig, "streamConfig", "tier", false, tiers...)
	v.enum(streamConfig, "streamConfig", "maxTierSize", false, tiers...)
	return streamConfig
}

func (e *Emulator) deleteWorkspace(c *call) *reply {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	if _, err := e.workspaceFor(c); err != nil {
		return failure(err)
	}
	delete(e.store.projects[c.route.groupID].workspaces, c.route.workspace)
	return &reply{status: http.StatusAccepted}
}
