package bot

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func newTestCore(f *fakeEngine) *Core {
	return New(f, Options{Now: func() time.Time { return day(5) }})
}

// member is a request from a channel member who may not manage alerts.
func member(text string) Request {
	return Request{Platform: "test", Channel: "c1", User: "u1", Text: text}
}

// admin is a request from someone who may manage the channel's alerts.
func admin(text string) Request {
	r := member(text)
	r.CanManage = true
	return r
}

func labels(bs []Button) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Label)
	}
	return out
}

func TestHandle(t *testing.T) {
	tests := []struct {
		name  string
		req   Request
		check func(t *testing.T, r Reply, f *fakeEngine)
	}{
		{"where ranks clubs best first", member("where is Sergio Ramos heading?"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Where is Sergio Ramos heading?" {
				t.Errorf("Title = %q", r.Title)
			}
			if len(r.Lines) != 4 {
				t.Fatalf("got %d lines, want 3 clubs and the stays line", len(r.Lines))
			}
			first := r.Lines[0]
			if first.Club != "Real Madrid" || first.Rank != 1 || !strings.HasPrefix(first.Heading, "1. Real Madrid: 42%") {
				t.Errorf("first line = %+v, want Real Madrid ranked 1 at 42%%", first)
			}
			if first.Stage != "talks" || first.Outlets != 3 || !first.LastSeen.Equal(day(2)) {
				t.Errorf("first line fields = stage %q, outlets %d, last seen %v", first.Stage, first.Outlets, first.LastSeen)
			}
			for _, want := range []string{"talks", "3 independent outlets", "2 Mar 2026"} {
				if !strings.Contains(first.Detail, want) {
					t.Errorf("first Detail %q lacks %q", first.Detail, want)
				}
			}
			if len(first.Evidence) != 1 {
				t.Fatalf("first line has %d evidence lines, want 1", len(first.Evidence))
			}
			ev := first.Evidence[0]
			if ev.Outlet != "Marca" || !ev.Date.Equal(day(2)) || !strings.Contains(ev.Text, "Marca, 2 Mar 2026") || ev.URL == "" {
				t.Errorf("evidence = %+v, want it to cite Marca on 2 Mar 2026 with the URL", ev)
			}
			if n := len([]rune(ev.Quote)); n > maxQuote || n == 0 {
				t.Errorf("quote has %d characters, want 1..%d", n, maxQuote)
			}
			stays := r.Lines[len(r.Lines)-1]
			if !stays.Stays || stays.Heading != "Stays at Sevilla: 25%" {
				t.Errorf("last line = %+v, want the stays line at 25%%", stays)
			}
			if got := sumPercents(t, r.Lines); got != 100 {
				t.Errorf("shown percentages add up to %d, want 100", got)
			}
			if len(r.Buttons) == 0 || r.Buttons[0].Action != "subscribe player Sergio Ramos" {
				t.Errorf("buttons = %+v, want Subscribe to Sergio Ramos first", r.Buttons)
			}
			if r.Chart == nil || r.Chart.Title != "Sergio Ramos" || len(r.Chart.Labels) != 4 || r.Chart.Labels[3] != "Stays at Sevilla" {
				t.Errorf("chart = %+v, want 3 clubs and Stays at Sevilla", r.Chart)
			}
			if r.Chart != nil && (len(r.Chart.Details) != 4 || r.Chart.Details[0] != r.Lines[0].Stage+", "+date(r.Lines[0].LastSeen) || r.Chart.Details[3] != "") {
				t.Errorf("chart details = %q, want each club's stage and last report", r.Chart.Details)
			}
			if r.Err != nil || r.Ephemeral {
				t.Errorf("Err = %v, Ephemeral = %v", r.Err, r.Ephemeral)
			}
		}},
		{"long quotes are cut to 200 characters", member("where Gonçalo Ramos"), func(t *testing.T, r Reply, f *fakeEngine) {
			if len(r.Lines) == 0 || len(r.Lines[0].Evidence) != 1 {
				t.Fatalf("lines = %+v", r.Lines)
			}
			q := r.Lines[0].Evidence[0].Quote
			if n := len([]rune(q)); n != maxQuote || !strings.HasSuffix(q, "…") || !strings.HasPrefix(q, "Benfica have made") {
				t.Errorf("quote has %d characters: %q", n, q)
			}
		}},
		{"unknown name suggests", member("where is Ramoz heading?"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "I don't know Ramoz yet.\nDid you mean: Gonçalo Ramos, Sergio Ramos?")
			if got := labels(r.Buttons); strings.Join(got, "|") != "Gonçalo Ramos|Sergio Ramos" {
				t.Errorf("buttons = %q", got)
			}
			if r.Err != nil {
				t.Errorf("Err = %v, want nil: an unknown name is not a failure", r.Err)
			}
		}},
		{"unknown name without suggestions", member("where is Zzyzx heading"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "I don't know Zzyzx yet.\nCheck the spelling, or try the full name.")
		}},
		{"ambiguous name offers one button per candidate", member("Ramos?"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Which Ramos do you mean?" {
				t.Errorf("Title = %q", r.Title)
			}
			want := []Button{{"Gonçalo Ramos", "where Gonçalo Ramos"}, {"Sergio Ramos", "where Sergio Ramos"}}
			if len(r.Buttons) != len(want) {
				t.Fatalf("buttons = %+v, want %+v", r.Buttons, want)
			}
			for i := range want {
				if r.Buttons[i] != want[i] {
					t.Errorf("button %d = %+v, want %+v", i, r.Buttons[i], want[i])
				}
			}
		}},
		{"ambiguous subscribe keeps the command and stage", admin("subscribe James bid"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Which James do you mean?" || len(r.Buttons) != 3 {
				t.Fatalf("reply = %+v", r)
			}
			if got := r.Buttons[0].Action; got != "subscribe player Daniel James bid" {
				t.Errorf("first action = %q", got)
			}
		}},
		{"player without links", member("where is Haaland going"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "No transfer links for Erling Haaland yet.")
		}},
		{"bare club name falls back to the club report", member("Juventus?"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Transfer links: Juventus" {
				t.Errorf("Title = %q", r.Title)
			}
		}},
		{"club lists links in and out", member("who is linked with Juventus?"), func(t *testing.T, r Reply, f *fakeEngine) {
			if len(r.Lines) != 2 {
				t.Fatalf("lines = %+v", r.Lines)
			}
			in, out := r.Lines[0], r.Lines[1]
			if in.Group != "Linked with a move to Juventus" || in.Heading != "Jadon Sancho (from Manchester United)" {
				t.Errorf("in line = %+v", in)
			}
			if out.Group != "Linked with a move away from Juventus" || out.Heading != "Dušan Vlahović → Arsenal" {
				t.Errorf("out line = %+v", out)
			}
			if !strings.Contains(in.Detail, "Sky Sports") || !strings.Contains(in.Detail, "4 Mar 2026") {
				t.Errorf("in detail %q lacks outlet and date", in.Detail)
			}
		}},
		{"where with a destination answers about that pair first", member("is Sergio Ramos going to Inter Miami?"), func(t *testing.T, r Reply, f *fakeEngine) {
			if want := "Sergio Ramos to Inter Miami: 21%, stage interest. Current club: Sevilla."; !strings.HasPrefix(r.Text, want) || len(r.Lines) != 4 {
				t.Errorf("Text = %q with %d lines, want it to start %q and the whole ranking", r.Text, len(r.Lines), want)
			}
		}},
		{"where with a destination no report names", member("Sergio Ramos to Benfica??"), func(t *testing.T, r Reply, f *fakeEngine) {
			if want := "No reports link Sergio Ramos with Benfica. "; !strings.HasPrefix(r.Text, want) {
				t.Errorf("Text = %q, want it to start %q", r.Text, want)
			}
		}},
		{"rumours about a club, not a player of that name", member("benfica rumours"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Latest on Benfica" {
				t.Errorf("Title = %q, want the club's rumours", r.Title)
			}
		}},
		{"small talk gets a pointer to help", member("cheers mate, good bot"), func(t *testing.T, r Reply, f *fakeEngine) {
			if !r.Unrecognised || !strings.Contains(r.Text, "/help") || strings.Contains(r.Text, "I don't know") {
				t.Errorf("reply = %+v", r)
			}
		}},
		{"club command does not know players", member("club Ramos"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "I don't know a club called Ramos yet.\nCheck the spelling, or try the full name.")
		}},
		{"club without links", member("club Sevilla"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "No transfer links for Sevilla yet.")
		}},
		{"rumours for a player", member("rumours about Sancho?"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Latest on Jadon Sancho" || len(r.Lines) != 1 {
				t.Fatalf("reply = %+v", r)
			}
			l := r.Lines[0]
			if l.Heading != "Jadon Sancho: Manchester United → Juventus" || l.Detail != "stage: agreed · Sky Sports · 4 Mar 2026" {
				t.Errorf("line = %q / %q", l.Heading, l.Detail)
			}
		}},
		{"latest rumours overall", member("rumours"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Latest transfer rumours" || len(r.Lines) != 6 {
				t.Errorf("title %q, %d lines", r.Title, len(r.Lines))
			}
			if got := r.Lines[1].Detail; got != "stage: bid · Record · 3 Mar 2026" {
				t.Errorf("second detail = %q", got)
			}
		}},
		{"subscribe refused without CanManage", member("subscribe Sergio Ramos"), func(t *testing.T, r Reply, f *fakeEngine) {
			if !strings.Contains(r.Text, "Only admins") || !r.Ephemeral {
				t.Errorf("reply = %+v, want an ephemeral refusal", r)
			}
			if n := f.callCount(); n != 0 {
				t.Errorf("engine called %d times, want 0", n)
			}
		}},
		{"subscribe accepted with CanManage", admin("subscribe Sergio Ramos talks"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "Done: this channel will get alerts about Sergio Ramos once a link reaches talks or beyond.")
			if !r.Ephemeral {
				t.Error("subscription management should be ephemeral")
			}
			want := rumours.Subscription{Platform: "test", Channel: "c1", Kind: rumours.KindPlayer, Target: "Sergio Ramos", MinStage: rumours.Talks, Active: true, Created: day(5)}
			if len(f.subs) != 1 || f.subs[0] != want {
				t.Errorf("stored %+v, want %+v", f.subs, want)
			}
			if len(r.Buttons) != 1 || r.Buttons[0].Action != "unsubscribe player Sergio Ramos" {
				t.Errorf("buttons = %+v", r.Buttons)
			}
		}},
		{"subscribe falls back to a club", admin("/subscribe Juventus"), func(t *testing.T, r Reply, f *fakeEngine) {
			if len(f.subs) != 1 || f.subs[0].Kind != rumours.KindClub || f.subs[0].Target != "Juventus" || f.subs[0].MinStage != rumours.StageUnknown {
				t.Errorf("stored %+v", f.subs)
			}
		}},
		{"subscribe from slash-command options", Request{Platform: "discord", Channel: "42", CanManage: true, Command: "subscribe",
			Args: map[string]string{ArgClub: "Inter Miami", ArgMinStage: "medical"}}, func(t *testing.T, r Reply, f *fakeEngine) {
			if len(f.subs) != 1 || f.subs[0].Target != "Inter Miami" || f.subs[0].MinStage != rumours.Medical {
				t.Errorf("stored %+v (reply %q)", f.subs, r.Text)
			}
		}},
		{"subscribe with a bad stage option", Request{CanManage: true, Command: "subscribe",
			Args: map[string]string{ArgName: "Ramos", ArgMinStage: "gossip"}}, func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, `gossip is not a stage; stages: speculation, interest, talks, bid, agreed, medical, done.`)
			if f.callCount() != 0 {
				t.Error("engine called for a bad stage")
			}
		}},
		{"subscribe with a bad stage word", admin("subscribe Juventus banana"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, `banana is not a stage; stages: speculation, interest, talks, bid, agreed, medical, done.`)
			if len(f.subs) != 0 {
				t.Errorf("stored %+v", f.subs)
			}
		}},
		{"subscribe with a bad stage after min", admin("subscribe Sergio Ramos min banana"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, `banana is not a stage; stages: speculation, interest, talks, bid, agreed, medical, done.`)
		}},
		{"subscribe to an unknown name of two words", admin("subscribe Zzyzx Qwerty"), func(t *testing.T, r Reply, f *fakeEngine) {
			if !strings.Contains(r.Text, "I don't know Zzyzx Qwerty yet.") {
				t.Errorf("text = %q, want the unknown name", r.Text)
			}
		}},
		{"unsubscribe not found", admin("unsubscribe Sergio Ramos"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "This channel isn't subscribed to Sergio Ramos. Type /subscriptions to see what it follows.")
			if r.Err != nil {
				t.Errorf("Err = %v", r.Err)
			}
		}},
		{"unsubscribe refused without CanManage", member("unsubscribe Sergio Ramos"), func(t *testing.T, r Reply, f *fakeEngine) {
			if !strings.Contains(r.Text, "Only admins") || f.callCount() != 0 {
				t.Errorf("reply %q after %d engine calls", r.Text, f.callCount())
			}
		}},
		{"no subscriptions", member("subscriptions"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "This channel doesn't follow any players or clubs yet. Try /subscribe Ramos.")
		}},
		{"help lists commands with examples", member("help"), func(t *testing.T, r Reply, f *fakeEngine) {
			text := r.PlainText()
			for _, cmd := range []string{"/where", "/rumours", "/club", "/subscribe", "/unsubscribe", "/subscriptions", "/sources", "/help"} {
				if !strings.Contains(text, cmd) {
					t.Errorf("help lacks %s", cmd)
				}
			}
			if !strings.Contains(text, "Example: /where Ramos") {
				t.Error("help lacks an example")
			}
			if f.callCount() != 0 {
				t.Error("help asked the engine")
			}
		}},
		{"start greets", member("/start"), func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Hi, I'm transferbot." || len(r.Lines) == 0 {
				t.Errorf("reply = %+v", r)
			}
		}},
		{"sources by tier", member("sources"), func(t *testing.T, r Reply, f *fakeEngine) {
			want := []Line{
				{Heading: "Tier 1 (most reliable)", Detail: "Fabrizio Romano, Sky Sports"},
				{Heading: "Tier 2", Detail: "Goal, Marca"},
				{Heading: "Tier 4", Detail: "Daily Star"},
			}
			if len(r.Lines) != len(want) {
				t.Fatalf("lines = %+v", r.Lines)
			}
			for i := range want {
				if r.Lines[i].Heading != want[i].Heading || r.Lines[i].Detail != want[i].Detail {
					t.Errorf("line %d = %q / %q, want %q / %q", i, r.Lines[i].Heading, r.Lines[i].Detail, want[i].Heading, want[i].Detail)
				}
			}
		}},
		{"10,000-character question refused without the engine", member("where is " + strings.Repeat("a", 10000) + " heading?"), func(t *testing.T, r Reply, f *fakeEngine) {
			if !strings.Contains(r.Text, "too long") || !r.Ephemeral {
				t.Errorf("reply = %.100q, want a too-long refusal", r.Text)
			}
			if f.callCount() != 0 {
				t.Errorf("engine called %d times", f.callCount())
			}
		}},
		{"81-character name refused without the engine", member("where is " + strings.Repeat("b", 81) + " heading?"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "That name is too long: I read names of up to 80 characters.")
			if f.callCount() != 0 {
				t.Errorf("engine called %d times", f.callCount())
			}
		}},
		{"long slash-command option refused", Request{Command: "where", Args: map[string]string{ArgPlayer: strings.Repeat("c", 10000)}}, func(t *testing.T, r Reply, f *fakeEngine) {
			if !strings.Contains(r.Text, "too long") || f.callCount() != 0 {
				t.Errorf("reply %.80q after %d engine calls", r.Text, f.callCount())
			}
		}},
		{"not understood", member("hello"), func(t *testing.T, r Reply, f *fakeEngine) {
			if !r.Unrecognised || !strings.Contains(r.Text, "where is Ramos heading?") || f.callCount() != 0 {
				t.Errorf("reply = %+v", r)
			}
		}},
		{"missing name", member("/where"), func(t *testing.T, r Reply, f *fakeEngine) {
			wantText(t, r, "Which player? For example: /where Ramos")
		}},
		{"slash command with player option", Request{Command: "/where", Args: map[string]string{ArgPlayer: "Gonçalo Ramos"}}, func(t *testing.T, r Reply, f *fakeEngine) {
			if r.Title != "Where is Gonçalo Ramos heading?" {
				t.Errorf("Title = %q (text %q)", r.Title, r.Text)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeEngine()
			r := newTestCore(f).Handle(context.Background(), tt.req)
			tt.check(t, r, f)
		})
	}
}

