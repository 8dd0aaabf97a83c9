// Package serve runs a provider as a plugin process the way atlasx ships it:
// through tf6server.Serve, which providerserver.Serve calls for any framework
// provider, the same under -debug as in release, after the process settings
// of tune.go and, when asked through the environment, with CPU and
// allocation profiles of the whole process. Outside -debug the process ends
// once its CLI is gone and it owes Atlas nothing more (cli_gone.go). The
// release binary and the benchmark's floor provider both serve through it,
// so they differ only in the provider they serve.
package serve

import (
	"errors"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/atlasx/atlasx"

// Provider serves factory's provider over protocol 6 until the CLI ends the
// process or is gone; debug runs it for a debugger to attach (see
// tf6server.WithManagedDebug), and then it serves on without its CLI, for
// the next one to reattach.
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
	framework, ok := providerserver.NewProtocol6(factory())().(frameworkServer)
	if !ok {
		return errors.New("the framework's protocol 6 server lacks a server interface that tf6server serves")
	}
	server := trackedServer{frameworkServer: framework, applies: newInFlight()}
	serve := func(opts ...tf6server.ServeOpt) error {
		return tf6server.Serve(Address, func() tfprotov6.ProviderServer { return server }, opts...)
	}
	parentGone := cliWatch(debug)
	if parentGone == nil {
		var opts []tf6server.ServeOpt
		if debug {
			opts = append(opts, tf6server.WithManagedDebug())
		}
		return serve(opts...)
	}
	surviveTheCLIsPipes()
	served := make(chan error, 1)
	go func() { served <- serve() }()
	ticker := time.NewTicker(parentCheckInterval)
	defer ticker.Stop()
	cliGone, quit := make(chan struct{}), make(chan struct{})
	defer close(quit)
	go func() {
		if awaitCLIGone(ticker.C, parentGone, server.applies, quit) {
			close(cliGone)
		}
	}()
	select {
	case err := <-served:
		return err
	case <-cliGone:
		// Returning ends the process; the server has no client left, and
		// no one reads a log line any more.
		return nil
	}
}

// cliWatch is what tells that the CLI is gone, or nil when the provider
// serves on without it: under -debug, where the CLIs that reattach come and
// go, and where the parent cannot be watched.
func cliWatch(debug bool) (parentGone func() bool) {
	if debug {
		return nil
	}
	return watchParent()
}
