package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"transferbot/bot"
	"transferbot/bot/telegram/telegramtest"
)

func TestPrivateQuestionGetsRankedAnswerWithChartAndButtons(t *testing.T) {
	h := newHarness(t, nil).start()
	h.say(private(alice), alice, "where is Sergio Ramos heading?")
	msgs := h.sent(alice.ID, 2)

	photo, text := msgs[0], msgs[1]
	if photo.Method != "sendPhoto" || !photo.Multipart {
		t.Fatalf("first send = %s (multipart %v), want the chart uploaded with sendPhoto", photo.Method, photo.Multipart)
	}
	png := photo.Files["photo"].Data
	if !strings.HasPrefix(string(png), "\x89PNG") {
		t.Errorf("uploaded photo is not a PNG (%d bytes)", len(png))
	}
	if got := photo.Params.Get("caption"); got != "<b>Where is Sergio Ramos heading?</b>" || photo.Params.Get("parse_mode") != "HTML" {
		t.Errorf("photo caption = %q (parse_mode %q)", got, photo.Params.Get("parse_mode"))
	}
	if text.Method != "sendMessage" {
		t.Fatalf("second send = %s, want sendMessage", text.Method)
	}
	if got := text.Params.Get("parse_mode"); got != "HTML" {
		t.Errorf("parse_mode = %q, want HTML", got)
	}
	body := text.Params.Get("text")
	if !strings.Contains(body, "<b>1. Inter Miami: ") {
		t.Errorf("answer does not rank Inter Miami first:\n%s", body)
	}
	labels, data := text.Buttons()
	if len(labels) != 2 || labels[0] != "Subscribe to Sergio Ramos" || data[0] != "a:subscribe player Sergio Ramos" {
		t.Errorf("buttons = %q / %q, want Subscribe to Sergio Ramos first", labels, data)
	}
	if text.Params.Get("disable_web_page_preview") != "true" {
		t.Errorf("link previews are not disabled")
	}
	if photo.Markup() != nil {
		t.Errorf("the photo carries a keyboard too; want it under the text only")
	}

	// The command list was registered, and polling started without a webhook.
	cmds := h.api.Commands()
	names := map[string]bool{}
	for _, c := range cmds {
		names[c.Command] = true
	}
	for _, want := range []string{"where", "rumours", "club", "subscribe", "unsubscribe", "subscriptions", "sources", "help"} {
		if !names[want] {
			t.Errorf("setMyCommands lacks /%s: %+v", want, cmds)
		}
	}
	reqs := h.api.Requests()
	first := map[string]int{}
	for i, r := range reqs {
		if _, ok := first[r.Method]; !ok {
			first[r.Method] = i
		}
	}
	if first["deleteWebhook"] > first["getUpdates"] {
		t.Errorf("getUpdates before deleteWebhook:\n%s", telegramtest.Dump(reqs))
	}
}

func TestSameChartIsUploadedOnce(t *testing.T) {
	h := newHarness(t, nil).start()
	h.say(private(alice), alice, "where is Sergio Ramos heading?")
	first := h.sent(alice.ID, 2)[0]
	h.say(private(bob), bob, "where is Sergio Ramos heading?")
	second := h.sent(bob.ID, 2)[0]
	if !first.Multipart || second.Multipart {
		t.Fatalf("multipart uploads: first %v, second %v; want only the first", first.Multipart, second.Multipart)
	}
	if id := second.Params.Get("photo"); !strings.HasPrefix(id, "AgAC") {
		t.Errorf("second photo = %q, want the file_id of the first upload", id)
	}
}

func TestAmbiguousNameOffersButtonsAndPressingOneAnswers(t *testing.T) {
	h := newHarness(t, nil).start()
	h.say(private(alice), alice, "Ramos?")
	msg := h.sent(alice.ID, 1)[0]
	labels, data := msg.Buttons()
	sergio := slices.Index(labels, "Sergio Ramos")
	if len(labels) != 2 || sergio < 0 || !slices.Contains(labels, "Gonçalo Ramos") {
		t.Fatalf("buttons = %q, want one per Ramos", labels)
	}
	press := h.api.Callback(private(alice), alice, data[sergio])
	h.api.Push(press)
	msgs := h.sent(alice.ID, 3)
	if !strings.Contains(shown(msgs[2]), "Inter Miami") {
		t.Errorf("pressing Sergio Ramos did not answer where he is heading: %q", shown(msgs[2]))
	}
	answers := h.api.WaitCalls(t, "answerCallbackQuery", 1)
	if answers[0].Params.Get("callback_query_id") != press.CallbackQuery.ID {
		t.Errorf("answered callback %q, want %q", answers[0].Params.Get("callback_query_id"), press.CallbackQuery.ID)
	}
}

