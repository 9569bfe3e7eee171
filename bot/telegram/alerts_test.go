package telegram_test

// Alert delivery end to end, below the process: the real engine over a
// SQLite store (bottest) writes an alert and its deliveries, the real
// Dispatcher reads the outbox, the core words the message and the real
// Adapter sends it to the fake Bot API (telegramtest). Each test checks what
// the Bot API accepted per chat and what the outbox recorded.

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/bottest"
	"transferbot/bot/telegram"
	"transferbot/bot/telegram/telegramtest"
	"transferbot/rumours"
)

// alertRig is a core over the demo store, chats following bottest.AlertPlayer, and
// the fake Bot API.
type alertRig struct {
	t     *testing.T
	env   *bottest.Env
	api   *telegramtest.Server
	chats []int64
	clock *bottest.Clock // the dispatcher's; it starts at the engine's clock
}

// newAlertRig subscribes n private chats (ids 5001...) to bottest.AlertPlayer.
func newAlertRig(t *testing.T, n int) *alertRig {
	t.Helper()
	r := &alertRig{t: t, env: bottest.New(t), api: telegramtest.New(t), clock: bottest.NewClock()}
	for i := range n {
		chat := int64(5001 + i)
		err := r.env.Engine.Subscribe(context.Background(), rumours.Subscription{
			Platform: telegram.Platform, Channel: strconv.FormatInt(chat, 10),
			Kind: rumours.KindPlayer, Target: bottest.AlertPlayer,
		})
		if err != nil {
			t.Fatal(err)
		}
		r.chats = append(r.chats, chat)
	}
	return r
}

// publish ingests news as a feed poll would, asking for alerts, and checks
// that it raised exactly one, with a pending delivery per active follower.
func (r *alertRig) publish(a rumours.Article) rumours.Alert {
	r.t.Helper()
	res, errs := r.env.Engine.IngestNews(context.Background(), []rumours.Article{a}, []bool{true})
	if errs[0] != nil {
		r.t.Fatal(errs[0])
	}
	if len(res[0].Alerts) != 1 {
		r.t.Fatalf("news %q raised %d alerts, want 1: %+v", a.ID, len(res[0].Alerts), res[0].Alerts)
	}
	return res[0].Alerts[0]
}

