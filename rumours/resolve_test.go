package rumours

import (
	"math/rand/v2"
	"testing"

	"github.com/agnivade/levenshtein"
)

func TestFoldKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sergio Ramos", "sergio ramos"},
		{"  Sérgio   RAMOS ", "sergio ramos"},
		{"N'Golo Kanté", "ngolo kante"},
		{"N’Golo Kante", "ngolo kante"},
		{"Trent Alexander-Arnold", "trent alexander arnold"},
		{"Martin Ødegaard", "martin odegaard"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := foldKey(tt.in); got != tt.want {
			t.Errorf("foldKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEditDistance compares the bounded distance with a reference
// implementation on random strings over a small alphabet.
func TestEditDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	word := func() string {
		b := make([]rune, rng.IntN(12))
		for i := range b {
			b[i] = []rune("abcdeé ")[rng.IntN(7)]
		}
		return string(b)
	}
	for range 5000 {
		a, b := word(), word()
		limit := rng.IntN(6) - 1
		want := min(levenshtein.ComputeDistance(a, b), limit+1)
		if got := editDistance([]rune(a), []rune(b), limit); got != want {
			t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
		if got := newForm(a).distance(newForm(b), limit); got != want {
			t.Fatalf("form distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
}

func TestCapQuery(t *testing.T) {
	long := ""
	for range 150 {
		long += "é"
	}
	tests := []struct {
		in   string
		want string
		long bool
	}{
		{"Ramos", "Ramos", false},
		{long[:200], long[:200], false}, // 100 characters
		{long, long[:200], true},
	}
	for _, tt := range tests {
		got, isLong := capQuery(tt.in)
		if got != tt.want || isLong != tt.long {
			t.Errorf("capQuery(%d bytes) = %d bytes, %v; want %d bytes, %v", len(tt.in), len(got), isLong, len(tt.want), tt.long)
		}
	}
}
