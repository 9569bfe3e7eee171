package rumours

import (
	"context"
	"hash/fnv"
	"slices"
	"strings"
	"time"
)

// MatchLevel says how a phrase matched a name: the lower, the surer.
type MatchLevel int

// Match levels, surest first.
const (
	// MatchExact is a player's full name, nickname or alias, or a club's
	// name or alias.
	MatchExact MatchLevel = iota
	// MatchSurname is a player's surname alone ("haaland", "van dijk").
	MatchSurname
	// MatchFirst is a player's first name alone ("trent", "bruno").
	MatchFirst
	// MatchFuzzy is a name one or two slips away ("haalnd", "mbape").
	MatchFuzzy
)

// NameMatch is one reading of a phrase as the name of a player or a club.
type NameMatch struct {
	Kind  SubjectKind
	Name  string // canonical
	Level MatchLevel
	// Current is a player's club now according to the gazetteer (a loan
	// club included), "" when unknown or for a club.
	Current string
	// Value is a player's highest market value in millions of euros, 0
	// when unknown: among namesakes, fans mean the one worth most.
	Value int
	// Shared is set on a club read from an alias several clubs share or
	// that needs context ("united", "inter", "madrid"); the reading the
	// press usually means comes first.
	Shared bool
}

// Fuzzy matching of whole phrases in running text: stricter than
// ResolvePlayer's, since the phrase is any word of a message, not a name
// the user typed on purpose.
const (
	phraseFuzzyMinLen = 5  // shortest phrase matched with a slip
	phraseFuzzyLong   = 8  // phrases this long may be two slips away
	maxFirstNames     = 40 // players found by a first name, for context to pick from
	maxPhraseMatches  = 60
)

// MatchNames returns the readings of phrase as a club or a player name, to
// spot names inside free text: the clubs whose name or alias it is (the
// usual reading first), then the players whose full name or alias it is,
// or else those whose surname it is followed by those whose first name it
// is, for the caller to pick from by context ("bruno" with "Utd" is Bruno
// Fernandes); most linked first within a level. With fuzzy set and nothing
// else matching, names one slip away (two for phrases of eight letters or
// more) and with the same first letter are returned at MatchFuzzy, the
// closest only; failing those, a minor player by a surname only he has
// (see minorBySurname). Otherwise minor players are found by full name
// only. At most 60 readings are returned. Safe for concurrent use.
func (e *Engine) MatchNames(ctx context.Context, phrase string, fuzzy bool) []NameMatch {
	if _, long := capQuery(phrase); long {
		return nil
	}
	key := foldKey(phrase)
	if key == "" {
		return nil
	}
	now := e.asOf(time.Time{})
	var out []NameMatch
	clubs := gazClubsFor(e.g, phrase)
	if len(clubs) == 0 {
		clubs = e.names.clubsByKey(key)
	}
	shared := len(clubs) > 1 || e.g.AmbiguousAlias(key)
	for _, c := range clubs {
		out = append(out, NameMatch{Kind: KindClub, Name: c, Level: MatchExact, Shared: shared})
	}
	players := e.names.matchPlayers(phrase, key)
	if len(players) == 0 && len(clubs) == 0 && fuzzy {
		for _, p := range e.names.nearPlayers(key) {
			players = append(players, playerMatch{p, MatchFuzzy})
		}
		if len(players) == 0 {
			// Two letters swapped are one slip for the gazetteer, two edits
			// for nearPlayers ("osimehn").
			for _, i := range e.g.PlayersNear(key) {
				if p := e.g.Players[i]; !p.Minor && wordStarts(foldKey(p.Name), key[0]) {
					players = append(players, playerMatch{p.Name, MatchFuzzy})
				}
			}
		}
		for _, c := range e.names.nearClubs(key) {
			out = append(out, NameMatch{Kind: KindClub, Name: c, Level: MatchFuzzy})
		}
		if len(players) == 0 && len(out) == 0 {
			if name, ok := e.names.minorBySurname(key); ok {
				players = append(players, playerMatch{name, MatchSurname})
			}
		}
	}
	for _, p := range players {
		m := NameMatch{Kind: KindPlayer, Name: p.name, Level: p.level}
		if i, ok := e.g.PlayerByName(p.name); ok {
			m.Current, m.Value = e.g.ClubAt(i, now), e.g.Players[i].Value
		}
		out = append(out, m)
	}
	if len(out) > maxPhraseMatches {
		out = out[:maxPhraseMatches]
	}
	return out
}

// playerMatch is a player a phrase may name, and how.
type playerMatch struct {
	name  string
	level MatchLevel
}

