package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestTrainReproducesModel: the trainer, run as committed, writes exactly
// the committed model.json (skipped without ../shared, and in -short mode:
// it trains six models).
func TestTrainReproducesModel(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not retraining the link model")
	}
	shared := filepath.Join("..", "..", "..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "eval", "web", "labels.jsonl")); err != nil {
		t.Skip("../shared is absent: not retraining the link model")
	}
	out := filepath.Join(t.TempDir(), "model.json")
	o := committed()
	o.shared, o.out = shared, out
	if err := run(o, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the trainer's model differs from rumours/extract/model.json: retrain with go run ./rumours/extract/internal/train -shared ../shared and commit it")
	}
}
