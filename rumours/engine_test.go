package rumours_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/extract"
	"transferbot/rumours/gazetteer"
	"transferbot/storage"
)

// engineNow is the engine's clock in these tests.
var engineNow = time.Date(2021, 7, 1, 12, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// openStore opens a fresh SQLite store in a temporary directory.
func openStore(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), t.TempDir()+"/test.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func loadGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func newEngine(t testing.TB, s rumours.Store) *rumours.Engine {
	t.Helper()
	e, err := rumours.New(s, loadGazetteer(t), extract.New(loadGazetteer(t), rumours.DefaultOutlets()), rumours.Options{Now: func() time.Time { return engineNow }})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// seed stores one article per link directly through the store, so that tests
// of resolution and ranking do not depend on the extractor.
func seed(t testing.TB, s rumours.Store, links ...seedLink) {
	t.Helper()
	for i, l := range links {
		text := fmt.Sprintf("seed %d: %s to %s (%s) %s", i, l.Player, l.To, l.Stage, l.date)
		a := rumours.StoredArticle{
			Article:  rumours.Article{ID: fmt.Sprintf("seed-%d", i), Text: text, Outlet: l.publisher},
			TextHash: rumours.TextHash(text),
			Simhash:  rumours.Simhash(text),
			Story:    l.story,
		}
		if l.date != "" {
			a.Published = day(l.date)
		}
		if l.Confidence == 0 {
			l.Confidence = 0.9
		}
		if _, err := s.SaveArticle(context.Background(), a, []rumours.Link{l.Link}); err != nil {
			t.Fatal(err)
		}
	}
}

type seedLink struct {
	rumours.Link
	date      string
	publisher string
	story     int64
}

func link(player, from, to string, st rumours.Stage, date string, outlets ...string) seedLink {
	return seedLink{Link: rumours.Link{Player: player, From: from, To: to, Stage: st, Outlets: outlets, Quote: player + " to " + to}, date: date}
}

// ramosLinks gives both Ramoses links, so that "Ramos" is ambiguous.
func ramosLinks() []seedLink {
	return []seedLink{
		link("Sergio Ramos", "Real Madrid", "Paris Saint-Germain", rumours.Talks, "2021-06-20", "Fabrizio Romano"),
		link("Sergio Ramos", "Real Madrid", "Paris Saint-Germain", rumours.Agreed, "2021-06-28", "L'Equipe"),
		link("Sergio Ramos", "Real Madrid", "Inter Miami", rumours.Interest, "2021-06-10", "Marca"),
		link("Sergio Ramos", "Real Madrid", "Sevilla", rumours.Speculation, "2021-06-25", "The Sun"),
		link("Gonçalo Ramos", "Benfica", "Paris Saint-Germain", rumours.Interest, "2021-06-15", "A Bola"),
	}
}

func TestNewValidation(t *testing.T) {
	s := openStore(t)
	g := loadGazetteer(t)
	tests := []struct {
		name string
		s    rumours.Store
		g    *gazetteer.Gazetteer
		opts rumours.Options
		ok   bool
	}{
		{"defaults", s, g, rumours.Options{}, true},
		{"nil store", nil, g, rumours.Options{}, false},
		{"nil gazetteer", s, nil, rumours.Options{}, false},
		{"nil extractor", s, g, rumours.Options{}, false},
		{"negative tier weight", s, g, rumours.Options{TierWeights: map[int]float64{2: -1}}, false},
		{"negative half-life", s, g, rumours.Options{HalfLife: -time.Hour}, false},
		{"negative stays weight", s, g, rumours.Options{StaysWeight: -1}, false},
		{"outlet without a name", s, g, rumours.Options{Outlets: []rumours.Outlet{{Tier: 1}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var x rumours.Extractor
			if tt.name != "nil extractor" {
				x = extract.New(g, rumours.DefaultOutlets())
			}
			_, err := rumours.New(tt.s, tt.g, x, tt.opts)
			if (err == nil) != tt.ok {
				t.Errorf("New: error %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestIngestDuplicates(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	e := newEngine(t, s)
	base := readTestdata(t, "simhash/ramos-psg.txt")
	other := readTestdata(t, "simhash/ramos-miami.txt")
	_, rest, _ := strings.Cut(base, "\n\n")
	nearCopy := "Paris Saint-Germain are close to landing one of the biggest free agents on the market.\n\n" +
		strings.ReplaceAll(rest, "\n", "\r\n") + "\n\nRead more: Why Ramos left Madrid\n"

	first, err := e.Ingest(ctx, rumours.Article{ID: "a", URL: "https://example.com/a", Text: base, Published: day("2021-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	if first.Duplicate || first.ArticleID <= 0 || first.Story != first.ArticleID {
		t.Fatalf("first ingest = %+v, want a new article starting its own story", first)
	}
	tests := []struct {
		name      string
		a         rumours.Article
		duplicate bool
		sameStory bool
	}{
		{"same text, other URL", rumours.Article{ID: "b", URL: "https://example.com/b", Text: base}, true, false},
		{"same text, other whitespace, no URL", rumours.Article{ID: "c", Text: "  " + strings.ReplaceAll(base, " ", "   ")}, true, false},
		{"same URL, other text", rumours.Article{ID: "d", URL: "https://example.com/a", Text: other}, true, false},
		{"near-duplicate copy", rumours.Article{ID: "e", URL: "https://example.org/e", Text: nearCopy}, false, true},
		{"different article on the same player", rumours.Article{ID: "f", URL: "https://example.com/f", Text: other}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Ingest(ctx, tt.a)
			if err != nil {
				t.Fatal(err)
			}
			if res.Duplicate != tt.duplicate {
				t.Errorf("Duplicate = %v, want %v", res.Duplicate, tt.duplicate)
			}
			if tt.duplicate {
				return
			}
			if res.ArticleID <= 0 || res.ArticleID == first.ArticleID {
				t.Errorf("ArticleID = %d, want a new id", res.ArticleID)
			}
			if got := res.Story == first.Story; got != tt.sameStory {
				t.Errorf("Story = %d (first article's %d), same story: %v, want %v", res.Story, first.Story, got, tt.sameStory)
			}
		})
	}
	if n, err := s.CountArticles(ctx); err != nil || n != 3 {
		t.Errorf("CountArticles = %d, %v; want 3", n, err)
	}

	_, err = e.Ingest(ctx, rumours.Article{ID: "empty", Text: " \n\t "})
	if !errors.Is(err, rumours.ErrEmptyText) {
		t.Errorf("Ingest(empty text) error = %v, want ErrEmptyText", err)
	}
}

func TestResolvePlayer(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, ramosLinks()...)
	seed(t, s, link("Brian Kowalczykowski", "Cardiff City", "Swansea City", rumours.Interest, "2021-06-01", "BBC Sport"))
	e := newEngine(t, s)

	type want struct {
		name        string   // resolved name
		ambiguous   []string // candidates, in order
		unknown     bool
		suggestions []string // a prefix of the suggestions
	}
	tests := []struct {
		query string
		want  want
	}{
		{"Sergio Ramos", want{name: "Sergio Ramos"}},
		{"sergio ramos", want{name: "Sergio Ramos"}},
		{"Sérgio Ramos", want{name: "Sergio Ramos"}},
		{"  SERGIO   RAMOS ", want{name: "Sergio Ramos"}},
		{"Gonçalo Ramos", want{name: "Gonçalo Ramos"}},
		{"goncalo ramos", want{name: "Gonçalo Ramos"}},
		{"Ramos", want{ambiguous: []string{"Sergio Ramos", "Gonçalo Ramos"}}},
		{"ramos", want{ambiguous: []string{"Sergio Ramos", "Gonçalo Ramos"}}},
		{"Chicharito", want{name: "Javier Hernández"}},
		{"Il Pipita", want{name: "Gonzalo Higuaín"}},
		{"CR7", want{name: "Cristiano Ronaldo"}},
		{"James", want{name: "James Rodríguez"}},
		{"Higuain", want{name: "Gonzalo Higuaín"}},
		{"van Dijk", want{name: "Virgil van Dijk"}},
		{"Mbappe", want{name: "Kylian Mbappé"}},
		{"Pedro (Centre-Forward)", want{name: "Pedro (Centre-Forward)"}},
		{"Kowalczykowski", want{name: "Brian Kowalczykowski"}}, // known only from the store
		{"Sergio Rmaos", want{name: "Sergio Ramos"}},           // two edits
		{"Kowalczykowsky", want{name: "Brian Kowalczykowski"}}, // one edit on a surname
		{"Sergei Ramoszz", want{unknown: true, suggestions: []string{"Sergio Ramos"}}},
		{"Qwxzvbnmk", want{unknown: true}},
		{"", want{unknown: true}},
		{"!!!", want{unknown: true}},
		{strings.Repeat("Ramos ", 1700), want{unknown: true}}, // 10,200 characters
	}
	for _, tt := range tests {
		name := tt.query
		if len(name) > 30 {
			name = fmt.Sprintf("%d characters", len(name))
		}
		t.Run(name, func(t *testing.T) {
			if tt.query == "James" {
				skipWithoutAlias(t, "James", "James Rodríguez")
			}
			got, err := e.ResolvePlayer(ctx, tt.query)
			var amb *rumours.AmbiguousError
			var unk *rumours.UnknownError
			switch {
			case tt.want.name != "":
				if err != nil || got != tt.want.name {
					t.Errorf("= %q, %v; want %q", got, err, tt.want.name)
				}
			case tt.want.ambiguous != nil:
				if !errors.As(err, &amb) || !slices.Equal(amb.Candidates, tt.want.ambiguous) || amb.Kind != rumours.KindPlayer {
					t.Errorf("= %q, %v; want ambiguous %v", got, err, tt.want.ambiguous)
				}
			case tt.want.unknown:
				if !errors.As(err, &unk) || unk.Kind != rumours.KindPlayer {
					t.Fatalf("= %q, %v; want unknown", got, err)
				}
				if len(unk.Suggestions) > 5 {
					t.Errorf("%d suggestions, want at most 5", len(unk.Suggestions))
				}
				if !slices.Equal(unk.Suggestions[:min(len(tt.want.suggestions), len(unk.Suggestions))], tt.want.suggestions) {
					t.Errorf("suggestions %v, want them to start with %v", unk.Suggestions, tt.want.suggestions)
				}
				if len(tt.query) > 100 && (len(unk.Suggestions) > 0 || len(unk.Query) > 100) {
					t.Errorf("long query: suggestions %v, Query of %d bytes", unk.Suggestions, len(unk.Query))
				}
			}
		})
	}
}

// skipWithoutAlias skips a test of the alias of player when the gazetteer
// lacks it: aliases are data, not engine logic.
func skipWithoutAlias(t *testing.T, alias, player string) {
	t.Helper()
	g := loadGazetteer(t)
	for _, i := range g.PlayersFor(gazetteer.Fold(alias)) {
		if g.Players[i].Name == player {
			return
		}
	}
	t.Skipf("the gazetteer lacks the alias %q of %s", alias, player)
}

// TestResolvePlayerLinksWin checks that a player with links beats a
// namesake without at the same level.
func TestResolvePlayerLinksWin(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, link("Sergio Ramos", "Real Madrid", "Paris Saint-Germain", rumours.Talks, "2021-06-20"))
	e := newEngine(t, s)
	if got, err := e.ResolvePlayer(ctx, "Ramos"); err != nil || got != "Sergio Ramos" {
		t.Errorf("Ramos = %q, %v; want Sergio Ramos (the only Ramos with links)", got, err)
	}
	// After an ingest the index counts the new links: both now have links.
	seedArticleThroughEngine := rumours.Article{ID: "x", Text: "Benfica striker Gonçalo Ramos is a target for Paris Saint-Germain, according to A Bola."}
	res, err := e.Ingest(ctx, seedArticleThroughEngine)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Links, func(l rumours.Link) bool { return l.Player == "Gonçalo Ramos" }) {
		t.Skip("extractor found no link for Gonçalo Ramos (extractor not ready): skipping the index update check")
	}
	var amb *rumours.AmbiguousError
	if _, err := e.ResolvePlayer(ctx, "Ramos"); !errors.As(err, &amb) {
		t.Errorf("Ramos after ingest: %v, want ambiguous", err)
	}
}

func TestResolveClub(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, ramosLinks()...)
	e := newEngine(t, s)
	tests := []struct {
		query     string
		want      string
		ambiguous bool
		unknown   bool
	}{
		{query: "Real Madrid", want: "Real Madrid"},
		{query: "real madrid", want: "Real Madrid"},
		{query: "PSG", want: "Paris Saint-Germain"},
		{query: "paris saint germain", want: "Paris Saint-Germain"},
		{query: "Inter", want: "Inter Miami"}, // the only Inter with links
		{query: "United", ambiguous: true},    // no United has links
		{query: "Barcelnoa", want: "Barcelona"},
		{query: "Qwxzvbnmk Rovers", unknown: true},
		{query: "", unknown: true},
		{query: strings.Repeat("Real ", 2000), unknown: true},
	}
	for _, tt := range tests {
		name := tt.query
		if len(name) > 30 {
			name = fmt.Sprintf("%d characters", len(name))
		}
		t.Run(name, func(t *testing.T) {
			got, err := e.ResolveClub(ctx, tt.query)
			var amb *rumours.AmbiguousError
			var unk *rumours.UnknownError
			switch {
			case tt.ambiguous:
				if !errors.As(err, &amb) || len(amb.Candidates) < 2 || amb.Kind != rumours.KindClub {
					t.Errorf("= %q, %v; want ambiguous", got, err)
				}
			case tt.unknown:
				if !errors.As(err, &unk) || unk.Kind != rumours.KindClub {
					t.Errorf("= %q, %v; want unknown", got, err)
				}
			default:
				if err != nil || got != tt.want {
					t.Errorf("= %q, %v; want %q", got, err, tt.want)
				}
			}
		})
	}
}

func TestWhereSeeded(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, ramosLinks()...)
	e := newEngine(t, s)

	r, err := e.Where(ctx, "Sergio Ramos", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got := clubs(r); !slices.Equal(got, []string{"Paris Saint-Germain", "Inter Miami", "Sevilla"}) {
		t.Errorf("destinations = %v", got)
	}
	if r.Current != "Real Madrid" || !r.AsOf.Equal(engineNow) {
		t.Errorf("Current %q AsOf %v", r.Current, r.AsOf)
	}
	psg := r.Destinations[0]
	if psg.Stage != rumours.Agreed || psg.Outlets != 2 || !slices.Equal(psg.Sources, []string{"L'Equipe", "Fabrizio Romano"}) {
		t.Errorf("PSG: stage %v, %d outlets %v", psg.Stage, psg.Outlets, psg.Sources)
	}
	if !psg.FirstSeen.Equal(day("2021-06-20")) || !psg.LastSeen.Equal(day("2021-06-28")) {
		t.Errorf("PSG first/last seen %v %v", psg.FirstSeen, psg.LastSeen)
	}

	// As of 21 June, the agreement and the Sevilla rumour are not out yet.
	r, err = e.Where(ctx, "Sergio Ramos", day("2021-06-21"))
	if err != nil {
		t.Fatal(err)
	}
	if got := clubs(r); !slices.Equal(got, []string{"Paris Saint-Germain", "Inter Miami"}) || r.Destinations[0].Stage != rumours.Talks {
		t.Errorf("as of 21 June: %v (PSG stage %v)", got, r.Destinations[0].Stage)
	}

	// A known player without links: nothing but stays. His current club
	// comes from the gazetteer.
	r, err = e.Where(ctx, "Cristiano Ronaldo", day("2020-01-01"))
	if err != nil || len(r.Destinations) != 0 || r.Stays != 1 {
		t.Errorf("Ronaldo: %+v, %v; want no destinations and Stays 1", r, err)
	}
	if r.Current != "Juventus" {
		t.Errorf("Ronaldo's current club in 2020 = %q, want Juventus", r.Current)
	}
	if _, err := e.Where(ctx, "Nobody Atall", time.Time{}); !errors.Is(err, rumours.ErrNotFound) {
		t.Errorf("unknown player: %v, want ErrNotFound", err)
	}
}

func TestRumours(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, ramosLinks()...)
	e := newEngine(t, s)
	quotes := func(ev []rumours.Evidence) []string {
		var out []string
		for _, x := range ev {
			out = append(out, x.Player+">"+x.To+"@"+x.Published.Format("0102"))
		}
		return out
	}
	tests := []struct {
		name  string
		kind  rumours.SubjectKind
		subj  string
		asOf  time.Time
		limit int
		want  []string
	}{
		{"player, newest first", rumours.KindPlayer, "Sergio Ramos", time.Time{}, 0,
			[]string{"Sergio Ramos>Paris Saint-Germain@0628", "Sergio Ramos>Sevilla@0625", "Sergio Ramos>Paris Saint-Germain@0620", "Sergio Ramos>Inter Miami@0610"}},
		{"player, limit", rumours.KindPlayer, "Sergio Ramos", time.Time{}, 2,
			[]string{"Sergio Ramos>Paris Saint-Germain@0628", "Sergio Ramos>Sevilla@0625"}},
		{"player, as of", rumours.KindPlayer, "Sergio Ramos", day("2021-06-20"), 0,
			[]string{"Sergio Ramos>Paris Saint-Germain@0620", "Sergio Ramos>Inter Miami@0610"}},
		{"latest", rumours.KindPlayer, "", time.Time{}, 3,
			[]string{"Sergio Ramos>Paris Saint-Germain@0628", "Sergio Ramos>Sevilla@0625", "Sergio Ramos>Paris Saint-Germain@0620"}},
		{"club", rumours.KindClub, "Paris Saint-Germain", time.Time{}, 0,
			[]string{"Sergio Ramos>Paris Saint-Germain@0628", "Sergio Ramos>Paris Saint-Germain@0620", "Gonçalo Ramos>Paris Saint-Germain@0615"}},
		{"club without links", rumours.KindClub, "Chelsea", time.Time{}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := e.Rumours(ctx, tt.kind, tt.subj, tt.asOf, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if got := quotes(ev); !slices.Equal(got, tt.want) {
				t.Errorf("= %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := e.Rumours(ctx, "team", "Chelsea", time.Time{}, 0); err == nil {
		t.Error("unknown kind: no error")
	}
}

func TestClub(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, ramosLinks()...)
	seed(t, s,
		link("Raphaël Varane", "Real Madrid", "Manchester United", rumours.Talks, "2021-06-26", "The Athletic"),
		link("Kylian Mbappé", "Paris Saint-Germain", "Real Madrid", rumours.Bid, "2021-06-27", "Marca"),
		link("Kylian Mbappé", "Paris Saint-Germain", "Real Madrid", rumours.Denied, "2021-06-29", "Le Parisien"),
	)
	e := newEngine(t, s)
	rep, err := e.Club(ctx, "Real Madrid", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		player, club string
		stage        rumours.Stage
	}
	rows := func(ls []rumours.ClubLink) []row {
		var out []row
		for _, l := range ls {
			out = append(out, row{l.Player, l.Club, l.Stage})
		}
		return out
	}
	wantIn := []row{{"Kylian Mbappé", "Paris Saint-Germain", rumours.Denied}}
	wantOut := []row{
		{"Sergio Ramos", "Paris Saint-Germain", rumours.Agreed},
		{"Raphaël Varane", "Manchester United", rumours.Talks},
		{"Sergio Ramos", "Inter Miami", rumours.Interest},
		{"Sergio Ramos", "Sevilla", rumours.Speculation},
	}
	if got := rows(rep.In); !slices.Equal(got, wantIn) {
		t.Errorf("In = %v, want %v", got, wantIn)
	}
	if got := rows(rep.Out); !slices.Equal(got, wantOut) {
		t.Errorf("Out = %v, want %v", got, wantOut)
	}
	if rep.In[0].Best.Stage != rumours.Bid {
		t.Errorf("Mbappé's best evidence is %v, want the bid", rep.In[0].Best.Stage)
	}
	if _, err := e.Club(ctx, "Nowhere Athletic", time.Time{}); !errors.Is(err, rumours.ErrNotFound) {
		t.Errorf("unknown club: %v, want ErrNotFound", err)
	}
}

func TestSubscriptions(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	e := newEngine(t, s)
	sub := func(kind rumours.SubjectKind, target string, min rumours.Stage) rumours.Subscription {
		return rumours.Subscription{Platform: "console", Channel: "c1", Kind: kind, Target: target, MinStage: min}
	}
	tests := []struct {
		name    string
		s       rumours.Subscription
		ok      bool
		unknown bool
	}{
		{"player", sub(rumours.KindPlayer, "Sergio Ramos", rumours.StageUnknown), true, false},
		{"club with a minimum stage", sub(rumours.KindClub, "Paris Saint-Germain", rumours.Talks), true, false},
		{"not a canonical player", sub(rumours.KindPlayer, "ramos", rumours.StageUnknown), false, true},
		{"not a canonical club", sub(rumours.KindClub, "PSG", rumours.StageUnknown), false, true},
		{"bad kind", sub("team", "Sergio Ramos", rumours.StageUnknown), false, false},
		{"denied as minimum stage", sub(rumours.KindPlayer, "Sergio Ramos", rumours.Denied), false, false},
		{"no channel", rumours.Subscription{Platform: "console", Kind: rumours.KindPlayer, Target: "Sergio Ramos"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := e.Subscribe(ctx, tt.s)
			if (err == nil) != tt.ok {
				t.Fatalf("Subscribe: %v, want ok=%v", err, tt.ok)
			}
			var unk *rumours.UnknownError
			if errors.As(err, &unk) != tt.unknown {
				t.Errorf("error %v: unknown = %v, want %v", err, !tt.unknown, tt.unknown)
			}
		})
	}
	subs, err := e.Subscriptions(ctx, "console", "c1")
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 {
		t.Fatalf("Subscriptions = %+v, want 2", subs)
	}
	for _, s := range subs {
		if !s.Active || !s.Created.Equal(engineNow) {
			t.Errorf("%+v: want Active and Created = now", s)
		}
	}
	if err := e.Unsubscribe(ctx, "console", "c1", rumours.KindPlayer, "Sergio Ramos"); err != nil {
		t.Fatal(err)
	}
	if err := e.Unsubscribe(ctx, "console", "c1", rumours.KindPlayer, "Sergio Ramos"); !errors.Is(err, rumours.ErrNotFound) {
		t.Errorf("second Unsubscribe: %v, want ErrNotFound", err)
	}
}

func TestSources(t *testing.T) {
	e := newEngine(t, openStore(t))
	src := e.Sources()
	if len(src) != len(rumours.DefaultOutlets()) {
		t.Fatalf("%d sources, want %d", len(src), len(rumours.DefaultOutlets()))
	}
	weights := rumours.DefaultTierWeights()
	sorted := slices.IsSortedFunc(src, func(a, b rumours.OutletTier) int {
		if a.Tier != b.Tier {
			return a.Tier - b.Tier
		}
		return strings.Compare(a.Name, b.Name)
	})
	if !sorted {
		t.Error("sources not sorted by tier, then name")
	}
	for _, o := range src {
		if o.Weight != weights[o.Tier] {
			t.Errorf("%s: tier %d weight %v, want %v", o.Name, o.Tier, o.Weight, weights[o.Tier])
		}
	}
}

func TestComplete(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, ramosLinks()...)
	e := newEngine(t, s)
	tests := []struct {
		kind   rumours.SubjectKind
		prefix string
		limit  int
		first  []string // the completions must start with these
		has    string   // and contain this
	}{
		{rumours.KindPlayer, "ram", 5, []string{"Sergio Ramos", "Gonçalo Ramos"}, ""},
		{rumours.KindPlayer, "serg", 5, []string{"Sergio Ramos"}, ""},
		{rumours.KindPlayer, "gonc", 5, []string{"Gonçalo Ramos"}, ""},
		{rumours.KindPlayer, "mbap", 5, nil, "Kylian Mbappé"},
		{rumours.KindPlayer, "", 2, []string{"Sergio Ramos", "Gonçalo Ramos"}, ""},
		{rumours.KindClub, "paris s", 5, []string{"Paris Saint-Germain"}, ""},
		{rumours.KindClub, "atletico", 10, nil, "Atlético Madrid"},
	}
	if got := e.Complete(ctx, "team", "ram", 5); got != nil {
		t.Errorf("unknown kind: %v, want nil", got)
	}
	if got := e.Complete(ctx, rumours.KindPlayer, strings.Repeat("ram", 50), 5); got != nil {
		t.Errorf("150-character prefix: %v, want nil", got)
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+" "+tt.prefix, func(t *testing.T) {
			got := e.Complete(ctx, tt.kind, tt.prefix, tt.limit)
			if len(got) > tt.limit {
				t.Errorf("%d completions, limit %d", len(got), tt.limit)
			}
			if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
				t.Errorf("= %v, want it to start with %v", got, tt.first)
			}
			if tt.has != "" && !slices.Contains(got, tt.has) {
				t.Errorf("= %v, want it to contain %q", got, tt.has)
			}
		})
	}
}

// TestEngineConcurrent runs ingests, resolutions and rankings at once; run
// with -race.
func TestEngineConcurrent(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	seed(t, s, ramosLinks()...)
	e := newEngine(t, s)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				text := fmt.Sprintf("Report %d-%d: Paris Saint-Germain are in talks with Real Madrid over Sergio Ramos, according to L'Equipe.", i, j)
				if _, err := e.Ingest(ctx, rumours.Article{ID: fmt.Sprint(i, j), Text: text, Published: day("2021-06-29")}); err != nil {
					t.Error(err)
				}
				if _, err := e.ResolvePlayer(ctx, "Sergio Ramos"); err != nil {
					t.Error(err)
				}
				if _, err := e.Where(ctx, "Sergio Ramos", time.Time{}); err != nil {
					t.Error(err)
				}
				e.Complete(ctx, rumours.KindPlayer, "ram", 5)
			}
		}()
	}
	wg.Wait()
	if n, err := s.CountArticles(ctx); err != nil || n != len(ramosLinks())+20 {
		t.Errorf("CountArticles = %d, %v; want %d", n, err, len(ramosLinks())+20)
	}
}
