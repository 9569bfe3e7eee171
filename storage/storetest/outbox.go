package storetest

// Tests of feed GUIDs, KnownArticles and the alerts outbox: the alerts
// SaveArticles writes, their fan-out to subscriptions, and the delivery
// methods a dispatcher uses.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
)

// alertTime is when the tests' alerts are created unless they say otherwise.
var alertTime = time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC)

// later is a due time after every time the tests use.
var later = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// everyPlatform lists the platforms the outbox tests deliver to.
var everyPlatform = []string{"console", "discord", "telegram"}

// sub returns an active subscription.
func sub(platform, channel string, kind rumours.SubjectKind, target string, min rumours.Stage) rumours.Subscription {
	return rumours.Subscription{Platform: platform, Channel: channel, Kind: kind, Target: target, MinStage: min, Active: true}
}

func (f *fixture) subscribe(subs ...rumours.Subscription) {
	f.t.Helper()
	for _, s := range subs {
		if err := f.s.Subscribe(f.ctx, s); err != nil {
			f.t.Fatalf("Subscribe(%+v): %v", s, err)
		}
	}
}

// newAlert returns an alert of cycle 1, created at alertTime.
func newAlert(player, club string, stage, previous rumours.Stage) rumours.Alert {
	return rumours.Alert{Cycle: 1, Created: alertTime, Player: player, Club: club, Stage: stage, Previous: previous}
}

// saveAlerts stores a new article with alerts; see saveArticleAlerts.
func (f *fixture) saveAlerts(alerts ...rumours.Alert) int64 {
	f.t.Helper()
	return f.saveArticleAlerts(f.article(day(2025, 1, 31)), alerts...)
}

// saveArticleAlerts stores a, with a link for each alert, and the alerts,
// through SaveArticles; it fails the test on error.
func (f *fixture) saveArticleAlerts(a rumours.StoredArticle, alerts ...rumours.Alert) int64 {
	f.t.Helper()
	var links []rumours.Link
	for _, a := range alerts {
		links = append(links, link(a.Player, a.Club))
	}
	ids, errs := f.s.SaveArticles(f.ctx, []rumours.NewArticle{{Article: a, Links: links, Alerts: alerts}})
	if len(errs) != 1 || errs[0] != nil {
		f.t.Fatalf("SaveArticles(%q with %d alerts): %v", a.ID, len(alerts), errs)
	}
	return ids[0]
}

func (f *fixture) pending(platforms []string, due time.Time, limit int) []rumours.Delivery {
	f.t.Helper()
	ds, err := f.s.PendingDeliveries(f.ctx, platforms, due, limit)
	if err != nil {
		f.t.Fatalf("PendingDeliveries(%q, %v, %d): %v", platforms, due, limit, err)
	}
	for _, d := range ds {
		if d.DeliveryKey.Alert != d.Alert.ID || d.Alert.ID == 0 {
			f.t.Errorf("delivery %s: key names alert %d, its Alert has ID %d", deliveryName(d), d.DeliveryKey.Alert, d.Alert.ID)
		}
	}
	return ds
}

// allPending returns every pending delivery.
func (f *fixture) allPending() []rumours.Delivery {
	f.t.Helper()
	return f.pending(everyPlatform, later, 1_000_000)
}

func (f *fixture) counts() rumours.DeliveryCounts {
	f.t.Helper()
	c, err := f.s.CountDeliveries(f.ctx)
	if err != nil {
		f.t.Fatalf("CountDeliveries: %v", err)
	}
	return c
}

// deliveryName names a delivery in test messages and comparisons.
func deliveryName(d rumours.Delivery) string {
	return fmt.Sprintf("%s/%s: %s -> %s", d.Platform, d.Channel, d.Alert.Player, d.Alert.Club)
}

func deliveryNames(ds []rumours.Delivery) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = deliveryName(d)
	}
	return out
}

// channelsOf returns the "platform/channel" of each delivery, sorted.
func channelsOf(ds []rumours.Delivery) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Platform + "/" + d.Channel
	}
	return sorted(out)
}

func keysOf(ds []rumours.Delivery) []rumours.DeliveryKey {
	out := make([]rumours.DeliveryKey, len(ds))
	for i, d := range ds {
		out[i] = d.DeliveryKey
	}
	return out
}

// keyOf returns the key of the delivery to platform/channel in ds.
func keyOf(t *testing.T, ds []rumours.Delivery, platform, channel string) rumours.DeliveryKey {
	t.Helper()
	for _, d := range ds {
		if d.Platform == platform && d.Channel == channel {
			return d.DeliveryKey
		}
	}
	t.Fatalf("no delivery to %s/%s in %q", platform, channel, deliveryNames(ds))
	return rumours.DeliveryKey{}
}

// deliveryOrder compares deliveries in PendingDeliveries' order.
func deliveryOrder(a, b rumours.Delivery) int {
	return cmp.Or(cmp.Compare(a.Alert.Cycle, b.Alert.Cycle), strings.Compare(a.Alert.Player, b.Alert.Player),
		strings.Compare(a.Platform, b.Platform), strings.Compare(a.Channel, b.Channel),
		cmp.Compare(a.DeliveryKey.Alert, b.DeliveryKey.Alert))
}

// diffAlert describes how got differs from want, ignoring ID; "" when they
// match. Times compare with Equal; a nil Ranking equals an empty one.
func diffAlert(got, want rumours.Alert) string {
	var d []string
	if !got.Created.Equal(want.Created) {
		d = append(d, fmt.Sprintf("Created %v, want %v", got.Created, want.Created))
	}
	if !got.Published.Equal(want.Published) {
		d = append(d, fmt.Sprintf("Published %v, want %v", got.Published, want.Published))
	}
	g, w := got, want
	g.ID, w.ID = 0, 0
	g.Created, w.Created, g.Published, w.Published = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if len(g.Ranking) == 0 && len(w.Ranking) == 0 {
		g.Ranking, w.Ranking = nil, nil
	}
	if !reflect.DeepEqual(g, w) {
		d = append(d, fmt.Sprintf("got  %+v\nwant %+v", g, w))
	}
	return strings.Join(d, "\n")
}

