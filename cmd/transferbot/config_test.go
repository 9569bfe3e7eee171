package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// env returns a getenv over a fixed map.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// writeConfig writes a YAML file under t.TempDir and returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// normalize makes empty maps and slices nil so that configs compare equal
// whether a file wrote "outlets: {}" or left the key out.
func normalize(c Config) Config {
	if len(c.Ranking.Outlets) == 0 {
		c.Ranking.Outlets = nil
	}
	if len(c.Discord.Guilds) == 0 {
		c.Discord.Guilds = nil
	}
	if len(c.Feeds) == 0 {
		c.Feeds = nil
	}
	return c
}

func TestDefaultConfig(t *testing.T) {
	d := DefaultConfig()
	want := Config{
		Database: "transferbot.db",
		LogLevel: "info",
		Demo:     true,
		Ranking: RankingConfig{
			HalfLife:    30 * 24 * time.Hour,
			StaysWeight: 1.0,
			TierWeights: map[int]float64{1: 1.0, 2: 0.8, 3: 0.55, 4: 0.3},
			UnknownTier: 3,
		},
		Telegram: TelegramConfig{APIURL: "https://api.telegram.org", PollTimeout: 30 * time.Second,
			Limits: TelegramLimits{PerChat: 1, PerGroupPerMinute: 20, Global: 30}},
		Discord: DiscordConfig{APIURL: "https://discord.com/api/v10", RequestsPerSecond: 40,
			Interactions: DiscordInteractions{TimestampWindow: 5 * time.Minute}},
		Alerts: AlertsConfig{MinScore: 0.1, MaxAge: 24 * time.Hour},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("DefaultConfig() = %+v\nwant %+v", d, want)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("DefaultConfig().Validate() = %v", err)
	}
	d.Ranking.TierWeights[1] = 0 // must not leak into the next call
	if DefaultConfig().Ranking.TierWeights[1] != 1.0 {
		t.Error("DefaultConfig shares its tier weights map between calls")
	}
	for _, getenv := range []func(string) string{nil, env(nil)} {
		got, err := LoadConfig("", getenv)
		if err != nil {
			t.Fatalf("LoadConfig(\"\") error: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("LoadConfig(\"\") = %+v\nwant %+v", got, want)
		}
	}
	if lv := d.SlogLevel(); lv != slog.LevelInfo {
		t.Errorf("SlogLevel() = %v, want INFO", lv)
	}
}

func TestLoadConfigYAML(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want func(*Config) // applied to DefaultConfig() to get the expectation
	}{
		{"empty file", "", func(*Config) {}},
		{"comments only", "# nothing\n", func(*Config) {}},
		{"top level", "database: /var/lib/tb.db\nlog_level: debug\ndemo: false\n", func(c *Config) {
			c.Database, c.LogLevel, c.Demo = "/var/lib/tb.db", "debug", false
		}},
		{"ranking", `ranking:
  half_life: 36h30m
  stays_weight: 0.5
  unknown_tier: 4
  tier_weights: {2: 0.7}
  outlets: {"Fabrizio Romano": 1, "The Sun": 4}
`, func(c *Config) {
			c.Ranking.HalfLife = 36*time.Hour + 30*time.Minute
			c.Ranking.StaysWeight = 0.5
			c.Ranking.UnknownTier = 4
			c.Ranking.TierWeights[2] = 0.7 // the other tiers keep their defaults
			c.Ranking.Outlets = map[string]int{"Fabrizio Romano": 1, "The Sun": 4}
		}},
		{"null tier weights keep the defaults", "ranking:\n  tier_weights:\n", func(*Config) {}},
		{"telegram", `telegram:
  token: "123:abc"
  api_url: http://localhost:8081
  webhook: {url: "https://bot.example.org/tg", listen: ":8443", secret: "s_e-c"}
  poll_timeout: 10s
  limits: {per_chat: 2, per_group_per_minute: 30}
`, func(c *Config) {
			c.Telegram = TelegramConfig{Token: "123:abc", APIURL: "http://localhost:8081",
				Webhook:     TelegramWebhook{URL: "https://bot.example.org/tg", Listen: ":8443", Secret: "s_e-c"},
				PollTimeout: 10 * time.Second, Limits: TelegramLimits{PerChat: 2, PerGroupPerMinute: 30, Global: 30}}
		}},
		{"discord", `discord:
  token: tok
  application_id: "112233445566778899"
  public_key: "` + strings.Repeat("ab", 32) + `"
  guilds: ["1", "22"]
  api_url: https://discord.test/api
  interactions: {listen: "127.0.0.1:8080", timestamp_window: 2m}
  shard_id: 1
  shard_count: 4
  requests_per_second: 25
`, func(c *Config) {
			c.Discord = DiscordConfig{Token: "tok", ApplicationID: "112233445566778899",
				PublicKey: strings.Repeat("ab", 32), Guilds: []string{"1", "22"}, APIURL: "https://discord.test/api",
				Interactions: DiscordInteractions{Listen: "127.0.0.1:8080", TimestampWindow: 2 * time.Minute}, ShardID: 1,
				ShardCount: 4, RequestsPerSecond: 25}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadConfig(writeConfig(t, tt.yaml), nil)
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			want := DefaultConfig()
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestLoadConfigEnv(t *testing.T) {
	file := writeConfig(t, `database: file.db
log_level: warn
demo: true
telegram: {token: file-token, api_url: "https://file.example", webhook: {url: "https://file.example/hook", listen: ":1", secret: filesecret}}
discord: {token: file-token, application_id: "1", public_key: "`+strings.Repeat("0", 64)+`", api_url: "https://file.example"}
`)
	tests := []struct {
		name, value string
		got         func(Config) string
	}{
		{"TRANSFERBOT_DATABASE", "env.db", func(c Config) string { return c.Database }},
		{"TRANSFERBOT_LOG_LEVEL", "error", func(c Config) string { return c.LogLevel }},
		{"TRANSFERBOT_DEMO", "false", func(c Config) string { return fmt.Sprint(c.Demo) }},
		{"TRANSFERBOT_TELEGRAM_TOKEN", "env-token", func(c Config) string { return c.Telegram.Token.Value() }},
		{"TRANSFERBOT_TELEGRAM_API_URL", "https://env.example", func(c Config) string { return c.Telegram.APIURL }},
		{"TRANSFERBOT_TELEGRAM_WEBHOOK_URL", "https://env.example/hook", func(c Config) string { return c.Telegram.Webhook.URL }},
		{"TRANSFERBOT_TELEGRAM_WEBHOOK_SECRET", "envsecret", func(c Config) string { return c.Telegram.Webhook.Secret.Value() }},
		{"TRANSFERBOT_DISCORD_TOKEN", "env-token", func(c Config) string { return c.Discord.Token.Value() }},
		{"TRANSFERBOT_DISCORD_APPLICATION_ID", "42", func(c Config) string { return c.Discord.ApplicationID }},
		{"TRANSFERBOT_DISCORD_PUBLIC_KEY", strings.Repeat("F", 64), func(c Config) string { return c.Discord.PublicKey }},
		{"TRANSFERBOT_DISCORD_API_URL", "http://127.0.0.1:9", func(c Config) string { return c.Discord.APIURL }},
		{"TRANSFERBOT_OPS_LISTEN", "127.0.0.1:9090", func(c Config) string { return c.Ops.Listen }},
	}
	base, err := LoadConfig(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadConfig(file, env(map[string]string{tt.name: tt.value}))
			if err != nil {
				t.Fatalf("LoadConfig: %v", err)
			}
			if v := tt.got(got); v != tt.value {
				t.Errorf("%s=%s: field is %q", tt.name, tt.value, v)
			}
			if v := tt.got(base); v == tt.value {
				t.Errorf("the file already sets %q: the test proves nothing", v)
			}
		})
	}
	// An empty variable is unset: the file's value stays.
	got, err := LoadConfig(file, env(map[string]string{"TRANSFERBOT_DATABASE": ""}))
	if err != nil || got.Database != "file.db" {
		t.Errorf("empty TRANSFERBOT_DATABASE: got %q, %v; want file.db", got.Database, err)
	}
	// Without a file the variables apply over the defaults.
	got, err = LoadConfig("", env(map[string]string{"TRANSFERBOT_DEMO": "no", "TRANSFERBOT_DATABASE": "x.db"}))
	if err != nil || got.Demo || got.Database != "x.db" {
		t.Errorf("env only: got demo %v database %q, %v", got.Demo, got.Database, err)
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		in      string
		want    bool
		wantErr bool
	}{
		{"true", true, false}, {"TRUE", true, false}, {"1", true, false}, {"yes", true, false}, {" on ", true, false},
		{"false", false, false}, {"0", false, false}, {"No", false, false}, {"off", false, false},
		{"maybe", false, true}, {"2", false, true}, {"t", false, true},
	}
	for _, tt := range tests {
		got, err := parseBool(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("parseBool(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestLoadConfigErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	tests := []struct {
		name string
		path string // used when yaml is ""
		yaml string
		env  map[string]string
		want []string // substrings of the error
	}{
		{"missing file", missing, "", nil, []string{"config: ", missing}},
		{"unknown key", "", "database: x.db\ncolour: red\n", nil, []string{"line 2: unknown key colour (keys here: alerts, database, demo,"}},
		{"unknown nested key", "", "ranking:\n  halflife: 1h\n", nil, []string{"halflife"}},
		{"unknown telegram key", "", "telegram:\n  webhook:\n    port: 80\n", nil, []string{"port"}},
		{"misspelt key", "", "telegram:\n  tokn: x\n", nil, []string{"line 2: unknown key telegram.tokn (did you mean telegram.token?)"}},
		{"misspelt top-level key", "", "feed:\n  - url: https://x.example/rss\n", nil, []string{"unknown key feed (did you mean feeds?)"}},
		{"misspelt key in a list", "", "feeds:\n  - url: https://x.example/rss\n    intervall: 5m\n", nil,
			[]string{"line 3: unknown key feeds[0].intervall (did you mean feeds[0].interval?)"}},
		{"misspelt key in an alias", "", "x: &w {url: https://x.example/rss, outlett: A}\n", nil, []string{"unknown key x"}},
		{"duration as a number", "", "ranking:\n  half_life: 3600\n", nil, []string{"line 2: ranking.half_life: 3600 needs a unit: 3600h, 3600m or 3600s"}},
		{"max_age as a number", "", "alerts:\n  max_age: 24\n", nil, []string{"alerts.max_age: 24 needs a unit: 24h"}},
		{"feed interval as a number", "", "feeds:\n  - url: https://x.example/rss\n    interval: 1.5\n", nil, []string{"feeds[0].interval: 1.5 needs a unit"}},
		{"not YAML", "", "database: [\n", nil, []string{"config: ", "yaml"}},
		{"two documents", "", "demo: true\n---\ndemo: false\n", nil, []string{"more than one YAML document"}},
		{"bad boolean variable", "", "", map[string]string{"TRANSFERBOT_DEMO": "maybe"},
			[]string{`config: TRANSFERBOT_DEMO: "maybe" is not a boolean`}},
		{"bad log level variable", "", "", map[string]string{"TRANSFERBOT_LOG_LEVEL": "verbose"},
			[]string{`config: log_level (from TRANSFERBOT_LOG_LEVEL): "verbose" is not one of`}},
		{"bad webhook url variable", "", "", map[string]string{"TRANSFERBOT_TELEGRAM_WEBHOOK_URL": "http://x.example/hook"},
			[]string{"config: telegram.webhook.url (from TRANSFERBOT_TELEGRAM_WEBHOOK_URL): must be an https URL",
				"config: telegram.token: required when telegram.webhook.url is set"}},
		{"token without id from the environment", "", "", map[string]string{"TRANSFERBOT_DISCORD_TOKEN": "t"},
			[]string{"config: discord.application_id: required when discord.token is set"}},
		{"invalid file value", "", "ranking:\n  half_life: -1h\n", nil, []string{"config: ranking.half_life: must be positive"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if tt.yaml != "" {
				path = writeConfig(t, tt.yaml)
			}
			_, err := LoadConfig(path, env(tt.env))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	_, err := LoadConfig(missing, nil)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v does not wrap os.ErrNotExist", err)
	}
}

func TestValidate(t *testing.T) {
	key := strings.Repeat("a1", 32)
	tests := []struct {
		name   string
		change func(*Config)
		want   string // the exact problem; "" for none
	}{
		{"defaults", func(*Config) {}, ""},
		{"database", func(c *Config) { c.Database = " " }, "config: database: required"},
		{"log level", func(c *Config) { c.LogLevel = "INFO" }, `config: log_level: "INFO" is not one of debug, info, warn, error`},
		{"half life zero", func(c *Config) { c.Ranking.HalfLife = 0 }, "config: ranking.half_life: must be positive"},
		{"stays weight", func(c *Config) { c.Ranking.StaysWeight = -1 }, "config: ranking.stays_weight: must be a positive number"},
		{"unknown tier", func(c *Config) { c.Ranking.UnknownTier = 5 }, "config: ranking.unknown_tier: must be between 1 and 4"},
		{"tier weight tier", func(c *Config) { c.Ranking.TierWeights[0] = 1 }, "config: ranking.tier_weights[0]: tier must be between 1 and 4"},
		{"tier weight value", func(c *Config) { c.Ranking.TierWeights[2] = 0 }, "config: ranking.tier_weights[2]: must be a positive number"},
		{"outlet tier", func(c *Config) { c.Ranking.Outlets = map[string]int{"The Sun": 7} }, `config: ranking.outlets["The Sun"]: tier must be between 1 and 4`},
		{"outlet name", func(c *Config) { c.Ranking.Outlets = map[string]int{"": 1} }, "config: ranking.outlets: outlet name must not be empty"},
		{"telegram token", func(c *Config) { c.Telegram.Token = "12:ab cd" }, "config: telegram.token: must not contain white space"},
		{"telegram api url", func(c *Config) { c.Telegram.APIURL = "api.telegram.org" }, "config: telegram.api_url: must be an http or https URL"},
		{"telegram api url empty", func(c *Config) { c.Telegram.APIURL = "" }, "config: telegram.api_url: required"},
		{"webhook url", func(c *Config) {
			c.Telegram.Token, c.Telegram.Webhook.URL, c.Telegram.Webhook.Listen = "1:a", "http://bot.example/hook", ":8443"
		}, "config: telegram.webhook.url: must be an https URL"},
		{"webhook without token", func(c *Config) {
			c.Telegram.Webhook.URL, c.Telegram.Webhook.Listen = "https://bot.example/hook", ":8443"
		}, "config: telegram.token: required when telegram.webhook.url is set"},
		{"webhook without listen", func(c *Config) {
			c.Telegram.Token, c.Telegram.Webhook.URL = "1:a", "https://bot.example/hook"
		}, "config: telegram.webhook.listen: required when telegram.webhook.url is set"},
		{"listen without webhook", func(c *Config) { c.Telegram.Webhook.Listen = ":8443" },
			"config: telegram.webhook.url: required when telegram.webhook.listen is set"},
		{"webhook listen", func(c *Config) {
			c.Telegram.Token, c.Telegram.Webhook.URL, c.Telegram.Webhook.Listen = "1:a", "https://bot.example/hook", "8443"
		}, `config: telegram.webhook.listen: must be host:port, e.g. ":8080"`},
		{"webhook secret", func(c *Config) { c.Telegram.Webhook.Secret = "no spaces allowed" },
			"config: telegram.webhook.secret: must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"},
		{"webhook secret too long", func(c *Config) { c.Telegram.Webhook.Secret = Secret(strings.Repeat("a", 257)) },
			"config: telegram.webhook.secret: must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"},
		{"telegram complete", func(c *Config) {
			c.Telegram = TelegramConfig{Token: "1:a", APIURL: "https://api.telegram.org",
				Webhook:     TelegramWebhook{URL: "https://bot.example/hook", Listen: ":8443", Secret: "abc_DEF-1"},
				PollTimeout: 50 * time.Second, Limits: TelegramLimits{PerChat: 0.5, PerGroupPerMinute: 10, Global: 1000}}
		}, ""},
		{"poll timeout", func(c *Config) { c.Telegram.PollTimeout = time.Minute }, "config: telegram.poll_timeout: must be between 1s and 50s"},
		{"per chat", func(c *Config) { c.Telegram.Limits.PerChat = 0 }, "config: telegram.limits.per_chat: must be a positive number"},
		{"per group", func(c *Config) { c.Telegram.Limits.PerGroupPerMinute = -1 }, "config: telegram.limits.per_group_per_minute: must be a positive whole number"},
		{"global", func(c *Config) { c.Telegram.Limits.Global = math.Inf(1) }, "config: telegram.limits.global: must be a positive number"},
		{"shard id", func(c *Config) { c.Discord.ShardID, c.Discord.ShardCount = 2, 2 }, "config: discord.shard_id: must be at least 0 and less than discord.shard_count"},
		{"shard id without count", func(c *Config) { c.Discord.ShardID = 1 }, "config: discord.shard_id: needs discord.shard_count"},
		{"shard count", func(c *Config) { c.Discord.ShardCount = -1 }, "config: discord.shard_count: must not be negative"},
		{"discord rate", func(c *Config) { c.Discord.RequestsPerSecond = 0 }, "config: discord.requests_per_second: must be a positive number"},
		{"feed ok", func(c *Config) {
			c.Feeds = []FeedConfig{{URL: "https://news.example/rss", Outlet: "Example", Tier: 2, Interval: time.Minute}}
		}, ""},
		{"feed url", func(c *Config) {
			c.Feeds = []FeedConfig{{URL: "ftp://news.example/rss?key=s3cret", Interval: time.Hour}}
		},
			"config: feeds[0].url: must be an http or https URL"},
		{"feed url missing", func(c *Config) { c.Feeds = []FeedConfig{{Interval: time.Hour}} }, "config: feeds[0].url: required"},
		{"feed repeated", func(c *Config) {
			c.Feeds = []FeedConfig{{URL: "https://a.example/rss", Interval: time.Hour}, {URL: "https://a.example/rss", Interval: time.Hour}}
		}, "config: feeds[1].url: repeats feeds[0].url"},
		{"feed tier", func(c *Config) { c.Feeds = []FeedConfig{{URL: "https://a.example/rss", Tier: 5, Interval: time.Hour}} },
			"config: feeds[0].tier: must be between 1 and 4, or 0 for the outlet table's tier"},
		{"feed interval", func(c *Config) { c.Feeds = []FeedConfig{{URL: "https://a.example/rss", Interval: 30 * time.Second}} },
			"config: feeds[0].interval: must be at least 1m0s"},
		{"alert score", func(c *Config) { c.Alerts.MinScore = 0 }, "config: alerts.min_score: must be a positive number"},
		{"alert age", func(c *Config) { c.Alerts.MaxAge = time.Second }, "config: alerts.max_age: must be at least 1m"},
		{"ops listen", func(c *Config) { c.Ops.Listen = "9090" }, `config: ops.listen: must be host:port, e.g. ":8080"`},
		{"discord token", func(c *Config) { c.Discord.Token, c.Discord.ApplicationID = "a\tb", "1" }, "config: discord.token: must not contain white space"},
		{"discord application id", func(c *Config) { c.Discord.Token = "tok" }, "config: discord.application_id: required when discord.token is set"},
		{"discord application id format", func(c *Config) { c.Discord.ApplicationID = "12a" }, "config: discord.application_id: must be a numeric Discord id"},
		{"discord public key", func(c *Config) { c.Discord.PublicKey = "abc" }, "config: discord.public_key: must be 64 hexadecimal characters"},
		{"discord guild", func(c *Config) { c.Discord.Guilds = []string{"1", "my server"} }, "config: discord.guilds[1]: must be a numeric Discord id"},
		{"discord api url", func(c *Config) { c.Discord.APIURL = "ftp://discord.com" }, "config: discord.api_url: must be an http or https URL"},
		{"discord listen", func(c *Config) {
			c.Discord.ApplicationID, c.Discord.PublicKey, c.Discord.Interactions.Listen = "1", key, "localhost:http"
		}, `config: discord.interactions.listen: must be host:port, e.g. ":8080"`},
		{"discord listen without key", func(c *Config) { c.Discord.ApplicationID, c.Discord.Interactions.Listen = "1", ":8080" },
			"config: discord.public_key: required when discord.interactions.listen is set"},
		{"discord listen without id", func(c *Config) { c.Discord.PublicKey, c.Discord.Interactions.Listen = key, ":8080" },
			"config: discord.application_id: required when discord.interactions.listen is set"},
		{"discord complete", func(c *Config) {
			c.Discord = DiscordConfig{Token: "tok", ApplicationID: "1234567890", PublicKey: key, Guilds: []string{"42"},
				APIURL: "https://discord.com/api/v10", Interactions: DiscordInteractions{Listen: ":8080"},
				ShardID: 1, ShardCount: 2, RequestsPerSecond: 10}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.change(&c)
			err := c.Validate()
			if tt.want == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("Validate() = %v\nwant %s", err, tt.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("%v is not a *FieldError", err)
			}
		})
	}
}

func TestValidateCollectsAll(t *testing.T) {
	c := DefaultConfig()
	c.LogLevel = "loud"
	c.Ranking.HalfLife = -time.Hour
	c.Discord.Token = "tok"
	err := c.Validate()
	want := []string{"config: log_level: ", "config: ranking.half_life: ", "config: discord.application_id: "}
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != len(want) {
		t.Fatalf("Validate() = %v, want %d problems", err, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, lines[i], w)
		}
	}
}

// TestSecretNeverPrinted prints a configuration with secrets in every way a
// program might and checks that no secret shows up.
func TestSecretNeverPrinted(t *testing.T) {
	secrets := []string{"tg-TOKEN-0123456789", "hook-SECRET-abcdef", "dc-TOKEN-9876543210"}
	c := DefaultConfig()
	c.Telegram.Token = Secret(secrets[0])
	c.Telegram.Webhook.Secret = Secret(secrets[1])
	c.Discord.Token = Secret(secrets[2])
	if c.Telegram.Token.Value() != secrets[0] {
		t.Fatalf("Value() = %q", c.Telegram.Token.Value())
	}

	outputs := map[string]string{}
	for _, h := range []struct {
		name string
		new  func(*bytes.Buffer) slog.Handler
	}{
		{"json", func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) }},
		{"text", func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) }},
	} {
		var b bytes.Buffer
		log := slog.New(h.new(&b))
		log.Info("start", "config", c, "ptr", &c, "telegram", c.Telegram, "token", c.Telegram.Token)
		log.Info("group", slog.Group("discord", "token", c.Discord.Token), slog.Any("secret", c.Telegram.Webhook.Secret))
		log.With("token", c.Discord.Token).Info("with")
		outputs["slog "+h.name] = b.String()
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%12s", "%-12v"} {
		outputs["fmt "+verb+" config"] = fmt.Sprintf(verb, c)
		outputs["fmt "+verb+" pointer"] = fmt.Sprintf(verb, &c)
		outputs["fmt "+verb+" secret"] = fmt.Sprintf(verb, c.Telegram.Token)
	}
	outputs["fmt Sprint"] = fmt.Sprint(c, c.Discord.Token, c.Telegram.Token.String())
	y, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outputs["yaml"] = string(y)
	j, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outputs["json"] = string(j)
	tx, err := c.Telegram.Token.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	outputs["text"] = string(tx)
	bad := c
	bad.Telegram.Token = Secret(secrets[0] + " x")
	bad.Telegram.Webhook.Secret = Secret(secrets[1] + "!")
	outputs["validate"] = fmt.Sprint(bad.Validate())

	for name, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) || strings.Contains(strings.ToLower(out), hex.EncodeToString([]byte(s))) {
				t.Errorf("%s shows secret %q:\n%s", name, s, out)
			}
		}
		if name != "validate" && !strings.Contains(out, "REDACTED") && !strings.Contains(strings.ToLower(out), hex.EncodeToString([]byte("REDACTED"))) {
			t.Errorf("%s does not say REDACTED:\n%s", name, out)
		}
	}

	var empty Secret
	if got := fmt.Sprintf("%v|%s|%#v", empty, empty, empty); got != `||Secret("")` {
		t.Errorf("empty secret prints %q", got)
	}
}

