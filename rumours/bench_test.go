package rumours_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver, to read the schema

	"transferbot/rumours"
	"transferbot/storage"
)

// Benchmark data: benchPlayers players with benchLinksPerPlayer links each,
// or a twentieth of the players with -short. The database is built once
// through the store (about 90 s for the full size) and cached under
// os.TempDir() (see benchStore).
const (
	benchPlayers        = 50_000
	benchLinksPerPlayer = 20
	benchDataVersion    = 1
)

var (
	benchFirst = []string{
		"Adrien", "Alejandro", "Álvaro", "Andrea", "André", "Antoine", "Benjamin", "Bernardo",
		"Bruno", "Carlos", "Christian", "Cristian", "Daniel", "David", "Denis", "Diego",
		"Dominik", "Eduardo", "Emil", "Enzo", "Erik", "Federico", "Felipe", "Florian",
		"Francesco", "François", "Gabriel", "Georgios", "Gonçalo", "Hakan", "Hugo", "Ibrahim",
		"Iván", "Jakub", "James", "Jan", "Javier", "Joël", "Jonas", "Jorge",
		"José", "Joško", "Julian", "Kai", "Karim", "Kevin", "Lars", "Leon",
		"Leonardo", "Lorenzo", "Luca", "Lucas", "Luis", "Marco", "Mario", "Martin",
		"Mateo", "Matteo", "Mehmet", "Mikel", "Milan", "Mohamed", "Nicolás", "Niklas",
		"Nuno", "Óscar", "Pablo", "Patrick", "Paulo", "Pedro", "Pierre", "Rafael",
		"Raphaël", "Ricardo", "Riccardo", "Rodrigo", "Rúben", "Samuel", "Sandro", "Sébastien",
		"Sergio", "Simon", "Stefan", "Thiago", "Thomas", "Timo", "Tomás", "Valentin",
		"Victor", "Vinícius", "Wojciech", "Xavier", "Yann", "Youssef", "Zoran", "Łukasz",
	}
	benchLast = []string{
		"Abraham", "Acuña", "Almeida", "Alonso", "Andersen", "Araújo", "Bakker", "Barella",
		"Becker", "Benítez", "Berg", "Bernard", "Blanc", "Bonucci", "Brandt", "Carvalho",
		"Castro", "Costa", "Dahl", "de Jong", "De Rossi", "Díaz", "Dubois", "Eriksen",
		"Fernandes", "Fernández", "Ferreira", "Fischer", "Fontaine", "García", "Gomes", "González",
		"Gündoğan", "Hansen", "Hernández", "Herrera", "Hoffmann", "Jansen", "Jiménez", "Johansson",
		"Kaya", "Klein", "Koch", "Kowalski", "Krüger", "Lambert", "Lange", "Larsen",
		"Laurent", "Lehmann", "Lopes", "López", "Marchetti", "Marín", "Martínez", "Meyer",
		"Moreau", "Moreno", "Müller", "Navarro", "Nielsen", "Novak", "Ødegaard", "Oliveira",
		"Ortega", "Pereira", "Pérez", "Petit", "Ramos", "Ricci", "Rodrigues", "Rodríguez",
		"Romano", "Rossi", "Ruiz", "Sánchez", "Santos", "Schmidt", "Schneider", "Schulz",
		"Silva", "Sousa", "Suárez", "Torres", "Van Dijk", "van der Berg", "Vargas", "Vidal",
		"Vogel", "Wagner", "Weber", "Wójcik", "Yılmaz", "Zieliński", "Zimmermann", "Šimić",
	}
	benchClubs = []string{
		"Arsenal", "Aston Villa", "Atalanta", "Atlético Madrid", "Barcelona", "Bayer Leverkusen",
		"Bayern Munich", "Benfica", "Borussia Dortmund", "Brighton & Hove Albion", "Celtic",
		"Chelsea", "Everton", "Fiorentina", "Inter Miami", "Inter Milan", "Juventus", "Lazio",
		"Leeds United", "Leicester City", "Lille", "Liverpool", "Lyon", "Manchester City",
		"Manchester United", "Marseille", "Monaco", "Napoli", "Newcastle United", "Paris Saint-Germain",
		"Porto", "RB Leipzig", "Real Betis", "Real Madrid", "Real Sociedad", "Roma", "Sevilla",
		"Sporting CP", "Tottenham Hotspur", "Valencia", "Villarreal", "West Ham United",
		"Wolverhampton Wanderers", "Ajax", "PSV Eindhoven", "Galatasaray", "Fenerbahçe", "AC Milan",
	}
	benchStart = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	benchDays  = 4 * 365
)

