package bot

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestRareWarning(t *testing.T) {
	var buf bytes.Buffer
	w := NewRareWarning(slog.New(slog.NewTextHandler(&buf, nil)), "bad request", time.Minute)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	w.now = func() time.Time { return now }
	steps := []struct {
		after time.Duration // clock advance before the occurrence
		lines int           // warning lines written so far
		count string        // the count in the last line
	}{
		{0, 1, "count=1"},               // the first is written at once
		{time.Second, 1, ""},            // then counted
		{10 * time.Second, 1, ""},       //
		{time.Minute, 2, "count=3"},     // a minute on: one line for the three since
		{time.Second, 2, ""},            //
		{2 * time.Minute, 3, "count=2"}, //
	}
	for i, s := range steps {
		now = now.Add(s.after)
		w.Add("remote", "192.0.2.1:1234")
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != s.lines {
			t.Fatalf("step %d: %d lines, want %d:\n%s", i, len(lines), s.lines, buf.String())
		}
		if s.count != "" && !strings.Contains(lines[len(lines)-1], s.count+" ") {
			t.Errorf("step %d: last line %q, want %s", i, lines[len(lines)-1], s.count)
		}
	}
	if !strings.Contains(buf.String(), "remote=192.0.2.1:1234") {
		t.Errorf("the occurrence's attributes are missing:\n%s", buf.String())
	}
}
