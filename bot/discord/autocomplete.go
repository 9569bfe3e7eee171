package discord

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	lru "github.com/hashicorp/golang-lru/v2"

	"transferbot/bot"
	"transferbot/rumours"
)

// maxChoices is the most autocomplete choices Discord shows.
const maxChoices = 25

// The autocomplete cache: Discord asks once per keystroke (and with an
// empty value as soon as an option is focused), and many users type the
// same first letters, while each of the core's completions scans every
// known name (about 5 ms, and 30 ms for the empty value, with 50,000
// players). Answers are kept for a minute, so that a name the engine learns
// shows up within a minute.
const (
	completeCacheSize = 4096
	completeCacheTTL  = time.Minute
)

type completion struct {
	names   []string
	expires time.Time
}

// completeCache keeps recent completions by kind and typed text (case
// folded). It is safe for concurrent use.
type completeCache struct {
	lru *lru.Cache[string, completion]
	off bool // for benchmarks of the core's cost
}

func newCompleteCache() *completeCache {
	c, _ := lru.New[string, completion](completeCacheSize)
	return &completeCache{lru: c}
}

// complete returns the core's completions of typed for kind, from the
// cache when it has them.
func (d *Discord) complete(ctx context.Context, kind rumours.SubjectKind, typed string) []string {
	c := d.completions
	key := string(kind) + "\x00" + strings.ToLower(strings.Join(strings.Fields(typed), " "))
	now := time.Now()
	if !c.off {
		if v, ok := c.lru.Get(key); ok && now.Before(v.expires) {
			return v.names
		}
	}
	names := d.core.Complete(ctx, kind, typed, maxChoices)
	if !c.off {
		c.lru.Add(key, completion{names: names, expires: now.Add(completeCacheTTL)})
	}
	return names
}

// autocomplete answers an autocomplete interaction: names of the focused
// option's kind (players for player, clubs for club, both for name) that
// match what the user has typed, accent-insensitively and fuzzily, as the
// core's Complete finds them (through the cache). Choices whose name would exceed Discord's 100
// characters are left out.
func (d *Discord) autocomplete(ctx context.Context, in *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	data, _ := in.Data.(discordgo.ApplicationCommandInteractionData) // zero if malformed
	var focused *discordgo.ApplicationCommandInteractionDataOption
	for _, o := range data.Options {
		if o.Focused {
			focused = o
			break
		}
	}
	if focused == nil {
		return out
	}
	typed, _ := focused.Value.(string)
	var names []string
	switch focused.Name {
	case bot.ArgPlayer:
		names = d.complete(ctx, rumours.KindPlayer, typed)
	case bot.ArgClub:
		names = d.complete(ctx, rumours.KindClub, typed)
	case bot.ArgName:
		names = append(d.complete(ctx, rumours.KindPlayer, typed), d.complete(ctx, rumours.KindClub, typed)...)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if len(out) == maxChoices {
			break
		}
		if seen[n] || runes(n) > maxCustomID || n == "" {
			continue
		}
		seen[n] = true
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n})
	}
	return out
}
