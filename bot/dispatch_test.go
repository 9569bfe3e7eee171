package bot

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
)

// The dispatcher tests run the Dispatcher against fakeOutbox, an in-memory
// outbox that keeps the rumours.Store contract, and fakeNotifiers that
// record what each channel was sent. Every alert gets a URL naming its id,
// so a message can be traced back to the deliveries it carried.

// ---- the fake outbox ----

const (
	statePending = "pending"
	stateSent    = "sent"
	stateDropped = "dropped"
)

// outboxRow is one delivery as the fake outbox keeps it.
type outboxRow struct {
	rumours.Delivery
	state   string
	nextTry time.Time // zero: due at once
	note    string
	// claimedBy names the dispatcher that claimed it, until it is retried.
	claimedBy string
}

// fakeOutbox implements Outbox as rumours.Store documents it. publish fans
// an alert out to the channels whose subscriptions it concerns, one
// delivery per channel, as the store's SaveArticles does.
type fakeOutbox struct {
	mu     sync.Mutex
	nextID int64
	subs   []rumours.Subscription
	rows   map[rumours.DeliveryKey]*outboxRow
	reads  int // ClaimDeliveries calls
	prunes int // PruneAlerts calls
	// markSentErr, when set, is what the next MarkSent returns (recording
	// nothing); it is then cleared.
	markSentErr error
}

func newFakeOutbox() *fakeOutbox {
	return &fakeOutbox{rows: map[rumours.DeliveryKey]*outboxRow{}}
}

// follow subscribes a channel to a player or club, for every stage.
func (o *fakeOutbox) follow(platform, channel string, kind rumours.SubjectKind, target string) {
	o.followFrom(platform, channel, kind, target, rumours.StageUnknown)
}

// followFrom subscribes a channel to a player or club from stage min on.
func (o *fakeOutbox) followFrom(platform, channel string, kind rumours.SubjectKind, target string, min rumours.Stage) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.subs = append(o.subs, rumours.Subscription{Platform: platform, Channel: channel, Kind: kind, Target: target, MinStage: min, Active: true})
}

// publish stores an alert with the next id (and a URL naming it, unless it
// has one) and one pending delivery per channel with an active subscription
// to its player, its club or its from club whose minimum stage it reaches.
// The delivery names the player's subscription when the channel has one,
// else the club's, else the from club's.
func (o *fakeOutbox) publish(a rumours.Alert) rumours.Alert {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.nextID++
	a.ID = o.nextID
	if a.URL == "" {
		a.URL = alertURL(a.ID)
	}
	type channel struct{ platform, id string }
	var order []channel
	best := map[channel]int{}
	chosen := map[channel]rumours.Subscription{}
	for _, s := range o.subs {
		if !s.Active || !a.Reaches(s.MinStage) {
			continue
		}
		rank := 0
		switch {
		case s.Kind == rumours.KindPlayer && s.Target == a.Player:
			rank = 1
		case s.Kind == rumours.KindClub && s.Target == a.Club:
			rank = 2
		case s.Kind == rumours.KindClub && a.From != "" && s.Target == a.From:
			rank = 3
		default:
			continue
		}
		c := channel{s.Platform, s.Channel}
		if b, ok := best[c]; !ok {
			order = append(order, c)
		} else if b <= rank {
			continue
		}
		best[c], chosen[c] = rank, s
	}
	for _, c := range order {
		k := rumours.DeliveryKey{Alert: a.ID, Platform: c.platform, Channel: c.id}
		s := chosen[c]
		o.rows[k] = &outboxRow{
			Delivery: rumours.Delivery{DeliveryKey: k, Alert: a, Kind: s.Kind, Target: s.Target},
			state:    statePending,
		}
	}
	return a
}

func alertURL(id int64) string { return "https://news.example/alert/" + strconv.FormatInt(id, 10) }

// compareDeliveries orders deliveries as PendingDeliveries must: by alert
// cycle, player, platform, channel and alert id.
func compareDeliveries(a, b rumours.Delivery) int {
	return cmp.Or(
		cmp.Compare(a.Alert.Cycle, b.Alert.Cycle),
		strings.Compare(a.Alert.Player, b.Alert.Player),
		strings.Compare(a.Platform, b.Platform),
		strings.Compare(a.Channel, b.Channel),
		cmp.Compare(a.DeliveryKey.Alert, b.DeliveryKey.Alert),
	)
}

// sorted returns copies of the rows that pass keep, in PendingDeliveries'
// order. o.mu must be held.
func (o *fakeOutbox) sorted(keep func(*outboxRow) bool) []rumours.Delivery {
	var out []rumours.Delivery
	for _, r := range o.rows {
		if keep(r) {
			d := r.Delivery
			out = append(out, d)
		}
	}
	slices.SortFunc(out, compareDeliveries)
	return out
}

// ClaimDeliveries returns the due pending deliveries and claims them: they
// are due again at until, and claimedBy names claimant.
func (o *fakeOutbox) ClaimDeliveries(ctx context.Context, platforms []string, due time.Time, limit int, claimant string, until time.Time) ([]rumours.Delivery, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 1000
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.reads++
	out := o.sorted(func(r *outboxRow) bool {
		return r.state == statePending && slices.Contains(platforms, r.Platform) && !r.nextTry.After(due)
	})
	out = out[:min(limit, len(out))]
	for _, d := range out {
		r := o.rows[d.DeliveryKey]
		r.nextTry, r.claimedBy = until, claimant
	}
	return out, nil
}

// ReleaseDeliveries makes the pending deliveries claimant holds due at once.
func (o *fakeOutbox) ReleaseDeliveries(ctx context.Context, keys []rumours.DeliveryKey, claimant string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, k := range keys {
		if r := o.rows[k]; r != nil && r.state == statePending && r.claimedBy == claimant {
			r.nextTry, r.claimedBy = time.Time{}, ""
		}
	}
	return nil
}

func (o *fakeOutbox) MarkSent(ctx context.Context, keys []rumours.DeliveryKey, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.markSentErr; err != nil {
		o.markSentErr = nil
		return err
	}
	for _, k := range keys {
		if r := o.rows[k]; r != nil && r.state == statePending {
			r.state = stateSent
		}
	}
	return nil
}

func (o *fakeOutbox) RetryDeliveries(ctx context.Context, keys []rumours.DeliveryKey, next time.Time, note string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, k := range keys {
		if r := o.rows[k]; r != nil && r.state == statePending {
			r.Attempts++
			r.nextTry, r.note, r.claimedBy = next, note, ""
		}
	}
	return nil
}

func (o *fakeOutbox) DropChannelDeliveries(ctx context.Context, platform, channel, note string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, r := range o.rows {
		if r.state == statePending && r.Platform == platform && r.Channel == channel {
			r.state, r.note = stateDropped, note
			n++
		}
	}
	return n, nil
}

