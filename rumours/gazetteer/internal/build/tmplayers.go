package build

// Merging the players of the Transfermarkt exports with those of the
// transfers list and the hand-written file, and inferring their clubs over
// time from the exports' club snapshots.

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours/gazetteer"
	"transferbot/rumours/gazetteer/internal/datafile"
)

// The Transfermarkt exports: when they were taken and the season running
// then (a player whose last season is that one was at his club on the day).
var (
	tmDate24 = ymd(2024, time.April, 16)
	tmDate26 = ymd(2026, time.June, 13)
)

const (
	tmSeason24 = 2023
	tmSeason26 = 2025

	// MinLastSeason leaves out the players of the 2026 export who last
	// played in a covered league before the 2014/15 season: retired or
	// gone abroad before the period the news of interest covers
	// (articles from 2015 on), they would only add namesakes. Measured on
	// the evaluation sets: from 2012/13 (the export's first season) the
	// scores are the same with 830 players more; from 2018/19 the web set
	// loses three primary links.
	MinLastSeason = 2014

	// MinorValue is the peak market value (euros) under which a player
	// known only from the Transfermarkt export is flagged minor: found by
	// his full name, but not by his surname alone or a one-word name. Bare
	// surnames and one-word names of the thousands of squad players of
	// 32 leagues are mostly common words and names ("Castro", "King",
	// "Pedro"); the press uses them alone only for players it writes about
	// often, who are worth more.
	MinorValue = 2_000_000

	// MinorCaps stands in for the market value the export lacks for most
	// players of the leagues it covers only lately (Brazil, Argentina,
	// MLS, Japan, Saudi Arabia, ...: 15,000 of the 28,000 players of
	// 2023/24 on): a player without a value who has this many caps is
	// taken to be worth MinorValue. Of the players with a value and as
	// many caps, 77% are worth that much ("Endrick", 17 caps, has no
	// value).
	MinorCaps = 10

	// MinorLastSeason leaves out the players who would be minor and whose
	// last season in a covered league is older: squad players who have
	// since retired or gone to smaller leagues, the least likely to be in
	// the news, are 12,500 of the 44,000 players from MinLastSeason on and
	// would cost about 5 MB of the running bot's heap. Leaving them out
	// changes neither evaluation set's scores.
	MinorLastSeason = 2023
)

