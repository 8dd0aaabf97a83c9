package client

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// processPacers holds the pacers of this process. The provider may build
// several clients for the same Atlas and credentials (one per Configure with
// different settings, or provider aliases); they all draw from the same
// buckets in Atlas, so they share the pacers too.
var processPacers = newPacerRegistry(systemClock{}, newJitterSource(uint64(time.Now().UnixNano())))

// clockPacers holds the pacers of clients given a Clock, one registry per
// clock, with the back-off's jitter from a fixed seed: such clocks are tests'.
var clockPacers = struct {
	mu         sync.Mutex
	registries map[Clock]*pacerRegistry
}{registries: map[Clock]*pacerRegistry{}}

// pacersFor is the pacer registry of clients on c: the process's for the
// system clock (nil), otherwise c's own.
func pacersFor(c Clock) *pacerRegistry {
	if c == nil {
		return processPacers
	}
	clockPacers.mu.Lock()
	defer clockPacers.mu.Unlock()
	r, ok := clockPacers.registries[c]
	if !ok {
		r = newPacerRegistry(c, newJitterSource(1))
		clockPacers.registries[c] = r
	}
	return r
}

// bucketKey names the bucket a request draws from, as far as the client can
// tell: Atlas keeps buckets per scope, project-scoped ones for the calls
// under /groups/{groupId}, and per user for the rest.
type bucketKey struct {
	baseURL   string
	principal string // a digest of the credentials' identity, never the credentials
	project   string // the group id, or "" for calls outside a project
}

// bucketLabel is how logs name the bucket: the project id, which is no secret.
func (k bucketKey) bucketLabel() string {
	if k.project == "" {
		return "global"
	}
	return "project " + k.project
}

type pacerRegistry struct {
	clock  Clock         // the pacers' time, and the back-off's between retries
	jitter *jitterSource // the back-off's randomness, the pacers' and the retries'
	mu     sync.Mutex
	pacers map[bucketKey]*pacer
}

func newPacerRegistry(c Clock, j *jitterSource) *pacerRegistry {
	return &pacerRegistry{clock: c, jitter: j, pacers: map[bucketKey]*pacer{}}
}

func (r *pacerRegistry) forBucket(k bucketKey) *pacer {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.pacers[k]
	if !ok {
		p = newPacer(r.clock, r.jitter)
		r.pacers[k] = p
	}
	return p
}

// principalDigest identifies whose buckets a client draws from without
// keeping anything that would let the key be used: a hash of the method and
// the identifying half of the credentials (the whole token for bearer).
func principalDigest(cfg Config) string {
	var id string
	switch {
	case cfg.AccessToken != "":
		id = AuthMethodAccessToken + "\x00" + cfg.AccessToken
	case cfg.ClientID != "" && cfg.ClientSecret != "":
		id = AuthMethodServiceAccount + "\x00" + cfg.ClientID
	default:
		id = AuthMethodAPIKey + "\x00" + cfg.PublicKey
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:16])
}

// projectOf is the group id of an API path /api/atlas/v2/groups/{id}/..., or "".
func projectOf(path string) string {
	rest, ok := strings.CutPrefix(path, apiPathPrefix+"/groups/")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "/")
	return id
}
