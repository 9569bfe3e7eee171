// Package feed polls news feeds (RSS, Atom, JSON Feed) and hands their new
// items to the rumour engine.
//
// A Poller polls each configured feed on its own schedule, with conditional
// GET (ETag, Last-Modified), a cap on the body size, a timeout per request
// and exponential backoff after failures. A feed's items become articles;
// items already stored (same GUID or URL) are skipped, and so are items the
// engine refused as duplicates (same text) in the feed's previous poll; the
// rest are ingested with IngestNews. The first successful poll of a feed primes it: its back
// catalogue is stored without alerts. Later polls ask for alerts on the items
// dated after the feed's watermark (the newest item date seen before) and on
// undated items.
//
// Each feed's status (validators, watermark, counters, next poll time) is
// kept as JSON in the engine's state under "feed/" + URL and saved after
// every poll, only once the items were ingested, so a crash mid-poll makes
// the next poll fetch and ingest the same items again, which dedup makes
// harmless.
package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"transferbot/rumours"
)

// Ingester is what the poller needs from the rumour engine (*rumours.Engine
// satisfies it). It must be safe for concurrent use.
type Ingester interface {
	// KnownArticles reports for each article whether one with its GUID or URL is already stored.
	KnownArticles(ctx context.Context, arts []rumours.Article) ([]bool, error)
	// IngestNews stores arts (like a batch ingest) and writes alerts for the
	// articles whose alert[i] is true, in the same transaction as their links.
	// results[i]/errs[i] describe arts[i]; a duplicate is a result with
	// Duplicate set; results[i].Alerts are the alerts written.
	IngestNews(ctx context.Context, arts []rumours.Article, alert []bool) ([]rumours.IngestResult, []error)
	// State returns a small durable value, and false when key has none.
	State(ctx context.Context, key string) (string, bool, error)
	// SetState stores value under key durably.
	SetState(ctx context.Context, key, value string) error
}

// StateReader reads the values an Ingester keeps (see ReadStatus).
type StateReader interface {
	State(ctx context.Context, key string) (string, bool, error)
}

// Feed is one news feed to poll.
type Feed struct {
	URL    string // http or https
	Outlet string // publisher given to the feed's articles; default: the feed's title
	Tier   int    // reliability tier 1..4 (informational here; shown in status)
	// Interval is the time between polls; zero or negative means
	// DefaultInterval. Validating a minimum is the caller's job.
	Interval time.Duration
	// FetchArticle fetches each new item's page and uses its main text
	// instead of the feed's summary (for feeds that carry only summaries).
	FetchArticle bool
	// AllowPrivate lets the feed's requests (the document, its redirects
	// and its article pages) connect to any address, not only public ones
	// (see Public): for a feed on the operator's own network, whose content
	// the operator trusts.
	AllowPrivate bool
}

// Defaults of Feed and Options.
const (
	DefaultInterval    = 10 * time.Minute
	DefaultUserAgent   = "transferbot/1.0 (football transfer-rumour bot)"
	DefaultMaxBody     = 8 << 20
	DefaultMaxPage     = 4 << 20
	DefaultTimeout     = 20 * time.Second
	DefaultMaxBackoff  = time.Hour
	DefaultConcurrency = 8
)

