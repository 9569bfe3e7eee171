package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/storage"
)

// TestOneBotPerDatabase: while a bot serves a database, a second `run` on
// it exits at once naming the first (its pid and host), while the commands
// that only read, and ingest, still work beside it; once the first stops,
// `run` starts. The lock is an flock, per open file, so two Mains in one
// process conflict as two processes do.
func TestOneBotPerDatabase(t *testing.T) {
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Database, cfg.Demo = filepath.Join(dir, "bot.db"), false
	first := &Main{Config: cfg, Exclusive: true}
	if err := first.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	host, _ := os.Hostname()
	seed := writeFile(t, dir, "news.txt", []byte(" date 2024-07-01 \nInter Miami are in talks with Sergio Ramos, reports AS.\n"))

	tests := []struct {
		args     []string
		code     int
		inStderr []string
	}{
		{[]string{"run"}, 1, []string{"already serves", cfg.Database, fmt.Sprintf("pid %d on %s", os.Getpid(), host), storage.LockPath(cfg.Database)}},
		{[]string{}, 1, []string{"already serves"}},
		{[]string{"ask", "where is Ramos heading?"}, 0, nil},
		{[]string{"subscriptions"}, 0, nil},
		{[]string{"feeds"}, 0, nil},
		{[]string{"ingest", seed}, 0, nil},
	}
	for _, tc := range tests {
		code, _, stderr := runCLI(t, dir, "", tc.args...)
		if code != tc.code {
			t.Errorf("%q beside a running bot: exit %d, want %d; stderr:\n%s", tc.args, code, tc.code, stderr)
		}
		for _, s := range tc.inStderr {
			if !strings.Contains(stderr, s) {
				t.Errorf("%q beside a running bot: stderr %q does not say %q", tc.args, stderr, s)
			}
		}
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, dir, "", "run"); code != 0 {
		t.Errorf("run after the first bot stopped: exit %d; stderr:\n%s", code, stderr)
	}
}

// TestRunStopsWhenTheDatabaseGoes: a bot whose database file is deleted,
// or whose lock file is, stops with an error that says so, instead of
// writing on into a file no one will open again.
func TestRunStopsWhenTheDatabaseGoes(t *testing.T) {
	tests := []struct {
		name   string
		remove func(db string) string
		want   string
	}{
		{"database deleted", func(db string) string { return db }, "deleted"},
		{"database replaced", func(db string) string { return db + "-x" }, "replaced"},
		{"lock file deleted", func(db string) string { return storage.LockPath(db) }, "lock file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Database, cfg.Demo = filepath.Join(t.TempDir(), "bot.db"), false
			in, stdin := io.Pipe() // the console waits for input all along
			defer stdin.Close()
			m := &Main{Config: cfg, Stdin: in, Stdout: &bytes.Buffer{}, Exclusive: true, WatchEvery: 10 * time.Millisecond}
			if err := m.Open(context.Background()); err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			done := make(chan error, 1)
			go func() { done <- m.Run(context.Background()) }()
			time.Sleep(50 * time.Millisecond)
			if path := tc.remove(cfg.Database); strings.HasSuffix(path, "-x") {
				// another database moved into its place
				other := &Main{Config: cfg}
				other.Config.Database = path
				if err := other.Open(context.Background()); err != nil {
					t.Fatal(err)
				}
				other.Close()
				if err := os.Rename(path, cfg.Database); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), cfg.Database) || errors.Is(err, context.Canceled) {
					t.Errorf("Run = %v, want an error naming %s and saying %q", err, cfg.Database, tc.want)
				}
			case <-time.After(5 * time.Second):
				stdin.Close()
				t.Fatal("Run went on after the file went")
			}
		})
	}
}

// TestRunStopsWhenTheDiskIsFull: when writes fail for want of space (the
// database's size cap here, which SQLite reports as a full disk), the bot
// stops with an error that says so, rather than run on failing to record
// subscriptions, news and deliveries.
func TestRunStopsWhenTheDiskIsFull(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Database, cfg.Demo = filepath.Join(t.TempDir(), "bot.db"), false
	in, stdin := io.Pipe()
	defer stdin.Close()
	m := &Main{Config: cfg, Stdin: in, Stdout: &bytes.Buffer{}, Exclusive: true, WatchEvery: 10 * time.Millisecond,
		storeOpts: storage.Options{MaxPages: 80}}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	done := make(chan error, 1)
	go func() { done <- m.Run(context.Background()) }()
	text := strings.Repeat("Transfer news that takes room. ", 2000)
	var saveErr error
	for i := 0; i < 20 && saveErr == nil; i++ {
		a := rumours.StoredArticle{Article: rumours.Article{ID: fmt.Sprint(i), Text: fmt.Sprint(i, text)}, TextHash: fmt.Sprint("h", i)}
		_, saveErr = m.store.SaveArticle(context.Background(), a, nil)
	}
	if saveErr == nil {
		t.Fatal("the database never filled up")
	}
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "can no longer be written") || !strings.Contains(err.Error(), "full") || !strings.Contains(err.Error(), cfg.Database) {
			t.Errorf("Run = %v, want an error naming %s and saying it is full", err, cfg.Database)
		}
	case <-time.After(5 * time.Second):
		stdin.Close()
		t.Fatal("Run went on with a full disk")
	}
}
