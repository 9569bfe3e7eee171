package rumours_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/demo"
)

func TestIngestBatch(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	e := newEngine(t, s)
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	empty := rumours.Article{ID: "empty", Text: "   "}
	batch := append(append([]rumours.Article{}, arts...), empty, arts[0]) // a blank one and a repeat
	results, errs := e.IngestBatch(ctx, batch)
	if len(results) != len(batch) || len(errs) != len(batch) {
		t.Fatalf("got %d results, %d errors for %d articles", len(results), len(errs), len(batch))
	}
	byID := map[string]rumours.IngestResult{}
	for i, a := range arts {
		if errs[i] != nil || results[i].ArticleID == 0 || results[i].Duplicate {
			t.Errorf("%s: result %+v, err %v; want stored", a.ID, results[i], errs[i])
		}
		byID[a.ID] = results[i]
	}
	if !errors.Is(errs[len(arts)], rumours.ErrEmptyText) {
		t.Errorf("blank article: err %v, want ErrEmptyText", errs[len(arts)])
	}
	if last := results[len(batch)-1]; !last.Duplicate || errs[len(batch)-1] != nil {
		t.Errorf("repeated article: %+v, %v; want a duplicate", last, errs[len(batch)-1])
	}
	if n, _ := s.CountArticles(ctx); n != len(arts) {
		t.Errorf("CountArticles = %d, want %d", n, len(arts))
	}
	// the syndicated copy in the same batch joined the original's story
	s8, s9 := byID["demo-08-ramos-inter-miami-as"].Story, byID["demo-09-ramos-inter-miami-syndicated"].Story
	if s8 == 0 || s8 != s9 {
		t.Errorf("syndicated copy in one batch: stories %d and %d, want the same", s8, s9)
	}
	// and the batch answers like one-by-one ingest does
	r, err := e.Where(ctx, "Sergio Ramos", time.Date(2020, 12, 1, 23, 0, 0, 0, time.UTC))
	if err != nil || len(r.Destinations) == 0 || r.Destinations[0].Club != "Inter Miami" {
		t.Errorf("Where(Sergio Ramos, 2020-12-01) = %+v, %v; want Inter Miami first", r.Destinations, err)
	}
}
