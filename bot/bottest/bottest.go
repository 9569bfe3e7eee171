// Package bottest builds a real command core for adapter tests: the real
// engine over a fresh SQLite store in t.TempDir(), loaded with the built-in
// demo corpus, with the clock set to Now. As of Now, "where is Sergio Ramos
// heading?" ranks Inter Miami first, and "Ramos" alone is ambiguous between
// Sergio and Gonçalo Ramos.
package bottest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/extract"
	"transferbot/rumours/gazetteer"
	"transferbot/storage"
)

// Env is a core with the engine and store behind it.
type Env struct {
	Core   *bot.Core
	Engine *rumours.Engine
	Store  *storage.Store
}

// Now is the clock of the core and engine that New builds: 1 December
// 2020, when the demo corpus's Ramos story is the Inter Miami one.
var Now = time.Date(2020, time.December, 1, 12, 0, 0, 0, time.UTC)

// New opens a fresh store, ingests the demo corpus and returns the core. The
// store is closed when the test ends.
func New(t testing.TB) *Env {
	t.Helper()
	ctx := context.Background()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := storage.Open(ctx, filepath.Join(t.TempDir(), "bot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng, err := rumours.New(st, g, extract.New(g, rumours.DefaultOutlets()), rumours.Options{Now: func() time.Time { return Now }})
	if err != nil {
		t.Fatal(err)
	}
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	res, errs := eng.IngestBatch(ctx, arts)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("ingest demo article %d: %v", i, err)
		}
	}
	if len(res) == 0 {
		t.Fatal("demo corpus is empty")
	}
	return &Env{Core: bot.New(eng, bot.Options{Now: func() time.Time { return Now }}), Engine: eng, Store: st}
}
