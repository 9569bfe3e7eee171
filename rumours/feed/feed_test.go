package feed_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/feed"
	"transferbot/rumours/source"
)

var ctx = context.Background()

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// fixtureServer serves each testdata file at /NAME with the given content type.
func fixtureServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		b := readFixture(t, name)
		switch {
		case strings.HasSuffix(name, ".json"):
			w.Header().Set("Content-Type", "application/feed+json")
		case strings.HasSuffix(name, ".html"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		default:
			w.Header().Set("Content-Type", "application/xml")
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFormats(t *testing.T) {
	srv := fixtureServer(t)
	u := srv.URL
	tests := []struct {
		file   string
		outlet string
		want   []rumours.Article
	}{
		{
			file: "rss.xml",
			want: []rumours.Article{
				{
					GUID: "tt-1001", URL: "https://news.example.com/arsenal-caicedo",
					Title: "Arsenal in talks with Brighton over Caicedo", Outlet: "Transfer Talk Daily",
					Published: utc("2023-01-02T09:00:00Z"),
					Text:      "Arsenal are in talks with Brighton over Moisés Caicedo.\n\nA bid could follow.",
				},
				{
					GUID: "/chelsea-enzo?ref=rss", URL: u + "/chelsea-enzo?ref=rss",
					Title: "Chelsea & Enzo: bid expected", Outlet: "Transfer Talk Daily",
					Published: utc("2023-01-03T09:30:00Z"),
					Text:      "Chelsea are expected to bid for Enzo Fernández.",
				},
				{
					GUID: "tt-1003", URL: "", // a mailto: link is dropped
					Title: "Undated rumour", Outlet: "Transfer Talk Daily",
					Text: "Mudryk wanted by Chelsea.\n\nShakhtar want 100m.",
				},
			},
		},
		{
			file:   "atom.xml",
			outlet: "The Wire",
			want: []rumours.Article{
				{
					GUID: "urn:wire:rice", URL: "https://wire.example.org/rice",
					Title: "Rice agrees terms with Arsenal", Outlet: "The Wire",
					Published: utc("2023-01-04T08:15:00Z"),
					Text:      "Declan Rice has agreed personal terms with Arsenal.\n\nFee: 105m",
				},
				{
					GUID: "urn:wire:kane", URL: "https://wire.example.org/kane",
					Title: "Kane stays at Spurs", Outlet: "The Wire",
					Published: utc("2023-01-05T11:00:00Z"), // updated, as there is no published
					Text:      "Harry Kane will stay at Tottenham.",
				},
			},
		},
		{
			file: "feed.json",
			want: []rumours.Article{
				{
					GUID: "mill-1", URL: "https://mill.example.net/posts/1",
					Title: "Osimhen to Chelsea talks", Outlet: "JSON Rumour Mill",
					Published: utc("2023-08-01T16:00:00Z"),
					Text:      "Chelsea have opened talks with Napoli for Victor Osimhen.",
				},
				{
					GUID: "mill-2", Title: "Plain text item", Outlet: "JSON Rumour Mill",
					Published: utc("2023-08-02T07:00:00Z"),
					Text:      "Mbappe says he is staying at PSG.\n\nReal Madrid wait.",
				},
			},
		},
		{
			file: "content-encoded.xml",
			want: []rumours.Article{
				{
					GUID: "https://encoded.example.com/bellingham", URL: "https://encoded.example.com/bellingham",
					Title: "Bellingham medical at Real Madrid", Outlet: "Encoded Sports",
					Published: utc("2023-06-07T14:00:00Z"),
					Text:      "Medical today\n\nJude Bellingham is having his medical at Real Madrid.\n\nThe fee is 103m.",
				},
			},
		},
		{
			file: "latin1.xml",
			want: []rumours.Article{
				{
					GUID: "merc-1", URL: "https://mercato.example.fr/mbappe",
					Title: "Mbappé prolonge au PSG", Outlet: "Le Mercato",
					Published: utc("2023-06-01T08:00:00Z"),
					Text:      "Kylian Mbappé reste à Paris, selon L'Équipe.",
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ing := newFake()
			feedURL := u + "/" + tt.file
			p := newPoller(t, ing, []feed.Feed{{URL: feedURL, Outlet: tt.outlet}}, feed.Options{})
			res, err := p.Poll(ctx, feedURL)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Errorf("item errors: %v", res.Errors)
			}
			got, _ := ing.storedArticles()
			for i := range tt.want {
				tt.want[i].GUID = feedURL + " " + tt.want[i].GUID
				tt.want[i].ID = tt.want[i].GUID
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("articles:\n got %+v\nwant %+v", got, tt.want)
			}
			want := feed.Result{Items: len(tt.want), New: len(tt.want), Stored: len(tt.want), Links: len(tt.want)}
			if !reflect.DeepEqual(res, want) {
				t.Errorf("result %+v, want %+v", res, want)
			}
		})
	}
}

func TestBadDocuments(t *testing.T) {
	binary := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		notFeed     bool // the error wraps ErrNotFeed
		want        string
	}{
		{"broken XML", readFixture(t, "broken.xml"), "application/rss+xml", false, "parse feed"},
		{"HTML page", readFixture(t, "page.html"), "text/html; charset=utf-8", true, "an HTML page, text/html"},
		{"empty body", nil, "application/rss+xml", true, "empty body"},
		{"white space", []byte(" \n\t"), "application/rss+xml", true, "empty body"},
		{"binary", binary, "image/png", true, "binary data"},
		{"JSON that is no JSON Feed", []byte(`{"error": "rate limited"}`), "application/json", true, "JSON Feed version"},
		{"plain text", []byte("Service temporarily down"), "text/plain", true, "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newMutableServer(t, tt.body)
			s.contentType = tt.contentType
			ing := newFake()
			p := newPoller(t, ing, []feed.Feed{{URL: s.URL}}, feed.Options{})
			_, err := p.Poll(ctx, s.URL)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "feed: poll "+s.URL+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to mention %q", err, tt.want)
			}
			if errors.Is(err, feed.ErrNotFeed) != tt.notFeed {
				t.Errorf("errors.Is(%v, ErrNotFeed) = %v", err, !tt.notFeed)
			}
			st := statusOf(t, p, s.URL)
			if st.LastError == "" || st.Failures != 1 || st.Primed || !st.LastSuccess.IsZero() {
				t.Errorf("status %+v, want a failure", st)
			}
			if ing.ingestCalls() != 0 {
				t.Error("ingested something")
			}
		})
	}
}

