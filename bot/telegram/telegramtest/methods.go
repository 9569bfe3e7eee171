package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// call answers one Bot API method.
func (s *Server) call(ctx context.Context, req *Request) result {
	switch req.Method {
	case "getMe":
		return ok(s.me())
	case "getUpdates":
		return s.getUpdates(ctx, req)
	case "sendMessage":
		return s.sendMessage(req)
	case "sendPhoto":
		return s.sendPhoto(req)
	case "answerCallbackQuery":
		return s.answerCallback(req)
	case "getChatMember":
		return s.getChatMember(req)
	case "getChatAdministrators":
		return s.getChatAdministrators(req)
	case "setMyCommands":
		return s.setMyCommands(req)
	case "setWebhook":
		return s.setWebhook(req)
	case "deleteWebhook":
		return s.deleteWebhook(req)
	case "getWebhookInfo":
		wh := s.Webhook()
		return ok(map[string]any{"url": wh.URL, "has_custom_certificate": false, "pending_update_count": s.Pending()})
	}
	return fail(404, "Not Found: method not found")
}

func (s *Server) me() map[string]any {
	return map[string]any{
		"id": s.Bot.ID, "is_bot": true, "first_name": s.Bot.FirstName, "username": s.Bot.UserName,
		"can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false,
	}
}

func (s *Server) getUpdates(ctx context.Context, req *Request) result {
	offset, _ := strconv.Atoi(req.Params.Get("offset"))
	limit, _ := strconv.Atoi(req.Params.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(req.Params.Get("timeout"))
	if a := req.Params.Get("allowed_updates"); a != "" {
		var list []string
		if err := json.Unmarshal([]byte(a), &list); err != nil {
			return fail(400, "Bad Request: can't parse allowed_updates JSON array")
		}
	}
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()

	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	}
	s.activePolls++
	s.broadcast()
	defer func() {
		s.mu.Lock()
		s.activePolls--
		s.broadcast()
		s.mu.Unlock()
	}()
	for {
		// An offset confirms every update before it: Telegram forgets them.
		if offset > 0 {
			i := 0
			for i < len(s.updates) && s.updates[i].id < offset {
				i++
			}
			s.updates = s.updates[i:]
		}
		var out []json.RawMessage
		for _, u := range s.updates {
			if len(out) == limit {
				break
			}
			if u.id >= offset {
				out = append(out, u.raw)
			}
		}
		ch := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			return ok(out)
		}
		select {
		case <-ch:
		case <-deadline.C:
			return ok([]json.RawMessage{})
		case <-ctx.Done():
			return fail(499, "client went away")
		}
		s.mu.Lock()
	}
}

func (s *Server) chatFor(id int64) map[string]any {
	switch {
	case id > 0:
		return map[string]any{"id": id, "type": "private", "first_name": "User " + strconv.FormatInt(id, 10)}
	case id < -1000000000000:
		return map[string]any{"id": id, "type": "supergroup", "title": "Supergroup " + strconv.FormatInt(-id, 10)}
	}
	return map[string]any{"id": id, "type": "group", "title": "Group " + strconv.FormatInt(-id, 10)}
}

// checkCommon validates what sendMessage and sendPhoto share: the chat and
// the inline keyboard.
func (s *Server) checkCommon(req *Request) (int64, *result) {
	raw := req.Params.Get("chat_id")
	if raw == "" {
		r := fail(400, "Bad Request: chat_id is empty")
		return 0, &r
	}
	chat, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || chat == 0 {
		r := fail(400, "Bad Request: chat not found")
		return 0, &r
	}
	if m := req.Params.Get("reply_markup"); m != "" {
		var kb tgbotapi.InlineKeyboardMarkup
		if err := json.Unmarshal([]byte(m), &kb); err != nil {
			r := fail(400, "Bad Request: can't parse reply keyboard markup JSON object")
			return 0, &r
		}
		for _, row := range kb.InlineKeyboard {
			for _, b := range row {
				if b.Text == "" {
					r := fail(400, "Bad Request: text buttons are unallowed in the inline keyboard")
					return 0, &r
				}
				if b.CallbackData == nil || len(*b.CallbackData) < 1 || len(*b.CallbackData) > MaxCallbackDataLen || !utf8.ValidString(*b.CallbackData) {
					r := fail(400, "Bad Request: BUTTON_DATA_INVALID")
					return 0, &r
				}
			}
		}
	}
	return chat, nil
}

