package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"transferbot/rumours"
)

// ramosAlert is an alert about Sergio Ramos and a club, reported by Marca
// on 2 March 2026, with no ranking.
func ramosAlert(club string, stage, previous rumours.Stage) rumours.Alert {
	return rumours.Alert{
		ID: 1, Cycle: 1, Created: day(2), Player: "Sergio Ramos", Club: club, From: "Sevilla",
		Stage: stage, Previous: previous, Outlet: "Marca", Published: day(2),
		Quote: "Sergio Ramos and " + club + " are talking.", URL: "https://www.marca.com/ramos",
	}
}

func TestAlertReplyWording(t *testing.T) {
	tests := []struct {
		name     string
		alerts   []rumours.Alert
		title    string
		headings []string
	}{
		{"new link", []rumours.Alert{ramosAlert("Inter Miami", rumours.Interest, rumours.StageUnknown)},
			"New link: Sergio Ramos to Inter Miami", []string{"Inter Miami: new link (interest)"}},
		{"stronger stage", []rumours.Alert{ramosAlert("Real Madrid", rumours.Bid, rumours.Talks)},
			"Sergio Ramos to Real Madrid: bid", []string{"Real Madrid: bid (was talks)"}},
		{"done deal", []rumours.Alert{ramosAlert("Real Madrid", rumours.Done, rumours.Medical)},
			"Done deal: Sergio Ramos joins Real Madrid", []string{"Real Madrid: done deal (was medical)"}},
		{"done deal out of nowhere", []rumours.Alert{ramosAlert("Real Madrid", rumours.Done, rumours.StageUnknown)},
			"Done deal: Sergio Ramos joins Real Madrid", []string{"Real Madrid: new link (done)"}},
		{"denied", []rumours.Alert{ramosAlert("Real Madrid", rumours.Denied, rumours.Talks)},
			"Denied: Sergio Ramos to Real Madrid", []string{"Real Madrid: denied (was talks)"}},
		{"off", []rumours.Alert{ramosAlert("Real Madrid", rumours.Off, rumours.Agreed)},
			"Off: Sergio Ramos's move to Real Madrid has collapsed", []string{"Real Madrid: off (was agreed)"}},
		{"back on after a denial", []rumours.Alert{ramosAlert("Real Madrid", rumours.Talks, rumours.Denied)},
			"Sergio Ramos to Real Madrid: talks", []string{"Real Madrid: back on, talks (was denied)"}},
		{"back on after a collapse", []rumours.Alert{ramosAlert("Real Madrid", rumours.Agreed, rumours.Off)},
			"Sergio Ramos to Real Madrid: agreed", []string{"Real Madrid: back on, agreed (was off)"}},
		{"two alerts in one message",
			[]rumours.Alert{ramosAlert("Real Madrid", rumours.Bid, rumours.Talks), ramosAlert("Inter Miami", rumours.Interest, rumours.StageUnknown)},
			"Sergio Ramos: 2 transfer updates", []string{"Real Madrid: bid (was talks)", "Inter Miami: new link (interest)"}},
		{"three alerts, a denial among them",
			[]rumours.Alert{ramosAlert("Real Madrid", rumours.Denied, rumours.Talks), ramosAlert("Inter Miami", rumours.Bid, rumours.Interest), ramosAlert("Al-Nassr", rumours.Speculation, rumours.StageUnknown)},
			"Sergio Ramos: 3 transfer updates", []string{"Real Madrid: denied (was talks)", "Inter Miami: bid (was interest)", "Al-Nassr: new link (speculation)"}},
	}
	c := newTestCore(newFakeEngine())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.AlertReply(tt.alerts, rumours.KindPlayer, "Sergio Ramos")
			if r.Title != tt.title {
				t.Errorf("Title = %q, want %q", r.Title, tt.title)
			}
			var headings []string
			for _, l := range r.Lines {
				headings = append(headings, l.Heading)
			}
			if !slices.Equal(headings, tt.headings) {
				t.Errorf("headings = %q, want %q", headings, tt.headings)
			}
			for i, l := range r.Lines {
				a := tt.alerts[i]
				if l.Club != a.Club || l.Stage != a.Stage.String() || !l.LastSeen.Equal(a.Published) {
					t.Errorf("line %d: club %q, stage %q, last seen %v", i, l.Club, l.Stage, l.LastSeen)
				}
				want := EvidenceLine{Outlet: "Marca", Date: day(2), Quote: a.Quote, URL: a.URL,
					Text: `Marca, 2 Mar 2026: "` + a.Quote + `"`}
				if len(l.Evidence) != 1 || l.Evidence[0] != want {
					t.Errorf("line %d evidence = %+v\nwant %+v", i, l.Evidence, want)
				}
				if l.URL != "" {
					t.Errorf("line %d repeats the URL outside its evidence: %q", i, l.URL)
				}
			}
			if len(r.Notes) != 0 {
				t.Errorf("Notes = %q, want none for alerts without a ranking", r.Notes)
			}
			if r.Ephemeral || r.Err != nil || r.Unrecognised || r.Chart != nil {
				t.Errorf("reply flags: ephemeral %v, err %v, unrecognised %v, chart %v", r.Ephemeral, r.Err, r.Unrecognised, r.Chart)
			}
		})
	}
}

