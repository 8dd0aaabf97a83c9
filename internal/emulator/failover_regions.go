package emulator

import (
	"fmt"
	"slices"
	"strings"
)

// MaxFailoverRegions is the most failover regions a workspace may name, as
// the document's failoverRegions (maxItems 2) allows.
const MaxFailoverRegions = 2

// failoverRegions reads a workspace body's failoverRegions: each item a
// {cloudProvider, region} of a real stream processing region. sent is false
// when the body leaves the field out; null and [] both mean none.
func (v *validator) failoverRegions(body map[string]any) (regions []streamRegion, sent bool) {
	raw, sent := body["failoverRegions"]
	if raw == nil {
		return nil, sent
	}
	items, ok := raw.([]any)
	if !ok {
		v.fail("failoverRegions", "must be a list")
		return nil, true
	}
	if len(items) > MaxFailoverRegions {
		v.fail("failoverRegions", fmt.Sprintf("names at most %d regions", MaxFailoverRegions))
	}
	for i, item := range items {
		path := fmt.Sprintf("failoverRegions[%d]", i)
		obj, ok := item.(map[string]any)
		if !ok {
			v.fail(path, "must be an object")
			continue
		}
		provider := v.enum(obj, path, "cloudProvider", true, "AWS", "GCP", "AZURE")
		region := v.str(obj, path, "region", true)
		if provider != "" && region != "" && !slices.Contains(regionsByProvider[provider], region) {
			v.fail(path+".region", "is not a "+provider+" stream processing region")
		}
		regions = append(regions, streamRegion{cloudProvider: provider, region: region})
	}
	return regions, true
}

// checkFailoverRegions refuses a region named twice, or the workspace's own
// region: a failover region is somewhere else to run from.
func (v *validator) checkFailoverRegions(regions []streamRegion, primary string) {
	for i, r := range regions {
		switch {
		case r.region == primary:
			v.fail("failoverRegions", r.region+" is the workspace's own region")
		case slices.ContainsFunc(regions[:i], func(o streamRegion) bool { return o.region == r.region }):
			v.fail("failoverRegions", r.region+" is named twice")
		}
	}
}

// checkRegionsInUse refuses to drop a failover region that failover
// connections still use: they would be left in a region the workspace no
// longer fails over to. Callers hold the store's mu.
func (v *validator) checkRegionsInUse(ws *workspace, regions []streamRegion, c *call) {
	for _, conn := range ws.sorted(c.now) {
		for _, f := range sortedLiving(conn.failovers, c.now) {
			region, _ := f.doc["region"].(string)
			if !hasFailoverRegion(regions, region) {
				v.fail("failoverRegions", fmt.Sprintf("%s still has failover connections (of connection %s); delete them first", region, conn.doc["name"]))
				return
			}
		}
	}
}

func hasFailoverRegion(regions []streamRegion, region string) bool {
	return slices.ContainsFunc(regions, func(r streamRegion) bool { return r.region == region })
}

// regionNames are the names of regions, an empty list (not nil) for none.
func regionNames(regions []streamRegion) []string {
	names := make([]string, 0, len(regions))
	for _, r := range regions {
		names = append(names, r.region)
	}
	return names
}

func failoverRegionNames(regions []streamRegion) string {
	if len(regions) == 0 {
		return "none"
	}
	return strings.Join(regionNames(regions), ", ")
}

// renderRegions is failoverRegions as reads answer it.
func renderRegions(regions []streamRegion) []any {
	out := make([]any, 0, len(regions))
	for _, r := range regions {
		out = append(out, map[string]any{"cloudProvider": r.cloudProvider, "region": r.region})
	}
	return out
}
