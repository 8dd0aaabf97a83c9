package acclive

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// The README's "Testing against Atlas" table names every variable the live
// suite reads, so a user can set up a run from it alone.
func TestReadmeListsEveryVariable(t *testing.T) {
	t.Parallel()
	section, err := repo.ReadmeSection("Testing against Atlas")
	if err != nil {
		t.Fatal(err)
	}
	var tabled []string
	for _, row := range regexp.MustCompile("(?m)^\\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \\|").FindAllStringSubmatch(section, -1) {
		tabled = append(tabled, strings.Split(strings.ReplaceAll(row[1], "`", ""), ", ")...)
	}
	read := append([]string{
		EnvLive, EnvProjectID, EnvWorkspace, EnvWorkspaceRegion, EnvFleetSize,
		provider.EnvBaseURL, provider.EnvClientID, provider.EnvClientSecret, provider.EnvPublicKey, provider.EnvPrivateKey, provider.EnvAccessToken,
	}, Prerequisites...)
	for _, name := range read {
		if !slices.Contains(tabled, name) {
			t.Errorf("the README's table does not list %s (it lists %v)", name, tabled)
		}
	}
}