// testDuplicateGUID: a second article with a stored GUID is refused, by
// SaveArticle and SaveArticles, and stores nothing.
func testDuplicateGUID(t *testing.T, f *fixture) {
	first := f.article(day(2025, 2, 1))
	first.GUID = "https://feed.example/rss#item-1"
	f.save(first, link("GUID Original", "GUID FC"))

	again := f.article(day(2025, 2, 2)) // new URL and text hash, same GUID
	again.GUID = first.GUID
	if _, err := f.s.SaveArticle(f.ctx, again, []rumours.Link{link("GUID Copy", "GUID FC")}); !errors.Is(err, rumours.ErrDuplicate) {
		t.Fatalf("SaveArticle with a stored GUID: err = %v, want ErrDuplicate", err)
	}
	checkNothingStored(t, f, 1, "GUID Copy")

	f.subscribe(sub("telegram", "1", rumours.KindPlayer, "GUID Batch Copy", rumours.StageUnknown))
	inBatch := f.article(day(2025, 2, 3))
	inBatch.GUID = "https://feed.example/rss#item-2"
	batchCopy := f.article(day(2025, 2, 3))
	batchCopy.GUID = inBatch.GUID
	storedCopy := f.article(day(2025, 2, 3))
	storedCopy.GUID = first.GUID
	_, errs := f.s.SaveArticles(f.ctx, []rumours.NewArticle{
		{Article: inBatch, Links: []rumours.Link{link("GUID Batch", "GUID FC")}},
		{Article: batchCopy, Links: []rumours.Link{link("GUID Batch Copy", "GUID FC")},
			Alerts: []rumours.Alert{newAlert("GUID Batch Copy", "GUID FC", rumours.Talks, rumours.StageUnknown)}},
		{Article: storedCopy, Links: []rumours.Link{link("GUID Batch Copy", "GUID FC")}},
	})
	if errs[0] != nil {
		t.Errorf("SaveArticles: new GUID: %v", errs[0])
	}
	for i, what := range map[int]string{1: "earlier in the batch", 2: "stored"} {
		if !errors.Is(errs[i], rumours.ErrDuplicate) {
			t.Errorf("SaveArticles: GUID %s: err = %v, want ErrDuplicate", what, errs[i])
		}
	}
	checkNothingStored(t, f, 2, "GUID Batch Copy")
	if c := f.counts(); c != (rumours.DeliveryCounts{}) {
		t.Errorf("a refused article's alert was written: CountDeliveries = %+v", c)
	}

	// Articles without a GUID do not collide.
	for range 2 {
		f.save(f.article(day(2025, 2, 4)))
	}
	if n := f.count(); n != 4 {
		t.Errorf("CountArticles = %d, want 4", n)
	}
}

func testKnownArticles(t *testing.T, f *fixture) {
	feedItem := f.article(day(2025, 3, 1))
	feedItem.GUID = "feed-a#1"
	page := f.article(day(2025, 3, 1)) // a URL, no GUID
	local := f.article(day(2025, 3, 1))
	local.URL, local.GUID = "", "feed-b#1"
	for _, a := range []rumours.StoredArticle{feedItem, page, local} {
		f.save(a)
	}
	tests := []struct {
		name string
		key  rumours.ArticleKey
		want bool
	}{
		{"GUID", rumours.ArticleKey{GUID: "feed-a#1"}, true},
		{"GUID of an article without URL", rumours.ArticleKey{GUID: "feed-b#1"}, true},
		{"URL", rumours.ArticleKey{URL: page.URL}, true},
		{"URL of an article with a GUID", rumours.ArticleKey{URL: feedItem.URL}, true},
		{"both", rumours.ArticleKey{GUID: "feed-a#1", URL: feedItem.URL}, true},
		{"known GUID, new URL", rumours.ArticleKey{GUID: "feed-a#1", URL: "https://new.example/1"}, true},
		{"new GUID, known URL", rumours.ArticleKey{GUID: "feed-a#999", URL: page.URL}, true},
		{"unknown", rumours.ArticleKey{GUID: "feed-a#999", URL: "https://new.example/1"}, false},
		{"unknown GUID", rumours.ArticleKey{GUID: "feed-c#1"}, false},
		{"a URL as GUID", rumours.ArticleKey{GUID: page.URL}, false},
		{"a GUID as URL", rumours.ArticleKey{URL: "feed-a#1"}, false},
		{"empty key", rumours.ArticleKey{}, false},
	}
	keys := make([]rumours.ArticleKey, len(tests))
	for i, tc := range tests {
		keys[i] = tc.key
	}
	got, err := f.s.KnownArticles(f.ctx, keys)
	if err != nil {
		t.Fatalf("KnownArticles: %v", err)
	}
	if len(got) != len(tests) {
		t.Fatalf("KnownArticles(%d keys) = %d answers", len(tests), len(got))
	}
	for i, tc := range tests {
		if got[i] != tc.want {
			t.Errorf("%s: KnownArticles(%+v) = %t, want %t", tc.name, tc.key, got[i], tc.want)
		}
	}
	if got, err := f.s.KnownArticles(f.ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("KnownArticles(nil) = %v, %v; want no answers", got, err)
	}

	// Many keys, repeats included.
	const n = 10_000
	many := make([]rumours.ArticleKey, n)
	for i := range many {
		many[i] = rumours.ArticleKey{GUID: fmt.Sprintf("feed-many#%d", i), URL: fmt.Sprintf("https://many.example/%d", i)}
	}
	known := map[int]bool{0: true, 4999: true, n - 1: true}
	many[4999].GUID = "feed-a#1"
	many[n-1] = rumours.ArticleKey{URL: page.URL}
	many[7] = many[4999] // a repeat
	known[7] = true
	zero := f.article(day(2025, 3, 2))
	zero.GUID = many[0].GUID
	f.save(zero)
	got, err = f.s.KnownArticles(f.ctx, many)
	if err != nil {
		t.Fatalf("KnownArticles(%d keys): %v", n, err)
	}
	if len(got) != n {
		t.Fatalf("KnownArticles(%d keys) = %d answers", n, len(got))
	}
	for i, k := range got {
		if k != known[i] {
			t.Errorf("KnownArticles(%d keys): key %d %+v = %t, want %t", n, i, many[i], k, known[i])
		}
	}
}

