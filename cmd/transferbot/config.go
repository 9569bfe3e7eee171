package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math"
	"net"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/agnivade/levenshtein"
	"gopkg.in/yaml.v3"

	"transferbot/bot"
	"transferbot/bot/discord"
)

// Config is the bot's configuration: built-in defaults, then the YAML file,
// then TRANSFERBOT_* environment variables. See config.example.yaml for
// every key and its default.
type Config struct {
	// Database is the SQLite file; default "transferbot.db" in the current directory.
	Database string `yaml:"database" json:"database"`
	// LogLevel is debug, info, warn or error; default info.
	LogLevel string `yaml:"log_level" json:"log_level"`
	// Demo runs the built-in demo (its corpus is ingested on first start,
	// and the console chat follows the demo feed) when no chat platform is
	// configured; default true. See DemoRuns.
	Demo     bool           `yaml:"demo" json:"demo"`
	Ranking  RankingConfig  `yaml:"ranking" json:"ranking"`
	Telegram TelegramConfig `yaml:"telegram" json:"telegram"`
	Discord  DiscordConfig  `yaml:"discord" json:"discord"`
	// Feeds are the news feeds polled for new articles; none by default.
	Feeds  []FeedConfig `yaml:"feeds" json:"feeds"`
	Alerts AlertsConfig `yaml:"alerts" json:"alerts"`
	Ops    OpsConfig    `yaml:"ops" json:"ops"`
}

// OpsConfig configures the operations listener (see package transferbot/ops).
type OpsConfig struct {
	// Listen is the address to serve /healthz and /metrics on, e.g.
	// "127.0.0.1:9090"; empty (the default): no listener. It has no
	// authentication: keep it on a private address.
	Listen string `yaml:"listen" json:"listen"`
}

// FeedConfig is one RSS, Atom or JSON feed to poll.
type FeedConfig struct {
	URL string `yaml:"url" json:"url"` // http or https; required
	// Outlet names the publisher of the feed's articles; default: the
	// feed's own title.
	Outlet string `yaml:"outlet" json:"outlet"`
	// Tier is the outlet's reliability tier, 1 (most reliable) to 4; 0
	// (the default) leaves the outlet table or ranking.unknown_tier to say.
	Tier int `yaml:"tier" json:"tier"`
	// Interval is how often the feed is polled; default 10m, at least 1m.
	Interval time.Duration `yaml:"interval" json:"interval"`
	// FetchArticle fetches each new item's web page and reads its main text,
	// for feeds that carry only summaries; default false.
	FetchArticle bool `yaml:"fetch_article" json:"fetch_article"`
	// AllowPrivate lets the feed, its redirects and its article pages be on
	// loopback, private or other non-public addresses (feed.Feed.AllowPrivate);
	// default false.
	AllowPrivate bool `yaml:"allow_private" json:"allow_private"`
}

// AlertsConfig tunes the alerts sent to subscribed channels.
type AlertsConfig struct {
	// MinScore is the ranking score a new (player, club) link needs to be
	// an alert; default 0.1 (a fresh talks report from a top outlet scores
	// about 0.45, a speculative one from a tabloid about 0.05).
	MinScore float64 `yaml:"min_score" json:"min_score"`
	// MaxAge is how long an alert may wait for delivery (platform down,
	// chat rate-limited) before it is dropped; default 24h.
	MaxAge time.Duration `yaml:"max_age" json:"max_age"`
}

// Defaults of FeedConfig.Interval.
const (
	defaultFeedInterval = 10 * time.Minute
	minFeedInterval     = time.Minute
)

// RankingConfig tunes how destinations are ranked.
type RankingConfig struct {
	// HalfLife is the age at which a report counts half; default 720h (30 days).
	HalfLife time.Duration `yaml:"half_life" json:"half_life"`
	// StaysWeight is the weight of "stays where he is"; default 1.0.
	StaysWeight float64 `yaml:"stays_weight" json:"stays_weight"`
	// Outlets sets the reliability tier (1 most reliable .. 4 least) of
	// outlets by name, overriding or extending the built-in outlet table.
	Outlets map[string]int `yaml:"outlets" json:"outlets"`
	// TierWeights is the weight of each tier; tiers left out keep their
	// defaults 1: 1.0, 2: 0.8, 3: 0.55, 4: 0.3.
	TierWeights map[int]float64 `yaml:"tier_weights" json:"tier_weights"`
	// UnknownTier is the tier of an outlet the table does not know; default 3.
	UnknownTier int `yaml:"unknown_tier" json:"unknown_tier"`
}

