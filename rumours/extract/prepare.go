package extract

import (
	"regexp"
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
)

var abbrevs = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Jr": true, "Sr": true,
	"vs": true, "v": true, "No": true, "Nos": true, "Inc": true, "Ltd": true, "Co": true, "approx": true, "e.g": true,
	"i.e": true, "U.S": true, "a.m": true, "p.m": true}

// isAbbrev reports whether a word before a full stop is an abbreviation.
func isAbbrev(w string) bool { return abbrevs[w] }

// lastWord returns the last space-separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// isNoise reports whether a paragraph is not article prose: embedded
// tweets, their attribution lines, photo credits, captions and "Read more"
// teasers.
func isNoise(p string) bool {
	t := strings.TrimSpace(p)
	switch {
	case t == "":
		return true
	case strings.Contains(t, "pic.twitter.com"), strings.Contains(t, "twitter.com/"):
		return true
	case strings.HasPrefix(t, "—"), strings.HasPrefix(t, "– "), strings.HasPrefix(t, "- ") && strings.Contains(t, "(@"):
		return true
	}
	l := strings.ToLower(t[:min(len(t), 16)])
	for _, p := range []string{"read more", "caption:", "photo:", "(photo", "photo by", "image:", "(image", "picture:", "related:", "watch:", "follow us", "subscribe"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	if strings.HasSuffix(t, "Images)") || strings.HasSuffix(t, "(AFP)") || strings.HasSuffix(t, "(EPA)") || strings.HasSuffix(t, "(PA)") {
		return true
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters < 3
}

// splitParagraphs splits article text into paragraphs, dropping noise.
func splitParagraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	sep := "\n\n"
	if !strings.Contains(strings.TrimSpace(text), sep) {
		sep = "\n" // a page scraped with single newlines: each line is a paragraph
	}
	for _, p := range strings.Split(text, sep) {
		if strings.ContainsAny(p, "\n\t\r") || strings.Contains(p, "  ") {
			p = strings.Join(strings.Fields(p), " ")
		}
		p = strings.TrimSpace(p)
		if isNoise(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// splitSentences splits a paragraph into sentences.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
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
			if unicode.IsUpper(rune(p[k])) && (k == start || p[k-1] == ' ') {
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
	toks := make([]token, 0, len(s)/5+4)
	emit := func(w string, punct bool) {
		t := token{text: w, punct: punct, lower: strings.ToLower(w)}
		if !punct {
			t.fold = foldWord(w, t.lower)
			r, _ := utf8.DecodeRuneInString(w)
			t.upper = unicode.IsUpper(r)
			if t.fold == "" {
				t.punct = true
			}
		}
		toks = append(toks, t)
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if !isWordRune(r) {
			emit(string(r), true)
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r2) {
				j += sz
				continue
			}
			// an inner hyphen, apostrophe, ampersand or dot joins word runes:
			// "Saint-Germain", "L'Equipe", "Calciomercato.com"
			if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' || r2 == '&' {
				if r3, _ := utf8.DecodeRuneInString(s[j+sz:]); j+sz < len(s) && isWordRune(r3) && (r2 != '.' || unicode.IsLower(r3)) {
					j += sz
					continue
				}
			}
			break
		}
		w := s[i:j]
		i = j
		if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			cut := strings.LastIndexAny(w, "'’")
			emit(w[:cut], false)
			emit("'s", true)
			continue
		}
		emit(w, false)
		// plural possessive: "Spurs' record scorer"
		if r2, sz := utf8.DecodeRuneInString(s[i:]); (r2 == '\'' || r2 == '’') && strings.HasSuffix(w, "s") {
			if r3, _ := utf8.DecodeRuneInString(s[i+sz:]); i+sz >= len(s) || !isWordRune(r3) {
				emit("'s", true)
				i += sz
			}
		}
	}
	return toks
}

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

// isWordRune reports whether r belongs in a word.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// splitArticle turns article text into sentences, marking roundup items and
// live-blog entries.
func splitArticle(title, text string) []sentence {
	var out []sentence
	paras := splitParagraphs(text)
	if title != "" && (len(paras) == 0 || !strings.HasPrefix(paras[0], strings.TrimSpace(title))) {
		paras = append([]string{title}, paras...)
	}
	item := -1
	for pi, p := range paras {
		inItem := -1
		header := ""
		if m := timestampRe.FindString(p); m != "" && pi > 0 {
			item++
			inItem = item
			p = strings.TrimSpace(p[len(m):])
		} else if m := headingRe.FindStringSubmatch(p); m != nil && pi > 0 && strings.ToUpper(m[1]) == m[1] {
			item++
			inItem = item
			header = m[1]
			p = strings.TrimSpace(p[len(m[0]):])
		}
		if header != "" {
			out = append(out, sentence{text: header, toks: tokenize(titleCase(header)), para: pi, first: true, item: inItem, header: true})
		}
		for si, s := range splitSentences(p) {
			out = append(out, sentence{text: s, toks: tokenize(s), para: pi, first: si == 0, item: inItem})
		}
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