// TestExampleConfig loads config.example.yaml: it must be valid, give
// exactly the defaults it claims, and mention every key.
func TestExampleConfig(t *testing.T) {
	const path = "../../config.example.yaml"
	got, err := LoadConfig(path, nil)
	if err != nil {
		t.Fatalf("LoadConfig(%s): %v", path, err)
	}
	if !reflect.DeepEqual(normalize(got), normalize(DefaultConfig())) {
		t.Errorf("example gives %+v\nwant the defaults %+v", got, DefaultConfig())
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var example yaml.Node
	if err := yaml.Unmarshal(data, &example); err != nil {
		t.Fatal(err)
	}
	var defaults yaml.Node
	if err := defaults.Encode(DefaultConfig()); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	keyPaths(example.Content[0], "", have)
	want := map[string]bool{}
	keyPaths(&defaults, "", want)
	for k := range want {
		if !have[k] {
			t.Errorf("config.example.yaml does not mention %s", k)
		}
	}
	if data := string(data); strings.Contains(data, "REDACTED") {
		t.Error("config.example.yaml holds a redacted value")
	}
}

// keyPaths collects the dotted paths of the struct keys of a mapping node;
// the keys of maps keyed by outlet or tier are not paths.
func keyPaths(n *yaml.Node, prefix string, out map[string]bool) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		p := prefix + n.Content[i].Value
		out[p] = true
		if p == "ranking.outlets" || p == "ranking.tier_weights" {
			continue
		}
		keyPaths(n.Content[i+1], p+".", out)
	}
}

