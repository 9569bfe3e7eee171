package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"transferbot/bot/discord/discordtest"
	"transferbot/bot/telegram/telegramtest"
	"transferbot/rumours"
	"transferbot/rumours/feed"
)

// newsFeed is a local RSS feed whose items a test changes between polls.
type newsFeed struct {
	mu    sync.Mutex
	items []string // RSS <item> elements, newest first
	polls int
}

func (f *newsFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.polls++
	etag := fmt.Sprintf(`"v%d"`, len(f.items))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Sports</title><link>https://news.example/</link>%s</channel></rss>`,
		strings.Join(f.items, ""))
}

// publish adds an item at the top of the feed.
func (f *newsFeed) publish(id string, date time.Time, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	item := fmt.Sprintf(`<item><title>%s</title><link>https://news.example/%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>`,
		html.EscapeString(text), id, id, date.Format(time.RFC1123Z), html.EscapeString("<p>"+text+"</p>"))
	f.items = append([]string{item}, f.items...)
}

func (f *newsFeed) pollCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.polls
}

// waitUntil polls cond until it holds, failing the test after a minute.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAlertsEndToEnd runs the whole bot with a local feed, a fake Telegram
// and a fake Discord: a new article makes every channel that follows the
// player or his new club receive exactly one alert, repeated polls and a
// restart send nothing again, and the alert carries the facts and an
// unsubscribe button.
func TestAlertsEndToEnd(t *testing.T) {
	tg := telegramtest.New(t)
	dc := discordtest.New(t)
	news := &newsFeed{}
	feedSrv := httptest.NewServer(news)
	defer feedSrv.Close()
	news.publish("n1", time.Date(2021, 4, 1, 9, 0, 0, 0, time.UTC),
		"Chelsea have opened talks with Borussia Dortmund over Erling Haaland, Sky Sports reports.")

	cfg := DefaultConfig()
	cfg.Database = filepath.Join(t.TempDir(), "bot.db")
	cfg.Telegram.Token = Secret(tg.Token)
	cfg.Telegram.APIURL = tg.URL
	cfg.Discord.Token = "discord-test-token"
	cfg.Discord.ApplicationID = "1100000000000000001"
	cfg.Discord.APIURL = dc.URL
	cfg.Feeds = []FeedConfig{{URL: feedSrv.URL + "/rss", Outlet: "Test Sports", Tier: 2, Interval: 200 * time.Millisecond, AllowPrivate: true}}
	logs := &syncWriter{w: &bytes.Buffer{}}
	start := func() (stop func()) {
		m := &Main{Config: cfg, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Logger: slog.New(slog.NewTextHandler(logs, nil))}
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- m.Run(ctx) }()
		return func() {
			cancel()
			if err := <-done; err != nil && err != context.Canceled {
				t.Errorf("Run: %v", err)
			}
			m.Close()
		}
	}

	// Followers: a Telegram fan of the player (subscribing by chat), a
	// Discord channel following the club he is about to agree with, and one
	// following the club he leaves.
	stop := start()
	fan := telegramtest.PrivateChat(1001)
	tg.Push(tg.Text(fan, telegramtest.User(1001), "/subscribe Erling Haaland"))
	sentTo := func(chat int64, text string) int {
		n := 0
		for _, r := range tg.Requests() {
			if r.Method == "sendMessage" && r.ChatID() == chat && r.OK() && strings.Contains(r.Params.Get("text"), text) {
				n++
			}
		}
		return n
	}
	waitUntil(t, "the subscription", func() bool { return sentTo(1001, "Erling Haaland") > 0 })
	subscribeDirect(t, cfg, "discord", "3300000000000000003", rumours.KindClub, "Juventus")
	subscribeDirect(t, cfg, "discord", "3300000000000000004", rumours.KindClub, "Borussia Dortmund")
	subscribeDirect(t, cfg, "discord", "3300000000000000005", rumours.KindClub, "Arsenal") // not concerned

	// the first poll reads the back catalogue: no alert for it
	waitUntil(t, "the first polls", func() bool { return news.pollCount() >= 2 })
	news.publish("n2", time.Date(2021, 4, 4, 9, 0, 0, 0, time.UTC),
		"Juventus have agreed a fee with Borussia Dortmund for Erling Haaland, Sky Sports reports.")

	discordPosts := func(channel string) int {
		return dc.Count(discordtest.Match("POST", "/channels/"+channel+"/messages"))
	}
	waitUntil(t, "the alerts", func() bool {
		return sentTo(1001, "Juventus") > 0 && discordPosts("3300000000000000003") > 0 && discordPosts("3300000000000000004") > 0
	})
	// a few more polls and dispatches change nothing
	polls := news.pollCount()
	waitUntil(t, "more polls", func() bool { return news.pollCount() >= polls+3 })
	stop()

	// restart: the feed is unchanged, nothing is sent again
	stop = start()
	polls = news.pollCount()
	waitUntil(t, "polls after the restart", func() bool { return news.pollCount() >= polls+3 })
	stop()

	if n := sentTo(1001, "Juventus"); n != 1 {
		t.Errorf("the Telegram fan got %d alerts about Juventus, want 1", n)
	}
	if n := sentTo(1001, "Ranking now"); n != 1 {
		t.Errorf("the Telegram fan got %d alerts, want 1 (none for the back catalogue)", n)
	}
	for _, ch := range []string{"3300000000000000003", "3300000000000000004"} {
		if n := discordPosts(ch); n != 1 {
			t.Errorf("Discord channel %s got %d alerts, want 1", ch, n)
		}
	}
	if n := discordPosts("3300000000000000005"); n != 0 {
		t.Errorf("a channel following Arsenal got %d alerts", n)
	}
	// the alert's content, as Telegram shows it
	for _, r := range tg.Requests() {
		if r.Method != "sendMessage" || r.ChatID() != 1001 || !strings.Contains(r.Params.Get("text"), "Juventus") {
			continue
		}
		text := r.Params.Get("text")
		for _, want := range []string{"Erling Haaland", "Juventus", "agreed", "Sky Sports", "4 Apr 2021", "agreed a fee", "https://news.example/n2", "Ranking now"} {
			if !strings.Contains(text, want) {
				t.Errorf("alert text lacks %q:\n%s", want, text)
			}
		}
		if labels, _ := r.Buttons(); len(labels) != 1 || !strings.Contains(labels[0], "Unsubscribe") {
			t.Errorf("alert buttons %q, want one Unsubscribe", labels)
		}
	}
	if strings.Contains(logs.String(), tg.Token) {
		t.Errorf("the log shows the Telegram token")
	}
}

