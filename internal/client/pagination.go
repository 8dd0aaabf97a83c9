package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// itemsPerPage is the most Atlas allows, so a list takes as few requests
// (and rate-limit tokens) as possible.
const itemsPerPage = 500

// Page is one page of a list answer.
type Page[T any] struct {
	Links      []Link `json:"links,omitempty"`
	Results    []T    `json:"results"`
	TotalCount *int   `json:"totalCount,omitempty"`
}

// Link is a hypermedia link; Rel "next" points at the following page.
type Link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// hasNext says whether the page links to a following one.
func (p *Page[T]) hasNext() bool {
	for _, l := range p.Links {
		if l.Rel == "next" {
			return true
		}
	}
	return false
}

// listAll fetches every page of a list, in order. It stops at an empty page,
// or when totalCount items have arrived, or, if the answer has no
// totalCount, at a page that is neither full nor links to a "next" one.
func listAll[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	var all []T
	for pageNum := 1; ; pageNum++ {
		query := url.Values{
			"itemsPerPage": {strconv.Itoa(itemsPerPage)},
			"pageNum":      {strconv.Itoa(pageNum)},
			"includeCount": {"true"},
		}
		var page Page[T]
		if err := c.call(ctx, http.MethodGet, path, query, nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Results...)
		switch {
		case len(page.Results) == 0:
			return all, nil
		case page.TotalCount != nil:
			if len(all) >= *page.TotalCount {
				return all, nil
			}
		case !page.hasNext() && len(page.Results) < itemsPerPage:
			return all, nil
		}
		if pageNum == maxPages {
			return nil, fmt.Errorf("GET %s: still more results after %d pages; giving up", path, maxPages)
		}
	}
}

// maxPages stops a list whose server keeps announcing more forever.
const maxPages = 1000
