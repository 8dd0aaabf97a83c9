package contract

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// published is a document shaped like Atlas's: stream paths among others,
// components used and unused, and S3 missing from the type enum.
const published = `openapi: 3.0.1
paths:
  /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}:
    get:
      parameters:
        - $ref: '#/components/parameters/groupId'
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/StreamsConnection'
  /api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/StreamsProcessor'
  /api/atlas/v2/groups/{groupId}/clusters:
    get:
      parameters:
        - $ref: '#/components/parameters/groupId'
components:
  parameters:
    groupId: {in: path, name: groupId, required: true, schema: {type: string}}
    unused: {in: query, name: unused, schema: {type: string}}
  schemas:
    StreamsConnection:
      discriminator:
        propertyName: type
        mapping:
          Kafka: '#/components/schemas/StreamsKafkaConnection'
      properties:
        type: {type: string, enum: [Kafka, Cluster]}
    StreamsKafkaConnection:
      properties:
        networking: {$ref: '#/components/schemas/StreamsKafkaNetworking'}
    StreamsKafkaNetworking: {type: object}
    StreamsProcessor: {type: object}
  securitySchemes:
    DigestAuth: {type: http, scheme: digest}
`

const wantExcerpt = `openapi: 3.0.1
paths:
  /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}:
    get:
      parameters:
        - $ref: '#/components/parameters/groupId'
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/StreamsConnection'
components:
  parameters:
    groupId: {in: path, name: groupId, required: true, schema: {type: string}}
  schemas:
    StreamsConnection:
      discriminator:
        propertyName: type
        mapping:
          Kafka: '#/components/schemas/StreamsKafkaConnection'
      properties:
        type: {type: string, enum: [Kafka, Cluster, S3]}
    StreamsKafkaConnection:
      properties:
        networking: {$ref: '#/components/schemas/StreamsKafkaNetworking'}
    StreamsKafkaNetworking: {type: object}
  securitySchemes:
    DigestAuth: {type: http, scheme: digest}
`

func TestExcerptKeepsStreamPathsAndWhatTheyReference(t *testing.T) {
	got, err := Excerpt([]byte(published))
	if err != nil {
		t.Fatal(err)
	}
	if !sameYAML(t, got, []byte(wantExcerpt)) {
		t.Errorf("excerpt:\n%s\nwant the same data as:\n%s", got, wantExcerpt)
	}
}

func TestExcerptRefusesADocumentWithoutStreamPaths(t *testing.T) {
	doc := strings.Replace(published, "/streams/{tenantName}/connections/", "/other/", 1)
	doc = strings.Replace(doc, "/streams/{tenantName}/processor/", "/other/", 1)
	if _, err := Excerpt([]byte(doc)); err == nil || !strings.Contains(err.Error(), "no stream workspace or connection paths") {
		t.Fatalf("got %v, want an error saying the stream paths are missing", err)
	}
}

// The excerpt in shared/ was cut by the same rule: cutting it again changes
// nothing, so the workflows' document and .ci/run's hold the same contract.
func TestExcerptOfTheSharedExcerptIsItself(t *testing.T) {
	path, err := SpecPath()
	if errors.Is(err, ErrNoSpec) {
		t.Skipf("contract test skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	shared, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Excerpt(shared)
	if err != nil {
		t.Fatal(err)
	}
	if !sameYAML(t, got, shared) {
		t.Errorf("cutting %s again changed it", path)
	}
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
}

func sameYAML(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := yaml.Unmarshal(a, &va); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &vb); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(va, vb)
}
