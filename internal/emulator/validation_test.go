package emulator_test

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
)

// with returns a copy of body with fields set (nil deletes).
func with(body map[string]any, fields map[string]any) map[string]any {
	out := maps.Clone(body)
	for k, v := range fields {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func access(typ string, extra ...string) map[string]any {
	a := map[string]any{"type": typ}
	for i := 0; i+1 < len(extra); i += 2 {
		a[extra[i]] = extra[i+1]
	}
	return map[string]any{"access": a}
}

func TestCreateValidation(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	types := validConnections()
	const hexID = "0123456789abcdef01234567"
	tests := []struct {
		name      string
		body      any
		wantField string // "" means the body is accepted
	}{
		{"not json", `{"name":`, "json"},
		{"not an object", `["a"]`, "json"},
		{"no name", with(types["Sample"], map[string]any{"name": nil}), "name"},
		{"empty name", with(types["Sample"], map[string]any{"name": " "}), "name"},
		{"no type", with(types["Sample"], map[string]any{"type": nil}), "type"},
		{"unknown type", with(types["Sample"], map[string]any{"type": "Carrier pigeon"}), "type"},
		{"region not a string", with(types["Sample"], map[string]any{"region": 3}), "region"},
		{"cluster without name", with(types["Cluster"], map[string]any{"clusterName": nil}), "clusterName"},
		{"cluster role type", with(types["Cluster"], map[string]any{"dbRoleToExecute": map[string]any{"role": "r", "type": "SOME"}}), "dbRoleToExecute.type"},
		{"cluster group id", with(types["Cluster"], map[string]any{"clusterGroupId": "XYZ"}), "clusterGroupId"},
		{"kafka without servers", with(types["Kafka"], map[string]any{"bootstrapServers": nil}), "bootstrapServers"},
		{"kafka servers without port", with(types["Kafka"], map[string]any{"bootstrapServers": "b1.example.com"}), "bootstrapServers"},
		{"kafka servers bad port", with(types["Kafka"], map[string]any{"bootstrapServers": "b1:9092,b2:99999"}), "bootstrapServers"},
		{"kafka ipv6 server", with(types["Kafka"], map[string]any{"bootstrapServers": "[::1]:9092"}), ""},
		{"kafka config values", with(types["Kafka"], map[string]any{"config": map[string]any{"a": 1}}), "config"},
		{"kafka unknown mechanism", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "GSSAPI"}}), "authentication.mechanism"},
		{"kafka sasl without password", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "PLAIN", "username": "u"}}), "authentication.password"},
		{"kafka sasl without username", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "SCRAM-512", "password": "p"}}), "authentication.username"},
		{"kafka oauth without token url", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "OAUTHBEARER", "method": "OIDC", "clientId": "c", "clientSecret": "s"}}), "authentication.tokenEndpointUrl"},
		{"kafka oauth", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "OAUTHBEARER", "method": "OIDC", "tokenEndpointUrl": "https://idp.example.com/token", "clientId": "c", "clientSecret": "s", "scope": "kafka"}}), ""},
		{"kafka mutual tls", with(types["Kafka"], map[string]any{"authentication": map[string]any{"sslCertificate": "cert", "sslKey": "key"}, "security": map[string]any{"protocol": "SSL", "brokerPublicCertificate": "ca"}}), ""},
		{"kafka msk iam", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "AWS_MSK_IAM", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/msk"}}, "security": map[string]any{"protocol": "SASL_SSL"}}), ""},
		{"kafka msk iam without aws", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "AWS_MSK_IAM"}}), "authentication.aws"},
		{"kafka msk iam without role", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "AWS_MSK_IAM", "aws": map[string]any{"testBucket": "b"}}}), "authentication.aws.roleArn"},
		{"kafka msk iam with a password", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "AWS_MSK_IAM", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/msk"}, "password": "p"}}), "authentication.password"},
		{"kafka aws without msk iam", with(types["Kafka"], map[string]any{"authentication": map[string]any{"mechanism": "PLAIN", "username": "u", "password": "p", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/msk"}}}), "authentication.aws"},
		{"kafka unknown protocol", with(types["Kafka"], map[string]any{"security": map[string]any{"protocol": "TLS"}}), "security.protocol"},
		{"kafka unknown access type", with(types["Kafka"], map[string]any{"networking": access("INTERNET")}), "networking.access.type"},
		{"kafka vpc", with(types["Kafka"], map[string]any{"networking": access("VPC")}), ""},
		{"kafka private link without id", with(types["Kafka"], map[string]any{"networking": access("PRIVATE_LINK")}), "networking.access.connectionId"},
		{"kafka private link", with(types["Kafka"], map[string]any{"networking": access("PRIVATE_LINK", "connectionId", hexID)}), ""},
		{"kafka transit gateway without route", with(types["Kafka"], map[string]any{"networking": access("TRANSIT_GATEWAY")}), "networking.access.tgwRouteId"},
		{"kafka transit gateway", with(types["Kafka"], map[string]any{"networking": access("TRANSIT_GATEWAY", "tgwRouteId", hexID)}), ""},
		{"kafka public private networking", with(types["Kafka"], map[string]any{"publicPrivateNetworking": access("PUBLIC")}), "publicPrivateNetworking"},
		{"https without url", with(types["Https"], map[string]any{"url": nil}), "url"},
		{"https bad url", with(types["Https"], map[string]any{"url": "ftp://files.example.com"}), "url"},
		{"https relative url", with(types["Https"], map[string]any{"url": "/hook"}), "url"},
		{"https header values", with(types["Https"], map[string]any{"headers": map[string]any{"X": true}}), "headers"},
		{"https networking", with(types["Https"], map[string]any{"networking": access("PUBLIC")}), "networking"},
		{"lambda without aws", with(types["AWSLambda"], map[string]any{"aws": nil}), "aws"},
		{"lambda without role", with(types["AWSLambda"], map[string]any{"aws": map[string]any{"testBucket": "b"}}), "aws.roleArn"},
		{"lambda vpc", with(types["AWSLambda"], map[string]any{"publicPrivateNetworking": access("VPC")}), "publicPrivateNetworking.access.type"},
		{"lambda kafka networking", with(types["AWSLambda"], map[string]any{"networking": access("PUBLIC")}), "networking"},
		{"lambda private link without id", with(types["AWSLambda"], map[string]any{"publicPrivateNetworking": access("PRIVATE_LINK")}), "publicPrivateNetworking.access.connectionId"},
		{"s3 vpc", with(types["S3"], map[string]any{"networking": access("VPC")}), ""},
		{"s3 private link id", with(types["S3"], map[string]any{"networking": access("PRIVATE_LINK", "connectionId", "short")}), "networking.access.connectionId"},
		{"kinesis without role", with(types["AWSKinesisDataStreams"], map[string]any{"aws": map[string]any{}}), "aws.roleArn"},
		{"registry without provider", with(types["SchemaRegistry"], map[string]any{"provider": nil}), "provider"},
		{"registry other provider", with(types["SchemaRegistry"], map[string]any{"provider": "APICURIO"}), "provider"},
		{"registry without urls", with(types["SchemaRegistry"], map[string]any{"schemaRegistryUrls": nil}), "schemaRegistryUrls"},
		{"registry empty urls", with(types["SchemaRegistry"], map[string]any{"schemaRegistryUrls": []any{}}), "schemaRegistryUrls"},
		{"registry eleven urls", with(types["SchemaRegistry"], map[string]any{"schemaRegistryUrls": strings.Split(strings.Repeat("https://r.example.com/x,", 10)+"https://s.example.com", ",")}), "schemaRegistryUrls"},
		{"registry duplicate urls", with(types["SchemaRegistry"], map[string]any{"schemaRegistryUrls": []any{"https://r", "https://r"}}), "schemaRegistryUrls"},
		{"registry bad url", with(types["SchemaRegistry"], map[string]any{"schemaRegistryUrls": []any{"registry:8081"}}), "schemaRegistryUrls"},
		{"registry without authentication", with(types["SchemaRegistry"], map[string]any{"schemaRegistryAuthentication": nil}), "schemaRegistryAuthentication"},
		{"registry user info without password", with(types["SchemaRegistry"], map[string]any{"schemaRegistryAuthentication": map[string]any{"type": "USER_INFO", "username": "u"}}), "schemaRegistryAuthentication.password"},
		{"registry sasl inherit", with(types["SchemaRegistry"], map[string]any{"schemaRegistryAuthentication": map[string]any{"type": "SASL_INHERIT"}}), ""},
		{"registry sasl inherit with username", with(types["SchemaRegistry"], map[string]any{"schemaRegistryAuthentication": map[string]any{"type": "SASL_INHERIT", "username": "u"}}), "schemaRegistryAuthentication.username"},
		{"registry unknown auth type", with(types["SchemaRegistry"], map[string]any{"schemaRegistryAuthentication": map[string]any{"type": "TOKEN"}}), "schemaRegistryAuthentication.type"},
		{"azure without account", with(types["AzureBlobStorage"], map[string]any{"azure": map[string]any{"servicePrincipalId": "sp"}}), "azure.storageAccountName"},
		{"azure transit gateway", with(types["AzureBlobStorage"], map[string]any{"publicPrivateNetworking": access("TRANSIT_GATEWAY")}), "publicPrivateNetworking.access.type"},
		{"gcp without account", with(types["GCPPubSub"], map[string]any{"gcp": map[string]any{}}), "gcp.serviceAccountId"},
		{"gcp as object", with(types["GCPPubSub"], map[string]any{"gcp": "sa"}), "gcp"},
	}
	for i, tt := range tests {
		body := tt.body
		if m, ok := body.(map[string]any); ok {
			// A fresh name per case keeps accepted bodies from colliding.
			if name, _ := m["name"].(string); strings.TrimSpace(name) != "" {
				body = with(m, map[string]any{"name": fmt.Sprintf("%s-%d", name, i)})
			}
		}
		resp := h.do(http.MethodPost, h.connections(), body)
		switch tt.wantField {
		case "":
			if resp.status != http.StatusOK {
				t.Errorf("%s: %d %s, want it accepted", tt.name, resp.status, resp.body)
			}
		case "json":
			if resp.status != http.StatusBadRequest || resp.errorCode(t) != "INVALID_JSON" {
				t.Errorf("%s: %d %s", tt.name, resp.status, resp.body)
			}
		default:
			checkValidationError(t, tt.name, resp, tt.wantField)
		}
	}
}

func checkValidationError(t *testing.T, name string, resp response, field string) {
	t.Helper()
	if resp.status != http.StatusBadRequest || resp.errorCode(t) != "VALIDATION_ERROR" {
		t.Errorf("%s: %d %s, want 400 VALIDATION_ERROR", name, resp.status, resp.body)
		return
	}
	body := resp.object(t)
	wantDetail := "The request content produced the validation error: Invalid " + field + "."
	if body["detail"] != wantDetail {
		t.Errorf("%s: detail %q, want %q", name, body["detail"], wantDetail)
	}
	fields, _ := body["badRequestDetail"].(map[string]any)["fields"].([]any)
	if len(fields) != 1 || fields[0].(map[string]any)["field"] != field {
		t.Errorf("%s: badRequestDetail %v", name, body["badRequestDetail"])
	}
}

func TestInvalidGroupID(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	resp := h.do(http.MethodGet, "/api/atlas/v2/groups/NOT-HEX/streams", nil)
	if resp.status != http.StatusBadRequest || resp.errorCode(t) != "INVALID_GROUP_ID" {
		t.Errorf("%d %s", resp.status, resp.body)
	}
}

func TestPatchSemantics(t *testing.T) {
	t.Parallel()
	kafkaPatch := func(fields map[string]any) map[string]any {
		return with(map[string]any{"name": "kafka", "type": "Kafka"}, fields)
	}
	tests := []struct {
		name  string
		start map[string]any
		patch map[string]any
		check func(t *testing.T, got map[string]any)
	}{
		{"left out keeps", kafka(), kafkaPatch(map[string]any{"bootstrapServers": "n:1"}), func(t *testing.T, got map[string]any) {
			if got["bootstrapServers"] != "n:1" || got["config"] == nil || got["security"] == nil {
				t.Errorf("got %v", got)
			}
		}},
		{"null clears", kafka(), map[string]any{"name": "kafka", "type": "Kafka", "security": nil, "config": nil}, func(t *testing.T, got map[string]any) {
			if _, has := got["security"]; has {
				t.Errorf("security kept: %v", got)
			}
			if _, has := got["config"]; has {
				t.Errorf("config kept: %v", got)
			}
		}},
		{"empty config clears", kafka(), kafkaPatch(map[string]any{"config": map[string]any{}}), func(t *testing.T, got map[string]any) {
			if !jsonEqual(got["config"], map[string]any{}) {
				t.Errorf("config = %v", got["config"])
			}
		}},
		{"empty headers clear", httpsConnection(), map[string]any{"name": "https", "type": "Https", "headers": map[string]any{}}, func(t *testing.T, got map[string]any) {
			if !jsonEqual(got["headers"], map[string]any{}) {
				t.Errorf("headers = %v", got["headers"])
			}
		}},
		{"nested object replaced whole", kafka(), kafkaPatch(map[string]any{"authentication": map[string]any{"mechanism": "PLAIN", "username": "other", "password": "new"}}), func(t *testing.T, got map[string]any) {
			if !jsonEqual(got["authentication"], map[string]any{"mechanism": "PLAIN", "username": "other"}) {
				t.Errorf("authentication = %v", got["authentication"])
			}
		}},
		{"region cleared back to default", with(kafka(), map[string]any{"region": "OREGON_USA"}), map[string]any{"name": "kafka", "type": "Kafka", "region": nil}, func(t *testing.T, got map[string]any) {
			if got["region"] != "VIRGINIA_USA" {
				t.Errorf("region = %v", got["region"])
			}
		}},
		{"read-only fields ignored", kafka(), kafkaPatch(map[string]any{"id": "0123456789abcdef01234567", "state": "FAILED"}), func(t *testing.T, got map[string]any) {
			if got["id"] == "0123456789abcdef01234567" || got["state"] != "READY" {
				t.Errorf("got %v", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checks := []contract.Option(nil)
			if _, sendsID := tt.patch["id"]; sendsID {
				checks = append(checks, contract.AllowInvalidRequests())
			}
			h := newHarnessChecked(t, checks)
			h.create(tt.start)
			name := tt.start["name"].(string)
			resp := h.do(http.MethodPatch, h.connection(name), tt.patch)
			if resp.status != http.StatusOK {
				t.Fatalf("patch: %d %s", resp.status, resp.body)
			}
			tt.check(t, resp.object(t))
			tt.check(t, h.do(http.MethodGet, h.connection(name), nil).object(t))
		})
	}
}

func TestPatchRefusals(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	h.create(kafka())
	tests := []struct {
		name, connection string
		patch            any
		wantField        string
	}{
		{"rename", "kafka", map[string]any{"name": "other", "type": "Kafka"}, "name"},
		{"null name", "kafka", map[string]any{"name": nil, "type": "Kafka"}, "name"},
		{"retype", "kafka", map[string]any{"name": "kafka", "type": "Https", "url": "https://e"}, "type"},
		{"clearing a required field", "kafka", map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": nil}, "bootstrapServers"},
		{"bad value", "kafka", map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": "nope"}, "bootstrapServers"},
	}
	for _, tt := range tests {
		checkValidationError(t, tt.name, h.do(http.MethodPatch, h.connection(tt.connection), tt.patch), tt.wantField)
	}
	stored, _ := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "kafka")
	if stored["bootstrapServers"] != kafka()["bootstrapServers"] {
		t.Errorf("a refused patch changed the connection: %v", stored)
	}
	if resp := h.do(http.MethodPatch, h.connection("kafka"), `{"name":`); resp.errorCode(t) != "INVALID_JSON" {
		t.Errorf("malformed patch: %d %s", resp.status, resp.body)
	}
}
