package build

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"transferbot/rumours/gazetteer"
	"transferbot/rumours/gazetteer/internal/datafile"
)

// buildPlayers turns the records into players: one per name, or one per
// person when several players share a name, with moves deduplicated (most
// moves are listed once by each league involved) and put in career order.
// Players of players_extra.tsv that match a record's name or alias take the
// record's player over under their own name ("Chicharito" becomes "Javier
// Hernández").
func (g *generator) buildPlayers(recs []rec) []*built {
	byName := map[string][]rec{}
	var names []string
	for _, x := range recs {
		if _, ok := byName[x.player]; !ok {
			names = append(names, x.player)
		}
		byName[x.player] = append(byName[x.player], x)
	}
	sort.Strings(names)
	var out []*built
	renames := csvPlayerNames()
	for _, name := range names {
		clusters := g.splitByClub(name, splitNamesakes(name, byName[name]))
		prim := primaryCluster(name, clusters)
		positions, births := map[string]int{}, map[int]int{}
		var ps []*built
		for ci, cl := range clusters {
			p := &built{csvName: name, primary: ci == prim}
			p.Name = name
			p.Born = birthYear(cl)
			p.Position = cl[0].position
			p.Moves = g.orderMoves(name, cl)
			positions[p.Position]++
			births[p.Born]++
			ps = append(ps, p)
		}
		for _, p := range ps {
			if n, ok := renames[name+"|"+p.Position]; ok {
				p.Name, p.primary = n, false
				p.Aliases = append(p.Aliases, name)
				g.res.Notes = append(g.res.Notes, fmt.Sprintf("player renamed for a famous namesake: %q", p.Name))
			} else if !p.primary {
				// Tell namesakes apart by position, else by birth year.
				switch {
				case positions[p.Position] == 1:
					p.Name = fmt.Sprintf("%s (%s)", name, p.Position)
				case births[p.Born] == 1:
					p.Name = fmt.Sprintf("%s (born %d)", name, p.Born)
				default:
					p.Name = fmt.Sprintf("%s (%s, born %d)", name, p.Position, p.Born)
				}
				g.res.Stats.Namesakes++
				g.res.Notes = append(g.res.Notes, fmt.Sprintf("namesake split off: %q (%d moves)", p.Name, len(p.Moves)))
			}
			out = append(out, p)
		}
	}
	// Renames from players_extra.tsv.
	for _, hp := range g.hand.players {
		for _, p := range out {
			if !p.primary || p.Name != p.csvName {
				continue
			}
			match := p.csvName == hp.Name || gazetteer.Fold(p.csvName) == gazetteer.Fold(hp.Name)
			for _, a := range hp.Aliases {
				match = match || a == p.csvName
			}
			if match && p.Name != hp.Name {
				g.res.Notes = append(g.res.Notes, fmt.Sprintf("player renamed by %s: %q -> %q", gazetteer.PlayersExtraFile, p.csvName, hp.Name))
				p.Name = hp.Name
				p.Aliases = append(p.Aliases, p.csvName)
			}
		}
	}
	return out
}

// built is a player being generated.
type built struct {
	datafile.Player
	csvName string    // his name in the transfers list, "" if not in it
	primary bool      // he has the bare name among namesakes of the list
	tm      *tmPlayer // his Transfermarkt record, if matched
}

// splitNamesakes splits the records of one name into people: by position
// (Transfermarkt gives each player one), then where the birth years the ages
// imply jump by two or more.
func splitNamesakes(name string, recs []rec) [][]rec {
	if noSplit()[name] {
		return [][]rec{recs}
	}
	byPos := map[string][]rec{}
	var positions []string
	for _, x := range recs {
		if _, ok := byPos[x.position]; !ok {
			positions = append(positions, x.position)
		}
		byPos[x.position] = append(byPos[x.position], x)
	}
	sort.Strings(positions)
	var out [][]rec
	for _, pos := range positions {
		rs := append([]rec(nil), byPos[pos]...)
		est := func(x rec) int { return x.date.Year() - x.age }
		sort.SliceStable(rs, func(i, j int) bool { return est(rs[i]) < est(rs[j]) })
		start := 0
		for i := 1; i <= len(rs); i++ {
			if i == len(rs) || est(rs[i])-est(rs[i-1]) >= 2 {
				cl := append([]rec(nil), rs[start:i]...)
				sort.SliceStable(cl, func(a, b int) bool { return cl[a].line < cl[b].line })
				out = append(out, cl)
				start = i
			}
		}
	}
	return out
}

// splitByClub applies clubSplits to the clusters of one name.
func (g *generator) splitByClub(name string, clusters [][]rec) [][]rec {
	splits := clubSplits()
	var out [][]rec
	for _, cl := range clusters {
		clubs, ok := splits[name+"|"+cl[0].position]
		if !ok {
			out = append(out, cl)
			continue
		}
		var in, rest []rec
		for _, x := range cl {
			touches := false
			for _, i := range []int{x.from, x.to} {
				touches = touches || (i >= 0 && slices.Contains(clubs, g.clubs[i].name))
			}
			if touches {
				in = append(in, x)
			} else {
				rest = append(rest, x)
			}
		}
		for _, part := range [][]rec{rest, in} {
			if len(part) > 0 {
				out = append(out, part)
			}
		}
	}
	return out
}

