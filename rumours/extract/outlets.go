package extract

// Outlets: finding the outlets a sentence cites, and deciding which outlets
// each link is credited to.
//
// A sentence cites an outlet in one of these forms:
//
//	source    "according to AS", "Goal has learned", "told Sky Sports",
//	          "Sky Germany's Florian Plettenberg", "Marca, as cited by NBC
//	          Sports", "Marca and AS have both reported"
//	tag       "(Guardian)", "(AS - in Spanish)" closing a roundup item
//	heading   "THE TIMES" over a paragraph, "MARCA:", "CORRIERE DELLO SPORT
//	          (Rome edition):" heading a roundup item
//	reference "the paper claims", "the report adds", "according to the
//	          report": the outlet cited last
//
// and an embedded tweet is signed "— Fabrizio Romano (@FabrizioRomano) July
// 12, 2023". A wire dateline ("LONDON (Reuters) -") names the publisher, not
// a source.
//
// Scope. The text falls into units: roundup items (a heading's paragraph,
// a "•" or " - " item, the text a tag closes, a live-blog entry) and the
// paragraphs of a story.
//   - A roundup item is credited to every outlet it cites.
//   - In a story paragraph a citation governs what follows it, and what
//     comes before it when it is about the same player: "X could leave Lyon,
//     according to Marca. Everton and Roma are monitoring him."
//   - A story paragraph that cites an outlet about a player but reports no
//     link of his (a quote, the fee, "Sky Sports reports Sanchez will stay")
//     credits his link with a club it names, else his links in the paragraph
//     before, else his main links.
//   - The opening sentences' citation credits the headline's main links.
//   - A tweet credits its author for the links it names.
//   - A completed move mentioned in passing is background, not the story:
//     it is credited to no outlet but a tweet that names it.

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
)

// outletTable finds the outlets of the configured table in a sentence's
// tokens by their surface forms (names and aliases as printed, case-sensitive,
// "The" optional), and in headings and tags by their fold.
type outletTable struct {
	byName map[string]int // exact surface form -> index into list
	byFold map[string]int // folded surface form -> index into list
	list   []rumours.Outlet
	maxLen int            // longest surface form in words
	first  map[string]int // first words of surface forms -> the longest such form in words
	// lowerFirst are first words of names printed in lower case ("talkSPORT",
	// "kicker"): prose names otherwise start with a capital.
	lowerFirst map[string]bool
	// firstWords holds the keys of first and lowerFirst, and names those of
	// byName: most words and spans are none, and skip the maps
	firstWords, names wordFilter
}

func newOutletTable(outlets []rumours.Outlet) *outletTable {
	t := &outletTable{byName: map[string]int{}, byFold: map[string]int{}, first: map[string]int{}, lowerFirst: map[string]bool{}, list: outlets}
	add := func(s string, i int) {
		toks := tokenize(s)
		if len(toks) == 0 {
			return
		}
		surface := joinText(toks)
		if _, dup := t.byName[surface]; !dup {
			t.byName[surface] = i
		}
		if f := foldKey(toks); f != "" {
			if _, dup := t.byFold[f]; !dup {
				t.byFold[f] = i
			}
		}
		t.first[toks[0].text] = max(t.first[toks[0].text], len(toks))
		if !toks[0].upper {
			t.lowerFirst[toks[0].text] = true
		}
		t.maxLen = max(t.maxLen, len(toks))
	}
	for i, o := range outlets {
		add(o.Name, i)
		if rest, ok := strings.CutPrefix(o.Name, "The "); ok {
			add(rest, i)
		}
		for _, a := range o.Aliases {
			add(a, i)
		}
	}
	t.firstWords = newWordFilter(len(t.first))
	for w := range t.first {
		t.firstWords.add(w)
	}
	t.names = newWordFilter(len(t.byName))
	for name := range t.byName {
		t.names.add(name)
	}
	return t
}

// lookup returns the outlet printed exactly as toks[i:i+n], longest first.
func (t *outletTable) lookup(toks []token, i, end int) (name string, n int) {
	if !t.firstWords.mayHave(toks[i].text) {
		return "", 0
	}
	for n = min(t.first[toks[i].text], end-i); n >= 1; n-- {
		if !t.names.mayHaveText(toks[i : i+n]) {
			continue
		}
		if o, ok := t.byName[joinText(toks[i:i+n])]; ok {
			return t.list[o].Name, n
		}
	}
	return "", 0
}

// lookupFold returns the outlet whose folded name is toks[i:i+n], longest
// first: headings and tags print names in capitals or abbreviate them.
func (t *outletTable) lookupFold(toks []token, i, end int) (name string, n int) {
	for n = min(t.maxLen, end-i); n >= 1; n-- {
		if !nameSpan(toks[i : i+n]) {
			continue
		}
		if o, ok := t.byFold[foldKey(toks[i:i+n])]; ok {
			return t.list[o].Name, n
		}
	}
	return "", 0
}

// foldKey folds a name's words, punctuation left out: "Football.London" and
// "FOOTBALL LONDON" are both "football london".
func foldKey(toks []token) string {
	var b strings.Builder
	for i := range toks {
		t := &toks[i]
		if t.fold == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.fold)
	}
	return b.String()
}

