package discord_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// where returns the core's where answer for Sergio Ramos, an alert-like
// reply with lines, a chart and buttons.
func (h *harness) where() bot.Reply {
	return h.env.Core.Handle(context.Background(), bot.Request{Platform: discord.Platform, Channel: channelID, Text: "where is Sergio Ramos heading?"})
}

// subscribe subscribes a channel to Sergio Ramos through the core.
func (h *harness) subscribe(channel string) {
	h.t.Helper()
	r := h.env.Core.Handle(context.Background(), bot.Request{Platform: discord.Platform, Channel: channel, CanManage: true,
		Command: bot.CmdSubscribe, Args: map[string]string{bot.ArgPlayer: "Sergio Ramos"}})
	if r.Err != nil {
		h.t.Fatal(r.Err)
	}
}

func messagesTo(channel string) func(discordtest.Request) bool {
	return discordtest.Match("POST", "/channels/"+channel+"/messages")
}

// TestNotify posts an alert to a channel: the embed, the chart attached,
// the buttons, with the bot token.
func TestNotify(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	if err := h.dc.Notify(context.Background(), channelID, h.where()); err != nil {
		t.Fatal(err)
	}
	reqs := h.fake.WaitCount(1, messagesTo(channelID))
	if got := reqs[0].Header.Get("Authorization"); got != "Bot "+testToken {
		t.Errorf("Authorization header is not the bot token")
	}
	checkWhereSergioRamos(t, decodeMessage(t, reqs[0].Payload), reqs[0].Files)

	var bad bot.Notifier = h.dc
	if err := bad.Notify(context.Background(), "../../users/@me", h.where()); err == nil {
		t.Errorf("Notify to a malformed channel id succeeded")
	}
}

// TestNotifyRateLimits: a 429 delays a message but loses nothing, honouring
// retry_after; a global 429 holds every route; a bucket emptied by the
// X-RateLimit headers holds its route until its reset.
func TestNotifyRateLimits(t *testing.T) {
	t.Parallel()

	t.Run("route 429", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		h.fake.Script("POST", "/channels/100/messages", discordtest.RateLimited(0.05, false))
		if err := h.dc.Notify(context.Background(), "100", h.where()); err != nil {
			t.Fatalf("Notify: %v", err)
		}
		reqs := h.fake.WaitCount(2, messagesTo("100"))
		if len(reqs) != 2 || reqs[0].Status != 429 || reqs[1].Status != 200 {
			t.Fatalf("requests = %d, want a 429 then a success", len(reqs))
		}
		if !bytes.Equal(reqs[0].Payload, reqs[1].Payload) || len(reqs[1].Files) != 1 || !bytes.Equal(reqs[0].Files[0].Data, reqs[1].Files[0].Data) {
			t.Errorf("the retry differs from the first attempt")
		}
		if gap := reqs[1].Received.Sub(reqs[0].Answered); gap < 50*time.Millisecond {
			t.Errorf("retried %v after the 429, before retry_after (50ms)", gap)
		}
	})

	t.Run("global 429", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		h.fake.Script("POST", "/channels/101/messages", discordtest.RateLimited(0.2, true))
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := h.dc.Notify(context.Background(), "101", h.where()); err != nil {
				t.Errorf("Notify 101: %v", err)
			}
		}()
		first := h.fake.WaitRequest(func(r discordtest.Request) bool { return messagesTo("101")(r) && r.Status == 429 })
		h.logs.waitFor(t, "discord: rate limited") // the adapter has read the 429
		if err := h.dc.Notify(context.Background(), "102", h.where()); err != nil {
			t.Fatalf("Notify 102: %v", err)
		}
		wg.Wait()
		other := h.fake.WaitRequest(messagesTo("102"))
		if gap := other.Received.Sub(first.Answered); gap < 200*time.Millisecond {
			t.Errorf("another route was sent to %v after a global 429 with retry_after 200ms", gap)
		}
		if n := h.fake.Count(messagesTo("101")); n != 2 {
			t.Errorf("channel 101 got %d requests, want 2", n)
		}
	})

	t.Run("bucket from headers", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		hdr := http.Header{}
		hdr.Set("X-RateLimit-Limit", "5")
		hdr.Set("X-RateLimit-Remaining", "0")
		hdr.Set("X-RateLimit-Reset-After", "0.150")
		h.fake.Script("POST", "/channels/103/messages", discordtest.Response{Status: 200, Header: hdr, Body: map[string]any{"id": "1"}})
		for range 2 {
			if err := h.dc.Notify(context.Background(), "103", h.where()); err != nil {
				t.Fatal(err)
			}
		}
		reqs := h.fake.WaitCount(2, messagesTo("103"))
		if gap := reqs[1].Received.Sub(reqs[0].Answered); gap < 150*time.Millisecond {
			t.Errorf("second message %v after the bucket emptied, before its reset (150ms)", gap)
		}
	})

	t.Run("requests per second", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{RequestsPerSecond: 20}) // burst 2
		reply := bot.Reply{Text: "alert"}
		for range 10 {
			if err := h.dc.Notify(context.Background(), "104", reply); err != nil {
				t.Fatal(err)
			}
		}
		reqs := h.fake.WaitCount(10, messagesTo("104"))
		if span := reqs[9].Received.Sub(reqs[0].Received); span < 350*time.Millisecond {
			t.Errorf("10 messages in %v at 20 requests/s (burst 2): want at least 400ms", span)
		}
	})
}

