package extract

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours"
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
	outlets *outletTable
	// workspaces are the extractions' workspaces free for reuse
	workspaces *sync.Pool
	cues       map[string][]cue // first word -> cues, longest first
	// firstNames indexes players by first name, for roundup headings.
	firstNames map[string][]int
	// names holds every folded name, alias and nickname of the gazetteer:
	// most spans of capitalised words are none, and skip joining them and
	// looking them up.
	names wordFilter
	// clubNames holds those of clubs: most names are players', and skip
	// the clubs' map
	clubNames wordFilter
	// personNames holds the people table's names and surnames: most
	// capitalised spans are no coach's, and skip the people's two maps
	personNames wordFilter
	// words numbers the lower-cased words that the rules look up token by
	// token (the stage cues' first words, the word sets of wordFlags):
	// each token gets its word's number and flags once (token.w,
	// token.flags), and the rules find what they need there rather than
	// hashing the word into a map again at each look.
	words    wordTable
	wordInfo []wordInfo // by number; wordInfo[0] is every other word's
	// wordNumbers are the words' numbers while New builds the table
	wordNumbers map[string]int32
	model       *Model // decides links from the candidates; nil: the rules alone
	// lexical are the lexical features the model weighs, by prefix and
	// word (lexicalIndex)
	lexical     map[string]*lexicalTable
	pairLexical pairLexical // pairWords' tables of lexical
}

// New returns an extractor that knows the clubs and players of g and the
// outlets of outlets (rumours.DefaultOutlets, or a deployment's table).
func New(g *gazetteer.Gazetteer, outlets []rumours.Outlet) *Extractor {
	x := &Extractor{g: g, outlets: newOutletTable(outlets), cues: map[string][]cue{}, firstNames: map[string][]int{},
		workspaces: &sync.Pool{New: func() any { return &workspace{} }}}
	// the committed model matches the features (TestDefaultModel); a model
	// that did not would leave the rules alone deciding
	x.model, _ = DefaultModel()
	x.names, x.clubNames, x.personNames = keyFilter(g.NameKeys), keyFilter(g.ClubKeys), keyFilter(g.PersonKeys)
	for i, p := range g.Players {
		if p.Minor {
			continue // known by his full name only
		}
		if f := strings.Fields(gazetteer.Fold(p.Name)); len(f) >= 2 {
			x.firstNames[f[0]] = append(x.firstNames[f[0]], i)
		}
	}
	x.wordInfo = []wordInfo{{}} // (number 0: the words not in the table)
	for _, c := range stageCues {
		x.cues[c.words[0]] = append(x.cues[c.words[0]], c)
	}
	for _, l := range x.cues {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].words) > len(l[j].words) })
		for k := range l {
			for n, w := range l[k].words {
				l[k].ids[n] = -1
				if w != "*" {
					l[k].ids[n] = x.word(w)
				}
			}
		}
	}
	for _, c := range stageCues {
		w := &x.wordInfo[x.word(c.words[0])]
		w.cues, w.flags = x.cues[c.words[0]], w.flags|wCue
	}
	for _, fs := range wordFlagSets() {
		for w := range fs.set {
			x.wordInfo[x.word(w)].flags |= fs.flag
		}
	}
	for w := range x.outlets.first {
		x.wordInfo[x.word(strings.ToLower(w))].flags |= wOutletFirst
	}
	for w := range x.outlets.lowerFirst {
		x.wordInfo[x.word(strings.ToLower(w))].flags |= wOutletLowerFirst
	}
	if x.model != nil {
		for f := range x.model.Lexical {
			if _, word, ok := strings.Cut(f, "="); ok && word != "" {
				x.word(word)
			}
		}
	}
	x.words.build(x.wordNumbers, func(n int32) wordFlags { return x.wordInfo[n].flags })
	x.wordNumbers = nil
	x.lexical = lexicalIndex(x, x.model)
	x.pairLexical = pairLexicalOf(x.lexical)
	return x
}

// wordInfo is what the rules look up about a lower-cased word (see
// Extractor.words).
type wordInfo struct {
	cues  []cue // the stage cues it starts, longest first
	flags wordFlags
}