// nameSpan reports whether toks may be a name: words, with inner dots and
// hyphens only ("Football.London").
func nameSpan(toks []token) bool {
	for k := range toks {
		t := &toks[k]
		if t.punct && (k == 0 || k == len(toks)-1 || t.text != "." && !isDash(t.text)) {
			return false
		}
	}
	return true
}

// spunOutletWords undo the machine rewording of outlet names, as
// spunSuffix does for clubs: "the Night Customary" is the Evening Standard,
// "the Solar" the Sun.
var spunOutletWords = map[string]string{"night": "evening", "customary": "standard", "solar": "sun", "occasions": "times", "impartial": "independent"}

// spunOutletWord reports whether w is a key of spunOutletWords (a switch:
// every capitalised word asks it of the words after it).
func spunOutletWord(w string) bool {
	switch w {
	case "night", "customary", "solar", "occasions", "impartial":
		return true
	}
	return false
}

// spunAt returns the outlet whose name, machine-reworded, starts at i.
func (t *outletTable) spunAt(toks []token, i int) (name string, n int) {
	end := min(i+t.maxLen, len(toks))
	k := i
	for k < end && !spunOutletWord(toks[k].fold) {
		k++
	}
	if k == end {
		return "", 0 // no reworded word: the common case
	}
	for n = end - i; n > k-i; n-- {
		words, spun := make([]string, n), false
		for k, tk := range toks[i : i+n] {
			words[k] = tk.fold
			if w, ok := spunOutletWords[tk.fold]; ok && tk.upper {
				words[k], spun = w, true
			}
		}
		if o, ok := t.byFold[strings.Join(words, " ")]; ok && spun && nameSpan(toks[i:i+n]) {
			return t.list[o].Name, n
		}
	}
	return "", 0
}

// citeForm is how a sentence cites an outlet.
type citeForm int

const (
	citeSource  citeForm = iota // "according to AS", "told Sky Sports"
	citeTag                     // "(Guardian)" closing a roundup item
	citeHeading                 // "THE TIMES" heading a roundup item
	citeRef                     // "the paper claims": the outlet cited last
)

// citation is one outlet cited in a sentence.
type citation struct {
	i, j int // token span
	name string
	form citeForm
}

// unitSpan says that a sentence's tokens from at on belong to outlet unit id.
type unitSpan struct{ at, id int }

// outletIntro are nouns that introduce an outlet: "Portuguese newspaper Record".
var outletIntro = set("newspaper", "outlet", "daily", "website", "journalist", "reporter", "broadcaster", "station", "paper", "radio", "tabloid", "insider", "site")

// refNouns stand for an outlet cited before: "the paper claims".
var refNouns = set("report", "paper", "newspaper", "outlet", "broadcaster", "journalist", "reporter", "website", "site", "daily", "tabloid", "publication", "station")

// reportVerbs follow a source: "Goal understands", "the paper claims".
var reportVerbs = set("reports", "reported", "report", "says", "say", "said", "claims", "claim", "claimed", "claiming",
	"understands", "understand", "believes", "adds", "add", "added", "suggests", "suggest", "insists", "reveals",
	"revealed", "writes", "wrote", "notes", "noted", "states", "stated", "explains", "describes", "confirmed",
	"confirms", "journalist", "reporter", "understood", "learned", "learnt",
	"experiences") // machine-reworded "reports"

// newsVerbs follow a source and no club: "Goal understands", "Goal has learned".
var newsVerbs = set("reports", "reported", "reporting", "claims", "claimed", "claiming", "understands", "learned", "learnt", "revealed", "reveals", "writes")

// chainWords join an outlet to one cited just before: "Mike McGrath of The
// Telegraph", "Mundo Deportivo and Sport", "Marca, as cited by NBC Sports".
var chainWords = set(",", "and", "&", "of", "for", "at", "via", "as", "cited", "by", "quoted", "'s", "writing", "in")

