package build

import (
	"testing"

	"transferbot/rumours/gazetteer/internal/datafile"
)

// TestMatchNameParts checks which players of the transfers list are taken
// to be the Transfermarkt player named by more or fewer words of their
// name, and which lookalikes are left apart.
func TestMatchNameParts(t *testing.T) {
	g := testGenerator(t, nil)
	clubs := map[string]*tmClub{"1": {id: "1", gaz: 0}, "2": {id: "2", gaz: 1}, "3": {id: "3", gaz: 2}, "4": {id: "4", gaz: 3}}
	move := func(date, from, to string) datafile.Move {
		return datafile.Move{Date: ymdOf(date), From: from, To: to, Kind: datafile.KindTransfer}
	}
	player := func(name string, born int, pos string, moves ...datafile.Move) *built {
		b := &built{}
		b.Name, b.Born, b.Position, b.Moves = name, born, pos, moves
		return b
	}
	tests := []struct {
		name string
		list *built
		tms  []tmPlayer
		want string // the Transfermarkt name matched, "" for none
	}{
		{"first name, seen by the exports after the list's moves",
			player("Arthur", 1996, "Central Midfield", move("2020-10-06", "Big FC", "Small Town")),
			[]tmPlayer{{name: "Arthur Melo", born: 1996, position: "Central Midfield", club24: "3", season24: 2023, club26: "4", season26: 2025}},
			"Arthur Melo"},
		{"a club in common, though seen before the list's last move",
			player("Wesley", 1996, "Centre-Forward", move("2019-09-03", "Far Away", "Big FC"), move("2022-02-01", "Big FC", "New Club")),
			[]tmPlayer{{name: "Wesley Moraes", born: 1996, club24: "1", season24: 2021, club26: "1", season26: 2021}},
			"Wesley Moraes"},
		{"a word other than the first: a nickname taken as surname",
			player("Cafú", 1993, "", move("2020-10-06", "Big FC", "Small Town")),
			[]tmPlayer{{name: "Carlos Cafú Silva", born: 1993, club26: "3", season26: 2025}},
			"Carlos Cafú Silva"},
		{"among namesakes born the same year, the only one of his position",
			player("Igor", 1998, "Centre-Back", move("2021-09-01", "Small Town", "Big FC")),
			[]tmPlayer{
				{name: "Igor Julio", born: 1998, position: "Centre-Back", club26: "3", season26: 2025},
				{name: "Igor Vekic", born: 1998, position: "Goalkeeper", club26: "4", season26: 2025},
			},
			"Igor Julio"},
		{"namesakes of the same year and position: no telling which",
			player("Jorge", 1996, "Centre-Back", move("2021-09-01", "Small Town", "Big FC")),
			[]tmPlayer{
				{name: "Jorge Sáenz", born: 1996, position: "Centre-Back", club26: "3", season26: 2025},
				{name: "Jorge Benguché", born: 1996, position: "Centre-Back", club26: "4", season26: 2025},
			},
			""},
		{"born another year",
			player("Lumor", 1997, "", move("2019-09-03", "Small Town", "Big FC")),
			[]tmPlayer{{name: "Lumor Agbenyenu", born: 1996, club26: "3", season26: 2025}},
			""},
		{"at another club while the list moved him elsewhere",
			player("Vagner", 1996, "", move("2020-10-06", "Small Town", "Big FC"), move("2021-09-01", "Big FC", "Far Away")),
			[]tmPlayer{{name: "Vagner Gonçalves", born: 1996, club24: "3", season24: 2020, club26: "3", season26: 2020}},
			""},
		{"no club known to check",
			player("Jason", 1994, "", move("2022-02-01", "Small Town", "Big FC")),
			[]tmPlayer{{name: "Jason Vega", born: 1994, club26: "99", season26: 2025}},
			""},
		{"a second surname the export leaves out",
			player("Mateu Morey Bauzà", 2000, "Right-Back", move("2019-09-03", "Big FC", "Small Town")),
			[]tmPlayer{{name: "Mateu Morey", born: 2000, position: "Right-Back", club24: "2", season24: 2023, club26: "3", season26: 2025}},
			"Mateu Morey"},
		{"a given name of a hyphenated pair the export leaves out",
			player("Jan-Niklas Beste", 1999, "", move("2020-10-06", "Big FC", "Small Town")),
			[]tmPlayer{{name: "Niklas Beste", born: 1999, club26: "3", season26: 2025}},
			"Niklas Beste"},
		{"twins: one surname, other given names",
			player("Steven Sessegnon", 2000, "", move("2020-10-06", "Small Town", "Big FC")),
			[]tmPlayer{{name: "Ryan Sessegnon", born: 2000, club26: "1", season26: 2025}},
			""},
		{"the export's one-word name is not matched to a fuller one",
			player("Ruan Tressoldi", 1999, "", move("2021-09-01", "Small Town", "Big FC")),
			[]tmPlayer{{name: "Ruan", born: 1999, club26: "1", season26: 2025}},
			""},
		{"the words in another order",
			player("Traoré Hamed", 2000, "", move("2021-09-01", "Small Town", "Big FC")),
			[]tmPlayer{{name: "Hamed Junior Traoré", born: 2000, club26: "1", season26: 2025}},
			""},
		{"a word only inside another word does not count",
			player("Ruan", 1999, "", move("2021-09-01", "Small Town", "Big FC")),
			[]tmPlayer{{name: "Ruano Silva", born: 1999, club26: "3", season26: 2025}},
			""},
	}
	for _, tt := range tests {
		tms := make([]*tmPlayer, len(tt.tms))
		for i := range tt.tms {
			tms[i] = &tt.tms[i]
		}
		got := g.matchNameParts([]*built{tt.list}, tms, func(*tmPlayer) bool { return false },
			func(b *built) []datafile.Move { return b.Moves }, clubs)
		name := ""
		for p, b := range got {
			if b != tt.list {
				t.Errorf("%s: %q matched to %q, not a candidate", tt.name, p.name, b.Name)
			}
			name = p.name
		}
		if len(got) > 1 || name != tt.want {
			t.Errorf("%s: %q matched %d players (%q), want %q", tt.name, tt.list.Name, len(got), name, tt.want)
		}
	}

	// Two one-word names claiming one player, and a player already taken.
	p := &tmPlayer{name: "Adrián San Miguel", born: 1987, club26: "3", season26: 2025}
	adrian := player("Adrián", 1987, "", move("2019-09-03", "Small Town", "Big FC"))
	miguel := player("Miguel", 1987, "", move("2020-10-06", "Far Away", "Small Town"))
	moves := func(b *built) []datafile.Move { return b.Moves }
	if got := g.matchNameParts([]*built{adrian, miguel}, []*tmPlayer{p}, func(*tmPlayer) bool { return false }, moves, clubs); len(got) != 0 {
		t.Errorf("two names claiming %q: matched %v, want none", p.name, got)
	}
	if got := g.matchNameParts([]*built{adrian}, []*tmPlayer{p}, func(*tmPlayer) bool { return true }, moves, clubs); len(got) != 0 {
		t.Errorf("%q already matched: matched again %v", p.name, got)
	}
	if got := g.matchNameParts([]*built{adrian}, []*tmPlayer{p}, func(*tmPlayer) bool { return false }, moves, clubs); got[p] != adrian {
		t.Errorf("%q alone: matched %v, want Adrián", p.name, got)
	}
}