func wantText(t *testing.T, r Reply, want string) {
	t.Helper()
	if r.Text != want {
		t.Errorf("Text = %q\nwant   %q", r.Text, want)
	}
}

var percentRE = regexp.MustCompile(`: (\d+)%$`)

// sumPercents adds the percentages at the end of the line headings.
func sumPercents(t *testing.T, lines []Line) int {
	t.Helper()
	sum := 0
	for _, l := range lines {
		m := percentRE.FindStringSubmatch(l.Heading)
		if m == nil {
			t.Fatalf("heading %q has no percentage", l.Heading)
		}
		n, _ := strconv.Atoi(m[1])
		sum += n
	}
	return sum
}

func TestWhereOtherClubs(t *testing.T) {
	f := newFakeEngine()
	c := New(f, Options{Destinations: 2})
	r := c.Handle(context.Background(), member("where Sergio Ramos"))
	var headings []string
	for _, l := range r.Lines {
		headings = append(headings, l.Heading)
	}
	want := []string{"1. Real Madrid: 42%", "2. Inter Miami: 21%", "1 other club: 12%", "Stays at Sevilla: 25%"}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("headings = %q\nwant       %q", headings, want)
	}
	if got := strings.Join(r.Chart.Labels, "|"); got != "Real Madrid|Inter Miami|Others|Stays at Sevilla" {
		t.Errorf("chart labels = %q", got)
	}
}

