// Package discord is transferbot's Discord adapter. It registers the bot's
// slash commands, receives interactions over the gateway (one or more
// discordgo sessions) or over an HTTP interactions endpoint (Ed25519-signed
// requests), hands them to the command core and lays the core's replies out
// as embeds with the destination chart attached, buttons and select menus.
// It also delivers alerts to channels (Notify, a bot.Notifier).
//
// The adapter speaks only to the command core (bot.Core): all wording comes
// from there. REST calls go through one rate-limited transport (see
// ratelimit.go): a global cap on requests per second, per-route buckets from
// the X-RateLimit headers, 429s waited out and retried, 5xx retried with
// backoff.
package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"transferbot/bot"
)

// Platform is the Request.Platform of every request from Discord, and the
// platform of Discord subscriptions.
const Platform = "discord"

// DefaultAPIURL is Discord's REST API base URL (v10).
const DefaultAPIURL = "https://discord.com/api/v10"

// Defaults of Options.
const (
	defaultRequestsPerSecond = 40
	defaultDeferAfter        = 2 * time.Second
	defaultRetryBackoff      = 500 * time.Millisecond
	defaultChartWidth        = 640
	defaultChartHeight       = 400
)

// shutdownGrace is how long Run waits, once ctx ends, for interactions
// being answered to finish.
const shutdownGrace = 5 * time.Second

// Options configure the adapter. Zero fields take the documented defaults.
type Options struct {
	// Token is the bot token (from TRANSFERBOT_DISCORD_TOKEN or
	// discord.token); required.
	Token bot.Secret
	// ApplicationID is the application's id (a numeric snowflake); required.
	ApplicationID string
	// PublicKey is the application's public key, 64 hexadecimal characters;
	// required with InteractionsListen. Interactions endpoint requests are
	// verified with it.
	PublicKey string
	// Guilds, if set, are the guilds to register the slash commands in
	// (instant, for testing); otherwise they are registered globally.
	Guilds []string
	// APIURL is the REST API base URL; default DefaultAPIURL. Set it to go
	// through a REST proxy, or to a fake Discord in tests.
	APIURL string
	// InteractionsListen, when set (e.g. ":8080"), serves the HTTP
	// interactions endpoint on that address instead of opening a gateway
	// session. Commands are registered over REST either way.
	InteractionsListen string
	// TimestampWindow is how far the signed X-Signature-Timestamp of an
	// interactions endpoint request may be from the clock, either way;
	// default DefaultTimestampWindow. Requests outside it, and repeats of
	// an interaction already answered, are replays and get 401.
	TimestampWindow time.Duration
	// ShardID and ShardCount select one shard of several. ShardCount 0 asks
	// Discord (GET /gateway/bot) how many shards to run and runs them all in
	// this process, one session each.
	ShardID, ShardCount int
	// RequestsPerSecond caps REST requests over all routes; default 40
	// (Discord allows 50). Interaction responses are not counted, as
	// Discord does not count them.
	RequestsPerSecond float64
	// Logger receives the adapter's logs (and discordgo's, warnings and
	// errors only), each with platform=discord; default slog.Default(). No
	// log line holds the token.
	Logger *slog.Logger
	// Observer is told what the adapter does (interactions handled, 429s,
	// retries, whether it is connected), for metrics; default none.
	Observer bot.AdapterObserver
	// HTTPClient, if set, is the client whose Transport and Timeout REST
	// requests use. The rate limiting wraps its Transport, so a Timeout
	// also bounds the waits for rate limits and retries.
	HTTPClient *http.Client
	// DeferAfter is how long an interaction waits for the core before it is
	// answered "thinking…" (deferred) and followed up; default 2s, under
	// Discord's 3-second limit. A negative value defers every command.
	DeferAfter time.Duration
	// RetryBackoff is the wait before retrying a REST request that failed
	// with a 5xx status, doubled on each retry; default 500ms.
	RetryBackoff time.Duration
	// Charts, if set, is the chart cache to draw through, shared with other
	// adapters; default a cache of 256 charts of 640×400 pixels.
	Charts *bot.ChartCache
}

// Discord is the Discord adapter. Create it with New and start it with Run.
// Its methods are safe for concurrent use.
type Discord struct {
	core   *bot.Core
	opts   Options
	log    *slog.Logger
	pubKey ed25519.PublicKey
	obs    bot.AdapterObserver
	shards *shardsUp // the gateway shards ready; set by runGateway before any session opens
	// badSignature reports requests to the interactions endpoint that fail
	// verification, at most once a minute: anyone can send them.
	badSignature *bot.RareWarning
	rest         *restClient
	charts       *bot.ChartCache

	// work is the context of interaction handling and followups; it ends
	// after Run has returned (or never, when Run is not used).
	work     context.Context
	stopWork context.CancelFunc
	// pending counts interactions being handled and their followups.
	// Handling starts with enter, which refuses once drain has begun;
	// goroutines started while handling add to it directly.
	pending  sync.WaitGroup
	closeMu  sync.RWMutex
	draining bool
	running  atomic.Bool
	seen     *lru.Cache[string, struct{}] // channels ChannelBack was called for
	answered *replayGuard                 // interactions the endpoint accepted
	actions  *lru.Cache[string, string]   // short custom-id keys -> actions
}

