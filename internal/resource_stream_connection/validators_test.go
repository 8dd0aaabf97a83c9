package resource_stream_connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestStringRules(t *testing.T) {
	tests := []struct {
		rule  validator.String
		value string
		ok    bool
	}{
		{hostPortList(), "b1.example.com:9092", true},
		{hostPortList(), "b1:9092,b2:9093", true},
		{hostPortList(), "[::1]:9092", true},
		{hostPortList(), "b1", false},
		{hostPortList(), "b1:9092, b2:9092", false},
		{hostPortList(), "b1:0", false},
		{hostPortList(), "b1:99999", false},
		{hostPortList(), "b1:9092,", false},
		{hostPortList(), ":9092", false},
		{httpURL(), "https://example.com/x", true},
		{httpURL(), "http://10.0.0.1:8080", true},
		{httpURL(), "ftp://example.com", false},
		{httpURL(), "example.com", false},
		{httpURL(), "https://", false},
		{roleARN(), testRoleARN, true},
		{roleARN(), "arn:aws-us-gov:iam::123456789012:role/x", true},
		{roleARN(), "arn:aws:iam::123:role/x", false},
		{roleARN(), "arn:aws:s3:::bucket", false},
		{hex24("x"), testProjectID, true},
		{hex24("x"), "32B6E34B3D91647ABB20E7B8", false},
	}
	for _, tc := range tests {
		resp := &validator.StringResponse{}
		tc.rule.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("a"), ConfigValue: types.StringValue(tc.value)}, resp)
		if resp.Diagnostics.HasError() == tc.ok {
			t.Errorf("%s(%q): errors = %v, want ok = %v", tc.rule.Description(context.Background()), tc.value, resp.Diagnostics, tc.ok)
		}
	}
}
