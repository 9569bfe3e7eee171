package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// runCLI runs the command line with a database in dir and returns its exit
// code, stdout and stderr.
func runCLI(t *testing.T, dir, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"TRANSFERBOT_DATABASE": filepath.Join(dir, "bot.db")}
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
	code := c.run(context.Background(), args)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPipedConsoleAnswersEachLine(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, dir, "where is Sergio Ramos heading?\nwhere is Zzyzx Qwerty heading?\n")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Paris Saint-Germain") {
		t.Errorf("no answer about Sergio Ramos in:\n%s", out)
	}
	if !strings.Contains(out, "I don't know") {
		t.Errorf("unknown name not reported in:\n%s", out)
	}
}

func TestAskCommand(t *testing.T) {
	dir := t.TempDir()
	chart := filepath.Join(dir, "ramos.png")
	code, out, errs := runCLI(t, dir, "", "ask", "-as-of", "2020-12-01", "-chart", chart, "where is Sergio Ramos heading?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Inter Miami") {
		t.Errorf("answer lacks Inter Miami:\n%s", out)
	}
	png, err := os.ReadFile(chart)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("chart not written as PNG: %v", err)
	}
	if code, _, _ := runCLI(t, dir, "", "ask", "-as-of", "1st of May", "where is Ramos?"); code != 2 {
		t.Errorf("bad -as-of: exit %d, want 2", code)
	}
}

