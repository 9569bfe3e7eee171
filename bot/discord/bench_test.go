package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"transferbot/bot"
	"transferbot/bot/bottest"
	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
	"transferbot/rumours"
	"transferbot/rumours/extract"
	"transferbot/rumours/gazetteer"
	"transferbot/storage"
)

// sink is a stand-in for Discord's REST API in benchmarks: it reads and
// counts requests and keeps nothing.
type sink struct {
	srv   *httptest.Server
	edits atomic.Int64
}

func newSink(b *testing.B) *sink {
	s := &sink{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.Method == http.MethodPatch {
			s.edits.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1"}`)
	}))
	b.Cleanup(s.srv.Close)
	return s
}

// benchAdapter serves core's interactions endpoint on loopback, with
// followups going to a sink, and returns the endpoint's URL and the key
// that signs requests.
func benchAdapter(b *testing.B, core *bot.Core) (string, ed25519.PrivateKey, *sink) {
	b.Helper()
	pub, priv, _ := ed25519.GenerateKey(nil)
	s := newSink(b)
	dc, err := discord.New(core, discord.Options{
		Token: testToken, ApplicationID: appID, PublicKey: hex.EncodeToString(pub), APIURL: s.srv.URL + "/api/v10",
		Logger: slog.New(slog.DiscardHandler), DeferAfter: time.Hour,
	})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(dc.InteractionsHandler())
	b.Cleanup(srv.Close)
	return srv.URL, priv, s
}

// signed is a pre-signed interactions endpoint request: Discord signs, so
// signing is not counted.
type signed struct {
	body      []byte
	sig, ts   string
	followups int64 // webhook edits the answer brings
}

func sign(key ed25519.PrivateKey, in discordtest.Interaction, followups int64) signed {
	body := in.JSON()
	h := http.Header{}
	discordtest.Sign(h, key, body)
	return signed{body: body, sig: h.Get("X-Signature-Ed25519"), ts: h.Get("X-Signature-Timestamp"), followups: followups}
}

// post sends one signed request and checks the answer's type.
func post(client *http.Client, url string, s signed, wantType string) error {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(s.body))
	if err != nil {
		return err
	}
	req.Header.Set("X-Signature-Ed25519", s.sig)
	req.Header.Set("X-Signature-Timestamp", s.ts)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte(`{"type":`+wantType)) {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
	}
	return nil
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