// benchNames returns n distinct generated player names, deterministically.
func benchNames(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	seen := make(map[string]bool, n)
	names := make([]string, 0, n)
	for len(names) < n {
		name := benchFirst[rng.IntN(len(benchFirst))] + " " + benchLast[rng.IntN(len(benchLast))]
		if len(seen) >= len(benchFirst)*len(benchLast)/2 || seen[name] {
			// Past half the two-word space, add a middle surname.
			name = benchFirst[rng.IntN(len(benchFirst))] + " " + benchLast[rng.IntN(len(benchLast))] + " " + benchLast[rng.IntN(len(benchLast))]
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, name)
	}
	return names
}

// benchStore opens the cached benchmark database with players players,
// building it first if needed, and returns it with the players' names. The
// cache file's name holds the data's size and version and a hash of the
// store's schema, so that a schema change rebuilds it; stale cache files of
// this benchmark are removed.
func benchStore(b *testing.B, players int) (*storage.Store, []string) {
	b.Helper()
	ctx := context.Background()
	names := benchNames(players)
	prefix := fmt.Sprintf("transferbot-rumours-bench-v%d-%dx%d-", benchDataVersion, players, benchLinksPerPlayer)
	path := filepath.Join(os.TempDir(), prefix+benchSchemaKey(b)+".db")
	stale, _ := filepath.Glob(filepath.Join(os.TempDir(), prefix+"*"))
	for _, f := range stale {
		if !strings.HasPrefix(f, path) {
			os.Remove(f)
		}
	}
	if _, err := os.Stat(path); err != nil {
		b.Logf("building %s (%d links; cached for later runs)", path, players*benchLinksPerPlayer)
		start := time.Now()
		if err := buildBenchDB(ctx, path, names); err != nil {
			b.Fatal(err)
		}
		b.Logf("built in %v", time.Since(start).Round(time.Second))
	}
	s, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatalf("%v (delete the file to rebuild it)", err)
	}
	b.Cleanup(func() { s.Close() })
	return s, names
}

// benchSchemaKey returns a short hash of the schema of a new, empty store.
func benchSchemaKey(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "schema.db")
	s, err := storage.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT IFNULL(sql, '') FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var stmt string
		if err := rows.Scan(&stmt); err != nil {
			b.Fatal(err)
		}
		h.Write([]byte(stmt + "\x00"))
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// buildBenchDB writes the benchmark database to a temporary file and renames
// it to path when complete, so that an interrupted build is never reused.
// Each article carries the day's links (up to 1,000), which keeps the
// number of transactions small; about one article in ten is a syndicated
// copy of the day's first article (same story).
func buildBenchDB(ctx context.Context, path string, names []string) error {
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	s, err := storage.Open(ctx, tmp)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(3, 4))
	outlets := rumours.DefaultOutlets()
	stages := []rumours.Stage{ // weighted: speculation and interest are common
		rumours.Speculation, rumours.Speculation, rumours.Speculation, rumours.Interest, rumours.Interest,
		rumours.Interest, rumours.Talks, rumours.Talks, rumours.Bid, rumours.Agreed, rumours.Medical,
		rumours.Done, rumours.Denied, rumours.Off,
	}
	byDay := make([][]rumours.Link, benchDays)
	for _, p := range names {
		home := benchClubs[rng.IntN(len(benchClubs))]
		for range benchLinksPerPlayer {
			to := benchClubs[rng.IntN(len(benchClubs))]
			if to == home {
				to = benchClubs[(slices.Index(benchClubs, to)+1)%len(benchClubs)]
			}
			l := rumours.Link{
				Player:     p,
				From:       home,
				To:         to,
				Stage:      stages[rng.IntN(len(stages))],
				Primary:    rng.IntN(2) == 0,
				Confidence: 0.5 + rng.Float64()/2,
				Quote:      p + " is wanted by " + to + ", according to reports.",
			}
			for range rng.IntN(3) {
				l.Outlets = append(l.Outlets, outlets[rng.IntN(len(outlets))].Name)
			}
			d := rng.IntN(benchDays)
			byDay[d] = append(byDay[d], l)
		}
	}
	const perArticle = 1000
	n := 0
	for d, links := range byDay {
		date := benchStart.AddDate(0, 0, d)
		var story int64
		for i := 0; i < len(links); i += perArticle {
			chunk := links[i:min(i+perArticle, len(links))]
			n++
			text := fmt.Sprintf("Benchmark article %d of %s with %d links.", n, date.Format(time.DateOnly), len(chunk))
			a := rumours.StoredArticle{
				Article: rumours.Article{
					ID: fmt.Sprint("bench-", n), URL: fmt.Sprintf("https://bench.example/%d", n),
					Outlet: outlets[rng.IntN(len(outlets))].Name, Published: date, Text: text,
				},
				TextHash: rumours.TextHash(text),
				Simhash:  rumours.Simhash(text),
			}
			if story != 0 && rng.IntN(10) == 0 {
				a.Story = story
			}
			id, err := s.SaveArticle(ctx, a, chunk)
			if err != nil {
				s.Close()
				return err
			}
			if story == 0 {
				story = id
			}
		}
	}
	if err := s.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// benchEngine returns an engine over the benchmark database.