// testAlertFanOut: an alert goes to each active channel that follows its
// player, its club or its from club, once.
func testAlertFanOut(t *testing.T, f *fixture) {
	const player, club, from = "Mohamed Salah", "Al-Ittihad", "Liverpool"
	f.subscribe(
		sub("telegram", "player", rumours.KindPlayer, player, rumours.StageUnknown),
		sub("telegram", "club", rumours.KindClub, club, rumours.StageUnknown),
		sub("telegram", "from", rumours.KindClub, from, rumours.Talks),
		sub("discord", "both", rumours.KindPlayer, player, rumours.StageUnknown),
		sub("discord", "both", rumours.KindClub, club, rumours.Speculation),
		sub("discord", "all three", rumours.KindPlayer, player, rumours.StageUnknown),
		sub("discord", "all three", rumours.KindClub, club, rumours.StageUnknown),
		sub("discord", "all three", rumours.KindClub, from, rumours.StageUnknown),
		// No delivery for these:
		rumours.Subscription{Platform: "console", Channel: "paused", Kind: rumours.KindPlayer, Target: player},
		sub("telegram", "other player", rumours.KindPlayer, "Darwin Núñez", rumours.StageUnknown),
		sub("telegram", "other club", rumours.KindClub, "Chelsea", rumours.StageUnknown),
		sub("telegram", "player as club", rumours.KindClub, player, rumours.StageUnknown),
		sub("telegram", "club as player", rumours.KindPlayer, club, rumours.StageUnknown),
		sub("telegram", "club too weak", rumours.KindClub, club, rumours.Bid),
		sub("telegram", "player too weak", rumours.KindPlayer, player, rumours.Done),
	)
	a := newAlert(player, club, rumours.Talks, rumours.Interest)
	a.From = from
	art := f.article(day(2025, 1, 31))
	f.saveArticleAlerts(art, a)
	// The other player's alert has no from club: no club subscriber hears
	// of it but its own.
	f.saveAlerts(newAlert("Darwin Núñez", "Al-Hilal", rumours.Speculation, rumours.StageUnknown))

	want := []string{
		"discord/all three: Mohamed Salah -> Al-Ittihad",
		"discord/both: Mohamed Salah -> Al-Ittihad",
		"telegram/club: Mohamed Salah -> Al-Ittihad",
		"telegram/from: Mohamed Salah -> Al-Ittihad",
		"telegram/other player: Darwin Núñez -> Al-Hilal",
		"telegram/player: Mohamed Salah -> Al-Ittihad",
	}
	got := f.allPending()
	if names := sorted(deliveryNames(got)); !slices.Equal(names, want) {
		t.Errorf("deliveries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: len(want)}) {
		t.Errorf("CountDeliveries = %+v, want %d pending", c, len(want))
	}
	// Each delivery names the subscription that asked for it: the player's
	// when the channel follows him, else the destination's, else the from
	// club's.
	via := map[string]string{}
	for _, d := range got {
		via[d.Platform+"/"+d.Channel] = string(d.Kind) + " " + d.Target
	}
	wantVia := map[string]string{
		"discord/all three":     "player " + player,
		"discord/both":          "player " + player,
		"telegram/club":         "club " + club,
		"telegram/from":         "club " + from,
		"telegram/other player": "player Darwin Núñez",
		"telegram/player":       "player " + player,
	}
	if !maps.Equal(via, wantVia) {
		t.Errorf("deliveries name the subscriptions %v, want %v", via, wantVia)
	}

	// A duplicate article writes no alert.
	dup := f.article(day(2025, 2, 1))
	dup.URL = art.URL
	_, errs := f.s.SaveArticles(f.ctx, []rumours.NewArticle{{Article: dup, Alerts: []rumours.Alert{a}}})
	if !errors.Is(errs[0], rumours.ErrDuplicate) {
		t.Fatalf("SaveArticles of a duplicate: err = %v, want ErrDuplicate", errs[0])
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: len(want)}) {
		t.Errorf("after a duplicate article CountDeliveries = %+v, want %d pending", c, len(want))
	}
}

// testAlertMinStage: a subscription hears of an alert when the alert
// reaches its minimum stage (rumours.Alert.Reaches).
func testAlertMinStage(t *testing.T, f *fixture) {
	const (
		unknown = rumours.StageUnknown
		spec    = rumours.Speculation
		talks   = rumours.Talks
		bid     = rumours.Bid
	)
	tests := []struct {
		stage, previous, min rumours.Stage
		want                 bool
	}{
		{talks, unknown, unknown, true},
		{talks, unknown, talks, true},
		{talks, unknown, bid, false},
		{rumours.Done, rumours.Agreed, spec, true},
		{rumours.Interest, spec, talks, false},
		{rumours.Denied, talks, talks, true}, // the fan heard of the talks
		{rumours.Denied, bid, talks, true},
		{rumours.Denied, rumours.Interest, talks, false},
		{rumours.Denied, unknown, talks, false},
		{rumours.Denied, unknown, unknown, true},
		{rumours.Off, rumours.Medical, bid, true},
		{rumours.Off, rumours.Denied, spec, false},
		{spec, rumours.Off, spec, true}, // back on
		{rumours.Done, talks, rumours.Denied, false},
	}
	var alerts []rumours.Alert
	for i, tc := range tests {
		a := newAlert(fmt.Sprintf("Stage Player %d", i), "Stage FC", tc.stage, tc.previous)
		a.From = fmt.Sprintf("From FC %d", i)
		if a.Reaches(tc.min) != tc.want {
			t.Fatalf("case %d: the table disagrees with Alert.Reaches", i)
		}
		alerts = append(alerts, a)
		f.subscribe(sub("telegram", fmt.Sprintf("player %d", i), rumours.KindPlayer, a.Player, tc.min))
		// The same rule holds for a club subscriber.
		f.subscribe(sub("discord", fmt.Sprintf("club %d", i), rumours.KindClub, a.From, tc.min))
	}
	f.saveAlerts(alerts...)
	got := map[string]bool{}
	for _, d := range f.allPending() {
		got[d.Platform+"/"+d.Channel] = true
	}
	for i, tc := range tests {
		for _, ch := range []string{fmt.Sprintf("telegram/player %d", i), fmt.Sprintf("discord/club %d", i)} {
			if got[ch] != tc.want {
				t.Errorf("%s alert (previous %s), minimum stage %s: delivered to %s %t, want %t",
					tc.stage, tc.previous, tc.min, ch, got[ch], tc.want)
			}
		}
	}
}

