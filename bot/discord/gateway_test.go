package discord_test

import (
	"slices"
	"strings"
	"testing"

	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// TestGatewayWhere covers the main path over the gateway: the session
// identifies with no intents and the bot token, and /where player:Sergio
// Ramos is answered with an embed whose first field is Inter Miami and the
// chart attached, in one multipart callback.
func TestGatewayWhere(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	stop := h.startGateway()

	ids := h.fake.WaitIdentified(1)
	if ids[0].Intents != 0 {
		t.Errorf("identify intents = %d, want 0 (none)", ids[0].Intents)
	}
	if ids[0].Token != "Bot "+testToken {
		t.Errorf("identify token is not the bot token")
	}
	if ids[0].Shard != nil {
		t.Errorf("identify shard = %v, want none for a single shard", *ids[0].Shard)
	}

	cb := h.dispatch(command("where", 0, opt("player", "Sergio Ramos")))
	r := decodeResponse(t, cb.Payload)
	if r.Type != 4 {
		t.Fatalf("callback type = %d, want 4", r.Type)
	}
	checkWhereSergioRamos(t, r.Data, cb.Files)
	if !strings.HasPrefix(cb.Header.Get("Content-Type"), "multipart/form-data") {
		t.Errorf("callback content type = %q, want multipart", cb.Header.Get("Content-Type"))
	}
	if cb.Header.Get("Authorization") != "" {
		t.Errorf("interaction callback carries the bot token; the interaction token authorises it")
	}

	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	h.fake.WaitNoConnections()
}

// TestGatewayAmbiguousThenPick asks /where player:Ramos, gets a select menu
// of the two Ramoses, picks Sergio and gets the where answer in place of the
// menu.
func TestGatewayAmbiguousThenPick(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	h.startGateway()

	cb := h.dispatch(command("where", 0, opt("player", "Ramos")))
	r := decodeResponse(t, cb.Payload)
	if r.Type != 4 || len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != "Which Ramos do you mean?" {
		t.Fatalf("answer = %+v, want the which-one question", r)
	}
	menu := r.Data.selectMenu()
	if menu == nil || menu.CustomID != "pick" {
		t.Fatalf("components = %+v, want a select menu", r.Data.Components)
	}
	var labels []string
	value := ""
	for _, o := range menu.Options {
		labels = append(labels, o.Label)
		if o.Label == "Sergio Ramos" {
			value = o.Value
		}
	}
	slices.Sort(labels)
	if strings.Join(labels, ", ") != "Gonçalo Ramos, Sergio Ramos" || value == "" {
		t.Fatalf("options = %v, want the two Ramoses", labels)
	}
	if len(r.Data.buttons()) != 0 {
		t.Errorf("a choice shows buttons as well as the menu")
	}

	cb = h.dispatch(discordtest.Interaction{Type: discordtest.TypeComponent, GuildID: guildID,
		CustomID: "pick", ComponentType: discordtest.ComponentSelect, Values: []string{value}})
	r = decodeResponse(t, cb.Payload)
	if r.Type != 7 {
		t.Fatalf("callback type = %d, want 7 (update the menu's message)", r.Type)
	}
	checkWhereSergioRamos(t, r.Data, cb.Files)
}

// TestGatewayAutocomplete offers Kylian Mbappé first for "mbap", and clubs
// for the club option.
func TestGatewayAutocomplete(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	h.startGateway()

	tests := []struct {
		command, option, typed, want string
		first                        bool // want must come first
	}{
		{"where", "player", "mbap", "Kylian Mbappé", true},
		{"where", "player", "MBAPPE", "Kylian Mbappé", true},
		{"where", "player", "mbape", "Kylian Mbappé", true}, // fuzzy
		{"club", "club", "juve", "Juventus", false},
		{"club", "club", "atletico", "Atlético Madrid", false},
	}
	for _, tc := range tests {
		cb := h.dispatch(discordtest.Interaction{Type: discordtest.TypeAutocomplete, GuildID: guildID, Command: tc.command,
			Options: []discordtest.Option{{Name: tc.option, Value: tc.typed, Focused: true}}})
		r := decodeResponse(t, cb.Payload)
		if r.Type != 8 {
			t.Fatalf("%s %q: type = %d, want 8", tc.option, tc.typed, r.Type)
		}
		found := -1
		for i, c := range r.Data.Choices {
			if c.Name == tc.want && c.Value == tc.want {
				found = i
				break
			}
		}
		if found < 0 || (tc.first && found != 0) {
			t.Errorf("%s %q: choices = %+v, want %s (first: %v)", tc.option, tc.typed, r.Data.Choices, tc.want, tc.first)
		}
		if len(r.Data.Choices) > 25 {
			t.Errorf("%s %q: %d choices, Discord takes 25", tc.option, tc.typed, len(r.Data.Choices))
		}
	}
}

// TestGatewaySubscribePermissions: only members with Manage Channels (or
// Administrator), and users in DMs, may subscribe a channel; others get an
// ephemeral refusal and nothing is stored.
func TestGatewaySubscribePermissions(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	h.startGateway()

	tests := []struct {
		name    string
		guild   string
		perms   int64
		channel string
		allowed bool
	}{
		{"member without Manage Channels", guildID, discordtest.PermSendMessages, "201", false},
		{"member with Manage Channels", guildID, discordtest.PermManageChannel | discordtest.PermSendMessages, "202", true},
		{"administrator", guildID, discordtest.PermAdministrator, "203", true},
		{"direct message", "", 0, "204", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cb := h.dispatch(discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: tc.guild, ChannelID: tc.channel,
				Permissions: tc.perms, Command: "subscribe", Options: []discordtest.Option{opt("player", "Sergio Ramos")}})
			r := decodeResponse(t, cb.Payload)
			if r.Type != 4 || r.Data.Flags&64 == 0 {
				t.Errorf("answer type %d flags %d, want an ephemeral message", r.Type, r.Data.Flags)
			}
			subs := h.subscriptions(tc.channel)
			if tc.allowed {
				if len(subs) != 1 || subs[0] != "player Sergio Ramos active" {
					t.Errorf("subscriptions = %v, want Sergio Ramos", subs)
				}
				if !strings.Contains(r.Data.Content, "Sergio Ramos") {
					t.Errorf("content = %q", r.Data.Content)
				}
			} else {
				if len(subs) != 0 {
					t.Errorf("subscriptions = %v, want none", subs)
				}
				if !strings.Contains(r.Data.Content, "Only admins") {
					t.Errorf("content = %q, want the core's refusal", r.Data.Content)
				}
			}
		})
	}
}