// primaryCluster picks the player the bare name means: the one named in
// primaryNamesakes, else the one with the biggest fee, then the most records.
func primaryCluster(name string, clusters [][]rec) int {
	if len(clusters) == 1 {
		return 0
	}
	if pos, ok := primaryNamesakes()[name]; ok {
		for i, cl := range clusters {
			if cl[0].position == pos {
				return i
			}
		}
	}
	best, bestFee := 0, -1.0
	for i, cl := range clusters {
		fee := 0.0
		for _, x := range cl {
			fee = max(fee, x.fee)
		}
		if fee > bestFee || (fee == bestFee && len(cl) > len(clusters[best])) {
			best, bestFee = i, fee
		}
	}
	return best
}

// birthYear estimates the birth year from the ages at the move dates: each
// record puts the birthday within a year, and the estimate is taken 60% of
// the way through what all records allow (footballers are more often born
// early in the year), or the median of the records when they disagree.
func birthYear(recs []rec) int {
	at := func(l, h time.Time) time.Time { return l.Add(h.Sub(l) * 3 / 5) }
	var lo, hi time.Time
	var mids []time.Time
	for i, x := range recs {
		l := x.date.AddDate(-(x.age + 1), 0, 1)
		h := x.date.AddDate(-x.age, 0, 0)
		mids = append(mids, at(l, h))
		if i == 0 || l.After(lo) {
			lo = l
		}
		if i == 0 || h.Before(hi) {
			hi = h
		}
	}
	if !lo.After(hi) {
		return at(lo, hi).Year()
	}
	sort.Slice(mids, func(i, j int) bool { return mids[i].Before(mids[j]) })
	return mids[len(mids)/2].Year()
}

// orderMoves converts one player's records to moves: moves within a club
// (youth team to first team) are dropped, duplicates merged, and the rest
// sorted by date with same-day moves chained (a return from loan before the
// next move away). A return dated after the next move away, which the list's
// own dates sometimes imply, is moved before it.
func (g *generator) orderMoves(player string, recs []rec) []datafile.Move {
	name := func(i int) string {
		if i < 0 {
			return ""
		}
		return g.clubs[i].name
	}
	var ms []datafile.Move
	for _, x := range recs {
		if x.from == x.to {
			continue
		}
		m := datafile.Move{Date: x.date, From: name(x.from), To: name(x.to), Kind: x.kind}
		dup := false
		for _, o := range ms {
			if o == m {
				dup = true
				break
			}
		}
		if !dup {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Date.Before(ms[j].Date) })
	// Same-day moves: follow the chain of clubs.
	cur := ""
	for i := 0; i < len(ms); {
		j := i
		for j < len(ms) && ms[j].Date.Equal(ms[i].Date) {
			j++
		}
		rest := append([]datafile.Move(nil), ms[i:j]...)
		for k := i; k < j; k++ {
			pick := -1
			for n, m := range rest {
				if cur != "" && m.From == cur {
					pick = n
					break
				}
			}
			if pick < 0 {
				for n, m := range rest {
					if m.Kind == datafile.KindEndOfLoan {
						pick = n
						break
					}
				}
			}
			if pick < 0 {
				pick = 0
			}
			ms[k] = rest[pick]
			cur = rest[pick].To
			rest = append(rest[:pick], rest[pick+1:]...)
		}
		i = j
	}
	// A move that breaks the chain, followed shortly by the move that would
	// close the gap: put the latter first.
	for i := 1; i < len(ms); i++ {
		if ms[i].From == ms[i-1].To {
			continue
		}
		for j := i + 1; j < len(ms) && ms[j].Date.Sub(ms[i].Date) <= 92*24*time.Hour; j++ {
			if ms[j].From == ms[i-1].To && ms[j].To == ms[i].From {
				m := ms[j]
				g.res.Notes = append(g.res.Notes, fmt.Sprintf("move order repaired: %s: %s %s -> %s dated %s", player,
					m.Date.Format(datafile.DateLayout), orNone(m.From), orNone(m.To), ms[i].Date.Format(datafile.DateLayout)))
				m.Date = ms[i].Date
				copy(ms[i+1:j+1], ms[i:j])
				ms[i] = m
				break
			}
		}
	}
	for i := 1; i < len(ms); i++ {
		if ms[i].From != ms[i-1].To {
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("moves do not chain: %s: %s at %s, then %s -> %s", player,
				orNone(ms[i-1].To), ms[i-1].Date.Format(datafile.DateLayout), orNone(ms[i].From), orNone(ms[i].To)))
		}
	}
	return ms
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none)"
	}
	return s
}