// RetiredBefore: a player new from the export whose last season is older
// and whose name is a coach's in the people table is the coach, and is not
// added as a player ("Rúben Amorim", "Enzo Maresca").
const RetiredBefore = 2024

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// mergeTM merges the Transfermarkt players into the players of the
// transfers list (same folded name, birth years at most a year apart, or
// failing that the same surname, birth year and a club in common) and into
// the hand-written players (by name or alias and birth year), adds the
// others whose last season is MinLastSeason or later (MinorLastSeason for
// players who would be minor; but not former players now coaching, see
// RetiredBefore), names the newcomers
// (namesakes apart), adds their aliases and infers every matched or new
// player's moves from his clubs in the exports.
func (g *generator) mergeTM(out []*built, tms []*tmPlayer, clubs map[string]*tmClub, people []datafile.Person) []*built {
	coaches := map[string]bool{}
	for _, p := range people {
		coaches[gazetteer.Fold(p.Name)] = true
	}
	hand := map[string]*datafile.Player{}
	handMoves := map[string][]datafile.Move{}
	for i := range g.hand.players {
		h := &g.hand.players[i]
		if hand[h.Name] == nil {
			hand[h.Name] = h
		}
		handMoves[h.Name] = append(handMoves[h.Name], h.Moves...)
	}
	// Candidates: the list's players, then hand-written players the list
	// lacks, each under every name it goes by.
	type cand struct {
		b     *built
		hand  *datafile.Player
		born  int
		pos   string
		order int
		taken bool
	}
	var cands []*cand
	byKey := map[string][]*cand{}
	addKey := func(c *cand, names ...string) {
		for _, n := range names {
			if k := gazetteer.Fold(baseName(n)); k != "" {
				if l := byKey[k]; len(l) == 0 || l[len(l)-1] != c {
					byKey[k] = append(l, c)
				}
			}
		}
	}
	inList := map[string]bool{}
	for _, b := range out {
		c := &cand{b: b, born: b.Born, pos: b.Position, order: len(cands)}
		cands = append(cands, c)
		inList[b.Name] = true
		addKey(c, b.csvName, b.Name)
		addKey(c, b.Aliases...)
		if h := hand[b.Name]; h != nil {
			if h.Born != 0 {
				c.born = h.Born
			}
			addKey(c, h.Aliases...)
		}
	}
	for i := range g.hand.players {
		h := &g.hand.players[i]
		if inList[h.Name] || hand[h.Name] != h {
			continue
		}
		c := &cand{hand: h, born: h.Born, pos: h.Position, order: len(cands)}
		cands = append(cands, c)
		addKey(c, h.Name)
		addKey(c, h.Aliases...)
	}
	// Pair players and candidates, closest birth years first.
	type pair struct {
		p    *tmPlayer
		c    *cand
		diff int
		pos  bool
	}
	var pairs []pair
	for _, p := range tms {
		if p.born == 0 {
			continue
		}
		for _, c := range byKey[gazetteer.Fold(p.name)] {
			if d := abs(p.born - c.born); d <= 1 {
				pairs = append(pairs, pair{p, c, d, p.position == c.pos})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.diff != b.diff {
			return a.diff < b.diff
		}
		if a.pos != b.pos {
			return a.pos
		}
		if a.p.id != b.p.id {
			return a.p.id < b.p.id
		}
		return a.c.order < b.c.order
	})
	matched := map[*tmPlayer]*cand{}
	for _, pr := range pairs {
		if matched[pr.p] == nil && !pr.c.taken {
			matched[pr.p], pr.c.taken = pr.c, true
		}
	}
	// Second chance for players of the list spelt differently ("André
	// Zambo Anguissa", "André-Frank Zambo Anguissa"): the same surname and
	// birth year and a club of the export among the clubs of his moves.
	bySurname := map[string][]*cand{}
	for _, c := range cands {
		if c.b != nil && !c.taken {
			k := lastWord(c.b.Name)
			bySurname[k] = append(bySurname[k], c)
		}
	}
	for _, p := range tms {
		if matched[p] != nil || p.born == 0 {
			continue
		}
		var found *cand
		n := 0
		for _, c := range bySurname[lastWord(p.name)] {
			if !c.taken && c.born == p.born && g.sharesClub(c.b.Moves, p, clubs) {
				found, n = c, n+1
			}
		}
		if n == 1 {
			matched[p], found.taken = found, true
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("transfermarkt player matched by surname, birth year and club: %q -> %q", p.name, found.b.Name))
		}
	}
	// Third chance for players of the list named by more or fewer words
	// of the export's name ("Arthur" for "Arthur Melo", "Mateu Morey
	// Bauzà" for "Mateu Morey"), see matchNameParts.
	var rest []*built
	candOf := map[*built]*cand{}
	for _, c := range cands {
		if c.b != nil && !c.taken {
			rest = append(rest, c.b)
			candOf[c.b] = c
		}
	}
	known := func(b *built) []datafile.Move {
		return append(append([]datafile.Move(nil), b.Moves...), handMoves[b.Name]...)
	}
	taken := func(p *tmPlayer) bool { return matched[p] != nil }
	for p, b := range g.matchNameParts(rest, tms, taken, known, clubs) {
		c := candOf[b]
		matched[p], c.taken = c, true
		g.res.Stats.NamePartMerges++
	}
	// Apply the matches; keep the others of recent seasons.
	var fromHand, newcomers []*built
	for _, p := range tms {
		c := matched[p]
		switch {
		case c != nil && c.b != nil:
			b := c.b
			b.tm = p
			b.Nationality = countryName(p.citizenship)
			if !strings.Contains(b.Name, "(born ") && p.born != 0 {
				b.Born = p.born // the list's year is an estimate from ages
			}
			if b.Position == "" {
				b.Position = p.position
			}
		case c != nil:
			b := &built{tm: p}
			b.Name, b.Born, b.Position, b.Nationality = c.hand.Name, p.born, p.position, countryName(p.citizenship)
			fromHand = append(fromHand, b)
		case p.season26 >= MinLastSeason && p.season26 < RetiredBefore && coaches[gazetteer.Fold(p.name)]:
			// A former player the press now writes about as a coach.
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("transfermarkt player left out, now a coach: %q (last season %d)", p.name, p.season26))
		case p.season26 >= MinLastSeason && (worth(p) >= MinorValue || p.season26 >= MinorLastSeason):
			b := &built{tm: p}
			b.Name, b.Born, b.Position, b.Nationality = pressName(p), p.born, p.position, countryName(p.citizenship)
			b.Minor = worth(p) < MinorValue
			newcomers = append(newcomers, b)
		}
	}
	out = append(out, fromHand...)
	existing := len(out)
	out = append(out, newcomers...)
	for _, p := range tms {
		p.covered = clubs[p.club26] != nil
	}
	// The clubs of each export's own season: a player whose last season is
	// older is no longer at his club if it is one of them.
	covered := [2]map[string]bool{{}, {}}
	for _, p := range tms {
		if p.season24 == tmSeason24 {
			covered[0][p.club24] = true
		}
		if p.season26 == tmSeason26 {
			covered[1][p.club26] = true
		}
	}
	g.nameNewcomers(out, existing)
	g.flagOutshone(out, hand)
	for _, b := range out {
		if b.tm == nil {
			continue
		}
		b.Aliases = appendAliases(b.Aliases, b.Name, tmAliases(b.tm)...)
		g.tmMoves(b, handMoves[b.Name], clubs, covered)
	}
	return out
}

