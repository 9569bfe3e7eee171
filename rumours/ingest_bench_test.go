package rumours_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/extract"
	"transferbot/storage"
)

// ingestBench builds an engine on a fresh store and b.N distinct ~1.5 KB
// articles to ingest.
func ingestBench(b *testing.B) (*rumours.Engine, []rumours.Article) {
	arts, err := demo.Articles()
	if err != nil {
		b.Fatal(err)
	}
	g := loadGazetteer(b)
	st, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	eng, err := rumours.New(st, g, extract.New(g, rumours.DefaultOutlets()), rumours.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var sents []string
	for _, a := range arts {
		for _, p := range strings.Split(a.Text, "\n\n") {
			sents = append(sents, strings.SplitAfter(p, ". ")...)
		}
	}
	// every article is a new one of about 1.5 KB: sentences of different
	// demo stories in a random order, in paragraphs of three, sharing about
	// as little text as real articles do
	gen := func(i int, rng *rand.Rand) rumours.Article {
		a := arts[i%len(arts)]
		var sb strings.Builder
		for k := 0; sb.Len() < 1500; k++ {
			if k > 0 && k%3 == 0 {
				sb.WriteString("\n\n")
			}
			sb.WriteString(strings.TrimSpace(sents[rng.IntN(len(sents))]))
			sb.WriteString(" ")
		}
		a.Text = sb.String()
		a.URL = fmt.Sprintf("https://example.com/story/%d", i)
		return a
	}
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]rumours.Article, b.N)
	for i := range out {
		out[i] = gen(i, rng)
	}
	return eng, out
}

// BenchmarkIngest measures the whole ingest path into SQLite, one article
// after another: extraction, fingerprints, the near-duplicate lookup and
// one transaction per article with its links.
func BenchmarkIngest(b *testing.B) {
	eng, arts := ingestBench(b)
	ctx := context.Background()
	b.SetBytes(1500)
	b.ResetTimer()
	links := 0
	for i := 0; i < b.N; i++ {
		res, err := eng.Ingest(ctx, arts[i])
		if err != nil {
			b.Fatal(err)
		}
		links += len(res.Links)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(links)/float64(b.N), "links/article")
}

// BenchmarkIngestParallel is BenchmarkIngest with concurrent callers, as a
// feed poller ingests: extraction runs in parallel, writes are serialised by
// the store's single writer.
func BenchmarkIngestParallel(b *testing.B) {
	eng, arts := ingestBench(b)
	ctx := context.Background()
	var next atomic.Int64
	b.SetBytes(1500)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			if _, err := eng.Ingest(ctx, arts[i]); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkIngestBatch measures IngestBatch, the path `transferbot ingest`
// takes: batches of 64 articles, extraction on every core, group commit.
func BenchmarkIngestBatch(b *testing.B) {
	eng, arts := ingestBench(b)
	ctx := context.Background()
	b.SetBytes(1500)
	b.ResetTimer()
	for i := 0; i < b.N; i += 64 {
		_, errs := eng.IngestBatch(ctx, arts[i:min(i+64, b.N)])
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkIngestNews is BenchmarkIngestBatch with every article asking
// for alerts, in batches of 30 (a busy feed's poll): for each article the
// engine reads each linked player's stored evidence once per batch and
// ranks him before and after the article, and writes the alerts with the
// links.
func BenchmarkIngestNews(b *testing.B) {
	eng, arts := ingestBench(b)
	ctx := context.Background()
	alert := make([]bool, 30)
	for i := range alert {
		alert[i] = true
	}
	b.SetBytes(1500)
	b.ResetTimer()
	alerts := 0
	for i := 0; i < b.N; i += 30 {
		batch := arts[i:min(i+30, b.N)]
		res, errs := eng.IngestNews(ctx, batch, alert[:len(batch)])
		for k, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
			alerts += len(res[k].Alerts)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(alerts)/float64(b.N), "alerts/article")
}