// TelegramConfig configures the Telegram front end; it is enabled when
// Token is set.
type TelegramConfig struct {
	Token Secret `yaml:"token" json:"token"` // bot token from @BotFather
	// APIURL is the Bot API base URL; default https://api.telegram.org.
	APIURL  string          `yaml:"api_url" json:"api_url"`
	Webhook TelegramWebhook `yaml:"webhook" json:"webhook"`
	// PollTimeout is how long one long poll (getUpdates) waits for updates;
	// default 30s, at most 50s.
	PollTimeout time.Duration  `yaml:"poll_timeout" json:"poll_timeout"`
	Limits      TelegramLimits `yaml:"limits" json:"limits"`
}

// TelegramLimits are the bot's own sending limits, kept below Telegram's so
// that it is rarely answered 429.
type TelegramLimits struct {
	// PerChat is messages per second to one chat; default 1 (with a burst of 3).
	PerChat float64 `yaml:"per_chat" json:"per_chat"`
	// PerGroupPerMinute is messages per minute to one group; default 20.
	PerGroupPerMinute int `yaml:"per_group_per_minute" json:"per_group_per_minute"`
	// Global is messages per second over all chats; default 30.
	Global float64 `yaml:"global" json:"global"`
}

// TelegramWebhook configures webhook delivery; with URL empty the bot uses
// long polling.
type TelegramWebhook struct {
	URL    string `yaml:"url" json:"url"`       // public https URL Telegram posts updates to
	Listen string `yaml:"listen" json:"listen"` // local address to serve it on, e.g. ":8443"
	// Secret is sent by Telegram in X-Telegram-Bot-Api-Secret-Token:
	// 1 to 256 characters of A-Z, a-z, 0-9, _ and -.
	Secret Secret `yaml:"secret" json:"secret"`
}

// DiscordConfig configures the Discord front end; it is enabled when Token
// is set.
type DiscordConfig struct {
	Token         Secret   `yaml:"token" json:"token"`                   // bot token
	ApplicationID string   `yaml:"application_id" json:"application_id"` // required with Token
	PublicKey     string   `yaml:"public_key" json:"public_key"`         // hex Ed25519 key for interaction signatures
	Guilds        []string `yaml:"guilds" json:"guilds"`                 // guild ids for commands; empty: global
	// APIURL is the REST API base URL; default https://discord.com/api/v10.
	APIURL       string              `yaml:"api_url" json:"api_url"`
	Interactions DiscordInteractions `yaml:"interactions" json:"interactions"`
	// ShardID and ShardCount run one gateway shard of several; ShardCount 0
	// (the default) asks Discord (/gateway/bot) and runs every shard in this
	// process.
	ShardID    int `yaml:"shard_id" json:"shard_id"`
	ShardCount int `yaml:"shard_count" json:"shard_count"`
	// RequestsPerSecond caps REST requests over all routes; default 40.
	RequestsPerSecond float64 `yaml:"requests_per_second" json:"requests_per_second"`
}

// DiscordInteractions configures the HTTP interactions endpoint.
type DiscordInteractions struct {
	Listen string `yaml:"listen" json:"listen"` // local address, e.g. ":8080"; empty: no endpoint
	// TimestampWindow is how far a request's signed timestamp may be from
	// the clock (discord.Options.TimestampWindow); default
	// discord.DefaultTimestampWindow.
	TimestampWindow time.Duration `yaml:"timestamp_window" json:"timestamp_window"`
}

// Defaults that DefaultConfig and the example file share.
const (
	defaultTelegramAPI = "https://api.telegram.org"
	defaultDiscordAPI  = "https://discord.com/api/v10"
)

// defaultTierWeights returns a fresh copy of the default tier weights.
func defaultTierWeights() map[int]float64 {
	return map[int]float64{1: 1.0, 2: 0.8, 3: 0.55, 4: 0.3}
}