// TestAlertReplyPlainText pins down a whole two-alert message as the
// console shows it.
func TestAlertReplyPlainText(t *testing.T) {
	a := ramosAlert("Real Madrid", rumours.Bid, rumours.Talks)
	b := ramosAlert("Inter Miami", rumours.Interest, rumours.StageUnknown)
	b.Outlet, b.Published, b.URL = "", day(3), ""
	b.Current, b.Ranking, b.Stays = "Sevilla", []rumours.Share{{Club: "Real Madrid", Share: 0.5}, {Club: "Inter Miami", Share: 0.3}}, 0.2
	got := newTestCore(newFakeEngine()).AlertReply([]rumours.Alert{a, b}, rumours.KindClub, "Real Madrid").PlainText()
	want := `Sergio Ramos: 2 transfer updates

Real Madrid: bid (was talks)
   Marca, 2 Mar 2026: "Sergio Ramos and Real Madrid are talking."
   https://www.marca.com/ramos
Inter Miami: new link (interest)
   Unnamed outlet, 3 Mar 2026: "Sergio Ramos and Inter Miami are talking."

Ranking now: Real Madrid 50%, Inter Miami 30%, stays at Sevilla 20%.

[1] Unsubscribe from Real Madrid
`
	if got != want {
		t.Errorf("PlainText:\n%s\nwant:\n%s", got, want)
	}
}

func TestAlertReplyRankingLine(t *testing.T) {
	tests := []struct {
		name    string
		current string
		ranking []rumours.Share
		stays   float64
		want    string // "" for no note
	}{
		{"favourite, others and staying", "Real Madrid",
			[]rumours.Share{{Club: "Paris Saint-Germain", Share: 0.71}, {Club: "Inter Miami", Share: 0.09}}, 0.2,
			"Ranking now: Paris Saint-Germain 71%, Inter Miami 9%, stays at Real Madrid 20%."},
		{"rounded to add up to 100", "Sevilla",
			[]rumours.Share{{Club: "Real Madrid", Share: 1.0 / 3}, {Club: "Inter Miami", Share: 1.0 / 3}}, 1.0 / 3,
			"Ranking now: Real Madrid 34%, Inter Miami 33%, stays at Sevilla 33%."},
		{"shares under 1% are left out", "Sevilla",
			[]rumours.Share{{Club: "Real Madrid", Share: 0.7}, {Club: "Al-Nassr", Share: 0.004}}, 0.296,
			"Ranking now: Real Madrid 70%, stays at Sevilla 30%."},
		{"staying at 0% is left out", "Sevilla",
			[]rumours.Share{{Club: "Real Madrid", Share: 0.996}, {Club: "Al-Nassr", Share: 0.004}}, 0,
			"Ranking now: Real Madrid 100%."},
		{"a favourite under 1% is still named", "Sevilla",
			[]rumours.Share{{Club: "Real Madrid", Share: 0.004}}, 0.996,
			"Ranking now: Real Madrid <1%, stays at Sevilla 100%."},
		{"current club unknown", "",
			[]rumours.Share{{Club: "Real Madrid", Share: 0.6}}, 0.4,
			"Ranking now: Real Madrid 60%, stays 40%."},
		{"joined the favourite", "Real Madrid",
			[]rumours.Share{{Club: "Real Madrid", Share: 0.9}, {Club: "Inter Miami", Share: 0.05}}, 0.05,
			"Ranking now: Real Madrid 90%, Inter Miami 5%, no move 5%."},
		{"no ranking", "Sevilla", nil, 1, ""},
	}
	c := newTestCore(newFakeEngine())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ramosAlert("Real Madrid", rumours.Bid, rumours.Talks)
			a.Current, a.Ranking, a.Stays = tt.current, tt.ranking, tt.stays
			r := c.AlertReply([]rumours.Alert{a}, rumours.KindPlayer, "Sergio Ramos")
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(r.Notes, want) {
				t.Errorf("Notes = %q, want %q", r.Notes, want)
			}
		})
	}

	// With several alerts, the ranking is the one after the last.
	first := ramosAlert("Real Madrid", rumours.Bid, rumours.Talks)
	first.Ranking, first.Stays = []rumours.Share{{Club: "Real Madrid", Share: 0.9}}, 0.1
	last := ramosAlert("Inter Miami", rumours.Bid, rumours.Talks)
	last.Ranking, last.Stays = []rumours.Share{{Club: "Inter Miami", Share: 0.5}, {Club: "Real Madrid", Share: 0.4}}, 0.1
	r := c.AlertReply([]rumours.Alert{first, last}, rumours.KindPlayer, "Sergio Ramos")
	if want := []string{"Ranking now: Inter Miami 50%, Real Madrid 40%, stays 10%."}; !slices.Equal(r.Notes, want) {
		t.Errorf("Notes = %q, want %q", r.Notes, want)
	}
}