// word returns the number of the lower-cased word w, adding it, while New
// builds the table.
func (x *Extractor) word(w string) int32 {
	if x.wordNumbers == nil {
		x.wordNumbers = map[string]int32{}
	}
	n, ok := x.wordNumbers[w]
	if !ok {
		n = int32(len(x.wordInfo))
		x.wordNumbers[w] = n
		x.wordInfo = append(x.wordInfo, wordInfo{})
	}
	return n
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
	// flags are the flags of its tokens together: a scan for the words
	// of a flag skips a sentence that has none
	flags   wordFlags
	ments   []mention
	outlets []string   // outlets the sentence cites
	cites   []citation // ... and how (outlets.go)
	units   []unitSpan // the outlet units its tokens belong to (outlets.go)
	idx     int
	year    int             // a year the sentence mentions before the article's, 0 if none
	youth   bool            // the sentence dates something by his youth ("as a teenager"): history
	cls     [][2]int        // its clauses, once computed
	facts   []clauseFactsAt // facts about its clauses, once computed
	roles   []role          // the role its clauses gave each club mention (by index), once one has
	work    int             // steps of the scans over it (see state.work)
	mi      mentionIndex    // see index
	// joined is joinedPlayer's answer for a player mention starting at
	// each token (0 not known yet, 1 no, 2 yes), while its clauses are related
	joined []int8
	// leads are the last two clauses led by a destination, latest first,
	// once leadsDone (otherLead)
	leads      [2]clauseLead
	leadsDone  bool
	blanks     map[int]bool // blankListed's answer, once blanksDone
	blanksDone bool
	// attrib are the tokens attributing it to an outlet, once attribDone (attribution)
	attrib     []int
	attribDone bool
	// tokens found by scan, in order: blank slots, and those the loops
	// named visit instead of every token
	slots    []int32 // blank slots (findEntities)
	caps     []int32 // capitalised words, not punctuation (findEntities, findShortNames)
	refs     []int32 // words of wRefWord (addRefs)
	clauseAt []int32 // words of wClauseWord (clauses)
	cueAt    []int32 // words of wCue or wCueSpecial (clauseCues)
	factAt   []int32 // words of wFactWord (clauseFactsOf)
	outletAt []int32 // tokens a citation may start at (findOutlets)
}

// pendingActor is a club whose pursuit names no player: "Barcelona are still
// trying to bring in a striker."
type pendingActor struct {
	club       string
	stage      rumours.Stage
	sent, para int
}

// evidence is one mention of a link in one clause.
type evidence struct {
	player, club string
	stage        rumours.Stage
	sent         int
	from         string
	explicit     bool // the club's role was explicit ("join X", "X are interested")
}

// Extract returns the links that a reports, one per (player, destination)
// pair, primary links first.
func (x *Extractor) Extract(a rumours.Article) []rumours.Link {
	links, _ := x.ExtractContext(context.Background(), a)
	return links
}

// ExtractContext is Extract that stops when ctx is done: it checks ctx
// between sentences, and then returns ctx's error and no links.
func (x *Extractor) ExtractContext(ctx context.Context, a rumours.Article) ([]rumours.Link, error) {
	ws := x.workspaces.Get().(*workspace)
	defer x.workspaces.Put(ws)
	st := x.newState(a, ws)
	defer st.release()
	st.ctx = ctx
	st.run()
	if err := ctx.Err(); err != nil {
		return nil, err // the caller names the article
	}
	return st.links(), nil
}

// newState returns the empty working memory of one extraction, in ws's
// arrays and maps (nil: new ones).
func (x *Extractor) newState(a rumours.Article, ws *workspace) *state {
	if ws == nil {
		ws = &workspace{}
	}
	if ws.current == nil {
		ws.current, ws.leftClub, ws.persons, ws.register = map[string]string{}, map[string]string{}, map[string]bool{}, map[string]string{}
		ws.recentAt, ws.named, ws.byName, ws.strongest = map[string]int{}, map[string]int{}, map[string]int32{}, map[string]strongestMoves{}
	}
	ws.x = x             // (its tokens get the numbers and flags of x's words)
	if ws.folds == nil { // the caches kept from article to article
		ws.folds, ws.keysOf = map[string]string{}, map[string][]string{}
	}
	if ws.recentPlayers == nil {
		ws.recentPlayers = make([]string, 0, maxRecentPlayers) // (seePlayer keeps it at most this long)
	}
	clear(ws.recentPlayers[:maxRecentPlayers])
	return &state{x: x, a: a, ws: ws, ctx: context.Background(), current: ws.current, leftClub: ws.leftClub, persons: ws.persons,
		register: ws.register, recentAt: ws.recentAt, named: ws.named, strongest: ws.strongest, ev: ws.ev[:0], obs: ws.obs[:0],
		recent: ws.recentPlayers[:0]}
}

