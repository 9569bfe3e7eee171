package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/bottest"
	"transferbot/bot/telegram/telegramtest"
)

// The benchmarks measure updates answered per second through the whole
// path against the fake Bot API on loopback, with the real core over the
// demo corpus: the update queued at the fake Telegram, getUpdates (or a
// webhook POST), the offset checkpoint in SQLite, the check for paused
// subscriptions, the core's answer, the chart (drawn once, then sent by
// file_id), and sendMessage with the HTML text and keyboard. Every update
// comes from a new private chat, so the per-chat limit never binds; the
// global limit is lifted. Latency runs from the moment the update is queued
// at the fake Telegram (polling; so it includes the long poll's round trip)
// or the webhook POST starts, to the moment the fake receives the
// sendMessage that carries the answer (for a where question, after the
// chart's sendPhoto).
//
// Two loads: a closed loop of benchUsers users, each asking and waiting for
// the answer before the next user asks (as fast as the path goes; latency
// is then mostly queueing), and a steady 2,000 new users per second whether
// or not earlier ones were answered (the latency at that rate).

// benchQuestions are what the users ask: the where question is the heaviest
// path (ranking, chart photo, text with buttons); help is one message.
var benchQuestions = []struct{ name, text string }{
	{"where", "where is Sergio Ramos heading?"},
	{"help", "/help"},
}

// benchUsers is how many users wait for an answer at any time in the
// closed loop.
const benchUsers = 32

// BenchmarkPolling runs the closed loop, long polling.
func BenchmarkPolling(b *testing.B) { benchEach(b, false, 0) }

// BenchmarkWebhook runs the closed loop through the webhook.
func BenchmarkWebhook(b *testing.B) { benchEach(b, true, 0) }

// BenchmarkPollingAt2000 offers 2,000 updates per second, long polling.
func BenchmarkPollingAt2000(b *testing.B) { benchEach(b, false, 2000) }

// BenchmarkWebhookAt2000 offers 2,000 updates per second through the
// webhook.
func BenchmarkWebhookAt2000(b *testing.B) { benchEach(b, true, 2000) }

func benchEach(b *testing.B, webhook bool, rate float64) {
	for _, q := range benchQuestions {
		b.Run(q.name, func(b *testing.B) { benchAdapter(b, webhook, q.text, rate) })
	}
}

// benchAdapter answers b.N updates: with rate 0 as a closed loop of
// benchUsers users, else at rate new users per second. It reports
// updates/s, and the median and 99th percentile latency.
func benchAdapter(b *testing.B, webhook bool, question string, rate float64) {
	env := bottest.New(b)
	api := telegramtest.New(b)

	const base = 10_000_000 // chat ids of the users
	n := b.N
	t0 := time.Now()
	asked := make([]atomic.Int64, n+1) // when user i asked, in ns after t0
	lat := make([]time.Duration, n+1)
	answered := make(chan int, n+1)
	api.SetHook(func(r *telegramtest.Request) {
		if r.Method != "sendMessage" {
			return
		}
		if i := int(r.ChatID() - base); i >= 0 && i <= n {
			lat[i] = time.Since(t0) - time.Duration(asked[i].Load())
			answered <- i
		}
	})

	var handler atomic.Pointer[http.Handler]
	hookURL := ""
	if webhook {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			(*handler.Load()).ServeHTTP(w, r)
		}))
		b.Cleanup(srv.Close)
		hookURL = srv.URL
	}
	tg, err := New(env.Core, Options{
		Token:      bot.Secret(api.Token),
		APIURL:     api.URL,
		WebhookURL: hookURL,
		PerChat:    1000,
		Global:     1e9, // the path, not Telegram's limits
		Logger:     slog.New(slog.DiscardHandler),
	})
	if err != nil {
		b.Fatal(err)
	}
	h := tg.WebhookHandler()
	handler.Store(&h)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- tg.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	var wh telegramtest.Webhook
	if webhook {
		api.WaitCalls(b, "setWebhook", 1)
		wh = api.Webhook()
	}
	api.SetRecording(false)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512}}
	defer client.CloseIdleConnections()
	ask := func(i int) {
		u := api.Text(telegramtest.PrivateChat(int64(base+i)), telegramtest.User(int64(base+i)), question)
		if !webhook {
			asked[i].Store(int64(time.Since(t0)))
			api.Push(u)
			return
		}
		u.UpdateID = api.NextUpdateID()
		body, _ := json.Marshal(u)
		req, _ := http.NewRequest(http.MethodPost, wh.URL, bytes.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", wh.Secret)
		asked[i].Store(int64(time.Since(t0)))
		resp, err := client.Do(req)
		if err != nil {
			b.Error(err)
			return
		}
		resp.Body.Close()
	}

	// Warm up: the chart is drawn and uploaded once, before timing.
	ask(n)
	<-answered

	// Webhook posts block until answered: post from a pool.
	queue := make(chan int, n)
	var posters sync.WaitGroup
	if webhook {
		workers := benchUsers
		if rate > 0 {
			workers = 256
		}
		for range workers {
			posters.Add(1)
			go func() {
				defer posters.Done()
				for i := range queue {
					ask(i)
				}
			}()
		}
	}
	next := func(i int) {
		if webhook {
			queue <- i
		} else {
			ask(i)
		}
	}

	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	if rate > 0 {
		go func() {
			interval := time.Duration(float64(time.Second) / rate)
			for i := range n {
				if d := time.Until(start.Add(time.Duration(i) * interval)); d > 0 {
					time.Sleep(d)
				}
				next(i)
			}
		}()
		for range n {
			<-answered
		}
	} else {
		first := min(benchUsers, n)
		go func() {
			for i := range first {
				next(i)
			}
		}()
		for got, sent := 0, first; got < n; got++ {
			<-answered
			if sent < n {
				next(sent)
				sent++
			}
		}
	}
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	close(queue)
	posters.Wait()

	ls := slices.Clone(lat[:n])
	slices.Sort(ls)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(float64(n)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(ms(ls[n/2]), "p50-ms")
	b.ReportMetric(ms(ls[n*99/100]), "p99-ms")
	b.ReportMetric(float64(cpu)/float64(n)/float64(time.Microsecond), "cpu-µs/update")
	b.ReportMetric(0, "ns/op") // updates overlap: time per update is not a latency
}

// cpuTime is the CPU time the process has used (user and system), the
// adapter's and the fake Telegram's together: per update, a figure that
// other load on the machine does not change much.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
