package acctest

import (
	"context"
	"encoding/json"
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
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return strings.TrimSuffix(host, "/") + "/" + providerSource
}

// reattachConfig is one entry of TF_REATTACH_PROVIDERS, as the CLI reads it.
type reattachConfig struct {
	Protocol        string
	ProtocolVersion int
	Pid             int
	Test            bool
	Addr            struct{ Network, String string }
}

// serveProvider serves the provider built by factory in this process, in
// go-plugin's test mode, for one CLI command (as terraform-plugin-testing
// does), so each command starts from a fresh provider. It returns the
// TF_REATTACH_PROVIDERS value and a stop function that waits until the
// server is gone.
func serveProvider(t *testing.T, factory func() (tfprotov6.ProviderServer, error)) (reattach string, stop func()) {
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
		served <- tf6server.Serve(providerAddress(), func() tfprotov6.ProviderServer { return server },
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
	entry := reattachConfig{
		Protocol:        string(config.Protocol),
		ProtocolVersion: config.ProtocolVersion,
		Pid:             config.Pid,
		Test:            config.Test,
	}
	entry.Addr.Network, entry.Addr.String = config.Addr.Network(), config.Addr.String()
	encoded, err := json.Marshal(map[string]reattachConfig{providerAddress(): entry})
	if err != nil {
		stop()
		t.Fatalf("encoding the reattach configuration: %v", err)
	}
	return string(encoded), stop
}

// providerRequirement pins the provider's source so the CLI looks for
// the reattached server under the address serveProvider registers.
func providerRequirement() string {
	return fmt.Sprintf(`terraform {
  required_providers {
    atlasx = { source = %q }
  }
}
`, providerSource)
}
