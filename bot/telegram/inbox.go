package telegram

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"transferbot/storage"
)

// Inbox keeps the updates the adapter received, durably, from before they
// are confirmed to Telegram (the next getUpdates offset, or the webhook's
// 200) until they are answered, and for a while after: a bot killed in
// between answers them after its restart, and an update Telegram delivers
// again is not answered twice. *storage.Store is one; source is always
// Platform.
type Inbox interface {
	QueueUpdates(ctx context.Context, source string, ups []storage.InboxUpdate) (fresh []int64, err error)
	AnswerUpdates(ctx context.Context, source string, ids []int64) error
	UnansweredUpdates(ctx context.Context, source string) ([]storage.InboxUpdate, error)
	LastUpdate(ctx context.Context, source string) (int64, bool, error)
	PruneUpdates(ctx context.Context, source string, before time.Time) (int, error)
}

// inboxKeep is how long answered update ids are kept to recognise an update
// delivered again: Telegram keeps an update 24 hours at most.
const inboxKeep = 48 * time.Hour

// pruneEvery is how often the answered updates older than inboxKeep are
// deleted.
const pruneEvery = time.Hour

// inboxWriteTimeout bounds one write to the inbox.
const inboxWriteTimeout = 30 * time.Second

// queue receives updates into the inbox, hands the new ones to the
// dispatcher, and marks them answered when they are. Marks are written in
// batches by one goroutine (run), each batch as soon as the previous one is
// written: under load many marks share a transaction, and an answered
// update is at most one write behind, so that a crash repeats only the
// updates answered in the last few milliseconds.
type queue struct {
	t     *Adapter
	inbox Inbox

	mu       sync.Mutex
	open     int           // handed out, not yet done
	marks    []int64       // answered, not yet marked
	wake     chan struct{} // marks were added
	progress chan struct{} // an update was done
}

func newQueue(t *Adapter, inbox Inbox) *queue {
	return &queue{t: t, inbox: inbox, wake: make(chan struct{}, 1), progress: make(chan struct{}, 1)}
}

// receive stores the updates of raws that were not stored before, and hands
// them out to be answered. It returns the highest update_id in raws (0 for
// none). Once it returns nil every update of raws is stored; on an error
// none is handed out.
func (q *queue) receive(ctx context.Context, raws []json.RawMessage) (int, error) {
	ups, last := q.parse(raws)
	fresh, err := q.store(ctx, ups)
	if err != nil {
		return 0, err
	}
	if len(fresh) < len(ups) {
		q.t.log.Info("telegram: updates received again; not answering them twice", "updates", len(ups)-len(fresh))
	}
	isFresh := make(map[int64]bool, len(fresh))
	for _, id := range fresh {
		isFresh[id] = true
	}
	for _, u := range ups {
		if isFresh[u.ID] {
			isFresh[u.ID] = false // twice in one batch: once
			q.handOut(u)
		}
	}
	return last, nil
}

// parse reads the update_id of each update, skipping (with a log line)
// those without one, and returns them with the highest id.
func (q *queue) parse(raws []json.RawMessage) ([]storage.InboxUpdate, int) {
	last := 0
	ups := make([]storage.InboxUpdate, 0, len(raws))
	for _, raw := range raws {
		var head struct {
			UpdateID int `json:"update_id"`
		}
		json.Unmarshal(raw, &head)
		if head.UpdateID <= 0 {
			q.t.log.Warn("telegram: ignoring an update without an update_id", "bytes", len(raw))
			continue
		}
		last = max(last, head.UpdateID)
		ups = append(ups, storage.InboxUpdate{ID: int64(head.UpdateID), Body: raw})
	}
	return ups, last
}

// store writes updates to the inbox and returns the ids of those it did not
// have.
func (q *queue) store(ctx context.Context, ups []storage.InboxUpdate) ([]int64, error) {
	if len(ups) == 0 {
		return nil, nil
	}
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), inboxWriteTimeout)
	defer cancel()
	fresh, err := q.inbox.QueueUpdates(wctx, Platform, ups)
	if err != nil {
		return nil, fmt.Errorf("telegram: store the updates received: %w", err)
	}
	return fresh, nil
}

// replay hands out the updates stored and not yet answered: those left by
// the last run.
func (q *queue) replay(ctx context.Context) error {
	ups, err := q.inbox.UnansweredUpdates(ctx, Platform)
	if err != nil {
		return fmt.Errorf("telegram: read the unanswered updates: %w", err)
	}
	if len(ups) > 0 {
		q.t.log.Info("telegram: answering updates left unanswered by the last run", "updates", len(ups))
	}
	for _, u := range ups {
		q.handOut(u)
	}
	return nil
}

