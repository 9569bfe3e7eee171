package bot

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
)

// fakeEngine is an in-memory Engine driven by the tables below. It counts
// calls, so tests can check the engine was not asked, and can be told to
// fail every call.
type fakeEngine struct {
	players map[string]rumours.Ranking // canonical name -> ranking
	clubs   map[string]rumours.ClubReport
	latest  []rumours.Evidence
	outlets []rumours.OutletTier
	fail    error // returned by every call when set

	mu    sync.Mutex
	calls int
	subs  []rumours.Subscription
	state map[string]string
}

func day(d int) time.Time { return time.Date(2026, time.March, d, 9, 30, 0, 0, time.UTC) }

func newFakeEngine() *fakeEngine {
	ev := func(player, to, from string, st rumours.Stage, outlet, publisher string, d int, quote, url string) rumours.Evidence {
		var outlets []string
		if outlet != "" {
			outlets = []string{outlet}
		}
		return rumours.Evidence{
			Link:       rumours.Link{Player: player, To: to, From: from, Stage: st, Outlets: outlets, Quote: quote},
			ArticleURL: url,
			Publisher:  publisher,
			Published:  day(d),
		}
	}
	ramosMadrid := ev("Sergio Ramos", "Real Madrid", "Sevilla", rumours.Talks, "Marca", "Marca", 2,
		"Sergio Ramos is in advanced talks over an emotional return to Real Madrid, according to people close to the defender, with a one-year deal on the table.",
		"https://www.marca.com/en/football/ramos-madrid.html")
	ramosMiami := ev("Sergio Ramos", "Inter Miami", "Sevilla", rumours.Interest, "Fabrizio Romano", "Goal", 1,
		"Inter Miami have asked about Sergio Ramos.", "")
	ramosNassr := ev("Sergio Ramos", "Al-Nassr", "Sevilla", rumours.Speculation, "", "Daily Star", 27, "", "")
	ramosNassr.Published = time.Date(2026, time.February, 27, 0, 0, 0, 0, time.UTC)
	goncaloBenfica := ev("Gonçalo Ramos", "Benfica", "Paris Saint-Germain", rumours.Bid, "Record", "Record", 3,
		"Benfica have made a €40m bid for Gonçalo Ramos, and the Portuguese club's president is said to be confident that Paris Saint-Germain will accept it before the window closes, "+
			"although the striker himself has not yet decided whether he wants to go back to Lisbon this summer.", "https://www.record.pt/goncalo")
	sanchoJuve := ev("Jadon Sancho", "Juventus", "Manchester United", rumours.Agreed, "Sky Sports", "Sky Sports", 4,
		"Juventus have agreed a fee with Manchester United for Jadon Sancho.", "https://www.skysports.com/sancho")
	vlahovicOut := ev("Dušan Vlahović", "Arsenal", "Juventus", rumours.Speculation, "The Sun", "The Sun", 2, "", "")

	return &fakeEngine{
		players: map[string]rumours.Ranking{
			"Sergio Ramos": {
				Player:     "Sergio Ramos",
				Current:    "Sevilla",
				AsOf:       day(5),
				LastReport: day(5),
				Destinations: []rumours.Destination{
					{Club: "Real Madrid", Share: 0.42, Stage: rumours.Talks, Outlets: 3,
						Sources: []string{"Marca", "AS", "Sky Sports"}, FirstSeen: day(1), LastSeen: day(2), Best: ramosMadrid},
					{Club: "Inter Miami", Share: 0.213, Stage: rumours.Interest, Outlets: 2,
						Sources: []string{"Fabrizio Romano", "Goal"}, FirstSeen: day(1), LastSeen: day(1), Best: ramosMiami},
					{Club: "Al-Nassr", Share: 0.12, Stage: rumours.Speculation, Outlets: 1,
						Sources: []string{"Daily Star"}, LastSeen: ramosNassr.Published, Best: ramosNassr},
				},
				Stays: 0.247,
			},
			"Gonçalo Ramos": {
				Player:       "Gonçalo Ramos",
				Current:      "Paris Saint-Germain",
				AsOf:         day(5),
				Destinations: []rumours.Destination{{Club: "Benfica", Share: 0.6, Stage: rumours.Bid, Outlets: 1, Sources: []string{"Record"}, LastSeen: day(3), Best: goncaloBenfica}},
				Stays:        0.4,
			},
			"Kylian Mbappé":   {Player: "Kylian Mbappé", Current: "Real Madrid", Stays: 1},
			"Erling Haaland":  {Player: "Erling Haaland", Current: "Manchester City"},
			"Jadon Sancho":    {Player: "Jadon Sancho", Current: "Manchester United", Destinations: []rumours.Destination{{Club: "Juventus", Share: 0.7, Stage: rumours.Agreed, Outlets: 2, LastSeen: day(4), Best: sanchoJuve}}, Stays: 0.3},
			"James Rodríguez": {Player: "James Rodríguez"},
			"Reece James":     {Player: "Reece James"},
			"Daniel James":    {Player: "Daniel James"},
		},
		clubs: map[string]rumours.ClubReport{
			"Juventus": {Club: "Juventus",
				In:  []rumours.ClubLink{{Player: "Jadon Sancho", Club: "Manchester United", Stage: rumours.Agreed, Best: sanchoJuve}},
				Out: []rumours.ClubLink{{Player: "Dušan Vlahović", Club: "Arsenal", Stage: rumours.Speculation, Best: vlahovicOut}}},
			"Inter Miami": {Club: "Inter Miami",
				In: []rumours.ClubLink{{Player: "Sergio Ramos", Club: "Sevilla", Stage: rumours.Interest, Best: ramosMiami}}},
			"Real Madrid": {Club: "Real Madrid",
				In: []rumours.ClubLink{{Player: "Sergio Ramos", Club: "Sevilla", Stage: rumours.Talks, Best: ramosMadrid}}},
			"Sevilla":  {Club: "Sevilla"},
			"Benfica":  {Club: "Benfica", In: []rumours.ClubLink{{Player: "Gonçalo Ramos", Club: "Paris Saint-Germain", Stage: rumours.Bid, Best: goncaloBenfica}}},
			"Al-Nassr": {Club: "Al-Nassr"},
		},
		latest: []rumours.Evidence{sanchoJuve, goncaloBenfica, ramosMadrid, vlahovicOut, ramosMiami, ramosNassr},
		outlets: []rumours.OutletTier{
			{Name: "Sky Sports", Tier: 1, Weight: 1}, {Name: "Fabrizio Romano", Tier: 1, Weight: 1},
			{Name: "Marca", Tier: 2, Weight: 0.8}, {Name: "Goal", Tier: 2, Weight: 0.7},
			{Name: "Daily Star", Tier: 4, Weight: 0.2},
		},
	}
}

