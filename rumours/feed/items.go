package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"transferbot/rumours"
	"transferbot/rumours/source"
)

// parseFeed parses a fetched feed body: RSS, Atom or JSON Feed, in any
// encoding its XML declaration names.
func parseFeed(r response) (*gofeed.Feed, error) {
	if err := checkText(r.body); err != nil {
		return nil, err
	}
	fp := gofeed.NewParser()
	// The translator's search for an image parses every item's HTML.
	fp.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	doc, err := fp.Parse(bytes.NewReader(r.body))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return nil, fmt.Errorf("%w (%s)", ErrNotFeed, describe(r))
	}
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	if doc.FeedType == "json" && !strings.Contains(doc.FeedVersion, "jsonfeed.org/version") {
		return nil, fmt.Errorf("%w (JSON without a JSON Feed version)", ErrNotFeed)
	}
	return doc, nil
}

// describe says what a body that is not a feed looks like.
func describe(r response) string {
	mt, _, _ := mime.ParseMediaType(r.contentType)
	if mt == "" {
		mt = "no content type"
	}
	head := bytes.ToLower(r.body[:min(len(r.body), 512)])
	if bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html")) {
		return "an HTML page, " + mt
	}
	return mt
}

// item is an article made from a feed item, with the item's HTML whose
// text becomes the article's Text, left for fillText (items already stored
// do not need it).
type item struct {
	rumours.Article
	content, description string
}

// fillText sets it.Text from its content, else its description, if not
// done yet.
func (it *item) fillText() {
	if it.Text == "" {
		it.Text = source.FragmentText(it.content)
	}
	if it.Text == "" {
		it.Text = source.FragmentText(it.description)
	}
	it.content, it.description = "", ""
}

// items turns the items of doc into articles, in document order: the first
// item of a GUID wins, items with neither text nor link are skipped with an
// error. The text of items with a link is left to fillText.
func items(f Feed, base *url.URL, doc *gofeed.Feed) ([]item, []error) {
	outlet := f.Outlet
	if outlet == "" {
		outlet = oneLine(doc.Title)
	}
	seen := make(map[string]bool, len(doc.Items))
	out := make([]item, 0, len(doc.Items))
	var errs []error
	for n, it := range doc.Items {
		if it == nil {
			continue
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		title := it.Title
		if strings.ContainsAny(title, "<&") {
			title = source.FragmentText(title)
		}
		title = oneLine(title)
		key := strings.TrimSpace(it.GUID)
		if key == "" {
			key = link
		}
		if key == "" {
			sum := sha256.Sum256([]byte(title + "\x00" + it.Content + "\x00" + it.Description))
			key = "sha256:" + hex.EncodeToString(sum[:16])
		}
		guid := f.URL + " " + key
		if seen[guid] {
			continue
		}
		seen[guid] = true
		a := item{
			Article: rumours.Article{
				ID:     guid,
				GUID:   guid,
				URL:    resolve(base, link),
				Title:  title,
				Outlet: outlet,
			},
			content:     it.Content,
			description: it.Description,
		}
		if a.URL == "" {
			if a.fillText(); a.Text == "" {
				errs = append(errs, fmt.Errorf("feed: item %d (%q): neither text nor link", n+1, title))
				continue
			}
		}
		switch {
		case it.PublishedParsed != nil && !it.PublishedParsed.IsZero():
			a.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil && !it.UpdatedParsed.IsZero():
			a.Published = it.UpdatedParsed.UTC()
		}
		out = append(out, a)
	}
	return out, errs
}

// resolve resolves link against base and returns it if absolute http or
// https, else "".
func resolve(base *url.URL, link string) string {
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	u = base.ResolveReference(u)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// newest returns the latest Published of arts, never later than now.
func newest(arts []item, now time.Time) time.Time {
	var t time.Time
	for _, a := range arts {
		if a.Published.After(t) {
			t = a.Published
		}
	}
	if t.After(now) {
		t = now
	}
	return t
}

// toUTF8 returns a page in UTF-8: as it is when it already is valid UTF-8,
// else decoded from the charset its Content-Type or <meta> declares
// (windows-1252 when none).
func toUTF8(body []byte, contentType string) []byte {
	if utf8.Valid(body) {
		return body
	}
	enc, _, _ := charset.DetermineEncoding(body, contentType)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}
