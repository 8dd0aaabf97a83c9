package contract

import (
	"bytes"
	"io"
	"net/http"
	"strings"
)

const apiPrefix = "/api/atlas/v2/"

// Middleware checks every exchange with an /api/atlas/v2 route against the
// document and reports each violation; everything else passes untouched.
// report may be called from many goroutines at once.
func (d *Document) Middleware(next http.Handler, report func(Violation)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, apiPrefix) {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		r.Body = readCloser(body)
		input, violation := d.checkRequest(r, body)
		if violation != nil {
			report(*violation)
		}
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		// No status means no answer: the handler dropped the connection.
		if input == nil || rec.status == 0 {
			return
		}
		if violation := d.checkResponse(input, rec.status, rec.Header(), rec.body.Bytes()); violation != nil {
			report(*violation)
		}
	})
}

func readCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }

// recorder passes a response through and keeps a copy. Unwrap lets
// http.ResponseController reach the real writer (to hijack or flush).
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