// testAlertRoundTrip: PendingDeliveries returns the alerts as written.
func testAlertRoundTrip(t *testing.T, f *fixture) {
	const player = "Kylian Mbappé"
	f.subscribe(sub("telegram", "-100123", rumours.KindPlayer, player, rumours.StageUnknown))
	full := rumours.Alert{
		Cycle:     1738324800123,
		Created:   time.Date(2025, 1, 31, 14, 5, 6, 123456789, time.FixedZone("CEST", 2*3600)),
		Player:    player,
		Club:      "Real Madrid",
		From:      "Paris Saint-Germain",
		Stage:     rumours.Agreed,
		Previous:  rumours.Talks,
		Outlet:    "L'Équipe",
		Published: day(2025, 1, 30),
		Title:     `Mbappé "agrees" terms — <b>done</b> & dusted 🚀`,
		Quote:     "tab\tand\nnewline, back\\slash, 'quotes', 손흥민",
		URL:       "https://www.lequipe.fr/x?y=1&z=2",
		Current:   "Paris Saint-Germain",
		Ranking:   []rumours.Share{{Club: "Real Madrid", Share: 0.7}, {Club: "Liverpool", Share: 0.1}, {Club: "Arsenal", Share: 1.0 / 3}},
		Stays:     0.2,
	}
	negative := newAlert(player, "Liverpool", rumours.Denied, rumours.Bid)
	minimal := rumours.Alert{Player: player, Club: "Arsenal", Stage: rumours.Speculation} // zero times
	before := time.Now()
	f.saveAlerts(full, negative, minimal)
	after := time.Now()

	got := f.pending([]string{"telegram"}, later, 0)
	if len(got) != 3 {
		t.Fatalf("PendingDeliveries = %q, want 3 deliveries", deliveryNames(got))
	}
	ids := map[int64]bool{}
	for _, d := range got {
		if ids[d.Alert.ID] {
			t.Errorf("alert ID %d given twice", d.Alert.ID)
		}
		ids[d.Alert.ID] = true
		if d.Platform != "telegram" || d.Channel != "-100123" || d.Attempts != 0 {
			t.Errorf("delivery %+v, want to telegram/-100123 with 0 attempts", d.DeliveryKey)
		}
		var want rumours.Alert
		switch d.Alert.Club {
		case full.Club:
			want = full
		case negative.Club:
			want = negative
		case minimal.Club:
			want = minimal
			c := d.Alert.Created
			if c.Before(before.Round(0)) || c.After(after.Round(0)) {
				t.Errorf("zero Created became %v, want the time of saving (%v..%v)", c, before, after)
			}
			want.Created = c
		}
		if diff := diffAlert(d.Alert, want); diff != "" {
			t.Errorf("alert about %s did not round-trip:\n%s", d.Alert.Club, diff)
		}
	}
}

// testDeliveryOrder: PendingDeliveries orders by cycle, player, platform,
// channel and alert, filters by platform and stops at the limit.
func testDeliveryOrder(t *testing.T, f *fixture) {
	for _, platform := range []string{"telegram", "discord"} {
		for _, channel := range []string{"2", "10", "1"} {
			for _, player := range []string{"Bravo", "Alpha"} {
				f.subscribe(sub(platform, channel, rumours.KindPlayer, player, rumours.StageUnknown))
			}
		}
	}
	mk := func(cycle int64, player, club string) rumours.Alert {
		a := newAlert(player, club, rumours.Talks, rumours.StageUnknown)
		a.Cycle = cycle
		return a
	}
	// Stored in an order unlike the one wanted.
	f.saveAlerts(mk(2, "Alpha", "Club A"), mk(1, "Bravo", "Club B"))
	f.saveAlerts(mk(1, "Alpha", "Club C"), mk(2, "Bravo", "Club D"))
	f.saveAlerts(mk(1, "Alpha", "Club E"))
	f.saveAlerts(mk(-1, "Zulu", "Club F")) // followed by nobody

	both := []string{"telegram", "discord"}
	all := f.pending(both, later, 0)
	if len(all) != 5*6 {
		t.Fatalf("PendingDeliveries = %d deliveries, want 30: %q", len(all), deliveryNames(all))
	}
	if !slices.IsSortedFunc(all, deliveryOrder) {
		t.Errorf("PendingDeliveries not in order:\n%s", strings.Join(deliveryNames(all), "\n"))
	}
	if first := sorted(deliveryNames(all[:2])); !slices.Equal(first, []string{
		"discord/1: Alpha -> Club C", "discord/1: Alpha -> Club E",
	}) {
		t.Errorf("first deliveries %q, want cycle 1's about Alpha to discord/1", first)
	}
	for _, limit := range []int{1, 3, 7, 29, 30, 31} {
		got := f.pending(both, later, limit)
		if want := all[:min(limit, len(all))]; !slices.Equal(deliveryNames(got), deliveryNames(want)) {
			t.Errorf("limit %d: %q, want %q", limit, deliveryNames(got), deliveryNames(want))
		}
	}
	var telegram []rumours.Delivery
	for _, d := range all {
		if d.Platform == "telegram" {
			telegram = append(telegram, d)
		}
	}
	platforms := []struct {
		name      string
		platforms []string
		want      []rumours.Delivery
	}{
		{"one platform", []string{"telegram"}, telegram},
		{"listed twice", []string{"telegram", "telegram"}, telegram},
		{"unknown platform too", []string{"irc", "telegram"}, telegram},
		{"unknown platform", []string{"irc"}, nil},
		{"no platforms", []string{}, nil},
		{"nil", nil, nil},
	}
	for _, tc := range platforms {
		got := f.pending(tc.platforms, later, 0)
		if !slices.Equal(deliveryNames(got), deliveryNames(tc.want)) {
			t.Errorf("%s: PendingDeliveries(%q) = %q, want %q", tc.name, tc.platforms, deliveryNames(got), deliveryNames(tc.want))
		}
	}
}

