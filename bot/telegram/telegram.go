// Package telegram is transferbot's Telegram adapter. It receives updates
// from the Bot API by long polling (the default) or through a webhook,
// hands what users type or press to the command core (bot.Core), and sends
// the core's replies back: HTML text with everything escaped, the chart as
// a photo, and buttons as an inline keyboard. It speaks only to the core;
// all wording comes from there.
//
// In private chats every message goes to the core. In groups only messages
// addressed to the bot do: its commands (also as /where@botname), messages
// that mention it and replies to its messages. Subscribing and
// unsubscribing a group is for its administrators (anonymous ones too).
//
// Updates go through an Inbox (the bot's database) from before Telegram is
// told they arrived until they are answered, so that a restart, even after
// a crash, loses none and answers each once but for the replies in flight
// at the crash.
//
// Sending keeps to Telegram's limits on the bot's side (per chat, per group,
// overall), honours 429 answers with their retry_after (capped at
// Options.MaxRetryAfter; a 429 to another method pauses only that method),
// retries server and network errors with backoff and jitter, and pauses the
// subscriptions of a chat that refuses the bot (403). The same sender
// delivers alerts: the Adapter is a bot.Notifier.
//
// The adapter uses github.com/go-telegram-bot-api/telegram-bot-api/v5 for
// its types and request encoding, with its own poll loop, a context per
// call, and errors and logs that never contain the token.
package telegram

import (
	"context"
	crand "crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	lru "github.com/hashicorp/golang-lru/v2"

	"transferbot/bot"
)

// Platform is the platform name in requests and subscriptions.
const Platform = "telegram"

// DefaultAPIURL is the Bot API's base URL.
const DefaultAPIURL = "https://api.telegram.org"

// DefaultMaxRetryAfter is the longest a 429's retry_after is honoured by
// default (Options.MaxRetryAfter): Telegram has answered retry_after in the
// hundreds of millions of seconds, which taken literally would stop the
// bot for years.
const DefaultMaxRetryAfter = time.Hour

// callRetryWait is the longest a call other than a send or a poll
// (answerCallbackQuery, getChatMember...) waits out a 429 before trying
// again. A longer retry_after fails the call at once, and further calls of
// that method until it has passed: their callers go on without them (a
// button's spinner stops by itself, a member whose rights are unknown is
// not treated as an admin) rather than hold up their chat's reply.
const callRetryWait = 10 * time.Second

