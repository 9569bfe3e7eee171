package discord

import (
	"testing"
	"time"
)

// TestReplayGuard: an id is refused while remembered, and forgotten two
// windows after it was accepted, or when the guard is full.
func TestReplayGuard(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	g := newReplayGuard(time.Minute, 3)
	steps := []struct {
		id    string
		at    time.Duration // after t0
		first bool
	}{
		{"a", 0, true},
		{"a", time.Second, false},
		{"b", time.Minute, true},
		{"a", 2*time.Minute - time.Second, false}, // still within two windows
		{"a", 2 * time.Minute, true},              // forgotten, accepted again
		{"b", 2 * time.Minute, false},
		{"c", 2 * time.Minute, true}, // b, a, c: full
		{"d", 2 * time.Minute, true}, // b forgotten to make room
		{"b", 2 * time.Minute, true},
		{"c", 2 * time.Minute, false},
	}
	for i, s := range steps {
		if got := g.first(s.id, t0.Add(s.at)); got != s.first {
			t.Errorf("step %d: first(%q, +%v) = %v, want %v", i+1, s.id, s.at, got, s.first)
		}
	}
	if len(g.ids) > 3 || len(g.queue) > 3 {
		t.Errorf("%d ids, %d queued; want at most 3", len(g.ids), len(g.queue))
	}
}

func TestSignedAt(t *testing.T) {
	for _, tc := range []struct {
		h  string
		ok bool
	}{
		{"1700000000", true}, {"0", true}, {"", false}, {"not-a-timestamp", false},
		{"+1700000000", false}, {"-1", false}, {"1700000000.5", false}, {" 1700000000", false},
		{"1700000000000", false}, {"99999999999999999999", false},
	} {
		ts, ok := signedAt(tc.h)
		if ok != tc.ok {
			t.Errorf("signedAt(%q) ok = %v, want %v", tc.h, ok, tc.ok)
		}
		if ok && tc.h == "1700000000" && !ts.Equal(time.Unix(1_700_000_000, 0)) {
			t.Errorf("signedAt(%q) = %v", tc.h, ts)
		}
	}
}