func (o *fakeOutbox) ExpireDeliveries(ctx context.Context, cutoff time.Time, note string) ([]rumours.Delivery, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.sorted(func(r *outboxRow) bool { return r.state == statePending && r.Alert.Created.Before(cutoff) })
	for _, d := range out {
		r := o.rows[d.DeliveryKey]
		r.state, r.note = stateDropped, note
	}
	return out, nil
}

// PruneAlerts deletes the deliveries of alerts created before cutoff when
// none of the alert's is pending, and counts the alerts.
func (o *fakeOutbox) PruneAlerts(ctx context.Context, cutoff time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.prunes++
	busy := map[int64]bool{}
	old := map[int64]bool{}
	for k, r := range o.rows {
		if r.state == statePending {
			busy[k.Alert] = true
		}
		if r.Alert.Created.Before(cutoff) {
			old[k.Alert] = true
		}
	}
	n := 0
	for id := range old {
		if busy[id] {
			continue
		}
		n++
		for k := range o.rows {
			if k.Alert == id {
				delete(o.rows, k)
			}
		}
	}
	return n, nil
}

// row returns a copy of the delivery of alert a to a channel.
func (o *fakeOutbox) row(t *testing.T, a rumours.Alert, platform, channel string) outboxRow {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.rows[rumours.DeliveryKey{Alert: a.ID, Platform: platform, Channel: channel}]
	if r == nil {
		t.Fatalf("no delivery of alert %d to %s/%s", a.ID, platform, channel)
	}
	return *r
}

// inState returns the keys of the deliveries in state, sorted.
func (o *fakeOutbox) inState(state string) []rumours.DeliveryKey {
	o.mu.Lock()
	defer o.mu.Unlock()
	var keys []rumours.DeliveryKey
	for _, d := range o.sorted(func(r *outboxRow) bool { return r.state == state }) {
		keys = append(keys, d.DeliveryKey)
	}
	return keys
}

func (o *fakeOutbox) readCount() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.reads
}

// ---- fake notifiers ----

// notice is one Notify call.
type notice struct {
	channel string
	reply   Reply
}

// fakeNotifier records every Notify call and the messages it accepted.
// script, if set, decides each call's outcome: it gets the call's number
// (1 for the first call to this notifier) and may block, cancel the
// dispatcher's context or return an error. It runs without the lock.
type fakeNotifier struct {
	platform string
	script   func(ctx context.Context, n int, channel string) error

	mu    sync.Mutex
	calls []notice
	sent  []notice
}

func (f *fakeNotifier) Notify(ctx context.Context, channel string, r Reply) error {
	f.mu.Lock()
	f.calls = append(f.calls, notice{channel, r})
	n := len(f.calls)
	script := f.script
	f.mu.Unlock()
	var err error
	if script != nil {
		err = script(ctx, n, channel)
	}
	if err == nil {
		f.mu.Lock()
		f.sent = append(f.sent, notice{channel, r})
		f.mu.Unlock()
	}
	return err
}

func (f *fakeNotifier) setScript(s func(ctx context.Context, n int, channel string) error) {
	f.mu.Lock()
	f.script = s
	f.mu.Unlock()
}

// sentTo returns the messages channel accepted, in order.
func (f *fakeNotifier) sentTo(channel string) []Reply {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Reply
	for _, n := range f.sent {
		if n.channel == channel {
			out = append(out, n.reply)
		}
	}
	return out
}

// callsTo counts the Notify calls to channel.
func (f *fakeNotifier) callsTo(channel string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c.channel == channel {
			n++
		}
	}
	return n
}

func (f *fakeNotifier) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fakeNotifier) sentCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sent)
}

// received counts, per delivery, the accepted messages that carried it.
func (f *fakeNotifier) received(t *testing.T) map[rumours.DeliveryKey]int {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[rumours.DeliveryKey]int{}
	for _, n := range f.sent {
		for _, id := range alertIDs(t, n.reply) {
			out[rumours.DeliveryKey{Alert: id, Platform: f.platform, Channel: n.channel}]++
		}
	}
	return out
}

// alertIDs reads the ids of the alerts a message carries from their URLs.
func alertIDs(t *testing.T, r Reply) []int64 {
	t.Helper()
	var ids []int64
	for _, l := range r.Lines {
		if len(l.Evidence) != 1 {
			t.Fatalf("alert line %q has %d evidence lines, want 1", l.Heading, len(l.Evidence))
		}
		s, ok := strings.CutPrefix(l.Evidence[0].URL, "https://news.example/alert/")
		id, err := strconv.ParseInt(s, 10, 64)
		if !ok || err != nil {
			t.Fatalf("alert line %q has URL %q", l.Heading, l.Evidence[0].URL)
		}
		ids = append(ids, id)
	}
	return ids
}

// ---- the rig ----

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// lines returns the log lines that contain every one of parts.
func (b *syncBuffer) lines(parts ...string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, l := range strings.Split(b.b.String(), "\n") {
		if l != "" && !slices.ContainsFunc(parts, func(p string) bool { return !strings.Contains(l, p) }) {
			out = append(out, l)
		}
	}
	return out
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// rig is a dispatcher's world: a clock, an outbox, a Telegram and a
// Discord notifier, and the log.
type rig struct {
	clock  *fakeClock
	outbox *fakeOutbox
	tg, dc *fakeNotifier
	logs   *syncBuffer
	core   *Core
}

func newRig() *rig {
	return &rig{
		clock:  &fakeClock{t: time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC)},
		outbox: newFakeOutbox(),
		tg:     &fakeNotifier{platform: "telegram"},
		dc:     &fakeNotifier{platform: "discord"},
		logs:   &syncBuffer{},
		core:   newTestCore(newFakeEngine()),
	}
}

// dispatcher returns a dispatcher over the rig, with the Telegram and
// Discord notifiers unless notifiers says otherwise, a small Grace, and the
// rig's clock and log.
func (r *rig) dispatcher(opts DispatcherOptions, notifiers map[string]Notifier) *Dispatcher {
	if notifiers == nil {
		notifiers = map[string]Notifier{"telegram": r.tg, "discord": r.dc}
	}
	if opts.Grace == 0 {
		opts.Grace = 20 * time.Millisecond
	}
	opts.Now = r.clock.Now
	opts.Logger = slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return NewDispatcher(r.core, r.outbox, notifiers, opts)
}

// alert is an alert created now.
func (r *rig) alert(cycle int64, player, club string, stage, previous rumours.Stage) rumours.Alert {
	return rumours.Alert{
		Cycle: cycle, Created: r.clock.Now(), Player: player, Club: club,
		Stage: stage, Previous: previous, Outlet: "Marca", Published: r.clock.Now(),
		Quote: player + " is wanted by " + club + ".",
	}
}

