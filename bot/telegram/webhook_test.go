package telegram

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"transferbot/bot"
)

// startWebhook runs the harness's adapter in webhook mode, its handler
// served by an httptest server at the registered URL.
func startWebhook(t *testing.T, secret string) *harness {
	t.Helper()
	var handler atomic.Pointer[http.Handler]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*handler.Load()).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	h := newHarness(t, func(o *Options) {
		o.WebhookURL = srv.URL + "/telegram"
		o.WebhookSecret = bot.Secret(secret)
	})
	hh := h.tg.WebhookHandler()
	handler.Store(&hh)
	h.start()
	h.api.WaitCalls(t, "setWebhook", 1)
	return h
}

func TestWebhookAnswersAndRegistersItsSecret(t *testing.T) {
	h := startWebhook(t, "s3cret_token-1")
	wh := h.api.Webhook()
	if !strings.HasSuffix(wh.URL, "/telegram") || wh.Secret != "s3cret_token-1" {
		t.Errorf("registered webhook = %+v", wh)
	}
	if strings.Join(wh.AllowedUpdates, ",") != "message,callback_query,my_chat_member" {
		t.Errorf("allowed_updates = %q", wh.AllowedUpdates)
	}
	if n := len(h.api.Calls("getUpdates")); n != 0 {
		t.Errorf("%d getUpdates calls in webhook mode", n)
	}

	status, err := h.api.Deliver(context.Background(), h.api.Text(private(alice), alice, "where is Sergio Ramos heading?"))
	if err != nil || status != http.StatusOK {
		t.Fatalf("delivery: %d, %v", status, err)
	}
	msgs := h.sent(alice.ID, 2)
	if !strings.Contains(shown(msgs[1]), "Inter Miami") {
		t.Errorf("answer = %q", shown(msgs[1]))
	}

	// Telegram delivering the same update again is answered once.
	u := h.api.Text(private(bob), bob, "/help")
	u.UpdateID = h.api.NextUpdateID()
	for range 2 {
		if status, err := h.api.Deliver(context.Background(), u); err != nil || status != http.StatusOK {
			t.Fatalf("delivery: %d, %v", status, err)
		}
	}
	h.stop()
	if n := len(sends(h.api.Requests(), bob.ID)); n != 1 {
		t.Errorf("a redelivered update was answered %d times", n)
	}
}

func TestWebhookRejectsWrongSecretAndBadBodies(t *testing.T) {
	h := startWebhook(t, "right_secret")
	good, err := json.Marshal(h.api.Text(private(alice), alice, "/help"))
	if err != nil {
		t.Fatal(err)
	}
	// Text leaves update_id 0; give it one.
	good = []byte(strings.Replace(string(good), `"update_id":0`, `"update_id":424242`, 1))
	cases := []struct {
		name   string
		body   string
		secret string
		want   int
	}{
		{"wrong secret", string(good), "wrong_secret", http.StatusUnauthorized},
		{"no secret", string(good), "", http.StatusUnauthorized},
		{"secret with a suffix", string(good), "right_secret_", http.StatusUnauthorized},
		{"not JSON", "hello", "right_secret", http.StatusBadRequest},
		{"empty", "", "right_secret", http.StatusBadRequest},
		{"no update_id", `{"message": {"text": "hi"}}`, "right_secret", http.StatusBadRequest},
		{"wrong types", `{"update_id": 9, "message": {"chat": "x"}}`, "right_secret", http.StatusBadRequest},
		{"array", `[1, 2]`, "right_secret", http.StatusBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, err := h.api.DeliverRaw(context.Background(), []byte(c.body), c.secret)
			if err != nil || status != c.want {
				t.Errorf("status = %d (%v), want %d", status, err, c.want)
			}
		})
	}
	if !strings.Contains(h.logs.String(), "not an update") {
		t.Errorf("no log line for the bad bodies")
	}
	// Still up, and nothing was answered for the rejected requests.
	status, err := h.api.DeliverRaw(context.Background(), good, "right_secret")
	if err != nil || status != http.StatusOK {
		t.Fatalf("good delivery: %d, %v", status, err)
	}
	h.stop()
	if n := len(sends(h.api.Requests(), alice.ID)); n != 1 {
		t.Errorf("%d answers, want 1 (for the good delivery only)", n)
	}

	req := httptest.NewRequest(http.MethodGet, "/telegram", nil)
	rec := httptest.NewRecorder()
	h.tg.WebhookHandler().ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET = %d, want 405", rec.Code)
	}
}

