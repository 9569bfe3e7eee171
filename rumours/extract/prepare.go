package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours/gazetteer"
)

// token is one word or punctuation mark of a sentence.
type token struct {
	text  string // as written
	fold  string // gazetteer.Fold(text); "" for punctuation
	lower string // strings.ToLower(text)
	upper bool   // starts with an upper-case letter
	punct bool
	w     int32     // the number of its lower-cased word in Extractor.words, 0 if none
	flags wordFlags // the word sets its lower-cased word is in (last: 64 bytes in all)
}

// sentence is a tokenised sentence with its paragraph context.
type sentence struct {
	text   string
	toks   []token
	para   int  // paragraph index
	first  bool // first sentence of its paragraph
	item   int  // roundup or live-blog item index, -1 outside items
	header bool // the sentence is an item heading ("DELE ALLI:")
}

var (
	timestampRe = regexp.MustCompile(`^\d{1,2}[:.]\d{2}\s*(?:[-–—:]\s*)?`)
	headingRe   = regexp.MustCompile(`^([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-. ]{1,40}):\s+`)
	// numberedHeadingRe is a numbered section heading on a line of its own,
	// without a full stop: "2. Napoli rebuilt in a single summer".
	numberedHeadingRe = regexp.MustCompile(`^\d{1,2}[.)]\s+(\p{Lu}[^.!?]{2,80})$`)
)

var abbrevs = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Jr": true, "Sr": true,
	"vs": true, "v": true, "No": true, "Nos": true, "Inc": true, "Ltd": true, "Co": true, "approx": true, "e.g": true,
	"i.e": true, "U.S": true, "a.m": true, "p.m": true,
	// months as wire copy writes them: "on Jan. 1"
	"Jan": true, "Feb": true, "Aug": true, "Sept": true, "Sep": true, "Oct": true, "Nov": true, "Dec": true}

// liveTags are the capitalised tags before a colon that mark a live blog's
// news, not an item's heading.
var liveTags = map[string]bool{"BREAKING": true, "BREAKING NEWS": true, "UPDATE": true, "CONFIRMED": true, "OFFICIAL": true,
	"DONE": true, "DONE DEAL": true, "LATEST": true, "EXCLUSIVE": true, "RECAP": true, "JUST IN": true, "NEW": true, "REPORT": true}

// isAbbrev reports whether a word before a full stop is an abbreviation:
// one of abbrevs, or an initialism ("D.C", "U.K").
func isAbbrev(w string) bool { return abbrevs[w] || len(w) >= 3 && initialism(w+".") == len(w)+1 }

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// isNoise reports whether a line is not article prose: tweet attribution
// lines, photo credits, captions, by-lines, wire credits, "Read more"
// teasers and newsletter calls.
func isNoise(p string) bool {
	t := strings.TrimSpace(p)
	switch {
	case t == "":
		return true
	case strings.HasPrefix(t, "—"), strings.HasPrefix(t, "– "), strings.HasPrefix(t, "- ") && strings.Contains(t, "(@"):
		return true
	case len(t) < 160 && (strings.HasPrefix(t, "By ") && bylineRe.MatchString(t) || mayBeCredit(t) && wireCreditRe.MatchString(t) ||
		mayStartDateLine(t) && mayBeDateLine(t) && dateLineRe.MatchString(t)):
		return true // by-lines, credits and date lines are short
	}
	if hasNoisePrefix(t[:min(len(t), 20)]) {
		return true
	}
	if strings.HasSuffix(t, "Images)") || strings.HasSuffix(t, "(AFP)") || strings.HasSuffix(t, "(EPA)") || strings.HasSuffix(t, "(PA)") {
		return true
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			if letters++; letters == 3 {
				return false
			}
		}
	}
	return true
}

// mayBeCredit reports whether t starts as wireCreditRe requires, which is
// quicker to rule out than to run the expression.
func mayBeCredit(t string) bool {
	t = strings.TrimPrefix(t, "(")
	return strings.HasPrefix(t, "Reporting") || strings.HasPrefix(t, "Writing") || strings.HasPrefix(t, "Editing")
}

