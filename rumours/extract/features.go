package extract

// Features of candidate links. The clause rules (roles.go) decide links on
// their own; their decisions are hard and cascaded (one wrong guess of the
// player's club deletes a link, one over-read cue decides a stage). Here every
// (player, club) pair the clauses saw becomes a candidate described by
// features — what the rules decided, the club's roles, cues, distances, where
// in the article the pair stands, what the gazetteer knows of the player at
// the article's date — and a learned model (model.go) decides which
// candidates are links.

import (
	"math"
	"strings"

	"transferbot/rumours"
)

// observation is one clause's view of a (player, club) pair.
type observation struct {
	player, club string
	sent         int
	role         role
	stage        rumours.Stage // the clause's strongest positive cue
	neg          rumours.Stage // its negative cue, if any
	hasCue       bool
	picked       bool // the rules paired this player with this club (pickPlayers)
	ref          bool // the player is named by a reference ("he", "the striker")
	dist         int  // tokens between the two mentions
	clubFirst    bool
	nClubs       int
	nPlayers     int
	clause       bool // the clause paired them; false: only the sentence (or item) did
	topicClub    bool // the club is the one the item or paragraph is about, not named here
	// words are the lexical features of the pair in this clause (see
	// pairWords): those the model weighs, or all of them for training;
	// wts are their weights, side by side (pairWords)
	words []string
	wts   []float64
	// sentCue: stage and neg are the whole sentence's cues, not a clause's
	// that pairs them (the pair stands only in the sentence)
	sentCue bool
}

// pairWords are the lexical features of a player and a club mention in one
// sentence: the words between them (when they are close), and the word
// before and after the club, each marked with where it stands. The model
// learns a weight for each such feature seen often enough in training.
//
// It returns the features and, side by side, their weights in the model
// (Model.Lexical), so that scoring a candidate sums them without looking
// each up by name.
func (st *state) pairWords(toks []token, p, c mention) ([]string, []float64) {
	ws := st.ws
	n := len(ws.words)
	// add adds the feature prefix+(t's word); lex is st.x.lexical[prefix]
	add := func(prefix string, lex *lexicalTable, t *token) {
		if st.allWords {
			f := prefix + t.lower
			w := 0.0
			if st.x.model != nil {
				w = st.x.model.Lexical[f]
			}
			ws.words, ws.wordWts = append(ws.words, f), append(ws.wordWts, w)
		} else if f := lex.find(t); f.name != "" {
			ws.words, ws.wordWts = append(ws.words, f.name), append(ws.wordWts, f.weight)
		}
	}
	lex := &st.x.pairLexical
	if c.i > 0 {
		add("club-1=", lex.clubPrev, &toks[c.i-1])
	}
	if c.j < len(toks) {
		add("club+1=", lex.clubNext, &toks[c.j])
	}
	if p.i >= 0 {
		lo, hi, dir, between := p.j, c.i, "p>c=", lex.playerFirst
		if c.i < p.i {
			lo, hi, dir, between = c.j, p.i, "c>p=", lex.clubFirst
		}
		if hi-lo <= 8 {
			for k := lo; k < hi; k++ {
				if !toks[k].punct || toks[k].text == "," || toks[k].text == "'s" {
					add(dir, between, &toks[k])
				}
			}
		}
	}
	if len(ws.words) == n {
		return nil, nil
	}
	return ws.words[n:len(ws.words):len(ws.words)], ws.wordWts[n:len(ws.wordWts):len(ws.wordWts)]
}

// hasWord reports whether words (with their weights wts, side by side)
// has the lexical feature w, of weight wt. A feature has one weight
// wherever it is found, so comparing the weights first rules out most
// words without comparing the strings, many of them of the same length.
func hasWord(words []string, wts []float64, w string, wt float64) bool {
	for k := range words {
		if wts[k] == wt && words[k] == w {
			return true
		}
	}
	return false
}

// withWords returns o with its lexical features and their weights.
func (o observation) withWords(words []string, wts []float64) observation {
	o.words, o.wts = words, wts
	return o
}