func TestPercents(t *testing.T) {
	tests := []struct {
		shares []float64
		want   []int
	}{
		{[]float64{0.42, 0.213, 0.12, 0.247}, []int{42, 21, 12, 25}},
		{[]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, []int{34, 33, 33}},
		{[]float64{0.994, 0.006}, []int{99, 1}},
		{[]float64{0.999, 0.001, 0}, []int{100, 0, 0}},
		{[]float64{0.5, -1, 0.5}, []int{50, 0, 50}},
	}
	for _, tt := range tests {
		if got := percents(tt.shares); !slices.Equal(got, tt.want) {
			t.Errorf("percents(%v) = %v, want %v", tt.shares, got, tt.want)
		}
	}
}

func TestSubscribeThenUnsubscribe(t *testing.T) {
	f := newFakeEngine()
	c := newTestCore(f)
	ctx := context.Background()
	steps := []struct {
		text string
		want string
	}{
		{"subscribe Sergio Ramos", "Done: this channel will get alerts about Sergio Ramos."},
		{"subscribe club Juventus bid", "Done: this channel will get alerts about Juventus once a link reaches bid or beyond."},
		{"unsubscribe sergio ramos", "Done: this channel will no longer get alerts about Sergio Ramos."},
		{"unsubscribe Sergio Ramos", "This channel isn't subscribed to Sergio Ramos. Type /subscriptions to see what it follows."},
	}
	for _, s := range steps {
		r := c.Handle(ctx, admin(s.text))
		if r.Text != s.want {
			t.Errorf("%q: Text = %q, want %q", s.text, r.Text, s.want)
		}
	}
	r := c.Handle(ctx, admin("subscriptions"))
	if len(r.Lines) != 1 || r.Lines[0].Heading != "Juventus" || r.Lines[0].Detail != "club · from bid on" {
		t.Errorf("subscriptions = %+v", r.Lines)
	}
	if len(r.Buttons) != 1 || r.Buttons[0].Action != "unsubscribe club Juventus" {
		t.Errorf("buttons = %+v", r.Buttons)
	}
}

