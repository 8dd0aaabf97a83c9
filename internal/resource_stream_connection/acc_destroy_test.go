package resource_stream_connection_test

import (
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// A destroy never fails on a plan check. A connection renamed in
// configuration without a moved block plans a create of a name Atlas holds:
// the plan says so, with the moved block to add, as a warning rather than an
// error, since Terraform and OpenTofu run a normal plan before a destroy and
// abort on its errors; the destroy succeeds and leaves nothing.
func TestAccDestroyOfARenamedConnection(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	dir := env.Workdir(t)
	config := kafkaConfig(env, "orders", "")
	dir.SetConfig(config)
	dir.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	dir.SetConfig(strings.Replace(config, `resource "atlasx_stream_connection" "test"`, `resource "atlasx_stream_connection" "renamed"`, 1))
	if r := dir.Run("plan", "-input=false", "-no-color"); r.ExitCode != 0 || !errorLike(`Warning: Stream connection already exists[\s\S]*renamed in configuration, add a moved block`).MatchString(r.Output) {
		t.Errorf("the plan does not warn of the name and the moved block:\n%s", r.Output)
	}
	env.Emulator.ResetCounts()
	dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
	if err := env.ExpectWrites(acctest.Writes{Delete: 1})(nil); err != nil {
		t.Error(err)
	}
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
}
