package resource_stream_connection

import (
	"context"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection/connectiontest"
)

const testProjectID = connectiontest.ProjectID

// typeFixture is one of connectiontest's connections, with the model an
// import of it reads (no secrets: Atlas never returns them).
type typeFixture struct {
	name  string
	api   client.StreamConnection
	model connection.Model
}

// fixtures holds one full connection of every type (the core's tests hold
// every type to be there).
func fixtures() []typeFixture {
	var out []typeFixture
	for _, api := range connectiontest.Examples() {
		m, diags := connection.Flatten(context.Background(), &api, &connection.Model{})
		if diags.HasError() {
			panic(diags)
		}
		out = append(out, typeFixture{name: api.Name, api: api, model: m})
	}
	return out
}
