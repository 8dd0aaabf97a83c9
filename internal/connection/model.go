package connection

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Model is what the resource and both data sources say about one
// connection. Exactly one of the type attributes is non-nil.
type Model struct {
	ID             types.String `tfsdk:"id"`
	ProjectID      types.String `tfsdk:"project_id"`
	WorkspaceName  types.String `tfsdk:"workspace_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
	ConnectionID   types.String `tfsdk:"connection_id"`
	State          types.String `tfsdk:"state"`
	Region         types.String `tfsdk:"region"`

	Sample                *sampleModel         `tfsdk:"sample"`
	Cluster               *ClusterModel        `tfsdk:"cluster"`
	Kafka                 *KafkaModel          `tfsdk:"kafka"`
	HTTPS                 *httpsModel          `tfsdk:"https"`
	AWSLambda             *awsModel            `tfsdk:"aws_lambda"`
	S3                    *awsModel            `tfsdk:"s3"`
	AWSKinesisDataStreams *awsModel            `tfsdk:"aws_kinesis_data_streams"`
	SchemaRegistry        *schemaRegistryModel `tfsdk:"schema_registry"`
	AzureBlobStorage      *azureModel          `tfsdk:"azure_blob_storage"`
	GCPPubSub             *gcpModel            `tfsdk:"gcp_pubsub"`
}

type sampleModel struct{}

type ClusterModel struct {
	ClusterName      types.String `tfsdk:"cluster_name"`
	ClusterProjectID types.String `tfsdk:"cluster_project_id"`
	DBRoleToExecute  *dbRoleModel `tfsdk:"db_role_to_execute"`
}

type dbRoleModel struct {
	Role types.String `tfsdk:"role"`
	Type types.String `tfsdk:"type"`
}

type KafkaModel struct {
	BootstrapServers types.String              `tfsdk:"bootstrap_servers"`
	Config           types.Map                 `tfsdk:"config"`
	Authentication   *kafkaAuthenticationModel `tfsdk:"authentication"`
	Security         *kafkaSecurityModel       `tfsdk:"security"`
	Networking       *networkingModel          `tfsdk:"networking"`
}

type kafkaAuthenticationModel struct {
	Mechanism                 types.String  `tfsdk:"mechanism"`
	Method                    types.String  `tfsdk:"method"`
	Username                  types.String  `tfsdk:"username"`
	Password                  types.String  `tfsdk:"password"`
	PasswordWO                types.String  `tfsdk:"password_wo"`
	PasswordWOVersion         types.Int64   `tfsdk:"password_wo_version"`
	TokenEndpointURL          types.String  `tfsdk:"token_endpoint_url"`
	ClientID                  types.String  `tfsdk:"client_id"`
	ClientSecret              types.String  `tfsdk:"client_secret"`
	ClientSecretWO            types.String  `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion     types.Int64   `tfsdk:"client_secret_wo_version"`
	Scope                     types.String  `tfsdk:"scope"`
	SASLOAuthBearerExtensions types.String  `tfsdk:"sasl_oauthbearer_extensions"`
	SSLCertificate            types.String  `tfsdk:"ssl_certificate"`
	SSLKey                    types.String  `tfsdk:"ssl_key"`
	SSLKeyWO                  types.String  `tfsdk:"ssl_key_wo"`
	SSLKeyWOVersion           types.Int64   `tfsdk:"ssl_key_wo_version"`
	SSLKeyPassword            types.String  `tfsdk:"ssl_key_password"`
	SSLKeyPasswordWO          types.String  `tfsdk:"ssl_key_password_wo"`
	SSLKeyPasswordWOVersion   types.Int64   `tfsdk:"ssl_key_password_wo_version"`
	AWS                       *iamRoleModel `tfsdk:"aws"`
}

// iamRoleModel is the IAM role a Kafka connection signs in to Amazon MSK with.
type iamRoleModel struct {
	RoleARN    types.String `tfsdk:"role_arn"`
	TestBucket types.String `tfsdk:"test_bucket"`
}

type kafkaSecurityModel struct {
	Protocol                types.String `tfsdk:"protocol"`
	BrokerPublicCertificate types.String `tfsdk:"broker_public_certificate"`
}

type networkingModel struct {
	Access *networkingAccessModel `tfsdk:"access"`
}

type networkingAccessModel struct {
	Type         types.String `tfsdk:"type"`
	ConnectionID types.String `tfsdk:"connection_id"`
	TGWRouteID   types.String `tfsdk:"tgw_route_id"`
}

type httpsModel struct {
	URL              types.String `tfsdk:"url"`
	Headers          types.Map    `tfsdk:"headers"`
	HeadersWO        types.Map    `tfsdk:"headers_wo"`
	HeadersWOVersion types.Int64  `tfsdk:"headers_wo_version"`
}

// awsModel serves AWS Lambda, S3 and Kinesis Data Streams, which share their shape.
type awsModel struct {
	RoleARN    types.String     `tfsdk:"role_arn"`
	TestBucket types.String     `tfsdk:"test_bucket"`
	Networking *networkingModel `tfsdk:"networking"`
}

type schemaRegistryModel struct {
	Provider       types.String                       `tfsdk:"provider"`
	URLs           types.List                         `tfsdk:"urls"`
	Authentication *schemaRegistryAuthenticationModel `tfsdk:"authentication"`
}

type schemaRegistryAuthenticationModel struct {
	Type              types.String `tfsdk:"type"`
	Username          types.String `tfsdk:"username"`
	Password          types.String `tfsdk:"password"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
}

type azureModel struct {
	ServicePrincipalID types.String     `tfsdk:"service_principal_id"`
	StorageAccountName types.String     `tfsdk:"storage_account_name"`
	Region             types.String     `tfsdk:"region"`
	Networking         *networkingModel `tfsdk:"networking"`
}

type gcpModel struct {
	ServiceAccountID types.String     `tfsdk:"service_account_id"`
	Networking       *networkingModel `tfsdk:"networking"`
}
