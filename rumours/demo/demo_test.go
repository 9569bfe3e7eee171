package demo

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours"
	"transferbot/rumours/source"
)

func TestArticles(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 18 || len(arts) > 22 {
		t.Fatalf("got %d articles, want about 20", len(arts))
	}
	seen := map[string]bool{}
	for i, a := range arts {
		if a.ID == "" || seen[a.ID] {
			t.Errorf("article %d: empty or repeated ID %q", i, a.ID)
		}
		seen[a.ID] = true
		if a.Published.IsZero() {
			t.Errorf("%s: no date", a.ID)
		}
		if y := a.Published.Year(); y < 2020 || y > 2022 {
			t.Errorf("%s: dated %v, want 2020-2022", a.ID, a.Published)
		}
		if i > 0 && a.Published.Before(arts[i-1].Published) {
			t.Errorf("%s: dated %v, before the previous file: file names should sort by date", a.ID, a.Published)
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Errorf("%s: empty text", a.ID)
		}
		if strings.ContainsRune(a.Text, utf8.RuneError) {
			t.Errorf("%s: replacement character in text", a.ID)
		}
	}
}

func TestFilesSizesAndFormat(t *testing.T) {
	fsys := Files()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(arts) {
		t.Fatalf("%d files but %d articles", len(names), len(arts))
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCount(data); n < 600 || n > 1800 {
			t.Errorf("%s: %d characters, want 600-1800", name, n)
		}
		if !strings.HasPrefix(string(data), " date 20") {
			t.Errorf("%s: does not start with a dated seed header", name)
		}
	}
}

func TestLabels(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	labels, err := Labels()
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != len(arts) {
		t.Fatalf("%d labels for %d articles", len(labels), len(arts))
	}
	for i, l := range labels {
		a := arts[i]
		if l.ID != a.ID {
			t.Fatalf("label %d is for %q, article is %q", i, l.ID, a.ID)
		}
		text := fold(a.Text)
		primary := 0
		for _, k := range l.Links {
			if !k.Stage.Valid() {
				t.Errorf("%s: %s → %s has invalid stage %v", l.ID, k.Player, k.To, k.Stage)
			}
			if k.Primary {
				primary++
			}
			// The player's surname and every cited outlet appear in the text.
			names := strings.Fields(k.Player)
			if surname := fold(names[len(names)-1]); !strings.Contains(text, surname) {
				t.Errorf("%s: player %q not in the text", l.ID, k.Player)
			}
			for _, o := range k.Outlets {
				if !strings.Contains(text, fold(o)) {
					t.Errorf("%s: outlet %q not in the text", l.ID, o)
				}
			}
			if k.Player == "Sergio Ramos" && k.To == "Real Madrid" {
				t.Errorf("%s: Real Madrid is Sergio Ramos's current club, not a destination", l.ID)
			}
			if got := k.Link(); got.Player != k.Player || got.To != k.To || got.Stage != k.Stage {
				t.Errorf("%s: Link() = %+v", l.ID, got)
			}
		}
		if primary == 0 {
			t.Errorf("%s: no primary link", l.ID)
		}
	}
}

