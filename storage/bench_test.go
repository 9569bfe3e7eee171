package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
)

// Benchmark data: a deterministic generator of realistic articles (about
// 1.5 KB of text, five links each), and a cached store of many links for
// the read benchmarks.
//
// The read benchmarks use a store of benchLinks() links, built once with
// bulk transactions and cached under os.TempDir() keyed by its size and the
// schema; set TRANSFERBOT_BENCH_LINKS to change the size (-short means
// 50,000).

const (
	benchLinksPerArticle = 5
	benchLinksPerPlayer  = 20 // 1,000,000 links over 50,000 players
	benchClubs           = 400
	benchGenVersion      = "1" // bump when the generator changes
)

// benchLinks is the number of links in the read benchmarks' store.
func benchLinks(b *testing.B) int {
	if v := os.Getenv("TRANSFERBOT_BENCH_LINKS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 {
			b.Fatalf("TRANSFERBOT_BENCH_LINKS=%q: want a number of links >= 1000", v)
		}
		return n
	}
	if testing.Short() {
		return 50_000
	}
	return 1_000_000
}

// benchName spells i in syllables, capitalised: a unique, pronounceable name.
func benchName(i, parts int) string {
	syllables := [...]string{"ka", "lo", "me", "ri", "ta", "do", "san", "vi", "nu", "ro",
		"be", "gar", "li", "mo", "zen", "fa", "chi", "el", "pa", "tor"}
	var b strings.Builder
	for p := range parts {
		if p == 1 || p == 3 {
			b.WriteByte(' ')
		}
		s := syllables[i%len(syllables)]
		i /= len(syllables)
		if p == 0 || p == 1 || p == 3 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		b.WriteString(s)
	}
	return b.String()
}

func benchPlayer(i int) string { return benchName(i, 5) }
func benchClub(i int) string   { return benchName(i, 3) + " FC" }

// benchOutlets are the outlets the generator cites.
func benchOutlets() []string {
	return []string{"Sky Sports", "BBC Sport", "The Athletic", "Fabrizio Romano", "L'Équipe",
		"Marca", "AS", "Gazzetta dello Sport", "Kicker", "Bild", "Goal", "ESPN", "The Guardian",
		"The Times", "Daily Mail", "Mundo Deportivo", "Sport", "Corriere dello Sport", "RMC Sport", "De Telegraaf"}
}

// benchSentences are the generator's sentences; %s are a club and a player
// (a player and a club in the one that starts "%s has").
func benchSentences() []string {
	return []string{
		"%s are closing in on a deal for %s after weeks of negotiations with his representatives.",
		"Sources close to the club say talks over a fee are progressing, with a bid expected before the end of the week.",
		"%s has told team-mates he wants the move and has already agreed personal terms with %s.",
		"The selling club value the player at well above the opening offer and are in no hurry to sell.",
		"A medical could be arranged within days if the clubs agree on the structure of the payments.",
		"Several other clubs have asked to be kept informed, but none has made a formal approach so far.",
		"The manager refused to discuss the rumours at his press conference, saying only that the squad was complete.",
		"Supporters have reacted with excitement on social media, where the deal has dominated discussion all day.",
		"The forward scored fourteen goals last season and has two years left on his current contract.",
		"Any agreement is likely to include add-ons linked to appearances and a sell-on clause.",
		"%s remain confident that they can complete the signing of %s before the window closes.",
		"The player's camp insists nothing has been decided and that he is happy where he is for now.",
	}
}

// benchGen makes a deterministic stream of articles and links.
type benchGen struct {
	rng       *rand.Rand
	players   int
	n         int // articles made
	text      strings.Builder
	outlets   []string
	sentences []string
}

func newBenchGen(seed uint64, players int) *benchGen {
	return &benchGen{
		rng:       rand.New(rand.NewPCG(seed, 0x7472616e73666572)),
		players:   players,
		outlets:   benchOutlets(),
		sentences: benchSentences(),
	}
}

// player picks a player: 20% of links go to the 1% most talked-about.
func (g *benchGen) player() int {
	stars := max(1, g.players/100)
	if g.rng.IntN(5) == 0 {
		return g.rng.IntN(stars)
	}
	return g.rng.IntN(g.players)
}

// next returns the next article and its links.
func (g *benchGen) next() (rumours.StoredArticle, []rumours.Link) {
	g.n++
	var published time.Time
	if g.rng.IntN(10) > 0 { // 10% undated
		published = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(3*365))
	}
	links := make([]rumours.Link, benchLinksPerArticle)
	for i := range links {
		p := g.player()
		l := rumours.Link{
			Player:     benchPlayer(p),
			To:         benchClub(g.rng.IntN(benchClubs)),
			Stage:      rumours.Stages()[g.rng.IntN(len(rumours.Stages()))],
			Primary:    i == 0,
			Confidence: float64(g.rng.IntN(1000)) / 1000,
		}
		if g.rng.IntN(10) < 6 {
			l.From = benchClub(p % benchClubs)
		}
		for range g.rng.IntN(4) {
			l.Outlets = append(l.Outlets, g.outlets[g.rng.IntN(len(g.outlets))])
		}
		l.Quote = fmt.Sprintf("%s are closing in on a deal for %s after weeks of negotiations with his representatives.", l.To, l.Player)
		links[i] = l
	}
	g.text.Reset()
	for g.text.Len() < 1500 {
		s := g.sentences[g.rng.IntN(len(g.sentences))]
		if strings.Contains(s, "%s") {
			l := links[g.rng.IntN(len(links))]
			if strings.HasPrefix(s, "%s has") {
				s = fmt.Sprintf(s, l.Player, l.To)
			} else {
				s = fmt.Sprintf(s, l.To, l.Player)
			}
		}
		g.text.WriteString(s)
		if g.rng.IntN(4) == 0 {
			g.text.WriteString("\n\n")
		} else {
			g.text.WriteByte(' ')
		}
	}
	a := rumours.StoredArticle{
		Article: rumours.Article{
			ID:        fmt.Sprintf("bench-%d-%d", g.rng.Uint64(), g.n),
			Title:     fmt.Sprintf("%s close in on %s", links[0].To, links[0].Player),
			Outlet:    g.outlets[g.rng.IntN(len(g.outlets))],
			Published: published,
			Text:      g.text.String(),
		},
		Simhash: g.rng.Uint64(),
	}
	a.URL = "https://news.example/" + a.ID
	sum := sha256.Sum256([]byte(a.ID + a.Text))
	a.TextHash = hex.EncodeToString(sum[:])
	return a, links
}

