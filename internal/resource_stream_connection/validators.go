package resource_stream_connection

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const accessPublic = "PUBLIC"

// stringRule is a validator.String from a function that explains what is
// wrong with a known, non-null value, or returns "".
type stringRule struct {
	description string
	check       func(string) string
}

func (r stringRule) Description(context.Context) string         { return r.description }
func (r stringRule) MarkdownDescription(context.Context) string { return r.description }

func (r stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := r.check(req.ConfigValue.ValueString()); problem != "" {
		// The CLI points at the resource, not at a nested attribute: name it in the text.
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+r.description, req.Path.String()+": "+problem)
	}
}

// hostPortList accepts Kafka's `host:port,host:port` bootstrap list.
func hostPortList() validator.String {
	return stringRule{description: "host:port list", check: func(v string) string {
		for _, entry := range strings.Split(v, ",") {
			host, port, err := net.SplitHostPort(entry)
			n, perr := strconv.Atoi(port)
			if err != nil || host == "" || strings.ContainsAny(host, " \t") || perr != nil || n < 1 || n > 65535 {
				return fmt.Sprintf("%q is not host:port. Give a comma-separated list of brokers without spaces, e.g. \"b1.example.com:9092,b2.example.com:9092\".", entry)
			}
		}
		return ""
	}}
}

// httpURL accepts absolute http and https URLs.
func httpURL() validator.String {
	return stringRule{description: "URL", check: func(v string) string {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Sprintf("%q is not an http(s) URL. Give an absolute URL such as \"https://example.com/path\".", v)
		}
		return ""
	}}
}

func roleARN() validator.String {
	return stringvalidator.RegexMatches(roleARNPattern, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/atlas-streams")
}

// objectRule is a validator.Object for rules that tie fields of one nested
// object together. It reads the object's attributes directly, so unknown
// values (known only at apply) never cause a false error.
type objectRule struct {
	description string
	check       func(fields objectFields) []fieldProblem
}

type fieldProblem struct {
	attribute, summary, detail string
}

func (r objectRule) Description(context.Context) string         { return r.description }
func (r objectRule) MarkdownDescription(context.Context) string { return r.description }

func (r objectRule) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, p := range r.check(objectFields(req.ConfigValue.Attributes())) {
		at := req.Path.AtName(p.attribute)
		// The CLI points at the resource, not at a nested attribute: name it in the text.
		resp.Diagnostics.AddAttributeError(at, p.summary, at.String()+" "+p.detail)
	}
}

type objectFields map[string]attr.Value

// set reports whether the attribute is given; an unknown value counts as given.
func (f objectFields) set(name string) bool { v, ok := f[name]; return ok && !v.IsNull() }

// value is the attribute's string and whether it is known.
func (f objectFields) value(name string) (string, bool) {
	s, ok := f[name].(types.String)
	if !ok || s.IsUnknown() {
		return "", false
	}
	return s.ValueString(), true
}

// need reports each of names that is not set, saying why it is needed.
func (f objectFields) need(why string, names ...string) []fieldProblem {
	var out []fieldProblem
	for _, n := range names {
		if !f.set(n) {
			out = append(out, fieldProblem{n, "Missing required attribute", fmt.Sprintf("is missing: %s needs %s. Set %s.", why, quoteList(names), n)})
		}
	}
	return out
}

// forbid reports each of names that is set, saying when it may be used.
func (f objectFields) forbid(why string, names ...string) []fieldProblem {
	var out []fieldProblem
	for _, n := range names {
		if f.set(n) {
			out = append(out, fieldProblem{n, "Attribute not allowed here", fmt.Sprintf("is not allowed: %s. Remove %s.", why, n)})
		}
	}
	return out
}

var (
	saslFields = []string{"username", "password"}
	oidcFields = []string{"method", "token_endpoint_url", "client_id", "client_secret"}
	oidcExtras = []string{"scope", "sasl_oauthbearer_extensions"}
)