// Options configure an Adapter. Zero fields take the documented defaults.
type Options struct {
	// Token is the bot token from @BotFather. Required.
	Token bot.Secret
	// APIURL is the Bot API base URL; default DefaultAPIURL. Set it for a
	// local Bot API server, a proxy, or a fake in tests.
	APIURL string

	// WebhookURL, when set, selects webhook mode: Run registers this public
	// HTTPS URL with setWebhook and Telegram posts updates to it. Otherwise
	// Run long-polls getUpdates (and first deletes any webhook).
	WebhookURL string
	// WebhookListen is the local address Run serves the webhook on, e.g.
	// ":8443", usually behind an HTTPS reverse proxy. When empty in webhook
	// mode, Run serves nothing itself and the caller serves
	// WebhookHandler.
	WebhookListen string
	// WebhookSecret is the secret_token Telegram sends back in the
	// X-Telegram-Bot-Api-Secret-Token header of every webhook request: 1 to
	// 256 characters of A-Z, a-z, 0-9, _ and -. When empty, a random one is
	// made for each run.
	WebhookSecret bot.Secret

	// PollTimeout is how long one long poll waits for updates; default 30s.
	PollTimeout time.Duration

	// PerChat is the most messages per second to one chat, with bursts of
	// 3; default 1.
	PerChat float64
	// PerGroupPerMinute is the most messages to one group in any minute;
	// default 20.
	PerGroupPerMinute int
	// Global is the most messages per second overall; default 30.
	Global float64

	// Logger receives the adapter's log lines, each with platform=telegram;
	// default none. They never contain the token.
	Logger *slog.Logger
	// Observer is told what the adapter does (updates handled, 429s,
	// retries, whether it is connected), for metrics; default none.
	Observer bot.AdapterObserver
	// HTTPClient makes the Bot API calls; default a client with enough idle
	// connections for many concurrent replies. Calls carry their own
	// deadlines, so it needs no Timeout.
	HTTPClient *http.Client
	// Charts draws the charts of where replies; default a cache of its own.
	// Share one cache between adapters: drawing a chart takes ~15 ms.
	Charts *bot.ChartCache

	// RetryBackoff is the first wait before retrying a call that failed
	// with a server or network error; it doubles on each attempt, with
	// jitter, up to 30s. Default 1s.
	RetryBackoff time.Duration
	// MaxAttempts is how many times such a call is tried; default 5. A 429
	// to a send is retried after its retry_after however often it comes.
	MaxAttempts int
	// MaxRetryAfter caps the retry_after of a 429; default
	// DefaultMaxRetryAfter.
	MaxRetryAfter time.Duration
	// RequestTimeout bounds one Bot API call (long polls get PollTimeout
	// more); default 60s.
	RequestTimeout time.Duration
	// ShutdownTimeout is how long Run, once its context ends, lets replies
	// in flight finish; default 10s. Updates still unanswered then stay in
	// the Inbox and are answered after the next start.
	ShutdownTimeout time.Duration
	// AdminCacheTTL is how long a user's admin status in a group is
	// remembered; default 1 minute.
	AdminCacheTTL time.Duration
	// Inbox keeps the updates received until they are answered, so that a
	// restart neither loses nor repeats them (see Inbox); default one in
	// memory, which a restart loses. The bot passes its *storage.Store.
	Inbox Inbox
	// MaxPending bounds the updates received and not yet answered; polling
	// waits while there are that many (Telegram keeps the rest). Default
	// 500.
	MaxPending int
	// MaxQueuedPerChat bounds the updates waiting in one chat; more are
	// dropped, with a log line. Default 50.
	MaxQueuedPerChat int
}

