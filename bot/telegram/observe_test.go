package telegram

import (
	"sync"
	"testing"
	"time"

	"transferbot/bot/telegram/telegramtest"
)

// recorder is a bot.AdapterObserver that keeps what it is told.
type recorder struct {
	mu                   sync.Mutex
	handled              map[string]int // kind -> count
	answered             int            // handled with a latency
	rateLimited, retried int
	connected            []bool
}

func (r *recorder) Handled(platform, kind string, took time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if platform != Platform {
		panic("platform " + platform)
	}
	if r.handled == nil {
		r.handled = map[string]int{}
	}
	r.handled[kind]++
	if took > 0 {
		r.answered++
	}
}
func (r *recorder) RateLimited(string) { r.mu.Lock(); r.rateLimited++; r.mu.Unlock() }
func (r *recorder) Retried(string)     { r.mu.Lock(); r.retried++; r.mu.Unlock() }
func (r *recorder) Connected(_ string, up bool) {
	r.mu.Lock()
	r.connected = append(r.connected, up)
	r.mu.Unlock()
}

// TestObserverSeesUpdatesLimitsAndRetries: the observer is told of the
// connection, each update handled with its latency, a 429 and a retry
// after a server error, and of the end of the run.
func TestObserverSeesUpdatesLimitsAndRetries(t *testing.T) {
	rec := &recorder{}
	h := newHarness(t, func(o *Options) { o.Observer = rec }).start()
	h.api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1})
	h.say(private(alice), alice, "/help")
	h.sent(alice.ID, 1)
	h.api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 500})
	h.say(private(alice), alice, "/help")
	h.sent(alice.ID, 2)
	h.stop()

	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.handled["message"] != 2 || rec.answered != 2 {
		t.Errorf("handled %v (%d with a latency), want 2 messages answered", rec.handled, rec.answered)
	}
	if rec.rateLimited != 1 || rec.retried != 1 {
		t.Errorf("429s %d, retries %d; want 1 and 1", rec.rateLimited, rec.retried)
	}
	if n := len(rec.connected); n < 2 || !rec.connected[0] || rec.connected[n-1] {
		t.Errorf("connected %v, want up first and down last", rec.connected)
	}
}