// pairLexical are the tables of pairWords' four prefixes, found once.
type pairLexical struct {
	clubPrev, clubNext     *lexicalTable // "club-1=", "club+1="
	playerFirst, clubFirst *lexicalTable // "p>c=", "c>p="
}

// pairLexicalOf picks pairWords' tables from the tables by prefix.
func pairLexicalOf(l map[string]*lexicalTable) pairLexical {
	return pairLexical{clubPrev: l["club-1="], clubNext: l["club+1="], playerFirst: l["p>c="], clubFirst: l["c>p="]}
}

// lexicalTable holds the lexical features of one prefix that the model
// weighs, by word.
type lexicalTable struct {
	byWord map[string]lexFeature
	// byNumber has them by the number of the word in Extractor.words, when
	// every word is there (complete): a token's number finds its feature
	// without hashing the word again. It holds the feature's place in
	// feats (0: none), two bytes a word where the features themselves
	// took 24: the table is read at random for every pair's words, and at
	// a tenth of the size it stays in the cache.
	byNumber []uint16
	feats    []lexFeature // feats[0] is no feature
	complete bool
}

// lexFeature is a lexical feature and its weight in the model.
type lexFeature struct {
	name   string
	weight float64
}

// find returns the feature of t's lower-cased word, one without a name if
// the model weighs none.
func (l *lexicalTable) find(t *token) lexFeature {
	switch {
	case l == nil:
		return lexFeature{}
	case l.complete:
		return l.feats[l.byNumber[t.w]] // (number 0, the words not in the table, has none)
	}
	return l.byWord[t.lower]
}

// lexicalIndex files the lexical features m weighs (not zero) by their
// prefix ("club-1=", "p>c=", ...) and word: an extraction finds a pair's
// features there from the words, without joining them. x's word table
// numbers the words of its own model (New); another model's (the trainer's)
// may have words it lacks, and those are found by word.
func lexicalIndex(x *Extractor, m *Model) map[string]*lexicalTable {
	out := map[string]*lexicalTable{}
	if m == nil {
		return out
	}
	for f, w := range m.Lexical {
		prefix, word, ok := strings.Cut(f, "=")
		if !ok || w == 0 {
			continue
		}
		prefix += "="
		if out[prefix] == nil {
			out[prefix] = &lexicalTable{byWord: map[string]lexFeature{}, byNumber: make([]uint16, len(x.wordInfo)), feats: []lexFeature{{}}, complete: true}
		}
		l := out[prefix]
		l.byWord[word] = lexFeature{f, w}
		if n := x.words.get(word); n > 0 && len(l.feats) <= math.MaxUint16 {
			l.byNumber[n] = uint16(len(l.feats))
			l.feats = append(l.feats, lexFeature{f, w})
		} else {
			l.complete = false
		}
	}
	return out
}

// observe records the pairs of one clause: each player the clause is about
// with each club it names, with the role the rules gave the club.
func (st *state) observe(s *sent, cl [2]int, players []mention, clubs []int, roles []role, stage, neg rumours.Stage, hasCue bool) {
	if s.roles == nil {
		s.roles = carve(&st.ws.sentRoles, len(s.ments))[:len(s.ments)]
		clear(s.roles) // (the slab's previous article's)
	}
	for n, k := range clubs {
		c := s.ments[k]
		s.roles[k] = roles[n]
		if c.name == "" {
			continue
		}
		picked := pickPlayers(&st.ws.picked, s.toks, players, c)
		s.work += len(players) * (1 + len(picked))
		for _, p := range players {
			if p.name == "" {
				continue
			}
			d := c.i - p.j
			if d < 0 {
				d = p.i - c.j
			}
			isPicked := false
			for _, q := range picked {
				if q.name == p.name {
					isPicked = true
				}
			}
			st.observation(observation{
				player: p.name, club: c.name, sent: s.idx, role: roles[n], stage: stage, neg: neg,
				hasCue: hasCue, picked: isPicked, ref: p.ref, dist: abs(d), clubFirst: c.i < p.i,
				nClubs: len(clubs), nPlayers: len(players), clause: true,
			}.withWords(st.pairWords(s.toks, p, c)))
		}
	}
}

