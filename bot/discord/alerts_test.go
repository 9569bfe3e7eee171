package discord_test

// Alert delivery to Discord channels below the process: the real engine
// over a SQLite store (bottest) writes alerts and their deliveries, the
// real Dispatcher reads the outbox and the real adapter posts the messages
// to the fake Discord (discordtest), whose answers the tests script per
// channel.

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/bottest"
	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
	"transferbot/rumours"
)

// alertRig is a core over the demo store with channels following
// bottest.AlertPlayer, the fake Discord, an adapter and a dispatcher.
type alertRig struct {
	t        *testing.T
	env      *bottest.Env
	fake     *discordtest.Server
	channels []string
	clock    *bottest.Clock
	disp     *bot.Dispatcher
}

// newAlertRig subscribes n channels (ids 200...) to bottest.AlertPlayer and
// publishes news bottest.News[:news], one IngestNews call (cycle) each.
func newAlertRig(t *testing.T, n, news int) *alertRig {
	t.Helper()
	ctx := context.Background()
	r := &alertRig{t: t, env: bottest.New(t), fake: discordtest.New(t), clock: bottest.NewClock()}
	for i := range n {
		ch := strconv.Itoa(200 + i)
		err := r.env.Engine.Subscribe(ctx, rumours.Subscription{Platform: discord.Platform, Channel: ch, Kind: rumours.KindPlayer, Target: bottest.AlertPlayer})
		if err != nil {
			t.Fatal(err)
		}
		r.channels = append(r.channels, ch)
	}
	for _, a := range bottest.News[:news] {
		res, errs := r.env.Engine.IngestNews(ctx, []rumours.Article{a}, []bool{true})
		if errs[0] != nil {
			t.Fatal(errs[0])
		}
		if len(res[0].Alerts) != 1 {
			t.Fatalf("news %q raised %d alerts, want 1", a.ID, len(res[0].Alerts))
		}
	}
	dc, err := discord.New(r.env.Core, discord.Options{
		Token: testToken, ApplicationID: appID, APIURL: r.fake.URL,
		RequestsPerSecond: 1000, RetryBackoff: time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	r.disp = bot.NewDispatcher(r.env.Core, r.env.Engine, map[string]bot.Notifier{discord.Platform: dc},
		bot.DispatcherOptions{Grace: 2 * time.Second, Now: r.clock.Now})
	return r
}

// dispatch makes one pass and fails the test on an outbox error.
func (r *alertRig) dispatch() int {
	r.t.Helper()
	n, err := r.disp.Dispatch(context.Background())
	if err != nil {
		r.t.Fatalf("Dispatch: %v", err)
	}
	return n
}

// posts returns the message posts to a channel with the given status (0
// for any).
func (r *alertRig) posts(channel string, status int) []discordtest.Request {
	var out []discordtest.Request
	for _, q := range r.fake.Requests() {
		if messagesTo(channel)(q) && (status == 0 || q.Status == status) {
			out = append(out, q)
		}
	}
	return out
}

// checkDelivered checks that each channel of the rig got want[channel]
// messages accepted, each an alert about bottest.AlertPlayer.
func (r *alertRig) checkDelivered(want map[string]int) {
	r.t.Helper()
	for _, ch := range r.channels {
		got := r.posts(ch, 200)
		if len(got) != want[ch] {
			r.t.Errorf("channel %s got %d messages, want %d", ch, len(got), want[ch])
		}
		for _, q := range got {
			if p := string(q.Payload); !strings.Contains(p, bottest.AlertPlayer) || !strings.Contains(p, "Juventus") {
				r.t.Errorf("channel %s got %.200s, want an alert about %s and Juventus", ch, p, bottest.AlertPlayer)
			}
		}
	}
}

// each wants n messages for every channel but those in except (none).
func (r *alertRig) each(n int, except ...string) map[string]int {
	m := map[string]int{}
	for _, ch := range r.channels {
		m[ch] = n
	}
	for _, ch := range except {
		m[ch] = 0
	}
	return m
}

func (r *alertRig) counts() rumours.DeliveryCounts {
	r.t.Helper()
	c, err := r.env.Engine.CountDeliveries(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// active reports whether the channel's one subscription is active.
func (r *alertRig) active(channel string) bool {
	r.t.Helper()
	subs, err := r.env.Engine.Subscriptions(context.Background(), discord.Platform, channel)
	if err != nil {
		r.t.Fatal(err)
	}
	if len(subs) != 1 {
		r.t.Fatalf("channel %s has %d subscriptions, want 1", channel, len(subs))
	}
	return subs[0].Active
}

// TestAlertFanOutExactlyOnce: two alerts (two cycles) to 20 channels are
// two messages each, all marked sent; another pass sends nothing.
func TestAlertFanOutExactlyOnce(t *testing.T) {
	t.Parallel()
	const channels = 20
	r := newAlertRig(t, channels, 2)
	if n := r.dispatch(); n != 2*channels {
		t.Errorf("Dispatch sent %d, want %d", n, 2*channels)
	}
	r.checkDelivered(r.each(2))
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: 2 * channels}) {
		t.Errorf("outbox: %+v, want all sent", c)
	}
	before := len(r.fake.Requests())
	if n := r.dispatch(); n != 0 {
		t.Errorf("second Dispatch sent %d", n)
	}
	if after := len(r.fake.Requests()); after != before {
		t.Errorf("second Dispatch made %d requests", after-before)
	}
}

// TestAlertRateLimitStorm: 429s on the channels' routes and global 429s
// delay the fan-out but lose nothing: the adapter waits each out and posts
// again within the pass, and each channel gets its alert once.
func TestAlertRateLimitStorm(t *testing.T) {
	t.Parallel()
	const channels = 12
	route := discordtest.RateLimited(0.05, false)
	global := discordtest.RateLimited(0.1, true)
	tests := []struct {
		name   string
		script map[int][]discordtest.Response // by channel index
	}{
		{"route 429s", map[int][]discordtest.Response{
			0: {route}, 1: {route, route}, 2: {route, route, route}, 5: {route}, 7: {route, route}, 11: {route},
		}},
		{"global 429s", map[int][]discordtest.Response{
			0: {global}, 4: {global, global}, 9: {global},
		}},
		{"both", map[int][]discordtest.Response{
			0: {route, global, route}, 1: {global}, 2: {route, route}, 3: {global, route}, 10: {route, route, route, route},
		}},
		// A post refused more often than the adapter waits out (5 times)
		// fails; the dispatcher tries it again in a later pass.
		{"more than a post waits out", map[int][]discordtest.Response{
			3: {route, route, route, route, route, route, route}, 6: {global},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := newAlertRig(t, channels, 1)
			limited := 0
			for i, rs := range tt.script {
				r.fake.Script("POST", "/channels/"+r.channels[i]+"/messages", rs...)
				limited += len(rs)
			}
			sent := r.dispatch()
			for pass := 1; sent < channels && pass < 5; pass++ {
				r.clock.Add(time.Hour) // past any retry's wait
				sent += r.dispatch()
			}
			if sent != channels {
				t.Errorf("Dispatch passes sent %d, want %d", sent, channels)
			}
			r.checkDelivered(r.each(1))
			if c := r.counts(); c != (rumours.DeliveryCounts{Sent: channels}) {
				t.Errorf("outbox: %+v, want all sent", c)
			}
			got := 0
			for i, ch := range r.channels {
				n := len(r.posts(ch, 429))
				if n != len(tt.script[i]) {
					t.Errorf("channel %s: %d posts answered 429, want %d", ch, n, len(tt.script[i]))
				}
				got += n
			}
			if got != limited {
				t.Errorf("%d posts answered 429, want %d", got, limited)
			}
		})
	}
}

// TestAlertChannelGone: a channel Discord no longer knows (404) and one the
// bot lost access to (403) refuse the first of their two alerts; both their
// deliveries are dropped with no second post, their subscriptions paused.
// The other channels get both alerts once.
func TestAlertChannelGone(t *testing.T) {
	t.Parallel()
	const channels = 8
	r := newAlertRig(t, channels, 2)
	unknown, noAccess := r.channels[2], r.channels[5]
	r.fake.Script("POST", "/channels/"+unknown+"/messages", discordtest.Error(404, 10003, "Unknown Channel"))
	r.fake.Script("POST", "/channels/"+noAccess+"/messages", discordtest.Error(403, 50001, "Missing Access"))

	if n := r.dispatch(); n != 2*(channels-2) {
		t.Errorf("Dispatch sent %d, want %d", n, 2*(channels-2))
	}
	r.checkDelivered(r.each(2, unknown, noAccess))
	for _, ch := range []string{unknown, noAccess} {
		if n := len(r.posts(ch, 0)); n != 1 {
			t.Errorf("channel %s: %d posts, want 1 (refused, not retried, the next alert not tried)", ch, n)
		}
	}
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: 2 * (channels - 2), Dropped: 4}) {
		t.Errorf("outbox: %+v, want %d sent and the gone channels' 4 dropped", c, 2*(channels-2))
	}
	for _, ch := range r.channels {
		if want := ch != unknown && ch != noAccess; r.active(ch) != want {
			t.Errorf("channel %s: subscription active %v, want %v", ch, !want, want)
		}
	}
	if n := r.dispatch(); n != 0 {
		t.Errorf("another pass sent %d", n)
	}
}

