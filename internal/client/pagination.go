package client

import (
	"context"
	"fmt"
	"iter"
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

// pages yields every page of a list, in order, each as it arrives, so a
// caller that stops early spends no request on the pages after. It stops at
// an empty page, or when totalCount items have arrived, or, if the answer has
// no totalCount, at a page that is neither full nor links to a "next" one. An
// error is yielded once, last.
func pages[T any](ctx context.Context, c *Client, path string) iter.Seq2[[]T, error] {
	return pagesFrom(path, true, func(query url.Values, page *Page[T]) error {
		return c.call(ctx, http.MethodGet, path, query, nil, page)
	})
}

// pagesFrom is pages for any list operation: fetch reads one page with the
// query given. includeCount says whether the operation takes that parameter.
func pagesFrom[T any](path string, includeCount bool, fetch func(url.Values, *Page[T]) error) iter.Seq2[[]T, error] {
	return func(yield func([]T, error) bool) {
		seen := 0
		for pageNum := 1; ; pageNum++ {
			query := url.Values{
				"itemsPerPage": {strconv.Itoa(itemsPerPage)},
				"pageNum":      {strconv.Itoa(pageNum)},
			}
			if includeCount {
				query.Set("includeCount", "true")
			}
			var page Page[T]
			if err := fetch(query, &page); err != nil {
				yield(nil, err)
				return
			}
			seen += len(page.Results)
			if len(page.Results) > 0 && !yield(page.Results, nil) {
				return
			}
			switch {
			case len(page.Results) == 0:
				return
			case page.TotalCount != nil:
				if seen >= *page.TotalCount {
					return
				}
			case !page.hasNext() && len(page.Results) < itemsPerPage:
				return
			}
			if pageNum == maxPages {
				yield(nil, fmt.Errorf("GET %s: still more results after %d pages; giving up", path, maxPages))
				return
			}
		}
	}
}

// listAll fetches every page of a list and returns their items, in order.
func listAll[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	var all []T
	for page, err := range pages[T](ctx, c, path) {
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
	}
	return all, nil
}

// maxPages stops a list whose server keeps announcing more forever.
const maxPages = 1000