// adapter returns a fresh adapter (as after a restart) with fast retries
// and rate limits that do not slow the test; edit changes its options.
// Notify needs no Run: it makes no getMe.
func (r *alertRig) adapter(edit func(*telegram.Options)) *telegram.Adapter {
	r.t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	r.t.Cleanup(tr.CloseIdleConnections)
	opts := telegram.Options{
		Token:        bot.Secret(r.api.Token),
		APIURL:       r.api.URL,
		PerChat:      1000,
		Global:       10000,
		RetryBackoff: time.Millisecond,
		HTTPClient:   &http.Client{Transport: tr},
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if edit != nil {
		edit(&opts)
	}
	tg, err := telegram.New(r.env.Core, opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return tg
}

// dispatcher returns a dispatcher over the engine's outbox that sends with
// tg, on the rig's clock.
func (r *alertRig) dispatcher(tg *telegram.Adapter, edit func(*bot.DispatcherOptions)) *bot.Dispatcher {
	opts := bot.DispatcherOptions{Grace: 2 * time.Second, Now: r.clock.Now}
	if edit != nil {
		edit(&opts)
	}
	return bot.NewDispatcher(r.env.Core, r.env.Engine, map[string]bot.Notifier{telegram.Platform: tg}, opts)
}

// dispatch makes one pass and fails the test on an outbox error.
func (r *alertRig) dispatch(ctx context.Context, d *bot.Dispatcher) int {
	r.t.Helper()
	n, err := d.Dispatch(ctx)
	if err != nil {
		r.t.Fatalf("Dispatch: %v", err)
	}
	return n
}

// delivered returns the messages the Bot API accepted, by chat.
func (r *alertRig) delivered() map[int64][]*telegramtest.Request {
	out := map[int64][]*telegramtest.Request{}
	for _, q := range r.api.Calls("sendMessage") {
		if q.OK() {
			out[q.ChatID()] = append(out[q.ChatID()], q)
		}
	}
	return out
}

// checkDelivered checks that each chat got want messages and chats not
// listed none, each an alert about bottest.AlertPlayer.
func (r *alertRig) checkDelivered(want map[int64]int) {
	r.t.Helper()
	got := r.delivered()
	for chat, reqs := range got {
		if want[chat] == 0 {
			r.t.Errorf("chat %d got %d messages, want none", chat, len(reqs))
		}
		for _, q := range reqs {
			if text := q.Params.Get("text"); !strings.Contains(text, bottest.AlertPlayer) || !strings.Contains(text, "Juventus") {
				r.t.Errorf("chat %d got %.120q, want an alert about %s and Juventus", chat, text, bottest.AlertPlayer)
			}
		}
	}
	for chat, n := range want {
		if len(got[chat]) != n {
			r.t.Errorf("chat %d got %d messages, want %d", chat, len(got[chat]), n)
		}
	}
}

// each wants n messages for every chat of the rig but those in except.
func (r *alertRig) each(n int, except ...int64) map[int64]int {
	m := map[int64]int{}
	for _, c := range r.chats {
		m[c] = n
	}
	for _, c := range except {
		delete(m, c)
	}
	return m
}

// counts returns the outbox's counts.
func (r *alertRig) counts() rumours.DeliveryCounts {
	r.t.Helper()
	c, err := r.env.Engine.CountDeliveries(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// pending returns every pending delivery, due or not.
func (r *alertRig) pending() []rumours.Delivery {
	r.t.Helper()
	ds, err := r.env.Engine.PendingDeliveries(context.Background(), []string{telegram.Platform}, r.clock.Now().Add(365*24*time.Hour), 0)
	if err != nil {
		r.t.Fatal(err)
	}
	return ds
}

// TestAlertFanOutExactlyOnce: one alert to 50 chats is one message each,
// every delivery is marked sent, and another pass sends nothing, whether
// the dispatcher reads the outbox at once or in small batches.
func TestAlertFanOutExactlyOnce(t *testing.T) {
	const chats = 50
	tests := []struct {
		name           string
		batch, workers int
	}{
		{"defaults", 0, 0},
		{"batches of 7, 3 workers", 7, 3},
		{"one at a time", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newAlertRig(t, chats)
			r.publish(bottest.News[0])
			if c := r.counts(); c != (rumours.DeliveryCounts{Pending: chats}) {
				t.Fatalf("outbox after the news: %+v, want %d pending", c, chats)
			}
			d := r.dispatcher(r.adapter(nil), func(o *bot.DispatcherOptions) { o.Batch, o.Workers = tt.batch, tt.workers })
			if n := r.dispatch(context.Background(), d); n != chats {
				t.Errorf("Dispatch sent %d, want %d", n, chats)
			}
			r.checkDelivered(r.each(1))
			if c := r.counts(); c != (rumours.DeliveryCounts{Sent: chats}) {
				t.Errorf("outbox: %+v, want %d sent", c, chats)
			}
			// The unsubscribe button names the player the chats follow.
			for chat, reqs := range r.delivered() {
				if labels, data := reqs[0].Buttons(); len(labels) != 1 || labels[0] != "Unsubscribe from "+bottest.AlertPlayer ||
					!strings.Contains(data[0], "unsubscribe player "+bottest.AlertPlayer) {
					t.Errorf("chat %d: buttons %q %q", chat, labels, data)
					break
				}
			}

			calls := len(r.api.Calls("sendMessage"))
			if n := r.dispatch(context.Background(), d); n != 0 {
				t.Errorf("second Dispatch sent %d", n)
			}
			if got := len(r.api.Calls("sendMessage")); got != calls {
				t.Errorf("second Dispatch made %d sendMessage calls", got-calls)
			}
		})
	}
}

// TestAlertDispatchCancelledMidFanOutThenRestarted: the dispatcher's
// context ends after 20 sends have reached the Bot API; it starts no more,
// marks those that finish, and returns. A new adapter and dispatcher, as
// after a restart, send the rest: every chat has exactly one message.
func TestAlertDispatchCancelledMidFanOutThenRestarted(t *testing.T) {
	const chats, stopAfter = 50, 20
	r := newAlertRig(t, chats)
	r.publish(bottest.News[0])

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen atomic.Int32
	r.api.SetHook(func(q *telegramtest.Request) {
		if q.Method == "sendMessage" && seen.Add(1) == stopAfter {
			cancel()
		}
	})
	// Few workers, so that most of the fan-out has not started when the
	// context ends.
	first := r.dispatch(ctx, r.dispatcher(r.adapter(nil), func(o *bot.DispatcherOptions) { o.Workers = 4 }))
	t.Logf("cancelled pass sent %d", first)
	r.api.SetHook(nil)
	if first < stopAfter || first >= chats {
		t.Fatalf("the cancelled Dispatch sent %d, want at least %d and not all %d", first, stopAfter, chats)
	}
	if got := len(r.api.Calls("sendMessage")); got != first {
		t.Errorf("%d sendMessage calls by the cancelled pass, %d of them counted as sent", got, first)
	}
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: first, Pending: chats - first}) {
		t.Errorf("outbox after the cancelled pass: %+v, want %d sent and %d pending", c, first, chats-first)
	}

	// restart
	second := r.dispatch(context.Background(), r.dispatcher(r.adapter(nil), nil))
	if first+second != chats {
		t.Errorf("sent %d then %d after the restart, want %d in all", first, second, chats)
	}
	r.checkDelivered(r.each(1))
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: chats}) {
		t.Errorf("outbox: %+v, want %d sent", c, chats)
	}
}

