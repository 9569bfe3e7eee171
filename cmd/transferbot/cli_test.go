package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	_, out, _ = runCLI(t, dir, "", "ask", "where is Sergio Ramos heading?")
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

// TestEvalMatchesScorer checks that `transferbot eval` prints what the
// reference scorer prints for the same predictions, and that extraction
// meets the quality bar on the dev set.
func TestEvalMatchesScorer(t *testing.T) {
	devDir, err := filepath.Abs("../../../shared/eval/dev")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(devDir); err != nil {
		t.Skip("../shared is absent: skipping the dev-set evaluation")
	}
	gold := filepath.Join(devDir, "labels.jsonl")
	arts := filepath.Join(devDir, "articles")
	code, got, errs := runCLI(t, t.TempDir(), "", "eval", "-gold", gold, arts)
	if code != 0 {
		t.Fatalf("eval exit %d: %s", code, errs)
	}
	t.Logf("dev set:\n%s", got)
	checkQuality(t, got)

	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 absent: not comparing with score.py")
	}
	_, preds, _ := runCLI(t, t.TempDir(), "", "extract", "-json", arts)
	pf := writeFile(t, t.TempDir(), "pred.jsonl", []byte(preds))
	want, err := exec.Command("python3", filepath.Join(devDir, "score.py"), gold, pf).Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	if got != string(want) {
		t.Errorf("eval output differs from score.py:\n--- eval\n%s--- score.py\n%s", got, want)
	}
}

// checkQuality asserts the bar: pair F1 >= 0.85, primary recall >=
// 0.95, stage bucket accuracy >= 0.80.
func checkQuality(t *testing.T, out string) {
	t.Helper()
	var f1, prim, bucket float64
	for _, line := range strings.Split(out, "\n") {
		fs := strings.Fields(line)
		switch {
		case strings.HasPrefix(line, "F1 "):
			f1 = parseFloat(fs[1])
		case strings.HasPrefix(line, "primary recall"):
			prim = parseFloat(fs[len(fs)-1])
		case strings.HasPrefix(line, "stage exact"):
			bucket = parseFloat(fs[len(fs)-1])
		}
	}
	if f1 < 0.85 || prim < 0.95 || bucket < 0.80 {
		t.Errorf("dev-set quality below the bar: F1 %.3f (>= 0.85), primary recall %.3f (>= 0.95), stage bucket %.3f (>= 0.80)", f1, prim, bucket)
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