// TestAlertServerErrorsThenRecovery: a channel whose posts keep failing
// with 5xx after the adapter's retries keeps its delivery pending, with the
// failed attempt counted and the channel still active; once the retry is due
// and Discord answers again, it gets its alert once.
func TestAlertServerErrorsThenRecovery(t *testing.T) {
	t.Parallel()
	const channels = 5
	r := newAlertRig(t, channels, 1)
	failing := r.channels[1]
	e := discordtest.Error(503, 0, "Service Unavailable")
	r.fake.Script("POST", "/channels/"+failing+"/messages", e, e, e, e) // the first try and 3 retries

	if n := r.dispatch(); n != channels-1 {
		t.Errorf("Dispatch sent %d, want %d", n, channels-1)
	}
	pending, err := r.env.Engine.PendingDeliveries(context.Background(), []string{discord.Platform}, r.clock.Now().Add(time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 || pending[0].Channel != failing || pending[0].Attempts != 1 {
		t.Fatalf("pending %+v, want the failing channel's, with 1 attempt", pending)
	}
	if !r.active(failing) {
		t.Error("a channel with server errors was paused")
	}
	if n := r.dispatch(); n != 0 {
		t.Errorf("a pass before the retry is due sent %d", n)
	}

	r.clock.Add(time.Minute)
	if n := r.dispatch(); n != 1 {
		t.Errorf("Dispatch after recovery sent %d, want 1", n)
	}
	r.checkDelivered(r.each(1))
	if n := len(r.posts(failing, 0)); n != 5 {
		t.Errorf("failing channel: %d posts, want 4 failed and 1 accepted", n)
	}
	if c := r.counts(); c != (rumours.DeliveryCounts{Sent: channels}) {
		t.Errorf("outbox: %+v, want all sent", c)
	}
}
