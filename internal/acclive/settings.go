package acclive

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

// EnvLive must be "1" for the live suite to run, or to read anything else.
const EnvLive = "ATLASX_ACC_LIVE"

// The run's target.
const (
	EnvProjectID       = "ATLASX_ACC_PROJECT_ID"
	EnvWorkspace       = "ATLASX_ACC_WORKSPACE"
	EnvWorkspaceRegion = "ATLASX_ACC_WORKSPACE_REGION"
	EnvFleetSize       = "ATLASX_ACC_FLEET_SIZE"
)

// Prerequisites only the user can provide: tests that need one skip
// without it, naming the variable.
const (
	EnvClusterName                 = "ATLASX_ACC_CLUSTER_NAME"
	EnvAWSRoleARN                  = "ATLASX_ACC_AWS_ROLE_ARN"
	EnvKafkaBootstrapServers       = "ATLASX_ACC_KAFKA_BOOTSTRAP_SERVERS"
	EnvSchemaRegistryURL           = "ATLASX_ACC_SCHEMA_REGISTRY_URL"
	EnvAzureServicePrincipalID     = "ATLASX_ACC_AZURE_SERVICE_PRINCIPAL_ID"
	EnvAzureStorageAccount         = "ATLASX_ACC_AZURE_STORAGE_ACCOUNT"
	EnvGCPServiceAccountID         = "ATLASX_ACC_GCP_SERVICE_ACCOUNT_ID"
	EnvPrivateLinkID               = "ATLASX_ACC_PRIVATELINK_ID"
	EnvPrivateLinkBootstrapServers = "ATLASX_ACC_PRIVATELINK_BOOTSTRAP_SERVERS"
)

// Prerequisites lists every prerequisite variable, in the README's order.
var Prerequisites = []string{
	EnvClusterName, EnvAWSRoleARN, EnvKafkaBootstrapServers, EnvSchemaRegistryURL,
	EnvAzureServicePrincipalID, EnvAzureStorageAccount, EnvGCPServiceAccountID,
	EnvPrivateLinkID, EnvPrivateLinkBootstrapServers,
}

// DefaultFleetSize is how many connections the fleet test applies at once
// unless ATLASX_ACC_FLEET_SIZE says otherwise.
const DefaultFleetSize = 10

// DefaultWorkspaceRegion is where a run creates its workspace (AWS) unless
// ATLASX_ACC_WORKSPACE_REGION names another AWS region.
const DefaultWorkspaceRegion = "VIRGINIA_USA"

// ErrNotLive means ATLASX_ACC_LIVE is not "1": nothing else was read.
var ErrNotLive = errors.New(EnvLive + " is not 1: the live acceptance suite is opt-in (see README, \"Testing against Atlas\")")

// Settings are a live run's target: where Atlas is and how to reach it, the
// project, the workspace (empty: the run creates one) and the prerequisites
// given.
type Settings struct {
	Client          client.Config
	ProjectID       string
	Workspace       string
	WorkspaceRegion string
	FleetSize       int
	prerequisites   map[string]string
}

// Prerequisite is the value of a prerequisite variable, "" when not given.
func (s Settings) Prerequisite(name string) string { return s.prerequisites[name] }

// FromEnv reads a live run's settings through getenv (os.Getenv). Unless
// ATLASX_ACC_LIVE is "1" it reads nothing else and returns ErrNotLive, so a
// developer's Atlas credentials are never touched by an ordinary test run.
// With it, missing credentials or project are an error, not a skip: a run
// that was asked for must not pass by doing nothing.
func FromEnv(getenv func(string) string) (Settings, error) {
	if getenv(EnvLive) != "1" {
		return Settings{}, ErrNotLive
	}
	s := Settings{
		ProjectID:       getenv(EnvProjectID),
		Workspace:       getenv(EnvWorkspace),
		WorkspaceRegion: getenv(EnvWorkspaceRegion),
		FleetSize:       DefaultFleetSize,
		prerequisites:   map[string]string{},
	}
	if s.WorkspaceRegion == "" {
		s.WorkspaceRegion = DefaultWorkspaceRegion
	}
	var problems []string
	if size := getenv(EnvFleetSize); size != "" {
		n, err := strconv.Atoi(size)
		if err != nil || n < 1 {
			problems = append(problems, fmt.Sprintf("%s=%q is not a whole number above 0", EnvFleetSize, size))
		}
		s.FleetSize = n
	}
	for _, name := range Prerequisites {
		if v := getenv(name); v != "" {
			s.prerequisites[name] = v
		}
	}
	// The credentials the provider would use, by its own rules and precedence.
	cfg, err := provider.EnvClientConfig(getenv, "terraform-provider-atlasx-acc")
	if err != nil {
		problems = append(problems, "no complete Atlas credentials: "+err.Error())
	}
	s.Client = cfg
	if s.ProjectID == "" {
		problems = append(problems, "no project: set "+EnvProjectID+" to the 24-hex id of the project to test in")
	}
	if len(problems) > 0 {
		return Settings{}, fmt.Errorf("%s=1, but %s", EnvLive, strings.Join(problems, "; and "))
	}
	return s, nil
}
