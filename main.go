// Command terraform-provider-atlasx serves the atlasx provider to Terraform and OpenTofu.
package main

import (
	"flag"
	"log"

	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
	"github.com/atlasx/terraform-provider-atlasx/internal/serve"
)

// version is set by the release build: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers like delve")
	flag.Parse()
	if err := serve.Provider(provider.New(version), debug); err != nil {
		log.Fatal(err.Error())
	}
}
