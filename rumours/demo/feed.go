package demo

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"strings"
	"sync"
	"time"

	"transferbot/rumours"
)

// FeedHistory is how many demo articles, in file order, the demo feed
// starts with: the history a fresh demo store is seeded with. The rest
// (the 2021 summer window onwards) are the news it publishes.
const FeedHistory = 12

// Feed serves the demo corpus as a growing RSS 2.0 feed, so that the
// default bot run shows alerts arriving from a real feed poll: at first it
// holds the first FeedHistory articles (or more, see NewFeed), then it
// publishes the next article every interval, until all twenty are out. Items carry the article text as
// HTML paragraphs, the article's ID as a guid that is not a permalink, and
// no link (the corpus has no web pages). It answers conditional GETs
// (ETag) with 304 when nothing was published since. Safe for concurrent use.
type Feed struct {
	arts  []rumours.Article
	every time.Duration
	now   func() time.Time

	first int // articles out at the start

	mu    sync.Mutex
	start time.Time
}

// NewFeed returns a demo feed that holds the first published articles (at
// least FeedHistory: a store that already has more of them resumes where
// it stopped) and publishes one more every every (at least a tenth of a
// second), counted from now. now is the clock; nil means time.Now.
func NewFeed(every time.Duration, published int, now func() time.Time) (*Feed, error) {
	arts, err := Articles()
	if err != nil {
		return nil, err
	}
	every = max(every, 100*time.Millisecond)
	if now == nil {
		now = time.Now
	}
	first := min(max(published, FeedHistory), len(arts))
	return &Feed{arts: arts, every: every, now: now, first: first, start: now()}, nil
}

// Published returns how many articles the feed holds now.
func (f *Feed) Published() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.first + int(f.now().Sub(f.start)/f.every)
	return min(n, len(f.arts))
}

// Remaining returns how many articles are still to be published.
func (f *Feed) Remaining() int { return len(f.arts) - f.Published() }

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string  `xml:"title,omitempty"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate,omitempty"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// ServeHTTP writes the feed, newest item first.
func (f *Feed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	n := f.Published()
	etag := fmt.Sprintf(`"demo-%d"`, n)
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	doc := rss{Version: "2.0", Channel: rssChannel{
		Title:       "transferbot demo feed",
		Link:        "https://github.com/transferbot/transferbot",
		Description: "The built-in demo corpus, one article at a time.",
	}}
	for i := n - 1; i >= 0; i-- {
		a := f.arts[i]
		item := rssItem{Title: a.Title, GUID: rssGUID{IsPermaLink: "false", Value: a.ID}, Description: paragraphsHTML(a.Text)}
		if !a.Published.IsZero() {
			item.PubDate = a.Published.Format(time.RFC1123Z)
		}
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		http.Error(w, "demo feed: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
}

// paragraphsHTML turns text with paragraphs separated by blank lines into
// HTML paragraphs.
func paragraphsHTML(text string) string {
	var b strings.Builder
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>")
			b.WriteString(html.EscapeString(p))
			b.WriteString("</p>\n")
		}
	}
	return b.String()
}