func TestIngestBadInputLosesNothing(t *testing.T) {
	dir := t.TempDir()
	in := t.TempDir()
	good := writeFile(t, in, "good.txt", []byte(" date 2021-06-17 Paris Saint-Germain have made contact with the representatives of Sergio Ramos, L'Equipe reports, as the Real Madrid captain prepares to leave.\n"))
	writeFile(t, in, "empty.txt", nil)
	writeFile(t, in, "binary.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2})
	writeFile(t, in, "latin1.txt", []byte(" date 2021-06-17 Mbapp\xe9 to Real Madrid?\n"))
	writeFile(t, in, "huge.txt", bytes.Repeat([]byte("Ramos to Sevilla? "), 130000))
	writeFile(t, in, "nolinks.txt", []byte(" date unknown It rained in Manchester all day and nobody signed anyone.\n"))
	writeFile(t, in, "sql.txt", []byte(" date 2021-01-01 Barcelona have agreed a deal to sign Robert'); DROP TABLE links;-- from Ajax.\n"))

	code, out, _ := runCLI(t, dir, "", "ingest", in)
	if code != 1 {
		t.Errorf("exit %d, want 1 (some files failed)", code)
	}
	// the good file, the one without links and the SQL-looking name are
	// stored; the four bad files are not, and nothing else is
	if !strings.Contains(out, "stored 3 articles") || !strings.Contains(out, "4 failed") {
		t.Errorf("summary wrong:\n%s", out)
	}
	if !strings.Contains(out, "nolinks.txt: nolinks: 0 links") {
		t.Errorf("an article without links is not reported as such:\n%s", out)
	}
	for _, want := range []string{"empty.txt: skipped", "binary.txt: skipped", "latin1.txt: skipped", "huge.txt: skipped", "good.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	// The good article was stored: asking answers from it, and ingesting it
	// again stores nothing new.
	code, out, _ = runCLI(t, dir, "", "ingest", good)
	if code != 0 || !strings.Contains(out, "already stored") {
		t.Errorf("re-ingest: exit %d\n%s", code, out)
	}
	_, out, _ = runCLI(t, dir, "", "ask", "-as-of", "2021-07-31", "where is Sergio Ramos heading?")
	if !strings.Contains(out, "Paris Saint-Germain") {
		t.Errorf("stored article not answered from:\n%s", out)
	}
}

func TestAskHugeQuestion(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runCLI(t, dir, "", "ask", "where is "+strings.Repeat("Ramos ", 1700)+"heading?")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "too long") {
		t.Errorf("a 10,000-character question was not refused clearly:\n%s", out[:min(len(out), 300)])
	}
}

func TestExtractJSON(t *testing.T) {
	in := t.TempDir()
	p := writeFile(t, in, "story-1.txt", []byte(" date 2020-11-11 Inter Miami want Real Madrid captain Sergio Ramos, according to AS. Juventus are also interested in the defender.\n"))
	code, out, errs := runCLI(t, t.TempDir(), "", "extract", "-json", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		ID    string  `json:"id"`
		Date  *string `json:"date"`
		Links []struct {
			Player, To, Stage string
			From              *string
			Outlets           []string
			Confidence        float64
		} `json:"links"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if doc.ID != "story-1" || doc.Date == nil || *doc.Date != "2020-11-11" {
		t.Errorf("id/date = %q/%v", doc.ID, doc.Date)
	}
	found := false
	for _, l := range doc.Links {
		if l.Player == "Sergio Ramos" && l.To == "Inter Miami" {
			found = true
			if l.From == nil || *l.From != "Real Madrid" || l.Stage != "interest" || len(l.Outlets) != 1 || l.Outlets[0] != "AS" {
				t.Errorf("Ramos -> Inter Miami = %+v", l)
			}
		}
		if l.To == "Real Madrid" {
			t.Errorf("his own club as destination: %+v", l)
		}
		if l.Confidence < 0 || l.Confidence > 1 {
			t.Errorf("confidence %v out of range", l.Confidence)
		}
	}
	if !found {
		t.Errorf("no Ramos -> Inter Miami link in %s", out)
	}
}

// doneAfter is a context that turns cancelled at the n-th call of Err: a
// SIGINT arriving while a command is at work.
type doneAfter struct {
	context.Context
	calls, n int64
}

func (c *doneAfter) Err() error {
	if atomic.AddInt64(&c.calls, 1) >= c.n {
		return context.Canceled
	}
	return nil
}

// TestExtractStopsWhenCancelled: `extract` (and `eval`, which extracts the
// same way) stops within the article it is reading once the context is
// cancelled (main cancels it on SIGINT and SIGTERM).
func TestExtractStopsWhenCancelled(t *testing.T) {
	p := writeFile(t, t.TempDir(), "long.txt", []byte(" date 2020-11-11 "+strings.Repeat("Inter Miami want Real Madrid captain Sergio Ramos, according to AS. ", 200)+"\n"))
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := c.run(&doneAfter{Context: context.Background(), n: 5}, []string{"extract", "-json", p})
	if code != 1 || out.Len() > 0 || !strings.Contains(errb.String(), "context canceled") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, nothing printed and context canceled", code, out.String(), errb.String())
	}
}

// TestEvalMatchesScorer checks that `transferbot eval` prints what the
// reference scorer prints for the same predictions on the labelled sets,
// and that extraction stays above its bars on each.
func TestEvalMatchesScorer(t *testing.T) {
	for _, set := range []struct {
		name string
		bar  quality
	}{
		// the dev set: the bars
		{"dev", quality{f1: 0.88, primary: 0.95, bucket: 0.85, outlet: 0.80}},
		// the web-style set: the issue asks for F1 0.85, primary recall
		// 0.95, stage bucket 0.85 and outlet recall 0.80; the floors sit at
		// or a little above the bars, below what the committed model
		// reaches (see README), so that no change goes back on them
		{"web", quality{f1: 0.89, primary: 0.95, bucket: 0.89, outlet: 0.94}},
	} {
		t.Run(set.name, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join("../../../shared/eval", set.name))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("../shared is absent: skipping the %s-set evaluation", set.name)
			}
			gold := filepath.Join(dir, "labels.jsonl")
			arts := filepath.Join(dir, "articles")
			code, got, errs := runCLI(t, t.TempDir(), "", "eval", "-gold", gold, arts)
			if code != 0 {
				t.Fatalf("eval exit %d: %s", code, errs)
			}
			t.Logf("%s set:\n%s", set.name, got)
			checkQuality(t, got, set.bar)

			if _, err := exec.LookPath("python3"); err != nil {
				t.Skip("python3 absent: not comparing with score.py")
			}
			_, preds, _ := runCLI(t, t.TempDir(), "", "extract", "-json", arts)
			pf := writeFile(t, t.TempDir(), "pred.jsonl", []byte(preds))
			want, err := exec.Command("python3", filepath.Join(dir, "..", "dev", "score.py"), gold, pf).Output()
			if err != nil {
				t.Fatalf("score.py: %v", err)
			}
			if got != string(want) {
				t.Errorf("eval output differs from score.py:\n--- eval\n%s--- score.py\n%s", got, want)
			}
		})
	}
}

// quality is a bar for the scorer's figures.
type quality struct{ f1, primary, bucket, outlet float64 }

// checkQuality asserts that the scorer's output out meets bar.
func checkQuality(t *testing.T, out string, bar quality) {
	t.Helper()
	got := quality{-1, -1, -1, -1}
	for _, line := range strings.Split(out, "\n") {
		fs := strings.Fields(line)
		switch {
		case strings.HasPrefix(line, "F1 "):
			got.f1 = parseFloat(fs[1])
		case strings.HasPrefix(line, "primary recall"):
			got.primary = parseFloat(fs[len(fs)-1])
		case strings.HasPrefix(line, "stage exact"):
			got.bucket = parseFloat(fs[len(fs)-1])
		case strings.HasPrefix(line, "outlet found"):
			got.outlet = parseFloat(fs[len(fs)-1])
		}
	}
	if got.f1 < bar.f1 || got.primary < bar.primary || got.bucket < bar.bucket || got.outlet < bar.outlet {
		t.Errorf("quality below the bar: F1 %.3f (>= %.2f), primary recall %.3f (>= %.2f), stage bucket %.3f (>= %.2f), outlet recall %.3f (>= %.2f)",
			got.f1, bar.f1, got.primary, bar.primary, got.bucket, bar.bucket, got.outlet, bar.outlet)
	}
}

func parseFloat(s string) float64 {
	var f float64
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return -1
	}
	return f
}

func TestBadDatabaseFailsClearly(t *testing.T) {
	dir := t.TempDir()
	db := writeFile(t, dir, "bot.db", bytes.Repeat([]byte("not a database "), 400))
	var out, errb bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := c.run(context.Background(), []string{"-db", db, "ask", "where is Ramos heading?"})
	if code != 1 || !strings.Contains(errb.String(), "bot.db") {
		t.Errorf("exit %d, stderr %q: want exit 1 and an error naming the file", code, errb.String())
	}
	code = c.run(context.Background(), []string{"-db", filepath.Join(dir, "missing-dir", "x", "bot.db"), "ask", "where is Ramos heading?"})
	if code != 1 {
		t.Errorf("unwritable path: exit %d, want 1", code)
	}
}

// TestFeedsListsTheDemoFeed: `transferbot feeds` lists the built-in demo
// feed exactly when `transferbot` would poll it: no feeds and no platform
// configured, and the demo on.
func TestFeedsListsTheDemoFeed(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		listed bool
	}{
		{"default", nil, true},
		{"telegram token", map[string]string{"TRANSFERBOT_TELEGRAM_TOKEN": "123:abc"}, false},
		{"demo off", map[string]string{"TRANSFERBOT_DEMO": "false"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"TRANSFERBOT_DATABASE": filepath.Join(t.TempDir(), "bot.db")}
			for k, v := range tt.env {
				env[k] = v
			}
			var out, errb bytes.Buffer
			c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
			if code := c.run(context.Background(), []string{"feeds"}); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			listed := strings.Contains(out.String(), demoFeedURL+"\n  outlet (feed title), tier outlet table, every 5s")
			if listed != tt.listed {
				t.Errorf("demo feed listed: %t, want %t\n%s", listed, tt.listed, out.String())
			}
		})
	}
}

// TestAskAsWritten: ask takes its flags before or after the question, as
// the README writes it, prints no buttons (nothing can press them once it
// has exited), and answers an ambiguous name with the choices and exit 0.
func TestAskAsWritten(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"flags first", []string{"ask", "-as-of", "2020-12-01", "where is Sergio Ramos heading?"}, []string{"Reports up to 12 Nov 2020", "1. Inter Miami"}},
		{"flags last", []string{"ask", "where is Sergio Ramos heading?", "-as-of", "2020-12-01"}, []string{"Reports up to 12 Nov 2020", "1. Inter Miami"}},
		{"flags between words", []string{"ask", "where", "is", "-as-of=2020-12-01", "Sergio", "Ramos", "heading?"}, []string{"Reports up to 12 Nov 2020", "1. Inter Miami"}},
		{"after --", []string{"ask", "-as-of", "2020-12-01", "--", "where is Sergio Ramos heading?"}, []string{"1. Inter Miami"}},
		// the README's example: by December 2020 only Sergio Ramos had news
		{"as the README writes it", []string{"ask", "-as-of", "2020-12-01", "where is Ramos heading?"}, []string{"Where is Sergio Ramos heading?", "1. Inter Miami"}},
		{"ambiguous", []string{"ask", "where is Ramos heading?"}, []string{"Which Ramos do you mean?", "- Sergio Ramos", "- Gonçalo Ramos", "Ask again with the full name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, dir, "", tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "[1]") {
				t.Errorf("output shows buttons nobody can press:\n%s", out)
			}
		})
	}
}

// TestWhereCheck holds the answers above their floors on the labelled sets
// (see README, "Timelines"): how often "where is he heading?", asked as of
// a player's newest article, leads with the club that article reports,
// from the extractor's links, from the rules' links alone (the link model
// has seen these sets) and from the gold links (the answers alone).
func TestWhereCheck(t *testing.T) {
	dir, err := filepath.Abs("../../../shared/eval")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared is absent: skipping the where check")
	}
	for _, tt := range []struct {
		name  string
		flags []string
		floor float64
	}{
		{"extracted links", nil, 0.95},
		{"links of the rules alone", []string{"-rules"}, 0.94},
		{"gold links", []string{"-oracle"}, 0.95},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"eval", "-where"}, tt.flags...)
			for _, set := range []string{"dev", "web"} {
				args = append(args, "-gold", filepath.Join(dir, set, "labels.jsonl"))
			}
			args = append(args, filepath.Join(dir, "dev", "articles"), filepath.Join(dir, "web", "articles"))
			code, out, errs := runCLI(t, t.TempDir(), "", args...)
			if code != 0 {
				t.Fatalf("eval exit %d: %s", code, errs)
			}
			got := -1.0
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "where: ") {
					fs := strings.Fields(line)
					got = parseFloat(fs[len(fs)-1])
				}
			}
			t.Logf("where, %s: %.3f", tt.name, got)
			if got < tt.floor {
				t.Errorf("right first answers %.3f, below the floor %.2f", got, tt.floor)
			}
		})
	}
}
