package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/time/rate"

	"transferbot/bot"
)

// Why not discordgo's own limiter alone: discordgo.RateLimiter keys buckets
// by the full URL (so every interaction token makes a bucket that is never
// freed), holds a bucket's lock for the whole request, sleeps without a
// context, has no requests-per-second cap, only recognises a global 429 from
// the X-RateLimit-Global header together with Reset-After, and retries 502s
// alone, without backoff. Every REST request of the adapter, including
// discordgo's own (GET /gateway), therefore goes through transport, which:
//
//   - rewrites URLs aimed at discordgo.EndpointAPI to the configured API URL
//     (discordgo's package-level endpoint variables are left alone);
//   - caps requests per second over all routes (Options.RequestsPerSecond),
//     except interaction responses and interaction webhooks, which Discord
//     does not count against the global limit;
//   - keeps a bucket per route (method and path, ids included, since
//     Discord's buckets are per major parameter) from X-RateLimit-Remaining
//     and X-RateLimit-Reset-After, and waits when a bucket is empty;
//   - on a 429 waits retry_after (the body's, else Retry-After), for every
//     route when the limit is global (X-RateLimit-Global, X-RateLimit-Scope
//     "global" or "global": true in the body), else for that route, and
//     sends the request again;
//   - retries 5xx responses (and network errors of requests other than
//     POST, which may have been delivered) with exponential backoff.
//
// Waits honour the request's context.
type transport struct {
	base    http.RoundTripper
	from    string   // discordgo.EndpointAPI, rewritten to api
	api     *url.URL // the configured API base URL
	global  *rate.Limiter
	backoff time.Duration
	log     *slog.Logger
	obs     bot.AdapterObserver // told of 429s and retries

	mu          sync.Mutex
	globalUntil time.Time
	buckets     map[string]*bucket
	sweepAt     int // bucket count at which expired buckets are dropped
}

// Retry limits.
const (
	maxRateLimitRetries = 5 // 429s waited out per request
	maxServerRetries    = 3 // 5xx responses and network errors retried per request
	maxBackoff          = 10 * time.Second
	maxBuckets          = 1024 // buckets kept before expired ones are first dropped
	// responseTimeout bounds the wait for a response's headers when the
	// adapter's own HTTP transport is used (Options.HTTPClient unset).
	responseTimeout = 30 * time.Second
)

// bucket is what the last response on a route said about its rate limit.
type bucket struct {
	remaining int       // requests left before reset; -1 when unknown
	reset     time.Time // when remaining refills
}

func newTransport(base http.RoundTripper, api *url.URL, rps float64, backoff time.Duration, log *slog.Logger) *transport {
	if base == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = responseTimeout
		base = t
	}
	burst := max(1, int(rps/10))
	return &transport{
		base:    base,
		from:    discordgo.EndpointAPI,
		api:     api,
		global:  rate.NewLimiter(rate.Limit(rps), burst),
		backoff: backoff,
		log:     log,
		obs:     bot.NopAdapterObserver{},
		buckets: map[string]*bucket{},
		sweepAt: maxBuckets,
	}
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = t.rewrite(req)
	path, ok := t.apiPath(req.URL)
	if !ok {
		return t.base.RoundTrip(req)
	}
	ctx := req.Context()
	key := req.Method + " " + path
	exempt := strings.HasPrefix(path, "/interactions/") || strings.HasPrefix(path, "/webhooks/")
	limited, failed := 0, 0
	for {
		if err := t.wait(ctx, key, exempt); err != nil {
			if limited+failed == 0 && req.Body != nil {
				req.Body.Close() // a RoundTripper closes the body it does not send
			}
			return nil, err
		}
		r := req
		if limited+failed > 0 {
			var err error
			if r, err = rewind(req); err != nil {
				return nil, err
			}
		}
		resp, err := t.base.RoundTrip(r)
		if err != nil {
			if req.Method != http.MethodPost && failed < maxServerRetries && ctx.Err() == nil {
				failed++
				t.obs.Retried(Platform)
				if err := sleep(ctx, t.delay(failed)); err != nil {
					return nil, err
				}
				continue
			}
			return nil, err
		}
		t.update(key, resp.Header)
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			wait, global := retryAfter(resp.Header, body)
			t.limited(key, wait, global)
			t.obs.RateLimited(Platform)
			t.log.Warn("discord: rate limited", "route", routeOf(req.Method, path), "retry_after", wait,
				"global", global, "scope", resp.Header.Get("X-RateLimit-Scope"))
			if limited < maxRateLimitRetries {
				limited++
				continue
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			return resp, nil
		case resp.StatusCode >= 500 && failed < maxServerRetries:
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			failed++
			t.obs.Retried(Platform)
			t.log.Warn("discord: server error, retrying", "route", routeOf(req.Method, path), "status", resp.StatusCode, "attempt", failed)
			if err := sleep(ctx, t.delay(failed)); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
}

// rewrite points a request aimed at discordgo's endpoint at the configured
// API URL, on a copy of the request.
func (t *transport) rewrite(req *http.Request) *http.Request {
	u := req.URL.String()
	if !strings.HasPrefix(u, t.from) {
		return req
	}
	to, err := url.Parse(t.api.String() + "/" + strings.TrimPrefix(u, t.from))
	if err != nil {
		return req
	}
	r := req.Clone(req.Context())
	r.URL, r.Host = to, ""
	return r
}

// apiPath returns the path of u below the API base URL.
func (t *transport) apiPath(u *url.URL) (string, bool) {
	if u.Host != t.api.Host || u.Scheme != t.api.Scheme {
		return "", false
	}
	base := strings.TrimRight(t.api.Path, "/")
	if !strings.HasPrefix(u.Path, base+"/") {
		return "", false
	}
	return strings.TrimPrefix(u.Path, base), true
}

// rewind returns a copy of req with a fresh body, to send it again.
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body == nil || req.Body == http.NoBody {
		return r, nil
	}
	if req.GetBody == nil {
		return nil, errors.New("request body cannot be sent twice")
	}
	b, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	r.Body = b
	return r, nil
}

