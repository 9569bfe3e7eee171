package rumours_test

// Tests in this file ingest hand-written articles and so depend on the
// extractor: they skip, with a message, while the extractor finds no link in
// a plain sanity article.

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/extract"
)

// sanityArticle states one link as plainly as the press does.
var sanityArticle = rumours.Article{
	ID:        "sanity",
	Outlet:    "Goal",
	Published: day("2021-06-28"),
	Text:      "Sergio Ramos has agreed a two-year contract with Paris Saint-Germain, Fabrizio Romano reports. The defender will leave Real Madrid on a free transfer when his contract expires at the end of June.",
}

// requireExtractor skips the test when the extractor finds no link for
// Sergio Ramos in sanityArticle.
func requireExtractor(t *testing.T, e *rumours.Engine) {
	t.Helper()
	links := extract.New(loadGazetteer(t), rumours.DefaultOutlets()).Extract(sanityArticle)
	if !slices.ContainsFunc(links, func(l rumours.Link) bool { return l.Player == "Sergio Ramos" && l.To == "Paris Saint-Germain" }) {
		t.Skipf("depends on the extractor, which finds no Sergio Ramos -> Paris Saint-Germain link in the sanity article (got %+v)", links)
	}
}

// ramosSummer is the summer 2021 of Sergio Ramos in five short articles plus
// a syndicated copy of the second.
var ramosSummer = []rumours.Article{
	{
		ID: "miami", URL: "https://example.com/miami", Outlet: "Marca", Published: day("2021-06-10"),
		Text: "Inter Miami are interested in signing Sergio Ramos, whose contract at Real Madrid runs out this month, Marca reports.\n\nDavid Beckham's club see the defender as the ideal leader for their young squad.",
	},
	{
		ID: "psg-talks", URL: "https://example.com/psg-talks", Outlet: "L'Equipe", Published: day("2021-06-20"),
		Text: "Paris Saint-Germain have opened talks with Sergio Ramos over a two-year contract.\n\nAccording to L'Equipe, the French club made contact with the Real Madrid captain's representatives this week, and a first meeting went well.\n\nRamos will be a free agent from July and several clubs are monitoring his situation, but Paris are now the favourites.",
	},
	{
		ID: "psg-talks-copy", URL: "https://example.org/psg-talks", Outlet: "Football Italia", Published: day("2021-06-21"),
		Text: "Sergio Ramos is in talks with Paris Saint-Germain about a move to France.\n\nAccording to L'Equipe, the French club made contact with the Real Madrid captain's representatives this week, and a first meeting went well.\n\nRamos will be a free agent from July and several clubs are monitoring his situation, but Paris are now the favourites.\n\nRead more: Ten free agents to watch this summer",
	},
	{
		ID: "sevilla", URL: "https://example.com/sevilla", Outlet: "AS", Published: day("2021-06-25"),
		Text: "Sevilla have denied any interest in bringing Sergio Ramos back to the club. \"We are not working on his return,\" sporting director Monchi told AS on Friday.",
	},
	sanityArticle,
}

