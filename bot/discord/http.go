package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxInteractionBody is the largest interaction request read.
const maxInteractionBody = 1 << 20

// InteractionsHandler returns the HTTP interactions endpoint (the
// application's Interactions Endpoint URL points at it), which Run serves on
// Options.InteractionsListen. It answers only POST requests whose
// X-Signature-Ed25519 header is a valid signature, by the application's
// public key, of X-Signature-Timestamp followed by the body, whose
// timestamp is within Options.TimestampWindow of the clock, and whose
// interaction id it has not accepted before; any other request gets 401
// (405 for other methods), so a captured request cannot be replayed. A PING is answered PONG;
// interactions are handled as over the gateway.
//
// Files cannot be uploaded in an HTTP response body, so a reply with a chart
// is answered with a deferred response ("thinking…", type 5, or type 6 for
// a choice that updates its message) and the message, chart attached, then
// replaces it through the interaction webhook (PATCH
// /webhooks/{application}/{token}/messages/@original, multipart). Replies
// without files are answered in the response body.
func (d *Discord) InteractionsHandler() http.Handler {
	return http.HandlerFunc(d.serveInteraction)
}

func (d *Discord) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxInteractionBody)
	if d.pubKey == nil || !discordgo.VerifyInteraction(r, d.pubKey) {
		d.badSignature.Add("remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	// A valid signature may be a captured request sent again: the signed
	// timestamp must be recent, and the interaction not answered yet.
	now := time.Now()
	ts, ok := signedAt(r.Header.Get("X-Signature-Timestamp"))
	if !ok || ts.Sub(now).Abs() > d.opts.TimestampWindow {
		http.Error(w, "request timestamp missing, malformed or too far from the clock", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var in discordgo.Interaction
	if err := json.Unmarshal(body, &in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if !d.answered.first(in.ID, now) {
		d.log.Debug("discord: refused a replayed interaction", "interaction", in.ID)
		http.Error(w, "interaction already answered", http.StatusUnauthorized)
		return
	}
	if in.Type == discordgo.InteractionPing {
		writeJSON(w, response{Type: discordgo.InteractionResponsePong})
		return
	}
	if !d.enter() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer d.pending.Done()
	var once sync.Once
	d.handle(&in, answerer{send: func(_ context.Context, resp response, _ []file) error {
		err := errors.New("discord: interaction answered twice")
		once.Do(func() { err = writeJSON(w, resp) })
		return err
	}})
}

// writeJSON writes v as a JSON response and flushes it, so that Discord
// has the whole response before any followup is sent.
func writeJSON(w http.ResponseWriter, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return fmt.Errorf("discord: encode response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	// With its length known, the response is complete once flushed.
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("discord: write response: %w", err)
	}
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	return nil
}

// serveHTTP serves the interactions endpoint on Options.InteractionsListen
// until ctx ends, then shuts the server down gracefully.
func (d *Discord) serveHTTP(ctx context.Context) error {
	ln, err := net.Listen("tcp", d.opts.InteractionsListen)
	if err != nil {
		return fmt.Errorf("discord: interactions endpoint: %w", err)
	}
	srv := &http.Server{
		Handler:           d.InteractionsHandler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	d.log.Info("discord: serving the interactions endpoint", "addr", ln.Addr().String())
	d.obs.Connected(Platform, true)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("discord: interactions endpoint: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("discord: interactions endpoint shutdown: %w", err)
	}
	return nil
}