// workspace holds the arrays and maps an extraction fills, for the next one
// to reuse (Extractor.workspaces): allocating them anew for each article
// cost more in garbage collection, which marks the whole gazetteer each
// cycle, than filling them. Nothing an extraction returns points into them.
type workspace struct {
	x          *Extractor      // the extractor whose extraction uses it
	toks       []token         // the tokens of the sentences, one after another
	sentences  []sentence      // splitArticle's
	texts      []string        // splitArticle's sentences of a paragraph
	key        []byte          // a span's folded words joined, for a map lookup
	lowText    strings.Builder // the article's words' lower-case forms that are not their own (tokenizeTo)
	spanHashes []uint32        // findEntities' hashes of a run's spans
	sents      []sent
	ptrs       []*sent
	ev         []evidence
	obs        []observation
	folds      map[string]string   // the folded forms of words that are not plain (kept for the next articles)
	words      []string            // the observations' lexical features, one after another
	wordWts    []float64           // their weights, side by side
	keysOf     map[string][]string // registerKeys' (kept for the next articles)
	feats      []float64           // the candidates' features, one vector after another
	// arrays cut into the sentences' mentions, clauses, clause facts and
	// outlet units (carve); spans is clauses' before splitSubjects
	ments   []mention
	clauses [][2]int
	spans   [][2]int
	facts   []clauseFactsAt
	units   []unitSpan
	next    []int32 // obsOf's
	slots   []int32 // cut into the sentences' blank slots (scan)
	caps    []int32 // ... capitalised words, reference and clause words
	// arrays cut into the sentences' citations and outlets (findOutlets)
	cites        []citation
	citedOutlets []string
	// sentRoles are cut into the sentences' roles (observe)
	sentRoles []role
	seen      pairSet       // observeSentence's
	used      []bool        // usedFor's
	about     []string      // scopeOutlets'
	recent    []string      // run's clubs named, for clubRefs
	lines     []string      // splitParagraphsIn's
	aggs      []ruleAgg     // ruleLinks'
	unitMaps  []map[int]int // the links' units (unitMap)
	nUnitMaps int           // how many of unitMaps are in use
	probs     []float64     // scoreLinks'
	scope     scopeMaps     // scopeOutlets'

	// ruleLinks' lists, and the map of its links' units (state.ruleUnits)
	order      []key
	hints      []string // the aggregates' fromHints are cut from it
	linkUnits  []map[int]int
	linkFirsts []int
	ruleUnits  map[key]linkUnits

	// maps of one use each in an extraction, kept emptied (reuse)
	reported     map[[2]string]bool // creditOutlets'
	byKey        map[key]int        // ruleLinks'
	currentPairs map[key]bool       // ...
	evReported   []bool             // creditOutlets'
	ruled        map[string]bool    // candidates'
	times        map[string]int     // ...
	dashes       map[int]int        // assignUnits'
	paras        []paragraph        // ...
	// candidates'
	cands      []candidate
	candIdx    map[key]int
	candCount  []int
	candNamed  []bool
	obsFirst   map[key]int32 // obsOf's
	lexical    []string      // the candidates' lexical features
	lexicalWts []float64     // their weights, side by side
	// a clause's players, clubs and their roles (relateClause)
	players  []mention
	picked   []mention // pickPlayers' answer
	clubs    []int
	roles    []role
	current  map[string]string
	leftClub map[string]string
	persons  map[string]bool
	register map[string]string
	recentAt map[string]int
	named    map[string]int
	// strongest is each player's strongest move reported so far
	// (latestDestination)
	strongest map[string]strongestMoves
	byName    map[string]int32 // playerByName's
	// registered filters the keys of register (registerPlayer): the spans
	// findShortNames tries are mostly not there, and are ruled out by
	// their hash before their words are joined and looked up
	registered wordFilter
	// lastRegistered is the player registered last: registering him
	// again at once changes nothing (each of his keys already names him,
	// or no one), and is skipped
	lastRegistered string
	// lastName is playerByName's latest answer: it is asked of the same
	// player several times in a row (a candidate's observations, its
	// features), and comparing the name costs less than hashing it
	lastName struct {
		name string
		i    int32
		set  bool
	}

	recentPlayers []string // state.recent's array: the players mentioned last
}

// playerByName is st.x.g.PlayerByName(name), remembered for the article:
// the candidates' features ask it of the same few players again and again,
// and a name that is not a canonical one costs a fold each time.
func (st *state) playerByName(name string) (int, bool) {
	last := &st.ws.lastName
	if last.set && last.name == name {
		return int(last.i), last.i >= 0
	}
	i, ok := st.ws.byName[name]
	if !ok {
		gi, found := st.x.g.PlayerByName(name)
		if !found {
			gi = -1
		}
		i = int32(gi)
		st.ws.byName[name] = i
	}
	last.name, last.i, last.set = name, i, true
	return int(i), i >= 0
}

// unitMap returns an empty map of a link's units (ruleAgg.units), one of the
// workspace's: a map for each (player, club) pair of each article, and its
// growth, were a good part of an extraction's garbage. It is good until
// the workspace is released.
func (ws *workspace) unitMap() map[int]int {
	if ws.nUnitMaps == len(ws.unitMaps) {
		ws.unitMaps = append(ws.unitMaps, map[int]int{})
	}
	m := ws.unitMaps[ws.nUnitMaps]
	ws.nUnitMaps++
	clear(m)
	return m
}

// usedFor returns n cleared marks of a sentence's tokens taken by a
// mention (findEntities, findShortNames), in the workspace's array: good
// until the next call.
func (ws *workspace) usedFor(n int) []bool {
	if cap(ws.used) < n {
		ws.used = make([]bool, n, max(n, 2*cap(ws.used)))
	}
	used := ws.used[:n]
	clear(used)
	return used
}

// carve returns an empty slice with room for n elements, cut from the
// array of *slab (a new one when it is full: the slices cut before stay in
// the old one).
func carve[T any](slab *[]T, n int) []T {
	if len(*slab)+n > cap(*slab) {
		*slab = make([]T, 0, max(2*cap(*slab), 16*n, 64))
	}
	k := len(*slab)
	*slab = (*slab)[:k+n]
	return (*slab)[k : k : k+n]
}

// appendCarved appends v to l, a list cut from slab (carve), moving it to
// a piece of slab twice as long when it is full: a list that outgrows its
// room stays in the slab, which the next extraction reuses, rather than
// growing into an array of its own for each article.
func appendCarved[T any](slab *[]T, l []T, v T) []T {
	if len(l) == cap(l) {
		l = append(carve(slab, max(2*cap(l), 4)), l...)
	}
	return append(l, v)
}

