package rumours

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"transferbot/rumours/gazetteer"
)

// completePlayersRef is the plain implementation of completePlayers that the
// word index replaced: a scan of every player per call. It is the reference
// the index must agree with.
func completePlayersRef(ix *nameIndex, p string, limit int) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	type hit struct {
		e     *playerEntry
		level int
	}
	var hits []hit
	q := newForm(p)
	fuzzy := map[*playerEntry]bool{}
	if len(q.r) >= fuzzyMinLen {
		for _, h := range closePlayersRef(ix, q, fuzzyMaxDist) {
			fuzzy[h.e] = true
		}
	}
	for _, e := range ix.list {
		level := -1
		switch {
		case p == "":
			if e.links > 0 {
				level = completeWhole
			}
		case strings.HasPrefix(e.key, p):
			level = completeWhole
		case wordPrefix(e.key, p) || slices.ContainsFunc(e.aliases, func(a string) bool { return strings.HasPrefix(a, p) }):
			level = completeWord
		case fuzzy[e]:
			level = completeFuzzy
		}
		if level >= 0 {
			hits = append(hits, hit{e, level})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return byLinksThen(a.e, b.e, a.level, b.level) })
	out := make([]string, 0, min(len(hits), limit))
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, h.e.name)
	}
	return out
}

// closePlayersRef is the plain implementation of closePlayers: a scan of
// every form of every player.
func closePlayersRef(ix *nameIndex, q form, limit int) []playerHit {
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
		if k := len(out); k > 0 && out[k-1].e == e {
			out[k-1].d = min(out[k-1].d, d)
			continue
		}
		out = append(out, playerHit{e, d})
	}
	return out
}

// testPlayer is a player of a test index.
type testPlayer struct {
	name    string
	aliases []string
	links   int
}

// newTestIndex builds a name index over players alone (no gazetteer): those
// with aliases come as gazetteer players, the others as stored ones.
func newTestIndex(players []testPlayer) *nameIndex {
	g := &gazetteer.Gazetteer{}
	var stored []PlayerInfo
	for _, p := range players {
		if p.aliases != nil {
			g.Players = append(g.Players, gazetteer.Player{Name: p.name, Aliases: p.aliases})
		}
		if p.links > 0 || p.aliases == nil {
			stored = append(stored, PlayerInfo{Name: p.name, Links: p.links})
		}
	}
	return newNameIndex(g, stored)
}

// linksTo returns n links of each player.
func linksTo(n int, players ...string) []Link {
	var out []Link
	for _, p := range players {
		for range n {
			out = append(out, Link{Player: p})
		}
	}
	return out
}

