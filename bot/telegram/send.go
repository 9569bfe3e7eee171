package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"transferbot/bot"
)

// Notify sends r to a chat that did not ask for it: an alert. channel is
// the chat id in decimal, as in the chat's subscriptions. It blocks until
// Telegram took every message of the reply, keeping to the rate limits and
// retrying as sends do, or gave up. When the chat refuses the bot (403) its
// subscriptions are paused and the error wraps bot.ErrChannelGone.
func (t *Adapter) Notify(ctx context.Context, channel string, r bot.Reply) error {
	chat, err := strconv.ParseInt(channel, 10, 64)
	if err != nil || chat == 0 {
		return fmt.Errorf("telegram: notify: %q is not a Telegram chat id", channel)
	}
	return t.send(ctx, chat, r, 0)
}

// outgoing is one message of a reply, ready to send.
type outgoing struct {
	photo    []byte // the chart, for sendPhoto; nil for sendMessage
	photoKey uint64 // hash of photo, for the file_id cache
	text     message
	markup   *tgbotapi.InlineKeyboardMarkup
	replyTo  int
}

// compose turns a reply into its messages: the chart as a photo (captioned
// with the whole reply when it fits, else with the title), then the text,
// split as needed, with the keyboard under the last message.
func (t *Adapter) compose(ctx context.Context, r bot.Reply) []*outgoing {
	var png []byte
	if r.Chart != nil {
		p, err := t.opts.Charts.PNG(*r.Chart)
		if err != nil {
			t.log.Warn("telegram: chart not drawn; sending the text alone", "err", err)
		} else {
			png = p
		}
	}
	caption, texts := layout(r, png != nil)
	var out []*outgoing
	if png != nil {
		o := &outgoing{photo: png, photoKey: maphash.Bytes(t.seed, png)}
		if caption != nil {
			o.text = *caption
		}
		out = append(out, o)
	}
	for _, m := range texts {
		out = append(out, &outgoing{text: m})
	}
	if len(out) > 0 {
		out[len(out)-1].markup = t.keyboard(ctx, r.Buttons)
	}
	return out
}

// send delivers a reply to a chat, its messages in order and after any
// earlier reply to the same chat; replyTo, if not 0, is the message the
// first one answers.
func (t *Adapter) send(ctx context.Context, chat int64, r bot.Reply, replyTo int) error {
	msgs := t.compose(ctx, r)
	if len(msgs) == 0 {
		t.log.Debug("telegram: empty reply; nothing to send", "chat", chat)
		return nil
	}
	msgs[0].replyTo = replyTo
	cs := t.limits.acquire(chat)
	defer t.limits.release(cs)
	if err := cs.lockChat(ctx); err != nil {
		return fmt.Errorf("telegram: send to chat %d: %w", chat, err)
	}
	defer cs.unlockChat()
	for _, m := range msgs {
		if err := t.deliver(ctx, cs, m); err != nil {
			return err
		}
	}
	return nil
}

