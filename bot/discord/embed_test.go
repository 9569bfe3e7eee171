package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferbot/bot"
	"transferbot/bot/bottest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// newTestAdapter builds an adapter over the demo core, without network.
func newTestAdapter(t *testing.T) (*Discord, *bottest.Env) {
	t.Helper()
	env := bottest.New(t)
	d, err := New(env.Core, Options{Token: "t", ApplicationID: "1", APIURL: "http://127.0.0.1:9/api/v10"})
	if err != nil {
		t.Fatal(err)
	}
	return d, env
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n%s", name, got)
	}
}

// TestRenderGolden renders the core's answers from the demo corpus and
// compares the messages (embeds, components, attachments) with golden
// files.
func TestRenderGolden(t *testing.T) {
	d, env := newTestAdapter(t)
	ctx := context.Background()
	tests := []struct {
		file string
		req  bot.Request
	}{
		{"where_sergio_ramos.json", bot.Request{Command: bot.CmdWhere, Args: map[string]string{bot.ArgPlayer: "Sergio Ramos"}}},
		{"where_ramos.json", bot.Request{Command: bot.CmdWhere, Args: map[string]string{bot.ArgPlayer: "Ramos"}}},
		{"club_juventus.json", bot.Request{Command: bot.CmdClub, Args: map[string]string{bot.ArgClub: "Juventus"}}},
		{"subscribe_refused.json", bot.Request{Command: bot.CmdSubscribe, Args: map[string]string{bot.ArgPlayer: "Sergio Ramos"}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			tc.req.Platform, tc.req.Channel = Platform, "1"
			out := d.render(ctx, env.Core.Handle(ctx, tc.req))
			b, err := json.MarshalIndent(out.msg, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, append(b, '\n'))
		})
	}
}

