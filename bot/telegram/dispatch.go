package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// job is one update to handle.
type job struct {
	id     int   // update_id
	chat   int64 // the chat it comes from: its queue
	update *tgbotapi.Update
	// done is called once the update was handled (true: replies sent or
	// given up) or abandoned at shutdown (false: answer it after a restart).
	done func(handled bool)
}

// dispatcher handles updates concurrently across chats and in order within
// each chat: a chat's updates queue up behind one goroutine, which exits
// when its queue is empty, so that one chat waiting on its rate limit or a
// 429 never holds up the others.
type dispatcher struct {
	handle   func(context.Context, *tgbotapi.Update)
	maxQueue int
	log      *slog.Logger

	ctx    context.Context // handling context; cancelled when a drain times out
	cancel context.CancelFunc

	mu     sync.Mutex
	queues map[int64][]*job // a chat has an entry while its goroutine runs
	closed bool
	wg     sync.WaitGroup
}

func newDispatcher(handle func(context.Context, *tgbotapi.Update), maxQueue int, log *slog.Logger) *dispatcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &dispatcher{handle: handle, maxQueue: maxQueue, log: log, ctx: ctx, cancel: cancel, queues: map[int64][]*job{}}
}

// submit queues j behind its chat's earlier updates. It returns false, after
// calling j.done(false), once the dispatcher is draining; a full chat
// queue drops j (calling j.done(true)) with a log line.
func (d *dispatcher) submit(j *job) bool {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		j.done(false)
		return false
	}
	q, running := d.queues[j.chat]
	if running && len(q) >= d.maxQueue {
		d.mu.Unlock()
		d.log.Warn("telegram: too many updates waiting in one chat; dropping one", "chat", j.chat, "update", j.id, "waiting", len(q))
		j.done(true)
		return true
	}
	d.queues[j.chat] = append(q, j)
	if !running {
		d.wg.Add(1)
		go d.work(j.chat)
	}
	d.mu.Unlock()
	return true
}

// work handles one chat's queue until it is empty.
func (d *dispatcher) work(chat int64) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[chat]
		if len(q) == 0 {
			delete(d.queues, chat)
			d.mu.Unlock()
			return
		}
		j := q[0]
		q[0] = nil
		d.queues[chat] = q[1:]
		d.mu.Unlock()
		if d.ctx.Err() != nil {
			j.done(false)
			continue
		}
		d.run(j)
		j.done(d.ctx.Err() == nil)
	}
}

// run handles one update; a panic is logged, not fatal.
func (d *dispatcher) run(j *job) {
	defer func() {
		if p := recover(); p != nil {
			d.log.Error("telegram: panic handling an update", "update", j.id, "chat", j.chat, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	d.handle(d.ctx, j.update)
}

// drain stops taking updates and waits for those queued to be handled, at
// most timeout; then it cancels what is still running and waits for it to
// give up.
func (d *dispatcher) drain(timeout time.Duration) {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	idle := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(idle)
	}()
	select {
	case <-idle:
	case <-time.After(timeout):
		d.log.Warn("telegram: replies still in flight at shutdown; they will be answered after the next start", "waited", timeout)
		d.cancel()
		<-idle
	}
	d.cancel()
}
