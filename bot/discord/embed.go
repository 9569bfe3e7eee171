package discord

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"transferbot/bot"
)

// Discord's limits on messages and embeds, in characters.
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedChars  = 6000 // title, description, field names and values, footer, over all embeds
	maxEmbeds      = 10
)

// chartFile is the name of the chart attachment, which the embed shows as
// its image ("attachment://chart.png").
const chartFile = "chart.png"

// embedColor is the embeds' accent colour: the chart's bar colour.
const embedColor = 0x1f77b4

// blank is the value of a field that has only a name; Discord refuses
// empty values.
const blank = "\u200b"

// message is a message as the adapter sends it: the data of an interaction
// response, a webhook edit or followup, or a channel message.
type message struct {
	Content    string                       `json:"content"`
	Embeds     []*discordgo.MessageEmbed    `json:"embeds"`
	Components []discordgo.MessageComponent `json:"components"`
	// Attachments lists the files uploaded with the message (by index in
	// the multipart body), and on edits the attachments to keep: always
	// sent, so that an edit drops attachments the new reply lacks.
	Attachments     []attachment     `json:"attachments"`
	Flags           int              `json:"flags,omitempty"`
	AllowedMentions *allowedMentions `json:"allowed_mentions,omitempty"`
}

type attachment struct {
	ID       int    `json:"id"`
	Filename string `json:"filename"`
}

// allowedMentions with an empty Parse makes Discord ping nobody, whatever a
// quote or a typed name contains.
type allowedMentions struct {
	Parse []string `json:"parse"`
}

const flagEphemeral = int(discordgo.MessageFlagsEphemeral)

// layout lays a reply out as a message without components. A reply with a
// title, lines or a chart becomes an embed: the title, Text as the
// description, one field per line (Heading as its name; Detail, evidence and
// links as its value), a field naming each group of lines, the notes as the
// footer, and the chart as the image when withChart. Any other reply is plain
// content. Text that comes from articles or users is escaped so that it is
// shown as typed; Discord is told to ping nobody.
func layout(r bot.Reply, withChart bool) message {
	m := message{
		Components:      []discordgo.MessageComponent{},
		Attachments:     []attachment{},
		AllowedMentions: &allowedMentions{Parse: []string{}},
	}
	if r.Ephemeral {
		m.Flags = flagEphemeral
	}
	if r.Title == "" && len(r.Lines) == 0 && !withChart {
		parts := []string{escapeMarkdown(r.Text)}
		for _, n := range r.Notes {
			parts = append(parts, escapeMarkdown(n))
		}
		m.Content = truncate(strings.TrimSpace(strings.Join(parts, "\n\n")), maxContent)
		if m.Content == "" {
			m.Content = blank // Discord refuses an empty message
		}
		m.Embeds = []*discordgo.MessageEmbed{}
		return m
	}
	m.Embeds = embeds(r, withChart)
	if withChart {
		m.Attachments = []attachment{{ID: 0, Filename: chartFile}}
	}
	return m
}

// embeds builds the embeds of a reply: one, or more when the lines need more
// than 25 fields, within Discord's 6,000-character budget. Lines that do not
// fit are left out and counted in a last "…" field.
func embeds(r bot.Reply, withChart bool) []*discordgo.MessageEmbed {
	first := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       truncate(r.Title, maxTitle),
		Description: truncate(escapeMarkdown(r.Text), maxDescription),
		Color:       embedColor,
	}
	if withChart {
		first.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + chartFile}
	}
	var footer *discordgo.MessageEmbedFooter
	if len(r.Notes) > 0 {
		footer = &discordgo.MessageEmbedFooter{Text: truncate(strings.Join(r.Notes, "\n"), maxFooter)}
	}
	budget := maxEmbedChars - runes(first.Title) - runes(first.Description)
	if footer != nil {
		budget -= runes(footer.Text)
	}

	fields := fitFields(lineFields(r.Lines), budget)
	out := []*discordgo.MessageEmbed{first}
	cur := first
	for _, f := range fields {
		if len(cur.Fields) == maxFields {
			cur = &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: embedColor}
			out = append(out, cur)
		}
		cur.Fields = append(cur.Fields, f)
	}
	cur.Footer = footer
	return out
}