// handOut gives a stored update to the dispatcher. One that does not decode
// is logged and marked answered; one the bot does not act on is answered at
// once.
func (q *queue) handOut(su storage.InboxUpdate) {
	id := int(su.ID)
	u := new(tgbotapi.Update)
	if err := json.Unmarshal(su.Body, u); err != nil {
		q.t.log.Warn("telegram: ignoring a malformed update", "update", id, "err", err)
		q.mark(id)
		return
	}
	q.mu.Lock()
	q.open++
	q.mu.Unlock()
	q.t.enqueue(id, u, func(handled bool) { q.done(id, handled) })
}

// done records that update id was answered (handled) or abandoned at
// shutdown (not handled: it stays in the inbox for the next run).
func (q *queue) done(id int, handled bool) {
	q.mu.Lock()
	q.open--
	q.mu.Unlock()
	if handled {
		q.mark(id)
	}
	select {
	case q.progress <- struct{}{}:
	default:
	}
}

func (q *queue) mark(id int) {
	q.mu.Lock()
	q.marks = append(q.marks, int64(id))
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// room waits while max updates are handed out and not done.
func (q *queue) room(ctx context.Context, max int) error {
	for {
		q.mu.Lock()
		n := q.open
		q.mu.Unlock()
		if n < max {
			return nil
		}
		select {
		case <-q.progress:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// run writes the answered marks until stop is closed, then writes those
// left, and prunes the inbox now and then.
func (q *queue) run(stop <-chan struct{}) {
	t := q.t
	nextPrune := time.Now()
	failures := 0
	for {
		var retry <-chan time.Time
		if failures > 0 {
			retry = time.After(t.backoff(failures))
		}
		stopping := false
		select {
		case <-q.wake:
		case <-retry:
		case <-stop:
			stopping = true
		}
		if err := q.flush(); err != nil {
			failures++
			t.log.Error("telegram: could not mark updates answered; they may be answered again after a restart", "err", err)
			if stopping {
				return
			}
			continue
		}
		failures = 0
		if stopping {
			return
		}
		if now := time.Now(); now.After(nextPrune) {
			nextPrune = now.Add(pruneEvery)
			ctx, cancel := context.WithTimeout(context.Background(), inboxWriteTimeout)
			if _, err := q.inbox.PruneUpdates(ctx, Platform, now.Add(-inboxKeep)); err != nil {
				t.log.Warn("telegram: could not prune the answered updates", "err", err)
			}
			cancel()
		}
	}
}

// flush writes the marks taken so far; on an error they are kept for the
// next try.
func (q *queue) flush() error {
	q.mu.Lock()
	ids := q.marks
	q.marks = nil
	q.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), inboxWriteTimeout)
	defer cancel()
	if err := q.inbox.AnswerUpdates(ctx, Platform, ids); err != nil {
		q.mu.Lock()
		q.marks = append(ids, q.marks...)
		q.mu.Unlock()
		return err
	}
	return nil
}

// memInbox is the Inbox used when Options.Inbox is nil: it keeps the
// updates in memory, so a restart loses the unanswered ones and forgets the
// answered ones.
type memInbox struct {
	mu       sync.Mutex
	bodies   map[int64][]byte // stored, unanswered
	answered map[int64]time.Time
	last     int64
}

func newMemInbox() *memInbox {
	return &memInbox{bodies: map[int64][]byte{}, answered: map[int64]time.Time{}}
}

func (m *memInbox) QueueUpdates(_ context.Context, _ string, ups []storage.InboxUpdate) ([]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var fresh []int64
	for _, u := range ups {
		_, queued := m.bodies[u.ID]
		_, answered := m.answered[u.ID]
		if queued || answered {
			continue
		}
		m.bodies[u.ID] = u.Body
		m.last = max(m.last, u.ID)
		fresh = append(fresh, u.ID)
	}
	return fresh, nil
}

func (m *memInbox) AnswerUpdates(_ context.Context, _ string, ids []int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	for _, id := range ids {
		if _, ok := m.bodies[id]; ok {
			delete(m.bodies, id)
			m.answered[id] = now
		}
	}
	return nil
}

func (m *memInbox) UnansweredUpdates(context.Context, string) ([]storage.InboxUpdate, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]storage.InboxUpdate, 0, len(m.bodies))
	for id, b := range m.bodies {
		out = append(out, storage.InboxUpdate{ID: id, Body: b})
	}
	slices.SortFunc(out, func(a, b storage.InboxUpdate) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func (m *memInbox) LastUpdate(context.Context, string) (int64, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.last, m.last > 0, nil
}

func (m *memInbox) PruneUpdates(_ context.Context, _ string, before time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for id, at := range m.answered {
		if at.Before(before) {
			delete(m.answered, id)
			n++
		}
	}
	return n, nil
}