// delay is the backoff before retry n (1, 2, ...).
func (t *transport) delay(n int) time.Duration {
	d := t.backoff << (n - 1)
	if d <= 0 || d > maxBackoff {
		d = maxBackoff
	}
	return d
}

// wait blocks until a request on key may be sent: the global 429 lock (unless
// exempt), the route's bucket and the requests-per-second cap (unless
// exempt). It takes one request from the bucket.
func (t *transport) wait(ctx context.Context, key string, exempt bool) error {
	for {
		t.mu.Lock()
		now := time.Now()
		var until time.Time
		if !exempt && now.Before(t.globalUntil) {
			until = t.globalUntil
		}
		b := t.bucket(key, now)
		if b.remaining == 0 {
			if now.Before(b.reset) {
				if b.reset.After(until) {
					until = b.reset
				}
			} else {
				b.remaining = -1 // refilled; the next response says by how much
			}
		}
		if until.IsZero() {
			if b.remaining > 0 {
				b.remaining--
			}
			t.mu.Unlock()
			break
		}
		t.mu.Unlock()
		if err := sleep(ctx, until.Sub(now)); err != nil {
			return err
		}
	}
	if exempt {
		return nil
	}
	return t.global.Wait(ctx)
}

// bucket returns key's bucket, creating it. The caller holds t.mu.
func (t *transport) bucket(key string, now time.Time) *bucket {
	if b, ok := t.buckets[key]; ok {
		return b
	}
	if len(t.buckets) >= t.sweepAt {
		// Interaction routes make a bucket each: drop those whose limits
		// have expired (their next request starts afresh anyway).
		for k, b := range t.buckets {
			if !now.Before(b.reset) {
				delete(t.buckets, k)
			}
		}
		t.sweepAt = max(maxBuckets, 2*len(t.buckets))
	}
	b := &bucket{remaining: -1}
	t.buckets[key] = b
	return b
}

// update records a response's X-RateLimit headers in key's bucket.
func (t *transport) update(key string, h http.Header) {
	rem := h.Get("X-RateLimit-Remaining")
	if rem == "" {
		return
	}
	n, err := strconv.Atoi(rem)
	if err != nil {
		return
	}
	var reset time.Time
	if after, err := strconv.ParseFloat(h.Get("X-RateLimit-Reset-After"), 64); err == nil {
		reset = time.Now().Add(seconds(after))
	} else if at, err := strconv.ParseFloat(h.Get("X-RateLimit-Reset"), 64); err == nil {
		reset = time.Unix(0, int64(at*1e9))
	} else {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.bucket(key, time.Now())
	b.remaining, b.reset = n, reset
}

// limited records a 429: every route waits when global, else key's.
func (t *transport) limited(key string, wait time.Duration, global bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	until := time.Now().Add(wait)
	if global {
		if until.After(t.globalUntil) {
			t.globalUntil = until
		}
		return
	}
	b := t.bucket(key, time.Now())
	b.remaining = 0
	if until.After(b.reset) {
		b.reset = until
	}
}

// retryAfter reads how long a 429 asks to wait and whether the limit is
// global: retry_after from the JSON body (seconds, fractional), else the
// Retry-After header, else one second.
func retryAfter(h http.Header, body []byte) (time.Duration, bool) {
	var rl struct {
		RetryAfter *float64 `json:"retry_after"`
		Global     bool     `json:"global"`
	}
	_ = json.Unmarshal(body, &rl)
	global := rl.Global || strings.EqualFold(h.Get("X-RateLimit-Global"), "true") ||
		strings.EqualFold(h.Get("X-RateLimit-Scope"), "global")
	if rl.RetryAfter != nil && *rl.RetryAfter >= 0 {
		return seconds(*rl.RetryAfter), global
	}
	if s, err := strconv.ParseFloat(h.Get("Retry-After"), 64); err == nil && s >= 0 {
		return seconds(s), global
	}
	return time.Second, global
}

// seconds converts fractional seconds to a duration, capped at an hour.
func seconds(s float64) time.Duration {
	if math.IsNaN(s) || s < 0 {
		return 0
	}
	return time.Duration(math.Min(s, 3600) * float64(time.Second))
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// routeOf names a request for logs and errors with the path's secrets
// replaced: interaction ids and tokens, webhook tokens.
//
//	/interactions/123/TOKEN/callback   -> /interactions/{id}/{token}/callback
//	/webhooks/APP/TOKEN/messages/@original -> /webhooks/APP/{token}/messages/@original
func routeOf(method, path string) string {
	parts := strings.Split(path, "/")
	for i := 1; i < len(parts); i++ {
		switch parts[i] {
		case "interactions":
			if i+2 < len(parts) {
				parts[i+1], parts[i+2] = "{id}", "{token}"
			}
		case "webhooks":
			if i+2 < len(parts) {
				parts[i+2] = "{token}"
			}
		}
	}
	return fmt.Sprintf("%s %s", method, strings.Join(parts, "/"))
}