// DefaultConfig returns the built-in configuration.
func DefaultConfig() Config {
	return Config{
		Database: "transferbot.db",
		LogLevel: "info",
		Demo:     true,
		Ranking: RankingConfig{
			HalfLife:    720 * time.Hour,
			StaysWeight: 1.0,
			TierWeights: defaultTierWeights(),
			UnknownTier: 3,
		},
		Telegram: TelegramConfig{
			APIURL:      defaultTelegramAPI,
			PollTimeout: 30 * time.Second,
			Limits:      TelegramLimits{PerChat: 1, PerGroupPerMinute: 20, Global: 30},
		},
		Discord: DiscordConfig{APIURL: defaultDiscordAPI, RequestsPerSecond: 40,
			Interactions: DiscordInteractions{TimestampWindow: discord.DefaultTimestampWindow}},
		Alerts: AlertsConfig{MinScore: 0.1, MaxAge: 24 * time.Hour},
	}
}

// ServesPlatform reports whether a chat platform is configured: a Telegram
// or Discord token is set, so the bot serves that platform instead of the
// console chat.
func (c Config) ServesPlatform() bool {
	return c.Telegram.Token != "" || c.Discord.Token != ""
}

// Platforms returns the chat platforms the configuration serves, in the
// order Main starts their adapters.
func (c Config) Platforms() []string {
	var out []string
	if c.Telegram.Token != "" {
		out = append(out, "telegram")
	}
	if c.Discord.Token != "" {
		out = append(out, "discord")
	}
	return out
}

// DemoRuns reports whether the demo runs: Demo is set and no chat platform
// is configured. The demo corpus holds invented quotes credited to real
// outlets, which must never reach a platform's users, so a database served
// on one never receives it.
func (c Config) DemoRuns() bool { return c.Demo && !c.ServesPlatform() }