// testDeliveryDue: a new delivery is due at once; a retried one at its next
// attempt, compared as a time to the nanosecond.
func testDeliveryDue(t *testing.T, f *fixture) {
	f.subscribe(
		sub("telegram", "1", rumours.KindPlayer, "Due Player", rumours.StageUnknown),
		sub("telegram", "2", rumours.KindPlayer, "Due Player", rumours.StageUnknown),
	)
	f.saveAlerts(newAlert("Due Player", "Due FC", rumours.Talks, rumours.StageUnknown))
	tg := []string{"telegram"}
	now := time.Now()
	ds := f.pending(tg, now, 0)
	if got := channelsOf(ds); !slices.Equal(got, []string{"telegram/1", "telegram/2"}) {
		t.Fatalf("new deliveries due now: %q, want both", got)
	}
	retried := keyOf(t, ds, "telegram", "1")
	next := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC) // a whole second
	if err := f.s.RetryDeliveries(f.ctx, []rumours.DeliveryKey{retried}, next, "429 Too Many Requests"); err != nil {
		t.Fatalf("RetryDeliveries: %v", err)
	}
	tests := []struct {
		name string
		due  time.Time
		want []string
	}{
		{"now", now, []string{"telegram/2"}},
		{"a nanosecond before", next.Add(-time.Nanosecond), []string{"telegram/2"}},
		{"at the next attempt", next, []string{"telegram/1", "telegram/2"}},
		{"half a second after", next.Add(500 * time.Millisecond), []string{"telegram/1", "telegram/2"}},
		{"at the next attempt in another zone", next.In(time.FixedZone("EST", -5*3600)), []string{"telegram/1", "telegram/2"}},
		{"an hour before, in a zone ahead", next.Add(-time.Hour).In(time.FixedZone("X", 3*3600)), []string{"telegram/2"}},
	}
	for _, tc := range tests {
		if got := channelsOf(f.pending(tg, tc.due, 0)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: due %q, want %q", tc.name, got, tc.want)
		}
	}
	attempts := func() int {
		t.Helper()
		for _, d := range f.pending(tg, later, 0) {
			if d.DeliveryKey == retried {
				return d.Attempts
			}
		}
		t.Fatal("the retried delivery is gone")
		return 0
	}
	if n := attempts(); n != 1 {
		t.Errorf("after one retry Attempts = %d, want 1", n)
	}
	// A second retry counts again and moves the next attempt, here back.
	next2 := next.Add(-time.Hour + 123)
	if err := f.s.RetryDeliveries(f.ctx, []rumours.DeliveryKey{retried}, next2, "timeout"); err != nil {
		t.Fatalf("RetryDeliveries: %v", err)
	}
	if n := attempts(); n != 2 {
		t.Errorf("after two retries Attempts = %d, want 2", n)
	}
	for due, want := range map[time.Time]int{next2.Add(-1): 1, next2: 2} {
		if got := f.pending(tg, due, 0); len(got) != want {
			t.Errorf("due %v after the second retry: %q, want %d", due, deliveryNames(got), want)
		}
	}
}

// testDeliveryStates: MarkSent, RetryDeliveries and DropDeliveries change
// pending deliveries only; CountDeliveries follows.
func testDeliveryStates(t *testing.T, f *fixture) {
	for _, ch := range []string{"a", "b", "c", "d"} {
		f.subscribe(sub("telegram", ch, rumours.KindPlayer, "State Player", rumours.StageUnknown))
	}
	f.saveAlerts(newAlert("State Player", "State FC", rumours.Talks, rumours.StageUnknown))
	initial := f.allPending()
	k := func(ch string) rumours.DeliveryKey { return keyOf(t, initial, "telegram", ch) }
	keys := func(chs ...string) []rumours.DeliveryKey {
		var out []rumours.DeliveryKey
		for _, ch := range chs {
			out = append(out, k(ch))
		}
		return out
	}
	ctx, sentAt, past := f.ctx, alertTime.Add(time.Minute), alertTime.Add(-time.Hour)
	unknown := []rumours.DeliveryKey{
		{Alert: k("a").Alert + 1000, Platform: "telegram", Channel: "a"},
		{Alert: k("a").Alert, Platform: "discord", Channel: "a"},
		{Alert: k("a").Alert, Platform: "telegram", Channel: "zz"},
	}
	steps := []struct {
		name    string
		do      func() error
		counts  rumours.DeliveryCounts
		pending []string // channels
	}{
		{"start", func() error { return nil }, rumours.DeliveryCounts{Pending: 4}, []string{"a", "b", "c", "d"}},
		{"mark a sent", func() error { return f.s.MarkSent(ctx, keys("a"), sentAt) },
			rumours.DeliveryCounts{Pending: 3, Sent: 1}, []string{"b", "c", "d"}},
		{"drop b", func() error { return f.s.DropDeliveries(ctx, keys("b"), "403 Forbidden: bot was blocked") },
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"mark dropped b sent", func() error { return f.s.MarkSent(ctx, keys("b"), sentAt) },
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"retry dropped b", func() error { return f.s.RetryDeliveries(ctx, keys("b"), past, "again") },
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"retry sent a", func() error { return f.s.RetryDeliveries(ctx, keys("a"), past, "again") },
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"drop sent a", func() error { return f.s.DropDeliveries(ctx, keys("a"), "too late") },
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"mark a sent again", func() error { return f.s.MarkSent(ctx, keys("a"), sentAt) },
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"unknown keys", func() error {
			return errors.Join(f.s.MarkSent(ctx, unknown, sentAt), f.s.RetryDeliveries(ctx, unknown, past, "x"),
				f.s.DropDeliveries(ctx, unknown, "x"))
		}, rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"no keys", func() error {
			return errors.Join(f.s.MarkSent(ctx, nil, sentAt), f.s.RetryDeliveries(ctx, nil, past, "x"),
				f.s.DropDeliveries(ctx, []rumours.DeliveryKey{}, "x"))
		}, rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"retry c", func() error { return f.s.RetryDeliveries(ctx, keys("c"), past, "timeout") },
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 1}, []string{"c", "d"}},
		{"mark c, d and the sent a sent", func() error { return f.s.MarkSent(ctx, keys("c", "d", "a"), sentAt) },
			rumours.DeliveryCounts{Sent: 3, Dropped: 1}, nil},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if c := f.counts(); c != st.counts {
			t.Errorf("%s: CountDeliveries = %+v, want %+v", st.name, c, st.counts)
		}
		var want []string
		for _, ch := range st.pending {
			want = append(want, "telegram/"+ch)
		}
		got := f.allPending()
		if chs := channelsOf(got); !slices.Equal(chs, want) {
			t.Errorf("%s: pending %q, want %q", st.name, chs, want)
		}
		for _, d := range got {
			wantAttempts := 0
			if d.Channel == "c" && st.name == "retry c" {
				wantAttempts = 1
			}
			if d.Attempts != wantAttempts {
				t.Errorf("%s: %s has %d attempts, want %d", st.name, deliveryName(d), d.Attempts, wantAttempts)
			}
		}
	}
}

