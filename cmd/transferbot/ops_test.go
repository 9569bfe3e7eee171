package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferbot/bot/telegram/telegramtest"
)

// TestOpsListener runs the bot with ops.listen against the fake Bot API:
// a question from a chat shows in /metrics (the update handled, the
// answer's latency, the adapter connected), and /healthz says healthy.
func TestOpsListener(t *testing.T) {
	api := telegramtest.New(t)
	addr := freeAddr(t)
	env := map[string]string{
		"TRANSFERBOT_DATABASE":         filepath.Join(t.TempDir(), "bot.db"),
		"TRANSFERBOT_TELEGRAM_TOKEN":   api.Token,
		"TRANSFERBOT_TELEGRAM_API_URL": api.URL,
		"TRANSFERBOT_OPS_LISTEN":       addr,
	}
	var stderr bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(k string) string { return env[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- c.run(ctx, nil) }()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("transferbot exited %d:\n%s", code, stderr.String())
		}
	}()

	fan := telegramtest.PrivateChat(1001)
	api.Push(api.Text(fan, telegramtest.User(1001), "/help"))
	api.WaitFor(t, "the answer", func(reqs []*telegramtest.Request) bool {
		for _, r := range reqs {
			if r.Method == "sendMessage" && r.ChatID() == 1001 && r.OK() {
				return true
			}
		}
		return false
	})

	// The counter moves once the update's handling returns, just after the
	// answer was sent: poll for it.
	var metrics string
	want := []string{
		`transferbot_updates_handled_total{kind="message",platform="telegram"} 1`,
		`transferbot_answer_seconds_count{platform="telegram"} 1`,
		`transferbot_connected{platform="telegram"} 1`,
		`go_goroutines `,
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var status int
		status, metrics = get(t, "http://"+addr+"/metrics")
		if status == http.StatusOK && containsAll(metrics, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/metrics (%d) lacks some of %q:\n%s", status, want, metrics)
		}
		time.Sleep(20 * time.Millisecond)
	}
	status, health := get(t, "http://"+addr+"/healthz")
	if status != http.StatusOK || !strings.Contains(health, `"telegram": true`) || !strings.Contains(health, `"healthy": true`) {
		t.Errorf("/healthz = %d:\n%s", status, health)
	}
	if strings.Contains(metrics, api.Token) || strings.Contains(health, api.Token) {
		t.Errorf("the ops listener shows the token")
	}
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// get fetches url, waiting for the listener to come up.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	var err error
	for range 200 {
		var resp *http.Response
		if resp, err = http.Get(url); err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp.StatusCode, string(body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("GET %s: %v", url, err)
	return 0, ""
}

func containsAll(s string, subs []string) bool {
	for _, w := range subs {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
