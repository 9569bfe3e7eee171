package rumours

import (
	"sort"
	"strconv"
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
	year    int // a year the sentence mentions before the article's, 0 if none
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
	ev       []evidence
}

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

// ---- entities ----

func (st *state) findEntities(s *sent) {
	toks := s.toks
	used := make([]bool, len(toks))
	// outlets cited as sources
	s.outlets = nil
	for i := 0; i < len(toks); i++ {
		if toks[i].punct || !toks[i].upper && toks[i].text != "90min" {
			continue
		}
		if !st.x.outlets.first[toks[i].text] && !outletIntro[prevText(toks, i)] {
			continue
		}
		for n := min(st.x.outlets.maxLen, len(toks)-i); n >= 1; n-- {
			surface := joinText(toks[i : i+n])
			o, ok := st.x.outlets.byName[surface]
			if !ok {
				continue
			}
			if !attribution(toks, i, i+n) {
				break
			}
			name := st.x.outlets.list[o].Name
			s.ments = append(s.ments, mention{kind: mOutlet, i: i, j: i + n, name: name})
			s.outlets = appendUnique(s.outlets, name)
			markUsed(used, i, i+n)
			i += n - 1
			break
		}
		// an outlet the table lacks, introduced as one: "Portuguese newspaper Record"
		if !used[i] && i > 0 && outletIntro[toks[i-1].text] {
			j := i
			for j < len(toks) && j-i < 4 && toks[j].upper && !toks[j].punct {
				j++
			}
			if j > i && st.clubAt(toks, i) == 0 {
				name := joinText(toks[i:j])
				s.ments = append(s.ments, mention{kind: mOutlet, i: i, j: j, name: name})
				s.outlets = appendUnique(s.outlets, name)
				markUsed(used, i, j)
				i = j - 1
			}
		}
	}
	// blanks left by stripped links: "linked with , United", "from in 2013"
	for i := 0; i+1 < len(toks); i++ {
		if isBlankSlot(toks, i) {
			s.ments = append(s.ments, mention{kind: mBlank, i: i + 1, j: i + 1})
		}
	}
	// clubs and players, longest match first
	maxN := max(st.x.g.MaxAliasTokens(), 4)
	for i := 0; i < len(toks); i++ {
		if used[i] || toks[i].punct || !toks[i].upper {
			continue
		}
		best, bestN, bestKind := -1, 0, mClub
		var cands []int
		run := 1 // names are runs of capitalised words, particles and "&"
		for i+run < len(toks) && run < maxN && (toks[i+run].upper || particle[toks[i+run].lower] || toks[i+run].text == "&" || isDigits(toks[i+run].text)) {
			run++
		}
		for n := min(run, len(toks)-i); n >= 1; n-- {
			if spanHasPunct(toks[i:i+n]) || anyUsed(used, i, i+n) {
				continue
			}
			f := joinFold(toks[i : i+n])
			if cs := st.x.g.ClubsFor(f); len(cs) > 0 && !(n == 1 && weakClubWord[f]) &&
				!(n == 1 && st.x.g.AmbiguousAlias(f) && i+1 < len(toks) && toks[i+1].upper && !toks[i+1].punct && spunSuffix[toks[i+1].text] == "") {
				// ("United States" is not Manchester United)
				best, bestN, bestKind, cands = cs[0], n, mClub, cs
				if len(cs) > 1 || st.x.g.AmbiguousAlias(f) {
					best = -1
				}
				break
			}
			if ps := st.x.g.PlayersFor(f); len(ps) > 0 && !nonPlayers[f] {
				if n == 1 && (!st.singleTokenPlayer(ps, f) || i+1 < len(toks) && toks[i+1].upper && !toks[i+1].punct) {
					continue // "Florentino Pérez" is not the player Florentino
				}
				best, bestN, bestKind, cands = ps[0], n, mPlayer, nil
				break
			}
		}
		if bestN > 0 && bestKind == mClub && i+bestN < len(toks) && spunSuffix[toks[i+bestN].text] != "" {
			// machine-reworded names: "Manchester Joined" is Manchester United
			f := joinFold(toks[i:i+bestN]) + " " + spunSuffix[toks[i+bestN].text]
			if cs := st.x.g.ClubsFor(f); len(cs) > 0 {
				best, cands = cs[0], cs
				bestN++
			}
		}
		if bestN == 0 {
			continue
		}
		m := mention{kind: bestKind, i: i, j: i + bestN}
		if bestKind == mClub {
			if best >= 0 {
				m.name = st.x.g.Clubs[best].Name
				st.named[m.name]++
			} else {
				m.cands = cands
				if i > 0 && placePrep[toks[i-1].lower] && bestN == 1 {
					m.placed = true
				}
			}
		} else {
			m.name = st.x.g.Players[best].Name
			st.registerPlayer(m.name)
		}
		s.ments = append(s.ments, m)
		markUsed(used, i, i+bestN)
		i += bestN - 1
	}
	// people: known non-players, staff introduced by title, and unknown
	// players the text introduces as players.
	for i := 0; i < len(toks); i++ {
		if used[i] || toks[i].punct || !toks[i].upper || stopCaps[toks[i].lower] {
			continue
		}
		j := i
		for j < len(toks) && j-i < 3 && !used[j] && !toks[j].punct && (toks[j].upper || particle[toks[j].lower] && j > i) && !stopCaps[toks[j].lower] {
			j++
		}
		for j > i+1 && particle[toks[j-1].lower] {
			j--
		}
		if j == i {
			continue
		}
		full := joinFold(toks[i:j])
		last := toks[j-1].fold
		switch {
		case st.register[full] != "":
			// a player registered from another sentence; resolved later
		case nonPlayers[full] || nonPlayers[last] && j-i <= 2 || st.persons[full] || st.persons[last]:
			s.ments = append(s.ments, mention{kind: mPerson, i: i, j: j, name: full})
			st.persons[full] = true
		case i > 0 && staffIntro(toks, i):
			s.ments = append(s.ments, mention{kind: mPerson, i: i, j: j, name: full})
			st.persons[full] = true
			st.persons[last] = true
		case (j-i >= 2 || i > 0 && roleNouns[toks[i-1].lower]) && playerIntro(toks, i, j) && !sentenceStartWord(toks, i, j):
			name := joinText(toks[i:j])
			s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: j, name: name})
			st.registerPlayer(name)
		default:
			continue
		}
		markUsed(used, i, j)
		i = j - 1
	}
	sortMentions(s)
}

// singleTokenPlayer reports whether a one-word match may stand for a player:
// a mononym ("Neymar", "Casemiro") or a nickname ("Chicharito").
func (st *state) singleTokenPlayer(ps []int, f string) bool {
	if len(ps) != 1 {
		return false
	}
	p := st.x.g.Players[ps[0]]
	return !strings.Contains(strings.TrimSpace(p.Name), " ") || gazetteer.Fold(p.Name) != f
}

// registerPlayer makes later surname, first-name and full-name mentions of
// name resolve to it.
func (st *state) registerPlayer(name string) {
	f := gazetteer.Fold(name)
	st.register[f] = name
	parts := strings.Fields(f)
	if len(parts) < 2 {
		return
	}
	keys := []string{parts[len(parts)-1], parts[0]}
	if len(parts) >= 3 && particle[parts[len(parts)-2]] {
		keys = append(keys, strings.Join(parts[len(parts)-2:], " "))
	}
	if len(parts) >= 3 {
		keys = append(keys, strings.Join(parts[1:], " "))
	}
	for _, k := range keys {
		if old, ok := st.register[k]; ok && old != name {
			st.register[k] = "" // two players share it: ambiguous
			continue
		}
		st.register[k] = name
	}
}

// findShortNames resolves surname, first-name and heading mentions of
// players named elsewhere in the article, and references such as "he".
func (st *state) findShortNames(s *sent) {
	toks := s.toks
	used := make([]bool, len(toks))
	for _, m := range s.ments {
		markUsed(used, m.i, max(m.j, m.i))
	}
	for i := 0; i < len(toks); i++ {
		if used[i] || toks[i].punct || !toks[i].upper {
			continue
		}
		for n := min(3, len(toks)-i); n >= 1; n-- {
			if anyUsed(used, i, i+n) || spanHasPunct(toks[i:i+n]) {
				continue
			}
			f := joinFold(toks[i : i+n])
			name := st.register[f]
			if name == "" && n == 1 && (s.header || i == 0 && s.item >= 0) {
				ps := st.x.g.PlayersBySurname(f)
				if len(ps) == 0 {
					ps = st.x.firstNames[f] // "LAUTARO:"
				}
				if len(ps) == 1 {
					name = st.x.g.Players[ps[0]].Name
					st.registerPlayer(name)
				}
			}
			if name == "" {
				continue
			}
			s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: i + n, name: name})
			markUsed(used, i, i+n)
			i += n - 1
			break
		}
	}
	sortMentions(s)
}

