package client

// Connection types as the API spells them in the `type` discriminator.
const (
	TypeSample                = "Sample"
	TypeCluster               = "Cluster"
	TypeKafka                 = "Kafka"
	TypeHTTPS                 = "Https"
	TypeAWSLambda             = "AWSLambda"
	TypeS3                    = "S3"
	TypeAWSKinesisDataStreams = "AWSKinesisDataStreams"
	TypeSchemaRegistry        = "SchemaRegistry"
	TypeAzureBlobStorage      = "AzureBlobStorage"
	TypeGCPPubSub             = "GCPPubSub"
)

// Connection states reported by the API.
const (
	StatePending  = "PENDING"
	StateReady    = "READY"
	StateDeleting = "DELETING"
	StateFailed   = "FAILED"
)

// StreamConnection is one stream connection as the API sends and receives it.
// Every type's fields sit side by side, as in the API's discriminated union;
// which of them apply is decided by Type. Read-only fields (ID, State) are
// ignored by the API on writes; write-only fields (ConnectionSecrets)
// are never returned on reads.
type StreamConnection struct {
	Name   string `json:"name,omitempty"`
	Type   string `json:"type,omitempty"`
	ID     string `json:"id,omitempty"`
	State  string `json:"state,omitempty"`
	Region string `json:"region,omitempty"`

	// Cluster
	ClusterName     string           `json:"clusterName,omitempty"`
	ClusterGroupID  string           `json:"clusterGroupId,omitempty"`
	DBRoleToExecute *DBRoleToExecute `json:"dbRoleToExecute,omitempty"`

	// Kafka
	BootstrapServers string               `json:"bootstrapServers,omitempty"`
	Config           map[string]string    `json:"config,omitempty"`
	Authentication   *KafkaAuthentication `json:"authentication,omitempty"`
	Security         *KafkaSecurity       `json:"security,omitempty"`

	// Kafka, S3 and AWSKinesisDataStreams
	Networking *Networking `json:"networking,omitempty"`
	// AWSLambda, AzureBlobStorage and GCPPubSub
	PublicPrivateNetworking *Networking `json:"publicPrivateNetworking,omitempty"`

	// Https
	URL     string            `json:"url,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`

	// AWSLambda, S3 and AWSKinesisDataStreams
	AWS *AWSConfig `json:"aws,omitempty"`

	// SchemaRegistry
	Provider                     string                        `json:"provider,omitempty"`
	SchemaRegistryURLs           []string                      `json:"schemaRegistryUrls,omitempty"`
	SchemaRegistryAuthentication *SchemaRegistryAuthentication `json:"schemaRegistryAuthentication,omitempty"`

	// AzureBlobStorage
	Azure *AzureConfig `json:"azure,omitempty"`

	// GCPPubSub
	GCP *GCPConfig `json:"gcp,omitempty"`
}

// DBRoleToExecute names the database role a Cluster connection runs as.
type DBRoleToExecute struct {
	Role string `json:"role,omitempty"`
	Type string `json:"type,omitempty"` // BUILT_IN or CUSTOM
}

// KafkaAuthentication holds SASL, OAUTHBEARER, AWS MSK IAM and mTLS
// settings. Its secrets (ConnectionSecrets) are write-only.
type KafkaAuthentication struct {
	Mechanism                 string `json:"mechanism,omitempty"`
	Method                    string `json:"method,omitempty"`
	Username                  string `json:"username,omitempty"`
	Password                  string `json:"password,omitempty"`
	TokenEndpointURL          string `json:"tokenEndpointUrl,omitempty"`
	ClientID                  string `json:"clientId,omitempty"`
	ClientSecret              string `json:"clientSecret,omitempty"`
	Scope                     string `json:"scope,omitempty"`
	SASLOAuthBearerExtensions string `json:"saslOauthbearerExtensions,omitempty"`
	SSLCertificate            string `json:"sslCertificate,omitempty"`
	SSLKey                    string `json:"sslKey,omitempty"`
	SSLKeyPassword            string `json:"sslKeyPassword,omitempty"`
	// AWS is the IAM role Atlas assumes for mechanism AWS_MSK_IAM.
	AWS *AWSConfig `json:"aws,omitempty"`
}

// KafkaSecurity is the transport security of a Kafka connection.
type KafkaSecurity struct {
	Protocol                string `json:"protocol,omitempty"`
	BrokerPublicCertificate string `json:"brokerPublicCertificate,omitempty"`
}

// Networking is sent as `networking` or `publicPrivateNetworking`, as the type needs.
type Networking struct {
	Access *NetworkingAccess `json:"access,omitempty"`
}

// NetworkingAccess says how Atlas reaches the connection's endpoint.
type NetworkingAccess struct {
	Type         string `json:"type,omitempty"` // PUBLIC, VPC, PRIVATE_LINK or TRANSIT_GATEWAY
	ConnectionID string `json:"connectionId,omitempty"`
	TGWRouteID   string `json:"tgwRouteId,omitempty"`
	Name         string `json:"name,omitempty"`
}

// AWSConfig is the IAM role (and optional test bucket) of an AWS connection.
type AWSConfig struct {
	RoleARN    string `json:"roleArn,omitempty"`
	TestBucket string `json:"testBucket,omitempty"`
}

// SchemaRegistryAuthentication is USER_INFO (username, write-only password) or SASL_INHERIT.
type SchemaRegistryAuthentication struct {
	Type     string `json:"type,omitempty"`
	Username string `json:"username,omitempty"`
	Password string `json:"password,omitempty"`
}

// AzureConfig is the service principal and storage account of an Azure Blob Storage connection.
type AzureConfig struct {
	ServicePrincipalID string `json:"servicePrincipalId,omitempty"`
	StorageAccountName string `json:"storageAccountName,omitempty"`
	Region             string `json:"region,omitempty"`
}

// GCPConfig is the service account of a GCP Pub/Sub connection.
type GCPConfig struct {
	ServiceAccountID string `json:"serviceAccountId,omitempty"`
}

// ConnectionPatch is the body of an update: only the top-level fields that
// changed. A nil value is sent as an explicit JSON null, which clears the field.
type ConnectionPatch map[string]any

// StreamWorkspace is a stream workspace (the API's "tenant").
type StreamWorkspace struct {
	ID                string             `json:"_id,omitempty"`
	GroupID           string             `json:"groupId,omitempty"`
	Name              string             `json:"name,omitempty"`
	DataProcessRegion *DataProcessRegion `json:"dataProcessRegion,omitempty"`
	StreamConfig      *StreamConfig      `json:"streamConfig,omitempty"`
	Hostnames         []string           `json:"hostnames,omitempty"`

	// FailoverRegions (at most two) are where its Kafka and Cluster
	// connections may have failover connections.
	FailoverRegions []DataProcessRegion `json:"failoverRegions,omitempty"`
	// Connections are its connections, returned only when asked for
	// (GetStreamWorkspaceWithConnections).
	Connections []StreamConnection `json:"connections,omitempty"`
}

// StreamConfig sizes a workspace.
type StreamConfig struct {
	Tier string `json:"tier,omitempty"` // SP2, SP5, SP10, SP30 or SP50
}

// DataProcessRegion is the cloud and region a workspace runs in.
type DataProcessRegion struct {
	CloudProvider string `json:"cloudProvider"`
	Region        string `json:"region"`
}
