package resource_stream_connection_test

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// killedFleetSize connections are applied by the apply that gets killed.
const killedFleetSize = 30

// killedFleet is killedFleetSize Kafka connections, each with its own password.
var killedFleet = fmt.Sprintf(`
resource "atlasx_stream_connection" "fleet" {
  count           = %d
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = format("kafka-%%02d", count.index)
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication    = { mechanism = "SCRAM-256", username = "app", password = format("secret-%%02d", count.index) }
    security          = { protocol = "SASL_SSL" }
  }
}
`, killedFleetSize)

// A pipeline killed mid-apply (SIGKILL to the CLI and the provider process
// alike) leaves connections in Atlas that state does not hold. Re-applying without
// adopt_existing creates the rest and refuses each leftover before writing it,
// asking for an import; re-applying with it converges: every leftover adopted
// and sent its password, nothing created twice, and a destroy leaves Atlas empty.
func TestAccAdoptExistingAfterAKilledApply(t *testing.T) {
	t.Parallel()
	// Slow answers keep the apply creating when the kill comes.
	const latency = 100 * time.Millisecond
	env := acctest.New(t, emulator.WithLatency(latency))
	dir := env.BinaryWorkdir(t)
	dir.SetConfig(env.Config(killedFleet))
	apply := []string{"apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"}

	killed := dir.Start(apply...)
	exited := make(chan acctest.Result, 1)
	go func() { exited <- killed.Wait() }()
	if early, ok := awaitConnections(env, 5, exited); !ok {
		t.Fatalf("the apply ended before Atlas held 5 connections:\n%s", early.Errors())
	}
	if err := killed.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("killing the apply: %v", err)
	}
	if r := <-exited; r.ExitCode == 0 {
		t.Fatalf("the killed apply exited 0: the kill came too late\n%s", r)
	}
	// A create still being answered when the provider died lands, or is
	// dropped with its connection: wait until the emulator has served every
	// request the dead processes sent.
	env.AwaitNoClients(t)
	// The CLI may have saved part of the state before it died (Terraform
	// persists it during a long apply): what matters is what Atlas holds
	// beyond it.
	inAtlas, inState := len(env.Emulator.Connections(env.Seed.ProjectID, env.Seed.Workspace)), len(dir.State())
	leftovers := inAtlas - inState
	if leftovers <= 0 || inAtlas == killedFleetSize {
		t.Fatalf("after the kill Atlas holds %d connections and state %d; want some of %d in Atlas beyond state", inAtlas, inState, killedFleetSize)
	}
	t.Logf("the kill left %d connections in Atlas that state does not hold (%d in state)", leftovers, inState)

	env.Emulator.ResetCounts()
	refused := dir.Run(apply...)
	if refused.ExitCode == 0 {
		t.Fatalf("without adopt_existing the re-apply succeeded:\n%s", refused)
	}
	if n := strings.Count(refused.Output, "Error: Stream connection already exists"); n != leftovers {
		t.Errorf("without adopt_existing the re-apply refused %d connections as existing, want %d:\n%s", n, leftovers, refused.Errors())
	}
	// Its plan only warns (an error would also abort a destroy): the apply
	// creates what Atlas lacked and refuses each leftover before writing.
	if n, want := env.Emulator.Count(http.MethodPost, emulator.RouteConnections), killedFleetSize-inAtlas; n != want {
		t.Errorf("without adopt_existing the re-apply sent %d creates, want %d: one for each connection Atlas lacked", n, want)
	}

	dir.SetConfig(withAdoptExisting(env.Config(killedFleet)))
	env.Emulator.ResetCounts()
	adopted := dir.Run(apply...)
	if adopted.ExitCode != 0 {
		t.Fatalf("with adopt_existing the re-apply failed:\n%s", adopted.Errors())
	}
	if n := strings.Count(adopted.Output, "Adopted existing stream connection"); n != leftovers {
		t.Errorf("the re-apply warned of %d adoptions, want %d:\n%s", n, leftovers, adopted)
	}
	// One refused create and one secrets update for each leftover: Atlas
	// lacked nothing else any more.
	posts, patches := env.Emulator.Count(http.MethodPost, emulator.RouteConnections), env.Emulator.Count(http.MethodPatch, emulator.RouteConnection)
	if wantPosts := leftovers; posts != wantPosts || patches != leftovers {
		t.Errorf("the re-apply sent %d creates and %d updates, want %d and %d", posts, patches, wantPosts, leftovers)
	}
	checkFleetConverged(t, env, dir)

	if r := dir.Run("plan", "-detailed-exitcode", "-input=false", "-no-color"); r.ExitCode != 0 {
		t.Errorf("the plan after adopting is not empty:\n%s", r)
	}
	dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
}

// checkFleetConverged checks that state and Atlas both hold exactly the
// fleet, each connection with its configured password.
func checkFleetConverged(t *testing.T, env *acctest.Env, dir *acctest.Workdir) {
	t.Helper()
	if n := len(dir.State()); n != killedFleetSize {
		t.Errorf("state holds %d connections, want %d", n, killedFleetSize)
	}
	inAtlas := env.Emulator.Connections(env.Seed.ProjectID, env.Seed.Workspace)
	if len(inAtlas) != killedFleetSize {
		t.Errorf("Atlas holds %d connections, want %d", len(inAtlas), killedFleetSize)
	}
	for _, conn := range inAtlas {
		var i int
		if _, err := fmt.Sscanf(fmt.Sprint(conn["name"]), "kafka-%02d", &i); err != nil {
			t.Errorf("Atlas holds %v, which is not in the configuration", conn["name"])
			continue
		}
		auth, _ := conn["authentication"].(map[string]any)
		if want := fmt.Sprintf("secret-%02d", i); auth["password"] != want {
			t.Errorf("%v holds another password than the configured one", conn["name"])
		}
	}
}

// awaitConnections polls until Atlas holds n connections. If the command
// exits first, it returns the command's result and false.
func awaitConnections(env *acctest.Env, n int, exited <-chan acctest.Result) (acctest.Result, bool) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for len(env.Emulator.Connections(env.Seed.ProjectID, env.Seed.Workspace)) < n {
		select {
		case r := <-exited:
			return r, false
		case <-tick.C:
		}
	}
	return acctest.Result{}, true
}
