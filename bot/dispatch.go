package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"transferbot/rumours"
)

// Outbox is what the Dispatcher needs from the rumour engine: the store's
// outbox of alert deliveries (see rumours.Store for each contract).
type Outbox interface {
	ClaimDeliveries(ctx context.Context, platforms []string, due time.Time, limit int, claimant string, until time.Time) ([]rumours.Delivery, error)
	ReleaseDeliveries(ctx context.Context, keys []rumours.DeliveryKey, claimant string) error
	MarkSent(ctx context.Context, keys []rumours.DeliveryKey, at time.Time) error
	RetryDeliveries(ctx context.Context, keys []rumours.DeliveryKey, next time.Time, note string) error
	DropChannelDeliveries(ctx context.Context, platform, channel, note string) (int, error)
	ExpireDeliveries(ctx context.Context, cutoff time.Time, note string) ([]rumours.Delivery, error)
	PruneAlerts(ctx context.Context, cutoff time.Time) (int, error)
}

// DispatcherOptions tune a Dispatcher. Zero fields take their defaults.
type DispatcherOptions struct {
	// MaxAge is how long an alert may wait for delivery before it is
	// dropped with a log line; default 24h.
	MaxAge time.Duration
	// Keep is how long delivered (or dropped) alerts stay in the outbox
	// before they are deleted, at most once an hour; default 7 days.
	Keep time.Duration
	// Batch is how many deliveries are read from the outbox at once;
	// default 2000.
	Batch int
	// Workers is how many messages are in flight at once over all
	// channels (one channel's messages go one at a time, in order); default
	// 64. The adapters' own rate limits pace them.
	Workers int
	// Poll is how often the outbox is read when nothing wakes the
	// dispatcher (retries coming due); default 2s.
	Poll time.Duration
	// Grace is how long messages in flight may take to finish after Run's
	// context ends, so that they are marked sent, not sent again; default 10s.
	Grace time.Duration
	// Lease is how long the deliveries read at once are claimed for this
	// dispatcher: no other dispatcher sends them meanwhile, and after a
	// crash they wait that long before they are sent again. It must cover
	// sending a whole Batch; default 10 minutes.
	Lease time.Duration
	// Claimant names this dispatcher in its claims on the outbox; default
	// host, process id and a random number, unique to the dispatcher.
	Claimant string
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger gets a line per dropped alert and per failed delivery;
	// default discard.
	Logger *slog.Logger
	// Observer is told each delivery's outcome, for metrics; default none.
	Observer DeliveryObserver
}

// DeliveryObserver is told the outcome of the Dispatcher's deliveries, for
// the operator's metrics and health check. Methods must be cheap and safe
// for concurrent use.
type DeliveryObserver interface {
	// Delivered: platform accepted a message carrying alerts deliveries.
	Delivered(platform string, alerts int)
	// DeliveryFailed: a message to platform failed and will be retried.
	DeliveryFailed(platform string)
	// Dropped: alerts deliveries to platform were given up (channel gone,
	// or undelivered after MaxAge).
	Dropped(platform string, alerts int)
}

type nopDeliveryObserver struct{}

func (nopDeliveryObserver) Delivered(string, int) {}
func (nopDeliveryObserver) DeliveryFailed(string) {}
func (nopDeliveryObserver) Dropped(string, int)   {}

// Dispatcher delivers the alerts of the outbox to the channels that follow
// them, through the platforms' Notifiers: each (alert, channel) once. A
// channel's alerts about one player from one poll cycle go as one message.
// A delivery is marked sent only after the platform accepted the message,
// so a crash between the two repeats that one message and nothing else;
// a failed delivery is retried with growing waits; a channel the platform
// refuses for good (ErrChannelGone) is given up; an alert still undelivered
// after MaxAge is dropped. Deliveries for platforms without a Notifier wait
// (until MaxAge). One Dispatcher should run per database (the command takes
// a lock for that), but should two run, each claims the deliveries it
// reads before it sends them (Outbox.ClaimDeliveries), so that neither
// sends what the other does.
type Dispatcher struct {
	core      *Core
	outbox    Outbox
	notifiers map[string]Notifier
	platforms []string
	opts      DispatcherOptions
	log       *slog.Logger
	wake      chan struct{}

	pruneMu   sync.Mutex
	lastPrune time.Time

	toldMu sync.Mutex
	told   map[string]time.Time // platform+"\x00"+channel -> when it was last told of dropped alerts
}

