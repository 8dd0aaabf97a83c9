package emulator

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Project roles, as Atlas names them. Reads need any role in the project;
// writes need RoleProjectOwner or RoleProjectStreamProcessingOwner.
const (
	RoleProjectOwner                 = "GROUP_OWNER"
	RoleProjectStreamProcessingOwner = "GROUP_STREAM_PROCESSING_OWNER"
	RoleProjectReadOnly              = "GROUP_READ_ONLY"
)

// principals holds every credential the emulator accepts and the roles of
// the principals behind them. A principal is named by its public key, its
// service-account client id, or (for a token added directly) the token.
type principals struct {
	mu              sync.Mutex
	apiKeys         map[string]string // public key -> private key
	serviceAccounts map[string]string // client id -> secret
	tokens          map[string]accessToken
	roles           map[string]map[string]map[string]bool // principal -> project -> roles
}

type accessToken struct {
	principal string
	expires   time.Time // zero: never
}

func newPrincipals() *principals {
	return &principals{
		apiKeys:         map[string]string{},
		serviceAccounts: map[string]string{},
		tokens:          map[string]accessToken{},
		roles:           map[string]map[string]map[string]bool{},
	}
}

// AddAPIKey accepts the key pair over HTTP Digest; the principal is publicKey.
func (e *Emulator) AddAPIKey(publicKey, privateKey string) {
	e.principals.mu.Lock()
	defer e.principals.mu.Unlock()
	e.principals.apiKeys[publicKey] = privateKey
}

// AddServiceAccount lets clientID fetch tokens from RouteToken with secret;
// the principal is clientID.
func (e *Emulator) AddServiceAccount(clientID, secret string) {
	e.principals.mu.Lock()
	defer e.principals.mu.Unlock()
	e.principals.serviceAccounts[clientID] = secret
}

// AddAccessToken accepts token as a bearer token that never expires; the
// principal is the token itself.
func (e *Emulator) AddAccessToken(token string) {
	e.principals.mu.Lock()
	defer e.principals.mu.Unlock()
	e.principals.tokens[token] = accessToken{principal: token}
}

// GrantRole gives principal a role in the project.
func (e *Emulator) GrantRole(principal, projectID, role string) {
	e.principals.mu.Lock()
	defer e.principals.mu.Unlock()
	projects := e.principals.roles[principal]
	if projects == nil {
		projects = map[string]map[string]bool{}
		e.principals.roles[principal] = projects
	}
	if projects[projectID] == nil {
		projects[projectID] = map[string]bool{}
	}
	projects[projectID][role] = true
}

func (p *principals) may(principal, projectID string, write bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	roles := p.roles[principal][projectID]
	if write {
		return roles[RoleProjectOwner] || roles[RoleProjectStreamProcessingOwner]
	}
	return len(roles) > 0
}

func (p *principals) privateKey(publicKey string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	k, ok := p.apiKeys[publicKey]
	return k, ok
}

func (p *principals) checkServiceAccount(clientID, secret string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	want, ok := p.serviceAccounts[clientID]
	return ok && subtle.ConstantTimeCompare([]byte(want), []byte(secret)) == 1
}

func (p *principals) issueToken(token, principal string, expires time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tokens[token] = accessToken{principal: principal, expires: expires}
}

func (p *principals) revokeToken(token string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.tokens, token)
}

func (p *principals) bearer(token string, now time.Time) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t, ok := p.tokens[token]
	if !ok || (!t.expires.IsZero() && !now.Before(t.expires)) {
		return "", false
	}
	return t.principal, true
}

// authenticate names the principal behind the request's Authorization
// header. When it cannot, it returns the WWW-Authenticate challenge for the
// 401.
func (e *Emulator) authenticate(r *http.Request) (principal, challenge string) {
	scheme, credentials, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	switch strings.ToLower(scheme) {
	case "bearer":
		if p, ok := e.principals.bearer(strings.TrimSpace(credentials), e.now()); ok {
			return p, ""
		}
		return "", `Bearer realm="` + digestRealm + `", error="invalid_token"`
	case "digest":
		p, stale := e.verifyDigest(r, credentials)
		if p != "" {
			return p, ""
		}
		return "", e.nonces.challenge(stale, e.now())
	default:
		return "", e.nonces.challenge(false, e.now())
	}
}