func TestCompletePlayersIndex(t *testing.T) {
	ix := newTestIndex([]testPlayer{
		{"Sergio Ramos", nil, 5},
		{"Gonçalo Ramos", nil, 2},
		{"Ramiro Ramos", nil, 1},         // whole name and a later word
		{"Rafael Ramos Ramírez", nil, 1}, // two later words
		{"Virgil van Dijk", []string{"VVD"}, 3},
		{"Javier Hernández", []string{"Chicharito"}, 0},
		{"Kylian Mbappé", nil, 4},
		{"Ramón Díaz", nil, 0},
		{"Martin Ødegaard", nil, 1},
	})
	type tc struct {
		prefix string // as typed
		limit  int
		want   []string
	}
	check := func(t *testing.T, tests []tc) {
		t.Helper()
		for _, tt := range tests {
			p := foldKey(tt.prefix)
			got := ix.completePlayers(p, tt.limit)
			if !slices.Equal(got, tt.want) || got == nil {
				t.Errorf("completePlayers(%q, %d) = %q, want %q", p, tt.limit, got, tt.want)
			}
			if ref := completePlayersRef(ix, p, tt.limit); !slices.Equal(got, ref) {
				t.Errorf("completePlayers(%q, %d) = %q, reference %q", p, tt.limit, got, ref)
			}
		}
	}
	// Common to every stage: nothing added matches these.
	common := []tc{
		{"gonç", 5, []string{"Gonçalo Ramos"}},              // accents folded
		{"GONC", 5, []string{"Gonçalo Ramos"}},              // case and accents
		{"ødeg", 5, []string{"Martin Ødegaard"}},            // a later word, folded
		{"hernan", 5, []string{"Javier Hernández"}},         // a later word
		{"chich", 5, []string{"Javier Hernández"}},          // an alias
		{"vv", 5, []string{"Virgil van Dijk"}},              // an alias
		{"van d", 5, []string{"Virgil van Dijk"}},           // words from a later one
		{"dij", 5, []string{"Virgil van Dijk"}},             // the last word
		{"virgil van dijk", 5, []string{"Virgil van Dijk"}}, // the whole name
		{"mbape", 5, []string{"Kylian Mbappé"}},             // fuzzy only
		{"ramos", 10, []string{"Sergio Ramos", "Gonçalo Ramos", "Rafael Ramos Ramírez", "Ramiro Ramos"}},
		{"ramos", 2, []string{"Sergio Ramos", "Gonçalo Ramos"}}, // limit
		{"zzz", 5, []string{}},
		{"x", 0, []string{}},
	}
	built := []tc{
		// Linked first; then whole names before later words; then links;
		// then names. Ramiro Ramos (whole name and a later word) and Rafael
		// Ramos Ramírez (two later words) come once, the first at the best
		// level.
		{"ram", 10, []string{"Ramiro Ramos", "Sergio Ramos", "Gonçalo Ramos", "Rafael Ramos Ramírez", "Ramón Díaz"}},
		{"ram", 2, []string{"Ramiro Ramos", "Sergio Ramos"}},
		// A fuzzy hit with links beats a prefix hit without.
		{"ramon", 10, []string{"Sergio Ramos", "Gonçalo Ramos", "Ramiro Ramos", "Ramón Díaz"}},
		{"ramon", 1, []string{"Sergio Ramos"}},
		{"", 3, []string{"Sergio Ramos", "Kylian Mbappé", "Virgil van Dijk"}},
		{"", 20, []string{"Sergio Ramos", "Kylian Mbappé", "Virgil van Dijk", "Gonçalo Ramos", "Martin Ødegaard", "Rafael Ramos Ramírez", "Ramiro Ramos"}},
		{"!!!", 1, []string{"Sergio Ramos"}}, // folds to the empty prefix
	}
	t.Run("built", func(t *testing.T) {
		check(t, append(common, built...))
	})

	// Players and links added at run time wait in the tail.
	ix.addLinks(linksTo(2, "Aaron Ramsdale"))
	ix.addLinks(linksTo(1, "Ramón Díaz"))
	ix.addLinks(linksTo(6, "Javier Hernández"))
	if len(ix.words.tail) == 0 {
		t.Fatal("no word in the tail after additions")
	}
	added := []tc{
		{"ram", 10, []string{"Ramiro Ramos", "Ramón Díaz", "Sergio Ramos", "Aaron Ramsdale", "Gonçalo Ramos", "Rafael Ramos Ramírez"}},
		{"aaron r", 5, []string{"Aaron Ramsdale"}},
		{"ramsdael", 5, []string{"Aaron Ramsdale"}}, // fuzzy over the tail
		{"ramon", 10, []string{"Ramón Díaz", "Sergio Ramos", "Gonçalo Ramos", "Ramiro Ramos"}},
		{"", 3, []string{"Javier Hernández", "Sergio Ramos", "Kylian Mbappé"}},
	}
	t.Run("tail", func(t *testing.T) {
		check(t, append(common, added...))
	})

	// Enough players for the tail to be merged into the sorted words.
	var fillers []string
	for i := range 600 {
		fillers = append(fillers, fmt.Sprintf("Filler Player %d", i))
	}
	ix.addLinks(linksTo(1, fillers...))
	if len(ix.words.tail) != 0 || ix.scanSorted != len(ix.scan) {
		t.Fatalf("tail of %d words after %d players added, want it merged", len(ix.words.tail), len(fillers))
	}
	ix.addLinks(linksTo(1, "Ramsey Late"))
	merged := append(added,
		tc{"filler player 599", 1, []string{"Filler Player 599"}}, // then fuzzy hits
		tc{"filler player 59", 3, []string{"Filler Player 59", "Filler Player 590", "Filler Player 591"}},
		tc{"late", 5, []string{"Ramsey Late"}},
	)
	merged[0].want = []string{"Ramiro Ramos", "Ramsey Late", "Ramón Díaz", "Sergio Ramos", "Aaron Ramsdale", "Gonçalo Ramos", "Rafael Ramos Ramírez"}
	t.Run("merged", func(t *testing.T) {
		check(t, append(common, merged...))
	})
}

