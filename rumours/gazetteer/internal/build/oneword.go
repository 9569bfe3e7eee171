package build

// Players of the transfers list known by one word of the name the
// Transfermarkt exports give them in full.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"transferbot/rumours/gazetteer"
	"transferbot/rumours/gazetteer/internal/datafile"
)

// matchOneWordNames pairs players of the transfers list listed under one
// word ("Arthur", "Wesley", "Samir": many Brazilian and Spanish players go
// by a first name or a nickname) whom no other rule matched with the
// Transfermarkt player whose fuller name has that word ("Arthur Melo",
// "Wesley Moraes", "Samir Caetano"); otherwise one person would be two
// players, and "Arthur Melo" would find none of the moves filed under
// "Arthur". The player of the export must be
//
//   - the only one born the same year whose name has the word (among
//     several, the only one who also plays the list player's position:
//     "Igor" the centre-back is Igor Julio, not the goalkeeper Igor Vekic),
//     and not matched already;
//   - at clubs that do not contradict the list's moves: a club in common,
//     or first seen by the exports no earlier than the list's last move (a
//     namesake seen at a club while the list moved its man elsewhere is
//     someone else);
//   - claimed by one such list player only.
//
// list holds the candidates (players of the list no rule has matched; the
// others are skipped), moves returns a candidate's known moves, matched
// whether a player of the export is taken. Every pairing and every
// lookalike turned down is noted.
func (g *generator) matchOneWordNames(list []*built, tms []*tmPlayer, matched func(*tmPlayer) bool, moves func(*built) []datafile.Move, clubs map[string]*tmClub) map[*tmPlayer]*built {
	key := func(word string, born int) string { return word + "\x00" + strconv.Itoa(born) }
	want := map[string]bool{}
	for _, b := range list {
		if w := oneWord(b.Name); w != "" && b.Born != 0 {
			want[key(w, b.Born)] = true
		}
	}
	byKey := map[string][]*tmPlayer{}
	for _, p := range tms {
		words := strings.Fields(gazetteer.Fold(p.name))
		if len(words) < 2 || p.born == 0 {
			continue
		}
		seen := map[string]bool{}
		for _, w := range words {
			if k := key(w, p.born); want[k] && !seen[k] {
				seen[k] = true
				byKey[k] = append(byKey[k], p)
			}
		}
	}
	claims := map[*tmPlayer][]*built{}
	var order []*tmPlayer
	for _, b := range list {
		w := oneWord(b.Name)
		if w == "" || b.Born == 0 {
			continue
		}
		found := byKey[key(w, b.Born)]
		if len(found) > 1 {
			var same []*tmPlayer
			for _, p := range found {
				if p.position != "" && p.position == b.Position {
					same = append(same, p)
				}
			}
			if len(same) != 1 {
				g.res.Notes = append(g.res.Notes, fmt.Sprintf("one-word name not matched, %d players of the export born %d have it: %q", len(found), b.Born, b.Name))
				continue
			}
			found = same
		}
		if len(found) == 0 || matched(found[0]) {
			continue
		}
		p := found[0]
		if !g.clubsAgree(moves(b), p, clubs) {
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("one-word name not matched, clubs disagree: %q, %q", b.Name, p.name))
			continue
		}
		if len(claims[p]) == 0 {
			order = append(order, p)
		}
		claims[p] = append(claims[p], b)
	}
	out := map[*tmPlayer]*built{}
	for _, p := range order {
		if bs := claims[p]; len(bs) > 1 {
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("one-word names not matched, %d claim %q", len(bs), p.name))
			continue
		}
		out[p] = claims[p][0]
		g.res.Notes = append(g.res.Notes, fmt.Sprintf("transfermarkt player matched by a word of his name, birth year and clubs: %q -> %q", p.name, claims[p][0].Name))
	}
	return out
}

// oneWord is the folded name of a player listed under one word, without
// its disambiguation ("Danilo (Centre-Back)" -> "danilo"); "" for a name of
// more words.
func oneWord(name string) string {
	f := strings.Fields(gazetteer.Fold(baseName(name)))
	if len(f) != 1 {
		return ""
	}
	return f[0]
}

// clubsAgree reports whether the clubs of p in the exports can be those of
// a player with the given moves: a club in common, or the exports see him
// first no earlier than the last of the moves. A player of the export with
// no known club gives nothing to check and does not agree.
func (g *generator) clubsAgree(moves []datafile.Move, p *tmPlayer, clubs map[string]*tmClub) bool {
	if g.sharesClub(moves, p, clubs) {
		return true
	}
	var first time.Time
	for _, o := range []struct {
		id             string
		season, export int
		at             time.Time
	}{{p.club24, p.season24, tmSeason24, tmDate24}, {p.club26, p.season26, tmSeason26, tmDate26}} {
		c := clubs[o.id]
		if o.id == "" || c == nil || c.gaz < 0 || o.season == 0 {
			continue
		}
		// As tmMoves dates what the exports saw: on the export's day in
		// its own season, else in the middle of his last season.
		at := ymd(o.season+1, time.January, 1)
		if o.season >= o.export {
			at = o.at
		}
		if first.IsZero() || at.Before(first) {
			first = at
		}
	}
	if first.IsZero() {
		return false
	}
	for _, m := range moves {
		if m.Date.After(first) {
			return false
		}
	}
	return true
}
