package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/bot/bottest"
	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// Test identities.
const (
	testToken = "MTk4NjIyNDgzNDcxOTI1MjQ4.Gx7kLm.test-token-do-not-log-8Fq3"
	appID     = "999"
	guildID   = "555"
	channelID = "100"
	userID    = "7"
)

// logBuffer collects log output from several goroutines.
type logBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{} // closed and replaced on every write
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.written != nil {
		close(l.written)
		l.written = nil
	}
	return l.buf.Write(p)
}

// waitFor waits until the logs contain s.
func (l *logBuffer) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.After(discordtest.WaitTimeout)
	for {
		l.mu.Lock()
		if strings.Contains(l.buf.String(), s) {
			l.mu.Unlock()
			return
		}
		if l.written == nil {
			l.written = make(chan struct{})
		}
		c := l.written
		l.mu.Unlock()
		select {
		case <-c:
		case <-deadline:
			t.Fatalf("no log line with %q", s)
		}
	}
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// harness is a real core (bottest) behind the adapter, talking to a fake
// Discord.
type harness struct {
	t    *testing.T
	env  *bottest.Env
	fake *discordtest.Server
	dc   *discord.Discord
	logs *logBuffer
	key  ed25519.PrivateKey
	opts discord.Options
}

// newHarness builds the adapter over a fresh demo core and a fake Discord.
// DeferAfter is an hour unless set, so that no test depends on how fast
// the core answers.
func newHarness(t *testing.T, opts discord.Options) *harness {
	t.Helper()
	h := &harness{t: t, env: bottest.New(t), fake: discordtest.New(t), logs: &logBuffer{}}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	h.key = priv
	if opts.Token == "" {
		opts.Token = testToken
	}
	if opts.ApplicationID == "" {
		opts.ApplicationID = appID
	}
	if opts.PublicKey == "" {
		opts.PublicKey = hex.EncodeToString(pub)
	}
	if opts.APIURL == "" {
		opts.APIURL = h.fake.URL
	}
	if opts.DeferAfter == 0 {
		opts.DeferAfter = time.Hour
	}
	if opts.RetryBackoff == 0 {
		opts.RetryBackoff = time.Millisecond
	}
	if opts.RequestsPerSecond == 0 {
		opts.RequestsPerSecond = 1000
	}
	opts.Logger = slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.opts = opts
	h.dc = h.newAdapter()
	return h
}

// newAdapter builds another adapter with the harness's options and core,
// as a restart would.
func (h *harness) newAdapter() *discord.Discord {
	h.t.Helper()
	dc, err := discord.New(h.env.Core, h.opts)
	if err != nil {
		h.t.Fatal(err)
	}
	return dc
}

// run starts dc.Run and returns a function that stops it and returns its
// error.
func (h *harness) run(dc *discord.Discord) (stop func() error) {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- dc.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			err = <-done
		})
		return err
	}
	h.t.Cleanup(func() { stop() })
	return stop
}

// startGateway runs the adapter in gateway mode and waits until its session
// has identified.
func (h *harness) startGateway() (stop func() error) {
	h.t.Helper()
	stop = h.run(h.dc)
	h.fake.WaitIdentified(1)
	return stop
}

// interaction fills in the harness's ids.
func (h *harness) interaction(in discordtest.Interaction) discordtest.Interaction {
	if in.AppID == "" {
		in.AppID = appID
	}
	if in.ChannelID == "" {
		in.ChannelID = channelID
	}
	if in.UserID == "" {
		in.UserID = userID
	}
	return in.WithDefaults()
}

// command is a slash command from a guild member with perms.
func command(name string, perms int64, opts ...discordtest.Option) discordtest.Interaction {
	return discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: guildID, Permissions: perms, Command: name, Options: opts}
}

func opt(name, value string) discordtest.Option { return discordtest.Option{Name: name, Value: value} }

// dispatch sends an interaction over the gateway and returns the callback
// Discord received for it.
func (h *harness) dispatch(in discordtest.Interaction) discordtest.Request {
	h.t.Helper()
	in = h.interaction(in)
	h.fake.Dispatch("INTERACTION_CREATE", in.JSON())
	return h.fake.WaitRequest(discordtest.Match("POST", "/interactions/"+in.ID+"/"+in.Token+"/callback"))
}

// postSigned sends an interaction to the HTTP endpoint, signed with the
// harness's key, and returns the response status and body.
func (h *harness) postSigned(url string, body []byte) (int, []byte) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	discordtest.Sign(req.Header, h.key, body)
	return do(h.t, req)
}

func do(t *testing.T, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.Bytes()
}

