package storage

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestInbox(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	s := openAt(t, path)
	if _, ok, err := s.LastUpdate(ctx, "telegram"); err != nil || ok {
		t.Fatalf("LastUpdate of an empty inbox = %v, %v", ok, err)
	}
	steps := []struct {
		queue  []int64 // ids to queue
		answer []int64 // then ids to mark answered
		fresh  []int64 // ids QueueUpdates says it stored
		left   []int64 // unanswered after the step
	}{
		{queue: []int64{10, 11, 12}, fresh: []int64{10, 11, 12}, left: []int64{10, 11, 12}},
		{queue: []int64{11, 13}, answer: []int64{10, 12}, fresh: []int64{13}, left: []int64{11, 13}},
		// delivered again after being answered: not stored again
		{queue: []int64{10, 12}, answer: []int64{11, 99}, left: []int64{13}},
	}
	for i, st := range steps {
		var ups []InboxUpdate
		for _, id := range st.queue {
			ups = append(ups, InboxUpdate{ID: id, Body: []byte(`{"update_id":1}`)})
		}
		fresh, err := s.QueueUpdates(ctx, "telegram", ups)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(fresh, st.fresh) {
			t.Errorf("step %d: stored %v, want %v", i, fresh, st.fresh)
		}
		if err := s.AnswerUpdates(ctx, "telegram", st.answer); err != nil {
			t.Fatal(err)
		}
		left, err := s.UnansweredUpdates(ctx, "telegram")
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, u := range left {
			ids = append(ids, u.ID)
			if string(u.Body) != `{"update_id":1}` {
				t.Errorf("step %d: body of %d = %q", i, u.ID, u.Body)
			}
		}
		if !slices.Equal(ids, st.left) {
			t.Errorf("step %d: unanswered %v, want %v", i, ids, st.left)
		}
	}
	// Another source is apart.
	if fresh, err := s.QueueUpdates(ctx, "other", []InboxUpdate{{ID: 10, Body: []byte("{}")}}); err != nil || len(fresh) != 1 {
		t.Errorf("another source's update 10: stored %v, %v", fresh, err)
	}

	// It all survives a restart.
	s.Close()
	s = openAt(t, path)
	if left, err := s.UnansweredUpdates(ctx, "telegram"); err != nil || len(left) != 1 || left[0].ID != 13 {
		t.Errorf("unanswered after reopening = %v, %v", left, err)
	}
	if last, ok, err := s.LastUpdate(ctx, "telegram"); err != nil || !ok || last != 13 {
		t.Errorf("LastUpdate = %d, %v, %v; want 13", last, ok, err)
	}

	// Pruning deletes the answered ones but keeps the highest id.
	if err := s.AnswerUpdates(ctx, "telegram", []int64{13}); err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneUpdates(ctx, "telegram", time.Now().Add(time.Second))
	if err != nil || n != 3 {
		t.Errorf("pruned %d, %v; want 3 (10, 11, 12)", n, err)
	}
	if last, ok, err := s.LastUpdate(ctx, "telegram"); err != nil || !ok || last != 13 {
		t.Errorf("LastUpdate after pruning = %d, %v, %v; want 13", last, ok, err)
	}
	if fresh, _ := s.QueueUpdates(ctx, "telegram", []InboxUpdate{{ID: 13, Body: []byte("{}")}}); len(fresh) != 0 {
		t.Errorf("update 13 delivered again after pruning was stored again")
	}
}