// testDropChannel: DropChannelDeliveries drops a channel's pending
// deliveries, and no other.
func testDropChannel(t *testing.T, f *fixture) {
	f.subscribe(
		sub("telegram", "-100", rumours.KindPlayer, "Drop Player", rumours.StageUnknown),
		sub("telegram", "-200", rumours.KindPlayer, "Drop Player", rumours.StageUnknown),
		sub("discord", "-100", rumours.KindPlayer, "Drop Player", rumours.StageUnknown),
	)
	for _, club := range []string{"One FC", "Two FC", "Three FC"} {
		f.saveAlerts(newAlert("Drop Player", club, rumours.Talks, rumours.StageUnknown))
	}
	all := f.allPending()
	var sent rumours.DeliveryKey
	for _, d := range all {
		if d.Platform == "telegram" && d.Channel == "-100" && d.Alert.Club == "One FC" {
			sent = d.DeliveryKey
		}
	}
	if err := f.s.MarkSent(f.ctx, []rumours.DeliveryKey{sent}, alertTime); err != nil {
		t.Fatalf("MarkSent: %v", err)
	}
	steps := []struct {
		platform, channel string
		dropped           int
		counts            rumours.DeliveryCounts
	}{
		{"telegram", "-100", 2, rumours.DeliveryCounts{Pending: 6, Sent: 1, Dropped: 2}},
		{"telegram", "-100", 0, rumours.DeliveryCounts{Pending: 6, Sent: 1, Dropped: 2}},
		{"telegram", "-999", 0, rumours.DeliveryCounts{Pending: 6, Sent: 1, Dropped: 2}},
		{"discord", "-100", 3, rumours.DeliveryCounts{Pending: 3, Sent: 1, Dropped: 5}},
	}
	for _, st := range steps {
		n, err := f.s.DropChannelDeliveries(f.ctx, st.platform, st.channel, "chat not found")
		if err != nil {
			t.Fatalf("DropChannelDeliveries(%s/%s): %v", st.platform, st.channel, err)
		}
		if n != st.dropped {
			t.Errorf("DropChannelDeliveries(%s/%s) = %d, want %d", st.platform, st.channel, n, st.dropped)
		}
		if c := f.counts(); c != st.counts {
			t.Errorf("after dropping %s/%s CountDeliveries = %+v, want %+v", st.platform, st.channel, c, st.counts)
		}
	}
	if got := channelsOf(f.allPending()); !slices.Equal(got, []string{"telegram/-200", "telegram/-200", "telegram/-200"}) {
		t.Errorf("pending %q, want the three to telegram/-200", got)
	}
}

// testExpireDeliveries: ExpireDeliveries drops and returns the pending
// deliveries of alerts created before the cutoff.
func testExpireDeliveries(t *testing.T, f *fixture) {
	f.subscribe(
		sub("telegram", "a", rumours.KindPlayer, "Old Player", rumours.StageUnknown),
		sub("telegram", "b", rumours.KindPlayer, "Old Player", rumours.StageUnknown),
	)
	t1 := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	t2 := t1.Add(time.Hour)
	t3 := t2.Add(time.Hour)
	var alerts []rumours.Alert
	for i, c := range []time.Time{t1, t2, t3} {
		a := newAlert("Old Player", fmt.Sprintf("Club %d", i+1), rumours.Bid, rumours.Talks)
		a.Created, a.Quote = c, fmt.Sprintf("quote %d", i+1)
		alerts = append(alerts, a)
	}
	f.saveAlerts(alerts...)
	all := f.allPending()
	var sentB1, retryA1 rumours.DeliveryKey
	for _, d := range all {
		if d.Alert.Club == "Club 1" {
			if d.Channel == "b" {
				sentB1 = d.DeliveryKey
			} else {
				retryA1 = d.DeliveryKey
			}
		}
	}
	if err := f.s.MarkSent(f.ctx, []rumours.DeliveryKey{sentB1}, t1); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RetryDeliveries(f.ctx, []rumours.DeliveryKey{retryA1}, later, "flood wait"); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		cutoff time.Time
		want   []string // deliveries expired
		counts rumours.DeliveryCounts
	}{
		{"nothing older", t1, nil, rumours.DeliveryCounts{Pending: 5, Sent: 1}},
		{"created at the cutoff stays", t2, []string{"telegram/a: Old Player -> Club 1"}, rumours.DeliveryCounts{Pending: 4, Sent: 1, Dropped: 1}},
		{"again", t2, nil, rumours.DeliveryCounts{Pending: 4, Sent: 1, Dropped: 1}},
		{"a nanosecond later", t2.Add(1).In(time.FixedZone("X", -3600)),
			[]string{"telegram/a: Old Player -> Club 2", "telegram/b: Old Player -> Club 2"},
			rumours.DeliveryCounts{Pending: 2, Sent: 1, Dropped: 3}},
	}
	for _, st := range steps {
		got, err := f.s.ExpireDeliveries(f.ctx, st.cutoff, "expired")
		if err != nil {
			t.Fatalf("%s: ExpireDeliveries: %v", st.name, err)
		}
		if names := sorted(deliveryNames(got)); !slices.Equal(names, st.want) {
			t.Errorf("%s: ExpireDeliveries(%v) = %q, want %q", st.name, st.cutoff, names, st.want)
		}
		for _, d := range got {
			i := slices.IndexFunc(alerts, func(a rumours.Alert) bool { return a.Club == d.Alert.Club })
			if diff := diffAlert(d.Alert, alerts[i]); diff != "" {
				t.Errorf("%s: expired alert:\n%s", st.name, diff)
			}
			if d.DeliveryKey.Alert != d.Alert.ID {
				t.Errorf("%s: expired delivery's key names alert %d, its Alert is %d", st.name, d.DeliveryKey.Alert, d.Alert.ID)
			}
			wantAttempts := 0
			if d.DeliveryKey == retryA1 {
				wantAttempts = 1
			}
			if d.Attempts != wantAttempts {
				t.Errorf("%s: %s expired with %d attempts, want %d", st.name, deliveryName(d), d.Attempts, wantAttempts)
			}
		}
		if c := f.counts(); c != st.counts {
			t.Errorf("%s: CountDeliveries = %+v, want %+v", st.name, c, st.counts)
		}
	}
	if got := sorted(deliveryNames(f.allPending())); !slices.Equal(got, []string{
		"telegram/a: Old Player -> Club 3", "telegram/b: Old Player -> Club 3",
	}) {
		t.Errorf("still pending %q, want Club 3's", got)
	}
}

