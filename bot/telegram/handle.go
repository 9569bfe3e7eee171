package telegram

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"transferbot/bot"
)

// allowedUpdates are the update kinds the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// Chat types.
const (
	chatPrivate    = "private"
	chatGroup      = "group"
	chatSupergroup = "supergroup"
)

// maxAlertLen is the longest callback answer Telegram shows as an alert.
const maxAlertLen = 200

// route returns the chat an update belongs to; false for updates the bot
// does not act on.
func route(u *tgbotapi.Update) (int64, bool) {
	switch {
	case u.Message != nil:
		if u.Message.Chat != nil {
			return u.Message.Chat.ID, true
		}
	case u.CallbackQuery != nil:
		return callbackChat(u.CallbackQuery), true
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID, true
	}
	return 0, false
}

func callbackChat(q *tgbotapi.CallbackQuery) int64 {
	if q.Message != nil && q.Message.Chat != nil {
		return q.Message.Chat.ID
	}
	return 0
}

// enqueue hands an update to the dispatcher; done is called when it has
// been handled. Updates the bot does not act on are done at once.
func (t *Adapter) enqueue(id int, u *tgbotapi.Update, done func(handled bool)) bool {
	chat, ok := route(u)
	if !ok {
		done(true)
		return true
	}
	return t.disp.submit(&job{id: id, chat: chat, update: u, done: done})
}

// handleUpdate acts on one update; the dispatcher calls it.
func (t *Adapter) handleUpdate(ctx context.Context, u *tgbotapi.Update) {
	start := time.Now()
	switch {
	case u.Message != nil:
		t.onMessage(ctx, u.Message)
		t.obs.Handled(Platform, "message", time.Since(start))
	case u.CallbackQuery != nil:
		t.onCallback(ctx, u.CallbackQuery)
		t.obs.Handled(Platform, "callback", time.Since(start))
	case u.MyChatMember != nil:
		t.onMembership(ctx, u.MyChatMember)
		t.obs.Handled(Platform, "membership", 0)
	}
}

// onMessage answers a message addressed to the bot, in a private chat or a
// group (channels are not served).
func (t *Adapter) onMessage(ctx context.Context, m *tgbotapi.Message) {
	chat := m.Chat
	if chat == nil || (chat.Type != chatPrivate && chat.Type != chatGroup && chat.Type != chatSupergroup) {
		return
	}
	if m.MigrateToChatID != 0 {
		// The service message in a group that became a supergroup.
		t.moved(ctx, chat.ID, m.MigrateToChatID)
		return
	}
	// An anonymous admin speaks as the group itself. Other messages on
	// behalf of a chat (a linked channel's posts) and messages from bots
	// are not questions for this bot.
	anonAdmin := m.SenderChat != nil && m.SenderChat.ID == chat.ID
	if !anonAdmin && (m.SenderChat != nil || m.From == nil || m.From.IsBot) {
		return
	}
	t.welcomeBack(ctx, chat.ID)
	text, ok := t.addressed(m)
	if !ok {
		return
	}
	req := bot.Request{Platform: Platform, Channel: strconv.FormatInt(chat.ID, 10), Text: text}
	switch {
	case anonAdmin:
		req.User = "chat:" + req.Channel
	case m.From != nil:
		req.User = strconv.FormatInt(m.From.ID, 10)
	}
	private := chat.Type == chatPrivate
	if private {
		req.CanManage = true
	} else if t.core.NeedsManage(ctx, req) {
		req.CanManage = anonAdmin || t.isAdmin(ctx, chat.ID, m.From.ID)
	}
	reply := t.answer(ctx, req)
	replyTo := 0
	if !private {
		replyTo = m.MessageID
	}
	if err := t.send(ctx, chat.ID, reply, replyTo); err != nil {
		t.log.Warn("telegram: reply not delivered", "chat", chat.ID, "err", err)
	}
}

