package source

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"transferbot/rumours"
)

// ParseHTML extracts the article from a saved web page with go-readability,
// which keeps the main text and drops navigation, adverts and other page
// furniture. The article gets ID id, the readability title as Title, the
// site name (or, failing that, the byline without a leading "By ") as
// Outlet, the page's published time if it declares one (meta tags or
// JSON-LD), and the main text with one paragraph per block element (p,
// h1-h6, li, blockquote...), paragraphs separated by blank lines.
//
// pageURL is where the page was published; it resolves relative links and
// becomes the article's URL. When it is empty, the page's canonical link or
// og:url (absolute http or https only) is used instead, if any.
//
// The data must be valid UTF-8 whatever charset the page declares: other
// encodings are refused with ErrNotUTF8 rather than guessed at. ParseHTML
// returns an error wrapping ErrBinary, ErrNotUTF8 or ErrEmpty (no readable
// text), or a parse error.
func ParseHTML(id string, data []byte, pageURL string) (rumours.Article, error) {
	if err := checkData(data); err != nil {
		return rumours.Article{}, fmt.Errorf("source: parse %q: %w", id, err)
	}
	a, err := parseHTML(id, bytes.TrimPrefix(data, bom), pageURL)
	if err != nil {
		return rumours.Article{}, fmt.Errorf("source: parse %q: %w", id, err)
	}
	return a, nil
}

// parseHTML parses data already checked by checkData.
func parseHTML(id string, data []byte, pageURL string) (rumours.Article, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return rumours.Article{}, fmt.Errorf("parse HTML: %w", err)
	}
	if pageURL == "" {
		pageURL = canonicalURL(doc)
	}
	var base *url.URL
	if pageURL != "" {
		base, err = url.Parse(pageURL)
		if err != nil {
			return rumours.Article{}, fmt.Errorf("page URL %q: %w", pageURL, err)
		}
	}
	r, err := readability.FromDocument(doc, base)
	if err != nil {
		return rumours.Article{}, fmt.Errorf("readability: %w", err)
	}
	text := ""
	if r.Content != "" {
		content, err := html.Parse(strings.NewReader(r.Content))
		if err != nil {
			return rumours.Article{}, fmt.Errorf("parse readable content: %w", err)
		}
		text = blockText(content)
	}
	if text == "" {
		return rumours.Article{}, ErrEmpty
	}
	a := rumours.Article{
		ID:     id,
		URL:    pageURL,
		Title:  strings.Join(strings.Fields(r.Title), " "),
		Outlet: strings.Join(strings.Fields(r.SiteName), " "),
		Text:   text,
	}
	if a.Outlet == "" {
		byline := strings.Join(strings.Fields(r.Byline), " ")
		if rest, ok := strings.CutPrefix(byline, "By "); ok {
			byline = rest
		}
		a.Outlet = byline
	}
	if r.PublishedTime != nil {
		a.Published = r.PublishedTime.UTC()
	}
	return a, nil
}

// canonicalURL returns the page's <link rel="canonical"> href or its og:url,
// if either is an absolute http or https URL, else "".
func canonicalURL(doc *html.Node) string {
	var canonical, og string
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					canonical = absoluteHTTP(attr(n, "href"))
				}
			case atom.Meta:
				if og == "" && strings.EqualFold(attr(n, "property"), "og:url") {
					og = absoluteHTTP(attr(n, "content"))
				}
			case atom.Body:
				return // both live in <head>
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	if canonical != "" {
		return canonical
	}
	return og
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasToken(list, token string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

func absoluteHTTP(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// blockElements end the current paragraph when they open or close.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Table: true, atom.Tr: true, atom.Ul: true,
}

// blockText returns the text of n with one paragraph per block element,
// paragraphs separated by a blank line. White space inside a paragraph is
// collapsed; a <br> starts a new line within the paragraph.
func blockText(n *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		var lines []string
		for line := range strings.SplitSeq(cur.String(), "\n") {
			if line = strings.Join(strings.Fields(line), " "); line != "" {
				lines = append(lines, line)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
		cur.Reset()
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				cur.WriteString("\n")
				return
			case atom.Td, atom.Th:
				cur.WriteString(" ")
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if block {
			flush()
		}
	}
	visit(n)
	flush()
	return strings.Join(paras, "\n\n")
}