// testAlertFailedArticle: the alerts of an article that is not stored are
// not written, and do not disturb the rest of the batch.
func testAlertFailedArticle(t *testing.T, f *fixture) {
	players := []string{"Good One", "Half Written", "Bad Alert", "Dup Alert", "Good Two"}
	for _, p := range players {
		f.subscribe(sub("telegram", "1", rumours.KindPlayer, p, rumours.StageUnknown))
	}
	alert := func(player string) rumours.Alert {
		return newAlert(player, player+" FC", rumours.Talks, rumours.StageUnknown)
	}
	stored := f.article(day(2025, 4, 1))
	f.save(stored)

	badLink := link("Half Written", "Half FC")
	badLink.Stage = rumours.StageUnknown
	dup := f.article(day(2025, 4, 2))
	dup.URL = stored.URL
	batch := []rumours.NewArticle{
		{Article: f.article(day(2025, 4, 2)), Links: []rumours.Link{link("Good One", "X FC")},
			Alerts: []rumours.Alert{alert("Good One")}},
		{Article: f.article(day(2025, 4, 2)), Links: []rumours.Link{link("Half Written", "Half FC"), badLink},
			Alerts: []rumours.Alert{alert("Half Written")}},
		{Article: f.article(day(2025, 4, 2)), Links: []rumours.Link{link("Bad Alert", "Y FC")},
			Alerts: []rumours.Alert{alert("Bad Alert"), {Player: "Bad Alert", Stage: rumours.Talks}}}, // no club
		{Article: dup, Links: []rumours.Link{link("Dup Alert", "Z FC")}, Alerts: []rumours.Alert{alert("Dup Alert")}},
		{Article: f.article(day(2025, 4, 2)), Alerts: []rumours.Alert{alert("Good Two")}},
	}
	ids, errs := f.s.SaveArticles(f.ctx, batch)
	for _, i := range []int{0, 4} {
		if errs[i] != nil || ids[i] <= 0 {
			t.Errorf("article %d: id %d, err %v; want stored", i, ids[i], errs[i])
		}
	}
	for _, i := range []int{1, 2} {
		if errs[i] == nil || errors.Is(errs[i], rumours.ErrDuplicate) {
			t.Errorf("article %d (invalid link or alert): err %v, want a validation error", i, errs[i])
		}
	}
	if !errors.Is(errs[3], rumours.ErrDuplicate) {
		t.Errorf("duplicate article: err %v, want ErrDuplicate", errs[3])
	}
	want := []string{"telegram/1: Good One -> Good One FC", "telegram/1: Good Two -> Good Two FC"}
	if got := sorted(deliveryNames(f.allPending())); !slices.Equal(got, want) {
		t.Errorf("deliveries %q, want %q", got, want)
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: 2}) {
		t.Errorf("CountDeliveries = %+v, want 2 pending", c)
	}
	if n := f.count(); n != 3 {
		t.Errorf("CountArticles = %d, want 3", n)
	}
	if ev := f.playerEvidence("Bad Alert", time.Time{}); len(ev) != 0 {
		t.Errorf("the article with an invalid alert left %d links", len(ev))
	}
}

// testFanOutMany: an alert reaches 10,000 channels, and the delivery
// methods take 10,000 keys.
func testFanOutMany(t *testing.T, f *fixture) {
	n := 10_000
	if testing.Short() {
		n = 1000
	}
	for i := range n {
		ch := fmt.Sprintf("chat-%05d", i)
		f.subscribe(sub("telegram", ch, rumours.KindPlayer, "Popular Player", rumours.StageUnknown))
		if i%2 == 0 { // follows the club too: still one delivery
			f.subscribe(sub("telegram", ch, rumours.KindClub, "Popular FC", rumours.Talks))
		}
	}
	f.saveAlerts(newAlert("Popular Player", "Popular FC", rumours.Talks, rumours.StageUnknown))
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: n}) {
		t.Fatalf("CountDeliveries = %+v, want %d pending", c, n)
	}
	ds := f.pending([]string{"telegram"}, later, n)
	if got := len(slices.Compact(channelsOf(ds))); len(ds) != n || got != n {
		t.Fatalf("PendingDeliveries = %d deliveries to %d channels, want %d", len(ds), got, n)
	}
	keys := keysOf(ds)
	if err := f.s.RetryDeliveries(f.ctx, keys, alertTime, "rate limited"); err != nil {
		t.Fatalf("RetryDeliveries(%d keys): %v", n, err)
	}
	if err := f.s.MarkSent(f.ctx, keys[:n/2], alertTime); err != nil {
		t.Fatalf("MarkSent(%d keys): %v", n/2, err)
	}
	if err := f.s.DropDeliveries(f.ctx, keys, "gave up"); err != nil {
		t.Fatalf("DropDeliveries(%d keys): %v", n, err)
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Sent: n / 2, Dropped: n - n/2}) {
		t.Errorf("CountDeliveries = %+v, want %d sent and %d dropped", c, n/2, n-n/2)
	}
}