func (s *Server) sendMessage(req *Request) result {
	chat, bad := s.checkCommon(req)
	if bad != nil {
		return *bad
	}
	text := req.Params.Get("text")
	if strings.TrimSpace(text) == "" {
		return fail(400, "Bad Request: message text is empty")
	}
	shown := text
	if strings.EqualFold(req.Params.Get("parse_mode"), "HTML") {
		var err error
		if shown, err = VisibleHTML(text); err != nil {
			return fail(400, "Bad Request: can't parse entities: "+err.Error())
		}
	}
	if Len(shown) > MaxMessageLen {
		return fail(400, "Bad Request: message is too long")
	}
	s.mu.Lock()
	id := s.nextMessage
	s.nextMessage++
	s.mu.Unlock()
	return ok(map[string]any{
		"message_id": id, "date": time.Now().Unix(), "chat": s.chatFor(chat),
		"from": s.me(), "text": shown,
	})
}

func (s *Server) sendPhoto(req *Request) result {
	chat, bad := s.checkCommon(req)
	if bad != nil {
		return *bad
	}
	caption := req.Params.Get("caption")
	if strings.EqualFold(req.Params.Get("parse_mode"), "HTML") {
		var err error
		if caption, err = VisibleHTML(caption); err != nil {
			return fail(400, "Bad Request: can't parse entities: "+err.Error())
		}
	}
	if Len(caption) > MaxCaptionLen {
		return fail(400, "Bad Request: message caption is too long")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var fileID string
	if f, ok := req.Files["photo"]; ok {
		if !isImage(f.Data) {
			return fail(400, "Bad Request: IMAGE_PROCESS_FAILED")
		}
		fileID = fmt.Sprintf("AgACAgQAAxkDfake%06d", s.nextFile)
		s.nextFile++
		s.files[fileID] = true
	} else {
		fileID = req.Params.Get("photo")
		if fileID == "" {
			return fail(400, "Bad Request: there is no photo in the request")
		}
		if !s.files[fileID] {
			return fail(400, "Bad Request: wrong file identifier/HTTP URL specified")
		}
	}
	id := s.nextMessage
	s.nextMessage++
	msg := map[string]any{
		"message_id": id, "date": time.Now().Unix(), "chat": s.chatFor(chat), "from": s.me(),
		"photo": []map[string]any{
			{"file_id": fileID + "s", "file_unique_id": "AQADs" + fileID[len(fileID)-6:], "width": 320, "height": 200, "file_size": 9000},
			{"file_id": fileID, "file_unique_id": "AQADm" + fileID[len(fileID)-6:], "width": 640, "height": 400, "file_size": 30000},
		},
	}
	if caption != "" {
		msg["caption"] = caption
	}
	return ok(msg)
}

// isImage checks for PNG or JPEG magic bytes.
func isImage(b []byte) bool {
	return strings.HasPrefix(string(b), "\x89PNG\r\n\x1a\n") || strings.HasPrefix(string(b), "\xff\xd8\xff")
}

func (s *Server) answerCallback(req *Request) result {
	id := req.Params.Get("callback_query_id")
	s.mu.Lock()
	known := s.callbacks[id]
	delete(s.callbacks, id)
	s.mu.Unlock()
	if !known {
		return fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
	}
	if utf8.RuneCountInString(req.Params.Get("text")) > 200 {
		return fail(400, "Bad Request: MESSAGE_TOO_LONG")
	}
	return ok(true)
}

func (s *Server) status(chat, user int64) string {
	if st, ok := s.members[chat][user]; ok {
		return st
	}
	return "member"
}

func (s *Server) getChatMember(req *Request) result {
	chat, err1 := strconv.ParseInt(req.Params.Get("chat_id"), 10, 64)
	user, err2 := strconv.ParseInt(req.Params.Get("user_id"), 10, 64)
	if err1 != nil || err2 != nil || chat == 0 || user == 0 {
		return fail(400, "Bad Request: invalid user_id specified")
	}
	s.mu.Lock()
	st := s.status(chat, user)
	s.mu.Unlock()
	return ok(map[string]any{"user": map[string]any{"id": user, "is_bot": false, "first_name": "User"}, "status": st})
}

func (s *Server) getChatAdministrators(req *Request) result {
	chat, err := strconv.ParseInt(req.Params.Get("chat_id"), 10, 64)
	if err != nil || chat == 0 {
		return fail(400, "Bad Request: chat not found")
	}
	if chat > 0 {
		return fail(400, "Bad Request: there are no administrators in the private chat")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for user, st := range s.members[chat] {
		if st == "creator" || st == "administrator" {
			out = append(out, map[string]any{"user": map[string]any{"id": user, "is_bot": false, "first_name": "User"}, "status": st})
		}
	}
	if out == nil {
		out = []map[string]any{}
	}
	return ok(out)
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func (s *Server) setMyCommands(req *Request) result {
	var cmds []tgbotapi.BotCommand
	if err := json.Unmarshal([]byte(req.Params.Get("commands")), &cmds); err != nil {
		return fail(400, "Bad Request: can't parse commands JSON array")
	}
	if len(cmds) > 100 {
		return fail(400, "Bad Request: too many commands")
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) {
			return fail(400, "Bad Request: BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 256 {
			return fail(400, "Bad Request: command description must be 1-256 characters")
		}
	}
	s.mu.Lock()
	s.commands = cmds
	s.mu.Unlock()
	return ok(true)
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (s *Server) setWebhook(req *Request) result {
	u := req.Params.Get("url")
	secret := req.Params.Get("secret_token")
	if secret != "" && !secretToken.MatchString(secret) {
		return fail(400, "Bad Request: secret token contains unallowed characters")
	}
	var allowed []string
	if a := req.Params.Get("allowed_updates"); a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			return fail(400, "Bad Request: can't parse allowed_updates JSON array")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = Webhook{URL: u, Secret: secret, AllowedUpdates: allowed}
	if u == "" {
		s.webhook = Webhook{}
	}
	return ok(true)
}

func (s *Server) deleteWebhook(req *Request) result {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = Webhook{}
	if req.Params.Get("drop_pending_updates") == "true" {
		s.updates = nil
	}
	return ok(true)
}

// Push queues an update for getUpdates and returns its update_id, which it
// assigns when u.UpdateID is 0.
func (s *Server) Push(u tgbotapi.Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.UpdateID == 0 {
		u.UpdateID = s.nextUpdate
	}
	raw, err := json.Marshal(u)
	if err != nil {
		panic(err) // tgbotapi.Update always marshals
	}
	s.queue(u.UpdateID, raw)
	return u.UpdateID
}

// PushRaw queues raw JSON as an update, as if Telegram had sent it, and
// returns the update_id the raw JSON has, or a fresh one if it has none
// readable (the JSON is queued unchanged either way).
func (s *Server) PushRaw(raw string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var head struct {
		UpdateID int `json:"update_id"`
	}
	id := s.nextUpdate
	if json.Unmarshal([]byte(raw), &head) == nil && head.UpdateID != 0 {
		id = head.UpdateID
	}
	s.queue(id, []byte(raw))
	return id
}

// queue adds an update; s.mu must be held.
func (s *Server) queue(id int, raw []byte) {
	s.updates = append(s.updates, queued{id: id, raw: raw})
	if id >= s.nextUpdate {
		s.nextUpdate = id + 1
	}
	s.broadcast()
}

// NextUpdateID returns the update_id the next pushed update will get and
// reserves it.
func (s *Server) NextUpdateID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpdate
	s.nextUpdate++
	return id
}

func (s *Server) encodeUpdate(u tgbotapi.Update) ([]byte, error) {
	if u.UpdateID == 0 {
		u.UpdateID = s.NextUpdateID()
	}
	return json.Marshal(u)
}

// PrivateChat returns the private chat with a user.
func PrivateChat(user int64) tgbotapi.Chat {
	return tgbotapi.Chat{ID: user, Type: "private", FirstName: "User"}
}

// GroupChat returns a basic group; id must be negative.
func GroupChat(id int64) tgbotapi.Chat {
	return tgbotapi.Chat{ID: id, Type: "group", Title: "Group " + strconv.FormatInt(-id, 10)}
}

// SupergroupChat returns a supergroup; id must be negative, and is usually
// below -1000000000000.
func SupergroupChat(id int64) tgbotapi.Chat {
	return tgbotapi.Chat{ID: id, Type: "supergroup", Title: "Supergroup " + strconv.FormatInt(-id, 10)}
}

// User returns a (human) user.
func User(id int64) tgbotapi.User {
	return tgbotapi.User{ID: id, FirstName: "User" + strconv.FormatInt(id, 10), LanguageCode: "en"}
}

// Text returns a message update from a user in a chat, with the entities
// Telegram would add: a bot_command for a leading /command and a mention
// for each @username. It is not queued: Push it, or Deliver it.
func (s *Server) Text(chat tgbotapi.Chat, from tgbotapi.User, text string) tgbotapi.Update {
	s.mu.Lock()
	id := s.nextMessage
	s.nextMessage++
	s.mu.Unlock()
	c := chat
	f := from
	return tgbotapi.Update{Message: &tgbotapi.Message{
		MessageID: id, From: &f, Chat: &c, Date: int(time.Now().Unix()),
		Text: text, Entities: Entities(text),
	}}
}

// AnonymousAdmin returns a message update that an anonymous administrator
// sent on behalf of a group: from GroupAnonymousBot, sender_chat the group.
func (s *Server) AnonymousAdmin(group tgbotapi.Chat, text string) tgbotapi.Update {
	u := s.Text(group, GroupAnonymousBot, text)
	sender := group
	u.Message.SenderChat = &sender
	return u
}

// ReplyToBot returns a message update that replies to one of the bot's
// messages.
func (s *Server) ReplyToBot(chat tgbotapi.Chat, from tgbotapi.User, text string) tgbotapi.Update {
	u := s.Text(chat, from, text)
	me := s.Bot
	c := chat
	u.Message.ReplyToMessage = &tgbotapi.Message{MessageID: u.Message.MessageID - 1, From: &me, Chat: &c, Text: "an earlier answer"}
	return u
}

// Callback returns a callback_query update: from pressed a button carrying
// data under one of the bot's messages in chat. The query id is one the
// server will accept in answerCallbackQuery.
func (s *Server) Callback(chat tgbotapi.Chat, from tgbotapi.User, data string) tgbotapi.Update {
	s.mu.Lock()
	id := fmt.Sprintf("cbq%d", s.nextMessage)
	msgID := s.nextMessage
	s.nextMessage++
	s.callbacks[id] = true
	s.mu.Unlock()
	me := s.Bot
	c := chat
	f := from
	return tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID: id, From: &f, ChatInstance: "ci" + strconv.FormatInt(chat.ID, 10), Data: data,
		Message: &tgbotapi.Message{MessageID: msgID, From: &me, Chat: &c, Date: int(time.Now().Unix()), Text: "an earlier answer"},
	}}
}

// Entities finds the entities Telegram marks in text: a bot_command at the
// start and @mentions. Offsets and lengths are in UTF-16 code units.
func Entities(text string) []tgbotapi.MessageEntity {
	var out []tgbotapi.MessageEntity
	off := 0 // UTF-16 offset of i
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		startWord := i == 0 || isSpace(text[i-1])
		if startWord && (r == '/' && i == 0 || r == '@') {
			j := i + 1
			for j < len(text) && isWordByte(text[j], r == '/') {
				j++
			}
			if j > i+1 {
				typ := "mention"
				if r == '/' {
					typ = "bot_command"
				}
				out = append(out, tgbotapi.MessageEntity{Type: typ, Offset: off, Length: Len(text[i:j])})
				off += Len(text[i:j])
				i = j
				continue
			}
		}
		off += Len(text[i : i+size])
		i += size
	}
	return out
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' }

func isWordByte(b byte, command bool) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || command && b == '@'
}