func TestCallbackPressSubscribes(t *testing.T) {
	h := newHarness(t, nil).start()
	h.say(private(alice), alice, "where is Sergio Ramos heading?")
	_, data := h.sent(alice.ID, 2)[1].Buttons()
	h.api.Push(h.api.Callback(private(alice), alice, data[0]))
	done := h.sent(alice.ID, 3)[2]
	if !strings.Contains(shown(done), "Done: this channel will get alerts about Sergio Ramos") {
		t.Errorf("reply = %q", shown(done))
	}
	subs := h.subscriptions(alice.ID)
	if len(subs) != 1 || subs[0].Target != "Sergio Ramos" || !subs[0].Active {
		t.Errorf("subscriptions = %+v, want Sergio Ramos", subs)
	}
	if n := len(h.api.Calls("getChatMember")); n != 0 {
		t.Errorf("%d getChatMember calls in a private chat, want none", n)
	}
}

func TestGroupSubscribeIsForAdmins(t *testing.T) {
	h := newHarness(t, nil).start()
	h.api.SetMember(group.ID, bob.ID, "administrator")

	h.say(group, alice, "/subscribe Sergio Ramos")
	refusal := h.sent(group.ID, 1)[0]
	if !strings.Contains(shown(refusal), "Only admins can change this channel") {
		t.Errorf("non-admin got %q, want the refusal", shown(refusal))
	}
	if subs := h.subscriptions(group.ID); len(subs) != 0 {
		t.Fatalf("a non-admin's subscribe was stored: %+v", subs)
	}
	lookups := h.api.Calls("getChatMember")
	if len(lookups) != 1 || lookups[0].Params.Get("user_id") != "1001" || lookups[0].ChatID() != group.ID {
		t.Errorf("getChatMember calls:\n%s", telegramtest.Dump(lookups))
	}

	h.say(group, bob, "/subscribe@transferbot_test_bot Sergio Ramos")
	ok := h.sent(group.ID, 2)[1]
	if !strings.Contains(shown(ok), "Done: this channel will get alerts about Sergio Ramos") {
		t.Errorf("admin got %q", shown(ok))
	}
	if subs := h.subscriptions(group.ID); len(subs) != 1 || subs[0].Target != "Sergio Ramos" {
		t.Errorf("subscriptions = %+v, want the admin's", subs)
	}
	if got := ok.Params.Get("reply_to_message_id"); got == "" {
		t.Errorf("the group reply does not reply to the command")
	}

	// An anonymous admin speaks as the group itself: no lookup needed.
	h.api.Push(h.api.AnonymousAdmin(group, "/subscribe Juventus"))
	h.sent(group.ID, 3)
	if subs := h.subscriptions(group.ID); len(subs) != 2 {
		t.Errorf("anonymous admin's subscribe not stored: %+v", subs)
	}
	if n := len(h.api.Calls("getChatMember")); n != 2 {
		t.Errorf("getChatMember calls = %d, want 2 (none for the anonymous admin)", n)
	}
}

func TestGroupButtonPressByNonAdminIsRefusedPrivately(t *testing.T) {
	h := newHarness(t, nil).start()
	h.api.Push(h.api.Callback(group, alice, "a:subscribe player Sergio Ramos"))
	answers := h.api.WaitCalls(t, "answerCallbackQuery", 1)
	a := answers[0]
	if a.Params.Get("show_alert") != "true" || !strings.Contains(a.Params.Get("text"), "Only admins") {
		t.Errorf("answerCallbackQuery = %v, want the refusal as an alert", a.Params)
	}
	// The refusal is for the presser alone: nothing is posted to the group.
	h.say(group, bob, "/help")
	msgs := h.sent(group.ID, 1)
	if !strings.Contains(shown(msgs[0]), "What I can do") {
		t.Errorf("first message to the group = %q, want the help (and no refusal)", shown(msgs[0]))
	}
	if subs := h.subscriptions(group.ID); len(subs) != 0 {
		t.Errorf("stored %+v", subs)
	}
}

