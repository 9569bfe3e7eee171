package rumours

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Player completion reads two structures that the name index keeps up to
// date as players and links are added (under its write lock):
//
//   - a word index: every string a prefix is matched against (a player's
//     key, each part of the key from a later word on, each alias key),
//     sorted, so that the strings that start with a prefix are one range
//     found by binary search; recent additions wait in a short unsorted
//     tail. Its keys and key parts are also the forms that fuzzy matching
//     walks in sorted order (closePlayers);
//   - the most linked players, in answer order, for the empty prefix.
//
// A prefix's hits are selected with a bounded heap (the best limit, not a
// sort of every hit), and the fuzzy scan runs only when the prefix hits
// leave room for fuzzy ones. Link counts are read only to order the hits,
// so their changes never reorder the word index.

// maxWordTail is the number of recent word references scanned linearly
// before they are merged into the sorted ones (once per 400 or so new
// players).
const maxWordTail = 1024

// maxTopLinked is the length of the most-linked list kept for the empty
// prefix: the largest limit Engine.Complete passes.
const maxTopLinked = maxLimit

// wordRef is one string by which a player is completed.
type wordRef struct {
	word string // key[src:] for src >= 0, else alias key -1-src
	e    *playerEntry
	src  int32 // byte offset in the key (0: whole name; > 0: a later word), or -1-i for alias i
}

// wordIndex finds the word references whose word starts with a prefix. The
// caller synchronises access (nameIndex.mu).
type wordIndex struct {
	base []wordRef // sorted by word
	tail []wordRef // added since the last merge, in no order
}

// addPlayer adds the references of a new player: its key and the part of
// the key from each later word on.
func (w *wordIndex) addPlayer(e *playerEntry) {
	w.tail = append(w.tail, wordRef{e.key, e, 0})
	for i := 0; i < len(e.key); i++ {
		if e.key[i] == ' ' {
			w.tail = append(w.tail, wordRef{e.key[i+1:], e, int32(i + 1)})
		}
	}
}

// addAlias adds the reference of e's alias i.
func (w *wordIndex) addAlias(e *playerEntry, i int) {
	w.tail = append(w.tail, wordRef{e.aliases[i], e, int32(-1 - i)})
}

// merge sorts the tail into the sorted references, in place: from the
// largest tail reference down, the sorted ones that follow it move up as a
// block (a merge moves a few megabytes for 55,000 players, well under a
// millisecond).
func (w *wordIndex) merge() {
	if len(w.tail) == 0 {
		return
	}
	slices.SortFunc(w.tail, func(a, b wordRef) int { return strings.Compare(a.word, b.word) })
	n := len(w.base)
	w.base = slices.Grow(w.base, len(w.tail))[:n+len(w.tail)]
	end, hi := len(w.base), n // w.base[end:] is merged; w.base[:hi] is yet to move
	for j := len(w.tail) - 1; j >= 0; j-- {
		t := w.tail[j]
		at := sort.Search(hi, func(k int) bool { return w.base[k].word > t.word })
		end -= hi - at
		copy(w.base[end:], w.base[at:hi])
		end--
		w.base[end] = t
		hi = at
	}
	clear(w.tail)
	w.tail = w.tail[:0]
}

// mergeWords sorts the word index's tail into its sorted references. The
// caller holds mu for writing or owns ix.
func (ix *nameIndex) mergeWords() {
	ix.words.merge()
	ix.scanSorted = len(ix.scan)
}

// prefixed returns the sorted references whose word starts with p, and the
// tail (whose references the caller filters).
func (w *wordIndex) prefixed(p string) (sorted, tail []wordRef) {
	lo, _ := slices.BinarySearchFunc(w.base, p, func(r wordRef, p string) int { return strings.Compare(r.word, p) })
	n := sort.Search(len(w.base)-lo, func(k int) bool { return !strings.HasPrefix(w.base[lo+k].word, p) })
	return w.base[lo : lo+n], w.tail
}

// firstSource returns the first of e's references whose word starts with p,
// in the order key, later words, aliases; false if none does. It picks the
// one reference through which a player matched by several is counted.
func firstSource(e *playerEntry, p string) (int32, bool) {
	if strings.HasPrefix(e.key, p) {
		return 0, true
	}
	for i := 0; i < len(e.key); i++ {
		if e.key[i] == ' ' && strings.HasPrefix(e.key[i+1:], p) {
			return int32(i + 1), true
		}
	}
	for i, a := range e.aliases {
		if strings.HasPrefix(a, p) {
			return int32(-1 - i), true
		}
	}
	return 0, false
}

// completeHit is a player completing a prefix at some level.
type completeHit struct {
	e     *playerEntry
	level int
}

// compareHits orders hits as answers are: byLinksThen with the level as rank.
func compareHits(a, b completeHit) int { return byLinksThen(a.e, b.e, a.level, b.level) }

// topHits keeps the best limit hits offered, by compareHits, in a heap
// whose root is the worst one kept. Hits must be distinct players.
type topHits struct {
	limit int
	h     []completeHit
}

// wants reports whether a hit would be kept if offered now.
func (t *topHits) wants(h completeHit) bool {
	return len(t.h) < t.limit || compareHits(h, t.h[0]) < 0
}

// full reports whether limit hits are kept.
func (t *topHits) full() bool { return len(t.h) >= t.limit }