// TestAlertSendCutShortAfterGrace: a send still waiting out a long
// retry_after when the context ends is cut short after Grace. Telegram took
// nothing, so its delivery stays pending, due at once and with no failed
// attempt counted, and the next run delivers it once.
func TestAlertSendCutShortAfterGrace(t *testing.T) {
	const chats = 10
	r := newAlertRig(t, chats)
	r.publish(bottest.News[0])
	slow := r.chats[0]
	r.api.Fail(telegramtest.Fault{Method: "sendMessage", ChatID: slow, Code: 429, RetryAfter: 3600})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := r.dispatcher(r.adapter(nil), func(o *bot.DispatcherOptions) { o.Grace = 50 * time.Millisecond })
	done := make(chan int, 1)
	go func() {
		n, err := d.Dispatch(ctx)
		if err != nil {
			t.Errorf("Dispatch: %v", err)
		}
		done <- n
	}()
	r.api.WaitFor(t, "the other chats served and the slow one refused", func(reqs []*telegramtest.Request) bool {
		ok, refused := 0, false
		for _, q := range telegramtest.Filter(reqs, "sendMessage") {
			switch {
			case q.OK():
				ok++
			case q.ChatID() == slow && q.Code == http.StatusTooManyRequests:
				refused = true
			}
		}
		return ok == chats-1 && refused
	})
	cancel()
	if n := <-done; n != chats-1 {
		t.Errorf("the cut-short pass sent %d, want %d", n, chats-1)
	}
	pending := r.pending()
	if len(pending) != 1 || pending[0].Channel != strconv.FormatInt(slow, 10) || pending[0].Attempts != 0 {
		t.Fatalf("pending after the cut-short pass: %+v, want the slow chat's, no attempt counted", pending)
	}

	// restart, with the clock unchanged: the delivery is due at once
	if n := r.dispatch(context.Background(), r.dispatcher(r.adapter(nil), nil)); n != 1 {
		t.Errorf("Dispatch after the restart sent %d, want 1", n)
	}
	r.checkDelivered(r.each(1))
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: chats}) {
		t.Errorf("outbox: %+v, want %d sent", c, chats)
	}
}

// TestAlert429StormDelaysButLosesNothing: Telegram answers 429 with
// retry_after 1 to many sends, injected or from its flood limit; the
// adapter waits them out within the pass, and each chat gets its alert
// once.
func TestAlert429StormDelaysButLosesNothing(t *testing.T) {
	const chats = 50
	tests := []struct {
		name  string
		storm func(*telegramtest.Server)
		want  func(*telegramtest.Server) int // how many 429s the fake answered
	}{
		{
			name: "first 30 sends refused",
			storm: func(s *telegramtest.Server) {
				s.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1, Times: 30})
			},
			want: func(*telegramtest.Server) int { return 30 },
		},
		{
			name:  "flood limit of 25 a second",
			storm: func(s *telegramtest.Server) { s.SetRateLimit(25, 25) },
			want:  func(s *telegramtest.Server) int { return s.RateLimited() },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newAlertRig(t, chats)
			r.publish(bottest.News[0])
			tt.storm(r.api)
			if n := r.dispatch(context.Background(), r.dispatcher(r.adapter(nil), nil)); n != chats {
				t.Errorf("Dispatch sent %d, want %d", n, chats)
			}
			r.checkDelivered(r.each(1))
			if c := r.counts(); c != (rumours.DeliveryCounts{Sent: chats}) {
				t.Errorf("outbox: %+v, want %d sent", c, chats)
			}
			refused := 0
			for _, q := range r.api.Calls("sendMessage") {
				if q.Code == http.StatusTooManyRequests {
					refused++
				}
			}
			if want := tt.want(r.api); refused == 0 || refused != want {
				t.Errorf("%d sends refused with 429, want %d (and some)", refused, want)
			}
		})
	}
}

