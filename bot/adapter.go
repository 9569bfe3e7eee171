package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"transferbot/rumours"
)

// Notifier delivers a Reply to a channel that did not ask for it: an alert.
// Each platform adapter provides one. Notify blocks until the platform
// accepted the message (rate limits and retries are the adapter's business)
// or gave up. An error wrapping ErrChannelGone means the channel refused
// delivery for good and its subscriptions were paused; any other error may
// be retried later. Implementations are safe for concurrent use.
type Notifier interface {
	Notify(ctx context.Context, channel string, r Reply) error
}

// ErrChannelGone is wrapped by Notifier errors when the platform refuses
// delivery for good: the bot was blocked or removed, or the channel deleted.
var ErrChannelGone = errors.New("channel gone")

// NeedsManage reports whether req asks to change the channel's
// subscriptions, which only users who may manage the channel can do.
// Adapters call it to decide whether to look up the user's rights (a
// platform call) before Handle. Reading free text looks names up in the
// engine, under ctx.
func (c *Core) NeedsManage(ctx context.Context, req Request) bool {
	q, refusal := c.read(ctx, req)
	return refusal == nil && (q.cmd == CmdSubscribe || q.cmd == CmdUnsubscribe)
}

// Complete lists up to limit (at most 25) canonical names of kind that match
// what the user has typed so far, accent-insensitively and fuzzily, for
// autocompletion. kind is rumours.KindPlayer or rumours.KindClub.
func (c *Core) Complete(ctx context.Context, kind rumours.SubjectKind, typed string, limit int) []string {
	if limit <= 0 || limit > 25 {
		limit = 25
	}
	return c.engine.Complete(ctx, kind, typed, limit)
}

// ChannelGone pauses the subscriptions of a channel the platform refuses to
// deliver to (bot blocked or removed, channel deleted) and returns how many
// it paused. The subscriptions stay listed, marked paused, and the pause is
// recorded with its time and reason (for `transferbot subscriptions` and
// the notice when they resume; see Paused); a channel paused already keeps
// its first record. reason says what the platform said, for the operator.
func (c *Core) ChannelGone(ctx context.Context, platform, channel, reason string) (int, error) {
	n, err := c.engine.SetChannelActive(ctx, platform, channel, false)
	if err != nil {
		return 0, fmt.Errorf("bot: pause %s/%s: %w", platform, channel, err)
	}
	if _, paused, err := c.Paused(ctx, platform, channel); err != nil || paused {
		return n, err
	}
	data, _ := json.Marshal(Pause{Since: time.Now().UTC(), Reason: reason})
	if err := c.engine.SetState(ctx, pauseKey(platform, channel), string(data)); err != nil {
		return n, fmt.Errorf("bot: pause %s/%s: %w", platform, channel, err)
	}
	return n, nil
}

// ChannelBack resumes the paused subscriptions of a channel that is heard
// from again (a message or command from it) and returns how many it
// resumed, and, when it resumed any, the notice to post there: that its
// alerts are back, and since when and why they were paused. It only reads
// when nothing is paused, so adapters may call it on the first message
// from each channel.
func (c *Core) ChannelBack(ctx context.Context, platform, channel string) (int, Reply, error) {
	subs, err := c.engine.Subscriptions(ctx, platform, channel)
	if err != nil {
		return 0, Reply{}, fmt.Errorf("bot: resume %s/%s: %w", platform, channel, err)
	}
	if !slices.ContainsFunc(subs, func(s rumours.Subscription) bool { return !s.Active }) {
		return 0, Reply{}, nil
	}
	p, _, err := c.Paused(ctx, platform, channel)
	if err != nil {
		return 0, Reply{}, fmt.Errorf("bot: resume %s/%s: %w", platform, channel, err)
	}
	n, err := c.engine.SetChannelActive(ctx, platform, channel, true)
	if err != nil {
		return 0, Reply{}, fmt.Errorf("bot: resume %s/%s: %w", platform, channel, err)
	}
	if err := c.engine.SetState(ctx, pauseKey(platform, channel), ""); err != nil {
		return n, Reply{}, fmt.Errorf("bot: resume %s/%s: %w", platform, channel, err)
	}
	if n == 0 {
		return 0, Reply{}, nil
	}
	return n, c.resumedReply(n, p), nil
}

// Pause is the record of a channel's paused alerts: since when, and what
// the platform said.
type Pause struct {
	Since  time.Time `json:"since"`
	Reason string    `json:"reason,omitempty"`
}

// String words the pause for the operator: "paused since 2026-12-07
// 19:20 UTC: reason".
func (p Pause) String() string {
	s := "paused since " + p.Since.UTC().Format("2006-01-02 15:04 MST")
	if p.Reason != "" {
		s += ": " + p.Reason
	}
	return s
}

// pauseKey is the state key of a channel's pause record; "" when none.
func pauseKey(platform, channel string) string { return "paused/" + platform + "/" + channel }

// Paused returns the record of a channel's paused alerts, and false when
// they are not paused (or were paused before records were kept).
func (c *Core) Paused(ctx context.Context, platform, channel string) (Pause, bool, error) {
	v, ok, err := c.engine.State(ctx, pauseKey(platform, channel))
	if err != nil || !ok || v == "" {
		return Pause{}, false, err
	}
	var p Pause
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return Pause{}, false, fmt.Errorf("bot: pause record of %s/%s: %w", platform, channel, err)
	}
	return p, true, nil
}

// ChannelMoved moves the subscriptions of a channel that the platform gave
// a new id (a Telegram group upgraded to a supergroup) and returns how many
// moved. Subscriptions the new id already has are kept.
func (c *Core) ChannelMoved(ctx context.Context, platform, from, to string) (int, error) {
	n, err := c.engine.MoveChannel(ctx, platform, from, to)
	if err != nil {
		return 0, fmt.Errorf("bot: move %s/%s to %s: %w", platform, from, to, err)
	}
	return n, nil
}

// State returns a value an adapter keeps across restarts (the Telegram
// update offset, the fingerprint of registered Discord commands), and false
// when none is stored. Keys are namespaced by adapter: "telegram/offset".
func (c *Core) State(ctx context.Context, key string) (string, bool, error) {
	return c.engine.State(ctx, key)
}

// SetState stores a value an adapter keeps across restarts, durably.
func (c *Core) SetState(ctx context.Context, key, value string) error {
	return c.engine.SetState(ctx, key, value)
}