// deliver sends one message, within the rate limits: a 429 pauses the chat
// (or every chat) for its retry_after and sends again, however often; server
// and network errors are retried with backoff up to MaxAttempts; a 403
// pauses the chat's subscriptions; other errors (400) are not retried.
func (t *Adapter) deliver(ctx context.Context, cs *chatState, m *outgoing) error {
	what, method := "message", "sendMessage"
	if m.photo != nil {
		what, method = "photo", "sendPhoto"
	}
	chat := cs.id
	plain, migrated, forceUpload := false, false, false
	for attempt := 1; ; {
		fail := func(err error) error {
			return fmt.Errorf("telegram: send %s to chat %d: %w", what, chat, err)
		}
		if err := t.limits.wait(ctx, cs); err != nil {
			return fail(err)
		}
		c, uploading := t.chattable(chat, m, plain, forceUpload)
		resp, err := t.api.do(ctx, method, c, 0)
		if err == nil {
			if uploading {
				t.rememberPhoto(m.photoKey, resp)
			}
			return nil
		}
		ae := asAPIError(err)
		switch {
		case ctx.Err() != nil || ae == nil:
			return fail(err)
		case ae.code == http.StatusTooManyRequests:
			d := max(ae.retryAfter, time.Second)
			t.limits.throttled(cs, d)
			t.obs.RateLimited(Platform)
			t.log.Info("telegram: Telegram asks to slow down; waiting", "chat", chat, "retry_after", d)
			continue
		case ae.code == http.StatusForbidden:
			return t.gone(ctx, chat, fail(fmt.Errorf("%w: %w", bot.ErrChannelGone, err)))
		case ae.code == http.StatusBadRequest && ae.migrateTo != 0 && !migrated:
			t.log.Warn("telegram: the group became a supergroup; sending there", "chat", chat, "to", ae.migrateTo)
			t.moved(ctx, chat, ae.migrateTo)
			chat, migrated = ae.migrateTo, true
			continue
		case ae.code == http.StatusBadRequest && !plain && strings.Contains(ae.desc, "can't parse entities"):
			t.log.Error("telegram: Telegram refused the reply's HTML; sending plain text", "chat", chat, "err", err)
			plain = true
			continue
		case ae.code == http.StatusBadRequest && m.photo != nil && !uploading && !forceUpload:
			t.photos.Remove(m.photoKey) // a file_id Telegram no longer knows: upload again
			forceUpload = true
			continue
		case ae.temporary() && attempt < t.opts.MaxAttempts:
			d := t.backoff(attempt)
			attempt++
			t.obs.Retried(Platform)
			t.log.Debug("telegram: send failed; retrying", "chat", chat, "in", d, "err", err)
			if err := sleep(ctx, d); err != nil {
				return fail(err)
			}
			continue
		}
		return fail(err)
	}
}

// chattable builds the request for one message, and says whether it
// uploads the photo (rather than reuse a file_id Telegram gave earlier).
func (t *Adapter) chattable(chat int64, m *outgoing, plain, forceUpload bool) (tgbotapi.Chattable, bool) {
	base := tgbotapi.BaseChat{ChatID: chat, ReplyToMessageID: m.replyTo, AllowSendingWithoutReply: m.replyTo != 0}
	if m.markup != nil {
		base.ReplyMarkup = *m.markup
	}
	if m.photo != nil {
		var file tgbotapi.RequestFileData = tgbotapi.FileBytes{Name: "chart.png", Bytes: m.photo}
		uploading := true
		if id, ok := t.photos.Get(m.photoKey); ok && !forceUpload {
			file, uploading = tgbotapi.FileID(id), false
		}
		c := tgbotapi.PhotoConfig{BaseFile: tgbotapi.BaseFile{BaseChat: base, File: file}}
		switch {
		case plain:
			c.Caption = m.text.plain
		case m.text.html != "":
			c.Caption, c.ParseMode = m.text.html, tgbotapi.ModeHTML
		}
		return c, uploading
	}
	c := tgbotapi.MessageConfig{BaseChat: base, Text: m.text.html, ParseMode: tgbotapi.ModeHTML, DisableWebPagePreview: true}
	if plain {
		c.Text, c.ParseMode = m.text.plain, ""
	}
	return c, false
}

// rememberPhoto keeps the file_id Telegram gave an uploaded chart, so that
// the same chart is sent again without uploading it.
func (t *Adapter) rememberPhoto(key uint64, resp *tgbotapi.APIResponse) {
	var msg struct {
		Photo []tgbotapi.PhotoSize `json:"photo"`
	}
	if err := json.Unmarshal(resp.Result, &msg); err != nil || len(msg.Photo) == 0 {
		return
	}
	if id := msg.Photo[len(msg.Photo)-1].FileID; id != "" {
		t.photos.Add(key, id)
	}
}

// gone pauses the subscriptions of a chat that refused the bot, and forgets
// that the chat was checked, so that its next message resumes them.
func (t *Adapter) gone(ctx context.Context, chat int64, err error) error {
	t.checked.Remove(chat)
	n, perr := t.core.ChannelGone(context.WithoutCancel(ctx), Platform, strconv.FormatInt(chat, 10), "Telegram refused delivery: "+err.Error())
	if perr != nil {
		t.log.Error("telegram: could not pause the subscriptions of a chat that refuses the bot", "chat", chat, "err", perr)
	} else {
		t.log.Info("telegram: a chat refuses the bot; its subscriptions are paused", "chat", chat, "paused", n, "err", err)
	}
	return err
}
