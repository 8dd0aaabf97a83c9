package resource_stream_connection_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// Every rule refuses a bad configuration at plan time, names the attribute
// and the fix, and lets no request reach Atlas.
func TestAccPlanTimeValidation(t *testing.T) {
	tests := []struct {
		name  string
		body  string // the resource body after the three identity attributes
		error string // regexp the CLI's error output must match
		// project overrides the project id.
		project string
	}{
		{name: "project id pattern", project: "NOT-A-PROJECT", body: `sample = {}`, error: `project_id[\s\S]*24 lowercase\s+hexadecimal digits`},
		{name: "no type", body: ``, error: `Exactly one of these attributes must be configured:\s+\[sample,cluster,kafka,https`},
		{name: "two types", body: "sample = {}\n https = { url = \"https://x.example.com\" }", error: `Exactly one of these attributes must be configured`},
		{name: "kafka mechanism enum", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication    = { mechanism = "SCRAM-1024", username = "u", password = "p" }
}`, error: `kafka\.authentication\.mechanism[\s\S]*"SCRAM-256"`},
		{name: "kafka protocol enum", body: `kafka = {
  bootstrap_servers = "b:9092"
  security          = { protocol = "TLS" }
}`, error: `kafka\.security\.protocol[\s\S]*"SASL_SSL"`},
		{name: "sasl needs password", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication    = { mechanism = "PLAIN", username = "u" }
}`, error: `kafka\.authentication\.password[\s\S]*mechanism "PLAIN" needs "username", "password"`},
		{name: "oauthbearer needs oidc fields", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication    = { mechanism = "OAUTHBEARER", method = "OIDC", client_id = "c" }
}`, error: `kafka\.authentication\.token_endpoint_url[\s\S]*mechanism "OAUTHBEARER" needs`},
		{name: "oauthbearer takes no password", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication = {
    mechanism = "OAUTHBEARER", method = "OIDC", client_id = "c", client_secret = "s"
    token_endpoint_url = "https://idp.example.com/token", password = "p"
  }
}`, error: `kafka\.authentication\.password[\s\S]*Remove password`},
		{name: "method only with oauthbearer", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication    = { mechanism = "SCRAM-256", username = "u", password = "p", method = "OIDC" }
}`, error: `kafka\.authentication\.method[\s\S]*only for mechanism "OAUTHBEARER"`},
		{name: "ssl key needs certificate", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication    = { ssl_key = "k" }
}`, error: `kafka\.authentication\.ssl_certificate[\s\S]*mutual TLS needs`},
		{name: "msk iam needs a role", body: `kafka = {
  bootstrap_servers = "b:9098"
  authentication    = { mechanism = "AWS_MSK_IAM" }
}`, error: `kafka\.authentication\.aws[\s\S]*mechanism "AWS_MSK_IAM" needs "aws"`},
		{name: "msk iam takes no password", body: `kafka = {
  bootstrap_servers = "b:9098"
  authentication = {
    mechanism = "AWS_MSK_IAM", username = "u", password = "p"
    aws       = { role_arn = "arn:aws:iam::123456789012:role/msk" }
  }
}`, error: `kafka\.authentication\.password[\s\S]*signs in with the IAM role in aws alone[\s\S]*Remove password`},
		{name: "aws only with msk iam", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication = {
    mechanism = "SCRAM-256", username = "u", password = "p"
    aws       = { role_arn = "arn:aws:iam::123456789012:role/msk" }
  }
}`, error: `kafka\.authentication\.aws[\s\S]*only for mechanism "AWS_MSK_IAM"`},
		{name: "msk iam role arn shape", body: `kafka = {
  bootstrap_servers = "b:9098"
  authentication = {
    mechanism = "AWS_MSK_IAM"
    aws       = { role_arn = "arn:aws:iam::123456789012:user/bob" }
  }
}`, error: `kafka\.authentication\.aws\.role_arn[\s\S]*IAM role ARN`},
		{name: "write-only beside its plain form", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication = {
    mechanism = "SCRAM-256", username = "u", password = "p"
    password_wo = "p", password_wo_version = 1
  }
}`, error: `kafka\.authentication\.password_wo conflicts with password: set only one`},
		{name: "write-only without its version", body: `kafka = {
  bootstrap_servers = "b:9092"
  authentication    = { ssl_certificate = "c", ssl_key_wo = "k" }
}`, error: `kafka\.authentication\.ssl_key_wo_version is missing:[\s\S]*Set ssl_key_wo_version = 1`},
		{name: "schema registry password version without its value", body: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr.example.com"]
  authentication = { type = "USER_INFO", username = "u", password = "p", password_wo_version = 1 }
}`, error: `schema_registry\.authentication\.password_wo_version[\s\S]*not allowed without password_wo`},
		{name: "headers version without its value", body: `https = {
  url                = "https://x.example.com"
  headers_wo_version = 2
}`, error: `https\.headers_wo_version[\s\S]*set headers_wo too, or remove headers_wo_version`},
		{name: "bootstrap servers shape", body: `kafka = { bootstrap_servers = "broker-without-port" }`, error: `kafka\.bootstrap_servers[\s\S]*is not host:port`},
		{name: "connection id only with private link", body: `kafka = {
  bootstrap_servers = "b:9092"
  networking        = { access = { type = "VPC", connection_id = "aaaaaaaaaaaaaaaaaaaaaaaa" } }
}`, error: `kafka\.networking\.access\.connection_id[\s\S]*only used with access type "PRIVATE_LINK"`},
		{name: "private link needs connection id", body: `kafka = {
  bootstrap_servers = "b:9092"
  networking        = { access = { type = "PRIVATE_LINK" } }
}`, error: `kafka\.networking\.access\.connection_id[\s\S]*access type "PRIVATE_LINK" needs`},
		{name: "transit gateway needs route id", body: `kafka = {
  bootstrap_servers = "b:9092"
  networking        = { access = { type = "TRANSIT_GATEWAY" } }
}`, error: `kafka\.networking\.access\.tgw_route_id`},
		{name: "networking type not allowed for lambda", body: `aws_lambda = {
  role_arn   = "arn:aws:iam::123456789012:role/r"
  networking = { access = { type = "VPC" } }
}`, error: `aws_lambda\.networking\.access\.type[\s\S]*one of: \["PUBLIC" "PRIVATE_LINK"\], got: "VPC"`},
		{name: "role arn shape", body: `s3 = { role_arn = "arn:aws:s3:::bucket" }`, error: `s3\.role_arn[\s\S]*IAM role ARN`},
		{name: "https url", body: `https = { url = "ftp://files.example.com" }`, error: `https\.url[\s\S]*not an http\(s\) URL`},
		{name: "db role type", body: `cluster = {
  cluster_name       = "c"
  db_role_to_execute = { role = "r", type = "ADMIN" }
}`, error: `cluster\.db_role_to_execute\.type[\s\S]*one of: \["BUILT_IN" "CUSTOM"\], got: "ADMIN"`},
		{name: "schema registry provider", body: `schema_registry = {
  provider       = "AWS_GLUE"
  urls           = ["https://sr.example.com"]
  authentication = { type = "SASL_INHERIT" }
}`, error: `schema_registry\.provider[\s\S]*"CONFLUENT"`},
		{name: "schema registry urls unique", body: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr.example.com", "https://sr.example.com"]
  authentication = { type = "SASL_INHERIT" }
}`, error: `schema_registry\.urls lists "https://sr.example.com" more than once`},
		{name: "schema registry at most ten urls", body: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = [for i in range(11) : "https://sr${i}.example.com"]
  authentication = { type = "SASL_INHERIT" }
}`, error: `schema_registry\.urls list must contain at least 1 elements and at most 10`},
		{name: "schema registry url shape", body: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["sr.example.com"]
  authentication = { type = "SASL_INHERIT" }
}`, error: `schema_registry\.urls[\s\S]*not an http\(s\) URL`},
		{name: "user info needs password", body: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr.example.com"]
  authentication = { type = "USER_INFO", username = "u" }
}`, error: `schema_registry\.authentication\.password[\s\S]*type "USER_INFO" needs`},
		{name: "sasl inherit takes nothing else", body: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr.example.com"]
  authentication = { type = "SASL_INHERIT", username = "u" }
}`, error: `schema_registry\.authentication\.username[\s\S]*Remove username`},
		{name: "auth type enum", body: `schema_registry = {
  provider       = "CONFLUENT"
  urls           = ["https://sr.example.com"]
  authentication = { type = "MTLS" }
}`, error: `schema_registry\.authentication\.type[\s\S]*one of: \["USER_INFO" "SASL_INHERIT"\]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			project := tc.project
			if project == "" {
				project = env.Seed.ProjectID
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config: env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection" "test" {
  project_id      = %q
  workspace_name  = "%%[workspace]"
  connection_name = "c"
  %s
}
`, project, tc.body)),
					PlanOnly:    true,
					ExpectError: errorLike(tc.error),
				}},
			})
			env.ExpectNoRequests(t)
		})
	}
}
