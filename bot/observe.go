package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// AdapterObserver is told what a platform adapter does, for the operator's
// metrics and health check. The adapters (bot/telegram, bot/discord) take
// one as an option; nil there means none. Methods must be cheap and safe
// for concurrent use: they are called on the adapters' hot paths.
type AdapterObserver interface {
	// Handled is called once an update or interaction of kind ("message",
	// "callback", "command", ...) from platform was handled; took is how
	// long answering it took (zero when nothing was answered, like a
	// membership change).
	Handled(platform, kind string, took time.Duration)
	// RateLimited is called for each 429 the platform answered.
	RateLimited(platform string)
	// Retried is called for each request tried again after a server or
	// network error.
	Retried(platform string)
	// Connected is called when the adapter's link to the platform comes up
	// (up true: token accepted, gateway ready, endpoint serving) or goes
	// down.
	Connected(platform string, up bool)
}

// NopAdapterObserver observes nothing; adapters use it when given none.
type NopAdapterObserver struct{}

func (NopAdapterObserver) Handled(string, string, time.Duration) {}
func (NopAdapterObserver) RateLimited(string)                    {}
func (NopAdapterObserver) Retried(string)                        {}
func (NopAdapterObserver) Connected(string, bool)                {}

// RareWarning logs one kind of warning at most once per interval, with the
// number of occurrences since the last line: for events anyone on the
// network can cause, like requests to a webhook without its secret, which
// would otherwise flood the log. The zero value is not usable; see
// NewRareWarning. It is safe for concurrent use.
type RareWarning struct {
	log      *slog.Logger
	msg      string
	interval time.Duration
	now      func() time.Time

	mu     sync.Mutex
	last   time.Time // when the last line was written
	count  int       // occurrences not yet reported
	sample []any     // attributes of the first unreported occurrence
}

// NewRareWarning returns a RareWarning that writes msg to log at most once
// per interval (default one minute).
func NewRareWarning(log *slog.Logger, msg string, interval time.Duration) *RareWarning {
	if interval <= 0 {
		interval = time.Minute
	}
	return &RareWarning{log: log, msg: msg, interval: interval, now: time.Now}
}

// Add records one occurrence, with attrs describing it (as for slog), and
// writes the warning when none was written for an interval: with the
// number of occurrences it stands for ("count") and the attributes of the
// first of them. Occurrences within the interval are counted for the next
// line.
func (w *RareWarning) Add(attrs ...any) {
	w.mu.Lock()
	now := w.now()
	if w.count == 0 {
		w.sample = attrs
	}
	w.count++
	if !w.last.IsZero() && now.Sub(w.last) < w.interval {
		w.mu.Unlock()
		return
	}
	n, sample := w.count, w.sample
	w.last, w.count, w.sample = now, 0, nil
	w.mu.Unlock()
	args := append([]any{"count", n, "per", w.interval}, sample...)
	w.log.Log(context.Background(), slog.LevelWarn, w.msg, args...)
}
