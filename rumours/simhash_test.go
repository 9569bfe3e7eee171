package rumours_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferbot/rumours"
	"transferbot/rumours/demo"
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHamming(t *testing.T) {
	tests := []struct {
		a, b uint64
		want int
	}{
		{0, 0, 0},
		{0, 1, 1},
		{0xff, 0x0f, 4},
		{0, ^uint64(0), 64},
		{0x8000000000000001, 1, 1},
	}
	for _, tt := range tests {
		if got := rumours.Hamming(tt.a, tt.b); got != tt.want {
			t.Errorf("Hamming(%#x, %#x) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSimhashStable pins fingerprints, so that a change of hash function or
// seed (which would split every stored story) is noticed.
func TestSimhashStable(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
	}{
		{"", 0},
		{" \n\t", 0},
		{"Ramos", 0x6964183ad06ab49f},
		{"Sergio Ramos joins Paris Saint-Germain on a free transfer.", 0x4b7e27c0870f7506},
	}
	for _, tt := range tests {
		if got := rumours.Simhash(tt.in); got != tt.want {
			t.Errorf("Simhash(%q) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}

func TestSimhashNearDuplicates(t *testing.T) {
	base := readTestdata(t, "simhash/ramos-psg.txt")
	// The first paragraph of the test article is its intro sentence.
	_, rest, ok := strings.Cut(base, "\n\n")
	if !ok {
		t.Fatal("testdata: no first paragraph")
	}
	tests := []struct {
		name string
		text string
	}{
		{"identical", base},
		{"different intro sentence", "Paris Saint-Germain are close to landing one of the biggest free agents on the market. " + rest},
		{"shorter intro sentence", "PSG close in on Ramos as talks progress.\n\n" + rest},
		{"trailing read more", base + "\nRead more: Five things we learned from the weekend's games\n"},
		{"trailing READ MORE and follow line", base + "\n\nREAD MORE\n\nFollow us on Twitter for the latest transfer news\n"},
		{"a word changed mid-text", strings.Replace(base, "significant progress", "considerable progress", 1)},
		{"a sentence cut at the end", strings.TrimSuffix(strings.TrimSpace(base), " with the rest of the squad.") + "."},
		{"syndication credit", base + "\nThis story first appeared on our partner site and is republished with permission.\n"},
		{"whitespace", strings.NewReplacer("\n\n", "\r\n\r\n\r\n", " ", "  ", ".", ".\t").Replace(base)},
		{"all at once", "Paris Saint-Germain are close to landing one of the biggest free agents on the market.\n\n" +
			strings.ReplaceAll(rest, "\n", "\r\n") + "\n\nRead more: Why Ramos left Madrid\n"},
	}
	want := rumours.Simhash(base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rumours.Simhash(tt.text)
			if d := rumours.Hamming(got, want); d > rumours.NearDuplicate {
				t.Errorf("Hamming distance to the original = %d, want <= %d", d, rumours.NearDuplicate)
			}
		})
	}
}

// TestSimhashDemoCopy checks the syndicated copy in the demo corpus: a new
// headline, a word changed, the last sentence cut, a credit line and a "Read
// more" teaser.
func TestSimhashDemoCopy(t *testing.T) {
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]rumours.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	orig, ok1 := byID["demo-08-ramos-inter-miami-as"]
	dup, ok2 := byID["demo-09-ramos-inter-miami-syndicated"]
	if !ok1 || !ok2 {
		t.Fatal("demo corpus: articles 08 and 09 not found")
	}
	if d := rumours.Hamming(rumours.Simhash(orig.Text), rumours.Simhash(dup.Text)); d > rumours.NearDuplicate {
		t.Errorf("demo copy: Hamming distance %d, want <= %d", d, rumours.NearDuplicate)
	}
	// No two other demo articles are near-duplicates.
	for i, a := range arts {
		for _, b := range arts[i+1:] {
			if a.ID == orig.ID && b.ID == dup.ID {
				continue
			}
			if d := rumours.Hamming(rumours.Simhash(a.Text), rumours.Simhash(b.Text)); d <= rumours.NearDuplicate {
				t.Errorf("%s and %s: Hamming distance %d", a.ID, b.ID, d)
			}
		}
	}
}

func TestSimhashDifferentArticles(t *testing.T) {
	a := readTestdata(t, "simhash/ramos-psg.txt")
	b := readTestdata(t, "simhash/ramos-miami.txt")
	tests := []struct {
		name string
		x, y string
	}{
		{"two articles on Sergio Ramos", a, b},
		{"first half against second half", a[:len(a)/2], a[len(a)/2:]},
		{"short different headlines", "Ramos agrees terms with PSG", "Ramos rejects Inter Miami offer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := rumours.Hamming(rumours.Simhash(tt.x), rumours.Simhash(tt.y))
			if d <= rumours.NearDuplicate {
				t.Errorf("Hamming distance = %d, want > %d", d, rumours.NearDuplicate)
			}
			t.Logf("distance %d", d)
		})
	}
}