// resolveClubs picks the club an ambiguous alias ("United", "Inter", "Real")
// stands for: the candidate the article names in full, else the press
// default (the first candidate).
func (st *state) resolveClubs(s *sent, recent []string) {
	out := s.ments[:0]
	for k, m := range s.ments {
		if m.kind == mClub && m.name == "" {
			if m.placed {
				continue
			}
			// "Inter" alone is Inter Milan: the press always writes Inter Miami in full
			if joinFold(s.toks[m.i:m.j]) == "inter" {
				if ci, ok := st.x.g.ClubByName("Inter Milan"); ok {
					m.name = st.x.g.Clubs[ci].Name
					out = append(out, m)
					continue
				}
			}
			// the candidate named most recently, in this sentence or before
			seen := append([]string(nil), recent...)
			for _, e := range s.ments[:k] {
				if e.kind == mClub && e.name != "" {
					seen = append(seen, e.name)
				}
			}
		recency:
			for r := len(seen) - 1; r >= 0; r-- {
				for _, c := range m.cands {
					if st.x.g.Clubs[c].Name == seen[r] {
						m.name = seen[r]
						break recency
					}
				}
			}
			bestN := 0
			for _, c := range m.cands {
				if m.name != "" {
					break
				}
				if n := st.named[st.x.g.Clubs[c].Name]; n > bestN {
					m.name, bestN = st.x.g.Clubs[c].Name, n
				}
			}
			if m.name == "" {
				def := st.x.g.Clubs[m.cands[0]].Name
				if !defaultOK(joinFold(s.toks[m.i:m.j])) {
					continue
				}
				m.name = def
			}
		}
		out = append(out, m)
	}
	s.ments = out
}

// defaultOK lists ambiguous aliases whose press default is safe to assume
// when the article does not name a candidate in full.
func defaultOK(f string) bool {
	switch f {
	case "inter", "madrid", "milan", "miami", "paris", "real", "atletico", "united", "city", "juve", "barca", "spurs":
		return true
	}
	return false
}

// splitSubjects splits clauses further before ", PLAYER verb": "Ramos came
// in on a free, Donnarumma arrived at the end of his contract, ...".
func (st *state) splitSubjects(s *sent, cls [][2]int) [][2]int {
	var out [][2]int
	for _, cl := range cls {
		start := cl[0]
		for _, m := range s.ments {
			if m.kind != mPlayer || m.ref || m.i <= start+1 || m.i >= cl[1] || s.toks[m.i-1].lower != "," {
				continue
			}
			if m.j < len(s.toks) && isVerbish(s.toks[m.j].lower) {
				out = append(out, [2]int{start, m.i - 1})
				start = m.i
			}
		}
		out = append(out, [2]int{start, cl[1]})
	}
	return out
}

func isVerbish(w string) bool {
	return auxVerbs[w] || strings.HasSuffix(w, "ed") || w == "chose" || w == "came" || w == "went" || w == "left" || w == "joins" || w == "signs" || w == "completes"
}

// headline reports whether s is the article's headline: the title, or a
// first line without final punctuation.
func (st *state) headline(s *sent) bool {
	if s.idx != 0 || s.item >= 0 {
		return false
	}
	t := strings.TrimSpace(s.text)
	return st.a.Title != "" && strings.HasPrefix(t, strings.TrimSpace(st.a.Title)) || !strings.HasSuffix(t, ".")
}

// clubRefs resolves "the club", "the Catalan club" and "the German
// champions" to the latest club mentioned (of that country, if one is named).
func (st *state) clubRefs(s *sent, recent []string) []string {
	toks := s.toks
	var added []mention
	k := 0
	for i := 0; i < len(toks); i++ {
		for k < len(s.ments) && s.ments[k].i <= i {
			if m := s.ments[k]; m.kind == mClub && !(m.j < len(toks) && (roleNouns[toks[m.j].lower] || nations[toks[m.j].lower])) {
				recent = append(recent, m.name) // not "the Barcelona midfielder"
			}
			k++
		}
		if i == 0 && toks[0].text == "They" && len(recent) > 0 && st.focusClub != "" {
			added = append(added, mention{kind: mClub, i: 0, j: 1, name: st.focusClub, ref: true})
			continue
		}
		if toks[i].lower != "the" || i+1 >= len(toks) || mentionAt(s, i+1) >= 0 {
			continue
		}
		if c, ok := demonymCountry[toks[i+1].lower]; ok {
			for r := len(recent) - 1; r >= 0 && r >= len(recent)-8; r-- {
				if ci, ok := st.x.g.ClubByName(recent[r]); ok && st.x.g.Clubs[ci].Country == c {
					added = append(added, mention{kind: mClub, i: i, j: i + 2, name: recent[r], ref: true})
					break
				}
			}
			i++
			continue
		}
		j, country := i+1, ""
		for j < len(toks) && j-i <= 3 {
			if c, ok := regionCountry[toks[j].lower]; ok {
				country = c
				j++
				continue
			}
			if toks[j].lower == "a" || toks[j].lower == "league" || toks[j].lower == "1" || toks[j].lower == "premier" {
				j++
				continue
			}
			break
		}
		if j >= len(toks) || !clubRefNouns[toks[j].lower] || j+1 < len(toks) && (staffNouns[toks[j+1].lower] || toks[j+1].lower == "'s" && j+2 < len(toks) && staffNouns[toks[j+2].lower]) {
			continue
		}
		if country == "" && toks[j].lower != "club" && toks[j].lower != "side" {
			continue
		}
		for r := len(recent) - 1; r >= 0 && r >= len(recent)-8; r-- {
			if country != "" {
				if ci, ok := st.x.g.ClubByName(recent[r]); !ok || st.x.g.Clubs[ci].Country != country {
					continue
				}
			}
			added = append(added, mention{kind: mClub, i: i, j: j + 1, name: recent[r], ref: true})
			break
		}
		i = j
	}
	if len(added) > 0 {
		s.ments = append(s.ments, added...)
		sortMentions(s)
	}
	return recent
}

func (st *state) oldYear(s *sent) {
	if st.a.Published.IsZero() {
		return
	}
	y := st.a.Published.Year()
	for _, t := range s.toks {
		if len(t.text) == 4 {
			if n, err := strconv.Atoi(t.text); err == nil && n >= 1950 && n < y {
				s.year = n
			}
		}
	}
	if strings.Contains(s.text, "years ago") || strings.Contains(s.text, "years earlier") {
		s.year = y - 2
	}
}

// ---- relations ----

type role int

const (
	roleNone role = iota
	roleDest
	roleFrom     // the club a player is leaving or playing for
	roleFormer   // career history
	roleOpp      // an opponent
	roleStaff    // a manager's, owner's or director's club
	roleCurrent  // named as the player's club ("the Rennes midfielder")
	roleDoneDest // the player's new club: "is now a Leeds United player"
	roleRival    // a rival suitor: "beating Napoli to his signature"
	roleWith     // the other party: "X have agreed terms with Y"; decided by who X is
)

