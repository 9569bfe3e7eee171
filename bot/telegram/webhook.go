package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// secretHeader carries the webhook's secret token in Telegram's requests.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxWebhookBody bounds the size of one update.
const maxWebhookBody = 1 << 20

// WebhookHandler returns the HTTP handler Telegram posts updates to in
// webhook mode. It answers 401 to requests without the right secret token
// (compared in constant time), 400 (and a log line) to a body that is not
// an update, 503 until Run has connected and after it stopped, 500 when
// the update could not be stored (Telegram delivers it again), and 200
// once the update is stored in the Inbox: from then on it is answered,
// after a restart if need be, and answered once however often Telegram
// delivers it. Run serves it on Options.WebhookListen; with that empty, serve it
// yourself.
func (t *Adapter) WebhookHandler() http.Handler {
	return http.HandlerFunc(t.serveWebhook)
}

func (t *Adapter) serveWebhook(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get(secretHeader)), []byte(t.secret)) != 1 {
		t.unauthorized.Add("remote", r.RemoteAddr)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if t.self.Load() == nil || t.stopped.Load() {
		http.Error(w, "not ready", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	if err != nil {
		t.log.Warn("telegram: webhook: could not read a request", "err", err)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var u tgbotapi.Update
	if err := json.Unmarshal(body, &u); err != nil || u.UpdateID <= 0 {
		if err == nil {
			err = fmt.Errorf("no update_id")
		}
		t.log.Warn("telegram: webhook: ignoring a body that is not an update", "bytes", len(body), "err", err)
		http.Error(w, "not an update", http.StatusBadRequest)
		return
	}
	if _, err := t.queue.receive(r.Context(), []json.RawMessage{body}); err != nil {
		t.log.Error("telegram: webhook: could not store an update; Telegram will deliver it again", "update", u.UpdateID, "err", err)
		http.Error(w, "could not store the update", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// runWebhook serves the webhook (on WebhookListen, if set), registers it
// with Telegram and answers updates until ctx ends.
func (t *Adapter) runWebhook(ctx context.Context) error {
	var srv *http.Server
	var served chan error
	if t.opts.WebhookListen != "" {
		ln, err := net.Listen("tcp", t.opts.WebhookListen)
		if err != nil {
			return fmt.Errorf("telegram: webhook: %w", err)
		}
		srv = &http.Server{
			Handler:           t.WebhookHandler(),
			ReadHeaderTimeout: 10 * time.Second,
			ErrorLog:          slog.NewLogLogger(t.log.Handler(), slog.LevelWarn),
		}
		served = make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
	}
	serving := srv != nil
	err := t.queue.replay(ctx)
	if err == nil {
		err = t.setWebhook(ctx)
	}
	if err == nil {
		t.log.Info("telegram: webhook registered", "url", redactURL(t.api.redact(t.opts.WebhookURL)), "listen", t.opts.WebhookListen)
		select {
		case <-ctx.Done():
		case serr := <-served:
			serving = false
			err = fmt.Errorf("telegram: webhook: %w", serr)
		}
	}
	if srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), t.opts.ShutdownTimeout)
		if serr := srv.Shutdown(sctx); serr != nil {
			srv.Close()
		}
		cancel()
		if serving {
			<-served
		}
	}
	t.disp.drain(t.opts.ShutdownTimeout)
	return err
}

// setWebhook registers the webhook URL with its secret token (which the
// library's WebhookConfig cannot carry).
func (t *Adapter) setWebhook(ctx context.Context) error {
	params := tgbotapi.Params{
		"url":             t.opts.WebhookURL,
		"secret_token":    t.secret,
		"max_connections": "40",
	}
	if err := params.AddInterface("allowed_updates", allowedUpdates); err != nil {
		return fmt.Errorf("telegram: set webhook: %w", err)
	}
	if _, err := t.call(ctx, "setWebhook", nil, params); err != nil {
		return fmt.Errorf("telegram: set webhook: %w", err)
	}
	return nil
}

// redactURL returns the webhook URL as logs show it: without user info
// and with each query value replaced by REDACTED, since a webhook URL may
// carry a key of its own. (The caller replaces the token first, which some
// set-ups put in the path.)
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			q[k] = []string{"REDACTED"}
		}
		u.RawQuery = q.Encode()
	}
	return u.String()
}