// nameNewcomers gives the players out[existing:], new from the
// Transfermarkt export, unique names: among players sharing a folded name,
// the one worth most (then at a club of the covered leagues, then with the
// most caps) keeps the bare name unless a player of the list or of
// the hand-written file has it; the others carry their position, birth
// year, both, or date of birth in parentheses, as the list's namesakes do,
// and are minor if the name is one word.
func (g *generator) nameNewcomers(out []*built, existing int) {
	names := map[string]bool{}
	bare := map[string]bool{}
	group := map[string][]*built{}
	for _, b := range out[:existing] {
		names[b.Name] = true
		bare[gazetteer.Fold(b.Name)] = true
		k := gazetteer.Fold(baseName(b.Name))
		group[k] = append(group[k], b)
	}
	for _, h := range g.hand.players {
		names[h.Name] = true
		bare[gazetteer.Fold(h.Name)] = true
	}
	var keys []string
	news := map[string][]*built{}
	for _, b := range out[existing:] {
		k := gazetteer.Fold(b.Name)
		if len(news[k]) == 0 {
			keys = append(keys, k)
		}
		news[k] = append(news[k], b)
		group[k] = append(group[k], b)
	}
	for _, k := range keys {
		nb := news[k]
		sort.SliceStable(nb, func(i, j int) bool {
			a, b := nb[i].tm, nb[j].tm
			switch {
			case worth(a) != worth(b):
				return worth(a) > worth(b)
			case a.covered != b.covered:
				return a.covered // at a club of the covered leagues
			case a.caps != b.caps:
				return a.caps > b.caps
			case a.season26 != b.season26:
				return a.season26 > b.season26
			}
			return a.id < b.id
		})
		positions, births := map[string]int{}, map[int]int{}
		for _, b := range group[k] {
			positions[b.Position]++
			births[b.Born]++
		}
		for i, b := range nb {
			if i == 0 && !bare[k] && !names[b.Name] {
				names[b.Name] = true
				continue
			}
			base := b.Name
			var tries []string
			if b.Position != "" && positions[b.Position] == 1 {
				tries = append(tries, fmt.Sprintf("%s (%s)", base, b.Position))
			}
			if b.Born != 0 && births[b.Born] == 1 {
				tries = append(tries, fmt.Sprintf("%s (born %d)", base, b.Born))
			}
			if b.Position != "" && b.Born != 0 {
				tries = append(tries, fmt.Sprintf("%s (%s, born %d)", base, b.Position, b.Born))
			}
			if b.tm.dob != "" {
				tries = append(tries, fmt.Sprintf("%s (born %s)", base, b.tm.dob))
			}
			tries = append(tries, fmt.Sprintf("%s (Transfermarkt %s)", base, b.tm.id))
			for _, t := range tries {
				if !names[t] {
					b.Name = t
					break
				}
			}
			names[b.Name] = true
			if !strings.Contains(base, " ") {
				// A one-word name means the player who has it bare:
				// "Neymar" must not find the other Neymars.
				b.Minor = true
			}
			g.res.Stats.Namesakes++
		}
	}
}

