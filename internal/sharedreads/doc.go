// Package sharedreads answers reads of stream connections, their failover
// connections and their workspaces from answers shared within a command where
// that saves requests. Atlas rate-limits every request from one token bucket
// per project, so a refresh that sent a GET per connection would spend a
// token per connection; the workspace's list returns each connection exactly
// as the GET does, 500 to a page.
//
// One rule decides which shared answer may answer a read, from the calls this
// process made (never from how the scheduler happened to interleave them):
//
//	A shared answer answers a read only if it was asked for after the read's
//	horizon and after this process's last write to what the read is about,
//	with no such write under way, and only if it did not fail: a failed
//	answer reaches the reads already waiting for it, and no later one.
//
// What a read is about is a connection (a refresh, a wait, a plan check), a
// connection's failover connection in one region or all of them (a write to
// the connection counts: a connection replaced takes them with it), or a
// workspace's failover regions, which this process never writes. The horizon is MaxAge for a refresh, a plan
// check and a failover list, the moment a wait last saw its connection for a
// wait, and the command (Forget) for a workspace read.
//
// When to share rather than send a GET is a matter of cost, not freshness:
// the first read of a workspace in a command is a GET, so a lone read costs one
// request, and later ones share the workspace's list (a refresh of N
// connections is one GET and ceil(N/500) pages); a connection the list does
// not show is confirmed missing by a GET; a wait polls with a GET while it is
// the only open wait of its workspace. Shared answers are fetched on a context
// of their own, so a reader that gives up does not fail the others waiting on
// it; each reader stops waiting when its own context ends.
//
// What the plans of a command decide (which failover regions they claim,
// what they plan for each connection) is not read here: it is plan
// bookkeeping, in connection.Plans.
package sharedreads