// Bounds of one extraction's records. A news article, roundups and live
// blogs included, has at most a few hundred mentions of links; a page with
// more is not prose (a crawled list, spam), and what is past these bounds is
// not read, so that the work stays linear in the page's length (the loops
// over the records per link are bounded by these constants).
const (
	maxEvidence     = 2000
	maxObservations = 4000
)

// addEvidence records a mention of a link, up to maxEvidence.
func (st *state) addEvidence(e evidence) {
	if len(st.ev) < maxEvidence {
		st.ev = append(st.ev, e)
		if st.sents[e.sent].year == 0 {
			st.strongest[e.player] = st.strongest[e.player].add(e.club, e.stage)
		}
	}
}

// observation records a pair, up to maxObservations.
func (st *state) observation(o observation) {
	if len(st.obs) < maxObservations {
		st.obs = append(st.obs, o)
	}
}

// obsOf returns the index in st.obs of the pair's first observation, -1
// if none; st.obsNext[i] is the pair's next after i, -1 after the last:
//
//	for i := st.obsOf(player, club); i >= 0; i = st.obsNext[i] { ... }
//
// The index is built once the clauses are read: each pair's first
// observation, and after each the pair's next (a list per pair cost an
// allocation each, and so did an iterator's closure).
func (st *state) obsOf(player, club string) int32 {
	if st.obsFirst == nil {
		if st.ws.obsFirst == nil {
			st.ws.obsFirst = make(map[key]int32, len(st.obs))
		}
		st.obsFirst = st.ws.obsFirst // the previous article's map, emptied
		clear(st.obsFirst)
		st.obsNext = carve(&st.ws.next, len(st.obs))[:len(st.obs)]
		for i := len(st.obs) - 1; i >= 0; i-- {
			k := key{st.obs[i].player, st.obs[i].club}
			next, ok := st.obsFirst[k]
			if !ok {
				next = -1
			}
			st.obsNext[i] = next
			st.obsFirst[k] = int32(i)
		}
	}
	if first, ok := st.obsFirst[key{player, club}]; ok {
		return first
	}
	return -1
}

// observeSentence records the pairs a sentence holds beyond its clauses:
// every player it names with every club it names, and, when it names no
// player, the player its item or paragraph is about with its clubs ("Everton
// and Roma are monitoring the striker").
func (st *state) observeSentence(s *sent, topic, topicClub string) {
	// (the workspace's set, emptied: a map per sentence cost an allocation or more each)
	seen := &st.ws.seen
	seen.reset()
	for k := len(st.obs) - 1; k >= 0 && st.obs[k].sent == s.idx; k-- {
		seen.add(st.obs[k].player, st.obs[k].club) // this sentence's clauses' pairs
	}
	players := st.ws.players[:0] // (relateClause's array, free now)
	nClubs := 0
	// the sentence's cues stage what only the sentence pairs: "Karim
	// Benzema and N'Golo Kanté arrived on free transfers" under AL-ITTIHAD
	var stage, neg rumours.Stage
	hasCue, cued := false, false
	cue := func() { // once, for the first pair only the sentence holds
		if !cued && len(s.toks) > 0 {
			stage, neg, hasCue, _, _ = st.clauseCues(s, [2]int{0, len(s.toks)})
		}
		cued = true
	}
	for mk := range s.ments {
		m := &s.ments[mk]
		switch {
		case m.kind == mPlayer && m.name != "":
			players = append(players, *m)
		case m.kind == mClub && m.name != "":
			nClubs++
		}
	}
	st.ws.players = players[:0]
	if len(players) == 0 && topic != "" {
		players = append(players, mention{kind: mPlayer, name: topic, ref: true, i: -1, j: -1}) // (still the workspace's array)
	}
	// a club the item or paragraph is about stands for a club this
	// sentence does not name: "AL-HILAL / Neymar's arrival from PSG was the
	// headline, but Jorge Jesus also got Mitrovic from Fulham"
	if topicClub != "" && nClubs < len(s.ments) {
		for _, p := range players {
			if p.i < 0 || seen.has(p.name, topicClub) {
				continue
			}
			seen.add(p.name, topicClub)
			cue()
			st.observation(observation{player: p.name, club: topicClub, sent: s.idx, ref: p.ref,
				dist: len(s.toks), nClubs: nClubs, nPlayers: len(players), topicClub: true,
				stage: stage, neg: neg, sentCue: hasCue})
		}
	}
	for k := range s.ments {
		c := &s.ments[k]
		if c.kind != mClub || c.name == "" {
			continue
		}
		s.work += len(players)
		for _, p := range players {
			if seen.has(p.name, c.name) {
				continue
			}
			seen.add(p.name, c.name)
			cue()
			d := len(s.toks)
			if p.i >= 0 {
				d = c.i - p.j
				if d < 0 {
					d = p.i - c.j
				}
			}
			st.observation(observation{
				player: p.name, club: c.name, sent: s.idx, role: s.roleGiven(k), ref: p.ref, dist: abs(d),
				clubFirst: p.i >= 0 && c.i < p.i, nClubs: nClubs, nPlayers: len(players),
				stage: stage, neg: neg, sentCue: hasCue,
			}.withWords(st.pairWords(s.toks, p, *c)))
		}
	}
}

