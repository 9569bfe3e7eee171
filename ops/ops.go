// Package ops is transferbot's operations endpoint: a Monitor that the
// adapters, the alert dispatcher and the feed poller report to (it is their
// bot.AdapterObserver, bot.DeliveryObserver and feed hooks), and that
// serves what it learnt over HTTP:
//
//   - /metrics, in the Prometheus text format, from a registry the caller
//     owns (no global registry);
//   - /healthz, a JSON summary: whether the store answers, whether each
//     adapter is connected, when a feed was last polled successfully and
//     when an alert was last delivered; 200 when the store answers and
//     every adapter is connected, else 503.
//
// The listener is meant for the operator's network (a Prometheus scraper,
// a container's health probe), not the internet: it serves no secrets, but
// no authentication either.
package ops

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"transferbot/bot"
	"transferbot/rumours/feed"
)

// Monitor counts what the bot does and keeps what its health check
// reports. Create it with New; its methods are safe for concurrent use.
type Monitor struct {
	reg   prometheus.Gatherer
	store func(ctx context.Context) error
	now   func() time.Time

	handled      *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	rateLimited  *prometheus.CounterVec
	retries      *prometheus.CounterVec
	connected    *prometheus.GaugeVec
	alertsQueued prometheus.Counter
	alertsSent   *prometheus.CounterVec
	alertsDrop   *prometheus.CounterVec
	deliveries   *prometheus.CounterVec
	deliveryErrs *prometheus.CounterVec
	feedPolls    prometheus.Counter
	feedErrors   prometheus.Counter
	articles     prometheus.Counter
	links        prometheus.Counter

	mu           sync.Mutex
	up           map[string]bool // platform -> connected; every served platform has an entry
	lastPoll     time.Time       // last successful feed poll
	lastPollErr  string          // the error of the last failed poll after it, if any
	lastDelivery time.Time
}

// Options configure a Monitor.
type Options struct {
	// Store checks that the store answers; nil reports it as answering.
	Store func(ctx context.Context) error
	// Platforms are the chat platforms served: /healthz fails until each
	// has reported being connected, and while one is not.
	Platforms []string
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// latencyBuckets are the answer latency histogram's buckets, in seconds:
// answers take milliseconds, a chart tens of milliseconds, and a reply
// that waits on a chat's rate limit seconds.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// New returns a Monitor whose metrics are registered on reg.
func New(reg *prometheus.Registry, opts Options) (*Monitor, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := &Monitor{reg: reg, store: opts.Store, now: opts.Now, up: map[string]bool{}}
	for _, p := range opts.Platforms {
		m.up[p] = false
	}
	counter := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "transferbot", Name: name, Help: help}, labels)
	}
	m.handled = counter("updates_handled_total", "Updates (Telegram) and interactions (Discord) handled, by platform and kind.", "platform", "kind")
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: "transferbot", Name: "answer_seconds",
		Help: "Time from taking an update or interaction to having answered it, by platform.", Buckets: latencyBuckets}, []string{"platform"})
	m.rateLimited = counter("rate_limited_total", "429 (too many requests) answers from the platform.", "platform")
	m.retries = counter("retries_total", "Platform requests tried again after a server or network error.", "platform")
	m.connected = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: "transferbot", Name: "connected",
		Help: "1 while the adapter is connected to its platform, else 0."}, []string{"platform"})
	m.alertsQueued = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "transferbot", Name: "alerts_queued_total",
		Help: "Alerts written to the outbox by feed polls."})
	m.alertsSent = counter("alerts_sent_total", "Alert deliveries (alert, channel) the platform accepted.", "platform")
	m.alertsDrop = counter("alerts_dropped_total", "Alert deliveries given up: channel gone, or undelivered too long.", "platform")
	m.deliveries = counter("deliveries_total", "Alert messages the platform accepted (one may carry several alerts).", "platform")
	m.deliveryErrs = counter("delivery_failures_total", "Alert messages that failed and wait for a retry.", "platform")
	m.feedPolls = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "transferbot", Name: "feed_polls_total", Help: "Feed polls, failed or not."})
	m.feedErrors = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "transferbot", Name: "feed_poll_errors_total", Help: "Feed polls that failed."})
	m.articles = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "transferbot", Name: "extraction_articles_total",
		Help: "New articles from feeds stored (and read for transfer links)."})
	m.links = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "transferbot", Name: "extraction_links_total",
		Help: "Transfer links found in the new articles from feeds."})
	for _, c := range []prometheus.Collector{m.handled, m.latency, m.rateLimited, m.retries, m.connected,
		m.alertsQueued, m.alertsSent, m.alertsDrop, m.deliveries, m.deliveryErrs,
		m.feedPolls, m.feedErrors, m.articles, m.links} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("ops: %w", err)
		}
	}
	for _, p := range opts.Platforms {
		m.connected.WithLabelValues(p).Set(0)
	}
	return m, nil
}