// mayStartDateLine reports whether t starts as dateLineRe requires: with
// no letter, or with a run of ASCII letters that is "Updated",
// "Published", "Posted", "Last", a weekday, or letters of AM and PM
// followed by nothing or by a month (its first three letters, then
// lower-case ones). Most lines start with another word, and are ruled out
// at once.
func mayStartDateLine(t string) bool {
	if t == "" {
		return true
	}
	if t[0] >= utf8.RuneSelf {
		return false // no part of the expression starts with it
	}
	k := 0
	for k < len(t) && ('a' <= t[k] && t[k] <= 'z' || 'A' <= t[k] && t[k] <= 'Z') {
		k++
	}
	w := t[:k]
	switch w {
	case "", "Updated", "Published", "Posted", "Last", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday":
		return true
	}
	// letters of AM and PM, then nothing or a month ("PMJan" may match)
	for i := 0; ; i++ {
		if rest := w[i:]; rest == "" || monthWord(rest) {
			return true
		}
		if !strings.ContainsRune("APMapm", rune(w[i])) {
			return false
		}
	}
}

// monthWord reports whether w is a month's first three letters followed by
// lower-case letters, as dateLineRe's months are.
func monthWord(w string) bool {
	if len(w) < 3 || !strings.Contains("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", w[:3]) {
		return false
	}
	for i := 3; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// mayBeDateLine reports whether t may match dateLineRe, ruling out most
// prose without running the expression: outside its section between two
// "|", a date line has at most four runs of letters with a letter other
// than a, p or m ("Last updated", a weekday, a month); a letter outside
// ASCII counts as such a letter, though none may stand there.
func mayBeDateLine(t string) bool {
	if strings.Count(t, "|") >= 2 {
		return true
	}
	runs, inRun, other := 0, false, false
	for i := 0; i <= len(t); i++ {
		c := byte(' ')
		if i < len(t) {
			c = t[i]
		}
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 {
			inRun = true
			other = other || !strings.ContainsRune("APMapm", rune(c))
			continue
		}
		if inRun && other {
			if runs++; runs > 4 {
				return false
			}
		}
		inRun, other = false, false
	}
	return true
}

// hasNoisePrefix reports whether head, lower-cased, starts with one of
// noisePrefixes. ASCII heads (nearly all) are compared without making the
// lower-cased copy; others are lower-cased as before (a few letters outside
// ASCII lower-case into it: the Kelvin sign is a k).
func hasNoisePrefix(head string) bool {
	ascii := true
	for i := 0; i < len(head); i++ {
		ascii = ascii && head[i] < utf8.RuneSelf
	}
	if !ascii {
		// strings.ToLower(head), which maps it rune by rune (an invalid
		// byte to U+FFFD), written on the stack: the prefixes are short
		var lowArr [64]byte
		low := lowArr[:0]
		for _, r := range head {
			low = utf8.AppendRune(low, unicode.ToLower(r))
		}
		l := string(low) // (compared only: made without an allocation)
		for _, p := range noisePrefixes {
			if strings.HasPrefix(l, p) {
				return true
			}
		}
		return false
	}
	if head == "" {
		return false
	}
	c := head[0]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	for _, p := range noisePrefixesBy[c] {
		if len(head) >= len(p) && asciiLowerEq(head[:len(p)], p) {
			return true
		}
	}
	return false
}

// noisePrefixesBy files noisePrefixes by their first byte: a line is
// compared with the few that start as it does.
var noisePrefixesBy = func() (by [256][]string) {
	for _, p := range noisePrefixes {
		by[p[0]] = append(by[p[0]], p)
	}
	return by
}()

// asciiLowerEq reports whether the ASCII string a, lower-cased, is b.
func asciiLowerEq(a, b string) bool {
	for i := 0; i < len(a); i++ {
		c := a[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != b[i] {
			return false
		}
	}
	return true
}

// noisePrefixes start lines that pages wrap around the story: teasers,
// captions, calls to subscribe (compared lower-cased).
var noisePrefixes = []string{"read more", "caption:", "photo:", "(photo", "photo by", "image:", "(image",
	"picture:", "related:", "watch:", "follow us", "subscribe", "also see", "also read", "see also",
	"sign up", "click here", "more:", "recommended", "advertisement", "share this", "listen:",
	"(reporting by", "reporting by", "additional reporting", "editing by", "writing by"}

var (
	// bylineRe: "By Oliver Pratt", "By Jane Doe and John Roe, Sports Reporter".
	bylineRe = regexp.MustCompile(`^By [A-Z][\pL'’\-]+( [A-Z][\pL'’\-]+){0,3}( and [A-Z][\pL'’\-]+( [A-Z][\pL'’\-]+){0,3})?(,.*)?$`)
	// wireCreditRe: "(Reporting by Carl Pettit in Washington; Editing by Neil Foster)".
	wireCreditRe = regexp.MustCompile(`^\(?(Reporting|Writing|Editing) by .*\)?$`)
	// dateLineRe: a line that only dates the page: "13/07/2022 - 20:37",
	// "Friday 14 August 2015 | Gossip column | 06:58", "Updated: 12:04, 3 Aug 2021".
	dateLineRe = regexp.MustCompile(`^(?:(?:Updated|Published|Posted|Last updated)[: ]\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?[0-9/.:\- ,|APMapm]*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* [0-9, :|APMapm]*)?(?:\|[^|]{0,30}\|[0-9: ]*)?$`)
	// wireDatelineRe opens wire copy: "WASHINGTON (Reuters) - ", "MIAMI (AP) — ",
	// "VANCOUVER, British Columbia (AP) — ". The agency is the page's own
	// voice, not a cited source.
	wireDatelineRe = regexp.MustCompile(`^[A-Z][A-Z .'’\-]{1,30}(?:, [A-Z][A-Za-z .]{1,30})? \((?:Reuters|AP|AFP|PA|dpa|DPA|EFE|ANSA|Xinhua)\) [-–—] `)
	// tweetURLRe is the picture link that ends an embedded tweet.
	tweetURLRe = regexp.MustCompile(`\s*pic\.twitter\.com/\S*`)
)

// paragraph is one paragraph of prose.
type paragraph struct {
	text string
	item bool // an inline roundup item split from a longer paragraph
	gap  bool // a blank line comes before it: lines under a heading end there
	// bullet: the line starts with a bullet, an item under the heading above
	// even after a blank line
	bullet bool
}

// splitParagraphs splits article text into paragraphs, dropping noise.
//
// Every line is a paragraph: crawled pages come with one line per paragraph
// and headlines without a full stop, and joining the lines would run a
// headline into the story and sink a whole body with one tweet in it. A line
// that breaks mid-sentence (no closing punctuation, the next line starting in
// lower case) is joined to the next. An embedded tweet keeps its text (its
// signature line, noise here, credits it: see findTweets); inline roundup
// items ("• Chelsea are ... • Spurs have ...") become paragraphs of their
// own.
func splitParagraphs(text string) []paragraph { return splitParagraphsIn(nil, text) }

// spacedHyphen reports whether p has " - ", found from its hyphens, which
// are rarer than its spaces (where strings.Contains stops).
func spacedHyphen(p string) bool {
	for i := strings.IndexByte(p, '-'); i >= 0; {
		if i > 0 && i+1 < len(p) && p[i-1] == ' ' && p[i+1] == ' ' {
			return true
		}
		k := strings.IndexByte(p[i+1:], '-')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// splitParagraphsIn is splitParagraphs, with its lines and paragraphs in
// ws's arrays (nil: new ones).
func splitParagraphsIn(ws *workspace, text string) []paragraph {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var lines []string
	var out []paragraph
	if ws != nil {
		lines, out = ws.lines[:0], ws.paras[:0]
		defer func() {
			clear(lines)
			ws.lines = lines[:0]
		}()
	}
	for line := range strings.SplitSeq(text, "\n") {
		lines = append(lines, line)
	}
	out = slices.Grow(out, len(lines))
	gap := true
	for k := 0; k < len(lines); k++ {
		p := lines[k]
		if strings.TrimSpace(p) == "" {
			gap = true
			continue
		}
		for k+1 < len(lines) && wrapped(p, lines[k+1]) {
			k++
			p += " " + lines[k]
		}
		if strings.IndexByte(p, '\t') >= 0 || strings.IndexByte(p, '\r') >= 0 || strings.Contains(p, "  ") {
			p = strings.Join(strings.Fields(p), " ")
		}
		p = strings.TrimSpace(p)
		if strings.IndexByte(p, '/') >= 0 && strings.Contains(p, "twitter.com/") { // (a slash is rare, and quick to look for)
			p = strings.TrimSpace(tweetURLRe.ReplaceAllString(p, ""))
		}
		if !strings.Contains(p[:min(len(p), 60)], "(") {
			// no dateline: it names the agency in brackets near the start
		} else if m := wireDatelineRe.FindString(p); m != "" {
			p = p[len(m):]
		}
		if isNoise(p) {
			continue
		}
		var items []string
		// (a bullet and an en dash start with the byte 0xE2, and a spaced
		// hyphen with a hyphen: most paragraphs are ruled out by searches
		// for those bytes)
		if one := [1]string{p}; !(strings.IndexByte(p, 0xE2) >= 0 && (strings.Contains(p, "•") || strings.Contains(p, " – "))) &&
			!spacedHyphen(p) {
			items = one[:] // splitItems' answer, found quickly
		} else {
			items = splitItems(p)
		}
		bullet := strings.HasPrefix(p, "•")
		for _, item := range items {
			if len(items) == 1 && item == p || !isNoise(item) { // (p itself is not noise)
				out = append(out, paragraph{text: item, item: len(items) > 1, gap: gap, bullet: bullet})
				gap = false
			}
		}
	}
	return out
}

// wrapped reports whether line next continues line p mid-sentence (a hard
// wrap), not a new paragraph: p ends in a word or a comma and next starts in
// lower case or with a currency sign.
func wrapped(p, next string) bool {
	p, next = strings.TrimSpace(p), strings.TrimSpace(next)
	if p == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	first, _ := utf8.DecodeRuneInString(next)
	return (unicode.IsLower(first) || unicode.Is(unicode.Sc, first)) && (unicode.IsLetter(last) || last == ',')
}

// splitItems splits a paragraph that holds roundup items inline: items
// separated by bullets ("• Chelsea are ... • Spurs have ...") or, when there
// are at least two of them, by spaced dashes before a capital ("... (The
// Times) - Arsenal are ..."). One dash alone is an aside, not a list.
func splitItems(p string) []string {
	var parts []string
	if strings.Contains(p, "•") {
		parts = strings.Split(p, "•")
	} else {
		parts = splitDashItems(p)
	}
	out := parts[:0]
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitDashItems splits p at " - " or " – " followed by a capital letter or
// a quote, when it has two such separators or more.
func splitDashItems(p string) []string {
	if !strings.Contains(p, " - ") && !strings.Contains(p, " – ") {
		return []string{p} // no separator: the common case, found quickly
	}
	var cuts []int
	for i := 0; i+3 < len(p); i++ {
		if p[i] != ' ' {
			continue
		}
		w := 0
		if p[i+1] == '-' && p[i+2] == ' ' {
			w = 3
		} else if strings.HasPrefix(p[i+1:], "– ") {
			w = len(" – ")
		}
		if w == 0 || i+w >= len(p) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p[i+w:])
		prev, _ := utf8.DecodeLastRuneInString(p[:i])
		if (unicode.IsUpper(r) || r == '"' || r == '“') && !unicode.IsDigit(prev) {
			cuts = append(cuts, i, i+w)
		}
	}
	if len(cuts) < 4 {
		return []string{p}
	}
	var out []string
	start := 0
	for k := 0; k < len(cuts); k += 2 {
		out = append(out, p[start:cuts[k]])
		start = cuts[k+1]
	}
	return append(out, p[start:])
}

// splitSentences splits a paragraph into sentences.
func splitSentences(p string) []string { return splitSentencesTo(nil, p) }

// splitSentencesTo appends the sentences of paragraph p to out.
func splitSentencesTo(out []string, p string) []string {
	start := 0
	// the next full stop, exclamation and question mark at or after i
	// (len(p) if none), found by byte searches rather than by reading
	// every byte: the loop visits only these
	next := func(c byte, i int) int {
		if k := strings.IndexByte(p[i:], c); k >= 0 {
			return i + k
		}
		return len(p)
	}
	dot, bang, ques := -1, -1, -1
	for i := 0; i < len(p); i++ {
		if dot < i {
			dot = next('.', i)
		}
		if bang < i {
			bang = next('!', i)
		}
		if ques < i {
			ques = next('?', i)
		}
		if i = min(dot, bang, ques); i >= len(p) {
			break
		}
		c := p[i]
		// end of sentence: punctuation, optional closing quote, space, then a
		// capital, digit or quote.
		j := i + 1
		for j < len(p) && (p[j] == '"' || p[j] == '\'' || p[j] == ')') {
			j++
		}
		if strings.HasPrefix(p[j:], "”") || strings.HasPrefix(p[j:], "’") {
			j += 3
		}
		if j >= len(p) || p[j] != ' ' {
			continue
		}
		// a short bracket after the full stop closes the sentence: a roundup
		// item's tag, "... a fee. (Guardian) Chelsea are ..."
		if k := strings.IndexByte(p[j:min(len(p), j+60)], ')'); j+1 < len(p) && p[j+1] == '(' && k > 0 {
			end := j + k + 1
			if r, _ := utf8.DecodeRuneInString(p[min(end+1, len(p)):]); end+1 < len(p) && p[end] == ' ' && unicode.IsUpper(r) {
				out = append(out, strings.TrimSpace(p[start:end]))
				start = end + 1
				i = end
				continue
			}
		}
		r, _ := utf8.DecodeRuneInString(p[j+1:])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '\'') {
			continue
		}
		if c == '.' && isAbbrev(lastWord(p[start:i])) {
			continue
		}
		// an initial such as "Kevin D. Bruyne" or a single capital letter
		if c == '.' && i >= 1 && i-start >= 1 {
			k := i - 1
			if unicode.IsUpper(rune(p[k])) && (k == start || p[k-1] == ' ' || p[k-1] == '.') {
				continue
			}
		}
		out = append(out, strings.TrimSpace(p[start:j]))
		start = j + 1
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// tokenize splits a sentence into words and punctuation. Hyphenated words
// stay whole; a possessive 's becomes its own token.
func tokenize(s string) []token {
	return tokenizeTo(make([]token, 0, len(s)/5+4), s, nil, nil, nil) // about one token per 5 bytes
}

// tokenizeTo appends the tokens of s to toks. folds, if not nil, keeps the
// folded forms of words that are not plain, for the next sentences. x, if
// not nil, numbers and flags the tokens' lower-cased words (token.w and
// token.flags), as the rules of x's extractions need. lowText, if not nil,
// holds the lower-case forms of the words that are not their own, written
// after the earlier sentences'.
func tokenizeTo(toks []token, s string, folds map[string]string, x *Extractor, lowText *strings.Builder) []token {
	// The lower-case forms of the tokens that have capitals or characters
	// outside ASCII are written one after another in low, and cut from it
	// as one string once the sentence is read: no allocation per word nor a
	// lower-cased copy of the whole sentence. With lowText, low is copied
	// to the end of the article's, and the forms are cut from its String
	// (which later writes leave as it is): not even one allocation per
	// sentence.
	// Until then such a token's lower is empty, and lows has where its form
	// is; its fold, which may need it, waits too.
	var lowArr [256]byte
	low := lowArr[:0]
	type lowSpan struct {
		tok, from, to int32
		word, plain   bool // the token is a word (not punctuation), ... plain
	}
	var lowsArr [32]lowSpan
	lows := lowsArr[:0]
	// fold sets the fold of a word token from its lower-case form; plain
	// words (ASCII letters and digits) fold to it
	fold := func(t *token, plain bool) {
		if plain {
			t.fold = t.lower
		} else {
			t.fold = foldCached(t.text, t.lower, folds)
		}
		if t.fold == "" {
			t.punct = true
		}
	}
	// number sets the number and flags of a token's lower-cased word
	number := func(t *token) {
		if x != nil {
			t.w, t.flags = x.words.lookup(t.lower)
		}
	}
	// emit adds a token
	emit := func(w string, punct, plain bool) {
		t := token{text: w, punct: punct, lower: w}
		if !punct {
			if c := w[0]; c < utf8.RuneSelf {
				t.upper = 'A' <= c && c <= 'Z'
			} else {
				r, _ := utf8.DecodeRuneInString(w)
				t.upper = unicode.IsUpper(r)
			}
		}
		ascii, lowered := true, true // w is ASCII; ... and lower-case
		for k := 0; k < len(w); k++ {
			if c := w[k]; c >= utf8.RuneSelf {
				ascii, lowered = false, false
				break
			} else if 'A' <= c && c <= 'Z' {
				lowered = false
			}
		}
		if lowered {
			toks = append(toks, t)
			number(&toks[len(toks)-1])
			if !punct {
				fold(&toks[len(toks)-1], plain)
			}
			return
		}
		// strings.ToLower(w), into low: w is valid UTF-8 (an invalid byte
		// is emitted as U+FFFD), and ToLower maps it rune by rune
		from := len(low)
		if ascii {
			for k := 0; k < len(w); k++ {
				c := w[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				low = append(low, c)
			}
		} else {
			for _, r := range w {
				low = utf8.AppendRune(low, unicode.ToLower(r))
			}
		}
		t.lower = ""
		lows = append(lows, lowSpan{tok: int32(len(toks)), from: int32(from), to: int32(len(low)), word: !punct, plain: plain})
		toks = append(toks, t)
	}
	var words *wordTable // nil: the tokens are not numbered
	if x != nil {
		words = &x.words
	}
	i := 0
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r < utf8.RuneSelf {
			if r == ' ' || '\t' <= r && r <= '\r' { // unicode.IsSpace's ASCII
				i++
				continue
			}
			// the two commonest tokens, added here rather than by emit:
			// ASCII punctuation, its own lower-case form without a fold,
			// and a plain lower-case word (ASCII letters and digits, no
			// capital) ended by a byte the word loop below stops at too,
			// its own lower-case form and fold, no initialism (which
			// starts with a capital) and without "'s"
			j := i
			for j < len(s) && lowerWord[s[j]] {
				j++
			}
			if j == i && !asciiWord[s[i]] || j > i && (j == len(s) || plainEnd(s, j)) {
				t := token{text: s[i:max(j, i+1)], punct: j == i}
				t.lower = t.text
				if j > i {
					t.fold = t.text
				}
				if words != nil && j == i {
					e := &words.byByte[s[i]] // (lookup's answer for a byte)
					t.w, t.flags = e.num, e.flags
				} else if words != nil {
					t.w, t.flags = words.lookup(t.lower)
				}
				toks = append(toks, t)
				i = max(j, i+1)
				continue
			}
			// the next commonest, a plain word with a capital first
			// ("Chelsea", "PSG"), ended the same way and no initialism
			// ("D.C."): what emit does with it, without its checks
			if 'A' <= r && r <= 'Z' {
				j := i + 1
				for j < len(s) && asciiWord[s[j]] {
					j++
				}
				if (j == len(s) || plainEnd(s, j)) && (j > i+1 || initialism(s[i:]) == 0) {
					from := len(low)
					for k := i; k < j; k++ {
						c := s[k]
						if 'A' <= c && c <= 'Z' {
							c += 'a' - 'A'
						}
						low = append(low, c)
					}
					lows = append(lows, lowSpan{tok: int32(len(toks)), from: int32(from), to: int32(len(low)), word: true, plain: true})
					toks = append(toks, token{text: s[i:j], upper: true})
					i = j
					continue
				}
			}
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		if !isWordRune(r) {
			if r == utf8.RuneError && size == 1 {
				emit(string(r), true, false) // an invalid byte reads as U+FFFD
			} else {
				emit(s[i:i+size], true, false)
			}
			i += size
			continue
		}
		if n := initialism(s[i:]); n > 0 {
			emit(s[i:i+n], false, false) // "D.C." folds to "d c", as in "D.C. United"
			i += n
			continue
		}
		j, plain := i, true
		for j < len(s) {
			if asciiWord[s[j]] {
				j++
				continue
			}
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r2) {
				j += sz
				plain = false
				continue
			}
			// an inner hyphen, apostrophe, ampersand or dot joins word runes:
			// "Saint-Germain", "L'Equipe", "Calciomercato.com"
			if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' || r2 == '&' {
				if r3, _ := utf8.DecodeRuneInString(s[j+sz:]); j+sz < len(s) && isWordRune(r3) && (r2 != '.' || unicode.IsLower(r3)) {
					j += sz
					plain = false
					continue
				}
			}
			break
		}
		w := s[i:j]
		i = j
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			cut := strings.LastIndexAny(w, "'’")
			emit(w[:cut], false, false)
			emit("'s", true, false)
			continue
		}
		emit(w, false, plain)
		// plural possessive: "Spurs' record scorer"
		if r2, sz := utf8.DecodeRuneInString(s[i:]); (r2 == '\'' || r2 == '’') && strings.HasSuffix(w, "s") {
			if r3, _ := utf8.DecodeRuneInString(s[i+sz:]); i+sz >= len(s) || !isWordRune(r3) {
				emit("'s", true, false)
				i += sz
			}
		}
	}
	if len(lows) > 0 {
		// the lower-case forms written in low, and the folds that waited
		// for them (a fold depends on its word alone: the order of the
		// folds cache's insertions changes nothing it returns)
		var ls string
		if lowText != nil {
			from := lowText.Len()
			lowText.Write(low)
			ls = lowText.String()[from:]
		} else {
			ls = string(low)
		}
		for _, l := range lows {
			t := &toks[l.tok]
			t.lower = ls[l.from:l.to]
			number(t)
			if l.word {
				fold(t, l.plain)
			}
		}
	}
	return toks
}

// initialism returns the length of the initialism that s starts with,
// capital letters each followed by a dot ("D.C.", "U.S.", "A.C."), or 0.
// It is one word: split at its dots, "D.C. United" would lose the club's
// name and leave "United" to stand for Manchester United.
func initialism(s string) int {
	n := 0
	for n+1 < len(s) && 'A' <= s[n] && s[n] <= 'Z' && s[n+1] == '.' {
		n += 2
	}
	if n < 4 || n < len(s) && asciiWord[s[n]] {
		return 0
	}
	return n
}

// lowerWord marks the lower-case ASCII letters and digits.
var lowerWord = func() (t [256]bool) {
	for c := range 128 {
		t[c] = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	return t
}()

// plainEnd reports whether tokenizeTo's word loop stops at s[j], which
// follows letters and digits: at an ASCII byte that is no letter, digit,
// apostrophe, hyphen or ampersand, or at a dot not followed by a
// lower-case letter (these may join words). Bytes past ASCII are left to
// the loop.
func plainEnd(s string, j int) bool {
	switch c := s[j]; {
	case c >= utf8.RuneSelf || asciiWord[c] || c == '-' || c == '\'' || c == '&':
		return false
	case c == '.':
		return j+1 == len(s) || s[j+1] < utf8.RuneSelf && !('a' <= s[j+1] && s[j+1] <= 'z')
	}
	return true
}

// asciiWord marks the ASCII letters and digits, the bytes of plain words.
var asciiWord = func() (t [256]bool) {
	for c := range 128 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// foldWord folds one word; plain ASCII words (most of them) take a fast path.
func foldWord(w, lower string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return gazetteer.Fold(w)
		}
	}
	return lower
}

// foldCached is foldWord, with the folded forms kept in folds (if not nil):
// most of the words it folds (accented names, "Saint-Germain") come again,
// and gazetteer.Fold normalises them to decomposed form each time.
func foldCached(w, lower string, folds map[string]string) string {
	if folds == nil {
		return foldWord(w, lower)
	}
	if f, ok := folds[w]; ok {
		return f
	}
	f := foldWord(w, lower)
	if len(folds) >= maxFolds {
		clear(folds)
	}
	folds[strings.Clone(w)] = strings.Clone(f) // (not keeping the article's text alive, nor its lower-case forms)
	return f
}

// maxFolds bounds the folded forms a workspace keeps.
const maxFolds = 4096

// isWordRune reports whether r belongs in a word.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// splitArticle turns article text into sentences, marking roundup items and
// live-blog entries.
func splitArticle(title, text string, ws *workspace) []sentence {
	var out []sentence
	var texts []string // a paragraph's sentences, in an array reused from paragraph to paragraph
	if ws != nil {
		out, texts = ws.sentences[:0], ws.texts[:0]
		defer func() { clear(texts); ws.texts = texts[:0] }()
	}
	paras := splitParagraphsIn(ws, text)
	if title != "" && (len(paras) == 0 || !strings.HasPrefix(paras[0].text, strings.TrimSpace(title))) {
		paras = slices.Insert(paras, 0, paragraph{text: title})
	}
	if ws != nil {
		defer func() {
			clear(paras)
			ws.paras = paras[:0]
		}()
	}
	item := -1
	underHeading := false // the lines after a heading on a line of its own belong to its item
	for pi, para := range paras {
		p := para.text
		inItem := -1
		if underHeading && (!para.gap || para.bullet) {
			inItem = item
		} else {
			underHeading = false
		}
		header := ""
		newItem := para.item // inline items, timestamped entries and headed items each start one
		// what the expressions below need, quicker to test than running them:
		// timestamps and numbered headings start with a digit, headings
		// have a colon near the start
		digit := p != "" && '0' <= p[0] && p[0] <= '9'
		colon := strings.IndexByte(p[:min(len(p), 200)], ':') > 0
		// heading is headingRe's match of p, found once for the two tests
		// below that ask it (again if the first changes p)
		heading := submatchIf(colon, headingRe, p)
		if m := heading; m != nil && pi > 0 && liveTags[strings.TrimSpace(m[1])] {
			// a live blog's tag ("BREAKING:", "UPDATE: TRIPPIER") marks the
			// news in the entry it is in; it heads nothing, what follows may
			p = strings.TrimSpace(p[len(m[0]):])
			colon = strings.IndexByte(p[:min(len(p), 200)], ':') > 0
			heading = submatchIf(colon, headingRe, p)
		}
		if m := findIf(digit, timestampRe, p); m != "" && pi > 0 {
			newItem = true
			p = strings.TrimSpace(p[len(m):])
		} else if pi > 0 && (capsHeading(p) || pi+1 < len(paras) && titleHeading(p)) {
			// a heading on a line of its own: "AL-HILAL", "THE TIMES",
			// "Manchester City" over a club's section
			newItem, header, p = true, p, ""
			underHeading = true
		} else if m := submatchIf(digit, numberedHeadingRe, p); m != nil && pi > 0 {
			// a numbered section heading: "2. Napoli rebuilt in a single summer"
			newItem, header, p = true, m[1], ""
			underHeading = true
		} else if m := heading; m != nil && pi > 0 && strings.ToUpper(m[1]) == m[1] {
			newItem = true
			header = m[1]
			p = strings.TrimSpace(p[len(m[0]):])
		}
		if newItem {
			item++
			inItem = item
		}
		if header != "" {
			h := header
			if strings.ToUpper(header) == header {
				h = titleCase(header)
			}
			out = append(out, sentence{text: header, toks: ws.tokenize(h), para: pi, first: true, item: inItem, header: true})
		}
		texts = splitSentencesTo(texts[:0], p)
		for si, s := range texts {
			toks := ws.tokenize(s)
			if len(toks) <= maxSentenceTokens { // nearly always: chunks' one piece, without its list
				out = append(out, sentence{text: s, toks: toks, para: pi, first: si == 0, item: inItem})
				continue
			}
			pieces := chunks(toks)
			for ci, toks := range pieces {
				text := s
				if len(pieces) > 1 {
					text = joinText(toks)
				}
				out = append(out, sentence{text: text, toks: toks, para: pi, first: si == 0 && ci == 0, item: inItem})
			}
		}
	}
	return out
}

// findIf is re.FindString(p) if may, else "".
func findIf(may bool, re *regexp.Regexp, p string) string {
	if !may {
		return ""
	}
	return re.FindString(p)
}

// submatchIf is re.FindStringSubmatch(p) if may, else nil.
func submatchIf(may bool, re *regexp.Regexp, p string) []string {
	if !may {
		return nil
	}
	return re.FindStringSubmatch(p)
}

// capsHeading reports whether a paragraph is a heading in capitals on a
// line of its own: at most six words, no lower-case letter, no full stop.
func capsHeading(p string) bool {
	if len(p) > 80 || strings.ContainsAny(p[len(p)-1:], ".!?") {
		return false
	}
	letters := 0
	for _, r := range p {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2 && fieldsAtMost(p, 6)
}

// fieldsAtMost reports whether p has at most n space-separated words,
// len(strings.Fields(p)) <= n without making the list: the headings' tests
// run on every paragraph.
func fieldsAtMost(p string, n int) bool {
	for range strings.FieldsSeq(p) {
		if n--; n < 0 {
			return false
		}
	}
	return true
}

// titleHeading reports whether p is a short title-case line with no
// punctuation, the way sections are headed by club ("Tottenham",
// "Manchester City", "Paris Saint-Germain") in winners-and-losers and
// club-by-club pieces. A line that names no club only starts an item.
func titleHeading(p string) bool {
	// (the length first: most paragraphs are longer, and need no split)
	if len(p) > 40 || strings.TrimSpace(p) == "" || !fieldsAtMost(p, 4) || strings.ContainsAny(p, ".,:;!?\"()|'’") {
		return false
	}
	for w := range strings.FieldsSeq(p) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "&" && w != "and" && w != "of" && w != "de" {
			return false
		}
	}
	return true
}

// maxSentenceTokens bounds a sentence. News sentences stay far below it
// (the longest of the labelled sets has about 90 tokens); a longer one is a
// list or a page without full stops, and the clause rules' scans, some
// quadratic in a sentence's length, would make such a page take minutes.
const maxSentenceTokens = 120

// chunks cuts an over-long sentence into pieces of at most
// maxSentenceTokens tokens, each after a comma or semicolon where one is
// near the end of the piece.
func chunks(toks []token) [][]token {
	if len(toks) <= maxSentenceTokens {
		return [][]token{toks}
	}
	var out [][]token
	for len(toks) > maxSentenceTokens {
		cut := maxSentenceTokens
		for k := maxSentenceTokens - 1; k >= maxSentenceTokens*3/4; k-- {
			if toks[k].text == "," || toks[k].text == ";" {
				cut = k + 1
				break
			}
		}
		out = append(out, toks[:cut:cut])
		toks = toks[cut:]
	}
	if len(toks) > 0 {
		out = append(out, toks)
	}
	return out
}

// titleCase turns "DELE ALLI" into "Dele Alli" so headings match like prose.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}
