package connection

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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

// objectProblems runs an object rule on the attributes of the nested object
// at path in the resource schema, all null but those given.
func objectProblems(t *testing.T, rule validator.Object, object []string, given map[string]attr.Value) []string {
	t.Helper()
	attrs := testSchema().Attributes
	var nested schema.SingleNestedAttribute
	for _, name := range object {
		nested = attrs[name].(schema.SingleNestedAttribute)
		attrs = nested.Attributes
	}
	fields := objectFields{}
	for name := range attrs {
		fields[name] = types.StringNull()
	}
	for name, v := range given {
		if _, ok := fields[name]; !ok {
			t.Fatalf("%v has no attribute %q", object, name)
		}
		fields[name] = v
	}
	var out []string
	for _, p := range rule.(objectRule).check(fields) {
		out = append(out, p.attribute+" "+p.detail)
	}
	return out
}

func TestObjectRulesWithWriteOnlySecretsAndIAM(t *testing.T) {
	kafkaAuth := []string{"kafka", "authentication"}
	registryAuth := []string{"schema_registry", "authentication"}
	s, v := types.StringValue, types.Int64Value
	tests := []struct {
		name   string
		rule   validator.Object
		object []string
		given  map[string]attr.Value
		want   []string // each problem's attribute and the start of its text; none when nil
	}{
		{"sasl with password_wo", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"mechanism": s("PLAIN"), "username": s("u"), "password_wo": s("p"), "password_wo_version": v(1)}, nil},
		{"sasl without either form", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"mechanism": s("PLAIN"), "username": s("u")},
			[]string{`password is missing: mechanism "PLAIN" needs "username", "password". Set password or password_wo.`}},
		{"oauthbearer with client_secret_wo", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{
			"mechanism": s("OAUTHBEARER"), "method": s("OIDC"), "token_endpoint_url": s("https://idp.example.com/t"), "client_id": s("c"), "client_secret_wo": s("x"), "client_secret_wo_version": v(1)}, nil},
		{"oauthbearer refuses password_wo", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{
			"mechanism": s("OAUTHBEARER"), "method": s("OIDC"), "token_endpoint_url": s("https://idp.example.com/t"), "client_id": s("c"), "client_secret": s("x"), "password_wo": s("p")},
			[]string{"password_wo is not allowed: username and password are for SASL mechanisms PLAIN, SCRAM-256 and SCRAM-512, not OAUTHBEARER. Remove password_wo and password_wo_version."}},
		{"mutual tls with ssl_key_wo", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"ssl_certificate": s("c"), "ssl_key_wo": s("k"), "ssl_key_password_wo": s("p")}, nil},
		{"ssl_key_password_wo needs a key", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"ssl_key_password_wo": s("p")},
			[]string{"ssl_key_password is not allowed without ssl_key"}},
		{"msk iam", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"mechanism": s(mechanismAWSMSKIAM), "aws": s("role")}, nil},
		{"msk iam needs aws", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"mechanism": s(mechanismAWSMSKIAM)},
			[]string{`aws is missing: mechanism "AWS_MSK_IAM" needs "aws". Set aws.`}},
		{"msk iam refuses sasl and oidc", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"mechanism": s(mechanismAWSMSKIAM), "aws": s("role"), "username": s("u"), "client_id": s("c")},
			[]string{`username is not allowed: mechanism "AWS_MSK_IAM" signs in with the IAM role in aws alone. Remove username.`, `client_id is not allowed: mechanism "AWS_MSK_IAM"`}},
		{"aws only with msk iam", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"mechanism": s("PLAIN"), "username": s("u"), "password": s("p"), "aws": s("role")},
			[]string{`aws is not allowed: aws is only for mechanism "AWS_MSK_IAM"`}},
		{"aws without a mechanism", kafkaAuthenticationRules(), kafkaAuth, map[string]attr.Value{"aws": s("role")},
			[]string{`aws is not allowed: aws is only for mechanism "AWS_MSK_IAM"`}},
		{"user info with password_wo", schemaRegistryAuthenticationRules(), registryAuth, map[string]attr.Value{"type": s("USER_INFO"), "username": s("u"), "password_wo": s("p")}, nil},
		{"sasl inherit refuses password_wo", schemaRegistryAuthenticationRules(), registryAuth, map[string]attr.Value{"type": s("SASL_INHERIT"), "password_wo": s("p")},
			[]string{"password_wo is not allowed"}},
		{"write-only with its version", writeOnlyRules(), kafkaAuth, map[string]attr.Value{"password_wo": s("p"), "password_wo_version": v(1)}, nil},
		{"write-only beside its plain form", writeOnlyRules(), kafkaAuth, map[string]attr.Value{"password": s("p"), "password_wo": s("p"), "password_wo_version": v(1)},
			[]string{"password_wo conflicts with password: set only one."}},
		{"write-only without a version", writeOnlyRules(), kafkaAuth, map[string]attr.Value{"ssl_key_wo": s("k")},
			[]string{"ssl_key_wo_version is missing: ssl_key_wo needs it, since the provider cannot see a write-only value change. Set ssl_key_wo_version = 1"}},
		{"a version without its value", writeOnlyRules(), registryAuth, map[string]attr.Value{"password_wo_version": v(2)},
			[]string{"password_wo_version is not allowed without password_wo, whose version it is: set password_wo too, or remove password_wo_version."}},
		{"headers_wo without a version", writeOnlyRules(), []string{"https"}, map[string]attr.Value{"headers_wo": strMap("A", "b")},
			[]string{"headers_wo_version is missing"}},
		{"unknown write-only values count as given", writeOnlyRules(), kafkaAuth, map[string]attr.Value{"client_secret_wo": types.StringUnknown(), "client_secret_wo_version": types.Int64Unknown()}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := objectProblems(t, tc.rule, tc.object, tc.given)
			if len(got) != len(tc.want) {
				t.Fatalf("problems = %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %d = %q, want it to start %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}
