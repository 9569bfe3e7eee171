package bot

import (
	"fmt"
	"strings"
	"time"
)

// Reply is the core's platform-neutral answer to a Request. Every string in
// it is final user-facing wording; adapters lay it out (Discord embed fields,
// Telegram inline keyboards) or print PlainText.
type Reply struct {
	// Title is the headline, e.g. "Where is Sergio Ramos heading?".
	Title string
	// Text is the body before the lines, one paragraph per "\n".
	Text string
	// Lines are the ranked clubs, links or list items, best first.
	Lines []Line
	// Notes are short remarks after the lines (totals, caveats, hints).
	Notes []string
	// Buttons are follow-up actions, in order.
	Buttons []Button
	// Chart, if not nil, is chart data; draw it with RenderChart.
	Chart *Chart
	// Ephemeral asks adapters to show the reply only to the asking user
	// where the platform can (errors and subscription management).
	Ephemeral bool
	// Unrecognised is true when the text was not a command or question the
	// core understands; adapters in busy group chats may stay silent.
	Unrecognised bool
	// Err is the underlying failure, for logging only; it is never shown.
	Err error
}

// Line is one entry of a Reply: a ranked destination, a link, a
// subscription, an outlet tier or a command. Heading and Detail are the
// rendered wording (a Discord embed field's name and value); the other
// fields hold the same facts for adapters that lay them out themselves.
type Line struct {
	// Group is the heading of the group the line belongs to, e.g. "Linked
	// with a move to Juventus"; consecutive lines share a group. May be "".
	Group   string
	Heading string
	Detail  string
	// Destination fields, set for ranked clubs in a where reply.
	Rank     int     // 1 for the favourite; 0 for the stays line and non-ranked lines
	Club     string  // the destination, or the current club on the stays line
	Share    float64 // 0..1
	Stage    string  // stage wording, e.g. "talks"
	Outlets  int     // independent outlets
	LastSeen time.Time
	Stays    bool // the "stays at CURRENT" line
	// Evidence backs the line, best first.
	Evidence []EvidenceLine
	// URL is a link to read more, if any.
	URL string
}

// EvidenceLine is one piece of evidence behind a Line.
type EvidenceLine struct {
	Outlet string
	Date   time.Time // zero when unknown
	Quote  string    // at most 200 characters
	URL    string
	// Text is the rendered wording: outlet, date and quote.
	Text string
}

// Button is a follow-up action. Pressing it means handling Action as if the
// user had typed it (as Request.Text, from the same channel and user).
type Button struct {
	Label  string
	Action string // a command, e.g. "subscribe player Sergio Ramos"
}

// Chart is data for a bar chart of destination shares.
type Chart struct {
	Title  string    // the player's name
	Labels []string  // clubs, then the stays bar ("Stays at Sevilla")
	Shares []float64 // 0..1, one per label
	// ShareTexts, if one per label, are drawn above the bars ("42%").
	ShareTexts []string
	// Details, if one per label, are drawn under the labels: a club's
	// stage and last report ("talks, 11 Nov 2020"); "" for none.
	Details []string
}

// PlainText renders the reply as plain text: title, text, lines with their
// detail and evidence indented, notes, and buttons as numbered options
// ("[1] Subscribe to Sergio Ramos"). It never includes Err or the chart.
func (r Reply) PlainText() string {
	var b strings.Builder
	para := func() {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
	}
	if r.Title != "" {
		b.WriteString(r.Title)
		b.WriteString("\n")
	}
	if r.Text != "" {
		b.WriteString(r.Text)
		b.WriteString("\n")
	}
	group := ""
	for i, l := range r.Lines {
		if i == 0 || l.Group != group {
			para()
			if l.Group != "" {
				b.WriteString(l.Group)
				b.WriteString("\n")
			}
			group = l.Group
		}
		b.WriteString(l.Heading)
		b.WriteString("\n")
		indent := func(s string) {
			if s == "" {
				return
			}
			for _, ln := range strings.Split(s, "\n") {
				b.WriteString("   ")
				b.WriteString(ln)
				b.WriteString("\n")
			}
		}
		indent(l.Detail)
		for _, e := range l.Evidence {
			indent(e.Text)
			indent(e.URL)
		}
		indent(l.URL)
	}
	if len(r.Notes) > 0 {
		para()
		for _, n := range r.Notes {
			b.WriteString(n)
			b.WriteString("\n")
		}
	}
	if len(r.Buttons) > 0 {
		para()
		for i, btn := range r.Buttons {
			fmt.Fprintf(&b, "[%d] %s\n", i+1, btn.Label)
		}
	}
	return b.String()
}
