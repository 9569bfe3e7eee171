package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"transferbot/rumours"
)

// benchSubscribers is how many channels follow the benchmarks' player.
const benchSubscribers = 10_000

// openOutboxBench opens a new store in which benchSubscribers channels follow
// one player (half of them his club too), and returns it with a function
// that saves one article with one alert about him.
func openOutboxBench(b *testing.B) (*Store, func() int64) {
	b.Helper()
	ctx := context.Background()
	s, err := OpenWith(ctx, filepath.Join(b.TempDir(), "outbox.db"), Options{SkipQuickCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range benchSubscribers {
		ch := fmt.Sprintf("chat-%d", i)
		_, err := tx.Exec(`INSERT INTO subscriptions (platform, channel, kind, target, min_stage, created)
			VALUES ('telegram', ?1, 'player', 'Bench Player', 'unknown', ''),
			       ('telegram', ?1, 'club', 'Bench FC', 'talks', '')`, ch)
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	g := newBenchGen(uint64(time.Now().UnixNano()), 100)
	save := func() int64 {
		a, links := g.next()
		alert := rumours.Alert{Cycle: int64(g.n), Player: "Bench Player", Club: "Bench FC", From: "Old FC",
			Stage: rumours.Talks, Previous: rumours.Interest, Outlet: "Sky Sports", Title: a.Title,
			Quote: links[0].Quote, URL: a.URL, Current: "Old FC", Stays: 0.3,
			Ranking: []rumours.Share{{Club: "Bench FC", Share: 0.5}, {Club: "Other FC", Share: 0.2}}}
		ids, errs := s.SaveArticles(ctx, []rumours.NewArticle{{Article: a, Links: links, Alerts: []rumours.Alert{alert}}})
		if errs[0] != nil {
			b.Fatal(errs[0])
		}
		return ids[0]
	}
	return s, save
}

// BenchmarkOutboxFanOut saves one article (five links) with one alert that
// fans out to benchSubscribers channels.
func BenchmarkOutboxFanOut(b *testing.B) {
	_, save := openOutboxBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		save()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*benchSubscribers)/b.Elapsed().Seconds(), "deliveries/s")
}

// BenchmarkOutboxDeliver runs the dispatcher's cycle: read 1,000 due
// deliveries and mark them sent.
func BenchmarkOutboxDeliver(b *testing.B) {
	const batch = 1000
	s, save := openOutboxBench(b)
	ctx := context.Background()
	platforms := []string{"telegram", "discord"}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		now := time.Now()
		ds, err := s.PendingDeliveries(ctx, platforms, now, batch)
		if err != nil {
			b.Fatal(err)
		}
		if len(ds) < batch {
			b.StopTimer()
			save()
			b.StartTimer()
			if ds, err = s.PendingDeliveries(ctx, platforms, now, batch); err != nil {
				b.Fatal(err)
			}
		}
		keys := make([]rumours.DeliveryKey, len(ds))
		for i, d := range ds {
			keys[i] = d.DeliveryKey
		}
		if err := s.MarkSent(ctx, keys, now); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "deliveries/s")
}
