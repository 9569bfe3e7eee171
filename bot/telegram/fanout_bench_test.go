package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/bottest"
	"transferbot/bot/telegram/telegramtest"
	"transferbot/rumours"
)

// fanOutClubs are the destinations of the benchmark's alerts: each
// iteration links the player with a new club, which is one alert.
var fanOutClubs = []string{"Chelsea", "Juventus", "Arsenal", "Bayern Munich", "Barcelona", "Liverpool", "Atletico Madrid", "Tottenham Hotspur", "AC Milan", "Napoli"}

// BenchmarkAlertFanOut delivers one alert to 10,000 subscribed private
// chats through the whole path: the alert and its 10,000 deliveries in the
// SQLite outbox (written by Engine.IngestNews, not timed), the real
// dispatcher reading them, the core wording the message, the adapter's rate
// limits and sendMessage to the fake Bot API, and each delivery marked sent.
// The fake enforces Telegram-like flood control at platformLimit messages
// per second (bursts of a tenth of that), answering 429 beyond it; the bot
// is configured to send at 98% of it. It reports messages per second, that
// rate as a share of the platform's limit, the 429s received and the most
// messages any chat got per alert (1 when every chat is served exactly
// once).
//
// The "unlimited" variant lifts both limits, to show what the path itself
// can carry.
func BenchmarkAlertFanOut(b *testing.B) {
	b.Run("limit-1000", func(b *testing.B) { benchFanOut(b, 1000) })
	b.Run("unlimited", func(b *testing.B) { benchFanOut(b, 0) })
}

// benchFanOut runs BenchmarkAlertFanOut with the fake limited to
// platformLimit messages per second (0: no limit).
func benchFanOut(b *testing.B, platformLimit float64) {
	const (
		chats = 10_000
		base  = 20_000_000 // chat ids
	)
	if b.N > len(fanOutClubs) {
		b.Fatalf("at most %d iterations (one new club each)", len(fanOutClubs))
	}
	ctx := context.Background()
	env := bottest.New(b)
	api := telegramtest.New(b)
	botLimit := 0.98 * platformLimit
	if platformLimit == 0 {
		botLimit = 1e9
	} else {
		api.SetRateLimit(platformLimit, int(platformLimit/10))
	}
	const player = "Declan Rice"
	for i := range chats {
		err := env.Engine.Subscribe(ctx, rumours.Subscription{Platform: "telegram", Channel: strconv.Itoa(base + i), Kind: rumours.KindPlayer, Target: player})
		if err != nil {
			b.Fatal(err)
		}
	}
	tg, err := New(env.Core, Options{
		Token:   bot.Secret(api.Token),
		APIURL:  api.URL,
		PerChat: 1,
		Global:  botLimit,
		Logger:  slog.New(slog.DiscardHandler),
	})
	if err != nil {
		b.Fatal(err)
	}
	disp := bot.NewDispatcher(env.Core, env.Engine, map[string]bot.Notifier{"telegram": tg},
		bot.DispatcherOptions{Now: func() time.Time { return bottest.Now }}) // the engine's clock, which dates the alerts

	var sent int
	var elapsed time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		club := fanOutClubs[i]
		art := rumours.Article{
			ID: "fanout-" + club, GUID: "bench " + club, URL: "https://news.example/fanout/" + strconv.Itoa(i),
			Outlet: "Sky Sports", Published: time.Date(2023, 1, 10+i, 9, 0, 0, 0, time.UTC),
			Text: fmt.Sprintf("%s have opened talks with West Ham over %s, Sky Sports reports.", club, player),
		}
		res, errs := env.Engine.IngestNews(ctx, []rumours.Article{art}, []bool{true})
		if errs[0] != nil || len(res[0].Alerts) != 1 {
			b.Fatalf("ingest: err %v, alerts %+v; want one alert", errs[0], res[0].Alerts)
		}
		b.StartTimer()
		start := time.Now()
		n, err := disp.Dispatch(ctx)
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		sent += n
	}
	b.StopTimer()
	got := map[int64]int{} // messages the fake accepted, per chat
	for _, r := range api.Calls("sendMessage") {
		if r.OK() {
			got[r.ChatID()]++
		}
	}
	most := 0
	for i := range chats {
		most = max(most, got[int64(base+i)])
	}
	counts, err := env.Engine.CountDeliveries(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if sent != b.N*chats || counts.Sent != b.N*chats || counts.Pending != 0 {
		b.Errorf("sent %d messages, outbox %+v; want %d sent", sent, counts, b.N*chats)
	}
	rate := float64(sent) / elapsed.Seconds()
	b.ReportMetric(rate, "msgs/s")
	if platformLimit > 0 {
		b.ReportMetric(100*rate/platformLimit, "%limit")
	}
	b.ReportMetric(float64(api.RateLimited()), "429s")
	b.ReportMetric(float64(most)/float64(b.N), "max/chat/alert")
}