// genNames returns n distinct player names, with accents, apostrophes,
// hyphens, multi-word surnames, disambiguations and non-Latin scripts, and
// a few aliases for some.
func genNames(rng *rand.Rand, n int) []testPlayer {
	first := []string{"Sergio", "Gonçalo", "Ramón", "Ramiro", "Rafael", "N'Golo", "Ángel", "Álvaro", "Jérôme",
		"Łukasz", "Ødin", "Kylian", "Kai", "Kasper", "Jan", "Jannik", "Иван", "Γιώργος", "Mo", "Luis"}
	last := []string{"Ramos", "Ramírez", "Ramsey", "Kanté", "van Dijk", "van der Berg", "de Jong", "Alexander-Arnold",
		"Müller", "Mueller", "Šimić", "Simic", "Ødegaard", "Петров", "Παπαδόπουλος", "Suárez", "Suarez", "Díaz",
		"Dias", "Mbappé", "Di María", "Kimmich", "Kim", "Lee"}
	seen := map[string]bool{}
	var out []testPlayer
	for len(out) < n {
		name := first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))]
		switch rng.IntN(6) {
		case 0:
			name += " " + last[rng.IntN(len(last))]
		case 1:
			name += fmt.Sprintf(" (born %d)", 1980+rng.IntN(25))
		case 2:
			name = last[rng.IntN(len(last))] // a one-word name
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		p := testPlayer{name: name, links: max(0, rng.IntN(6)-2)}
		if rng.IntN(8) == 0 {
			p.aliases = []string{}
			for range 1 + rng.IntN(2) {
				p.aliases = append(p.aliases, first[rng.IntN(len(first))]+fmt.Sprint(rng.IntN(10)))
			}
		}
		out = append(out, p)
	}
	return out
}

// randomPrefix returns a prefix as a user types it: of a known name or alias,
// from its first or a later word, sometimes misspelt, sometimes random
// letters or empty.
func randomPrefix(rng *rand.Rand, players []testPlayer) string {
	p := players[rng.IntN(len(players))]
	s := p.name
	if len(p.aliases) > 0 && rng.IntN(3) == 0 {
		s = p.aliases[rng.IntN(len(p.aliases))]
	}
	switch rng.IntN(10) {
	case 0:
		return ""
	case 1:
		b := make([]rune, 1+rng.IntN(6))
		for i := range b {
			b[i] = rune('a' + rng.IntN(26))
		}
		return string(b)
	}
	if w := strings.Fields(s); len(w) > 1 && rng.IntN(2) == 0 {
		s = strings.Join(w[1+rng.IntN(len(w)-1):], " ")
	}
	if rng.IntN(2) == 0 {
		s = foldKey(s) // accent-stripped
	}
	r := []rune(s)
	r = r[:min(len(r), 1+rng.IntN(14))]
	if len(r) >= 3 && rng.IntN(3) == 0 { // one edit
		i := 1 + rng.IntN(len(r)-2)
		switch rng.IntN(3) {
		case 0:
			r[i], r[i+1] = r[i+1], r[i]
		case 1:
			r = append(r[:i], r[i+1:]...)
		default:
			r[i] = rune('a' + rng.IntN(26))
		}
	}
	return string(r)
}

