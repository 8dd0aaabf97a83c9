package connection

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"slices"
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

// forms are the attributes that can give name: name itself and, for a
// secret, its write-only sibling.
func (f objectFields) forms(name string) []string {
	if _, ok := f[name+writeOnlySuffix]; ok {
		return []string{name, name + writeOnlySuffix}
	}
	return []string{name}
}

// writeOnlyNames are the write-only attributes of f, sorted so that problems
// are reported in the same order every time.
func (f objectFields) writeOnlyNames() []string {
	var names []string
	for name := range f {
		if strings.HasSuffix(name, writeOnlySuffix) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// given reports whether name is set in either of its forms.
func (f objectFields) given(name string) bool { return slices.ContainsFunc(f.forms(name), f.set) }

// need reports each of names that is not given, saying why it is needed.
func (f objectFields) need(why string, names ...string) []fieldProblem {
	var out []fieldProblem
	for _, n := range names {
		if !f.given(n) {
			out = append(out, fieldProblem{n, "Missing required attribute", fmt.Sprintf("is missing: %s needs %s. Set %s.", why, QuoteList(names), strings.Join(f.forms(n), " or "))})
		}
	}
	return out
}

// forbid reports each form of names that is set, saying when it may be used.
func (f objectFields) forbid(why string, names ...string) []fieldProblem {
	var out []fieldProblem
	for _, n := range names {
		for _, form := range f.forms(n) {
			if !f.set(form) {
				continue
			}
			remove := form
			if form != n {
				remove += " and " + n + versionSuffix
			}
			out = append(out, fieldProblem{form, "Attribute not allowed here", fmt.Sprintf("is not allowed: %s. Remove %s.", why, remove)})
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
// OAUTHBEARER needs method OIDC and the OIDC client; AWS_MSK_IAM needs the
// IAM role in aws, and aws goes with nothing else; mutual TLS needs a
// certificate and its key together. Each secret may be given in either form.
func kafkaAuthenticationRules() validator.Object {
	return objectRule{description: "Kafka authentication fields that go together", check: func(f objectFields) []fieldProblem {
		var out []fieldProblem
		mechanism, known := f.value("mechanism")
		switch {
		case !known:
		case mechanism == "OAUTHBEARER":
			out = append(out, f.need(`mechanism "OAUTHBEARER"`, oidcFields...)...)
			out = append(out, f.forbid(`username and password are for SASL mechanisms PLAIN, SCRAM-256 and SCRAM-512, not OAUTHBEARER`, saslFields...)...)
		case mechanism == mechanismAWSMSKIAM:
			out = append(out, f.need(`mechanism "AWS_MSK_IAM"`, "aws")...)
			out = append(out, f.forbid(`mechanism "AWS_MSK_IAM" signs in with the IAM role in aws alone`, append(append(saslFields, oidcFields...), oidcExtras...)...)...)
		case mechanism != "":
			why := fmt.Sprintf("mechanism %q", mechanism)
			out = append(out, f.need(why, saslFields...)...)
			out = append(out, f.forbid(why+" does not use OIDC; these fields are only for mechanism \"OAUTHBEARER\"", append(oidcFields, oidcExtras...)...)...)
		default:
			out = append(out, f.forbid(`no mechanism is set; set mechanism to one of `+QuoteList(kafkaMechanisms)+` to use SASL, OIDC or IAM fields`, append(append(saslFields, oidcFields...), oidcExtras...)...)...)
		}
		if known && mechanism != mechanismAWSMSKIAM {
			out = append(out, f.forbid(`aws is only for mechanism "AWS_MSK_IAM"; set mechanism = "AWS_MSK_IAM" to sign in with an IAM role`, "aws")...)
		}
		if f.given("ssl_key") || f.set("ssl_certificate") {
			out = append(out, f.need("mutual TLS", "ssl_certificate", "ssl_key")...)
		}
		if f.given("ssl_key_password") && !f.given("ssl_key") {
			out = append(out, fieldProblem{"ssl_key_password", "Attribute not allowed here", "is not allowed without ssl_key, which it protects: set ssl_key (or ssl_key_wo) too, or remove ssl_key_password."})
		}
		return out
	}}
}

// mechanismAWSMSKIAM is Amazon MSK's IAM access control: Atlas assumes the
// role in authentication.aws to sign in to the brokers.
const mechanismAWSMSKIAM = "AWS_MSK_IAM"

// writeOnlyRules: a write-only secret conflicts with its plain form, and it
// and its version go together, since the version is what sends it.
func writeOnlyRules() validator.Object {
	return objectRule{description: "write-only secrets and their versions", check: func(f objectFields) []fieldProblem {
		var out []fieldProblem
		for _, name := range f.writeOnlyNames() {
			plain, _ := strings.CutSuffix(name, writeOnlySuffix)
			version := name + "_version"
			switch {
			case f.set(name) && f.set(plain):
				out = append(out, fieldProblem{name, "Conflicting attributes", fmt.Sprintf("conflicts with %s: set only one. %s keeps the value out of state; remove %s to use it.", plain, name, plain)})
			case f.set(name) && !f.set(version):
				out = append(out, fieldProblem{version, "Missing required attribute", fmt.Sprintf("is missing: %s needs it, since the provider cannot see a write-only value change. Set %s = 1, and change it whenever %s changes.", name, version, name)})
			case !f.set(name) && f.set(version):
				out = append(out, fieldProblem{version, "Attribute not allowed here", fmt.Sprintf("is not allowed without %s, whose version it is: set %s too, or remove %s.", name, name, version)})
			}
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

func QuoteList(values []string) string {
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
