package acctest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// providerSource is the provider's address without its host, as the
// required_providers block of a Workdir names it.
const providerSource = "atlasx/atlasx"

// providerAddress is the full address the CLI looks the provider up by:
// registry.opentofu.org/atlasx/atlasx under OpenTofu (TF_ACC_PROVIDER_HOST,
// set by Main), registry.terraform.io/atlasx/atlasx under Terraform.
func providerAddress() string {
	return RegistryHost() + "/" + providerSource
}

// RegistryHost is the host of the providers the CLI under test looks up:
// registry.opentofu.org under OpenTofu, registry.terraform.io under Terraform.
func RegistryHost() string {
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return strings.TrimSuffix(host, "/")
}

// reattachConfig is one entry of TF_REATTACH_PROVIDERS, as the CLI reads it.
type reattachConfig struct {
	Protocol        string
	ProtocolVersion int
	Pid             int
	Test            bool
	Addr            struct{ Network, String string }
}

// serveProvider serves the provider built by factory under address in this
// process, in go-plugin's test mode, for one CLI command (as
// terraform-plugin-testing does), so each command starts from a fresh
// provider. It returns its TF_REATTACH_PROVIDERS entry and a stop function
// that waits until the server is gone.
func serveProvider(t *testing.T, address string, factory func() (tfprotov6.ProviderServer, error)) (entry reattachConfig, stop func()) {
	t.Helper()
	server, err := factory()
	if err != nil {
		t.Fatalf("building the provider: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(address, func() tfprotov6.ProviderServer { return server },
			tf6server.WithDebug(ctx, configCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			// Provider logs go where TF_LOG_PATH_MASK or TF_ACC_LOG_PATH
			// say, as under terraform-plugin-testing, not to stderr.
			tf6server.WithLoggingSink(t),
		)
	}()
	var config *plugin.ReattachConfig
	select {
	case config = <-configCh:
	case err := <-served:
		cancel()
		t.Fatalf("serving the provider: %v", err)
	}
	stop = func() {
		cancel()
		<-closeCh
	}
	entry = reattachConfig{
		Protocol:        string(config.Protocol),
		ProtocolVersion: config.ProtocolVersion,
		Pid:             config.Pid,
		Test:            config.Test,
	}
	entry.Addr.Network, entry.Addr.String = config.Addr.Network(), config.Addr.String()
	return entry, stop
}

// providerRequirement pins the sources of the provider and of any stand-ins,
// so the CLI looks for the reattached servers under the addresses they serve.
func providerRequirement(standIns []StandIn) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    atlasx = { source = %q }\n", providerSource)
	for _, s := range standIns {
		fmt.Fprintf(&b, "    %s = { source = %q }\n", s.localName(), s.Source)
	}
	b.WriteString("  }\n}\n")
	return b.String()
}