func (st *state) relate() {
	focus := ""      // the player the text is about right now
	lastPlayer := "" // the player named last
	itemTopic := ""  // the player a roundup item is about
	lastItem := -1
	lastPara := -1
	sinceFocus := 0
	for _, s := range st.sents {
		if s.item != lastItem {
			lastItem = s.item
			itemTopic = ""
			if s.item >= 0 {
				focus, lastPlayer = "", ""
			}
		}
		if s.para != lastPara {
			lastPara = s.para
			sinceFocus++
		}
		st.addRefs(s, focus, lastPlayer)
		if s.header {
			for _, m := range s.ments {
				if m.kind == mPlayer {
					itemTopic, focus, lastPlayer = m.name, m.name, m.name
				}
			}
			continue
		}
		// a sentence led by a club is about that club: "Bayern have moved on."
		if len(s.ments) > 0 && s.ments[0].kind == mClub && s.ments[0].i <= 1 && !(s.ments[0].j < len(s.toks) && (roleNouns[s.toks[s.ments[0].j].lower] || s.toks[s.ments[0].j].lower == "'s")) {
			st.focusClub, st.focusPara = s.ments[0].name, s.para
		}
		prevStage := StageUnknown
		for _, cl := range st.splitSubjects(s, clauses(s.toks, st.headline(s))) {
			inherit := StageUnknown
			if s.toks[cl[0]].lower == "with" {
				inherit = prevStage // "..., with Kovačić heading to Stamford Bridge as part of the deal"
			}
			prevStage = st.relateClause(s, cl, focus, itemTopic, sinceFocus <= 1, inherit)
		}
		for _, m := range s.ments {
			if m.kind == mPlayer {
				lastPlayer = m.name
			}
		}
		// the sentence's first player is its subject and the next sentences' focus
		for _, m := range s.ments {
			if m.kind == mPlayer {
				focus = m.name
				sinceFocus = 0
				if s.item >= 0 && itemTopic == "" {
					itemTopic = m.name
				}
				break
			}
		}
	}
}

// addRefs adds implicit player mentions for "he", "the midfielder", "the
// 28-year-old", "the Brazilian" and records "the Rennes midfielder" as the
// player's current club.
func (st *state) addRefs(s *sent, focus, last string) {
	toks := s.toks
	// the nearest person or player named before each token decides what "he"
	// refers to; "the midfielder" always refers to the latest player.
	if last == "" {
		last = focus
	}
	pronoun, nominal := focus, last
	k := 0
	orig := len(s.ments)
	for i := 0; i < len(toks); i++ {
		for k < orig && s.ments[k].i <= i {
			switch m := s.ments[k]; m.kind {
			case mPlayer:
				pronoun, nominal = m.name, m.name
				st.seePlayer(m.name)
			case mPerson:
				pronoun = ""
			}
			k++
		}
		focus := nominal
		t := toks[i].lower
		switch {
		case t == "he" || t == "him" || t == "his" || t == "himself":
			if pronoun == "" {
				continue // refers to the manager or owner just named
			}
			if mentionAt(s, i) < 0 {
				s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: i + 1, name: pronoun, ref: true})
			}
		case focus == "":
			continue
		case t == "the" && i+1 < len(toks):
			j := i + 1
			club := ""
			if k := mentionAt(s, j); k >= 0 && s.ments[k].kind == mClub {
				club = s.ments[k].name
				j = s.ments[k].j
			}
			for j < len(toks) && (nations[toks[j].lower] || isAge(toks[j].lower)) && j-i < 4 {
				j++
			}
			if j < len(toks) && roleNouns[toks[j].lower] && toks[j].lower != "target" {
				j++
			} else if j == i+1 || club != "" {
				continue
			} else if j < len(toks) && !toks[j].punct && !auxVerbs[toks[j].lower] {
				continue // "the Spanish capital", "the Catalan club"
			}
			if j < len(toks) && toks[j].upper && !toks[j].punct && mentionAt(s, j) >= 0 {
				continue // "the Brazil winger Bernard": a name follows
			}
			focus = st.describedPlayer(toks[i+1:j], focus)
			if club != "" && st.current[focus] == "" {
				st.current[focus] = club
			}
			s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: j, name: focus, ref: true})
			st.seePlayer(focus)
			i = j - 1
		}
	}
	sortMentions(s)
}

// seePlayer records that the text has just mentioned a player.
func (st *state) seePlayer(name string) {
	for i, p := range st.recent {
		if p == name {
			st.recent = append(st.recent[:i], st.recent[i+1:]...)
			break
		}
	}
	st.recent = append(st.recent, name)
}

// describedPlayer picks which recently mentioned player a description such as
// "the 34-year-old centre-back" fits, using the gazetteer's positions and
// birth years; def when no player fits better.
func (st *state) describedPlayer(desc []token, def string) string {
	age, pos := 0, ""
	for _, t := range desc {
		if isAge(t.lower) {
			age, _ = strconv.Atoi(strings.SplitN(t.lower, "-", 2)[0])
		}
		if p := positionOf[t.lower]; p != "" {
			pos = p
		}
	}
	if age == 0 && pos == "" || st.a.Published.IsZero() && pos == "" {
		return def
	}
	for r := len(st.recent) - 1; r >= 0 && r >= len(st.recent)-6; r-- {
		name := st.recent[r]
		idx, ok := st.x.g.PlayerByName(name)
		if !ok {
			continue
		}
		pl := st.x.g.Players[idx]
		if pos != "" && pl.Position != "" && !strings.Contains(strings.ToLower(pl.Position), pos) {
			continue
		}
		if age > 0 && pl.Born > 0 && !st.a.Published.IsZero() {
			if d := st.a.Published.Year() - pl.Born - age; d < -1 || d > 1 {
				continue
			}
		}
		if pos != "" && pl.Position == "" && !(age > 0 && pl.Born > 0) {
			continue // nothing to check him against
		}
		return name
	}
	return def
}

// positionOf maps the words of a description to the gazetteer's positions
// (Transfermarkt's: "Centre-Back", "Central Midfield", "Centre-Forward", ...).
var positionOf = map[string]string{
	"defender": "back", "centre-back": "centre-back", "center-back": "centre-back", "centre-half": "centre-back",
	"full-back": "back", "left-back": "left-back", "right-back": "right-back", "wing-back": "back", "stopper": "back",
	"midfielder": "midfield", "playmaker": "midfield", "schemer": "midfield", "regista": "midfield",
	"striker": "forward", "centre-forward": "centre-forward", "frontman": "forward", "hitman": "forward", "marksman": "forward",
	"winger": "winger", "goalkeeper": "goalkeeper", "keeper": "goalkeeper", "shot-stopper": "goalkeeper",
}

