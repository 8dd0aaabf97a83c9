package connection

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every secret comes in two forms. The plain one (`password`) is sensitive
// and kept in state, since Atlas never returns it; it works with every CLI.
// The write-only one (`password_wo`) never reaches plan or state and may come
// from an ephemeral value; as the provider cannot see it change, it is sent
// when the connection is created and whenever `password_wo_version` changes.
// writeOnlyRules (validators.go) ties the three attributes together.

// writeOnlySuffix and versionSuffix name a secret's write-only form and its version.
const (
	writeOnlySuffix = "_wo"
	versionSuffix   = "_wo_version"
)

// withSecret adds to attrs the secret field f in both forms, with the
// write-only form's version.
func withSecret(attrs map[string]schema.Attribute, f field) {
	name, what := f.name, f.secret.what
	attrs[name+versionSuffix] = writeOnlyVersion(name)
	if f.kind == kindStringMap {
		attrs[name] = stringMap(fmt.Sprintf("%s %s To keep them out of state, set `%s%s` instead.", what, f.secret.mapWhy, name, writeOnlySuffix), true)
		attrs[name+writeOnlySuffix] = writeOnlyMap(name, what)
		return
	}
	attrs[name] = secretString(what, name)
	attrs[name+writeOnlySuffix] = schema.StringAttribute{
		Optional: true, Sensitive: true, WriteOnly: true,
		MarkdownDescription: what + " " + writeOnlyDescription(name),
		Validators:          []validator.String{NonEmpty},
	}
}

func secretString(what, name string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Sensitive: true,
		MarkdownDescription: what + fmt.Sprintf(" Sensitive; Atlas never returns it, so it is kept from configuration, in state. To keep it out of state, set `%s%s` instead.", name, writeOnlySuffix),
		Validators:          []validator.String{NonEmpty},
	}
}

// writeOnlyMap is the write-only form of a secret map such as Https headers.
func writeOnlyMap(name, what string) schema.MapAttribute {
	return schema.MapAttribute{
		Optional: true, Sensitive: true, WriteOnly: true,
		ElementType:         types.StringType,
		MarkdownDescription: what + " " + writeOnlyDescription(name),
		Validators:          []validator.Map{mapvalidator.SizeAtLeast(1)},
	}
}

// writeOnlyVersion is an Int64, as HashiCorp's providers make it (the aws
// and azurerm `*_wo_version` attributes are numbers), so configurations move
// over unchanged and a rotation reads as a counter going up; any change,
// not only an increase, sends the value.
func writeOnlyVersion(name string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional:            true,
		MarkdownDescription: fmt.Sprintf("The version of `%[1]s%[2]s`: required with it. Change it (e.g. add 1) whenever `%[1]s%[2]s` changes, so that the new value is sent.", name, writeOnlySuffix),
	}
}

func writeOnlyDescription(name string) string {
	return fmt.Sprintf("Write-only: never stored in the plan or state, so it may come from an ephemeral value. "+
		"Requires `%[1]s%[2]s` and conflicts with `%[1]s`. It is sent when the connection is created and whenever `%[1]s%[2]s` changes: "+
		"**changing the value without changing `%[1]s%[2]s` sends nothing**. Needs Terraform 1.11 or OpenTofu 1.11 or later; with an older CLI use `%[1]s`.",
		name, versionSuffix)
}
