package rumours_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"transferbot/rumours"
)

var rankNow = time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)

func daysAgo(n int) time.Time { return rankNow.AddDate(0, 0, -n) }

// ev builds one piece of evidence for the ranking tests. The article id and
// the story are both id unless story is given.
func ev(id int64, to string, st rumours.Stage, published time.Time, outlets ...string) rumours.Evidence {
	return rumours.Evidence{
		Link:      rumours.Link{Player: "Sergio Ramos", To: to, From: "Real Madrid", Stage: st, Outlets: outlets, Quote: to + " quote"},
		ArticleID: id,
		Published: published,
		Story:     id,
	}
}

func inStory(e rumours.Evidence, story int64) rumours.Evidence {
	e.Story = story
	return e
}

func withPublisher(e rumours.Evidence, p string) rumours.Evidence {
	e.Publisher = p
	return e
}

func rank(ev []rumours.Evidence) rumours.Ranking {
	return rumours.Rank("Sergio Ramos", rumours.Timeline{{Club: "Real Madrid", Since: time.Date(2005, 9, 1, 0, 0, 0, 0, time.UTC)}}, ev, rankNow, rumours.Options{})
}

func clubs(r rumours.Ranking) []string {
	var out []string
	for _, d := range r.Destinations {
		out = append(out, d.Club)
	}
	return out
}

