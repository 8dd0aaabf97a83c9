package resource_stream_connection_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

const address = "atlasx_stream_connection.test"

// version is one configuration of a connection type's attribute and what
// Atlas must then hold.
type version struct {
	hcl string
	// stored checks the connection as the emulator holds it, write-only
	// fields included, after this version is applied.
	stored func(conn map[string]any) error
}

// typeCase drives the whole lifecycle of one connection type.
type typeCase struct {
	name       string // the type attribute
	connection string
	// versions[0] is created; each later one is an in-place update of one
	// field group, the last clearing an optional field.
	versions []version
	// secrets are the paths Atlas never returns, so an import cannot know them.
	secrets []string
	// drift changes one field outside Terraform.
	drift func(env *acctest.Env, name string) error
}

func typeCases() []typeCase {
	return []typeCase{
		{
			name: "sample", connection: "sample_stream_solar",
			versions: []version{{hcl: `sample = {}`}},
		},
		{
			name: "cluster", connection: "cluster",
			versions: []version{
				{hcl: `cluster = {
  cluster_name       = "Cluster0"
  db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
}`, stored: fields(`"clusterName":"Cluster0"`, `"dbRoleToExecute":{"role":"atlasAdmin","type":"BUILT_IN"}`)},
				{hcl: `cluster = {
  cluster_name       = "Cluster1"
  cluster_project_id = "bbbbbbbbbbbbbbbbbbbbbbbb"
  db_role_to_execute = { role = "reader", type = "CUSTOM" }
}`, stored: fields(`"clusterName":"Cluster1"`, `"clusterGroupId":"bbbbbbbbbbbbbbbbbbbbbbbb"`, `"dbRoleToExecute":{"role":"reader","type":"CUSTOM"}`)},
				{hcl: `cluster = { cluster_name = "Cluster1" }`, stored: absent("dbRoleToExecute", "clusterGroupId")},
			},
			drift: setField("clusterName", "Elsewhere"),
		},
		{
			name: "kafka", connection: "orders",
			versions: []version{
				{hcl: `kafka = {
  bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
  config            = { "auto.offset.reset" = "earliest" }
  authentication    = { mechanism = "SCRAM-256", username = "app", password = "kafka-pass-1" }
  security          = { protocol = "SASL_SSL" }
}`, stored: fields(`"bootstrapServers":"b1.example.com:9092,b2.example.com:9092"`, `"password":"kafka-pass-1"`, `"networking":{"access":{"type":"PUBLIC"}}`)},
				{hcl: `kafka = {
  bootstrap_servers = "b3.example.com:9092"
  config            = { "auto.offset.reset" = "latest", "group.id" = "g" }
  authentication    = { mechanism = "SCRAM-512", username = "app2", password = "kafka-pass-2" }
  security          = { protocol = "SASL_SSL", broker_public_certificate = "-----BEGIN CERTIFICATE-----" }
}`, stored: fields(`"bootstrapServers":"b3.example.com:9092"`, `"group.id":"g"`, `"mechanism":"SCRAM-512"`, `"password":"kafka-pass-2"`)},
				{hcl: `kafka = {
  bootstrap_servers = "b3.example.com:9092"
  authentication    = { mechanism = "SCRAM-512", username = "app2", password = "kafka-pass-2" }
}`, stored: absent("config", "security")},
			},
			secrets: []string{"kafka.authentication.password"},
			drift:   setField("bootstrapServers", "rogue.example.com:9092"),
		},
		{
			// Amazon MSK with IAM access control: an IAM role instead of a secret.
			name: "kafka_msk_iam", connection: "msk",
			versions: []version{
				{hcl: `kafka = {
  bootstrap_servers = "b-1.msk.example.com:9098"
  authentication = {
    mechanism = "AWS_MSK_IAM"
    aws       = { role_arn = "arn:aws:iam::123456789012:role/msk-reader" }
  }
  security = { protocol = "SASL_SSL" }
}`, stored: fields(`"authentication":{"aws":{"roleArn":"arn:aws:iam::123456789012:role/msk-reader"},"mechanism":"AWS_MSK_IAM"}`)},
				{hcl: `kafka = {
  bootstrap_servers = "b-1.msk.example.com:9098"
  authentication = {
    mechanism = "AWS_MSK_IAM"
    aws       = { role_arn = "arn:aws:iam::123456789012:role/msk-writer", test_bucket = "msk-probe" }
  }
  security = { protocol = "SASL_SSL" }
}`, stored: fields(`"aws":{"roleArn":"arn:aws:iam::123456789012:role/msk-writer","testBucket":"msk-probe"}`)},
				{hcl: `kafka = {
  bootstrap_servers = "b-1.msk.example.com:9098"
  authentication = {
    mechanism = "AWS_MSK_IAM"
    aws       = { role_arn = "arn:aws:iam::123456789012:role/msk-writer" }
  }
}`, stored: absent("security")},
			},
			drift: setField("authentication", map[string]any{"mechanism": "AWS_MSK_IAM", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/rogue"}}),
		},
		{
			name: "https", connection: "hook",
			versions: []version{
				{hcl: `https = {
  url     = "https://example.com/a"
  headers = { Authorization = "Bearer one" }
}`, stored: fields(`"url":"https://example.com/a"`, `"headers":{"Authorization":"Bearer one"}`)},
				{hcl: `https = {
  url     = "https://example.com/b"
  headers = { Authorization = "Bearer two", "X-Team" = "data" }
}`, stored: fields(`"url":"https://example.com/b"`, `"headers":{"Authorization":"Bearer two","X-Team":"data"}`)},
				{hcl: `https = { url = "https://example.com/b" }`, stored: fields(`"headers":{}`)},
			},
			secrets: []string{"https.headers"},
			drift:   setField("url", "https://rogue.example.com"),
		},
		awsCase("aws_lambda", "lambda", "publicPrivateNetworking"),
		awsCase("s3", "bucket", "networking"),
		awsCase("aws_kinesis_data_streams", "kinesis", "networking"),
		{
			name: "schema_registry", connection: "registry",
			versions: []version{
				{hcl: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr1.example.com"]
  authentication = { type = "USER_INFO", username = "key", password = "sr-pass-1" }
}`, stored: fields(`"schemaRegistryUrls":["https://sr1.example.com"]`, `"password":"sr-pass-1"`)},
				{hcl: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr1.example.com", "https://sr2.example.com"]
  authentication = { type = "USER_INFO", username = "key", password = "sr-pass-2" }
}`, stored: fields(`"schemaRegistryUrls":["https://sr1.example.com","https://sr2.example.com"]`, `"password":"sr-pass-2"`)},
				{hcl: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr1.example.com", "https://sr2.example.com"]
  authentication = { type = "SASL_INHERIT" }
}`, stored: fields(`"schemaRegistryAuthentication":{"type":"SASL_INHERIT"}`)},
			},
			secrets: []string{"schema_registry.authentication.password"},
			drift:   setField("schemaRegistryUrls", []string{"https://rogue.example.com"}),
		},
		{
			name: "azure_blob_storage", connection: "blobs",
			versions: []version{
				{hcl: `azure_blob_storage = {
  service_principal_id = "11111111-2222-3333-4444-555555555555"
  storage_account_name = "atlasxdata"
  region               = "eastus2"
}`, stored: fields(`"storageAccountName":"atlasxdata"`)},
				{hcl: `azure_blob_storage = {
  service_principal_id = "11111111-2222-3333-4444-555555555555"
  storage_account_name = "atlasxarchive"
  region               = "eastus2"
}`, stored: fields(`"storageAccountName":"atlasxarchive"`)},
				{hcl: `azure_blob_storage = {
  service_principal_id = "11111111-2222-3333-4444-555555555555"
  storage_account_name = "atlasxarchive"
}`, stored: absentIn("azure", "region")},
			},
			drift: setField("azure", map[string]any{"servicePrincipalId": "other", "storageAccountName": "rogue"}),
		},
		{
			name: "gcp_pubsub", connection: "pubsub",
			versions: []version{
				{hcl: `gcp_pubsub = { service_account_id = "atlas@p.iam.gserviceaccount.com" }`, stored: fields(`"serviceAccountId":"atlas@p.iam.gserviceaccount.com"`)},
				{hcl: `gcp_pubsub = {
  service_account_id = "streams@p.iam.gserviceaccount.com"
  networking         = { access = { type = "PUBLIC" } }
}`, stored: fields(`"serviceAccountId":"streams@p.iam.gserviceaccount.com"`, `"publicPrivateNetworking":{"access":{"type":"PUBLIC"}}`)},
				{hcl: `gcp_pubsub = { service_account_id = "streams@p.iam.gserviceaccount.com" }`},
			},
			drift: setField("gcp", map[string]any{"serviceAccountId": "rogue@p.iam.gserviceaccount.com"}),
		},
	}
}

// awsCase is the same lifecycle for the three AWS types.
func awsCase(name, connection, networkingField string) typeCase {
	return typeCase{
		name: name, connection: connection,
		versions: []version{
			{hcl: name + ` = {
  role_arn    = "arn:aws:iam::123456789012:role/atlas-streams"
  test_bucket = "atlasx-probe"
}`, stored: fields(`"roleArn":"arn:aws:iam::123456789012:role/atlas-streams"`, `"testBucket":"atlasx-probe"`)},
			{hcl: name + ` = {
  role_arn    = "arn:aws:iam::123456789012:role/atlas-streams-2"
  test_bucket = "atlasx-probe"
  networking  = { access = { type = "PUBLIC" } }
}`, stored: fields(`"roleArn":"arn:aws:iam::123456789012:role/atlas-streams-2"`, `"`+networkingField+`":{"access":{"type":"PUBLIC"}}`)},
			{hcl: name + ` = {
  role_arn = "arn:aws:iam::123456789012:role/atlas-streams-2"
}`, stored: absentIn("aws", "testBucket")},
		},
		drift: setField("aws", map[string]any{"roleArn": "arn:aws:iam::123456789012:role/rogue"}),
	}
}

func TestAccEveryTypeLifecycle(t *testing.T) {
	for _, tc := range typeCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				CheckDestroy:             resource.ComposeTestCheckFunc(env.CheckNothingLeft, env.ExpectWrites(acctest.Writes{Delete: 1})),
				Steps:                    lifecycleSteps(env, tc),
			})
		})
	}
}

func lifecycleSteps(env *acctest.Env, tc typeCase) []resource.TestStep {
	config := func(name string, v version) string {
		return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = %q
  %s
}
`, name, v.hcl))
	}
	stored := func(name string, v version) resource.TestCheckFunc {
		return func(*terraform.State) error {
			conn, ok := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, name)
			if !ok {
				return fmt.Errorf("connection %q is not in Atlas", name)
			}
			if v.stored == nil {
				return nil
			}
			return v.stored(conn)
		}
	}
	expectAction := func(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, a)}}
	}

	first, last := tc.versions[0], tc.versions[len(tc.versions)-1]
	steps := []resource.TestStep{
		{
			Config:           config(tc.connection, first),
			ConfigPlanChecks: expectAction(plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(env.Seed.ProjectID+"/"+env.Seed.Workspace+"/"+tc.connection)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("state"), knownvalue.StringExact("READY")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("region"), knownvalue.StringExact(env.Seed.Region)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("connection_id"), knownvalue.StringRegexp(hex24)),
			},
			Check: resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{Create: 1}), stored(tc.connection, first)),
		},
		{
			// A plan with nothing changed sends no write.
			Config:           config(tc.connection, first),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			Check:            env.ExpectWrites(acctest.Writes{}),
		},
	}
	for _, v := range tc.versions[1:] {
		steps = append(steps, resource.TestStep{
			Config:           config(tc.connection, v),
			ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
			Check:            resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{Update: 1}), stored(tc.connection, v)),
		})
	}
	legacyID := env.Seed.Workspace + "-" + env.Seed.ProjectID + "-" + tc.connection
	for _, id := range []string{"", legacyID} {
		steps = append(steps, resource.TestStep{
			Config:                  config(tc.connection, last),
			ResourceName:            address,
			ImportState:             true,
			ImportStateId:           id,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: tc.secrets,
		})
	}
	if tc.drift != nil {
		var before map[string]any
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				before, _ = env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, tc.connection)
				env.Emulator.ResetCounts() // the imports before only read
				if err := tc.drift(env, tc.connection); err != nil {
					panic(err)
				}
			},
			Config:           config(tc.connection, last),
			ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
			Check: resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{Update: 1}), func(*terraform.State) error {
				after, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, tc.connection)
				if !reflect.DeepEqual(before, after) {
					return fmt.Errorf("drift not put back:\nbefore %v\nafter  %v", before, after)
				}
				return nil
			}),
		})
	}
	steps = append(steps,
		resource.TestStep{
			PreConfig: func() {
				env.Emulator.ResetCounts()
				env.Emulator.RemoveConnection(env.Seed.ProjectID, env.Seed.Workspace, tc.connection)
			},
			Config:           config(tc.connection, last),
			ConfigPlanChecks: expectAction(plancheck.ResourceActionCreate),
			Check:            resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{Create: 1}), stored(tc.connection, last)),
		},
	)
	if tc.name != "sample" { // a sample's name is its source: there is no other to rename to
		steps = append(steps, resource.TestStep{
			Config:           config(tc.connection+"-renamed", last),
			ConfigPlanChecks: expectAction(plancheck.ResourceActionDestroyBeforeCreate),
			Check:            resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{Create: 1, Delete: 1}), stored(tc.connection+"-renamed", last)),
		})
	}
	return steps
}

