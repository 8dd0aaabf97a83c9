package emulator_test

import (
	"maps"
	"net/http"
	"testing"
)

const (
	privateLinkID = "0123456789abcdef01234567"
	otherLinkID   = "76543210fedcba9876543210"
)

// checkNetworkingRefused fails unless resp is Atlas's refusal of a changed
// networking: 400 STREAM_NETWORKING_CANNOT_BE_MODIFIED in the usual error
// body.
func checkNetworkingRefused(t *testing.T, name string, resp response) {
	t.Helper()
	if resp.status != http.StatusBadRequest || resp.errorCode(t) != "STREAM_NETWORKING_CANNOT_BE_MODIFIED" {
		t.Errorf("%s: %d %s, want 400 STREAM_NETWORKING_CANNOT_BE_MODIFIED", name, resp.status, resp.body)
		return
	}
	body := resp.object(t)
	if body["error"] != float64(http.StatusBadRequest) || body["reason"] != "Bad Request" || body["detail"] == "" {
		t.Errorf("%s: error body %v", name, body)
	}
}

// Any change inside networking is refused, not only of the access type:
// the error code names networking as a whole. Sending what is stored, or
// writing out or clearing the PUBLIC default, is not a change.
func TestPatchThatChangesNetworkingIsRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	connections := validConnections()
	h.create(with(kafka(), map[string]any{"name": "private", "networking": access("PRIVATE_LINK", "connectionId", privateLinkID)}))
	h.create(with(kafka(), map[string]any{"name": "gateway", "networking": access("TRANSIT_GATEWAY", "tgwRouteId", privateLinkID)}))
	h.create(kafka())
	h.create(with(connections["AWSLambda"], map[string]any{"publicPrivateNetworking": access("PRIVATE_LINK", "connectionId", privateLinkID)}))
	h.create(connections["S3"])
	// Unlike with, a nil here is sent as null: the PATCH clears the field.
	patch := func(name, typ string, fields map[string]any) map[string]any {
		body := map[string]any{"name": name, "type": typ}
		maps.Copy(body, fields)
		return body
	}

	refused := []struct {
		name, connection string
		patch            map[string]any
	}{
		{"another PrivateLink connectionId", "private", patch("private", "Kafka", map[string]any{"networking": access("PRIVATE_LINK", "connectionId", otherLinkID)})},
		{"another tgwRouteId", "gateway", patch("gateway", "Kafka", map[string]any{"networking": access("TRANSIT_GATEWAY", "tgwRouteId", otherLinkID)})},
		{"access type PUBLIC to VPC", "kafka", patch("kafka", "Kafka", map[string]any{"networking": access("VPC")})},
		{"private networking cleared", "private", patch("private", "Kafka", map[string]any{"networking": nil})},
		{"publicPrivateNetworking connectionId", "lambda", patch("lambda", "AWSLambda", map[string]any{"publicPrivateNetworking": access("PRIVATE_LINK", "connectionId", otherLinkID)})},
		{"publicPrivateNetworking cleared", "lambda", patch("lambda", "AWSLambda", map[string]any{"publicPrivateNetworking": nil})},
	}
	for _, tt := range refused {
		before, _ := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, tt.connection)
		checkNetworkingRefused(t, tt.name, h.do(http.MethodPatch, h.connection(tt.connection), tt.patch))
		if after, _ := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, tt.connection); !jsonEqual(after, before) {
			t.Errorf("%s: the refused PATCH changed the connection: %v, was %v", tt.name, after, before)
		}
	}

	accepted := []struct {
		name, connection string
		patch            map[string]any
	}{
		{"the stored PrivateLink again, with another field", "private", patch("private", "Kafka", map[string]any{
			"networking": access("PRIVATE_LINK", "connectionId", privateLinkID), "bootstrapServers": "b3.example.com:9092"})},
		{"the stored publicPrivateNetworking again", "lambda", patch("lambda", "AWSLambda", map[string]any{"publicPrivateNetworking": access("PRIVATE_LINK", "connectionId", privateLinkID)})},
		{"Kafka's PUBLIC default written out", "kafka", patch("kafka", "Kafka", map[string]any{"networking": access("PUBLIC")})},
		{"Kafka's PUBLIC default cleared", "kafka", patch("kafka", "Kafka", map[string]any{"networking": nil})},
		{"S3's PUBLIC default written out", "s3", patch("s3", "S3", map[string]any{"networking": access("PUBLIC")})},
		{"S3's explicit PUBLIC cleared", "s3", patch("s3", "S3", map[string]any{"networking": nil})},
	}
	for _, tt := range accepted {
		if resp := h.do(http.MethodPatch, h.connection(tt.connection), tt.patch); resp.status != http.StatusOK {
			t.Errorf("%s: %d %s, want 200", tt.name, resp.status, resp.body)
		}
	}
	if stored, _ := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "private"); stored["bootstrapServers"] != "b3.example.com:9092" {
		t.Errorf("a PATCH with the stored networking did not apply its other fields: %v", stored)
	}
}

// A failover connection's networking cannot change in place either.
func TestFailoverPatchThatChangesNetworkingIsRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())
	private := with(kafkaFailover("DUBLIN_IRL"), map[string]any{"networking": access("PRIVATE_LINK", "connectionId", privateLinkID)})
	id := h.createFailover("kafka", private)["id"].(string)
	public := h.createFailover("kafka", kafkaFailover("OREGON_USA"))["id"].(string)
	patch := func(fields map[string]any) map[string]any {
		body := map[string]any{"name": "kafka", "type": "Kafka"}
		maps.Copy(body, fields)
		return body
	}

	for _, tt := range []struct {
		name, id string
		patch    map[string]any
	}{
		{"another PrivateLink connectionId", id, patch(map[string]any{"networking": access("PRIVATE_LINK", "connectionId", otherLinkID)})},
		{"access type PRIVATE_LINK to VPC", id, patch(map[string]any{"networking": access("VPC")})},
		{"private networking cleared", id, patch(map[string]any{"networking": nil})},
		{"access type PUBLIC to TRANSIT_GATEWAY", public, patch(map[string]any{"networking": access("TRANSIT_GATEWAY", "tgwRouteId", otherLinkID)})},
	} {
		checkNetworkingRefused(t, tt.name, h.failoverDo(http.MethodPatch, h.failover("kafka", tt.id), tt.patch))
	}

	resp := h.failoverDo(http.MethodPatch, h.failover("kafka", id), patch(map[string]any{
		"networking": access("PRIVATE_LINK", "connectionId", privateLinkID), "bootstrapServers": "dub-2.example.com:9092"}))
	if resp.status != http.StatusOK {
		t.Fatalf("PATCH with the stored networking: %d %s, want 200", resp.status, resp.body)
	}
	if got := resp.object(t); got["bootstrapServers"] != "dub-2.example.com:9092" || !jsonEqual(got["networking"], private["networking"]) {
		t.Errorf("after a PATCH with the stored networking: %v", got)
	}
}