func dest(t *testing.T, r rumours.Ranking, club string) rumours.Destination {
	t.Helper()
	for _, d := range r.Destinations {
		if d.Club == club {
			return d
		}
	}
	t.Fatalf("%s is not a destination: %v", club, clubs(r))
	return rumours.Destination{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRankOrder(t *testing.T) {
	tests := []struct {
		name string
		ev   []rumours.Evidence
		want []string // destinations, best first
	}{
		{
			name: "stronger stage ranks higher",
			ev: []rumours.Evidence{
				ev(1, "Juventus", rumours.Interest, daysAgo(1), "Fabrizio Romano"),
				ev(2, "Paris Saint-Germain", rumours.Talks, daysAgo(1), "Fabrizio Romano"),
				ev(3, "Inter Miami", rumours.Speculation, daysAgo(1), "Fabrizio Romano"),
				ev(4, "Sevilla", rumours.Medical, daysAgo(1), "Fabrizio Romano"),
			},
			want: []string{"Sevilla", "Paris Saint-Germain", "Juventus", "Inter Miami"},
		},
		{
			name: "two independent outlets beat one",
			ev: []rumours.Evidence{
				ev(1, "Juventus", rumours.Interest, daysAgo(2), "Marca"),
				ev(2, "Paris Saint-Germain", rumours.Interest, daysAgo(2), "Marca"),
				ev(3, "Paris Saint-Germain", rumours.Interest, daysAgo(2), "AS"),
			},
			want: []string{"Paris Saint-Germain", "Juventus"},
		},
		{
			name: "a newer denial pulls a club below a weaker club",
			ev: []rumours.Evidence{
				ev(1, "Paris Saint-Germain", rumours.Talks, daysAgo(10), "Fabrizio Romano"),
				ev(2, "Inter Miami", rumours.Interest, daysAgo(5), "Goal"),
				ev(3, "Paris Saint-Germain", rumours.Denied, daysAgo(2), "L'Equipe"),
			},
			want: []string{"Inter Miami", "Paris Saint-Germain"},
		},
		{
			name: "an older denial does not",
			ev: []rumours.Evidence{
				ev(3, "Paris Saint-Germain", rumours.Denied, daysAgo(12), "L'Equipe"),
				ev(1, "Paris Saint-Germain", rumours.Talks, daysAgo(10), "Fabrizio Romano"),
				ev(2, "Inter Miami", rumours.Interest, daysAgo(5), "Goal"),
			},
			want: []string{"Paris Saint-Germain", "Inter Miami"},
		},
		{
			name: "a collapse pulls an agreed deal below a weaker rumour",
			ev: []rumours.Evidence{
				ev(1, "Paris Saint-Germain", rumours.Agreed, daysAgo(10), "Fabrizio Romano"),
				ev(2, "Inter Miami", rumours.Interest, daysAgo(5), "Goal"),
				ev(3, "Paris Saint-Germain", rumours.Off, daysAgo(1), "Fabrizio Romano"),
			},
			want: []string{"Inter Miami", "Paris Saint-Germain"},
		},
		{
			name: "recency: an old link loses to a new one",
			ev: []rumours.Evidence{
				ev(1, "Juventus", rumours.Talks, daysAgo(180), "Fabrizio Romano"),
				ev(2, "Paris Saint-Germain", rumours.Talks, daysAgo(1), "Fabrizio Romano"),
			},
			want: []string{"Paris Saint-Germain", "Juventus"},
		},
		{
			name: "a reliable outlet beats a tabloid",
			ev: []rumours.Evidence{
				ev(1, "Juventus", rumours.Talks, daysAgo(1), "The Sun"),
				ev(2, "Paris Saint-Germain", rumours.Talks, daysAgo(1), "The Athletic"),
			},
			want: []string{"Paris Saint-Germain", "Juventus"},
		},
		{
			name: "equal scores: by club name",
			ev: []rumours.Evidence{
				ev(1, "Paris Saint-Germain", rumours.Talks, daysAgo(1), "Marca"),
				ev(2, "Juventus", rumours.Talks, daysAgo(1), "Marca"),
			},
			want: []string{"Juventus", "Paris Saint-Germain"},
		},
		{
			name: "current club excluded",
			ev: []rumours.Evidence{
				ev(1, "Real Madrid", rumours.Talks, daysAgo(1), "Marca"),
				ev(2, "Juventus", rumours.Interest, daysAgo(3), "Marca"),
			},
			want: []string{"Juventus"},
		},
		{
			name: "current club with a done link older than a link away: excluded",
			ev: []rumours.Evidence{
				ev(1, "Real Madrid", rumours.Done, daysAgo(20), "Marca"),
				ev(2, "Juventus", rumours.Interest, daysAgo(3), "Marca"),
			},
			want: []string{"Juventus"},
		},
		{
			name: "a done link to the club he plays for is history, not a move",
			ev: []rumours.Evidence{
				ev(1, "Juventus", rumours.Talks, daysAgo(20), "Marca"),
				ev(2, "Real Madrid", rumours.Done, daysAgo(3), "Marca"),
			},
			want: []string{"Juventus"},
		},
		{
			name: "evidence after asOf is ignored",
			ev: []rumours.Evidence{
				ev(1, "Juventus", rumours.Interest, daysAgo(3), "Marca"),
				ev(2, "Paris Saint-Germain", rumours.Done, rankNow.AddDate(0, 0, 2), "Fabrizio Romano"),
			},
			want: []string{"Juventus"},
		},
		{
			name: "only denials: not listed",
			ev: []rumours.Evidence{
				ev(1, "Juventus", rumours.Interest, daysAgo(3), "Marca"),
				ev(2, "Paris Saint-Germain", rumours.Denied, daysAgo(2), "Fabrizio Romano"),
			},
			want: []string{"Juventus"},
		},
		{
			name: "no evidence",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rank(tt.ev)
			if got := clubs(r); !slices.Equal(got, tt.want) {
				t.Errorf("destinations = %v, want %v", got, tt.want)
			}
			if r.Player != "Sergio Ramos" || r.Current != "Real Madrid" || !r.AsOf.Equal(rankNow) {
				t.Errorf("Player, Current, AsOf = %q, %q, %v", r.Player, r.Current, r.AsOf)
			}
		})
	}
}

// TestRankScores checks the formula on hand-computed cases. Ages are
// multiples of the 30-day half-life so that R is exact.
func TestRankScores(t *testing.T) {
	tests := []struct {
		name  string
		ev    []rumours.Evidence
		club  string
		score float64
		stage rumours.Stage
	}{
		{"talks, tier 1, one half-life older than his newest news", []rumours.Evidence{ev(1, "Juventus", rumours.Talks, daysAgo(30), "Fabrizio Romano"), anchor},
			"Juventus", 0.5 * 1.0 * 0.5, rumours.Talks},
		{"alias of a tier-1 outlet", []rumours.Evidence{ev(1, "Juventus", rumours.Talks, daysAgo(0), "Romano")},
			"Juventus", 0.5, rumours.Talks},
		{"best cited outlet counts", []rumours.Evidence{ev(1, "Juventus", rumours.Bid, daysAgo(0), "The Sun", "Sky Sports", "TEAMtalk")},
			"Juventus", 0.6, rumours.Bid},
		{"publisher when no outlet is cited", []rumours.Evidence{withPublisher(ev(1, "Juventus", rumours.Agreed, daysAgo(0)), "Goal")},
			"Juventus", 0.85 * 0.8, rumours.Agreed},
		{"unknown outlet: tier 3", []rumours.Evidence{ev(1, "Juventus", rumours.Medical, daysAgo(0), "Some Blog")},
			"Juventus", 0.95 * 0.55, rumours.Medical},
		{"no outlet, no publisher: tier 3", []rumours.Evidence{ev(1, "Juventus", rumours.Agreed, daysAgo(0))},
			"Juventus", 0.85 * 0.55, rumours.Agreed},
		{"speculation, tier 4, two half-lives", []rumours.Evidence{ev(1, "Juventus", rumours.Speculation, daysAgo(60), "TEAMtalk"), anchor},
			"Juventus", 0.15 * 0.3 * 0.25, rumours.Speculation},
		{"second and third stories add a half and a quarter", []rumours.Evidence{
			ev(1, "Juventus", rumours.Talks, daysAgo(0), "Fabrizio Romano"), // 0.5
			ev(2, "Juventus", rumours.Interest, daysAgo(0), "Marca"),        // 0.24
			ev(3, "Juventus", rumours.Talks, daysAgo(0), "Marca"),           // 0.4
		}, "Juventus", 0.5 + 0.4/2 + 0.24/4, rumours.Talks},
		{"a story counts its strongest copy", []rumours.Evidence{
			inStory(ev(1, "Juventus", rumours.Interest, daysAgo(0), "Marca"), 1),
			inStory(ev(2, "Juventus", rumours.Talks, daysAgo(0), "Marca"), 1),
			inStory(ev(3, "Juventus", rumours.Speculation, daysAgo(0), "Marca"), 1),
		}, "Juventus", 0.5 * 0.8, rumours.Talks},
		{"latest denial: a quarter of the score", []rumours.Evidence{
			ev(1, "Juventus", rumours.Talks, daysAgo(30), "Fabrizio Romano"),
			ev(2, "Juventus", rumours.Denied, daysAgo(0), "Fabrizio Romano"),
		}, "Juventus", 0.25 * 0.25, rumours.Denied},
		{"latest collapse: 15% of the score", []rumours.Evidence{
			ev(1, "Juventus", rumours.Agreed, daysAgo(0), "Fabrizio Romano"),
			ev(2, "Juventus", rumours.Off, daysAgo(0), "Fabrizio Romano"),
		}, "Juventus", 0.85 * 0.15, rumours.Off},
		{"same day: the later article is newer", []rumours.Evidence{
			ev(2, "Juventus", rumours.Agreed, daysAgo(0), "Fabrizio Romano"),
			ev(1, "Juventus", rumours.Off, daysAgo(0), "Fabrizio Romano"),
		}, "Juventus", 0.85, rumours.Agreed},
		{"talks again after a denial", []rumours.Evidence{
			ev(1, "Juventus", rumours.Denied, daysAgo(30), "Fabrizio Romano"),
			ev(2, "Juventus", rumours.Talks, daysAgo(0), "Fabrizio Romano"),
		}, "Juventus", 0.5, rumours.Talks},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dest(t, rank(tt.ev), tt.club)
			if !near(d.Score, tt.score) {
				t.Errorf("score = %v, want %v", d.Score, tt.score)
			}
			if d.Stage != tt.stage {
				t.Errorf("stage = %v, want %v", d.Stage, tt.stage)
			}
		})
	}
}

