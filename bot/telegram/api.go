package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// api calls the Bot API through the library's request machinery
// (BotAPI.Request and BotAPI.MakeRequest), adding what the library lacks:
// a context per call, so that Run can cancel a hanging long poll, and
// errors that never contain the token.
type api struct {
	tmpl    tgbotapi.BotAPI // copied per call, with a client bound to the call's context
	client  *http.Client
	token   string
	timeout time.Duration // per call, unless the caller gives one
	// maxRetryAfter caps a 429's retry_after (Options.MaxRetryAfter).
	maxRetryAfter time.Duration
}

func newAPI(token, baseURL string, client *http.Client, timeout, maxRetryAfter time.Duration) *api {
	// The library builds each URL with fmt.Sprintf(endpoint, token, method).
	endpoint := strings.ReplaceAll(strings.TrimRight(baseURL, "/"), "%", "%%") + "/bot%s/%s"
	a := &api{client: client, token: token, timeout: timeout, maxRetryAfter: maxRetryAfter}
	a.tmpl = tgbotapi.BotAPI{Token: token, Buffer: 100}
	a.tmpl.SetAPIEndpoint(endpoint)
	return a
}

// defaultHTTPClient keeps enough idle connections to the one Bot API host
// for many concurrent replies (net/http keeps 2 by default). It has no
// overall timeout: every call has its own context deadline, longer for
// long polls.
func defaultHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 256
	tr.MaxIdleConnsPerHost = 128
	tr.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: tr}
}

// do sends one of the library's request types (tgbotapi.MessageConfig,
// PhotoConfig, ...). timeout 0 means the default.
func (a *api) do(ctx context.Context, method string, c tgbotapi.Chattable, timeout time.Duration) (*tgbotapi.APIResponse, error) {
	return a.run(ctx, method, timeout, func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return b.Request(c)
	})
}

func (a *api) run(ctx context.Context, method string, timeout time.Duration, f func(*tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (*tgbotapi.APIResponse, error) {
	if timeout <= 0 {
		timeout = a.timeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	bc := &boundClient{ctx: ctx, client: a.client}
	b := a.tmpl
	b.Client = bc
	resp, err := f(&b)
	if err != nil {
		return nil, a.fail(method, err, bc.status)
	}
	return resp, nil
}

// boundClient is the library's HTTPClient for one call: it binds the
// library's requests (made without a context) to the call's context,
// remembers the HTTP status, and turns a non-JSON error page (a proxy's 502)
// into a statusError instead of a JSON syntax error.
type boundClient struct {
	ctx    context.Context
	client *http.Client
	status int
}

// Do implements tgbotapi.HTTPClient.
func (c *boundClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.client.Do(req.WithContext(c.ctx))
	if err != nil {
		return nil, err
	}
	c.status = resp.StatusCode
	if resp.StatusCode != http.StatusOK && !strings.Contains(resp.Header.Get("Content-Type"), "json") {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, &statusError{code: resp.StatusCode}
	}
	return resp, nil
}

// statusError is an HTTP error without a Bot API envelope.
type statusError struct{ code int }

func (e *statusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.code, http.StatusText(e.code))
}

// apiError is a failed Bot API call. It never holds the token.
type apiError struct {
	method     string
	code       int    // Telegram's error_code (the HTTP status); 0 when no answer came
	desc       string // Telegram's description
	retryAfter time.Duration
	migrateTo  int64
	cause      error // the network or decoding error, scrubbed; nil with a code
}

func (e *apiError) Error() string {
	if e.code != 0 {
		if e.desc == "" {
			return fmt.Sprintf("%s: %d", e.method, e.code)
		}
		return fmt.Sprintf("%s: %d %s", e.method, e.code, e.desc)
	}
	return fmt.Sprintf("%s: %v", e.method, e.cause)
}

func (e *apiError) Unwrap() error { return e.cause }

// temporary reports whether trying again later may work: no answer came
// (network error, timeout, garbled body) or the server failed (5xx).
func (e *apiError) temporary() bool { return e.code == 0 || e.code >= 500 }

// asAPIError returns err's apiError, if it has one.
func asAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	return nil
}

// fail turns the library's error into an apiError without the token.
func (a *api) fail(method string, err error, status int) *apiError {
	e := &apiError{method: method}
	var te *tgbotapi.Error
	var tv tgbotapi.Error
	var se *statusError
	switch {
	case errors.As(err, &te):
		tv = *te
		fallthrough
	case errors.As(err, &tv):
		// The library leaves Code 0 for multipart uploads; the HTTP status
		// is the error_code.
		e.code = tv.Code
		if e.code == 0 {
			e.code = status
		}
		if e.code == 0 {
			e.code = http.StatusBadRequest
		}
		e.desc = a.redact(tv.Message)
		e.retryAfter = a.retryAfter(tv.RetryAfter)
		e.migrateTo = tv.MigrateToChatID
	case errors.As(err, &se):
		e.code = se.code
		e.desc = http.StatusText(se.code)
	default:
		e.cause = a.scrub(err)
	}
	return e
}

// retryAfter turns a 429's retry_after (seconds) into a wait of at most
// maxRetryAfter; the multiplication is done capped, as a huge retry_after
// would overflow a Duration.
func (a *api) retryAfter(seconds int) time.Duration {
	if seconds <= 0 {
		return 0
	}
	if a.maxRetryAfter > 0 && int64(seconds) > int64(a.maxRetryAfter/time.Second) {
		return a.maxRetryAfter
	}
	return time.Duration(seconds) * time.Second
}

// scrub returns err without the token. net/http's *url.Error quotes the
// request URL, which holds the token: it is rebuilt with the token
// replaced, keeping its cause, so that errors.Is(err, context.Canceled)
// still works.
func (a *api) scrub(err error) error {
	if err == nil || a.token == "" || !strings.Contains(err.Error(), a.token) {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner := ue.Err
		if inner != nil && strings.Contains(inner.Error(), a.token) {
			inner = errors.New(a.redact(inner.Error()))
		}
		clean := &url.Error{Op: ue.Op, URL: a.redact(ue.URL), Err: inner}
		if !strings.Contains(clean.Error(), a.token) {
			return clean
		}
	}
	return errors.New(a.redact(err.Error()))
}

func (a *api) redact(s string) string {
	if a.token == "" {
		return s
	}
	return strings.ReplaceAll(s, a.token, "REDACTED")
}