// TestLayout checks the layout rules on hand-made replies.
func TestLayout(t *testing.T) {
	long := strings.Repeat("x", 2000)
	many := make([]bot.Line, 60)
	for i := range many {
		many[i] = bot.Line{Heading: "line", Detail: "detail"}
	}
	huge := make([]bot.Line, 12)
	for i := range huge {
		huge[i] = bot.Line{Heading: "line", Detail: long}
	}
	tests := []struct {
		name  string
		reply bot.Reply
		check func(t *testing.T, m message)
	}{
		{"plain text is content", bot.Reply{Text: "Done.", Notes: []string{"Note."}, Ephemeral: true}, func(t *testing.T, m message) {
			if m.Content != "Done.\n\nNote." || len(m.Embeds) != 0 || m.Flags != flagEphemeral {
				t.Errorf("message = %+v", m)
			}
		}},
		{"markdown and mentions are shown as typed", bot.Reply{Text: "I don't know *Ramos* @everyone <@1> yet."}, func(t *testing.T, m message) {
			if m.Content != `I don't know \*Ramos\* @everyone \<@1> yet.` || m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
				t.Errorf("content = %q, mentions %+v", m.Content, m.AllowedMentions)
			}
		}},
		{"groups name their lines", bot.Reply{Title: "T", Lines: []bot.Line{{Group: "In", Heading: "a"}, {Group: "In", Heading: "b"}, {Group: "Out", Heading: "c"}}}, func(t *testing.T, m message) {
			var names []string
			for _, f := range m.Embeds[0].Fields {
				names = append(names, f.Name+"="+f.Value)
			}
			if got := strings.Join(names, " "); got != "In="+blank+" a="+blank+" b="+blank+" Out="+blank+" c="+blank {
				t.Errorf("fields = %s", got)
			}
		}},
		{"evidence and links in the field value", bot.Reply{Title: "T", Lines: []bot.Line{{Heading: "h", Detail: "d",
			Evidence: []bot.EvidenceLine{{Text: "Marca, 1 Mar 2026: \"q\"", URL: "https://x.test/a_b"}}}}}, func(t *testing.T, m message) {
			if v := m.Embeds[0].Fields[0].Value; v != "d\nMarca, 1 Mar 2026: \"q\"\nhttps://x.test/a_b" {
				t.Errorf("value = %q", v)
			}
		}},
		{"more than 25 lines spill into a second embed", bot.Reply{Title: "T", Lines: many}, func(t *testing.T, m message) {
			if len(m.Embeds) != 3 || len(m.Embeds[0].Fields) != 25 || len(m.Embeds[2].Fields) != 10 {
				t.Errorf("embeds = %d", len(m.Embeds))
			}
		}},
		{"the 6000-character budget", bot.Reply{Title: "T", Text: long, Lines: huge, Notes: []string{"n"}}, func(t *testing.T, m message) {
			total := 0
			for _, e := range m.Embeds {
				total += runes(e.Title) + runes(e.Description)
				for _, f := range e.Fields {
					total += runes(f.Name) + runes(f.Value)
					if runes(f.Value) > maxFieldValue {
						t.Errorf("field value of %d characters", runes(f.Value))
					}
				}
				if e.Footer != nil {
					total += runes(e.Footer.Text)
				}
			}
			last := m.Embeds[len(m.Embeds)-1]
			if total > maxEmbedChars || last.Fields[len(last.Fields)-1].Name != "…" || last.Footer == nil {
				t.Errorf("total %d characters, last field %+v", total, last.Fields[len(last.Fields)-1])
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, layout(tc.reply, false)) })
	}
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Inter Miami", "Inter Miami"},
		{"a_b*c~d`e|f", `a\_b\*c\~d\` + "`" + `e\|f`},
		{"# heading\n> quote\n- item", "\\# heading\n\\> quote\n\\- item"},
		{"Saint-Germain 3 - 1", "Saint-Germain 3 - 1"},
		{"[x](http://evil)", `\[x\](http://evil)`},
	}
	for _, tc := range tests {
		if got := escapeMarkdown(tc.in); got != tc.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestLongActionsSurviveRestart: an action too long for a custom_id is
// stored under a short key, which another adapter over the same store (a
// restart) reads back.
func TestLongActionsSurviveRestart(t *testing.T) {
	d, env := newTestAdapter(t)
	ctx := context.Background()
	action := "subscribe club " + strings.Repeat("Very Long Club Name ", 6)
	id, err := d.encodeAction(ctx, action)
	if err != nil {
		t.Fatal(err)
	}
	if runes(id) > maxCustomID || !strings.HasPrefix(id, keyPrefix) {
		t.Fatalf("custom id %q", id)
	}
	short, _ := d.encodeAction(ctx, "where Sergio Ramos")
	if short != "a:where Sergio Ramos" {
		t.Errorf("short action id = %q", short)
	}
	d2, err := New(env.Core, d.opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []*Discord{d, d2} {
		got, ok, err := x.decodeAction(ctx, id)
		if err != nil || !ok || got != action {
			t.Errorf("decode = %q, %v, %v", got, ok, err)
		}
	}
	if _, ok, _ := d2.decodeAction(ctx, "k:unknownkey"); ok {
		t.Errorf("an unknown key decoded")
	}
	if _, ok, _ := d2.decodeAction(ctx, "something else"); ok {
		t.Errorf("a foreign custom id decoded")
	}
}

func TestRouteOf(t *testing.T) {
	tests := []struct{ method, path, want string }{
		{"POST", "/interactions/123/SECRET/callback", "POST /interactions/{id}/{token}/callback"},
		{"PATCH", "/webhooks/999/SECRET/messages/@original", "PATCH /webhooks/999/{token}/messages/@original"},
		{"POST", "/webhooks/999/SECRET", "POST /webhooks/999/{token}"},
		{"POST", "/channels/42/messages", "POST /channels/42/messages"},
	}
	for _, tc := range tests {
		if got := routeOf(tc.method, tc.path); got != tc.want {
			t.Errorf("routeOf(%s %s) = %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}
