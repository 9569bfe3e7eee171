package rumours_test

import (
	"context"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/extract"
)

func TestMatchNames(t *testing.T) {
	g := loadGazetteer(t)
	// The clubs of June 2026, the gazetteer's newest.
	now := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	e, err := rumours.New(openStore(t), g, extract.New(g, rumours.DefaultOutlets()), rumours.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		kind    rumours.SubjectKind
		name    string
		level   rumours.MatchLevel
		current string
		shared  bool
	}
	tests := []struct {
		phrase string
		fuzzy  bool
		first  *want // the first reading; nil for none
		also   string
	}{
		{"Everton", false, &want{rumours.KindClub, "Everton", rumours.MatchExact, "", false}, "a club before any player"},
		{"man u", false, &want{rumours.KindClub, "Manchester United", rumours.MatchExact, "", false}, ""},
		{"utd", false, &want{rumours.KindClub, "Manchester United", rumours.MatchExact, "", true}, "shared alias, usual reading first"},
		{"toffees", false, &want{rumours.KindClub, "Everton", rumours.MatchExact, "", false}, ""},
		{"erling haaland", false, &want{rumours.KindPlayer, "Erling Haaland", rumours.MatchExact, "Manchester City", false}, ""},
		{"haaland", false, &want{rumours.KindPlayer, "Erling Haaland", rumours.MatchSurname, "Manchester City", false}, ""},
		{"odegaard", false, &want{rumours.KindPlayer, "Martin Ødegaard", rumours.MatchSurname, "Arsenal", false}, "accents folded"},
		{"kvara", false, &want{rumours.KindPlayer, "Khvicha Kvaratskhelia", rumours.MatchExact, "Paris Saint-Germain", false}, "a short name"},
		{"son", false, &want{rumours.KindPlayer, "Son Heung-min", rumours.MatchSurname, "Los Angeles FC", false}, "a Korean family name comes first"},
		{"haalnd", false, nil, "no slips without fuzzy"},
		{"haalnd", true, &want{rumours.KindPlayer, "Erling Haaland", rumours.MatchFuzzy, "Manchester City", false}, ""},
		{"odegard", true, &want{rumours.KindPlayer, "Martin Ødegaard", rumours.MatchFuzzy, "Arsenal", false}, "a star's slip before a minor player's surname"},
		{"mastantuono", false, nil, "a minor player is found by full name only"},
		{"mastantuono", true, &want{rumours.KindPlayer, "Franco Mastantuono", rumours.MatchSurname, "Real Madrid", false}, "unless nothing else matches and no one shares his surname"},
		{"osimehn", true, &want{rumours.KindPlayer, "Victor Osimhen", rumours.MatchFuzzy, "Galatasaray", false}, "two letters swapped"},
		{"arsenall", true, &want{rumours.KindClub, "Arsenal", rumours.MatchFuzzy, "", false}, ""},
		{"", true, nil, ""},
	}
	for _, tt := range tests {
		got := e.MatchNames(context.Background(), tt.phrase, tt.fuzzy)
		if tt.first == nil {
			if len(got) != 0 {
				t.Errorf("MatchNames(%q, %v) = %+v, want none", tt.phrase, tt.fuzzy, got)
			}
			continue
		}
		if len(got) == 0 {
			t.Errorf("MatchNames(%q, %v) = none, want %+v", tt.phrase, tt.fuzzy, *tt.first)
			continue
		}
		f := got[0]
		if f.Kind != tt.first.kind || f.Name != tt.first.name || f.Level != tt.first.level || f.Current != tt.first.current || f.Shared != tt.first.shared {
			t.Errorf("MatchNames(%q, %v)[0] = %+v, want %+v %s", tt.phrase, tt.fuzzy, f, *tt.first, tt.also)
		}
	}

	// A first name comes after the surnames, with each player's club, for
	// the caller to pick from by context.
	var fernandes *rumours.NameMatch
	for _, m := range e.MatchNames(context.Background(), "bruno", false) {
		if m.Name == "Bruno Fernandes" {
			fernandes = &m
		}
	}
	if fernandes == nil || fernandes.Level != rumours.MatchFirst || fernandes.Current != "Manchester United" {
		t.Errorf("bruno: Bruno Fernandes = %+v, want a first-name match at Manchester United", fernandes)
	}
}