// BenchmarkHTTPInteractions measures signed interactions answered per second
// through the HTTP endpoint (a loopback HTTP server, 8 concurrent clients,
// keep-alive), with the real core over the demo corpus:
//
//   - where: /where player:Sergio Ramos. The answer carries the chart, so it
//     is a deferral in the response body followed by the message (embed and
//     chart, multipart) sent to the webhook; an interaction counts as
//     answered once both are done, and the timer includes waiting for the
//     last followup.
//   - autocomplete: player names for prefixes of known names (the core's
//     Complete over the demo engine's players, the gazetteer's 4,803).
//   - help: an embed answered in the body.
//   - mix: 40% where, 40% autocomplete, 20% help.
//
// The latency percentiles are those of the HTTP exchange (the followup of a
// where is sent after it).
func BenchmarkHTTPInteractions(b *testing.B) {
	env := bottest.New(b)
	url, key, s := benchAdapter(b, env.Core)
	where := func(i int) signed {
		in := discordtest.Interaction{Type: discordtest.TypeCommand, AppID: appID, GuildID: guildID, ChannelID: channelID, UserID: userID,
			Command: "where", Options: []discordtest.Option{opt("player", "Sergio Ramos")}}
		return sign(key, in.WithDefaults(), 1)
	}
	prefixes := []string{"mbap", "ram", "sergio", "jam", "haal", "sanch", "mess", "kyl", "gonç", "jadon"}
	complete := func(i int) signed {
		in := discordtest.Interaction{Type: discordtest.TypeAutocomplete, AppID: appID, GuildID: guildID, ChannelID: channelID, UserID: userID,
			Command: "where", Options: []discordtest.Option{{Name: "player", Value: prefixes[i%len(prefixes)], Focused: true}}}
		return sign(key, in.WithDefaults(), 0)
	}
	help := func(i int) signed {
		in := discordtest.Interaction{Type: discordtest.TypeCommand, AppID: appID, GuildID: guildID, ChannelID: channelID, UserID: userID, Command: "help"}
		return sign(key, in.WithDefaults(), 0)
	}
	mix := func(i int) signed {
		switch i % 5 {
		case 0, 1:
			return where(i)
		case 2, 3:
			return complete(i)
		}
		return help(i)
	}
	typeOf := func(s signed) string {
		switch {
		case s.followups > 0:
			return "5"
		case bytes.Contains(s.body, []byte(`"type":4`)):
			return "8"
		}
		return "4"
	}
	for _, bc := range []struct {
		name string
		make func(int) signed
	}{{"where", where}, {"autocomplete", complete}, {"help", help}, {"mix", mix}} {
		b.Run(bc.name, func(b *testing.B) {
			// One interaction per request, 8 of them to warm up: the
			// endpoint refuses an interaction id it has answered.
			const warm = 8
			reqs := make([]signed, warm+b.N)
			for i := range reqs {
				reqs[i] = bc.make(i)
			}
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			defer client.CloseIdleConnections()
			// Warm up: charts drawn, statements prepared.
			for _, r := range reqs[:warm] {
				if err := post(client, url, r, typeOf(r)); err != nil {
					b.Fatal(err)
				}
			}
			waitEdits(b, s, s.edits.Load())
			base := s.edits.Load()

			var mu sync.Mutex
			lat := make([]time.Duration, 0, b.N)
			var next atomic.Int64
			var followups atomic.Int64
			const clients = 8
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					mine := make([]time.Duration, 0, b.N/clients+1)
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							break
						}
						r := reqs[warm+i]
						t0 := time.Now()
						if err := post(client, url, r, typeOf(r)); err != nil {
							b.Error(err)
							return
						}
						mine = append(mine, time.Since(t0))
						followups.Add(r.followups)
					}
					mu.Lock()
					lat = append(lat, mine...)
					mu.Unlock()
				}()
			}
			wg.Wait()
			waitEdits(b, s, base+followups.Load())
			elapsed := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "interactions/s")
			reportLatency(b, lat)
		})
	}
}

