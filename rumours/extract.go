package rumours

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"transferbot/rumours/gazetteer"
)

// Extractor finds transfer links in articles. It is immutable after
// construction and safe for concurrent use.
//
// It works sentence by sentence: it finds clubs (with the gazetteer's
// aliases and press nicknames), players (known ones, then surnames and
// nicknames of players named earlier, then unknown names that the text
// presents as players), outlets cited as sources, and references such as
// "the midfielder" or "he". It then gives each club a role in its clause
// (destination, current or former club, opponent, someone's employer) and
// each destination the strongest stage its clause reports, and folds the
// mentions into one link per (player, destination).
type Extractor struct {
	g       *gazetteer.Gazetteer
	outlets *OutletIndex
	cues    map[string][]cue // first word -> cues, longest first
	// firstNames indexes players by first name, for roundup headings.
	firstNames map[string][]int
}

// NewExtractor returns an extractor that knows the clubs and players of g and
// the outlets of outlets.
func NewExtractor(g *gazetteer.Gazetteer, outlets *OutletIndex) *Extractor {
	x := &Extractor{g: g, outlets: outlets, cues: map[string][]cue{}, firstNames: map[string][]int{}}
	for i, p := range g.Players {
		if p.Minor {
			continue // known by his full name only
		}
		if f := strings.Fields(gazetteer.Fold(p.Name)); len(f) >= 2 {
			x.firstNames[f[0]] = append(x.firstNames[f[0]], i)
		}
	}
	for _, c := range stageCues {
		x.cues[c.words[0]] = append(x.cues[c.words[0]], c)
	}
	for _, l := range x.cues {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].words) > len(l[j].words) })
	}
	return x
}

type mkind int

const (
	mClub mkind = iota
	mPlayer
	mOutlet
	mPerson // a named person who is not a player
	mBlank  // a club name removed from the text ("linked with , United")
)

type mention struct {
	kind   mkind
	i, j   int    // token span
	name   string // canonical club, player, outlet or person
	cands  []int  // candidate clubs of an ambiguous alias
	ref    bool   // a reference ("he", "the midfielder") to a player
	placed bool   // an ambiguous city name used as a place ("in Miami")
}

type sent struct {
	sentence
	ments   []mention
	outlets []string
	idx     int
	year    int             // a year the sentence mentions before the article's, 0 if none
	cls     [][2]int        // its clauses, once computed
	facts   []clauseFactsAt // facts about its clauses, once computed
}

// pendingActor is a club whose pursuit names no player: "Barcelona are still
// trying to bring in a striker."
type pendingActor struct {
	club       string
	stage      Stage
	sent, para int
}

// evidence is one mention of a link in one clause.
type evidence struct {
	player, club string
	stage        Stage
	sent         int
	from         string
	explicit     bool // the club's role was explicit ("join X", "X are interested")
}

// Extract returns the links that a reports, one per (player, destination)
// pair, primary links first.
func (x *Extractor) Extract(a Article) []Link {
	st := &state{x: x, a: a, current: map[string]string{}, leftClub: map[string]string{}, persons: map[string]bool{}, register: map[string]string{}}
	st.run()
	return st.links()
}

// state is the working memory of one extraction.
type state struct {
	x        *Extractor
	a        Article
	sents    []*sent
	named    map[string]int    // unambiguous club mentions per club
	register map[string]string // folded surname/first name/full name -> player
	persons  map[string]bool   // folded names of non-players
	current  map[string]string // player -> current club stated by the text ("the Rennes midfielder")
	recent   []string          // players in order of their latest mention
	leftClub map[string]string // player -> a club the text has him leaving or talked with as seller
	// focusClub is the club the text is about: the latest club seen acting
	// as a destination or leading a sentence; focusPara is its paragraph.
	focusClub string
	focusPara int
	// mainClub is the first club seen acting as a destination.
	mainClub string
	// subject is the club leading the previous clause of the sentence.
	subject string
	// pending is a club pursuing a player the text has not named yet.
	pending pendingActor
	ev      []evidence
}

