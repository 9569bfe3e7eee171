package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// identifyInterval is how long Discord wants between identifies of one
// max_concurrency bucket of shards.
const identifyInterval = 5 * time.Second

// gatewayIntents are the gateway intents the sessions ask for: none.
// Interactions (INTERACTION_CREATE) are delivered whatever the intents, and
// the adapter reads no messages, members or guild events, so it needs no
// intent at all, privileged or not.
const gatewayIntents = discordgo.IntentsNone

// shardPlan is which shards this process runs, of how many, and how many
// may identify at once.
type shardPlan struct {
	ids         []int
	count       int
	concurrency int
}

// plan decides the shards: the configured one, or every shard /gateway/bot
// recommends.
func (d *Discord) plan(ctx context.Context) (shardPlan, error) {
	if d.opts.ShardCount > 0 {
		return shardPlan{ids: []int{d.opts.ShardID}, count: d.opts.ShardCount, concurrency: 1}, nil
	}
	body, err := d.rest.call(ctx, http.MethodGet, "/gateway/bot", nil)
	if err != nil {
		return shardPlan{}, fmt.Errorf("discord: gateway: %w", err)
	}
	var gb discordgo.GatewayBotResponse
	if err := json.Unmarshal(body, &gb); err != nil {
		return shardPlan{}, fmt.Errorf("discord: gateway: decode /gateway/bot: %w", err)
	}
	p := shardPlan{count: max(1, gb.Shards), concurrency: max(1, gb.SessionStartLimit.MaxConcurrency)}
	for i := range p.count {
		p.ids = append(p.ids, i)
	}
	return p, nil
}

// runGateway opens one gateway session per shard of the plan, identifying
// max_concurrency shards every five seconds, serves their interactions until
// ctx ends and closes them.
func (d *Discord) runGateway(ctx context.Context) error {
	p, err := d.plan(ctx)
	if err != nil {
		return err
	}
	var sessions []*discordgo.Session
	defer func() { closeSessions(sessions) }()
	d.shards = newShardsUp(len(p.ids))
	for i, id := range p.ids {
		if i > 0 && i%p.concurrency == 0 {
			if err := sleep(ctx, identifyInterval); err != nil {
				return nil
			}
		}
		s := d.session(id, p.count)
		if err := s.Open(); err != nil {
			return fmt.Errorf("discord: open gateway shard %d of %d: %w", id, p.count, err)
		}
		sessions = append(sessions, s)
		if ctx.Err() != nil {
			return nil
		}
	}
	<-ctx.Done()
	return nil
}

// session builds the discordgo session of one shard. Its REST requests (only
// GET /gateway) use the adapter's rate-limited client; its own retries are
// off, as the transport retries. It logs warnings and errors only: at debug
// level discordgo logs the Identify payload, token included.
func (d *Discord) session(shard, count int) *discordgo.Session {
	s, _ := discordgo.New("Bot " + d.opts.Token.Value()) // New never fails
	s.Client = d.rest.http
	s.UserAgent = d.rest.userAgent
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	s.StateEnabled = false
	s.LogLevel = discordgo.LogWarning
	s.ShardID, s.ShardCount = shard, count
	s.Identify.Intents = gatewayIntents
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		d.log.Info("discord: gateway session ready", "shard", shard, "shards", count, "user", r.User.Username)
		d.obs.Connected(Platform, d.shards.set(shard, true))
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		d.log.Debug("discord: gateway session disconnected", "shard", shard)
		d.obs.Connected(Platform, d.shards.set(shard, false))
	})
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		if !d.enter() {
			return
		}
		defer d.pending.Done()
		defer func() {
			// discordgo runs handlers on their own goroutines: a panic
			// here would end the process.
			if p := recover(); p != nil {
				d.log.Error("discord: panic handling an interaction", "panic", fmt.Sprint(p))
			}
		}()
		in := ic.Interaction
		d.handle(in, answerer{filesOK: true, send: func(ctx context.Context, resp response, files []file) error {
			_, err := d.rest.call(ctx, http.MethodPost, "/interactions/"+url.PathEscape(in.ID)+"/"+url.PathEscape(in.Token)+"/callback", resp, files...)
			return err
		}})
	})
	return s
}

// closeSessions closes the sessions, in parallel: discordgo waits a second
// for each close handshake.
func closeSessions(sessions []*discordgo.Session) {
	var wg sync.WaitGroup
	for _, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Close()
		}()
	}
	wg.Wait()
}

// shardsUp tracks which of this process's gateway shards are ready: the
// adapter is connected when all of them are.
type shardsUp struct {
	mu   sync.Mutex
	want int
	up   map[int]bool
}

func newShardsUp(want int) *shardsUp { return &shardsUp{want: want, up: map[int]bool{}} }

// set records whether shard is up and reports whether all shards are.
func (s *shardsUp) set(shard int, up bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if up {
		s.up[shard] = true
	} else {
		delete(s.up, shard)
	}
	return len(s.up) == s.want
}