// NewDispatcher returns a dispatcher that words alerts with core and sends
// them with notifiers, keyed by platform ("telegram", "discord", "console").
func NewDispatcher(core *Core, outbox Outbox, notifiers map[string]Notifier, opts DispatcherOptions) *Dispatcher {
	if opts.MaxAge <= 0 {
		opts.MaxAge = 24 * time.Hour
	}
	if opts.Keep <= 0 {
		opts.Keep = 7 * 24 * time.Hour
	}
	if opts.Batch <= 0 {
		opts.Batch = 2000
	}
	if opts.Workers <= 0 {
		opts.Workers = 64
	}
	if opts.Poll <= 0 {
		opts.Poll = 2 * time.Second
	}
	if opts.Grace <= 0 {
		opts.Grace = 10 * time.Second
	}
	if opts.Lease <= 0 {
		opts.Lease = 10 * time.Minute
	}
	if opts.Claimant == "" {
		host, _ := os.Hostname()
		opts.Claimant = fmt.Sprintf("%s/%d/%08x", host, os.Getpid(), rand.Uint32())
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Observer == nil {
		opts.Observer = nopDeliveryObserver{}
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	platforms := make([]string, 0, len(notifiers))
	for p := range notifiers {
		platforms = append(platforms, p)
	}
	slices.Sort(platforms)
	return &Dispatcher{
		core: core, outbox: outbox, notifiers: notifiers, platforms: platforms,
		opts: opts, log: log, wake: make(chan struct{}, 1), told: map[string]time.Time{},
	}
}

// Wake asks a running dispatcher to look at the outbox now (new alerts were
// written). It never blocks.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers alerts until ctx ends, then lets the messages in flight
// finish (for at most Grace) and returns ctx.Err(). Outbox errors are logged
// and retried; they do not stop Run.
func (d *Dispatcher) Run(ctx context.Context) error {
	t := time.NewTicker(d.opts.Poll)
	defer t.Stop()
	for {
		if _, err := d.Dispatch(ctx); err != nil && ctx.Err() == nil {
			d.log.Error("alert dispatch failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-d.wake:
		case <-t.C:
		}
	}
}

// Dispatch makes one pass over the outbox: it drops expired alerts, then
// sends every due delivery, reading the outbox again until nothing is due
// but deliveries it already tried (those wait for the next pass). It
// returns the number of messages the platforms accepted. When ctx ends it
// starts no new message, lets those in flight finish (for at most Grace;
// one cut short stays pending) and returns. When the outbox fails to record
// an outcome it starts no new message either, and returns the error.
func (d *Dispatcher) Dispatch(ctx context.Context) (int, error) {
	// Writes that record what happened must not be cut short by ctx.
	wctx := context.WithoutCancel(ctx)
	dropped, err := d.expire(wctx)
	if err != nil {
		return 0, err
	}
	d.tellDropped(ctx, dropped)
	if len(d.platforms) == 0 {
		return 0, nil
	}
	// sends in flight get Grace after ctx ends
	sctx, stop := context.WithCancel(wctx)
	defer stop()
	go func() {
		select {
		case <-ctx.Done():
			select {
			case <-time.After(d.opts.Grace):
				stop()
			case <-sctx.Done():
			}
		case <-sctx.Done():
		}
	}()
	sent := 0
	tried := map[rumours.DeliveryKey]bool{} // guards against an outbox that does not record outcomes
	for ctx.Err() == nil {
		now := d.opts.Now()
		claimed, err := d.outbox.ClaimDeliveries(ctx, d.platforms, now, d.opts.Batch, d.opts.Claimant, now.Add(d.opts.Lease))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return sent, fmt.Errorf("bot: dispatch: %w", err)
		}
		if len(claimed) == 0 {
			break
		}
		truncated := len(claimed) == d.opts.Batch
		// A delivery that failed earlier in this pass is due again when its
		// wait ran out during a long fan-out: it waits for the next pass,
		// which also ends a pass over an outbox that does not record
		// outcomes.
		pending := slices.DeleteFunc(slices.Clone(claimed), func(x rumours.Delivery) bool { return tried[x.DeliveryKey] })
		var msgs []*message
		if len(pending) > 0 {
			msgs = group(pending, truncated)
		}
		for _, m := range msgs {
			for _, x := range m.deliveries {
				tried[x.DeliveryKey] = true
			}
		}
		n, err := d.send(ctx, sctx, wctx, msgs)
		sent += n
		// What was claimed but not tried (left for the next read, or not
		// started because ctx ended or recording failed) is due again at
		// once, not when the lease ends.
		if rerr := d.release(wctx, claimed, msgs); rerr != nil {
			err = errors.Join(err, rerr)
		}
		if err != nil {
			return sent, err
		}
		if len(pending) == 0 {
			break
		}
	}
	return sent, nil
}

// release gives back the claimed deliveries that no message of msgs
// recorded an outcome for.
func (d *Dispatcher) release(ctx context.Context, claimed []rumours.Delivery, msgs []*message) error {
	done := map[rumours.DeliveryKey]bool{}
	for _, m := range msgs {
		if m.recorded {
			for _, x := range m.deliveries {
				done[x.DeliveryKey] = true
			}
		}
	}
	var keys []rumours.DeliveryKey
	for _, x := range claimed {
		if !done[x.DeliveryKey] {
			keys = append(keys, x.DeliveryKey)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	if err := d.outbox.ReleaseDeliveries(ctx, keys, d.opts.Claimant); err != nil {
		return fmt.Errorf("bot: dispatch: release: %w", err)
	}
	return nil
}

// expire drops deliveries older than MaxAge, with a log line each, and
// returns them; at most once an hour, it deletes alerts done with for
// longer than Keep.
func (d *Dispatcher) expire(ctx context.Context) ([]rumours.Delivery, error) {
	if err := d.prune(ctx); err != nil {
		return nil, err
	}
	dropped, err := d.outbox.ExpireDeliveries(ctx, d.opts.Now().Add(-d.opts.MaxAge), "undelivered after "+d.opts.MaxAge.String())
	if err != nil {
		return nil, fmt.Errorf("bot: dispatch: expire: %w", err)
	}
	for _, x := range dropped {
		d.opts.Observer.Dropped(x.Platform, 1)
		d.log.Warn("alert dropped: still undelivered after "+d.opts.MaxAge.String(),
			"alert", x.DeliveryKey.Alert, "player", x.Alert.Player, "club", x.Alert.Club,
			"platform", x.Platform, "channel", x.Channel, "attempts", x.Attempts)
	}
	return dropped, nil
}

// tellDropped tells each channel whose alerts expired unsent that they
// were dropped, once per MaxAge at most (alerts expiring one by one after
// an outage make one notice, not one each), where a notifier runs for its
// platform. A channel that cannot be told is left to the log lines.
func (d *Dispatcher) tellDropped(ctx context.Context, dropped []rumours.Delivery) {
	counts := map[[2]string]int{}
	var order [][2]string
	for _, x := range dropped {
		k := [2]string{x.Platform, x.Channel}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	now := d.opts.Now()
	for _, k := range order {
		n := d.notifiers[k[0]]
		if n == nil || ctx.Err() != nil {
			continue
		}
		key := k[0] + "\x00" + k[1]
		d.toldMu.Lock()
		last, told := d.told[key]
		if told && now.Sub(last) < d.opts.MaxAge {
			d.toldMu.Unlock()
			continue
		}
		d.told[key] = now
		if len(d.told) > 10000 { // forget the oldest news: a notice more is harmless
			for k, t := range d.told {
				if now.Sub(t) >= d.opts.MaxAge {
					delete(d.told, k)
				}
			}
		}
		d.toldMu.Unlock()
		if err := n.Notify(ctx, k[1], d.core.DroppedReply(counts[k], d.opts.MaxAge)); err != nil {
			d.log.Warn("could not tell a channel that its alerts were dropped", "platform", k[0], "channel", k[1], "err", err)
		}
	}
}

// prune deletes alerts done with for longer than Keep, at most once an hour.
func (d *Dispatcher) prune(ctx context.Context) error {
	d.pruneMu.Lock()
	defer d.pruneMu.Unlock()
	now := d.opts.Now()
	if !d.lastPrune.IsZero() && now.Sub(d.lastPrune) < time.Hour {
		return nil
	}
	n, err := d.outbox.PruneAlerts(ctx, now.Add(-d.opts.Keep))
	if err != nil {
		return fmt.Errorf("bot: dispatch: prune: %w", err)
	}
	d.lastPrune = now
	if n > 0 {
		d.log.Info("old alerts deleted from the outbox", "alerts", n, "older_than", d.opts.Keep)
	}
	return nil
}

// message is the deliveries that go to one channel as one message: its
// alerts about one player from one cycle.
type message struct {
	platform, channel string
	kind              rumours.SubjectKind
	target            string
	deliveries        []rumours.Delivery
	// recorded: the outbox has the outcome of sending it (sent, to retry,
	// or dropped), so its deliveries' claim is over. Set by the worker
	// that sends it.
	recorded bool
}

func (m *message) keys() []rumours.DeliveryKey {
	keys := make([]rumours.DeliveryKey, len(m.deliveries))
	for i, x := range m.deliveries {
		keys[i] = x.DeliveryKey
	}
	return keys
}

// group turns deliveries, ordered as PendingDeliveries orders them, into
// messages. When the read may have stopped inside a group (truncated), the
// last group is left for the next read unless it is the only one.
func group(pending []rumours.Delivery, truncated bool) []*message {
	var msgs []*message
	byKey := map[string]*message{}
	var lastKey string
	for _, x := range pending {
		k := fmt.Sprintf("%s\x00%s\x00%d\x00%s", x.Platform, x.Channel, x.Alert.Cycle, x.Alert.Player)
		m := byKey[k]
		if m == nil {
			m = &message{platform: x.Platform, channel: x.Channel, kind: x.Kind, target: x.Target}
			byKey[k] = m
			msgs = append(msgs, m)
		}
		// a channel following the player gets the player's unsubscribe button
		if x.Kind == rumours.KindPlayer {
			m.kind, m.target = x.Kind, x.Target
		}
		m.deliveries = append(m.deliveries, x)
		lastKey = k
	}
	if truncated && len(msgs) > 1 {
		last := byKey[lastKey]
		msgs = slices.DeleteFunc(msgs, func(m *message) bool { return m == last })
	}
	return msgs
}

// send delivers msgs with Workers workers, a channel's messages on one
// worker in order, and records each outcome. It starts no message once ctx
// ends, nor once recording an outcome failed (each message sent then could
// not be marked, so would be sent again); sends use sctx and records wctx.
func (d *Dispatcher) send(ctx, sctx, wctx context.Context, msgs []*message) (int, error) {
	queues := make([][]*message, d.opts.Workers)
	for _, m := range msgs {
		h := fnv.New32a()
		h.Write([]byte(m.platform))
		h.Write([]byte{0})
		h.Write([]byte(m.channel))
		w := int(h.Sum32() % uint32(d.opts.Workers))
		queues[w] = append(queues[w], m)
	}
	replies := newReplyCache(d.core)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		sent    int
		errs    []error
		goneSet = map[string]bool{}
	)
	stopped := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(errs) > 0
	}
	for _, q := range queues {
		if len(q) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A channel's messages are all on this worker. After one of them
			// failed, the channel's later ones wait for its retry, so that
			// the channel gets its alerts in order.
			held := map[string]time.Time{}
			for _, m := range q {
				if ctx.Err() != nil || stopped() {
					return
				}
				chKey := m.platform + "\x00" + m.channel
				mu.Lock()
				gone := goneSet[chKey]
				mu.Unlock()
				if gone {
					m.recorded = true // dropped with the channel's others
					continue
				}
				var (
					ok, isGone bool
					retryAt    time.Time
					err        error
				)
				if at, wait := held[chKey]; wait {
					if rerr := d.outbox.RetryDeliveries(wctx, m.keys(), at, "waiting behind an earlier alert to this channel"); rerr != nil {
						err = fmt.Errorf("bot: dispatch: retry: %w", rerr)
					}
					m.recorded = err == nil
				} else {
					ok, isGone, retryAt, err = d.deliver(sctx, wctx, m, replies.get(m))
					if !retryAt.IsZero() {
						held[chKey] = retryAt
					}
					// A message whose outcome could not be recorded is
					// released, and sent again by the next pass.
					m.recorded = err == nil && (ok || isGone || !retryAt.IsZero())
				}
				mu.Lock()
				if ok {
					sent++
				}
				if isGone {
					goneSet[chKey] = true
				}
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return sent, errors.Join(errs...)
}

// deliver sends one message and records the outcome: sent, retry at
// retryAt, or channel gone. err is an outbox failure only.
func (d *Dispatcher) deliver(sctx, wctx context.Context, m *message, r Reply) (ok, gone bool, retryAt time.Time, err error) {
	keys := m.keys()
	nerr := d.notifiers[m.platform].Notify(sctx, m.channel, r)
	switch {
	case nerr == nil:
		if err := d.outbox.MarkSent(wctx, keys, d.opts.Now()); err != nil {
			return true, false, time.Time{}, fmt.Errorf("bot: dispatch: mark sent: %w", err)
		}
		d.opts.Observer.Delivered(m.platform, len(keys))
		return true, false, time.Time{}, nil
	case errors.Is(nerr, ErrChannelGone):
		n, err := d.outbox.DropChannelDeliveries(wctx, m.platform, m.channel, "channel gone: "+nerr.Error())
		if err != nil {
			return false, true, time.Time{}, fmt.Errorf("bot: dispatch: drop channel: %w", err)
		}
		d.opts.Observer.Dropped(m.platform, n)
		d.log.Info("channel refused alerts for good; its pending alerts are dropped",
			"platform", m.platform, "channel", m.channel, "dropped", n, "err", nerr)
		return false, true, time.Time{}, nil
	case sctx.Err() != nil:
		// Cut short by the end of Run's context after Grace: not the
		// platform's failure. The delivery stays pending and Dispatch
		// releases it, due at once, to be sent again by the next run (the
		// platform may have accepted it).
		d.log.Info("alert delivery cut short by shutdown; it stays pending", "platform", m.platform,
			"channel", m.channel, "player", m.deliveries[0].Alert.Player, "err", nerr)
		return false, false, time.Time{}, nil
	}
	attempts := 0
	for _, x := range m.deliveries {
		attempts = max(attempts, x.Attempts)
	}
	next := d.opts.Now().Add(retryDelay(attempts))
	d.opts.Observer.DeliveryFailed(m.platform)
	d.log.Warn("alert delivery failed; will retry", "platform", m.platform, "channel", m.channel,
		"player", m.deliveries[0].Alert.Player, "attempt", attempts+1, "retry_at", next, "err", nerr)
	if err := d.outbox.RetryDeliveries(wctx, keys, next, nerr.Error()); err != nil {
		return false, false, next, fmt.Errorf("bot: dispatch: retry: %w", err)
	}
	return false, false, next, nil
}

// retryDelay is the wait after a delivery's attempts-th failure (0 for the
// first): 15s doubling to at most 30 minutes, with ±20% jitter.
func retryDelay(attempts int) time.Duration {
	d := 15 * time.Second << min(attempts, 7)
	d = min(d, 30*time.Minute)
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// replyCache words each distinct message once per pass: a fan-out to
// thousands of channels sends the same few messages.
type replyCache struct {
	core *Core
	mu   sync.Mutex
	m    map[string]Reply
}

func newReplyCache(core *Core) *replyCache {
	return &replyCache{core: core, m: map[string]Reply{}}
}

func (c *replyCache) get(m *message) Reply {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s", m.kind, m.target)
	for _, x := range m.deliveries {
		fmt.Fprintf(&b, "\x00%d", x.DeliveryKey.Alert)
	}
	k := b.String()
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.m[k]; ok {
		return r
	}
	alerts := make([]rumours.Alert, len(m.deliveries))
	for i, x := range m.deliveries {
		alerts[i] = x.Alert
	}
	r := c.core.AlertReply(alerts, m.kind, m.target)
	c.m[k] = r
	return r
}