// add keeps h if it is among the best limit hits offered so far.
func (t *topHits) add(h completeHit) {
	if len(t.h) < t.limit {
		t.h = append(t.h, h)
		for i := len(t.h) - 1; i > 0; {
			up := (i - 1) / 2
			if compareHits(t.h[i], t.h[up]) <= 0 {
				break
			}
			t.h[i], t.h[up] = t.h[up], t.h[i]
			i = up
		}
		return
	}
	if compareHits(h, t.h[0]) >= 0 {
		return
	}
	t.h[0] = h
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(t.h) && compareHits(t.h[l], t.h[worst]) > 0 {
			worst = l
		}
		if r < len(t.h) && compareHits(t.h[r], t.h[worst]) > 0 {
			worst = r
		}
		if worst == i {
			break
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

// names returns the names of the kept hits, best first.
func (t *topHits) names() []string {
	slices.SortFunc(t.h, compareHits)
	out := make([]string, 0, len(t.h))
	for _, h := range t.h {
		out = append(out, h.e.name)
	}
	return out
}

// completePlayers implements Engine.Complete for players: p is the folded
// prefix. Players whose key starts with p (completeWhole) come before
// players one of whose later words or aliases does (completeWord), then,
// for prefixes of fuzzyMinLen characters or more, players within
// fuzzyMaxDist edits of p (completeFuzzy), all ordered by byLinksThen with
// the level as rank; an empty p gives the most linked players.
func (ix *nameIndex) completePlayers(p string, limit int) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if limit <= 0 {
		return []string{}
	}
	if p == "" {
		return ix.mostLinked(limit)
	}
	top := topHits{limit: limit}
	offer := func(r wordRef) {
		h := completeHit{r.e, completeWord}
		if r.src == 0 {
			h.level = completeWhole
		}
		if top.full() && top.h[0].level < h.level && top.h[0].e.links > 0 {
			// The worst kept hit has links and a better level: h comes
			// after it whatever its links (checked without reading them).
			return
		}
		// A player matched by several references is offered once, through
		// the first (which has its best level).
		if top.wants(h) {
			if src, _ := firstSource(r.e, p); src == r.src {
				top.add(h)
			}
		}
	}
	sorted, tail := ix.words.prefixed(p)
	for _, r := range sorted {
		offer(r)
	}
	for _, r := range tail {
		if strings.HasPrefix(r.word, p) {
			offer(r)
		}
	}
	// Fuzzy hits rank after every prefix hit with links: they are needed
	// unless limit of those were found.
	if utf8.RuneCountInString(p) >= fuzzyMinLen && !(top.full() && top.h[0].e.links > 0) {
		for _, c := range ix.closePlayers(newForm(p), fuzzyMaxDist) {
			h := completeHit{c.e, completeFuzzy}
			if top.wants(h) {
				if _, prefixed := firstSource(c.e, p); !prefixed {
					top.add(h)
				}
			}
		}
	}
	return top.names()
}

// mostLinked returns the names of the limit players with most links (ties
// by name); players without links are left out. The caller holds mu.
func (ix *nameIndex) mostLinked(limit int) []string {
	if limit <= len(ix.topLinked) || len(ix.topLinked) < maxTopLinked {
		// topLinked holds every linked player or more than asked for.
		n := min(limit, len(ix.topLinked))
		out := make([]string, 0, n)
		for _, e := range ix.topLinked[:n] {
			out = append(out, e.name)
		}
		return out
	}
	top := ix.selectLinked(limit)
	return top.names()
}

// selectLinked selects the limit linked players that come first by
// compareLinked, from every player.
func (ix *nameIndex) selectLinked(limit int) topHits {
	top := topHits{limit: limit}
	for _, e := range ix.list {
		if h := (completeHit{e, completeWhole}); e.links > 0 && top.wants(h) {
			top.add(h)
		}
	}
	return top
}

// compareLinked orders players by links, most first, then by name: the
// order of byLinksThen among linked players of the same level.
func compareLinked(a, b *playerEntry) int {
	if c := cmp.Compare(b.links, a.links); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// rebuildTopLinked recomputes the most-linked list from every player. The
// caller holds mu for writing or owns ix.
func (ix *nameIndex) rebuildTopLinked() {
	for _, e := range ix.topLinked {
		e.inTop = false
	}
	top := ix.selectLinked(maxTopLinked)
	slices.SortFunc(top.h, compareHits)
	ix.topLinked = ix.topLinked[:0]
	for _, h := range top.h {
		h.e.inTop = true
		ix.topLinked = append(ix.topLinked, h.e)
	}
}

// linksGrew updates the most-linked list after e's links grew (they never
// shrink, so e can only move up, and only e can enter the list). The caller
// holds mu for writing.
func (ix *nameIndex) linksGrew(e *playerEntry) {
	if e.links <= 0 {
		return
	}
	t := ix.topLinked
	var i int // e's position
	switch {
	case e.inTop:
		i = slices.Index(t, e)
	case len(t) < maxTopLinked:
		t = append(t, e)
		i = len(t) - 1
	case compareLinked(e, t[len(t)-1]) < 0:
		t[len(t)-1].inTop = false
		t[len(t)-1] = e
		i = len(t) - 1
	default:
		return
	}
	e.inTop = true
	// Move e up to its place.
	j, _ := slices.BinarySearchFunc(t[:i], e, compareLinked)
	copy(t[j+1:i+1], t[j:i])
	t[j] = e
	ix.topLinked = t
}