// TestButtonsRoundTrip presses every button of the replies to a few
// questions and checks that each action is a command the core understands.
func TestButtonsRoundTrip(t *testing.T) {
	f := newFakeEngine()
	c := newTestCore(f)
	ctx := context.Background()
	for _, text := range []string{"Ramos?", "where is Ramoz heading", "where Sergio Ramos", "club Juventus", "subscribe James", "any news on James", "rumours Sancho"} {
		r := c.Handle(ctx, admin(text))
		if len(r.Buttons) == 0 {
			t.Errorf("%q: no buttons", text)
		}
		for _, b := range r.Buttons {
			next := c.Handle(ctx, admin(b.Action))
			if next.Unrecognised || next.Err != nil || strings.HasPrefix(next.Text, "I don't know") || strings.HasPrefix(next.Title, "Which") {
				t.Errorf("%q: button %q (%q) gave %q %q", text, b.Label, b.Action, next.Title, next.Text)
			}
		}
	}
}

func TestCoreUnderstand(t *testing.T) {
	c := newTestCore(newFakeEngine())
	got := c.Understand(context.Background(), "is sancho going to juventus?")
	if want := (Question{Intent: CmdWhere, Player: "Jadon Sancho", Club: "Juventus"}); got != want {
		t.Errorf("Understand = %+v, want %+v", got, want)
	}
}