func mustDispatch(t *testing.T, d *Dispatcher, ctx context.Context) int {
	t.Helper()
	n, err := d.Dispatch(ctx)
	if err != nil {
		t.Fatalf("Dispatch: %v", err)
	}
	return n
}

// checkExactlyOnce checks that every delivery the outbox marked sent was
// carried by exactly one message its platform accepted, that the messages
// carried nothing else and, with all, that every delivery was sent.
func (r *rig) checkExactlyOnce(t *testing.T, all bool) {
	t.Helper()
	got := r.tg.received(t)
	for k, n := range r.dc.received(t) {
		got[k] = n
	}
	sent := r.outbox.inState(stateSent)
	for _, k := range sent {
		if got[k] != 1 {
			t.Errorf("delivery %+v is marked sent but was in %d messages", k, got[k])
		}
	}
	for k, n := range got {
		if !slices.Contains(sent, k) {
			t.Errorf("delivery %+v was in %d messages but is not marked sent", k, n)
		}
	}
	if all {
		if pending := r.outbox.inState(statePending); len(pending) > 0 {
			t.Errorf("%d deliveries still pending, first %+v", len(pending), pending[0])
		}
	}
}

// ---- the tests ----

// TestDispatchDeliversEachAlertOnceToEachChannel fans alerts out to many
// channels on two platforms, some following the player, some the club,
// some both: each (alert, channel) goes out once, a channel's alerts about
// one player from one cycle come as one message, and the message offers to
// unsubscribe from what the channel follows.
func TestDispatchDeliversEachAlertOnceToEachChannel(t *testing.T) {
	r := newRig()
	const n = 120
	for i := range n {
		r.outbox.follow("telegram", fmt.Sprintf("t%03d", i), rumours.KindPlayer, "Sergio Ramos")
		r.outbox.follow("discord", fmt.Sprintf("d%03d", i), rumours.KindPlayer, "Sergio Ramos")
		if i%2 == 0 { // half the Telegram channels follow Real Madrid too
			r.outbox.follow("telegram", fmt.Sprintf("t%03d", i), rumours.KindClub, "Real Madrid")
		}
		r.outbox.follow("telegram", fmt.Sprintf("club%03d", i), rumours.KindClub, "Real Madrid")
	}
	ramosMadrid := r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	ramosMiami := r.outbox.publish(r.alert(1, "Sergio Ramos", "Inter Miami", rumours.Interest, rumours.StageUnknown))
	mbappe := r.outbox.publish(r.alert(1, "Kylian Mbappé", "Real Madrid", rumours.Bid, rumours.Talks))
	ramosBid := r.outbox.publish(r.alert(2, "Sergio Ramos", "Real Madrid", rumours.Bid, rumours.Talks))

	d := r.dispatcher(DispatcherOptions{Workers: 16, Batch: 50}, nil)
	sent := mustDispatch(t, d, context.Background())
	r.checkExactlyOnce(t, true)

	// Player followers: cycle 1's two Ramos alerts in one message, then
	// cycle 2's. Club followers: cycle 1's Mbappé and Ramos alerts about
	// Real Madrid (two players, two messages), then cycle 2's.
	wantMessages := 0
	check := func(f *fakeNotifier, channel string, want [][]int64, button string) {
		t.Helper()
		got := f.sentTo(channel)
		wantMessages += len(want)
		if len(got) != len(want) {
			t.Errorf("%s/%s got %d messages, want %d", f.platform, channel, len(got), len(want))
			return
		}
		for i, m := range got {
			if ids := alertIDs(t, m); !slices.Equal(ids, want[i]) {
				t.Errorf("%s/%s message %d carries alerts %v, want %v", f.platform, channel, i+1, ids, want[i])
			}
			if len(m.Buttons) != 1 || m.Buttons[0].Action != button {
				t.Errorf("%s/%s message %d buttons %+v, want one that sends %q", f.platform, channel, i+1, m.Buttons, button)
			}
		}
	}
	for i := range n {
		player := [][]int64{{ramosMadrid.ID, ramosMiami.ID}, {ramosBid.ID}}
		check(r.dc, fmt.Sprintf("d%03d", i), player, "unsubscribe player Sergio Ramos")
		if i%2 == 0 {
			// follows both: one delivery each, the player's; Mbappé's alert
			// about Real Madrid reaches it through the club
			both := [][]int64{{mbappe.ID}, {ramosMadrid.ID, ramosMiami.ID}, {ramosBid.ID}}
			got := r.tg.sentTo(fmt.Sprintf("t%03d", i))
			wantMessages += len(both)
			if len(got) != 3 {
				t.Errorf("telegram/t%03d got %d messages, want 3", i, len(got))
				continue
			}
			for j, m := range got {
				if ids := alertIDs(t, m); !slices.Equal(ids, both[j]) {
					t.Errorf("telegram/t%03d message %d carries alerts %v, want %v", i, j+1, ids, both[j])
				}
			}
			if a := got[0].Buttons[0].Action; a != "unsubscribe club Real Madrid" {
				t.Errorf("Mbappé's alert to a Real Madrid follower offers %q", a)
			}
			if a := got[1].Buttons[0].Action; a != "unsubscribe player Sergio Ramos" {
				t.Errorf("Ramos's alerts to a channel following him and Real Madrid offer %q", a)
			}
		} else {
			check(r.tg, fmt.Sprintf("t%03d", i), player, "unsubscribe player Sergio Ramos")
		}
		check(r.tg, fmt.Sprintf("club%03d", i), [][]int64{{mbappe.ID}, {ramosMadrid.ID}, {ramosBid.ID}}, "unsubscribe club Real Madrid")
	}
	if sent != wantMessages || r.tg.callCount()+r.dc.callCount() != wantMessages {
		t.Errorf("Dispatch sent %d messages in %d calls, want %d", sent, r.tg.callCount()+r.dc.callCount(), wantMessages)
	}

	// Nothing is left to send.
	if again := mustDispatch(t, d, context.Background()); again != 0 {
		t.Errorf("a second pass sent %d messages", again)
	}
	r.checkExactlyOnce(t, true)
}