// pairSet is a set of (player, club) pairs, emptied for each sentence
// (observeSentence). A sentence holds a few pairs: they are found by a scan
// of a short list, cheaper than hashing two strings for a map; past
// pairSetSmall pairs (a list page) a map takes over, so that a sentence of
// many pairs costs no square of their number.
type pairSet struct {
	small [][2]string
	big   map[[2]string]bool
}

const pairSetSmall = 16

func (ps *pairSet) reset() {
	ps.small = ps.small[:0]
	if len(ps.big) > 0 {
		clear(ps.big)
	}
}

func (ps *pairSet) has(player, club string) bool {
	if len(ps.big) > 0 {
		return ps.big[[2]string{player, club}]
	}
	for _, k := range ps.small {
		if k[0] == player && k[1] == club {
			return true
		}
	}
	return false
}

func (ps *pairSet) add(player, club string) {
	if len(ps.big) > 0 {
		ps.big[[2]string{player, club}] = true
		return
	}
	ps.small = append(ps.small, [2]string{player, club})
	if len(ps.small) > pairSetSmall {
		if ps.big == nil {
			ps.big = map[[2]string]bool{}
		}
		for _, k := range ps.small {
			ps.big[k] = true
		}
		ps.small = ps.small[:0]
	}
}

// featureNames name the features of a candidate, in order. The model's
// weights follow this order; a trained model records the names it was
// trained with, and loading checks them.
var featureNames = []string{
	"bias",
	"rule_link",       // the rules kept the pair as a link
	"rule_evidence",   // the rules saw evidence for the pair (before their filters)
	"rule_explicit",   // ... with an explicit role
	"rule_primary",    // the rules call the link primary
	"log_mentions",    // log(1 + clauses that pair them)
	"role_dest",       // a clause gives the club the destination role
	"role_from",       // ... the club he leaves or plays for
	"role_former",     // ... a former club
	"role_opp",        // ... an opponent
	"role_staff",      // ... someone's employer
	"role_current",    // ... his club ("the Rennes midfielder")
	"role_done_dest",  // ... his new club ("is now a Leeds player")
	"role_rival",      // ... a rival suitor
	"role_none",       // ... no role
	"picked",          // the rules paired this player with this club
	"only_ref",        // the player is only named by references in these clauses
	"near",            // 1/(1+distance/4) at the closest
	"club_first",      // the club comes before the player
	"cue",             // the clause has a stage cue
	"cue_agreed",      // ... agreed or stronger
	"cue_negative",    // ... a denial or collapse
	"text_current",    // the text names the club as his ("the Rennes midfielder")
	"gaz_current",     // the gazetteer has him at the club at the article's date (rules have no link)
	"gaz_former",      // the gazetteer has him at the club before (rules have no link: else a return)
	"recorded_move",   // the gazetteer records his move there within months
	"headline",        // the pair is in the headline
	"lead",            // ... in the first sentence of the article, an item or a paragraph
	"old_year",        // ... in a sentence that dates it years back
	"crowded",         // many clubs in the clause
	"clause",          // a clause pairs them (else only a sentence or item does)
	"topic_club",      // the club is what the item or paragraph is about, not named with him
	"main_player",     // the player is the article's most named
	"leaving_club",    // the text has him leaving the club
	"undated_article", // the article has no date (gazetteer facts unknown)
}