// clauses splits a sentence into clause spans [start, end).
func clauses(toks []token, headline bool) [][2]int {
	var out [][2]int
	start := 0
	// a leading adverbial phrase ends at its comma: "With no signs of a new
	// contract being agreed, Inter Miami are trying to tempt him"
	opener := len(toks) > 0 && openerWords[toks[0].lower]
	for i, t := range toks {
		brk := false
		switch t.lower {
		case ",", ":":
			brk = headline && i > start || opener && start == 0 && t.lower == ","
			// the comma that closes a relative clause: "Beckham, whose career took
			// him from X to Y, has signed Z"
			if t.lower == "," && start < i && (toks[start].lower == "who" || toks[start].lower == "whose" || toks[start].lower == "which") && i+1 < len(toks) && isVerbish(toks[i+1].lower) {
				brk = true
			}
			if brk && i+1 < len(toks) && (toks[i+1].lower == "and" || toks[i+1].lower == "who") {
				brk = false
			}
		case ";", "–", "—":
			brk = true
		case "-":
			brk = i > 0 && i+1 < len(toks)
		case "but", "although", "though", "while", "whereas", "however", "meanwhile":
			brk = i > start && !(t.lower == "but" && toks[i-1].lower == "all")
		case "and", "so":
			brk = i > 0 && toks[i-1].lower == "," || t.lower == "and" && i+1 < len(toks) && strings.HasSuffix(toks[i+1].lower, "ing") && i > start+3
		case "after", "before", "when", "once", "since", "until":
			brk = i+1 < len(toks) && toks[i+1].upper && !toks[i+1].punct && i > start+2
		case "with":
			// "..., with Mateo Kovačić heading to Stamford Bridge"
			brk = i > 0 && toks[i-1].lower == "," && i+1 < len(toks) && toks[i+1].upper && !toks[i+1].punct && !startsClub(toks, i+1)
		case "who", "whose", "which":
			brk = i > 0 && toks[i-1].lower == ","
		}
		if brk && i > start {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	out = append(out, [2]int{start, len(toks)})
	return out
}

func (st *state) relateClause(s *sent, cl [2]int, focus, itemTopic string, focusNear bool, inherit Stage) Stage {
	toks := s.toks
	stage, negative, hasCue, posAt, negAt := st.clauseCues(s, cl)
	if inherit > stage && !inherit.Negative() {
		stage, hasCue = inherit, true
	}
	var players []mention
	var clubs []int
	for k, m := range s.ments {
		if m.i < cl[0] || m.i >= cl[1] {
			continue
		}
		switch m.kind {
		case mPlayer:
			// "he joins Neymar and Mbappé": the players joined are team-mates
			if !listBlocked(toks, cl[0], m.i) && !joinedPlayer(s, m) {
				players = append(players, m)
			}
		case mClub:
			clubs = append(clubs, k)
		}
	}
	roles := make([]role, len(clubs))
	from := ""
	blankList := st.blankListed(s)
	for n, k := range clubs {
		roles[n] = st.roleOf(s, k, cl, hasCue)
		if blankList[k] {
			roles[n] = roleNone
		}
		if roles[n] == roleFrom && from == "" {
			from = s.ments[k].name
		}
	}
	// "X are in talks with Y": Y sells, unless X is the player's own club
	for n, k := range clubs {
		if roles[n] != roleWith {
			continue
		}
		roles[n] = roleFrom
		actor := ""
		for m, k2 := range clubs[:n] {
			if roles[m] == roleDest || roles[m] == roleNone {
				actor = s.ments[k2].name
				break
			}
		}
		if actor == "" && len(players) > 0 && players[0].i < s.ments[k].i && !players[0].ref && !s.ments[k].ref {
			roles[n] = roleDest // "The Spaniard was the subject of talks with Barcelona"
			continue
		}
		if actor == "" || actor == s.ments[k].name {
			roles[n] = roleNone // "with the Spanish champions viewing him as ..."
			continue
		}
		for _, p := range st.clausePlayers(s, cl, itemTopic, focus) {
			if st.currentClub(p) == actor {
				roles[n] = roleDest
				for m, k2 := range clubs[:n] {
					if s.ments[k2].name == actor {
						roles[m] = roleFrom
					}
				}
				from = actor
			}
		}
		if roles[n] == roleFrom && from == "" {
			from = s.ments[k].name
		}
	}
	// propagate roles through coordinated lists: "Juventus, Inter Milan and PSG"
	for n := 1; n < len(clubs); n++ {
		a, b := s.ments[clubs[n-1]], s.ments[clubs[n]]
		if listJoined(toks, a.j, b.i) && roles[n] != roles[n-1] {
			if roles[n-1] == roleFormer || roles[n-1] == roleOpp || roles[n-1] == roleFrom && (roles[n] == roleNone || roles[n] == roleDest) {
				roles[n] = roles[n-1]
			} else if roles[n] == roleDest && roles[n-1] == roleNone {
				roles[n-1] = roleDest
			}
		}
	}
	// players the clause is about
	if len(players) == 0 && (toks[cl[0]].lower == "who" || toks[cl[0]].lower == "whose") && cl[0] >= 2 {
		// "Sergio Ramos, who joined on a free transfer from Real Madrid": the
		// relative clause is about the player just named
		if k := mentionAt(s, cl[0]-2); k >= 0 && s.ments[k].kind == mPlayer && !s.ments[k].ref && s.ments[k].j == cl[0]-1 {
			p := s.ments[k]
			p.i = cl[0] // counts as the clause's own subject
			players = []mention{p}
		}
	}
	if len(players) == 0 {
		before := nearestPlayers(s, cl, true)
		switch {
		case len(before) > 0:
			players = before
		case itemTopic != "":
			players = []mention{{kind: mPlayer, name: itemTopic, i: cl[0], j: cl[0], ref: true}}
		case focus != "" && focusNear && hasCue && (stage <= Bid || negative != StageUnknown):
			// "Los Blancos are said to have had scouts at Roazhon Park"
			players = []mention{{kind: mPlayer, name: focus, i: cl[0], j: cl[0], ref: true}}
		case hasPlayer(s) && focus == "":
			players = nearestPlayers(s, cl, false)
		}
	}
	renewal := isRenewal(toks, cl)
	for _, p := range players {
		for n, k := range clubs {
			if roles[n] == roleCurrent && s.ments[k].j <= p.i && p.i-s.ments[k].j <= 4 && st.current[p.name] == "" {
				st.current[p.name] = s.ments[k].name
			}
			if renewal && roles[n] == roleFrom && st.current[p.name] == "" {
				st.current[p.name] = s.ments[k].name // "signed a new contract with Tottenham"
			}
		}
	}
	for _, p := range players {
		for n, k := range clubs {
			if roles[n] == roleFrom && st.leftClub[p.name] == "" && stage != Done {
				st.leftClub[p.name] = s.ments[k].name
			}
		}
	}
	for n, k := range clubs {
		if roles[n] == roleDoneDest || roles[n] == roleRival {
			stage := Done
			if roles[n] == roleRival {
				stage = Interest
			}
			for _, p := range pickPlayers(toks, players, s.ments[k]) {
				st.ev = append(st.ev, evidence{player: p.name, club: s.ments[k].name, stage: stage, sent: s.idx, explicit: !p.ref})
			}
		}
	}
	if !hasCue {
		for _, r := range roles {
			if r == roleDest {
				hasCue, stage = true, Speculation // "Koulibaly to Chelsea is moving fast"
			}
		}
	}
	if !hasCue {
		return stage
	}
	positive := stage
	if negative != StageUnknown {
		stage = negative
		if len(clubs) == 0 {
			// "..., but Allegri refused to let him go and that move is now off."
			for i := len(st.ev) - 1; i >= 0 && st.ev[i].sent == s.idx; i-- {
				e := st.ev[i]
				e.stage = negative
				st.ev = append(st.ev, e)
			}
			return stage
		}
	}
	destSeen := false
	for n, k := range clubs {
		if roles[n] != roleDest {
			continue
		}
		destSeen = true
		club := s.ments[k].name
		cs := stage
		if negative != StageUnknown && positive >= Agreed && posAt >= 0 && negAt >= 0 && abs(posAt-s.ments[k].i) < abs(negAt-s.ments[k].i) {
			cs = positive // the finished deal is this club's; the collapse another's
		}
		for _, p := range pickPlayers(toks, players, s.ments[k]) {
			st.ev = append(st.ev, evidence{player: p.name, club: club, stage: cs, sent: s.idx, from: from, explicit: !p.ref})
		}
		if !s.ments[k].ref && k == clubs[0] && stage >= Interest {
			st.setFocusClub(club, s)
		}
	}
	// a completed or agreed move with no destination named goes to the club
	// the text is about: "Chelsea defender Kurt Zouma also came in on loan"
	target := st.focusClub
	if st.focusPara != s.para && st.mainClub != "" {
		target = st.mainClub // the article's club, once the paragraph has moved on
	}
	// a club leading another clause of the sentence: "Barcelona now have a
	// front line ..., with Coutinho joining ..."; "Buendía arrived from
	// Norwich, and Villa are close to an agreement ..."
	for _, other := range st.splitSubjects(s, clauses(s.toks, false)) {
		if other == cl {
			continue
		}
		for _, m := range s.ments {
			if m.kind == mClub && m.i >= other[0] && m.i <= other[0]+2 && !m.ref && st.roleOf(s, indexOf(s, m), other, true) == roleDest {
				target = m.name
				break
			}
		}
	}
	// only for a verb of arrival with the player as its subject: "Kurt
	// Zouma also came in on loan", not "alongside new arrival Lionel Messi"
	if !destSeen && negative == StageUnknown && stage >= Agreed && target != "" && posAt >= 0 && (arrivalVerbs[toks[posAt].lower] || toks[posAt].lower == "arrival" && posAt+1 < len(toks) && toks[posAt+1].lower == "of") {
		for _, p := range players {
			if p.ref || p.i < cl[0] || p.i >= cl[1] || from == target || st.current[p.name] == target {
				continue
			}
			st.ev = append(st.ev, evidence{player: p.name, club: target, stage: stage, sent: s.idx, from: from})
		}
	}
	return stage
}

func (st *state) setFocusClub(club string, s *sent) {
	st.focusClub, st.focusPara = club, s.para
	if st.mainClub == "" {
		st.mainClub = club
	}
}

// clausePlayers names the players a clause is about, for role decisions.
func (st *state) clausePlayers(s *sent, cl [2]int, itemTopic, focus string) []string {
	var out []string
	for _, m := range s.ments {
		if m.kind == mPlayer && m.i >= cl[0] && m.i < cl[1] {
			out = append(out, m.name)
		}
	}
	if len(out) == 0 && itemTopic != "" {
		out = append(out, itemTopic)
	}
	if len(out) == 0 && focus != "" {
		out = append(out, focus)
	}
	return out
}

// roleOf decides what club mention k is to the players of its clause.
func (st *state) roleOf(s *sent, k int, cl [2]int, hasCue bool) role {
	toks := s.toks
	m := s.ments[k]
	prev := func(n int) string { // n-th token before the mention, lower case
		if m.i-n < cl[0] && m.i-n < 0 {
			return ""
		}
		if m.i-n < 0 {
			return ""
		}
		return toks[m.i-n].lower
	}
	next := func(n int) string {
		if m.j+n-1 >= len(toks) {
			return ""
		}
		return toks[m.j+n-1].lower
	}
	p1, p2, p3 := prev(1), prev(2), prev(3)
	n1, n2 := next(1), next(2)
	two := p2 + " " + p1
	if p1 == "the" {
		p1, two = p2, p3+" "+p2
	}
	// career history and clause-wide context
	if clauseHas(toks, cl, "career", "spells", "spell", "stint", "academy", "began", "youth") && !clauseHas(toks, cl, "return", "rejoin", "back") {
		return roleFormer
	}
	if prev(1) == "at" && m.i-1 == cl[0] {
		return roleNone // "At Real, Ancelotti confirmed ..."
	}
	if (p1 == "beating" || p1 == "beat") && n1 == "to" {
		return roleRival // "confident of beating Napoli to his signature"
	}
	if (prev(1) == "a" || prev(1) == "an") && n1 == "player" {
		if near(toks, m.i-4, m.i, "still", "remain", "remains", "stay", "would", "will") {
			return roleFrom // "he would still be a Liverpool player"
		}
		if near(toks, m.i-4, m.i, "is", "'s", "now", "finally", "officially", "becomes", "became") {
			return roleDoneDest // "Griezmann is finally a Barcelona player"
		}
		return roleCurrent
	}
	if (p1 == "paying" || p1 == "paid" || p1 == "pay" || p1 == "pays") && near(toks, m.j, m.j+6, "for") {
		return roleFrom // "paying Benfica €126m for João Félix"
	}
	switch {
	case p1 == "former" || p1 == "ex" || p1 == "old" || p1 == "formerly" || two == "his old" || strings.HasPrefix(toks[m.i].lower, "ex-"):
		return roleFormer
	case opponentPrev[p1] || opponentPrev2[two] || opponentPrev2[p2+" "+prev(1)]:
		return roleOpp
	case n1 == "'s" && (roleNouns[n2] || nations[n2] || n2 == "" || startsName(toks, m.j+1)):
		return roleCurrent
	case n1 == "'s" && !bidNoun[n2] && !transferNoun[n2] && !isFee(n2) && !possessedTransfer[n2]:
		return roleNone // "the biggest sale in Ajax's history"
	case (staffNouns[n1] || n1 == "'s" && staffNouns[n2] || nations[n1] && staffNouns[n2]) && !crowdNouns[n1] && !crowdNouns[n2]:
		return roleStaff
	case roleNouns[n1] || nations[n1] && roleNouns[n2] || isAge(n1) && roleNouns[n2]:
		return roleCurrent
	case p1 == "for" && (p2 == "play" || p2 == "playing" || p2 == "played" || p2 == "plays" || p2 == "appearances" || p2 == "goals" || p2 == "games"):
		return roleFrom // "refuse to play for the Hammers"
	case p1 == "by" && (p2 == "accepted" || p2 == "rejected" || p2 == "refused" || p2 == "rebuffed" || p2 == "down" || p2 == "sold" || p2 == "released"):
		return roleFrom // "an offer accepted by Fiorentina"
	case p1 == "from" && (bidNoun[p2] || near(toks, max(m.i-7, cl[0]), m.i-1, "bid", "offer", "bids", "offers", "approach", "proposal")):
		return roleDest // "a £40m bid from Arsenal"
	case p1 == "from" || p1 == "left" || p1 == "leave" || p1 == "leaving" || p1 == "leaves" || p1 == "quit" || two == "away from" || two == "out of" || two == "exit from":
		return roleFrom
	case p1 == "at" && p2 == "contract" && (p3 == "'s" || p3 == "his" || p3 == "their" || p3 == "her" || p3 == "existing" || p3 == "current"):
		return roleFrom // "Kepa's contract at Athletic Bilbao"
	case p1 == "at" && !clauseHas(toks, cl, "medical", "unveiled", "presented", "signed", "signs", "contract", "deal", "join", "joined", "arrived", "training ground"):
		return roleFrom // "a transfer request at Liverpool", "scouts at Roazhon Park"
	case p1 == "at" && (two == "stay at" || two == "years at" || two == "time at" || two == "spell at" || two == "future at" || two == "remain at" || two == "staying at" || two == "career at" || two == "loan at" || two == "season at" || two == "seasons at" || two == "life at" || two == "days at" || two == "extension at" || two == "games at" || two == "goals at" || two == "titles at" || two == "minutes at"):
		return roleFrom
	case p1 == "with" && isRenewal(toks, cl):
		return roleFrom
	case p1 == "with" && (p2 == "contract" || p2 == "deal") && (p3 == "his" || p3 == "their" || p3 == "'s" || p3 == "existing" || p3 == "current" || p3 == "her"):
		return roleFrom // "at the end of his contract with AC Milan"
	case p1 == "with" && st.sellerWith(s, k, cl):
		return roleWith
	case sellerVerb(toks, m.j, cl[1]):
		return roleFrom
	}
	if p1 == "down" && (p2 == "turned" || p2 == "turning" || p2 == "turns") || p1 == "snubbed" || p1 == "rejected" || p1 == "rejecting" || p1 == "shunned" {
		return roleDest // "Mbappé has turned down Real Madrid": a link, now off
	}
	if isRenewal(toks, cl) {
		return roleFrom
	}
	if hasCue || destPrep(s, m) {
		return roleDest
	}
	if matchSentence(toks, cl) {
		return roleOpp
	}
	return roleNone
}

// destPrep reports whether the words before a club make it a destination
// on their own: "join Paris Saint-Germain", "Koulibaly to Chelsea".
func destPrep(s *sent, m mention) bool {
	if m.i == 0 {
		return false
	}
	switch s.toks[m.i-1].lower {
	case "join", "joins", "joined", "joining", "rejoin", "rejoins", "rejoined":
		return true
	case "for":
		if near(s.toks, m.i-6, m.i-1, "left", "leave", "leaves", "leaving", "swapped", "swap", "swapping", "quit", "ditched", "exchanged") {
			return true // "both left Juventus for Inter Miami"
		}
		return m.i >= 2 && (s.toks[m.i-2].lower == "leave" || s.toks[m.i-2].lower == "left" || s.toks[m.i-2].lower == "leaves" || s.toks[m.i-2].lower == "sign" || s.toks[m.i-2].lower == "signed")
	case "to":
		if m.i >= 2 {
			if k := mentionAt(s, m.i-2); k >= 0 && s.ments[k].kind == mPlayer {
				return true // "Koulibaly to Chelsea"
			}
			switch s.toks[m.i-2].lower {
			case "move", "switch", "transfer", "return", "loan", "back", "moving", "heading", "way":
				return true
			}
		}
	}
	return false
}

// sellerWith reports whether "with CLUB" names the selling club: "Barcelona
// have reopened talks with Manchester City over the centre-back".
func (st *state) sellerWith(s *sent, k int, cl [2]int) bool {
	// "Talks with Napoli are at an advanced stage": with no player as the
	// subject, the club talked with is the seller.
	subjectIsPlayer := false
	for _, m := range s.ments[:k] {
		if m.i >= cl[0] && m.kind == mPlayer {
			subjectIsPlayer = true
		}
	}
	if !subjectIsPlayer && s.ments[k].i >= 2 && (s.toks[s.ments[k].i-2].lower == "talks" || s.toks[s.ments[k].i-2].lower == "negotiations") {
		return true
	}
	for _, m := range s.ments[:k] {
		if m.i >= cl[0] && m.kind == mClub && m.j < len(s.toks) {
			n := s.toks[m.j].lower
			if roleNouns[n] || nations[n] || n == "'s" || isAge(n) || staffNouns[n] {
				continue // "The Arsenal playmaker is in talks with Fenerbahce"
			}
			return true // another club is the clause's actor
		}
	}
	return false
}

var attribWords = set("by", "to", "according", "per", "reports", "reported", "says", "said", "claims", "claimed", "cited", "confirmed", "first", "as", "the", "and", "told", "from", "via", "in", "revealed", "understands")

// isRenewal reports whether a clause is about a player staying: a new
// contract, an extension, a renewal.
func isRenewal(toks []token, cl [2]int) bool {
	if clauseHas(toks, cl, "join", "joined", "move", "offer", "leave", "switch") {
		return false
	}
	for i := cl[0]; i < cl[1]; i++ {
		switch toks[i].lower {
		case "extension", "renewal", "renew", "renewed", "renewing", "extended", "stay", "staying", "stays":
			return true
		case "contract", "deal":
			if near(toks, i-3, i, "new") || i+1 < cl[1] && (toks[i+1].lower == "offer" || toks[i+1].lower == "offers") {
				return true // "a new contract", "withdrew their contract offer"
			}
		}
	}
	return false
}

// sellerVerb reports whether the words after a club make it the seller:
// "Crystal Palace have rejected a bid", "Leicester will accept".
func sellerVerb(toks []token, j, end int) bool {
	for j < end && (toks[j].lower == "have" || toks[j].lower == "has" || toks[j].lower == "had" || toks[j].lower == "will" ||
		toks[j].lower == "are" || toks[j].lower == "also" || toks[j].lower == "already" || toks[j].lower == "finally" || toks[j].lower == "now" || toks[j].lower == "would") {
		j++
	}
	if j >= end {
		return false
	}
	for k := j; k < min(j+6, end); k++ {
		switch toks[k].lower {
		case "sell", "selling", "cash", "keep", "retain", "withdrew", "withdrawn":
			return true // "Liverpool have agreed to sell Coutinho", "could not keep him"
		}
	}
	switch toks[j].lower {
	case "keep", "determined", "retain", "withdrew", "withdrawn", "rejected", "accepted", "accept", "reject", "rebuffed", "refused", "refuse", "turned", "knocked", "sold", "sell", "selling", "demanded", "demand", "value", "valued", "insist", "insisted", "told", "resigned":
		return true
	}
	return false
}

// clauseStage returns the strongest positive stage the clause reports, a
// negative stage if it reports a denial or collapse, and whether it has any
// transfer cue at all.
func (st *state) clauseStage(s *sent, cl [2]int) (pos, neg Stage, any bool) {
	pos, neg, any, _, _ = st.clauseCues(s, cl)
	return pos, neg, any
}

// clauseCues is clauseStage that also returns where the strongest positive
// cue and the last negative cue stand (-1 when absent), so that a clause
// with both ("arrived from Juventus after turning down Manchester City") can
// give each club the stage of the cue nearest to it.
func (st *state) clauseCues(s *sent, cl [2]int) (pos, neg Stage, any bool, posAt, negAt int) {
	posAt, negAt = -1, -1
	toks := s.toks
	attrib := map[int]bool{} // "confirmed by Marca" is attribution, not a stage
	for _, m := range s.ments {
		if m.kind == mOutlet {
			for k := m.i - 1; k >= 0 && k >= m.i-4 && attribWords[toks[k].lower]; k-- {
				attrib[k] = true
			}
		}
	}
	for i := cl[0]; i < cl[1]; i++ {
		if attrib[i] {
			continue
		}
		t := toks[i].lower
		// rejected bids stay bids; a player turning a club down is off
		if t == "rejected" || t == "rejecting" || t == "rebuffed" || t == "dismissed" && near(toks, cl[0], i, "bid", "offer", "bids", "offers", "proposal") || (t == "turned" || t == "turning" || t == "knocked") && i+1 < cl[1] && (toks[i+1].lower == "down" || toks[i+1].lower == "back") {
			any = true
			if near(toks, i-4, i+5, "offer", "offers", "bid", "bids", "approach", "proposal", "approaches") || near(toks, cl[0], i, "offer", "offers", "bid", "bids", "proposal") {
				if Bid > pos {
					pos, posAt = Bid, i
				}
			} else {
				neg, negAt = Off, i
			}
			continue
		}
		if (t == "completed" || t == "completes" || t == "complete") && near(toks, i+1, i+5, "hat-trick", "comeback", "double", "treble", "turnaround", "rout", "win", "victory", "season") {
			continue // "completed an astonishing hat-trick"
		}
		if (t == "agree" || t == "sign" || t == "signed" || t == "agreed") && near(toks, i+1, i+4, "extension", "renewal") {
			continue // "if he fails to agree an extension": a renewal, not a move
		}
		if (t == "move" || t == "switch" || t == "transfer") && i > cl[0] && isFee(toks[i-1].lower) {
			any = true // "Neymar's €222m move to Paris Saint-Germain"
			if Done > pos {
				pos, posAt = Done, i
			}
			continue
		}
		for _, c := range st.x.cues[t] {
			if !matchAt(toks, i, cl[1], c.words) {
				continue
			}
			if c.stage != Denied && c.stage != Off && negated(toks, i, cl[0]) {
				i += len(c.words) - 1 // "there has been no agreement"
				break
			}
			any = true
			stage := c.stage
			if stage == Medical && near(toks, i-6, i, "will", "due", "expected", "set", "scheduled", "ahead", "before", "travel", "subject", "undergo") && !near(toks, i-6, i, "undergoing", "completed", "passed", "having") {
				stage = Agreed // "will travel to England for his medical": not yet
			}
			switch {
			case stage == Denied:
				neg, negAt = Denied, i
			case c.stage == Off:
				if neg != Denied {
					neg = Off
				}
				negAt = i
			case stage > pos:
				pos, posAt = stage, i
			}
			i += len(c.words) - 1
			break
		}
	}
	if pos == StageUnknown && neg == StageUnknown {
		return pos, neg, any, posAt, negAt
	}
	if pos == StageUnknown {
		pos = Speculation
	}
	return pos, neg, true, posAt, negAt
}

// negated reports whether the word at i is negated: "no agreement", "not
// interested", "yet to make an offer".
func negated(toks []token, i, start int) bool {
	for k := i - 1; k >= start && k >= i-2; k-- {
		switch toks[k].lower {
		case "no", "not", "never", "without", "n't", "nor":
			return true
		}
	}
	return i-3 >= start && toks[i-3].lower == "yet" && toks[i-2].lower == "to"
}

// blankListed marks clubs listed next to a blank ("linked with , Manchester
// United and Liverpool"): the list is unreliable, so none of it counts.
func (st *state) blankListed(s *sent) map[int]bool {
	out := map[int]bool{}
	for bi, b := range s.ments {
		if b.kind != mBlank {
			continue
		}
		_ = bi
		for k, m := range s.ments {
			if m.kind != mClub {
				continue
			}
			if m.i >= b.i && m.i-b.i <= 6 && listJoined(s.toks, b.i, m.i) || m.j <= b.i && b.i-m.j <= 3 && listJoined(s.toks, m.j, b.i) {
				out[k] = true
			}
		}
	}
	return out
}

// ---- aggregation ----

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

func (st *state) itemOutlets(item int) []string {
	var out []string
	for _, s := range st.sents {
		if s.item == item {
			out = append(out, s.outlets...)
		}
	}
	return out
}

// ---- small helpers ----

var openerWords = set("with", "after", "despite", "following", "amid", "given", "without", "having")
var possessedTransfer = set("second", "third", "first", "fourth", "fifth", "latest", "new", "repeated", "improved", "fresh", "opening", "initial", "record", "club-record", "reported", "pursuit", "attempts", "signing", "target", "targets", "move", "priority")
var attribVerbs = set("learned", "learnt", "reporting", "reported", "claimed", "revealed", "understood", "been", "told")
var blankBefore = set("to", "with", "from", "at", "the", "and", "for", "joined", "joining", "join", "between")

// crowdNouns follow a club without making it someone's employer: "presented
// to Paris Saint-Germain supporters".
var crowdNouns = set("fans", "supporters", "fanbase", "ultras", "crowd")

// arrivalVerbs are the cues that may send a player to the club the text is
// about when the clause names no destination.
var arrivalVerbs = set("joined", "joins", "arrived", "arrives", "signed", "came", "completed", "completes", "moved",
	"rejoined", "rejoins", "returned", "sealed", "agreed", "accomplished", "followed", "left", "brought", "signing",
	"after", "having", "made", "was", "is", "has", "will", "set", "undergoing", "medical", "travel", "flew", "swapped",
	"move", "switch", "transfer", "deal", "loan", "on", "unveiled", "presented", "confirmed", "paying", "paid", "bought",
	"spending", "spent", "triggered", "triggering", "new", "first", "second", "third", "fourth", "club-record")

var joinWords = set("join", "joins", "joined", "joining", "alongside", "partner", "partnering", "replace", "replacing", "succeed", "successor")

var outletIntro = set("newspaper", "outlet", "daily", "website", "journalist", "reporter", "broadcaster", "station", "paper", "radio", "tabloid")

var placePrep = set("in", "from", "around", "across", "near", "outside", "of")

// weakClubWord are one-word aliases too common to trust on their own.
var weakClubWord = set("sport", "sports", "standard", "mirror", "record", "times", "sun", "express", "star", "independent", "national", "union", "olympic", "academy", "club", "city", "the")

var particle = set("de", "van", "der", "den", "di", "da", "dos", "das", "del", "della", "le", "la", "ter", "von", "el", "al", "bin", "mac", "du", "'t")

// stopCaps are capitalised words that never start or continue a person's name.
var stopCaps = set("the", "a", "an", "and", "but", "he", "his", "him", "they", "their", "it", "its", "in", "on", "at", "for",
	"with", "from", "to", "of", "by", "after", "before", "if", "as", "when", "while", "this", "that", "these", "those", "there",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
	"may", "june", "july", "august", "september", "october", "november", "december", "premier", "league", "champions",
	"europa", "cup", "world", "euro", "serie", "liga", "laliga", "bundesliga", "ligue", "mls", "fa", "uefa", "fifa", "cas",
	"super", "copa", "america", "nations", "conference", "division", "championship", "scudetto", "ballon", "or",
	"golden", "glove", "boot", "instead", "meanwhile", "however", "elsewhere", "indeed", "also", "read", "more", "photo",
	"caption", "getty", "images", "reuters", "afp", "pa", "epa", "live", "transfer", "news", "gossip", "paper", "talk",
	"talks", "done", "confirmed", "update", "twist", "welcome", "good", "morning", "first", "big", "and", "finally",
	"sources", "source", "reports", "report", "according", "spanish", "english", "french", "italian", "german",
	"portuguese", "dutch", "brazilian", "argentine", "major", "soccer", "qatari", "saudi", "sir", "president", "coach",
	"manager", "boss", "chief", "executive", "director", "owner", "captain", "midfielder", "striker", "defender", "forward",
	"winger", "goalkeeper", "club", "clubs", "city", "united", "real", "eastern", "western", "southern", "northern",
	"stadium", "arena", "park", "ground", "road", "lane", "cottage", "whatsapp", "instagram", "twitter", "facebook",
	"youtube", "tiktok", "bbc", "sky", "espn", "nba", "nfl", "mlb", "olympiastadion", "wanda", "metropolitano",
	"press", "radio", "tv", "video", "video assistant", "var", "covid", "coronavirus", "ligue 1", "serie a", "europe",
	"european", "africa", "asia", "madrid", "london", "paris", "milan", "munich", "turin", "barcelona", "manchester",
	"liverpool", "lisbon", "istanbul", "miami", "florida", "catalonia", "brittany", "bavaria", "merseyside")

func staffIntro(toks []token, i int) bool {
	p := toks[i-1].lower
	if staffNouns[p] && p != "academy" && p != "fans" && p != "supporters" && p != "website" && p != "statement" && p != "stadium" {
		return true
	}
	return p == "singer" || p == "singers" || p == "rapper" || p == "actor" || p == "minister" || p == "prime" || p == "referee" || p == "brother" || p == "father" || p == "son" || p == "wife"
}

// playerIntro reports whether the capitalised span [i,j) is presented as a
// footballer: after a position ("midfielder Thomas Partey"), as the object of
// a transfer ("the signing of", "a bid for"), or as the subject of one
// ("Kurt Zouma also came in on loan").
func playerIntro(toks []token, i, j int) bool {
	if i > 0 {
		p := toks[i-1].lower
		if roleNouns[p] || p == "signing" || p == "sign" || p == "signed" || p == "for" || p == "on" || p == "in" && i > 1 && toks[i-2].lower == "interest" || p == "about" || p == "over" || p == "with" && i > 1 && toks[i-2].lower == "terms" {
			return !(p == "for" || p == "on" || p == "over" || p == "in") || i > 1 && transferNoun[toks[i-2].lower]
		}
		if nations[p] && i > 1 && roleNouns[toks[i-2].lower] {
			return true
		}
	}
	if j < len(toks) {
		n := toks[j].lower
		n2 := ""
		if j+1 < len(toks) {
			n2 = toks[j+1].lower
		}
		switch n {
		case "has", "have", "had", "is", "was":
			return playerVerb[n2] || n2 == "completed" || n2 == "joined" || n2 == "signed" || n2 == "undergoing" || n2 == "agreed"
		case "joined", "completed", "signed", "arrived", "left", "rejoins", "joins", "completes", "signs", "also":
			return n != "also" || playerVerb[n2]
		case ",":
			return isAge(n2) || strings.HasPrefix(n2, "2") || strings.HasPrefix(n2, "3") && len(n2) == 2
		case "'s":
			return playerPossessed[n2]
		}
	}
	return false
}

var bidNoun = set("bid", "bids", "offer", "offers", "approach", "approaches", "proposal", "enquiry", "enquiries", "interest", "supply", "advances", "competition")

var transferNoun = set("bid", "offer", "move", "deal", "interest", "talks", "fee", "loan", "swoop", "approach", "agreement", "race", "pursuit", "enquiry", "moves", "bids", "offers", "clause")

var playerVerb = set("joined", "completed", "signed", "arrived", "left", "came", "moved", "undergoing", "agreed", "been", "handed", "rejoined", "returned", "followed")

var playerPossessed = set("contract", "agent", "representatives", "camp", "entourage", "move", "arrival", "departure", "future", "release", "deal", "signing", "transfer", "exit", "father", "people", "wages", "medical")

var opponentPrev = set("against", "v", "vs", "versus", "beat", "beating", "beaten", "thrashed", "humiliated", "eliminated", "face", "faces", "facing", "host", "hosts", "hosting", "visit", "visits", "overcame", "meet", "meets")

var opponentPrev2 = set("home to", "away at", "away to", "trip to", "defeat by", "defeat at", "defeat to", "lost to", "win at", "win over", "draw with", "draw at", "out by", "tie with", "game at", "game against", "opener at", "derby with", "loss to", "victory over", "final against", "winner against", "debut against", "beaten by", "knocked out", "start against", "starts against", "goal against", "lose to", "match against", "clash with", "trip to", "campaign at", "at home", "defeat against", "champions against", "by the")

func matchSentence(toks []token, cl [2]int) bool {
	n := 0
	for i := cl[0]; i < cl[1]; i++ {
		if matchWords[toks[i].lower] || strings.Count(toks[i].text, "-") == 1 && isScore(toks[i].text) {
			n++
		}
	}
	return n >= 2
}

func isScore(s string) bool {
	a, b, ok := strings.Cut(s, "-")
	_, e1 := strconv.Atoi(a)
	_, e2 := strconv.Atoi(b)
	return ok && e1 == nil && e2 == nil
}

// isFee reports whether a token is a transfer fee: "222m", "£25m", "world-record".
func prevText(toks []token, i int) string {
	if i == 0 {
		return ""
	}
	return toks[i-1].text
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func isFee(s string) bool {
	s = strings.TrimLeft(s, "€£$")
	if s == "world-record" || s == "club-record" || s == "record" {
		return true
	}
	if n := strings.TrimSuffix(strings.TrimSuffix(s, "m"), "bn"); n != s && n != "" {
		_, err := strconv.ParseFloat(n, 64)
		return err == nil
	}
	return false
}

func isAge(s string) bool {
	return strings.HasSuffix(s, "-year-old") || strings.HasSuffix(s, "-year-olds")
}

func attribution(toks []token, i, j int) bool {
	for k := max(0, i-3); k < i; k++ {
		switch toks[k].lower {
		case "according", "per", "reports", "reported", "says", "said", "claims", "claimed", "told", "by", "cited",
			"via", "tells", "telling", "in", "from", "newspaper", "outlet", "daily", "journalist", "reporter", "station",
			"broadcaster", "suggests", "adds", "writes", "report", "insists", "revealed", "reveals", "understands", "to":
			if toks[k].lower == "to" && (k == 0 || toks[k-1].lower != "according" && toks[k-1].lower != "told" && toks[k-1].lower != "spoke" && toks[k-1].lower != "speaking") {
				continue
			}
			if toks[k].lower == "in" && k != i-1 && !(k == i-2 && toks[i-1].lower == "the") {
				continue
			}
			if toks[k].lower == "from" && !(k > 0 && (toks[k-1].lower == "reports" || toks[k-1].lower == "report")) {
				continue
			}
			return true
		}
	}
	if j < len(toks) {
		switch toks[j].lower {
		case "reports", "reported", "says", "claims", "claimed", "understands", "has", "have", "revealed", "is",
			"believes", "adds", "suggests", "insists", "said", "reveals", "report", "writes", "journalist",
			"confirmed", "added", "also":
			if toks[j].lower == "has" || toks[j].lower == "have" || toks[j].lower == "is" || toks[j].lower == "also" {
				return j+1 < len(toks) && attribVerbs[toks[j+1].lower]
			}
			return true
		case ",", ".":
			// "..., reports Kicker." / "..., says Sport." handled by the words before
		}
	}
	return false
}

func isBlankSlot(toks []token, i int) bool {
	a, b := toks[i].lower, toks[i+1].lower
	// a preposition, article or list separator followed directly by
	// punctuation or another separator
	if blankBefore[a] && (b == "," || b == "." || b == "and" && a != "and" || b == "in" && a == "from" || b == "'s") {
		return true
	}
	if a == "," && (b == "," || b == "and" && i+2 < len(toks) && (toks[i+2].lower == "had" || toks[i+2].lower == "all" || toks[i+2].lower == "have")) {
		return true
	}
	if (a == "," || a == "and") && (b == "had" || b == "all" || b == "have") && i > 0 && !toks[i-1].punct {
		return false
	}
	return i == 0 && a == "'s"
}

func listJoined(toks []token, from, to int) bool {
	if to < from {
		return false
	}
	if to-from > 3 {
		return false
	}
	for k := from; k < to; k++ {
		switch toks[k].lower {
		case ",", "and", "or", "the", "&", "as", "well":
		default:
			return false
		}
	}
	return true
}

// joinedPlayer reports whether m is the object of "join" or "alongside",
// alone or in a list: "he joins Neymar and Kylian Mbappé".
func joinedPlayer(s *sent, m mention) bool {
	i := m.i
	for {
		if i == 0 {
			return false
		}
		if joinWords[s.toks[i-1].lower] {
			return true
		}
		// step back over ", " or "and" to the previous player of a list
		j := i - 1
		for j >= 0 && (s.toks[j].lower == "," || s.toks[j].lower == "and") {
			j--
		}
		if j == i-1 || j < 0 {
			return false
		}
		k := mentionAt(s, j)
		if k < 0 || s.ments[k].kind != mPlayer {
			return false
		}
		i = s.ments[k].i
	}
}

// listBlocked reports whether a player at i follows a list introduction
// ("an attack that already includes ...") in its clause.
func listBlocked(toks []token, from, i int) bool {
	for k := from; k < i; k++ {
		if listIntro[toks[k].lower] {
			return true
		}
	}
	return false
}

func clauseHas(toks []token, cl [2]int, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(w, " ") {
			for i := cl[0]; i < cl[1]; i++ {
				if toks[i].lower == w {
					return true
				}
			}
			continue
		}
		ws := strings.Fields(w)
		for i := cl[0]; i < cl[1]; i++ {
			if toks[i].lower == ws[0] && matchAt(toks, i, cl[1], ws) {
				return true
			}
		}
	}
	return false
}

func near(toks []token, from, to int, words ...string) bool {
	from, to = max(from, 0), min(to, len(toks))
	for i := from; i < to; i++ {
		for _, w := range words {
			if toks[i].lower == w {
				return true
			}
		}
	}
	return false
}

func matchAt(toks []token, i, end int, words []string) bool {
	if i+len(words) > end {
		return false
	}
	for k, w := range words {
		if w != "*" && toks[i+k].lower != w {
			return false
		}
	}
	return true
}

func indexOf(s *sent, m mention) int {
	for k, x := range s.ments {
		if x.i == m.i && x.kind == m.kind {
			return k
		}
	}
	return -1
}

func mentionAt(s *sent, i int) int {
	for k, m := range s.ments {
		if m.i <= i && i < max(m.j, m.i+1) && m.kind != mBlank {
			return k
		}
	}
	return -1
}

func hasPlayer(s *sent) bool {
	for _, m := range s.ments {
		if m.kind == mPlayer {
			return true
		}
	}
	return false
}

// nearestPlayers returns the player mentions of the sentence closest to the clause.
func nearestPlayers(s *sent, cl [2]int, beforeOnly bool) []mention {
	best, bestD := -1, 1<<30
	for k, m := range s.ments {
		if m.kind != mPlayer || beforeOnly && m.i >= cl[1] {
			continue
		}
		d := cl[0] - m.j
		if m.i >= cl[1] {
			d = m.i - cl[1] + 2 // prefer players before the clause
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best < 0 {
		return nil
	}
	return []mention{s.ments[best]}
}

// pickPlayers chooses which of the clause's players a destination club
// belongs to: all of them when the club leads the clause ("Real Madrid ...
// bringing in Hazard ... as well as Jovic"), else the nearest.
func pickPlayers(toks []token, players []mention, club mention) []mention {
	if len(players) <= 1 {
		return players
	}
	before := true
	for _, p := range players {
		if p.i < club.i {
			before = false
		}
	}
	if before {
		seen := map[string]bool{}
		var out []mention
		for _, p := range players {
			if !seen[p.name] {
				seen[p.name] = true
				out = append(out, p)
			}
		}
		return out
	}
	best, bestD := 0, 1<<30
	for k, p := range players {
		d := club.i - p.j
		if d < 0 {
			d = p.i - club.j + 1
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	// "Blaise Matuidi and Gonzalo Higuaín both left Juventus for Inter
	// Miami": the nearest player and those coordinated with him
	lo, hi := best, best+1
	for lo > 0 && coordinated(toks, players[lo-1], players[lo]) {
		lo--
	}
	for hi < len(players) && coordinated(toks, players[hi-1], players[hi]) {
		hi++
	}
	return players[lo:hi]
}

// coordinated reports whether two player mentions are joined by "and" or a
// comma: "Matuidi and Higuaín".
func coordinated(toks []token, a, b mention) bool {
	if a.ref || b.ref || b.i <= a.j || b.i-a.j > 2 {
		return false
	}
	for k := a.j; k < b.i; k++ {
		if toks[k].lower != "and" && toks[k].lower != "," {
			return false
		}
	}
	return true
}

// startsClub reports whether a club name plausibly starts at i (a capitalised
// word after "with": "with Fiorentina" is a party, "with Kovačić" a clause).
func startsClub(toks []token, i int) bool {
	return i+1 < len(toks) && (toks[i+1].lower == "for" || toks[i+1].lower == "over" || toks[i+1].lower == "." || toks[i+1].lower == "about") || i+1 == len(toks)
}

func startsName(toks []token, i int) bool {
	return i < len(toks) && toks[i].upper && !toks[i].punct
}

func sentenceStartWord(toks []token, i, j int) bool {
	return i == 0 && j-i == 1
}

func (st *state) clubAt(toks []token, i int) int {
	if len(st.x.g.ClubsFor(toks[i].fold)) > 0 {
		return 1
	}
	return 0
}

func sortMentions(s *sent) {
	sort.SliceStable(s.ments, func(a, b int) bool { return s.ments[a].i < s.ments[b].i })
}

func joinFold(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.fold
	}
	return strings.Join(parts, " ")
}

func joinText(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}

func spanHasPunct(toks []token) bool {
	for _, t := range toks {
		if t.punct {
			return true
		}
	}
	return false
}

func markUsed(used []bool, i, j int) {
	for k := i; k < j && k < len(used); k++ {
		used[k] = true
	}
}

func anyUsed(used []bool, i, j int) bool {
	for k := i; k < j; k++ {
		if used[k] {
			return true
		}
	}
	return false
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
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