// TestDispatchGroupsAPlayersAlertsOfOneCycle: a channel gets one message
// per player per cycle, listing that group's alerts, and its messages in
// the outbox's order (cycle, then player) whatever order they were written
// in.
func TestDispatchGroupsAPlayersAlertsOfOneCycle(t *testing.T) {
	type pub struct {
		cycle  int64
		player string
		club   string
	}
	tests := []struct {
		name   string
		alerts []pub
		want   [][]int // per message, indexes into alerts
		titles []string
	}{
		{"two alerts about one player in one cycle", []pub{{1, "Sergio Ramos", "Real Madrid"}, {1, "Sergio Ramos", "Inter Miami"}},
			[][]int{{0, 1}}, []string{"Sergio Ramos: 2 transfer updates"}},
		{"one player, two cycles", []pub{{1, "Sergio Ramos", "Real Madrid"}, {2, "Sergio Ramos", "Inter Miami"}},
			[][]int{{0}, {1}}, []string{"Sergio Ramos to Real Madrid: talks", "Sergio Ramos to Inter Miami: talks"}},
		{"two players, one cycle", []pub{{1, "Sergio Ramos", "Real Madrid"}, {1, "Kylian Mbappé", "Real Madrid"}},
			[][]int{{1}, {0}}, []string{"Kylian Mbappé to Real Madrid: talks", "Sergio Ramos to Real Madrid: talks"}},
		{"written out of order", []pub{
			{3, "Sergio Ramos", "Al-Nassr"}, {2, "Sergio Ramos", "Real Madrid"}, {2, "Kylian Mbappé", "Real Madrid"},
			{1, "Sergio Ramos", "Inter Miami"}, {2, "Sergio Ramos", "Inter Miami"}},
			[][]int{{3}, {2}, {1, 4}, {0}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig()
			// the channel under test, among others that spread the work
			for i := range 40 {
				ch := fmt.Sprintf("c%02d", i)
				r.outbox.follow("telegram", ch, rumours.KindPlayer, "Sergio Ramos")
				r.outbox.follow("telegram", ch, rumours.KindPlayer, "Kylian Mbappé")
			}
			var ids []int64
			for _, p := range tt.alerts {
				ids = append(ids, r.outbox.publish(r.alert(p.cycle, p.player, p.club, rumours.Talks, rumours.Interest)).ID)
			}
			d := r.dispatcher(DispatcherOptions{Workers: 8}, nil)
			mustDispatch(t, d, context.Background())
			r.checkExactlyOnce(t, true)
			for i := range 40 {
				ch := fmt.Sprintf("c%02d", i)
				got := r.tg.sentTo(ch)
				if len(got) != len(tt.want) {
					t.Fatalf("%s got %d messages, want %d", ch, len(got), len(tt.want))
				}
				for j, m := range got {
					var want []int64
					for _, k := range tt.want[j] {
						want = append(want, ids[k])
					}
					if g := alertIDs(t, m); !slices.Equal(g, want) {
						t.Errorf("%s message %d carries alerts %v, want %v", ch, j+1, g, want)
					}
					if len(m.Lines) != len(want) {
						t.Errorf("%s message %d has %d lines, want %d", ch, j+1, len(m.Lines), len(want))
					}
					if tt.titles != nil && m.Title != tt.titles[j] {
						t.Errorf("%s message %d title %q, want %q", ch, j+1, m.Title, tt.titles[j])
					}
				}
			}
		})
	}
}

// TestDispatchOffersToUnsubscribeFromThePlayer: when a message groups
// alerts that reached the channel through the club and through the player
// (the player's subscription wants bids or beyond), its button unsubscribes
// from the player.
func TestDispatchOffersToUnsubscribeFromThePlayer(t *testing.T) {
	r := newRig()
	r.outbox.follow("telegram", "c", rumours.KindClub, "Real Madrid")
	r.outbox.followFrom("telegram", "c", rumours.KindPlayer, "Sergio Ramos", rumours.Bid)
	talks := r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	bid := r.outbox.publish(r.alert(1, "Sergio Ramos", "Inter Miami", rumours.Bid, rumours.Talks))
	if row := r.outbox.row(t, talks, "telegram", "c"); row.Kind != rumours.KindClub {
		t.Fatalf("test bug: the talks alert reached the channel through its %s subscription", row.Kind)
	}
	mustDispatch(t, r.dispatcher(DispatcherOptions{}, nil), context.Background())
	got := r.tg.sentTo("c")
	if len(got) != 1 || !slices.Equal(alertIDs(t, got[0]), []int64{talks.ID, bid.ID}) {
		t.Fatalf("got %d messages, want one with both alerts", len(got))
	}
	if b := got[0].Buttons; len(b) != 1 || b[0].Action != "unsubscribe player Sergio Ramos" {
		t.Errorf("buttons = %+v, want one to unsubscribe from Sergio Ramos", b)
	}
}

// TestDispatchStopsMidFanOutWithoutLossOrRepeat cancels the dispatcher's
// context while it fans out: Dispatch returns, what was in flight is
// finished and marked, and the next pass sends exactly the rest.
func TestDispatchStopsMidFanOutWithoutLossOrRepeat(t *testing.T) {
	tests := []struct {
		name    string
		workers int
		// script returns a Notify script that cancels the pass; in flight
		// is how many messages are sent by the time it is cancelled
		script   func(cancel context.CancelFunc) func(ctx context.Context, n int, channel string) error
		inFlight int
	}{
		{"one worker, cancelled by the 7th send", 1, func(cancel context.CancelFunc) func(context.Context, int, string) error {
			return func(_ context.Context, n int, _ string) error {
				if n == 7 {
					cancel()
				}
				return nil
			}
		}, 7},
		{"four workers, cancelled while all four are sending", 4, func(cancel context.CancelFunc) func(context.Context, int, string) error {
			// The first four sends wait for each other; the fourth cancels
			// and lets them all finish.
			gate := make(chan struct{})
			return func(_ context.Context, n int, _ string) error {
				switch {
				case n < 4:
					select {
					case <-gate:
					case <-time.After(time.Minute):
						return errors.New("test bug: the fourth send never came")
					}
				case n == 4:
					cancel()
					close(gate)
				}
				return nil
			}
		}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig()
			const channels = 100
			for i := range channels {
				r.outbox.follow("telegram", fmt.Sprintf("c%03d", i), rumours.KindPlayer, "Sergio Ramos")
			}
			r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
			r.outbox.publish(r.alert(1, "Sergio Ramos", "Inter Miami", rumours.Interest, rumours.StageUnknown))

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r.tg.setScript(tt.script(cancel))
			d := r.dispatcher(DispatcherOptions{Workers: tt.workers, Grace: 10 * time.Second}, nil)
			sent, err := d.Dispatch(ctx)
			if err != nil {
				t.Fatalf("Dispatch: %v", err)
			}
			if sent != tt.inFlight || r.tg.sentCount() != tt.inFlight {
				t.Errorf("the cancelled pass sent %d messages (notifier: %d), want the %d in flight", sent, r.tg.sentCount(), tt.inFlight)
			}
			if n := len(r.outbox.inState(stateSent)); n != 2*tt.inFlight {
				t.Errorf("%d deliveries marked sent, want %d: those in flight are marked", n, 2*tt.inFlight)
			}
			r.checkExactlyOnce(t, false)

			r.tg.setScript(nil)
			rest := mustDispatch(t, d, context.Background())
			if rest != channels-tt.inFlight {
				t.Errorf("the next pass sent %d messages, want the %d left", rest, channels-tt.inFlight)
			}
			r.checkExactlyOnce(t, true)
			for i := range channels {
				ch := fmt.Sprintf("c%03d", i)
				if got := r.tg.callsTo(ch); got != 1 {
					t.Errorf("%s was sent %d messages over both passes, want 1", ch, got)
				}
			}
		})
	}
}