// findOutlets finds the outlets a sentence cites and marks their tokens
// used. Outlet names that the sentence does not cite as sources ("the New
// York Times' coverage") are marked used too when they are two words or
// more, so that they are not taken for clubs or people ("York City").
func (st *state) findOutlets(s *sent, used []bool) {
	toks := s.toks
	t := st.x.outlets
	s.outlets, s.cites = nil, nil
	// cite records a citation; one chained to the citation before it
	// ("Mike McGrath of The Telegraph") joins the outlets "the paper" will
	// refer to, any other replaces them.
	cite := func(i, j int, name string, form citeForm, chain bool) {
		if s.cites == nil { // (most sentences that cite cite one or two)
			s.cites, s.outlets = carve(&st.ws.cites, 2), carve(&st.ws.citedOutlets, 2)
		}
		s.ments = append(s.ments, mention{kind: mOutlet, i: i, j: j, name: name})
		s.cites = append(s.cites, citation{i: i, j: j, name: name, form: form})
		s.outlets = appendUnique(s.outlets, name)
		s.work += len(s.outlets) + len(st.lastCited)
		markUsed(used, i, j)
		if chain {
			st.lastCited = appendUnique(st.lastCited, name)
		} else {
			st.lastCited = append(st.lastCited[:0], name) // (nothing else holds it)
		}
	}
	// a heading sentence that prepare split off ("MARCA:") names its item's outlet
	if s.header {
		if name, n := t.lookupFold(toks, 0, len(toks)); name != "" && n == len(toks) {
			cite(0, n, name, citeHeading, false)
		}
		return
	}
	lastEnd := -1 // end of the latest citation, for chains
	// spun is the first token from spunFrom on whose fold is a reworded
	// outlet word (len(toks) if none): spunAt finds a name only before
	// one, and most sentences have none, so it is asked only there
	spunFrom, spun := -1, -1
	// the tokens a citation may start at, from the sentence's list of
	// them (sent.outletAt): next is the token after the last one found
	next := 0
	for _, c := range s.outletAt {
		i := int(c)
		if i < next || used[i] {
			continue
		}
		tk := &toks[i]
		if tk.text == "(" {
			if j, ok := dateline(toks, i); ok {
				markUsed(used, 0, j) // "LONDON (Reuters) -": the wire's own copy
				next = j
				continue
			}
			if name, j := st.tagAt(toks, i); name != "" {
				cite(i+1, j-1, name, citeTag, false)
				lastEnd = j
				next = j
				continue
			}
		}
		if unitStartAt(toks, i) && allCaps(*tk) {
			if name, n := headingAt(t, toks, i); name != "" {
				cite(i, i+n, name, citeHeading, false)
				lastEnd = i + n
				next = i + n
				continue
			}
		}
		if tk.lower == "the" {
			if j, ok := refAt(toks, i); ok {
				if len(st.lastCited) > 0 {
					for _, name := range st.lastCited {
						s.ments = append(s.ments, mention{kind: mOutlet, i: i, j: j, name: name})
						s.cites = append(s.cites, citation{i: i, j: j, name: name, form: citeRef})
						s.outlets = appendUnique(s.outlets, name)
					}
				}
				markUsed(used, i, j)
				next = j
				continue
			}
		}
		// (the flags rule out most words before the maps: see wOutletFirst)
		if tk.punct || !tk.upper && !(tk.is(wOutletLowerFirst) && t.lowerFirst[tk.text]) {
			continue
		}
		chained := lastEnd >= 0 && lastEnd < i && i-lastEnd <= 3 && allChainWords(toks[lastEnd:i])
		if tk.is(wOutletFirst) && t.first[tk.text] > 0 || i > 0 && toks[i-1].is(wOutletIntro) && outletIntro[toks[i-1].text] || chained {
			if name, n := t.lookup(toks, i, len(toks)); n > 0 {
				j := i + n
				// "Sky Germany's Florian Plettenberg": the journalist of the outlet
				journo, jn := "", 0
				if j+1 < len(toks) && toks[j].text == "'s" && startsName(toks, j+1) {
					journo, jn = st.journalistAt(toks, j+1)
				}
				end := j
				if jn > 0 {
					end = j + 1 + jn
				}
				cited := chained || attribution(toks, i, end) || jn == 0 && st.listCited(toks, i, end)
				if cited && n == 1 && st.x.g.HasClub(tk.fold) {
					// a name shared with a club ("Athletic", "Goal") is a
					// source only where the text says so first, or with a
					// reporting verb: "Athletic have been told" and
					// "according to Marca, Athletic have ..." are the club
					cited = chained && toks[i-1].text != "," || citedBefore(toks, i) || end < len(toks) && (newsVerbs[toks[end].lower] ||
						end+1 < len(toks) && auxVerbs[toks[end].lower] && newsVerbs[toks[end+1].lower])
				}
				if cited {
					cite(i, j, name, citeSource, chained)
					if jn > 0 {
						cite(j+1, end, journo, citeSource, true)
					}
					lastEnd = end
					next = end
					continue
				}
				if n >= 2 {
					markUsed(used, i, j) // an outlet named, not cited: not a club or a person
					next = j
					continue
				}
			}
		}
		// a machine-reworded name cited as a source: "says the Night Customary"
		if i < spunFrom || spun < i {
			spunFrom, spun = i, i
			for spun < len(toks) && !spunOutletWord(toks[spun].fold) {
				spun++
			}
		}
		if spun < min(i+t.maxLen, len(toks)) {
			if name, n := t.spunAt(toks, i); n > 0 && attribution(toks, i, i+n) {
				cite(i, i+n, name, citeSource, chained)
				lastEnd = i + n
				next = i + n
				continue
			}
		}
		// an outlet the table lacks, introduced as one: "Portuguese newspaper Record"
		if i > 0 && toks[i-1].is(wOutletIntro) && outletIntro[toks[i-1].text] {
			j := i
			for j < len(toks) && j-i < 4 && toks[j].upper && !toks[j].punct {
				j++
			}
			if j > i && st.clubAt(toks, i) == 0 {
				cite(i, j, joinText(toks[i:j]), citeSource, chained)
				lastEnd = j
				next = j
			}
		}
	}
}

// listCited reports whether the outlet at [i,j) heads a list of outlets
// that is cited as a whole: "Marca and AS have both reported".
func (st *state) listCited(toks []token, i, j int) bool {
	k := j
	for k < len(toks) && (toks[k].text == "," || toks[k].lower == "and" || toks[k].text == "&") {
		k++
	}
	if k == j || k >= len(toks) {
		return false
	}
	st.work++ // (the list's outlets, from each of them)
	_, n := st.x.outlets.lookup(toks, k, len(toks))
	return n > 0 && (citedAfter(toks, k+n) || st.listCited(toks, k, k+n))
}

