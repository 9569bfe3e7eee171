//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"transferbot/bot/telegram/telegramtest"
	"transferbot/rumours"
)

// TestKilledMidFanOut kills the bot (SIGKILL: no clean shutdown) while it
// sends one alert to 300 Telegram chats, and starts it again: every chat
// gets the alert, and the only repeats are messages that were in flight
// when it died (sent, not yet marked), at most one per dispatcher worker.
func TestKilledMidFanOut(t *testing.T) {
	if os.Getenv("TRANSFERBOT_SERVE_CHILD") != "" {
		t.Skip("this is the child")
	}
	const chats, base = 300, 7_000_000
	tg := telegramtest.New(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	cfgPath := filepath.Join(dir, "config.yaml")
	// 100 messages a second: the fan-out takes about three seconds
	cfg := fmt.Sprintf("database: %s\ndemo: false\ntelegram:\n  api_url: %s\n  poll_timeout: 1s\n  limits: {global: 100}\n", db, tg.URL)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	// The news and its 300 deliveries, written as a feed poll would.
	c := DefaultConfig()
	c.Database, c.Demo = db, false
	m := &Main{Config: c}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := range chats {
		err := m.engine.Subscribe(context.Background(), rumours.Subscription{Platform: "telegram", Channel: strconv.Itoa(base + i), Kind: rumours.KindPlayer, Target: "Erling Haaland"})
		if err != nil {
			t.Fatal(err)
		}
	}
	news := rumours.Article{ID: "n1", GUID: "test n1", URL: "https://news.example/n1", Outlet: "Sky Sports",
		Published: time.Now().Add(-time.Hour), Text: "Juventus have agreed a fee with Borussia Dortmund for Erling Haaland, Sky Sports reports."}
	if res, errs := m.engine.IngestNews(context.Background(), []rumours.Article{news}, []bool{true}); errs[0] != nil || len(res[0].Alerts) != 1 {
		t.Fatalf("ingest: %v, %d alerts", errs[0], len(res[0].Alerts))
	}
	m.Close()

	delivered := func() map[int64]int {
		got := map[int64]int{}
		for _, r := range tg.Calls("sendMessage") {
			if r.OK() && r.ChatID() >= base && r.ChatID() < base+chats {
				got[r.ChatID()]++
			}
		}
		return got
	}
	total := func(got map[int64]int) int {
		n := 0
		for _, k := range got {
			n += k
		}
		return n
	}
	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
		cmd.Env = append(os.Environ(), "TRANSFERBOT_SERVE_CHILD="+cfgPath, "TRANSFERBOT_TELEGRAM_TOKEN="+tg.Token)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}

	first := start()
	waitUntil(t, "a third of the fan-out", func() bool { return total(delivered()) >= chats/3 })
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	before := total(delivered())

	second := start()
	waitUntil(t, "every chat", func() bool { return len(delivered()) == chats })
	second.Process.Signal(syscall.SIGTERM)
	if err := second.Wait(); err != nil {
		t.Errorf("the restarted bot exited with %v after SIGTERM", err)
	}

	got := delivered()
	repeats := total(got) - chats
	t.Logf("killed after %d messages; %d repeated after the restart", before, repeats)
	if repeats < 0 || repeats > 64 {
		t.Errorf("%d messages repeated, want at most the 64 a dispatcher has in flight", repeats)
	}
	for chat, n := range got {
		if n > 2 {
			t.Errorf("chat %d got the alert %d times", chat, n)
		}
	}
}

// TestServeChild is the bot process that TestKilledMidFanOut kills: it
// runs `transferbot -config FILE serve` until killed or SIGTERM.
func TestServeChild(t *testing.T) {
	cfgPath := os.Getenv("TRANSFERBOT_SERVE_CHILD")
	if cfgPath == "" {
		t.Skip("run by TestKilledMidFanOut")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	var out strings.Builder
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: os.Stderr, getenv: os.Getenv}
	if code := c.run(ctx, []string{"-config", cfgPath, "serve"}); code != 0 {
		t.Fatalf("transferbot serve exited %d", code)
	}
}

// TestSecondProcessRefuses: a bot in another process holds the database;
// `run` here exits 1 naming that process's pid, and starts once it is gone
// (killed: the OS drops its lock, nothing stale is left).
func TestSecondProcessRefuses(t *testing.T) {
	if os.Getenv("TRANSFERBOT_SERVE_CHILD") != "" {
		t.Skip("this is the child")
	}
	tg := telegramtest.New(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	cfgPath := filepath.Join(dir, "config.yaml")
	cfg := fmt.Sprintf("database: %s\ndemo: false\ntelegram:\n  api_url: %s\n  poll_timeout: 1s\n", db, tg.URL)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	child.Env = append(os.Environ(), "TRANSFERBOT_SERVE_CHILD="+cfgPath, "TRANSFERBOT_TELEGRAM_TOKEN="+tg.Token)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		child.Process.Signal(syscall.SIGKILL)
		child.Wait()
	}()
	waitUntil(t, "the first bot to poll Telegram", func() bool { return len(tg.Calls("getUpdates")) > 0 })

	code, _, stderr := runCLI(t, dir, "", "-db", db, "run")
	if want := fmt.Sprintf("(pid %d on ", child.Process.Pid); code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "already serves "+db) {
		t.Errorf("run beside the bot in pid %d: exit %d, stderr %q; want exit 1 naming it", child.Process.Pid, code, stderr)
	}
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	if code, _, stderr := runCLI(t, dir, "", "-db", db, "run"); code != 0 {
		t.Errorf("run after the first bot was killed: exit %d, stderr %q", code, stderr)
	}
}