// TestDispatchGraceCutsAHungSend: a send still hanging Grace after the
// context ended is abandoned; its delivery stays pending, due at once and
// with no failed attempt counted, so the next pass sends it.
func TestDispatchGraceCutsAHungSend(t *testing.T) {
	r := newRig()
	for _, ch := range []string{"a", "hung", "z"} {
		r.outbox.follow("telegram", ch, rumours.KindPlayer, "Sergio Ramos")
	}
	a := r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.tg.setScript(func(ctx context.Context, n int, channel string) error {
		if channel == "hung" {
			cancel()
			<-ctx.Done() // the send's context: ends Grace after the dispatcher's
			return ctx.Err()
		}
		return nil
	})
	d := r.dispatcher(DispatcherOptions{Workers: 1, Grace: 20 * time.Millisecond}, nil)
	if _, err := d.Dispatch(ctx); err != nil {
		t.Fatalf("Dispatch: %v", err)
	}
	row := r.outbox.row(t, a, "telegram", "hung")
	if row.state != statePending || row.Attempts != 0 || !row.nextTry.IsZero() {
		t.Errorf("hung delivery: state %s, %d attempts, next try %v; want pending, due at once", row.state, row.Attempts, row.nextTry)
	}
	if r.tg.callsTo("z") != 0 {
		t.Errorf("a message was started after the context ended")
	}
	if lines := r.logs.lines("cut short by shutdown", "channel=hung"); len(lines) != 1 {
		t.Errorf("want one log line about the cut send, log:\n%s", r.logs)
	}

	r.tg.setScript(nil)
	mustDispatch(t, d, context.Background()) // the clock has not moved
	r.checkExactlyOnce(t, true)
	for _, ch := range []string{"a", "hung", "z"} {
		if n := len(r.tg.sentTo(ch)); n != 1 {
			t.Errorf("%s got %d messages, want 1", ch, n)
		}
	}
}

// TestDispatchRetriesAFailedSendLater: a transient Notify error (a 429 the
// adapter gave up on) makes the delivery wait, longer after each failure;
// it is not tried again in the same pass, and once its wait is over the
// next pass delivers it, once.
func TestDispatchRetriesAFailedSendLater(t *testing.T) {
	r := newRig()
	for _, ch := range []string{"c1", "c2", "c3"} {
		r.outbox.follow("telegram", ch, rumours.KindPlayer, "Sergio Ramos")
	}
	a := r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	failures := 2
	var mu sync.Mutex
	r.tg.setScript(func(_ context.Context, _ int, channel string) error {
		mu.Lock()
		defer mu.Unlock()
		if channel == "c2" && failures > 0 {
			failures--
			return errors.New("telegram: Too Many Requests: retry after 30")
		}
		return nil
	})
	d := r.dispatcher(DispatcherOptions{Workers: 4}, nil)
	ctx := context.Background()

	start := r.clock.Now()
	if n := mustDispatch(t, d, ctx); n != 2 {
		t.Errorf("first pass sent %d messages, want 2", n)
	}
	row := r.outbox.row(t, a, "telegram", "c2")
	firstWait := row.nextTry.Sub(start)
	if row.state != statePending || row.Attempts != 1 || firstWait <= 0 || !strings.Contains(row.note, "Too Many Requests") {
		t.Errorf("after one failure: state %s, %d attempts, next try in %v, note %q", row.state, row.Attempts, firstWait, row.note)
	}
	if n := r.tg.callsTo("c2"); n != 1 {
		t.Errorf("c2 was tried %d times in the pass, want 1", n)
	}
	if lines := r.logs.lines("level=WARN", "will retry", "channel=c2", "attempt=1"); len(lines) != 1 {
		t.Errorf("want one warning about the failed delivery, log:\n%s", r.logs)
	}

	// Not due yet: nothing happens.
	if n := mustDispatch(t, d, ctx); n != 0 || r.tg.callsTo("c2") != 1 {
		t.Errorf("a pass before the retry time sent %d messages, tried c2 %d times", n, r.tg.callsTo("c2"))
	}

	// Due: it fails again and waits longer.
	r.clock.Add(firstWait)
	mustDispatch(t, d, ctx)
	row = r.outbox.row(t, a, "telegram", "c2")
	if secondWait := row.nextTry.Sub(r.clock.Now()); row.Attempts != 2 || secondWait <= firstWait {
		t.Errorf("after two failures: %d attempts, next try in %v (the first wait was %v)", row.Attempts, secondWait, firstWait)
	}

	// Due again: delivered once.
	r.clock.Add(time.Hour)
	if n := mustDispatch(t, d, ctx); n != 1 {
		t.Errorf("the retry pass sent %d messages, want 1", n)
	}
	r.checkExactlyOnce(t, true)
	for ch, want := range map[string]int{"c1": 1, "c2": 3, "c3": 1} {
		if got := r.tg.callsTo(ch); got != want {
			t.Errorf("%s: %d calls, want %d", ch, got, want)
		}
		if got := len(r.tg.sentTo(ch)); got != 1 {
			t.Errorf("%s got %d messages, want 1", ch, got)
		}
	}
}

