package rumours

import (
	"cmp"
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"transferbot/rumours/gazetteer"
)

// Name resolution limits.
const (
	maxQuery       = 100 // longest query resolved, in characters
	maxCandidates  = 10  // candidates in an AmbiguousError
	maxSuggestions = 5   // suggestions in an UnknownError
	fuzzyMinLen    = 5   // shortest query matched with edits
	fuzzyMaxDist   = 2   // most edits of a fuzzy match
	clubLinkProbe  = 50  // links counted per club when ranking club candidates
	maxClubProbe   = 20  // ambiguous club candidates whose links are counted
)

// match levels of player resolution, best first.
const (
	levelExact   = iota // full name, nickname or alias
	levelSurname        // surname, single or multi-word
	levelFirst          // first name, when unique
	levelFuzzy          // within fuzzyMaxDist edits of a full name or surname
)

// foldKey folds s for name matching: apostrophes are dropped ("N'Golo" is
// one word, "ngolo"), then gazetteer.Fold folds case and accents and turns
// other punctuation into spaces ("Alexander-Arnold" and "alexander arnold"
// match).
func foldKey(s string) string {
	if strings.ContainsAny(s, "'’‘`") {
		s = strings.NewReplacer("'", "", "’", "", "‘", "", "`", "").Replace(s)
	}
	return gazetteer.Fold(s)
}

// playerEntry is one known player in the name index.
type playerEntry struct {
	name     string   // canonical
	key      string   // foldKey(name)
	aliases  []string // alias keys
	surnames []string // keys of the surname forms: every suffix of the name after the first word
	first    string   // key of the first word, for names of two words or more
	forms    []form   // key and surnames, for edit distances
	index    int      // position in nameIndex.list
	links    int      // stored links; guarded by nameIndex.mu
	inTop    bool     // in nameIndex.topLinked; guarded by nameIndex.mu
}

// clubEntry is one known club in the name index.
type clubEntry struct {
	name  string
	keys  []string // keys of the name and aliases
	forms []form
}

// nameIndex resolves user-typed names to canonical ones. It is built from the
// gazetteer and the store's players and grows as articles are ingested. It is
// safe for concurrent use.
type nameIndex struct {
	mu      sync.RWMutex
	players map[string]*playerEntry   // canonical name -> entry
	list    []*playerEntry            // every entry, for scans
	exact   map[string][]*playerEntry // full-name and alias keys
	surname map[string][]*playerEntry
	first   map[string][]*playerEntry
	scan    []scanForm // the forms of every entry, in list order

	words      wordIndex      // keys, later words and aliases, for completion and edit distances
	scanSorted int            // scan[:scanSorted] are forms of words.base; the rest are in words.tail
	formLens   []int          // formLens[n]: forms of n characters
	topLinked  []*playerEntry // the maxTopLinked most linked entries, most first (see mostLinked)

	clubs     []*clubEntry          // immutable after construction
	clubNames map[string]*clubEntry // canonical name -> entry

	// g finds the gazetteer's minor players, which the index leaves out
	// until they are linked: they are resolved by full name or alias only,
	// as the gazetteer looks them up, and indexing every name form of tens
	// of thousands of squad players would cost tens of megabytes.
	g *gazetteer.Gazetteer

	// minorSurnames finds a minor player by a surname no other player
	// has, for MatchNames; built on first use (see minorBySurname).
	minorOnce     sync.Once
	minorSurnames map[uint64]int32
}