// TestFeedsConfig reads feeds from YAML: the interval defaults to 10m,
// allow_private to false.
func TestFeedsConfig(t *testing.T) {
	path := writeConfig(t, `
feeds:
  - url: https://news.example/rss
    outlet: Example Sports
    tier: 2
  - url: https://news.example/feed.json
    interval: 30m
    fetch_article: true
  - url: http://192.168.1.20/rss
    allow_private: true
alerts: {min_score: 0.3, max_age: 6h}
`)
	cfg, err := LoadConfig(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []FeedConfig{
		{URL: "https://news.example/rss", Outlet: "Example Sports", Tier: 2, Interval: 10 * time.Minute},
		{URL: "https://news.example/feed.json", Interval: 30 * time.Minute, FetchArticle: true},
		{URL: "http://192.168.1.20/rss", Interval: 10 * time.Minute, AllowPrivate: true},
	}
	if !reflect.DeepEqual(cfg.Feeds, want) {
		t.Errorf("feeds = %+v, want %+v", cfg.Feeds, want)
	}
	if cfg.Alerts != (AlertsConfig{MinScore: 0.3, MaxAge: 6 * time.Hour}) {
		t.Errorf("alerts = %+v", cfg.Alerts)
	}
}

// TestDemoRuns: the demo runs only when it is on and no chat platform is
// configured.
func TestDemoRuns(t *testing.T) {
	tests := []struct {
		name string
		set  func(c *Config)
		want bool
	}{
		{"default", func(*Config) {}, true},
		{"demo off", func(c *Config) { c.Demo = false }, false},
		{"telegram token", func(c *Config) { c.Telegram.Token = "123:abc" }, false},
		{"discord token", func(c *Config) { c.Discord.Token = "xyz" }, false},
	}
	for _, tt := range tests {
		c := DefaultConfig()
		tt.set(&c)
		if got := c.DemoRuns(); got != tt.want {
			t.Errorf("%s: DemoRuns = %t, want %t", tt.name, got, tt.want)
		}
	}
}
