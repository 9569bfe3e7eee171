package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"transferbot/bot"
)

// Discord's limits on command definitions, in characters.
const (
	maxCommandDescription = 100
	maxOptionDescription  = 100
)

// optionLayout is the option layout of the slash commands where it differs
// from the core's (bot.Commands): /rumours and /subscribe take a player or a
// club as separate options, so that each autocompletes the right names, and
// /unsubscribe takes them optionally (without either it lists the
// channel's subscriptions, with unsubscribe buttons). Required options come
// first, as Discord demands.
var optionLayout = map[string][]bot.OptionInfo{
	bot.CmdRumours:     {{Name: bot.ArgPlayer}, {Name: bot.ArgClub}},
	bot.CmdSubscribe:   {{Name: bot.ArgPlayer}, {Name: bot.ArgClub}, {Name: bot.ArgMinStage}},
	bot.CmdUnsubscribe: {{Name: bot.ArgPlayer}, {Name: bot.ArgClub}},
}

// autocompleted are the options whose values autocomplete.
var autocompleted = map[string]bool{bot.ArgPlayer: true, bot.ArgClub: true, bot.ArgName: true}

// commandDefinitions returns the slash commands to register: the core's
// commands and descriptions, with the option layout of optionLayout.
// Option descriptions are the core's for the same option name.
func commandDefinitions() []*discordgo.ApplicationCommand {
	cmds := bot.Commands()
	descriptions := map[string]string{}
	for _, c := range cmds {
		for _, o := range c.Options {
			if _, ok := descriptions[o.Name]; !ok && o.Description != "" {
				descriptions[o.Name] = o.Description
			}
		}
	}
	var defs []*discordgo.ApplicationCommand
	for _, c := range cmds {
		opts := c.Options
		if l, ok := optionLayout[c.Name]; ok {
			opts = l
		}
		def := &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        c.Name,
			Description: truncate(c.Description, maxCommandDescription),
			Options:     []*discordgo.ApplicationCommandOption{},
		}
		for _, required := range []bool{true, false} {
			for _, o := range opts {
				if o.Required != required {
					continue
				}
				desc := o.Description
				if desc == "" {
					desc = descriptions[o.Name]
				}
				if desc == "" {
					desc = o.Name
				}
				def.Options = append(def.Options, &discordgo.ApplicationCommandOption{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         o.Name,
					Description:  truncate(desc, maxOptionDescription),
					Required:     o.Required,
					Autocomplete: autocompleted[o.Name],
					MaxLength:    bot.MaxNameLen,
				})
			}
		}
		defs = append(defs, def)
	}
	return defs
}

// commandFingerprint is a hash of the definitions and the application id,
// stored after a registration so that an unchanged set is not registered
// again (Discord allows 200 command creations a day per guild).
func commandFingerprint(appID string, defs []*discordgo.ApplicationCommand) (string, []byte, error) {
	body, err := json.Marshal(defs)
	if err != nil {
		return "", nil, err
	}
	h := sha256.New()
	h.Write([]byte(appID + "\x00"))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil)), body, nil
}

// commandsStateKey is the state key of the fingerprint registered in a
// guild, or globally for "".
func commandsStateKey(guild string) string {
	if guild == "" {
		return "discord/commands/global"
	}
	return "discord/commands/" + guild
}

// commandScopesKey is the state key of the scopes (guild ids, "" for
// global) where the application's commands are registered, space
// separated: so that a scope dropped from the configuration (a guild
// removed from Options.Guilds, or guilds given up for global registration,
// or the reverse) has its stale commands deleted.
func commandScopesKey(appID string) string { return "discord/commands/scopes/" + appID }

