package rumours_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
)

// playersStore is a Store that only lists players: enough for an engine
// whose name index is all a benchmark uses (any other method panics).
type playersStore struct {
	rumours.Store
	players []rumours.PlayerInfo
}

func (s playersStore) Players(context.Context) ([]rumours.PlayerInfo, error) { return s.players, nil }

// completeEngine returns an engine whose name index holds the gazetteer's
// players and n generated players with one stored link each, and the
// generated names.
func completeEngine(b *testing.B, n int) (*rumours.Engine, []string) {
	b.Helper()
	names := benchNames(n)
	players := make([]rumours.PlayerInfo, len(names))
	for i, name := range names {
		players[i] = rumours.PlayerInfo{Name: name, Links: 1}
	}
	start := time.Now()
	e := newEngine(b, playersStore{players: players})
	b.Logf("engine over %d players built in %v", len(names), time.Since(start).Round(time.Millisecond))
	return e, names
}

// completePrefix returns a prefix of minLen to 12 characters (fewer if s is
// shorter) of s or, half the time when s has several words, of its part from
// a later word on.
func completePrefix(rng *rand.Rand, s string, minLen int) string {
	words := strings.Fields(s)
	if len(words) > 1 && rng.IntN(2) == 0 {
		s = strings.Join(words[1+rng.IntN(len(words)-1):], " ")
	}
	r := []rune(s)
	n := minLen + rng.IntN(12-minLen+1)
	return string(r[:min(n, len(r))])
}

// misspell applies one random edit (swap, deletion, substitution or
// insertion) to s, away from its first character.
func misspell(rng *rand.Rand, s string) string {
	r := []rune(s)
	if len(r) < 3 {
		return s
	}
	i := 1 + rng.IntN(len(r)-2)
	switch rng.IntN(4) {
	case 0:
		r[i], r[i+1] = r[i+1], r[i]
	case 1:
		r = append(r[:i], r[i+1:]...)
	case 2:
		r[i] = rune('a' + rng.IntN(26))
	default:
		r = append(r[:i], append([]rune{rune('a' + rng.IntN(26))}, r[i:]...)...)
	}
	return string(r)
}

// BenchmarkCompletePlayers50k completes player prefixes, as an autocomplete
// would (limit 25, Discord's), over the gazetteer's 4,803 players and 50,000
// generated ones with one stored link each (-short: 2,500). Prefixes are of
// 1 to 12 characters, of the whole name or of a later word: as typed
// (accents and capitals), accent-stripped and lower-case, misspelt (5 to 12
// characters, one edit, which reaches the fuzzy scan) and empty (the most
// linked players). "mixed" draws from all of them.
func BenchmarkCompletePlayers50k(b *testing.B) {
	ctx := context.Background()
	n := 50_000
	if testing.Short() {
		n /= 20
	}
	e, names := completeEngine(b, n)
	pick := func(rng *rand.Rand) string { return names[rng.IntN(len(names))] }
	kinds := []struct {
		name   string
		prefix func(rng *rand.Rand) string
	}{
		{"typed", func(rng *rand.Rand) string { return completePrefix(rng, pick(rng), 1) }},
		{"accentless", func(rng *rand.Rand) string { return completePrefix(rng, gazetteer.Fold(pick(rng)), 1) }},
		{"misspelt", func(rng *rand.Rand) string { return misspell(rng, completePrefix(rng, pick(rng), 5)) }},
		{"empty", func(rng *rand.Rand) string { return "" }},
	}
	mixed := func(rng *rand.Rand) string {
		switch k := rng.IntN(10); {
		case k < 4:
			return kinds[0].prefix(rng)
		case k < 7:
			return kinds[1].prefix(rng)
		case k < 9:
			return kinds[2].prefix(rng)
		}
		return ""
	}
	kinds = append(kinds, struct {
		name   string
		prefix func(rng *rand.Rand) string
	}{"mixed", mixed})
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(9, 10))
			lat := make([]time.Duration, 0, 1<<16)
			b.ReportAllocs()
			for b.Loop() {
				p := k.prefix(rng)
				t0 := time.Now()
				e.Complete(ctx, rumours.KindPlayer, p, 25)
				lat = append(lat, time.Since(t0))
			}
			reportLatency(b, lat)
		})
	}
}

// BenchmarkCompleteClubs completes club prefixes of 1 to 12 characters over
// the gazetteer's clubs (limit 25): names and aliases as typed, from their
// first or a later word, a third of them misspelt.
func BenchmarkCompleteClubs(b *testing.B) {
	ctx := context.Background()
	g := loadGazetteer(b)
	e := newEngine(b, playersStore{})
	var names []string
	for _, c := range g.Clubs {
		names = append(names, c.Name)
		names = append(names, c.Aliases...)
	}
	rng := rand.New(rand.NewPCG(11, 12))
	lat := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		p := completePrefix(rng, names[rng.IntN(len(names))], 1)
		if rng.IntN(3) == 0 {
			p = misspell(rng, p)
		}
		t0 := time.Now()
		e.Complete(ctx, rumours.KindClub, p, 25)
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat)
}