func TestEngineErrorIsFriendly(t *testing.T) {
	secret := errors.New("sqlite: database is locked: /var/lib/transferbot/rumours.db")
	for _, text := range []string{"where is Ramos heading?", "where Sergio Ramos", "rumours", "club Juventus", "subscribe Ramos", "unsubscribe Ramos", "subscriptions"} {
		t.Run(text, func(t *testing.T) {
			f := newFakeEngine()
			f.fail = secret
			r := newTestCore(f).Handle(context.Background(), admin(text))
			if !errors.Is(r.Err, secret) {
				t.Errorf("Err = %v, want it to wrap the engine error", r.Err)
			}
			if !strings.HasPrefix(r.Err.Error(), "bot: ") {
				t.Errorf("Err = %q, want the bot: prefix", r.Err)
			}
			shown := r.PlainText()
			if strings.Contains(shown, "sqlite") || strings.Contains(shown, "locked") || strings.Contains(shown, "/var/") {
				t.Errorf("reply leaks the error: %q", shown)
			}
			if shown != "Sorry, I couldn't look that up just now. Please try again in a moment.\n" || !r.Ephemeral {
				t.Errorf("reply = %q (ephemeral %v)", shown, r.Ephemeral)
			}
		})
	}
}

// panicEngine panics on every call, to check that Handle never panics.
type panicEngine struct{ Engine }