// TestCompletePlayersMatchesScan compares completePlayers and closePlayers
// with the plain scans on random prefixes, as built and as players and
// links are added (with the tail unmerged and merged).
func TestCompletePlayersMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	players := genNames(rng, 3000)
	ix := newTestIndex(players[:2000])
	later := players[2000:]
	limits := []int{1, 2, 5, 20, 25, 100, 1500}
	compare := func(stage string, queries int) {
		t.Helper()
		for range queries {
			p := foldKey(randomPrefix(rng, players))
			limit := limits[rng.IntN(len(limits))]
			got, want := ix.completePlayers(p, limit), completePlayersRef(ix, p, limit)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: completePlayers(%q, %d) =\n%q\nreference\n%q", stage, p, limit, got, want)
			}
			if rng.IntN(4) == 0 { // a long query, as suggestions get
				p += " " + foldKey(randomPrefix(rng, players)) + " " + foldKey(randomPrefix(rng, players))
			}
			q := newForm(p)
			for limit := -1; limit <= 4; limit++ {
				want := closePlayersRef(ix, q, limit)
				if got := ix.closePlayers(q, limit); !slices.Equal(got, want) {
					t.Fatalf("%s: closePlayers(%q, %d) =\n%v\nreference\n%v", stage, p, limit, got, want)
				}
				if got := ix.closePlayersWalk(q, limit); !slices.Equal(got, want) {
					t.Fatalf("%s: closePlayersWalk(%q, %d) =\n%v\nreference\n%v", stage, p, limit, got, want)
				}
				if got := ix.closePlayersScan(q, limit); !slices.Equal(got, want) {
					t.Fatalf("%s: closePlayersScan(%q, %d) =\n%v\nreference\n%v", stage, p, limit, got, want)
				}
			}
		}
	}
	compare("built", 1500)
	merges := 0
	for len(later) > 0 {
		// A batch: new players, and more links for known ones.
		n := min(len(later), 1+rng.IntN(150))
		var links []Link
		for _, p := range later[:n] {
			links = append(links, linksTo(1+rng.IntN(3), p.name)...)
		}
		for range rng.IntN(50) {
			links = append(links, linksTo(1, players[rng.IntN(2000)].name)...)
		}
		later = later[n:]
		before := len(ix.words.base)
		ix.addLinks(links)
		if len(ix.words.base) != before {
			merges++
		}
		compare(fmt.Sprintf("after a batch (%d words in the tail)", len(ix.words.tail)), 100)
	}
	if merges == 0 {
		t.Error("no merge of the tail")
	}
	if len(ix.topLinked) < maxTopLinked {
		t.Errorf("%d most linked players, want %d (the fallback scan untested)", len(ix.topLinked), maxTopLinked)
	}
}

// TestCompletePlayersGazetteer compares completePlayers with the plain scan
// over the gazetteer's players with generated links.
func TestCompletePlayersGazetteer(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(13, 14))
	var stored []PlayerInfo
	var players []testPlayer
	for _, p := range g.Players {
		players = append(players, testPlayer{name: p.Name, aliases: p.Aliases})
		if rng.IntN(3) == 0 {
			stored = append(stored, PlayerInfo{Name: p.Name, Links: 1 + rng.IntN(40)})
		}
	}
	ix := newNameIndex(g, stored)
	for range 3000 {
		p := foldKey(randomPrefix(rng, players))
		got, want := ix.completePlayers(p, 25), completePlayersRef(ix, p, 25)
		if !slices.Equal(got, want) {
			t.Fatalf("completePlayers(%q, 25) =\n%q\nreference\n%q", p, got, want)
		}
	}
}

// TestCompletePlayersConcurrent completes while players and links are added;
// run with -race.
func TestCompletePlayersConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	players := genNames(rng, 2000)
	ix := newTestIndex(players[:500])
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 500; i < len(players); i += 50 {
			var links []Link
			for _, p := range players[i : i+50] {
				links = append(links, linksTo(1, p.name, players[rng.IntN(i)].name)...)
			}
			ix.addLinks(links)
		}
	})
	for w := range 2 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(17, uint64(w)))
			for range 500 {
				ix.completePlayers(foldKey(randomPrefix(rng, players)), 25)
			}
		})
	}
	wg.Wait()
}
