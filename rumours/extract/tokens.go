package extract

// Small helpers of the extractor, token matching and word tests, named for
// what they test.

import (
	"slices"
	"strconv"
	"strings"
)

func isScore(s string) bool {
	a, b, ok := strings.Cut(s, "-")
	return ok && isInt(a) && isInt(b)
}

// isInt reports whether strconv.Atoi takes s. Most words it is asked of
// ("long-term") are not numbers, and are told by their bytes: Atoi's error
// for them was an allocation each.
func isInt(s string) bool {
	d := s
	if d != "" && (d[0] == '+' || d[0] == '-') {
		d = d[1:]
	}
	if d == "" {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	_, err := strconv.Atoi(s) // (a number too long for an int)
	return err == nil
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

// clauseHas reports whether the clause has one of words, each a word or
// words separated by single spaces ("sale of").
func clauseHas(toks []token, cl [2]int, words ...string) bool {
	for _, w := range words {
		// the phrase's first word cut once, not at every token
		first, rest, more := strings.Cut(w, " ")
		for i := cl[0]; i < cl[1]; i++ {
			if toks[i].lower == first && (!more || phraseAt(toks, i+1, cl[1], rest)) {
				return true
			}
		}
	}
	return false
}

// phraseAt reports whether the tokens from i (before end) are the words of
// phrase, separated by single spaces: matchAt without splitting the
// phrase into a list first.
func phraseAt(toks []token, i, end int, phrase string) bool {
	for {
		w, rest, more := strings.Cut(phrase, " ")
		if i >= end || toks[i].lower != w {
			return false
		}
		if !more {
			return true
		}
		i, phrase = i+1, rest
	}
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

// matchIDs is matchAt for words given by their numbers in
// Extractor.words (-1 matches any token): the tokens' numbers stand for
// their lower-cased words.
func matchIDs(toks []token, i, end int, ids []int32) bool {
	if i+len(ids) > end {
		return false
	}
	for k := len(ids) - 1; k >= 0; k-- { // (from the last: the first word is the one the cues were found by)
		if id := ids[k]; id >= 0 && toks[i+k].w != id {
			return false
		}
	}
	return true
}

func indexOf(s *sent, m mention) int {
	for k := range s.ments {
		s.work++
		if x := &s.ments[k]; x.i == m.i && x.kind == m.kind {
			return k
		}
	}
	return -1
}

func mentionAt(s *sent, i int) int {
	if cover := s.index(); cover != nil {
		return coveredBy(cover, i)
	}
	return firstCovering(s.ments, i, &s.work)
}

// firstCovering returns the first of ments that covers token i and is not a
// blank, -1 if none, counting its steps in work.
func firstCovering(ments []mention, i int, work *int) int {
	for k := range ments {
		*work++
		if m := &ments[k]; m.i <= i && i < max(m.j, m.i+1) && m.kind != mBlank {
			return k
		}
	}
	return -1
}

func hasPlayer(s *sent) bool {
	for k := range s.ments {
		s.work++
		if s.ments[k].kind == mPlayer {
			return true
		}
	}
	return false
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
	if st.x.g.HasClub(toks[i].fold) {
		return 1
	}
	return 0
}

// sortMentions puts the mentions in token order, those starting at the same
// token in the order they were found.
func sortMentions(s *sent) {
	for k := 1; k < len(s.ments); k++ {
		// (in order, as they often are already: the test reads the starts
		// in place, where IsSortedFunc copied two mentions a comparison)
		if s.ments[k].i < s.ments[k-1].i {
			slices.SortStableFunc(s.ments, cmpMentions)
			s.mentionsMoved()
			return
		}
	}
}

// A sentence's mentions are found by token position (mentionAt) per token,
// per clause and per mention; a sentence may hold a hundred of them (a list
// of names, a page without full stops), and walking them all each time made
// such a sentence cost the cube of its length. Past smallMentions mentions,
// mentionAt answers from an index instead.

// smallMentions is how many mentions a sentence may hold before mentionAt
// uses an index: below it, a walk costs no more than building one (a
// sentence of the labelled sets holds at most 14).
const smallMentions = 16

// mentionIndex holds mentionAt's answer for each token of a sentence, as
// its mentions stood when it was built: (*sent).index rebuilds it when their
// number or array has changed, or after mentionsMoved (no stage moves a
// mention otherwise, or changes its span).
type mentionIndex struct {
	n     int      // len(s.ments) when built, -1 once moved
	first *mention // &s.ments[0] when built
	cover []int32  // per token: the first mention covering it that is not a blank, -1 if none
}

// index returns the sentence's mention index, built if the mentions changed
// since, or nil when the sentence has too few mentions to need one.
func (s *sent) index() []int32 {
	if len(s.ments) <= smallMentions {
		return nil
	}
	x := &s.mi
	if x.n == len(s.ments) && x.first == &s.ments[0] {
		return x.cover
	}
	x.n, x.first = len(s.ments), &s.ments[0]
	x.cover = slices.Grow(x.cover[:0], len(s.toks))[:len(s.toks)]
	for t := range x.cover {
		x.cover[t] = -1
	}
	s.work += len(s.toks)
	for k, m := range s.ments {
		if m.kind == mBlank {
			continue
		}
		for t := max(m.i, 0); t < max(m.j, m.i+1) && t < len(x.cover); t++ {
			s.work++
			if x.cover[t] < 0 {
				x.cover[t] = int32(k)
			}
		}
	}
	return x.cover
}

// mentionsMoved says that the sentence's mentions moved in their array:
// its index is out of date.
func (s *sent) mentionsMoved() { s.mi.n = -1 }

// coveredBy is mentionAt's answer from an index.
func coveredBy(cover []int32, i int) int {
	if i < 0 || i >= len(cover) {
		return -1
	}
	return int(cover[i])
}

func cmpMentions(a, b mention) int { return a.i - b.i }

func joinFold(toks []token) string {
	switch len(toks) {
	case 0:
		return ""
	case 1:
		return toks[0].fold
	}
	n := len(toks) - 1
	for i := range toks {
		n += len(toks[i].fold)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(toks[i].fold)
	}
	return b.String()
}

// appendFold appends joinFold(toks) to b.
func appendFold(b []byte, toks []token) []byte {
	for i := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, toks[i].fold...)
	}
	return b
}

func joinText(toks []token) string {
	switch len(toks) {
	case 0:
		return ""
	case 1:
		return toks[0].text
	}
	n := len(toks) - 1
	for i := range toks {
		n += len(toks[i].text)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(toks[i].text)
	}
	return b.String()
}

func spanHasPunct(toks []token) bool {
	for i := range toks {
		if toks[i].punct {
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

// keyFilter returns a filter of the keys keys yields, sized for them.
func keyFilter(keys func(yield func(string) bool)) wordFilter {
	n := 0
	for range keys {
		n++
	}
	f := newWordFilter(n)
	for k := range keys {
		f.add(k)
	}
	return f
}

// wordFilter is a Bloom filter over a set of words: a word it rules out is
// not in the set, found by hashing the word, where a map lookup would also
// probe memory that is seldom in the cache and joining a span's words would
// allocate.
type wordFilter []uint64

// newWordFilter returns a filter for about n words, with 16 bits each (two
// set per word, in one of its 64-bit words: about 2% of other words get
// through).
func newWordFilter(n int) wordFilter {
	size := 64
	for size < 16*n {
		size *= 2
	}
	return make(wordFilter, size/64)
}

// The filters hash with FNV-1a.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnvAdd(h uint32, w string) uint32 {
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

// bits returns where the two bits of the word hashed to h are: the index
// of one of f's 64-bit words, picked by the hash's bits mixed, and the two
// bits in it. Both in one word, a test reads one place in memory (a large
// filter, such as the names', is mostly not in the cache); the price is a
// few more words let through than with two bits anywhere.
func (f wordFilter) bits(h uint32) (int, uint64) {
	w := int(uint64(h*0x9e3779b1) * uint64(len(f)) >> 32)
	return w, 1<<(h&63) | 1<<(h>>6&63)
}

func (f wordFilter) add(w string) {
	k, b := f.bits(fnvAdd(fnvOffset, w))
	f[k] |= b
}

func (f wordFilter) mayHave(w string) bool {
	return f.mayHaveHash(fnvAdd(fnvOffset, w))
}

// spanHash is the filters' hash of joinFold(toks), without joining them.
func spanHash(toks []token) uint32 {
	h := uint32(fnvOffset)
	for k := range toks {
		if k > 0 {
			h = (h ^ ' ') * fnvPrime
		}
		h = fnvAdd(h, toks[k].fold)
	}
	return h
}

// appendSpanHashes appends to hs the spanHash of each of toks' prefixes,
// the shortest first: the hash of the first n tokens is that of the first
// n-1 carried on.
func appendSpanHashes(hs []uint32, toks []token) []uint32 {
	h := uint32(fnvOffset)
	for k := range toks {
		if k > 0 {
			h = (h ^ ' ') * fnvPrime
		}
		h = fnvAdd(h, toks[k].fold)
		hs = append(hs, h)
	}
	return hs
}

// mayHaveText is mayHave(joinText(toks)), without joining them.
func (f wordFilter) mayHaveText(toks []token) bool {
	h := uint32(fnvOffset)
	for k := range toks {
		if k > 0 {
			h = (h ^ ' ') * fnvPrime
		}
		h = fnvAdd(h, toks[k].text)
	}
	return f.mayHaveHash(h)
}

func (f wordFilter) mayHaveHash(h uint32) bool {
	if len(f) == 0 {
		return false // an empty set's
	}
	k, b := f.bits(h)
	return f[k]&b == b
}

// wordTable maps the words the rules look up token by token to their
// numbers (Extractor.words). It is a hash table with open addressing that
// hashes a word by its length and three of its bytes, and keeps a byte of
// each slot's hash apart from the words: a lookup for each token of an
// article costs a few nanoseconds (most words are not there, and are found
// missing from the bytes alone), where a map's hash of the whole word and
// its probe cost as much as the lookups it saves. A slot keeps the word's
// flags beside its number, so that a word found costs one read of memory
// past the tags, not one for the number and another for the flags.
type wordTable struct {
	tags  []uint8 // a byte of the hash of the slot's word (never 0), 0 for an empty slot
	slots []wordSlot
	mask  uint32
	// byByte has the words of one byte (punctuation, about one token in
	// six, and single letters) by their byte: found without hashing
	byByte [256]wordEntry
}

// wordEntry is a word's number and flags (0 and none: not in the table).
type wordEntry struct {
	num   int32
	flags wordFlags
}

// wordSlot is a word of a wordTable, its number and its flags.
type wordSlot struct {
	key   string
	flags wordFlags
	num   int32
}

// wordHash hashes w by its length, first, middle and last bytes.
func wordHash(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	return uint32(n)*0x9e3779b1 ^ uint32(w[0])*0x85ebca6b ^ uint32(w[n/2])*0xc2b2ae35 ^ uint32(w[n-1])*0x27d4eb2f
}

// wordTag is the byte of h kept in wordTable.tags.
func wordTag(h uint32) uint8 { return uint8(h>>24) | 1 }

// build fills the table with words, their numbers (not 0) and the flags
// of each number, with room for four times as many: a word that is not
// there is found missing at its first or second slot.
func (t *wordTable) build(words map[string]int32, flags func(n int32) wordFlags) {
	size := 16
	for size < 4*len(words) {
		size *= 2
	}
	t.tags, t.slots, t.mask = make([]uint8, size), make([]wordSlot, size), uint32(size-1)
	t.byByte = [256]wordEntry{}
	for w, n := range words {
		h := wordHash(w)
		i := h & t.mask
		for t.tags[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.tags[i], t.slots[i] = wordTag(h), wordSlot{key: w, num: n, flags: flags(n)}
		if len(w) == 1 {
			t.byByte[w[0]] = wordEntry{num: n, flags: flags(n)}
		}
	}
}

// get returns the number of w, 0 if it is not in the table.
func (t *wordTable) get(w string) int32 {
	n, _ := t.lookup(w)
	return n
}

// lookup returns the number and flags of w, 0 and none if it is not in
// the table.
func (t *wordTable) lookup(w string) (int32, wordFlags) {
	if len(w) == 1 {
		e := &t.byByte[w[0]]
		return e.num, e.flags
	}
	if len(t.tags) == 0 {
		return 0, 0
	}
	h := wordHash(w)
	tag := wordTag(h)
	for i := h & t.mask; t.tags[i] != 0; i = (i + 1) & t.mask {
		if t.tags[i] == tag {
			if s := &t.slots[i]; s.key == w {
				return s.num, s.flags
			}
		}
	}
	return 0, 0
}

// wordFlags are the word sets a lower-cased word is in (token.flags).
type wordFlags uint64

const (
	wParticle wordFlags = 1 << iota
	wStopCaps
	wRoleNoun
	wNation
	wPlacePrep
	wBlankBefore
	wAttrib
	wOpener
	wCue        // it starts a stage cue (wordInfo.cues)
	wCueSpecial // clauseCues reads it before the cues
	wClauseWord // clauses looks at it
	wFactWord   // clauseFactsOf looks at it
	wRefWord    // addRefs looks at it: "he", "him", "his", "himself", "the"
	wWish       // wishVerbs
	wExpect     // expectVerbs
	// The outlet table's words are matched as printed (token.text), but a
	// token's lower-cased word is strings.ToLower of its text: a word whose
	// text is a key of the table is flagged by its lower-cased form, and the
	// flag rules out the others before the table's map.
	wOutletFirst      // a first word of an outlet's name (outletTable.first)
	wOutletLowerFirst // ... printed in lower case (outletTable.lowerFirst)
	wOutletIntro      // outletIntro
	// the sets roleOf reads of the words around a club
	wOpponentPrev
	wTargetNoun
	wSuitorNoun
	wBidNoun
	wTransferNoun
	wPossessedTransfer
	wStaffNoun
	wCrowdNoun
	wMatchWord // matchWords: matchSentence counts them
	wListIntro // listIntroWords: listIntroAt looks for them
	wClubRef   // clubRefStart: clubRefs reads "the" only before one
	// more sets roleOf reads of the word before a club
	wClubDescriptor    // clubDescriptor
	wOpponentPrev2Last // opponentPrev2Last: the last word of an opponentPrev2 phrase
	wSnubVerb          // snubVerbs
	// sets read of a word near a mention or at a clause's start
	wJoinWord     // joinWords (joinedPlayer)
	wSubordinator // subordinators (subordinate)
	wTimeNoun     // timeNouns (determinedSubject)
	wSubjectVerb  // subjectVerbs (determinedSubject)
	wRegionAdj    // regionAdj (refAt)
	wRefNoun      // refNouns (refAt)
	// punctuation that starts a slot or a unit
	wComma    // ","
	wDash     // "-", "–", "—" (isDash)
	wUnitMark // a dash or "•": an item's start (unitStartAt)
	// a word a sentence is searched for (sent.flags)
	wRespectively // "respectively" (respectively)
	wAs           // "as": asYouth searches only a sentence with it
)

// cueSpecial are the words clauseCues reads before the stage cues.
var cueSpecial = set("added", "going", "rejected", "rejecting", "rebuffed", "dismissed", "turned", "turning", "knocked", "completed", "completes",
	"complete", "agree", "sign", "signed", "agreed", "move", "switch", "transfer", "accepted", "accept", "accepts", "signing",
	"confirmed", "confirms", "confirm", "announced", "announces")

// wordFlagSets are the word sets of the flags.
func wordFlagSets() []struct {
	flag wordFlags
	set  map[string]bool
} {
	return []struct {
		flag wordFlags
		set  map[string]bool
	}{{wParticle, particle}, {wStopCaps, stopCaps}, {wRoleNoun, roleNouns}, {wNation, nations}, {wPlacePrep, placePrep},
		{wBlankBefore, blankBefore}, {wAttrib, attribWords}, {wOpener, openerWords}, {wCueSpecial, cueSpecial}, {wClauseWord, clauseWords}, {wFactWord, factWords}, {wRefWord, set("he", "him", "his", "himself", "the")}, {wWish, wishVerbs}, {wExpect, expectVerbs},
		{wOutletIntro, outletIntro}, {wOpponentPrev, opponentPrev}, {wTargetNoun, targetNouns}, {wSuitorNoun, suitorNouns},
		{wBidNoun, bidNoun}, {wTransferNoun, transferNoun}, {wPossessedTransfer, possessedTransfer}, {wStaffNoun, staffNouns},
		{wCrowdNoun, crowdNouns}, {wMatchWord, matchWords}, {wListIntro, listIntroWords},
		{wClubRef, clubRefStart}, {wClubDescriptor, clubDescriptor}, {wOpponentPrev2Last, opponentPrev2Last}, {wSnubVerb, snubVerbs},
		{wJoinWord, joinWords}, {wSubordinator, subordinators}, {wTimeNoun, timeNouns}, {wSubjectVerb, subjectVerbs},
		{wRegionAdj, regionAdj}, {wRefNoun, refNouns},
		{wComma, set(",")}, {wDash, set("-", "–", "—")}, {wUnitMark, set("-", "–", "—", "•")},
		{wRespectively, set("respectively")}, {wAs, set("as")}}
}

// is reports whether the token's lower-cased word is in the sets of f (any).
func (t *token) is(f wordFlags) bool { return t.flags&f != 0 }