// key is a (player, club) pair.
type key struct{ p, c string }

// candidate is a (player, club) pair with its features and the link the
// rules would report for it (Stage unknown when they report none: linkOf
// finds the link then).
type candidate struct {
	link  rumours.Link
	f     []float64
	sf    []float64 // stage features
	words []string  // lexical features over all its observations, each once
	wts   []float64 // their weights in the model, side by side
}

// candidates gathers every pair the clauses saw or the rules reported, with
// features. rule are the links the rules kept.
//
// The list is in the workspace's array, good until the next call.
func (st *state) candidates(rule []rumours.Link) []candidate {
	// the map and arrays are the workspace's, from one call to the next
	ws := st.ws
	if ws.candIdx == nil {
		ws.candIdx = map[key]int{}
	}
	idx := ws.candIdx
	clear(idx)
	out := ws.cands[:0]
	// per candidate: the clauses that pair them, and whether one names the
	// player (not by a reference)
	count, named := ws.candCount[:0], ws.candNamed[:0]
	defer func() { ws.cands, ws.candCount, ws.candNamed = out, count[:0], named[:0] }() // (release empties cands)
	// at answers the pair asked last from its last answer: the evidence
	// and the observations come pair after pair, and comparing the names
	// costs less than hashing them
	lastP, lastC, lastI := "", "", -1
	at := func(p, c string) int {
		if lastI >= 0 && p == lastP && c == lastC {
			return lastI
		}
		k := key{p, c}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			f := st.ws.features()
			f[0] = 1
			out = append(out, candidate{link: rumours.Link{Player: p, To: c}, f: f})
			count, named = append(count, 0), append(named, false)
		}
		lastP, lastC, lastI = p, c, i
		return i
	}
	add := func(p, c string) *candidate { return &out[at(p, c)] }
	const (
		fRule = iota + 1
		fEvidence
		fExplicit
		fPrimary
		fMentions
		fRoleDest
		fRoleFrom
		fRoleFormer
		fRoleOpp
		fRoleStaff
		fRoleCurrent
		fRoleDoneDest
		fRoleRival
		fRoleNone
		fPicked
		fOnlyRef
		fNear
		fClubFirst
		fCue
		fCueAgreed
		fCueNeg
		fTextCurrent
		fGazCurrent
		fGazFormer
		fRecorded
		fHeadline
		fLead
		fOldYear
		fCrowded
		fClause
		fTopicClub
		fMain
		fLeaving
		fUndated
	)
	roleFeature := [...]int{roleDest: fRoleDest, roleFrom: fRoleFrom, roleFormer: fRoleFormer, roleOpp: fRoleOpp,
		roleStaff: fRoleStaff, roleCurrent: fRoleCurrent, roleDoneDest: fRoleDoneDest, roleRival: fRoleRival, roleNone: fRoleNone, roleWith: fRoleFrom, roleBeaten: fRoleRival}
	for _, l := range rule {
		c := add(l.Player, l.To)
		c.link = l
		c.f[fRule] = 1
		if l.Primary {
			c.f[fPrimary] = 1
		}
	}
	for ei := range st.ev {
		e := &st.ev[ei]
		c := add(e.player, e.club)
		c.f[fEvidence] = 1
		if e.explicit {
			c.f[fExplicit] = 1
		}
	}
	// the players the rules linked (or evidence names), asked by
	// namedPlayer only of a name the gazetteer does not know that has no
	// space in it: the set is made at the first such name, as most
	// articles have none
	var ruled map[string]bool
	ruledPlayer := func(p string) bool {
		if ruled == nil {
			ruled = reuse(&st.ws.ruled)
			for k := range idx {
				ruled[k.p] = true
			}
		}
		return ruled[p]
	}
	// (namedPlayer's answer for the player of the observation before, who
	// is often the player of the next)
	lastNamed, lastNamedOK := "", false
	for oi := range st.obs {
		o := &st.obs[oi]
		if o.player == "" || o.club == "" {
			continue
		}
		if o.player != lastNamed || lastNamed == "" {
			lastNamed, lastNamedOK = o.player, st.namedPlayer(o.player, ruledPlayer)
		}
		if !lastNamedOK {
			continue
		}
		i := at(o.player, o.club)
		c := &out[i]
		count[i]++
		named[i] = named[i] || !o.ref
		c.f[roleFeature[o.role]] = 1
		for k, w := range o.words {
			if c.words == nil {
				// (room for most candidates' words)
				c.words, c.wts = carve(&st.ws.lexical, 8), carve(&st.ws.lexicalWts, 8)
			}
			if !hasWord(c.words, c.wts, w, o.wts[k]) {
				c.words, c.wts = appendCarved(&st.ws.lexical, c.words, w), appendCarved(&st.ws.lexicalWts, c.wts, o.wts[k])
			}
		}
		if o.picked {
			c.f[fPicked] = 1
		}
		c.f[fNear] = math.Max(c.f[fNear], 1/(1+float64(o.dist)/4))
		if o.clubFirst {
			c.f[fClubFirst] = 1
		}
		if o.hasCue {
			c.f[fCue] = 1
		}
		if o.stage >= rumours.Agreed && !o.stage.Negative() {
			c.f[fCueAgreed] = 1
		}
		if o.neg != rumours.StageUnknown {
			c.f[fCueNeg] = 1
		}
		s := st.sents[o.sent]
		if o.sent == 0 {
			c.f[fHeadline] = 1
		}
		if o.sent <= 1 || s.first {
			c.f[fLead] = 1
		}
		if s.year > 0 {
			c.f[fOldYear] = 1
		}
		if o.nClubs >= 3 {
			c.f[fCrowded] = 1
		}
		if o.clause {
			c.f[fClause] = 1
		}
		if o.topicClub {
			c.f[fTopicClub] = 1
		}
	}
	// how often each player is named, for the article's main player
	times := reuse(&st.ws.times)
	top := 0
	for _, s := range st.sents {
		for k := range s.ments {
			if m := &s.ments[k]; m.kind == mPlayer && m.name != "" {
				times[m.name]++
			}
		}
	}
	for _, n := range times { // (the players, fewer than their mentions)
		top = max(top, n)
	}
	for i := range out {
		c := &out[i]
		p, club := c.link.Player, c.link.To
		c.f[fMentions] = math.Log1p(float64(count[i]))
		if count[i] > 0 && !named[i] {
			c.f[fOnlyRef] = 1 // only references name him
		}
		if st.current[p] == club {
			c.f[fTextCurrent] = 1
		}
		if st.a.Published.IsZero() {
			c.f[fUndated] = 1
		} else if gi, ok := st.playerByName(p); ok {
			// the rules decide from the text whether his club or a former
			// club is a destination ("a return"); the gazetteer speaks only
			// for pairs they dropped
			if c.f[fRule] == 0 && st.x.g.ClubAt(gi, st.a.Published) == club {
				c.f[fGazCurrent] = 1
			}
			if c.f[fRule] == 0 && st.formerClub(gi, club) {
				c.f[fGazFormer] = 1
			}
			if st.recordedMove(p, club) {
				c.f[fRecorded] = 1
			}
		}
		if times[p] == top && top > 0 {
			c.f[fMain] = 1
		}
		if st.leaving(p, club) {
			c.f[fLeaving] = 1
		}
	}
	return out
}