func (panicEngine) ResolvePlayer(context.Context, string) (string, error) { panic("boom") }

func TestHandleNeverPanics(t *testing.T) {
	for name, e := range map[string]Engine{"nil engine": nil, "panicking engine": panicEngine{}} {
		t.Run(name, func(t *testing.T) {
			r := New(e, Options{}).Handle(context.Background(), member("where is Ramos heading?"))
			if r.Err == nil || strings.Contains(r.PlainText(), "boom") || !strings.HasPrefix(r.Text, "Sorry") {
				t.Errorf("reply = %+v", r)
			}
		})
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := newFakeEngine()
	f.fail = ctx.Err()
	r := newTestCore(f).Handle(ctx, member("where Sergio Ramos"))
	if !errors.Is(r.Err, context.Canceled) {
		t.Errorf("Err = %v, want context.Canceled", r.Err)
	}
}

// TestGoldenPlainText checks the plain-text rendering of whole replies
// against testdata/*.golden; run with -update to rewrite them.
func TestGoldenPlainText(t *testing.T) {
	tests := []struct {
		file, text string
		noButtons  bool // asked from a command line
	}{
		{"where_sergio_ramos", "where is Sergio Ramos heading?", false},
		{"where_ambiguous", "Ramos?", false},
		{"where_ambiguous_no_buttons", "Ramos?", true},
		{"club_juventus", "who is linked with Juventus?", false},
		{"help", "help", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			req := member(tt.text)
			req.NoButtons = tt.noButtons
			r := newTestCore(newFakeEngine()).Handle(context.Background(), req)
			got := r.PlainText()
			path := filepath.Join("testdata", tt.file+".golden")
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
				t.Errorf("PlainText() mismatch for %q\ngot:\n%s\nwant:\n%s", tt.text, got, want)
			}
		})
	}
}

func TestHandleConcurrently(t *testing.T) {
	f := newFakeEngine()
	c := newTestCore(f)
	want := c.Handle(context.Background(), admin("where Sergio Ramos")).PlainText()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			if got := c.Handle(ctx, admin("where Sergio Ramos")).PlainText(); got != want {
				t.Errorf("goroutine %d: reply differs:\n%s", i, got)
			}
			c.Handle(ctx, admin("subscribe Juventus bid"))
			c.Handle(ctx, admin("subscriptions"))
		}()
	}
	wg.Wait()
}