// kafkaAuthenticationRules: a SASL mechanism needs username and password;
// OAUTHBEARER needs method OIDC and the OIDC client; mutual TLS needs a
// certificate and its key together.
func kafkaAuthenticationRules() validator.Object {
	return objectRule{description: "Kafka authentication fields that go together", check: func(f objectFields) []fieldProblem {
		var out []fieldProblem
		mechanism, known := f.value("mechanism")
		switch {
		case !known:
		case mechanism == "OAUTHBEARER":
			out = append(out, f.need(`mechanism "OAUTHBEARER"`, oidcFields...)...)
			out = append(out, f.forbid(`username and password are for SASL mechanisms PLAIN, SCRAM-256 and SCRAM-512, not OAUTHBEARER`, saslFields...)...)
		case mechanism != "":
			why := fmt.Sprintf("mechanism %q", mechanism)
			out = append(out, f.need(why, saslFields...)...)
			out = append(out, f.forbid(why+" does not use OIDC; these fields are only for mechanism \"OAUTHBEARER\"", append(oidcFields, oidcExtras...)...)...)
		default:
			out = append(out, f.forbid(`no mechanism is set; set mechanism to one of `+quoteList(kafkaMechanisms)+` to use SASL or OIDC fields`, append(append(saslFields, oidcFields...), oidcExtras...)...)...)
		}
		if f.set("ssl_key") || f.set("ssl_certificate") {
			out = append(out, f.need("mutual TLS", "ssl_certificate", "ssl_key")...)
		}
		if f.set("ssl_key_password") && !f.set("ssl_key") {
			out = append(out, fieldProblem{"ssl_key_password", "Attribute not allowed here", "is not allowed without ssl_key, which it protects: set ssl_key too, or remove ssl_key_password."})
		}
		return out
	}}
}

func schemaRegistryAuthenticationRules() validator.Object {
	return objectRule{description: "schema registry authentication fields that go together", check: func(f objectFields) []fieldProblem {
		switch t, _ := f.value("type"); t {
		case "USER_INFO":
			return f.need(`type "USER_INFO"`, "username", "password")
		case "SASL_INHERIT":
			return f.forbid(`type "SASL_INHERIT" reuses the Kafka connection's credentials`, "username", "password")
		}
		return nil
	}}
}

// networkingAccessRules: a private link needs its connection id, a transit
// gateway its route id, and neither id fits another access type.
func networkingAccessRules() validator.Object {
	return objectRule{description: "networking access fields that go together", check: func(f objectFields) []fieldProblem {
		accessType, known := f.value("type")
		if !known {
			return nil
		}
		var out []fieldProblem
		for _, id := range []struct{ attribute, accessType string }{{"connection_id", "PRIVATE_LINK"}, {"tgw_route_id", "TRANSIT_GATEWAY"}} {
			if accessType == id.accessType {
				out = append(out, f.need(fmt.Sprintf("access type %q", accessType), id.attribute)...)
			} else {
				out = append(out, f.forbid(fmt.Sprintf("%s is only used with access type %q", id.attribute, id.accessType), id.attribute)...)
			}
		}
		return out
	}}
}

func quoteList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return strings.Join(quoted, ", ")
}

// uniqueStrings refuses a list that repeats a value, naming the list and
// the value (the framework's own check names neither in the CLI's output).
func uniqueStrings() validator.List {
	return uniqueRule{}
}

type uniqueRule struct{}

func (uniqueRule) Description(context.Context) string         { return "values must be unique" }
func (uniqueRule) MarkdownDescription(context.Context) string { return "values must be unique" }

func (uniqueRule) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	seen := map[string]bool{}
	for _, v := range req.ConfigValue.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		if seen[s.ValueString()] {
			resp.Diagnostics.AddAttributeError(req.Path, "Duplicate value",
				fmt.Sprintf("%s lists %q more than once: each value must be unique. Remove the repeat.", req.Path, s.ValueString()))
		}
		seen[s.ValueString()] = true
	}
}
