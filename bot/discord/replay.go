package discord

import (
	"strconv"
	"sync"
	"time"
)

// DefaultTimestampWindow is how far, by default, the signed timestamp of an
// interactions endpoint request may be from the clock, either way (see
// Options.TimestampWindow).
const DefaultTimestampWindow = 5 * time.Minute

// maxRememberedInteractions bounds the ids a replayGuard keeps.
const maxRememberedInteractions = 1 << 16

// signedAt parses an X-Signature-Timestamp header: Unix seconds in decimal
// digits, as Discord sends it. It reports false for anything else (empty,
// signed, fractional, absurdly long).
func signedAt(h string) (time.Time, bool) {
	if h == "" || len(h) > 12 {
		return time.Time{}, false
	}
	for i := 0; i < len(h); i++ {
		if h[i] < '0' || h[i] > '9' {
			return time.Time{}, false
		}
	}
	n, err := strconv.ParseInt(h, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(n, 0), true
}

// replayGuard remembers the ids of the interactions the endpoint accepted
// recently, so that a captured request sent again is refused: Discord sends
// each interaction once. A request is accepted only while its timestamp is
// within the window of the clock, and that timestamp may be up to a window
// ahead, so an id is kept for two windows after it was accepted; after
// that the timestamp check refuses its replays. At most
// maxRememberedInteractions ids are kept, the oldest forgotten first (only
// a flood of requests genuinely signed by Discord can fill it).
type replayGuard struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	ids   map[string]struct{}
	queue []seen // in acceptance order, so in expiry order
}

type seen struct {
	id      string
	expires time.Time
}

func newReplayGuard(window time.Duration, max int) *replayGuard {
	return &replayGuard{ttl: 2 * window, max: max, ids: make(map[string]struct{})}
}

// first records interaction id as accepted at now, and reports whether it
// had not been accepted before.
func (g *replayGuard) first(id string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for len(g.queue) > 0 && !now.Before(g.queue[0].expires) {
		g.forgetOldest()
	}
	if _, dup := g.ids[id]; dup {
		return false
	}
	for len(g.queue) >= g.max {
		g.forgetOldest()
	}
	g.ids[id] = struct{}{}
	g.queue = append(g.queue, seen{id: id, expires: now.Add(g.ttl)})
	return true
}

func (g *replayGuard) forgetOldest() {
	delete(g.ids, g.queue[0].id)
	g.queue[0] = seen{}
	g.queue = g.queue[1:]
}