// New checks opts and returns an adapter for core. It does no network I/O.
func New(core *bot.Core, opts Options) (*Discord, error) {
	if core == nil {
		return nil, errors.New("discord: nil core")
	}
	if opts.Token.Value() == "" {
		return nil, errors.New("discord: token: required")
	}
	if strings.ContainsAny(opts.Token.Value(), " \t\r\n") {
		return nil, errors.New("discord: token: must not contain white space")
	}
	if !isSnowflake(opts.ApplicationID) {
		return nil, errors.New("discord: application_id: must be a numeric Discord id")
	}
	for i, g := range opts.Guilds {
		if !isSnowflake(g) {
			return nil, fmt.Errorf("discord: guilds[%d]: must be a numeric Discord id", i)
		}
	}
	var pub ed25519.PublicKey
	if opts.PublicKey != "" {
		k, err := hex.DecodeString(opts.PublicKey)
		if err != nil || len(k) != ed25519.PublicKeySize {
			return nil, errors.New("discord: public_key: must be 64 hexadecimal characters")
		}
		pub = k
	} else if opts.InteractionsListen != "" {
		return nil, errors.New("discord: public_key: required with interactions.listen")
	}
	if opts.APIURL == "" {
		opts.APIURL = DefaultAPIURL
	}
	api, err := url.Parse(strings.TrimRight(opts.APIURL, "/"))
	if err != nil || (api.Scheme != "http" && api.Scheme != "https") || api.Host == "" {
		return nil, errors.New("discord: api_url: must be an http or https URL")
	}
	if opts.ShardCount < 0 || (opts.ShardCount > 0 && (opts.ShardID < 0 || opts.ShardID >= opts.ShardCount)) ||
		(opts.ShardCount == 0 && opts.ShardID != 0) {
		return nil, errors.New("discord: shard_id: must be at least 0 and less than shard_count")
	}
	if opts.TimestampWindow < 0 {
		return nil, errors.New("discord: interactions.timestamp_window: must not be negative")
	}
	if opts.TimestampWindow == 0 {
		opts.TimestampWindow = DefaultTimestampWindow
	}
	if opts.RequestsPerSecond <= 0 {
		opts.RequestsPerSecond = defaultRequestsPerSecond
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.DeferAfter == 0 {
		opts.DeferAfter = defaultDeferAfter
	}
	if opts.RetryBackoff <= 0 {
		opts.RetryBackoff = defaultRetryBackoff
	}
	if opts.Charts == nil {
		opts.Charts = bot.NewChartCache(256, defaultChartWidth, defaultChartHeight)
	}
	if opts.Observer == nil {
		opts.Observer = bot.NopAdapterObserver{}
	}
	log := opts.Logger.With("platform", Platform)
	d := &Discord{
		core: core,
		opts: opts,
		log:  log,
		obs:  opts.Observer,
		badSignature: bot.NewRareWarning(log,
			"discord: interactions endpoint requests without a valid signature", time.Minute),
		pubKey: pub,
		charts: opts.Charts,
	}
	d.work, d.stopWork = context.WithCancel(context.Background())
	d.seen, _ = lru.New[string, struct{}](4096)
	d.answered = newReplayGuard(opts.TimestampWindow, maxRememberedInteractions)
	d.actions, _ = lru.New[string, string](4096)
	d.rest = newRESTClient(api, opts, log)
	return d, nil
}

// isSnowflake reports whether s looks like a Discord id: 1 to 20 digits.
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Run registers the slash commands (when they changed since the last start)
// and then serves interactions until ctx ends: over the HTTP interactions
// endpoint when Options.InteractionsListen is set, else over the gateway. It
// then closes the gateway sessions or the HTTP server, waits a few seconds
// for interactions being answered, and returns nil. It returns an error,
// early, when Discord refuses the commands (while it cannot be reached or
// answers 5xx, Run keeps trying) or the gateway or listener cannot be
// opened; an error matching ErrTokenRefused when Discord refuses the token.
// Run may be called once.
func (d *Discord) Run(ctx context.Context) error {
	if !d.running.CompareAndSwap(false, true) {
		return errors.New("discord: Run called twice")
	}
	defer d.stopWork()
	defer bridgeLogs(d.log, d.opts.Token.Value())()
	defer d.obs.Connected(Platform, false)
	if err := d.register(ctx); err != nil || ctx.Err() != nil {
		return err
	}
	var err error
	if d.opts.InteractionsListen != "" {
		err = d.serveHTTP(ctx)
	} else {
		err = d.runGateway(ctx)
	}
	d.drain()
	return err
}

// register registers the commands, trying again with growing waits (up to
// 30 s) while Discord cannot be reached or answers with a server error, so
// that an outage at start does not stop the bot. A refusal (401, 403, 400)
// is returned at once, and nil when ctx ends while waiting.
func (d *Discord) register(ctx context.Context) error {
	wait := max(d.opts.RetryBackoff, time.Millisecond)
	for {
		_, err := d.RegisterCommands(ctx)
		if err == nil || ctx.Err() != nil || !temporary(err) {
			return err
		}
		d.log.Warn("discord: cannot register the commands yet; trying again", "in", wait, "err", err)
		if sleep(ctx, wait) != nil {
			return nil
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// temporary reports whether err is worth retrying later: a server error or
// a failure to reach Discord at all.
func temporary(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status >= 500
	}
	var ne net.Error
	return errors.As(err, &ne)
}

// enter counts an interaction about to be handled, and reports false when
// the adapter is shutting down. The caller calls d.pending.Done when done.
func (d *Discord) enter() bool {
	d.closeMu.RLock()
	defer d.closeMu.RUnlock()
	if d.draining {
		return false
	}
	d.pending.Add(1)
	return true
}

// drain refuses new interactions and waits up to shutdownGrace for those
// being handled and their followups.
func (d *Discord) drain() {
	d.closeMu.Lock()
	d.draining = true
	d.closeMu.Unlock()
	done := make(chan struct{})
	go func() {
		d.pending.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(shutdownGrace):
		d.log.Warn("discord: shutting down with interactions still being answered")
	}
}

var _ bot.Notifier = (*Discord)(nil)