// maxPooled bounds the tokens, lexical features, link mentions,
// observations and candidates a workspace keeps for reuse, and
// maxPooledSentences its sentences (at most about 2 MB in all): the arrays of
// a longer page (past about 40 KB of text) are left to be collected.
const (
	maxPooled          = 1 << 13
	maxPooledSentences = 1 << 10
)

// lowTextRoom is the room an article's lower-case forms start with: those
// of a 1.5 KB article (about 350 bytes) without growing it.
const lowTextRoom = 512

// tokenize is tokenize(s), the tokens in the workspace's array (an exact
// slice of it).
func (ws *workspace) tokenize(s string) []token {
	if ws == nil {
		return tokenize(s)
	}
	if ws.lowText.Cap() == 0 {
		ws.lowText.Grow(lowTextRoom)
	}
	n := len(ws.toks)
	ws.toks = tokenizeTo(ws.toks, s, ws.folds, ws.x, &ws.lowText)
	return ws.toks[n:len(ws.toks):len(ws.toks)]
}

// release empties the workspace of the extraction for the next one; the
// arrays of a long page are dropped rather than kept.
func (st *state) release() {
	ws := st.ws
	ws.ev, ws.obs = st.ev, st.obs // the arrays they grew to
	for _, n := range []int{len(ws.toks), len(ws.ev), len(ws.obs), len(ws.words), len(ws.feats) / len(featureNames), len(ws.ments), cap(ws.cands),
		len(ws.sents) * maxPooled / maxPooledSentences, len(ws.clauses) * maxPooled / maxPooledSentences,
		len(ws.unitMaps) * maxPooled / maxPooledSentences, len(ws.scope.ints), len(ws.scope.strs), len(ws.scope.unitCites), len(ws.scope.floatings),
		ws.scope.nClubSets * maxPooled / maxPooledSentences} {
		if n > maxPooled {
			*ws = workspace{folds: ws.folds, keysOf: ws.keysOf}
			return
		}
	}
	clear(ws.toks)
	ws.lowText.Reset() // (its String is the tokens' lower-case forms: the next article's are written anew)
	clear(ws.sentences)
	clear(ws.sents)
	clear(ws.ptrs)
	clear(ws.ev)
	clear(ws.obs)
	clear(ws.words)
	clear(ws.ments)
	clear(ws.facts)
	clear(ws.cites)
	clear(ws.citedOutlets)
	ws.cites, ws.citedOutlets = ws.cites[:0], ws.citedOutlets[:0]
	clear(ws.lexical)
	clear(ws.cands)
	ws.cands = ws.cands[:0]
	ws.ments, ws.clauses, ws.facts, ws.units, ws.next, ws.lexical = ws.ments[:0], ws.clauses[:0], ws.facts[:0], ws.units[:0], ws.next[:0], ws.lexical[:0]
	ws.slots, ws.caps = ws.slots[:0], ws.caps[:0]
	ws.wordWts, ws.lexicalWts = ws.wordWts[:0], ws.lexicalWts[:0]
	ws.sentRoles = ws.sentRoles[:0]
	ws.nUnitMaps = 0
	ws.toks, ws.sentences, ws.sents, ws.ptrs, ws.ev, ws.obs, ws.words = ws.toks[:0], ws.sentences[:0], ws.sents[:0], ws.ptrs[:0], ws.ev[:0], ws.obs[:0], ws.words[:0]
	ws.feats = ws.feats[:0]
	clear(ws.current)
	clear(ws.leftClub)
	clear(ws.persons)
	clear(ws.register)
	clear(ws.registered)
	ws.lastRegistered = ""
	clear(ws.recentAt)
	clear(ws.named)
	clear(ws.strongest)
	clear(ws.byName)
	ws.lastName.name, ws.lastName.set = "", false
}

// links are the article's links: the candidates the model accepts, with
// their outlets, primary links first.
func (st *state) links() []rumours.Link {
	out := st.scoreLinks(st.ruleLinks())
	st.creditOutlets(out)
	slices.SortStableFunc(out, primaryFirst)
	return out
}

// primaryFirst orders primary links before the others, for a stable sort
// (slices.SortStableFunc: sort.SliceStable's swapper cost two allocations
// a call).
func primaryFirst(a, b rumours.Link) int {
	switch {
	case a.Primary && !b.Primary:
		return -1
	case b.Primary && !a.Primary:
		return 1
	}
	return 0
}

// linkUnits are the outlet units that mention a link (unit -> its latest
// sentence there) and the sentence it is first mentioned in.
type linkUnits struct {
	units map[int]int
	first int
}