// newNameIndex indexes the players and clubs of g and the players of stored.
func newNameIndex(g *gazetteer.Gazetteer, stored []PlayerInfo) *nameIndex {
	ix := &nameIndex{
		players:   map[string]*playerEntry{},
		exact:     map[string][]*playerEntry{},
		surname:   map[string][]*playerEntry{},
		first:     map[string][]*playerEntry{},
		clubNames: map[string]*clubEntry{},
		g:         g,
	}
	for _, p := range gazPlayers(g) {
		ix.addPlayer(p.name, p.aliases)
	}
	for _, p := range stored {
		e := ix.addPlayer(p.Name, nil)
		if e != nil {
			e.links += p.Links
		}
	}
	for _, c := range gazClubs(g) {
		if c.name == "" || ix.clubNames[c.name] != nil {
			continue
		}
		ce := &clubEntry{name: c.name}
		for _, s := range append([]string{c.name}, c.aliases...) {
			if k := foldKey(s); k != "" && !slices.Contains(ce.keys, k) {
				ce.keys = append(ce.keys, k)
				ce.forms = append(ce.forms, newForm(k))
			}
		}
		ix.clubs = append(ix.clubs, ce)
		ix.clubNames[c.name] = ce
	}
	ix.mergeWords()
	ix.rebuildTopLinked()
	return ix
}

// addPlayer adds a player, or the new aliases of a known one, and returns
// its entry (nil for a name without letters). The caller holds mu or owns
// ix.
func (ix *nameIndex) addPlayer(name string, aliases []string) *playerEntry {
	e := ix.players[name]
	if e == nil {
		key := foldKey(baseName(name))
		if key == "" {
			return nil
		}
		e = ix.newPlayer(name, key)
	}
	for _, a := range aliases {
		k := foldKey(a)
		if k == "" || k == e.key || slices.Contains(e.aliases, k) {
			continue
		}
		e.aliases = append(e.aliases, k)
		ix.exact[k] = append(ix.exact[k], e)
		ix.words.addAlias(e, len(e.aliases)-1)
	}
	return e
}

// newPlayer indexes a new player by its full name, first name and surnames.
func (ix *nameIndex) newPlayer(name, key string) *playerEntry {
	e := &playerEntry{name: name, key: key, index: len(ix.list)}
	ix.players[name] = e
	ix.list = append(ix.list, e)
	ix.exact[key] = append(ix.exact[key], e)
	e.forms = append(e.forms, newForm(key))
	words := strings.Fields(key)
	if len(words) >= 2 {
		e.first = words[0]
		ix.first[e.first] = append(ix.first[e.first], e)
		for i := 1; i < len(words); i++ {
			s := strings.Join(words[i:], " ")
			e.surnames = append(e.surnames, s)
			ix.surname[s] = append(ix.surname[s], e)
			e.forms = append(e.forms, newForm(s))
		}
	}
	for i, f := range e.forms {
		ix.scan = append(ix.scan, scanForm{mask: f.mask, n: int32(len(f.r)), entry: int32(len(ix.list) - 1), form: int32(i)})
		for len(ix.formLens) <= len(f.r) {
			ix.formLens = append(ix.formLens, 0)
		}
		ix.formLens[len(f.r)]++
	}
	ix.words.addPlayer(e)
	return e
}

// baseName drops a trailing disambiguation in parentheses: "Luis Suárez
// (born 1998)" is matched as "Luis Suárez".
func baseName(name string) string {
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		return name[:i]
	}
	return name
}