// TestWhereDoneDeal: when a completed move closed the saga, the reply leads
// with the move, when and who reported it, and lists the old suitors as a
// closed saga without shares; an old saga says how old it is.
func TestWhereDoneDeal(t *testing.T) {
	f := newFakeEngine()
	report := rumours.Evidence{Link: rumours.Link{Player: "Lionel Messi", To: "Paris Saint-Germain", Stage: rumours.Done, Outlets: []string{"L'Équipe"}}, ArticleID: 9, Published: day(5)}
	f.players["Lionel Messi"] = rumours.Ranking{
		Player: "Lionel Messi", Current: "Paris Saint-Germain", AsOf: day(6), LastReport: day(5),
		Spell: rumours.Spell{Club: "Paris Saint-Germain", From: "Barcelona", Since: day(5), Reported: &report},
		Done:  &rumours.Destination{Club: "Paris Saint-Germain", Stage: rumours.Done, Share: 1, Outlets: 1, Sources: []string{"L'Équipe"}, LastSeen: day(5), Best: report},
		Closed: []rumours.Destination{
			{Club: "Manchester City", Stage: rumours.Talks, LastSeen: day(2)},
		},
		Stays: 1,
	}
	r := newTestCore(f).Handle(context.Background(), member("where is Messi heading?"))
	if want := "Done deal: Lionel Messi joined Paris Saint-Germain from Barcelona on 5 Mar 2026 (reported by L'Équipe)."; !strings.HasPrefix(r.Text, want) {
		t.Errorf("text = %q, want it to start %q", r.Text, want)
	}
	if len(r.Lines) != 2 || r.Lines[0].Club != "Paris Saint-Germain" || !strings.Contains(r.Lines[1].Detail, "Manchester City (talks, 2 Mar 2026)") {
		t.Errorf("lines = %+v, want the move then the closed saga", r.Lines)
	}
	for _, l := range r.Lines {
		if l.Stays || strings.Contains(l.Heading, "%") {
			t.Errorf("line %q: a closed saga has no shares", l.Heading)
		}
	}
	if r.Chart != nil {
		t.Errorf("a closed saga has no chart")
	}
	// Asked a year later, the answer says the news is old.
	old := member("where is Messi heading?")
	old.AsOf = day(5).AddDate(1, 0, 0)
	r = newTestCore(f).Handle(context.Background(), old)
	if !strings.Contains(r.Text, "Last report 12 months ago") {
		t.Errorf("text = %q, want the saga's age", r.Text)
	}
	// A move that is not done keeps the usual wording.
	r = newTestCore(f).Handle(context.Background(), member("where Sergio Ramos"))
	if !strings.HasPrefix(r.Text, "Current club: Sevilla.") {
		t.Errorf("text = %q, want the current club", r.Text)
	}
}

// TestNoButtons: a request from where nothing can be pressed gets no
// buttons, whatever the reply; choices come as lines instead.
func TestNoButtons(t *testing.T) {
	for _, text := range []string{"where is Sergio Ramos heading?", "Ramos?", "where is Ramoz heading?", "who is linked with Juventus?", "help"} {
		req := member(text)
		req.NoButtons = true
		r := newTestCore(newFakeEngine()).Handle(context.Background(), req)
		if len(r.Buttons) > 0 || strings.Contains(r.PlainText(), "[1]") {
			t.Errorf("%q: buttons %+v\n%s", text, r.Buttons, r.PlainText())
		}
	}
}

// TestWhereAsOfNameWithNews: asked about a past date, a name that fits
// several players means the one who had news by then; asked about now,
// or when several had news, the reply asks which.
func TestWhereAsOfNameWithNews(t *testing.T) {
	f := newFakeEngine()
	f.players["Gonçalo Ramos"] = rumours.Ranking{Player: "Gonçalo Ramos"} // no news (yet)
	c := newTestCore(f)
	past := member("where is Ramos heading?")
	past.AsOf = day(4)
	if r := c.Handle(context.Background(), past); r.Title != "Where is Sergio Ramos heading?" {
		t.Errorf("as of a date: title %q, want Sergio Ramos's answer\n%s", r.Title, r.PlainText())
	}
	if r := c.Handle(context.Background(), member("where is Ramos heading?")); r.Title != "Which Ramos do you mean?" {
		t.Errorf("now: title %q, want the question which Ramos", r.Title)
	}
	both := newTestCore(newFakeEngine())
	if r := both.Handle(context.Background(), past); r.Title != "Which Ramos do you mean?" {
		t.Errorf("both with news: title %q, want the question which Ramos", r.Title)
	}
}
