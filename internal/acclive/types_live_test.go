//go:build live

package acclive_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/atlasx/terraform-provider-atlasx/internal/acclive"
	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// version is one configuration of a type's attribute and what Atlas must
// then show (fragments of the connection's JSON, HTTPS header values masked).
type version struct {
	hcl   string
	atlas []string
}

// typeCase is the lifecycle of one connection type in a real project.
type typeCase struct {
	name     string   // the subtest, and the connection's name after the run prefix
	apiType  string   // the API's type
	needs    []string // prerequisite variables
	versions []version
	// secrets are the attributes Atlas never returns, so an import cannot know them.
	secrets []string
	// drift is a change made outside Terraform through the API; nil for none.
	drift client.ConnectionPatch
}

func typeCases(p func(string) string) []typeCase {
	kafkaAuth := func(mechanism, password string) string {
		return fmt.Sprintf(`authentication = { mechanism = %q, username = "atlasx-acc", password = %q }`, mechanism, password)
	}
	networking := func(field string) string { return `"` + field + `":{"access":{"type":"PUBLIC"}}` }
	awsCase := func(name, apiType, networkingField string) typeCase {
		role := p(acclive.EnvAWSRoleARN)
		return typeCase{
			name: name, apiType: apiType, needs: []string{acclive.EnvAWSRoleARN},
			versions: []version{
				{hcl: fmt.Sprintf(`%s = { role_arn = %q }`, name, role), atlas: []string{fmt.Sprintf(`"roleArn":%q`, role)}},
				{hcl: fmt.Sprintf(`%s = {
  role_arn   = %q
  networking = { access = { type = "PUBLIC" } }
}`, name, role), atlas: []string{networking(networkingField)}},
				// Back to no networking: the explicit PUBLIC is cleared.
				{hcl: fmt.Sprintf(`%s = { role_arn = %q }`, name, role), atlas: []string{fmt.Sprintf(`"roleArn":%q`, role)}},
			},
		}
	}
	return []typeCase{
		{
			name: "cluster", apiType: client.TypeCluster, needs: []string{acclive.EnvClusterName},
			versions: []version{
				{hcl: fmt.Sprintf(`cluster = {
  cluster_name       = %q
  db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
}`, p(acclive.EnvClusterName)), atlas: []string{fmt.Sprintf(`"clusterName":%q`, p(acclive.EnvClusterName)), `"dbRoleToExecute":{"role":"atlasAdmin","type":"BUILT_IN"}`}},
				{hcl: fmt.Sprintf(`cluster = {
  cluster_name       = %q
  db_role_to_execute = { role = "readAnyDatabase", type = "BUILT_IN" }
}`, p(acclive.EnvClusterName)), atlas: []string{`"dbRoleToExecute":{"role":"readAnyDatabase","type":"BUILT_IN"}`}},
			},
			drift: client.ConnectionPatch{"dbRoleToExecute": map[string]string{"role": "readWriteAnyDatabase", "type": "BUILT_IN"}},
		},
		{
			name: "kafka", apiType: client.TypeKafka, needs: []string{acclive.EnvKafkaBootstrapServers},
			versions: []version{
				{hcl: fmt.Sprintf(`kafka = {
  bootstrap_servers = %q
  config            = { "auto.offset.reset" = "earliest" }
  %s
  security          = { protocol = "SASL_SSL" }
}`, p(acclive.EnvKafkaBootstrapServers), kafkaAuth("SCRAM-256", "atlasx-acc-kafka-1")),
					atlas: []string{fmt.Sprintf(`"bootstrapServers":%q`, p(acclive.EnvKafkaBootstrapServers)), `"config":{"auto.offset.reset":"earliest"}`, `"mechanism":"SCRAM-256"`, `"protocol":"SASL_SSL"`}},
				{hcl: fmt.Sprintf(`kafka = {
  bootstrap_servers = %q
  config            = { "auto.offset.reset" = "latest" }
  %s
  security          = { protocol = "SASL_SSL" }
}`, p(acclive.EnvKafkaBootstrapServers), kafkaAuth("SCRAM-512", "atlasx-acc-kafka-1")),
					atlas: []string{`"config":{"auto.offset.reset":"latest"}`, `"mechanism":"SCRAM-512"`}},
			},
			secrets: []string{"kafka.authentication.password"},
			drift:   client.ConnectionPatch{"config": map[string]string{"auto.offset.reset": "earliest", "atlasx.drift": "1"}},
		},
		{
			name: "kafka_private_link", apiType: client.TypeKafka, needs: []string{acclive.EnvPrivateLinkID, acclive.EnvPrivateLinkBootstrapServers},
			versions: []version{
				{hcl: fmt.Sprintf(`kafka = {
  bootstrap_servers = %q
  %s
  security          = { protocol = "SASL_SSL" }
  networking        = { access = { type = "PRIVATE_LINK", connection_id = %q } }
}`, p(acclive.EnvPrivateLinkBootstrapServers), kafkaAuth("PLAIN", "atlasx-acc-private-1"), p(acclive.EnvPrivateLinkID)),
					atlas: []string{fmt.Sprintf(`"networking":{"access":{"type":"PRIVATE_LINK","connectionId":%q}}`, p(acclive.EnvPrivateLinkID))}},
				{hcl: fmt.Sprintf(`kafka = {
  bootstrap_servers = %q
  config            = { "auto.offset.reset" = "earliest" }
  %s
  security          = { protocol = "SASL_SSL" }
  networking        = { access = { type = "PRIVATE_LINK", connection_id = %q } }
}`, p(acclive.EnvPrivateLinkBootstrapServers), kafkaAuth("PLAIN", "atlasx-acc-private-1"), p(acclive.EnvPrivateLinkID)),
					atlas: []string{`"config":{"auto.offset.reset":"earliest"}`}},
			},
			secrets: []string{"kafka.authentication.password"},
		},
		{
			name: "https", apiType: client.TypeHTTPS,
			versions: []version{
				{hcl: `https = {
  url     = "https://example.com/atlasx-acc/a"
  headers = { Authorization = "Bearer atlasx-acc-1" }
}`, atlas: []string{`"url":"https://example.com/atlasx-acc/a"`, `"headers":{"Authorization":"***"}`}},
				{hcl: `https = { url = "https://example.com/atlasx-acc/b" }`, atlas: []string{`"url":"https://example.com/atlasx-acc/b"`}},
			},
			secrets: []string{"https.headers"},
			drift:   client.ConnectionPatch{"url": "https://example.com/atlasx-acc/drifted"},
		},
		awsCase("aws_lambda", client.TypeAWSLambda, "publicPrivateNetworking"),
		awsCase("s3", client.TypeS3, "networking"),
		awsCase("aws_kinesis_data_streams", client.TypeAWSKinesisDataStreams, "networking"),
		{
			name: "schema_registry", apiType: client.TypeSchemaRegistry, needs: []string{acclive.EnvSchemaRegistryURL},
			versions: []version{
				{hcl: fmt.Sprintf(`schema_registry = {
  provider       = "CONFLUENT"
  urls           = [%q]
  authentication = { type = "USER_INFO", username = "atlasx-acc", password = "atlasx-acc-registry-1" }
}`, p(acclive.EnvSchemaRegistryURL)), atlas: []string{fmt.Sprintf(`"schemaRegistryUrls":[%q]`, p(acclive.EnvSchemaRegistryURL)), `"username":"atlasx-acc"`}},
				{hcl: fmt.Sprintf(`schema_registry = {
  provider       = "CONFLUENT"
  urls           = [%q]
  authentication = { type = "USER_INFO", username = "atlasx-acc-2", password = "atlasx-acc-registry-2" }
}`, p(acclive.EnvSchemaRegistryURL)), atlas: []string{`"username":"atlasx-acc-2"`}},
			},
			secrets: []string{"schema_registry.authentication.password"},
		},
		{
			name: "azure_blob_storage", apiType: client.TypeAzureBlobStorage, needs: []string{acclive.EnvAzureServicePrincipalID, acclive.EnvAzureStorageAccount},
			versions: []version{
				{hcl: fmt.Sprintf(`azure_blob_storage = {
  service_principal_id = %q
  storage_account_name = %q
}`, p(acclive.EnvAzureServicePrincipalID), p(acclive.EnvAzureStorageAccount)), atlas: []string{fmt.Sprintf(`"storageAccountName":%q`, p(acclive.EnvAzureStorageAccount))}},
				{hcl: fmt.Sprintf(`azure_blob_storage = {
  service_principal_id = %q
  storage_account_name = %q
  networking           = { access = { type = "PUBLIC" } }
}`, p(acclive.EnvAzureServicePrincipalID), p(acclive.EnvAzureStorageAccount)), atlas: []string{networking("publicPrivateNetworking")}},
				{hcl: fmt.Sprintf(`azure_blob_storage = {
  service_principal_id = %q
  storage_account_name = %q
}`, p(acclive.EnvAzureServicePrincipalID), p(acclive.EnvAzureStorageAccount)), atlas: []string{fmt.Sprintf(`"servicePrincipalId":%q`, p(acclive.EnvAzureServicePrincipalID))}},
			},
		},
		{
			name: "gcp_pubsub", apiType: client.TypeGCPPubSub, needs: []string{acclive.EnvGCPServiceAccountID},
			versions: []version{
				{hcl: fmt.Sprintf(`gcp_pubsub = { service_account_id = %q }`, p(acclive.EnvGCPServiceAccountID)), atlas: []string{fmt.Sprintf(`"serviceAccountId":%q`, p(acclive.EnvGCPServiceAccountID))}},
				{hcl: fmt.Sprintf(`gcp_pubsub = {
  service_account_id = %q
  networking         = { access = { type = "PUBLIC" } }
}`, p(acclive.EnvGCPServiceAccountID)), atlas: []string{networking("publicPrivateNetworking")}},
				{hcl: fmt.Sprintf(`gcp_pubsub = { service_account_id = %q }`, p(acclive.EnvGCPServiceAccountID)), atlas: []string{fmt.Sprintf(`"serviceAccountId":%q`, p(acclive.EnvGCPServiceAccountID))}},
			},
		},
	}
}

