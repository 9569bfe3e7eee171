package telegram

import (
	"bytes"
	"context"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"transferbot/bot"
	"transferbot/bot/bottest"
	"transferbot/bot/telegram/telegramtest"
	"transferbot/rumours"
)

// logBuffer collects log lines from any goroutine.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// harness is an adapter running against the fake Bot API, over a real core.
type harness struct {
	t    *testing.T
	env  *bottest.Env
	api  *telegramtest.Server
	tg   *Adapter
	logs *logBuffer

	cancel context.CancelFunc
	done   chan error
}

// testOptions are fast for tests: generous rate limits and short backoffs.
func testOptions(api *telegramtest.Server, logs *logBuffer) Options {
	return Options{
		Token:        bot.Secret(api.Token),
		APIURL:       api.URL,
		PollTimeout:  20 * time.Second,
		PerChat:      1000,
		Global:       10000,
		RetryBackoff: 5 * time.Millisecond,
		Logger:       slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// newHarness makes an adapter over a fresh core and fake API; edit changes
// its options. It does not start it.
func newHarness(t *testing.T, edit func(*Options)) *harness {
	t.Helper()
	h := &harness{t: t, env: bottest.New(t), api: telegramtest.New(t), logs: &logBuffer{}}
	h.tg = h.adapter(edit)
	t.Cleanup(func() {
		if strings.Contains(h.logs.String(), h.api.Token) {
			t.Errorf("a log line contains the token:\n%s", h.logs.String())
		}
	})
	return h
}

// adapter makes another adapter over the harness's core and API (a
// restart).
func (h *harness) adapter(edit func(*Options)) *Adapter {
	h.t.Helper()
	opts := testOptions(h.api, h.logs)
	opts.Inbox = h.env.Store
	if edit != nil {
		edit(&opts)
	}
	tg, err := New(h.env.Core, opts)
	if err != nil {
		h.t.Fatal(err)
	}
	return tg
}

// start runs the harness's adapter until stop or the end of the test.
func (h *harness) start() *harness {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.done = make(chan error, 1)
	tg := h.tg
	go func() { h.done <- tg.Run(ctx) }()
	h.t.Cleanup(func() {
		if h.cancel != nil {
			h.stop()
		}
	})
	return h
}

// stop cancels Run and waits for it to return, which it must do cleanly,
// leaving none of its goroutines behind.
func (h *harness) stop() {
	h.t.Helper()
	h.cancel()
	h.cancel = nil
	if err := <-h.done; err != nil {
		h.t.Errorf("Run: %v", err)
	}
	checkNoLeaks(h.t)
}

// checkNoLeaks fails the test if goroutines of the adapter outlive it. A
// goroutine that has just signalled it is done may still be returning, so
// (like goleak) it looks again a few times before failing.
func checkNoLeaks(t testing.TB) {
	t.Helper()
	var leaks []string
	for i := range 200 {
		if leaks = adapterGoroutines(); len(leaks) == 0 {
			return
		}
		runtime.Gosched()
		time.Sleep(time.Duration(i) * 100 * time.Microsecond)
	}
	t.Errorf("goroutines of the adapter still running after Run returned:\n%s", strings.Join(leaks, "\n\n"))
}

// adapterGoroutines returns the stacks of goroutines running the adapter's
// code (or the library's) outside a test function.
func adapterGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "testing.tRunner") || strings.Contains(g, "telegram.benchAdapter") {
			continue
		}
		if strings.Contains(g, "transferbot/bot/telegram.(") || strings.Contains(g, "telegram-bot-api") || strings.Contains(g, "golang-lru") {
			out = append(out, g)
		}
	}
	return out
}

// Chats and users of the tests.
var (
	alice = telegramtest.User(1001)
	bob   = telegramtest.User(1002)
	group = telegramtest.SupergroupChat(-1001234567890)
)

func private(u tgbotapi.User) tgbotapi.Chat { return telegramtest.PrivateChat(u.ID) }

// say queues a message from user in chat and returns its update.
func (h *harness) say(chat tgbotapi.Chat, from tgbotapi.User, text string) tgbotapi.Update {
	u := h.api.Text(chat, from, text)
	h.api.Push(u)
	return u
}

// sent waits for n successful sends (sendMessage and sendPhoto) to chat and
// returns them in order.
func (h *harness) sent(chat int64, n int) []*telegramtest.Request {
	h.t.Helper()
	var got []*telegramtest.Request
	h.api.WaitFor(h.t, strconv.Itoa(n)+" messages to chat "+strconv.FormatInt(chat, 10), func(reqs []*telegramtest.Request) bool {
		got = sends(reqs, chat)
		return len(got) >= n
	})
	return got
}

// sends returns the successful sends to chat.
func sends(reqs []*telegramtest.Request, chat int64) []*telegramtest.Request {
	var out []*telegramtest.Request
	for _, r := range reqs {
		if (r.Method == "sendMessage" || r.Method == "sendPhoto") && r.OK() && r.ChatID() == chat {
			out = append(out, r)
		}
	}
	return out
}

// shown is what a send shows: its text or caption.
func shown(r *telegramtest.Request) string {
	if r.Method == "sendPhoto" {
		return r.Params.Get("caption")
	}
	return r.Params.Get("text")
}

// subscriptions returns the chat's stored subscriptions.
func (h *harness) subscriptions(chat int64) []rumours.Subscription {
	h.t.Helper()
	subs, err := h.env.Store.Subscriptions(context.Background(), Platform, strconv.FormatInt(chat, 10))
	if err != nil {
		h.t.Fatal(err)
	}
	return subs
}

// state returns a stored adapter state value.
func (h *harness) state(key string) string {
	h.t.Helper()
	v, _, err := h.env.Store.State(context.Background(), key)
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// unanswered returns the ids of the updates in the inbox not yet answered.
func (h *harness) unanswered() []int {
	h.t.Helper()
	ups, err := h.env.Store.UnansweredUpdates(context.Background(), Platform)
	if err != nil {
		h.t.Fatal(err)
	}
	var ids []int
	for _, u := range ups {
		ids = append(ids, int(u.ID))
	}
	return ids
}

// lastUpdate returns the highest update_id in the inbox: polling resumes
// after it.
func (h *harness) lastUpdate() int {
	h.t.Helper()
	id, _, err := h.env.Store.LastUpdate(context.Background(), Platform)
	if err != nil {
		h.t.Fatal(err)
	}
	return int(id)
}

// shortReply is a reply of one line of text.
func shortReply(text string) bot.Reply { return bot.Reply{Text: text} }
