package discord

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"transferbot/bot"
)

// Discord's limits on components.
const (
	maxCustomID     = 100 // custom_id and select option values, in characters
	maxButtonLabel  = 80
	maxOptionLabel  = 100
	maxButtonsInRow = 5
	maxRows         = 5
	maxSelectOpts   = 25
)

// Custom ids. A button's custom_id, and a select option's value, is its
// action inline ("a:subscribe player Sergio Ramos") when that fits in 100
// characters, else a key ("k:" and 22 characters of the action's SHA-256)
// under which the action is stored in the core's durable state, so that
// buttons keep working after a restart. The select menu of a choice has
// the custom_id "pick"; its chosen value is decoded the same way.
const (
	inlinePrefix = "a:"
	keyPrefix    = "k:"
	pickID       = "pick"
	stateActions = "discord/action/"
)

// encodeAction returns the custom id for a button's action.
func (d *Discord) encodeAction(ctx context.Context, action string) (string, error) {
	if runes(inlinePrefix+action) <= maxCustomID {
		return inlinePrefix + action, nil
	}
	sum := sha256.Sum256([]byte(action))
	key := base64.RawURLEncoding.EncodeToString(sum[:])[:22]
	if _, ok := d.actions.Get(key); !ok {
		if err := d.core.SetState(ctx, stateActions+key, action); err != nil {
			return "", fmt.Errorf("discord: store button action: %w", err)
		}
		d.actions.Add(key, action)
	}
	return keyPrefix + key, nil
}

// decodeAction returns the action behind a custom id, and false for an id
// that is not one of the adapter's (or whose stored action is gone).
func (d *Discord) decodeAction(ctx context.Context, id string) (string, bool, error) {
	switch {
	case strings.HasPrefix(id, inlinePrefix):
		return strings.TrimPrefix(id, inlinePrefix), true, nil
	case strings.HasPrefix(id, keyPrefix):
		key := strings.TrimPrefix(id, keyPrefix)
		if a, ok := d.actions.Get(key); ok {
			return a, true, nil
		}
		a, ok, err := d.core.State(ctx, stateActions+key)
		if err != nil {
			return "", false, fmt.Errorf("discord: read button action: %w", err)
		}
		if ok {
			d.actions.Add(key, a)
		}
		return a, ok, nil
	}
	return "", false, nil
}

// isChoice reports whether a reply's buttons are a choice between names (an
// ambiguous or unknown name: no lines, several buttons), shown as a select
// menu rather than buttons. Replies with more buttons than fit in rows are
// shown as a select menu too.
func isChoice(r bot.Reply) bool {
	return (len(r.Lines) == 0 && len(r.Buttons) >= 2) || len(r.Buttons) > maxRows*maxButtonsInRow
}

// components lays out a reply's buttons: a select menu for a choice, else
// rows of up to five buttons, the first primary. Buttons with the same
// action are shown once.
func (d *Discord) components(ctx context.Context, r bot.Reply) ([]discordgo.MessageComponent, error) {
	out := []discordgo.MessageComponent{}
	if len(r.Buttons) == 0 {
		return out, nil
	}
	seen := map[string]bool{}
	if isChoice(r) {
		menu := discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: pickID}
		for _, b := range r.Buttons {
			id, err := d.encodeAction(ctx, b.Action)
			if err != nil {
				return nil, err
			}
			if seen[id] || len(menu.Options) == maxSelectOpts {
				continue
			}
			seen[id] = true
			menu.Options = append(menu.Options, discordgo.SelectMenuOption{Label: truncate(b.Label, maxOptionLabel), Value: id})
		}
		return append(out, discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}}), nil
	}
	var row discordgo.ActionsRow
	for _, b := range r.Buttons {
		id, err := d.encodeAction(ctx, b.Action)
		if err != nil {
			return nil, err
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		style := discordgo.SecondaryButton
		if len(seen) == 1 {
			style = discordgo.PrimaryButton
		}
		row.Components = append(row.Components, discordgo.Button{Label: truncate(b.Label, maxButtonLabel), Style: style, CustomID: id})
		if len(row.Components) == maxButtonsInRow {
			out = append(out, row)
			row = discordgo.ActionsRow{}
		}
	}
	if len(row.Components) > 0 {
		out = append(out, row)
	}
	return out, nil
}
