package emulator

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// digestRealm is the realm Atlas challenges with; clients hash it into HA1.
const digestRealm = "MMS Public API"

// nonceTTL bounds how long a challenge's nonce may be answered.
const nonceTTL = 5 * time.Minute

// nonceStore remembers the nonces handed out, so only fresh ones are
// accepted and a nonce count is never accepted twice.
type nonceStore struct {
	mu     sync.Mutex
	nonces map[string]*nonce
}

type nonce struct {
	expires time.Time
	lastNC  uint64
}

func newNonceStore() *nonceStore { return &nonceStore{nonces: map[string]*nonce{}} }

// challenge issues a fresh nonce in the header Atlas sends. The parameter
// order and ", " separators matter: some digest clients split on exactly that.
func (s *nonceStore) challenge(stale bool, now time.Time) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	n := hex.EncodeToString(b)
	s.mu.Lock()
	for k, v := range s.nonces {
		if now.After(v.expires) {
			delete(s.nonces, k)
		}
	}
	s.nonces[n] = &nonce{expires: now.Add(nonceTTL)}
	s.mu.Unlock()
	return fmt.Sprintf(`Digest realm="%s", domain="", nonce="%s", algorithm=MD5, qop="auth", stale=%t`,
		digestRealm, n, stale)
}

// use accepts the nonce count nc for nonce n when n is live and nc is higher
// than any count seen with it. It reports whether n was known and live.
func (s *nonceStore) use(n string, nc uint64, now time.Time) (live, fresh bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.nonces[n]
	if !ok || now.After(v.expires) {
		return false, false
	}
	if nc <= v.lastNC {
		return true, false
	}
	v.lastNC = nc
	return true, true
}

// verifyDigest checks an RFC 7616 MD5, qop=auth answer. It returns the
// principal on success; stale reports a right answer to an expired or
// unknown nonce, so the client may retry with the fresh one.
func (e *Emulator) verifyDigest(r *http.Request, credentials string) (principal string, stale bool) {
	p := parseDigestParams(credentials)
	if p["realm"] != digestRealm || p["qop"] != "auth" || p["cnonce"] == "" ||
		(p["algorithm"] != "" && !strings.EqualFold(p["algorithm"], "MD5")) {
		return "", false
	}
	requestURI := r.RequestURI
	if requestURI == "" {
		requestURI = r.URL.RequestURI()
	}
	if p["uri"] != requestURI {
		return "", false
	}
	nc, err := strconv.ParseUint(p["nc"], 16, 64)
	if err != nil {
		return "", false
	}
	privateKey, ok := e.principals.privateKey(p["username"])
	if !ok {
		return "", false
	}
	ha1 := md5Hex(p["username"] + ":" + digestRealm + ":" + privateKey)
	ha2 := md5Hex(r.Method + ":" + p["uri"])
	want := md5Hex(strings.Join([]string{ha1, p["nonce"], p["nc"], p["cnonce"], "auth", ha2}, ":"))
	if subtle.ConstantTimeCompare([]byte(want), []byte(p["response"])) != 1 {
		return "", false
	}
	live, fresh := e.nonces.use(p["nonce"], nc, e.now())
	if !live {
		return "", true
	}
	if !fresh {
		return "", false
	}
	return p["username"], false
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// parseDigestParams reads the comma-separated key=value pairs of a Digest
// Authorization header; quoted values may hold commas and escaped quotes.
func parseDigestParams(s string) map[string]string {
	params := map[string]string{}
	for s = strings.TrimSpace(s); s != ""; {
		key, rest, ok := strings.Cut(s, "=")
		if !ok {
			break
		}
		key = strings.ToLower(strings.TrimSpace(key))
		var value string
		if strings.HasPrefix(rest, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(rest) && rest[i] != '"'; i++ {
				if rest[i] == '\\' && i+1 < len(rest) {
					i++
				}
				b.WriteByte(rest[i])
			}
			value, rest = b.String(), rest[min(i+1, len(rest)):]
		} else {
			end := strings.IndexByte(rest, ',')
			if end < 0 {
				end = len(rest)
			}
			value, rest = rest[:end], rest[end:]
		}
		params[key] = strings.TrimSpace(value)
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ","))
	}
	return params
}
