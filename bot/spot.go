package bot

import (
	"bufio"
	"context"
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"transferbot/rumours"
)

// mention is a name found in a message: the players or the clubs it may
// mean.
type mention struct {
	start, end int // token span
	kind       rumours.SubjectKind
	cands      []rumours.NameMatch // of kind, the usual reading first
	level      rumours.MatchLevel  // the surest of the candidates'
	raw        string              // as written
}

// first is the usual reading of a mention.
func (m mention) first() string { return m.cands[0].Name }

// means reports whether one of a mention's candidates is name.
func (m mention) means(name string) bool {
	return slices.ContainsFunc(m.cands, func(c rumours.NameMatch) bool { return c.Name == name })
}

// maxNameWords is the most words a player or club name spans in a message.
const maxNameWords = 4

// commonNameValue is the market value, in millions of euros, from which a
// player whose name is a common English word is read by that word alone
// ("rice" is Declan Rice; "proper" is no one): fans talk about such players
// often enough for the name to mean him.
const commonNameValue = 20

//go:generate go run ./internal/commongen -out commonwords.txt

//go:embed commonwords.txt
var commonWordsFile string

// commonWords are the common English words that read as a player's name on
// their own or as a slip of a keyword (see internal/commongen), parsed on
// first use.
var commonWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonWordsFile))
	for sc.Scan() {
		if w := sc.Text(); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
})

// glue are words that start or end no surname: "to juve" is no name.
var glue = set("the", "a", "an", "to", "is", "at", "in", "on", "for", "and", "or", "of", "from",
	"by", "with", "it", "be", "are", "was", "me", "my", "i", "you", "u", "s", "he", "his", "off", "back")

// spot finds the players and clubs named in toks, longest names first: a
// club's name or alias before a player's, full names and surnames, then a
// first name, then, for words nothing else claims, names one or two slips
// away. Words of the lexicon and the vocabulary are names only inside a
// longer name ("Can Uzun", "the Toffees"). In between it reads the slips of
// keywords (fuzzyLexicon): a word is a name before it is a keyword's slip
// ("neves" is not "news"), and a keyword's slip before a name's ("wher").
// It marks the words it reads in toks.
func spot(ctx context.Context, toks []token, names Names) []mention {
	if names == nil {
		return nil
	}
	var ms []mention
	for n := min(maxNameWords, len(toks)); n >= 1; n-- {
		for i := 0; i+n <= len(toks); i++ {
			span := toks[i : i+n]
			if slices.ContainsFunc(span, func(t token) bool { return t.taken || t.fixed }) {
				continue
			}
			if n == 1 && (span[0].lex || len(span[0].w) < 2) {
				continue
			}
			m, ok := lookup(ctx, names, span, false)
			if ok && n == 1 && m.kind == rumours.KindPlayer && commonWords()[span[0].w] {
				m, ok = wellKnown(m)
			}
			if !ok {
				continue
			}
			if n > 1 && m.kind == rumours.KindPlayer && m.level != rumours.MatchExact &&
				(m.level != rumours.MatchSurname || glue[span[0].w] || glue[span[n-1].w]) {
				continue
			}
			m.start, m.end = i, i+n
			ms = append(ms, m)
			for j := i; j < i+n; j++ {
				toks[j].taken = true
			}
		}
	}
	fuzzyLexicon(toks)
	ms = fuzzyFullNames(ctx, toks, names, ms)
	hasKind := func(k rumours.SubjectKind) bool {
		return slices.ContainsFunc(ms, func(m mention) bool { return m.kind == k })
	}
	for i := range toks {
		t := &toks[i]
		if t.taken || t.lex || utf8.RuneCountInString(t.w) < 5 || !isLetters(t.w) || commonWords()[t.w] {
			continue
		}
		m, ok := lookup(ctx, names, toks[i:i+1], true)
		if !ok || hasKind(m.kind) {
			continue
		}
		m.start, m.end = i, i+1
		ms = append(ms, m)
		t.taken = true
	}
	slices.SortFunc(ms, func(a, b mention) int { return a.start - b.start })
	return ms
}