// addLinks counts newly stored links, adding players the index lacked.
func (ix *nameIndex) addLinks(links []Link) {
	if len(links) == 0 {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, l := range links {
		if e := ix.addPlayer(l.Player, nil); e != nil {
			e.links++
			ix.linksGrew(e)
		}
	}
	if len(ix.words.tail) > maxWordTail {
		ix.mergeWords()
	}
}

// knowsPlayer reports whether name is a canonical player name.
func (ix *nameIndex) knowsPlayer(name string) bool {
	ix.mu.RLock()
	known := ix.players[name] != nil
	ix.mu.RUnlock()
	if !known && ix.g != nil {
		if i, ok := ix.g.PlayerByName(name); ok && ix.g.Players[i].Name == name {
			return true
		}
	}
	return known
}

// minorPlayers returns the gazetteer's minor players whose full name or alias
// is query, other than players the index has.
func (ix *nameIndex) minorPlayers(query string) []string {
	if ix.g == nil {
		return nil
	}
	var out []string
	for _, i := range ix.g.PlayersFor(gazetteer.Fold(query)) {
		if p := ix.g.Players[i]; p.Minor && ix.players[p.Name] == nil && !slices.Contains(out, p.Name) {
			out = append(out, p.Name)
		}
	}
	return out
}

// resolvePlayer implements Engine.ResolvePlayer on a folded query.
func (ix *nameIndex) resolvePlayer(query, key string) (string, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for level := levelExact; level <= levelFuzzy; level++ {
		var cands []*playerEntry
		switch level {
		case levelExact:
			cands = ix.exact[key]
			if len(cands) == 0 {
				switch minor := ix.minorPlayers(query); {
				case len(minor) == 1:
					return minor[0], nil
				case len(minor) > 1:
					return "", &AmbiguousError{Kind: KindPlayer, Query: query, Candidates: minor[:min(len(minor), maxCandidates)]}
				}
			}
		case levelSurname:
			cands = ix.surname[key]
		case levelFirst:
			cands = ix.first[key]
		case levelFuzzy:
			cands = ix.fuzzyPlayers(key)
		}
		cands = preferLinked(cands)
		if level == levelExact && len(cands) > 1 {
			// The player the press means by a shared name keeps it bare
			// ("Pedro"; the others are "Pedro (Centre-Forward)"): the
			// full name typed as it is names him.
			for _, c := range cands {
				if foldKey(c.name) == key {
					return c.name, nil
				}
			}
		}
		switch {
		case len(cands) == 1:
			return cands[0].name, nil
		case len(cands) > 1 && level == levelFirst && cands[0].links == 0:
			// A first name shared by several unlinked players is no match.
		case len(cands) > 1:
			return "", &AmbiguousError{Kind: KindPlayer, Query: query, Candidates: candidateNames(cands)}
		}
	}
	return "", &UnknownError{Kind: KindPlayer, Query: query, Suggestions: ix.suggestPlayers(key)}
}

// preferLinked returns the distinct entries of cands, keeping only those with
// links when any has, most linked first, then by name.
func preferLinked(cands []*playerEntry) []*playerEntry {
	if len(cands) == 0 {
		return nil
	}
	out := make([]*playerEntry, 0, len(cands))
	linked := false
	for _, c := range cands {
		if c.links > 0 {
			linked = true
		}
	}
	for _, c := range cands {
		if (!linked || c.links > 0) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *playerEntry) int {
		if c := cmp.Compare(b.links, a.links); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}

func candidateNames(cands []*playerEntry) []string {
	names := make([]string, 0, min(len(cands), maxCandidates))
	for _, c := range cands[:min(len(cands), maxCandidates)] {
		names = append(names, c.name)
	}
	return names
}

// fuzzyPlayers returns the players whose full name or a surname is within
// fuzzyMaxDist edits of key, the closest ones only; nothing for keys shorter
// than fuzzyMinLen letters.
func (ix *nameIndex) fuzzyPlayers(key string) []*playerEntry {
	q := newForm(key)
	if len(q.r) < fuzzyMinLen {
		return nil
	}
	hits := ix.closePlayers(q, fuzzyMaxDist)
	best := fuzzyMaxDist + 1
	for _, h := range hits {
		best = min(best, h.d)
	}
	var out []*playerEntry
	for _, h := range hits {
		if h.d == best {
			out = append(out, h.e)
		}
	}
	return out
}

// playerHit is a player within some edits of a query.
type playerHit struct {
	e *playerEntry
	d int // smallest edit distance over the player's forms
}

// scanForm is one form of a player, in the flat array that edit-distance
// scans read: the length and character bitmap rule most forms out without
// touching the entry.
type scanForm struct {
	mask  uint64
	n     int32 // runes
	entry int32 // index into nameIndex.list
	form  int32 // index into the entry's forms
}

// closePlayers returns the players with a full name or surname within limit
// edits of q, in index order, each once with its smallest distance. The
// caller holds mu.
//
// It walks the sorted forms (closePlayersWalk), except at a limit over
// fuzzyMaxDist (suggestions) when fewer than one form in 16 has a length
// within limit of the query's (a long query): the scan (closePlayersScan)
// then rules nearly every form out by its length, and is cheaper than the
// walk, whose cost at a limit of 3 or 4 hardly depends on the query. Both
// give the same hits.
func (ix *nameIndex) closePlayers(q form, limit int) []playerHit {
	if limit > fuzzyMaxDist && ix.formsNear(len(q.r), limit)*16 < len(ix.scan) {
		return ix.closePlayersScan(q, limit)
	}
	return ix.closePlayersWalk(q, limit)
}

// formsNear returns how many forms have a length within limit characters
// of n.
func (ix *nameIndex) formsNear(n, limit int) int {
	c := 0
	for _, k := range ix.formLens[min(max(0, n-limit), len(ix.formLens)):min(max(0, n+limit+1), len(ix.formLens))] {
		c += k
	}
	return c
}

// closePlayersScan is closePlayers by a scan of every form: the length and
// character bitmap rule most forms out without touching the entry.
func (ix *nameIndex) closePlayersScan(q form, limit int) []playerHit {
	var out []playerHit
	n := int32(len(q.r))
	lim := int32(limit)
	for _, sf := range ix.scan {
		if sf.n-n > lim || n-sf.n > lim ||
			bits.OnesCount64(q.mask&^sf.mask) > limit || bits.OnesCount64(sf.mask&^q.mask) > limit {
			continue
		}
		e := ix.list[sf.entry]
		d := editDistance(q.r, e.forms[sf.form].r, limit)
		if d > limit {
			continue
		}
		// An entry's forms are consecutive in scan.
		if k := len(out); k > 0 && out[k-1].e == e {
			out[k-1].d = min(out[k-1].d, d)
			continue
		}
		out = append(out, playerHit{e, d})
	}
	return out
}

// closePlayersWalk is closePlayers by a walk of the sorted forms of
// words.base (see walkClose) and a scan of the forms of players added since
// they were sorted.
func (ix *nameIndex) closePlayersWalk(q form, limit int) []playerHit {
	if limit < 0 {
		return nil
	}
	var out []playerHit
	walkClose(ix.words.base, q.r, limit, func(e *playerEntry, d int) {
		out = append(out, playerHit{e, d})
	})
	n := int32(len(q.r))
	lim := int32(limit)
	for _, sf := range ix.scan[ix.scanSorted:] {
		if sf.n-n > lim || n-sf.n > lim ||
			bits.OnesCount64(q.mask&^sf.mask) > limit || bits.OnesCount64(sf.mask&^q.mask) > limit {
			continue
		}
		e := ix.list[sf.entry]
		if d := editDistance(q.r, e.forms[sf.form].r, limit); d <= limit {
			out = append(out, playerHit{e, d})
		}
	}
	// One hit per player, the closest, in index order.
	slices.SortFunc(out, func(a, b playerHit) int {
		if c := cmp.Compare(a.e.index, b.e.index); c != 0 {
			return c
		}
		return cmp.Compare(a.d, b.d)
	})
	return slices.CompactFunc(out, func(a, b playerHit) bool { return a.e == b.e })
}

// walkClose calls hit for each reference of refs (sorted by word) to a key
// or a part of a key (not an alias) within limit edits of q, with its
// distance. Keys are single-spaced (foldKey), so those parts are the
// player's surname forms, and the hits are those of a scan of the forms.
//
// It walks the words as a trie: the rows of the edit-distance table for a
// word's first characters serve every word that starts with them; once no
// cell of a row is within limit, every word with that start is skipped, and
// a word that is too far is skipped with its copies (a common surname is
// one word for hundreds of players). Only the cells within limit of the
// diagonal are computed (Ukkonen's band).
func walkClose(refs []wordRef, q []rune, limit int, hit func(e *playerEntry, d int)) {
	if limit < 0 || len(refs) == 0 {
		return
	}
	m := len(q)
	width := m + 1
	// Cell j of the row at depth d is at least |d-j|: no cell of the row at
	// m+limit+1 is within limit, and no walk goes deeper.
	maxDepth := m + limit + 1
	rows := make([]int, (maxDepth+1)*width)
	off := make([]int, maxDepth+1) // off[d]: bytes of the first d characters of prev
	for j := range width {
		rows[j] = j
	}
	prev := "" // the word whose first depth characters rows describe
	depth := 0
	for i := 0; i < len(refs); {
		r := refs[i]
		if r.src < 0 {
			i++
			continue
		}
		w := r.word
		c := 0 // bytes in common with prev
		for c < len(w) && c < len(prev) && w[c] == prev[c] {
			c++
		}
		for depth > 0 && off[depth] > c {
			depth--
		}
		prev = w
		dead := false
		for pos := off[depth]; pos < len(w); {
			ch, size := utf8.DecodeRuneInString(w[pos:])
			up := rows[depth*width : (depth+1)*width]
			row := rows[(depth+1)*width : (depth+2)*width]
			// Only the cells within limit of the diagonal can be within
			// limit; the cells just outside that band read as too far.
			lo, hi := max(1, depth+1-limit), min(m, depth+1+limit)
			if lo > 1 && lo-1 <= m {
				row[lo-1] = limit + 1
			}
			if hi < m {
				row[hi+1] = limit + 1 // up[hi+1] of the next row
			}
			row[0] = depth + 1
			rowMin := row[0]
			for j := lo; j <= hi; j++ {
				cost := 1
				if q[j-1] == ch {
					cost = 0
				}
				row[j] = min(up[j]+1, row[j-1]+1, up[j-1]+cost)
				rowMin = min(rowMin, row[j])
			}
			depth++
			pos += size
			off[depth] = pos
			if rowMin > limit {
				// No word that starts with w[:pos] is close: skip them all
				// (they follow refs[i] in sorted order).
				start := w[:pos]
				i = skipRun(refs, i, func(s string) bool { return strings.HasPrefix(s, start) })
				dead = true
				break
			}
		}
		if dead {
			continue
		}
		d := limit + 1
		if depth-m <= limit && m-depth <= limit {
			d = rows[depth*width+m]
		}
		if d > limit {
			// Skip the copies of w too (a common surname has many).
			i = skipRun(refs, i, func(s string) bool { return s == w })
			continue
		}
		hit(r.e, d)
		i++
	}
}

// skipRun returns the index of the first reference after i whose word is
// not in, given that refs[i]'s is and that the words in form a run (those
// that start with some string, or equal one). It gallops: most runs are
// short.
func skipRun(refs []wordRef, i int, in func(word string) bool) int {
	lo, hi := i+1, len(refs) // the answer is in [lo, hi]
	for step := 1; ; step *= 2 {
		k := lo + step - 1
		if k >= hi {
			break
		}
		if !in(refs[k].word) {
			hi = k
			break
		}
		lo = k + 1
	}
	return lo + sort.Search(hi-lo, func(k int) bool { return !in(refs[lo+k].word) })
}

// suggestionLimit is the largest edit distance at which a name is suggested
// for a query of n characters.
func suggestionLimit(n int) int { return min(max(2, n/3), 4) }

// byLinksThen orders names for answers: those with stored links first, then
// by how well they matched (rank, lower is better), then by link count, then
// by name.
func byLinksThen(a, b *playerEntry, rankA, rankB int) int {
	if c := cmp.Compare(min(b.links, 1), min(a.links, 1)); c != 0 {
		return c
	}
	if c := cmp.Compare(rankA, rankB); c != 0 {
		return c
	}
	if c := cmp.Compare(b.links, a.links); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// suggestPlayers returns up to maxSuggestions players close to key: players
// with links first, then by edit distance over full names and surnames.
func (ix *nameIndex) suggestPlayers(key string) []string {
	q := newForm(key)
	if len(q.r) == 0 || len(q.r) > maxQuery {
		return nil
	}
	sugs := ix.closePlayers(q, suggestionLimit(len(q.r)))
	slices.SortFunc(sugs, func(a, b playerHit) int { return byLinksThen(a.e, b.e, a.d, b.d) })
	var out []string
	for _, s := range sugs[:min(len(sugs), maxSuggestions)] {
		out = append(out, s.e.name)
	}
	return out
}

// playerSuggestions is suggestPlayers under the read lock.
func (ix *nameIndex) playerSuggestions(key string) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.suggestPlayers(key)
}

// clubsByKey returns the clubs one of whose keys equals key.
func (ix *nameIndex) clubsByKey(key string) []string {
	var out []string
	for _, c := range ix.clubs {
		if slices.Contains(c.keys, key) {
			out = append(out, c.name)
		}
	}
	return out
}

// fuzzyClubs returns the clubs whose name or an alias is within fuzzyMaxDist
// edits of key, the closest ones only.
func (ix *nameIndex) fuzzyClubs(key string) []string {
	q := newForm(key)
	if len(q.r) < fuzzyMinLen {
		return nil
	}
	best := fuzzyMaxDist + 1
	var out []string
	for _, c := range ix.clubs {
		d := best + 1
		for _, f := range c.forms {
			d = min(d, q.distance(f, best))
		}
		switch {
		case d < best:
			best, out = d, append(out[:0], c.name)
		case d == best && d <= fuzzyMaxDist:
			out = append(out, c.name)
		}
	}
	return out
}

// clubSuggestions returns up to maxSuggestions clubs close to key by edit
// distance over names and aliases, then by name.
func (ix *nameIndex) clubSuggestions(key string) []string {
	q := newForm(key)
	if len(q.r) == 0 || len(q.r) > maxQuery {
		return nil
	}
	limit := suggestionLimit(len(q.r))
	type sug struct {
		name string
		d    int
	}
	var sugs []sug
	for _, c := range ix.clubs {
		d := limit + 1
		for _, f := range c.forms {
			d = min(d, q.distance(f, d-1))
		}
		if d <= limit {
			sugs = append(sugs, sug{c.name, d})
		}
	}
	slices.SortFunc(sugs, func(a, b sug) int {
		if c := cmp.Compare(a.d, b.d); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	var out []string
	for _, s := range sugs[:min(len(sugs), maxSuggestions)] {
		out = append(out, s.name)
	}
	return out
}

// completion levels, best first.
const (
	completeWhole = iota // the whole name starts with the prefix
	completeWord         // a later word or an alias starts with it
	completeFuzzy        // within fuzzyMaxDist edits of a name or surname
)

// wordPrefix reports whether a word of key (after the first) starts with p.
func wordPrefix(key, p string) bool {
	return strings.Contains(key, " "+p)
}

// completeClubs implements Engine.Complete for clubs.
func (ix *nameIndex) completeClubs(p string, limit int) []string {
	if p == "" {
		return nil
	}
	type hit struct {
		name  string
		level int
	}
	var hits []hit
	q := newForm(p)
	for _, c := range ix.clubs {
		level := -1
		for i, k := range c.keys {
			l := -1
			switch {
			case strings.HasPrefix(k, p) && i == 0:
				l = completeWhole
			case strings.HasPrefix(k, p) || wordPrefix(k, p):
				l = completeWord
			case len(q.r) >= fuzzyMinLen && q.distance(c.forms[i], fuzzyMaxDist) <= fuzzyMaxDist:
				l = completeFuzzy
			}
			if l >= 0 && (level < 0 || l < level) {
				level = l
			}
		}
		if level >= 0 {
			hits = append(hits, hit{c.name, level})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(a.level, b.level); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	out := make([]string, 0, min(len(hits), limit))
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, h.name)
	}
	return out
}

// form is a folded name prepared for edit distances: its runes and a bitmap
// of the characters it contains.
type form struct {
	r    []rune
	mask uint64
}

func newForm(s string) form {
	f := form{r: []rune(s)}
	for _, c := range f.r {
		f.mask |= charBit(c)
	}
	return f
}

// charBit maps a character to one of 64 bits: letters a-z and digits have
// their own, other characters share the rest.
func charBit(c rune) uint64 {
	switch {
	case c >= 'a' && c <= 'z':
		return 1 << uint(c-'a')
	case c >= '0' && c <= '9':
		return 1 << uint(26+c-'0')
	}
	return 1 << uint(36+c%28)
}

// distance returns the edit distance from q to f, or limit+1 as soon as it
// is known to exceed limit. Each character that one form has and the other
// lacks costs at least one edit, which rules most names out without the
// quadratic computation.
func (q form) distance(f form, limit int) int {
	if bits.OnesCount64(q.mask&^f.mask) > limit || bits.OnesCount64(f.mask&^q.mask) > limit {
		return limit + 1
	}
	return editDistance(q.r, f.r, limit)
}

// editDistance returns the Levenshtein distance between a and b, or limit+1
// as soon as it is known to exceed limit (limit < 0 means no match is
// acceptable). It runs in O(len(a)·len(b)) time at worst and stops early.
func editDistance(a, b []rune, limit int) int {
	if limit < 0 {
		return limit + 1
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
	var buf [64]int
	row := buf[:0]
	if len(b)+1 > len(buf) {
		row = make([]int, 0, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		row = append(row, j)
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
			rowMin = min(rowMin, row[j])
		}
		if rowMin > limit {
			return limit + 1
		}
	}
	if row[len(b)] > limit {
		return limit + 1
	}
	return row[len(b)]
}

// ResolvePlayer maps a user's name for a player to the canonical name,
// ignoring case and accents. Matches are tried in order: full name, nickname
// or alias ("CR7", "Chicharito", "James"); surname, including multi-word
// surnames ("van Dijk"); first name, when only one player has it; then names
// within two edits of a full name or surname, for queries of five letters or
// more. A namesake's canonical name, disambiguation included, is itself
// ("Pedro (Centre-Forward)"). The gazetteer's minor players (squad players
// known by full name only) match at the first level alone until they are
// linked. Within the
// first level that matches, players with stored links beat
// players without; one remaining player is the answer, several give a
// *AmbiguousError (at most 10 candidates, most linked first). No match gives
// a *UnknownError with up to five suggestions. Queries over 100 characters
// are refused with a *UnknownError without suggestions (its Query cut to 100
// characters). Safe for concurrent use.
func (e *Engine) ResolvePlayer(ctx context.Context, query string) (string, error) {
	if q, long := capQuery(query); long {
		return "", &UnknownError{Kind: KindPlayer, Query: q}
	}
	if baseName(query) != query && e.names.knowsPlayer(query) {
		return query, nil // a namesake's canonical name, as buttons carry it
	}
	key := foldKey(query)
	if key == "" {
		return "", &UnknownError{Kind: KindPlayer, Query: query}
	}
	return e.names.resolvePlayer(query, key)
}

// ResolveClub maps a user's name for a club to the canonical name, ignoring
// case and accents: a name or alias known to the gazetteer, else a name
// within two edits for queries of five letters or more. A name shared by
// several clubs ("United", "Inter") resolves to the only one with stored
// links, else gives a *AmbiguousError (candidates with links first). No
// match gives a *UnknownError with up to five suggestions; queries over 100
// characters are refused as for ResolvePlayer. Store errors are returned
// wrapped. Safe for concurrent use.
func (e *Engine) ResolveClub(ctx context.Context, query string) (string, error) {
	if q, long := capQuery(query); long {
		return "", &UnknownError{Kind: KindClub, Query: q}
	}
	key := foldKey(query)
	if key == "" {
		return "", &UnknownError{Kind: KindClub, Query: query}
	}
	cands := gazClubsFor(e.g, query)
	if len(cands) == 0 {
		cands = e.names.clubsByKey(key)
	}
	if len(cands) == 0 {
		if k, ok := strings.CutPrefix(key, "the "); ok {
			cands = e.names.clubsByKey(k)
		}
	}
	if len(cands) == 0 {
		cands = e.names.fuzzyClubs(key)
	}
	switch len(cands) {
	case 0:
		return "", &UnknownError{Kind: KindClub, Query: query, Suggestions: e.names.clubSuggestions(key)}
	case 1:
		return cands[0], nil
	}
	// Several clubs: prefer those with stored links.
	type cand struct {
		name  string
		links int
		order int
	}
	cs := make([]cand, 0, len(cands))
	for i, name := range cands {
		if slices.ContainsFunc(cs, func(c cand) bool { return c.name == name }) {
			continue
		}
		c := cand{name: name, order: i}
		if i < maxClubProbe {
			ev, err := e.store.ClubEvidence(ctx, name, time.Time{}, clubLinkProbe)
			if err != nil {
				return "", fmt.Errorf("rumours: resolve club %q: %w", query, err)
			}
			c.links = len(ev)
		}
		cs = append(cs, c)
	}
	if len(cs) == 1 {
		return cs[0].name, nil
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		if c := cmp.Compare(b.links, a.links); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	if cs[0].links > 0 && cs[1].links == 0 {
		return cs[0].name, nil
	}
	names := make([]string, 0, min(len(cs), maxCandidates))
	for _, c := range cs[:min(len(cs), maxCandidates)] {
		names = append(names, c.name)
	}
	return "", &AmbiguousError{Kind: KindClub, Query: query, Candidates: names}
}

// capQuery reports whether query is longer than maxQuery characters and
// returns it cut to that length.
func capQuery(query string) (string, bool) {
	if len(query) <= maxQuery || utf8.RuneCountInString(query) <= maxQuery {
		return query, false
	}
	n := 0
	for i := range query {
		if n == maxQuery {
			return query[:i], true
		}
		n++
	}
	return query, true
}

// gazName is a player or club of the gazetteer with its aliases.
type gazName struct {
	name    string
	aliases []string
}

// gazPlayers lists the gazetteer's players but the minor ones (see
// nameIndex.g).
func gazPlayers(g *gazetteer.Gazetteer) []gazName {
	out := make([]gazName, 0, len(g.Players))
	for _, p := range g.Players {
		if p.Minor {
			continue
		}
		out = append(out, gazName{p.Name, p.Aliases})
	}
	return out
}

// gazClubs lists the gazetteer's clubs.
func gazClubs(g *gazetteer.Gazetteer) []gazName {
	out := make([]gazName, 0, len(g.Clubs))
	for _, c := range g.Clubs {
		out = append(out, gazName{c.Name, c.Aliases})
	}
	return out
}

// gazClubsFor returns the canonical names of the clubs that query (a name
// or alias) may mean, the reading the press usually means first.
func gazClubsFor(g *gazetteer.Gazetteer, query string) []string {
	var out []string
	for _, i := range g.ClubsFor(gazetteer.Fold(query)) {
		out = append(out, g.Clubs[i].Name)
	}
	return out
}

// gazClubAt returns the club of player (canonical) at t according to the
// gazetteer, or "".
func gazClubAt(g *gazetteer.Gazetteer, player string, t time.Time) string {
	i, ok := g.PlayerByName(player)
	if !ok {
		return ""
	}
	return g.ClubAt(i, t)
}

// gazKnowsClub reports whether name is the canonical name of a club.
func gazKnowsClub(g *gazetteer.Gazetteer, name string) bool {
	i, ok := g.ClubByName(name)
	return ok && g.Clubs[i].Name == name
}