func TestWhereFromArticles(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	e := newEngine(t, s)
	requireExtractor(t, e)

	stories := map[string]int64{}
	for _, a := range ramosSummer {
		res, err := e.Ingest(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if res.Duplicate {
			t.Fatalf("%s: reported as a duplicate", a.ID)
		}
		stories[a.ID] = res.Story
		t.Logf("%s: story %d, links %+v", a.ID, res.Story, res.Links)
	}
	if stories["psg-talks-copy"] != stories["psg-talks"] || stories["psg-talks"] == stories["miami"] {
		t.Errorf("the syndicated copy has story %d, the original %d", stories["psg-talks-copy"], stories["psg-talks"])
	}

	player, err := e.ResolvePlayer(ctx, "ramos")
	if err != nil || player != "Sergio Ramos" {
		t.Fatalf("ResolvePlayer(ramos) = %q, %v", player, err)
	}

	tests := []struct {
		name  string
		asOf  time.Time
		first string        // the top destination
		stage rumours.Stage // its stage
		not   []string      // clubs that must not be destinations
	}{
		{"before any news of Paris", day("2021-06-15"), "Inter Miami", rumours.Interest, []string{"Paris Saint-Germain", "Real Madrid"}},
		{"after the talks", day("2021-06-22"), "Paris Saint-Germain", rumours.Talks, []string{"Real Madrid"}},
		{"after the agreement", day("2021-07-01"), "Paris Saint-Germain", rumours.Agreed, []string{"Real Madrid", "Sevilla"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.Where(ctx, player, tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Destinations) == 0 {
				t.Fatalf("no destinations")
			}
			d := r.Destinations[0]
			if d.Club != tt.first || d.Stage != tt.stage {
				t.Errorf("top destination %s (%v), want %s (%v); all: %v", d.Club, d.Stage, tt.first, tt.stage, clubs(r))
			}
			for _, c := range tt.not {
				if slices.Contains(clubs(r), c) {
					t.Errorf("%s is a destination: %v", c, clubs(r))
				}
			}
			if r.Current != "Real Madrid" {
				t.Errorf("current club %q, want Real Madrid", r.Current)
			}
			sum := r.Stays
			for _, d := range r.Destinations {
				sum += d.Share
			}
			if !near(sum, 1) {
				t.Errorf("shares + stays = %v", sum)
			}
		})
	}

	// The syndicated copy adds no independent outlet: Paris Saint-Germain
	// has the talks story (L'Equipe) and the agreement (Fabrizio Romano).
	r, err := e.Where(ctx, player, day("2021-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	if d := r.Destinations[0]; d.Outlets != 2 {
		t.Errorf("Paris Saint-Germain: %d independent outlets %v, want 2", d.Outlets, d.Sources)
	}
}

// TestIngestDemo ingests the demo corpus: the syndicated copy joins its
// original's story and the sagas rank as they ended.
func TestIngestDemo(t *testing.T) {
	ctx := context.Background()
	e := newEngine(t, openStore(t))
	requireExtractor(t, e)
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	stories := map[string]int64{}
	for _, a := range arts {
		res, err := e.Ingest(ctx, a)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		if res.Duplicate {
			t.Errorf("%s: reported as a duplicate", a.ID)
		}
		stories[a.ID] = res.Story
	}
	if s8, s9 := stories["demo-08-ramos-inter-miami-as"], stories["demo-09-ramos-inter-miami-syndicated"]; s8 == 0 || s8 != s9 {
		t.Errorf("syndicated copy: stories %d and %d, want the same", s8, s9)
	}
	for _, a := range arts {
		if _, err := e.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		query   string
		asOf    time.Time
		player  string
		first   string
		stage   rumours.Stage
		current string
	}{
		// mid-saga he is still Real Madrid's; once a move is done, his new club is
		{"Sergio Ramos", day("2020-12-01"), "Sergio Ramos", "Inter Miami", rumours.Interest, "Real Madrid"},
		{"Sergio Ramos", day("2021-07-31"), "Sergio Ramos", "Paris Saint-Germain", rumours.Done, "Paris Saint-Germain"},
		{"James", day("2020-09-30"), "James Rodríguez", "Everton", rumours.Done, "Everton"},
		{"goncalo ramos", day("2022-12-31"), "Gonçalo Ramos", "Manchester United", rumours.Interest, "Benfica"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if tt.query == "James" {
				skipWithoutAlias(t, "James", "James Rodríguez")
			}
			player, err := e.ResolvePlayer(ctx, tt.query)
			if err != nil || player != tt.player {
				t.Fatalf("ResolvePlayer(%q) = %q, %v; want %q", tt.query, player, err, tt.player)
			}
			r, err := e.Where(ctx, player, tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			if h, ok := r.Headline(); !ok || h.Club != tt.first || h.Stage != tt.stage {
				t.Errorf("headline %+v (destinations %v), want %s (%v) first", h, clubs(r), tt.first, tt.stage)
			}
			if r.Current != tt.current {
				t.Errorf("current club %q, want %q", r.Current, tt.current)
			}
		})
	}
	// Both Ramoses have links now.
	var amb *rumours.AmbiguousError
	if _, err := e.ResolvePlayer(ctx, "Ramos"); !errors.As(err, &amb) {
		t.Errorf("ResolvePlayer(Ramos) = %v, want ambiguous", err)
	}
}

// TestIngestCancelled: once the context is done, ingest extracts and stores
// nothing more, and each article fails with the context's error.
func TestIngestCancelled(t *testing.T) {
	s := openStore(t)
	e := newEngine(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Ingest(ctx, sanityArticle); !errors.Is(err, context.Canceled) {
		t.Errorf("Ingest: error %v, want context.Canceled", err)
	}
	_, errs := e.IngestBatch(ctx, ramosSummer)
	for i, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("IngestBatch: %s: error %v, want context.Canceled", ramosSummer[i].ID, err)
		}
	}
	if n, err := s.CountArticles(context.Background()); err != nil || n != 0 {
		t.Errorf("CountArticles = %d, %v; want 0", n, err)
	}
}
