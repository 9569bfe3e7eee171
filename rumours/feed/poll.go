package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/source"
)

// outcome is what a successful poll changes in the status besides counters.
type outcome struct {
	notModified        bool
	etag, lastModified string
	watermark          time.Time
}

// saveTimeout bounds saving a status after the poll's context ended.
const saveTimeout = 5 * time.Second

// pollFeed polls fs once and records the outcome in its status, saved to
// the state. When ctx ends during the poll nothing is recorded.
func (p *Poller) pollFeed(ctx context.Context, fs *feedState) (Result, error) {
	fs.poll.Lock()
	defer fs.poll.Unlock()
	u := fs.safe
	if err := p.load(ctx, fs); err != nil {
		p.log.Warn("feed poll failed", "feed", u, "err", err)
		if p.opts.OnPoll != nil && ctx.Err() == nil {
			p.opts.OnPoll(u, Result{}, err)
		}
		return Result{}, fmt.Errorf("feed: poll %s: %w", u, err)
	}
	fs.mu.Lock()
	prev := fs.st
	fs.mu.Unlock()

	start := p.now()
	res, out, err := p.fetchAndIngest(ctx, fs, prev, start)
	err = fs.redact(err)
	if err != nil && ctx.Err() != nil {
		return res, fmt.Errorf("feed: poll %s: %w", u, err)
	}

	fs.mu.Lock()
	st := &fs.st
	st.LastFetch = start
	var failingDay, works bool // to log: failing for a day; working again after that
	if err != nil {
		st.Failures++
		st.LastError = err.Error()
		if st.FailingSince.IsZero() {
			st.FailingSince = start
		}
		if !fs.warned && start.Sub(st.FailingSince) >= FailingDay {
			fs.warned, failingDay = true, true
		}
		var se *StatusError
		var wait time.Duration
		if errors.As(err, &se) {
			wait = se.RetryAfter
		}
		st.NextPoll = start.Add(p.backoff(fs.feed.Interval, st.Failures, wait))
	} else {
		st.LastSuccess = start
		st.LastError = ""
		st.Failures = 0
		st.FailingSince = time.Time{}
		works, fs.warned = fs.warned, false
		st.Primed = true
		if out.notModified {
			if out.etag != "" {
				st.ETag = out.etag
			}
			if out.lastModified != "" {
				st.LastModified = out.lastModified
			}
		} else {
			st.ETag, st.LastModified = out.etag, out.lastModified
		}
		if out.watermark.After(st.Watermark) {
			st.Watermark = out.watermark
		}
		st.ItemsSeen += res.New
		st.Articles += res.Stored
		st.LinksFound += res.Links
		st.Alerts += res.Alerts
		st.NextPoll = start.Add(jitter(fs.feed.Interval, 0.1))
	}
	saved := *st
	fs.mu.Unlock()

	saveErr := p.save(ctx, fs, saved)
	if failingDay {
		p.log.Warn("feed failing for a day: no news from it until it works again", "feed", u,
			"failing_since", saved.FailingSince, "failures", saved.Failures, "err", err)
	}
	if works {
		p.log.Info("feed works again after failing for a day", "feed", u)
	}
	if err != nil {
		p.log.Warn("feed poll failed", "feed", u, "err", err, "failures", saved.Failures, "next", saved.NextPoll)
	} else {
		p.log.Debug("feed polled", "feed", u, "not_modified", res.NotModified, "items", res.Items,
			"new", res.New, "stored", res.Stored, "duplicates", res.Duplicates, "links", res.Links,
			"alerts", res.Alerts, "item_errors", len(res.Errors), "next", saved.NextPoll)
	}
	if saveErr != nil {
		p.log.Warn("feed status not saved", "feed", u, "err", saveErr)
	}
	if res.Alerts > 0 && p.opts.OnIngest != nil {
		p.opts.OnIngest(res.Alerts)
	}
	if p.opts.OnPoll != nil {
		p.opts.OnPoll(u, res, err)
	}
	switch {
	case err != nil:
		return res, fmt.Errorf("feed: poll %s: %w", u, err)
	case saveErr != nil:
		return res, fmt.Errorf("feed: poll %s: save status: %w", u, saveErr)
	}
	return res, nil
}

// save writes st to the state, even when ctx has just ended: the poll's
// ingest is done and its status should not be lost.
func (p *Poller) save(ctx context.Context, fs *feedState, st Status) error {
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), saveTimeout)
	defer cancel()
	return p.ing.SetState(ctx, fs.key, string(data))
}

