package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// TestHTTPSignatures: only requests signed with the application's key,
// with a timestamp within five minutes of the clock, are answered; a
// tampered body, a wrong key, a missing or malformed signature, a missing,
// malformed, old or future timestamp get 401 and reach nothing.
func TestHTTPSignatures(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	url := h.httpEndpoint()
	_, otherKey, _ := ed25519.GenerateKey(nil)
	at := func(d time.Duration) string { return strconv.FormatInt(time.Now().Add(d).Unix(), 10) }
	signAt := func(ts string) func(*http.Request, []byte) {
		return func(r *http.Request, body []byte) { discordtest.SignAt(r.Header, h.key, body, ts) }
	}

	tests := []struct {
		name   string
		sign   func(r *http.Request, body []byte)
		tamper bool // the body is changed after signing
		status int
	}{
		{"signed", func(r *http.Request, body []byte) { discordtest.Sign(r.Header, h.key, body) }, false, 200},
		{"tampered body", func(r *http.Request, body []byte) { discordtest.Sign(r.Header, h.key, body) }, true, 401},
		{"other key", func(r *http.Request, body []byte) { discordtest.Sign(r.Header, otherKey, body) }, false, 401},
		{"no signature", func(*http.Request, []byte) {}, false, 401},
		{"no timestamp", func(r *http.Request, body []byte) {
			discordtest.Sign(r.Header, h.key, body)
			r.Header.Del("X-Signature-Timestamp")
		}, false, 401},
		{"other timestamp", func(r *http.Request, body []byte) {
			discordtest.Sign(r.Header, h.key, body)
			r.Header.Set("X-Signature-Timestamp", "1")
		}, false, 401},
		{"signature not hex", func(r *http.Request, body []byte) {
			discordtest.Sign(r.Header, h.key, body)
			r.Header.Set("X-Signature-Ed25519", "zz"+r.Header.Get("X-Signature-Ed25519")[2:])
		}, false, 401},
		// validly signed, but the timestamp is wrong
		{"signed empty timestamp", signAt(""), false, 401},
		{"signed timestamp from 2017", signAt("1500000000"), false, 401},
		{"signed timestamp not a number", signAt("not-a-timestamp"), false, 401},
		{"signed timestamp with a sign", signAt("+" + at(0)), false, 401},
		{"signed timestamp in milliseconds", signAt(strconv.FormatInt(time.Now().UnixMilli(), 10)), false, 401},
		{"signed 6 minutes ago", signAt(at(-6 * time.Minute)), false, 401},
		{"signed 6 minutes ahead", signAt(at(6 * time.Minute)), false, 401},
		{"signed 4 minutes ago", signAt(at(-4 * time.Minute)), false, 200},
		{"signed 4 minutes ahead", signAt(at(4 * time.Minute)), false, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := h.interaction(command("help", 0)).JSON() // a fresh interaction id
			req, _ := http.NewRequest(http.MethodPost, url, nil)
			tc.sign(req, body)
			if tc.tamper {
				body = bytes.Replace(body, []byte(`"help"`), []byte(`"sources"`), 1)
			}
			req.Body = io.NopCloser(bytes.NewReader(body))
			req.ContentLength = int64(len(body))
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

// TestHTTPTimestampWindow: Options.TimestampWindow sets how old a signed
// request may be; a negative window is refused.
func TestHTTPTimestampWindow(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{TimestampWindow: time.Minute})
	url := h.httpEndpoint()
	for _, tc := range []struct {
		age    time.Duration
		status int
	}{{30 * time.Second, 200}, {2 * time.Minute, 401}} {
		body := h.interaction(command("help", 0)).JSON()
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		discordtest.SignAt(req.Header, h.key, body, strconv.FormatInt(time.Now().Add(-tc.age).Unix(), 10))
		if status, resp := do(t, req); status != tc.status {
			t.Errorf("signed %v ago: %d (%s), want %d", tc.age, status, resp, tc.status)
		}
	}
	opts := h.opts
	opts.TimestampWindow = -time.Second
	if _, err := discord.New(h.env.Core, opts); err == nil || !strings.Contains(err.Error(), "timestamp_window") {
		t.Errorf("negative window: %v, want an error", err)
	}
}

// TestHTTPReplay: a captured /where sent again, as it was or signed
// afresh, is refused with 401 and followed up only once; a new
// interaction is answered.
func TestHTTPReplay(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	url := h.httpEndpoint()
	in := h.interaction(command("where", 0, opt("player", "Sergio Ramos")))
	body := in.JSON()
	captured := http.Header{}
	discordtest.Sign(captured, h.key, body)
	send := func(hdr http.Header) (int, []byte) {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header = hdr.Clone()
		return do(t, req)
	}

	status, resp := send(captured)
	if r := decodeResponse(t, resp); status != 200 || r.Type != 5 {
		t.Fatalf("first: %d %s, want a deferral", status, resp)
	}
	edit := discordtest.Match("PATCH", "/webhooks/"+appID+"/"+in.Token+"/messages/@original")
	h.fake.WaitRequest(edit)
	for i := range 50 {
		if status, resp := send(captured); status != http.StatusUnauthorized {
			t.Fatalf("replay %d: %d %s, want 401", i+1, status, resp)
		}
	}
	resigned := http.Header{}
	discordtest.Sign(resigned, h.key, body)
	if status, resp := send(resigned); status != http.StatusUnauthorized {
		t.Errorf("the same interaction signed again: %d %s, want 401", status, resp)
	}
	// A refused request is answered before any handling starts, so no
	// followup of a replay can still be on its way.
	if n := h.fake.Count(edit); n != 1 {
		t.Errorf("%d followups for one interaction sent 52 times, want 1", n)
	}
	if status, resp := h.postSigned(url, h.interaction(command("help", 0)).JSON()); status != 200 {
		t.Errorf("a new interaction: %d %s", status, resp)
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

// TestHTTPBadSignaturesLoggedRarely: requests that fail verification,
// which anyone can send, make one warning a minute with their count, not
// one each, and log lines carry platform=discord once.
func TestHTTPBadSignaturesLoggedRarely(t *testing.T) {
	h := newHarness(t, discord.Options{})
	url := h.httpEndpoint()
	for range 20 {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"type":1}`))
		req.Header.Set("X-Signature-Ed25519", strings.Repeat("00", 64))
		req.Header.Set("X-Signature-Timestamp", "1")
		if status, _ := do(t, req); status != http.StatusUnauthorized {
			t.Fatalf("unsigned request: %d, want 401", status)
		}
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "without a valid signature"); n != 1 {
		t.Errorf("%d warnings for 20 bad requests, want 1:\n%s", n, logs)
	}
	if !strings.Contains(logs, "platform=discord count=1") || strings.Contains(logs, "platform=discord platform=discord") {
		t.Errorf("want one platform=discord per line:\n%s", logs)
	}
}