func TestWebhookWithoutConfiguredSecretUsesARandomOne(t *testing.T) {
	h := startWebhook(t, "")
	secret := h.api.Webhook().Secret
	if len(secret) < 32 {
		t.Fatalf("registered secret %q, want a random one", secret)
	}
	status, _ := h.api.DeliverRaw(context.Background(), []byte(`{"update_id": 1}`), "")
	if status != http.StatusUnauthorized {
		t.Errorf("no secret: %d, want 401", status)
	}
	status, _ = h.api.Deliver(context.Background(), h.api.Text(private(alice), alice, "/help"))
	if status != http.StatusOK {
		t.Errorf("with the secret: %d", status)
	}
	h.sent(alice.ID, 1)
}

func TestWebhookListenServesItself(t *testing.T) {
	h := newHarness(t, func(o *Options) {
		o.WebhookURL = "https://bot.example.org/tg"
		o.WebhookListen = "127.0.0.1:0"
	})
	h.start()
	h.api.WaitCalls(t, "setWebhook", 1)
	h.stop()
	if got := h.api.Webhook().URL; got != "https://bot.example.org/tg" {
		t.Errorf("webhook = %q", got)
	}
	h2 := newHarness(t, func(o *Options) {
		o.WebhookURL = "https://bot.example.org/tg"
		o.WebhookListen = "256.0.0.1:99999"
	})
	if err := h2.tg.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "telegram: webhook") {
		t.Errorf("Run with a bad listen address = %v", err)
	}
}

// TestWebhookUnauthorizedIsLoggedRarely: requests without the secret, which
// anyone who finds the URL can send, make one warning a minute (with their
// count), not one each; the webhook URL's query is logged redacted.
func TestWebhookUnauthorizedIsLoggedRarely(t *testing.T) {
	var handler atomic.Pointer[http.Handler]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*handler.Load()).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	h := newHarness(t, func(o *Options) {
		o.WebhookURL = srv.URL + "/telegram?key=hook-key-123"
		o.WebhookSecret = "right_secret"
	})
	hh := h.tg.WebhookHandler()
	handler.Store(&hh)
	h.start()
	h.api.WaitCalls(t, "setWebhook", 1)
	// the adapter logs the URL once setWebhook's answer is back, which
	// on a busy machine can come after the deliveries below
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(h.logs.String(), "webhook registered"); {
		if time.Now().After(deadline) {
			t.Fatalf("no \"webhook registered\" in the log:\n%s", h.logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	good, _ := json.Marshal(h.api.Text(private(alice), alice, "/help"))
	for range 20 {
		if status, err := h.api.DeliverRaw(context.Background(), good, "wrong"); err != nil || status != http.StatusUnauthorized {
			t.Fatalf("delivery without the secret: %d, %v", status, err)
		}
	}
	h.stop()
	logs := h.logs.String()
	if n := strings.Count(logs, "without the right secret token"); n != 1 {
		t.Errorf("%d warnings for 20 unauthorized requests, want 1:\n%s", n, logs)
	}
	if strings.Contains(logs, "hook-key-123") || !strings.Contains(logs, "key=REDACTED") {
		t.Errorf("the webhook URL's query is not redacted in the log:\n%s", logs)
	}
	if n := strings.Count(logs, "platform=telegram platform=telegram"); n != 0 || !strings.Contains(logs, "platform=telegram") {
		t.Errorf("log lines should carry platform=telegram once:\n%s", logs)
	}
}