func (f *fakeEngine) call() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	return f.fail
}

func (f *fakeEngine) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// fold lower-cases and drops the accents the test data uses.
func fold(s string) string {
	return strings.NewReplacer("é", "e", "ç", "c", "í", "i", "ć", "c").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// resolve matches a whole canonical name, else every name with a word equal
// to the query; unknown names get suggestions sharing a word's first three
// letters with the query.
func resolve(kind rumours.SubjectKind, query string, names []string) (string, error) {
	q := fold(query)
	var hits, near []string
	for _, n := range names {
		if fold(n) == q {
			return n, nil
		}
		words := strings.Fields(fold(n))
		switch {
		case slices.Contains(words, q):
			hits = append(hits, n)
		case slices.ContainsFunc(words, func(w string) bool { return len(w) >= 3 && len(q) >= 3 && w[:3] == q[:3] }):
			near = append(near, n)
		}
	}
	switch len(hits) {
	case 0:
		return "", &rumours.UnknownError{Kind: kind, Query: query, Suggestions: near}
	case 1:
		return hits[0], nil
	}
	return "", &rumours.AmbiguousError{Kind: kind, Query: query, Candidates: hits}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (f *fakeEngine) ResolvePlayer(_ context.Context, query string) (string, error) {
	if err := f.call(); err != nil {
		return "", err
	}
	return resolve(rumours.KindPlayer, query, sortedKeys(f.players))
}

func (f *fakeEngine) ResolveClub(_ context.Context, query string) (string, error) {
	if err := f.call(); err != nil {
		return "", err
	}
	return resolve(rumours.KindClub, query, sortedKeys(f.clubs))
}

func (f *fakeEngine) Where(_ context.Context, player string, _ time.Time) (rumours.Ranking, error) {
	if err := f.call(); err != nil {
		return rumours.Ranking{}, err
	}
	r, ok := f.players[player]
	if !ok {
		return rumours.Ranking{}, rumours.ErrNotFound
	}
	return r, nil
}

func (f *fakeEngine) Rumours(_ context.Context, kind rumours.SubjectKind, name string, _ time.Time, limit int) ([]rumours.Evidence, error) {
	if err := f.call(); err != nil {
		return nil, err
	}
	var out []rumours.Evidence
	for _, e := range f.latest {
		if name == "" || kind == rumours.KindPlayer && e.Player == name || kind == rumours.KindClub && (e.To == name || e.From == name) {
			out = append(out, e)
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (f *fakeEngine) Club(_ context.Context, club string, _ time.Time) (rumours.ClubReport, error) {
	if err := f.call(); err != nil {
		return rumours.ClubReport{}, err
	}
	r, ok := f.clubs[club]
	if !ok {
		return rumours.ClubReport{}, rumours.ErrNotFound
	}
	return r, nil
}

func (f *fakeEngine) Subscribe(_ context.Context, s rumours.Subscription) error {
	if err := f.call(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, old := range f.subs {
		if old.Platform == s.Platform && old.Channel == s.Channel && old.Kind == s.Kind && old.Target == s.Target {
			f.subs[i] = s
			return nil
		}
	}
	f.subs = append(f.subs, s)
	return nil
}

func (f *fakeEngine) Unsubscribe(_ context.Context, platform, channel string, kind rumours.SubjectKind, target string) error {
	if err := f.call(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, s := range f.subs {
		if s.Platform == platform && s.Channel == channel && s.Kind == kind && s.Target == target {
			f.subs = slices.Delete(f.subs, i, i+1)
			return nil
		}
	}
	return rumours.ErrNotFound
}

func (f *fakeEngine) Subscriptions(_ context.Context, platform, channel string) ([]rumours.Subscription, error) {
	if err := f.call(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []rumours.Subscription
	for _, s := range f.subs {
		if (platform == "" || s.Platform == platform) && s.Channel == channel {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeEngine) Sources() []rumours.OutletTier {
	f.call()
	return f.outlets
}

func (f *fakeEngine) Complete(_ context.Context, kind rumours.SubjectKind, prefix string, limit int) []string {
	if f.call() != nil {
		return nil
	}
	var names []string
	if kind == rumours.KindPlayer {
		for n := range f.players {
			names = append(names, n)
		}
	} else {
		for n := range f.clubs {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var out []string
	for _, n := range names {
		if strings.HasPrefix(strings.ToLower(n), strings.ToLower(prefix)) && len(out) < limit {
			out = append(out, n)
		}
	}
	return out
}

func (f *fakeEngine) SetChannelActive(_ context.Context, platform, channel string, active bool) (int, error) {
	if err := f.call(); err != nil {
		return 0, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for i, s := range f.subs {
		if s.Platform == platform && s.Channel == channel && s.Active != active {
			f.subs[i].Active = active
			n++
		}
	}
	return n, nil
}

func (f *fakeEngine) State(_ context.Context, key string) (string, bool, error) {
	if err := f.call(); err != nil {
		return "", false, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.state[key]
	return v, ok, nil
}

func (f *fakeEngine) SetState(_ context.Context, key, value string) error {
	if err := f.call(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.state == nil {
		f.state = map[string]string{}
	}
	f.state[key] = value
	return nil
}

func (f *fakeEngine) MoveChannel(_ context.Context, platform, from, to string) (int, error) {
	if err := f.call(); err != nil {
		return 0, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	var kept []rumours.Subscription
	for _, s := range f.subs {
		if s.Platform == platform && s.Channel == from {
			dup := slices.ContainsFunc(f.subs, func(o rumours.Subscription) bool {
				return o.Platform == platform && o.Channel == to && o.Kind == s.Kind && o.Target == s.Target
			})
			if dup {
				continue
			}
			s.Channel = to
			n++
		}
		kept = append(kept, s)
	}
	f.subs = kept
	return n, nil
}

// MatchNames reads a phrase as the test data's names: a club by its whole
// name; a player by his whole name, else by his last word (surname), else by
// his first word. Each player's current club is his ranking's.
func (f *fakeEngine) MatchNames(_ context.Context, phrase string, _ bool) []rumours.NameMatch {
	key := gazetteer.Fold(phrase)
	var out []rumours.NameMatch
	for _, c := range sortedKeys(f.clubs) {
		if gazetteer.Fold(c) == key {
			out = append(out, rumours.NameMatch{Kind: rumours.KindClub, Name: c})
		}
	}
	for _, level := range []rumours.MatchLevel{rumours.MatchExact, rumours.MatchSurname, rumours.MatchFirst} {
		for _, p := range sortedKeys(f.players) {
			words := strings.Fields(gazetteer.Fold(p))
			var hit bool
			switch level {
			case rumours.MatchExact:
				hit = strings.Join(words, " ") == key
			case rumours.MatchSurname:
				hit = len(words) > 1 && words[len(words)-1] == key
			case rumours.MatchFirst:
				hit = len(words) > 1 && words[0] == key
			}
			if hit {
				out = append(out, rumours.NameMatch{Kind: rumours.KindPlayer, Name: p, Level: level, Current: f.players[p].Current})
			}
		}
		if level == rumours.MatchExact && len(out) > 0 {
			break
		}
	}
	return out
}
