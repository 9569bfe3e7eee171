package storage

import (
	"context"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
)

// TestOutboxQueryPlans guards the outbox's indexes: fan-out looks the
// subscriptions up, and the dispatcher's queries read pending deliveries
// only, never the sent and dropped ones that pile up.
func TestOutboxQueryPlans(t *testing.T) {
	s := openTest(t)
	fullScan := regexp.MustCompile(`^SCAN (subscriptions|alert_deliveries|alerts|articles|d|a)$`)
	args := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = "x"
		}
		return out
	}
	tests := []struct {
		name  string
		query string
		nargs int
		uses  []string // what the plan must say
	}{
		{"fan-out", sqlFanOut, 4 + len(minStages), []string{"MULTI-INDEX OR", "subscriptions_target (kind=? AND target=?)"}},
		{"PendingDeliveries", sqlPending(2), 4, []string{"alert_deliveries_due (platform=? AND next_try<?)", "INTEGER PRIMARY KEY"}},
		{"ExpireDeliveries", sqlExpiring, 1, []string{"SCAN d USING INDEX alert_deliveries_due", "INTEGER PRIMARY KEY"}},
		{"DropChannelDeliveries", sqlDropChannel, 4, []string{"alert_deliveries_due (platform=?)"}},
		{"MarkSent", sqlMarkSent, 4, []string{"PRIMARY KEY (alert_id=? AND platform=? AND channel=?)"}},
		{"KnownArticles guid", `SELECT guid FROM articles WHERE guid IN (?, ?)`, 2, []string{"articles_guid (guid=?)"}},
	}
	for _, tc := range tests {
		all := checkPlan(t, s.w, tc.name, tc.query, args(tc.nargs), fullScan)
		for _, u := range tc.uses {
			if !strings.Contains(all, u) {
				t.Errorf("%s: plan lacks %q\nplan:\n%s", tc.name, u, all)
			}
		}
	}
}

// TestOutboxMigration opens a database of schema version 2, with an article
// and a row in the old alerts table, and uses the outbox and GUIDs on it.
func TestOutboxMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	ms, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	if err := applyMigrations(ctx, db, ms[:2]); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `INSERT INTO articles (name, url, text_hash, simhash, band0, band1, band2, band3, story, ingested_at)
		VALUES ('old', 'https://old.example/1', 'old-hash', 0, 0, 0, 0, 0, 1, '2024-01-01T00:00:00Z')`)
	mustExec(t, db, `INSERT INTO alerts (created, player, club, stage) VALUES ('2024-01-01', 'P', 'C', 'talks')`)
	mustExec(t, db, `INSERT INTO alert_deliveries (alert_id, platform, channel) VALUES (1, 'console', 'me')`)
	db.Close()

	s := openAt(t, path)
	known, err := s.KnownArticles(ctx, []rumours.ArticleKey{{URL: "https://old.example/1"}, {GUID: "old"}})
	if err != nil || !slices.Equal(known, []bool{true, false}) {
		t.Errorf("KnownArticles after migrating = %v, %v; want the old article known by URL only", known, err)
	}
	if c, err := s.CountDeliveries(ctx); err != nil || c != (rumours.DeliveryCounts{}) {
		t.Errorf("CountDeliveries after migrating = %+v, %v; want an empty outbox", c, err)
	}
	if err := s.Subscribe(ctx, rumours.Subscription{Platform: "console", Channel: "me", Kind: rumours.KindPlayer, Target: "P", Active: true}); err != nil {
		t.Fatal(err)
	}
	a := testArticle(1, time.Time{})
	a.GUID = "feed#1"
	alert := rumours.Alert{Player: "P", Club: "C", Stage: rumours.Talks}
	if _, errs := s.SaveArticles(ctx, []rumours.NewArticle{{Article: a, Alerts: []rumours.Alert{alert}}}); errs[0] != nil {
		t.Fatalf("SaveArticles after migrating: %v", errs[0])
	}
	if ds, err := s.PendingDeliveries(ctx, []string{"console"}, time.Now(), 0); err != nil || len(ds) != 1 {
		t.Errorf("PendingDeliveries after migrating = %+v, %v; want one", ds, err)
	}
}

