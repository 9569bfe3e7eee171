// Package storetest is a conformance suite for implementations of
// rumours.Store: it checks every method against the rules the interface
// documents. An implementation's tests call Run with a function that opens a
// fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
)

// Run runs the conformance suite as subtests of t. open must return a new,
// empty store each time it is called; Run closes the store when the subtest
// that opened it ends (open may also arrange to close it: Close is called
// again then, so it must tolerate a second call).
func Run(t *testing.T, open func(t *testing.T) rumours.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, f *fixture)
	}{
		{"SaveArticle/IDsAndCount", testIDsAndCount},
		{"SaveArticle/DuplicateURL", testDuplicateURL},
		{"SaveArticle/DuplicateTextHash", testDuplicateTextHash},
		{"SaveArticle/EmptyURLIsNoKey", testEmptyURLIsNoKey},
		{"SaveArticles/Batch", testSaveArticlesBatch},
		{"Evidence/RoundTrip", testEvidenceRoundTrip},
		{"Evidence/Stages", testStagesRoundTrip},
		{"Evidence/Stories", testStories},
		{"PlayerEvidence/AsOf", testPlayerAsOf},
		{"PlayerEvidence/ExactName", testExactName},
		{"ClubEvidence", testClubEvidence},
		{"LatestEvidence", testLatestEvidence},
		{"Players", testPlayers},
		{"FindSimilar", testFindSimilar},
		{"Subscriptions", testSubscriptions},
		{"Subscriptions/ChannelActive", testChannelActive},
		{"Subscriptions/MoveChannel", testMoveChannel},
		{"State", testState},
		{"SaveArticle/DuplicateGUID", testDuplicateGUID},
		{"KnownArticles", testKnownArticles},
		{"Outbox/FanOut", testAlertFanOut},
		{"Outbox/MinStage", testAlertMinStage},
		{"Outbox/RoundTrip", testAlertRoundTrip},
		{"Outbox/OrderAndLimit", testDeliveryOrder},
		{"Outbox/Due", testDeliveryDue},
		{"Outbox/States", testDeliveryStates},
		{"Outbox/DropChannel", testDropChannel},
		{"Outbox/Expire", testExpireDeliveries},
		{"Outbox/FailedArticle", testAlertFailedArticle},
		{"Outbox/FanOutMany", testFanOutMany},
		{"Outbox/ContextCancelled", testOutboxContextCancelled},
		{"Outbox/Prune", testPruneAlerts},
		{"Outbox/MoveChannel", testMoveChannelDeliveries},
		{"Outbox/Claim", testClaimDeliveries},
		{"Outbox/ClaimConcurrent", testClaimConcurrent},
		{"OddNames", testOddNames},
		{"ContextCancelled", testContextCancelled},
		{"Concurrent", testConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, &fixture{t: t, s: s, ctx: context.Background()})
		})
	}
}

// fixture makes articles with unique URLs and text hashes and saves them.
type fixture struct {
	t   *testing.T
	s   rumours.Store
	ctx context.Context
	n   int
}

// day returns midnight UTC of the given date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// article returns a new article with a unique URL, text hash and simhash.
func (f *fixture) article(published time.Time) rumours.StoredArticle {
	f.n++
	return rumours.StoredArticle{
		Article: rumours.Article{
			ID:        fmt.Sprintf("article-%d", f.n),
			URL:       fmt.Sprintf("https://news.example/%d", f.n),
			Title:     fmt.Sprintf("Headline %d", f.n),
			Outlet:    "Example News",
			Published: published,
			Text:      fmt.Sprintf("Body of article %d.\n\nSecond paragraph.", f.n),
		},
		TextHash: fmt.Sprintf("hash-%d", f.n),
		// Distinct in every band from the other fixtures' simhashes.
		Simhash: uint64(f.n) * 0x0001_0001_0001_0001,
	}
}

// save stores a with links and fails the test on error.
func (f *fixture) save(a rumours.StoredArticle, links ...rumours.Link) int64 {
	f.t.Helper()
	id, err := f.s.SaveArticle(f.ctx, a, links)
	if err != nil {
		f.t.Fatalf("SaveArticle(%q): %v", a.ID, err)
	}
	return id
}

func (f *fixture) count() int {
	f.t.Helper()
	n, err := f.s.CountArticles(f.ctx)
	if err != nil {
		f.t.Fatalf("CountArticles: %v", err)
	}
	return n
}

func (f *fixture) playerEvidence(player string, asOf time.Time) []rumours.Evidence {
	f.t.Helper()
	ev, err := f.s.PlayerEvidence(f.ctx, player, asOf)
	if err != nil {
		f.t.Fatalf("PlayerEvidence(%q, %v): %v", player, asOf, err)
	}
	return ev
}

func (f *fixture) players() map[string]rumours.PlayerInfo {
	f.t.Helper()
	ps, err := f.s.Players(f.ctx)
	if err != nil {
		f.t.Fatalf("Players: %v", err)
	}
	m := make(map[string]rumours.PlayerInfo, len(ps))
	for _, p := range ps {
		if _, dup := m[p.Name]; dup {
			f.t.Errorf("Players lists %q twice", p.Name)
		}
		m[p.Name] = p
	}
	return m
}

// link is a minimal valid link.
func link(player, to string) rumours.Link {
	return rumours.Link{Player: player, To: to, Stage: rumours.Speculation, Confidence: 0.5}
}

