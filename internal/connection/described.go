package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The framework asks every validator for its description each time it calls
// it, only to log it, and the validators package formats the description
// anew on each call (OneOf formats every value it allows). These validators
// work theirs out once; what they check and report is the package's own.

// describedString is v with its descriptions worked out when it is built.
type describedString struct {
	validator.String
	description, markdown string
}

func (v describedString) Description(context.Context) string         { return v.description }
func (v describedString) MarkdownDescription(context.Context) string { return v.markdown }

func described(v validator.String) validator.String {
	ctx := context.Background()
	return describedString{String: v, description: v.Description(ctx), markdown: v.MarkdownDescription(ctx)}
}

// NonEmpty refuses an empty string, as stringvalidator.LengthAtLeast(1).
var NonEmpty = described(stringvalidator.LengthAtLeast(1))

// OneOf refuses a value not in values, as stringvalidator.OneOf.
func OneOf(values ...string) validator.String {
	return described(stringvalidator.OneOf(values...))
}
