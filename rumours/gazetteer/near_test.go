package gazetteer

import (
	"slices"
	"testing"
)

func TestPlayersNear(t *testing.T) {
	g := load(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"aubamayang", []string{"Pierre-Emerick Aubameyang"}},                // a letter replaced, in a surname
		{"pierre emerick aubamayang", []string{"Pierre-Emerick Aubameyang"}}, // ...and in a full name
		{"lewandowksi", []string{"Robert Lewandowski"}},                      // two letters swapped
		{"rashfrod", []string{"Marcus Rashford"}},
		{"haalnd", []string{"Erling Haaland"}},   // a letter left out
		{"grealissh", []string{"Jack Grealish"}}, // a letter added
		{"lewandowski", nil},                     // exact: PlayersBySurname's business
		{"mbape", nil},                           // under six letters
		{"martines", nil},                        // a slip from too many players
		{"zzzzzzzzzz", nil},
	}
	for _, tt := range tests {
		if got := playerNames(g, g.PlayersNear(tt.query)); !slices.Equal(got, tt.want) {
			t.Errorf("PlayersNear(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestOneSlip(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"aubameyang", "aubamayang", true},   // replaced
		{"lewandowski", "lewandowksi", true}, // swapped
		{"haaland", "haalnd", true},          // left out
		{"haalnd", "haaland", true},          // added
		{"haaland", "haaland", false},        // the same
		{"haaland", "halaand", true},         // swapped
		{"haaland", "hlaand", false},         // two slips
		{"ødegård", "ødegard", true},         // runes, not bytes
		{"abc", "abcde", false},
	}
	for _, tt := range tests {
		if got := oneSlip(tt.a, tt.b); got != tt.want {
			t.Errorf("oneSlip(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDeletionHashes(t *testing.T) {
	// "haaland": itself, and h-, one of the run aa-, l-, a-, n-, d-deletions.
	want := []uint32{hash32("haaland"), hash32("aaland"), hash32("haland"), hash32("haaand"), hash32("haalnd"), hash32("haalad"), hash32("haalan")}
	if got := deletionHashes("haaland", nil); !slices.Equal(got, want) {
		t.Errorf("deletionHashes(haaland) = %v, want %v", got, want)
	}
}

// BenchmarkPlayersNear measures a lookup once the index is built.
func BenchmarkPlayersNear(b *testing.B) {
	g := load(b)
	g.PlayersNear("aubamayang")
	for b.Loop() {
		g.PlayersNear("lewandowksi")
	}
}
