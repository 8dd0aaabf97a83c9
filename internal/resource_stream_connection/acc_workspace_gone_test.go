package resource_stream_connection_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// A connection whose workspace was deleted outside Terraform reads as gone:
// the plan would create it again, and says at once why it cannot.
func TestAccWorkspaceDeletedOutsideTerraform(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	deleteWorkspace := func() {
		api, err := client.New(client.Config{BaseURL: env.URL, AccessToken: env.Seed.AccessToken})
		if err != nil {
			panic(err)
		}
		if err := api.DeleteStreamWorkspace(context.Background(), env.Seed.ProjectID, env.Seed.Workspace); err != nil {
			panic(err)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: kafkaConfig(env, "orphaned", "")},
			{
				PreConfig:   deleteWorkspace,
				Config:      kafkaConfig(env, "orphaned", ""),
				ExpectError: errorLike(`Stream workspace not found[\s\S]*has no stream workspace "` + env.Seed.Workspace + `"`),
			},
		},
	})
}
