package connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// flatten turns what Atlas returned into the model. prior is the plan (after
// create or update), the state (on read), or nil (on import). It supplies the
// identity Atlas does not echo and every secret, since Atlas never returns
// secrets; it also tells a server default (hidden unless configured) from a
// value the user chose.
func Flatten(ctx context.Context, api *client.StreamConnection, prior *Model) (Model, diag.Diagnostics) {
	var diags diag.Diagnostics
	if prior == nil {
		prior = &Model{}
	}
	t := typeByAPIName(api.Type)
	if t == nil {
		diags.AddError("Unknown connection type",
			fmt.Sprintf("Atlas returned connection %q with type %q, which this version of the provider does not know. Upgrade the provider.", api.Name, api.Type))
		return Model{}, diags
	}
	out := Model{
		ProjectID:      prior.ProjectID,
		WorkspaceName:  prior.WorkspaceName,
		ConnectionName: types.StringValue(api.Name),
		ConnectionID:   nullIfEmpty(api.ID),
		State:          nullIfEmpty(api.State),
		Region:         nullIfEmpty(api.Region),
	}
	out.ID = types.StringValue(IDs{out.ProjectID.ValueString(), out.WorkspaceName.ValueString(), api.Name}.String())
	object, typeDiags := t.flatten(ctx, api, t.object(prior))
	diags.Append(typeDiags...)
	keepSecrets(t.object(prior), object)
	t.setObject(&out, object)
	return out, diags
}

// keepSecrets copies every secret of a type's prior object (nil when there
// is none) into its flattened object, in its three forms: Atlas never
// returns them (see flattenHTTPS for headers, which it does).
func keepSecrets(prior, out any) {
	for _, s := range connectionSecrets {
		if s.str != nil {
			keepSecret(s.str, prior, out, func(v types.String) types.String { return v })
		} else {
			keepSecret(s.headers, prior, out, knownMapOrNull)
		}
	}
}

// keepSecret copies one secret's forms from prior to out, through kept; when
// prior has no object holding it, the forms in out stay null.
func keepSecret[V attr.Value](slots func(any) (secretSlot[V], bool), prior, out any, kept func(V) V) {
	to, ok := slots(out)
	if !ok {
		return
	}
	if from, ok := slots(prior); ok {
		*to.plain, *to.writeOnly, *to.version = *from.plain, *from.writeOnly, *from.version
	}
	*to.plain, *to.writeOnly = kept(*to.plain), kept(*to.writeOnly)
}

func flattenCluster(_ context.Context, api *client.StreamConnection, _ *ClusterModel) (*ClusterModel, diag.Diagnostics) {
	cl := &ClusterModel{ClusterName: nullIfEmpty(api.ClusterName), ClusterProjectID: nullIfEmpty(api.ClusterGroupID)}
	if r := api.DBRoleToExecute; r != nil {
		cl.DBRoleToExecute = &dbRoleModel{Role: nullIfEmpty(r.Role), Type: nullIfEmpty(r.Type)}
	}
	return cl, nil
}

func flattenKafka(ctx context.Context, api *client.StreamConnection, prior *KafkaModel) (*KafkaModel, diag.Diagnostics) {
	p := orZero(prior)
	config, diags := flattenStringMap(ctx, api.Config, p.Config)
	k := &KafkaModel{
		BootstrapServers: nullIfEmpty(api.BootstrapServers),
		Config:           config,
		Networking:       flattenNetworking(api.Networking, p.Networking),
	}
	if a := api.Authentication; a != nil {
		k.Authentication = &kafkaAuthenticationModel{
			Mechanism:                 nullIfEmpty(a.Mechanism),
			Method:                    nullIfEmpty(a.Method),
			Username:                  nullIfEmpty(a.Username),
			TokenEndpointURL:          nullIfEmpty(a.TokenEndpointURL),
			ClientID:                  nullIfEmpty(a.ClientID),
			Scope:                     nullIfEmpty(a.Scope),
			SASLOAuthBearerExtensions: nullIfEmpty(a.SASLOAuthBearerExtensions),
			SSLCertificate:            nullIfEmpty(a.SSLCertificate),
		}
		if r := a.AWS; r != nil {
			k.Authentication.AWS = &iamRoleModel{RoleARN: nullIfEmpty(r.RoleARN), TestBucket: nullIfEmpty(r.TestBucket)}
		}
	}
	if s := api.Security; s != nil {
		k.Security = &kafkaSecurityModel{Protocol: nullIfEmpty(s.Protocol), BrokerPublicCertificate: nullIfEmpty(s.BrokerPublicCertificate)}
	}
	return k, diags
}