// fetchAndIngest fetches, parses and ingests fs's document. prev is the
// status before the poll, now its start.
func (p *Poller) fetchAndIngest(ctx context.Context, fs *feedState, prev Status, now time.Time) (Result, outcome, error) {
	var res Result
	if err := p.acquire(ctx); err != nil {
		return res, outcome{}, err
	}
	r, err := p.get(ctx, p.client(fs), fs.feed.URL, acceptFeed, validators{prev.ETag, prev.LastModified}, p.opts.MaxBody, "feed body")
	p.release()
	if err != nil {
		return res, outcome{}, err
	}
	out := outcome{notModified: r.notModified, etag: r.etag, lastModified: r.lastModified}
	if r.notModified {
		res.NotModified = true
		return res, out, nil
	}
	doc, err := parseFeed(r)
	if err != nil {
		return res, outcome{}, err
	}
	r.body = nil
	res.Items = len(doc.Items)
	its, errs := items(fs.feed, fs.base, doc)
	doc = nil
	res.Errors = errs
	if len(its) == 0 {
		return res, out, nil
	}

	keys := make([]rumours.Article, len(its))
	for i := range its {
		keys[i] = its[i].Article
	}
	known, err := p.ing.KnownArticles(ctx, keys)
	keys = nil
	if err != nil {
		return res, outcome{}, fmt.Errorf("known articles: %w", err)
	}
	if len(known) != len(its) {
		return res, outcome{}, fmt.Errorf("known articles: %d answers for %d articles", len(known), len(its))
	}
	// Items the engine found to repeat a stored text in the last poll stay
	// duplicates: they are not ingested (nor their pages fetched) again.
	skip := make(map[string]bool)
	var fresh []*item // the items not stored yet
	for i := range its {
		switch {
		case known[i]:
		case fs.dups[its[i].GUID]:
			skip[its[i].GUID] = true
		default:
			fresh = append(fresh, &its[i])
		}
	}
	defer func() { fs.dups = skip }()
	res.New = len(fresh)
	if fs.feed.FetchArticle {
		res.Errors = append(res.Errors, p.fetchPages(ctx, p.client(fs), fresh)...)
	}
	out.watermark = newest(its, now)
	if len(fresh) == 0 {
		return res, out, nil
	}

	batch := make([]rumours.Article, 0, len(fresh))
	alert := make([]bool, 0, len(fresh))
	for _, it := range fresh {
		it.fillText()
		a := it.Article
		if a.Text == "" {
			a.Text = a.Title // a headline-only item
		}
		if a.Text == "" {
			res.Errors = append(res.Errors, fmt.Errorf("feed: item %q: no text", a.GUID))
			continue
		}
		batch = append(batch, a)
		alert = append(alert, prev.Primed && (a.Published.IsZero() || a.Published.After(prev.Watermark)))
	}
	if len(batch) == 0 {
		return res, out, nil
	}
	results, ierrs := p.ing.IngestNews(ctx, batch, alert)
	if len(results) != len(batch) || len(ierrs) != len(batch) {
		return res, outcome{}, fmt.Errorf("ingest: %d results and %d errors for %d articles", len(results), len(ierrs), len(batch))
	}
	// When every article failed, and not all for want of text, the batch
	// failed as a whole (a store error): the poll fails and is retried.
	var batchErr error
	failed := 0
	for _, e := range ierrs {
		if e != nil {
			failed++
			if batchErr == nil && !errors.Is(e, rumours.ErrEmptyText) {
				batchErr = e
			}
		}
	}
	if failed == len(batch) && batchErr != nil {
		return res, outcome{}, fmt.Errorf("ingest: %w", batchErr)
	}
	for i, ir := range results {
		switch {
		case ierrs[i] != nil:
			res.Errors = append(res.Errors, fmt.Errorf("feed: item %q: %w", batch[i].GUID, ierrs[i]))
		case ir.Duplicate:
			res.Duplicates++
			skip[batch[i].GUID] = true
		default:
			res.Stored++
			res.Links += len(ir.Links)
			res.Alerts += len(ir.Alerts)
		}
	}
	return res, out, nil
}

// client returns the client for fs's requests: private when the feed is
// marked AllowPrivate, else public, which connects to public addresses
// only.
func (p *Poller) client(fs *feedState) *http.Client {
	if fs.feed.AllowPrivate {
		return p.private
	}
	return p.public
}

// fetchPages fetches the page of each of its that has a URL, in parallel
// (within the poller's request slots), and replaces its text by the page's
// main text; it also fills a missing title or date from the page. A page
// that cannot be fetched or read leaves the item as it is and gives an
// error.
func (p *Poller) fetchPages(ctx context.Context, client *http.Client, its []*item) []error {
	errs := make([]error, len(its))
	var wg sync.WaitGroup
	for k, it := range its {
		if it.URL == "" {
			continue
		}
		wg.Go(func() {
			if err := p.fetchPage(ctx, client, &it.Article); err != nil {
				errs[k] = fmt.Errorf("feed: item %s: fetch article: %w", it.URL, err)
			}
		})
	}
	wg.Wait()
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

func (p *Poller) fetchPage(ctx context.Context, client *http.Client, a *rumours.Article) error {
	if err := p.acquire(ctx); err != nil {
		return err
	}
	r, err := p.get(ctx, client, a.URL, acceptPage, validators{}, p.opts.MaxPage, "article page")
	p.release()
	if err != nil {
		return err
	}
	page, err := source.ParseHTML(a.ID, toUTF8(r.body, r.contentType), a.URL)
	if err != nil {
		return err
	}
	a.Text = page.Text
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Published.IsZero() {
		a.Published = page.Published
	}
	return nil
}