// TestGroupAddressing checks which group messages the bot answers: each
// case is followed by /sources in the same group, and a group's updates are
// handled in order, so once the /sources answer is in, any answer to the
// case is too.
func TestGroupAddressing(t *testing.T) {
	h := newHarness(t, nil).start()
	cases := []struct {
		name     string
		text     string
		replyBot bool
		answered bool
	}{
		{"plain question", "where is Sergio Ramos heading?", false, false},
		{"chatter", "what a match last night", false, false},
		{"bare command", "/where Sergio Ramos", false, true},
		{"command for this bot", "/where@transferbot_test_bot Sergio Ramos", false, true},
		{"command for this bot, other case", "/where@TransferBot_Test_Bot Sergio Ramos", false, true},
		{"command for another bot", "/where@otherbot Sergio Ramos", false, false},
		{"another bot's own command", "/ban someone", false, false},
		{"mention first", "@transferbot_test_bot where is Sergio Ramos heading?", false, true},
		{"mention last", "where is Sergio Ramos heading @transferbot_test_bot?", false, true},
		{"mention of a lookalike", "@transferbot_test_bot_fan where is Sergio Ramos heading?", false, false},
		{"reply to the bot", "and where is Sergio Ramos heading?", true, true},
		{"mention without a question", "@transferbot_test_bot hello", false, true},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			chat := telegramtest.GroupChat(-5000 - int64(i))
			u := h.api.Text(chat, alice, c.text)
			if c.replyBot {
				u = h.api.ReplyToBot(chat, alice, c.text)
			}
			h.api.Push(u)
			h.say(chat, alice, "/sources")
			var msgs []*telegramtest.Request
			h.api.WaitFor(t, "the /sources answer", func(reqs []*telegramtest.Request) bool {
				msgs = sends(reqs, chat.ID)
				for _, m := range msgs {
					if strings.Contains(shown(m), "Where my news comes from") {
						return true
					}
				}
				return false
			})
			answered := len(msgs) > 1
			if answered != c.answered {
				t.Errorf("%q: answered = %v, want %v; sent %q", c.text, answered, c.answered, shown(msgs[0]))
			}
		})
	}
}

func TestRepliesToOneChatStayInOrder(t *testing.T) {
	h := newHarness(t, nil).start()
	questions := []string{"/help", "/sources", "/club Juventus", "/rumours Sergio Ramos", "/subscriptions", "/help"}
	want := []string{"What I can do", "Where my news comes from", "Transfer links: Juventus", "Latest on Sergio Ramos", "follow any players", "What I can do"}
	for _, q := range questions {
		h.say(private(alice), alice, q)
	}
	msgs := h.sent(alice.ID, len(questions))
	for i, m := range msgs {
		if !strings.Contains(shown(m), want[i]) {
			t.Errorf("message %d = %.60q, want %q", i, shown(m), want[i])
		}
	}
}

