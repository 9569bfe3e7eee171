package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/bottest"
	"transferbot/bot/telegram/telegramtest"
)

// signalHandler passes records on and closes seen at the first one whose
// message contains want.
type signalHandler struct {
	slog.Handler
	want string
	seen chan struct{}
}

func (h *signalHandler) Handle(ctx context.Context, r slog.Record) error {
	if strings.Contains(r.Message, h.want) {
		select {
		case <-h.seen:
		default:
			close(h.seen)
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h *signalHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &signalHandler{Handler: h.Handler.WithAttrs(as), want: h.want, seen: h.seen}
}

// TestTokenNeverInErrorsOrLogs provokes every kind of failure, with the
// token in every URL, and checks that no error and no log line shows it.
func TestTokenNeverInErrorsOrLogs(t *testing.T) {
	const token = telegramtest.DefaultToken
	env := bottest.New(t)
	logs := &logBuffer{}
	base := slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})

	// Nothing listens on this address.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	// This server never answers in time.
	stuck := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stuck:
		case <-r.Context().Done():
		}
	}))
	defer hang.Close()
	defer close(stuck)

	api := telegramtest.New(t)
	var errs []error
	opts := func(apiURL string) Options {
		return Options{
			Token: bot.Secret(token), APIURL: apiURL, RetryBackoff: time.Millisecond, MaxAttempts: 2,
			RequestTimeout: 200 * time.Millisecond, PerChat: 1000, Global: 1000,
			Logger: slog.New(base),
		}
	}

	// Network errors.
	tg, err := New(env.Core, opts(closed))
	if err != nil {
		t.Fatal(err)
	}
	err = tg.Notify(context.Background(), "1001", shortReply("hi"))
	if err == nil {
		t.Fatal("Notify to a closed port succeeded")
	}
	errs = append(errs, err)

	// Timeouts: the error still says so.
	tg, _ = New(env.Core, opts(hang.URL))
	err = tg.Notify(context.Background(), "1001", shortReply("hi"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Notify to a stuck server = %v, want a deadline error", err)
	}
	errs = append(errs, err)

	// Run while the Bot API is unreachable logs, retries and stops cleanly.
	sig := &signalHandler{Handler: base, want: "cannot reach the Bot API", seen: make(chan struct{})}
	o := opts(closed)
	o.Logger = slog.New(sig)
	tg, _ = New(env.Core, o)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- tg.Run(ctx) }()
	<-sig.seen
	cancel()
	if err := <-done; err != nil {
		errs = append(errs, err)
	}

	// A refused token, and a webhook whose URL holds the token (a common
	// way to make the path hard to guess).
	o = opts(api.URL)
	o.WebhookURL = "https://bot.example.org/" + token
	sig = &signalHandler{Handler: base, want: "webhook registered", seen: make(chan struct{})}
	o.Logger = slog.New(sig)
	tg, _ = New(env.Core, o)
	ctx, cancel = context.WithCancel(context.Background())
	go func() { done <- tg.Run(ctx) }()
	<-sig.seen
	cancel()
	if err := <-done; err != nil {
		errs = append(errs, err)
	}
	api.Fail(telegramtest.Fault{Method: "getMe", Code: 401, Description: "Unauthorized"})
	tg, _ = New(env.Core, opts(api.URL))
	errs = append(errs, tg.Run(context.Background()))

	// Server errors, 429s and a 403.
	api.Fail(telegramtest.Fault{Method: "sendMessage", Code: 502, HTML: true, Times: 2})
	tg, _ = New(env.Core, opts(api.URL))
	errs = append(errs, tg.Notify(context.Background(), "1001", shortReply("hi")))
	api.Block(1001)
	errs = append(errs, tg.Notify(context.Background(), "1001", shortReply("hi")))

	for _, err := range errs {
		if err == nil {
			continue
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(s, token) {
				t.Errorf("an error shows the token: %s", s)
			}
		}
		t.Logf("error: %v", err)
	}
	out := logs.String()
	if strings.Contains(out, token) || strings.Contains(out, strings.SplitN(token, ":", 2)[1]) {
		t.Errorf("a log line shows the token:\n%s", out)
	}
	if !strings.Contains(out, "bot.example.org/REDACTED") {
		t.Errorf("the webhook URL was not logged redacted:\n%s", out)
	}
}