// httpEndpoint serves the adapter's interactions endpoint on loopback.
func (h *harness) httpEndpoint() string {
	srv := httptest.NewServer(h.dc.InteractionsHandler())
	h.t.Cleanup(srv.Close)
	return srv.URL
}

// Decoded payloads, as far as the tests look at them.
type (
	respPayload struct {
		Type int     `json:"type"`
		Data message `json:"data"`
	}
	message struct {
		Content     string      `json:"content"`
		Flags       int         `json:"flags"`
		Embeds      []embed     `json:"embeds"`
		Components  []component `json:"components"`
		Attachments []struct {
			ID       int    `json:"id"`
			Filename string `json:"filename"`
		} `json:"attachments"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
		Choices []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"choices"`
	}
	embed struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Fields      []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"fields"`
		Image *struct {
			URL string `json:"url"`
		} `json:"image"`
		Footer *struct {
			Text string `json:"text"`
		} `json:"footer"`
	}
	component struct {
		Type       int         `json:"type"`
		CustomID   string      `json:"custom_id"`
		Label      string      `json:"label"`
		Style      int         `json:"style"`
		Components []component `json:"components"`
		Options    []struct {
			Label string `json:"label"`
			Value string `json:"value"`
		} `json:"options"`
	}
)

// decodeResponse decodes an interaction response payload.
func decodeResponse(t *testing.T, payload []byte) respPayload {
	t.Helper()
	var r respPayload
	if err := json.Unmarshal(payload, &r); err != nil {
		t.Fatalf("decode %s: %v", payload, err)
	}
	return r
}

// decodeMessage decodes a message payload (webhooks, channel messages).
func decodeMessage(t *testing.T, payload []byte) message {
	t.Helper()
	var m message
	if err := json.Unmarshal(payload, &m); err != nil {
		t.Fatalf("decode %s: %v", payload, err)
	}
	return m
}

// buttons returns the buttons of a message, in order.
func (m message) buttons() []component {
	var out []component
	for _, row := range m.Components {
		for _, c := range row.Components {
			if c.Type == 2 {
				out = append(out, c)
			}
		}
	}
	return out
}

// selectMenu returns the first select menu of a message.
func (m message) selectMenu() *component {
	for _, row := range m.Components {
		for _, c := range row.Components {
			if c.Type == 3 {
				return &c
			}
		}
	}
	return nil
}

// button returns the button whose label starts with prefix.
func (m message) button(t *testing.T, prefix string) component {
	t.Helper()
	for _, b := range m.buttons() {
		if strings.HasPrefix(b.Label, prefix) {
			return b
		}
	}
	t.Fatalf("no button %q in %+v", prefix, m.Components)
	return component{}
}

// checkWhereSergioRamos checks a where answer for Sergio Ramos: an embed
// whose first field is Inter Miami, the chart attached and shown as the
// image, and a Subscribe button.
func checkWhereSergioRamos(t *testing.T, m message, files []discordtest.File) {
	t.Helper()
	if len(m.Embeds) != 1 {
		t.Fatalf("embeds = %d, want 1: %+v", len(m.Embeds), m)
	}
	e := m.Embeds[0]
	if e.Title != "Where is Sergio Ramos heading?" {
		t.Errorf("title = %q", e.Title)
	}
	if len(e.Fields) == 0 || !strings.HasPrefix(e.Fields[0].Name, "1. Inter Miami") {
		t.Fatalf("first field = %+v, want Inter Miami", e.Fields)
	}
	if !strings.Contains(e.Fields[0].Value, "stage:") || !strings.Contains(e.Fields[0].Value, "last seen") {
		t.Errorf("first field value = %q, want stage, outlets and last seen", e.Fields[0].Value)
	}
	if e.Image == nil || e.Image.URL != "attachment://chart.png" {
		t.Errorf("image = %+v, want attachment://chart.png", e.Image)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "chart.png" {
		t.Errorf("attachments = %+v", m.Attachments)
	}
	if len(files) != 1 || files[0].Name != "chart.png" || files[0].ContentType != "image/png" ||
		!bytes.HasPrefix(files[0].Data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("files = %d, want chart.png as a PNG", len(files))
	}
	if m.Flags&64 != 0 {
		t.Errorf("where answer is ephemeral")
	}
	m.button(t, "Subscribe to Sergio Ramos")
	if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want none", m.AllowedMentions)
	}
}

// subscriptions returns the stored Discord subscriptions of a channel as
// "kind target active".
func (h *harness) subscriptions(channel string) []string {
	h.t.Helper()
	subs, err := h.env.Store.Subscriptions(context.Background(), discord.Platform, channel)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, s := range subs {
		state := "active"
		if !s.Active {
			state = "paused"
		}
		out = append(out, string(s.Kind)+" "+s.Target+" "+state)
	}
	return out
}