// linkOf returns the link of candidate c: the rules' if they kept it,
// else candidateLink's, found only for the candidates that ask (the model
// rejects most).
func (st *state) linkOf(c *candidate) rumours.Link {
	if c.link.Stage == rumours.StageUnknown {
		return st.candidateLink(c.link.Player, c.link.To)
	}
	return c.link
}

// features returns a zeroed feature vector, cut from the workspace's array.
func (ws *workspace) features() []float64 {
	f := carve(&ws.feats, len(featureNames))[:len(featureNames)]
	clear(f)
	return f
}

// namedPlayer reports whether a name found by the mentions may stand as a
// candidate's player: a player the gazetteer knows, a full name, or one the
// rules linked. A bare surname that resolved to nobody ("Ramos" when two
// players share it) is not a player the bot could name.
func (st *state) namedPlayer(name string, ruled func(string) bool) bool {
	_, known := st.playerByName(name)
	return known || strings.Contains(name, " ") || ruled(name)
}

// completedBy reports whether the gazetteer has the player's move to club
// done by the article's date, within the year before it.
func (st *state) completedBy(player, club string) bool {
	gi, ok := st.playerByName(player)
	if !ok || st.a.Published.IsZero() {
		return false
	}
	for _, m := range st.x.g.Players[gi].Moves {
		if m.To == club && !m.EndOfLoan && !m.Date.After(st.a.Published.AddDate(0, 0, 7)) && m.Date.After(st.a.Published.AddDate(-1, 0, 0)) {
			return true
		}
	}
	return false
}