func TestNotifyDeliversAndPausesAChatThatBlockedTheBot(t *testing.T) {
	h := newHarness(t, nil).start()
	ctx := context.Background()
	h.say(private(alice), alice, "/subscribe Sergio Ramos")
	h.sent(alice.ID, 1)

	alert := bot.Reply{Title: "Sergio Ramos: Inter Miami <talks>", Text: "A & B say so."}
	if err := h.tg.Notify(ctx, "1001", alert); err != nil {
		t.Fatal(err)
	}
	msg := h.sent(alice.ID, 2)[1]
	if got := shown(msg); got != "<b>Sergio Ramos: Inter Miami &lt;talks&gt;</b>\nA &amp; B say so." {
		t.Errorf("alert = %q", got)
	}

	h.api.Block(alice.ID)
	err := h.tg.Notify(ctx, "1001", alert)
	if !errors.Is(err, bot.ErrChannelGone) {
		t.Fatalf("Notify to a chat that blocked the bot = %v, want ErrChannelGone", err)
	}
	if subs := h.subscriptions(alice.ID); len(subs) != 1 || subs[0].Active {
		t.Errorf("subscriptions = %+v, want Sergio Ramos paused", subs)
	}

	// The pause is recorded for the operator, with the platform's words
	// (the chat cannot be told: it refuses the bot).
	p, paused, err := h.env.Core.Paused(ctx, Platform, "1001")
	if err != nil || !paused || time.Since(p.Since) > time.Minute || !strings.Contains(p.Reason, "Telegram refused delivery") {
		t.Errorf("pause record = %+v, %v, %v; want one from now, with Telegram's refusal", p, paused, err)
	}

	// Alice unblocks the bot and writes: her alerts resume, and she is
	// told so once, before the answer.
	h.api.Unblock(alice.ID)
	h.say(private(alice), alice, "/help")
	msgs := h.sent(alice.ID, 4)
	if got := shown(msgs[2]); !strings.Contains(got, "Alerts are back on in this channel") || !strings.Contains(got, p.Since.UTC().Format("2 Jan 2006")) {
		t.Errorf("notice = %q, want alerts back on, paused since the day", got)
	}
	if subs := h.subscriptions(alice.ID); len(subs) != 1 || !subs[0].Active {
		t.Errorf("subscriptions = %+v, want Sergio Ramos active again", subs)
	}
	if _, paused, _ := h.env.Core.Paused(ctx, Platform, "1001"); paused {
		t.Errorf("the pause record outlives the pause")
	}
	h.say(private(alice), alice, "/help")
	notices := 0
	for _, m := range h.sent(alice.ID, 5) {
		if strings.Contains(shown(m), "Alerts are back on") {
			notices++
		}
	}
	if notices != 1 {
		t.Errorf("told %d times that alerts resume, want once", notices)
	}

	if err := h.tg.Notify(ctx, "not-a-chat", alert); err == nil {
		t.Errorf("Notify to %q succeeded", "not-a-chat")
	}
}

func TestBotRemovedFromGroupPausesItsSubscriptions(t *testing.T) {
	// Nothing is sent after the bot is removed, so the test re-checks the
	// store whenever the adapter polls: poll often.
	h := newHarness(t, func(o *Options) { o.PollTimeout = time.Second }).start()
	h.api.Push(h.api.AnonymousAdmin(group, "/subscribe Sergio Ramos"))
	h.sent(group.ID, 1)
	removed := `{"update_id": %d, "my_chat_member": {"chat": {"id": -1001234567890, "type": "supergroup", "title": "G"},
		"from": {"id": 1002, "is_bot": false, "first_name": "Bob"}, "date": 1700000000,
		"old_chat_member": {"user": {"id": 7340012345, "is_bot": true, "first_name": "Transfer Bot"}, "status": "member"},
		"new_chat_member": {"user": {"id": 7340012345, "is_bot": true, "first_name": "Transfer Bot"}, "status": "kicked"}}}`
	h.api.PushRaw(fmt.Sprintf(removed, h.api.NextUpdateID()))
	h.api.WaitFor(t, "the subscriptions paused", func([]*telegramtest.Request) bool {
		subs := h.subscriptions(group.ID)
		return len(subs) == 1 && !subs[0].Active
	})
}

func TestMalformedUpdatesAreIgnored(t *testing.T) {
	h := newHarness(t, nil).start()
	id := h.api.NextUpdateID()
	for i, raw := range []string{
		`{"update_id": %d, "message": "not a message"}`,
		`{"update_id": %d, "message": {"message_id": 1, "chat": "x"}}`,
		`{"update_id": %d, "callback_query": {"id": 5}}`,
		`{"update_id": %d, "message": {"message_id": 2, "text": "no chat"}}`,
		`{"update_id": %d, "edited_message": {"message_id": 3, "chat": {"id": 1001, "type": "private"}, "text": "/help"}}`,
	} {
		h.api.PushRaw(fmt.Sprintf(raw, id+i))
	}
	h.api.PushRaw(`{"no": "update_id"}`)
	h.say(private(alice), alice, "/help")
	msgs := h.sent(alice.ID, 1)
	if !strings.Contains(shown(msgs[0]), "What I can do") {
		t.Errorf("answer = %q", shown(msgs[0]))
	}
	if !strings.Contains(h.logs.String(), "ignoring a malformed update") {
		t.Errorf("no log line for the malformed updates:\n%s", h.logs.String())
	}
}

func TestHTMLRefusedFallsBackToPlainText(t *testing.T) {
	h := newHarness(t, nil).start()
	h.api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 400, Description: "Bad Request: can't parse entities: Unsupported start tag"})
	h.say(private(alice), alice, "/sources")
	msg := h.sent(alice.ID, 1)[0]
	if msg.Params.Get("parse_mode") != "" || !strings.HasPrefix(shown(msg), "Where my news comes from\n") {
		t.Errorf("fallback = %q (parse_mode %q), want plain text", shown(msg), msg.Params.Get("parse_mode"))
	}
}

