package discord

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name   string
		header map[string]string
		body   string
		wait   time.Duration
		global bool
	}{
		{"body, route", map[string]string{"Retry-After": "1"}, `{"retry_after": 0.25, "global": false}`, 250 * time.Millisecond, false},
		{"body global", nil, `{"retry_after": 2.5, "global": true}`, 2500 * time.Millisecond, true},
		{"header global", map[string]string{"X-RateLimit-Global": "true"}, `{"retry_after": 1}`, time.Second, true},
		{"scope global", map[string]string{"X-RateLimit-Scope": "global"}, `{"retry_after": 1}`, time.Second, true},
		{"shared scope is per route", map[string]string{"X-RateLimit-Scope": "shared"}, `{"retry_after": 3}`, 3 * time.Second, false},
		{"Retry-After header only (Cloudflare)", map[string]string{"Retry-After": "7"}, `<html>`, 7 * time.Second, false},
		{"nothing", nil, ``, time.Second, false},
		{"capped", nil, `{"retry_after": 1e9}`, time.Hour, false},
	}
	for _, tc := range tests {
		h := http.Header{}
		for k, v := range tc.header {
			h.Set(k, v)
		}
		wait, global := retryAfter(h, []byte(tc.body))
		if wait != tc.wait || global != tc.global {
			t.Errorf("%s: %v, %v; want %v, %v", tc.name, wait, global, tc.wait, tc.global)
		}
	}
}

// TestTransportRewrite: requests discordgo builds for discord.com go to the
// configured API URL; other URLs are left alone.
func TestTransportRewrite(t *testing.T) {
	got := make(chan string, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Path
		io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	api, _ := url.Parse(srv.URL + "/proxy/api/v10")
	c := &http.Client{Transport: newTransport(nil, api, 100, time.Millisecond, slog.New(slog.DiscardHandler))}
	resp, err := c.Get(discordgo.EndpointGateway)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if p := <-got; p != "/proxy/api/v10/gateway" {
		t.Errorf("path = %q, want /proxy/api/v10/gateway", p)
	}
	resp, err = c.Get(srv.URL + "/elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if p := <-got; p != "/elsewhere" {
		t.Errorf("path = %q", p)
	}
}

// TestBucketsAreDropped: the per-interaction buckets of interaction routes
// do not accumulate.
func TestBucketsAreDropped(t *testing.T) {
	api, _ := url.Parse("http://127.0.0.1:9/api/v10")
	tr := newTransport(nil, api, 100, time.Millisecond, slog.New(slog.DiscardHandler))
	h := http.Header{}
	h.Set("X-RateLimit-Remaining", "4")
	h.Set("X-RateLimit-Reset-After", "0")
	for i := range 10 * maxBuckets {
		tr.update(fmt.Sprintf("POST /interactions/%d/tok/callback", i), h)
	}
	if n := len(tr.buckets); n > maxBuckets {
		t.Errorf("%d buckets kept", n)
	}
}
