package extract_test

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"transferbot/rumours"
	"transferbot/rumours/demo"
)

// benchArticles returns the demo corpus as ~1.5 KB articles: each demo
// article with the start of the next appended until it reaches 1.5 KB.
func benchArticles(b *testing.B) ([]rumours.Article, int) {
	b.Helper()
	arts, err := demo.Articles()
	if err != nil {
		b.Fatal(err)
	}
	out := make([]rumours.Article, len(arts))
	total := 0
	for i, a := range arts {
		text := a.Text
		for k := 1; len(text) < 1500; k++ {
			next := arts[(i+k)%len(arts)].Text
			text += "\n\n" + next[:min(len(next), 1500-len(text)+200)]
		}
		a.Text = text[:1500]
		out[i] = a
		total += len(a.Text)
	}
	return out, total / len(out)
}

// BenchmarkExtract measures extraction of 1.5 KB articles; run with -cpu 1
// for the single-core figure.
func BenchmarkExtract(b *testing.B) {
	arts, size := benchArticles(b)
	x := newExtractor(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(arts[i%len(arts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkLowercaseTokenize is the bare pass extraction is compared with:
// lower-case the same bytes and split them into words.
func BenchmarkLowercaseTokenize(b *testing.B) {
	arts, size := benchArticles(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		n += len(lowercaseTokenize(arts[i%len(arts)].Text))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if n == 0 {
		b.Fatal("no words")
	}
}

// lowercaseTokenize is the bare pass: text lower-cased and split into words.
func lowercaseTokenize(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// BenchmarkExtractVsBare extracts each article and runs the bare pass on
// it, one after the other, and reports the ratio of their times
// (x-bare): on a shared machine whose load changes from second to second,
// two benchmarks run one after the other measure under different loads,
// and the ratio of their figures varies more than the code does.
func BenchmarkExtractVsBare(b *testing.B) {
	arts, size := benchArticles(b)
	x := newExtractor(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	var extract, bare time.Duration
	n := 0
	for i := 0; i < b.N; i++ {
		a := arts[i%len(arts)]
		t0 := time.Now()
		x.Extract(a)
		t1 := time.Now()
		n += len(lowercaseTokenize(a.Text))
		bare += time.Since(t1)
		extract += t1.Sub(t0)
	}
	b.ReportMetric(float64(b.N)/extract.Seconds(), "articles/s")
	b.ReportMetric(float64(extract)/float64(bare), "x-bare")
	if n == 0 {
		b.Fatal("no words")
	}
}

// ingestBench builds an engine on a fresh store and b.N distinct ~1.5 KB
// articles to ingest.