func TestAlertReplyEvidence(t *testing.T) {
	long := "Sergio Ramos is in advanced talks over an emotional return to Real Madrid,\n\n   according to people close to the defender, " +
		strings.Repeat("with a one-year deal on the table and an option for a second season, ", 4)
	tests := []struct {
		name  string
		edit  func(a *rumours.Alert)
		check func(t *testing.T, e EvidenceLine)
	}{
		{"long quotes are cut to 200 characters", func(a *rumours.Alert) { a.Quote = long }, func(t *testing.T, e EvidenceLine) {
			if n := utf8.RuneCountInString(e.Quote); n != maxQuote || !strings.HasSuffix(e.Quote, "…") {
				t.Errorf("quote has %d characters: %q", n, e.Quote)
			}
			if !strings.HasPrefix(e.Quote, "Sergio Ramos is in advanced talks over an emotional return to Real Madrid, according to") {
				t.Errorf("quote keeps its line breaks or spacing: %q", e.Quote)
			}
			if !strings.HasSuffix(e.Text, `"`+e.Quote+`"`) {
				t.Errorf("Text %q does not end with the cut quote", e.Text)
			}
		}},
		{"short quotes are kept whole", nil, func(t *testing.T, e EvidenceLine) {
			if e.Quote != "Sergio Ramos and Real Madrid are talking." {
				t.Errorf("quote = %q", e.Quote)
			}
		}},
		{"outlet missing", func(a *rumours.Alert) { a.Outlet = "" }, func(t *testing.T, e EvidenceLine) {
			if e.Outlet != "Unnamed outlet" || !strings.HasPrefix(e.Text, "Unnamed outlet, 2 Mar 2026: ") {
				t.Errorf("evidence = %+v, want it from an unnamed outlet", e)
			}
		}},
		{"date unknown", func(a *rumours.Alert) { a.Published = time.Time{} }, func(t *testing.T, e EvidenceLine) {
			if !strings.HasPrefix(e.Text, "Marca, date unknown: ") {
				t.Errorf("Text = %q", e.Text)
			}
		}},
		{"no quote", func(a *rumours.Alert) { a.Quote = " \n " }, func(t *testing.T, e EvidenceLine) {
			if e.Quote != "" || e.Text != "Marca, 2 Mar 2026" {
				t.Errorf("evidence = %+v, want no quote", e)
			}
		}},
		{"no URL (a local file)", func(a *rumours.Alert) { a.URL = "" }, func(t *testing.T, e EvidenceLine) {
			if e.URL != "" {
				t.Errorf("URL = %q", e.URL)
			}
		}},
	}
	c := newTestCore(newFakeEngine())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ramosAlert("Real Madrid", rumours.Bid, rumours.Talks)
			if tt.edit != nil {
				tt.edit(&a)
			}
			r := c.AlertReply([]rumours.Alert{a}, rumours.KindPlayer, "Sergio Ramos")
			if len(r.Lines) != 1 || len(r.Lines[0].Evidence) != 1 {
				t.Fatalf("lines = %+v", r.Lines)
			}
			tt.check(t, r.Lines[0].Evidence[0])
		})
	}
}