// addressed returns the text to hand to the core, and whether the message
// is for the bot: everything in a private chat; in a group, the bot's
// commands (bare or /command@thisbot), messages that mention it and
// replies to its messages. A command for another bot (/where@otherbot) is
// never for this one.
func (t *Adapter) addressed(m *tgbotapi.Message) (string, bool) {
	text := m.Text
	if strings.TrimSpace(text) == "" {
		return "", false
	}
	if m.Chat.Type == chatPrivate {
		return text, true
	}
	me := t.self.Load()
	if me == nil {
		return "", false
	}
	if strings.HasPrefix(text, "/") {
		word := text
		if i := strings.IndexFunc(text, isSpaceRune); i >= 0 {
			word = text[:i]
		}
		if _, at, ok := strings.Cut(word, "@"); ok {
			return text, me.UserName != "" && strings.EqualFold(at, me.UserName)
		}
		if bot.IsCommand(word) {
			return text, true
		}
	}
	if rest, ok := stripMention(text, me.UserName); ok {
		return rest, true
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == me.ID {
		return text, true
	}
	return "", false
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// stripMention removes every @username mention from text and reports
// whether there was one. It matches whole mentions, ignoring ASCII case:
// "@TransferBot," matches "transferbot", "@transferbot_fan" does not.
func stripMention(text, username string) (string, bool) {
	if username == "" {
		return text, false
	}
	var b strings.Builder
	found := false
	last := 0
	for i := 0; i+1+len(username) <= len(text); i++ {
		if text[i] != '@' || (i > 0 && isNameByte(text[i-1])) {
			continue
		}
		end := i + 1 + len(username)
		if !equalFoldASCII(text[i+1:end], username) || (end < len(text) && isNameByte(text[end])) {
			continue
		}
		b.WriteString(text[last:i])
		last = end
		found = true
		i = end - 1
	}
	if !found {
		return text, false
	}
	b.WriteString(text[last:])
	return strings.Join(strings.Fields(b.String()), " "), true
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// onCallback acts on a button press: the button's action, as if the user
// had typed it in the chat of the message the button is under.
func (t *Adapter) onCallback(ctx context.Context, q *tgbotapi.CallbackQuery) {
	if q.Message == nil || q.Message.Chat == nil || q.From == nil {
		t.answerCallback(ctx, q.ID, "")
		return
	}
	chat := q.Message.Chat
	t.welcomeBack(ctx, chat.ID)
	action, ok := t.action(ctx, q.Data)
	if !ok {
		t.log.Warn("telegram: a button press with unknown data", "chat", chat.ID)
		t.answerCallback(ctx, q.ID, "")
		return
	}
	req := bot.Request{
		Platform: Platform,
		Channel:  strconv.FormatInt(chat.ID, 10),
		User:     strconv.FormatInt(q.From.ID, 10),
		Text:     action,
	}
	private := chat.Type == chatPrivate
	if private {
		req.CanManage = true
	} else if t.core.NeedsManage(ctx, req) {
		req.CanManage = t.isAdmin(ctx, chat.ID, q.From.ID)
	}
	reply := t.answer(ctx, req)
	// In a group, a short reply meant for the presser alone (a refusal)
	// shows as an alert to them rather than a message to everyone.
	if !private && reply.Ephemeral && len(reply.Buttons) == 0 && len(reply.Lines) == 0 && reply.Chart == nil {
		if text := strings.TrimSpace(reply.PlainText()); text != "" && utf8.RuneCountInString(text) <= maxAlertLen {
			t.answerCallback(ctx, q.ID, text)
			return
		}
	}
	t.answerCallback(ctx, q.ID, "")
	if err := t.send(ctx, chat.ID, reply, 0); err != nil {
		t.log.Warn("telegram: reply not delivered", "chat", chat.ID, "err", err)
	}
}

// answerCallback stops the button's progress indicator, showing text as an
// alert if there is any.
func (t *Adapter) answerCallback(ctx context.Context, id, text string) {
	c := tgbotapi.NewCallback(id, text)
	c.ShowAlert = text != ""
	if _, err := t.call(ctx, "answerCallbackQuery", c, nil); err != nil {
		t.log.Warn("telegram: could not answer a button press", "err", err)
	}
}

// onMembership follows the bot's own membership: removed from a group or
// blocked in a private chat, the chat's subscriptions pause; back, they
// resume.
func (t *Adapter) onMembership(ctx context.Context, u *tgbotapi.ChatMemberUpdated) {
	chat := u.Chat.ID
	channel := strconv.FormatInt(chat, 10)
	switch u.NewChatMember.Status {
	case "kicked", "left":
		t.checked.Remove(chat)
		n, err := t.core.ChannelGone(ctx, Platform, channel, "the bot was removed from the chat (status "+u.NewChatMember.Status+")")
		if err != nil {
			t.log.Error("telegram: could not pause the subscriptions of a chat that removed the bot", "chat", chat, "err", err)
			return
		}
		t.log.Info("telegram: removed from a chat; its subscriptions are paused", "chat", chat, "paused", n)
	case "member", "administrator", "creator", "restricted":
		t.checked.Remove(chat)
		t.welcomeBack(ctx, chat)
	}
}

// welcomeBack resumes the paused subscriptions of a chat heard from, once
// per chat per process.
func (t *Adapter) welcomeBack(ctx context.Context, chat int64) {
	if t.checked.Contains(chat) {
		return
	}
	n, notice, err := t.core.ChannelBack(ctx, Platform, strconv.FormatInt(chat, 10))
	if err != nil {
		t.log.Warn("telegram: could not check a chat's paused subscriptions", "chat", chat, "err", err)
		return
	}
	t.checked.Add(chat, struct{}{})
	if n > 0 {
		t.log.Info("telegram: a chat is back; its subscriptions resume", "chat", chat, "resumed", n)
		if err := t.send(ctx, chat, notice, 0); err != nil {
			t.log.Warn("telegram: could not tell a chat its alerts resume", "chat", chat, "err", err)
		}
	}
}

// isAdmin reports whether user administers the group (creator or
// administrator), asking Telegram (getChatMember) unless it asked lately.
// When Telegram cannot say, the user is not treated as an admin.
func (t *Adapter) isAdmin(ctx context.Context, chat, user int64) bool {
	key := adminKey{chat, user}
	if e, ok := t.admins.Get(key); ok && time.Now().Before(e.until) {
		return e.admin
	}
	resp, err := t.call(ctx, "getChatMember", tgbotapi.GetChatMemberConfig{
		ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chat, UserID: user},
	}, nil)
	if err != nil {
		t.log.Warn("telegram: could not look up a group member's rights", "chat", chat, "user", user, "err", err)
		return false
	}
	var m tgbotapi.ChatMember
	if err := json.Unmarshal(resp.Result, &m); err != nil {
		t.log.Warn("telegram: unexpected getChatMember answer", "chat", chat, "err", err)
		return false
	}
	admin := m.Status == "creator" || m.Status == "administrator"
	t.admins.Add(key, adminEntry{admin: admin, until: time.Now().Add(t.opts.AdminCacheTTL)})
	return admin
}

// answer asks the core, a bounded number of requests at a time (the work
// is CPU and database; more at once would only queue inside).
func (t *Adapter) answer(ctx context.Context, req bot.Request) bot.Reply {
	acquired := false
	select {
	case t.handling <- struct{}{}:
		acquired = true
	case <-ctx.Done():
	}
	reply := t.core.Handle(ctx, req)
	if acquired {
		<-t.handling
	}
	if reply.Err != nil {
		t.log.Error("telegram: the core failed to answer", "chat", req.Channel, "err", reply.Err)
	}
	return reply
}

// moved carries a group's subscriptions over to the id Telegram gave it when
// it became a supergroup.
func (t *Adapter) moved(ctx context.Context, from, to int64) {
	n, err := t.core.ChannelMoved(ctx, Platform, strconv.FormatInt(from, 10), strconv.FormatInt(to, 10))
	if err != nil {
		t.log.Error("telegram: moving the subscriptions of an upgraded group failed", "chat", from, "to", to, "err", err)
		return
	}
	if n > 0 {
		t.log.Info("telegram: the group became a supergroup; its subscriptions moved", "chat", from, "to", to, "subscriptions", n)
	}
}
