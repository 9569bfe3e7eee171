package discord_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

type commandDef struct {
	Type        int    `json:"type"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Options     []struct {
		Type         int    `json:"type"`
		Name         string `json:"name"`
		Description  string `json:"description"`
		Required     bool   `json:"required"`
		Autocomplete bool   `json:"autocomplete"`
	} `json:"options"`
}

// TestRegisterCommands: the commands are registered with one bulk overwrite
// per scope (global, or each configured guild), and not again while they
// are unchanged, across restarts.
func TestRegisterCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	puts := func(h *harness, path string) int {
		return h.fake.Count(discordtest.Match("PUT", path))
	}

	t.Run("global, once across restarts", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		global := "/applications/" + appID + "/commands"
		for i, dc := range []*discord.Discord{h.dc, h.newAdapter(), h.newAdapter()} {
			sent, err := dc.RegisterCommands(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if sent != (i == 0) {
				t.Errorf("start %d: sent = %v", i+1, sent)
			}
		}
		if n := puts(h, global); n != 1 {
			t.Fatalf("bulk overwrites = %d, want 1", n)
		}
		req := h.fake.WaitRequest(discordtest.Match("PUT", global))
		if req.Header.Get("Authorization") != "Bot "+testToken {
			t.Errorf("registration without the bot token")
		}
		checkDefinitions(t, req.Payload)

		// A gateway run with the same store registers nothing either.
		h.startGateway()
		if n := puts(h, global); n != 1 {
			t.Errorf("bulk overwrites = %d after a run, want 1", n)
		}
	})

	t.Run("guilds", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{Guilds: []string{"11", "12"}})
		for range 2 {
			if _, err := h.newAdapter().RegisterCommands(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for _, g := range []string{"11", "12"} {
			if n := puts(h, "/applications/"+appID+"/guilds/"+g+"/commands"); n != 1 {
				t.Errorf("guild %s: bulk overwrites = %d, want 1", g, n)
			}
		}
		if n := puts(h, "/applications/"+appID+"/commands"); n != 0 {
			t.Errorf("global bulk overwrites = %d with guilds configured", n)
		}
		// Another application on the same database registers its own.
		h.opts.ApplicationID = "1000"
		if sent, err := h.newAdapter().RegisterCommands(ctx); err != nil || !sent {
			t.Errorf("another application: sent %v, %v; want a registration", sent, err)
		}
	})

	t.Run("failure is retried at the next start", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		global := "/applications/" + appID + "/commands"
		h.fake.Script("PUT", global, discordtest.Error(400, 50035, "Invalid Form Body"))
		_, err := h.dc.RegisterCommands(ctx)
		if err == nil || !strings.Contains(err.Error(), "400") {
			t.Fatalf("err = %v, want the 400", err)
		}
		if sent, err := h.newAdapter().RegisterCommands(ctx); err != nil || !sent {
			t.Errorf("after a failure: sent %v, %v; want a registration", sent, err)
		}
	})
}

// checkDefinitions checks the registered commands against the issue: the
// names, the option layout, autocomplete on names, Discord's limits.
func checkDefinitions(t *testing.T, payload []byte) {
	t.Helper()
	var defs []commandDef
	if err := json.Unmarshal(payload, &defs); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range defs {
		if d.Type != 1 || d.Description == "" || len([]rune(d.Description)) > 100 {
			t.Errorf("/%s: type %d, description %q", d.Name, d.Type, d.Description)
		}
		var opts []string
		optional := false
		for _, o := range d.Options {
			s := o.Name
			if o.Required {
				s += "!"
				if optional {
					t.Errorf("/%s: required option %s after an optional one", d.Name, o.Name)
				}
			} else {
				optional = true
			}
			if o.Autocomplete {
				s += "*"
			}
			if o.Type != 3 || o.Description == "" || len([]rune(o.Description)) > 100 {
				t.Errorf("/%s %s: type %d, description %q", d.Name, o.Name, o.Type, o.Description)
			}
			opts = append(opts, s)
		}
		got[d.Name] = strings.Join(opts, " ")
	}
	want := map[string]string{ // ! required, * autocompleted
		"where":         "player!*",
		"rumours":       "player* club*",
		"club":          "club!*",
		"subscribe":     "player* club* min_stage",
		"unsubscribe":   "player* club*",
		"subscriptions": "",
		"sources":       "",
		"help":          "",
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || g != w {
			t.Errorf("/%s options = %q (registered: %v), want %q", name, g, ok, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("commands = %v", got)
	}
}

// TestRunRegistersThroughAnOutage: Discord answering 5xx at start (more
// often than one request retries) delays the start but does not stop the
// bot; a refused token stops it at once with an error.
func TestRunRegistersThroughAnOutage(t *testing.T) {
	t.Parallel()
	global := "/applications/" + appID + "/commands"

	t.Run("outage", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		outage := make([]discordtest.Response, 10)
		for i := range outage {
			outage[i] = discordtest.Error(503, 0, "upstream connect error")
		}
		h.fake.Script("PUT", global, outage...)
		stop := h.startGateway()
		if n := h.fake.Count(discordtest.Match("PUT", global)); n != len(outage)+1 {
			t.Errorf("bulk overwrites tried %d times, want %d (every 503, then the one that worked)", n, len(outage)+1)
		}
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})

	t.Run("refused", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, discord.Options{})
		h.fake.Script("PUT", global, discordtest.Error(401, 0, "401: Unauthorized"))
		err := h.dc.Run(context.Background())
		if err == nil || !strings.Contains(err.Error(), "401") || !errors.Is(err, discord.ErrTokenRefused) {
			t.Errorf("Run = %v, want the refusal, matching ErrTokenRefused", err)
		}
		if n := h.fake.Count(discordtest.Match("PUT", global)); n != 1 {
			t.Errorf("bulk overwrites tried %d times after a 401, want 1", n)
		}
	})
}

// TestStaleCommandsDeleted: a guild dropped from the configuration, or
// guilds given up for global registration (and back), has its commands
// deleted with an empty bulk overwrite, once the configured scopes have
// theirs; the commands are registered there again when it comes back.
func TestStaleCommandsDeleted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := newHarness(t, discord.Options{Guilds: []string{"11", "12"}})
	guild := func(g string) string { return "/applications/" + appID + "/guilds/" + g + "/commands" }
	global := "/applications/" + appID + "/commands"
	steps := []struct {
		name   string
		guilds []string
		want   map[string][]int // path -> commands in each PUT to it, in order, so far
	}{
		{"two guilds", []string{"11", "12"}, map[string][]int{guild("11"): {8}, guild("12"): {8}}},
		{"guild 12 removed", []string{"11"}, map[string][]int{guild("11"): {8}, guild("12"): {8, 0}}},
		{"unchanged", []string{"11"}, map[string][]int{guild("11"): {8}, guild("12"): {8, 0}}},
		{"global", nil, map[string][]int{guild("11"): {8, 0}, guild("12"): {8, 0}, global: {8}}},
		{"back to guild 12", []string{"12"}, map[string][]int{guild("11"): {8, 0}, guild("12"): {8, 0, 8}, global: {8, 0}}},
	}
	for _, s := range steps {
		h.opts.Guilds = s.guilds
		if _, err := h.newAdapter().RegisterCommands(ctx); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got := map[string][]int{}
		for _, r := range h.fake.Requests() {
			if r.Method != "PUT" {
				continue
			}
			var defs []commandDef
			if err := json.Unmarshal(r.Payload, &defs); err != nil {
				t.Fatalf("%s: PUT %s: %v", s.name, r.Path, err)
			}
			got[r.Path] = append(got[r.Path], len(defs))
		}
		if fmt.Sprint(got) != fmt.Sprint(s.want) {
			t.Errorf("%s: PUTs (commands each) = %v, want %v", s.name, got, s.want)
		}
	}
}
