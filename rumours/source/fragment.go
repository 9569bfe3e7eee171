package source

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FragmentText returns the plain text of an HTML fragment such as a feed
// item's content or description, with one paragraph per block element
// (p, li, h1-h6, blockquote... as ParseHTML does), paragraphs separated by
// a blank line and white space inside a paragraph collapsed. Two or more
// <br> in a row also end a paragraph; a single <br> starts a new line.
// Scripts and styles are dropped and character references decoded. A
// fragment without any element is taken as plain text: blank lines separate
// its paragraphs. The result is "" when the fragment holds no text.
func FragmentText(fragment string) string {
	if strings.TrimSpace(fragment) == "" {
		return ""
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		// The tokenizer only fails on reader errors, which a strings.Reader
		// never returns; keep the text rather than lose it.
		return plainText(fragment)
	}
	root := &html.Node{Type: html.DocumentNode}
	elements := false
	for _, n := range nodes {
		root.AppendChild(n)
		if n.Type == html.ElementNode {
			elements = true
		}
	}
	if !elements {
		var sb strings.Builder
		for _, n := range nodes {
			if n.Type == html.TextNode {
				sb.WriteString(n.Data)
			}
		}
		return plainText(sb.String())
	}
	breakDoubleBR(root)
	return blockText(root)
}

// plainText splits s into paragraphs at blank lines, collapses white space
// inside each line and drops empty lines.
func plainText(s string) string {
	var paras []string
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
			lines = lines[:0]
		}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			flush()
			continue
		}
		lines = append(lines, line)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// breakDoubleBR replaces every run of two or more <br> (with only white
// space between them) by an <hr>, which blockText takes as a paragraph
// break.
func breakDoubleBR(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Br {
			// collect the run of <br> and white space that follows c
			brs := 1
			end := c.NextSibling
			var run []*html.Node
			for end != nil {
				if end.Type == html.ElementNode && end.DataAtom == atom.Br {
					brs++
				} else if end.Type != html.TextNode || strings.TrimSpace(end.Data) != "" {
					break
				}
				run = append(run, end)
				end = end.NextSibling
			}
			if brs >= 2 {
				for _, r := range run {
					n.RemoveChild(r)
				}
				hr := &html.Node{Type: html.ElementNode, Data: "hr", DataAtom: atom.Hr}
				n.InsertBefore(hr, c)
				n.RemoveChild(c)
				c = hr
			}
			continue
		}
		breakDoubleBR(c)
	}
}
