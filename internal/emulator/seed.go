package emulator

// Seed is the usual setup of a test or the demo: one project, one
// workspace, and one credential of each kind, all granted RoleProjectOwner.
type Seed struct {
	ProjectID    string
	Workspace    string
	Region       string
	PublicKey    string
	PrivateKey   string
	ClientID     string
	ClientSecret string
	AccessToken  string

	// FailoverRegions are the workspace's failover regions; nil takes
	// DefaultSeed's, an empty list names none. The workspace's own region
	// and repeats are left out, and the Seed that Seed returns names the
	// regions the workspace holds.
	FailoverRegions []string

	// Prerequisites are what a live acceptance run takes from the user's
	// project; the emulator holds nothing behind them.
	Prerequisites Prerequisites
}

// Prerequisites are the values a live acceptance run needs from a real
// project: a cluster, an IAM role registered for stream processing, Kafka
// and schema registry endpoints, Azure and GCP identities and a PrivateLink
// connection. The emulator accepts any well-formed value where Atlas would
// check that the thing exists; these are well-formed, so a suite written for
// a real project runs unchanged against the emulator.
type Prerequisites struct {
	ClusterName                 string
	AWSRoleARN                  string
	KafkaBootstrapServers       string
	SchemaRegistryURL           string
	AzureServicePrincipalID     string
	AzureStorageAccount         string
	GCPServiceAccountID         string
	PrivateLinkID               string // 24 hex digits, as Atlas's connection ids
	PrivateLinkBootstrapServers string
}

// DefaultSeed is what Seed fills blank fields with.
func DefaultSeed() Seed {
	return Seed{
		ProjectID:    "32b6e34b3d91647abb20e7b8",
		Workspace:    "analytics",
		Region:       "VIRGINIA_USA",
		PublicKey:    "atlasxpub",
		PrivateKey:   "atlasx-private-key",
		ClientID:     "mdb_sa_id_atlasx",
		ClientSecret: "mdb_sa_sk_atlasx",
		AccessToken:  "atlasx-access-token",

		// Two other AWS regions, so failover connections work out of the box.
		FailoverRegions: []string{"OREGON_USA", "DUBLIN_IRL"},

		Prerequisites: Prerequisites{
			ClusterName:                 "Cluster0",
			AWSRoleARN:                  "arn:aws:iam::123456789012:role/atlasx-streams",
			KafkaBootstrapServers:       "kafka-1.atlasx.example:9092,kafka-2.atlasx.example:9092",
			SchemaRegistryURL:           "https://schema-registry.atlasx.example",
			AzureServicePrincipalID:     "6c0d1f8e-4b8a-4f5e-9a51-3b1f0e7c2d94",
			AzureStorageAccount:         "atlasxstreams",
			GCPServiceAccountID:         "atlasx-streams@atlasx-project.iam.gserviceaccount.com",
			PrivateLinkID:               "65f0a1b2c3d4e5f601234567",
			PrivateLinkBootstrapServers: "kafka-1.private.atlasx.example:9092",
		},
	}
}

// Seed adds s's project, workspace and credentials, blank fields taking
// DefaultSeed's values, and returns the Seed as applied.
func (e *Emulator) Seed(s Seed) Seed {
	or := func(v *string, fallback string) {
		if *v == "" {
			*v = fallback
		}
	}
	d := DefaultSeed()
	or(&s.ProjectID, d.ProjectID)
	or(&s.Workspace, d.Workspace)
	or(&s.Region, d.Region)
	or(&s.PublicKey, d.PublicKey)
	or(&s.PrivateKey, d.PrivateKey)
	or(&s.ClientID, d.ClientID)
	or(&s.ClientSecret, d.ClientSecret)
	or(&s.AccessToken, d.AccessToken)
	if s.FailoverRegions == nil {
		s.FailoverRegions = d.FailoverRegions
	}
	p, dp := &s.Prerequisites, d.Prerequisites
	or(&p.ClusterName, dp.ClusterName)
	or(&p.AWSRoleARN, dp.AWSRoleARN)
	or(&p.KafkaBootstrapServers, dp.KafkaBootstrapServers)
	or(&p.SchemaRegistryURL, dp.SchemaRegistryURL)
	or(&p.AzureServicePrincipalID, dp.AzureServicePrincipalID)
	or(&p.AzureStorageAccount, dp.AzureStorageAccount)
	or(&p.GCPServiceAccountID, dp.GCPServiceAccountID)
	or(&p.PrivateLinkID, dp.PrivateLinkID)
	or(&p.PrivateLinkBootstrapServers, dp.PrivateLinkBootstrapServers)

	e.AddWorkspace(s.ProjectID, s.Workspace, s.Region)
	s.FailoverRegions = regionNames(failoverRegionsNamed(s.FailoverRegions, s.Region))
	if err := e.SetFailoverRegions(s.ProjectID, s.Workspace, s.FailoverRegions...); err != nil {
		panic(err) // AddWorkspace has just made it
	}
	e.AddAPIKey(s.PublicKey, s.PrivateKey)
	e.AddServiceAccount(s.ClientID, s.ClientSecret)
	e.AddAccessToken(s.AccessToken)
	for _, principal := range []string{s.PublicKey, s.ClientID, s.AccessToken} {
		e.GrantRole(principal, s.ProjectID, RoleProjectOwner)
	}
	return s
}