// quotes returns the quotes of ev in order; tests use quotes to name links.
func quotes(ev []rumours.Evidence) []string {
	out := make([]string, len(ev))
	for i, e := range ev {
		out[i] = e.Quote
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

func sameDate(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() && b.IsZero()
	}
	return a.Format(time.DateOnly) == b.Format(time.DateOnly)
}

// diffEvidence describes how got differs from want; "" when they match.
// Outlets compare as lists (nil equals empty) and Published by date.
func diffEvidence(got, want rumours.Evidence) string {
	var d []string
	g, w := got, want
	if !sameDate(g.Published, w.Published) {
		d = append(d, fmt.Sprintf("Published %v, want %v", g.Published, w.Published))
	}
	if len(g.Outlets) != 0 || len(w.Outlets) != 0 {
		if !reflect.DeepEqual(g.Outlets, w.Outlets) {
			d = append(d, fmt.Sprintf("Outlets %q, want %q", g.Outlets, w.Outlets))
		}
	}
	g.Published, w.Published = time.Time{}, time.Time{}
	g.Outlets, w.Outlets = nil, nil
	if !reflect.DeepEqual(g, w) {
		d = append(d, fmt.Sprintf("got  %+v\nwant %+v", g, w))
	}
	return strings.Join(d, "\n")
}

func testIDsAndCount(t *testing.T, f *fixture) {
	if n := f.count(); n != 0 {
		t.Fatalf("new store: CountArticles = %d, want 0", n)
	}
	ids := map[int64]bool{}
	for i := range 3 {
		var links []rumours.Link
		if i > 0 { // the first article has no links
			links = []rumours.Link{link("Count Player", "Count FC")}
		}
		id := f.save(f.article(day(2024, 1, i+1)), links...)
		if id <= 0 {
			t.Errorf("SaveArticle returned id %d, want > 0", id)
		}
		if ids[id] {
			t.Errorf("SaveArticle returned id %d twice", id)
		}
		ids[id] = true
		if n := f.count(); n != i+1 {
			t.Errorf("after %d saves CountArticles = %d", i+1, n)
		}
	}
}

// checkNothingStored checks that a refused save left no trace.
func checkNothingStored(t *testing.T, f *fixture, wantCount int, player string) {
	t.Helper()
	if n := f.count(); n != wantCount {
		t.Errorf("CountArticles = %d, want %d", n, wantCount)
	}
	if ev := f.playerEvidence(player, time.Time{}); len(ev) != 0 {
		t.Errorf("PlayerEvidence(%q) = %d links from a refused article", player, len(ev))
	}
	if _, ok := f.players()[player]; ok {
		t.Errorf("Players lists %q from a refused article", player)
	}
}

func testDuplicateURL(t *testing.T, f *fixture) {
	a := f.article(day(2024, 5, 1))
	f.save(a, link("First Player", "First FC"))
	b := f.article(day(2024, 5, 2)) // new text hash ...
	b.URL = a.URL                   // ... same URL
	_, err := f.s.SaveArticle(f.ctx, b, []rumours.Link{link("Second Player", "Second FC")})
	if !errors.Is(err, rumours.ErrDuplicate) {
		t.Fatalf("SaveArticle with a stored URL: err = %v, want ErrDuplicate", err)
	}
	checkNothingStored(t, f, 1, "Second Player")
}

func testDuplicateTextHash(t *testing.T, f *fixture) {
	tests := []struct {
		name             string
		firstURL, second string
	}{
		{"both without URL", "", ""},
		{"different URLs", "https://a.example/1", "https://b.example/1"},
		{"first with URL", "https://a.example/2", ""},
		{"second with URL", "", "https://b.example/3"},
	}
	stored := 0
	for i, tc := range tests {
		a := f.article(day(2024, 6, 1))
		a.URL = tc.firstURL
		f.save(a, link(fmt.Sprintf("Original %d", i), "Hash FC"))
		stored++
		b := f.article(day(2024, 6, 2))
		b.URL, b.TextHash = tc.second, a.TextHash
		player := fmt.Sprintf("Copy %d", i)
		_, err := f.s.SaveArticle(f.ctx, b, []rumours.Link{link(player, "Hash FC")})
		if !errors.Is(err, rumours.ErrDuplicate) {
			t.Errorf("%s: SaveArticle with a stored text hash: err = %v, want ErrDuplicate", tc.name, err)
			continue
		}
		checkNothingStored(t, f, stored, player)
	}
}

func testEmptyURLIsNoKey(t *testing.T, f *fixture) {
	for i := range 3 {
		a := f.article(time.Time{})
		a.URL = ""
		f.save(a, link(fmt.Sprintf("Local %d", i), "Local FC"))
	}
	if n := f.count(); n != 3 {
		t.Errorf("three articles without URL and with distinct hashes: CountArticles = %d, want 3", n)
	}
}

func testEvidenceRoundTrip(t *testing.T, f *fixture) {
	dated := f.article(day(2024, 7, 15))
	dated.Outlet = "The Athletic"
	undated := f.article(time.Time{})
	undated.URL = "" // a local file
	undated.Outlet = ""

	full := rumours.Link{
		Player:     "Round Trip",
		To:         "Destination FC",
		From:       "Origin United",
		Stage:      rumours.Medical,
		Outlets:    []string{"Fabrizio Romano", "Sky Sports", "L'Équipe"},
		Primary:    true,
		Confidence: 0.85,
		Quote:      `"He's here," said the agent — done deal 🚀.`,
	}
	minimal := rumours.Link{Player: "Round Trip", To: "Other FC", Stage: rumours.Speculation}
	idDated := f.save(dated, full)
	idUndated := f.save(undated, minimal)

	want := map[string]rumours.Evidence{
		full.To: {Link: full, ArticleID: idDated, ArticleURL: dated.URL, Publisher: "The Athletic",
			Published: dated.Published, Story: idDated},
		minimal.To: {Link: minimal, ArticleID: idUndated, ArticleURL: "", Publisher: "",
			Published: time.Time{}, Story: idUndated},
	}
	ev := f.playerEvidence("Round Trip", time.Time{})
	if len(ev) != len(want) {
		t.Fatalf("PlayerEvidence = %d links, want %d: %+v", len(ev), len(want), ev)
	}
	for _, e := range ev {
		w, ok := want[e.To]
		if !ok {
			t.Errorf("unexpected evidence %+v", e)
			continue
		}
		if d := diffEvidence(e, w); d != "" {
			t.Errorf("PlayerEvidence link to %s:\n%s", e.To, d)
		}
	}
}

func testStagesRoundTrip(t *testing.T, f *fixture) {
	var links []rumours.Link
	for _, st := range rumours.Stages() {
		l := link("Stage Player", "Club "+st.String())
		l.Stage = st
		links = append(links, l)
	}
	f.save(f.article(day(2024, 1, 1)), links...)
	got := map[string]rumours.Stage{}
	for _, e := range f.playerEvidence("Stage Player", time.Time{}) {
		got[e.To] = e.Stage
	}
	for _, l := range links {
		if got[l.To] != l.Stage {
			t.Errorf("link to %s: stage %v, want %v", l.To, got[l.To], l.Stage)
		}
	}
}

func testStories(t *testing.T, f *fixture) {
	first := f.article(day(2024, 8, 1))
	idFirst := f.save(first, link("Story Player", "Story FC"))
	copyArt := f.article(day(2024, 8, 2))
	copyArt.Story = idFirst
	idCopy := f.save(copyArt, link("Story Player", "Story FC"))
	other := f.article(day(2024, 8, 3))
	idOther := f.save(other, link("Story Player", "Story FC"))

	wantStory := map[int64]int64{idFirst: idFirst, idCopy: idFirst, idOther: idOther}
	ev := f.playerEvidence("Story Player", time.Time{})
	if len(ev) != 3 {
		t.Fatalf("PlayerEvidence = %d links, want 3", len(ev))
	}
	for _, e := range ev {
		if e.Story != wantStory[e.ArticleID] {
			t.Errorf("article %d: Story = %d, want %d", e.ArticleID, e.Story, wantStory[e.ArticleID])
		}
	}
	for _, a := range []rumours.StoredArticle{first, copyArt, other} {
		refs, err := f.s.FindSimilar(f.ctx, a.Simhash)
		if err != nil {
			t.Fatalf("FindSimilar: %v", err)
		}
		found := false
		for _, r := range refs {
			if r.Simhash == a.Simhash {
				found = true
				if r.Story != wantStory[r.ID] {
					t.Errorf("FindSimilar: article %d Story = %d, want %d", r.ID, r.Story, wantStory[r.ID])
				}
			}
		}
		if !found {
			t.Errorf("FindSimilar(%#x) misses the article with that simhash", a.Simhash)
		}
	}
}

func testPlayerAsOf(t *testing.T, f *fixture) {
	for _, a := range []struct {
		quote string
		date  time.Time
	}{
		{"jan", day(2024, 1, 10)},
		{"feb", day(2024, 2, 10)},
		{"undated", time.Time{}},
		{"mar", day(2024, 3, 10)},
	} {
		l := link("AsOf Player", "AsOf FC")
		l.Quote = a.quote
		f.save(f.article(a.date), l)
	}
	tests := []struct {
		asOf time.Time
		want []string
	}{
		{time.Time{}, []string{"feb", "jan", "mar", "undated"}},
		{day(2023, 12, 31), []string{"undated"}},
		{day(2024, 1, 31), []string{"jan", "undated"}},
		{day(2024, 2, 10), []string{"feb", "jan", "undated"}},                               // on the day counts
		{time.Date(2024, 2, 10, 23, 59, 0, 0, time.UTC), []string{"feb", "jan", "undated"}}, // late that day too
		{day(2024, 2, 9), []string{"jan", "undated"}},
		{day(2030, 1, 1), []string{"feb", "jan", "mar", "undated"}},
	}
	for _, tc := range tests {
		got := sorted(quotes(f.playerEvidence("AsOf Player", tc.asOf)))
		if !slices.Equal(got, tc.want) {
			t.Errorf("PlayerEvidence as of %v = %q, want %q", tc.asOf, got, tc.want)
		}
	}
	if ev := f.playerEvidence("Nobody At All", time.Time{}); len(ev) != 0 {
		t.Errorf("PlayerEvidence of an unknown player = %d links, want none", len(ev))
	}
}

func testExactName(t *testing.T, f *fixture) {
	names := []string{"Silva", "silva", "José", "Jose\u0301", "Jose"}
	for _, n := range names {
		l := link(n, "Name FC")
		l.Quote = n
		f.save(f.article(day(2024, 2, 1)), l)
	}
	for _, n := range names {
		got := quotes(f.playerEvidence(n, time.Time{}))
		if !slices.Equal(got, []string{n}) {
			t.Errorf("PlayerEvidence(%q) = %q, want only its own link", n, got)
		}
	}
	if got := len(f.players()); got != len(names) {
		t.Errorf("Players = %d players, want %d distinct names", got, len(names))
	}
}

func testClubEvidence(t *testing.T, f *fixture) {
	type l struct {
		quote, to, from string
		date            time.Time
	}
	for _, x := range []l{
		{"p1 to X from Y", "X", "Y", day(2024, 1, 1)},
		{"p2 to Y from Z", "Y", "Z", day(2024, 2, 1)},
		{"p3 to Z from X", "Z", "X", day(2024, 3, 1)},
		{"p4 to W", "W", "", day(2024, 4, 1)},
		{"p5 to X undated", "X", "", time.Time{}},
		{"p6 to X from X", "X", "X", day(2024, 2, 15)},
	} {
		lk := link("Club Player "+x.quote[:2], x.to)
		lk.From, lk.Quote = x.from, x.quote
		f.save(f.article(x.date), lk)
	}
	dated := func(ev []rumours.Evidence) []string {
		var out []string
		for _, e := range ev {
			if !e.Published.IsZero() {
				out = append(out, e.Quote)
			}
		}
		return out
	}
	// Every link to or from each club, any order, and the dated ones newest
	// first. Where an undated link ranks is up to the implementation.
	all := map[string][]string{
		"X": {"p1 to X from Y", "p3 to Z from X", "p5 to X undated", "p6 to X from X"},
		"Y": {"p1 to X from Y", "p2 to Y from Z"},
		"W": {"p4 to W"},
	}
	datedDesc := map[string][]string{
		"X": {"p3 to Z from X", "p6 to X from X", "p1 to X from Y"},
		"Y": {"p2 to Y from Z", "p1 to X from Y"},
		"W": {"p4 to W"},
	}
	tests := []struct {
		club  string
		asOf  time.Time
		limit int
		all   []string // every link returned when the limit allows
		dated []string // the dated ones, newest first
	}{
		{"X", time.Time{}, 0, all["X"], datedDesc["X"]},
		{"X", time.Time{}, 10, all["X"], datedDesc["X"]},
		{"X", time.Time{}, 2, all["X"], datedDesc["X"]},
		{"X", time.Time{}, 1, all["X"], datedDesc["X"]},
		{"X", day(2024, 2, 1), 0, []string{"p1 to X from Y", "p5 to X undated"}, []string{"p1 to X from Y"}},
		{"X", day(2024, 2, 29), 0, []string{"p1 to X from Y", "p5 to X undated", "p6 to X from X"},
			[]string{"p6 to X from X", "p1 to X from Y"}},
		{"Y", time.Time{}, 0, all["Y"], datedDesc["Y"]},
		{"W", time.Time{}, 0, all["W"], datedDesc["W"]},
		{"Nowhere", time.Time{}, 0, nil, nil},
	}
	for _, tc := range tests {
		ev, err := f.s.ClubEvidence(f.ctx, tc.club, tc.asOf, tc.limit)
		if err != nil {
			t.Fatalf("ClubEvidence(%q): %v", tc.club, err)
		}
		got := quotes(ev)
		want := len(tc.all)
		if tc.limit > 0 {
			want = min(want, tc.limit)
		}
		if len(got) != want {
			t.Errorf("ClubEvidence(%q, %v, %d) = %d links %q, want %d", tc.club, tc.asOf, tc.limit, len(got), got, want)
		}
		if tc.limit <= 0 && !slices.Equal(sorted(got), sorted(tc.all)) {
			t.Errorf("ClubEvidence(%q, %v, %d) = %q, want %q", tc.club, tc.asOf, tc.limit, sorted(got), sorted(tc.all))
		}
		for _, q := range got {
			if !slices.Contains(tc.all, q) {
				t.Errorf("ClubEvidence(%q, %v, %d) returned %q", tc.club, tc.asOf, tc.limit, q)
			}
		}
		// The dated links returned are the newest ones, newest first.
		d := dated(ev)
		if len(d) > len(tc.dated) || !slices.Equal(d, tc.dated[:len(d)]) {
			t.Errorf("ClubEvidence(%q, %v, %d): dated links %q, want a prefix of %q", tc.club, tc.asOf, tc.limit, d, tc.dated)
		}
	}
}

func testLatestEvidence(t *testing.T, f *fixture) {
	for _, x := range []struct {
		quote string
		date  time.Time
	}{
		{"mar", day(2024, 3, 1)},
		{"jan", day(2024, 1, 1)},
		{"undated", time.Time{}},
		{"may first", day(2024, 5, 1)},
		{"may second", day(2024, 5, 1)}, // same day, stored later: newer
		{"apr", day(2024, 4, 1)},
	} {
		l := link("Latest "+x.quote, "Latest FC")
		l.Quote = x.quote
		f.save(f.article(x.date), l)
	}
	tests := []struct {
		asOf  time.Time
		limit int
		want  []string // dated links newest first; the undated one is checked apart
		undat bool     // whether the undated link must be there
	}{
		{time.Time{}, 0, []string{"may second", "may first", "apr", "mar", "jan"}, true},
		{time.Time{}, 3, []string{"may second", "may first", "apr"}, false},
		{day(2024, 3, 31), 2, []string{"mar", "jan"}, false},
		{day(2024, 3, 31), 0, []string{"mar", "jan"}, true},
	}
	for _, tc := range tests {
		ev, err := f.s.LatestEvidence(f.ctx, tc.asOf, tc.limit)
		if err != nil {
			t.Fatalf("LatestEvidence: %v", err)
		}
		if tc.limit > 0 && len(ev) > tc.limit {
			t.Errorf("LatestEvidence(%v, %d) = %d links, more than the limit", tc.asOf, tc.limit, len(ev))
		}
		var dated []string
		undated := false
		for _, e := range ev {
			if e.Published.IsZero() {
				undated = true
			} else {
				dated = append(dated, e.Quote)
			}
		}
		if tc.limit > 0 && undated {
			// An implementation may rank the undated link anywhere; then
			// it takes one of the dated links' places.
			tc.want = tc.want[:len(tc.want)-1]
		}
		if !slices.Equal(dated, tc.want) {
			t.Errorf("LatestEvidence(%v, %d): dated links %q, want %q", tc.asOf, tc.limit, dated, tc.want)
		}
		if tc.undat && !undated {
			t.Errorf("LatestEvidence(%v, %d) misses the undated link", tc.asOf, tc.limit)
		}
	}
}

func testPlayers(t *testing.T, f *fixture) {
	save := func(date time.Time, links ...rumours.Link) { f.save(f.article(date), links...) }
	from := func(player, to, from string) rumours.Link {
		l := link(player, to)
		l.From = from
		return l
	}
	// Alpha: the newest link has no from club; the one before names Mid FC.
	save(day(2024, 1, 1), from("Alpha", "A1", "Old FC"))
	save(day(2024, 3, 1), from("Alpha", "A2", "Mid FC"))
	save(day(2024, 5, 1), from("Alpha", "A3", ""))
	// Beta: stored newest first.
	save(day(2024, 6, 1), from("Beta", "B1", "New FC"))
	save(day(2024, 2, 1), from("Beta", "B2", "Older FC"))
	// Gamma: never a from club; two links in one article.
	save(day(2024, 4, 1), from("Gamma", "G1", ""), from("Gamma", "G2", ""))

	want := map[string]rumours.PlayerInfo{
		"Alpha": {Name: "Alpha", Club: "Mid FC", Links: 3},
		"Beta":  {Name: "Beta", Club: "New FC", Links: 2},
		"Gamma": {Name: "Gamma", Club: "", Links: 2},
	}
	got := f.players()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Players = %+v\nwant %+v", got, want)
	}
}

