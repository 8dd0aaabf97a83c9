package connection

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Model is what the resource and both data sources say about one
// connection. Exactly one of the type attributes is non-null; each holds
// its type's fields (the type table's row) as the schema shapes them.
type Model struct {
	ID             types.String `tfsdk:"id"`
	ProjectID      types.String `tfsdk:"project_id"`
	WorkspaceName  types.String `tfsdk:"workspace_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
	ConnectionID   types.String `tfsdk:"connection_id"`
	State          types.String `tfsdk:"state"`
	Region         types.String `tfsdk:"region"`

	Sample                types.Object `tfsdk:"sample"`
	Cluster               types.Object `tfsdk:"cluster"`
	Kafka                 types.Object `tfsdk:"kafka"`
	HTTPS                 types.Object `tfsdk:"https"`
	AWSLambda             types.Object `tfsdk:"aws_lambda"`
	S3                    types.Object `tfsdk:"s3"`
	AWSKinesisDataStreams types.Object `tfsdk:"aws_kinesis_data_streams"`
	SchemaRegistry        types.Object `tfsdk:"schema_registry"`
	AzureBlobStorage      types.Object `tfsdk:"azure_blob_storage"`
	GCPPubSub             types.Object `tfsdk:"gcp_pubsub"`
}
