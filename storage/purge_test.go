package storage

import (
	"context"
	"slices"
	"testing"
	"time"

	"transferbot/rumours"
)

// TestDeleteArticles: deleting articles by text hash takes their texts,
// links and alerts with them, recounts the players they touched, moves a
// story on to its oldest remaining article, and leaves everything else.
func TestDeleteArticles(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	day := func(m time.Month, d int) time.Time { return time.Date(2021, m, d, 0, 0, 0, 0, time.UTC) }
	if err := s.Subscribe(ctx, rumours.Subscription{Platform: "console", Channel: "me", Kind: rumours.KindPlayer, Target: "Kept Player", Active: true}); err != nil {
		t.Fatal(err)
	}
	from := func(player, to, from string) rumours.Link {
		l := validLink(player, to)
		l.From = from
		return l
	}
	// 1 and 3 go; 2 repeats 1's story; 4 is an undated article that stays.
	a1, a2, a3, a4 := testArticle(1, day(6, 1)), testArticle(2, day(6, 2)), testArticle(3, day(7, 1)), testArticle(4, time.Time{})
	id1, err := s.SaveArticle(ctx, a1, []rumours.Link{from("Kept Player", "Gone FC", "Old FC"), from("Gone Player", "Gone FC", "Gone Old FC")})
	if err != nil {
		t.Fatal(err)
	}
	a2.Story = id1
	if _, err := s.SaveArticle(ctx, a2, []rumours.Link{from("Kept Player", "Kept FC", "Old FC")}); err != nil {
		t.Fatal(err)
	}
	alert := rumours.Alert{Player: "Kept Player", Club: "Newer FC", Stage: rumours.Talks}
	if _, errs := s.SaveArticles(ctx, []rumours.NewArticle{{Article: a3, Links: []rumours.Link{from("Kept Player", "Newer FC", "Newer Old FC")}, Alerts: []rumours.Alert{alert}}}); errs[0] != nil {
		t.Fatal(errs[0])
	}
	if _, err := s.SaveArticle(ctx, a4, []rumours.Link{validLink("Undated Player", "Kept FC")}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.CountDeliveries(ctx); c.Pending != 1 {
		t.Fatalf("%d pending deliveries before, want 1", c.Pending)
	}

	hashes := []string{a1.TextHash, a3.TextHash, "not stored"}
	if n, err := s.CountTextHashes(ctx, hashes); err != nil || n != 2 {
		t.Fatalf("CountTextHashes = %d, %v; want 2", n, err)
	}
	n, err := s.DeleteArticles(ctx, hashes)
	if err != nil || n != 2 {
		t.Fatalf("DeleteArticles = %d, %v; want 2", n, err)
	}
	if n, err := s.CountTextHashes(ctx, hashes); err != nil || n != 0 {
		t.Errorf("CountTextHashes after = %d, %v; want 0", n, err)
	}
	if n, _ := s.CountArticles(ctx); n != 2 {
		t.Errorf("%d articles left, want 2", n)
	}
	want := []rumours.PlayerInfo{
		{Name: "Kept Player", Club: "Old FC", Links: 1}, // his newest link, with Newer Old FC, went
		{Name: "Undated Player", Links: 1},
	}
	if got, err := s.Players(ctx); err != nil || !slices.Equal(got, want) {
		t.Errorf("Players = %+v, %v\nwant %+v", got, err, want)
	}
	ev, err := s.PlayerEvidence(ctx, "Kept Player", time.Time{})
	if err != nil || len(ev) != 1 || ev[0].To != "Kept FC" {
		t.Fatalf("Kept Player's evidence = %+v, %v; want the one link to Kept FC", ev, err)
	}
	if ev[0].Story != ev[0].ArticleID {
		t.Errorf("the story of article %d is still %d, want its own id now that the first article is gone", ev[0].ArticleID, ev[0].Story)
	}
	if c, err := s.CountDeliveries(ctx); err != nil || c != (rumours.DeliveryCounts{}) {
		t.Errorf("CountDeliveries after = %+v, %v; want the deleted article's alert gone", c, err)
	}
	var texts int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM article_texts`).Scan(&texts); err != nil || texts != 2 {
		t.Errorf("%d article texts left (%v), want 2", texts, err)
	}
	// Deleted articles can be stored again, and nothing left matches.
	if _, err := s.SaveArticle(ctx, a1, []rumours.Link{validLink("Gone Player", "Gone FC")}); err != nil {
		t.Errorf("storing a deleted article again: %v", err)
	}
	if n, err := s.DeleteArticles(ctx, []string{"not stored"}); err != nil || n != 0 {
		t.Errorf("DeleteArticles of nothing stored = %d, %v", n, err)
	}
}