func TestBinaryBodyIsErrBinary(t *testing.T) {
	s := newMutableServer(t, []byte("<rss>\x00\x01\x02</rss>"))
	p := newPoller(t, newFake(), []feed.Feed{{URL: s.URL}}, feed.Options{})
	if _, err := p.Poll(ctx, s.URL); !errors.Is(err, source.ErrBinary) {
		t.Errorf("error %v, want source.ErrBinary", err)
	}
}

func TestRequestHeadersAndConditionalGET(t *testing.T) {
	tests := []struct {
		name, etag, lastModified string
		header, value            string // the validator the second poll sends
	}{
		{"ETag", `"v1"`, "", "If-None-Match", `"v1"`},
		{"Last-Modified", "", "Mon, 02 Jan 2023 10:00:00 GMT", "If-Modified-Since", "Mon, 02 Jan 2023 10:00:00 GMT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newMutableServer(t, readFixture(t, "rss.xml"))
			s.etag, s.lastModified = tt.etag, tt.lastModified
			ing := newFake()
			p := newPoller(t, ing, []feed.Feed{{URL: s.URL}}, feed.Options{UserAgent: "test-agent/2"})
			res, err := p.Poll(ctx, s.URL)
			if err != nil || res.Stored != 3 {
				t.Fatalf("first poll: %+v, %v", res, err)
			}
			h := s.lastRequest()
			if h.Get("User-Agent") != "test-agent/2" {
				t.Errorf("User-Agent %q", h.Get("User-Agent"))
			}
			if !strings.HasPrefix(h.Get("Accept"), "application/rss+xml, application/atom+xml, application/feed+json") {
				t.Errorf("Accept %q", h.Get("Accept"))
			}
			if h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
				t.Errorf("first poll is conditional: %v", h)
			}
			st := statusOf(t, p, s.URL)
			if st.ETag != tt.etag || st.LastModified != tt.lastModified {
				t.Errorf("status validators %q %q", st.ETag, st.LastModified)
			}

			res, err = p.Poll(ctx, s.URL)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.lastRequest().Get(tt.header); got != tt.value {
				t.Errorf("%s = %q, want %q", tt.header, got, tt.value)
			}
			if !reflect.DeepEqual(res, feed.Result{NotModified: true}) {
				t.Errorf("304 result %+v", res)
			}
			if ing.ingestCalls() != 1 {
				t.Errorf("%d ingest calls, want 1", ing.ingestCalls())
			}
			st = statusOf(t, p, s.URL)
			if st.ETag != tt.etag || st.LastModified != tt.lastModified || st.Failures != 0 || st.LastError != "" {
				t.Errorf("status after 304 %+v", st)
			}
		})
	}
}

func TestDefaultUserAgent(t *testing.T) {
	s := newMutableServer(t, readFixture(t, "rss.xml"))
	p := newPoller(t, newFake(), []feed.Feed{{URL: s.URL}}, feed.Options{})
	if _, err := p.Poll(ctx, s.URL); err != nil {
		t.Fatal(err)
	}
	if got := s.lastRequest().Get("User-Agent"); got != feed.DefaultUserAgent {
		t.Errorf("User-Agent %q", got)
	}
}

