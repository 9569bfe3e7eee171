package console

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/rumours"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeEngine knows two Ramoses, one of them with links, and keeps
// subscriptions in memory.
type fakeEngine struct {
	mu   sync.Mutex
	subs []rumours.Subscription
}

var _ bot.Engine = (*fakeEngine)(nil)

func (f *fakeEngine) ResolvePlayer(_ context.Context, q string) (string, error) {
	switch strings.ToLower(q) {
	case "ramos":
		return "", &rumours.AmbiguousError{Kind: rumours.KindPlayer, Query: q, Candidates: []string{"Sergio Ramos", "Gonçalo Ramos"}}
	case "sergio ramos":
		return "Sergio Ramos", nil
	case "gonçalo ramos":
		return "Gonçalo Ramos", nil
	}
	return "", &rumours.UnknownError{Kind: rumours.KindPlayer, Query: q}
}

// MatchNames knows the two Ramoses by full name and by surname.
func (f *fakeEngine) MatchNames(_ context.Context, phrase string, _ bool) []rumours.NameMatch {
	switch strings.ToLower(phrase) {
	case "ramos":
		return []rumours.NameMatch{
			{Kind: rumours.KindPlayer, Name: "Sergio Ramos", Level: rumours.MatchSurname, Current: "Sevilla"},
			{Kind: rumours.KindPlayer, Name: "Gonçalo Ramos", Level: rumours.MatchSurname, Current: "Paris Saint-Germain"},
		}
	case "sergio ramos":
		return []rumours.NameMatch{{Kind: rumours.KindPlayer, Name: "Sergio Ramos", Current: "Sevilla"}}
	case "goncalo ramos":
		return []rumours.NameMatch{{Kind: rumours.KindPlayer, Name: "Gonçalo Ramos", Current: "Paris Saint-Germain"}}
	}
	return nil
}

func (f *fakeEngine) ResolveClub(_ context.Context, q string) (string, error) {
	return "", &rumours.UnknownError{Kind: rumours.KindClub, Query: q}
}

func (f *fakeEngine) Where(_ context.Context, player string, _ time.Time) (rumours.Ranking, error) {
	if player != "Sergio Ramos" {
		return rumours.Ranking{Player: player}, nil
	}
	published := time.Date(2026, time.March, 2, 0, 0, 0, 0, time.UTC)
	return rumours.Ranking{
		Player:     "Sergio Ramos",
		Current:    "Sevilla",
		AsOf:       time.Date(2026, time.March, 5, 0, 0, 0, 0, time.UTC),
		LastReport: time.Date(2026, time.March, 5, 0, 0, 0, 0, time.UTC),
		Destinations: []rumours.Destination{{
			Club: "Real Madrid", Share: 0.6, Stage: rumours.Talks, Outlets: 2, Sources: []string{"Marca", "AS"}, LastSeen: published,
			Best: rumours.Evidence{Link: rumours.Link{Outlets: []string{"Marca"}, Quote: "Ramos is in talks with Real Madrid."}, Publisher: "Marca", Published: published},
		}},
		Stays: 0.4,
	}, nil
}

func (f *fakeEngine) Rumours(context.Context, rumours.SubjectKind, string, time.Time, int) ([]rumours.Evidence, error) {
	return nil, nil
}

func (f *fakeEngine) Club(context.Context, string, time.Time) (rumours.ClubReport, error) {
	return rumours.ClubReport{}, rumours.ErrNotFound
}

func (f *fakeEngine) Subscribe(_ context.Context, s rumours.Subscription) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs = append(f.subs, s)
	return nil
}

func (f *fakeEngine) Unsubscribe(context.Context, string, string, rumours.SubjectKind, string) error {
	return rumours.ErrNotFound
}

func (f *fakeEngine) Subscriptions(context.Context, string, string) ([]rumours.Subscription, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]rumours.Subscription(nil), f.subs...), nil
}

func (f *fakeEngine) Sources() []rumours.OutletTier { return nil }

// The console neither completes names, nor pauses channels, nor keeps state.
func (f *fakeEngine) Complete(context.Context, rumours.SubjectKind, string, int) []string { return nil }
func (f *fakeEngine) SetChannelActive(context.Context, string, string, bool) (int, error) {
	return 0, nil
}
func (f *fakeEngine) MoveChannel(context.Context, string, string, string) (int, error) { return 0, nil }
func (f *fakeEngine) State(context.Context, string) (string, bool, error)              { return "", false, nil }
func (f *fakeEngine) SetState(context.Context, string, string) error                   { return nil }

func newCore(f *fakeEngine) *bot.Core {
	return bot.New(f, bot.Options{Now: func() time.Time { return time.Date(2026, time.March, 5, 12, 0, 0, 0, time.UTC) }})
}

func run(t *testing.T, input string, interactive bool) (string, *fakeEngine) {
	t.Helper()
	f := &fakeEngine{}
	var out bytes.Buffer
	if err := Run(context.Background(), newCore(f), strings.NewReader(input), &out, interactive); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String(), f
}