// Options tunes a Poller. Zero fields take their defaults.
type Options struct {
	// Resolve maps the host:port of each request (feed, redirect, article
	// page) to the addresses to connect to; default: DNS, same port. The
	// address policy checks what it returns before dialling. The demo feed
	// uses it to serve a fixed URL from a loopback port.
	Resolve Resolver
	// allow is the address policy of feeds not marked AllowPrivate;
	// publicAddrPort outside tests (export_test.go sets it).
	allow func(netip.AddrPort) bool

	UserAgent   string        // default DefaultUserAgent
	MaxBody     int64         // largest feed body after decompression; default 8 MiB
	MaxPage     int64         // largest article page (FetchArticle); default 4 MiB
	Timeout     time.Duration // per request, body included; default 20s
	MaxBackoff  time.Duration // longest wait after failures; default 1h
	Concurrency int           // requests at once over all feeds; default 8
	Now         func() time.Time
	Logger      *slog.Logger // default: discard
	// OnIngest is called after a poll that wrote alerts, with their number
	// (to wake the alert dispatcher). It may be nil; it must not block long.
	OnIngest func(alerts int)
	// OnPoll is called after every poll of a feed that ran to its end (not
	// cut short by the end of Run's context), with the feed's URL as logs
	// show it (Redact), the poll's result and its error (nil for a
	// successful poll): for the operator's metrics and health check. It may
	// be nil; it must not block long.
	OnPoll func(feed string, res Result, err error)
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxPage <= 0 {
		o.MaxPage = DefaultMaxPage
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Resolve == nil {
		o.Resolve = resolveDNS
	}
	if o.allow == nil {
		o.allow = publicAddrPort
	}
	return o
}

// Result is what one poll of a feed did.
type Result struct {
	NotModified bool // the server answered 304: nothing new
	Items       int  // items in the document
	New         int  // items offered to the engine: not stored, not refused as duplicates by the last poll
	Stored      int  // new articles stored
	Duplicates  int  // new items whose text repeats a stored article
	Links       int  // links found in the stored articles
	Alerts      int  // alerts written
	// Errors are per item: skipped items, pages that could not be fetched,
	// articles the engine refused. They do not fail the poll.
	Errors []error
}

// Status is the state of one feed, as persisted after every poll.
type Status struct {
	Feed `json:"-"` // the configuration, with defaults applied

	LastFetch   time.Time `json:"last_fetch,omitzero"`   // start of the last poll
	LastSuccess time.Time `json:"last_success,omitzero"` // start of the last successful poll
	NextPoll    time.Time `json:"next_poll,omitzero"`    // when the feed is due again
	// Watermark is the newest item date seen (never later than the poll):
	// later polls alert only on items dated after it, or undated.
	Watermark time.Time `json:"watermark,omitzero"`
	LastError string    `json:"last_error,omitempty"` // why the last poll failed; "" after a success
	Failures  int       `json:"failures,omitempty"`   // consecutive failed polls
	// FailingSince is the start of the first of the consecutive failed
	// polls; zero after a success.
	FailingSince time.Time `json:"failing_since,omitzero"`

	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Primed is set by the first successful poll, which stores the feed's
	// items without alerts.
	Primed bool `json:"primed,omitempty"`

	// Counters over all polls.
	ItemsSeen  int `json:"items_seen,omitempty"`  // new items (not stored before) found
	Articles   int `json:"articles,omitempty"`    // articles stored
	LinksFound int `json:"links_found,omitempty"` // links in them
	Alerts     int `json:"alerts,omitempty"`      // alerts written
}

// StateKey is the state key under which a feed's Status is kept.
func StateKey(feedURL string) string { return "feed/" + feedURL }

// Poller polls a fixed set of feeds. Its methods are safe for concurrent
// use; polls of one feed are serialised, different feeds poll in parallel
// with at most Options.Concurrency requests at once.
type Poller struct {
	ing  Ingester
	opts Options
	// public makes the requests of feeds not marked AllowPrivate, private
	// those of the others.
	public, private *http.Client
	feeds           []*feedState
	byURL           map[string]*feedState
	sem             chan struct{}
	log             *slog.Logger
}

// feedState is one feed's configuration and status.
type feedState struct {
	feed Feed
	base *url.URL
	key  string
	safe string     // the URL as logs and errors show it (Redact)
	poll sync.Mutex // held for a whole poll
	// dups holds the GUIDs of the last document's items that the engine
	// reported as duplicates; guarded by poll.
	dups map[string]bool

	mu     sync.Mutex // guards loaded, st and warned
	loaded bool
	st     Status
	// warned: this process logged that the feed has failed for a day
	// (FailingDay), and logs again when it works.
	warned bool
}

// FailingDay is how long a feed fails before the poller logs a warning
// that it has been failing: channels get no news from it meanwhile, and a
// day of failures is no passing outage.
const FailingDay = 24 * time.Hour

// New returns a poller of feeds that ingests into ing. It fails on a nil
// ingester, and on a feed whose URL is empty, not absolute http or https,
// repeated, or on a non-public IP address (see Public) without
// AllowPrivate. It makes no request and reads no state.
func New(ing Ingester, feeds []Feed, opts Options) (*Poller, error) {
	if ing == nil {
		return nil, errors.New("feed: new poller: nil ingester")
	}
	p := &Poller{
		ing:   ing,
		opts:  opts.withDefaults(),
		byURL: make(map[string]*feedState, len(feeds)),
	}
	p.sem = make(chan struct{}, p.opts.Concurrency)
	p.public = newClient(p.opts.Concurrency, p.opts.Resolve, p.opts.allow)
	p.private = newClient(p.opts.Concurrency, p.opts.Resolve, nil)
	p.log = p.opts.Logger
	for i, f := range feeds {
		if f.URL == "" {
			return nil, fmt.Errorf("feed: new poller: feed %d has no URL", i+1)
		}
		u, err := url.Parse(f.URL)
		if err != nil {
			return nil, fmt.Errorf("feed: new poller: feed %d: %w", i+1, err)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("feed: new poller: feed %s: not an absolute http or https URL", f.URL)
		}
		if ip, err := netip.ParseAddr(u.Hostname()); err == nil && !f.AllowPrivate &&
			!p.opts.allow(netip.AddrPortFrom(ip.Unmap(), urlPort(u))) {
			return nil, fmt.Errorf("feed: new poller: feed %s: %w (allow private addresses for this feed to poll it)", Redact(f.URL), ErrNonPublic)
		}
		if _, dup := p.byURL[f.URL]; dup {
			return nil, fmt.Errorf("feed: new poller: feed %s is listed twice", f.URL)
		}
		f.Interval = interval(f.Interval)
		fs := &feedState{feed: f, base: u, key: StateKey(f.URL), safe: Redact(f.URL)}
		p.feeds = append(p.feeds, fs)
		p.byURL[f.URL] = fs
	}
	return p, nil
}

func interval(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultInterval
	}
	return d
}

