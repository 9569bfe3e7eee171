package telegram

import (
	"net/http"
	"testing"
	"time"

	"transferbot/bot/telegram/telegramtest"
)

// within waits up to d for n successful sends to chat, failing the test
// (rather than waiting the harness's minute) when they take longer.
func (h *harness) within(d time.Duration, chat int64, n int) {
	h.t.Helper()
	deadline := time.Now().Add(d)
	for len(sends(h.api.Requests(), chat)) < n {
		if time.Now().After(deadline) {
			h.t.Fatalf("chat %d got %d messages in %v, want %d", chat, len(sends(h.api.Requests(), chat)), d, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRetryAfterIsCapped: Telegram answering a 429 with retry_after
// 100000000 (about three years) stops neither polling nor sending for
// longer than MaxRetryAfter.
func TestRetryAfterIsCapped(t *testing.T) {
	for _, method := range []string{"getUpdates", "sendMessage"} {
		t.Run(method, func(t *testing.T) {
			h := newHarness(t, func(o *Options) { o.MaxRetryAfter = 300 * time.Millisecond }).start()
			h.api.Fail(telegramtest.Fault{Method: method, Code: http.StatusTooManyRequests, RetryAfter: 100_000_000})
			h.say(private(alice), alice, "/help")
			h.within(5*time.Second, alice.ID, 1)
		})
	}
}

// TestDefaultRetryAfterCap: without MaxRetryAfter set, a retry_after is
// honoured up to DefaultMaxRetryAfter.
func TestDefaultRetryAfterCap(t *testing.T) {
	h := newHarness(t, nil)
	cases := []struct {
		seconds int
		want    time.Duration
	}{
		{0, 0},
		{5, 5 * time.Second},
		{3600, time.Hour},
		{100_000_000, DefaultMaxRetryAfter},
		{1 << 62, DefaultMaxRetryAfter},
	}
	for _, c := range cases {
		if got := h.tg.api.retryAfter(c.seconds); got != c.want {
			t.Errorf("retry_after %d: wait %v, want %v", c.seconds, got, c.want)
		}
	}
}

// TestRateLimitedCallDoesNotHoldUpSends: a 429 (retry_after 30 s) to a
// call that is not a send, made for one chat, does not delay the replies
// to another chat, nor the reply of the chat itself.
func TestRateLimitedCallDoesNotHoldUpSends(t *testing.T) {
	cases := []struct {
		method string
		act    func(h *harness) // makes the adapter call method, for group
		reply  bool             // group gets a reply all the same
	}{
		{"answerCallbackQuery", func(h *harness) {
			h.api.Push(h.api.Callback(group, alice, "unknown button data"))
		}, false},
		{"getChatMember", func(h *harness) {
			h.say(group, alice, "/subscribe Sergio Ramos")
		}, true},
	}
	for _, c := range cases {
		t.Run(c.method, func(t *testing.T) {
			h := newHarness(t, nil).start()
			h.api.Fail(telegramtest.Fault{Method: c.method, Code: http.StatusTooManyRequests, RetryAfter: 30, Times: -1})
			c.act(h)
			h.api.WaitFor(t, "the 429 to "+c.method, func(reqs []*telegramtest.Request) bool {
				for _, r := range reqs {
					if r.Method == c.method && r.Code == http.StatusTooManyRequests {
						return true
					}
				}
				return false
			})
			h.say(private(bob), bob, "/help")
			h.within(3*time.Second, bob.ID, 1)
			if c.reply {
				h.within(3*time.Second, group.ID, 1)
			}
		})
	}
}
