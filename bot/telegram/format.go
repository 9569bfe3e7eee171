package telegram

import (
	"net/url"
	"strings"
	"unicode/utf16"

	"transferbot/bot"
)

// Telegram's limits, in characters after entities parsing (counted here in
// UTF-16 code units, as Telegram counts entity offsets; never fewer than
// characters).
const (
	maxMessageLen = 4096
	maxCaptionLen = 1024
)

// message is the text of one Telegram message or caption: as HTML (parse
// mode HTML, every piece of the reply escaped) and as plain text, for the
// rare fallback when Telegram refuses the HTML.
type message struct {
	html  string
	plain string
	n     int // visible length
}

// block is a part of a reply that can stand at the start of a message: its
// tags are balanced, so long replies are split between blocks.
type block struct {
	message
	gap string // what separates it from the block before: "\n" or "\n\n"
}

// writer builds a block's HTML and plain text together.
type writer struct {
	h, p strings.Builder
	n    int
}

// text writes s escaped.
func (w *writer) text(s string) {
	w.h.WriteString(escape(s))
	w.p.WriteString(s)
	w.n += textLen(s)
}

// tag writes s escaped inside a tag, e.g. tag("b", s) for <b>s</b>.
func (w *writer) tag(name, s string) {
	w.h.WriteString("<" + name + ">")
	w.text(s)
	w.h.WriteString("</" + name + ">")
}

// link writes s as a link to href.
func (w *writer) link(href, s string) {
	w.h.WriteString(`<a href="` + escapeAttr(href) + `">`)
	w.text(s)
	w.h.WriteString("</a>")
}

func (w *writer) markup(s string) { w.h.WriteString(s) }

func (w *writer) block(gap string) block {
	return block{message: message{html: w.h.String(), plain: w.p.String(), n: w.n}, gap: gap}
}

var (
	htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

// escape makes s safe as text in Telegram HTML.
func escape(s string) string { return htmlEscaper.Replace(s) }

// escapeAttr makes s safe as a double-quoted attribute value.
func escapeAttr(s string) string { return attrEscaper.Replace(s) }

// textLen is s's length as Telegram counts it: UTF-16 code units.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// linkable reports whether s is a URL Telegram accepts in a link.
func linkable(s string) bool {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// blocks lays a reply out: the title in bold, the text, each line with its
// heading in bold (a link when the line has a URL), its detail and its
// evidence in italics (the outlet linking to the article), group headings
// in bold, and the notes in italics. Buttons become the inline keyboard and
// the chart a photo, elsewhere.
func blocks(r bot.Reply) []block {
	var out []block
	if r.Title != "" {
		var w writer
		w.tag("b", r.Title)
		out = append(out, w.block(""))
	}
	if r.Text != "" {
		var w writer
		w.text(r.Text)
		out = append(out, w.block("\n"))
	}
	group := ""
	prevRich := false
	for i, l := range r.Lines {
		gap := "\n\n"
		if i == 0 || l.Group != group {
			if l.Group != "" {
				var w writer
				w.tag("b", l.Group)
				out = append(out, w.block("\n\n"))
				gap = "\n"
			}
			group = l.Group
		} else if !prevRich && !rich(l) {
			gap = "\n"
		}
		out = append(out, line(l, gap))
		prevRich = rich(l)
	}
	for i, n := range r.Notes {
		var w writer
		w.tag("i", n)
		gap := "\n"
		if i == 0 {
			gap = "\n\n"
		}
		out = append(out, w.block(gap))
	}
	return out
}

// rich reports whether a line has more than its heading.
func rich(l bot.Line) bool { return l.Detail != "" || len(l.Evidence) > 0 }

func line(l bot.Line, gap string) block {
	var w writer
	w.markup("<b>")
	if linkable(l.URL) {
		w.link(l.URL, l.Heading)
	} else {
		w.text(l.Heading)
	}
	w.markup("</b>")
	if l.Detail != "" {
		w.text("\n" + l.Detail)
	}
	for _, e := range l.Evidence {
		if e.Text == "" {
			continue
		}
		w.text("\n")
		w.markup("<i>")
		switch {
		case !linkable(e.URL):
			w.text(e.Text)
		case e.Outlet != "" && strings.HasPrefix(e.Text, e.Outlet):
			w.link(e.URL, e.Outlet)
			w.text(e.Text[len(e.Outlet):])
		default:
			w.link(e.URL, e.Text)
		}
		w.markup("</i>")
	}
	return w.block(gap)
}

// join puts blocks into one message.
func join(bs []block) message {
	var h, p strings.Builder
	hn, pn := 0, 0
	for _, b := range bs {
		hn += len(b.gap) + len(b.html)
		pn += len(b.gap) + len(b.plain)
	}
	h.Grow(hn)
	p.Grow(pn)
	n := 0
	for i, b := range bs {
		if i > 0 {
			h.WriteString(b.gap)
			p.WriteString(b.gap)
			n += len(b.gap)
		}
		h.WriteString(b.html)
		p.WriteString(b.plain)
		n += b.n
	}
	return message{html: h.String(), plain: p.String(), n: n}
}

// visible is the length of the message join would make.
func visible(bs []block) int {
	n := 0
	for i, b := range bs {
		if i > 0 {
			n += len(b.gap)
		}
		n += b.n
	}
	return n
}

// split puts blocks into as few messages of at most limit characters as it
// can, never cutting a block unless it alone is too long.
func split(bs []block, limit int) []message {
	var out []message
	var cur []block
	n := 0
	for _, b := range bs {
		if b.n > limit {
			b = cut(b, limit)
		}
		if len(cur) > 0 && n+len(b.gap)+b.n > limit {
			out = append(out, join(cur))
			cur, n = nil, 0
		}
		if len(cur) > 0 {
			n += len(b.gap)
		}
		cur = append(cur, b)
		n += b.n
	}
	if len(cur) > 0 {
		out = append(out, join(cur))
	}
	return out
}

// cut shortens a block to limit characters, as plain text ending in "…".
func cut(b block, limit int) block {
	var w writer
	n := 0
	for _, r := range b.plain {
		if n+utf16.RuneLen(r)+1 > limit {
			break
		}
		n += utf16.RuneLen(r)
		w.text(string(r))
	}
	w.text("…")
	return w.block(b.gap)
}

// layout splits a reply into the messages that carry it. With a chart, the
// first is the photo's caption: the whole reply when it fits in a caption,
// else the title, with the rest following as messages.
func layout(r bot.Reply, chart bool) (caption *message, texts []message) {
	bs := blocks(r)
	if chart {
		if visible(bs) <= maxCaptionLen {
			whole := join(bs)
			return &whole, nil
		}
		if r.Title != "" {
			t := bs[0]
			if t.n > maxCaptionLen {
				t = cut(t, maxCaptionLen)
			}
			caption = &t.message
			bs = bs[1:]
		}
	}
	return caption, split(bs, maxMessageLen)
}
