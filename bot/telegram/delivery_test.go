package telegram

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"transferbot/bot/telegram/telegramtest"
)

func Test429StormDelaysButLosesNothing(t *testing.T) {
	h := newHarness(t, nil).start()
	// Every chat's first two attempts are refused with retry_after 1.
	const chats = 6
	for i := range chats {
		h.api.Fail(telegramtest.Fault{Method: "sendMessage", ChatID: int64(2001 + i), Code: 429, RetryAfter: 1, Times: 2})
	}
	for i := range chats {
		u := telegramtest.User(int64(2001 + i))
		h.say(private(u), u, "/help")
		h.say(private(u), u, "/sources")
	}
	for i := range chats {
		chat := int64(2001 + i)
		msgs := h.sent(chat, 2)
		if len(msgs) != 2 || !strings.Contains(shown(msgs[0]), "What I can do") || !strings.Contains(shown(msgs[1]), "Where my news comes from") {
			t.Errorf("chat %d got %d messages, want /help then /sources answered once each", chat, len(msgs))
		}
	}
	refused := 0
	for _, r := range h.api.Calls("sendMessage") {
		if r.Code == 429 {
			refused++
		}
	}
	if refused != 2*chats {
		t.Errorf("%d sends refused with 429, want %d", refused, 2*chats)
	}
	h.stop()
	// Exactly once each, even after the stop.
	for i := range chats {
		if n := len(sends(h.api.Requests(), int64(2001+i))); n != 2 {
			t.Errorf("chat %d: %d messages, want 2", 2001+i, n)
		}
	}
}

func TestServerAndNetworkErrorsAreRetried(t *testing.T) {
	cases := []struct {
		name  string
		fault telegramtest.Fault
	}{
		{"500 from the Bot API", telegramtest.Fault{Code: 500}},
		{"502 page from a proxy", telegramtest.Fault{Code: 502, HTML: true}},
		{"connection dropped", telegramtest.Fault{Hangup: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, nil).start()
			f := c.fault
			f.Method, f.Times = "sendMessage", 3
			h.api.Fail(f)
			h.say(private(alice), alice, "/help")
			if msg := h.sent(alice.ID, 1)[0]; !strings.Contains(shown(msg), "What I can do") {
				t.Errorf("sent %q", shown(msg))
			}
			if n := len(h.api.Calls("sendMessage")); n != 4 {
				t.Errorf("%d sendMessage calls, want 3 failures and 1 success", n)
			}
		})
	}
}

func TestRetriesGiveUp(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.MaxAttempts = 3 })
	h.api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 500, Times: -1})
	err := h.tg.Notify(context.Background(), "1001", shortReply("hello"))
	if err == nil || !strings.Contains(err.Error(), "telegram: send message to chat 1001: sendMessage: 500") {
		t.Errorf("Notify = %v", err)
	}
	if n := len(h.api.Calls("sendMessage")); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	h.api.ClearFaults()
	// A 400 is not retried.
	h.api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 400, Description: "Bad Request: not enough rights to send text messages to the chat"})
	if err := h.tg.Notify(context.Background(), "-77", shortReply("hello")); err == nil {
		t.Errorf("Notify succeeded after a 400")
	}
	if n := len(h.api.Calls("sendMessage")); n != 4 {
		t.Errorf("%d attempts in all, want the 400 tried once", n)
	}
}

func TestRestartResumesFromStoredOffset(t *testing.T) {
	h := newHarness(t, nil).start()
	var ids []int
	for _, q := range []string{"/help", "/sources", "/help"} {
		ids = append(ids, h.api.Push(h.api.Text(private(alice), alice, q)))
	}
	h.sent(alice.ID, 3)
	h.stop()
	if got := h.lastUpdate(); got != ids[2] {
		t.Fatalf("last update stored = %d, want %d", got, ids[2])
	}
	if got := h.unanswered(); len(got) != 0 {
		t.Errorf("unanswered after a clean stop: %v, want none", got)
	}

	for _, q := range []string{"/club Juventus", "/rumours"} {
		h.api.Push(h.api.Text(private(alice), alice, q))
	}
	h.tg = h.adapter(nil)
	h.start()
	msgs := h.sent(alice.ID, 5)
	h.stop()
	if got := len(sends(h.api.Requests(), alice.ID)); got != 5 {
		t.Errorf("%d messages after the restart, want 5: nothing lost or repeated", got)
	}
	if !strings.Contains(shown(msgs[3]), "Transfer links: Juventus") || !strings.Contains(shown(msgs[4]), "Latest transfer rumours") {
		t.Errorf("after the restart: %.40q, %.40q", shown(msgs[3]), shown(msgs[4]))
	}
	// The first poll after the restart asked from the stored offset.
	var offsets []string
	for _, r := range h.api.Calls("getUpdates") {
		offsets = append(offsets, r.Params.Get("offset"))
	}
	if !strings.Contains(strings.Join(offsets, " "), strconv.Itoa(ids[2]+1)) {
		t.Errorf("getUpdates offsets %v never resumed from %d", offsets, ids[2]+1)
	}
}

func TestStopFinishesRepliesInFlightAndLeavesNoPoll(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.PollTimeout = 50 * time.Second }).start()
	h.api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1})
	h.say(private(alice), alice, "/help")
	h.api.WaitFor(t, "the refused send", func(reqs []*telegramtest.Request) bool {
		return len(telegramtest.Filter(reqs, "sendMessage")) > 0
	})
	h.stop() // while the reply waits out its retry_after
	if n := len(sends(h.api.Requests(), alice.ID)); n != 1 {
		t.Errorf("%d replies sent by the time Run returned, want the one in flight", n)
	}
	// The 50 s poll was cancelled, not left to run out.
	h.api.WaitIdle(t)
}

func TestUpdatesInFlightAtAHardStopAreAnsweredAfterRestart(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.ShutdownTimeout = time.Millisecond }).start()
	// The reply cannot go out: the chat is rate limited for a long time.
	h.api.Fail(telegramtest.Fault{Method: "sendMessage", ChatID: alice.ID, Code: 429, RetryAfter: 3600})
	id := h.api.Push(h.api.Text(private(alice), alice, "/sources"))
	h.api.WaitFor(t, "the refused send", func(reqs []*telegramtest.Request) bool {
		return len(telegramtest.Filter(reqs, "sendMessage")) > 0
	})
	h.stop() // gives up waiting at once
	if got := h.unanswered(); len(got) != 1 || got[0] != id {
		t.Fatalf("unanswered updates stored: %v, want [%d]", got, id)
	}

	h.tg = h.adapter(nil)
	h.start()
	msg := h.sent(alice.ID, 1)[0]
	if !strings.Contains(shown(msg), "Where my news comes from") {
		t.Errorf("answer after restart = %.60q", shown(msg))
	}
	h.stop()
	if got := h.unanswered(); len(got) != 0 {
		t.Errorf("unanswered after the answer: %v", got)
	}
	if n := len(sends(h.api.Requests(), alice.ID)); n != 1 {
		t.Errorf("%d answers, want 1", n)
	}
}

func TestWrongTokenStopsRun(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.Token = "123:wrong" })
	err := h.tg.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "refused the token") {
		t.Errorf("Run = %v, want the token refused", err)
	}
}