// TestAccLiveEveryTypeLifecycle takes each connection type whose
// prerequisites are given through create, a plan that changes nothing,
// in-place updates, import by both id forms, drift made through the API,
// deletion outside Terraform, and destroy; checking Atlas after each step.
func TestAccLiveEveryTypeLifecycle(t *testing.T) {
	r := liveTest(t)
	for _, tc := range typeCases(r.settings.Prerequisite) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r.needs(t, tc.needs...)
			name := r.prefix + tc.name
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: r.factories(),
				CheckDestroy:             r.atlasGone(name),
				Steps:                    r.lifecycleSteps(t, tc, name),
			})
		})
	}
}

// TestAccLiveSampleLifecycle creates, imports and deletes the sample
// source. Its name is the source's, sample_stream_solar, which cannot
// carry the run prefix, so it runs only in a workspace the run created.
func TestAccLiveSampleLifecycle(t *testing.T) {
	r := liveTest(t)
	if !r.ownWorkspace {
		t.Skipf("the sample connection is named after its source and cannot carry the run prefix: unset %s so the run creates its own workspace", acclive.EnvWorkspace)
	}
	const name = "sample_stream_solar"
	tc := typeCase{name: "sample", apiType: client.TypeSample, versions: []version{{hcl: `sample = {}`, atlas: []string{`"type":"Sample"`}}}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: r.factories(),
		CheckDestroy:             r.atlasGone(name),
		Steps:                    r.lifecycleSteps(t, tc, name),
	})
}

