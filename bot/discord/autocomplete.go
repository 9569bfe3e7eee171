package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"transferbot/bot"
	"transferbot/rumours"
)

// maxChoices is the most autocomplete choices Discord shows.
const maxChoices = 25

// autocomplete answers an autocomplete interaction: names of the focused
// option's kind (players for player, clubs for club, both for name) that
// match what the user has typed, accent-insensitively and fuzzily, as the
// core's Complete finds them (well under a millisecond with 55,000 names,
// so nothing is cached and new names show at once). Choices whose name would exceed Discord's 100
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
		names = d.core.Complete(ctx, rumours.KindPlayer, typed, maxChoices)
	case bot.ArgClub:
		names = d.core.Complete(ctx, rumours.KindClub, typed, maxChoices)
	case bot.ArgName:
		names = append(d.core.Complete(ctx, rumours.KindPlayer, typed, maxChoices), d.core.Complete(ctx, rumours.KindClub, typed, maxChoices)...)
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
