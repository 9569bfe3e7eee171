package storage

import (
	"context"
	"os"
	"testing"
	"time"

	"transferbot/rumours"
)

func BenchmarkScratchSaveBig(b *testing.B) {
	path := "/tmp/scratch-big.db"
	if _, err := os.Stat(path); err != nil {
		if err := copyFile(path, benchStorePath(b, 1_000_000)); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	s, err := OpenWith(ctx, path, Options{SkipQuickCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g := newBenchGen(uint64(time.Now().UnixNano()), 50000)
	arts := make([]rumours.StoredArticle, b.N)
	links := make([][]rumours.Link, b.N)
	for i := range arts {
		arts[i], links[i] = g.next()
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.SaveArticle(ctx, arts[i], links[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
