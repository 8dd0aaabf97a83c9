// Command openapi-excerpt reads the published Atlas Administration API
// document on standard input and writes the contract checks' excerpt of it
// (see contract.Excerpt) on standard output.
package main

import (
	"io"
	"log"
	"os"

	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
)

func main() {
	published, err := io.ReadAll(os.Stdin)
	if err != nil {
		log.Fatal(err)
	}
	excerpt, err := contract.Excerpt(published)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := os.Stdout.Write(excerpt); err != nil {
		log.Fatal(err)
	}
}