// TestGroupMigratedToSupergroup: a group that became a supergroup gets its
// answers at the new id, and its subscriptions follow it there, whether the
// bot learns of it from a refused send or from the service message.
func TestGroupMigratedToSupergroup(t *testing.T) {
	tests := []struct {
		name    string
		migrate func(h *harness, old tgbotapi.Chat, to int64)
	}{
		{"refused send", func(h *harness, old tgbotapi.Chat, to int64) {
			h.api.Fail(telegramtest.Fault{Method: "sendMessage", ChatID: old.ID, Code: 400,
				Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateTo: to})
			h.say(old, alice, "/help")
			msg := h.sent(to, 1)[0]
			if !strings.Contains(shown(msg), "What I can do") {
				t.Errorf("sent %q to the supergroup", shown(msg))
			}
		}},
		{"service message", func(h *harness, old tgbotapi.Chat, to int64) {
			u := h.api.Text(old, alice, "")
			u.Message.MigrateToChatID = to
			h.api.Push(u)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil).start()
			old := telegramtest.GroupChat(-4242)
			const to = -1004242
			h.api.Push(h.api.AnonymousAdmin(old, "/subscribe Sergio Ramos"))
			h.sent(old.ID, 1)
			tc.migrate(h, old, to)
			// The move leaves no trace at the fake Telegram: poll the store.
			for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(5 * time.Millisecond) {
				subs := h.subscriptions(to)
				if len(subs) == 1 && subs[0].Target == "Sergio Ramos" {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the new id's subscriptions are %+v, want Sergio Ramos", subs)
				}
			}
			if subs := h.subscriptions(old.ID); len(subs) != 0 {
				t.Errorf("the old id still has %+v", subs)
			}
		})
	}
}

func TestCommandListKeepsToTelegramRules(t *testing.T) {
	h := newHarness(t, nil).start()
	h.say(private(alice), alice, "/start")
	msg := h.sent(alice.ID, 1)[0]
	if !strings.Contains(shown(msg), "Hi, I'm transferbot") {
		t.Errorf("/start = %q", shown(msg))
	}
	calls := h.api.WaitCalls(t, "setMyCommands", 1)
	var cmds []map[string]string
	if err := json.Unmarshal([]byte(calls[0].Params.Get("commands")), &cmds); err != nil || len(cmds) != len(bot.Commands()) {
		t.Errorf("setMyCommands commands = %s (%v)", calls[0].Params.Get("commands"), err)
	}
}

func TestNewChecksOptions(t *testing.T) {
	h := newHarness(t, nil)
	cases := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"no token", func(o *Options) { o.Token = "" }, "no token"},
		{"bad api url", func(o *Options) { o.APIURL = "ftp://x" }, "api_url"},
		{"bad webhook url", func(o *Options) { o.WebhookURL = "not a url" }, "webhook url"},
		{"bad secret", func(o *Options) { o.WebhookSecret = "has space" }, "webhook secret"},
		{"long secret", func(o *Options) { o.WebhookSecret = bot.Secret(strings.Repeat("a", 257)) }, "webhook secret"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := testOptions(h.api, h.logs)
			c.edit(&opts)
			_, err := New(h.env.Core, opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("New = %v, want an error about %s", err, c.want)
			}
		})
	}
	if _, err := New(nil, testOptions(h.api, h.logs)); err == nil {
		t.Errorf("New(nil core) succeeded")
	}
}

func TestForgottenFileIsUploadedAgain(t *testing.T) {
	h := newHarness(t, nil).start()
	h.say(private(alice), alice, "where is Sergio Ramos heading?")
	h.sent(alice.ID, 2)
	h.api.Fail(telegramtest.Fault{Method: "sendPhoto", Code: 400, Description: "Bad Request: wrong file identifier/HTTP URL specified"})
	h.say(private(bob), bob, "where is Sergio Ramos heading?")
	photo := h.sent(bob.ID, 2)[0]
	if !photo.Multipart || photo.Files["photo"].Data == nil {
		t.Errorf("after a refused file_id the chart was not uploaded again")
	}
}
