package discord_test

import (
	"sync"
	"testing"
	"time"

	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// recorder is a bot.AdapterObserver that keeps what it is told.
type recorder struct {
	mu        sync.Mutex
	handled   map[string]int // kind -> count
	connected []bool
}

func (r *recorder) Handled(_, kind string, _ time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.handled == nil {
		r.handled = map[string]int{}
	}
	r.handled[kind]++
}
func (r *recorder) RateLimited(string) {}
func (r *recorder) Retried(string)     {}
func (r *recorder) Connected(_ string, up bool) {
	r.mu.Lock()
	r.connected = append(r.connected, up)
	r.mu.Unlock()
}

// TestObserverSeesGatewayAndInteractions: the observer is told the
// gateway is up once its session is ready, of each interaction handled,
// and that the adapter is down once Run returns.
func TestObserverSeesGatewayAndInteractions(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	h := newHarness(t, discord.Options{Observer: rec})
	stop := h.startGateway()
	h.dispatch(discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: guildID, ChannelID: "130", Command: "help"})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.handled["command"] != 1 {
		t.Errorf("handled %v, want one command", rec.handled)
	}
	if n := len(rec.connected); n < 2 || !rec.connected[0] || rec.connected[n-1] {
		t.Errorf("connected %v, want up first and down last", rec.connected)
	}
}