func TestRankSyndication(t *testing.T) {
	one := []rumours.Evidence{withPublisher(ev(1, "Juventus", rumours.Talks, daysAgo(3), "Gianluca Di Marzio"), "Goal")}
	var ten []rumours.Evidence
	for i := range 10 {
		// Ten copies of one story, published by ten sites over three days.
		e := inStory(ev(int64(i+1), "Juventus", rumours.Talks, daysAgo(3-i%3), "Gianluca Di Marzio"), 1)
		ten = append(ten, withPublisher(e, []string{"Goal", "ESPN", "Marca"}[i%3]))
	}
	// The freshest copy is the strongest: make the single copy as fresh.
	one[0].Published = daysAgo(1)
	d1 := dest(t, rank(one), "Juventus")
	d10 := dest(t, rank(ten), "Juventus")
	if !near(d1.Score, d10.Score) {
		t.Errorf("ten syndicated copies score %v, one copy %v", d10.Score, d1.Score)
	}
	if d10.Outlets != 1 || !slices.Equal(d10.Sources, []string{"Gianluca Di Marzio"}) {
		t.Errorf("ten copies: Outlets %d, Sources %v; want 1 [Gianluca Di Marzio]", d10.Outlets, d10.Sources)
	}
	if !d10.FirstSeen.Equal(daysAgo(3)) || !d10.LastSeen.Equal(daysAgo(1)) {
		t.Errorf("FirstSeen, LastSeen = %v, %v", d10.FirstSeen, d10.LastSeen)
	}

	// Copies without cited outlets: the publisher of the strongest copy.
	var pub []rumours.Evidence
	for i, p := range []string{"Goal", "ESPN", "Marca"} {
		pub = append(pub, withPublisher(inStory(ev(int64(i+1), "Juventus", rumours.Talks, daysAgo(3-i)), 1), p))
	}
	if d := dest(t, rank(pub), "Juventus"); d.Outlets != 1 || !slices.Equal(d.Sources, []string{"Marca"}) {
		t.Errorf("publisher copies: Outlets %d, Sources %v; want 1 [Marca]", d.Outlets, d.Sources)
	}
}