func testFindSimilar(t *testing.T, f *fixture) {
	hashes := map[string]uint64{
		"s1": 0x1234_5678_9abc_def0,
		"s2": 0xffff_0000_ffff_0000, // top bit set
		"s3": 0x0003_0003_0003_0001,
	}
	ids := map[int64]string{}
	for _, name := range slices.Sorted(maps.Keys(hashes)) {
		a := f.article(day(2024, 1, 1))
		a.Simhash = hashes[name]
		ids[f.save(a)] = name
	}
	tests := []struct {
		name  string
		query uint64
		want  []string
	}{
		{"exact s1", 0x1234_5678_9abc_def0, []string{"s1"}},
		{"band 3 only", 0x1234_1111_2222_3333, []string{"s1"}},
		{"band 0 only", 0x4444_5555_6666_def0, []string{"s1"}},
		{"band 1 and 2", 0x7777_5678_9abc_7777, []string{"s1"}},
		{"exact s2", 0xffff_0000_ffff_0000, []string{"s2"}},
		{"s2 bands 0 and 2, s3 band 3", 0x0003_0000_0000_0000, []string{"s2", "s3"}},
		{"one bit off in every band", 0x1235_5679_9abd_def1, nil},
		{"s1 band 0 in band 1 (other position)", 0x7777_7777_def0_7777, nil},
		{"nothing shared", 0x8888_8888_8888_8888, nil},
	}
	for _, tc := range tests {
		refs, err := f.s.FindSimilar(f.ctx, tc.query)
		if err != nil {
			t.Fatalf("FindSimilar: %v", err)
		}
		var got []string
		for _, r := range refs {
			name, ok := ids[r.ID]
			if !ok {
				t.Errorf("%s: FindSimilar returned unknown article %d", tc.name, r.ID)
				continue
			}
			if r.Simhash != hashes[name] {
				t.Errorf("%s: article %s Simhash = %#x, want %#x", tc.name, name, r.Simhash, hashes[name])
			}
			if r.Story != r.ID {
				t.Errorf("%s: article %s Story = %d, want its own id %d", tc.name, name, r.Story, r.ID)
			}
			got = append(got, name)
		}
		if got := sorted(got); !slices.Equal(got, tc.want) {
			t.Errorf("%s: FindSimilar(%#x) = %q, want %q", tc.name, tc.query, got, tc.want)
		}
	}
}

