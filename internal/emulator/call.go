package emulator

import (
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// call is one authenticated API request on its way through an operation.
type call struct {
	r         *http.Request
	route     route
	envelope  bool
	pretty    bool
	now       time.Time
	lifecycle Lifecycle
}

// reply is an operation's answer before it is written.
type reply struct {
	status int
	body   map[string]any // nil: no body
	page   bool           // body is a list page: an envelope adds "status" to it rather than wrapping it
	err    *apiError
}

// success is a 200 with body.
func success(body map[string]any) *reply { return &reply{status: http.StatusOK, body: body} }

func failure(err *apiError) *reply { return &reply{err: err} }

// newCall reads the common query parameters and checks the caller may use
// the project: a malformed id is 400, an unknown project 404, a missing role 403.
func (e *Emulator) newCall(r *http.Request, rt route, principal string) (*call, *apiError) {
	_, lifecycle, _ := e.settings.snapshot()
	c := &call{r: r, route: rt, now: e.now(), lifecycle: lifecycle}
	q := r.URL.Query()
	var err *apiError
	if c.envelope, err = boolQuery(q, "envelope", false); err != nil {
		return nil, err
	}
	if c.pretty, err = boolQuery(q, "pretty", false); err != nil {
		return nil, err
	}
	switch {
	case !hexIDPattern.MatchString(rt.groupID):
		return nil, errInvalidGroupID(rt.groupID)
	case !e.store.hasProject(rt.groupID):
		return nil, errGroupNotFound(rt.groupID)
	case !e.principals.may(principal, rt.groupID, isWrite(r.Method)):
		return nil, errForbidden()
	}
	return c, nil
}

// send writes a reply: successes in the versioned media type, wrapped when
// the client asked for an envelope; errors as application/json.
func (c *call) send(w http.ResponseWriter, rep *reply) {
	if rep.err != nil {
		writeError(w, c.r, rep.err)
		return
	}
	if rep.body == nil {
		w.Header().Set("Content-Type", contentTypeOf(c.route.template))
		w.WriteHeader(rep.status)
		return
	}
	body := rep.body
	if c.envelope {
		if rep.page {
			body["status"] = rep.status
		} else {
			body = map[string]any{"status": rep.status, "content": body}
		}
	}
	writeJSON(w, rep.status, contentTypeOf(c.route.template), body, c.pretty)
}

// href is an absolute link to path on the server the client called.
func (c *call) href(path string) string {
	scheme := "http"
	if c.r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.r.Host + path
}

func link(rel, href string) map[string]any { return map[string]any{"rel": rel, "href": href} }

// Page sizes, as the API documents them.
const (
	defaultItemsPerPage = 100
	maxItemsPerPage     = 500
)

// page answers a list operation with one page of n items:
// {links, results, totalCount}, links holding "self" and, when there is
// more, "next". item renders the i-th item; only the page's items are
// rendered, so a list reads only the objects it shows.
func (c *call) page(n int, item func(i int) map[string]any) *reply {
	q := c.r.URL.Query()
	itemsPerPage, err := intQuery(q, "itemsPerPage", defaultItemsPerPage, 1, maxItemsPerPage)
	if err != nil {
		return failure(err)
	}
	pageNum, err := intQuery(q, "pageNum", 1, 1, maxInt32)
	if err != nil {
		return failure(err)
	}
	includeCount, err := boolQuery(q, "includeCount", true)
	if err != nil {
		return failure(err)
	}
	start := min(n, (pageNum-1)*itemsPerPage)
	end := min(n, start+itemsPerPage)
	results := make([]any, 0, end-start)
	for i := start; i < end; i++ {
		results = append(results, item(i))
	}
	links := []any{link("self", c.href(c.r.URL.RequestURI()))}
	if end < n {
		next := *c.r.URL
		nq := next.Query()
		nq.Set("pageNum", strconv.Itoa(pageNum+1))
		next.RawQuery = nq.Encode()
		links = append(links, link("next", c.href(next.RequestURI())))
	}
	body := map[string]any{"links": links, "results": results}
	if includeCount {
		body["totalCount"] = n
	}
	return &reply{status: http.StatusOK, body: body, page: true}
}

const maxInt32 = 1<<31 - 1

func boolQuery(q url.Values, name string, fallback bool) (bool, *apiError) {
	if !q.Has(name) {
		return fallback, nil
	}
	b, err := strconv.ParseBool(q.Get(name))
	if err != nil {
		return false, errInvalidQueryParameter(name, "must be true or false")
	}
	return b, nil
}

func intQuery(q url.Values, name string, fallback, lowest, highest int) (int, *apiError) {
	if !q.Has(name) {
		return fallback, nil
	}
	n, err := strconv.Atoi(q.Get(name))
	if err != nil || n < lowest || n > highest {
		return 0, errInvalidQueryParameter(name, "must be a whole number from "+strconv.Itoa(lowest)+" to "+strconv.Itoa(highest))
	}
	return n, nil
}
