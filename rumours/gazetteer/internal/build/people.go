package build

// The people table: club head coaches from the Transfermarkt club exports.

import (
	"sort"

	"transferbot/rumours/gazetteer"
	"transferbot/rumours/gazetteer/internal/datafile"
)

// buildPeople returns the head coaches of the exports' clubs. Each club
// keeps its newest record (the later season, then the later export) and
// each coach his newest club, so that a coach the older export lists at a
// club he has since left, when a newer record names another coach there,
// or lists at another club, is dropped or moved.
func (g *generator) buildPeople(clubs map[string]*tmClub) []datafile.Person {
	type rec struct {
		datafile.Person
		rank int // 1 for the 2026 export, 0 for the older one
	}
	newer := func(a, b rec) bool {
		if a.Season != b.Season {
			return a.Season > b.Season
		}
		if a.rank != b.rank {
			return a.rank > b.rank
		}
		return a.Name < b.Name
	}
	byClub := map[string]rec{}
	for _, c := range clubs {
		if c.gaz < 0 {
			continue
		}
		club := g.clubs[c.gaz].name
		for _, r := range []rec{
			{datafile.Person{Name: c.coach26, Role: datafile.RoleCoach, Club: club, Season: c.season26}, 1},
			{datafile.Person{Name: c.coachOld, Role: datafile.RoleCoach, Club: club, Season: c.seasonOld}, 0},
		} {
			if r.Name == "" || r.Season == 0 {
				continue
			}
			if old, ok := byClub[club]; !ok || newer(r, old) {
				byClub[club] = r
			}
		}
	}
	byName := map[string]rec{}
	for _, r := range byClub {
		k := gazetteer.Fold(r.Name)
		if old, ok := byName[k]; !ok || newer(r, old) || !newer(old, r) && r.Club < old.Club {
			byName[k] = r
		}
	}
	out := make([]datafile.Person, 0, len(byName))
	for _, r := range byName {
		out = append(out, r.Person)
	}
	sort.Slice(out, func(i, j int) bool { return lessFolded(out[i].Name, out[j].Name) })
	return out
}
