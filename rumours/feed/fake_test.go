package feed_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/feed"
)

// The engine is an Ingester.
var _ feed.Ingester = (*rumours.Engine)(nil)

// fakeIngester stores articles in memory, deduplicating by GUID, URL and
// normalised text as the engine does, and keeps state in a map.
type fakeIngester struct {
	mu      sync.Mutex
	stored  []rumours.Article
	alerted []bool // alert flag of each stored article
	guids   map[string]bool
	urls    map[string]bool
	texts   map[string]bool
	state   map[string]string
	calls   [][]rumours.Article // IngestNews batches
	known   int                 // KnownArticles calls

	ingestErr error // when set, IngestNews fails every article with it
}

func newFake() *fakeIngester {
	return &fakeIngester{
		guids: map[string]bool{}, urls: map[string]bool{}, texts: map[string]bool{},
		state: map[string]string{},
	}
}

func (f *fakeIngester) KnownArticles(_ context.Context, arts []rumours.Article) ([]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.known++
	out := make([]bool, len(arts))
	for i, a := range arts {
		out[i] = (a.GUID != "" && f.guids[a.GUID]) || (a.URL != "" && f.urls[a.URL])
	}
	return out, nil
}

func (f *fakeIngester) IngestNews(_ context.Context, arts []rumours.Article, alert []bool) ([]rumours.IngestResult, []error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, arts)
	res := make([]rumours.IngestResult, len(arts))
	errs := make([]error, len(arts))
	for i, a := range arts {
		text := strings.Join(strings.Fields(a.Text), " ")
		switch {
		case f.ingestErr != nil:
			errs[i] = f.ingestErr
		case text == "":
			errs[i] = fmt.Errorf("fake: %w", rumours.ErrEmptyText)
		case (a.GUID != "" && f.guids[a.GUID]) || (a.URL != "" && f.urls[a.URL]) || f.texts[text]:
			res[i] = rumours.IngestResult{Duplicate: true}
		default:
			f.guids[a.GUID] = true
			if a.URL != "" {
				f.urls[a.URL] = true
			}
			f.texts[text] = true
			f.stored = append(f.stored, a)
			f.alerted = append(f.alerted, i < len(alert) && alert[i])
			res[i] = rumours.IngestResult{ArticleID: int64(len(f.stored)), Links: []rumours.Link{{Player: "P", To: "C"}}}
			if i < len(alert) && alert[i] {
				res[i].Alerts = []rumours.Alert{{Player: "P", Club: "C", Title: a.Title}}
			}
		}
	}
	return res, errs
}

func (f *fakeIngester) State(_ context.Context, key string) (string, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.state[key]
	return v, ok, nil
}

func (f *fakeIngester) SetState(_ context.Context, key, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.state[key] = value
	return nil
}

// storedArticles returns a copy of the stored articles and their alert flags.
func (f *fakeIngester) storedArticles() ([]rumours.Article, []bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]rumours.Article(nil), f.stored...), append([]bool(nil), f.alerted...)
}

func (f *fakeIngester) ingestCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// alertsByTitle maps each stored article's title to its alert flag.
func (f *fakeIngester) alertsByTitle() map[string]bool {
	arts, alerts := f.storedArticles()
	m := map[string]bool{}
	for i, a := range arts {
		m[a.Title] = alerts[i]
	}
	return m
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mutableServer serves a body that tests can change between polls, with
// optional ETag and Last-Modified validators, and records request headers.
type mutableServer struct {
	mu           sync.Mutex
	body         []byte
	contentType  string
	etag         string
	lastModified string
	status       int // when non-zero, answer with it instead of the body
	retryAfter   string
	requests     []http.Header
	*httptest.Server
}

func newMutableServer(t testing.TB, body []byte) *mutableServer {
	s := &mutableServer{body: body, contentType: "application/rss+xml"}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.requests = append(s.requests, r.Header.Clone())
		if s.status != 0 {
			if s.retryAfter != "" {
				w.Header().Set("Retry-After", s.retryAfter)
			}
			http.Error(w, "failing", s.status)
			return
		}
		if s.etag != "" {
			w.Header().Set("ETag", s.etag)
			if r.Header.Get("If-None-Match") == s.etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		if s.lastModified != "" {
			w.Header().Set("Last-Modified", s.lastModified)
			if s.etag == "" && r.Header.Get("If-Modified-Since") == s.lastModified {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Type", s.contentType)
		w.Write(s.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *mutableServer) set(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body = body
}

func (s *mutableServer) setStatus(code int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.retryAfter = code, retryAfter
}

func (s *mutableServer) lastRequest() http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) == 0 {
		return nil
	}
	return s.requests[len(s.requests)-1]
}

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newPoller returns a poller over ing for feeds, failing the test on error.
// The test servers are on loopback, so every feed is marked AllowPrivate;
// the tests of the address policy (addr_test.go) call feed.New.
func newPoller(t testing.TB, ing feed.Ingester, feeds []feed.Feed, opts feed.Options) *feed.Poller {
	t.Helper()
	feeds = slices.Clone(feeds)
	for i := range feeds {
		feeds[i].AllowPrivate = true
	}
	p, err := feed.New(ing, feeds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// statusOf returns the status of the feed with url.
func statusOf(t testing.TB, p *feed.Poller, url string) feed.Status {
	t.Helper()
	sts, err := p.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if st.URL == url {
			return st
		}
	}
	t.Fatalf("no status for %s", url)
	return feed.Status{}
}

// rssDoc builds an RSS document from items.
func rssDoc(items ...rssItem) []byte {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Feed</title><link>https://t.example/</link>`)
	for _, it := range items {
		sb.WriteString("<item><title>" + it.title + "</title>")
		if it.link != "" {
			sb.WriteString("<link>" + it.link + "</link>")
		}
		if it.guid != "" {
			sb.WriteString("<guid>" + it.guid + "</guid>")
		}
		if !it.date.IsZero() {
			sb.WriteString("<pubDate>" + it.date.Format(time.RFC1123Z) + "</pubDate>")
		}
		if it.text != "" {
			sb.WriteString("<description>" + it.text + "</description>")
		}
		sb.WriteString("</item>")
	}
	sb.WriteString("</channel></rss>")
	return []byte(sb.String())
}

type rssItem struct {
	title, link, guid, text string
	date                    time.Time
}