var hex24 = regexpMust(`^[a-f0-9]{24}$`)

// fields checks that the stored connection's JSON holds each fragment.
func fields(fragments ...string) func(map[string]any) error {
	return func(conn map[string]any) error {
		doc := canonicalJSON(conn)
		for _, f := range fragments {
			if !strings.Contains(doc, f) {
				return fmt.Errorf("Atlas holds %s\nwant it to contain %s", doc, f)
			}
		}
		return nil
	}
}

// absent checks that top-level fields are gone (or empty) in Atlas.
func absent(names ...string) func(map[string]any) error {
	return func(conn map[string]any) error {
		for _, n := range names {
			if v, ok := conn[n]; ok && !isEmpty(v) {
				return fmt.Errorf("Atlas still holds %s = %v", n, v)
			}
		}
		return nil
	}
}

// absentIn checks that a field of a nested object is gone in Atlas.
func absentIn(object, name string) func(map[string]any) error {
	return func(conn map[string]any) error {
		if o, ok := conn[object].(map[string]any); ok {
			if v, ok := o[name]; ok {
				return fmt.Errorf("Atlas still holds %s.%s = %v", object, name, v)
			}
		}
		return nil
	}
}

func setField(field string, value any) func(*acctest.Env, string) error {
	return func(env *acctest.Env, name string) error {
		return env.Emulator.SetField(env.Seed.ProjectID, env.Seed.Workspace, name, field, value)
	}
}
