package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Keys of the adapter's durable state, from before the inbox: read at start
// so that a bot upgraded in place resumes where it was.
const (
	// offsetKey held the next update_id to ask getUpdates for.
	offsetKey = "telegram/offset"
	// pendingKey held, as a JSON array, the updates received and not yet
	// answered.
	pendingKey = "telegram/pending"
)

// pollLimit is how many updates one getUpdates returns at most.
const pollLimit = 100

// poller long-polls getUpdates. Asking for an offset confirms every update
// before it (Telegram forgets them), so the poller asks for one only once
// every update before it is in the inbox: received updates are stored
// (queue.receive) before the next poll, and the highest stored update_id
// is where polling resumes after a restart. An update is answered once:
// the inbox hands out only updates it did not have, and marks them
// answered as they are. A crash thus loses nothing and repeats only the
// replies sent and not yet marked (milliseconds' worth); a clean stop,
// which finishes the replies in flight first, repeats nothing.
type poller struct {
	t      *Adapter
	q      *queue
	offset int // the update_id to ask getUpdates for: all before it are stored
}

func (t *Adapter) runPolling(ctx context.Context) error {
	p := &poller{t: t, q: t.queue}
	if err := p.load(ctx); err != nil {
		return err
	}
	err := p.loop(ctx)
	t.disp.drain(t.opts.ShutdownTimeout)
	return err
}

// load finds where polling resumes, takes over the updates an older version
// left in the state, and hands out the updates left unanswered.
func (p *poller) load(ctx context.Context) error {
	t := p.t
	last, ok, err := p.q.inbox.LastUpdate(ctx, Platform)
	if err != nil {
		return fmt.Errorf("telegram: read the update offset: %w", err)
	}
	if ok {
		p.offset = int(last) + 1
	}
	v, ok, err := t.core.State(ctx, offsetKey)
	if err != nil {
		return fmt.Errorf("telegram: read the update offset: %w", err)
	}
	if n, err := strconv.Atoi(v); ok && err == nil && n > p.offset {
		p.offset = n
	}
	v, ok, err = t.core.State(ctx, pendingKey)
	if err != nil {
		return fmt.Errorf("telegram: read the unanswered updates: %w", err)
	}
	if ok && v != "" && v != "[]" {
		var raws []json.RawMessage
		if err := json.Unmarshal([]byte(v), &raws); err != nil {
			t.log.Warn("telegram: ignoring unreadable stored updates", "err", err)
		} else {
			// Stored for replay below, which hands them out.
			ups, _ := p.q.parse(raws)
			if _, err := p.q.store(ctx, ups); err != nil {
				return err
			}
		}
		if err := t.core.SetState(ctx, pendingKey, ""); err != nil {
			return fmt.Errorf("telegram: clear the old unanswered updates: %w", err)
		}
	}
	return p.q.replay(ctx)
}

// loop polls until ctx ends, or the token is refused.
func (p *poller) loop(ctx context.Context) error {
	t := p.t
	failures := 0
	for ctx.Err() == nil {
		if err := p.q.room(ctx, t.opts.MaxPending); err != nil {
			return nil
		}
		raws, err := p.getUpdates(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			failures++
			d, fatal := p.pollError(err, failures)
			if fatal != nil {
				return fatal
			}
			if sleep(ctx, d) != nil {
				return nil
			}
			continue
		}
		last, err := p.q.receive(ctx, raws)
		if err != nil {
			// Polling on would confirm updates that are not stored:
			// ask for the same ones again once the inbox takes them.
			failures++
			d := t.backoff(failures)
			t.log.Error("telegram: could not store the updates received; polling again once they are", "err", err, "retry_in", d)
			if sleep(ctx, d) != nil {
				return nil
			}
			continue
		}
		if failures > 0 {
			t.obs.Connected(Platform, true)
		}
		failures = 0
		if len(raws) > 0 && last < p.offset {
			// Nothing new and nothing readable: Telegram sent updates
			// without an update_id, or ones before the offset. Do not
			// spin on them.
			t.log.Error("telegram: getUpdates returned no update past the offset", "updates", len(raws))
			if sleep(ctx, t.backoff(1)) != nil {
				return nil
			}
		}
		p.offset = max(p.offset, last+1)
	}
	return nil
}

// getUpdates long-polls for the updates from the stored offset on.
func (p *poller) getUpdates(ctx context.Context) ([]json.RawMessage, error) {
	t := p.t
	cfg := tgbotapi.UpdateConfig{
		Offset:         p.offset,
		Limit:          pollLimit,
		Timeout:        max(1, int((t.opts.PollTimeout+time.Second-1)/time.Second)),
		AllowedUpdates: allowedUpdates,
	}
	resp, err := t.api.do(ctx, "getUpdates", cfg, t.opts.PollTimeout+t.opts.RequestTimeout)
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil {
		return nil, &apiError{method: "getUpdates", cause: fmt.Errorf("result is not an array: %w", err)}
	}
	return raws, nil
}

// pollError logs a failed poll and says how long to wait before the next,
// or returns the error to stop with.
func (p *poller) pollError(err error, failures int) (time.Duration, error) {
	t := p.t
	ae := asAPIError(err)
	if ae == nil || ae.code != http.StatusTooManyRequests {
		t.obs.Connected(Platform, false) // polling does not work; a 429 only slows it
	}
	switch {
	case ae != nil && (ae.code == http.StatusUnauthorized || ae.code == http.StatusNotFound):
		return 0, fmt.Errorf("telegram: the Bot API refused the token (check telegram.token): %w", err)
	case ae != nil && ae.code == http.StatusTooManyRequests:
		d := max(ae.retryAfter, time.Second)
		t.obs.RateLimited(Platform)
		t.log.Warn("telegram: getUpdates rate limited; waiting", "retry_after", d)
		return d, nil
	case ae != nil && ae.code == http.StatusConflict:
		// Another instance polls, or a webhook is set: say so and retry.
		d := t.backoff(failures)
		t.log.Warn("telegram: getUpdates conflicts with another bot instance or a webhook", "err", err, "retry_in", d)
		if strings.Contains(ae.desc, "webhook") {
			if _, derr := t.call(context.Background(), "deleteWebhook", tgbotapi.DeleteWebhookConfig{}, nil); derr != nil {
				t.log.Warn("telegram: could not delete the webhook", "err", derr)
			}
		}
		return d, nil
	}
	d := t.backoff(failures)
	t.log.Warn("telegram: getUpdates failed; polling again", "err", err, "retry_in", d)
	return d, nil
}