var (
	_ bot.AdapterObserver  = (*Monitor)(nil)
	_ bot.DeliveryObserver = (*Monitor)(nil)
)

// Handled counts an update or interaction and, when something was
// answered (took > 0), its latency.
func (m *Monitor) Handled(platform, kind string, took time.Duration) {
	m.handled.WithLabelValues(platform, kind).Inc()
	if took > 0 {
		m.latency.WithLabelValues(platform).Observe(took.Seconds())
	}
}

// RateLimited counts a 429 from platform.
func (m *Monitor) RateLimited(platform string) { m.rateLimited.WithLabelValues(platform).Inc() }

// Retried counts a request to platform tried again.
func (m *Monitor) Retried(platform string) { m.retries.WithLabelValues(platform).Inc() }

// Connected records whether platform's adapter is connected.
func (m *Monitor) Connected(platform string, up bool) {
	v := 0.0
	if up {
		v = 1
	}
	m.connected.WithLabelValues(platform).Set(v)
	m.mu.Lock()
	m.up[platform] = up
	m.mu.Unlock()
}

// Delivered counts a message accepted by platform carrying alerts alerts.
func (m *Monitor) Delivered(platform string, alerts int) {
	m.deliveries.WithLabelValues(platform).Inc()
	m.alertsSent.WithLabelValues(platform).Add(float64(alerts))
	m.mu.Lock()
	m.lastDelivery = m.now()
	m.mu.Unlock()
}

// DeliveryFailed counts a message to platform that will be retried.
func (m *Monitor) DeliveryFailed(platform string) { m.deliveryErrs.WithLabelValues(platform).Inc() }

// Dropped counts alerts deliveries to platform given up.
func (m *Monitor) Dropped(platform string, alerts int) {
	m.alertsDrop.WithLabelValues(platform).Add(float64(alerts))
}

// AlertsQueued counts alerts written by a feed poll (feed.Options.OnIngest).
func (m *Monitor) AlertsQueued(alerts int) { m.alertsQueued.Add(float64(alerts)) }

// FeedPolled records a feed poll (feed.Options.OnPoll).
func (m *Monitor) FeedPolled(_ string, res feed.Result, err error) {
	m.feedPolls.Inc()
	m.mu.Lock()
	defer m.mu.Unlock()
	if err != nil {
		m.feedErrors.Inc()
		m.lastPollErr = err.Error()
		return
	}
	m.articles.Add(float64(res.Stored))
	m.links.Add(float64(res.Links))
	m.lastPoll = m.now()
	m.lastPollErr = ""
}

// Health is what /healthz answers.
type Health struct {
	Healthy bool `json:"healthy"`
	Store   struct {
		OK    bool   `json:"ok"`
		Error string `json:"error,omitempty"`
	} `json:"store"`
	// Adapters maps each served platform to whether it is connected.
	Adapters map[string]bool `json:"adapters"`
	// LastFeedPoll is when a feed was last polled successfully (absent
	// before the first); LastFeedError the error of a later failed poll.
	LastFeedPoll  *time.Time `json:"last_feed_poll,omitempty"`
	LastFeedError string     `json:"last_feed_error,omitempty"`
	// LastDelivery is when a platform last accepted an alert.
	LastDelivery *time.Time `json:"last_delivery,omitempty"`
}

// storeTimeout bounds the store check of one health request.
const storeTimeout = 2 * time.Second

// Health checks the store and returns the bot's health: healthy when the
// store answers and every served platform's adapter is connected. Feed and
// delivery times are reported, not judged: a quiet feed or a day without
// alerts is not a fault of the bot.
func (m *Monitor) Health(ctx context.Context) Health {
	var h Health
	h.Store.OK = true
	if m.store != nil {
		ctx, cancel := context.WithTimeout(ctx, storeTimeout)
		err := m.store(ctx)
		cancel()
		if err != nil {
			h.Store.OK, h.Store.Error = false, err.Error()
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	h.Healthy = h.Store.OK
	h.Adapters = make(map[string]bool, len(m.up))
	for p, up := range m.up {
		h.Adapters[p] = up
		h.Healthy = h.Healthy && up
	}
	if !m.lastPoll.IsZero() {
		t := m.lastPoll.UTC()
		h.LastFeedPoll = &t
	}
	h.LastFeedError = m.lastPollErr
	if !m.lastDelivery.IsZero() {
		t := m.lastDelivery.UTC()
		h.LastDelivery = &t
	}
	return h
}

// Handler serves /healthz and /metrics.
func (m *Monitor) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		h := m.Health(r.Context())
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if !h.Healthy {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(h)
	})
	return mux
}

// Serve serves Handler on ln until ctx ends, then shuts the server down
// and returns nil; it returns an error when serving fails.
func (m *Monitor) Serve(ctx context.Context, ln net.Listener, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           m.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("ops: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close() // a scrape still running after 2s is cut off
	}
	return nil
}
