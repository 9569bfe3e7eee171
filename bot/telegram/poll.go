package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Keys of the adapter's durable state.
const (
	// offsetKey holds the next update_id to ask getUpdates for. Asking for
	// it confirms every earlier update: Telegram forgets them.
	offsetKey = "telegram/offset"
	// pendingKey holds, as a JSON array, the updates received before that
	// offset and not yet answered when it was stored.
	pendingKey = "telegram/pending"
)

// pollLimit is how many updates one getUpdates returns at most.
const pollLimit = 100

// batchGrace is how long the poller waits for a batch to be answered
// before it stores the unanswered updates and polls again.
const batchGrace = 25 * time.Millisecond

// poller long-polls getUpdates. An update is answered once, even across
// restarts. Asking getUpdates for an offset confirms every update before it
// (Telegram forgets them), so the poller only asks for an offset it has
// stored, and stores it only with the updates before it that are not yet
// answered (pendingKey). A crash at any point thus repeats at most the
// updates in flight at the last checkpoint and loses none; a clean stop,
// which finishes the replies in flight first, repeats nothing. The poller
// waits for a batch's replies only briefly (batchGrace): a chat held up by
// its rate limit or a 429 delays nobody else, its updates being stored as
// pending until answered.
type poller struct {
	t *Adapter

	next         int // the first update_id not yet received
	storedOffset int // the offset stored, which getUpdates asks for

	mu         sync.Mutex
	unfinished map[int]json.RawMessage // received, not yet answered
	dirty      bool                    // the stored pending list holds answered updates
	progress   chan struct{}           // signalled when an update is answered

	storedPending bool // the stored pending list is not empty; poll loop only
}

func (t *Adapter) runPolling(ctx context.Context) error {
	p := &poller{t: t, unfinished: map[int]json.RawMessage{}, progress: make(chan struct{}, 1)}
	replay, err := p.load(ctx)
	if err != nil {
		return err
	}
	for _, j := range replay {
		t.disp.submit(j)
	}
	err = p.loop(ctx)
	t.disp.drain(t.opts.ShutdownTimeout)
	if cerr := p.checkpoint(p.next); cerr != nil {
		t.log.Error("telegram: could not store the update offset at shutdown; some updates may be answered twice", "err", cerr)
	}
	return err
}

// load reads the stored offset and the updates left unanswered, and
// returns the latter as jobs to run first.
func (p *poller) load(ctx context.Context) ([]*job, error) {
	t := p.t
	v, ok, err := t.core.State(ctx, offsetKey)
	if err != nil {
		return nil, fmt.Errorf("telegram: read the update offset: %w", err)
	}
	if ok {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			p.storedOffset = n
		} else {
			t.log.Warn("telegram: ignoring an unreadable stored update offset", "value", v)
		}
	}
	p.next = p.storedOffset
	v, ok, err = t.core.State(ctx, pendingKey)
	if err != nil {
		return nil, fmt.Errorf("telegram: read the unanswered updates: %w", err)
	}
	var raws []json.RawMessage
	if ok && v != "" {
		if err := json.Unmarshal([]byte(v), &raws); err != nil {
			t.log.Warn("telegram: ignoring unreadable stored updates", "err", err)
			raws = nil
		}
	}
	p.storedPending = len(raws) > 0
	jobs := p.accept(raws, true)
	if len(jobs) > 0 {
		t.log.Info("telegram: answering updates left unanswered by the last run", "updates", len(jobs))
	}
	return jobs, nil
}

