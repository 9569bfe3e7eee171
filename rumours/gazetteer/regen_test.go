package gazetteer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"transferbot/rumours/gazetteer"
	"transferbot/rumours/gazetteer/internal/build"
)

// sharedDir is the shared input directory seen from this package's directory
// (rumours/gazetteer inside the checkout, with shared beside the checkout).
const sharedDir = "../../../shared"

// TestRegenerate checks that the checked-in generated files are exactly what
// the generator makes from the shared inputs and the hand-written files.
func TestRegenerate(t *testing.T) {
	for _, in := range build.Inputs() {
		if _, err := os.Stat(filepath.Join(sharedDir, in)); err != nil {
			t.Skipf("shared inputs not available (%v): skipping the regeneration check", err)
		}
	}
	res, err := build.Generate(sharedDir, "data")
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	for _, name := range []string{gazetteer.ClubsFile, gazetteer.PlayersFile, gazetteer.PeopleFile} {
		want, ok := res.Files[name]
		if !ok {
			t.Errorf("generator made no %s", name)
			continue
		}
		got, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s differs from what the generator makes: run go generate ./rumours/gazetteer", name)
		}
	}
	// A second run must give the same bytes: nothing depends on map order.
	again, err := build.Generate(sharedDir, "data")
	if err != nil {
		t.Fatalf("Generate again: %v", err)
	}
	for name, b := range res.Files {
		if !bytes.Equal(b, again.Files[name]) {
			t.Errorf("two runs of the generator differ in %s", name)
		}
	}
}