// TestDispatchLeavesRetriesDueAgainForTheNextPass: in a fan-out long
// enough for a failed delivery's wait to run out, the delivery is not
// tried twice in the pass, and the pass still ends cleanly.
// TestDispatchKeepsAChannelsAlertsInOrder: when a channel's first message
// fails, its later ones wait for the retry instead of overtaking it.
func TestDispatchKeepsAChannelsAlertsInOrder(t *testing.T) {
	r := newRig()
	r.outbox.follow("telegram", "c1", rumours.KindPlayer, "Sergio Ramos")
	r.outbox.follow("telegram", "c2", rumours.KindPlayer, "Sergio Ramos")
	r.outbox.publish(r.alert(1, "Sergio Ramos", "Paris Saint-Germain", rumours.Talks, rumours.StageUnknown))
	r.outbox.publish(r.alert(2, "Sergio Ramos", "Paris Saint-Germain", rumours.Agreed, rumours.Talks))
	r.outbox.publish(r.alert(3, "Sergio Ramos", "Paris Saint-Germain", rumours.Done, rumours.Agreed))
	failed := false
	var mu sync.Mutex
	r.tg.setScript(func(_ context.Context, _ int, channel string) error {
		mu.Lock()
		defer mu.Unlock()
		if channel == "c1" && !failed {
			failed = true
			return errors.New("telegram: Internal Server Error")
		}
		return nil
	})
	d := r.dispatcher(DispatcherOptions{Workers: 4}, nil)
	ctx := context.Background()
	mustDispatch(t, d, ctx)
	if n := r.tg.callsTo("c1"); n != 1 {
		t.Errorf("c1 was tried %d times after its first message failed, want 1", n)
	}
	if n := len(r.tg.sentTo("c2")); n != 3 {
		t.Errorf("c2 got %d messages, want 3", n)
	}
	r.clock.Add(time.Hour)
	mustDispatch(t, d, ctx)
	var titles []string
	for _, m := range r.tg.sentTo("c1") {
		titles = append(titles, m.Title)
	}
	want := []string{
		"New link: Sergio Ramos to Paris Saint-Germain",
		"Sergio Ramos to Paris Saint-Germain: agreed",
		"Done deal: Sergio Ramos joins Paris Saint-Germain",
	}
	if !slices.Equal(titles, want) {
		t.Errorf("c1 got %q, want %q in that order", titles, want)
	}
	r.checkExactlyOnce(t, true)
}

func TestDispatchLeavesRetriesDueAgainForTheNextPass(t *testing.T) {
	r := newRig()
	for i := range 10 {
		r.outbox.follow("telegram", fmt.Sprintf("c%02d", i), rumours.KindPlayer, "Sergio Ramos")
	}
	r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	var once sync.Once
	r.tg.setScript(func(_ context.Context, _ int, channel string) error {
		if channel == "c00" {
			var err error
			once.Do(func() { err = errors.New("telegram: Bad Gateway") })
			return err
		}
		r.clock.Add(time.Hour) // every other send takes an hour
		return nil
	})
	d := r.dispatcher(DispatcherOptions{Workers: 1, Batch: 2}, nil)
	if n := mustDispatch(t, d, context.Background()); n != 9 {
		t.Errorf("first pass sent %d messages, want 9", n)
	}
	if n := r.tg.callsTo("c00"); n != 1 {
		t.Errorf("c00 was tried %d times in one pass, want 1", n)
	}
	if n := mustDispatch(t, d, context.Background()); n != 1 {
		t.Errorf("second pass sent %d messages, want 1", n)
	}
	r.checkExactlyOnce(t, true)
}

// TestDispatchStopsSendingWhenTheOutboxFails: when a sent message cannot be
// marked, Dispatch reports it and starts no more messages (each would be
// sent again); the next pass repeats only that one message.
func TestDispatchStopsSendingWhenTheOutboxFails(t *testing.T) {
	r := newRig()
	for i := range 10 {
		r.outbox.follow("telegram", fmt.Sprintf("c%02d", i), rumours.KindPlayer, "Sergio Ramos")
	}
	r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	diskFull := errors.New("database or disk is full")
	r.outbox.markSentErr = diskFull
	d := r.dispatcher(DispatcherOptions{Workers: 1}, nil)
	n, err := d.Dispatch(context.Background())
	if !errors.Is(err, diskFull) {
		t.Errorf("Dispatch error = %v, want the outbox's", err)
	}
	if n != 1 || r.tg.callCount() != 1 {
		t.Errorf("Dispatch sent %d messages (%d calls) after the outbox failed, want only the one that failed to be marked", n, r.tg.callCount())
	}
	mustDispatch(t, d, context.Background())
	for i := range 10 {
		ch := fmt.Sprintf("c%02d", i)
		want := 1
		if ch == "c00" {
			want = 2 // accepted, not marked: sent again
		}
		if got := len(r.tg.sentTo(ch)); got != want {
			t.Errorf("%s got %d messages, want %d", ch, got, want)
		}
	}
	if pending := r.outbox.inState(statePending); len(pending) != 0 {
		t.Errorf("%d deliveries still pending", len(pending))
	}
}

// TestDispatchDropsAChannelThatIsGone: ErrChannelGone drops every pending
// delivery to that channel (due or not) and sends it nothing more; the same
// channel id on another platform, and other channels, are unaffected.
func TestDispatchDropsAChannelThatIsGone(t *testing.T) {
	r := newRig()
	for _, ch := range []string{"a", "gone", "z"} {
		for _, p := range []string{"telegram", "discord"} {
			r.outbox.follow(p, ch, rumours.KindPlayer, "Sergio Ramos")
			r.outbox.follow(p, ch, rumours.KindPlayer, "Kylian Mbappé")
		}
	}
	alerts := []rumours.Alert{
		r.outbox.publish(r.alert(1, "Kylian Mbappé", "Real Madrid", rumours.Talks, rumours.Interest)),
		r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest)),
		r.outbox.publish(r.alert(2, "Sergio Ramos", "Inter Miami", rumours.Bid, rumours.Talks)),
	}
	// an earlier alert waiting for a retry
	waiting := r.outbox.publish(r.alert(0, "Sergio Ramos", "Al-Nassr", rumours.Interest, rumours.StageUnknown))
	key := rumours.DeliveryKey{Alert: waiting.ID, Platform: "telegram", Channel: "gone"}
	if err := r.outbox.RetryDeliveries(context.Background(), []rumours.DeliveryKey{key}, r.clock.Now().Add(time.Hour), "timeout"); err != nil {
		t.Fatal(err)
	}
	r.tg.setScript(func(_ context.Context, _ int, channel string) error {
		if channel == "gone" {
			return fmt.Errorf("telegram: Forbidden: bot was blocked by the user: %w", ErrChannelGone)
		}
		return nil
	})
	d := r.dispatcher(DispatcherOptions{Workers: 4}, nil)
	mustDispatch(t, d, context.Background())

	if n := r.tg.callsTo("gone"); n != 1 {
		t.Errorf("telegram/gone was tried %d times, want once", n)
	}
	for _, a := range append(alerts, waiting) {
		row := r.outbox.row(t, a, "telegram", "gone")
		if row.state != stateDropped || !strings.Contains(row.note, "channel gone") {
			t.Errorf("alert %d to telegram/gone: state %s, note %q; want dropped as gone", a.ID, row.state, row.note)
		}
	}
	if lines := r.logs.lines("channel refused alerts for good", "platform=telegram", "channel=gone", "dropped=4"); len(lines) != 1 {
		t.Errorf("want one log line about the gone channel, log:\n%s", r.logs)
	}
	// Everyone else got all four alerts, in four messages.
	for _, ch := range []string{"a", "gone", "z"} {
		for _, f := range []*fakeNotifier{r.tg, r.dc} {
			if f == r.tg && ch == "gone" {
				continue
			}
			if n := len(f.sentTo(ch)); n != 4 {
				t.Errorf("%s/%s got %d messages, want 4", f.platform, ch, n)
			}
		}
	}
	r.checkExactlyOnce(t, false)
	if pending := r.outbox.inState(statePending); len(pending) != 0 {
		t.Errorf("pending after the pass: %+v", pending)
	}
}