// subscribeDirect subscribes a channel through a second store handle, as
// another process (the CLI) would.
func subscribeDirect(t *testing.T, cfg Config, platform, channel string, kind rumours.SubjectKind, target string) {
	t.Helper()
	m := &Main{Config: cfg}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	err := m.engine.Subscribe(context.Background(), rumours.Subscription{Platform: platform, Channel: channel, Kind: kind, Target: target})
	if err != nil {
		t.Fatal(err)
	}
}

// syncWriter makes a writer safe for concurrent log lines.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

// TestDefaultRunShowsAlerts runs the bot as `transferbot` does with no
// configuration, with a fast demo feed: the console, which follows Romelu
// Lukaku and Paris Saint-Germain, is shown the alert of Sergio Ramos joining them, once, in
// between answers to the user.
func TestDefaultRunShowsAlerts(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Database = filepath.Join(t.TempDir(), "bot.db")
	in, userTypes := io.Pipe()
	out := &syncWriter{w: &bytes.Buffer{}}
	m := &Main{Config: cfg, Stdin: in, Stdout: out, Interactive: true, DemoFeed: 300 * time.Millisecond}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	done := make(chan error, 1)
	go func() { done <- m.Run(context.Background()) }()
	shown := func(s string) func() bool {
		return func() bool { return strings.Count(out.String(), s) > 0 }
	}
	waitUntil(t, "the greeting", shown("This chat follows Paris Saint-Germain and Romelu Lukaku"))
	fmt.Fprintln(userTypes, "where is Sergio Ramos heading?")
	const alert = "Done deal: Sergio Ramos joins Paris Saint-Germain"
	waitUntil(t, "the alert", shown(alert))
	// his medical is news, not a done deal (a 2014 move in the story is history)
	waitUntil(t, "Lukaku's alert", shown("Romelu Lukaku to Chelsea"))
	fmt.Fprintln(userTypes, "subscriptions")
	waitUntil(t, "the subscriptions", shown("This channel follows"))
	userTypes.Close()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := strings.Count(out.String(), alert); n != 1 {
		t.Errorf("the alert was shown %d times, want 1:\n%s", n, out.String())
	}
	if strings.Contains(out.String(), "Done deal: Romelu Lukaku") {
		t.Errorf("Lukaku's medical was shown as a done deal:\n%s", out.String())
	}
}

