package connection

import "testing"

// A region is claimed once per command: a new command has a new record.
func TestClaimFailoverRegion(t *testing.T) {
	parent := IDs{ProjectID: testProjectID, Workspace: "ws", Name: "src"}
	other := IDs{ProjectID: testProjectID, Workspace: "ws", Name: "other"}
	plans := NewPlans()
	switch {
	case !plans.ClaimFailoverRegion(parent, "DUBLIN_IRL"):
		t.Error("the first claim was refused")
	case plans.ClaimFailoverRegion(parent, "DUBLIN_IRL"):
		t.Error("a second claim of the region was granted")
	case !plans.ClaimFailoverRegion(parent, "OREGON_USA") || !plans.ClaimFailoverRegion(other, "DUBLIN_IRL"):
		t.Error("a claim of another region or connection was refused")
	}
	if !NewPlans().ClaimFailoverRegion(parent, "DUBLIN_IRL") {
		t.Error("the next command's claim was refused")
	}
}