// TestDispatchExpiresOldAlerts: deliveries of alerts older than MaxAge are
// dropped unsent, with a log line each; younger ones are delivered.
func TestDispatchExpiresOldAlerts(t *testing.T) {
	r := newRig()
	for _, ch := range []string{"t1", "t2"} {
		r.outbox.follow("telegram", ch, rumours.KindPlayer, "Sergio Ramos")
	}
	r.outbox.follow("slack", "s1", rumours.KindPlayer, "Sergio Ramos") // no notifier
	now := r.clock.Now()
	at := func(age time.Duration, club string) rumours.Alert {
		a := r.alert(1, "Sergio Ramos", club, rumours.Talks, rumours.Interest)
		a.Created = now.Add(-age)
		return r.outbox.publish(a)
	}
	old := at(25*time.Hour, "Real Madrid")
	atCutoff := at(24*time.Hour, "Inter Miami")
	young := at(time.Hour, "Al-Nassr")

	d := r.dispatcher(DispatcherOptions{MaxAge: 24 * time.Hour}, nil)
	mustDispatch(t, d, context.Background())

	for _, ch := range []string{"t1", "t2", "s1"} {
		platform := "telegram"
		if ch == "s1" {
			platform = "slack"
		}
		row := r.outbox.row(t, old, platform, ch)
		if row.state != stateDropped || row.note == "" {
			t.Errorf("old alert to %s: state %s, note %q; want dropped with a note", ch, row.state, row.note)
		}
		lines := r.logs.lines("level=WARN", `msg="alert dropped: still undelivered after 24h0m0s"`,
			"alert="+strconv.FormatInt(old.ID, 10)+" ", `player="Sergio Ramos"`, `club="Real Madrid"`, "platform="+platform, "channel="+ch)
		if len(lines) != 1 {
			t.Errorf("want one log line for the old alert's drop to %s, log:\n%s", ch, r.logs)
		}
	}
	if lines := r.logs.lines("alert dropped"); len(lines) != 3 {
		t.Errorf("%d drop lines, want 3, log:\n%s", len(lines), r.logs)
	}
	for _, ch := range []string{"t1", "t2"} {
		got := r.tg.sentTo(ch)
		if len(got) != 2 {
			t.Fatalf("%s got %d messages, want 2 (a notice of the drop, the alerts)", ch, len(got))
		}
		if want := "An alert for this channel could not be delivered within 24 hours and was dropped."; !strings.HasPrefix(got[0].Text, want) {
			t.Errorf("%s was told %q, want %q", ch, got[0].Text, want)
		}
		if ids := alertIDs(t, got[1]); !slices.Equal(ids, []int64{atCutoff.ID, young.ID}) {
			t.Errorf("%s was sent alerts %v, want %v: not the old one", ch, ids, []int64{atCutoff.ID, young.ID})
		}
	}

	r.checkExactlyOnce(t, false)

	// More alerts expiring within MaxAge of the notice make no other.
	r.clock.Add(time.Hour)
	later := at(26*time.Hour, "Sevilla")
	mustDispatch(t, d, context.Background())
	if row := r.outbox.row(t, later, "telegram", "t1"); row.state != stateDropped {
		t.Fatalf("the later old alert: state %s, want dropped", row.state)
	}
	for _, ch := range []string{"t1", "t2"} {
		if got := r.tg.sentTo(ch); len(got) != 2 {
			t.Errorf("%s got %d messages after a second pass, want still 2", ch, len(got))
		}
	}
}

// TestDispatchKeepsDeliveriesForPlatformsWithoutANotifier: a platform that
// is not running (no notifier) keeps its deliveries pending, neither sent
// nor dropped, until they are older than MaxAge.
func TestDispatchKeepsDeliveriesForPlatformsWithoutANotifier(t *testing.T) {
	r := newRig()
	r.outbox.follow("telegram", "t1", rumours.KindPlayer, "Sergio Ramos")
	r.outbox.follow("discord", "d1", rumours.KindPlayer, "Sergio Ramos")
	a := r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	d := r.dispatcher(DispatcherOptions{MaxAge: time.Hour}, map[string]Notifier{"telegram": r.tg})
	for range 3 {
		mustDispatch(t, d, context.Background())
		r.clock.Add(15 * time.Minute)
	}
	if row := r.outbox.row(t, a, "discord", "d1"); row.state != statePending || row.Attempts != 0 {
		t.Errorf("discord delivery after 45 minutes: state %s, %d attempts; want pending, untried", row.state, row.Attempts)
	}
	if n := len(r.tg.sentTo("t1")); n != 1 {
		t.Errorf("t1 got %d messages, want 1", n)
	}
	if r.dc.callCount() != 0 {
		t.Errorf("the Discord notifier that was not given was called")
	}
	r.clock.Add(time.Hour)
	mustDispatch(t, d, context.Background())
	if row := r.outbox.row(t, a, "discord", "d1"); row.state != stateDropped {
		t.Errorf("discord delivery after MaxAge: state %s, want dropped", row.state)
	}
	if lines := r.logs.lines("alert dropped", "platform=discord", "channel=d1"); len(lines) != 1 {
		t.Errorf("want one drop line, log:\n%s", r.logs)
	}
}