// TestGatewaySubscribeButton presses the Subscribe button of a where answer:
// the channel is subscribed (for a member who may), and the confirmation is
// ephemeral with an Unsubscribe button that works in turn.
func TestGatewaySubscribeButton(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	h.startGateway()

	cb := h.dispatch(command("where", 0, opt("player", "Sergio Ramos")))
	sub := decodeResponse(t, cb.Payload).Data.button(t, "Subscribe to Sergio Ramos")

	cb = h.dispatch(discordtest.Interaction{Type: discordtest.TypeComponent, GuildID: guildID, CustomID: sub.CustomID,
		Permissions: discordtest.PermSendMessages})
	if r := decodeResponse(t, cb.Payload); r.Type != 4 || r.Data.Flags&64 == 0 || !strings.Contains(r.Data.Content, "Only admins") {
		t.Errorf("press without Manage Channels: %+v, want an ephemeral refusal", r)
	}
	if subs := h.subscriptions(channelID); len(subs) != 0 {
		t.Fatalf("subscriptions = %v after a refused press", subs)
	}

	cb = h.dispatch(discordtest.Interaction{Type: discordtest.TypeComponent, GuildID: guildID, CustomID: sub.CustomID,
		Permissions: discordtest.PermManageChannel})
	r := decodeResponse(t, cb.Payload)
	if r.Type != 4 || r.Data.Flags&64 == 0 {
		t.Errorf("confirmation type %d flags %d, want a new ephemeral message", r.Type, r.Data.Flags)
	}
	if subs := h.subscriptions(channelID); len(subs) != 1 || subs[0] != "player Sergio Ramos active" {
		t.Fatalf("subscriptions = %v, want Sergio Ramos", subs)
	}

	r.Data.button(t, "Unsubscribe from Sergio Ramos")

	// /unsubscribe without an option lists the subscriptions, with
	// unsubscribe buttons.
	cb = h.dispatch(command("unsubscribe", discordtest.PermManageChannel))
	r = decodeResponse(t, cb.Payload)
	if r.Type != 4 || r.Data.Flags&64 == 0 || len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != "This channel follows" {
		t.Fatalf("/unsubscribe = %+v, want the ephemeral list", r)
	}
	unsub := r.Data.button(t, "Unsubscribe from Sergio Ramos")
	h.dispatch(discordtest.Interaction{Type: discordtest.TypeComponent, GuildID: guildID, CustomID: unsub.CustomID,
		Permissions: discordtest.PermManageChannel, MessageFlags: 64})
	if subs := h.subscriptions(channelID); len(subs) != 0 {
		t.Errorf("subscriptions = %v after unsubscribing", subs)
	}
}

// TestGatewayMalformed: an interaction without its data (discordgo cannot
// decode it) gets the core's "didn't understand", not a crash.
func TestGatewayMalformed(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{})
	h.startGateway()
	in := h.interaction(command("where", 0))
	h.fake.Dispatch("INTERACTION_CREATE", []byte(`{"id":"`+in.ID+`","application_id":"`+appID+`","type":2,"token":"`+in.Token+`","channel_id":"1","version":1}`))
	cb := h.fake.WaitRequest(discordtest.Match("POST", "/interactions/"+in.ID+"/.*/callback"))
	if r := decodeResponse(t, cb.Payload); r.Type != 4 || r.Data.Flags != 64 || !strings.Contains(r.Data.Content, "didn't understand") {
		t.Errorf("answer = %+v", r)
	}
}

// TestGatewaySharding runs every shard /gateway/bot recommends, one session
// each, or the one configured shard.
func TestGatewaySharding(t *testing.T) {
	t.Parallel()
	t.Run("automatic", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		h.fake.SetShards(2, 2)
		h.run(h.dc)
		ids := h.fake.WaitIdentified(2)
		got := map[[2]int]bool{}
		for _, id := range ids {
			if id.Shard != nil {
				got[*id.Shard] = true
			}
		}
		if !got[[2]int{0, 2}] || !got[[2]int{1, 2}] {
			t.Errorf("shards identified = %v, want [0 2] and [1 2]", got)
		}
	})
	t.Run("configured", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{ShardID: 1, ShardCount: 3})
		h.run(h.dc)
		ids := h.fake.WaitIdentified(1)
		if ids[0].Shard == nil || *ids[0].Shard != [2]int{1, 3} {
			t.Errorf("shard = %v, want [1 3]", ids[0].Shard)
		}
		if n := h.fake.Count(discordtest.Match("GET", "/gateway/bot")); n != 0 {
			t.Errorf("/gateway/bot asked %d times with a configured shard count", n)
		}
	})
}
