package connection

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// officialState is the state the mongodb/mongodbatlas provider keeps for a
// stream connection: flat, with its type's settings at the top level and its
// secrets in plain text. A null attribute decodes as "".
type officialState struct {
	ID             string `json:"id"` // workspace-project-name, which the names below also give (connections only)
	ProjectID      string `json:"project_id"`
	WorkspaceName  string `json:"workspace_name"`
	InstanceName   string `json:"instance_name"` // the deprecated name of workspace_name
	ConnectionName string `json:"connection_name"`
	Type           string `json:"type"`
	// Atlas's id, state and region: taken when the state records them.
	// A failover connection's id is failover_connection_id.
	ConnectionID         string `json:"connection_id"`
	FailoverConnectionID string `json:"failover_connection_id"`
	// DeleteOnCreateTimeout is the failover resource's; it only matters
	// while a create runs, so it does not come across.
	DeleteOnCreateTimeout *bool  `json:"delete_on_create_timeout"`
	State                 string `json:"state"`
	Region                string `json:"region"`

	ClusterName      string                  `json:"cluster_name"`
	ClusterProjectID string                  `json:"cluster_project_id"`
	DBRoleToExecute  *client.DBRoleToExecute `json:"db_role_to_execute"`

	BootstrapServers string                       `json:"bootstrap_servers"`
	Config           map[string]string            `json:"config"`
	Authentication   *officialKafkaAuthentication `json:"authentication"`
	Security         *officialKafkaSecurity       `json:"security"`
	Networking       *officialNetworking          `json:"networking"`

	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`

	AWS *officialAWS `json:"aws"`

	SchemaRegistryProvider       string                               `json:"schema_registry_provider"`
	SchemaRegistryURLs           []string                             `json:"schema_registry_urls"`
	SchemaRegistryAuthentication *client.SchemaRegistryAuthentication `json:"schema_registry_authentication"`

	Azure *officialAzure `json:"azure"`
	GCP   *officialGCP   `json:"gcp"`

	Timeouts *officialTimeouts `json:"timeouts"`
}

type officialKafkaAuthentication struct {
	Mechanism                 string `json:"mechanism"`
	Method                    string `json:"method"`
	Username                  string `json:"username"`
	Password                  string `json:"password"`
	TokenEndpointURL          string `json:"token_endpoint_url"`
	ClientID                  string `json:"client_id"`
	ClientSecret              string `json:"client_secret"`
	Scope                     string `json:"scope"`
	SASLOAuthBearerExtensions string `json:"sasl_oauthbearer_extensions"`
	SSLCertificate            string `json:"ssl_certificate"`
	SSLKey                    string `json:"ssl_key"`
	SSLKeyPassword            string `json:"ssl_key_password"`
}

type officialKafkaSecurity struct {
	Protocol                string `json:"protocol"`
	BrokerPublicCertificate string `json:"broker_public_certificate"`
}

type officialNetworking struct {
	Access *struct {
		Type         string `json:"type"`
		ConnectionID string `json:"connection_id"`
		TGWRouteID   string `json:"tgw_route_id"`
	} `json:"access"`
}

type officialAWS struct {
	RoleARN    string `json:"role_arn"`
	TestBucket string `json:"test_bucket"`
}

type officialAzure struct {
	ServicePrincipalID string `json:"service_principal_id"`
	StorageAccountName string `json:"storage_account_name"`
	Region             string `json:"region"`
}

type officialGCP struct {
	ServiceAccountID string `json:"service_account_id"`
}

// OfficialSource is a resource of the official provider that a `moved`
// block brings over: its type name, the atlasx resource it moves to, and
// the attributes it has beside its connection type's settings (the type
// table's officialFields).
type OfficialSource struct {
	TypeName, Target string
	CommonFields     []string
}

// OfficialConnection is mongodbatlas_stream_connection, which a `moved`
// block brings over to atlasx_stream_connection.
var OfficialConnection = OfficialSource{
	TypeName: "mongodbatlas_stream_connection", Target: "atlasx_stream_connection",
	CommonFields: []string{
		"id", "project_id", "workspace_name", "instance_name", "connection_name", "type",
		"connection_id", "state", "region", "timeouts",
	},
}

// decodeOfficialState reads the official state's JSON, refusing a type
// the target does not know and any value it would have to drop. Errors
// name attributes, never values: the state holds secrets.
func (source OfficialSource) decodeOfficialState(raw []byte) (*officialState, error) {
	var attributes map[string]any
	if err := json.Unmarshal(raw, &attributes); err != nil {
		return nil, fmt.Errorf("its state is not a JSON object: %w", err)
	}
	withoutNullValues(attributes)
	apiType, _ := attributes["type"].(string)
	t := typeByAPIName(apiType)
	if t == nil {
		return nil, fmt.Errorf("its type %q is not one %s knows (%s)", apiType, source.Target, strings.Join(apiTypeNames(), ", "))
	}
	// The official provider records public networking when none was
	// configured: Atlas's default, which this resource leaves unset.
	if isDefaultOfficialNetworking(attributes["networking"]) {
		delete(attributes, "networking")
	}
	for _, name := range slices.Sorted(maps.Keys(attributes)) {
		if !slices.Contains(source.CommonFields, name) && !slices.Contains(t.officialFields, name) && !isEmptyValue(attributes[name]) {
			return nil, fmt.Errorf("its attribute %q is set, but a %s connection has no such setting in %s; remove it from the mongodbatlas configuration and apply before moving", name, apiType, source.Target)
		}
	}
	cleaned, err := json.Marshal(attributes)
	if err != nil {
		return nil, err
	}
	decoder := json.NewDecoder(bytes.NewReader(cleaned))
	decoder.DisallowUnknownFields()
	var state officialState
	if err := decoder.Decode(&state); err != nil {
		// encoding/json names the field it could not place, not its value.
		return nil, fmt.Errorf("its state holds a value %s has no place for (%w)", source.Target, err)
	}
	return &state, nil
}

// toAPI is the connection as Atlas would return it, secrets included (as
// Atlas never does), and the prior model flatten takes the names from.
func (o *officialState) toAPI() (*client.StreamConnection, *Model, error) {
	ids, err := o.ids()
	if err != nil {
		return nil, nil, err
	}
	api := &client.StreamConnection{
		Name: ids.Name, Type: o.Type, ID: cmp.Or(o.ConnectionID, o.FailoverConnectionID), State: o.State, Region: o.Region,
		ClusterName: o.ClusterName, ClusterGroupID: o.ClusterProjectID, DBRoleToExecute: o.DBRoleToExecute,
		BootstrapServers: o.BootstrapServers, Config: o.Config,
		URL: o.URL, Headers: o.Headers,
		Provider: o.SchemaRegistryProvider, SchemaRegistryURLs: o.SchemaRegistryURLs, SchemaRegistryAuthentication: o.SchemaRegistryAuthentication,
	}
	prior := &Model{ProjectID: types.StringValue(ids.ProjectID), WorkspaceName: types.StringValue(ids.Workspace)}
	if a := o.Authentication; a != nil {
		api.Authentication = &client.KafkaAuthentication{
			Mechanism: a.Mechanism, Method: a.Method, Username: a.Username, Password: a.Password, TokenEndpointURL: a.TokenEndpointURL,
			ClientID: a.ClientID, ClientSecret: a.ClientSecret, Scope: a.Scope, SASLOAuthBearerExtensions: a.SASLOAuthBearerExtensions,
			SSLCertificate: a.SSLCertificate, SSLKey: a.SSLKey, SSLKeyPassword: a.SSLKeyPassword,
		}
	}
	if s := o.Security; s != nil {
		api.Security = &client.KafkaSecurity{Protocol: s.Protocol, BrokerPublicCertificate: s.BrokerPublicCertificate}
	}
	if n := o.Networking; n != nil && n.Access != nil {
		setNetworking(api, &client.Networking{Access: &client.NetworkingAccess{Type: n.Access.Type, ConnectionID: n.Access.ConnectionID, TGWRouteID: n.Access.TGWRouteID}}, typeByAPIName(o.Type).publicPrivateNetworking)
	}
	if a := o.AWS; a != nil {
		api.AWS = &client.AWSConfig{RoleARN: a.RoleARN, TestBucket: a.TestBucket}
	}
	if a := o.Azure; a != nil {
		api.Azure = &client.AzureConfig{ServicePrincipalID: a.ServicePrincipalID, StorageAccountName: a.StorageAccountName, Region: a.Region}
	}
	if g := o.GCP; g != nil {
		api.GCP = &client.GCPConfig{ServiceAccountID: g.ServiceAccountID}
	}
	return api, prior, nil
}

// ids names the connection: workspace_name, or instance_name in states
// written before it was renamed.
func (o *officialState) ids() (IDs, error) {
	workspace := o.WorkspaceName
	switch {
	case workspace == "":
		workspace = o.InstanceName
	case o.InstanceName != "" && o.InstanceName != workspace:
		return IDs{}, fmt.Errorf("its workspace_name %q and instance_name %q differ; they must name the same workspace", workspace, o.InstanceName)
	}
	ids := IDs{ProjectID: o.ProjectID, Workspace: workspace, Name: o.ConnectionName}
	if workspace == "" {
		return ids, fmt.Errorf("its state names no workspace: neither workspace_name nor instance_name is set")
	}
	return ids, ids.Validate()
}

func isDefaultOfficialNetworking(v any) bool {
	networking, _ := v.(map[string]any)
	access, _ := networking["access"].(map[string]any)
	return len(networking) == 1 && len(access) == 1 && access["type"] == accessPublic
}

// withoutNullValues drops null attributes at every level, and objects left
// empty by that: the official schema's unset attributes, which carry nothing
// to move.
func withoutNullValues(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			e = withoutNullValues(e)
			if object, ok := e.(map[string]any); e == nil || ok && len(object) == 0 {
				delete(v, k)
			} else {
				v[k] = e
			}
		}
	case []any:
		for i, e := range v {
			v[i] = withoutNullValues(e)
		}
	}
	return v
}

func isEmptyValue(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return v == nil
}

// MovedOfficial maps the state (its JSON) of source, a resource of the
// official provider, onto a connection model and its timeouts. The
// connection's settings go through flatten, as an answer from Atlas would,
// so server defaults the official provider recorded are treated as
// everywhere else; the secrets it kept come across as what configuration
// gave. typeAt gives the target schema's type at a path.
func MovedOfficial(ctx context.Context, raw []byte, source OfficialSource, typeAt func(context.Context, path.Path) (attr.Type, diag.Diagnostics)) (Model, timeouts.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	cannotMove := func(err error) (Model, timeouts.Value, diag.Diagnostics) {
		diags.AddError("Cannot move "+source.TypeName+" to "+source.Target,
			fmt.Sprintf("The %s with id %q cannot be moved: %s.", source.TypeName, officialID(raw), err))
		return Model{}, timeouts.Value{}, diags
	}
	official, err := source.decodeOfficialState(raw)
	if err != nil {
		return cannotMove(err)
	}
	api, prior, err := official.toAPI()
	if err != nil {
		return cannotMove(err)
	}
	m, d := Flatten(ctx, api, prior)
	if diags.Append(d...); diags.HasError() {
		return Model{}, timeouts.Value{}, diags
	}
	if err := holdSecrets(&m, api); err != nil {
		return cannotMove(err)
	}
	timeoutsValue, d := official.Timeouts.value(ctx, typeAt)
	diags.Append(d...)
	return m, timeoutsValue, diags
}

// IsOfficialProvider accepts mongodb/mongodbatlas from either public
// registry, and the bare forms some OpenTofu releases send.
func IsOfficialProvider(address string) bool {
	switch strings.ToLower(address) {
	case "registry.terraform.io/mongodb/mongodbatlas", "registry.opentofu.org/mongodb/mongodbatlas",
		"mongodb/mongodbatlas", "mongodbatlas":
		return true
	}
	return false
}

// officialID is the official state's id, to name it in errors; it holds
// no secret.
func officialID(raw []byte) string {
	var state struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(raw, &state)
	return state.ID
}

// officialTimeouts are the official resource's timeouts, the same three
// operations as this resource's.
type officialTimeouts struct {
	Create *string `json:"create"`
	Update *string `json:"update"`
	Delete *string `json:"delete"`
}

func (t *officialTimeouts) value(ctx context.Context, typeAt func(context.Context, path.Path) (attr.Type, diag.Diagnostics)) (timeouts.Value, diag.Diagnostics) {
	typ, diags := typeAt(ctx, path.Root("timeouts"))
	if diags.HasError() {
		return timeouts.Value{}, diags
	}
	object, ok := typ.(attr.TypeWithAttributeTypes)
	if !ok {
		diags.AddError("Unexpected timeouts type", "The timeouts attribute is not an object. This is a bug in the provider.")
		return timeouts.Value{}, diags
	}
	attrTypes := object.AttributeTypes()
	if t == nil {
		return timeouts.Value{Object: types.ObjectNull(attrTypes)}, diags
	}
	value, d := types.ObjectValue(attrTypes, map[string]attr.Value{
		"create": types.StringPointerValue(t.Create),
		"update": types.StringPointerValue(t.Update),
		"delete": types.StringPointerValue(t.Delete),
	})
	diags.Append(d...)
	return timeouts.Value{Object: value}, diags
}