// creditOutlets sets the outlets of the links, once the links are known: a
// sentence whose mentions all fell away reports no link (outlets.go). A link
// the rules reported is mentioned where their evidence is; one only the
// model kept, where the clauses paired its player and club.
func (st *state) creditOutlets(out []rumours.Link) {
	if len(out) == 0 {
		return // (the scope, lead and tweets below serve only the links)
	}
	reported := reuse(&st.ws.reported)
	for _, l := range out {
		reported[[2]string{l.Player, l.To}] = true
	}
	// whether each evidence's pair is a link reported, asked once here for
	// leadOutlets and scopeOutlets both; evidence comes pair after pair, so
	// most is answered from the one before without hashing the names
	evReported := st.ws.evReported[:0]
	for ei := range st.ev {
		e := &st.ev[ei]
		if ei > 0 && e.player == st.ev[ei-1].player && e.club == st.ev[ei-1].club {
			evReported = append(evReported, evReported[ei-1])
		} else {
			evReported = append(evReported, reported[[2]string{e.player, e.club}])
		}
	}
	st.ws.evReported = evReported
	leadOutlets := st.leadOutlets(evReported)
	scope := st.scopeOutlets(reported, evReported)
	tweets := st.findTweets()
	for i, l := range out {
		lu, ok := st.ruleUnits[key{l.Player, l.To}]
		if !ok {
			lu = linkUnits{units: st.ws.unitMap(), first: -1}
			for i := st.obsOf(l.Player, l.To); i >= 0; i = st.obsNext[i] {
				o := st.obs[i]
				u := evidenceUnit(st.sents[o.sent], evidence{player: o.player, club: o.club})
				lu.units[u] = max(lu.units[u], o.sent)
				if lu.first < 0 {
					lu.first = o.sent
				}
			}
		}
		out[i].Outlets = st.linkOutlets(l, lu.units, lu.first, scope, leadOutlets, tweets)
		if out[i].Outlets == nil {
			out[i].Outlets = []string{}
		}
		sort.Strings(out[i].Outlets)
	}
}

// state is the working memory of one extraction.
type state struct {
	x     *Extractor
	ws    *workspace // the arrays and maps it fills
	a     rumours.Article
	ctx   context.Context // the extraction stops between sentences once it is done
	sents []*sent
	named map[string]int // unambiguous club mentions per club
	// strongest is each player's strongest move of the news so far, the
	// latest of equals (addEvidence, latestDestination)
	strongest map[string]strongestMoves
	// countries counts named club mentions per country, once all are
	// found (sameCountry); nil until then
	countries map[string]int
	register  map[string]string // folded surname/first name/full name -> player
	persons   map[string]bool   // folded names of non-players
	current   map[string]string // player -> current club stated by the text ("the Rennes midfielder")
	recent    []string          // players in order of their latest mention (the latest maxRecentPlayers)
	// recentAt is where each club last stands in the list of clubs named
	// in the sentences before (run's recent), for resolveClubs: copying the
	// list for each ambiguous name was quadratic on a page of club names.
	recentAt map[string]int
	leftClub map[string]string // player -> a club the text has him leaving or talked with as seller
	// focusClub is the club the text is about: the latest club seen acting
	// as a destination or leading a sentence; focusPara is its paragraph.
	focusClub string
	focusPara int
	// mainClub is the first club seen acting as a destination.
	mainClub string
	// itemClub is the club the current roundup item's heading names.
	itemClub string
	// subject is the club leading the previous clause of the sentence.
	subject string
	// pending is a club pursuing a player the text has not named yet.
	pending pendingActor
	// leadRole is the last clause's role of its leading club (leadRoleOf)
	leadRole leadRole
	ev       []evidence
	obs      []observation // every (player, club) pair the clauses saw, for scoring
	obsFirst map[key]int32 // obs by pair, once the clauses are read (obsOf)
	obsNext  []int32
	// ruleUnits are the outlet units of the rules' links (creditOutlets).
	ruleUnits map[key]linkUnits
	moves     *moveFacts  // see moveFacts
	itemStart map[int]int // see itemFirst
	// work counts the steps of the scans whose length depends on the text
	// rather than a token's neighbours (with each sentence's own count): a
	// test checks that it grows linearly with the article's length, a
	// measure no machine's speed affects.
	work int
	// allWords keeps every lexical feature of the pairs, for training;
	// otherwise only those the model weighs are kept
	allWords bool
	// lastCited are the outlets cited last, what "the paper" refers to.
	lastCited []string
}

// workDone is the work of the extraction so far (see state.work).
func (st *state) workDone() int {
	n := st.work
	for _, s := range st.sents {
		n += s.work
	}
	return n
}

