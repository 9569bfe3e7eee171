package bot

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
)

// token is one word of a message: folded for matching, raw as written.
type token struct {
	w     string // folded: lower case, no accents, no apostrophes
	raw   string // the word as written, punctuation trimmed
	cue   cue    // what the lexicon says of it
	stage rumours.Stage
	lex   bool // the lexicon or the vocabulary claims it: not a name on its own
	fixed bool // part of a lexicon phrase: never part of a name
	taken bool // part of a name
}

// rawWords returns the words of toks as written, a word split by folding
// ("Alexander-Arnold") once.
func rawWords(toks []token) []string {
	var out []string
	for i, t := range toks {
		if i > 0 && toks[i-1].raw == t.raw && toks[i-1].w != t.w {
			continue
		}
		out = append(out, t.raw)
	}
	return out
}

// tokenize splits text into folded words, dropping bot mentions, the
// address of a message to the bot ("yo bot", "@transferbot") and emoji. A
// leading slash command's word comes back apart, lower case, without its
// "@bot" suffix.
func tokenize(text string) (toks []token, slash string) {
	text = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "`", "'").Replace(text)
	fields := strings.Fields(text)
	if len(fields) > 0 && strings.HasPrefix(fields[0], "/") && len(fields[0]) > 1 {
		word, _, _ := strings.Cut(fields[0][1:], "@")
		slash = strings.ToLower(word)
		fields = fields[1:]
	}
	for _, f := range fields {
		if isMention(f) {
			continue
		}
		raw := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if raw == "" {
			continue
		}
		base, poss := raw, false
		if lower := strings.ToLower(base); strings.HasSuffix(lower, "'s") {
			base, poss = base[:len(base)-2], true
		}
		for _, w := range strings.Fields(gazetteer.Fold(strings.ReplaceAll(base, "'", ""))) {
			toks = append(toks, token{w: w, raw: base})
		}
		if poss {
			toks = append(toks, token{w: "s", raw: "'s"})
		}
	}
	// "yo bot", "hey transferbot", "bot,": the address, not the message.
	for i := 0; i < len(toks) && i < 2; i++ {
		if toks[i].w == "bot" || toks[i].w == "transferbot" {
			toks = toks[i+1:]
			break
		}
		if !addressWords[toks[i].w] {
			break
		}
	}
	toks = slices.DeleteFunc(toks, func(t token) bool { return t.w == "transferbot" })
	return toks, slash
}

// isMention reports whether a word is a mention of a user or bot:
// "@transferbot", Discord's "<@123>", "<@!123>" or "<@&123>".
func isMention(f string) bool {
	if strings.HasPrefix(f, "@") && len(f) > 1 {
		return true
	}
	if strings.HasPrefix(f, "<@") {
		if i := strings.IndexByte(f, '>'); i > 2 {
			return true
		}
	}
	return false
}

// markLexicon marks the lexicon's phrases and words in toks, and the
// vocabulary's words, which are never names on their own. Slips of
// keywords are read later, once names have claimed their words (see
// fuzzyLexicon).
func markLexicon(toks []token) {
	for n := 4; n >= 2; n-- {
		for i := 0; i+n <= len(toks); i++ {
			if slices.ContainsFunc(toks[i:i+n], func(t token) bool { return t.fixed }) {
				continue
			}
			p := joinWords(toks[i : i+n])
			c, ok := phrases[p]
			st, stOK := stageWords[p]
			if !ok && !stOK {
				continue
			}
			for j := i; j < i+n; j++ {
				toks[j].fixed, toks[j].lex = true, true
			}
			toks[i].cue |= c
			if stOK {
				toks[i].stage = st
			}
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.fixed {
			continue
		}
		if c, ok := words[t.w]; ok {
			t.cue, t.lex = c, true
		}
		if st, ok := stageWords[t.w]; ok {
			t.stage, t.lex = st, true
		}
		if vocabulary[t.w] && !(placeClubs[t.w] && i > 0 && towards[toks[i-1].w]) || isNumber(t.w) {
			t.lex = true
		}
	}
}

// fuzzyLexicon reads each word that is no lexicon word, no vocabulary word
// and no name as the lexicon word one slip away, if there is one.
func fuzzyLexicon(toks []token) {
	for i := range toks {
		t := &toks[i]
		if t.lex || t.taken || utf8.RuneCountInString(t.w) < 4 || commonWords()[t.w] {
			continue
		}
		if w, ok := nearWord(t.w); ok {
			t.cue, t.lex = words[w], true
			if st, ok := stageWords[w]; ok {
				t.stage = st
			}
		}
	}
}

// nearWord returns the keyword one slip from w (a letter added, dropped,
// changed, or two swapped), where the longer of the two has five letters or
// more and the shorter four; the first in sorted order when several are.
func nearWord(w string) (string, bool) {
	for _, k := range keywords() {
		if max(len(k), len(w)) >= 5 && min(len(k), len(w)) >= 4 && OneSlip(w, k) {
			return k, true
		}
	}
	return "", false
}

// OneSlip reports whether a and b (folded words) differ by one insertion,
// deletion, substitution or swap of neighbouring letters (bytes).
func OneSlip(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func joinWords(toks []token) string {
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.w
	}
	return strings.Join(ws, " ")
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
