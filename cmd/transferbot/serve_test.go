package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferbot/bot/discord/discordtest"
	"transferbot/bot/telegram/telegramtest"
	"transferbot/rumours/demo"
)

// TestServe runs the whole bot, as `transferbot` runs it with a Telegram
// and a Discord token, against a fake Bot API and a fake Discord: both
// answer from the one store, a Telegram chat that blocked the bot has its
// subscriptions paused, and `transferbot subscriptions` shows it.
func TestServe(t *testing.T) {
	api := telegramtest.New(t)
	dc := discordtest.New(t)
	db := filepath.Join(t.TempDir(), "bot.db")
	env := map[string]string{
		"TRANSFERBOT_DATABASE":               db,
		"TRANSFERBOT_TELEGRAM_TOKEN":         api.Token,
		"TRANSFERBOT_TELEGRAM_API_URL":       api.URL,
		"TRANSFERBOT_DISCORD_TOKEN":          "discord-test-token",
		"TRANSFERBOT_DISCORD_APPLICATION_ID": "1100000000000000001",
		"TRANSFERBOT_DISCORD_API_URL":        dc.URL,
	}
	getenv := func(k string) string { return env[k] }
	var stderr bytes.Buffer
	// The news it serves: the demo articles, ingested as any articles are
	// (the demo itself never runs on a served database).
	ingest := &cli{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: getenv}
	// The demo's sagas ended years ago; today's news reopens one.
	today := filepath.Join(t.TempDir(), "today.txt")
	news := " date " + time.Now().UTC().Format("2006-01-02") + " \nInter Miami are in talks with Sergio Ramos over a one-year deal, reports AS.\n"
	if err := os.WriteFile(today, []byte(news), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := ingest.run(context.Background(), []string{"ingest", demoFiles(t), today}); code != 0 {
		t.Fatalf("transferbot ingest exited %d:\n%s", code, stderr.String())
	}
	c := &cli{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: getenv}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- c.run(ctx, nil) }()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			if code := <-done; code != 0 {
				t.Errorf("transferbot exited %d:\n%s", code, stderr.String())
			}
		}
	}
	defer stop()

	fan := telegramtest.PrivateChat(1001)
	api.Push(api.Text(fan, telegramtest.User(1001), "where is Sergio Ramos heading?"))
	api.Push(api.Text(fan, telegramtest.User(1001), "/subscribe Sergio Ramos"))
	answered := func(text string) func([]*telegramtest.Request) bool {
		return func(reqs []*telegramtest.Request) bool {
			for _, r := range reqs {
				if (r.Method == "sendMessage" || r.Method == "sendPhoto") && r.ChatID() == 1001 && r.OK() &&
					strings.Contains(r.Params.Get("text")+r.Params.Get("caption"), text) {
					return true
				}
			}
			return false
		}
	}
	api.WaitFor(t, "the where answer", answered("Inter Miami"))
	api.WaitFor(t, "the subscription", answered("Sergio Ramos"))

	// Discord: /where player:Sergio Ramos in a server channel.
	dc.WaitIdentified(1)
	in := discordtest.Interaction{Type: discordtest.TypeCommand, AppID: "1100000000000000001", GuildID: "2200000000000000002",
		ChannelID: "3300000000000000003", UserID: "4400000000000000004", Command: "where",
		Options: []discordtest.Option{{Name: "player", Value: "Sergio Ramos"}}}.WithDefaults()
	dc.Dispatch("INTERACTION_CREATE", in.JSON())
	cb := dc.WaitRequest(discordtest.Match("POST", "/interactions/"+in.ID+"/"+in.Token+"/callback"))
	if !strings.Contains(string(cb.Payload), "Inter Miami") || len(cb.Files) != 1 {
		t.Errorf("Discord answer: %d files, payload %s; want the chart and Inter Miami", len(cb.Files), cb.Payload)
	}

	// The fan blocks the bot; the next reply is refused with 403.
	api.Block(1001)
	api.Push(api.Text(fan, telegramtest.User(1001), "/subscriptions"))
	api.WaitFor(t, "a refused reply", func(reqs []*telegramtest.Request) bool {
		for _, r := range reqs {
			if r.ChatID() == 1001 && r.Code == 403 {
				return true
			}
		}
		return false
	})
	stop()

	var out bytes.Buffer
	list := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &stderr, getenv: getenv}
	if code := list.run(context.Background(), []string{"subscriptions"}); code != 0 {
		t.Fatalf("transferbot subscriptions exited %d:\n%s", code, stderr.String())
	}
	if want := "telegram 1001: player Sergio Ramos (any stage, paused since " + time.Now().UTC().Format("2006-01-02"); !strings.Contains(out.String(), want) ||
		!strings.Contains(out.String(), "Telegram refused delivery") {
		t.Errorf("transferbot subscriptions:\n%s\nwant a line %q", out.String(), want)
	}
	if strings.Contains(stderr.String(), api.Token) || strings.Contains(stderr.String(), "discord-test-token") {
		t.Errorf("the log shows the token:\n%s", stderr.String())
	}
	for _, p := range []string{"telegram", "discord"} {
		if strings.Contains(stderr.String(), "platform="+p+" platform="+p) || !strings.Contains(stderr.String(), "platform="+p) {
			t.Errorf("log lines should carry platform=%s once:\n%s", p, stderr.String())
		}
	}
}

// demoFiles writes the demo articles into a temporary directory, as seed
// files, and returns it.
func demoFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, demo.Files()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRefusedToken: a token the platform refuses stops the bot at start
// with an error that says so and names the key to check, never the token.
func TestRefusedToken(t *testing.T) {
	tests := []struct {
		name  string
		env   func(t *testing.T) map[string]string
		token string
		want  string
	}{
		{"telegram", func(t *testing.T) map[string]string {
			api := telegramtest.New(t)
			return map[string]string{"TRANSFERBOT_TELEGRAM_TOKEN": "123:revoked", "TRANSFERBOT_TELEGRAM_API_URL": api.URL}
		}, "123:revoked", "telegram: the Bot API refused the token (check telegram.token)"},
		{"discord", func(t *testing.T) map[string]string {
			dc := discordtest.New(t)
			dc.Script("PUT", "/applications/.*/commands", discordtest.Error(401, 0, "401: Unauthorized"))
			dc.Script("GET", "/gateway/bot", discordtest.Error(401, 0, "401: Unauthorized"))
			return map[string]string{"TRANSFERBOT_DISCORD_TOKEN": "revoked-discord-token",
				"TRANSFERBOT_DISCORD_APPLICATION_ID": "1100000000000000001", "TRANSFERBOT_DISCORD_API_URL": dc.URL}
		}, "revoked-discord-token", "discord: Discord refused the token (check discord.token)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := tt.env(t)
			env["TRANSFERBOT_DATABASE"] = filepath.Join(t.TempDir(), "bot.db")
			var stderr bytes.Buffer
			c := &cli{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(k string) string { return env[k] }}
			if code := c.run(context.Background(), nil); code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr.String())
			}
			if strings.Contains(stderr.String(), tt.token) {
				t.Errorf("stderr shows the token:\n%s", stderr.String())
			}
		})
	}
}
