//go:build live

package acclive_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acclive"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// The sweeper runs under `make sweep` (go test -sweep): it deletes what
// live runs left in ATLASX_ACC_PROJECT_ID, by their prefix, and nothing else.
func init() {
	resource.AddTestSweepers("atlasx_stream_connection", &resource.Sweeper{
		Name: "atlasx_stream_connection",
		F:    sweep,
	})
}

// sweep ignores the region the framework passes: Atlas projects have none.
func sweep(string) error {
	err := sweepProject()
	if err != nil {
		// The framework exits 1 without saying why.
		fmt.Fprintln(os.Stderr, "sweep:", err)
	}
	return err
}

func sweepProject() error {
	settings, err := acclive.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	api, err := client.New(settings.Client)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	fmt.Printf("sweep: deleting what carries the prefix %q in project %s\n", acclive.Prefix, settings.ProjectID)
	deleted, err := acclive.Sweep(ctx, api, settings.ProjectID, os.Stdout)
	fmt.Printf("sweep: deleted %d\n", deleted)
	return err
}
