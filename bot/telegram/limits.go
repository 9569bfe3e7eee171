package telegram

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Bursts allowed above the steady rates.
const (
	chatBurst  = 3
	groupBurst = 3
)

// minSweep is the size of the chat map below which idle chats are kept.
const minSweep = 1024

// limits keeps the bot's sending below Telegram's limits: per chat, per
// group and overall, plus the pauses that 429 answers ask for. Chats idle
// long enough that their limiters are full again are forgotten, so the map
// stays bounded by the chats active recently.
type limits struct {
	now func() time.Time

	perChat    rate.Limit
	perGroup   rate.Limit
	groupBurst int
	global     *rate.Limiter

	mu          sync.Mutex
	chats       map[int64]*chatState
	sweepAt     int
	globalUntil time.Time
	recent      [8]throttle // the latest 429s, to tell a global flood limit
	next        int
	methods     map[string]time.Time // calls of a method paused by a 429 until then
}

type throttle struct {
	chat int64
	at   time.Time
}

// chatState is one chat's limiters, pause and send lock.
type chatState struct {
	id    int64
	lock  chan struct{} // held while a reply is sent: one chat's messages stay in order
	chat  *rate.Limiter
	group *rate.Limiter // nil for private chats
	until time.Time     // paused by a 429 until then; guarded by limits.mu
	refs  int           // guarded by limits.mu
}

func newLimits(perChat float64, perGroupPerMinute int, global float64) *limits {
	l := &limits{
		now:     time.Now,
		perChat: rate.Limit(perChat),
		chats:   map[int64]*chatState{},
		methods: map[string]time.Time{},
		sweepAt: minSweep,
	}
	// At most n messages in any minute: a burst b and a steady (n-b)/min.
	n := perGroupPerMinute
	l.groupBurst = min(groupBurst, n)
	if n > l.groupBurst {
		l.perGroup = rate.Limit(float64(n-l.groupBurst) / 60)
	} else {
		l.perGroup = rate.Limit(float64(n) / 60)
		l.groupBurst = 1
	}
	// A small burst (a fiftieth of a second's worth): the bot stays under
	// Telegram's flood control even when its requests reach Telegram
	// bunched up by the network.
	l.global = rate.NewLimiter(rate.Limit(global), max(1, int(global/50+0.999)))
	return l
}

// acquire returns chat's state, holding it until release.
func (l *limits) acquire(chat int64) *chatState {
	l.mu.Lock()
	defer l.mu.Unlock()
	cs := l.chats[chat]
	if cs == nil {
		if len(l.chats) >= l.sweepAt {
			l.sweep()
		}
		cs = &chatState{id: chat, lock: make(chan struct{}, 1), chat: rate.NewLimiter(l.perChat, chatBurst)}
		if chat < 0 {
			cs.group = rate.NewLimiter(l.perGroup, l.groupBurst)
		}
		l.chats[chat] = cs
	}
	cs.refs++
	return cs
}

func (l *limits) release(cs *chatState) {
	l.mu.Lock()
	cs.refs--
	l.mu.Unlock()
}

// sweep forgets chats that nobody holds, that are not paused and whose
// limiters are full: a fresh state would behave the same. l.mu is held.
func (l *limits) sweep() {
	now := l.now()
	for id, cs := range l.chats {
		if cs.refs == 0 && !now.Before(cs.until) && full(cs.chat, now) && (cs.group == nil || full(cs.group, now)) {
			delete(l.chats, id)
		}
	}
	l.sweepAt = max(minSweep, 2*len(l.chats))
}

func full(lim *rate.Limiter, now time.Time) bool {
	return lim.TokensAt(now) >= float64(lim.Burst())-1e-9
}

// size returns how many chats are remembered.
func (l *limits) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.chats)
}

// lockChat takes the chat's send lock, first come first served.
func (cs *chatState) lockChat(ctx context.Context) error {
	select {
	case cs.lock <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (cs *chatState) unlockChat() { <-cs.lock }

// wait blocks until one message may go to the chat: after any pause, then
// within the chat, group and global rates.
func (l *limits) wait(ctx context.Context, cs *chatState) error {
	for {
		l.mu.Lock()
		until := cs.until
		if l.globalUntil.After(until) {
			until = l.globalUntil
		}
		l.mu.Unlock()
		d := until.Sub(l.now())
		if d <= 0 {
			break
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
	if err := cs.chat.Wait(ctx); err != nil {
		return err
	}
	if cs.group != nil {
		if err := cs.group.Wait(ctx); err != nil {
			return err
		}
	}
	return l.global.Wait(ctx)
}

// throttled records a 429 for the chat (0 for calls to no chat): the chat
// waits d. Telegram does not say whether a 429 is about one chat or the
// whole bot, so a 429 without a chat, or 429s for three different chats
// within a second, pause every chat.
func (l *limits) throttled(cs *chatState, d time.Duration) {
	now := l.now()
	until := now.Add(d)
	l.mu.Lock()
	defer l.mu.Unlock()
	var chat int64
	if cs != nil {
		chat = cs.id
		if until.After(cs.until) {
			cs.until = until
		}
	}
	l.recent[l.next] = throttle{chat: chat, at: now}
	l.next = (l.next + 1) % len(l.recent)
	distinct := map[int64]bool{}
	for _, t := range l.recent {
		if !t.at.IsZero() && now.Sub(t.at) < time.Second {
			distinct[t.chat] = true
		}
	}
	if cs == nil || len(distinct) >= 3 {
		if until.After(l.globalUntil) {
			l.globalUntil = until
		}
	}
}

// pauseMethod records a 429 to a call of method (not a send): its calls
// wait d. Sends are not paused: Telegram limits methods separately.
func (l *limits) pauseMethod(method string, d time.Duration) {
	until := l.now().Add(d)
	l.mu.Lock()
	defer l.mu.Unlock()
	if until.After(l.methods[method]) {
		l.methods[method] = until
	}
}

// methodPaused returns how long calls of method must still wait, or 0.
func (l *limits) methodPaused(method string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	until, ok := l.methods[method]
	if !ok {
		return 0
	}
	d := until.Sub(l.now())
	if d <= 0 {
		delete(l.methods, method)
		return 0
	}
	return d
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