func testSubscriptions(t *testing.T, f *fixture) {
	ctx := f.ctx
	created := time.Date(2024, 9, 1, 12, 30, 0, 0, time.UTC)
	subs := []rumours.Subscription{
		{Platform: "telegram", Channel: "100", Kind: rumours.KindPlayer, Target: "Kylian Mbappé", MinStage: rumours.Talks, Active: true, Created: created},
		{Platform: "telegram", Channel: "100", Kind: rumours.KindClub, Target: "Arsenal", MinStage: rumours.StageUnknown, Active: true, Created: created},
		{Platform: "telegram", Channel: "200", Kind: rumours.KindClub, Target: "Arsenal", MinStage: rumours.Done, Active: true, Created: created},
		{Platform: "discord", Channel: "100", Kind: rumours.KindPlayer, Target: "Kylian Mbappé", MinStage: rumours.Bid, Active: false, Created: created},
	}
	for _, s := range subs {
		if err := f.s.Subscribe(ctx, s); err != nil {
			t.Fatalf("Subscribe(%+v): %v", s, err)
		}
	}
	list := func(platform, channel string) []rumours.Subscription {
		t.Helper()
		got, err := f.s.Subscriptions(ctx, platform, channel)
		if err != nil {
			t.Fatalf("Subscriptions(%q, %q): %v", platform, channel, err)
		}
		return got
	}
	key := func(s rumours.Subscription) string {
		return strings.Join([]string{s.Platform, s.Channel, string(s.Kind), s.Target}, "|")
	}
	check := func(what string, got, want []rumours.Subscription) {
		t.Helper()
		g := map[string]rumours.Subscription{}
		for _, s := range got {
			if _, dup := g[key(s)]; dup {
				t.Errorf("%s: %s listed twice", what, key(s))
			}
			g[key(s)] = s
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d subscriptions, want %d: %+v", what, len(got), len(want), got)
		}
		for _, w := range want {
			s, ok := g[key(w)]
			switch {
			case !ok:
				t.Errorf("%s: missing %s", what, key(w))
			case s.MinStage != w.MinStage || s.Active != w.Active || !s.Created.Equal(w.Created):
				t.Errorf("%s: %s = %+v, want %+v", what, key(w), s, w)
			}
		}
	}
	check("all", list("", ""), subs)
	check("telegram 100", list("telegram", "100"), subs[:2])
	check("discord 100", list("discord", "100"), subs[3:])
	check("unknown channel", list("telegram", "999"), nil)

	// Subscribing again updates in place.
	upd := subs[0]
	upd.MinStage, upd.Active = rumours.Agreed, false
	if err := f.s.Subscribe(ctx, upd); err != nil {
		t.Fatalf("Subscribe update: %v", err)
	}
	check("after update", list("telegram", "100"), []rumours.Subscription{upd, subs[1]})
	check("all after update", list("", ""), append([]rumours.Subscription{upd}, subs[1:]...))

	// Unsubscribe removes exactly one; a second time it is not found.
	if err := f.s.Unsubscribe(ctx, "telegram", "100", rumours.KindClub, "Arsenal"); err != nil {
		t.Fatalf("Unsubscribe: %v", err)
	}
	check("after unsubscribe", list("", ""), []rumours.Subscription{upd, subs[2], subs[3]})
	notFound := []struct {
		name                      string
		platform, channel, target string
		kind                      rumours.SubjectKind
	}{
		{"again", "telegram", "100", "Arsenal", rumours.KindClub},
		{"never subscribed", "telegram", "100", "Chelsea", rumours.KindClub},
		{"wrong kind", "telegram", "200", "Arsenal", rumours.KindPlayer},
		{"wrong platform", "console", "200", "Arsenal", rumours.KindClub},
	}
	for _, tc := range notFound {
		err := f.s.Unsubscribe(ctx, tc.platform, tc.channel, tc.kind, tc.target)
		if !errors.Is(err, rumours.ErrNotFound) {
			t.Errorf("Unsubscribe %s: err = %v, want ErrNotFound", tc.name, err)
		}
	}
	check("after failed unsubscribes", list("", ""), []rumours.Subscription{upd, subs[2], subs[3]})
}