// TestFeedsCommand runs the bot with two feeds, one of them failing, then
// `transferbot feeds`: it shows each feed's state and counts, and no query
// string (which may hold a key).
func TestFeedsCommand(t *testing.T) {
	news := &newsFeed{}
	news.publish("n1", time.Date(2021, 4, 1, 9, 0, 0, 0, time.UTC),
		"Chelsea have opened talks with Borussia Dortmund over Erling Haaland, Sky Sports reports.")
	good := httptest.NewServer(news)
	defer good.Close()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer bad.Close()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf(`database: %s
feeds:
  - {url: "%s/rss?key=s3cret", outlet: Test Sports, tier: 2, allow_private: true}
  - {url: "%s/broken.xml", allow_private: true}
`, filepath.Join(dir, "bot.db"), good.URL, bad.URL)
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(ctx context.Context, args ...string) string {
		var out, errs bytes.Buffer
		c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(string) string { return "" }}
		if code := c.run(ctx, append([]string{"-config", cfgPath}, args...)); code != 0 {
			t.Fatalf("transferbot %s exited %d:\n%s", strings.Join(args, " "), code, errs.String())
		}
		return out.String()
	}
	before := run(context.Background(), "feeds")
	if strings.Count(before, "status: not polled yet") != 2 {
		t.Errorf("before any poll:\n%s", before)
	}

	// serve until both feeds were polled once (the console ends at once
	// with empty input, so run the serve command under a context)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan string, 1)
	in, keepOpen := io.Pipe()
	defer keepOpen.Close()
	go func() {
		var out, errs bytes.Buffer
		c := &cli{stdin: in, stdout: &out, stderr: &errs, getenv: func(string) string { return "" }}
		c.run(ctx, []string{"-config", cfgPath, "serve"})
		done <- errs.String()
	}()
	waitUntil(t, "the first poll", func() bool { return news.pollCount() >= 1 })
	waitUntil(t, "both statuses", func() bool {
		return !strings.Contains(run(context.Background(), "feeds"), "not polled yet")
	})
	cancel()
	<-done

	out := run(context.Background(), "feeds")
	for _, want := range []string{
		good.URL + "/rss?key=REDACTED\n  outlet Test Sports, tier 2, every 10m0s, fetch article false, allow private true\n  status: ok",
		"items seen 1, articles stored 1, links found 1, alerts 0",
		bad.URL + "/broken.xml\n  outlet (feed title), tier outlet table, every 10m0s, fetch article false, allow private true\n  status: failing (1 in a row):",
		"500",
		"alert deliveries: 0 pending, 0 sent, 0 dropped",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transferbot feeds lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "s3cret") {
		t.Errorf("transferbot feeds shows the feed's key:\n%s", out)
	}
}

// TestFeedOnPrivateAddressNeedsAllowPrivate: a feed on loopback without
// feeds[].allow_private is refused when the bot starts, before any request
// reaches it.
func TestFeedOnPrivateAddressNeedsAllowPrivate(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	cfg := DefaultConfig()
	cfg.Demo = false
	cfg.Database = filepath.Join(t.TempDir(), "bot.db")
	cfg.Feeds = []FeedConfig{{URL: srv.URL + "/rss", Interval: time.Minute}}
	m := &Main{Config: cfg, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Logger: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Run(context.Background()); !errors.Is(err, feed.ErrNonPublic) {
		t.Errorf("Run: %v, want a refusal of the feed's address", err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the feed got %d requests", n)
	}
}
