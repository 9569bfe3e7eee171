package feed_test

// The poller over the real engine and SQLite store, rather than the fake
// ingester: what the store ends up holding (articles, alerts, deliveries)
// after feeds that repeat, copy, edit and break their items.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/extract"
	"transferbot/rumours/feed"
	"transferbot/rumours/gazetteer"
	"transferbot/storage"
)

// engineDay is the date of the test feeds' items; the engine's and the
// poller's clocks are two days later.
var engineDay = time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)

// realEngine is the rumour engine over a fresh SQLite store.
type realEngine struct {
	*rumours.Engine
	store *storage.Store
}

func newRealEngine(t *testing.T) *realEngine {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "feed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := engineDay.Add(48 * time.Hour)
	eng, err := rumours.New(st, g, extract.New(g, rumours.DefaultOutlets()), rumours.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return &realEngine{Engine: eng, store: st}
}

func (e *realEngine) articles(t *testing.T) int {
	t.Helper()
	n, err := e.store.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// deliveries returns every pending delivery to the given platforms.
func (e *realEngine) deliveries(t *testing.T, platforms ...string) []rumours.Delivery {
	t.Helper()
	ds, err := e.PendingDeliveries(context.Background(), platforms, engineDay.AddDate(10, 0, 0), 0)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// feedDoc serves an RSS document that a test replaces between polls.
type feedDoc struct {
	mu          sync.Mutex
	status      int // when not 0, the answer instead of the document
	contentType string
	body        []byte
}

func (f *feedDoc) set(body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.body = body
}

func (f *feedDoc) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.status != 0 {
		http.Error(w, "feed generator crashed", f.status)
		return
	}
	ct := f.contentType
	if ct == "" {
		ct = "application/rss+xml"
	}
	w.Header().Set("Content-Type", ct)
	w.Write(f.body)
}

func serveFeed(t *testing.T, f *feedDoc) string {
	t.Helper()
	s := httptest.NewServer(f)
	t.Cleanup(s.Close)
	return s.URL + "/rss"
}

// engineItem is an RSS item; empty fields are left out.
type engineItem struct {
	guid, link, title, text string
	date                    time.Time
}

func engineRSS(items ...engineItem) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Sports</title><link>https://news.example/</link>`)
	for _, it := range items {
		b.WriteString("<item>")
		if it.title != "" {
			b.WriteString("<title>" + it.title + "</title>")
		}
		if it.link != "" {
			b.WriteString("<link>" + it.link + "</link>")
		}
		if it.guid != "" {
			b.WriteString("<guid>" + it.guid + "</guid>")
		}
		if !it.date.IsZero() {
			b.WriteString("<pubDate>" + it.date.Format(time.RFC1123Z) + "</pubDate>")
		}
		b.WriteString("<description>" + it.text + "</description></item>")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// TestEngineFeedDedupAndAlerts polls a feed whose items repeat a GUID, lack
// a link or a date, copy another item's text under a second GUID, and are
// edited after they were stored, into the real engine and store: every
// distinct item is stored once and nothing twice, the edit is neither a new
// article nor news, and a channel following the players gets the alerts of
// the one truly new item only.
func TestEngineFeedDedupAndAlerts(t *testing.T) {
	ctx := context.Background()
	eng := newRealEngine(t)
	for _, s := range []rumours.Subscription{
		{Platform: "telegram", Channel: "77", Kind: rumours.KindPlayer, Target: "Erling Haaland"},
		{Platform: "telegram", Channel: "77", Kind: rumours.KindPlayer, Target: "Victor Osimhen"},
		{Platform: "telegram", Channel: "78", Kind: rumours.KindClub, Target: "Chelsea"},
		{Platform: "telegram", Channel: "79", Kind: rumours.KindPlayer, Target: "Bukayo Saka"},
	} {
		if err := eng.Subscribe(ctx, s); err != nil {
			t.Fatal(err)
		}
	}

	haaland := engineItem{guid: "haaland", link: "https://news.example/haaland", title: "Chelsea talk Haaland", date: engineDay,
		text: "Chelsea have opened talks with Borussia Dortmund over Erling Haaland, Sky Sports reports."}
	sameGUID := engineItem{guid: "haaland", link: "https://news.example/other", title: "Arsenal want Osimhen", date: engineDay,
		text: "Arsenal have opened talks with Napoli over Victor Osimhen, Sky Sports reports."}
	noLink := engineItem{guid: "kane", title: "Bayern want Kane", date: engineDay,
		text: "Bayern Munich are in talks with Tottenham Hotspur over Harry Kane, Kicker reports."}
	noDate := engineItem{guid: "sancho", link: "https://news.example/sancho", title: "United bid for Sancho",
		text: "Manchester United have made a bid for Jadon Sancho, The Athletic reports."}
	sakaText := "Real Madrid are interested in Bukayo Saka, according to Marca."
	copyA := engineItem{guid: "saka-a", link: "https://news.example/saka-a", title: "Real eye Saka", date: engineDay, text: sakaText}
	copyB := engineItem{guid: "saka-b", link: "https://news.example/saka-b", title: "Saka on Real's list", date: engineDay, text: sakaText}
	doc := &feedDoc{body: engineRSS(haaland, sameGUID, noLink, noDate, copyA, copyB)}
	url := serveFeed(t, doc)

	clock := engineDay.Add(48 * time.Hour)
	alerts := 0
	p, err := feed.New(eng, []feed.Feed{{URL: url, Outlet: "Test Sports", AllowPrivate: true}}, feed.Options{
		Now: func() time.Time { return clock }, OnIngest: func(n int) { alerts += n },
	})
	if err != nil {
		t.Fatal(err)
	}

	// The first poll stores the back catalogue, without alerts.
	res, err := p.Poll(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.Items != 6 || res.New != 5 || res.Stored != 4 || res.Duplicates != 1 || res.Alerts != 0 || len(res.Errors) != 0 {
		t.Errorf("first poll: %+v, want 6 items, 5 new, 4 stored, 1 duplicate, no alert", res)
	}
	if n := eng.articles(t); n != 4 {
		t.Errorf("%d articles stored, want 4: the first of a GUID, no link, no date, one of the copies", n)
	}
	if ds := eng.deliveries(t, "telegram"); len(ds) != 0 {
		t.Errorf("the back catalogue queued %d deliveries", len(ds))
	}
	// The item that repeated a GUID was not stored.
	if ev, err := eng.Rumours(ctx, rumours.KindPlayer, "Victor Osimhen", clock, 10); err != nil || len(ev) != 0 {
		t.Errorf("Osimhen evidence %+v, %v: the second item of a GUID was stored", ev, err)
	}

	// The next poll: the Haaland item was edited (same GUID, new text) and
	// one item is new.
	edited := haaland
	edited.text = "Chelsea have agreed a fee with Borussia Dortmund for Erling Haaland, Sky Sports reports."
	fresh := engineItem{guid: "osimhen", link: "https://news.example/osimhen", title: "Juventus talk Osimhen", date: engineDay.Add(24 * time.Hour),
		text: "Juventus have opened talks with Napoli over Victor Osimhen, Sky Sports reports."}
	doc.set(engineRSS(fresh, edited, sameGUID, noLink, noDate, copyA, copyB))
	res, err = p.Poll(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 1 || res.Stored != 1 || res.Duplicates != 0 || res.Alerts == 0 {
		t.Errorf("second poll: %+v, want the one new item stored, with alerts", res)
	}
	if n := eng.articles(t); n != 5 {
		t.Errorf("%d articles stored, want 5", n)
	}
	ev, err := eng.Rumours(ctx, rumours.KindPlayer, "Erling Haaland", clock, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 1 || ev[0].To != "Chelsea" || ev[0].Stage != rumours.Talks {
		t.Errorf("Haaland evidence %+v, want the original talks only: the edit is not stored", ev)
	}
	ds := eng.deliveries(t, "telegram")
	if len(ds) != res.Alerts {
		t.Errorf("%d deliveries for %d alerts, want one each to channel 77", len(ds), res.Alerts)
	}
	for _, d := range ds {
		if d.Channel != "77" || d.Alert.Player != "Victor Osimhen" || d.Alert.Club != "Juventus" || d.Kind != rumours.KindPlayer || d.Target != "Victor Osimhen" {
			t.Errorf("delivery to %s of an alert %s -> %s (%s %s), want only Osimhen -> Juventus to channel 77",
				d.Channel, d.Alert.Player, d.Alert.Club, d.Kind, d.Target)
		}
	}

	// Polling the same document again, and after a restart (a new poller,
	// which offers the refused copy again), stores and alerts nothing more.
	for i, q := range []*feed.Poller{p, newPoller(t, eng, []feed.Feed{{URL: url, Outlet: "Test Sports"}}, feed.Options{Now: func() time.Time { return clock }})} {
		res, err := q.Poll(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if res.Stored != 0 || res.Alerts != 0 {
			t.Errorf("poll %d of an unchanged feed: %+v", i+3, res)
		}
	}
	if n := eng.articles(t); n != 5 {
		t.Errorf("%d articles stored after more polls, want 5", n)
	}
	if got := eng.deliveries(t, "telegram"); len(got) != len(ds) {
		t.Errorf("%d deliveries after more polls, want %d", len(got), len(ds))
	}
	st := statusOf(t, p, url)
	if st.Articles != 5 || st.Alerts != alerts || st.LastError != "" {
		t.Errorf("status %+v, want 5 articles and %d alerts counted", st, alerts)
	}
}

// TestEngineFeedFailureLeavesOtherFeedsAlone: one feed of a poller breaks
// (malformed XML, a body in another encoding than it declares, an HTTP 500)
// while another stores its items: the broken one fails and records its
// failure, stores nothing, and the good one is not affected.
func TestEngineFeedFailureLeavesOtherFeedsAlone(t *testing.T) {
	good := engineRSS(
		engineItem{guid: "g1", link: "https://news.example/g1", title: "Kane", date: engineDay,
			text: "Bayern Munich are in talks with Tottenham Hotspur over Harry Kane, Kicker reports."},
		engineItem{guid: "g2", link: "https://news.example/g2", title: "Rice", date: engineDay,
			text: "Arsenal have made a bid for Declan Rice, Sky Sports reports."},
	)
	// The item of a broken feed, which must not be stored.
	brokenItem := engineItem{guid: "b1", link: "https://broken.example/b1", title: "Sancho", date: engineDay,
		text: "Manchester United have made a bid for Jadon Sancho, The Athletic reports."}
	utf16 := func(s string) []byte { // UTF-16LE without a BOM
		var out []byte
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	tests := []struct {
		name string
		doc  *feedDoc
		want string // in the poll error
	}{
		{"malformed XML", &feedDoc{body: engineRSS(brokenItem)[:200]}, "parse feed"},
		{"UTF-16 declared UTF-8", &feedDoc{body: utf16(string(engineRSS(brokenItem)))}, "not an RSS"},
		{"unknown encoding", &feedDoc{body: []byte(strings.Replace(string(engineRSS(brokenItem)), `encoding="UTF-8"`, `encoding="x-no-such-charset"`, 1))}, "not an RSS"},
		{"Latin-1 declared UTF-8", &feedDoc{body: []byte(strings.Replace(string(engineRSS(brokenItem)), "Jadon Sancho", "Jad\xf3n Sancho", 1))}, "invalid UTF-8"},
		{"HTTP 500", &feedDoc{status: http.StatusInternalServerError, body: engineRSS(brokenItem)}, "HTTP 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			eng := newRealEngine(t)
			badURL := serveFeed(t, tt.doc)
			goodURL := serveFeed(t, &feedDoc{body: good})
			p := newPoller(t, eng, []feed.Feed{{URL: badURL, Outlet: "Broken"}, {URL: goodURL, Outlet: "Good"}}, feed.Options{})

			_, badErr := p.Poll(ctx, badURL)
			res, goodErr := p.Poll(ctx, goodURL)
			if badErr == nil || !strings.Contains(badErr.Error(), tt.want) {
				t.Errorf("poll of the broken feed: %v, want an error mentioning %q", badErr, tt.want)
			}
			if goodErr != nil || res.Stored != 2 {
				t.Errorf("poll of the good feed: %+v, %v, want 2 stored", res, goodErr)
			}
			if n := eng.articles(t); n != 2 {
				t.Errorf("%d articles stored, want the good feed's 2", n)
			}
			sts, err := p.Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			byURL := map[string]feed.Status{}
			for _, st := range sts {
				byURL[st.URL] = st
			}
			if st := byURL[badURL]; st.LastError == "" || st.Failures != 1 || st.Primed || st.Articles != 0 {
				t.Errorf("broken feed status %+v, want one failure recorded", st)
			}
			if st := byURL[goodURL]; st.LastError != "" || st.Failures != 0 || !st.Primed || st.Articles != 2 {
				t.Errorf("good feed status %+v, want primed with 2 articles", st)
			}

			// In the other order, too: the broken feed failing second
			// leaves what the good one stored.
			if _, err := p.Poll(ctx, badURL); err == nil {
				t.Error("the broken feed's second poll succeeded")
			}
			if st := statusOf(t, p, badURL); st.Failures != 2 {
				t.Errorf("broken feed: %d failures, want 2", st.Failures)
			}
			if n := eng.articles(t); n != 2 {
				t.Errorf("%d articles stored, want 2", n)
			}
		})
	}
}

// TestEngineFeedRunSurvivesABrokenFeed runs the poller (Run) over a broken
// feed and a good one: the good one's items are stored while the broken
// one keeps failing.
func TestEngineFeedRunSurvivesABrokenFeed(t *testing.T) {
	eng := newRealEngine(t)
	badURL := serveFeed(t, &feedDoc{status: http.StatusInternalServerError})
	goodURL := serveFeed(t, &feedDoc{body: engineRSS(engineItem{guid: "g1", link: "https://news.example/g1", title: "Kane", date: engineDay,
		text: "Bayern Munich are in talks with Tottenham Hotspur over Harry Kane, Kicker reports."})})
	p := newPoller(t, eng, []feed.Feed{{URL: badURL, Interval: 20 * time.Millisecond}, {URL: goodURL, Interval: 20 * time.Millisecond}},
		feed.Options{MaxBackoff: 40 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		sts, err := p.Status(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if sts[0].Failures >= 2 && sts[1].Primed && sts[1].Articles == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("statuses never settled: %s", fmtStatuses(sts))
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if n := eng.articles(t); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
}

func fmtStatuses(sts []feed.Status) string {
	var out []string
	for _, st := range sts {
		out = append(out, fmt.Sprintf("%s: primed %v, failures %d, articles %d, error %q", st.URL, st.Primed, st.Failures, st.Articles, st.LastError))
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}