func testOddNames(t *testing.T, f *fixture) {
	// oddNames are names that a careless store would mangle.
	oddNames := []string{
		`Robert'); DROP TABLE players;--`,
		`O'Neil "The Wall" Smith`,
		`100% _Legit_ %`,
		`Zlatan Ibrahimović`,
		`Martin Ødegaard`,
		`Jose` + "\u0301" + ` (NFD)`,
		`Son Heung-min 손흥민`,
		`محمد صلاح`,
		`🦁 Lion ⚽`,
		`  spaces  around  `,
		`back\slash; semi;`,
		"tab\tand\nnewline",
	}
	for i, name := range oddNames {
		club := "Club " + name
		l := rumours.Link{Player: name, To: club, From: "From " + name, Stage: rumours.Talks,
			Outlets: []string{name}, Confidence: 0.5, Quote: name}
		a := f.article(day(2024, 1, i+1))
		a.Outlet = name
		f.save(a, l)

		ev := f.playerEvidence(name, time.Time{})
		if len(ev) != 1 {
			t.Errorf("PlayerEvidence(%q) = %d links, want 1", name, len(ev))
			continue
		}
		e := ev[0]
		if e.Player != name || e.To != club || e.From != "From "+name || e.Quote != name ||
			e.Publisher != name || !slices.Equal(e.Outlets, []string{name}) {
			t.Errorf("name %q did not round-trip: %+v", name, e)
		}
		cev, err := f.s.ClubEvidence(f.ctx, club, time.Time{}, 0)
		if err != nil {
			t.Fatalf("ClubEvidence(%q): %v", club, err)
		}
		if len(cev) != 1 || cev[0].Player != name {
			t.Errorf("ClubEvidence(%q) = %+v, want the one link of %q", club, cev, name)
		}
		sub := rumours.Subscription{Platform: "console", Channel: name, Kind: rumours.KindPlayer, Target: name, Active: true}
		if err := f.s.Subscribe(f.ctx, sub); err != nil {
			t.Fatalf("Subscribe(%q): %v", name, err)
		}
		subs, err := f.s.Subscriptions(f.ctx, "console", name)
		if err != nil {
			t.Fatalf("Subscriptions(%q): %v", name, err)
		}
		if len(subs) != 1 || subs[0].Target != name || subs[0].Channel != name {
			t.Errorf("Subscriptions(console, %q) = %+v", name, subs)
		}
	}
	got := f.players()
	for _, name := range oddNames {
		p, ok := got[name]
		if !ok {
			t.Errorf("Players misses %q", name)
			continue
		}
		if p.Club != "From "+name || p.Links != 1 {
			t.Errorf("Players[%q] = %+v", name, p)
		}
	}
	if len(got) != len(oddNames) {
		t.Errorf("Players = %d players, want %d", len(got), len(oddNames))
	}
}