// worth is a player's peak market value, or MinorValue for one without a
// value who has MinorCaps caps or more (see MinorCaps), else 0.
func worth(p *tmPlayer) int64 {
	if p.value == 0 && p.caps >= MinorCaps {
		return MinorValue
	}
	return p.value
}

// pressName is the name under which a player new from the export is
// listed: his Transfermarkt name, except that a South Korean's family name
// comes first, as the English press writes it ("Kim Min-jae" for
// Transfermarkt's "Min-jae Kim").
func pressName(p *tmPlayer) string {
	words := strings.Fields(p.name)
	if p.citizenship == "Korea, South" && len(words) == 2 && strings.Contains(words[0], "-") {
		return words[1] + " " + words[0]
	}
	return p.name
}

// Outshone is how many times as much as every other player sharing his
// surname the press's player of that surname is worth: the others are
// flagged minor, so that "Mbappé" alone means Kylian, not his brother
// Ethan, and "Kane" Harry, not Todd.
const Outshone = 10

// flagOutshone flags minor the players outshone by a namesake: among the
// players not yet minor who share a surname (the last word of the name),
// if the one worth most is worth Outshone times as much as the next, the
// others. Players without a Transfermarkt record count as worth most if
// hand-written (they are there because the press writes about them), else
// as worth nothing.
func (g *generator) flagOutshone(out []*built, hand map[string]*datafile.Player) {
	const handValue = int64(1) << 62
	value := func(b *built) int64 {
		switch {
		case b.tm != nil:
			return worth(b.tm)
		case hand[b.Name] != nil:
			return handValue
		}
		return 0
	}
	bySurname := map[string][]*built{}
	var keys []string
	for _, b := range out {
		if b.Minor {
			continue
		}
		k := surnameKey(b.Name)
		if len(bySurname[k]) == 0 {
			keys = append(keys, k)
		}
		bySurname[k] = append(bySurname[k], b)
	}
	for _, k := range keys {
		bs := bySurname[k]
		if len(bs) < 2 {
			continue
		}
		sort.SliceStable(bs, func(i, j int) bool { return value(bs[i]) > value(bs[j]) })
		if top, next := value(bs[0]), value(bs[1]); top == 0 || top/Outshone < next {
			continue
		}
		for _, b := range bs[1:] {
			b.Minor = true
			g.res.Notes = append(g.res.Notes, fmt.Sprintf("outshone by %q: %q", bs[0].Name, b.Name))
		}
	}
}