// testOutboxContextCancelled: the outbox methods fail with a cancelled
// context and change nothing.
func testOutboxContextCancelled(t *testing.T, f *fixture) {
	f.subscribe(sub("console", "c", rumours.KindPlayer, "Ctx Player", rumours.StageUnknown))
	f.saveAlerts(newAlert("Ctx Player", "Ctx FC", rumours.Talks, rumours.StageUnknown))
	keys := keysOf(f.allPending())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := []struct {
		name string
		call func() error
	}{
		{"KnownArticles", func() error {
			_, err := f.s.KnownArticles(ctx, []rumours.ArticleKey{{GUID: "x"}})
			return err
		}},
		{"PendingDeliveries", func() error {
			_, err := f.s.PendingDeliveries(ctx, everyPlatform, later, 0)
			return err
		}},
		{"MarkSent", func() error { return f.s.MarkSent(ctx, keys, alertTime) }},
		{"RetryDeliveries", func() error { return f.s.RetryDeliveries(ctx, keys, later, "x") }},
		{"DropDeliveries", func() error { return f.s.DropDeliveries(ctx, keys, "x") }},
		{"DropChannelDeliveries", func() error {
			_, err := f.s.DropChannelDeliveries(ctx, "console", "c", "x")
			return err
		}},
		{"ExpireDeliveries", func() error { _, err := f.s.ExpireDeliveries(ctx, later, "x"); return err }},
		{"CountDeliveries", func() error { _, err := f.s.CountDeliveries(ctx); return err }},
	}
	for _, c := range calls {
		if err := c.call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: err = %v, want one wrapping context.Canceled", c.name, err)
		}
	}
	ds := f.allPending()
	if len(ds) != 1 || ds[0].Attempts != 0 {
		t.Errorf("after cancelled calls pending = %+v, want the one untried delivery", ds)
	}
}

// testPruneAlerts: alerts older than the cutoff go with their deliveries
// once none is pending; newer ones and ones still pending stay.
func testPruneAlerts(t *testing.T, f *fixture) {
	f.subscribe(sub("telegram", "1", rumours.KindPlayer, "Mohamed Salah", rumours.StageUnknown))
	old := newAlert("Mohamed Salah", "Al-Ittihad", rumours.Talks, rumours.StageUnknown)
	f.saveAlerts(old)
	f.saveAlerts(old) // a second old alert, left pending
	recent := newAlert("Mohamed Salah", "Al-Hilal", rumours.Talks, rumours.StageUnknown)
	recent.Created = alertTime.Add(48 * time.Hour)
	f.saveAlerts(recent)
	all := f.allPending()
	if len(all) != 3 {
		t.Fatalf("%d pending deliveries, want 3", len(all))
	}
	// the first old one and the recent one are sent; the second old one waits
	var sent []rumours.DeliveryKey
	for _, d := range all {
		if d.Alert.Club == "Al-Hilal" || d.DeliveryKey.Alert == all[0].DeliveryKey.Alert {
			sent = append(sent, d.DeliveryKey)
		}
	}
	if err := f.s.MarkSent(f.ctx, sent, alertTime); err != nil {
		t.Fatal(err)
	}
	n, err := f.s.PruneAlerts(f.ctx, alertTime.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("PruneAlerts deleted %d alerts, want 1", n)
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: 1, Sent: 1}) {
		t.Errorf("after pruning CountDeliveries = %+v, want 1 pending (the old unsent one), 1 sent (the recent one)", c)
	}
	// many alerts: pruned in several small transactions, all of them
	for range 10 {
		f.saveAlerts(old)
	}
	if _, err := f.s.DropChannelDeliveries(f.ctx, "telegram", "1", "gone"); err != nil {
		t.Fatal(err)
	}
	n, err = f.s.PruneAlerts(f.ctx, alertTime.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n != 11 {
		t.Errorf("second PruneAlerts deleted %d alerts, want 11", n)
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Sent: 1}) {
		t.Errorf("after the second pruning CountDeliveries = %+v, want the recent sent one only", c)
	}
}

// testMoveChannelDeliveries: a channel that gets a new id takes its
// pending deliveries along; those the new id already has are dropped.
func testMoveChannelDeliveries(t *testing.T, f *fixture) {
	f.subscribe(
		sub("telegram", "-100", rumours.KindPlayer, "Mohamed Salah", rumours.StageUnknown),
		sub("telegram", "-100200", rumours.KindClub, "Al-Ittihad", rumours.StageUnknown),
	)
	f.saveAlerts(newAlert("Mohamed Salah", "Al-Ittihad", rumours.Talks, rumours.StageUnknown)) // both get it
	f.saveAlerts(newAlert("Mohamed Salah", "Al-Hilal", rumours.Talks, rumours.StageUnknown))   // the old id only
	if _, err := f.s.MoveChannel(f.ctx, "telegram", "-100", "-100200"); err != nil {
		t.Fatal(err)
	}
	got := sorted(deliveryNames(f.allPending()))
	want := []string{"telegram/-100200: Mohamed Salah -> Al-Hilal", "telegram/-100200: Mohamed Salah -> Al-Ittihad"}
	if !slices.Equal(got, want) {
		t.Errorf("after the move pending deliveries are %q, want %q", got, want)
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: 2, Dropped: 1}) {
		t.Errorf("CountDeliveries = %+v, want 2 pending and the repeated one dropped", c)
	}
}