// matchPlayers returns the players whose full name or alias key is; failing
// that, those whose surname it is, then those whose first name it is (at
// most maxFirstNames of these), so that context can pick "Bruno" Fernandes
// among the Brunos. Within a level, the most linked come first.
func (ix *nameIndex) matchPlayers(query, key string) []playerMatch {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []playerMatch
	add := func(names []string, level MatchLevel) {
		for _, n := range names {
			if !slices.ContainsFunc(out, func(m playerMatch) bool { return m.name == n }) {
				out = append(out, playerMatch{n, level})
			}
		}
	}
	if c := preferAll(ix.exact[key]); len(c) > 0 {
		add(candidateNames(c), MatchExact)
		return out
	}
	if minor := ix.minorPlayers(query); len(minor) > 0 {
		add(minor[:min(len(minor), maxCandidates)], MatchExact)
		return out
	}
	add(candidateNames(preferAll(ix.surname[key])), MatchSurname)
	if ix.g != nil {
		// The gazetteer knows surnames the index's suffixes miss: a Korean
		// family name comes first ("son" is Son Heung-min).
		for _, i := range ix.g.PlayersBySurname(key) {
			add([]string{ix.g.Players[i].Name}, MatchSurname)
		}
	}
	first := preferAll(ix.first[key])
	add(candidateNames(first[:min(len(first), maxFirstNames)]), MatchFirst)
	return out
}

// minorBySurname returns the minor player whose last name key is, when he
// is the only player of the gazetteer with it and it has six letters or
// more: fans name a squad player of the leagues the gazetteer has no market
// values for ("mastantuono") by his surname as the press does for stars. A
// shorter or shared surname is more often a word or someone else. The index
// holds a hash of each such surname (tens of thousands), built on first
// use; a hit is checked against the name.
func (ix *nameIndex) minorBySurname(key string) (string, bool) {
	if ix.g == nil || len(key) < minMinorSurname || strings.Contains(key, " ") {
		return "", false
	}
	ix.minorOnce.Do(ix.indexMinorSurnames)
	i, ok := ix.minorSurnames[hashKey(key)]
	if !ok || i < 0 {
		return "", false
	}
	p := ix.g.Players[i]
	if lastKey(p.Name) != key {
		return "", false
	}
	return p.Name, true
}

// minMinorSurname is the shortest surname minorBySurname finds.
const minMinorSurname = 6

// indexMinorSurnames hashes the last name of every player: a minor player's
// maps to his index, a name two players share to -1.
func (ix *nameIndex) indexMinorSurnames() {
	ix.minorSurnames = make(map[uint64]int32, len(ix.g.Players)/2)
	for i, p := range ix.g.Players {
		k := lastKey(p.Name)
		if len(k) < minMinorSurname {
			continue
		}
		h := hashKey(k)
		if _, seen := ix.minorSurnames[h]; seen || !p.Minor {
			ix.minorSurnames[h] = -1
			continue
		}
		ix.minorSurnames[h] = int32(i)
	}
}

// lastKey is the folded last word of a name, without its disambiguation.
func lastKey(name string) string {
	k := foldKey(baseName(name))
	return k[strings.LastIndexByte(k, ' ')+1:]
}

func hashKey(k string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64()
}

// preferAll is preferLinked without dropping the unlinked: every distinct
// entry, most linked first, then by name.
func preferAll(cands []*playerEntry) []*playerEntry {
	linked := preferLinked(cands)
	for _, c := range cands {
		if !slices.Contains(linked, c) {
			linked = append(linked, c)
		}
	}
	return linked
}

// phraseLimit is how many slips a phrase of n letters may be from a name.
func phraseLimit(n int) int {
	switch {
	case n < phraseFuzzyMinLen:
		return -1
	case n < phraseFuzzyLong:
		return 1
	}
	return 2
}

// nearPlayers returns the players whose full name or surname is closest to
// key, within phraseLimit slips, starting with the same letter.
func (ix *nameIndex) nearPlayers(key string) []string {
	q := newForm(key)
	limit := phraseLimit(len(q.r))
	if limit < 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	hits := slices.DeleteFunc(ix.closePlayers(q, limit), func(h playerHit) bool {
		return !slices.ContainsFunc(h.e.forms, func(f form) bool { return sameStart(q, f) && q.distance(f, limit) == h.d })
	})
	best := limit + 1
	for _, h := range hits {
		best = min(best, h.d)
	}
	var cands []*playerEntry
	for _, h := range hits {
		if h.d == best {
			cands = append(cands, h.e)
		}
	}
	return candidateNames(preferAll(cands))
}

// sameStart reports whether a form starts with the query's first letter:
// fans slip inside a name, hardly ever on its first letter, and an English
// word a slip or two from a name ("planning", "manning") mostly differs
// there.
func sameStart(q, f form) bool {
	return len(q.r) > 0 && len(f.r) > 0 && q.r[0] == f.r[0]
}

// wordStarts reports whether a word of key starts with the letter c.
func wordStarts(key string, c byte) bool {
	return len(key) > 0 && key[0] == c || strings.Contains(key, " "+string(c))
}

// nearClubs returns the clubs whose name or an alias is closest to key,
// within phraseLimit slips, starting with the same letter.
func (ix *nameIndex) nearClubs(key string) []string {
	q := newForm(key)
	limit := phraseLimit(len(q.r))
	if limit < 0 {
		return nil
	}
	best := limit + 1
	var out []string
	for _, c := range ix.clubs {
		d := best + 1
		for _, f := range c.forms {
			if sameStart(q, f) {
				d = min(d, q.distance(f, best))
			}
		}
		switch {
		case d < best:
			best, out = d, append(out[:0], c.name)
		case d == best && d <= limit:
			out = append(out, c.name)
		}
	}
	return out
}