// journalistAt returns the journalist named at i after an outlet's "'s":
// one from the table, else a name of two or three capitalised words that is
// not a club's or a player's.
func (st *state) journalistAt(toks []token, i int) (string, int) {
	if name, n := st.x.outlets.lookup(toks, i, len(toks)); n > 0 {
		return name, n
	}
	j := i
	for j < len(toks) && j-i < 3 && toks[j].upper && !toks[j].punct && !toks[j].is(wStopCaps) {
		j++
	}
	if j-i < 2 {
		return "", 0
	}
	if f := joinFold(toks[i:j]); st.x.g.HasClub(f) {
		return "", 0
	} else if _, np := st.x.g.PlayerFor(f); np > 0 {
		return "", 0
	}
	return joinText(toks[i:j]), j - i
}

// tagAt reads an item tag opening at i: "(Guardian)", "(Gazzetta dello Sport
// - in Italian)", "(Times - subscription required)". It returns the outlet
// and the index after ")". A tag of an outlet the table lacks is read when
// it gives the language or the paywall.
func (st *state) tagAt(toks []token, i int) (string, int) {
	k := i + 1
	for k < len(toks) && k-i <= 12 && toks[k].text != ")" && toks[k].text != "(" {
		k++
	}
	if k >= len(toks) || toks[k].text != ")" || k == i+1 {
		return "", 0
	}
	m := i + 1 // the name ends at a dash or comma: "(AS - in Spanish)"
	for m < k && !isDash(toks[m].text) && toks[m].text != "," {
		m++
	}
	if m == i+1 || !toks[i+1].upper && !st.x.outlets.lowerFirst[toks[i+1].text] {
		return "", 0 // "(men)" is a word, "(MEN)" a newspaper
	}
	if name, n := st.x.outlets.lookupFold(toks, i+1, m); name != "" && n == m-i-1 {
		return name, k + 1
	}
	if m < k && tagSuffix(toks[m+1:k]) && m-i-1 <= 4 && allUpper(toks[i+1:m]) {
		return joinText(toks[i+1 : m]), k + 1
	}
	return "", 0
}

// tagSuffix reports whether the words after a tag's dash say what a press
// tag says: "in Spanish", "subscription required", "external".
func tagSuffix(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	switch toks[0].lower {
	case "in", "subscription", "paywall", "external", "registration":
		return true
	}
	return false
}

// dateline reports whether the "(" at i opens a wire dateline: "LONDON
// (Reuters) -", "BARCELONA, Spain (AP) —". It returns the index after ")".
// The place is not a club and the wire is the publisher, not a source.
func dateline(toks []token, i int) (int, bool) {
	if i == 0 || i > 4 || !allCaps(toks[0]) {
		return 0, false
	}
	for k := 1; k < i; k++ {
		if t := &toks[k]; !t.upper && t.text != "," {
			return 0, false
		}
	}
	k := i + 1
	for k < len(toks) && k-i <= 4 && toks[k].text != ")" {
		k++
	}
	if k+1 >= len(toks) || toks[k].text != ")" || !isDash(toks[k+1].text) {
		return 0, false
	}
	return k + 1, true
}

// headingAt reads an outlet heading at the start of a roundup item: "THE
// SUNDAY TIMES" over a paragraph, "MARCA:" or "CORRIERE DELLO SPORT (Rome
// edition):" inline. The capitals must be followed by a colon, an edition
// in brackets or the item's first word; a single short word needs the colon
// ("AS:" but not "AS Roma").
func headingAt(t *outletTable, toks []token, i int) (string, int) {
	run := i // (lookupFold reads at most maxLen words)
	for run < len(toks) && run < i+t.maxLen && allCaps(toks[run]) {
		run++
	}
	name, n := t.lookupFold(toks, i, run)
	if name == "" {
		return "", 0
	}
	j := i + n
	next := ""
	if j < len(toks) {
		next = toks[j].text
	}
	switch {
	case next == ":" || next == "(" || next == "":
		return name, n // "MARCA:", "CORRIERE DELLO SPORT (Rome edition):", a line of its own
	case !toks[j].upper:
		return "", 0
	case n == 1 && len(toks[i].text) < 4:
		return "", 0
	}
	return name, n
}

// refAt reads a reference to the outlet cited last, at "the" at i: "the
// paper claims", "the Portuguese outlet adds", "according to the report",
// "writing for the Spanish outlet". It returns the index after the noun.
func refAt(toks []token, i int) (int, bool) {
	j := i + 1
	for j < len(toks) && j-i <= 3 && toks[j].is(wNation|wRegionAdj) {
		j++
	}
	if j >= len(toks) || !toks[j].is(wRefNoun) {
		return 0, false
	}
	j++
	if j < len(toks) && toks[j].upper && !toks[j].punct {
		return 0, false // "the newspaper Marca": an introduction, not a reference
	}
	if j < len(toks) && reportVerbs[toks[j].lower] {
		return j, true
	}
	if j+1 < len(toks) && (toks[j].lower == "has" || toks[j].lower == "have" || toks[j].lower == "also") && reportVerbs[toks[j+1].lower] {
		return j, true
	}
	if i >= 2 && (toks[i-2].lower == "according" && toks[i-1].lower == "to" || toks[i-2].lower == "writing" && toks[i-1].lower == "for" || toks[i-1].lower == "told") {
		return j, true
	}
	return 0, false
}

