package main

import (
	"context"
	"errors"
	"fmt"

	"transferbot/bot"
	"transferbot/bot/discord"
	"transferbot/bot/telegram"
)

// frontEnd is a platform adapter that Main runs: it serves users until ctx
// ends.
type frontEnd struct {
	platform string
	run      func(ctx context.Context) error
	notifier bot.Notifier // sends alerts to the platform's channels
}

// frontEnds builds the adapters the configuration enables: Telegram when
// telegram.token is set, Discord when discord.token is set.
// obs, when not nil, is told what they do (the ops listener's Monitor).
func (m *Main) frontEnds(obs bot.AdapterObserver) ([]frontEnd, error) {
	var fronts []frontEnd
	if tg := m.Config.Telegram; tg.Token != "" {
		a, err := telegram.New(m.core, telegram.Options{
			Token:             tg.Token,
			APIURL:            tg.APIURL,
			WebhookURL:        tg.Webhook.URL,
			WebhookListen:     tg.Webhook.Listen,
			WebhookSecret:     tg.Webhook.Secret,
			PollTimeout:       tg.PollTimeout,
			PerChat:           tg.Limits.PerChat,
			PerGroupPerMinute: tg.Limits.PerGroupPerMinute,
			Global:            tg.Limits.Global,
			Logger:            m.Logger,
			Charts:            m.charts,
			Observer:          obs,
			Inbox:             m.store,
		})
		if err != nil {
			return nil, fmt.Errorf("transferbot: %w", err)
		}
		fronts = append(fronts, frontEnd{platform: "telegram", run: a.Run, notifier: a})
	}
	if dc := m.Config.Discord; dc.Token != "" {
		d, err := discord.New(m.core, discord.Options{
			Token:              dc.Token,
			ApplicationID:      dc.ApplicationID,
			PublicKey:          dc.PublicKey,
			Guilds:             dc.Guilds,
			APIURL:             dc.APIURL,
			InteractionsListen: dc.Interactions.Listen,
			TimestampWindow:    dc.Interactions.TimestampWindow,
			ShardID:            dc.ShardID,
			ShardCount:         dc.ShardCount,
			RequestsPerSecond:  dc.RequestsPerSecond,
			Logger:             m.Logger,
			Charts:             m.charts,
			Observer:           obs,
		})
		if err != nil {
			return nil, fmt.Errorf("transferbot: %w", err)
		}
		run := func(ctx context.Context) error {
			err := d.Run(ctx)
			if errors.Is(err, discord.ErrTokenRefused) {
				return &tokenRefused{who: "Discord", key: "discord.token", err: err}
			}
			return err
		}
		fronts = append(fronts, frontEnd{platform: "discord", run: run, notifier: d})
	}
	return fronts, nil
}

// tokenRefused is a platform's refusal of the bot's token, worded for the
// operator: who refused it and which configuration key to check.
type tokenRefused struct {
	who, key string
	err      error
}

func (e *tokenRefused) Error() string {
	return fmt.Sprintf("%s refused the token (check %s): %v", e.who, e.key, e.err)
}

func (e *tokenRefused) Unwrap() error { return e.err }
