package emulator

import (
	"fmt"
	"maps"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Connection types, as the API spells them in the "type" discriminator.
const (
	typeSample         = "Sample"
	typeCluster        = "Cluster"
	typeKafka          = "Kafka"
	typeHTTPS          = "Https"
	typeAWSLambda      = "AWSLambda"
	typeS3             = "S3"
	typeKinesis        = "AWSKinesisDataStreams"
	typeSchemaRegistry = "SchemaRegistry"
	typeAzureBlob      = "AzureBlobStorage"
	typeGCPPubSub      = "GCPPubSub"
)

// The two networking fields: Kafka, S3 and Kinesis take "networking" with
// four access types; AWS Lambda, Azure and GCP take
// "publicPrivateNetworking" with two.
const (
	fieldNetworking              = "networking"
	fieldPublicPrivateNetworking = "publicPrivateNetworking"
)

var accessTypes = map[string][]string{
	fieldNetworking:              {"PUBLIC", "VPC", "PRIVATE_LINK", "TRANSIT_GATEWAY"},
	fieldPublicPrivateNetworking: {"PUBLIC", "PRIVATE_LINK"},
}

// connectionRules is what one connection type accepts beyond the common fields.
type connectionRules struct {
	networking string // the networking field the type takes, if any
	check      func(v *validator, c map[string]any)
}

var connectionTypes = map[string]connectionRules{
	typeSample:         {check: func(*validator, map[string]any) {}},
	typeCluster:        {check: checkCluster},
	typeKafka:          {networking: fieldNetworking, check: checkKafka},
	typeHTTPS:          {check: checkHTTPS},
	typeAWSLambda:      {networking: fieldPublicPrivateNetworking, check: checkAWS},
	typeS3:             {networking: fieldNetworking, check: checkAWS},
	typeKinesis:        {networking: fieldNetworking, check: checkAWS},
	typeSchemaRegistry: {check: checkSchemaRegistry},
	typeAzureBlob:      {networking: fieldPublicPrivateNetworking, check: checkAzure},
	typeGCPPubSub:      {networking: fieldPublicPrivateNetworking, check: checkGCP},
}

// validateConnection checks a whole connection (a create body, or an update
// merged onto the stored connection) and returns the first problem as
// Atlas's 400 VALIDATION_ERROR. Fields it does not know are left alone.
func validateConnection(c map[string]any) *apiError {
	v := &validator{}
	v.str(c, "", "name", true)
	v.str(c, "", "region", false)
	typ := v.str(c, "", "type", true)
	rules, known := connectionTypes[typ]
	if v.err == nil && !known {
		v.fail("type", "must be one of "+strings.Join(slices.Sorted(maps.Keys(connectionTypes)), ", "))
	}
	if v.err != nil {
		return v.err
	}
	for _, field := range []string{fieldNetworking, fieldPublicPrivateNetworking} {
		if _, present := value(c, field); present && field != rules.networking {
			v.fail(field, fmt.Sprintf("%s connections do not take %s", typ, field))
		}
	}
	if rules.networking != "" {
		checkNetworking(v, c, rules.networking)
	}
	rules.check(v, c)
	return v.err
}

func checkCluster(v *validator, c map[string]any) {
	v.str(c, "", "clusterName", true)
	v.hexID(c, "", "clusterGroupId", false)
	if role := v.object(c, "", "dbRoleToExecute", false); role != nil {
		v.str(role, "dbRoleToExecute", "role", true)
		v.enum(role, "dbRoleToExecute", "type", true, "BUILT_IN", "CUSTOM")
	}
}

func checkKafka(v *validator, c map[string]any) {
	if servers := v.str(c, "", "bootstrapServers", true); servers != "" && !validHostPorts(servers) {
		v.fail("bootstrapServers", "must be a comma-separated list of host:port")
	}
	v.stringMap(c, "", "config")
	if auth := v.object(c, "", "authentication", false); auth != nil {
		checkKafkaAuthentication(v, auth)
	}
	if security := v.object(c, "", "security", false); security != nil {
		v.enum(security, "security", "protocol", false, "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
		v.str(security, "security", "brokerPublicCertificate", false)
	}
}

// checkKafkaAuthentication: a SASL mechanism needs username and password,
// OAUTHBEARER the OIDC client fields, AWS_MSK_IAM an IAM role in aws (and
// aws goes with nothing else); with no mechanism (mutual TLS) only the field
// types are checked.
func checkKafkaAuthentication(v *validator, auth map[string]any) {
	const p = "authentication"
	mechanism := v.enum(auth, p, "mechanism", false, "PLAIN", "SCRAM-256", "SCRAM-512", "OAUTHBEARER", mechanismAWSMSKIAM)
	iam := mechanism == mechanismAWSMSKIAM
	sasl := mechanism != "" && mechanism != "OAUTHBEARER" && !iam
	oauth := mechanism == "OAUTHBEARER"
	v.enum(auth, p, "method", false, "OIDC")
	v.str(auth, p, "username", sasl)
	v.str(auth, p, "password", sasl)
	v.httpURL(auth, p, "tokenEndpointUrl", oauth)
	v.str(auth, p, "clientId", oauth)
	v.str(auth, p, "clientSecret", oauth)
	for _, field := range []string{"scope", "saslOauthbearerExtensions", "sslCertificate", "sslKey", "sslKeyPassword"} {
		v.str(auth, p, field, false)
	}
	aws := v.object(auth, p, "aws", iam)
	v.str(aws, p+".aws", "roleArn", aws != nil)
	v.str(aws, p+".aws", "testBucket", false)
	if aws != nil && !iam {
		v.fail(p+".aws", "is only used with mechanism "+mechanismAWSMSKIAM)
	}
	if iam {
		for _, field := range []string{"username", "password", "method", "tokenEndpointUrl", "clientId", "clientSecret", "scope", "saslOauthbearerExtensions"} {
			if _, present := value(auth, field); present {
				v.fail(p+"."+field, mechanismAWSMSKIAM+" authenticates with the IAM role in aws alone")
			}
		}
	}
}

// mechanismAWSMSKIAM is Amazon MSK's IAM access control: Atlas assumes the
// role in authentication.aws.roleArn to sign in to the brokers.
const mechanismAWSMSKIAM = "AWS_MSK_IAM"

func checkNetworking(v *validator, c map[string]any, field string) {
	networking := v.object(c, "", field, false)
	access := v.object(networking, field, "access", false)
	if access == nil {
		return
	}
	p := field + ".access"
	typ := v.enum(access, p, "type", false, accessTypes[field]...)
	v.hexID(access, p, "connectionId", typ == "PRIVATE_LINK")
	if field == fieldNetworking {
		v.hexID(access, p, "tgwRouteId", typ == "TRANSIT_GATEWAY")
		v.str(access, p, "name", false)
	}
}

func checkHTTPS(v *validator, c map[string]any) {
	v.httpURL(c, "", "url", true)
	v.stringMap(c, "", "headers")
}

func checkAWS(v *validator, c map[string]any) {
	aws := v.object(c, "", "aws", true)
	v.str(aws, "aws", "roleArn", aws != nil)
	v.str(aws, "aws", "testBucket", false)
}

func checkAzure(v *validator, c map[string]any) {
	azure := v.object(c, "", "azure", true)
	v.str(azure, "azure", "servicePrincipalId", azure != nil)
	v.str(azure, "azure", "storageAccountName", azure != nil)
	v.str(azure, "azure", "region", false)
}

func checkGCP(v *validator, c map[string]any) {
	gcp := v.object(c, "", "gcp", true)
	v.str(gcp, "gcp", "serviceAccountId", gcp != nil)
}

const maxSchemaRegistryURLs = 10

func checkSchemaRegistry(v *validator, c map[string]any) {
	v.enum(c, "", "provider", true, "CONFLUENT")
	urls, present := value(c, "schemaRegistryUrls")
	list, isList := urls.([]any)
	switch {
	case !present:
		v.fail("schemaRegistryUrls", "is required")
	case !isList || len(list) == 0 || len(list) > maxSchemaRegistryURLs:
		v.fail("schemaRegistryUrls", fmt.Sprintf("must list 1 to %d URLs", maxSchemaRegistryURLs))
	default:
		seen := map[string]bool{}
		for _, u := range list {
			s, ok := u.(string)
			if !ok || !validHTTPURL(s) || seen[s] {
				v.fail("schemaRegistryUrls", "must hold unique http or https URLs")
				break
			}
			seen[s] = true
		}
	}
	const p = "schemaRegistryAuthentication"
	auth := v.object(c, "", p, true)
	if auth == nil {
		return
	}
	switch v.enum(auth, p, "type", true, "USER_INFO", "SASL_INHERIT") {
	case "USER_INFO":
		v.str(auth, p, "username", true)
		v.str(auth, p, "password", true)
	case "SASL_INHERIT":
		for _, field := range []string{"username", "password"} {
			if _, present := value(auth, field); present {
				v.fail(p+"."+field, "SASL_INHERIT takes no credentials")
			}
		}
	}
}

// validator remembers the first problem found; later checks are no-ops
// for the answer but keep the code straight-line.
type validator struct {
	err *apiError
}

func (v *validator) fail(field, why string) {
	if v.err == nil {
		v.err = errValidation(field, why)
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// value returns obj[key] unless it is absent or null; obj may be nil.
func value(obj map[string]any, key string) (any, bool) {
	v, ok := obj[key]
	return v, ok && v != nil
}

func (v *validator) str(obj map[string]any, path, key string, required bool) string {
	val, present := value(obj, key)
	if !present {
		if required {
			v.fail(join(path, key), "is required")
		}
		return ""
	}
	s, ok := val.(string)
	switch {
	case !ok:
		v.fail(join(path, key), "must be a string")
	case required && strings.TrimSpace(s) == "":
		v.fail(join(path, key), "must not be empty")
	}
	return s
}

func (v *validator) enum(obj map[string]any, path, key string, required bool, allowed ...string) string {
	s := v.str(obj, path, key, required)
	if s != "" && !slices.Contains(allowed, s) {
		v.fail(join(path, key), "must be one of "+strings.Join(allowed, ", "))
		return ""
	}
	return s
}

var hexIDPattern = regexp.MustCompile(`^[a-f0-9]{24}$`)

func (v *validator) hexID(obj map[string]any, path, key string, required bool) {
	if s := v.str(obj, path, key, required); s != "" && !hexIDPattern.MatchString(s) {
		v.fail(join(path, key), "must be 24 lowercase hexadecimal digits")
	}
}

func (v *validator) httpURL(obj map[string]any, path, key string, required bool) {
	if s := v.str(obj, path, key, required); s != "" && !validHTTPURL(s) {
		v.fail(join(path, key), "must be an http or https URL")
	}
}

func (v *validator) object(obj map[string]any, path, key string, required bool) map[string]any {
	val, present := value(obj, key)
	if !present {
		if required {
			v.fail(join(path, key), "is required")
		}
		return nil
	}
	m, ok := val.(map[string]any)
	if !ok {
		v.fail(join(path, key), "must be an object")
	}
	return m
}

func (v *validator) stringMap(obj map[string]any, path, key string) {
	m := v.object(obj, path, key, false)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if _, ok := m[k].(string); !ok {
			v.fail(join(path, key), fmt.Sprintf("the value of %q must be a string", k))
		}
	}
}

func validHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Hostname() != ""
}

// validHostPorts accepts "host:port[,host:port...]" with ports 1..65535.
func validHostPorts(s string) bool {
	for _, server := range strings.Split(s, ",") {
		host, port, err := net.SplitHostPort(strings.TrimSpace(server))
		if err != nil || host == "" || strings.ContainsAny(host, " \t/") {
			return false
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return false
		}
	}
	return true
}