func (p *Poller) now() time.Time { return p.opts.Now() }

// load reads fs's status from the state once. A status that cannot be
// decoded is logged and replaced by a fresh one (the feed primes again).
func (p *Poller) load(ctx context.Context, fs *feedState) error {
	fs.mu.Lock()
	loaded := fs.loaded
	fs.mu.Unlock()
	if loaded {
		return nil
	}
	v, ok, err := p.ing.State(ctx, fs.key)
	if err != nil {
		return fmt.Errorf("read status: %w", err)
	}
	var st Status
	if ok {
		if err := json.Unmarshal([]byte(v), &st); err != nil {
			p.log.Warn("feed status unreadable; starting afresh", "feed", fs.safe, "err", err)
			st = Status{}
		}
	}
	fs.mu.Lock()
	if !fs.loaded {
		fs.st = st
		fs.loaded = true
	}
	fs.mu.Unlock()
	return nil
}

// status returns a copy of fs's status, loading it first if needed.
func (p *Poller) status(ctx context.Context, fs *feedState) (Status, error) {
	if err := p.load(ctx, fs); err != nil {
		return Status{}, err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	st := fs.st
	st.Feed = fs.feed
	return st, nil
}

// Status returns the status of every feed, in configuration order. It
// reads the stored status of feeds not polled yet.
func (p *Poller) Status(ctx context.Context) ([]Status, error) {
	out := make([]Status, 0, len(p.feeds))
	for _, fs := range p.feeds {
		st, err := p.status(ctx, fs)
		if err != nil {
			return nil, fmt.Errorf("feed: status %s: %w", fs.safe, err)
		}
		out = append(out, st)
	}
	return out, nil
}

// ReadStatus returns the stored status of each of feeds, as a Poller over
// the same state would, without one (for a command that lists feeds). A
// feed never polled has a zero status; a stored status that cannot be
// decoded is an error.
func ReadStatus(ctx context.Context, st StateReader, feeds []Feed) ([]Status, error) {
	out := make([]Status, 0, len(feeds))
	for _, f := range feeds {
		f.Interval = interval(f.Interval)
		s := Status{}
		v, ok, err := st.State(ctx, StateKey(f.URL))
		if err != nil {
			return nil, fmt.Errorf("feed: status %s: %w", f.URL, err)
		}
		if ok {
			if err := json.Unmarshal([]byte(v), &s); err != nil {
				return nil, fmt.Errorf("feed: status %s: %w", f.URL, err)
			}
		}
		s.Feed = f
		out = append(out, s)
	}
	return out, nil
}

// Poll polls the configured feed with this URL now, whatever its schedule,
// and returns what it did. The error is that poll's failure (the fetch, the
// parse, the store), also recorded in the feed's Status; per-item problems
// are in Result.Errors. A poll waits for one of the same feed in progress.
func (p *Poller) Poll(ctx context.Context, feedURL string) (Result, error) {
	fs, ok := p.byURL[feedURL]
	if !ok {
		return Result{}, fmt.Errorf("feed: poll %s: not a configured feed", Redact(feedURL))
	}
	return p.pollFeed(ctx, fs)
}

// acquire takes a request slot, or fails when ctx ends first.
func (p *Poller) acquire(ctx context.Context) error {
	select {
	case p.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Poller) release() { <-p.sem }

// Redact returns a feed URL as logs, errors and statuses show it: without
// user info, and with each query value replaced by REDACTED, since feed
// URLs may carry keys. A URL that does not parse is shown as
// "(unparsable URL)".
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			q[k] = []string{"REDACTED"}
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// redactedError is an error whose text shows URLs redacted (net/http
// errors quote the URL they failed on).
type redactedError struct {
	err error
	raw []string // the forms of URLs to replace by their Redact form
}

func (e *redactedError) Error() string {
	s := e.err.Error()
	for _, r := range e.raw {
		s = strings.ReplaceAll(s, r, Redact(r))
	}
	return s
}

func (e *redactedError) Unwrap() error { return e.err }

// redact wraps err so that its text shows no feed URL's query or user
// info: neither fs's URL nor the URL a request failed on (net/http's
// *url.Error, which hides only the password, quotes it; it may be a
// redirect's target).
func (fs *feedState) redact(err error) error {
	if err == nil {
		return nil
	}
	raw := []string{fs.feed.URL}
	var ue *url.Error
	if errors.As(err, &ue) {
		raw = append(raw, ue.URL)
	}
	return &redactedError{err: err, raw: raw}
}