// fuzzyFullNames reads two words in a row, one of them no name or a first
// name alone, as a full name a slip or two away ("nico wiliams", "jonathan
// davd", "ezequiel barco" for Esequiel Barco) when they give one player, in
// place of what its words were read as alone (the Nicos by first name, the
// Brazilian Jonathan, the Barcos by surname). Words of the lexicon and
// words of longer names are left alone.
func fuzzyFullNames(ctx context.Context, toks []token, names Names, ms []mention) []mention {
	weak := func(i int) bool { // untaken, or a player's name alone
		if !toks[i].taken {
			return true
		}
		for _, m := range ms {
			if i >= m.start && i < m.end {
				return m.end-m.start == 1 && m.kind == rumours.KindPlayer
			}
		}
		return false
	}
	byFirstName := func(i int) bool { // a player's first name alone
		for _, m := range ms {
			if i >= m.start && i < m.end {
				return m.level == rumours.MatchFirst
			}
		}
		return false
	}
	for i := 0; i+2 <= len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if a.lex || b.lex || a.fixed || b.fixed || !isLetters(a.w) || !isLetters(b.w) ||
			a.taken && b.taken && !byFirstName(i) || !weak(i) || !weak(i+1) {
			continue
		}
		m, ok := lookup(ctx, names, toks[i:i+2], true)
		if !ok || m.kind != rumours.KindPlayer || len(m.cands) != 1 {
			continue
		}
		m.start, m.end = i, i+2
		ms = slices.DeleteFunc(ms, func(x mention) bool { return x.start < m.end && m.start < x.end })
		ms = append(ms, m)
		toks[i].taken, toks[i+1].taken = true, true
		i++
	}
	return ms
}

// wellKnown keeps the candidates of a mention made of a common English word
// that are worth commonNameValue or more, by full name, alias or surname.
func wellKnown(m mention) (mention, bool) {
	m.cands = slices.DeleteFunc(slices.Clone(m.cands), func(c rumours.NameMatch) bool {
		return c.Value < commonNameValue || c.Level > rumours.MatchSurname
	})
	m.level = surest(m.cands)
	return m, len(m.cands) > 0
}

// surest is the surest level of cands.
func surest(cands []rumours.NameMatch) rumours.MatchLevel {
	l := rumours.MatchFuzzy
	for _, c := range cands {
		l = min(l, c.Level)
	}
	return l
}

// lookup reads span as a name: a club if it is a club's name or alias, else
// players. fuzzy allows names a slip or two away.
func lookup(ctx context.Context, names Names, span []token, fuzzy bool) (mention, bool) {
	found := names.MatchNames(ctx, joinWords(span), fuzzy)
	m := mention{raw: strings.Join(rawWords(span), " ")}
	for _, kind := range []rumours.SubjectKind{rumours.KindClub, rumours.KindPlayer} {
		for _, f := range found {
			if f.Kind == kind && !m.means(f.Name) {
				m.cands = append(m.cands, f)
			}
		}
		if len(m.cands) > 0 {
			m.kind, m.level = kind, surest(m.cands)
			return m, true
		}
	}
	return m, false
}

// pick returns the player a mention means: the one candidate whose current
// club the message names ("bruno leaving utd"; the usual reading of a
// shared alias first), else the one worth outworth times every other, else
// the one candidate of the surest level or the one of those worth outworth
// times the others.
func pick(p mention, clubs []mention) (rumours.NameMatch, bool) {
	for _, all := range []bool{false, true} {
		var found []rumours.NameMatch
		for _, c := range p.cands {
			if c.Current != "" && slices.ContainsFunc(clubs, func(m mention) bool {
				return m.first() == c.Current || all && m.means(c.Current)
			}) {
				found = append(found, c)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], true
		}
		return rumours.NameMatch{}, false
	}
	if c, ok := outworths(p.cands); ok {
		return c, true // "vinicius": Vinícius Júnior by first name, not Carlos Vinícius
	}
	var best []rumours.NameMatch // the surest level's
	for _, c := range p.cands {
		if c.Level == p.level {
			best = append(best, c)
		}
	}
	if len(best) == 1 {
		return best[0], true
	}
	return outworths(best) // namesakes worth alike: the core asks which
}

// outworths returns the candidate worth outworth times every other one.
func outworths(cands []rumours.NameMatch) (rumours.NameMatch, bool) {
	if len(cands) == 0 {
		return rumours.NameMatch{}, false
	}
	top, next := 0, -1
	for i, c := range cands[1:] {
		switch {
		case c.Value > cands[top].Value:
			top, next = i+1, top
		case next < 0 || c.Value > cands[next].Value:
			next = i + 1
		}
	}
	if next >= 0 && (cands[top].Value == 0 || cands[top].Value < outworth*cands[next].Value) {
		return rumours.NameMatch{}, false
	}
	return cands[top], true
}

// outworth is how many times a namesake must be worth the others for a
// shared name to mean him ("Dembélé": Ousmane, 120, not Moussa, 50).
const outworth = 2