const address = "atlasx_stream_connection.test"

func (r *liveRun) lifecycleSteps(t *testing.T, tc typeCase, name string) []resource.TestStep {
	config := func(v version) string { return r.resourceConfig("test", name, v.hcl) }
	check := func(v version) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(r.atlasShows(name, v.atlas...), r.stateMatchesAtlas(address, name))
	}
	first, last := tc.versions[0], tc.versions[len(tc.versions)-1]
	steps := []resource.TestStep{
		{Config: config(first), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expect(plancheck.ResourceActionCreate)}, Check: check(first)},
		{Config: config(first), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
	}
	for _, v := range tc.versions[1:] {
		steps = append(steps, resource.TestStep{
			Config: config(v), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expect(plancheck.ResourceActionUpdate)}, Check: check(v),
		})
	}
	legacyID := r.workspace + "-" + r.settings.ProjectID + "-" + name
	for _, id := range []string{"", legacyID} {
		steps = append(steps, resource.TestStep{
			Config: config(last), ResourceName: address, ImportState: true, ImportStateId: id,
			ImportStateVerify: true, ImportStateVerifyIgnore: tc.secrets,
		})
	}
	// Import by identity where the CLI has it (older CLIs keep the two id
	// forms above). The import must plan nothing, which only a connection
	// without secrets can: Atlas never returns them.
	if ok, _ := acctest.CLIAtLeast(t, "1.12.0", "1.12.0"); ok && len(tc.secrets) == 0 {
		steps = append(steps, resource.TestStep{
			Config: config(last), ResourceName: address, ImportState: true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		})
	}
	if tc.drift != nil {
		steps = append(steps, resource.TestStep{
			PreConfig:        func() { r.changeOutside(t, name, tc.apiType, tc.drift) },
			Config:           config(last),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expect(plancheck.ResourceActionUpdate)},
			Check:            check(last),
		})
	}
	return append(steps, resource.TestStep{
		PreConfig:        func() { r.deleteOutside(t, name) },
		Config:           config(last),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expect(plancheck.ResourceActionCreate)},
		Check:            check(last),
	})
}