// waitEdits waits until the sink has received n webhook edits.
func waitEdits(b *testing.B, s *sink, n int64) {
	deadline := time.Now().Add(time.Minute)
	for s.edits.Load() < n {
		if time.Now().After(deadline) {
			b.Fatalf("followups: %d of %d", s.edits.Load(), n)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// Synthetic player names for the autocomplete benchmark.
var (
	benchFirst = []string{
		"Adrien", "Alejandro", "Álvaro", "Andrea", "André", "Antoine", "Benjamin", "Bernardo", "Bruno", "Carlos",
		"Christian", "Cristian", "Daniel", "David", "Denis", "Diego", "Dominik", "Eduardo", "Emil", "Enzo",
		"Erik", "Federico", "Felipe", "Florian", "Francesco", "François", "Gabriel", "Georgios", "Gonçalo", "Hakan",
		"Hugo", "Ibrahim", "Iván", "Jakub", "Jan", "Javier", "Joël", "Jonas", "Jorge", "José",
		"Joško", "Julian", "Kai", "Karim", "Kevin", "Lars", "Leon", "Leonardo", "Lorenzo", "Luca",
		"Lucas", "Luis", "Marco", "Mario", "Martin", "Mateo", "Matteo", "Mehmet", "Mikel", "Milan",
		"Mohamed", "Nicolás", "Niklas", "Nuno", "Óscar", "Pablo", "Patrick", "Paulo", "Pedro", "Pierre",
		"Rafael", "Raphaël", "Ricardo", "Riccardo", "Rodrigo", "Rúben", "Samuel", "Sandro", "Sébastien", "Simon",
		"Stefan", "Thiago", "Thomas", "Timo", "Tomás", "Valentin", "Victor", "Vinícius", "Wojciech", "Xavier",
	}
	benchLast = []string{
		"Abraham", "Acuña", "Almeida", "Alonso", "Andersen", "Araújo", "Bakker", "Barella", "Becker", "Benítez",
		"Berg", "Bernard", "Blanc", "Brandt", "Carvalho", "Castro", "Costa", "Dahl", "de Jong", "Díaz",
		"Dubois", "Eriksen", "Fernandes", "Fernández", "Ferreira", "Fischer", "Fontaine", "García", "Gomes", "González",
		"Gündoğan", "Hansen", "Hernández", "Herrera", "Hoffmann", "Jansen", "Jiménez", "Johansson", "Kaya", "Klein",
		"Koch", "Kowalski", "Krüger", "Lambert", "Lange", "Larsen", "Laurent", "Lehmann", "Lopes", "López",
		"Marchetti", "Marín", "Martínez", "Meyer", "Moreau", "Moreno", "Müller", "Navarro", "Nielsen", "Novak",
		"Ødegaard", "Oliveira", "Ortega", "Pereira", "Pérez", "Petit", "Ricci", "Rodrigues", "Rossi", "Ruiz",
		"Sánchez", "Santos", "Schmidt", "Schneider", "Schulz", "Silva", "Sousa", "Suárez", "Torres", "Vargas",
		"Vidal", "Vogel", "Wagner", "Weber", "Wójcik", "Yılmaz", "Zieliński", "Zimmermann", "Šimić", "Łukasik",
	}
	benchClubs = []string{"Arsenal", "Barcelona", "Bayern Munich", "Chelsea", "Inter Miami", "Juventus", "Liverpool",
		"Manchester City", "Napoli", "Paris Saint-Germain", "Real Madrid", "Sevilla"}
)

// benchNames returns n distinct player names: first and last names, and
// past the two-word combinations a second surname.
func benchNames(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	seen := make(map[string]bool, n)
	names := make([]string, 0, n)
	for len(names) < n {
		name := benchFirst[rng.IntN(len(benchFirst))] + " " + benchLast[rng.IntN(len(benchLast))]
		if seen[name] {
			name += " " + benchLast[rng.IntN(len(benchLast))]
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, name)
	}
	return names
}

// bigCore returns a core whose engine knows players players (plus the
// gazetteer's), each with one stored link, built in a temporary store.
func bigCore(b *testing.B, players int) (*bot.Core, []string) {
	b.Helper()
	ctx := context.Background()
	start := time.Now()
	st, err := storage.Open(ctx, filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	names := benchNames(players)
	rng := rand.New(rand.NewPCG(3, 4))
	day := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	const perArticle = 1000
	var batch []rumours.NewArticle
	for i := 0; i < len(names); i += perArticle {
		chunk := names[i:min(i+perArticle, len(names))]
		var links []rumours.Link
		for _, p := range chunk {
			links = append(links, rumours.Link{Player: p, To: benchClubs[rng.IntN(len(benchClubs))], Stage: rumours.Interest,
				Confidence: 0.8, Quote: p + " is wanted, according to reports."})
		}
		text := fmt.Sprintf("Autocomplete benchmark article %d with %d links.", i/perArticle, len(links))
		batch = append(batch, rumours.NewArticle{Article: rumours.StoredArticle{
			Article:  rumours.Article{ID: fmt.Sprint("bench-", i), URL: fmt.Sprintf("https://bench.example/%d", i), Outlet: "Goal", Published: day, Text: text},
			TextHash: rumours.TextHash(text), Simhash: rumours.Simhash(text),
		}, Links: links})
	}
	if _, errs := st.SaveArticles(ctx, batch); errs[0] != nil {
		b.Fatal(errs[0])
	}
	g, err := gazetteer.Load()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := rumours.New(st, g, extract.New(g, rumours.DefaultOutlets()), rumours.Options{Now: func() time.Time { return bottest.Now }})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("store and engine with %d synthetic players built in %v", players, time.Since(start).Round(time.Millisecond))
	return bot.New(eng, bot.Options{Now: func() time.Time { return bottest.Now }}), names
}

// typedPrefixes returns what users type into a player option, as Discord
// sends it keystroke by keystroke: prefixes (1 to 12 characters) of random
// known names and surnames, half of them with the accents dropped and some
// lower-cased, some misspelt (a fuzzy match), and the empty option a user
// has just focused.
func typedPrefixes(names []string, n int) []string {
	rng := rand.New(rand.NewPCG(7, 8))
	strip := stripAccents
	out := make([]string, 0, n)
	for len(out) < n {
		name := names[rng.IntN(len(names))]
		if rng.IntN(2) == 0 {
			if _, last, ok := strings.Cut(name, " "); ok {
				name = last
			}
		}
		r := []rune(name)
		p := string(r[:min(len(r), 1+rng.IntN(12))])
		switch rng.IntN(10) {
		case 0, 1, 2, 3:
			p = strip.Replace(p)
		case 4, 5:
			p = strings.ToLower(strip.Replace(p))
		case 6:
			if len([]rune(p)) >= 6 { // a typo: two letters swapped
				pr := []rune(p)
				pr[2], pr[3] = pr[3], pr[2]
				p = string(pr)
			}
		case 7:
			if rng.IntN(5) == 0 {
				p = ""
			}
		}
		out = append(out, p)
	}
	return out
}

// keystrokes returns what users type into a player option as Discord
// reports it, keystroke by keystroke: sessions in which a user focuses the
// option (an empty value) and types the start of a player's name or surname
// (3 to 12 characters; half the time without accents, sometimes lower
// case), the player chosen with Zipf-distributed popularity (s = 1.1) over
// the known players.
func keystrokes(names []string, n int) []string {
	rng := rand.New(rand.NewPCG(9, 10))
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(names)-1))
	var out []string
	for len(out) < n {
		name := names[zipf.Uint64()]
		if rng.IntN(2) == 0 {
			if _, last, ok := strings.Cut(name, " "); ok {
				name = last
			}
		}
		if rng.IntN(2) == 0 {
			name = stripAccents.Replace(name)
		}
		if rng.IntN(3) == 0 {
			name = strings.ToLower(name)
		}
		r := []rune(name)
		out = append(out, "")
		for l := 1; l <= min(len(r), 3+rng.IntN(10)); l++ {
			out = append(out, string(r[:l]))
		}
	}
	return out[:n]
}

var stripAccents = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ç", "c", "ü", "u", "ö", "o",
	"ø", "o", "Ø", "O", "ë", "e", "š", "s", "Š", "S", "ł", "l", "Ł", "L", "ğ", "g", "ı", "i", "Á", "A", "É", "E", "Ó", "O")

// BenchmarkAutocomplete50k measures autocomplete interactions end to end
// (a signed request to the HTTP endpoint on loopback, verification, the
// core's Complete over 50,000 synthetic players plus the gazetteer's, the
// JSON answer), one at a time:
//
//   - prefixes: random prefixes (1 to 12 characters) of names and
//     surnames, with and without accents, some misspelt, some empty.
//   - keystrokes: keystroke sequences of users typing the names of players
//     of Zipf-distributed popularity (see keystrokes).
func BenchmarkAutocomplete50k(b *testing.B) {
	core, names := bigCore(b, 50_000)
	url, key, _ := benchAdapter(b, core)
	for _, bc := range []struct {
		name  string
		typed []string
	}{
		{"prefixes", typedPrefixes(names, 2048)},
		{"keystrokes", keystrokes(names, 1<<16)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			sign1 := func(p string) signed {
				in := discordtest.Interaction{Type: discordtest.TypeAutocomplete, AppID: appID, GuildID: guildID, ChannelID: channelID, UserID: userID,
					Command: "where", Options: []discordtest.Option{{Name: "player", Value: p, Focused: true}}}
				return sign(key, in.WithDefaults(), 0)
			}
			client := &http.Client{}
			defer client.CloseIdleConnections()
			if err := post(client, url, sign1("warm"), "8"); err != nil {
				b.Fatal(err)
			}
			lat := make([]time.Duration, 0, b.N)
			i := 0
			for b.Loop() {
				b.StopTimer()
				typed := bc.typed[i%len(bc.typed)]
				r := sign1(typed) // Discord signs, not the bot
				i++
				b.StartTimer()
				t0 := time.Now()
				if err := post(client, url, r, "8"); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			reportLatency(b, lat)
		})
	}
}
