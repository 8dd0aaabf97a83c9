// Package sharedreads answers reads of stream connections from shared lists
// of their workspace where that saves requests. Atlas rate-limits every
// request from one token bucket per project, so a refresh that sent a GET per
// connection would spend a token per connection; the workspace's list returns
// each connection exactly as the GET does, 500 to a page.
//
// The rules, all decided from the calls this process made (never from how
// the scheduler happened to interleave them):
//   - The first read of a workspace in a command is a GET: a lone read costs
//     one request. Every later read within MaxAge of the one before shares
//     the workspace's snapshot (one list), taking a new one when the newest is
//     older than MaxAge. A refresh of N connections is then one GET and
//     ceil(N/500) pages.
//   - A snapshot never answers for a connection this process wrote after it
//     was taken, nor while a write of the workspace is under way: the read
//     sends its GET.
//   - A connection the snapshot does not show is confirmed missing by a GET
//     (the list may have raced its create); a failed list falls back to a GET.
//   - A wait (Waiter) polls with a GET while it is the only open wait of its
//     workspace, and from shared snapshots while others are open.
//   - The list is fetched on a context of its own, so a reader that gives up
//     does not fail the others waiting on it; each reader stops waiting when
//     its own context ends.
//
// Failover connections (failovers.go) are read by parent connection: a
// connection has at most two, so every read of them in a command shares one
// list of the parent's, unless this process wrote one since. The plan checks
// of failover connections read each workspace once per command, with its
// connections (failover_checks.go), and claim their regions there.
package sharedreads