// run reads the article: sentences, then names, then relations.
func (st *state) run() {
	for i, s := range splitArticle(st.a.Title, st.a.Text) {
		st.sents = append(st.sents, &sent{sentence: s, idx: i})
	}
	st.named = map[string]int{}
	for _, s := range st.sents {
		st.findEntities(s)
	}
	for _, s := range st.sents {
		if s.header {
			st.findShortNames(s) // headings register "POGBA" before the headline uses it
		}
	}
	var recent []string
	for _, s := range st.sents {
		st.findShortNames(s)
		st.resolveClubs(s, recent)
		recent = st.clubRefs(s, recent)
		st.oldYear(s)
	}
	st.relate()
}

// links folds the mentions into one link per (player, destination): the
// strongest stage unless a denial or collapse is the latest news, the
// outlets of every sentence that mentions it, and its confidence.
func (st *state) links() []Link {
	type key struct{ p, c string }
	type agg struct {
		link      Link
		first     int
		pos       Stage
		neg       Stage
		negAt     int
		posAt     int
		sents     map[int]bool
		explicit  bool
		mentions  int
		oldDone   bool
		ownFrom   bool // a mention names where this move came from
		fromHints []string
	}
	byKey := map[key]*agg{}
	var order []key
	for _, e := range st.ev {
		k := key{e.player, e.club}
		a := byKey[k]
		if a == nil {
			a = &agg{link: Link{Player: e.player, To: e.club}, first: e.sent, sents: map[int]bool{}, negAt: -1}
			byKey[k] = a
			order = append(order, k)
		}
		a.mentions++
		a.sents[e.sent] = true
		a.explicit = a.explicit || e.explicit
		if e.stage.Negative() {
			if a.neg != Denied {
				a.neg = e.stage
			}
			a.negAt = e.sent
		} else if e.stage > a.pos {
			a.pos = e.stage
			a.posAt = e.sent
			if a.link.Quote == "" || e.stage >= a.pos {
				a.link.Quote = quote(st.sents[e.sent].text)
			}
		}
		if e.from != "" && e.from != e.club {
			a.fromHints = append(a.fromHints, e.from)
			a.ownFrom = true
		}
		if e.stage == Done && st.sents[e.sent].year > 0 {
			a.oldDone = true
		}
	}
	var out []Link
	leadOutlets := st.leadOutlets()
	for _, k := range order {
		a := byKey[k]
		l := a.link
		l.Stage = a.pos
		if a.neg != StageUnknown && !(a.pos >= Agreed && a.posAt > a.negAt) {
			l.Stage = a.neg
			if l.Quote == "" || a.negAt >= 0 {
				l.Quote = quote(st.sents[a.negAt].text)
			}
		}
		if l.Stage == StageUnknown {
			continue
		}
		cur := st.currentClub(k.p)
		if len(a.fromHints) > 0 {
			l.From = a.fromHints[0]
		} else if cur != k.c {
			l.From = cur
		}
		// the player's own club is not a destination, unless the text reports
		// a completed move there (background) or a return.
		if cur == k.c && (l.Stage != Done || !a.ownFrom && (st.current[k.p] == k.c || st.movingAway(k.p, k.c))) && !st.recordedMove(k.p, k.c) {
			continue
		}
		// a completed move years ago to a club he is now leaving is history,
		// and so is one to the club his main move is from.
		if l.Stage == Done && (a.oldDone && st.leaving(k.p, k.c) || !a.ownFrom && st.movingFrom(k.p, k.c)) {
			continue
		}
		for i := range a.sents {
			s := st.sents[i]
			for _, o := range s.outlets {
				l.Outlets = appendUnique(l.Outlets, o)
			}
			if s.item >= 0 {
				for _, o := range st.itemOutlets(s.item) {
					l.Outlets = appendUnique(l.Outlets, o)
				}
			}
		}
		l.Primary = st.isPrimary(a.first, k.p)
		if l.Primary && a.first == 0 {
			for _, o := range leadOutlets {
				l.Outlets = appendUnique(l.Outlets, o)
			}
		}
		sort.Strings(l.Outlets)
		conf := 0.45 + 0.1*float64(min(a.mentions, 3))
		if a.explicit {
			conf += 0.1
		}
		if l.Primary {
			conf += 0.15
		}
		l.Confidence = min(conf, 1)
		if l.Outlets == nil {
			l.Outlets = []string{}
		}
		out = append(out, l)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Primary && !out[j].Primary })
	return out
}

