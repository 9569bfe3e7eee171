package telegram

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/telegram/telegramtest"
)

// forgetfulInbox is an inbox that has lost where polling got to, as after a
// database restored from a backup: polling starts from a stale offset and
// Telegram delivers again updates that were answered.
type forgetfulInbox struct{ Inbox }

func (forgetfulInbox) LastUpdate(context.Context, string) (int64, bool, error) { return 0, false, nil }

// TestRedeliveredUpdateIsAnsweredOnce: after a restart from a stale
// offset, Telegram delivers an answered update again; it is not answered
// again, and the next one is.
func TestRedeliveredUpdateIsAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil).start()
	u := h.api.Text(private(alice), alice, "/help")
	u.UpdateID = h.api.NextUpdateID()
	h.api.Push(u)
	h.sent(alice.ID, 1)
	h.stop()

	if err := h.env.Store.SetState(context.Background(), offsetKey, "1"); err != nil {
		t.Fatal(err)
	}
	h.api.Push(u) // the same update_id
	h.api.Push(h.api.Text(private(alice), alice, "/sources"))
	h.tg = h.adapter(func(o *Options) { o.Inbox = forgetfulInbox{h.env.Store} })
	h.start()
	msgs := h.sent(alice.ID, 2)
	h.stop()
	if n := len(sends(h.api.Requests(), alice.ID)); n != 2 {
		t.Errorf("%d answers, want 2: /help once, /sources once", n)
	}
	if !strings.Contains(shown(msgs[1]), "Where my news comes from") {
		t.Errorf("second answer = %.60q, want the /sources one", shown(msgs[1]))
	}
}

// TestAnsweredUpdatesAreMarkedDuringALongPoll: updates answered while the
// poller waits in a long poll are marked answered at once, not when the
// poll returns: a crash then does not answer them again.
func TestAnsweredUpdatesAreMarkedDuringALongPoll(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.PollTimeout = time.Minute }).start()
	chats := []int64{3001, 3002, 3003, 3004, 3005}
	for _, id := range chats {
		// Each reply waits a second: the updates are still unanswered
		// when the poller goes back to polling.
		h.api.Fail(telegramtest.Fault{Method: "sendMessage", ChatID: id, Code: http.StatusTooManyRequests, RetryAfter: 1})
	}
	for _, id := range chats {
		u := telegramtest.User(id)
		h.say(private(u), u, "/help")
	}
	for _, id := range chats {
		h.sent(id, 1)
	}
	deadline := time.Now().Add(2 * time.Second)
	for len(h.unanswered()) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("updates %v answered but not marked so after 2 s, during a long poll", h.unanswered())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if h.api.ActivePolls() == 0 {
		t.Errorf("no long poll running: the test did not test what it means to")
	}
}

// webhookHarness runs adapters in webhook mode behind one httptest server,
// so that a restarted adapter gets Telegram's requests at the same URL.
type webhookHarness struct {
	*harness
	handler atomic.Pointer[http.Handler]
	edit    func(*Options)
}

func newWebhookHarness(t *testing.T, edit func(*Options)) *webhookHarness {
	w := &webhookHarness{}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		(*w.handler.Load()).ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	w.edit = func(o *Options) {
		o.WebhookURL = srv.URL + "/telegram"
		o.WebhookSecret = bot.Secret("s3cret")
		if edit != nil {
			edit(o)
		}
	}
	w.harness = newHarness(t, w.edit)
	return w
}

// run starts the harness's adapter, or a new one after a stop.
func (w *webhookHarness) run(restart bool) {
	if restart {
		w.tg = w.adapter(w.edit)
	}
	hh := w.tg.WebhookHandler()
	w.handler.Store(&hh)
	w.start()
	w.api.WaitFor(w.t, "the webhook registered", func([]*telegramtest.Request) bool { return w.api.Webhook().URL != "" })
}

// TestWebhookAcknowledgesOnceStored: the webhook's 200 comes as soon as
// the update is stored, even when its reply cannot go out yet, and an
// update stored but not answered when the bot stops is answered after the
// restart, without Telegram delivering it again.
func TestWebhookAcknowledgesOnceStored(t *testing.T) {
	w := newWebhookHarness(t, func(o *Options) { o.ShutdownTimeout = time.Millisecond })
	w.run(false)
	// The reply cannot go out: the chat is rate limited for a long time.
	w.api.Fail(telegramtest.Fault{Method: "sendMessage", ChatID: alice.ID, Code: http.StatusTooManyRequests, RetryAfter: 3600, Times: -1})
	u := w.api.Text(private(alice), alice, "/sources")
	u.UpdateID = w.api.NextUpdateID()
	began := time.Now()
	status, err := w.api.Deliver(context.Background(), u)
	took := time.Since(began)
	if err != nil || status != http.StatusOK {
		t.Fatalf("delivery: %d, %v", status, err)
	}
	if got := w.unanswered(); len(got) != 1 || got[0] != u.UpdateID {
		t.Errorf("at the 200, the inbox holds %v unanswered, want [%d]", got, u.UpdateID)
	}
	if took > 2*time.Second {
		t.Errorf("the 200 took %v: it waited for the reply", took)
	}
	w.api.WaitFor(t, "the refused send", func(reqs []*telegramtest.Request) bool {
		return len(telegramtest.Filter(reqs, "sendMessage")) > 0
	})
	w.stop() // gives up on the reply at once

	w.api.ClearFaults()
	w.run(true)
	msg := w.sent(alice.ID, 1)[0]
	if !strings.Contains(shown(msg), "Where my news comes from") {
		t.Errorf("answer after the restart = %.60q", shown(msg))
	}
	w.stop()
	if got := w.unanswered(); len(got) != 0 {
		t.Errorf("unanswered after the answer: %v", got)
	}
	if n := len(sends(w.api.Requests(), alice.ID)); n != 1 {
		t.Errorf("%d answers, want 1", n)
	}
}

// TestUpgradeTakesOverTheOldPendingUpdates: a bot upgraded from the
// version that kept unanswered updates in its state answers them once, and
// polls on from the offset that version stored.
func TestUpgradeTakesOverTheOldPendingUpdates(t *testing.T) {
	h := newHarness(t, nil)
	u := h.api.Text(private(alice), alice, "/sources")
	u.UpdateID = h.api.NextUpdateID()
	raw, err := json.Marshal([]any{u})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := h.env.Store.SetState(ctx, pendingKey, string(raw)); err != nil {
		t.Fatal(err)
	}
	if err := h.env.Store.SetState(ctx, offsetKey, strconv.Itoa(u.UpdateID+1)); err != nil {
		t.Fatal(err)
	}
	h.start()
	if msg := h.sent(alice.ID, 1)[0]; !strings.Contains(shown(msg), "Where my news comes from") {
		t.Errorf("answer = %.60q", shown(msg))
	}
	h.say(private(alice), alice, "/help")
	h.sent(alice.ID, 2)
	h.stop()
	if n := len(sends(h.api.Requests(), alice.ID)); n != 2 {
		t.Errorf("%d answers, want 2", n)
	}
	if got := h.state(pendingKey); got != "" {
		t.Errorf("the old pending list is still there: %.80q", got)
	}
	if polls := h.api.Calls("getUpdates"); len(polls) == 0 || polls[0].Params.Get("offset") != strconv.Itoa(u.UpdateID+1) {
		t.Errorf("first poll did not ask from the stored offset %d", u.UpdateID+1)
	}
}
