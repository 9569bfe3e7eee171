//go:build unix

package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"transferbot/bot/telegram/telegramtest"
)

var fullKill = flag.Bool("full", false, "run TestKilledWhileAnswering at full size: 1,000 chats, three kills (about two minutes)")

// TestKilledWhileAnswering kills the bot (SIGKILL: no clean shutdown) at
// random moments while it answers one message from each of many chats at
// Telegram's 30 messages a second, starting it again after each kill: every
// chat is answered, and the only repeats are replies that were in flight at
// a kill (sent, not yet marked answered). By default 200 chats and one
// kill; with -full (go test -run TestKilledWhileAnswering -args -full)
// 1,000 chats and three kills.
func TestKilledWhileAnswering(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	chats, kills := 200, 1
	if *fullKill {
		chats, kills = 1000, 3
	}
	const base = 8_000_000
	b := &binary{path: buildBinary(t), dir: t.TempDir()}
	tg := telegramtest.New(t)
	tg.SetRateLimit(30, 30)
	cfgPath := filepath.Join(b.dir, "config.yaml")
	cfg := fmt.Sprintf("database: %s\ndemo: false\ntelegram:\n  api_url: %s\n  poll_timeout: 1s\n",
		filepath.Join(b.dir, "bot.db"), tg.URL)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range chats {
		u := telegramtest.User(int64(base + i))
		tg.Push(tg.Text(telegramtest.PrivateChat(u.ID), u, "/help"))
	}

	answers := func() map[int64]int {
		got := map[int64]int{}
		for _, r := range tg.Calls("sendMessage") {
			if r.OK() && r.ChatID() >= base && r.ChatID() < int64(base+chats) {
				got[r.ChatID()]++
			}
		}
		return got
	}
	var stderr bytes.Buffer
	start := func() func(syscall.Signal) error {
		cmd := b.command([]string{"TRANSFERBOT_TELEGRAM_TOKEN=" + tg.Token}, "", "-config", cfgPath, "serve")
		cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return func(sig syscall.Signal) error {
			cmd.Process.Signal(sig)
			return cmd.Wait()
		}
	}

	// Each kill comes after a random share of the chats still waiting
	// is answered, and a random fraction of a second more.
	var atKill []map[int64]int
	var killedAt []time.Time
	for k := range kills {
		stop := start()
		done := len(answers())
		target := done + (chats-done)*(10+rand.IntN(60))/100
		waitUntil(t, fmt.Sprintf("%d chats answered", target), func() bool { return len(answers()) >= target })
		time.Sleep(time.Duration(rand.IntN(300)) * time.Millisecond)
		stop(syscall.SIGKILL)
		killedAt = append(killedAt, time.Now())
		atKill = append(atKill, answers())
		t.Logf("kill %d: %d of %d chats answered", k+1, len(atKill[k]), chats)
	}
	stop := start()
	waitUntil(t, "every chat answered", func() bool { return len(answers()) == chats })
	if err := stop(syscall.SIGTERM); err != nil {
		t.Errorf("the bot exited with %v after SIGTERM\n%s", err, stderr.String())
	}
	final := answers()

	// A repeat after kill k is a chat answered before it and again after.
	total, worst := 0, 0
	for k, before := range atKill {
		after := final
		if k+1 < len(atKill) {
			after = atKill[k+1]
		}
		repeats := 0
		for chat, n := range before {
			repeats += after[chat] - n
		}
		inFlight := 0 // answers the fake gave in the last 100 ms before the kill
		for _, r := range tg.Calls("sendMessage") {
			if r.OK() && r.Time.Before(killedAt[k]) && killedAt[k].Sub(r.Time) < 100*time.Millisecond {
				inFlight++
			}
		}
		t.Logf("kill %d: %d replies repeated after the restart (%d replies went out in the 100 ms before it)", k+1, repeats, inFlight)
		total += repeats
		worst = max(worst, repeats)
		// Replies in flight: sent and not yet marked answered, which the
		// bot does within a write of the reply (milliseconds), at 30
		// replies a second.
		if repeats > 5 {
			t.Errorf("kill %d: %d replies repeated, want at most the few in flight", k+1, repeats)
		}
	}
	lost := 0
	for i := range chats {
		if final[int64(base+i)] == 0 {
			lost++
		}
	}
	t.Logf("%d chats, %d kills: %d lost, %d repeated in all, %d at worst after one kill; %d sends refused with 429",
		chats, kills, lost, total, worst, tg.RateLimited())
	if lost > 0 {
		t.Errorf("%d chats never answered", lost)
	}
}