func TestRankDestinationFields(t *testing.T) {
	evs := []rumours.Evidence{
		ev(1, "Juventus", rumours.Interest, daysAgo(40), "TEAMtalk"),
		ev(2, "Juventus", rumours.Talks, daysAgo(10), "Sky Italia", "Tuttosport"),
		ev(3, "Juventus", rumours.Speculation, daysAgo(5), "Romano", "Sky Italia"),
	}
	d := dest(t, rank(evs), "Juventus")
	if d.Best.ArticleID != 2 || d.Best.Quote != "Juventus quote" {
		t.Errorf("Best = article %d quote %q, want article 2", d.Best.ArticleID, d.Best.Quote)
	}
	if d.Stage != rumours.Talks {
		t.Errorf("Stage = %v, want talks", d.Stage)
	}
	// Strongest outlets first; an alias is reported by its canonical name.
	want := []string{"Sky Italia", "Fabrizio Romano", "Tuttosport", "TEAMtalk"}
	if !slices.Equal(d.Sources, want) || d.Outlets != len(want) {
		t.Errorf("Sources = %v (Outlets %d), want %v", d.Sources, d.Outlets, want)
	}
	if !d.FirstSeen.Equal(daysAgo(40)) || !d.LastSeen.Equal(daysAgo(5)) {
		t.Errorf("FirstSeen, LastSeen = %v, %v", d.FirstSeen, d.LastSeen)
	}
}