// regionAdj qualify a reference to an outlet: "the Catalan paper".
var regionAdj = set("catalan", "madrid-based", "barcelona-based", "local", "respected", "same", "national", "pink", "sports")

// unitStartAt reports whether a roundup item may start at token i: the
// sentence's start, or after a "•" or dash separator.
func unitStartAt(toks []token, i int) bool {
	return i == 0 || toks[i-1].is(wUnitMark) // "•" or a dash
}

// allCaps reports whether a word is written in capitals: "MARCA", "L'EQUIPE".
func allCaps(t token) bool {
	if t.punct {
		return false
	}
	letters := 0
	for _, r := range t.text {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 1 && (letters >= 2 || t.text == "A" || t.text == "O")
}

// allUpper reports whether every word of toks starts with a capital.
func allUpper(toks []token) bool {
	for i := range toks {
		if t := &toks[i]; !t.upper || t.punct {
			return false
		}
	}
	return len(toks) > 0
}

func allChainWords(toks []token) bool {
	for i := range toks {
		if !chainWords[toks[i].lower] {
			return false
		}
	}
	return true
}

// isDash reports whether s is a dash (the words of the flag wDash).
func isDash(s string) bool { return s == "-" || s == "–" || s == "—" }

// attribution reports whether the outlet name at [i,j) is cited as a
// source: "according to AS", "Goal has learned", "reports Kicker", "told Sky
// Sports", "speaking to BBC Sport", "in an interview with Marca", "in
// accordance with Marca" (machine-reworded).
func attribution(toks []token, i, j int) bool {
	return citedBefore(toks, i) || citedAfter(toks, j)
}

// citedBefore reports whether the words before i cite what follows as a
// source: "according to", "says", "told".
func citedBefore(toks []token, i int) bool {
	for k := max(0, i-3); k < i; k++ {
		prev := ""
		if k > 0 {
			prev = toks[k-1].lower
		}
		switch toks[k].lower {
		case "by":
			if k > 0 { // "By Dana Perez, AP Sports Writer" is a by-line
				return true
			}
		case "according", "accordance", "per", "reports", "reported", "says", "said", "claims", "claimed", "told", "cited",
			"via", "tells", "telling", "newspaper", "outlet", "daily", "journalist", "reporter", "station", "broadcaster",
			"suggests", "adds", "writes", "report", "insists", "revealed", "reveals", "understands":
			return true
		case "to":
			if toVerbs[prev] {
				return true
			}
		case "with":
			if prev == "interview" {
				return true
			}
		case "in":
			if k == i-1 || k == i-2 && toks[i-1].lower == "the" {
				return true
			}
		case "from":
			if prev == "reports" || prev == "report" {
				return true
			}
		}
	}
	return false
}

// citedAfter reports whether the words from j on make what precedes a
// source: "Goal understands", "The Times is claiming".
func citedAfter(toks []token, j int) bool {
	if j >= len(toks) {
		return false
	}
	switch w := toks[j].lower; w {
	case "sources", "source":
		// "ESPN sources say", "Sky Sports sources understand"
		return j+1 < len(toks) && (reportVerbs[toks[j+1].lower] || toks[j+1].lower == "have" || toks[j+1].lower == "told")
	case "has", "have", "is", "are", "also", "had":
		k := j + 1
		for k < len(toks) && (toks[k].lower == "both" || toks[k].lower == "all" || toks[k].lower == "also") {
			k++ // "Marca and AS have both reported"
		}
		return k < len(toks) && attribVerbs[toks[k].lower]
	default:
		return reportVerbs[w]
	}
}

// toVerbs put an outlet after "to" as the medium of an interview or the
// source: "according to", "told to", "speaking to BBC Sport", "confirmed to Marca".
var toVerbs = set("according", "told", "spoke", "speaking", "talking", "revealed", "confirmed", "explained", "admitted", "insisted", "said")

// attribVerbs follow "has"/"is" after a source: "Goal has learned".
var attribVerbs = set("learned", "learnt", "reporting", "reported", "claimed", "revealed", "understood", "been", "told", "claiming", "suggesting")

// assignUnits splits the article into outlet units: roundup items and the
// paragraphs of a story. A new unit starts with each paragraph, each
// roundup item, after each "•" or item-separating dash, and after each item
// tag. A heading on a line of its own governs the paragraphs under it.
func (st *state) assignUnits() {
	// dashes separate items where a paragraph has several before capitals
	dashes := reuse(&st.ws.dashes)
	for _, s := range st.sents {
		if s.flags&wDash == 0 {
			continue // (no dash)
		}
		for i := 1; i+1 < len(s.toks); i++ {
			if s.toks[i].is(wDash) && s.toks[i+1].upper && !s.toks[i+1].punct {
				dashes[s.para]++
			}
		}
	}
	id := -1
	lastPara, lastItem := -1, -2
	pending := false // the previous sentence ended with a tag
	underHeading := false
	for _, s := range st.sents {
		headingOnly := len(s.cites) > 0 && s.cites[0].form == citeHeading && s.cites[0].j >= len(s.toks)-1
		switch {
		case s.item != lastItem, pending, headingOnly:
			id++
			underHeading = headingOnly
		case s.para != lastPara && !underHeading:
			id++
		}
		lastPara, lastItem, pending = s.para, s.item, false
		if s.units == nil {
			s.units = carve(&st.ws.units, 1) // (most sentences are one unit)
		}
		s.units = append(s.units[:0], unitSpan{0, id})
		// (only a tag's end among the citations splits a unit: a sentence
		// without tags skips looking through them at each token)
		tags := false
		for _, c := range s.cites {
			tags = tags || c.form == citeTag
		}
		if !tags && s.flags&wUnitMark == 0 {
			continue // (neither a tag's end nor an item's mark to look for)
		}
		for i := 0; i < len(s.toks); i++ {
			t := s.toks[i].text
			if i > 0 && s.toks[i].is(wUnitMark) && (t == "•" || isDash(t) && dashes[s.para] >= 3 && i+1 < len(s.toks) && s.toks[i+1].upper) {
				id++
				s.units = append(s.units, unitSpan{i, id})
				underHeading = false
				continue
			}
			if !tags {
				continue
			}
			s.work += len(s.cites)
			for _, c := range s.cites {
				if c.form == citeTag && c.j == i {
					// the tag closes its item: what follows starts another
					rest := i + 1
					for rest < len(s.toks) && s.toks[rest].punct {
						rest++
					}
					if rest >= len(s.toks) {
						pending = true
					} else {
						id++
						s.units = append(s.units, unitSpan{i + 1, id})
					}
				}
			}
		}
	}
}

// unitAt returns the outlet unit of token i of s.
func unitAt(s *sent, i int) int {
	s.work += len(s.units)
	id := s.units[0].id
	for _, u := range s.units {
		if u.at <= i {
			id = u.id
		}
	}
	return id
}

// evidenceUnit returns the outlet unit of the mention e: where its club is
// named nearest to its player in the sentence, else where either is named.
func evidenceUnit(s *sent, e evidence) int {
	if len(s.units) == 1 {
		return s.units[0].id
	}
	club, player, best := -1, -1, -1
	s.work += len(s.ments)
	for _, c := range s.ments {
		if c.kind != mClub || c.name != e.club {
			continue
		}
		if club < 0 {
			club = c.i
		}
		s.work += len(s.ments)
		for _, p := range s.ments {
			if p.kind == mPlayer && p.name == e.player && (best < 0 || abs(p.i-c.i) < abs(player-best)) {
				best, player = c.i, p.i
			}
		}
	}
	switch {
	case best >= 0:
		return unitAt(s, best)
	case club >= 0:
		return unitAt(s, club)
	}
	for _, p := range s.ments {
		if p.kind == mPlayer && p.name == e.player {
			return unitAt(s, p.i)
		}
	}
	return s.units[0].id
}

// outletScope is who each unit of the article is credited to.
type outletScope struct {
	cites   map[int][]unitCite // unit -> the outlets it cites
	roundup map[int]bool       // units that are roundup items, not story paragraphs
	// floating are the citations of story paragraphs about a player that
	// report no link of his: a quote, the fee, "Sky Sports News reports
	// Sanchez will stay".
	floating map[string][]floatingCite
	// itemPlayer is the player of a roundup item's first link: the item's story.
	itemPlayer map[int]string
	clubs      map[int]map[string]bool // unit -> the clubs it names
}

// scopeMaps are the maps of scopeOutlets, kept in the workspace from one
// article to the next.
type scopeMaps struct {
	cites      map[int][]unitCite
	roundup    map[int]bool
	floating   map[string][]floatingCite
	itemPlayer map[int]string
	clubs      map[int]map[string]bool
	has        map[playerUnit]bool
	hasUnits   map[string][]int
	first      map[int]string
	linkedIn   map[playerUnit]bool
	linkedTo   map[string][]string
	floated    map[floatKey]bool
	// the arrays the lists in the maps are cut from (appendIn), and the
	// sets of clubs, the first nClubSets in use: a list or a set for each
	// player and unit were most of an extraction's garbage
	ints      []int
	strs      []string
	unitCites []unitCite
	floatings []floatingCite
	clubSets  []map[string]bool
	nClubSets int
}

// reset empties the arrays for another article: the previous scope is not
// used any more.
func (w *scopeMaps) reset() {
	clear(w.strs)
	clear(w.unitCites)
	clear(w.floatings)
	w.ints, w.strs, w.unitCites, w.floatings, w.nClubSets = w.ints[:0], w.strs[:0], w.unitCites[:0], w.floatings[:0], 0
}

// clubSet returns an empty set of club names, one of w's.
func (w *scopeMaps) clubSet() map[string]bool {
	if w.nClubSets == len(w.clubSets) {
		w.clubSets = append(w.clubSets, map[string]bool{})
	}
	m := w.clubSets[w.nClubSets]
	w.nClubSets++
	clear(m)
	return m
}

// appendIn appends v to the list m[k], cutting the list from slab when k
// has none yet (carve): a list outgrows its room to an array of its own.
func appendIn[K comparable, V any](m map[K][]V, k K, v V, slab *[]V) {
	l := m[k]
	if l == nil {
		l = carve(slab, 4)
	}
	m[k] = append(l, v)
}

// playerUnit is a player in an outlet unit.
type playerUnit struct {
	player string
	unit   int
}

// floatKey is a floating citation of a player's.
type floatKey struct {
	f floatingCite
	p string
}

// reuse returns the map *m emptied, making it if there is none.
func reuse[K comparable, V any](m *map[K]V) map[K]V {
	if *m == nil {
		*m = map[K]V{}
	} else if len(*m) > 0 {
		clear(*m)
	}
	return *m
}

// unitCite is an outlet cited in a unit, by which sentence, and about
// which players.
type unitCite struct {
	outlet string
	sent   int
	about  []string
}

// floatingCite is an outlet cited by a story paragraph about a player that
// reports no link of his.
type floatingCite struct {
	outlet string
	unit   int  // the paragraph
	linked bool // the paragraph names a club he is linked with
	prev   int  // the latest unit before it reporting a link of his, -1 if none
}

// scopeOutlets collects the outlets each unit cites, and the citations of
// story paragraphs that report none of a player's links in reported.
// evReported tells whether each evidence's pair is in reported (st.ev).
//
// Its maps are the workspace's, emptied (scopeMaps): the scope is good
// until the next call.
func (st *state) scopeOutlets(reported map[[2]string]bool, evReported []bool) outletScope {
	w := &st.ws.scope
	w.reset()
	sc := outletScope{cites: reuse(&w.cites), roundup: reuse(&w.roundup), floating: reuse(&w.floating), itemPlayer: reuse(&w.itemPlayer),
		clubs: reuse(&w.clubs)}
	type pu = playerUnit
	has := reuse(&w.has)           // a unit reports a link of the player
	hasUnits := reuse(&w.hasUnits) // ... the units, in order
	first := reuse(&w.first)
	for ei := range st.ev {
		e := &st.ev[ei]
		if evReported[ei] {
			u := evidenceUnit(st.sents[e.sent], *e)
			if !has[pu{e.player, u}] {
				has[pu{e.player, u}] = true
				appendIn(hasUnits, e.player, u, &w.ints)
			}
			if first[u] == "" {
				first[u] = e.player
			}
		}
	}
	for _, us := range hasUnits {
		slices.Sort(us)
	}
	linkedTo := reuse(&w.linkedTo) // player -> the clubs of his links
	for k := range reported {
		appendIn(linkedTo, k[0], k[1], &w.strs)
	}
	// roundup items: live-blog entries and items, "•" and dash items, and
	// units with a tag or a heading; the other units are story paragraphs.
	roundup := sc.roundup
	clubs := sc.clubs
	for _, s := range st.sents {
		for _, u := range s.units {
			if s.item >= 0 || len(s.units) > 1 {
				roundup[u.id] = true
			}
		}
		for _, c := range s.cites {
			if c.form == citeTag || c.form == citeHeading {
				roundup[unitAt(s, c.i)] = true
			}
		}
	}
	// the clubs of each unit are filed when linked first needs them: most
	// articles have no citation it asks about (linkOutlets reads them only
	// for citations it found linked)
	clubsFiled := false
	fileClubs := func() {
		clubsFiled = true
		for _, s := range st.sents {
			for mk := range s.ments {
				m := &s.ments[mk]
				if m.kind == mClub && m.name != "" {
					u := unitAt(s, m.i)
					if clubs[u] == nil {
						clubs[u] = w.clubSet()
					}
					clubs[u][m.name] = true
				}
			}
		}
	}
	for u := range roundup {
		sc.itemPlayer[u] = first[u]
	}
	// linked reports whether unit u names a club the player is linked
	// with, found once per pair from the smaller of the two sets
	linkedIn := reuse(&w.linkedIn)
	linked := func(p string, u int) bool {
		if l, ok := linkedIn[pu{p, u}]; ok {
			return l
		}
		if !clubsFiled {
			fileClubs()
		}
		l := false
		st.work += min(len(linkedTo[p]), len(clubs[u]))
		if len(linkedTo[p]) < len(clubs[u]) {
			for _, c := range linkedTo[p] {
				l = l || clubs[u][c]
			}
		} else {
			for c := range clubs[u] {
				l = l || reported[[2]string{p, c}]
			}
		}
		linkedIn[pu{p, u}] = l
		return l
	}
	floated := reuse(&w.floated) // each floating citation once per player
	last := ""                   // the player named last
	for _, s := range st.sents {
		// the players the sentence names, else the last one named: found in
		// the workspace's array, and copied for the citations that keep it
		about := st.ws.about[:0]
		for mk := range s.ments {
			m := &s.ments[mk]
			if m.kind == mPlayer {
				s.work += len(about)
				about = appendUnique(about, m.name)
			}
		}
		if len(about) == 0 && last != "" {
			about = append(about, last)
		}
		st.ws.about = about[:0]
		if len(s.cites) > 0 {
			about = append(carve(&w.strs, len(about)), about...)
		}
		for _, c := range s.cites {
			u := unitAt(s, c.i)
			s.work += len(about)
			appendIn(sc.cites, u, unitCite{c.name, s.idx, about}, &w.unitCites)
			if roundup[u] {
				continue
			}
			for _, p := range about {
				if has[pu{p, u}] {
					continue
				}
				f := floatingCite{outlet: c.name, unit: u, linked: linked(p, u), prev: -1}
				if us := hasUnits[p]; len(us) > 0 {
					if k := sort.SearchInts(us, u); k > 0 {
						f.prev = us[k-1]
					}
				}
				if floated[floatKey{f, p}] {
					continue // the same citation again: it credits nothing more
				}
				floated[floatKey{f, p}] = true
				appendIn(sc.floating, p, f, &w.floatings)
			}
		}
		for mk := range s.ments {
			m := &s.ments[mk]
			if m.kind == mPlayer {
				last = m.name
			}
		}
	}
	return sc
}

// maxLinkOutlets bounds the outlets of one link; news credits a link to a
// handful at most.
const maxLinkOutlets = 16

// linkOutlets returns the outlets a link is credited to: those of the units
// that mention it; for a main link, those the opening sentences cite (lead);
// those cited by a story paragraph about the player that reports no link of
// his (floating: to his link with a club it names, else to his links in the
// paragraph before, else to his main links); and the signatures of tweets
// that name it. A completed move mentioned in passing (not a main link, not
// the player a roundup item is about) is background, not the outlet's story:
// only a tweet naming it credits it.
func (st *state) linkOutlets(l rumours.Link, units map[int]int, first int, sc outletScope, lead []string, tweets []tweet) []string {
	var out []string
	// a link credited to maxLinkOutlets outlets is on a page that is not a
	// news story (a list of citations); the rest would cost a scan each
	appendUnique := func(list []string, s string) []string {
		if len(list) >= maxLinkOutlets {
			return list
		}
		return appendUnique(list, s)
	}
	for u, last := range units {
		for _, c := range sc.cites[u] {
			st.work += 1 + len(c.about)
			if len(out) == maxLinkOutlets {
				break // no more will be added
			}
			// in a story paragraph, a citation governs what follows it, and
			// what comes before only if it is about the same player
			if sc.roundup[u] || c.sent <= last || slices.Contains(c.about, l.Player) {
				out = appendUnique(out, c.outlet)
			}
		}
	}
	if l.Primary && first == 0 {
		for _, o := range lead {
			out = appendUnique(out, o)
		}
	}
	st.work += len(sc.floating[l.Player])
	for _, f := range sc.floating[l.Player] {
		switch {
		case f.linked:
			if sc.clubs[f.unit][l.To] { // the link's club, reported
				out = appendUnique(out, f.outlet)
			}
		case f.prev >= 0:
			if _, ok := units[f.prev]; ok {
				out = appendUnique(out, f.outlet)
			}
		case l.Primary:
			out = appendUnique(out, f.outlet)
		}
	}
	story := l.Primary // the link is the article's or a roundup item's story
	for u := range units {
		story = story || sc.itemPlayer[u] == l.Player
	}
	if !story && l.Stage == rumours.Done {
		out = nil
	}
	for _, tw := range tweets {
		st.work += 1 + len(tw.words)
		if tw.names(st.x.g, l.Player, l.To) {
			out = appendUnique(out, tw.outlet)
		}
	}
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// tweet is an embedded tweet signed by an outlet or journalist of the table.
type tweet struct {
	outlet string
	words  []string // the tweet's folded words
}

// findTweets finds embedded tweets in the article's text: a line "— Name
// (@handle) date" signs the line or paragraph above it. Only signatures of
// outlets and journalists in the table count: clubs and fans are not sources.
func (st *state) findTweets() []tweet {
	if !strings.Contains(st.a.Text, "(@") {
		return nil
	}
	var out []tweet
	lines := strings.Split(strings.ReplaceAll(st.a.Text, "\r\n", "\n"), "\n")
	for k, line := range lines {
		l := strings.TrimSpace(line)
		r, size := utf8.DecodeRuneInString(l)
		if r != '—' && r != '–' && r != '-' {
			continue
		}
		at := strings.Index(l, "(@")
		if at < 0 {
			continue
		}
		o, ok := st.x.outlets.byName[joinText(tokenize(strings.TrimSpace(l[size:at])))]
		if !ok {
			continue
		}
		body := ""
		for p := k - 1; p >= 0 && body == ""; p-- {
			body = strings.TrimSpace(lines[p])
		}
		if body == "" {
			continue
		}
		out = append(out, tweet{outlet: st.x.outlets.list[o].Name, words: strings.Fields(gazetteer.Fold(body))})
	}
	return out
}

// names reports whether the tweet names the player (in full or by surname)
// and the club (by any of its names).
func (tw tweet) names(g *gazetteer.Gazetteer, player, club string) bool {
	p := strings.Fields(gazetteer.Fold(player))
	if len(p) == 0 || !containsWords(tw.words, p) && !containsWords(tw.words, p[len(p)-1:]) {
		return false
	}
	ci, ok := g.ClubByName(club)
	if !ok {
		return false
	}
	for i := range tw.words {
		for n := 1; n <= 4 && i+n <= len(tw.words); n++ {
			for _, c := range g.ClubsShared(strings.Join(tw.words[i:i+n], " ")) {
				if c == ci {
					return true
				}
			}
		}
	}
	return false
}

// containsWords reports whether words contains seq as consecutive words.
func containsWords(words, seq []string) bool {
	for i := 0; i+len(seq) <= len(words); i++ {
		match := true
		for k, w := range seq {
			if words[i+k] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