// TestOutboxTimeOrder: stored outbox times compare as text in time order.
func TestOutboxTimeOrder(t *testing.T) {
	base := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	var times []time.Time
	for _, d := range []time.Duration{0, 1, 9, 10, 100 * time.Millisecond, 120 * time.Millisecond, time.Second, time.Hour} {
		times = append(times, base.Add(d), base.Add(-d))
	}
	for _, a := range times {
		for _, b := range times {
			ta, tb := outboxTime(a.In(time.FixedZone("X", 3600))), outboxTime(b)
			if want := a.Compare(b); strings.Compare(ta, tb) != want {
				t.Errorf("%s vs %s compares %d as text, want %d", ta, tb, strings.Compare(ta, tb), want)
			}
			if len(ta) != len(outboxLayout) {
				t.Errorf("%s: width %d, want %d", ta, len(ta), len(outboxLayout))
			}
		}
	}
}

// TestSaveArticlesRefusesBadAlerts: an alert the store cannot keep fails its
// article, which leaves nothing behind.
func TestSaveArticlesRefusesBadAlerts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	good := rumours.Alert{Player: "P", Club: "C", Stage: rumours.Talks, Ranking: []rumours.Share{{Club: "C", Share: 0.5}}}
	tests := []struct {
		name   string
		change func(*rumours.Alert)
	}{
		{"empty player", func(a *rumours.Alert) { a.Player = "" }},
		{"empty club", func(a *rumours.Alert) { a.Club = "" }},
		{"unknown stage", func(a *rumours.Alert) { a.Stage = rumours.StageUnknown }},
		{"bad stage", func(a *rumours.Alert) { a.Stage = rumours.Stage(42) }},
		{"bad previous stage", func(a *rumours.Alert) { a.Previous = rumours.Stage(-1) }},
		{"NaN stays", func(a *rumours.Alert) { a.Stays = math.NaN() }},
		{"infinite share", func(a *rumours.Alert) { a.Ranking[0].Share = math.Inf(1) }},
	}
	for i, tc := range tests {
		a := good
		a.Ranking = slices.Clone(good.Ranking)
		tc.change(&a)
		_, errs := s.SaveArticles(ctx, []rumours.NewArticle{{Article: testArticle(i, time.Time{}), Alerts: []rumours.Alert{good, a}}})
		if errs[0] == nil {
			t.Errorf("%s: SaveArticles succeeded", tc.name)
		}
	}
	if n, err := s.CountArticles(ctx); err != nil || n != 0 {
		t.Errorf("CountArticles = %d, %v; want 0", n, err)
	}
	var alerts int
	if err := s.r.QueryRow(`SELECT count(*) FROM alerts`).Scan(&alerts); err != nil || alerts != 0 {
		t.Errorf("%d alerts stored, %v; want none", alerts, err)
	}
}

// TestReleaseAllClaims: every claim is given back, whoever holds it, and
// nothing else changes.
func TestReleaseAllClaims(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, ch := range []string{"a", "b", "c"} {
		if err := s.Subscribe(ctx, rumours.Subscription{Platform: "telegram", Channel: ch, Kind: rumours.KindPlayer, Target: "P", Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	a := rumours.Alert{Cycle: 1, Player: "P", Club: "C", Stage: rumours.Talks}
	_, errs := s.SaveArticles(ctx, []rumours.NewArticle{{
		Article: rumours.StoredArticle{Article: rumours.Article{ID: "1", Text: "t"}, TextHash: "h"},
		Links:   []rumours.Link{{Player: "P", To: "C", Stage: rumours.Talks}}, Alerts: []rumours.Alert{a}}})
	if errs[0] != nil {
		t.Fatal(errs[0])
	}
	now := time.Now()
	tg := []string{"telegram"}
	mine, err := s.ClaimDeliveries(ctx, tg, now, 1, "dead bot 1", now.Add(time.Hour))
	if err != nil || len(mine) != 1 {
		t.Fatalf("claim: %v, %v", mine, err)
	}
	if _, err := s.ClaimDeliveries(ctx, tg, now, 1, "dead bot 2", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSent(ctx, []rumours.DeliveryKey{mine[0].DeliveryKey}, now); err != nil {
		t.Fatal(err)
	}
	if n, err := s.ReleaseAllClaims(ctx); n != 1 || err != nil {
		t.Errorf("ReleaseAllClaims = %d, %v; want the 1 pending claimed delivery", n, err)
	}
	if got, err := s.ClaimDeliveries(ctx, tg, now, 0, "new bot", now.Add(time.Hour)); err != nil || len(got) != 2 {
		t.Errorf("claim after release = %d deliveries, %v; want the 2 pending", len(got), err)
	}
}
