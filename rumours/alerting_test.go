package rumours_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/extract"
)

// news is a one-sentence article for alert tests.
func news(id, date, text string) rumours.Article {
	return rumours.Article{ID: id, GUID: "test " + id, URL: "https://news.example/" + id, Outlet: "News Example", Published: day(date), Text: text}
}

// pending returns the outbox's due deliveries to console/local.
func pending(t *testing.T, e *rumours.Engine) []rumours.Delivery {
	t.Helper()
	ds, err := e.PendingDeliveries(context.Background(), []string{"console"}, time.Now().Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func subscribe(t *testing.T, e *rumours.Engine, kind rumours.SubjectKind, target string, min rumours.Stage) {
	t.Helper()
	err := e.Subscribe(context.Background(), rumours.Subscription{Platform: "console", Channel: "local", Kind: kind, Target: target, MinStage: min})
	if err != nil {
		t.Fatal(err)
	}
}

// alertSummary is what a test checks of an alert.
func alertSummary(a rumours.Alert) string {
	return fmt.Sprintf("%s -> %s: %s (was %s)", a.Player, a.Club, a.Stage, a.Previous)
}

// TestIngestNewsAlerts feeds a saga one article at a time and checks which
// articles are news: a new link over the threshold, a stronger stage, a
// denial, a link back on; not a repeat, a weaker report, a weak new link, a
// duplicate article or an article ingested without alerts.
func TestIngestNewsAlerts(t *testing.T) {
	st := openStore(t)
	e, err := rumours.New(st, loadGazetteer(t), extract.New(loadGazetteer(t), rumours.DefaultOutlets()), rumours.Options{Now: func() time.Time { return engineNow }, AlertMinScore: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	subscribe(t, e, rumours.KindPlayer, "Erling Haaland", rumours.StageUnknown)
	steps := []struct {
		name  string
		art   rumours.Article
		alert bool
		want  []string
	}{
		{"weak new link stays quiet", news("a1", "2021-04-01", "Chelsea are monitoring Erling Haaland, according to a blog."), true, nil},
		{"talks from a top outlet is news", news("a2", "2021-04-02", "Chelsea have opened talks with Borussia Dortmund over Erling Haaland, Sky Sports reports."), true,
			[]string{"Erling Haaland -> Chelsea: talks (was interest)"}},
		{"the same stage again is not", news("a3", "2021-04-03", "Chelsea remain in talks with Borussia Dortmund over Erling Haaland, Sky Sports reports."), true, nil},
		{"a new club", news("a4", "2021-04-04", "Juventus have agreed a fee with Borussia Dortmund for Erling Haaland, Sky Sports reports."), true,
			[]string{"Erling Haaland -> Juventus: agreed (was unknown)"}},
		{"a bid is stronger than talks", news("a5", "2021-04-05", "Chelsea have made a bid for Erling Haaland, Sky Sports reports."), true,
			[]string{"Erling Haaland -> Chelsea: bid (was talks)"}},
		{"a denial", news("a6", "2021-04-06", "Chelsea deny any interest in Erling Haaland, Sky Sports reports."), true,
			[]string{"Erling Haaland -> Chelsea: denied (was bid)"}},
		{"ingested without alerts", news("a7", "2021-04-07", "Chelsea have made a new bid for Erling Haaland, Sky Sports reports."), false, nil},
		{"a duplicate", news("a5", "2021-04-05", "Chelsea have made a bid for Erling Haaland, Sky Sports reports."), true, nil},
	}
	var all []string
	for _, s := range steps {
		res, errs := e.IngestNews(context.Background(), []rumours.Article{s.art}, []bool{s.alert})
		if errs[0] != nil {
			t.Fatalf("%s: %v", s.name, errs[0])
		}
		var got []string
		for _, a := range res[0].Alerts {
			got = append(got, alertSummary(a))
		}
		if fmt.Sprint(got) != fmt.Sprint(s.want) {
			t.Errorf("%s: alerts %q, want %q", s.name, got, s.want)
		}
		all = append(all, s.want...)
	}
	// every alert is in the outbox for the subscribed channel, once
	ds := pending(t, e)
	var out []string
	for _, d := range ds {
		out = append(out, alertSummary(d.Alert))
	}
	if len(out) != len(all) {
		t.Fatalf("outbox holds %q, want %q", out, all)
	}
}

// TestIngestNewsAlertContent checks what an alert carries, on the demo
// corpus: Sergio Ramos joins PSG after a winter of PSG rumours, and his
// Inter Miami link is off.
func TestIngestNewsAlertContent(t *testing.T) {
	st := openStore(t)
	e := newEngine(t, st)
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	history, next := arts[:12], arts[12]
	if _, errs := e.IngestBatch(context.Background(), history); errs[0] != nil {
		t.Fatal(errs[0])
	}
	res, errs := e.IngestNews(context.Background(), []rumours.Article{next}, []bool{true})
	if errs[0] != nil {
		t.Fatal(errs[0])
	}
	byClub := map[string]rumours.Alert{}
	for _, a := range res[0].Alerts {
		byClub[a.Club] = a
	}
	psg, ok := byClub["Paris Saint-Germain"]
	if !ok {
		t.Fatalf("no PSG alert in %+v", res[0].Alerts)
	}
	if psg.Player != "Sergio Ramos" || psg.Stage != rumours.Done || psg.Previous == rumours.StageUnknown || psg.Previous >= rumours.Done {
		t.Errorf("PSG alert: %s", alertSummary(psg))
	}
	if psg.From != "Real Madrid" || !psg.Published.Equal(next.Published) || psg.Quote == "" || psg.Cycle == 0 {
		t.Errorf("PSG alert lacks facts: %+v", psg)
	}
	if len(psg.Ranking) == 0 || psg.Ranking[0].Club != "Paris Saint-Germain" {
		t.Errorf("PSG alert ranking %+v, want PSG first", psg.Ranking)
	}
	if miami, ok := byClub["Inter Miami"]; !ok || miami.Stage != rumours.Off {
		t.Errorf("Inter Miami alert %+v, want off", miami)
	}
	for _, a := range res[0].Alerts {
		if a.Cycle != psg.Cycle {
			t.Errorf("alerts of one call have cycles %d and %d", a.Cycle, psg.Cycle)
		}
	}
	// a second call is a new cycle
	res2, errs := e.IngestNews(context.Background(), arts[13:14], []bool{true})
	if errs[0] != nil {
		t.Fatal(errs[0])
	}
	for _, a := range res2[0].Alerts {
		if a.Cycle <= psg.Cycle {
			t.Errorf("second call's cycle %d is not after %d", a.Cycle, psg.Cycle)
		}
	}
}

// TestIngestNewsBatchOrder checks that within one call each article is
// compared with the news before it, including earlier articles of the
// call.
func TestIngestNewsBatchOrder(t *testing.T) {
	e := newEngine(t, openStore(t))
	arts := []rumours.Article{
		news("b1", "2021-04-02", "Chelsea have opened talks with Borussia Dortmund over Erling Haaland, Sky Sports reports."),
		news("b2", "2021-04-03", "Chelsea remain in talks with Borussia Dortmund over Erling Haaland, Sky Sports reports."),
		news("b3", "2021-04-05", "Chelsea have made a bid for Erling Haaland, Sky Sports reports."),
	}
	res, errs := e.IngestNews(context.Background(), arts, []bool{true, true, true})
	var got []string
	for i := range arts {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		for _, a := range res[i].Alerts {
			got = append(got, arts[i].ID+": "+alertSummary(a))
		}
	}
	want := []string{"b1: Erling Haaland -> Chelsea: talks (was unknown)", "b3: Erling Haaland -> Chelsea: bid (was talks)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("alerts %q, want %q", got, want)
	}
}

// TestKnownArticles checks that feed items are recognised by GUID or URL.
func TestKnownArticles(t *testing.T) {
	e := newEngine(t, openStore(t))
	a := news("k1", "2021-04-02", "Chelsea have opened talks with Borussia Dortmund over Erling Haaland, Sky Sports reports.")
	if _, errs := e.IngestNews(context.Background(), []rumours.Article{a}, nil); errs[0] != nil {
		t.Fatal(errs[0])
	}
	probe := []rumours.Article{
		{GUID: a.GUID},                      // same item
		{URL: a.URL, GUID: "other"},         // same page, new guid
		{GUID: "test k2", URL: "https://x"}, // new
		{},                                  // a local file
	}
	known, err := e.KnownArticles(context.Background(), probe)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(known) != "[true true false false]" {
		t.Errorf("known = %v, want [true true false false]", known)
	}
}

// TestIngestNewsSkipsBackgroundMoves: an article about Real Madrid's bid
// for Mbappé also says he joined PSG from Monaco in 2017; that completed
// move, never reported before and not what the article is about, is
// background, not a "done deal" alert.
func TestIngestNewsSkipsBackgroundMoves(t *testing.T) {
	e := newEngine(t, openStore(t))
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(arts, func(a rumours.Article) bool { return strings.HasPrefix(a.ID, "demo-18-") })
	if _, errs := e.IngestBatch(context.Background(), arts[:i]); errs[0] != nil {
		t.Fatal(errs[0])
	}
	res, errs := e.IngestNews(context.Background(), arts[i:i+1], []bool{true})
	if errs[0] != nil {
		t.Fatal(errs[0])
	}
	var got []string
	for _, a := range res[0].Alerts {
		got = append(got, alertSummary(a))
	}
	want := []string{"Kylian Mbappé -> Real Madrid: bid (was unknown)"}
	if !slices.Equal(got, want) {
		t.Errorf("alerts %q, want %q", got, want)
	}
}
