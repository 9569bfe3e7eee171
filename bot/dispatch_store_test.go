package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/storage"
)

// TestTwoDispatchersOneDatabase: two dispatchers, each with its own Store on
// one database file (as two bot processes would have, were the instance
// lock bypassed), racing over one outbox, send each (alert, channel) once.
func TestTwoDispatchersOneDatabase(t *testing.T) {
	const channels, alerts = 25, 6
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	var stores [2]*storage.Store
	for i := range stores {
		s, err := storage.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	for ch := range channels {
		err := stores[0].Subscribe(ctx, rumours.Subscription{Platform: "telegram", Channel: fmt.Sprintf("c%02d", ch),
			Kind: rumours.KindClub, Target: "Real Madrid", Active: true})
		if err != nil {
			t.Fatal(err)
		}
	}
	// One article per alert, so that each alert is its own message. A
	// fresh database numbers the alerts from 1, which their URLs name.
	var batch []rumours.NewArticle
	for i := range alerts {
		a := rumours.Alert{Cycle: int64(i + 1), Created: time.Now(), Player: fmt.Sprintf("Player %d", i),
			Club: "Real Madrid", Stage: rumours.Talks, URL: alertURL(int64(i + 1))}
		batch = append(batch, rumours.NewArticle{
			Article: rumours.StoredArticle{
				Article:  rumours.Article{ID: fmt.Sprint(i), URL: fmt.Sprintf("https://news.example/%d", i), Text: fmt.Sprint("text ", i)},
				TextHash: fmt.Sprint("hash ", i), Simhash: uint64(i+1) * 0x0001_0001_0001_0001,
			},
			Links:  []rumours.Link{{Player: a.Player, To: a.Club, Stage: a.Stage}},
			Alerts: []rumours.Alert{a},
		})
	}
	if _, errs := stores[1].SaveArticles(ctx, batch); errs[0] != nil {
		t.Fatal(errs)
	}
	ds, err := stores[0].PendingDeliveries(ctx, []string{"telegram"}, time.Now(), 0)
	if err != nil || len(ds) != channels*alerts {
		t.Fatalf("PendingDeliveries = %d deliveries, %v; want %d", len(ds), err, channels*alerts)
	}
	for _, d := range ds {
		if d.Alert.URL != alertURL(d.Alert.ID) {
			t.Fatalf("alert %d has URL %q: the test's numbering is off", d.Alert.ID, d.Alert.URL)
		}
	}

	// A slow platform, so that the two passes overlap.
	tg := &fakeNotifier{platform: "telegram", script: func(ctx context.Context, n int, channel string) error {
		time.Sleep(time.Millisecond)
		return nil
	}}
	core := newTestCore(newFakeEngine())
	var wg sync.WaitGroup
	for i, s := range stores {
		d := NewDispatcher(core, s, map[string]Notifier{"telegram": tg},
			DispatcherOptions{Batch: 7, Workers: 3, Claimant: fmt.Sprint("dispatcher ", i)})
		wg.Go(func() {
			if _, err := d.Dispatch(ctx); err != nil {
				t.Errorf("dispatcher %d: %v", i, err)
			}
		})
	}
	wg.Wait()

	got := tg.received(t)
	if len(got) != channels*alerts {
		t.Errorf("%d deliveries sent, want %d", len(got), channels*alerts)
	}
	for k, n := range got {
		if n != 1 {
			t.Errorf("alert %d sent to %s %d times, want once", k.Alert, k.Channel, n)
		}
	}
	c, err := stores[0].CountDeliveries(ctx)
	if err != nil || c != (rumours.DeliveryCounts{Sent: channels * alerts}) {
		t.Errorf("CountDeliveries = %+v, %v; want all %d sent", c, err, channels*alerts)
	}
}