// TestAlertReplyUnsubscribeButton presses the alert's button as the channel
// would and checks that it ends that subscription, and only that one.
func TestAlertReplyUnsubscribeButton(t *testing.T) {
	tests := []struct {
		name   string
		kind   rumours.SubjectKind
		target string
		label  string
		action string
		gone   string // the subscription the button ends, as kind/target
	}{
		{"the channel follows the player", rumours.KindPlayer, "Sergio Ramos",
			"Unsubscribe from Sergio Ramos", "unsubscribe player Sergio Ramos", "player/Sergio Ramos"},
		{"the channel follows the club", rumours.KindClub, "Real Madrid",
			"Unsubscribe from Real Madrid", "unsubscribe club Real Madrid", "club/Real Madrid"},
		{"the channel follows the club he would leave", rumours.KindClub, "Sevilla",
			"Unsubscribe from Sevilla", "unsubscribe club Sevilla", "club/Sevilla"},
		{"no subscription named: the player", "", "",
			"Unsubscribe from Sergio Ramos", "unsubscribe player Sergio Ramos", "player/Sergio Ramos"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeEngine()
			c := newTestCore(f)
			ctx := context.Background()
			for _, s := range []string{"subscribe Sergio Ramos", "subscribe club Real Madrid", "subscribe club Sevilla", "subscribe Gonçalo Ramos"} {
				if r := c.Handle(ctx, admin(s)); !strings.HasPrefix(r.Text, "Done") {
					t.Fatalf("%q: %q", s, r.Text)
				}
			}
			alert := c.AlertReply([]rumours.Alert{ramosAlert("Real Madrid", rumours.Bid, rumours.Talks)}, tt.kind, tt.target)
			if len(alert.Buttons) != 1 || alert.Buttons[0].Label != tt.label || alert.Buttons[0].Action != tt.action {
				t.Fatalf("buttons = %+v, want %q sending %q", alert.Buttons, tt.label, tt.action)
			}
			if n := len(alert.Buttons[0].Action); n > 64 {
				t.Errorf("action is %d bytes, more than Telegram's 64 for callback data", n)
			}

			// The button is pressed in the channel the alert went to.
			r := c.Handle(ctx, admin(alert.Buttons[0].Action))
			name := tt.gone[strings.Index(tt.gone, "/")+1:]
			if want := "Done: this channel will no longer get alerts about " + name + "."; r.Text != want || r.Err != nil || r.Unrecognised {
				t.Errorf("pressing %q: %q (err %v), want %q", alert.Buttons[0].Action, r.Text, r.Err, want)
			}
			var left []string
			for _, s := range f.subs {
				left = append(left, string(s.Kind)+"/"+s.Target)
			}
			want := slices.DeleteFunc([]string{"player/Sergio Ramos", "club/Real Madrid", "club/Sevilla", "player/Gonçalo Ramos"},
				func(s string) bool { return s == tt.gone })
			slices.Sort(left)
			slices.Sort(want)
			if !slices.Equal(left, want) {
				t.Errorf("subscriptions left: %q, want %q", left, want)
			}

			// Pressed again: nothing left to end, and it says so.
			r = c.Handle(ctx, admin(alert.Buttons[0].Action))
			if !strings.Contains(r.Text, "isn't subscribed to "+name) {
				t.Errorf("pressing it again: %q", r.Text)
			}
		})
	}
}

func TestDemoFeedIntro(t *testing.T) {
	c := New(newFakeEngine(), Options{})
	tests := []struct {
		follows   []string
		remaining int
		want      string
	}{
		{[]string{"Paris Saint-Germain", "Romelu Lukaku"}, 8, "every 20s (8 to come). This chat follows Paris Saint-Germain and Romelu Lukaku, so"},
		{nil, 3, "(3 to come). This chat follows nobody yet: type subscribe"},
		{[]string{"Romelu Lukaku"}, 0, "has published all its articles"},
	}
	for _, tt := range tests {
		if got := c.DemoFeedIntro(tt.follows, 20*time.Second, tt.remaining); !strings.Contains(got, tt.want) {
			t.Errorf("DemoFeedIntro(%q, %d) = %q, want it to contain %q", tt.follows, tt.remaining, got, tt.want)
		}
	}
}
