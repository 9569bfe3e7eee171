package build

// Players the transfers list and the Transfermarkt exports name by more or
// fewer words of one name.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"transferbot/rumours/gazetteer"
	"transferbot/rumours/gazetteer/internal/datafile"
)

// matchNameParts pairs players of the transfers list whom no other rule
// matched with the Transfermarkt player named by more or fewer words of
// the same name: the list's one word for a fuller name ("Arthur" for
// "Arthur Melo", "Wesley" for "Wesley Moraes": many Brazilian and Spanish
// players go by a first name or a nickname), or a second surname or given
// name one of them leaves out ("Mateu Morey Bauzà" for "Mateu Morey",
// "Hamed Junior Traorè" for "Hamed Traoré", "Jan-Niklas Beste" for "Niklas
// Beste"). Otherwise one person would be two players, and "Arthur Melo"
// would find none of the moves filed under "Arthur". The words of the
// shorter name must be words of the longer one, in the same order, and
// the shorter must not be a one-word name of the export (its namesakes
// would take the bare name, see nameNewcomers). The player of the export
// must be
//
//   - the only one born the same year whose name is so related (among
//     several, the only one who also plays the list player's position:
//     "Igor" the centre-back is Igor Julio, not the goalkeeper Igor Vekic),
//     and not matched already;
//   - at clubs that do not contradict the list's moves: a club in common,
//     or first seen by the exports no earlier than the list's last move (a
//     namesake seen at a club while the list moved its man elsewhere is
//     someone else);
//   - claimed by one such list player only.
//
// list holds the candidates (players of the list no rule has matched),
// moves returns a candidate's known moves, matched whether a player of the
// export is taken. Every pairing and every lookalike turned down is noted.
func (g *generator) matchNameParts(list []*built, tms []*tmPlayer, matched func(*tmPlayer) bool, moves func(*built) []datafile.Move, clubs map[string]*tmClub) map[*tmPlayer]*built {
	key := func(word string, born int) string { return word + "\x00" + strconv.Itoa(born) }
	want := map[string]bool{}
	for _, b := range list {
		if b.Born == 0 {
			continue
		}
		for _, w := range nameWords(b.Name) {
			want[key(w, b.Born)] = true
		}
	}
	// The players of the export by each word of their name wanted.
	byKey := map[string][]*tmPlayer{}
	for _, p := range tms {
		if p.born == 0 {
			continue
		}
		seen := map[string]bool{}
		for _, w := range nameWords(p.name) {
			if k := key(w, p.born); want[k] && !seen[k] {
				seen[k] = true
				byKey[k] = append(byKey[k], p)
			}
		}
	}
	claims := map[*tmPlayer][]*built{}
	var order []*tmPlayer
	for _, b := range list {
		if b.Born == 0 {
			continue
		}
		words := nameWords(b.Name)
		var found []*tmPlayer
		seen := map[*tmPlayer]bool{}
		for _, w := range words {
			for _, p := range byKey[key(w, b.Born)] {
				if seen[p] {
					continue
				}
				seen[p] = true
				tw := nameWords(p.name)
				if len(tw) < len(words) && len(tw) >= 2 && subsequence(tw, words) ||
					len(words) < len(tw) && subsequence(words, tw) {
					found = append(found, p)
				}
			}
		}
		if len(found) > 1 {
			var same []*tmPlayer
			for _, p := range found {
				if p.position != "" && p.position == b.Position {
					same = append(same, p)
				}
			}
			if len(same) != 1 {
				g.res.Notes = append(g.res.Notes, fmt.Sprintf("name part not matched, %d players of the export born %d share it: %q", len(found), b.Born, b.Name))
				continue
			}
			found = same
		}
		if len(found) == 0 || matched(found[0]) {
			continue
		}
		p := found[0]
		if !g.clubsAgree(moves(b), p, clubs) {
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("name part not matched, clubs disagree: %q, %q", b.Name, p.name))
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
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("name part not matched, %d players of the list claim %q", len(bs), p.name))
			continue
		}
		out[p] = claims[p][0]
		g.res.Notes = append(g.res.Notes, fmt.Sprintf("transfermarkt player matched by part of his name, birth year and clubs: %q -> %q", p.name, claims[p][0].Name))
	}
	return out
}

// nameWords is the folded words of a name, without its disambiguation
// ("Danilo (Centre-Back)" -> "danilo", "Jan-Niklas Beste" -> "jan",
// "niklas", "beste").
func nameWords(name string) []string {
	return strings.Fields(gazetteer.Fold(baseName(name)))
}

// subsequence reports whether the words of short are words of long, in the
// same order.
func subsequence(short, long []string) bool {
	i := 0
	for _, w := range long {
		if i < len(short) && short[i] == w {
			i++
		}
	}
	return i == len(short)
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