// currentClub is the player's club at the article's date: as the text states
// it, else as the gazetteer's transfer history has it.
func (st *state) currentClub(player string) string {
	if c := st.current[player]; c != "" {
		return c
	}
	if idx, ok := st.x.g.PlayerByName(player); ok && !st.a.Published.IsZero() {
		// before a player's first recorded move the history only knows the
		// club that move left; years earlier that may be wrong.
		moves := st.x.g.Players[idx].Moves
		if len(moves) > 0 && moves[0].Date.Sub(st.a.Published) < 400*24*time.Hour {
			if c := st.x.g.ClubAt(idx, st.a.Published); c != "" {
				return c
			}
		}
	}
	return st.leftClub[player]
}

// recordedMove reports whether the transfer history has the player moving
// to club within a few months of the article: the link is real even if the
// history already counts him as that club's player.
func (st *state) recordedMove(player, club string) bool {
	idx, ok := st.x.g.PlayerByName(player)
	if !ok || st.a.Published.IsZero() {
		return false
	}
	m, ok := st.x.g.MoveNear(idx, club, st.a.Published, 120*24*time.Hour)
	return ok && !m.EndOfLoan
}

// leaving reports whether the article has the player moving away from club.
func (st *state) leaving(player, club string) bool {
	if st.current[player] == club {
		return false // "Mbappé arrived at PSG from Monaco in 2017" in a story about him staying
	}
	for _, e := range st.ev {
		if e.player == player && e.club != club && e.from == club {
			return true
		}
	}
	return st.current[player] != "" && st.current[player] != club
}

// movingFrom reports whether the article moves the player away from club
// in a completed or agreed deal.
func (st *state) movingFrom(player, club string) bool {
	for _, e := range st.ev {
		if e.player == player && e.club != club && e.from == club && e.stage >= Agreed && !e.stage.Negative() {
			return true
		}
	}
	return false
}

// movingAway reports whether the article has the player agreeing or
// completing a move to a club other than club.
func (st *state) movingAway(player, club string) bool {
	for _, e := range st.ev {
		if e.player == player && e.club != club && e.stage >= Agreed && !e.stage.Negative() {
			return true
		}
	}
	return false
}

// isPrimary: the headline and first sentence carry the article's main
// links; in roundups and live blogs, each item's first sentence does.
func (st *state) isPrimary(first int, player string) bool {
	s := st.sents[first]
	if first <= 1 && s.item < 0 {
		return true
	}
	if s.item >= 0 {
		for _, t := range st.sents {
			if t.item == s.item && !t.header {
				return t.idx == first
			}
		}
	}
	return false
}

// leadOutlets are the outlets the opening sentences cite ("..., Goal has learned").
// Outlets cited by a sentence that reports links of its own are those
// links' sources, not the headline's.
func (st *state) leadOutlets() []string {
	own := map[int]bool{}
	for _, e := range st.ev {
		own[e.sent] = true
	}
	var out []string
	for _, s := range st.sents {
		if s.idx > 3 || s.item >= 0 {
			break
		}
		if s.idx == 0 || !own[s.idx] {
			out = append(out, s.outlets...)
		}
	}
	return out
}

// itemOutlets are the outlets a roundup item or live-blog entry cites.
func (st *state) itemOutlets(item int) []string {
	var out []string
	for _, s := range st.sents {
		if s.item == item {
			out = append(out, s.outlets...)
		}
	}
	return out
}

// quote trims a sentence to at most 200 characters at a word boundary.
func quote(s string) string {
	s = strings.TrimSpace(s)
	if len([]rune(s)) <= 200 {
		return s
	}
	r := []rune(s)[:197]
	cut := len(r)
	for cut > 150 && !unicode.IsSpace(r[cut-1]) {
		cut--
	}
	return strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace) + "..."
}