// anchor is news about another club dated today: recency is measured from
// the player's newest news, so tests of age need something newer.
var anchor = ev(99, "Anchor FC", rumours.Denied, daysAgo(0), "AS")

// TestRankUndated: an undated report weighs as one half-life old; once he
// has moved, it cannot be placed after the move and joins the closed saga.
func TestRankUndated(t *testing.T) {
	undated := []rumours.Evidence{ev(1, "Juventus", rumours.Interest, time.Time{}, "Goal")}
	r := rumours.Rank("Sergio Ramos", rumours.Timeline{{Club: "Real Madrid"}}, undated, rankNow, rumours.Options{})
	if d := dest(t, r, "Juventus"); !near(d.Score, 0.3*0.8*0.5) {
		t.Errorf("score = %v, want %v", d.Score, 0.3*0.8*0.5)
	}
	r = rank(undated)
	if len(r.Destinations) != 0 || len(r.Closed) != 1 || r.Closed[0].Club != "Juventus" {
		t.Errorf("after a move: destinations %v, closed %+v; want Juventus closed", clubs(r), r.Closed)
	}
}

func TestRankRecencyRunsFromNewestNews(t *testing.T) {
	old := []rumours.Evidence{ev(1, "Juventus", rumours.Talks, daysAgo(400), "Fabrizio Romano")}
	fresh := []rumours.Evidence{ev(1, "Juventus", rumours.Talks, daysAgo(0), "Fabrizio Romano")}
	if a, b := dest(t, rank(old), "Juventus").Score, dest(t, rank(fresh), "Juventus").Score; !near(a, b) {
		t.Errorf("a saga asked about later changed shape: score %v, fresh %v", a, b)
	}
	// next to newer news the old rumour fades
	mixed := append(old, ev(2, "Sevilla", rumours.Talks, daysAgo(0), "Fabrizio Romano"))
	r := rank(mixed)
	if j, s := dest(t, r, "Juventus").Score, dest(t, r, "Sevilla").Score; j >= s/100 {
		t.Errorf("old rumour %v not faded next to fresh news %v", j, s)
	}
}

func TestRankSharesAndStays(t *testing.T) {
	tests := []struct {
		name  string
		ev    []rumours.Evidence
		stays float64 // -1: only check the sum
	}{
		{"no evidence", nil, 1},
		{"only the current club", []rumours.Evidence{ev(1, "Real Madrid", rumours.Talks, daysAgo(1), "Marca")}, 1},
		// recency runs from the player's newest news: a lone month-old rumour
		// is as fresh as it gets for him
		{"one rumour", []rumours.Evidence{ev(1, "Juventus", rumours.Talks, daysAgo(30), "Fabrizio Romano")}, 1 / 1.5},
		// a done deal moves him: nothing is left to rank (Ranking.Done)
		{"fresh done deal", []rumours.Evidence{ev(1, "Juventus", rumours.Done, daysAgo(0), "Fabrizio Romano")}, 1},
		{"done deal before a denial elsewhere", []rumours.Evidence{
			ev(1, "Juventus", rumours.Done, daysAgo(30), "Fabrizio Romano"),
			ev(2, "Sevilla", rumours.Denied, daysAgo(0), "AS"),
		}, 1},
		{"collapsed done deal leaves stays alone", []rumours.Evidence{
			ev(1, "Juventus", rumours.Done, daysAgo(2), "Fabrizio Romano"),
			ev(2, "Juventus", rumours.Off, daysAgo(1), "Fabrizio Romano"),
		}, -1},
		{"many clubs", []rumours.Evidence{
			ev(1, "Juventus", rumours.Talks, daysAgo(3), "Fabrizio Romano"),
			ev(2, "Paris Saint-Germain", rumours.Bid, daysAgo(5), "Marca"),
			ev(3, "Inter Miami", rumours.Interest, daysAgo(50), "The Sun"),
			ev(4, "Sevilla", rumours.Denied, daysAgo(1), "AS"),
			ev(5, "Sevilla", rumours.Speculation, daysAgo(9), "AS"),
			ev(6, "Manchester United", rumours.Agreed, time.Time{}, "Daily Mail"),
		}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rank(tt.ev)
			sum := r.Stays
			for _, d := range r.Destinations {
				if d.Share < 0 || d.Share > 1 {
					t.Errorf("%s: share %v outside 0..1", d.Club, d.Share)
				}
				sum += d.Share
			}
			if !near(sum, 1) {
				t.Errorf("shares + stays = %v, want 1", sum)
			}
			if tt.stays >= 0 && !near(r.Stays, tt.stays) {
				t.Errorf("Stays = %v, want %v", r.Stays, tt.stays)
			}
		})
	}
	// The collapsed done deal does not count against staying.
	r := rank(tests[5].ev)
	d := dest(t, r, "Juventus")
	if want := 1 / (1 + d.Score); !near(r.Stays, want) {
		t.Errorf("collapsed done deal: Stays = %v, want %v", r.Stays, want)
	}
}

