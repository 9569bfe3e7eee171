package feed

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// Run polls every feed on its own schedule until ctx ends, then waits for
// the polls in progress to stop and returns ctx.Err(). Each feed has its own
// goroutine, so a slow or failing feed never delays the others; requests
// share Options.Concurrency slots. A feed first polls at the NextPoll of its
// stored status if that is still ahead, else within min(interval/10, 2s);
// then after its interval (±10%) following a success, or after a backoff
// following failures (see Status.NextPoll). Failed polls are logged, not
// returned.
func (p *Poller) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, fs := range p.feeds {
		wg.Go(func() { p.loop(ctx, fs) })
	}
	wg.Wait()
	return ctx.Err()
}

// retryLoad is how long a feed waits when its status cannot be read.
const retryLoad = time.Minute

// loop polls fs until ctx ends.
func (p *Poller) loop(ctx context.Context, fs *feedState) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	first := true
	for {
		var wait time.Duration
		st, err := p.status(ctx, fs)
		now := p.now()
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return
			}
			p.log.Warn("feed status unreadable", "feed", fs.safe, "err", err)
			wait = jitter(min(fs.feed.Interval, retryLoad), 0.2)
		case first && st.NextPoll.After(now):
			wait = st.NextPoll.Sub(now)
			first = false
		case first:
			wait = time.Duration(rand.Int64N(int64(min(fs.feed.Interval/10, 2*time.Second)) + 1))
			first = false
		case st.NextPoll.After(now):
			wait = st.NextPoll.Sub(now)
		default:
			// the last poll recorded nothing (its status was not saved)
			wait = jitter(min(fs.feed.Interval, retryLoad), 0.2)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		p.pollFeed(ctx, fs) // logs its failure and records it in the status
	}
}

// backoff is the wait after the failures-th failure in a row: interval ×
// 2^(failures-1), at most max(MaxBackoff, interval), ±20%, and no less
// than the server's Retry-After.
func (p *Poller) backoff(interval time.Duration, failures int, retryAfter time.Duration) time.Duration {
	limit := max(p.opts.MaxBackoff, interval)
	d := interval
	for i := 1; i < failures && d < limit; i++ {
		d *= 2
	}
	d = jitter(min(d, limit), 0.2)
	return max(d, retryAfter)
}

// jitter returns d changed by a random amount of at most frac×d either way.
func jitter(d time.Duration, frac float64) time.Duration {
	return d + time.Duration((rand.Float64()*2-1)*frac*float64(d))
}
