package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"transferbot/bot"
)

// Callback data, at most 64 bytes, is "a:" and the button's action when
// that fits, else "k:" and a key under which the action is stored in the
// adapter state (buttonKeyPrefix + key), so that buttons keep working after
// a restart.
const (
	maxCallbackData = 64
	actionPrefix    = "a:"
	keyPrefix       = "k:"
	buttonKeyPrefix = "telegram/button/"
	buttonKeyLen    = 16 // base64url characters: 96 bits of SHA-256
)

// keyboard turns buttons into an inline keyboard, one button per row;
// nil when there are none.
func (t *Adapter) keyboard(ctx context.Context, buttons []bot.Button) *tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, b := range buttons {
		if b.Label == "" || b.Action == "" {
			continue
		}
		data, err := t.callbackData(ctx, b.Action)
		if err != nil {
			t.log.Warn("telegram: leaving a button out", "button", b.Label, "err", err)
			continue
		}
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(b.Label, data)))
	}
	if len(rows) == 0 {
		return nil
	}
	m := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &m
}

// callbackData returns the callback data for an action, storing the action
// first when it is too long to carry.
func (t *Adapter) callbackData(ctx context.Context, action string) (string, error) {
	if len(actionPrefix)+len(action) <= maxCallbackData && utf8.ValidString(action) {
		return actionPrefix + action, nil
	}
	sum := sha256.Sum256([]byte(action))
	key := base64.RawURLEncoding.EncodeToString(sum[:])[:buttonKeyLen]
	if _, ok := t.buttons.Get(key); !ok {
		if err := t.core.SetState(ctx, buttonKeyPrefix+key, action); err != nil {
			return "", fmt.Errorf("telegram: store button action: %w", err)
		}
		t.buttons.Add(key, action)
	}
	return keyPrefix + key, nil
}

// action returns the action a button's callback data stands for; false for
// data this adapter did not make or whose action is not stored.
func (t *Adapter) action(ctx context.Context, data string) (string, bool) {
	if a, ok := strings.CutPrefix(data, actionPrefix); ok {
		return a, a != ""
	}
	key, ok := strings.CutPrefix(data, keyPrefix)
	if !ok || len(key) != buttonKeyLen || strings.IndexFunc(key, notKeyRune) >= 0 {
		return "", false
	}
	if a, ok := t.buttons.Get(key); ok {
		return a, true
	}
	a, ok, err := t.core.State(ctx, buttonKeyPrefix+key)
	if err != nil {
		t.log.Warn("telegram: reading a button's action", "err", err)
		return "", false
	}
	if !ok || a == "" {
		return "", false
	}
	t.buttons.Add(key, a)
	return a, true
}

func notKeyRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
}