// flattenHTTPS leaves the headers to keepSecrets, which keeps them from
// prior as it keeps every secret. Atlas does return them, but reading them
// back would let a change made outside Terraform show their values: the CLI
// logs a refreshed nested value in full, sensitive or not. So header drift
// goes unseen, and no header leaks.
func flattenHTTPS(_ context.Context, api *client.StreamConnection, _ *httpsModel) (*httpsModel, diag.Diagnostics) {
	return &httpsModel{URL: nullIfEmpty(api.URL)}, nil
}

// knownMapOrNull is m, or a null string map when m is unknown or was never set.
func knownMapOrNull(m types.Map) types.Map {
	if m.IsNull() || m.IsUnknown() {
		return types.MapNull(types.StringType)
	}
	return m
}

func flattenAWS(api *client.StreamConnection, prior *awsModel, publicPrivateNetworking bool) *awsModel {
	a := &awsModel{Networking: flattenNetworking(networkingOf(api, publicPrivateNetworking), orZero(prior).Networking)}
	if api.AWS != nil {
		a.RoleARN = nullIfEmpty(api.AWS.RoleARN)
		a.TestBucket = nullIfEmpty(api.AWS.TestBucket)
	}
	return a
}

func flattenSchemaRegistry(ctx context.Context, api *client.StreamConnection, _ *schemaRegistryModel) (*schemaRegistryModel, diag.Diagnostics) {
	sr := &schemaRegistryModel{Provider: nullIfEmpty(api.Provider), URLs: types.ListNull(types.StringType)}
	var diags diag.Diagnostics
	if len(api.SchemaRegistryURLs) > 0 {
		sr.URLs, diags = types.ListValueFrom(ctx, types.StringType, api.SchemaRegistryURLs)
	}
	if a := api.SchemaRegistryAuthentication; a != nil {
		sr.Authentication = &schemaRegistryAuthenticationModel{Type: nullIfEmpty(a.Type), Username: nullIfEmpty(a.Username)}
	}
	return sr, diags
}

func flattenAzure(_ context.Context, api *client.StreamConnection, prior *azureModel) (*azureModel, diag.Diagnostics) {
	az := &azureModel{Networking: flattenNetworking(api.PublicPrivateNetworking, orZero(prior).Networking)}
	if api.Azure != nil {
		az.ServicePrincipalID = nullIfEmpty(api.Azure.ServicePrincipalID)
		az.StorageAccountName = nullIfEmpty(api.Azure.StorageAccountName)
		az.Region = nullIfEmpty(api.Azure.Region)
	}
	return az, nil
}

func flattenGCP(_ context.Context, api *client.StreamConnection, prior *gcpModel) (*gcpModel, diag.Diagnostics) {
	g := &gcpModel{Networking: flattenNetworking(api.PublicPrivateNetworking, orZero(prior).Networking)}
	if api.GCP != nil {
		g.ServiceAccountID = nullIfEmpty(api.GCP.ServiceAccountID)
	}
	return g, nil
}

// flattenNetworking hides the server default (public access) unless the user
// wrote it, so leaving networking out never shows a diff.
func flattenNetworking(api *client.Networking, prior *networkingModel) *networkingModel {
	if api == nil || api.Access == nil {
		return nil
	}
	a := api.Access
	if prior == nil && isDefaultAccess(a) {
		return nil
	}
	return &networkingModel{Access: &networkingAccessModel{
		Type:         nullIfEmpty(a.Type),
		ConnectionID: nullIfEmpty(a.ConnectionID),
		TGWRouteID:   nullIfEmpty(a.TGWRouteID),
	}}
}

func isDefaultAccess(a *client.NetworkingAccess) bool {
	return a.Type == accessPublic && a.ConnectionID == "" && a.TGWRouteID == ""
}

// networkingOf reads the networking of the field the connection's type uses
// (its row's publicPrivateNetworking).
func networkingOf(c *client.StreamConnection, publicPrivateNetworking bool) *client.Networking {
	if publicPrivateNetworking {
		return c.PublicPrivateNetworking
	}
	return c.Networking
}

// flattenStringMap keeps an empty map as the user wrote it, so `config = {}`
// and no config both read back as written.
func flattenStringMap(ctx context.Context, api map[string]string, prior types.Map) (types.Map, diag.Diagnostics) {
	if len(api) == 0 {
		if !prior.IsNull() && !prior.IsUnknown() && len(prior.Elements()) == 0 {
			return prior, nil
		}
		return types.MapNull(types.StringType), nil
	}
	return types.MapValueFrom(ctx, types.StringType, api)
}

func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// orZero lets flatteners read a missing prior object as one whose fields are all null.
func orZero[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	return p
}