// formerClub reports whether the gazetteer has player gi at club before the
// article's date and elsewhere at it.
func (st *state) formerClub(gi int, club string) bool {
	g := st.x.g
	for _, m := range g.Players[gi].Moves {
		if m.Date.After(st.a.Published) {
			break
		}
		if m.From == club || m.To == club {
			return g.ClubAt(gi, st.a.Published) != club
		}
	}
	return false
}

// candidateLink is the link reported for a pair the rules did not keep: the
// strongest positive cue of the clauses that pair them (a denial or collapse
// if that is the latest) and his club at the date as the club he leaves; its
// outlets are credited with the others' (creditOutlets).
func (st *state) candidateLink(player, club string) rumours.Link {
	l := rumours.Link{Player: player, To: club}
	pos, neg, posAt, negAt, first := rumours.StageUnknown, rumours.StageUnknown, -1, -1, -1
	for i := st.obsOf(player, club); i >= 0; i = st.obsNext[i] {
		o := st.obs[i]
		if first < 0 {
			first = o.sent
		}
		st := o.stage
		if !o.hasCue && !o.sentCue || st == rumours.StageUnknown {
			st = rumours.Speculation
		}
		if o.role == roleDoneDest {
			st = rumours.Done
		}
		if st > pos && !st.Negative() {
			pos, posAt = st, o.sent
		}
		if o.neg != rumours.StageUnknown {
			neg, negAt = o.neg, o.sent
		}
	}
	l.Stage = pos
	if neg != rumours.StageUnknown && negAt >= posAt {
		l.Stage = neg
	}
	if l.Stage == rumours.StageUnknown {
		l.Stage = rumours.Speculation
	}
	// a move the gazetteer has completed by the article's date is done:
	// "United finally have a plan: Zirkzee from Bologna, Yoro from Lille"
	if !l.Stage.Negative() && st.completedBy(player, club) {
		l.Stage = rumours.Done
	}
	if cur := st.currentClub(player); cur != club {
		l.From = cur
	}
	if first >= 0 {
		l.Quote = quote(st.sents[first].text)
		l.Primary = st.isPrimary(first, player)
	}
	return l
}
