package telegram

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferbot/bot"
	"transferbot/bot/telegram/telegramtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// render shows the messages a reply becomes, as the Bot API would get them.
func render(t *testing.T, tg *Adapter, r bot.Reply) string {
	t.Helper()
	var b strings.Builder
	for _, m := range tg.compose(context.Background(), r) {
		method := "sendMessage"
		if m.photo != nil {
			method = fmt.Sprintf("sendPhoto (chart.png, %d bytes)", len(m.photo))
			if !strings.HasPrefix(string(m.photo), "\x89PNG") {
				t.Errorf("the photo is not a PNG")
			}
		}
		fmt.Fprintf(&b, "=== %s\n%s\n", method, m.text.html)
		if m.markup != nil {
			for _, row := range m.markup.InlineKeyboard {
				for _, btn := range row {
					fmt.Fprintf(&b, "[%s] -> %s\n", btn.Text, *btn.CallbackData)
				}
			}
		}
		// Telegram would take it.
		shown, err := telegramtest.VisibleHTML(m.text.html)
		if err != nil {
			t.Errorf("Telegram would refuse the HTML: %v\n%s", err, m.text.html)
		}
		if shown != m.text.plain {
			t.Errorf("plain text differs from what the HTML shows:\n%q\n%q", shown, m.text.plain)
		}
		if telegramtest.Len(shown) != m.text.n {
			t.Errorf("visible length %d, counted %d", telegramtest.Len(shown), m.text.n)
		}
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestLayoutGolden(t *testing.T) {
	h := newHarness(t, nil)
	cases := []struct{ golden, question string }{
		{"where_sergio_ramos.golden", "where is Sergio Ramos heading?"},
		{"where_ambiguous.golden", "Ramos?"},
		{"club_juventus.golden", "/club Juventus"},
		{"help.golden", "/help"},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			r := h.env.Core.Handle(context.Background(), bot.Request{Platform: Platform, Channel: "1", CanManage: true, Text: c.question})
			golden(t, c.golden, render(t, h.tg, r))
		})
	}
}

func TestLayoutEscapesEverything(t *testing.T) {
	r := bot.Reply{
		Title: "<b>Title</b> & co",
		Text:  `Text with <script> & "quotes"`,
		Lines: []bot.Line{{
			Group:   "Group <1>",
			Heading: "1. A&B: 50%",
			Detail:  "x < y > z",
			URL:     `https://example.org/a?b=1&c="2"`,
			Evidence: []bot.EvidenceLine{
				{Outlet: "O&O", Text: `O&O, 1 Jan 2020: "<quote>"`, URL: "https://example.org/<x>"},
				{Outlet: "Other", Text: "no link", URL: "javascript:alert(1)"},
			},
		}},
		Notes: []string{"note <i>"},
	}
	caption, texts := layout(r, false)
	if caption != nil || len(texts) != 1 {
		t.Fatalf("layout = %v, %d messages", caption, len(texts))
	}
	m := texts[0]
	want := `<b>&lt;b&gt;Title&lt;/b&gt; &amp; co</b>
Text with &lt;script&gt; &amp; "quotes"

<b>Group &lt;1&gt;</b>
<b><a href="https://example.org/a?b=1&amp;c=&quot;2&quot;">1. A&amp;B: 50%</a></b>
x &lt; y &gt; z
<i><a href="https://example.org/&lt;x&gt;">O&amp;O</a>, 1 Jan 2020: "&lt;quote&gt;"</i>
<i>no link</i>

<i>note &lt;i&gt;</i>`
	if m.html != want {
		t.Errorf("html:\n%s\nwant:\n%s", m.html, want)
	}
	shown, err := telegramtest.VisibleHTML(m.html)
	if err != nil || shown != m.plain {
		t.Errorf("VisibleHTML = %q, %v; plain %q", shown, err, m.plain)
	}
}

func TestLongRepliesAreSplitBetweenLines(t *testing.T) {
	cases := []struct {
		name  string
		lines int
		chart bool
		want  int // messages, photo included
	}{
		{"short", 3, false, 1},
		{"short with chart fits the caption", 1, true, 1},
		{"long with chart", 12, true, 2},
		{"long", 60, false, 4},
		{"very long", 200, false, 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := bot.Reply{Title: "Latest transfer rumours", Text: "Intro."}
			for i := range c.lines {
				r.Lines = append(r.Lines, bot.Line{
					Heading: fmt.Sprintf("%d. Player %d → Club & Co", i+1, i),
					Detail:  "stage: talks · 2 independent outlets (Marca, AS) · last seen 2 Mar 2026",
					Evidence: []bot.EvidenceLine{{Outlet: "Marca", URL: "https://marca.example/x",
						Text: `Marca, 2 Mar 2026: "` + strings.Repeat("ñ", 100) + `"`}},
				})
			}
			caption, texts := layout(r, c.chart)
			all := texts
			if caption != nil {
				if caption.n > maxCaptionLen {
					t.Errorf("caption of %d characters", caption.n)
				}
				all = append([]message{*caption}, texts...)
			}
			if len(all) != c.want {
				t.Errorf("%d messages, want %d", len(all), c.want)
			}
			var joined []string
			for _, m := range all {
				shown, err := telegramtest.VisibleHTML(m.html)
				if err != nil {
					t.Fatalf("Telegram would refuse a part: %v", err)
				}
				if telegramtest.Len(shown) > maxMessageLen {
					t.Errorf("a message of %d characters", telegramtest.Len(shown))
				}
				joined = append(joined, shown)
			}
			// Nothing is lost: every line is in some message.
			text := strings.Join(joined, "\n")
			for i := range c.lines {
				if !strings.Contains(text, fmt.Sprintf("%d. Player %d ", i+1, i)) {
					t.Fatalf("line %d lost", i+1)
				}
			}
		})
	}
}

func TestCutKeepsABlockWithinTheLimit(t *testing.T) {
	var w writer
	w.tag("b", strings.Repeat("😀", 3000)) // 2 UTF-16 units each
	parts := split([]block{w.block("")}, maxMessageLen)
	if len(parts) != 1 || parts[0].n > maxMessageLen || !strings.HasSuffix(parts[0].plain, "…") {
		t.Fatalf("cut = %d parts, %d characters", len(parts), parts[0].n)
	}
	if _, err := telegramtest.VisibleHTML(parts[0].html); err != nil {
		t.Error(err)
	}
}