// run reads the article: sentences, then names, then relations.
func (st *state) run() {
	ws := st.ws
	// room for the article's tokens at once (prose has about one per 5
	// bytes, lists and spam up to one per 3): growing the array by doubling
	// copied a long page's again and again
	ws.toks = slices.Grow(ws.toks[:0], (len(st.a.Title)+len(st.a.Text))/4+16)
	ss := splitArticle(st.a.Title, st.a.Text, ws)
	ws.sentences = ss
	// the sentences in one array, not one allocation each
	ws.sents = slices.Grow(ws.sents[:0], len(ss))[:len(ss)]
	ws.ptrs = slices.Grow(ws.ptrs[:0], len(ss))[:len(ss)]
	dated, year := !st.a.Published.IsZero(), 0 // (scan's, once)
	if dated {
		year = st.a.Published.Year()
	}
	for i, s := range ss {
		// room for about one mention per 6 tokens (a sentence has about one
		// per 8): most sentences never grow their own array
		ws.sents[i] = sent{sentence: s, idx: i, ments: carve(&ws.ments, len(s.toks)/6+2)}
		ws.ptrs[i] = &ws.sents[i]
		st.scan(&ws.sents[i], dated, year)
	}
	st.sents = ws.ptrs
	for _, s := range st.sents {
		if st.ctx.Err() != nil {
			return
		}
		st.findEntities(s)
	}
	st.assignUnits()
	for _, s := range st.sents {
		if s.header {
			st.findShortNames(s) // headings register "POGBA" before the headline uses it
		}
	}
	recent := ws.recent[:0] // (the workspace's array)
	defer func() { clear(recent); ws.recent = recent[:0] }()
	for _, s := range st.sents {
		if st.ctx.Err() != nil {
			return
		}
		st.findShortNames(s)
		st.resolveClubs(s)
		n := len(recent)
		recent = st.clubRefs(s, recent)
		for i := n; i < len(recent); i++ {
			st.recentAt[recent[i]] = i
		}
	}
	st.managersForClubs()
	st.relate()
}

// ruleLinks folds the rules' evidence into one link per (player,
// destination): the strongest stage unless a denial or collapse is the
// latest news, the outlets of every sentence that mentions it, and its
// confidence. The model (model.go) takes them as features.
func (st *state) ruleLinks() []rumours.Link {
	type agg = ruleAgg
	byKey := reuse(&st.ws.byKey) // -> its index in aggs, one array for all
	var aggs []agg               // (the workspace's, below)
	order := st.ws.order[:0]     // (and so are the lists below)
	st.ws.hints = st.ws.hints[:0]
	// a sentence dated years back is history: it does not stage a pair the
	// article reports news of ("Lukaku left Chelsea for Everton in 2014" in
	// a story about his Chelsea medical; "in the summer of 2020, United
	// walked away" in a story about his completed move)
	current := reuse(&st.ws.currentPairs)
	var last key // (the pair set last: the evidence comes pair after pair)
	for ei := range st.ev {
		e := &st.ev[ei]
		if k := (key{e.player, e.club}); st.sents[e.sent].year == 0 && (k != last || len(current) == 0) {
			current[k], last = true, k
		}
	}
	// the workspace's array, with room for the pairs of current news, most
	// pairs (growing the array copied its aggregates again and again)
	aggs = slices.Grow(st.ws.aggs[:0], len(current)+1)
	defer func() {
		clear(aggs) // (their maps and strings)
		st.ws.aggs = aggs[:0]
		st.ws.order = order[:0]
	}()
	lastN := -1 // byKey[last], for the evidence of the same pair as the one before
	for ei := range st.ev {
		e := &st.ev[ei]
		k := key{e.player, e.club}
		if st.sents[e.sent].year > 0 && current[k] {
			continue
		}
		n, ok := lastN, lastN >= 0 && k == last
		if !ok {
			n, ok = byKey[k]
		}
		if !ok {
			n = len(aggs)
			aggs = append(aggs, agg{link: rumours.Link{Player: e.player, To: e.club}, first: e.sent, units: st.ws.unitMap(), negAt: -1, quoteAt: -1})
			byKey[k] = n
			order = append(order, k)
		}
		last, lastN = k, n
		a := &aggs[n]
		a.mentions++
		u := evidenceUnit(st.sents[e.sent], *e)
		a.units[u] = max(a.units[u], e.sent)
		a.explicit = a.explicit || e.explicit
		if e.stage.Negative() {
			if a.neg != rumours.Denied {
				a.neg = e.stage
			}
			a.negAt = e.sent
		} else if e.stage > a.pos {
			a.pos = e.stage
			a.posAt = e.sent
			a.quoteAt = e.sent
		}
		if e.from != "" && e.from != e.club {
			if a.fromHints == nil {
				a.fromHints = carve(&st.ws.hints, 2)
			}
			a.fromHints = append(a.fromHints, e.from)
			a.ownFrom = true
		}
		if e.stage == rumours.Done && st.sents[e.sent].year > 0 {
			a.oldDone = true
		}
		a.youthOnly = (a.mentions == 1 || a.youthOnly) && st.sents[e.sent].youth
	}
	// (room for every pair: growing the list copied its links again and again)
	out := make([]rumours.Link, 0, len(order))
	units, firsts := st.ws.linkUnits[:0], st.ws.linkFirsts[:0] // per link in out, a.units and a.first
	defer func() {
		clear(units)
		st.ws.linkUnits, st.ws.linkFirsts = units[:0], firsts[:0]
	}()
	for _, k := range order {
		a := &aggs[byKey[k]]
		l := a.link
		l.Stage = a.pos
		quoteAt := a.quoteAt
		// (a deal told later in the past perfect happened before the
		// refusal: "has turned down Arsenal ... Arsenal had triggered the
		// release clause")
		if a.neg != rumours.StageUnknown && !(a.pos >= rumours.Agreed && a.posAt > a.negAt && !pluperfect(st.sents[a.posAt])) {
			l.Stage = a.neg
			if quoteAt < 0 || a.negAt >= 0 {
				quoteAt = a.negAt
			}
		}
		if l.Stage == rumours.StageUnknown {
			continue
		}
		if quoteAt >= 0 {
			l.Quote = quote(st.sents[quoteAt].text)
		}
		cur := st.currentClub(k.p)
		if len(a.fromHints) > 0 {
			l.From = a.fromHints[0]
		} else if cur != k.c {
			l.From = cur
		}
		// the player's own club is not a destination, unless the text reports
		// a completed move there (background) or a return. A club the
		// record alone calls his that the text has him joining from
		// another ("Leipzig are in talks with PSG" for the player they had
		// on loan, "wants to return for a second season on loan from
		// PSG") is his no longer: the loan the record took for a transfer
		// has ended. (In a dated article, only a move the record dates
		// within the year: "Dortmund have shut the door on United's
		// pursuit of Sancho", his club for three years, stays his.)
		recordOnly := st.current[k.p] == "" && len(a.fromHints) > 0 && a.fromHints[0] != k.c && (st.a.Published.IsZero() || st.recordedWithin(k.p, k.c, 400*24*time.Hour))
		if cur == k.c && !recordOnly && (l.Stage != rumours.Done || !a.ownFrom && (st.current[k.p] == k.c || st.movingAway(k.p, k.c))) && !st.recordedMove(k.p, k.c) {
			continue
		}
		// a completed move years ago to a club he is now leaving is history,
		// and so is one to the club his main move is from, and one made in
		// his youth when the article moves him on: "will have a medical at
		// Liverpool ..., who joined the Gunners from Southampton as a
		// teenager"
		if l.Stage == rumours.Done && (a.oldDone && st.leaving(k.p, k.c) || !a.ownFrom && st.movingFrom(k.p, k.c) || a.youthOnly && st.movingAway(k.p, k.c)) {
			continue
		}
		l.Primary = st.isPrimary(a.first, k.p)
		conf := 0.45 + 0.1*float64(min(a.mentions, 3))
		if a.explicit {
			conf += 0.1
		}
		if l.Primary {
			conf += 0.15
		}
		l.Confidence = min(conf, 1)
		out = append(out, l)
		units, firsts = append(units, a.units), append(firsts, a.first)
	}
	st.ruleUnits = reuse(&st.ws.ruleUnits)
	for i, l := range out {
		st.ruleUnits[key{l.Player, l.To}] = linkUnits{units[i], firsts[i]}
	}
	slices.SortStableFunc(out, primaryFirst)
	if len(out) == 0 {
		return nil // none: nil, as callers have always had it
	}
	return out
}