func (o *Options) defaults() {
	if o.APIURL == "" {
		o.APIURL = DefaultAPIURL
	}
	if o.PollTimeout <= 0 {
		o.PollTimeout = 30 * time.Second
	}
	if o.PerChat <= 0 {
		o.PerChat = 1
	}
	if o.PerGroupPerMinute <= 0 {
		o.PerGroupPerMinute = 20
	}
	if o.Global <= 0 {
		o.Global = 30
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	o.Logger = o.Logger.With("platform", Platform)
	if o.Observer == nil {
		o.Observer = bot.NopAdapterObserver{}
	}

	if o.Charts == nil {
		o.Charts = bot.NewChartCache(0, 0, 0)
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 60 * time.Second
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	if o.AdminCacheTTL <= 0 {
		o.AdminCacheTTL = time.Minute
	}
	if o.MaxPending <= 0 {
		o.MaxPending = 500
	}
	if o.MaxQueuedPerChat <= 0 {
		o.MaxQueuedPerChat = 50
	}
	if o.Inbox == nil {
		o.Inbox = newMemInbox()
	}
}

// Adapter is the Telegram front end of one bot. Create it with New, then
// call Run; Notify may be called at any time, concurrently.
type Adapter struct {
	core   *bot.Core
	opts   Options
	log    *slog.Logger
	api    *api
	limits *limits
	disp   *dispatcher
	queue  *queue // the updates received, in the Inbox until answered
	secret string // the webhook's secret token
	obs    bot.AdapterObserver
	// unauthorized reports webhook requests without the secret token, at
	// most once a minute: anyone who finds the URL can send them.
	unauthorized *bot.RareWarning

	ownClient bool // the HTTP client is the adapter's own

	handling chan struct{} // bounds concurrent core.Handle calls

	self    atomic.Pointer[tgbotapi.User] // the bot, once getMe answered
	running atomic.Bool
	stopped atomic.Bool

	seed    maphash.Seed
	photos  *lru.Cache[uint64, string]       // chart PNG hash → Telegram file_id
	buttons *lru.Cache[string, string]       // stored button key → action
	admins  *lru.Cache[adminKey, adminEntry] // (group, user) → is an admin
	checked *lru.Cache[int64, struct{}]      // chats ChannelBack was called for
}

type adminKey struct{ chat, user int64 }

// adminEntry is a remembered admin status, valid until a time. (The
// library's expirable LRU would run a goroutine that never ends.)
type adminEntry struct {
	admin bool
	until time.Time
}

// Ensure Adapter delivers alerts.
var _ bot.Notifier = (*Adapter)(nil)

// New returns an adapter for core. It checks the options and makes no
// network call: Run checks the token with getMe.
func New(core *bot.Core, opts Options) (*Adapter, error) {
	if core == nil {
		return nil, errors.New("telegram: nil core")
	}
	if opts.Token == "" {
		return nil, errors.New("telegram: no token: set telegram.token or TRANSFERBOT_TELEGRAM_TOKEN")
	}
	opts.defaults()
	if u, err := url.Parse(opts.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("telegram: api_url %q: want an http or https URL", opts.APIURL)
	}
	if opts.WebhookURL != "" {
		if u, err := url.Parse(opts.WebhookURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("telegram: webhook url %q: want an https URL", opts.WebhookURL)
		}
	}
	secret := opts.WebhookSecret.Value()
	if secret != "" && (len(secret) > 256 || strings.IndexFunc(secret, notKeyRune) >= 0) {
		return nil, errors.New("telegram: webhook secret: must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
	}
	if secret == "" {
		var b [32]byte
		crand.Read(b[:])
		secret = base64.RawURLEncoding.EncodeToString(b[:])
	}
	ownClient := opts.HTTPClient == nil
	if ownClient {
		opts.HTTPClient = defaultHTTPClient()
	}
	t := &Adapter{
		ownClient: ownClient,
		core:      core,
		opts:      opts,
		log:       opts.Logger,
		api:       newAPI(opts.Token.Value(), opts.APIURL, opts.HTTPClient, opts.RequestTimeout, opts.MaxRetryAfter),
		limits:    newLimits(opts.PerChat, opts.PerGroupPerMinute, opts.Global),
		secret:    secret,
		obs:       opts.Observer,
		unauthorized: bot.NewRareWarning(opts.Logger,
			"telegram: webhook requests without the right secret token", time.Minute),
		handling: make(chan struct{}, max(4, 2*runtime.GOMAXPROCS(0))),
		seed:     maphash.MakeSeed(),
	}
	t.photos, _ = lru.New[uint64, string](1024)
	t.admins, _ = lru.New[adminKey, adminEntry](4096)
	t.buttons, _ = lru.New[string, string](4096)
	t.checked, _ = lru.New[int64, struct{}](10000)
	t.disp = newDispatcher(t.handleUpdate, opts.MaxQueuedPerChat, t.log)
	t.queue = newQueue(t, opts.Inbox)
	return t, nil
}

// Run connects to Telegram and answers updates until ctx ends: it checks
// the token (getMe), registers the command list (setMyCommands), then long
// polls, or registers the webhook and serves it. When ctx ends it stops
// taking updates, lets the replies in flight finish (up to
// Options.ShutdownTimeout), stores where polling got to, and returns nil.
// It returns an error when it cannot start (a refused token, a webhook
// Telegram will not take, an address it cannot listen on) or, while
// polling, when the token is revoked. Run may be called once.
func (t *Adapter) Run(ctx context.Context) error {
	if !t.running.CompareAndSwap(false, true) {
		return errors.New("telegram: Run called twice")
	}
	defer func() {
		t.obs.Connected(Platform, false)
		t.stopped.Store(true)
		if t.ownClient {
			t.opts.HTTPClient.CloseIdleConnections()
		}
	}()
	err := t.start(ctx)
	if err == nil {
		stop, marked := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(marked)
			t.queue.run(stop)
		}()
		defer func() {
			close(stop)
			<-marked
		}()
		if t.opts.WebhookURL != "" {
			err = t.runWebhook(ctx)
		} else {
			err = t.runPolling(ctx)
		}
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		err = nil
	}
	return err
}

// start checks the token, registers the commands and, when polling, removes
// any webhook (getUpdates fails while one is set).
func (t *Adapter) start(ctx context.Context) error {
	var resp *tgbotapi.APIResponse
	for failures := 1; ; failures++ {
		var err error
		resp, err = t.call(ctx, "getMe", nil, nil)
		if err == nil {
			break
		}
		if ae := asAPIError(err); ae != nil && (ae.code == http.StatusUnauthorized || ae.code == http.StatusNotFound) {
			return fmt.Errorf("telegram: the Bot API refused the token (check telegram.token): %w", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		d := t.backoff(failures)
		t.log.Warn("telegram: cannot reach the Bot API; trying again", "in", d, "err", err)
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
	var me tgbotapi.User
	if err := json.Unmarshal(resp.Result, &me); err != nil || me.ID == 0 {
		return fmt.Errorf("telegram: connect: getMe: unexpected answer")
	}
	t.self.Store(&me)
	t.obs.Connected(Platform, true)
	mode := "polling"
	if t.opts.WebhookURL != "" {
		mode = "webhook"
	}
	t.log.Info("telegram: connected", "bot", me.UserName, "id", me.ID, "mode", mode)

	var cmds []tgbotapi.BotCommand
	for _, c := range bot.Commands() {
		cmds = append(cmds, tgbotapi.BotCommand{Command: c.Name, Description: truncateRunes(c.Description, 256)})
	}
	if _, err := t.call(ctx, "setMyCommands", tgbotapi.NewSetMyCommands(cmds...), nil); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		t.log.Warn("telegram: could not register the command list", "err", err)
	}

	if t.opts.WebhookURL == "" {
		if _, err := t.call(ctx, "deleteWebhook", tgbotapi.DeleteWebhookConfig{}, nil); err != nil {
			return fmt.Errorf("telegram: delete webhook before polling: %w", err)
		}
	}
	return nil
}

// call makes a Bot API call other than a send or a poll, retrying server
// and network errors and 429s up to MaxAttempts times: c, one of the
// library's request types, or when c is nil the method with params. A 429
// pauses this method only, never the sends: Telegram limits methods
// separately, and one chat's button press must not hold up every chat's
// replies. A retry_after longer than callRetryWait fails the call.
func (t *Adapter) call(ctx context.Context, method string, c tgbotapi.Chattable, params tgbotapi.Params) (*tgbotapi.APIResponse, error) {
	f := func(b *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		if c != nil {
			return b.Request(c)
		}
		return b.MakeRequest(method, params)
	}
	for attempt := 1; ; attempt++ {
		if d := t.limits.methodPaused(method); d > callRetryWait {
			return nil, &apiError{method: method, code: http.StatusTooManyRequests, desc: "rate limited by Telegram earlier", retryAfter: d}
		} else if d > 0 {
			if err := sleep(ctx, d); err != nil {
				return nil, err
			}
		}
		resp, err := t.api.run(ctx, method, 0, f)
		if err == nil {
			return resp, nil
		}
		ae := asAPIError(err)
		switch {
		case ctx.Err() != nil || ae == nil:
			return nil, err
		case ae.code == http.StatusTooManyRequests:
			d := max(ae.retryAfter, time.Second)
			t.obs.RateLimited(Platform)
			t.limits.pauseMethod(method, d) // the next attempt waits it out
			if d > callRetryWait || attempt >= t.opts.MaxAttempts {
				return nil, err
			}
			t.log.Debug("telegram: rate limited; retrying", "method", method, "attempt", attempt, "wait", d)
		case ae.temporary() && attempt < t.opts.MaxAttempts:
			d := t.backoff(attempt)
			t.obs.Retried(Platform)
			t.log.Debug("telegram: retrying", "method", method, "attempt", attempt, "wait", d, "err", err)
			if err := sleep(ctx, d); err != nil {
				return nil, err
			}
		default:
			return nil, err
		}
	}
}

// backoff is the wait before retry number attempt (from 1): RetryBackoff
// doubled per attempt, at most 30s, with "equal jitter" (half fixed, half
// random) so that many chats retrying do not retry together.
func (t *Adapter) backoff(attempt int) time.Duration {
	d := t.opts.RetryBackoff << min(attempt-1, 16)
	if d > 30*time.Second || d <= 0 {
		d = 30 * time.Second
	}
	j := time.Duration(rand.Int64N(int64(d/2) + 1))
	return d/2 + j
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