// TestAlertServerErrorsThenRecovery: while every send fails with 500 the
// deliveries stay pending, their failed attempts counted and their next try
// put off; a pass before then sends nothing; once the Bot API recovers and
// the retry is due, each chat gets its alert once.
func TestAlertServerErrorsThenRecovery(t *testing.T) {
	const chats = 10
	r := newAlertRig(t, chats)
	r.publish(bottest.News[0])
	r.api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 500, Times: -1})
	d := r.dispatcher(r.adapter(func(o *telegram.Options) { o.MaxAttempts = 2 }), nil)

	if n := r.dispatch(context.Background(), d); n != 0 {
		t.Fatalf("Dispatch sent %d while the Bot API fails", n)
	}
	if got := len(r.api.Calls("sendMessage")); got != 2*chats {
		t.Errorf("%d sendMessage calls, want %d (2 attempts per chat)", got, 2*chats)
	}
	pending := r.pending()
	if len(pending) != chats {
		t.Fatalf("%d deliveries pending, want %d", len(pending), chats)
	}
	for _, x := range pending {
		if x.Attempts != 1 {
			t.Errorf("delivery to %s: %d attempts recorded, want 1", x.Channel, x.Attempts)
		}
	}
	if c := r.counts(); c != (rumours.DeliveryCounts{Pending: chats}) {
		t.Errorf("outbox: %+v, want all pending", c)
	}

	// Not due yet: nothing is tried, even though the Bot API still fails.
	calls := len(r.api.Calls("sendMessage"))
	r.dispatch(context.Background(), d)
	if got := len(r.api.Calls("sendMessage")); got != calls {
		t.Errorf("a pass before the retries are due made %d calls", got-calls)
	}

	r.api.ClearFaults()
	r.clock.Add(time.Minute) // past the first retry's wait (15s ±20%)
	if n := r.dispatch(context.Background(), d); n != chats {
		t.Errorf("Dispatch after recovery sent %d, want %d", n, chats)
	}
	r.checkDelivered(r.each(1))
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: chats}) {
		t.Errorf("outbox: %+v, want all sent", c)
	}
}

// TestAlertToBlockedChat: a chat that blocked the bot refuses the first of
// its two alerts with 403; both its deliveries are dropped, with no second
// try, its subscription is paused, and later news is not queued for it.
// The other chats get both alerts.
func TestAlertToBlockedChat(t *testing.T) {
	const chats = 10
	r := newAlertRig(t, chats)
	blocked := r.chats[3]
	r.api.Block(blocked)
	r.publish(bottest.News[0])
	r.publish(bottest.News[1]) // another cycle: a second message per chat

	n := r.dispatch(context.Background(), r.dispatcher(r.adapter(nil), nil))
	if n != 2*(chats-1) {
		t.Errorf("Dispatch sent %d, want %d", n, 2*(chats-1))
	}
	r.checkDelivered(r.each(2, blocked))
	refused := 0
	for _, q := range r.api.Calls("sendMessage") {
		if q.ChatID() == blocked {
			refused++
			if q.Code != http.StatusForbidden {
				t.Errorf("blocked chat: answered %d", q.Code)
			}
		}
	}
	if refused != 1 {
		t.Errorf("%d sends to the blocked chat, want 1", refused)
	}
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: 2 * (chats - 1), Dropped: 2}) {
		t.Errorf("outbox: %+v, want %d sent and the blocked chat's 2 dropped", c, 2*(chats-1))
	}
	for _, chat := range r.chats {
		subs, err := r.env.Engine.Subscriptions(context.Background(), telegram.Platform, strconv.FormatInt(chat, 10))
		if err != nil {
			t.Fatal(err)
		}
		if len(subs) != 1 || subs[0].Active != (chat != blocked) {
			t.Errorf("chat %d: subscriptions %+v, want one, paused only for the blocked chat", chat, subs)
		}
	}

	// Later news is not queued for the paused chat.
	r.publish(rumours.Article{
		ID: "done", GUID: "test-feed done", URL: "https://news.example/haaland-juventus-done",
		Title: "Haaland joins Juventus", Outlet: "Sky Sports",
		Published: time.Date(2021, 10, 5, 9, 0, 0, 0, time.UTC),
		Text:      "Erling Haaland has completed his move from Borussia Dortmund to Juventus, Sky Sports reports.",
	})
	for _, x := range r.pending() {
		if x.Channel == strconv.FormatInt(blocked, 10) {
			t.Errorf("a delivery to the paused chat was queued: %+v", x.DeliveryKey)
		}
	}
	if c := r.counts(); c.Pending != chats-1 {
		t.Errorf("outbox after more news: %+v, want %d pending", c, chats-1)
	}
}