// pluperfect reports whether a sentence tells of a deal in the past perfect
// ("had triggered", "had agreed", "had made"): before the news it follows.
func pluperfect(s *sent) bool {
	for i := 0; i+1 < len(s.toks); i++ {
		if s.toks[i].lower != "had" {
			continue
		}
		switch w := s.toks[i+1].lower; {
		case w == "made" || w == "paid" || w == "sent" || w == "struck" || w == "been":
			return true
		case len(w) > 4 && strings.HasSuffix(w, "ed"):
			return true
		}
	}
	return false
}

// ruleAgg gathers the evidence of one (player, destination) pair (ruleLinks).
type ruleAgg struct {
	link      rumours.Link
	first     int
	pos       rumours.Stage
	neg       rumours.Stage
	negAt     int
	posAt     int
	quoteAt   int // the sentence its quote is from (-1: none): the latest that raised pos, or negAt
	explicit  bool
	mentions  int
	oldDone   bool
	youthOnly bool // every mention is in a sentence dated by his youth
	ownFrom   bool // a mention names where this move came from
	fromHints []string
	units     map[int]int // the outlet units of its mentions -> its latest sentence there
}

// currentClub is the player's club at the article's date: as the text states
// it, else as the gazetteer's transfer history has it.
func (st *state) currentClub(player string) string {
	if c := st.current[player]; c != "" {
		return c
	}
	if idx, ok := st.playerByName(player); ok && !st.a.Published.IsZero() {
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
	return st.recordedWithin(player, club, 120*24*time.Hour)
}

// recordedWithin reports whether the transfer history has the player
// moving to club within window of the article's date (not the end of a
// loan).
func (st *state) recordedWithin(player, club string, window time.Duration) bool {
	idx, ok := st.playerByName(player)
	if !ok || st.a.Published.IsZero() {
		return false
	}
	m, ok := st.x.g.MoveNear(idx, club, st.a.Published, window)
	return ok && !m.EndOfLoan
}

// leaving reports whether the article has the player moving away from club.
func (st *state) leaving(player, club string) bool {
	if st.current[player] == club {
		return false // "Mbappé arrived at PSG from Monaco in 2017" in a story about him staying
	}
	if len(st.ev) > smallEvidence {
		if st.moveFacts().from[key{player, club}] {
			return true
		}
	} else {
		for ei := range st.ev {
			e := &st.ev[ei]
			st.work++
			if e.player == player && e.club != club && e.from == club {
				return true
			}
		}
	}
	return st.current[player] != "" && st.current[player] != club
}

// movingFrom reports whether the article moves the player away from club
// in a completed or agreed deal.
func (st *state) movingFrom(player, club string) bool {
	if len(st.ev) > smallEvidence {
		return st.moveFacts().fromAgreed[key{player, club}]
	}
	for ei := range st.ev {
		e := &st.ev[ei]
		st.work++
		if e.player == player && e.club != club && e.from == club && e.stage >= rumours.Agreed && !e.stage.Negative() {
			return true
		}
	}
	return false
}

// movingAway reports whether the article has the player agreeing or
// completing a move to a club other than club.
func (st *state) movingAway(player, club string) bool {
	if len(st.ev) > smallEvidence {
		to := st.moveFacts().agreedTo[player]
		return to[0] != "" && to[0] != club || to[1] != ""
	}
	for ei := range st.ev {
		e := &st.ev[ei]
		st.work++
		if e.player == player && e.club != club && e.stage >= rumours.Agreed && !e.stage.Negative() {
			return true
		}
	}
	return false
}

// smallEvidence is how many link mentions an article may have before
// leaving, movingFrom and movingAway answer from moveFacts rather than a
// walk over the mentions (the articles of the labelled sets have at most
// 24).
const smallEvidence = 64

// moveFacts are the answers of leaving, movingFrom and movingAway for every
// player and club, found in one pass over the link mentions: they are asked
// per link and per candidate, and a walk over every mention each time was
// quadratic on a long page.
type moveFacts struct {
	n          int                  // len(st.ev) when found
	from       map[key]bool         // (player, club): a mention moves him from that club to another
	fromAgreed map[key]bool         // the same, in an agreed or completed deal
	agreedTo   map[string][2]string // player: the first two clubs of his agreed or completed moves
}

// moveFacts returns the move facts of the link mentions found so far.
func (st *state) moveFacts() *moveFacts {
	if st.moves != nil && st.moves.n == len(st.ev) {
		return st.moves
	}
	f := &moveFacts{n: len(st.ev), from: map[key]bool{}, fromAgreed: map[key]bool{}, agreedTo: map[string][2]string{}}
	for ei := range st.ev {
		e := &st.ev[ei]
		st.work++
		agreed := e.stage >= rumours.Agreed && !e.stage.Negative()
		if e.club != e.from {
			f.from[key{e.player, e.from}] = true
			if agreed {
				f.fromAgreed[key{e.player, e.from}] = true
			}
		}
		if to := f.agreedTo[e.player]; agreed && to[1] == "" && e.club != to[0] {
			if to[0] == "" {
				to[0] = e.club
			} else {
				to[1] = e.club
			}
			f.agreedTo[e.player] = to
		}
	}
	st.moves = f
	return f
}

// isPrimary: the headline and first sentence carry the article's main
// links; in roundups and live blogs, each item's first sentence does.
func (st *state) isPrimary(first int, player string) bool {
	s := st.sents[first]
	if first <= 1 && s.item < 0 {
		return true
	}
	if s.item >= 0 {
		return st.itemFirst()[s.item] == first
	}
	return false
}

// itemFirst returns the first sentence of each roundup item or live-blog
// entry that is not its heading, found once (isPrimary asks per link).
func (st *state) itemFirst() map[int]int {
	if st.itemStart != nil {
		return st.itemStart
	}
	st.itemStart = map[int]int{}
	for _, s := range st.sents {
		if _, ok := st.itemStart[s.item]; !ok && s.item >= 0 && !s.header {
			st.itemStart[s.item] = s.idx
		}
	}
	return st.itemStart
}

// leadOutlets are the outlets the opening sentences cite ("..., Goal has learned").
// Outlets cited by a sentence that reports links of its own are those
// links' sources, not the headline's.
//
// evReported tells whether each evidence's pair is reported (st.ev).
func (st *state) leadOutlets(evReported []bool) []string {
	var own [4]bool // (only the first four sentences are read)
	for ei := range st.ev {
		if e := &st.ev[ei]; e.sent < len(own) {
			own[e.sent] = own[e.sent] || evReported[ei]
		}
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

// quote trims a sentence to at most 200 characters at a word boundary.
func quote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= 200 {
		return s // (no more characters than bytes)
	}
	// only the first 201 characters matter: counting all of them, per link
	// mention, cost the square of a long sentence
	end, n := 0, 0 // the first 197 characters are s[:end]
	for i := range s {
		if n == 197 {
			end = i
		}
		if n++; n > 200 {
			break
		}
	}
	if n <= 200 {
		return s
	}
	n = 197
	if head := s[:end]; utf8.ValidString(head) {
		// as below, without converting the sentence to runes and back
		cut := len(head)
		for n > 150 {
			r, size := utf8.DecodeLastRuneInString(head[:cut])
			if unicode.IsSpace(r) {
				break
			}
			cut -= size
			n--
		}
		return strings.TrimRightFunc(head[:cut], unicode.IsSpace) + "..."
	}
	r := []rune(s)[:197]
	cut := len(r)
	for cut > 150 && !unicode.IsSpace(r[cut-1]) {
		cut--
	}
	return strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace) + "..."
}
