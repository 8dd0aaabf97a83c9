package connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

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

// A replacement is planned twice, with and without prior state: once
// recorded as recreated, the connection stays so for the command.
func TestPlansRecordKeepsARecreation(t *testing.T) {
	ids := IDs{ProjectID: testProjectID, Workspace: "ws", Name: "src"}
	plans := NewPlans()
	if _, ok := plans.Of(ids); ok {
		t.Fatal("a plan was recorded before any")
	}
	plans.Record(ids, Planned{APIType: "Kafka", Recreated: true})
	plans.Record(ids, Planned{APIType: "Cluster"})
	if got, _ := plans.Of(ids); got != (Planned{APIType: "Cluster", Recreated: true}) {
		t.Errorf("Of = %+v, want the latest type, still recreated", got)
	}
}

// Refuse refuses what the latest plan recorded, but not advice, nor what
// Atlas has settled since; a second create of one object is refused.
func TestPlansRefuse(t *testing.T) {
	ctx := context.Background()
	plans := NewPlans()
	settled := false
	plans.SetRefusals("a", []Refusal{
		{Summary: "advice", Advice: true},
		{Summary: "region", Settled: func(context.Context) bool { return settled }},
	})
	var diags diag.Diagnostics
	if !plans.Refuse(ctx, "a", &diags) || diags.ErrorsCount() != 1 || diags[0].Summary() != "region" {
		t.Errorf("Refuse = %v, want the region refused alone", diags)
	}
	settled = true
	if diags = nil; plans.Refuse(ctx, "a", &diags) {
		t.Errorf("Refuse refused what Atlas settled since: %v", diags)
	}
	plans.SetRefusals("b", []Refusal{{Summary: "gone"}})
	plans.SetRefusals("b", nil)
	if diags = nil; plans.Refuse(ctx, "b", &diags) {
		t.Errorf("Refuse kept what a later plan no longer found: %v", diags)
	}
	if !plans.Created("a") || plans.Created("a") {
		t.Error("Created: want the first create of an object, and no second")
	}
}
