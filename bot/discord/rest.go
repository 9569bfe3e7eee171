package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// APIError is a REST request that Discord answered with an error status.
// It names the route with interaction tokens replaced, and never holds the
// bot token.
type APIError struct {
	// Route is the method and path, e.g. "POST /channels/42/messages".
	Route string
	// Status is the HTTP status code, e.g. 403.
	Status int
	// Code and Message are Discord's JSON error code and message, when given
	// (e.g. 50001 "Missing Access").
	Code    int
	Message string
}

// Error implements error.
func (e *APIError) Error() string {
	s := fmt.Sprintf("%s: %d %s", e.Route, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Code != 0 {
		s += fmt.Sprintf(" (code %d)", e.Code)
	}
	return s
}

// ErrTokenRefused is matched (errors.Is) by the error of a request that
// Discord answered 401 Unauthorized: it does not accept the bot's token.
// Run returns it when that happens at start; what to tell the operator is
// the caller's to word.
var ErrTokenRefused = errors.New("discord: token refused")

// Is reports whether e is an instance of target: ErrTokenRefused for a 401.
func (e *APIError) Is(target error) bool {
	return target == ErrTokenRefused && e.Status == http.StatusUnauthorized
}

// Discord JSON error codes the adapter reacts to.
const (
	codeUnknownMessage     = 10008
	codeUnknownWebhook     = 10015
	codeUnknownInteraction = 10062
)

// restClient sends the adapter's REST requests through the rate-limited
// transport. It builds the requests itself from discordgo's types rather
// than calling discordgo's REST methods, which go through discordgo's
// limiter (see transport).
type restClient struct {
	http      *http.Client
	base      string // API base URL, no trailing slash
	auth      string // "Bot " + token
	userAgent string
	log       *slog.Logger
}

func newRESTClient(api *url.URL, opts Options, log *slog.Logger) *restClient {
	var base http.RoundTripper
	var client http.Client
	if opts.HTTPClient != nil {
		base = opts.HTTPClient.Transport
		client.Timeout = opts.HTTPClient.Timeout
	}
	tr := newTransport(base, api, opts.RequestsPerSecond, opts.RetryBackoff, log)
	if opts.Observer != nil {
		tr.obs = opts.Observer
	}
	client.Transport = tr
	return &restClient{
		http:      &client,
		base:      api.String(),
		auth:      "Bot " + opts.Token.Value(),
		userAgent: "DiscordBot (https://github.com/bwmarrin/discordgo, v" + discordgo.VERSION + ") transferbot",
		log:       log,
	}
}

// file is a file to upload with a message.
type file struct {
	name, contentType string
	data              []byte
}

// call sends method path (below the API base) with payload as JSON, or as a
// multipart body with payload_json and files[0..] when files are given, and
// returns the response body. Errors never hold the token or the URL's
// interaction tokens.
func (c *restClient) call(ctx context.Context, method, path string, payload any, files ...file) ([]byte, error) {
	route := routeOf(method, path)
	var body []byte
	contentType := ""
	if payload != nil || len(files) > 0 {
		var err error
		if len(files) > 0 {
			fs := make([]*discordgo.File, len(files))
			for i, f := range files {
				fs[i] = &discordgo.File{Name: f.name, ContentType: f.contentType, Reader: bytes.NewReader(f.data)}
			}
			contentType, body, err = discordgo.MultipartBodyWithJSON(payload, fs)
		} else {
			contentType = "application/json"
			body, err = json.Marshal(payload)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: encode: %w", route, err)
		}
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", route, redactURLError(err))
	}
	// Interaction callbacks and interaction webhooks are authorised by the
	// interaction token in the path; the bot token is sent only elsewhere.
	if !strings.HasPrefix(path, "/interactions/") && !strings.HasPrefix(path, "/webhooks/") {
		req.Header.Set("Authorization", c.auth)
	}
	req.Header.Set("User-Agent", c.userAgent)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", route, redactURLError(err))
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: read response: %w", route, err)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return out, nil
	}
	e := &APIError{Route: route, Status: resp.StatusCode}
	var msg struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if json.Unmarshal(out, &msg) == nil {
		e.Code, e.Message = msg.Code, truncate(msg.Message, 200)
	}
	return nil, e
}

// redactURLError drops the URL from an *url.Error (it may hold an
// interaction token), keeping the operation and the cause.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// statusOf returns the HTTP status of an *APIError in err's chain, or 0.
func statusOf(err error) (status, code int) {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status, ae.Code
	}
	return 0, 0
}
