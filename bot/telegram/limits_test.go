package telegram

import (
	"testing"
	"time"
)

func TestGroupLimitAllowsAtMostNPerMinute(t *testing.T) {
	for _, n := range []int{1, 2, 3, 20, 30} {
		l := newLimits(1000, n, 1000)
		cs := l.acquire(-42)
		start := time.Now()
		// Try every 100 ms for ten minutes; count sends in every window of a minute.
		var at []time.Time
		for now := start; now.Before(start.Add(10 * time.Minute)); now = now.Add(100 * time.Millisecond) {
			if cs.group.AllowN(now, 1) {
				at = append(at, now)
			}
		}
		for i := range at {
			j := i
			for j < len(at) && at[j].Sub(at[i]) < time.Minute {
				j++
			}
			if j-i > n {
				t.Fatalf("n=%d: %d messages within a minute from %v", n, j-i, at[i].Sub(start))
			}
		}
		steady := n // per minute, after the burst
		if n > groupBurst {
			steady = n - groupBurst
		}
		if len(at) < 10*steady { // and it is not far below the limit
			t.Errorf("n=%d: only %d messages in ten minutes", n, len(at))
		}
		l.release(cs)
	}
}

func TestChatLimitBurstsThenOnePerSecond(t *testing.T) {
	l := newLimits(1, 20, 30)
	cs := l.acquire(7)
	now := time.Now()
	allowed := 0
	for range 10 {
		if cs.chat.AllowN(now, 1) {
			allowed++
		}
	}
	if allowed != chatBurst {
		t.Errorf("burst of %d, want %d", allowed, chatBurst)
	}
	if cs.group != nil {
		t.Errorf("a private chat has a group limiter")
	}
	if !cs.chat.AllowN(now.Add(time.Second), 1) || cs.chat.AllowN(now.Add(time.Second), 1) {
		t.Errorf("want exactly one more message a second later")
	}
}

func TestIdleChatsAreForgotten(t *testing.T) {
	l := newLimits(1, 20, 1e6)
	clock := time.Now()
	l.now = func() time.Time { return clock }
	held := l.acquire(-1) // a chat in use is kept however long
	// 20,000 groups, one message each, a second apart: only the last dozen
	// or so have limiters that are not full again.
	for i := range 20000 {
		cs := l.acquire(int64(-i - 2))
		cs.chat.AllowN(clock, 1)
		cs.group.AllowN(clock, 1)
		l.release(cs)
		clock = clock.Add(time.Second)
	}
	if n := l.size(); n > 2*minSweep {
		t.Errorf("%d chats remembered, want at most %d", n, 2*minSweep)
	}
	l.mu.Lock()
	_, ok := l.chats[-1]
	l.mu.Unlock()
	if !ok || held.id != -1 {
		t.Errorf("the chat in use was forgotten")
	}
}

func TestThrottledPausesOneChatOrAll(t *testing.T) {
	l := newLimits(1000, 1000, 1000)
	clock := time.Now()
	l.now = func() time.Time { return clock }
	a, b, c := l.acquire(1), l.acquire(2), l.acquire(3)
	l.throttled(a, 5*time.Second)
	if !a.until.After(clock) || !l.globalUntil.IsZero() {
		t.Fatalf("one 429 paused more than its chat")
	}
	l.throttled(b, 5*time.Second)
	l.throttled(c, 5*time.Second)
	if !l.globalUntil.After(clock) {
		t.Errorf("429s for three chats within a second did not pause every chat")
	}
	l2 := newLimits(1000, 1000, 1000)
	l2.throttled(nil, time.Second)
	if l2.globalUntil.IsZero() {
		t.Errorf("a 429 for no chat did not pause every chat")
	}
}
