package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Expand turns a plan or state model into the API object. Unknown and null
// values are left out, so a plan's not-yet-known region is not sent. Each
// secret of the secrets table is sent in the form the model holds: its
// write-only value when set, else its plain one (sendable).
func Expand(ctx context.Context, m *Model) (*client.StreamConnection, diag.Diagnostics) {
	t := typeOf(m)
	if t == nil {
		var diags diag.Diagnostics
		diags.AddError("No connection type", "Set exactly one of "+QuoteList(TypeAttributes())+".")
		return nil, diags
	}
	held := sendable(*m)
	m = &held
	c := &client.StreamConnection{Name: m.ConnectionName.ValueString(), Type: t.apiType, Region: stringOf(m.Region)}
	return c, t.expand(ctx, t.object(m), c)
}

func expandCluster(_ context.Context, cl *ClusterModel, c *client.StreamConnection) diag.Diagnostics {
	c.ClusterName = stringOf(cl.ClusterName)
	c.ClusterGroupID = stringOf(cl.ClusterProjectID)
	if r := cl.DBRoleToExecute; r != nil {
		c.DBRoleToExecute = &client.DBRoleToExecute{Role: stringOf(r.Role), Type: stringOf(r.Type)}
	}
	return nil
}

func expandKafka(ctx context.Context, k *KafkaModel, c *client.StreamConnection) diag.Diagnostics {
	c.BootstrapServers = stringOf(k.BootstrapServers)
	config, diags := expandStringMap(ctx, k.Config)
	c.Config = config
	if a := k.Authentication; a != nil {
		c.Authentication = &client.KafkaAuthentication{
			Mechanism:                 stringOf(a.Mechanism),
			Method:                    stringOf(a.Method),
			Username:                  stringOf(a.Username),
			Password:                  stringOf(a.Password),
			TokenEndpointURL:          stringOf(a.TokenEndpointURL),
			ClientID:                  stringOf(a.ClientID),
			ClientSecret:              stringOf(a.ClientSecret),
			Scope:                     stringOf(a.Scope),
			SASLOAuthBearerExtensions: stringOf(a.SASLOAuthBearerExtensions),
			SSLCertificate:            stringOf(a.SSLCertificate),
			SSLKey:                    stringOf(a.SSLKey),
			SSLKeyPassword:            stringOf(a.SSLKeyPassword),
		}
		if r := a.AWS; r != nil {
			c.Authentication.AWS = &client.AWSConfig{RoleARN: stringOf(r.RoleARN), TestBucket: stringOf(r.TestBucket)}
		}
	}
	if s := k.Security; s != nil {
		c.Security = &client.KafkaSecurity{Protocol: stringOf(s.Protocol), BrokerPublicCertificate: stringOf(s.BrokerPublicCertificate)}
	}
	c.Networking = expandNetworking(k.Networking)
	return diags
}

func expandHTTPS(ctx context.Context, h *httpsModel, c *client.StreamConnection) diag.Diagnostics {
	c.URL = stringOf(h.URL)
	headers, diags := expandStringMap(ctx, h.Headers)
	c.Headers = headers
	return diags
}

// expandAWS fills the fields the three AWS types share. Lambda sends its
// networking as publicPrivateNetworking; S3 and Kinesis as networking.
func expandAWS(a *awsModel, c *client.StreamConnection, publicPrivateNetworking bool) {
	c.AWS = &client.AWSConfig{RoleARN: stringOf(a.RoleARN), TestBucket: stringOf(a.TestBucket)}
	setNetworking(c, expandNetworking(a.Networking), publicPrivateNetworking)
}

func expandSchemaRegistry(ctx context.Context, sr *schemaRegistryModel, c *client.StreamConnection) diag.Diagnostics {
	c.Provider = stringOf(sr.Provider)
	var diags diag.Diagnostics
	if !sr.URLs.IsNull() && !sr.URLs.IsUnknown() {
		diags = sr.URLs.ElementsAs(ctx, &c.SchemaRegistryURLs, false)
	}
	if a := sr.Authentication; a != nil {
		c.SchemaRegistryAuthentication = &client.SchemaRegistryAuthentication{Type: stringOf(a.Type), Username: stringOf(a.Username), Password: stringOf(a.Password)}
	}
	return diags
}

func expandAzure(_ context.Context, az *azureModel, c *client.StreamConnection) diag.Diagnostics {
	c.Azure = &client.AzureConfig{ServicePrincipalID: stringOf(az.ServicePrincipalID), StorageAccountName: stringOf(az.StorageAccountName), Region: stringOf(az.Region)}
	c.PublicPrivateNetworking = expandNetworking(az.Networking)
	return nil
}

func expandGCP(_ context.Context, g *gcpModel, c *client.StreamConnection) diag.Diagnostics {
	c.GCP = &client.GCPConfig{ServiceAccountID: stringOf(g.ServiceAccountID)}
	c.PublicPrivateNetworking = expandNetworking(g.Networking)
	return nil
}

func expandNetworking(n *networkingModel) *client.Networking {
	if n == nil || n.Access == nil {
		return nil
	}
	return &client.Networking{Access: &client.NetworkingAccess{
		Type:         stringOf(n.Access.Type),
		ConnectionID: stringOf(n.Access.ConnectionID),
		TGWRouteID:   stringOf(n.Access.TGWRouteID),
	}}
}

// setNetworking puts n in the field the connection's type uses (its row's
// publicPrivateNetworking).
func setNetworking(c *client.StreamConnection, n *client.Networking, publicPrivateNetworking bool) {
	if publicPrivateNetworking {
		c.PublicPrivateNetworking = n
	} else {
		c.Networking = n
	}
}

func expandStringMap(ctx context.Context, m types.Map) (map[string]string, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, nil
	}
	out := map[string]string{}
	diags := m.ElementsAs(ctx, &out, false)
	return out, diags
}

func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// stringOf is the value of a known string, or "" (left out of the JSON) otherwise.
func stringOf(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}
