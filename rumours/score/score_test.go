package score

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(t *testing.T, path string) (map[string][]Link, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, order, err := ReadJSONL(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return docs, order
}

// TestScoreFixtures scores testdata/pred.jsonl against testdata/gold.jsonl.
// The expected output was worked out by hand (see the comments) and agrees
// with score.py.
func TestScoreFixtures(t *testing.T) {
	gold, order := readFile(t, filepath.Join("testdata", "gold.jsonl"))
	pred, _ := readFile(t, filepath.Join("testdata", "pred.jsonl"))
	r := Score(gold, pred, order)

	// a1: "Sergio Ramos -> Miami" duplicates "Ramos -> Inter Miami CF" and is
	// dropped; Ramos/Inter Miami is found (stage interest vs talks: neither
	// exact nor same bucket; outlet "AS" found); Higuaín/Inter Miami is
	// missed; the uncertain Ramos/Sevilla uses up "Sevilla FC"; Higuain/Inter
	// Milan and the player-less link are extras.
	// a2: Núñez/Liverpool found (medical vs agreed: same bucket; "Romano" is
	// inside "Fabrizio Romano"); Núñez/Man Utd found (denied vs off: same
	// bucket; "Athletic" is inside "The Athletic"); the third link duplicates
	// the first.
	// a3: not predicted. zz: not in gold, ignored.
	// a4: de Jong/Barcelona found with stage_alt "agreed"; the uncertain PSG
	// link uses up its prediction; de Ligt is an extra.
	// a5: Ødegaard/Arsenal found, exact stage, outlet found.
	want := Result{
		Articles: 5, Missing: 1, TP: 5, FP: 3, FN: 1,
		PrimTot: 4, PrimHit: 4,
		StageN: 5, StageExact: 2, StageBucket: 4,
		OutN: 4, OutHit: 4,
	}
	got := r
	got.Misses, got.Extras, got.Details = nil, nil, nil
	if !equalCounts(got, want) {
		t.Errorf("counts = %+v\nwant     %+v", got, want)
	}
	wantMisses := []string{"  miss a1: Gonzalo Higuaín -> Inter Miami (done)"}
	wantExtras := []string{
		"  extra a1: Gonzalo Higuain -> Inter Milan",
		"  extra a1: None -> Inter Miami",
		"  extra a4: Matthijs de Ligt -> Juventus",
	}
	if strings.Join(r.Misses, "\n") != strings.Join(wantMisses, "\n") {
		t.Errorf("Misses = %q, want %q", r.Misses, wantMisses)
	}
	if strings.Join(r.Extras, "\n") != strings.Join(wantExtras, "\n") {
		t.Errorf("Extras = %q, want %q", r.Extras, wantExtras)
	}

	for _, tt := range []struct {
		verbose bool
		file    string
	}{{false, "expected.txt"}, {true, "expected_verbose.txt"}} {
		want, err := os.ReadFile(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := r.Write(&buf, tt.verbose); err != nil {
			t.Fatal(err)
		}
		if buf.String() != string(want) {
			t.Errorf("Write(verbose=%v):\n%s\nwant (%s):\n%s", tt.verbose, buf.String(), tt.file, want)
		}
	}
}

func equalCounts(a, b Result) bool {
	return a.Articles == b.Articles && a.Missing == b.Missing && a.TP == b.TP && a.FP == b.FP &&
		a.FN == b.FN && a.PrimTot == b.PrimTot && a.PrimHit == b.PrimHit && a.StageN == b.StageN &&
		a.StageExact == b.StageExact && a.StageBucket == b.StageBucket && a.OutN == b.OutN && a.OutHit == b.OutHit
}

func TestScoreCases(t *testing.T) {
	yes, no := true, false
	ramos := Link{Player: "Sergio Ramos", To: "Inter Miami", Stage: "interest", Primary: true}
	tests := []struct {
		name       string
		gold, pred []Link
		want       Result
	}{
		{"nothing predicted", []Link{ramos}, nil,
			Result{Articles: 1, FN: 1, PrimTot: 1}},
		{"exact", []Link{ramos}, []Link{{Player: "Ramos", To: "Inter Miami CF", Stage: "interest"}},
			Result{Articles: 1, TP: 1, PrimTot: 1, PrimHit: 1, StageN: 1, StageExact: 1, StageBucket: 1}},
		{"uncertain gold neither hit nor miss", []Link{{Player: "A B", To: "X", Stage: "bid", Certain: &no, Primary: true}}, nil,
			Result{Articles: 1}},
		{"uncertain gold absorbs its prediction", []Link{{Player: "A B", To: "X", Stage: "bid", Certain: &no}},
			[]Link{{Player: "A B", To: "X", Stage: "bid"}},
			Result{Articles: 1}},
		{"explicitly certain", []Link{{Player: "A B", To: "X", Stage: "bid", Certain: &yes}}, nil,
			Result{Articles: 1, FN: 1}},
		{"duplicate predictions count once", []Link{ramos},
			[]Link{{Player: "Ramos", To: "Miami", Stage: "done"}, {Player: "Sergio Ramos", To: "Inter Miami", Stage: "interest"}},
			Result{Articles: 1, TP: 1, PrimTot: 1, PrimHit: 1, StageN: 1}},
		{"greedy in gold order", []Link{{Player: "Ramos", To: "Sevilla", Stage: "talks"}, {Player: "Sergio Ramos", To: "Sevilla", Stage: "talks"}},
			[]Link{{Player: "Sergio Ramos", To: "Sevilla", Stage: "bid"}},
			Result{Articles: 1, TP: 1, FN: 1, StageN: 1, StageBucket: 1}},
		{"unknown predicted stage", []Link{ramos}, []Link{{Player: "Sergio Ramos", To: "Inter Miami", Stage: "rumour"}},
			Result{Articles: 1, TP: 1, PrimTot: 1, PrimHit: 1, StageN: 1}},
		{"outlet not found", []Link{{Player: "A B", To: "X", Stage: "bid", Outlets: []string{"Marca"}}},
			[]Link{{Player: "A B", To: "X", Stage: "bid", Outlets: []string{"AS", ""}}},
			Result{Articles: 1, TP: 1, StageN: 1, StageExact: 1, StageBucket: 1, OutN: 1}},
		{"empty gold outlet is inside any non-empty one", []Link{{Player: "A B", To: "X", Stage: "bid", Outlets: []string{"!"}}},
			[]Link{{Player: "A B", To: "X", Stage: "bid", Outlets: []string{"AS"}}},
			Result{Articles: 1, TP: 1, StageN: 1, StageExact: 1, StageBucket: 1, OutN: 1, OutHit: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gold := map[string][]Link{"a": tt.gold}
			pred := map[string][]Link{"a": tt.pred}
			got := Score(gold, pred, []string{"a"})
			if !equalCounts(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestScoreOrder(t *testing.T) {
	miss := func(p string) []Link { return []Link{{Player: p, To: "X", Stage: "done"}} }
	gold := map[string][]Link{"b": miss("B B"), "a": miss("A A"), "c": miss("C C")}
	r := Score(gold, map[string][]Link{}, []string{"c", "x", "a", "c"})
	want := []string{"  miss c: C C -> X (done)", "  miss a: A A -> X (done)", "  miss b: B B -> X (done)"}
	if strings.Join(r.Details, "\n") != strings.Join(want, "\n") {
		t.Errorf("Details = %q, want %q", r.Details, want)
	}
	if r.Articles != 3 || r.Missing != 3 {
		t.Errorf("Articles, Missing = %d, %d, want 3, 3", r.Articles, r.Missing)
	}
}

// TestFormat checks the ratios and the rounding of Write against what
// Python's format(x, ".3f") prints, ties included (1/16 = 0.0625 -> 0.062).
func TestFormat(t *testing.T) {
	tests := []struct {
		a, b int
		want string
	}{
		{1, 16, "0.062"}, {3, 16, "0.188"}, {5, 16, "0.312"}, {7, 16, "0.438"},
		{1, 32, "0.031"}, {1, 8, "0.125"}, {2, 3, "0.667"}, {1, 3, "0.333"},
		{1, 2000, "0.001"}, {1, 1, "1.000"}, {0, 1, "0.000"}, {0, 0, "0.000"},
		{1, 1024, "0.001"}, {12345, 65536, "0.188"},
	}
	for _, tt := range tests {
		if got := f3(ratio(tt.a, tt.b)); got != tt.want {
			t.Errorf("%d/%d: got %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
	r := Result{TP: 1, FP: 1, FN: 2} // P 1/2, R 1/3
	if got := f3(r.F1()); got != "0.400" {
		t.Errorf("F1 = %s, want 0.400", got)
	}
	if got := (Result{}).F1(); got != 0 {
		t.Errorf("empty F1 = %v, want 0", got)
	}
	var buf bytes.Buffer
	if err := (Result{}).Write(&buf, true); err != nil {
		t.Fatal(err)
	}
	want := "articles 0 (missing from predictions: 0)\npairs: tp 0 fp 0 fn 0\n" +
		"primary recall 0/0 = 0.000\nstage exact 0/0 = 0.000; bucket 0/0 = 0.000\n" +
		"outlet found 0/0 = 0.000\nF1 0.000 P 0.000 R 0.000\n"
	if buf.String() != want {
		t.Errorf("empty report:\n%s\nwant:\n%s", buf.String(), want)
	}
}
