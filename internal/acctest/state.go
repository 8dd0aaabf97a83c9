package acctest

import (
	"encoding/json"
)

// StateResource is one resource instance of the state, as `show -json`
// prints it; Values holds sensitive attributes too.
type StateResource struct {
	Address string         `json:"address"`
	Type    string         `json:"type"`
	Values  map[string]any `json:"values"`
}

// State reads the working directory's state through `show -json`, so the
// test sees what the CLI sees. It fails the test if the CLI does.
func (w *Workdir) State() []StateResource {
	w.t.Helper()
	r := w.MustRun("show", "-json", "-no-color")
	var shown struct {
		Values struct {
			RootModule struct {
				Resources []StateResource `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(r.Output), &shown); err != nil {
		w.t.Fatalf("reading the state: %v\n%s", err, r)
	}
	return shown.Values.RootModule.Resources
}
