package demo_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/extract"
	"transferbot/rumours/feed"
	"transferbot/rumours/gazetteer"
	"transferbot/storage"
)

// TestFeedGrows checks the demo feed's schedule: the history first, one
// more article every interval, never more than the corpus, and 304 while
// nothing new is out.
func TestFeedGrows(t *testing.T) {
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := start
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	f, err := demo.NewFeed(10*time.Second, 0, clock)
	if err != nil {
		t.Fatal(err)
	}
	total := len(mustArticles(t))
	for _, c := range []struct {
		after time.Duration
		want  int
	}{{0, demo.FeedHistory}, {9 * time.Second, demo.FeedHistory}, {10 * time.Second, demo.FeedHistory + 1}, {35 * time.Second, demo.FeedHistory + 3}, {time.Hour, total}} {
		mu.Lock()
		now = start.Add(c.after)
		mu.Unlock()
		if got := f.Published(); got != c.want {
			t.Errorf("after %v: %d articles out, want %d", c.after, got, c.want)
		}
	}
	// a store that has more of the corpus resumes there
	if g, err := demo.NewFeed(10*time.Second, 15, clock); err != nil || g.Published() != 15 {
		t.Errorf("resuming at 15: %d out, err %v", g.Published(), err)
	}
	srv := httptest.NewServer(f)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	again, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	again.Body.Close()
	if resp.StatusCode != http.StatusOK || again.StatusCode != http.StatusNotModified {
		t.Errorf("GET answered %d, then %d with the ETag; want 200, then 304", resp.StatusCode, again.StatusCode)
	}
}

func mustArticles(t *testing.T) []rumours.Article {
	t.Helper()
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// TestFeedThroughPoller polls the demo feed with the real poller into a
// store seeded with the demo history, as the default run does: the feed's
// copy of the history is recognised as already stored (same text), and
// each article published later is stored once, with alerts.
func TestFeedThroughPoller(t *testing.T) {
	ctx := context.Background()
	st, err := storage.Open(ctx, t.TempDir()+"/demo.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rumours.New(st, g, extract.New(g, rumours.DefaultOutlets()), rumours.Options{})
	if err != nil {
		t.Fatal(err)
	}
	arts := mustArticles(t)
	if _, errs := eng.IngestBatch(ctx, arts[:demo.FeedHistory]); errs[0] != nil {
		t.Fatal(errs[0])
	}
	var mu sync.Mutex
	start := time.Now()
	now := start
	f, err := demo.NewFeed(time.Minute, demo.FeedHistory, func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f)
	defer srv.Close()
	p, err := feed.New(eng, []feed.Feed{{URL: srv.URL, AllowPrivate: true}}, feed.Options{}) // the test server is on loopback
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Poll(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 0 || res.Duplicates != demo.FeedHistory {
		t.Errorf("first poll: %d stored, %d duplicates; want the %d history articles recognised", res.Stored, res.Duplicates, demo.FeedHistory)
	}
	mu.Lock()
	now = start.Add(2 * time.Minute)
	mu.Unlock()
	res, err = p.Poll(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 2 || res.Alerts == 0 {
		t.Errorf("after two more articles: %d stored, %d alerts; want 2 stored, with alerts", res.Stored, res.Alerts)
	}
	if n, err := st.CountArticles(ctx); err != nil || n != demo.FeedHistory+2 {
		t.Errorf("%d articles stored (err %v), want %d", n, err, demo.FeedHistory+2)
	}
	// TextHashes knows the feed's articles as demo articles.
	hashes, err := demo.TextHashes()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.CountTextHashes(ctx, hashes); err != nil || n != demo.FeedHistory+2 {
		t.Errorf("%d stored articles have a demo text hash (err %v), want all %d", n, err, demo.FeedHistory+2)
	}
}