// fitFields keeps the fields that fit in budget characters and in
// maxEmbeds embeds, shortening the value of the first that does not fit
// when a useful part of it does. Fields left out are counted in a last
// field named "…".
func fitFields(fields []*discordgo.MessageEmbedField, budget int) []*discordgo.MessageEmbedField {
	const (
		reserve = 8  // room for the "…" field
		useful  = 40 // shortest shortened value worth showing
	)
	limit := maxEmbeds * maxFields
	var kept []*discordgo.MessageEmbedField
	for _, f := range fields {
		if len(fields) > limit && len(kept) == limit-1 {
			break
		}
		size := runes(f.Name) + runes(f.Value)
		if size > budget-reserve {
			room := budget - reserve - runes(f.Name)
			if room < useful {
				break
			}
			f.Value = truncate(f.Value, room)
			size = runes(f.Name) + runes(f.Value)
		}
		kept = append(kept, f)
		budget -= size
	}
	if left := len(fields) - len(kept); left > 0 {
		kept = append(kept, &discordgo.MessageEmbedField{Name: "…", Value: "+" + strconv.Itoa(left)})
	}
	return kept
}

// lineFields turns lines into embed fields: a name-only field for each new
// group, then one field per line.
func lineFields(lines []bot.Line) []*discordgo.MessageEmbedField {
	var fields []*discordgo.MessageEmbedField
	group := ""
	for i, l := range lines {
		if l.Group != "" && (i == 0 || l.Group != group) {
			fields = append(fields, &discordgo.MessageEmbedField{Name: truncate(l.Group, maxFieldName), Value: blank})
		}
		group = l.Group
		fields = append(fields, &discordgo.MessageEmbedField{Name: truncate(fieldName(l.Heading), maxFieldName), Value: fieldValue(l)})
	}
	return fields
}

// fieldName is a heading, or a blank for an empty one.
func fieldName(s string) string {
	if strings.TrimSpace(s) == "" {
		return blank
	}
	return s
}

// fieldValue is a line's detail, its evidence and its links, one per line,
// within the field value limit: links are dropped first, then the text cut.
func fieldValue(l bot.Line) string {
	var text, links []string
	if l.Detail != "" {
		text = append(text, escapeMarkdown(l.Detail))
	}
	for _, e := range l.Evidence {
		if e.Text != "" {
			text = append(text, escapeMarkdown(e.Text))
		}
		if e.URL != "" {
			links = append(links, e.URL)
		}
	}
	if l.URL != "" {
		links = append(links, l.URL)
	}
	v := strings.Join(append(append([]string{}, text...), links...), "\n")
	if runes(v) > maxFieldValue {
		v = truncate(strings.Join(text, "\n"), maxFieldValue)
	}
	if strings.TrimSpace(v) == "" {
		return blank
	}
	return v
}

// escapeMarkdown escapes the characters Discord reads as markdown, and
// markers at the start of a line (headings, quotes, lists), so that text is
// shown as written.
func escapeMarkdown(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for _, r := range s {
		switch r {
		case '\\', '*', '_', '~', '`', '|', '[', ']', '<':
			b.WriteByte('\\')
		case '#', '>', '-', '+':
			if lineStart {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
		lineStart = r == '\n' || (lineStart && r == ' ')
	}
	return b.String()
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// truncate shortens s to at most n characters, ending with "…" if cut.
func truncate(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	if n <= 1 {
		return string([]rune(s)[:max(n, 0)])
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// rendered is a reply ready to send: the message and the chart PNG, if any.
type rendered struct {
	msg   message
	chart []byte
}

// files returns the files to upload with the message.
func (r rendered) files() []file {
	if r.chart == nil {
		return nil
	}
	return []file{{name: chartFile, contentType: "image/png", data: r.chart}}
}

// render lays out a reply with its components and chart (drawn through the
// shared chart cache). A chart that cannot be drawn, or buttons whose
// actions cannot be stored, are logged and left out.
func (d *Discord) render(ctx context.Context, r bot.Reply) rendered {
	var png []byte
	if r.Chart != nil {
		p, err := d.charts.PNG(*r.Chart)
		if err != nil {
			d.log.Warn("discord: chart left out", "err", err)
		} else {
			png = p
		}
	}
	m := layout(r, png != nil)
	comps, err := d.components(ctx, r)
	if err != nil {
		d.log.Error("discord: buttons left out", "err", err)
	} else {
		m.Components = comps
	}
	return rendered{msg: m, chart: png}
}
