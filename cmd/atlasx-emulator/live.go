package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// credentialKinds are the values -live-credentials takes: the three kinds
// of credential the provider reads from MONGODB_ATLAS_*.
var credentialKinds = []string{"service-account", "api-key", "access-token"}

// liveVariable is one environment variable of the live acceptance suite
// (internal/acclive) and the seed's value for it.
type liveVariable struct{ name, value string }

// liveVariables are what `make testacc-live` needs to run against this
// emulator as it would against Atlas: the base URL, one kind of credential,
// the project and every prerequisite. The workspace is left out, so the run
// creates its own, as it does in a real project.
func liveVariables(url string, s emulator.Seed, credentials string) []liveVariable {
	vars := []liveVariable{{"MONGODB_ATLAS_BASE_URL", url}}
	switch credentials {
	case "api-key":
		vars = append(vars, liveVariable{"MONGODB_ATLAS_PUBLIC_API_KEY", s.PublicKey}, liveVariable{"MONGODB_ATLAS_PRIVATE_API_KEY", s.PrivateKey})
	case "access-token":
		vars = append(vars, liveVariable{"MONGODB_ATLAS_ACCESS_TOKEN", s.AccessToken})
	default:
		vars = append(vars, liveVariable{"MONGODB_ATLAS_CLIENT_ID", s.ClientID}, liveVariable{"MONGODB_ATLAS_CLIENT_SECRET", s.ClientSecret})
	}
	p := s.Prerequisites
	return append(vars,
		liveVariable{"ATLASX_ACC_PROJECT_ID", s.ProjectID},
		liveVariable{"ATLASX_ACC_CLUSTER_NAME", p.ClusterName},
		liveVariable{"ATLASX_ACC_AWS_ROLE_ARN", p.AWSRoleARN},
		liveVariable{"ATLASX_ACC_KAFKA_BOOTSTRAP_SERVERS", p.KafkaBootstrapServers},
		liveVariable{"ATLASX_ACC_SCHEMA_REGISTRY_URL", p.SchemaRegistryURL},
		liveVariable{"ATLASX_ACC_AZURE_SERVICE_PRINCIPAL_ID", p.AzureServicePrincipalID},
		liveVariable{"ATLASX_ACC_AZURE_STORAGE_ACCOUNT", p.AzureStorageAccount},
		liveVariable{"ATLASX_ACC_GCP_SERVICE_ACCOUNT_ID", p.GCPServiceAccountID},
		liveVariable{"ATLASX_ACC_PRIVATELINK_ID", p.PrivateLinkID},
		liveVariable{"ATLASX_ACC_PRIVATELINK_BOOTSTRAP_SERVERS", p.PrivateLinkBootstrapServers},
	)
}

// printLiveExports writes the live suite's variables as shell exports, for
// `eval "$(cat file)"` or `. file`.
func printLiveExports(w io.Writer, url string, s emulator.Seed, credentials string) {
	fmt.Fprintf(w, "# atlasx-emulator: Atlas stream connection API at %s, as the live acceptance suite's environment\n", url)
	for _, v := range liveVariables(url, s, credentials) {
		fmt.Fprintf(w, "export %s=%s\n", v.name, shellQuote(v.value))
	}
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