// RegisterCommands registers the slash commands with a bulk overwrite, in
// each guild of Options.Guilds or else globally, where they changed since
// the last registration (their fingerprint is kept in the core's state),
// then deletes them (a bulk overwrite with none) from the scopes where an
// earlier start registered them and that are no longer configured. It
// reports whether any registration or deletion was sent. Run calls it.
func (d *Discord) RegisterCommands(ctx context.Context) (bool, error) {
	defs := commandDefinitions()
	sum, _, err := commandFingerprint(d.opts.ApplicationID, defs)
	if err != nil {
		return false, fmt.Errorf("discord: register commands: %w", err)
	}
	scopes := d.opts.Guilds
	if len(scopes) == 0 {
		scopes = []string{""}
	}
	registered, err := d.registeredScopes(ctx)
	if err != nil {
		return false, fmt.Errorf("discord: register commands: %w", err)
	}
	sent := false
	for _, guild := range scopes {
		key := commandsStateKey(guild)
		old, ok, err := d.core.State(ctx, key)
		if err != nil {
			return sent, fmt.Errorf("discord: register commands: %w", err)
		}
		if ok && old == sum {
			d.log.Debug("discord: commands unchanged, not registered again", "scope", scopeName(guild))
			if !slices.Contains(registered, guild) {
				registered = append(registered, guild)
				if err := d.saveScopes(ctx, registered); err != nil {
					return sent, err
				}
			}
			continue
		}
		if _, err := d.rest.call(ctx, "PUT", d.commandsPath(guild), defs); err != nil {
			return sent, fmt.Errorf("discord: register commands %s: %w", scopeName(guild), err)
		}
		sent = true
		if err := d.core.SetState(ctx, key, sum); err != nil {
			return sent, fmt.Errorf("discord: register commands: %w", err)
		}
		if !slices.Contains(registered, guild) {
			registered = append(registered, guild)
			if err := d.saveScopes(ctx, registered); err != nil {
				return sent, err
			}
		}
		d.log.Info("discord: commands registered", "scope", scopeName(guild), "commands", len(defs))
	}
	// Only once the configured scopes have their commands: moving from
	// guilds to global (or back) leaves no moment without them.
	for _, stale := range slices.Clone(registered) {
		if slices.Contains(scopes, stale) {
			continue
		}
		if _, err := d.rest.call(ctx, "PUT", d.commandsPath(stale), []*discordgo.ApplicationCommand{}); err != nil {
			return sent, fmt.Errorf("discord: delete stale commands %s: %w", scopeName(stale), err)
		}
		sent = true
		if err := d.core.SetState(ctx, commandsStateKey(stale), ""); err != nil {
			return sent, fmt.Errorf("discord: delete stale commands: %w", err)
		}
		registered = slices.DeleteFunc(registered, func(s string) bool { return s == stale })
		if err := d.saveScopes(ctx, registered); err != nil {
			return sent, err
		}
		d.log.Info("discord: stale commands deleted; that scope is no longer configured", "scope", scopeName(stale))
	}
	return sent, nil
}

// registeredScopes returns the scopes where the commands are registered
// (see commandScopesKey). A database from before the list was kept has
// none, but the global registration is known by its fingerprint.
func (d *Discord) registeredScopes(ctx context.Context) ([]string, error) {
	v, ok, err := d.core.State(ctx, commandScopesKey(d.opts.ApplicationID))
	if err != nil {
		return nil, err
	}
	if !ok {
		fp, ok, err := d.core.State(ctx, commandsStateKey(""))
		if err != nil {
			return nil, err
		}
		if ok && fp != "" {
			return []string{""}, nil
		}
		return nil, nil
	}
	var out []string
	for _, s := range strings.Fields(v) {
		if s == "global" {
			s = ""
		}
		out = append(out, s)
	}
	return out, nil
}

// saveScopes stores the scopes where the commands are registered.
func (d *Discord) saveScopes(ctx context.Context, scopes []string) error {
	words := make([]string, len(scopes))
	for i, s := range scopes {
		words[i] = s
		if s == "" {
			words[i] = "global"
		}
	}
	if err := d.core.SetState(ctx, commandScopesKey(d.opts.ApplicationID), strings.Join(words, " ")); err != nil {
		return fmt.Errorf("discord: register commands: %w", err)
	}
	return nil
}

// commandsPath is the REST path of the application's commands in guild, or
// its global commands for "".
func (d *Discord) commandsPath(guild string) string {
	if guild == "" {
		return "/applications/" + d.opts.ApplicationID + "/commands"
	}
	return "/applications/" + d.opts.ApplicationID + "/guilds/" + guild + "/commands"
}

// scopeName words a scope for logs and errors.
func scopeName(guild string) string {
	if guild == "" {
		return "globally"
	}
	return "in guild " + guild
}
