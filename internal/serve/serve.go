// Package serve runs a provider as a plugin process the way atlasx ships it:
// through providerserver.Serve, as any framework provider, the same under
// -debug as in release, after the process settings of tune.go and, when
// asked through the environment, with CPU and allocation profiles of the
// whole process. The release binary and the benchmark's floor provider both
// serve through it, so they differ only in the provider they serve.
package serve

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/atlasx/atlasx"

// Provider serves factory's provider over protocol 6 until the CLI ends the
// process; debug runs it for a debugger to attach (see providerserver.ServeOpts).
func Provider(factory func() provider.Provider, debug bool) error {
	defer tune()()
	stopProfiles, err := startProfiles()
	if err != nil {
		return err
	}
	defer func() {
		if err := stopProfiles(); err != nil {
			log.Printf("[WARN] writing profiles: %v", err)
		}
	}()
	return providerserver.Serve(context.Background(), factory, providerserver.ServeOpts{
		Address:         Address,
		Debug:           debug,
		ProtocolVersion: 6,
	})
}