// loop polls until ctx ends, or the token is refused.
func (p *poller) loop(ctx context.Context) error {
	t := p.t
	failures := 0
	for ctx.Err() == nil {
		if err := p.room(ctx); err != nil {
			return nil
		}
		if p.next > p.storedOffset || p.idleAndDirty() {
			if err := p.checkpoint(p.next); err != nil {
				// Polling on would confirm updates that are not stored.
				failures++
				d := t.backoff(failures)
				t.log.Error("telegram: could not store the updates received; polling again once they are", "err", err, "retry_in", d)
				if sleep(ctx, d) != nil {
					return nil
				}
				continue
			}
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
		if failures > 0 {
			t.obs.Connected(Platform, true)
		}
		failures = 0
		before := p.next
		p.dispatch(ctx, p.accept(raws, false))
		if len(raws) > 0 && p.next == before && p.storedOffset == before {
			// Nothing new and nothing readable: Telegram sent updates
			// without an update_id. Do not spin on them.
			t.log.Error("telegram: getUpdates returned no update with an update_id", "updates", len(raws))
			if sleep(ctx, t.backoff(1)) != nil {
				return nil
			}
		}
	}
	return nil
}

// dispatch hands a batch out and waits until it is answered, or for
// batchGrace: the checkpoint before the next poll then usually has no
// unanswered updates to store, only the offset (one small write), while a
// batch held up by a rate limit delays the next poll by batchGrace at most.
func (p *poller) dispatch(ctx context.Context, jobs []*job) {
	if len(jobs) == 0 {
		return
	}
	left := int64(len(jobs))
	answered := make(chan struct{})
	for _, j := range jobs {
		done := j.done
		j.done = func(handled bool) {
			done(handled)
			if atomic.AddInt64(&left, -1) == 0 {
				close(answered)
			}
		}
		p.t.disp.submit(j)
	}
	timer := time.NewTimer(batchGrace)
	defer timer.Stop()
	select {
	case <-answered:
	case <-timer.C:
	case <-ctx.Done():
	}
}

// getUpdates long-polls for the updates from the stored offset on.
func (p *poller) getUpdates(ctx context.Context) ([]json.RawMessage, error) {
	t := p.t
	cfg := tgbotapi.UpdateConfig{
		Offset:         p.storedOffset,
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

// accept reads a batch: each update not received before becomes a job
// (one that does not decode is logged and skipped, as answered), and
// p.next moves past every update_id seen. Stored updates (replay) are
// taken whatever their id.
func (p *poller) accept(raws []json.RawMessage, replay bool) []*job {
	t := p.t
	var jobs []*job
	for _, raw := range raws {
		u := new(tgbotapi.Update)
		err := json.Unmarshal(raw, u)
		id := u.UpdateID
		if err != nil {
			var head struct {
				UpdateID int `json:"update_id"`
			}
			json.Unmarshal(raw, &head)
			id = head.UpdateID
		}
		if id <= 0 {
			t.log.Warn("telegram: ignoring an update without an update_id", "bytes", len(raw))
			continue
		}
		if id < p.next && !replay {
			continue // received before, and handed out then
		}
		p.next = max(p.next, id+1)
		if err != nil {
			t.log.Warn("telegram: ignoring a malformed update", "update", id, "err", err)
			continue
		}
		p.mu.Lock()
		_, dup := p.unfinished[id]
		if !dup {
			p.unfinished[id] = raw
		}
		p.mu.Unlock()
		if dup {
			continue
		}
		j := &job{id: id, update: u, done: p.doneFunc(id)}
		j.chat, _ = route(u)
		jobs = append(jobs, j)
	}
	return jobs
}

// doneFunc marks update id answered when its job is done.
func (p *poller) doneFunc(id int) func(bool) {
	return func(handled bool) {
		if !handled {
			return // abandoned at shutdown: stays pending for the next run
		}
		p.mu.Lock()
		delete(p.unfinished, id)
		p.dirty = true
		p.mu.Unlock()
		select {
		case p.progress <- struct{}{}:
		default:
		}
	}
}

// room waits while MaxPending updates are unanswered.
func (p *poller) room(ctx context.Context) error {
	for {
		p.mu.Lock()
		n := len(p.unfinished)
		p.mu.Unlock()
		if n < p.t.opts.MaxPending {
			return nil
		}
		select {
		case <-p.progress:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// idleAndDirty reports whether everything received was answered since the
// pending list was last stored non-empty.
func (p *poller) idleAndDirty() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.dirty && p.storedPending && len(p.unfinished) == 0
}

// checkpoint stores the updates not yet answered and then offset, so that
// the updates before offset are either answered or stored. It writes
// nothing that is already stored.
func (p *poller) checkpoint(offset int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p.mu.Lock()
	ids := make([]int, 0, len(p.unfinished))
	for id := range p.unfinished {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(p.unfinished[id])
	}
	buf.WriteByte(']')
	p.dirty = false
	p.mu.Unlock()

	if len(ids) > 0 || p.storedPending {
		if err := p.t.core.SetState(ctx, pendingKey, buf.String()); err != nil {
			p.mu.Lock()
			p.dirty = true
			p.mu.Unlock()
			return err
		}
		p.storedPending = len(ids) > 0
	}
	if offset != p.storedOffset {
		if err := p.t.core.SetState(ctx, offsetKey, strconv.Itoa(offset)); err != nil {
			return err
		}
		p.storedOffset = offset
	}
	return nil
}