// SlogLevel returns LogLevel as a slog.Level (info when it is not valid).
func (c Config) SlogLevel() slog.Level {
	switch c.LogLevel {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// LoadConfig returns the defaults overridden by the YAML file at path (none
// when path is "") and then by the TRANSFERBOT_* variables that getenv
// (usually os.Getenv; nil for none) reports non-empty, and validates the
// result. A missing or unreadable file, a YAML error or an unknown key
// (named in the error), a malformed variable (named) and every Validate
// problem are errors; problems in a value taken from a variable name the
// variable too.
func LoadConfig(path string, getenv func(string) string) (Config, error) {
	cfg := DefaultConfig()
	if path != "" {
		if err := cfg.readYAML(path); err != nil {
			return Config{}, err
		}
	}
	fromEnv, envErr := cfg.applyEnv(getenv)
	valErr := cfg.Validate()
	var errs []error
	if envErr != nil {
		errs = append(errs, envErr)
	}
	if valErr != nil {
		for _, e := range unjoin(valErr) {
			var fe *FieldError
			if errors.As(e, &fe) && fromEnv[fe.Field] != "" {
				fe.Env = fromEnv[fe.Field]
			}
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	return cfg, nil
}

// readYAML decodes the file at path over c, refusing unknown keys (named
// with the closest known key) and durations without a unit.
func (c *Config) readYAML(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config: %s: %w", path, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("config: %s: more than one YAML document", path)
	}
	if errs := checkNode(&doc, reflect.TypeFor[Config](), ""); len(errs) > 0 {
		for i, e := range errs {
			errs[i] = fmt.Errorf("config: %s: %w", path, e)
		}
		return errors.Join(errs...)
	}
	// checkNode found every unknown key; KnownFields stays as a backstop.
	dec = yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config: %s: %w", path, err)
	}
	// "tier_weights:" with no value decodes as null; keep the defaults of
	// tiers the file does not set.
	if c.Ranking.TierWeights == nil {
		c.Ranking.TierWeights = map[int]float64{}
	}
	for t, w := range defaultTierWeights() {
		if _, ok := c.Ranking.TierWeights[t]; !ok {
			c.Ranking.TierWeights[t] = w
		}
	}
	for i := range c.Feeds {
		if c.Feeds[i].Interval == 0 {
			c.Feeds[i].Interval = defaultFeedInterval
		}
	}
	return nil
}

// durationType is time.Duration, which YAML would read from a bare number
// as nanoseconds (or refuse) where people mean hours or seconds.
var durationType = reflect.TypeFor[time.Duration]()

// checkNode checks the YAML node n, which is decoded into a value of type t
// at path (its YAML path, "" for the document): every mapping key must name
// a field of the struct it fills, and a duration must have a unit. It
// returns one error per problem, with its line.
func checkNode(n *yaml.Node, t reflect.Type, path string) []error {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		var errs []error
		for _, c := range n.Content {
			errs = append(errs, checkNode(c, t, path)...)
		}
		return errs
	case yaml.AliasNode:
		return checkNode(n.Alias, t, path)
	}
	if t == durationType {
		if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
			return []error{fmt.Errorf("line %d: %s: %s needs a unit: %[3]sh, %[3]sm or %[3]ss", n.Line, path, n.Value)}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return checkNode(n, t.Elem(), path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return nil
		}
		var errs []error
		for i, c := range n.Content {
			errs = append(errs, checkNode(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return errs
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		var errs []error
		for i := 0; i+1 < len(n.Content); i += 2 {
			errs = append(errs, checkNode(n.Content[i+1], t.Elem(), fmt.Sprintf("%s[%s]", path, n.Content[i].Value))...)
		}
		return errs
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		fields := yamlFields(t)
		var errs []error
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			if key.Value == "<<" { // a merge key: its mapping fills the same struct
				errs = append(errs, checkNode(val, t, path)...)
				continue
			}
			ft, ok := fields[key.Value]
			if !ok {
				errs = append(errs, fmt.Errorf("line %d: %s", key.Line, unknownKey(path, key.Value, slices.Sorted(maps.Keys(fields)))))
				continue
			}
			errs = append(errs, checkNode(val, ft, joinPath(path, key.Value))...)
		}
		return errs
	}
	return nil
}

// yamlFields maps the YAML keys of struct type t to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// unknownKey says that key is not one of known at path, naming the closest
// known key when one is near (a typo), else every known key.
func unknownKey(path, key string, known []string) string {
	best, bestDist := "", 0
	for _, k := range known {
		if d := levenshtein.ComputeDistance(strings.ToLower(key), k); best == "" || d < bestDist {
			best, bestDist = k, d
		}
	}
	msg := "unknown key " + joinPath(path, key)
	if best != "" && bestDist <= max(2, len(key)/3) {
		return msg + " (did you mean " + joinPath(path, best) + "?)"
	}
	where := "here"
	if path != "" {
		where = "under " + path
	}
	return msg + " (keys " + where + ": " + strings.Join(known, ", ") + ")"
}

// envVar is a TRANSFERBOT_* variable, the field it sets (by its YAML path)
// and how.
type envVar struct {
	name, field string
	set         func(c *Config, v string) error
}

// envVars lists the variables LoadConfig reads, in the order it applies them.
func envVars() []envVar {
	return []envVar{
		{"TRANSFERBOT_DATABASE", "database", func(c *Config, v string) error { c.Database = v; return nil }},
		{"TRANSFERBOT_LOG_LEVEL", "log_level", func(c *Config, v string) error { c.LogLevel = v; return nil }},
		{"TRANSFERBOT_DEMO", "demo", func(c *Config, v string) error {
			b, err := parseBool(v)
			c.Demo = b
			return err
		}},
		{"TRANSFERBOT_TELEGRAM_TOKEN", "telegram.token", func(c *Config, v string) error { c.Telegram.Token = Secret(v); return nil }},
		{"TRANSFERBOT_TELEGRAM_API_URL", "telegram.api_url", func(c *Config, v string) error { c.Telegram.APIURL = v; return nil }},
		{"TRANSFERBOT_TELEGRAM_WEBHOOK_URL", "telegram.webhook.url", func(c *Config, v string) error { c.Telegram.Webhook.URL = v; return nil }},
		{"TRANSFERBOT_TELEGRAM_WEBHOOK_SECRET", "telegram.webhook.secret", func(c *Config, v string) error {
			c.Telegram.Webhook.Secret = Secret(v)
			return nil
		}},
		{"TRANSFERBOT_DISCORD_TOKEN", "discord.token", func(c *Config, v string) error { c.Discord.Token = Secret(v); return nil }},
		{"TRANSFERBOT_DISCORD_APPLICATION_ID", "discord.application_id", func(c *Config, v string) error {
			c.Discord.ApplicationID = v
			return nil
		}},
		{"TRANSFERBOT_DISCORD_PUBLIC_KEY", "discord.public_key", func(c *Config, v string) error { c.Discord.PublicKey = v; return nil }},
		{"TRANSFERBOT_DISCORD_API_URL", "discord.api_url", func(c *Config, v string) error { c.Discord.APIURL = v; return nil }},
		{"TRANSFERBOT_OPS_LISTEN", "ops.listen", func(c *Config, v string) error { c.Ops.Listen = v; return nil }},
	}
}

// applyEnv applies the non-empty TRANSFERBOT_* variables and returns which
// fields they set (field -> variable). A value that does not parse is an
// error naming the variable, and leaves its field unchanged.
func (c *Config) applyEnv(getenv func(string) string) (map[string]string, error) {
	set := map[string]string{}
	if getenv == nil {
		return set, nil
	}
	var errs []error
	for _, ev := range envVars() {
		v := getenv(ev.name)
		if v == "" {
			continue
		}
		tmp := *c
		if err := ev.set(&tmp, v); err != nil {
			errs = append(errs, fmt.Errorf("config: %s: %w", ev.name, err))
			continue
		}
		*c = tmp
		set[ev.field] = ev.name
	}
	return set, errors.Join(errs...)
}

// parseBool accepts true/false, yes/no, on/off and 1/0, in any case.
func parseBool(v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean (use true or false)", v)
}

// FieldError is one problem Validate found: the field, as its YAML path
// ("ranking.half_life"), and what is wrong with it. Env names the
// environment variable the value came from, if LoadConfig took it from one.
type FieldError struct {
	Field   string
	Env     string
	Problem string
}

func (e *FieldError) Error() string {
	if e.Env != "" {
		return fmt.Sprintf("config: %s (from %s): %s", e.Field, e.Env, e.Problem)
	}
	return fmt.Sprintf("config: %s: %s", e.Field, e.Problem)
}

// unjoin returns the errors an errors.Join combined, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// Validate checks every field and returns all problems at once, joined
// with errors.Join, each a *FieldError naming its field, for example
// "config: ranking.half_life: must be positive". Messages never include
// secrets or URLs (which may embed tokens).
func (c Config) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
	}

	if strings.TrimSpace(c.Database) == "" {
		bad("database", "required")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log_level", "%q is not one of debug, info, warn, error", c.LogLevel)
	}

	r := c.Ranking
	if r.HalfLife <= 0 {
		bad("ranking.half_life", "must be positive")
	}
	if !positive(r.StaysWeight) {
		bad("ranking.stays_weight", "must be a positive number")
	}
	if !validTier(r.UnknownTier) {
		bad("ranking.unknown_tier", "must be between 1 and 4")
	}
	for _, t := range slices.Sorted(maps.Keys(r.TierWeights)) {
		field := fmt.Sprintf("ranking.tier_weights[%d]", t)
		if !validTier(t) {
			bad(field, "tier must be between 1 and 4")
		} else if !positive(r.TierWeights[t]) {
			bad(field, "must be a positive number")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.Outlets)) {
		if strings.TrimSpace(name) == "" {
			bad("ranking.outlets", "outlet name must not be empty")
		} else if !validTier(r.Outlets[name]) {
			bad(fmt.Sprintf("ranking.outlets[%q]", name), "tier must be between 1 and 4")
		}
	}

	tg := c.Telegram
	checkToken(bad, "telegram.token", tg.Token)
	checkURL(bad, "telegram.api_url", tg.APIURL, false, true)
	wh := tg.Webhook
	checkURL(bad, "telegram.webhook.url", wh.URL, true, false)
	checkListen(bad, "telegram.webhook.listen", wh.Listen)
	if wh.URL != "" {
		if tg.Token == "" {
			bad("telegram.token", "required when telegram.webhook.url is set")
		}
		if wh.Listen == "" {
			bad("telegram.webhook.listen", "required when telegram.webhook.url is set")
		}
	} else if wh.Listen != "" {
		bad("telegram.webhook.url", "required when telegram.webhook.listen is set")
	}
	if s := wh.Secret.Value(); s != "" && (len(s) > 256 || strings.IndexFunc(s, notSecretTokenChar) >= 0) {
		bad("telegram.webhook.secret", "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
	}
	if tg.PollTimeout < time.Second || tg.PollTimeout > 50*time.Second {
		bad("telegram.poll_timeout", "must be between 1s and 50s")
	}
	if !positive(tg.Limits.PerChat) {
		bad("telegram.limits.per_chat", "must be a positive number")
	}
	if tg.Limits.PerGroupPerMinute <= 0 {
		bad("telegram.limits.per_group_per_minute", "must be a positive whole number")
	}
	if !positive(tg.Limits.Global) {
		bad("telegram.limits.global", "must be a positive number")
	}

	dc := c.Discord
	checkToken(bad, "discord.token", dc.Token)
	if dc.ApplicationID == "" {
		if dc.Token != "" {
			bad("discord.application_id", "required when discord.token is set")
		} else if dc.Interactions.Listen != "" {
			bad("discord.application_id", "required when discord.interactions.listen is set")
		}
	} else if !snowflake(dc.ApplicationID) {
		bad("discord.application_id", "must be a numeric Discord id")
	}
	if dc.PublicKey == "" {
		if dc.Interactions.Listen != "" {
			bad("discord.public_key", "required when discord.interactions.listen is set")
		}
	} else if !hexKey(dc.PublicKey) {
		bad("discord.public_key", "must be 64 hexadecimal characters")
	}
	for i, g := range dc.Guilds {
		if !snowflake(g) {
			bad(fmt.Sprintf("discord.guilds[%d]", i), "must be a numeric Discord id")
		}
	}
	checkURL(bad, "discord.api_url", dc.APIURL, false, true)
	checkListen(bad, "discord.interactions.listen", dc.Interactions.Listen)
	switch {
	case dc.ShardCount < 0:
		bad("discord.shard_count", "must not be negative")
	case dc.ShardID < 0 || (dc.ShardCount > 0 && dc.ShardID >= dc.ShardCount):
		bad("discord.shard_id", "must be at least 0 and less than discord.shard_count")
	case dc.ShardCount == 0 && dc.ShardID != 0:
		bad("discord.shard_id", "needs discord.shard_count")
	}
	if !positive(dc.RequestsPerSecond) {
		bad("discord.requests_per_second", "must be a positive number")
	}

	seen := map[string]int{}
	for i, f := range c.Feeds {
		field := fmt.Sprintf("feeds[%d]", i)
		checkURL(bad, field+".url", f.URL, false, true)
		if j, dup := seen[f.URL]; dup && f.URL != "" {
			bad(field+".url", "repeats feeds[%d].url", j)
		} else {
			seen[f.URL] = i
		}
		if f.Tier != 0 && !validTier(f.Tier) {
			bad(field+".tier", "must be between 1 and 4, or 0 for the outlet table's tier")
		}
		if f.Interval < minFeedInterval {
			bad(field+".interval", "must be at least %s", minFeedInterval)
		}
	}
	if !positive(c.Alerts.MinScore) {
		bad("alerts.min_score", "must be a positive number")
	}
	if c.Alerts.MaxAge < time.Minute {
		bad("alerts.max_age", "must be at least 1m")
	}
	checkListen(bad, "ops.listen", c.Ops.Listen)

	return errors.Join(errs...)
}

func positive(f float64) bool { return f > 0 && !math.IsInf(f, 1) }

func validTier(t int) bool { return t >= 1 && t <= 4 }

// checkToken reports a token with white space in it (a paste error).
func checkToken(bad func(string, string, ...any), field string, s Secret) {
	if strings.IndexFunc(s.Value(), unicode.IsSpace) >= 0 {
		bad(field, "must not contain white space")
	}
}

// checkURL reports a value that is not an absolute http(s) URL with a host
// (https only when httpsOnly); an empty value is a problem only when required.
func checkURL(bad func(string, string, ...any), field, v string, httpsOnly, required bool) {
	if v == "" {
		if required {
			bad(field, "required")
		}
		return
	}
	u, err := url.Parse(v)
	ok := err == nil && u.Host != "" && (u.Scheme == "https" || (!httpsOnly && u.Scheme == "http"))
	switch {
	case ok:
	case httpsOnly:
		bad(field, "must be an https URL")
	default:
		bad(field, "must be an http or https URL")
	}
}

// checkListen reports a non-empty address that is not host:port.
func checkListen(bad func(string, string, ...any), field, v string) {
	if v == "" {
		return
	}
	_, port, err := net.SplitHostPort(v)
	if err == nil {
		_, err = strconv.ParseUint(port, 10, 16)
	}
	if err != nil {
		bad(field, "must be host:port, e.g. \":8080\"")
	}
}

func notSecretTokenChar(r rune) bool {
	return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
}

// snowflake reports whether s is a Discord id: 1 to 20 decimal digits.
func snowflake(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// hexKey reports whether s is a 32-byte key written as 64 hex digits.
func hexKey(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}

// Secret is a token or password that never prints; see bot.Secret.
type Secret = bot.Secret