func benchEngine(b *testing.B) (*rumours.Engine, []string) {
	b.Helper()
	players := benchPlayers
	if testing.Short() {
		players /= 20
	}
	s, names := benchStore(b, players)
	start := time.Now()
	e := newEngine(b, s)
	b.Logf("engine over %d players built in %v", len(names), time.Since(start).Round(time.Millisecond))
	return e, names
}

// reportLatency reports the 50th and 99th percentiles of lat in ms.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[min(int(q*float64(len(lat))), len(lat)-1)]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

// BenchmarkWhere ranks random players of a store with 1,000,000 links over
// 50,000 players (-short: 50,000 links over 2,500 players).
func BenchmarkWhere(b *testing.B) {
	ctx := context.Background()
	e, names := benchEngine(b)
	rng := rand.New(rand.NewPCG(5, 6))
	asOf := benchStart.AddDate(0, 0, benchDays)
	lat := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		p := names[rng.IntN(len(names))]
		t0 := time.Now()
		r, err := e.Where(ctx, p, asOf)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := r.Headline(); !ok && len(r.Closed) == 0 {
			b.Fatalf("%s: no destinations, no done deal", p) // a saga ended by a done deal has no live destinations
		}
	}
	reportLatency(b, lat)
}

// BenchmarkResolvePlayer resolves names against the benchmark engine's index
// (its generated players plus the gazetteer's): exact names, case and
// accent variants, surnames, misspellings (a fuzzy scan) and unknown names
// (a scan for suggestions).
func BenchmarkResolvePlayer(b *testing.B) {
	ctx := context.Background()
	e, names := benchEngine(b)
	kinds := []struct {
		name  string
		query func(rng *rand.Rand) string
	}{
		{"exact", func(rng *rand.Rand) string { return names[rng.IntN(len(names))] }},
		{"lower-case", func(rng *rand.Rand) string { return strings.ToLower(names[rng.IntN(len(names))]) }},
		{"surname", func(rng *rand.Rand) string { return benchLast[rng.IntN(len(benchLast))] }},
		{"misspelt", func(rng *rand.Rand) string {
			n := []rune(names[rng.IntN(len(names))])
			i := 1 + rng.IntN(len(n)-2)
			n[i], n[i+1] = n[i+1], n[i]
			return string(n)
		}},
		{"unknown", func(rng *rand.Rand) string { return fmt.Sprintf("Zzyzx Qwerty%d", rng.IntN(1000)) }},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 8))
			lat := make([]time.Duration, 0, 1<<16)
			for b.Loop() {
				q := k.query(rng)
				t0 := time.Now()
				e.ResolvePlayer(ctx, q) // any outcome: ambiguity and unknowns are part of the mix
				lat = append(lat, time.Since(t0))
			}
			reportLatency(b, lat)
		})
	}
}
