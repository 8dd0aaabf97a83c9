// Package client is the Atlas Administration API client for stream
// workspaces and stream connections: authentication (digest, service
// account, bearer), the versioned Accept header, retries with back-off, typed
// errors, and logging with secrets masked. It knows nothing of Terraform.
//
// # Rate limits
//
// Atlas limits requests with a token bucket per endpoint set and scope: a
// request takes a token, an empty bucket answers 429 with Retry-After, and
// the bucket gains refillRate tokens at once every refillDurationSeconds, up
// to its capacity (CONTRACT.md). Other clients may draw from the same bucket
// (a second CLI on the project, another CI job) and nothing says so. The
// pacer (pacer.go) is the one place per bucket and per process that holds
// requests back; it shares nothing with other processes and needs not:
//
//   - Tokens are never lost while a request waits for one. A bucket loses
//     refill only when it stands full, so the pacer's one duty is to draw
//     whenever the bucket may hold a token; then every process that shares
//     it is served at the bucket's own pace and together they meet their
//     joint floor. Nothing is measured against the clock, so neither a busy
//     machine nor another process's draws can make the pacer believe the
//     bucket slower than it is.
//   - Pause (a 429): the bucket is empty until the refill Retry-After names,
//     so every request to it waits that long, and no longer: Atlas's advice
//     to back off beyond it is for clients that retry blindly; a 429 after
//     a pause means another client took the refill, and waiting past the
//     next one would leave the bucket to fill unused. Only a 429 without
//     Retry-After waits an exponential back-off (Config.MinBackoff,
//     MaxBackoff) with jitter from an injected source (jitterSource).
//   - Level: what the bucket is believed to hold, less what was granted
//     since; requests within it go at once. A 429 sets it to 0. Where Atlas
//     says more, it is used when it is said: RateLimit-Remaining sets the
//     level (less the requests still in flight), RateLimit-Limit caps it,
//     and a 429's parameters [endpoint set, retry after, capacity, refill
//     rate, refill seconds], or its detail text that says the same, describe
//     the bucket, so the level gains refillRate at the refill Retry-After
//     names and at every refillDurationSeconds after it, up to capacity.
//   - Yield: without a description, the successes of the last spell (from
//     the end of a pause to the 429 that ended it) are what a refill brings
//     this process; the level gets them when the next pause ends. Re-learnt
//     at every 429, so it falls with the refill as well as rises with it.
//   - Probes: beyond the level, requests go one at a time (allowance 1, set
//     by every 429), one more at once for every probe that succeeds: a slow
//     start that doubles per round trip. Probes find a full bucket at the
//     start, a refill that rose (a described one included: the 429 that
//     ends the probing describes it anew), and tokens another client left.
//     The cost is about one 429 per refill, never a token.
//
// Constants: answerWait (1 s) bounds a wait for another request's answer,
// in case none comes; it is a cap, not a pace, since every answer wakes the
// waiters. Nothing else is tuned: the figures are Atlas's (Retry-After, the
// parameters, the headers) or counts of this process's own answers.
// GET /rateLimits describes the same bucket, but a 429 says it at the moment
// it matters and costs nothing, so the pacer does not call it.
//
// Every mechanism has a test on a fake clock that fails without it. Alone
// (pacer_test.go): the pause, TestPacerPausesTheBucketForRetryAfter; the
// level from RateLimit-Remaining, TestPacerSpreadsTheRemainingTokens; the
// described refill, TestPacerRefillsAsThe429DescribesTheBucket; the yield,
// TestPacerSpendsWhatTheLastRefillBroughtAtOnce; the probes' slow start and
// its cap, TestPacerStartsSlowlyAndGrowsWithEverySuccess and
// TestPacerProbesNoMoreAtOnceThanTheBucketHolds; the jitter's source,
// TestBackoffJitterIsTheInjectedSources. Together (pacer_sim_test.go, a
// simulated bucket): the buckets the bench runs (continuous 20+2/s and
// stepwise 10, 5 every 6 s, each with and without headers and parameters),
// a refill that halves or quadruples mid-run, and two processes sharing one
// bucket, each held to the bench's goals.
package client
