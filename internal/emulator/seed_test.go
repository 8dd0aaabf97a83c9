package emulator_test

import (
	"net/http"
	"testing"
)

// The seed's prerequisite values stand in for what a live run takes from a
// real project, so each must make a connection the emulator (and the
// document) accepts.
func TestSeedPrerequisitesMakeValidConnections(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.seed.Prerequisites
	aws := map[string]any{"roleArn": p.AWSRoleARN}
	for _, body := range []map[string]any{
		{"name": "cluster", "type": "Cluster", "clusterName": p.ClusterName},
		{"name": "kafka", "type": "Kafka", "bootstrapServers": p.KafkaBootstrapServers,
			"authentication": map[string]any{"mechanism": "PLAIN", "username": "u", "password": "p"}},
		{"name": "kafka-private", "type": "Kafka", "bootstrapServers": p.PrivateLinkBootstrapServers,
			"authentication": map[string]any{"mechanism": "PLAIN", "username": "u", "password": "p"},
			"networking":     map[string]any{"access": map[string]any{"type": "PRIVATE_LINK", "connectionId": p.PrivateLinkID}}},
		{"name": "lambda", "type": "AWSLambda", "aws": aws},
		{"name": "s3", "type": "S3", "aws": aws},
		{"name": "kinesis", "type": "AWSKinesisDataStreams", "aws": aws},
		{"name": "registry", "type": "SchemaRegistry", "provider": "CONFLUENT", "schemaRegistryUrls": []any{p.SchemaRegistryURL},
			"schemaRegistryAuthentication": map[string]any{"type": "SASL_INHERIT"}},
		{"name": "blobs", "type": "AzureBlobStorage", "azure": map[string]any{"servicePrincipalId": p.AzureServicePrincipalID, "storageAccountName": p.AzureStorageAccount}},
		{"name": "pubsub", "type": "GCPPubSub", "gcp": map[string]any{"serviceAccountId": p.GCPServiceAccountID}},
	} {
		if resp := h.do(http.MethodPost, h.connections(), body); resp.status != http.StatusOK {
			t.Errorf("%s: %d %s", body["name"], resp.status, resp.body)
		}
	}
}

// Atlas's reference page sends connection bodies as application/json; the
// document lists the versioned media type. Both are accepted, on create and
// on update.
func TestConnectionBodiesInEitherMediaType(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, contentType := range []string{"application/json", versionedType} {
		withType := withHeader("Content-Type", contentType)
		body := httpsConnection()
		if resp := h.do(http.MethodPost, h.connections(), body, withType); resp.status != http.StatusOK {
			t.Fatalf("create as %s: %d %s", contentType, resp.status, resp.body)
		}
		patch := map[string]any{"name": body["name"], "type": "Https", "url": "https://hooks.example.com/" + contentType}
		resp := h.do(http.MethodPatch, h.connection(body["name"].(string)), patch, withType)
		if resp.status != http.StatusOK || resp.object(t)["url"] != patch["url"] {
			t.Errorf("update as %s: %d %s", contentType, resp.status, resp.body)
		}
		if resp := h.do(http.MethodDelete, h.connection(body["name"].(string)), nil); resp.status != http.StatusAccepted {
			t.Fatalf("delete: %d %s", resp.status, resp.body)
		}
	}
}