func TestRun(t *testing.T) {
	tests := []struct {
		name        string
		input       string
		interactive bool
		want        []string // in this order
		not         []string
	}{
		{
			name:  "question and a numbered button",
			input: "where is Ramos heading?\n1\n",
			want:  []string{"Which Ramos do you mean?", "[1] Sergio Ramos", "[2] Gonçalo Ramos", "Where is Sergio Ramos heading?", "1. Real Madrid: 60%", "Stays at Sevilla: 40%", "[1] Subscribe to Sergio Ramos"},
			not:   []string{"> "},
		},
		{
			name:  "blank lines are skipped",
			input: "\n   \n\t\n",
			not:   []string{"understand"},
		},
		{
			name:  "last line without newline",
			input: "help",
			want:  []string{"What I can do"},
		},
		{
			name:  "CRLF line endings",
			input: "where Sergio Ramos\r\n",
			want:  []string{"Where is Sergio Ramos heading?"},
		},
		{
			name:  "a number without buttons goes to the core",
			input: "help\n7\n",
			want:  []string{"What I can do", "Sorry, I didn't understand that."},
		},
		{
			name:        "interactive greets and prompts",
			input:       "help\n",
			interactive: true,
			want:        []string{"Hi, I'm transferbot.", "> ", "What I can do", "> "},
		},
		{
			name:  "quit stops reading",
			input: "quit\nhelp\n",
			not:   []string{"What I can do"},
		},
		{
			name:  "a very long line is refused",
			input: strings.Repeat("x", 200000) + "\nhelp\n",
			want:  []string{"too long", "What I can do"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := run(t, tt.input, tt.interactive)
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("output contains %q:\n%s", n, out)
				}
			}
		})
	}
}

func TestRunSubscribeButton(t *testing.T) {
	out, f := run(t, "where Sergio Ramos\n1\n", false)
	if !strings.Contains(out, "Done: this channel will get alerts about Sergio Ramos.") {
		t.Errorf("output:\n%s", out)
	}
	want := rumours.Subscription{Platform: Platform, Channel: Channel, Kind: rumours.KindPlayer, Target: "Sergio Ramos", Active: true,
		Created: time.Date(2026, time.March, 5, 12, 0, 0, 0, time.UTC)}
	if len(f.subs) != 1 || f.subs[0] != want {
		t.Errorf("subscriptions = %+v, want %+v", f.subs, want)
	}
}

// TestRunTranscript compares a whole session with testdata/session.golden;
// run with -update to rewrite it.
func TestRunTranscript(t *testing.T) {
	out, _ := run(t, "where is Ramos heading?\n1\nsubscribe Ramos talks\n1\nsubscriptions\nhello\n", true)
	path := filepath.Join("testdata", "session.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if out != string(want) {
		t.Errorf("transcript mismatch\ngot:\n%s\nwant:\n%s", out, want)
	}
}

func TestRunCancel(t *testing.T) {
	pr, pw := io.Pipe() // never written: Run blocks reading
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, newCore(&fakeEngine{}), pr, io.Discard, true) }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not stop after cancellation")
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("pipe closed") }

func TestRunIOErrors(t *testing.T) {
	err := Run(context.Background(), newCore(&fakeEngine{}), failingReader{}, io.Discard, false)
	if err == nil || !strings.Contains(err.Error(), "console: read: disk on fire") {
		t.Errorf("read failure: Run = %v", err)
	}
	err = Run(context.Background(), newCore(&fakeEngine{}), strings.NewReader("help\n"), failingWriter{}, false)
	if err == nil || !strings.Contains(err.Error(), "console: write: pipe closed") {
		t.Errorf("write failure: Run = %v", err)
	}
	if err := Run(context.Background(), nil, strings.NewReader(""), io.Discard, false); err == nil {
		t.Error("nil core: Run = nil, want an error")
	}
}

// TestAlertButtonsPress: the numbers press the options printed last, so an
// alert's button works like a reply's.
func TestAlertButtonsPress(t *testing.T) {
	f := &fakeEngine{}
	in, typeLine := io.Pipe()
	var out bytes.Buffer
	c := New(newCore(f), in, &out, false)
	done := make(chan error, 1)
	go func() { done <- c.Run(context.Background()) }()
	alert := bot.Reply{Title: "Sergio Ramos: talks", Buttons: []bot.Button{{Label: "Follow Sergio Ramos", Action: "subscribe player Sergio Ramos"}}}
	if err := c.Notify(context.Background(), Channel, alert); err != nil {
		t.Fatal(err)
	}
	io.WriteString(typeLine, "1\n")
	typeLine.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(f.subs) != 1 || f.subs[0].Target != "Sergio Ramos" {
		t.Errorf("subscriptions = %+v, want Sergio Ramos from the alert's button\n%s", f.subs, out.String())
	}
}
