package contract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// EnvSpec names an environment variable that, when set, gives the path of
// the OpenAPI document instead of the one found beside the module.
const EnvSpec = "ATLASX_OPENAPI_SPEC"

// EnvRateLimitsSpec names an environment variable that, when set, gives the
// path of the rate-limit operations' document instead of the one found
// beside the module.
const EnvRateLimitsSpec = "ATLASX_RATELIMITS_OPENAPI_SPEC"

// specBesideModule and rateLimitsSpecBesideModule are where the documents
// sit relative to the module root.
var (
	specBesideModule           = filepath.Join("..", "shared", "atlas-api", "streams-openapi.yaml")
	rateLimitsSpecBesideModule = filepath.Join("..", "shared", "atlas-api", "ratelimits-openapi.yaml")
)

// ErrNoSpec means the document is not where it is looked for; Check then
// skips the contract check.
var ErrNoSpec = errors.New("OpenAPI document not found")

// SpecPath finds the document: $ATLASX_OPENAPI_SPEC if set, otherwise
// ../shared/atlas-api/streams-openapi.yaml from the nearest directory at or
// above the working directory that holds go.mod.
func SpecPath() (string, error) { return findSpec(EnvSpec, specBesideModule) }

// RateLimitsSpecPath finds the rate-limit operations' document (GET
// /rateLimits) as SpecPath finds the main one: $ATLASX_RATELIMITS_OPENAPI_SPEC
// if set, otherwise ../shared/atlas-api/ratelimits-openapi.yaml.
func RateLimitsSpecPath() (string, error) {
	return findSpec(EnvRateLimitsSpec, rateLimitsSpecBesideModule)
}

func findSpec(env, besideModule string) (string, error) {
	if p := os.Getenv(env); p != "" {
		if !exists(p) {
			return "", fmt.Errorf("%w: $%s names %s", ErrNoSpec, env, p)
		}
		return p, nil
	}
	dir, err := repo.Root()
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrNoSpec, err)
	}
	p := filepath.Join(dir, besideModule)
	if !exists(p) {
		return "", fmt.Errorf("%w at %s", ErrNoSpec, p)
	}
	return p, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Document is a loaded, validated OpenAPI document ready to check exchanges.
type Document struct {
	router   routers.Router
	apiError *openapi3.Schema
}

// Load reads and validates the document at path and applies the repairs
// described in the package documentation.
func Load(path string) (*Document, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("validate %s: %w", path, err)
	}
	// The servers list names https://cloud.mongodb.com; without it the
	// router matches paths on any host.
	doc.Servers = nil
	// BaseStreamsRegion is a oneOf of string enums under "type: object", so a
	// real region such as "VIRGINIA_USA" can never match. The type is wrong,
	// not the values: drop it and keep the enums.
	if region := doc.Components.Schemas["BaseStreamsRegion"]; region != nil && region.Value != nil {
		region.Value.Type = nil
	}
	apiError := doc.Components.Schemas["ApiError"]
	if apiError == nil || apiError.Value == nil {
		return nil, fmt.Errorf("%s has no ApiError schema", path)
	}
	// ApiError types the items of "parameters" as objects, but Atlas's own
	// sample 429 (CONTRACT.md) sends a string and numbers there:
	// ["api/atlas/v2/orgs", 55, 10, 5, 60]. The sample wins: any item.
	if params := apiError.Value.Properties["parameters"]; params != nil && params.Value != nil && params.Value.Items != nil && params.Value.Items.Value != nil {
		params.Value.Items.Value.Type = nil
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route %s: %w", path, err)
	}
	return &Document{router: router, apiError: apiError.Value}, nil
}

// loaded caches documents by path: loading takes tens of milliseconds and
// every test loads the same one.
var (
	loadedMu sync.Mutex
	loaded   = map[string]func() (*Document, error){}
)

func loadOnce(path string) (*Document, error) {
	loadedMu.Lock()
	load, ok := loaded[path]
	if !ok {
		load = sync.OnceValues(func() (*Document, error) { return Load(path) })
		loaded[path] = load
	}
	loadedMu.Unlock()
	return load()
}