// TestDispatchBatchDoesNotSplitAGroup: a read of the outbox that stops
// inside a channel's group of alerts leaves that group for the next read,
// unless it is the only group, so a small Batch never splits a message
// that could go whole; a group larger than Batch is still delivered.
func TestDispatchBatchDoesNotSplitAGroup(t *testing.T) {
	type pub struct {
		player, club string
	}
	tests := []struct {
		name   string
		batch  int
		alerts []pub
		want   [][]int // per message, indexes into alerts
	}{
		{"the read stops inside the second group", 3,
			[]pub{{"Kylian Mbappé", "Real Madrid"}, {"Kylian Mbappé", "Al-Nassr"}, {"Sergio Ramos", "Real Madrid"}, {"Sergio Ramos", "Inter Miami"}},
			[][]int{{0, 1}, {2, 3}}},
		{"a Batch of one splits groups but loses nothing", 1,
			[]pub{{"Kylian Mbappé", "Real Madrid"}, {"Kylian Mbappé", "Al-Nassr"}, {"Sergio Ramos", "Real Madrid"}, {"Jadon Sancho", "Juventus"}},
			[][]int{{3}, {0}, {1}, {2}}},
		{"a group larger than Batch", 2,
			[]pub{{"Sergio Ramos", "Real Madrid"}, {"Sergio Ramos", "Inter Miami"}, {"Sergio Ramos", "Al-Nassr"}, {"Sergio Ramos", "Benfica"}, {"Sergio Ramos", "Sevilla"}},
			[][]int{{0, 1}, {2, 3}, {4}}},
		{"groups that fit", 10,
			[]pub{{"Kylian Mbappé", "Real Madrid"}, {"Kylian Mbappé", "Al-Nassr"}, {"Sergio Ramos", "Real Madrid"}, {"Sergio Ramos", "Inter Miami"}},
			[][]int{{0, 1}, {2, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig()
			for _, p := range []string{"Sergio Ramos", "Kylian Mbappé", "Jadon Sancho"} {
				r.outbox.follow("telegram", "c", rumours.KindPlayer, p)
			}
			var ids []int64
			for _, p := range tt.alerts {
				ids = append(ids, r.outbox.publish(r.alert(1, p.player, p.club, rumours.Talks, rumours.Interest)).ID)
			}
			d := r.dispatcher(DispatcherOptions{Batch: tt.batch}, nil)
			mustDispatch(t, d, context.Background())
			r.checkExactlyOnce(t, true)
			got := r.tg.sentTo("c")
			var gotIDs, wantIDs [][]int64
			for _, m := range got {
				gotIDs = append(gotIDs, alertIDs(t, m))
			}
			for _, w := range tt.want {
				var g []int64
				for _, k := range w {
					g = append(g, ids[k])
				}
				wantIDs = append(wantIDs, g)
			}
			if !slices.EqualFunc(gotIDs, wantIDs, slices.Equal) {
				t.Errorf("messages carry alerts %v, want %v", gotIDs, wantIDs)
			}
		})
	}
}

// TestDispatchBatchOverManyChannels: with a Batch much smaller than the
// fan-out, every channel still gets its group whole, once.
func TestDispatchBatchOverManyChannels(t *testing.T) {
	r := newRig()
	const channels = 200
	for i := range channels {
		r.outbox.follow("telegram", fmt.Sprintf("c%03d", i), rumours.KindPlayer, "Sergio Ramos")
	}
	r.outbox.publish(r.alert(1, "Sergio Ramos", "Real Madrid", rumours.Talks, rumours.Interest))
	r.outbox.publish(r.alert(1, "Sergio Ramos", "Inter Miami", rumours.Interest, rumours.StageUnknown))
	r.outbox.publish(r.alert(1, "Sergio Ramos", "Al-Nassr", rumours.Interest, rumours.StageUnknown))
	d := r.dispatcher(DispatcherOptions{Batch: 7, Workers: 8}, nil)
	if n := mustDispatch(t, d, context.Background()); n != channels {
		t.Errorf("sent %d messages, want %d", n, channels)
	}
	r.checkExactlyOnce(t, true)
	for i := range channels {
		ch := fmt.Sprintf("c%03d", i)
		if got := r.tg.sentTo(ch); len(got) != 1 || len(got[0].Lines) != 3 {
			t.Errorf("%s got %d messages, want one with the 3 alerts", ch, len(got))
		}
	}
}

// TestRunDeliversOnWake: Run sends alerts written after it started soon
// after Wake, without waiting for Poll, and returns ctx.Err() when ctx ends.
func TestRunDeliversOnWake(t *testing.T) {
	r := newRig()
	r.outbox.follow("telegram", "c1", rumours.KindPlayer, "Sergio Ramos")
	d := r.dispatcher(DispatcherOptions{Poll: time.Hour}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()

	waitUntil := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(time.Minute) // guards against a hang only
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("still waiting for %s", what)
			}
			time.Sleep(time.Millisecond)
		}
	}
	// Run's first pass found the outbox empty; the next pass is an hour
	// away, unless woken.
	waitUntil("the first pass", func() bool { return r.outbox.readCount() > 0 })
	for cycle := range int64(3) {
		r.outbox.publish(r.alert(cycle+1, "Sergio Ramos", "Real Madrid", rumours.Talks+rumours.Stage(cycle), rumours.Interest))
		d.Wake()
		waitUntil(fmt.Sprintf("alert %d, written after Wake", cycle+1), func() bool { return len(r.tg.sentTo("c1")) == int(cycle+1) })
	}

	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Run did not return after its context ended")
	}
	r.checkExactlyOnce(t, true)
}

// TestWakeNeverBlocks: Wake returns at once whether Run is running or not.
func TestWakeNeverBlocks(t *testing.T) {
	d := newRig().dispatcher(DispatcherOptions{}, nil)
	for range 100 {
		d.Wake()
	}
}

// TestDispatchPrunes: delivered alerts older than Keep are deleted, at most
// once an hour, and alerts still pending are kept.
func TestDispatchPrunes(t *testing.T) {
	o := newFakeOutbox()
	o.follow("telegram", "1", rumours.KindPlayer, "Erling Haaland")
	now := time.Date(2021, 4, 10, 12, 0, 0, 0, time.UTC)
	clock := now
	old := o.publish(rumours.Alert{Cycle: 1, Created: now.Add(-10 * 24 * time.Hour), Player: "Erling Haaland", Club: "Chelsea", Stage: rumours.Talks})
	d := NewDispatcher(New(newFakeEngine(), Options{}), o, map[string]Notifier{}, DispatcherOptions{
		Now: func() time.Time { return clock }, MaxAge: 30 * 24 * time.Hour, Keep: 7 * 24 * time.Hour})
	if _, err := d.Dispatch(context.Background()); err != nil {
		t.Fatal(err)
	}
	if o.row(t, old, "telegram", "1").state != statePending {
		t.Fatalf("a pending alert was pruned")
	}
	o.mu.Lock()
	for _, r := range o.rows {
		r.state = stateSent
	}
	o.mu.Unlock()
	clock = now.Add(30 * time.Minute)
	d.Dispatch(context.Background())
	if o.prunes != 1 {
		t.Errorf("pruned %d times within the hour, want once", o.prunes)
	}
	clock = now.Add(61 * time.Minute)
	d.Dispatch(context.Background())
	if o.prunes != 2 || len(o.rows) != 0 {
		t.Errorf("after an hour: %d prunes, %d deliveries left; want 2 and none", o.prunes, len(o.rows))
	}
}
