// Command floor serves the benchmark's floor provider (internal/floor): the
// atlasx schemas without validators, plan modifiers or behavior, served the
// way the release binary serves the real provider. The benchmark builds it
// under the provider's file name and runs it beside the real one.
package main

import (
	"log"

	"github.com/atlasx/terraform-provider-atlasx/internal/floor"
	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
	"github.com/atlasx/terraform-provider-atlasx/internal/serve"
)

func main() {
	if err := serve.Provider(floor.New(provider.New("floor")), false); err != nil {
		log.Fatal(err.Error())
	}
}
