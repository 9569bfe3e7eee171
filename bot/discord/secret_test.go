package discord_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"

	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// TestTokenNeverShown drives the adapter through success and failure (REST
// refusals, server errors, an unreachable API, a gateway that cannot be
// dialled, failing followups) with debug logging, and checks that neither
// the bot token nor an interaction token appears in any log line (the
// adapter's or discordgo's) or error, while the fake Discord did receive
// the bot token where it is needed.
func TestTokenNeverShown(t *testing.T) {
	t.Parallel()
	var errs []error
	check := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	h := newHarness(t, discord.Options{DeferAfter: -1})
	h.startGateway()
	in := h.interaction(command("where", 0, opt("player", "Sergio Ramos")))
	hook := "/webhooks/" + appID + "/" + in.Token + "/messages/@original"
	h.fake.Script("PATCH", hook, discordtest.Error(500, 0, "x"), discordtest.Error(500, 0, "x"),
		discordtest.Error(500, 0, "x"), discordtest.Error(500, 0, "x"))
	h.dispatch(in)
	h.fake.WaitCount(4, discordtest.Match("PATCH", hook))
	h.logs.waitFor(t, "discord: followup failed")

	h.fake.Script("POST", "/channels/300/messages", discordtest.Error(403, 50001, "Missing Access"))
	check(h.dc.Notify(context.Background(), "300", h.where()))
	h.fake.Script("POST", "/channels/301/messages", discordtest.Error(500, 0, "x"), discordtest.Error(500, 0, "x"),
		discordtest.Error(500, 0, "x"), discordtest.Error(500, 0, "x"))
	check(h.dc.Notify(context.Background(), "301", h.where()))
	h.fake.Script("PUT", "/applications/1001/commands", discordtest.Error(401, 0, "401: Unauthorized"))
	h.opts.ApplicationID = "1001"
	_, err := h.newAdapter().RegisterCommands(context.Background())
	check(err)

	// An API that cannot be reached.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String() + "/api/v10"
	ln.Close()
	h.opts.APIURL = dead
	check(h.newAdapter().Notify(context.Background(), "302", h.where()))

	// A gateway that cannot be dialled: discordgo logs the failure.
	g := newHarness(t, discord.Options{})
	g.fake.Script("GET", "/gateway", discordtest.Response{Status: 200, Body: map[string]any{"url": "ws://" + ln.Addr().String()}})
	check(g.dc.Run(context.Background()))

	if len(errs) != 5 {
		t.Fatalf("errors = %d, want 5: %v", len(errs), errs)
	}
	logs := h.logs.String() + g.logs.String()
	if !strings.Contains(logs, "discordgo: ") {
		t.Errorf("no discordgo log line was captured:\n%s", logs)
	}
	for _, secret := range []string{testToken, in.Token} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain a token:\n%s", logs)
		}
		for _, err := range errs {
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(s, secret) {
					t.Errorf("error contains a token: %s", s)
				}
			}
		}
	}
	if ids := h.fake.Identifies(); len(ids) == 0 || ids[0].Token != "Bot "+testToken {
		t.Errorf("the gateway did not get the token")
	}
	if t.Failed() {
		t.Logf("errors: %v", errs)
	}
}