// TestStoryFacts checks the facts the rest of the project relies on.
func TestStoryFacts(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	labels, err := Labels()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]rumours.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	has := func(player, to string, stage rumours.Stage, outlet, month string) bool {
		for _, l := range labels {
			if !strings.HasPrefix(byID[l.ID].Published.Format("2006-01-02"), month) {
				continue
			}
			for _, k := range l.Links {
				if k.Player == player && k.To == to && k.Stage == stage && (outlet == "" || contains(k.Outlets, outlet)) {
					return true
				}
			}
		}
		return false
	}
	tests := []struct {
		name               string
		player, to         string
		stage              rumours.Stage
		outlet, datePrefix string
	}{
		{"Ramos-Inter Miami per AS", "Sergio Ramos", "Inter Miami", rumours.Interest, "AS", "2020-11-11"},
		{"Ramos-PSG interest", "Sergio Ramos", "Paris Saint-Germain", rumours.Interest, "", "2020-1"},
		{"James-Inter Miami talks per Goal", "James Rodríguez", "Inter Miami", rumours.Talks, "Goal", "2020-01-01"},
		{"Matuidi done", "Blaise Matuidi", "Inter Miami", rumours.Done, "", "2020-08"},
		{"Higuaín done", "Gonzalo Higuaín", "Inter Miami", rumours.Done, "", "2020-09"},
		{"Messi-PSG done", "Lionel Messi", "Paris Saint-Germain", rumours.Done, "", "2021-08"},
		{"Sancho-United off in 2020", "Jadon Sancho", "Manchester United", rumours.Off, "", "2020-08"},
		{"Sancho-United done in 2021", "Jadon Sancho", "Manchester United", rumours.Done, "", "2021-07"},
		{"Ronaldo-Real Madrid denied", "Cristiano Ronaldo", "Real Madrid", rumours.Denied, "", "2021-08"},
		{"Mbappé-Real Madrid bid", "Kylian Mbappé", "Real Madrid", rumours.Bid, "", "2021-08"},
		{"Lukaku medical", "Romelu Lukaku", "Chelsea", rumours.Medical, "Fabrizio Romano", "2021-08"},
		{"Gonçalo Ramos linked", "Gonçalo Ramos", "Manchester United", rumours.Interest, "", "2022"},
	}
	for _, tt := range tests {
		if !has(tt.player, tt.to, tt.stage, tt.outlet, tt.datePrefix) {
			t.Errorf("%s: no %s → %s (%v, %q) dated %s*", tt.name, tt.player, tt.to, tt.stage, tt.outlet, tt.datePrefix)
		}
	}
	// The syndicated copy repeats the AS story almost word for word.
	orig, dup := byID["demo-08-ramos-inter-miami-as"], byID["demo-09-ramos-inter-miami-syndicated"]
	if sim := shingleOverlap(words(orig.Text), words(dup.Text), 5); sim < 0.7 || orig.Text == dup.Text {
		t.Errorf("syndicated copy overlap %.2f, want a near-duplicate (>= 0.7, not identical)", sim)
	}
	if !strings.Contains(orig.Text, "according to AS") || !strings.Contains(dup.Text, "according to AS") {
		t.Errorf("both Ramos/AS articles should cite AS")
	}
}

// TestNoCopying guards against copied prose: no demo file may share a run
// of 12 consecutive words with the seed articles or the dev set.
func TestNoCopying(t *testing.T) {
	const run = 12
	tests := []struct {
		name string
		glob string
	}{
		{"seeds", "../../../shared/seeds/*.txt"},
		{"dev articles", "../../../shared/eval/dev/articles/*.txt"},
	}
	fsys := Files()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs, _ := filepath.Glob(tt.glob)
			if len(refs) == 0 {
				t.Skipf("no files match %s (../shared absent?): skipping", tt.glob)
			}
			grams := map[string]string{}
			for _, ref := range refs {
				data, err := os.ReadFile(ref)
				if err != nil {
					t.Fatal(err)
				}
				w := words(string(data))
				for i := 0; i+run <= len(w); i++ {
					grams[strings.Join(w[i:i+run], " ")] = filepath.Base(ref)
				}
			}
			for _, name := range names {
				data, err := fs.ReadFile(fsys, name)
				if err != nil {
					t.Fatal(err)
				}
				w := words(string(data))
				for i := 0; i+run <= len(w); i++ {
					g := strings.Join(w[i:i+run], " ")
					if ref, ok := grams[g]; ok {
						t.Errorf("%s shares %q with %s", name, g, ref)
						break
					}
				}
			}
		})
	}
}

// TestArticlesMatchSourceReadFile checks that the embedded files read the
// same way from disk as through Files.
func TestArticlesMatchSourceReadFile(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		got, err := source.ReadFile(filepath.Join("articles", a.ID+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != a {
			t.Errorf("%s: ReadFile and Articles disagree", a.ID)
		}
	}
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// shingleOverlap is the Jaccard similarity of the n-word shingles of a and b.
func shingleOverlap(a, b []string, n int) float64 {
	set := func(w []string) map[string]bool {
		m := map[string]bool{}
		for i := 0; i+n <= len(w); i++ {
			m[strings.Join(w[i:i+n], " ")] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for k := range sa {
		if sb[k] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// fold lower-cases s and strips accents from the letters used in the corpus.
func fold(s string) string {
	r := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ç", "c", "ã", "a", "ë", "e", "ø", "o")
	return r.Replace(strings.ToLower(s))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