func testContextCancelled(t *testing.T, f *fixture) {
	f.save(f.article(day(2024, 1, 1)), link("Ctx Player", "Ctx FC"))
	if err := f.s.Subscribe(f.ctx, rumours.Subscription{Platform: "console", Channel: "c", Kind: rumours.KindClub, Target: "Ctx FC", Active: true}); err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := []struct {
		name string
		call func() error
	}{
		{"SaveArticle", func() error {
			_, err := f.s.SaveArticle(ctx, f.article(day(2024, 1, 2)), []rumours.Link{link("Cancelled Player", "Ctx FC")})
			return err
		}},
		{"FindSimilar", func() error { _, err := f.s.FindSimilar(ctx, 0); return err }},
		{"PlayerEvidence", func() error { _, err := f.s.PlayerEvidence(ctx, "Ctx Player", time.Time{}); return err }},
		{"ClubEvidence", func() error { _, err := f.s.ClubEvidence(ctx, "Ctx FC", time.Time{}, 10); return err }},
		{"LatestEvidence", func() error { _, err := f.s.LatestEvidence(ctx, time.Time{}, 10); return err }},
		{"Players", func() error { _, err := f.s.Players(ctx); return err }},
		{"CountArticles", func() error { _, err := f.s.CountArticles(ctx); return err }},
		{"Subscribe", func() error {
			return f.s.Subscribe(ctx, rumours.Subscription{Platform: "console", Channel: "c", Kind: rumours.KindPlayer, Target: "Cancelled Player", Active: true})
		}},
		{"Unsubscribe", func() error { return f.s.Unsubscribe(ctx, "console", "c", rumours.KindClub, "Ctx FC") }},
		{"Subscriptions", func() error { _, err := f.s.Subscriptions(ctx, "", ""); return err }},
	}
	for _, c := range calls {
		if err := c.call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: err = %v, want one wrapping context.Canceled", c.name, err)
		}
	}
	// Nothing changed.
	checkNothingStored(t, f, 1, "Cancelled Player")
	subs, err := f.s.Subscriptions(f.ctx, "", "")
	if err != nil {
		t.Fatalf("Subscriptions: %v", err)
	}
	if len(subs) != 1 || subs[0].Target != "Ctx FC" {
		t.Errorf("after cancelled calls Subscriptions = %+v, want only Ctx FC", subs)
	}
}