// TestNotifyServerErrors: 5xx responses are retried with backoff; when they
// persist Notify fails without pausing the channel.
func TestNotifyServerErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	h.subscribe("110")
	h.fake.Script("POST", "/channels/110/messages", discordtest.Error(500, 0, "Internal Server Error"), discordtest.Error(502, 0, "Bad Gateway"))
	if err := h.dc.Notify(context.Background(), "110", h.where()); err != nil {
		t.Fatalf("Notify after two 5xx: %v", err)
	}
	if n := h.fake.Count(messagesTo("110")); n != 3 {
		t.Errorf("requests = %d, want 3", n)
	}

	h.fake.Script("POST", "/channels/110/messages", discordtest.Error(503, 0, "x"), discordtest.Error(503, 0, "x"),
		discordtest.Error(503, 0, "x"), discordtest.Error(503, 0, "x"))
	err := h.dc.Notify(context.Background(), "110", h.where())
	var ae *discord.APIError
	if !errors.As(err, &ae) || ae.Status != 503 || errors.Is(err, bot.ErrChannelGone) {
		t.Fatalf("Notify = %v, want a 503 APIError, not ErrChannelGone", err)
	}
	if !strings.HasPrefix(err.Error(), "discord: send to channel 110: ") {
		t.Errorf("error = %q", err)
	}
	if subs := h.subscriptions("110"); len(subs) != 1 || subs[0] != "player Sergio Ramos active" {
		t.Errorf("subscriptions = %v, want still active", subs)
	}
}

// TestNotifyChannelGone: a 403 or 404 pauses the channel's subscriptions
// and Notify's error wraps bot.ErrChannelGone; an interaction from the
// channel later resumes them.
func TestNotifyChannelGone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		channel string
		resp    discordtest.Response
	}{
		{"403 missing access", "120", discordtest.Error(403, 50001, "Missing Access")},
		{"404 unknown channel", "121", discordtest.Error(404, 10003, "Unknown Channel")},
	}
	h := newHarness(t, discord.Options{})
	h.startGateway()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.subscribe(tc.channel)
			// The channel was heard from before it went.
			h.dispatch(discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: guildID, ChannelID: tc.channel, Command: "help"})
			h.fake.Script("POST", "/channels/"+tc.channel+"/messages", tc.resp)
			err := h.dc.Notify(context.Background(), tc.channel, h.where())
			if !errors.Is(err, bot.ErrChannelGone) {
				t.Fatalf("Notify = %v, want ErrChannelGone", err)
			}
			if subs := h.subscriptions(tc.channel); len(subs) != 1 || subs[0] != "player Sergio Ramos paused" {
				t.Fatalf("subscriptions = %v, want paused", subs)
			}
			if n := h.fake.Count(messagesTo(tc.channel)); n != 1 {
				t.Errorf("requests = %d, want 1 (a refusal is not retried)", n)
			}
			if p, paused, err := h.env.Core.Paused(context.Background(), discord.Platform, tc.channel); err != nil || !paused ||
				!strings.Contains(p.Reason, "Discord refused delivery") {
				t.Errorf("pause record = %+v, %v, %v; want Discord's refusal", p, paused, err)
			}
			h.dispatch(discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: guildID, ChannelID: tc.channel, Command: "help"})
			if subs := h.subscriptions(tc.channel); len(subs) != 1 || subs[0] != "player Sergio Ramos active" {
				t.Errorf("subscriptions = %v after the channel was heard from, want active", subs)
			}
			// The channel is told once that its alerts are back on.
			notice := h.fake.WaitRequest(func(r discordtest.Request) bool {
				return messagesTo(tc.channel)(r) && strings.Contains(string(r.Payload), "Alerts are back on")
			})
			if notice.Status != 200 {
				t.Errorf("notice answered %d", notice.Status)
			}
			h.dispatch(discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: guildID, ChannelID: tc.channel, Command: "help"})
			if n := h.fake.Count(messagesTo(tc.channel)); n != 2 {
				t.Errorf("posts to the channel = %d, want 2 (the refused alert, the notice)", n)
			}
		})
	}
}
