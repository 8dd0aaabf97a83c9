// Package serve runs a provider as a plugin process the way atlasx ships it:
// the SDK's loggers off unless the CLI keeps a log, garbage collection tuned
// for the framework's allocation pattern, and, when asked through
// the environment, CPU and allocation profiles of the whole process. The
// release binary and the benchmark's floor provider both serve through it,
// so they differ only in the provider they serve.
package serve

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/atlasx/atlasx"

// Provider serves factory's provider over protocol 6 (Protocol6) until the
// CLI ends the process; debug runs it for a debugger to attach instead (see
// providerserver.ServeOpts), without Protocol6's interceptor: a final plan
// then repeats what its plan did.
func Provider(factory func() provider.Provider, debug bool) error {
	silenceUnwantedLogs()
	tuneRuntime()
	stopProfiles, err := startProfiles()
	if err != nil {
		return err
	}
	defer func() {
		if err := stopProfiles(); err != nil {
			log.Printf("[WARN] writing profiles: %v", err)
		}
	}()
	if debug {
		return providerserver.Serve(context.Background(), factory, providerserver.ServeOpts{
			Address:         Address,
			Debug:           true,
			ProtocolVersion: 6,
		})
	}
	Protocol6(Address, providerserver.NewProtocol6(factory()), nil, nil)
	return nil
}
