package connection

import (
	"strings"
	"testing"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// The data sources mirror the resource, write-only secrets and their versions
// included, as computed attributes that say they are always null.
func TestDataSourceWriteOnlyAttributesAreComputedNulls(t *testing.T) {
	attrs := DataAttributes(testSchema(), map[string]bool{"project_id": true, "workspace_name": true, "connection_name": true})
	auth := attrs["kafka"].(dschema.SingleNestedAttribute).Attributes["authentication"].(dschema.SingleNestedAttribute).Attributes
	https := attrs["https"].(dschema.SingleNestedAttribute).Attributes
	for name, a := range map[string]dschema.Attribute{
		"password_wo": auth["password_wo"], "password_wo_version": auth["password_wo_version"],
		"headers_wo": https["headers_wo"], "headers_wo_version": https["headers_wo_version"],
	} {
		if a == nil || !a.IsComputed() || a.IsOptional() || !strings.HasPrefix(a.GetMarkdownDescription(), "Always null here") {
			t.Errorf("%s = %+v: want a computed attribute described as always null", name, a)
		}
	}
	if d := auth["password_wo"].GetMarkdownDescription(); !strings.Contains(d, "write-only") {
		t.Errorf("password_wo is described %q: want it to say why it is null", d)
	}
}