// schemaKey is a short hash of the migrations, so that a schema change makes
// the cached benchmark store stale.
func schemaKey(b *testing.B) string {
	ms, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		b.Fatal(err)
	}
	h := sha256.New()
	for _, m := range ms {
		io.WriteString(h, m.sql)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// benchStorePath returns the path of a cached store with links links,
// building it first if needed.
func benchStorePath(b *testing.B, links int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("transferbot-bench-%d-g%s-%s.db", links, benchGenVersion, schemaKey(b)))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	start := time.Now()
	tmp := fmt.Sprintf("%s.building-%d", path, os.Getpid())
	if err := buildBenchStore(tmp, links); err != nil {
		os.Remove(tmp)
		b.Fatalf("build benchmark store: %v", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s (%d links) in %v", path, links, time.Since(start).Round(time.Millisecond))
	return path
}

// buildBenchStore fills a new store at path with links links, saving
// articles through the same code as SaveArticle but many to a transaction.
func buildBenchStore(path string, links int) (err error) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := s.Close(); err == nil {
			err = cerr
		}
	}()
	g := newBenchGen(1, max(1, links/benchLinksPerPlayer))
	const perTx = 20_000
	for done := 0; done < links; {
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		batch := &txIDs{clubs: map[string]int64{}, players: map[string]int64{}}
		for i := 0; i < perTx && done < links; i++ {
			a, ls := g.next()
			ls = ls[:min(len(ls), links-done)]
			_, ids, err := s.saveArticle(ctx, tx, a, ls)
			if err != nil {
				tx.Rollback()
				return err
			}
			if ids != nil {
				maps.Copy(batch.clubs, ids.clubs)
				maps.Copy(batch.players, ids.players)
			}
			done += len(ls)
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		s.remember(batch)
	}
	return nil
}

// copyFile copies src to dst.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkSaveArticle saves realistic articles (about 1.5 KB, five links)
// one transaction each, into an empty store and into a copy of the read
// benchmarks' store.
func BenchmarkSaveArticle(b *testing.B) {
	links := benchLinks(b)
	run := func(b *testing.B, path string, players int) {
		// A cancellable context, as a server's would be.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		s, err := OpenWith(ctx, path, Options{SkipQuickCheck: true})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		g := newBenchGen(uint64(time.Now().UnixNano()), players) // fresh hashes each run
		arts := make([]rumours.StoredArticle, b.N)
		links := make([][]rumours.Link, b.N)
		for i := range arts {
			arts[i], links[i] = g.next()
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if _, err := s.SaveArticle(ctx, arts[i], links[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	}
	b.Run("empty", func(b *testing.B) {
		run(b, filepath.Join(b.TempDir(), "save.db"), 2000)
	})
	b.Run(fmt.Sprintf("links=%d", links), func(b *testing.B) {
		src := benchStorePath(b, links)
		dst := filepath.Join(b.TempDir(), "save.db")
		if err := copyFile(dst, src); err != nil {
			b.Fatal(err)
		}
		run(b, dst, links/benchLinksPerPlayer)
	})
}

// BenchmarkPlayerEvidence looks up the whole history of players in a store
// of benchLinks links and reports latency percentiles: "random" picks any
// player (20 links on average), "busiest" the 1% most talked-about players,
// who share a fifth of all links (about 400 links each).
func BenchmarkPlayerEvidence(b *testing.B) {
	links := benchLinks(b)
	path := benchStorePath(b, links)
	ctx := context.Background()
	// The store was checked when it was built; the check reads the whole
	// file and would only slow each run down.
	s, err := OpenWith(ctx, path, Options{SkipQuickCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	players := links / benchLinksPerPlayer
	for _, bc := range []struct {
		name    string
		players int
	}{
		{"random", players},
		{"busiest", max(1, players/100)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, 4))
			lat := make([]time.Duration, 0, 1024)
			rows := 0
			b.ReportAllocs()
			for b.Loop() {
				name := benchPlayer(rng.IntN(bc.players))
				t0 := time.Now()
				ev, err := s.PlayerEvidence(ctx, name, time.Time{})
				lat = append(lat, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				rows += len(ev)
			}
			reportLatency(b, lat)
			b.ReportMetric(float64(rows)/float64(len(lat)), "links/op")
		})
	}
}

// reportLatency reports the 50th and 99th percentile and the maximum of lat
// in milliseconds.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		i := min(len(lat)-1, int(p*float64(len(lat))))
		return float64(lat[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1])/float64(time.Millisecond), "max-ms")
}