func TestGzip(t *testing.T) {
	body := readFixture(t, "atom.xml")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(body)
	zw.Close()
	var gzipped atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			gzipped.Store(true)
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz.Bytes())
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	ing := newFake()
	p := newPoller(t, ing, []feed.Feed{{URL: srv.URL}}, feed.Options{})
	res, err := p.Poll(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !gzipped.Load() {
		t.Error("the client did not ask for gzip")
	}
	if res.Stored != 2 {
		t.Errorf("stored %d, want 2", res.Stored)
	}
}

// bigHandler streams size bytes of a never-ending RSS item, counts what it
// managed to write and closes done when it returns.
func bigHandler(size int64, declareLength bool, written *atomic.Int64, done chan<- struct{}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer close(done)
		w.Header().Set("Content-Type", "application/rss+xml")
		if declareLength {
			w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		}
		chunk := bytes.Repeat([]byte("<p>Transfer news. </p>"), 1500) // ~33 KB
		head := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><item><title>x</title><description>`)
		n, err := w.Write(head)
		written.Add(int64(n))
		for written.Load() < size && err == nil {
			n, err = w.Write(chunk[:min(int64(len(chunk)), size-written.Load())])
			written.Add(int64(n))
		}
	}
}

func TestBodyCap(t *testing.T) {
	const size = 50 << 20
	for _, declared := range []bool{false, true} {
		t.Run("Content-Length "+strconv.FormatBool(declared), func(t *testing.T) {
			var written atomic.Int64
			done := make(chan struct{})
			srv := httptest.NewServer(bigHandler(size, declared, &written, done))
			defer srv.Close()
			p := newPoller(t, newFake(), []feed.Feed{{URL: srv.URL}}, feed.Options{})
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := p.Poll(ctx, srv.URL)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, feed.ErrTooLarge) || !strings.Contains(err.Error(), "feed body is larger than 8 MiB") {
				t.Fatalf("error %v, want the body cap", err)
			}
			// The poll reads at most 8 MiB + 1 and then hangs up: the
			// server cannot write the whole body, and the poll's
			// allocations stay well below it (the server's buffers are
			// small).
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("the poll allocated %.1f MiB", float64(alloc)/(1<<20))
			if alloc > 24<<20 {
				t.Errorf("the poll allocated %d MiB", alloc>>20)
			}
			<-done
			if n := written.Load(); n >= size {
				t.Errorf("the server wrote all %d bytes", n)
			}
			if st := statusOf(t, p, srv.URL); st.Failures != 1 || !strings.Contains(st.LastError, "8 MiB") {
				t.Errorf("status %+v", st)
			}
		})
	}
}

func TestMaxBodyOption(t *testing.T) {
	s := newMutableServer(t, readFixture(t, "rss.xml"))
	p := newPoller(t, newFake(), []feed.Feed{{URL: s.URL}}, feed.Options{MaxBody: 512})
	_, err := p.Poll(ctx, s.URL)
	if !errors.Is(err, feed.ErrTooLarge) || !strings.Contains(err.Error(), "larger than 512 bytes") {
		t.Errorf("error %v", err)
	}
}

func TestRedirects(t *testing.T) {
	body := readFixture(t, "rss.xml")
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			w.Write(body)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	loop, hops := srv.URL+"/loop", srv.URL+"/hop/4"
	p := newPoller(t, newFake(), []feed.Feed{{URL: loop}, {URL: hops}}, feed.Options{})
	_, err := p.Poll(ctx, loop)
	if !errors.Is(err, feed.ErrTooManyRedirects) || !strings.Contains(err.Error(), "redirect loop") {
		t.Errorf("error %v, want a redirect loop", err)
	}
	if res, err := p.Poll(ctx, hops); err != nil || res.Stored != 3 {
		t.Errorf("4 redirects: %+v, %v", res, err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	p := newPoller(t, newFake(), []feed.Feed{{URL: srv.URL}}, feed.Options{Timeout: 50 * time.Millisecond})
	_, err := p.Poll(ctx, srv.URL)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want a timeout", err)
	}
}

func TestHTTPErrorsAndBackoff(t *testing.T) {
	clock := &fakeClock{t: utc("2024-01-10T12:00:00Z")}
	s := newMutableServer(t, readFixture(t, "rss.xml"))
	s.setStatus(http.StatusInternalServerError, "")
	const interval = 10 * time.Minute
	p := newPoller(t, newFake(), []feed.Feed{{URL: s.URL, Interval: interval}}, feed.Options{Now: clock.Now, MaxBackoff: time.Hour})
	var prevWait time.Duration
	for i, base := range []time.Duration{10 * time.Minute, 20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour} {
		_, err := p.Poll(ctx, s.URL)
		var se *feed.StatusError
		if !errors.As(err, &se) || se.Code != 500 || !strings.Contains(err.Error(), "HTTP 500 Internal Server Error") {
			t.Fatalf("poll %d: error %v", i+1, err)
		}
		st := statusOf(t, p, s.URL)
		wait := st.NextPoll.Sub(clock.Now())
		if st.Failures != i+1 || wait < base*8/10 || wait > base*12/10 {
			t.Errorf("failure %d: next poll in %v, want %v ±20%%", st.Failures, wait, base)
		}
		if base < time.Hour && wait <= prevWait {
			t.Errorf("failure %d: wait %v did not grow from %v", i+1, wait, prevWait)
		}
		if st.LastError == "" || !st.LastFetch.Equal(clock.Now()) {
			t.Errorf("status %+v", st)
		}
		prevWait = wait
		clock.Add(wait)
	}
	// Retry-After is honoured, beyond the backoff.
	s.setStatus(http.StatusServiceUnavailable, "7200")
	_, err := p.Poll(ctx, s.URL)
	var se *feed.StatusError
	if !errors.As(err, &se) || se.RetryAfter != 2*time.Hour {
		t.Fatalf("error %v, want a 503 with Retry-After", err)
	}
	if st := statusOf(t, p, s.URL); st.NextPoll.Sub(clock.Now()) < 2*time.Hour {
		t.Errorf("next poll in %v, want at least 2h", st.NextPoll.Sub(clock.Now()))
	}
	// A success resets the backoff.
	s.setStatus(0, "")
	if _, err := p.Poll(ctx, s.URL); err != nil {
		t.Fatal(err)
	}
	st := statusOf(t, p, s.URL)
	wait := st.NextPoll.Sub(clock.Now())
	if st.Failures != 0 || st.LastError != "" || wait < interval*9/10 || wait > interval*11/10 || !st.LastSuccess.Equal(clock.Now()) {
		t.Errorf("after success: %+v, next poll in %v", st, wait)
	}
}

func TestRetryAfterDate(t *testing.T) {
	clock := &fakeClock{t: utc("2024-01-10T12:00:00Z")}
	s := newMutableServer(t, nil)
	s.setStatus(http.StatusTooManyRequests, "Wed, 10 Jan 2024 15:00:00 GMT")
	p := newPoller(t, newFake(), []feed.Feed{{URL: s.URL, Interval: time.Minute}}, feed.Options{Now: clock.Now})
	_, err := p.Poll(ctx, s.URL)
	if err == nil || !strings.Contains(err.Error(), "429") {
		t.Fatalf("error %v", err)
	}
	if st := statusOf(t, p, s.URL); st.NextPoll.Before(utc("2024-01-10T15:00:00Z")) {
		t.Errorf("next poll %v, want no sooner than the Retry-After date", st.NextPoll)
	}
}

func TestPrimingAndAlerts(t *testing.T) {
	day := utc("2024-07-01T10:00:00Z")
	clock := &fakeClock{t: day.Add(72 * time.Hour)}
	old1 := rssItem{title: "Old one", link: "https://t.example/1", guid: "g1", date: day, text: "Saka wanted by Real."}
	old2 := rssItem{title: "Old two", link: "https://t.example/2", guid: "g2", date: day.Add(time.Hour), text: "Rice wanted by City."}
	s := newMutableServer(t, rssDoc(old2, old1))
	ing := newFake()
	var woken []int
	p := newPoller(t, ing, []feed.Feed{{URL: s.URL}}, feed.Options{Now: clock.Now, OnIngest: func(n int) { woken = append(woken, n) }})

	res, err := p.Poll(ctx, s.URL)
	if err != nil || res.Stored != 2 || res.Alerts != 0 {
		t.Fatalf("priming poll: %+v, %v", res, err)
	}
	if m := ing.alertsByTitle(); m["Old one"] || m["Old two"] {
		t.Errorf("priming poll alerted: %v", m)
	}
	st := statusOf(t, p, s.URL)
	if !st.Primed || !st.Watermark.Equal(day.Add(time.Hour)) {
		t.Errorf("status after priming: %+v", st)
	}

	// The feed changes: one new item, and an edited old one (same GUID).
	edited := old2
	edited.text = "Rice wanted by City and Arsenal."
	fresh := rssItem{title: "New", link: "https://t.example/3", guid: "g3", date: day.Add(2 * time.Hour), text: "Osimhen wanted by Chelsea."}
	s.set(rssDoc(fresh, edited, old1))
	res, err = p.Poll(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	want := feed.Result{Items: 3, New: 1, Stored: 1, Links: 1, Alerts: 1}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("second poll %+v, want %+v", res, want)
	}
	if m := ing.alertsByTitle(); !m["New"] || m["Old one"] || m["Old two"] || len(m) != 3 {
		t.Errorf("alerts %v, want only New", m)
	}
	if !reflect.DeepEqual(woken, []int{1}) {
		t.Errorf("OnIngest calls %v, want [1]", woken)
	}
	st = statusOf(t, p, s.URL)
	want2 := feed.Status{ItemsSeen: 3, Articles: 3, LinksFound: 3, Alerts: 1}
	if st.ItemsSeen != want2.ItemsSeen || st.Articles != want2.Articles || st.LinksFound != want2.LinksFound || st.Alerts != want2.Alerts {
		t.Errorf("counters %+v, want %+v", st, want2)
	}
	if !st.Watermark.Equal(day.Add(2 * time.Hour)) {
		t.Errorf("watermark %v", st.Watermark)
	}
}

func TestWatermarkSurvivesRestart(t *testing.T) {
	day := utc("2024-07-01T10:00:00Z")
	clock := &fakeClock{t: day.Add(72 * time.Hour)}
	a := rssItem{title: "A", link: "https://t.example/a", date: day.Add(5 * time.Hour), text: "Text A."}
	s := newMutableServer(t, rssDoc(a))
	ing := newFake()
	feeds := []feed.Feed{{URL: s.URL}}
	if _, err := newPoller(t, ing, feeds, feed.Options{Now: clock.Now}).Poll(ctx, s.URL); err != nil {
		t.Fatal(err)
	}

	// A new poller over the same state: the feed is primed, and its
	// watermark is the newest date seen.
	p := newPoller(t, ing, feeds, feed.Options{Now: clock.Now})
	older := rssItem{title: "Older", link: "https://t.example/older", date: day, text: "Text older."}
	newer := rssItem{title: "Newer", link: "https://t.example/newer", date: day.Add(6 * time.Hour), text: "Text newer."}
	undated := rssItem{title: "Undated", link: "https://t.example/undated", text: "Text undated."}
	future := rssItem{title: "Future", link: "https://t.example/future", date: day.Add(1000 * time.Hour), text: "Text future."}
	s.set(rssDoc(newer, a, older, undated, future))
	res, err := p.Poll(ctx, s.URL)
	if err != nil || res.New != 4 || res.Stored != 4 {
		t.Fatalf("poll after restart: %+v, %v", res, err)
	}
	want := map[string]bool{"A": false, "Older": false, "Newer": true, "Undated": true, "Future": true}
	if m := ing.alertsByTitle(); !reflect.DeepEqual(m, want) {
		t.Errorf("alerts %v, want %v", m, want)
	}
	// The watermark never passes the poll's time, so a wrongly dated item
	// does not silence the feed.
	if st := statusOf(t, p, s.URL); !st.Watermark.Equal(clock.Now()) {
		t.Errorf("watermark %v, want the clock %v", st.Watermark, clock.Now())
	}
}

func TestItemsInOddShapes(t *testing.T) {
	day := utc("2024-07-01T10:00:00Z")
	s := newMutableServer(t, rssDoc(
		rssItem{title: "First", guid: "same", link: "https://t.example/1", date: day, text: "First text."},
		rssItem{title: "Second", guid: "same", link: "https://t.example/2", date: day, text: "Second text."},
		rssItem{title: "No link, no date", text: "Grealish wanted by City."},
		rssItem{title: "Nothing"},
		rssItem{title: "Headline only: Kane to Bayern", link: "https://t.example/kane"},
		rssItem{title: "Copy", link: "https://t.example/copy", text: "First text."},
	))
	ing := newFake()
	p := newPoller(t, ing, []feed.Feed{{URL: s.URL}}, feed.Options{})
	res, err := p.Poll(ctx, s.URL)
	if err != nil {
		t.Fatal(err)
	}
	if res.Items != 6 || res.New != 4 || res.Stored != 3 || res.Duplicates != 1 || len(res.Errors) != 1 {
		t.Errorf("result %+v", res)
	}
	if len(res.Errors) == 1 && !strings.Contains(res.Errors[0].Error(), "neither text nor link") {
		t.Errorf("item error %v", res.Errors[0])
	}
	arts, _ := ing.storedArticles()
	byTitle := map[string]rumours.Article{}
	for _, a := range arts {
		byTitle[a.Title] = a
	}
	if a, ok := byTitle["First"]; !ok || a.Text != "First text." {
		t.Errorf("the first item of a repeated GUID is not the one stored: %+v", byTitle)
	}
	if _, ok := byTitle["Second"]; ok {
		t.Error("a repeated GUID was stored")
	}
	a := byTitle["No link, no date"]
	if a.URL != "" || !a.Published.IsZero() || !strings.HasPrefix(a.GUID, s.URL+" sha256:") {
		t.Errorf("item without link or date: %+v", a)
	}
	if a := byTitle["Headline only: Kane to Bayern"]; a.Text != a.Title {
		t.Errorf("headline-only item: %+v", a)
	}
	// The hash GUID is stable, and the copy the engine refused is not
	// offered again: polling again finds nothing new.
	res, err = p.Poll(ctx, s.URL)
	if err != nil || res.New != 0 || res.Duplicates != 0 || ing.ingestCalls() != 1 {
		t.Errorf("second poll: %+v, %v, %d ingest calls", res, err, ing.ingestCalls())
	}
	// A new poller does not know what the engine refused: the copy is
	// offered once more, and refused.
	res, err = newPoller(t, ing, []feed.Feed{{URL: s.URL}}, feed.Options{}).Poll(ctx, s.URL)
	if err != nil || res.New != 1 || res.Duplicates != 1 || res.Stored != 0 {
		t.Errorf("poll after a restart: %+v, %v", res, err)
	}
}

func TestFetchArticle(t *testing.T) {
	article := readFixture(t, "article.html")
	mux := http.NewServeMux()
	var pageUA atomic.Value
	mux.HandleFunc("/article/1", func(w http.ResponseWriter, r *http.Request) {
		pageUA.Store(r.Header.Get("User-Agent"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(article)
	})
	mux.HandleFunc("/article/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write(bytes.ReplaceAll(article, []byte("Josko Gvardiol"), []byte("Jo\xa8ko Gvardiol")))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("<p>text</p>"), 1000))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	doc := rssDoc(
		rssItem{title: "Gvardiol to City", link: "/article/1", text: "Summary one."},
		rssItem{title: "Missing page", link: "/article/404", text: "Summary two."},
		rssItem{title: "Latin-1 page", link: "/article/latin1", text: "Summary three."},
		rssItem{title: "Big page", link: "/big", text: "Summary four."},
	)
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { w.Write(doc) })
	ing := newFake()
	p := newPoller(t, ing, []feed.Feed{{URL: srv.URL + "/feed", FetchArticle: true}}, feed.Options{UserAgent: "ua-test", MaxPage: 4000})
	res, err := p.Poll(ctx, srv.URL+"/feed")
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 4 || len(res.Errors) != 2 {
		t.Fatalf("result %+v", res)
	}
	msgs := res.Errors[0].Error() + " | " + res.Errors[1].Error()
	if !strings.Contains(msgs, "HTTP 404") || !strings.Contains(msgs, "article page is larger than 4000 bytes") {
		t.Errorf("item errors: %s", msgs)
	}
	if pageUA.Load() != "ua-test" {
		t.Errorf("page fetched with User-Agent %v", pageUA.Load())
	}
	byTitle := map[string]rumours.Article{}
	arts, _ := ing.storedArticles()
	for _, a := range arts {
		byTitle[a.Title] = a
	}
	a := byTitle["Gvardiol to City"]
	if !strings.HasPrefix(a.Text, "Manchester City have completed the signing of Josko Gvardiol") ||
		strings.Contains(a.Text, "Summary") || strings.Contains(a.Text, "Copyright") || strings.Contains(a.Text, "Tennis") {
		t.Errorf("fetched text %q", a.Text)
	}
	if !a.Published.Equal(utc("2023-08-05T10:00:00Z")) {
		t.Errorf("the page's date was not used for an undated item: %v", a.Published)
	}
	if a := byTitle["Missing page"]; a.Text != "Summary two." {
		t.Errorf("404 page: text %q, want the summary", a.Text)
	}
	if a := byTitle["Latin-1 page"]; !strings.Contains(a.Text, "Jo¨ko Gvardiol") {
		t.Errorf("Latin-1 page: text %q", a.Text)
	}
	if a := byTitle["Big page"]; a.Text != "Summary four." {
		t.Errorf("big page: text %q, want the summary", a.Text)
	}
}

func TestIngestFailureIsRetried(t *testing.T) {
	s := newMutableServer(t, readFixture(t, "rss.xml"))
	s.etag = `"e1"`
	ing := newFake()
	ing.ingestErr = errors.New("database is locked")
	p := newPoller(t, ing, []feed.Feed{{URL: s.URL}}, feed.Options{})
	_, err := p.Poll(ctx, s.URL)
	if err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("error %v", err)
	}
	st := statusOf(t, p, s.URL)
	if st.ETag != "" || st.Primed || st.Failures != 1 {
		t.Errorf("status after a failed ingest: %+v", st)
	}
	ing.mu.Lock()
	ing.ingestErr = nil
	ing.mu.Unlock()
	res, err := p.Poll(ctx, s.URL)
	if err != nil || res.Stored != 3 {
		t.Errorf("retry: %+v, %v", res, err)
	}
	if h := s.lastRequest(); h.Get("If-None-Match") != "" {
		t.Errorf("the retry was conditional: %v", h)
	}
}

func TestStatusPersisted(t *testing.T) {
	clock := &fakeClock{t: utc("2024-03-01T08:00:00Z")}
	good := newMutableServer(t, readFixture(t, "rss.xml"))
	good.etag = `"abc"`
	bad := newMutableServer(t, nil)
	bad.setStatus(http.StatusBadGateway, "")
	feeds := []feed.Feed{
		{URL: good.URL, Outlet: "Good", Tier: 1, Interval: 5 * time.Minute, AllowPrivate: true},
		{URL: bad.URL, Outlet: "Bad", Tier: 4, AllowPrivate: true},
		{URL: "https://never.example/rss", AllowPrivate: true},
	}
	ing := newFake()
	p := newPoller(t, ing, feeds, feed.Options{Now: clock.Now})
	if _, err := p.Poll(ctx, good.URL); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Poll(ctx, bad.URL); err == nil {
		t.Fatal("no error from a 502")
	}
	live, err := p.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	read, err := feed.ReadStatus(ctx, ing, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(live, read) {
		t.Errorf("ReadStatus:\n %+v\nPoller.Status:\n %+v", read, live)
	}
	if read[0].ETag != `"abc"` || read[0].Articles != 3 || !read[0].Primed || read[0].Tier != 1 || read[0].Interval != 5*time.Minute {
		t.Errorf("good feed %+v", read[0])
	}
	if read[1].Failures != 1 || !strings.Contains(read[1].LastError, "502") || read[1].Interval != feed.DefaultInterval {
		t.Errorf("bad feed %+v", read[1])
	}
	if read[2].URL != "https://never.example/rss" || !read[2].LastFetch.IsZero() || read[2].Primed {
		t.Errorf("unpolled feed %+v", read[2])
	}
	// A new poller starts from the stored status.
	p2 := newPoller(t, ing, feeds, feed.Options{Now: clock.Now})
	if st := statusOf(t, p2, good.URL); !reflect.DeepEqual(st, live[0]) {
		t.Errorf("restarted status %+v, want %+v", st, live[0])
	}
	if _, ok, _ := ing.State(ctx, feed.StateKey(good.URL)); !ok {
		t.Error("no state under the feed's key")
	}
}

func TestCorruptStatus(t *testing.T) {
	s := newMutableServer(t, readFixture(t, "rss.xml"))
	ing := newFake()
	ing.state[feed.StateKey(s.URL)] = "{not json"
	feeds := []feed.Feed{{URL: s.URL}}
	if _, err := feed.ReadStatus(ctx, ing, feeds); err == nil {
		t.Error("ReadStatus accepted a corrupt status")
	}
	p := newPoller(t, ing, feeds, feed.Options{})
	res, err := p.Poll(ctx, s.URL)
	if err != nil || res.Stored != 3 || res.Alerts != 0 {
		t.Errorf("poll over a corrupt status: %+v, %v", res, err)
	}
}

func TestNew(t *testing.T) {
	ing := newFake()
	tests := []struct {
		name  string
		feeds []feed.Feed
		want  string
	}{
		{"empty URL", []feed.Feed{{URL: ""}}, "no URL"},
		{"ftp", []feed.Feed{{URL: "ftp://x.example/rss"}}, "not an absolute http or https URL"},
		{"relative", []feed.Feed{{URL: "/rss"}}, "not an absolute http or https URL"},
		{"no host", []feed.Feed{{URL: "http:///rss"}}, "not an absolute http or https URL"},
		{"duplicate", []feed.Feed{{URL: "https://a.example/rss"}, {URL: "https://a.example/rss"}}, "listed twice"},
		{"bad URL", []feed.Feed{{URL: "http://a b.example/%zz"}}, "feed 1"},
		{"loopback address", []feed.Feed{{URL: "http://127.0.0.1:8080/rss"}}, "not a public address (allow private addresses for this feed"},
		{"private IPv6 address", []feed.Feed{{URL: "http://[fd00::1]/rss"}}, "not a public address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := feed.New(ing, tt.feeds, feed.Options{})
			if err == nil || !strings.HasPrefix(err.Error(), "feed: new poller: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := feed.New(nil, nil, feed.Options{}); err == nil {
		t.Error("nil ingester accepted")
	}
	p, err := feed.New(ing, nil, feed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Poll(ctx, "https://unknown.example/rss"); err == nil || !strings.Contains(err.Error(), "not a configured feed") {
		t.Errorf("unknown feed: %v", err)
	}
}

func TestRunIsolatesFailingFeeds(t *testing.T) {
	good := newMutableServer(t, readFixture(t, "atom.xml"))
	broken := newMutableServer(t, readFixture(t, "broken.xml"))
	failing := newMutableServer(t, nil)
	failing.setStatus(http.StatusInternalServerError, "")
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // hangs until the test ends
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)

	ing := newFake()
	feeds := []feed.Feed{
		{URL: slow.URL, Interval: time.Second},
		{URL: failing.URL, Interval: time.Second},
		{URL: broken.URL, Interval: time.Second},
		{URL: good.URL, Interval: time.Second},
	}
	p := newPoller(t, ing, feeds, feed.Options{Concurrency: 4, Timeout: time.Minute})
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- p.Run(runCtx) }()

	deadline := time.Now().Add(20 * time.Second)
	for {
		sts, err := p.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sts[3].Primed && sts[1].Failures > 0 && sts[2].Failures > 0 {
			if sts[3].Articles != 2 || sts[3].LastError != "" {
				t.Errorf("good feed %+v", sts[3])
			}
			if !strings.Contains(sts[1].LastError, "HTTP 500") || !strings.Contains(sts[2].LastError, "parse feed") {
				t.Errorf("failing feeds: %q, %q", sts[1].LastError, sts[2].LastError)
			}
			if !sts[0].LastFetch.IsZero() {
				t.Errorf("the hanging feed finished a poll: %+v", sts[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("feeds did not poll in time: %+v", sts)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v", err)
	}
}

func TestRunStartsAtStoredNextPoll(t *testing.T) {
	s := newMutableServer(t, readFixture(t, "rss.xml"))
	ing := newFake()
	feeds := []feed.Feed{{URL: s.URL, Interval: time.Hour}}
	if _, err := newPoller(t, ing, feeds, feed.Options{}).Poll(ctx, s.URL); err != nil {
		t.Fatal(err)
	}
	// The stored NextPoll is an hour ahead: a restarted Run does not poll.
	p := newPoller(t, ing, feeds, feed.Options{})
	runCtx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if err := p.Run(runCtx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Run returned %v", err)
	}
	s.mu.Lock()
	n := len(s.requests)
	s.mu.Unlock()
	if n != 1 {
		t.Errorf("%d requests, want 1 (no poll before NextPoll)", n)
	}
}

func TestLogs(t *testing.T) {
	good := newMutableServer(t, readFixture(t, "rss.xml"))
	bad := newMutableServer(t, nil)
	bad.setStatus(http.StatusNotFound, "")
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p := newPoller(t, newFake(), []feed.Feed{{URL: good.URL}, {URL: bad.URL}}, feed.Options{Logger: log})
	p.Poll(ctx, good.URL)
	p.Poll(ctx, bad.URL)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log:\n%s", buf.String())
	}
	if !strings.Contains(lines[0], "level=DEBUG") || !strings.Contains(lines[0], "feed="+good.URL) || !strings.Contains(lines[0], "stored=3") {
		t.Errorf("success line %q", lines[0])
	}
	if !strings.Contains(lines[1], "level=WARN") || !strings.Contains(lines[1], "feed="+bad.URL) || !strings.Contains(lines[1], "HTTP 404") {
		t.Errorf("failure line %q", lines[1])
	}
}

// TestFeedKeysStayHidden: a feed URL's query (which may hold a key) and
// user info never show in errors, statuses or logs.
func TestFeedKeysStayHidden(t *testing.T) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer failing.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close() // connection refused: net/http's error quotes the URL
	var logs bytes.Buffer
	feeds := []feed.Feed{
		{URL: failing.URL + "/rss?key=s3cret&lang=en"},
		{URL: strings.Replace(gone.URL, "http://", "http://user:pa55@", 1) + "/rss?token=s3cret"},
	}
	p := newPoller(t, newFake(), feeds, feed.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, f := range feeds {
		_, err := p.Poll(ctx, f.URL)
		if err == nil {
			t.Fatalf("poll of %s succeeded", feed.Redact(f.URL))
		}
		if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "pa55") {
			t.Errorf("the error shows a secret: %v", err)
		}
	}
	sts, err := p.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if st.LastError == "" || strings.Contains(st.LastError, "s3cret") || strings.Contains(st.LastError, "pa55") {
			t.Errorf("status error %q: want the failure without the secret", st.LastError)
		}
	}
	if strings.Contains(logs.String(), "s3cret") || strings.Contains(logs.String(), "pa55") || !strings.Contains(logs.String(), "key=REDACTED") {
		t.Errorf("the log shows a secret or no redacted URL:\n%s", logs.String())
	}
}

// TestFailingForADayIsLoggedOnce: a feed failing for FailingDay makes one
// warning, not one per poll, and a line when it works again; its status
// says since when it fails; OnPoll sees every poll.
func TestFailingForADayIsLoggedOnce(t *testing.T) {
	clock := &fakeClock{t: utc("2024-01-10T12:00:00Z")}
	s := newMutableServer(t, readFixture(t, "rss.xml"))
	s.setStatus(http.StatusInternalServerError, "")
	var logs bytes.Buffer
	var polls, failed int
	p := newPoller(t, newFake(), []feed.Feed{{URL: s.URL}}, feed.Options{Now: clock.Now,
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		OnPoll: func(_ string, _ feed.Result, err error) {
			polls++
			if err != nil {
				failed++
			}
		}})
	start := clock.Now()
	for range 30 { // 30 polls an hour apart: failing for 29 hours
		p.Poll(ctx, s.URL)
		clock.Add(time.Hour)
	}
	if st := statusOf(t, p, s.URL); !st.FailingSince.Equal(start) || st.Failures != 30 {
		t.Errorf("status: failing since %v, %d failures; want since %v, 30", st.FailingSince, st.Failures, start)
	}
	if n := strings.Count(logs.String(), "feed failing for a day"); n != 1 {
		t.Errorf("%d warnings of a day of failures, want 1:\n%s", n, logs.String())
	}
	s.setStatus(0, "")
	if _, err := p.Poll(ctx, s.URL); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "feed works again") {
		t.Errorf("no line when the feed works again:\n%s", logs.String())
	}
	if st := statusOf(t, p, s.URL); !st.FailingSince.IsZero() {
		t.Errorf("failing since %v after a success", st.FailingSince)
	}
	if polls != 31 || failed != 30 {
		t.Errorf("OnPoll saw %d polls, %d failed; want 31, 30", polls, failed)
	}
}