// surnameKey is the folded last word of a name, without its
// disambiguation or a generational suffix ("Vinícius Júnior" -> "vinicius"),
// or the first of two if the second is a Korean given name ("Kim Min-jae").
func surnameKey(name string) string {
	if w := strings.Fields(baseName(name)); len(w) == 2 && strings.Contains(w[1], "-") {
		if r, _ := utf8.DecodeRuneInString(w[1][strings.Index(w[1], "-")+1:]); unicode.IsLower(r) {
			return gazetteer.Fold(w[0])
		}
	}
	f := strings.Fields(gazetteer.Fold(baseName(name)))
	if n := len(f); n > 1 && (f[n-1] == "jr" || f[n-1] == "junior" || f[n-1] == "sr") {
		f = f[:n-1]
	}
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// tmAliases returns the names of a player of the export the gazetteer
// should know besides his own: the Transfermarkt name, and "Vinicius Jr"
// for "Vinicius Junior".
func tmAliases(p *tmPlayer) []string {
	out := []string{p.name}
	words := strings.Fields(p.name)
	if n := len(words); n >= 2 && gazetteer.Fold(words[n-1]) == "junior" {
		out = append(out, strings.Join(words[:n-1], " ")+" Jr")
	}
	return out
}

// appendAliases adds the aliases that fold differently from name (with or
// without its disambiguation) and from those already there.
func appendAliases(list []string, name string, add ...string) []string {
	seen := map[string]bool{gazetteer.Fold(name): true, gazetteer.Fold(baseName(name)): true}
	for _, a := range list {
		seen[gazetteer.Fold(a)] = true
	}
	for _, a := range add {
		if k := gazetteer.Fold(a); k != "" && !seen[k] {
			seen[k] = true
			list = append(list, a)
		}
	}
	return list
}

// sharesClub reports whether the club of p in either export is a club of
// the moves.
func (g *generator) sharesClub(moves []datafile.Move, p *tmPlayer, clubs map[string]*tmClub) bool {
	for _, id := range []string{p.club24, p.club26} {
		c := clubs[id]
		if c == nil || c.gaz < 0 {
			continue
		}
		name := g.clubs[c.gaz].name
		for _, m := range moves {
			if m.From == name || m.To == name {
				return true
			}
		}
	}
	return false
}

// observation: the player was at club at the time at, in the season
// starting in season; if leftBy is set, he had left it by then (an export
// in which the club plays but he no longer does).
type observation struct {
	club   string
	at     time.Time
	season int
	leftBy time.Time
}

// tmMoves adds to b the moves his clubs in the exports imply: a player at
// club X in an export who was last known elsewhere moved to X between the
// two. Known moves (the transfers list's, the hand-written ones) come
// first: an export older than the latest of them is ignored. The move is
// dated the day after the last transfer window in which it can have
// happened closed, and the day after the first such window closed is kept
// as its earliest date. Like the list's moves dated at the close of their
// window, this keeps the player at his old club while a move is being
// reported, which the rumours about it need: on the web evaluation set's
// labelled "from" clubs of 2023-2025 rumours, ClubAt gets 195 of 233 right
// so, against 123 when such moves are dated at their earliest.
//
// A player whose last season in an export is older than the export's own,
// at a club that still plays in a covered league then, had left that club
// by the start of the season after his last: that bounds the move away,
// and if no later club is known he is taken to have left for an unknown
// one then. A player with no known move is taken to be at his first club
// from the start of the season he is seen there.
func (g *generator) tmMoves(b *built, hand []datafile.Move, clubs map[string]*tmClub, covered [2]map[string]bool) {
	p := b.tm
	var obs []observation
	add := func(id string, season int, export time.Time, exportSeason int, covered map[string]bool) {
		c := clubs[id]
		if c == nil || c.gaz < 0 || season == 0 {
			return
		}
		o := observation{club: g.clubs[c.gaz].name, season: season, at: ymd(season+1, time.January, 1)}
		switch {
		case season >= exportSeason:
			o.at = export
		case covered[id]:
			o.leftBy = windowEnd(season+1, false)
		}
		if n := len(obs); n > 0 && obs[n-1].club == o.club && obs[n-1].season == o.season {
			obs[n-1].leftBy = later(obs[n-1].leftBy, o.leftBy)
			return
		}
		obs = append(obs, o)
	}
	if p.club24 != "" {
		add(p.club24, p.season24, tmDate24, tmSeason24, covered[0])
	}
	add(p.club26, p.season26, tmDate26, tmSeason26, covered[1])
	sort.SliceStable(obs, func(i, j int) bool { return obs[i].at.Before(obs[j].at) })

	chain := append(append([]datafile.Move(nil), b.Moves...), hand...)
	sortMoves(chain)
	seen := map[string]time.Time{}   // the latest time each club is known to have held him
	leftBy := map[string]time.Time{} // the time he is known to have left a club by
	// move adds the move from the club he is at to club, no later than by.
	move := func(to string, by time.Time) {
		cur := clubAt(chain, by)
		last := chain[len(chain)-1]
		ev := later(last.Date, seen[cur])
		if last.Kind == datafile.KindLoan && cur == last.From {
			ev = later(ev, loanEnd(last.Date)) // back from a loan that ran out
		}
		ev = later(ev, g.bigFiveUntil(cur, last.Date))
		if l := leftBy[cur]; !l.IsZero() && l.Before(by) {
			by = l
		}
		m := datafile.Move{From: cur, To: to, Kind: datafile.KindTransfer}
		first, lastW := windowsBetween(ev, by)
		switch {
		case first.IsZero():
			m.Date = by // no window in between: a free agent signing
		case first.Equal(lastW):
			m.Date = first
		default:
			m.Date, m.Earliest = lastW, first
		}
		b.Moves = append(b.Moves, m)
		chain = append(chain, m)
		sortMoves(chain)
	}
	for _, o := range obs {
		if n := len(chain); n > 0 && chain[n-1].Date.After(o.at) {
			continue // the list or the hand-written moves know better
		}
		switch {
		case len(chain) == 0:
			m := datafile.Move{Date: windowEnd(o.season, false), To: o.club, Kind: datafile.KindTransfer}
			b.Moves = append(b.Moves, m)
			chain = append(chain, m)
		case clubAt(chain, o.at) != o.club:
			move(o.club, o.at)
		}
		seen[o.club] = later(seen[o.club], o.at)
		if !o.leftBy.IsZero() {
			leftBy[o.club] = o.leftBy
		}
	}
	// Gone from the covered leagues: he left his last club for one unknown.
	if n := len(obs); n > 0 && !obs[n-1].leftBy.IsZero() {
		o := obs[n-1]
		if last := chain[len(chain)-1]; !last.Date.After(o.leftBy) && clubAt(chain, o.leftBy) == o.club {
			move("", o.leftBy)
		}
	}
}

// bigFiveUntil returns the end of the last season of the transfers list in
// which club, joined by the player at since, played in a big league in
// every season from then on: the list has every move out of such a club,
// so a player it does not move stayed until then. Zero if none.
func (g *generator) bigFiveUntil(club string, since time.Time) time.Time {
	i, _, ok := g.lookup(club, false)
	if club == "" || !ok {
		return time.Time{}
	}
	y := since.Year()
	if since.Month() < time.July {
		y--
	}
	y = max(y, 2019)
	var until time.Time
	for ; g.bigFive[i][y]; y++ {
		until = ymd(y+1, time.June, 30)
	}
	return until
}

// windowsBetween returns the closing dates (the day after) of the first and
// the last transfer window that closed after from and no later than to;
// zero if none did.
func windowsBetween(from, to time.Time) (first, last time.Time) {
	for y := from.Year() - 1; y <= to.Year(); y++ {
		for _, winter := range []bool{false, true} {
			d := windowEnd(y, winter)
			if d.After(from) && !d.After(to) {
				if first.IsZero() {
					first = d
				}
				last = d
			}
		}
	}
	return first, last
}

// clubAt is the gazetteer's ClubAt over moves sorted by date.
func clubAt(moves []datafile.Move, t time.Time) string {
	p := gazetteer.Player{Moves: make([]gazetteer.Move, len(moves))}
	for i, m := range moves {
		p.Moves[i] = gazetteer.Move{Date: m.Date, From: m.From, To: m.To,
			Loan: m.Kind == datafile.KindLoan, EndOfLoan: m.Kind == datafile.KindEndOfLoan}
	}
	g := gazetteer.Gazetteer{Players: []gazetteer.Player{p}}
	return g.ClubAt(0, t)
}

// loanEnd is the gazetteer's end of a loan that started on d: 30 June of
// the season it started in.
func loanEnd(d time.Time) time.Time {
	y := d.Year()
	if d.Month() >= time.July {
		y++
	}
	return ymd(y, time.June, 30)
}

func sortMoves(ms []datafile.Move) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Date.Before(ms[j].Date) })
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// baseName drops a trailing parenthesised disambiguation: "Luis Suárez
// (born 1998)" -> "Luis Suárez".
func baseName(name string) string {
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		return name[:i]
	}
	return name
}

// lastWord is the folded last word of a name, without its disambiguation.
func lastWord(name string) string {
	f := strings.Fields(gazetteer.Fold(baseName(name)))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
