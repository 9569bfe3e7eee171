package rumours_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
	"transferbot/rumours/source"
)

// sharedDir finds ../shared beside the repository, or skips the test.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("../../shared")
	if err == nil {
		if _, err = os.Stat(dir); err == nil {
			return dir
		}
	}
	t.Skip("../shared is absent: skipping tests that read the shared data")
	return ""
}

func newExtractor(t testing.TB) *rumours.Extractor {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	return rumours.NewExtractor(g, rumours.NewOutletIndex(rumours.DefaultOutlets()))
}

type predLink struct {
	Player     string   `json:"player"`
	To         string   `json:"to"`
	From       *string  `json:"from"`
	Stage      string   `json:"stage"`
	Outlets    []string `json:"outlets"`
	Confidence float64  `json:"confidence"`
}

// TestDumpDev writes predictions for the dev set to $EXTRACT_OUT (a tuning aid).
func TestDumpDev(t *testing.T) {
	out := os.Getenv("EXTRACT_OUT")
	if out == "" {
		t.Skip("set EXTRACT_OUT to write dev-set predictions")
	}
	dir := filepath.Join(sharedDir(t), "eval/dev/articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	x := newExtractor(t)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, p := range files {
		arts, err := source.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			var links []predLink
			for _, l := range x.Extract(a) {
				pl := predLink{Player: l.Player, To: l.To, Stage: l.Stage.String(), Outlets: l.Outlets, Confidence: l.Confidence}
				if l.From != "" {
					from := l.From
					pl.From = &from
				}
				links = append(links, pl)
			}
			if links == nil {
				links = []predLink{}
			}
			enc.Encode(map[string]any{"id": a.ID, "links": links})
		}
	}
}
