package resource_stream_connection_failover

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// failoverModel is the resource's data.
type failoverModel struct {
	FailoverData
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// FailoverData is what the resource and the data sources say about one
// failover connection. The type objects are the connection resource's own,
// so conversion, the PATCH diff and secrets work on them through a
// connection model (connection). It is exported only because the framework
// reads embedded structs that are.
type FailoverData struct {
	ProjectID            types.String `tfsdk:"project_id"`
	WorkspaceName        types.String `tfsdk:"workspace_name"`
	ConnectionName       types.String `tfsdk:"connection_name"`
	Region               types.String `tfsdk:"region"`
	FailoverConnectionID types.String `tfsdk:"failover_connection_id"`
	State                types.String `tfsdk:"state"`
	Kafka                types.Object `tfsdk:"kafka"`
	Cluster              types.Object `tfsdk:"cluster"`
}

// connection is m as the connection resource's model: the parent's names,
// the region, and the type object, which it shares with m.
func (m *FailoverData) connection() *connection.Model {
	return &connection.Model{
		ProjectID: m.ProjectID, WorkspaceName: m.WorkspaceName, ConnectionName: m.ConnectionName,
		Region: m.Region, Kafka: m.Kafka, Cluster: m.Cluster,
	}
}

// withConnection is m holding what c, a flattened answer from Atlas, says:
// its type object, Atlas's id, state and region.
func (m FailoverData) withConnection(c connection.Model) FailoverData {
	m.Kafka, m.Cluster = c.Kafka, c.Cluster
	m.FailoverConnectionID, m.State, m.Region = c.ConnectionID, c.State, c.Region
	return m
}

func (m *FailoverData) ids() failoverIDs {
	return failoverIDs{
		projectID: m.ProjectID.ValueString(), workspace: m.WorkspaceName.ValueString(),
		connection: m.ConnectionName.ValueString(), region: m.Region.ValueString(),
	}
}

// failoverIDs names one failover connection: its parent connection and its
// region, which it is the only one of.
type failoverIDs struct {
	projectID, workspace, connection, region string
}

func (ids failoverIDs) String() string {
	return ids.projectID + "/" + ids.workspace + "/" + ids.connection + "/" + ids.region
}

// subject names the failover connection in messages.
func (ids failoverIDs) subject() string { return "failover connection " + ids.String() }

// parentIDs names the parent connection.
func (ids failoverIDs) parentIDs() connection.IDs {
	return connection.IDs{ProjectID: ids.projectID, Workspace: ids.workspace, Name: ids.connection}
}

// failover names the failover connection for sharedreads.
func (ids failoverIDs) failover() sharedreads.Failover {
	return sharedreads.Failover{Parent: ids.parent(), Region: ids.region}
}

func (ids failoverIDs) parent() sharedreads.Parent {
	return sharedreads.Parent{Workspace: sharedreads.Workspace{ProjectID: ids.projectID, Name: ids.workspace}, Connection: ids.connection}
}

// typeAttributes are the connection types that have failover connections
// (the core's type table says which).
var typeAttributes = connection.FailoverTypes()
