// Package provider is the atlasx provider: its configuration, credentials and
// the resources and data sources it serves.
package provider

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
	"github.com/atlasx/terraform-provider-atlasx/internal/resource_stream_connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/resource_stream_connection_failover"
)

var (
	_ provider.Provider                  = (*atlasxProvider)(nil)
	_ provider.ProviderWithListResources = (*atlasxProvider)(nil)
)

type atlasxProvider struct {
	version string
	options options
	clients clients
}

// options let tests and the benchmark tune what users cannot: how fast the
// provider polls and retries.
type options struct {
	polling    connection.Polling
	tuneClient func(*client.Config)
	onClient   func(*client.Client)
}

// Option changes a provider built by New.
type Option func(*options)

// WithPolling sets how often resources poll a connection they wait for.
func WithPolling(p connection.Polling) Option { return func(o *options) { o.polling = p } }

// WithClientConfig lets the caller adjust the API client's configuration (retry timing, transport).
func WithClientConfig(tune func(*client.Config)) Option {
	return func(o *options) { o.tuneClient = tune }
}

// WithClientObserver hands each client the provider builds to observe, so a
// test can read what it did (client.Stats) after a CLI command.
func WithClientObserver(observe func(*client.Client)) Option {
	return func(o *options) { o.onClient = observe }
}

// New returns a function that builds the provider, as providerserver expects.
func New(version string, opts ...Option) func() provider.Provider {
	o := options{polling: connection.DefaultPolling}
	for _, opt := range opts {
		opt(&o)
	}
	return func() provider.Provider { return &atlasxProvider{version: version, options: o} }
}

type providerModel struct {
	BaseURL       types.String `tfsdk:"base_url"`
	PublicKey     types.String `tfsdk:"public_key"`
	PrivateKey    types.String `tfsdk:"private_key"`
	ClientID      types.String `tfsdk:"client_id"`
	ClientSecret  types.String `tfsdk:"client_secret"`
	AccessToken   types.String `tfsdk:"access_token"`
	AdoptExisting types.Bool   `tfsdk:"adopt_existing"`
	ReadTimeout   types.String `tfsdk:"read_timeout"`
}

func (p *atlasxProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "atlasx"
	resp.Version = p.version
}

func (p *atlasxProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages MongoDB Atlas Stream Processing connections through the Atlas Administration API v2. " +
			"Authenticate with a service account (recommended), an API key pair, or an access token; each setting can also come from the environment.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The Atlas base URL. Default `" + client.DefaultBaseURL + "`; env `" + EnvBaseURL + "`. Must be https unless the host is loopback (an emulator).",
			},
			"public_key": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "API key pair: the public key (HTTP digest). Env `" + EnvPublicKey + "` or `" + EnvPublicKeyAlt + "`.",
			},
			"private_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "API key pair: the private key. Env `" + EnvPrivateKey + "` or `" + EnvPrivateKeyAlt + "`.",
			},
			"client_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Service account: the client id (starts `mdb_sa`). Env `" + EnvClientID + "`.",
			},
			"client_secret": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Service account: the client secret. Env `" + EnvClientSecret + "`.",
			},
			"access_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "A bearer access token, used as is. Env `" + EnvAccessToken + "`. Takes precedence over the other methods.",
			},
			"adopt_existing": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: adoptExistingDescription,
			},
			"read_timeout": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: readTimeoutDescription,
			},
		},
	}
}

func (p *atlasxProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings := resolveSettings(config, os.Getenv, &resp.Diagnostics)
	adoptExisting := resolveAdoptExisting(config.AdoptExisting, &resp.Diagnostics)
	readTimeout := resolveReadTimeout(config.ReadTimeout, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg := settings.clientConfig(p.version, req.TerraformVersion)
	if p.options.tuneClient != nil {
		p.options.tuneClient(&cfg)
	}
	var b builtClient
	var built bool
	err := settings.problem()
	if err == nil {
		b, built, err = p.clients.get(clientKey{settings: settings, terraformVersion: req.TerraformVersion}, cfg)
	}
	if built && p.options.onClient != nil {
		p.options.onClient(b.api)
	}
	if b.reads != nil && !built {
		// Configured again by a new command (a reattached provider, or the
		// next graph walk): what it reads must be as Atlas is now.
		b.reads.Forget()
	}
	data := providerdata.New(b.api, b.reads, err, p.options.polling)
	data.AdoptExisting = adoptExisting
	data.ReadTimeout = readTimeout
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

func (p *atlasxProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{resource_stream_connection.NewResource, resource_stream_connection_failover.NewResource}
}

// ListResources serves `terraform query` (Terraform 1.14+).
func (p *atlasxProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{resource_stream_connection.NewListResource, resource_stream_connection_failover.NewListResource}
}

func (p *atlasxProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		resource_stream_connection.NewDataSource, resource_stream_connection.NewListDataSource,
		resource_stream_connection_failover.NewDataSource, resource_stream_connection_failover.NewListDataSource,
	}
}
