package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// TestHTTPSignatures: only requests signed with the application's key are
// answered; a tampered body, a wrong key, a missing or malformed signature
// get 401 and reach nothing.
func TestHTTPSignatures(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	url := h.httpEndpoint()
	body := h.interaction(command("help", 0)).JSON()
	_, otherKey, _ := ed25519.GenerateKey(nil)

	tests := []struct {
		name   string
		sign   func(r *http.Request)
		body   []byte
		status int
	}{
		{"signed", func(r *http.Request) { discordtest.Sign(r.Header, h.key, body) }, body, 200},
		{"tampered body", func(r *http.Request) { discordtest.Sign(r.Header, h.key, body) },
			bytes.Replace(body, []byte(`"help"`), []byte(`"sources"`), 1), 401},
		{"other key", func(r *http.Request) { discordtest.Sign(r.Header, otherKey, body) }, body, 401},
		{"no signature", func(r *http.Request) {}, body, 401},
		{"no timestamp", func(r *http.Request) {
			discordtest.Sign(r.Header, h.key, body)
			r.Header.Del("X-Signature-Timestamp")
		}, body, 401},
		{"other timestamp", func(r *http.Request) {
			discordtest.Sign(r.Header, h.key, body)
			r.Header.Set("X-Signature-Timestamp", "1")
		}, body, 401},
		{"signature not hex", func(r *http.Request) {
			discordtest.Sign(r.Header, h.key, body)
			r.Header.Set("X-Signature-Ed25519", "zz"+r.Header.Get("X-Signature-Ed25519")[2:])
		}, body, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(tc.body))
			tc.sign(req)
			status, resp := do(t, req)
			if status != tc.status {
				t.Fatalf("status = %d (%s), want %d", status, resp, tc.status)
			}
			if status == 200 {
				r := decodeResponse(t, resp)
				if r.Type != 4 || len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != "What I can do" {
					t.Errorf("answer = %s, want the help embed", resp)
				}
			}
		})
	}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if status, _ := do(t, req); status != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", status)
	}
	if n := len(h.fake.Requests()); n != 0 {
		t.Errorf("fake Discord got %d requests; answers go in the response body", n)
	}
}

// TestHTTPInteractions: PING is answered PONG; answers without files come
// in the response body; a where answer (chart attached) is deferred in the
// body and then edits the original message through the webhook, chart
// attached; autocomplete answers in the body.
func TestHTTPInteractions(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	url := h.httpEndpoint()

	status, body := h.postSigned(url, []byte(`{"id":"1","application_id":"999","type":1,"token":"t","version":1}`))
	if status != 200 || strings.TrimSpace(string(body)) != `{"type":1}` {
		t.Errorf("PING: %d %s, want 200 {\"type\":1}", status, body)
	}

	in := h.interaction(command("where", 0, opt("player", "Sergio Ramos")))
	status, body = h.postSigned(url, in.JSON())
	if r := decodeResponse(t, body); status != 200 || r.Type != 5 || r.Data.Flags != 0 {
		t.Fatalf("where: %d %s, want a public deferral", status, body)
	}
	edit := h.fake.WaitRequest(discordtest.Match("PATCH", "/webhooks/"+appID+"/"+in.Token+"/messages/@original"))
	checkWhereSergioRamos(t, decodeMessage(t, edit.Payload), edit.Files)

	in = h.interaction(command("subscribe", discordtest.PermSendMessages, opt("player", "Sergio Ramos")))
	status, body = h.postSigned(url, in.JSON())
	if r := decodeResponse(t, body); status != 200 || r.Type != 4 || r.Data.Flags != 64 || !strings.Contains(r.Data.Content, "Only admins") {
		t.Errorf("subscribe without Manage Channels: %d %s, want an ephemeral refusal", status, body)
	}

	in = h.interaction(discordtest.Interaction{Type: discordtest.TypeAutocomplete, GuildID: guildID, Command: "where",
		Options: []discordtest.Option{{Name: "player", Value: "mbap", Focused: true}}})
	status, body = h.postSigned(url, in.JSON())
	if r := decodeResponse(t, body); status != 200 || r.Type != 8 || len(r.Data.Choices) == 0 || r.Data.Choices[0].Name != "Kylian Mbappé" {
		t.Errorf("autocomplete: %d %s, want Kylian Mbappé first", status, body)
	}
}

// TestHTTPRun serves the endpoint from Run on a listen address, with no
// gateway session, and shuts it down when the context ends.
func TestHTTPRun(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	h := newHarness(t, discord.Options{InteractionsListen: addr})
	stop := h.run(h.dc)
	h.fake.WaitRequest(discordtest.Match("PUT", "/applications/"+appID+"/commands"))

	// The listener comes up right after the registration; poll until it
	// accepts connections.
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	status, body := h.postSigned("http://"+addr+"/", h.interaction(command("sources", 0)).JSON())
	if r := decodeResponse(t, body); status != 200 || r.Type != 4 || len(r.Data.Embeds) == 0 {
		t.Errorf("sources: %d %s", status, body)
	}
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if h.fake.Connections() != 0 || len(h.fake.Identifies()) != 0 {
		t.Errorf("a gateway session was opened in HTTP mode")
	}
	if _, err := http.Post("http://"+addr+"/", "application/json", nil); err == nil {
		t.Errorf("endpoint still serving after Run returned")
	}
}

// TestAPIErrorTokenRefused: a 401 answer, and only that, is Discord
// refusing the token.
func TestAPIErrorTokenRefused(t *testing.T) {
	for status, want := range map[int]bool{401: true, 403: false, 404: false, 500: false} {
		err := fmt.Errorf("discord: wrapped: %w", &discord.APIError{Route: "GET /gateway/bot", Status: status})
		if got := errors.Is(err, discord.ErrTokenRefused); got != want {
			t.Errorf("status %d: errors.Is(err, ErrTokenRefused) = %t, want %t", status, got, want)
		}
	}
}
