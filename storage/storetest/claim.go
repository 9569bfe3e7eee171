package storetest

// Tests of ClaimDeliveries and ReleaseDeliveries: the claim that keeps two
// dispatchers on one store from sending the same delivery.

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"transferbot/rumours"
)

// claim calls ClaimDeliveries and fails the test on error.
func (f *fixture) claim(platforms []string, due time.Time, limit int, claimant string, until time.Time) []rumours.Delivery {
	f.t.Helper()
	ds, err := f.s.ClaimDeliveries(f.ctx, platforms, due, limit, claimant, until)
	if err != nil {
		f.t.Fatalf("ClaimDeliveries(%q, %v, %d, %q, %v): %v", platforms, due, limit, claimant, until, err)
	}
	return ds
}

// testClaimDeliveries: a claim hides the deliveries from every claimant
// until its lease ends, a release or a retry gives them back, and only the
// claimant's own release counts.
func testClaimDeliveries(t *testing.T, f *fixture) {
	for _, ch := range []string{"a", "b", "c", "d"} {
		f.subscribe(sub("telegram", ch, rumours.KindPlayer, "Claimed Player", rumours.StageUnknown))
	}
	f.saveAlerts(newAlert("Claimed Player", "Claim FC", rumours.Talks, rumours.StageUnknown))
	tg := []string{"telegram"}
	now := time.Now()
	lease := now.Add(time.Minute)

	// A claim returns what PendingDeliveries would, in its order and limit.
	want := f.pending(tg, now, 2)
	got := f.claim(tg, now, 2, "A", lease)
	if !slices.Equal(deliveryNames(got), deliveryNames(want)) {
		t.Fatalf("A's claim = %q, want PendingDeliveries' %q", deliveryNames(got), deliveryNames(want))
	}
	if got := channelsOf(f.pending(tg, now, 0)); !slices.Equal(got, []string{"telegram/c", "telegram/d"}) {
		t.Errorf("pending after A claimed a and b: %q, want c and d", got)
	}
	if got := channelsOf(f.claim(tg, now, 0, "B", lease)); !slices.Equal(got, []string{"telegram/c", "telegram/d"}) {
		t.Errorf("B's claim = %q, want c and d only", got)
	}
	if got := f.claim(tg, now, 0, "C", lease); len(got) != 0 {
		t.Errorf("C's claim while A and B hold everything = %q, want none", deliveryNames(got))
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: 4}) {
		t.Errorf("counts while claimed = %+v, want 4 pending", c)
	}

	a := keyOf(t, want, "telegram", "a")
	b := keyOf(t, want, "telegram", "b")
	steps := []struct {
		name string
		do   func() error
		// claimant claims at due and should get want
		claimant string
		due      time.Time
		want     []string
	}{
		{"B releases A's a and b", func() error { return f.s.ReleaseDeliveries(f.ctx, []rumours.DeliveryKey{a, b}, "B") },
			"C", now, nil},
		{"A releases a", func() error { return f.s.ReleaseDeliveries(f.ctx, []rumours.DeliveryKey{a}, "A") },
			"C", now, []string{"telegram/a"}},
		{"A releases a again, now C's", func() error { return f.s.ReleaseDeliveries(f.ctx, []rumours.DeliveryKey{a}, "A") },
			"D", now, nil},
		{"A retries b at once", func() error { return f.s.RetryDeliveries(f.ctx, []rumours.DeliveryKey{b}, now, "429") },
			"D", now, []string{"telegram/b"}},
		{"A releases b, now D's", func() error { return f.s.ReleaseDeliveries(f.ctx, []rumours.DeliveryKey{b}, "A") },
			"E", now, nil},
		{"D marks b sent and releases it", func() error {
			if err := f.s.MarkSent(f.ctx, []rumours.DeliveryKey{b}, now); err != nil {
				return err
			}
			return f.s.ReleaseDeliveries(f.ctx, []rumours.DeliveryKey{b}, "D")
		}, "E", later, []string{"telegram/a", "telegram/c", "telegram/d"}},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := channelsOf(f.claim(tg, s.due, 0, s.claimant, s.due.Add(time.Minute))); !slices.Equal(got, s.want) {
			t.Errorf("%s: %s's claim = %q, want %q", s.name, s.claimant, got, s.want)
		}
	}
	if c := f.counts(); c != (rumours.DeliveryCounts{Pending: 3, Sent: 1}) {
		t.Errorf("counts at the end = %+v, want 3 pending and 1 sent", c)
	}
	if _, err := f.s.ClaimDeliveries(f.ctx, tg, later, 0, "", later); err == nil {
		t.Error("ClaimDeliveries with no claimant: no error")
	}
}

// testClaimConcurrent: claimants racing over one outbox each get their own
// deliveries; together they get every delivery exactly once.
func testClaimConcurrent(t *testing.T, f *fixture) {
	const channels, alerts, claimants = 30, 4, 6
	for ch := range channels {
		f.subscribe(sub("discord", fmt.Sprint(ch), rumours.KindClub, "Race FC", rumours.StageUnknown))
	}
	for i := range alerts {
		f.saveAlerts(newAlert(fmt.Sprintf("Racer %d", i), "Race FC", rumours.Talks, rumours.StageUnknown))
	}
	now := time.Now()
	var (
		mu   sync.Mutex
		seen = map[rumours.DeliveryKey][]string{}
		wg   sync.WaitGroup
		errs = make(chan error, claimants)
	)
	for c := range claimants {
		name := fmt.Sprintf("claimant %d", c)
		wg.Go(func() {
			for {
				ds, err := f.s.ClaimDeliveries(f.ctx, []string{"discord"}, now, 7, name, now.Add(time.Hour))
				if err != nil {
					errs <- err
					return
				}
				if len(ds) == 0 {
					return
				}
				mu.Lock()
				for _, d := range ds {
					seen[d.DeliveryKey] = append(seen[d.DeliveryKey], name)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("ClaimDeliveries: %v", err)
	}
	if len(seen) != channels*alerts {
		t.Errorf("claimed %d deliveries, want %d", len(seen), channels*alerts)
	}
	for k, by := range seen {
		if len(by) != 1 {
			t.Errorf("delivery %d to %s/%s claimed %d times, by %q", k.Alert, k.Platform, k.Channel, len(by), by)
		}
	}
}