func TestRankOptions(t *testing.T) {
	evs := []rumours.Evidence{
		ev(1, "Juventus", rumours.Talks, daysAgo(10), "Marca"),
		ev(2, "Paris Saint-Germain", rumours.Talks, daysAgo(10), "Some Blog"),
		anchor,
	}
	tests := []struct {
		name string
		opts rumours.Options
		club string
		want float64
	}{
		{"defaults", rumours.Options{}, "Juventus", 0.5 * 0.8 * math.Exp2(-10.0/30)},
		{"custom tier weight", rumours.Options{TierWeights: map[int]float64{2: 0.5}}, "Juventus", 0.5 * 0.5 * math.Exp2(-10.0/30)},
		{"custom half-life", rumours.Options{HalfLife: 10 * 24 * time.Hour}, "Juventus", 0.5 * 0.8 * 0.5},
		{"unknown tier 4", rumours.Options{UnknownTier: 4}, "Paris Saint-Germain", 0.5 * 0.3 * math.Exp2(-10.0/30)},
		{"custom outlet table", rumours.Options{Outlets: []rumours.Outlet{{Name: "Some Blog", Tier: 1}}}, "Paris Saint-Germain", 0.5 * math.Exp2(-10.0/30)},
		{"tier missing from the weights: the least reliable tier's", rumours.Options{Outlets: []rumours.Outlet{{Name: "Some Blog", Tier: 9}}}, "Paris Saint-Germain", 0.5 * 0.3 * math.Exp2(-10.0/30)},
		{"unknown tier missing from the weights", rumours.Options{UnknownTier: 7, TierWeights: map[int]float64{5: 0.1}}, "Paris Saint-Germain", 0.5 * 0.1 * math.Exp2(-10.0/30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rumours.Rank("Sergio Ramos", nil, evs, rankNow, tt.opts)
			if d := dest(t, r, tt.club); !near(d.Score, tt.want) {
				t.Errorf("score = %v, want %v", d.Score, tt.want)
			}
		})
	}
	// StaysWeight scales the raw stays score.
	r := rumours.Rank("Sergio Ramos", nil, evs[:1], rankNow, rumours.Options{StaysWeight: 2})
	if s := r.Destinations[0].Score; !near(r.Stays, 2/(2+s)) {
		t.Errorf("StaysWeight 2: Stays = %v, want %v", r.Stays, 2/(2+s))
	}
	// A zero asOf means opts.Now.
	r = rumours.Rank("Sergio Ramos", nil, evs, time.Time{}, rumours.Options{Now: func() time.Time { return rankNow }})
	if !r.AsOf.Equal(rankNow) || len(r.Destinations) != 2 {
		t.Errorf("zero asOf: AsOf %v, %d destinations", r.AsOf, len(r.Destinations))
	}
}