func testConcurrent(t *testing.T, f *fixture) {
	const writers, perWriter = 4, 20
	arts := make([][]rumours.StoredArticle, writers)
	for w := range writers {
		for range perWriter {
			arts[w] = append(arts[w], f.article(day(2024, 1, 1)))
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter*2)
	for w := range writers {
		wg.Add(2)
		go func() { // writer
			defer wg.Done()
			for _, a := range arts[w] {
				if _, err := f.s.SaveArticle(f.ctx, a, []rumours.Link{link("Busy Player", "Busy FC")}); err != nil {
					errs <- fmt.Errorf("SaveArticle: %w", err)
				}
			}
		}()
		go func() { // reader
			defer wg.Done()
			for range perWriter {
				if _, err := f.s.PlayerEvidence(f.ctx, "Busy Player", time.Time{}); err != nil {
					errs <- fmt.Errorf("PlayerEvidence: %w", err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := f.count(); n != writers*perWriter {
		t.Errorf("CountArticles = %d, want %d", n, writers*perWriter)
	}
	if p := f.players()["Busy Player"]; p.Links != writers*perWriter {
		t.Errorf("Busy Player has %d links, want %d", p.Links, writers*perWriter)
	}
	if ev := f.playerEvidence("Busy Player", time.Time{}); len(ev) != writers*perWriter {
		t.Errorf("PlayerEvidence = %d links, want %d", len(ev), writers*perWriter)
	}
}

// testSaveArticlesBatch: a batch stores each article whole or not at all, and
// one bad article does not sink the others.
func testSaveArticlesBatch(t *testing.T, f *fixture) {
	stored := f.article(day(2024, 7, 1))
	f.save(stored, link("Stored Player", "Stored FC"))

	good1 := f.article(day(2024, 7, 2))
	dupStored := f.article(day(2024, 7, 3))
	dupStored.URL = stored.URL
	good2 := f.article(day(2024, 7, 4))
	dupInBatch := f.article(day(2024, 7, 5))
	dupInBatch.TextHash = good2.TextHash
	bad := f.article(day(2024, 7, 6))
	badLink := link("Bad Player", "Bad FC")
	badLink.Stage = rumours.StageUnknown // invalid: the whole article rolls back

	ids, errs := f.s.SaveArticles(f.ctx, []rumours.NewArticle{
		{Article: good1, Links: []rumours.Link{link("Batch One", "Batch FC")}},
		{Article: dupStored, Links: []rumours.Link{link("Dup Stored", "Batch FC")}},
		{Article: good2, Links: []rumours.Link{link("Batch Two", "Other FC"), link("Batch Two", "Third FC")}},
		{Article: dupInBatch, Links: []rumours.Link{link("Dup Batch", "Batch FC")}},
		{Article: bad, Links: []rumours.Link{link("Half Written", "Half FC"), badLink}},
	})
	if len(ids) != 5 || len(errs) != 5 {
		t.Fatalf("got %d ids and %d errors, want 5 each", len(ids), len(errs))
	}
	for _, i := range []int{0, 2} {
		if errs[i] != nil || ids[i] <= 0 {
			t.Errorf("article %d: id %d, err %v; want stored", i, ids[i], errs[i])
		}
	}
	for _, i := range []int{1, 3} {
		if !errors.Is(errs[i], rumours.ErrDuplicate) || ids[i] != 0 {
			t.Errorf("article %d: id %d, err %v; want ErrDuplicate", i, ids[i], errs[i])
		}
	}
	if errs[4] == nil || errors.Is(errs[4], rumours.ErrDuplicate) {
		t.Errorf("article with an invalid link: err %v, want a validation error", errs[4])
	}
	if n := f.count(); n != 3 {
		t.Errorf("CountArticles = %d, want 3", n)
	}
	if ev := f.playerEvidence("Batch Two", time.Time{}); len(ev) != 2 {
		t.Errorf("Batch Two has %d links, want 2", len(ev))
	}
	for _, p := range []string{"Dup Stored", "Dup Batch", "Half Written"} {
		if ev := f.playerEvidence(p, time.Time{}); len(ev) != 0 {
			t.Errorf("%s has %d links from an article that was not stored", p, len(ev))
		}
	}
	// an empty batch is fine, and a cancelled context stores nothing
	if ids, errs := f.s.SaveArticles(f.ctx, nil); len(ids) != 0 || len(errs) != 0 {
		t.Errorf("empty batch: %v %v", ids, errs)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	_, errs = f.s.SaveArticles(ctx, []rumours.NewArticle{{Article: f.article(day(2024, 7, 9)), Links: []rumours.Link{link("Cancelled", "Batch FC")}}})
	if errs[0] == nil {
		t.Error("cancelled context: article stored")
	}
	if n := f.count(); n != 3 {
		t.Errorf("after a cancelled batch CountArticles = %d, want 3", n)
	}
}

func testChannelActive(t *testing.T, f *fixture) {
	ctx := f.ctx
	subs := []rumours.Subscription{
		{Platform: "telegram", Channel: "100", Kind: rumours.KindPlayer, Target: "Sergio Ramos", Active: true},
		{Platform: "telegram", Channel: "100", Kind: rumours.KindClub, Target: "Juventus", Active: true},
		{Platform: "telegram", Channel: "200", Kind: rumours.KindPlayer, Target: "Sergio Ramos", Active: true},
		{Platform: "discord", Channel: "100", Kind: rumours.KindPlayer, Target: "Sergio Ramos", Active: true},
	}
	for _, s := range subs {
		if err := f.s.Subscribe(ctx, s); err != nil {
			t.Fatalf("Subscribe(%+v): %v", s, err)
		}
	}
	active := func() map[string]bool {
		t.Helper()
		all, err := f.s.Subscriptions(ctx, "", "")
		if err != nil {
			t.Fatalf("Subscriptions: %v", err)
		}
		m := map[string]bool{}
		for _, s := range all {
			m[s.Platform+"/"+s.Channel+"/"+s.Target] = s.Active
		}
		return m
	}
	steps := []struct {
		name              string
		platform, channel string
		active            bool
		changed           int
		want              map[string]bool
	}{
		{"pause one chat", "telegram", "100", false, 2, map[string]bool{
			"telegram/100/Sergio Ramos": false, "telegram/100/Juventus": false,
			"telegram/200/Sergio Ramos": true, "discord/100/Sergio Ramos": true}},
		{"pause again changes nothing", "telegram", "100", false, 0, nil},
		{"unknown channel", "telegram", "999", false, 0, nil},
		{"resume", "telegram", "100", true, 2, map[string]bool{
			"telegram/100/Sergio Ramos": true, "telegram/100/Juventus": true,
			"telegram/200/Sergio Ramos": true, "discord/100/Sergio Ramos": true}},
	}
	for _, st := range steps {
		n, err := f.s.SetChannelActive(ctx, st.platform, st.channel, st.active)
		if err != nil {
			t.Fatalf("%s: SetChannelActive: %v", st.name, err)
		}
		if n != st.changed {
			t.Errorf("%s: changed %d, want %d", st.name, n, st.changed)
		}
		if st.want == nil {
			continue
		}
		got := active()
		for k, w := range st.want {
			if got[k] != w {
				t.Errorf("%s: %s active = %t, want %t", st.name, k, got[k], w)
			}
		}
	}
}

func testState(t *testing.T, f *fixture) {
	ctx := f.ctx
	if v, ok, err := f.s.State(ctx, "telegram/offset"); err != nil || ok || v != "" {
		t.Fatalf("State of a new key = %q, %t, %v; want \"\", false, nil", v, ok, err)
	}
	steps := []struct{ key, value string }{
		{"telegram/offset", "100"},
		{"telegram/offset", "101"},
		{"discord/commands", ""},
		{"odd key ' \"; --", "ünïcode\x00value"},
	}
	want := map[string]string{}
	for _, st := range steps {
		if err := f.s.SetState(ctx, st.key, st.value); err != nil {
			t.Fatalf("SetState(%q, %q): %v", st.key, st.value, err)
		}
		want[st.key] = st.value
		for k, w := range want {
			v, ok, err := f.s.State(ctx, k)
			if err != nil || !ok || v != w {
				t.Errorf("after SetState(%q): State(%q) = %q, %t, %v; want %q, true, nil", st.key, k, v, ok, err, w)
			}
		}
	}
	if err := f.s.SetState(ctx, "", "x"); err == nil {
		t.Error("SetState with an empty key: no error")
	}
}

func testMoveChannel(t *testing.T, f *fixture) {
	ctx := f.ctx
	sub := func(channel, target string, min rumours.Stage) rumours.Subscription {
		return rumours.Subscription{Platform: "telegram", Channel: channel, Kind: rumours.KindPlayer, Target: target, MinStage: min, Active: true}
	}
	for _, s := range []rumours.Subscription{
		sub("-100", "Sergio Ramos", rumours.StageUnknown),
		sub("-100", "James Rodríguez", rumours.Talks),
		sub("-1001", "James Rodríguez", rumours.Done), // the new id already follows James
		{Platform: "discord", Channel: "-100", Kind: rumours.KindClub, Target: "Juventus", Active: true},
	} {
		if err := f.s.Subscribe(ctx, s); err != nil {
			t.Fatalf("Subscribe(%+v): %v", s, err)
		}
	}
	n, err := f.s.MoveChannel(ctx, "telegram", "-100", "-1001")
	if err != nil || n != 1 {
		t.Fatalf("MoveChannel = %d, %v; want 1 moved", n, err)
	}
	list := func(platform, channel string) map[string]rumours.Stage {
		t.Helper()
		subs, err := f.s.Subscriptions(ctx, platform, channel)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]rumours.Stage{}
		for _, s := range subs {
			m[s.Target] = s.MinStage
		}
		return m
	}
	if old := list("telegram", "-100"); len(old) != 0 {
		t.Errorf("old channel still has %v", old)
	}
	got := list("telegram", "-1001")
	want := map[string]rumours.Stage{"Sergio Ramos": rumours.StageUnknown, "James Rodríguez": rumours.Done}
	if len(got) != len(want) || got["Sergio Ramos"] != want["Sergio Ramos"] || got["James Rodríguez"] != want["James Rodríguez"] {
		t.Errorf("new channel = %v, want %v (its own James subscription kept)", got, want)
	}
	if other := list("discord", "-100"); len(other) != 1 {
		t.Errorf("another platform's channel with the same id changed: %v", other)
	}
	if n, err := f.s.MoveChannel(ctx, "telegram", "-100", "-1001"); err != nil || n != 0 {
		t.Errorf("moving again = %d, %v; want 0, nil", n, err)
	}
}
