package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"transferbot/rumours"
)

// TestFullDiskIsAFault: a write that fails because the disk is full (here
// the file's cap, which SQLite reports alike) returns the error and makes
// Fault report it, so that the bot stops instead of failing on; reads go
// on working.
func TestFullDiskIsAFault(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	openAt(t, path).Close()
	s, err := OpenWith(ctx, path, Options{MaxPages: 80})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Fault(); err != nil {
		t.Fatalf("Fault before any write: %v", err)
	}
	if err := s.Subscribe(ctx, rumours.Subscription{Platform: "telegram", Channel: "1", Kind: rumours.KindPlayer, Target: "P", Active: true}); err != nil {
		t.Fatal(err)
	}
	// Failures that retrying does cure, or that are the caller's, are none.
	dup := rumours.StoredArticle{Article: rumours.Article{ID: "dup", Text: "dup"}, TextHash: "dup"}
	for range 2 {
		s.SaveArticle(ctx, dup, nil)
	}
	if err := s.Unsubscribe(ctx, "telegram", "1", rumours.KindPlayer, "nobody"); !errors.Is(err, rumours.ErrNotFound) {
		t.Errorf("Unsubscribe of nothing = %v, want ErrNotFound", err)
	}
	if err := s.Fault(); err != nil {
		t.Fatalf("Fault after a duplicate and a missing subscription: %v", err)
	}
	text := strings.Repeat("Transfer news that takes room. ", 2000) // 60 KB
	var saveErr error
	for i := range 20 {
		a := rumours.StoredArticle{Article: rumours.Article{ID: fmt.Sprint(i), Text: fmt.Sprint(i, text)}, TextHash: fmt.Sprint("h", i)}
		if _, saveErr = s.SaveArticle(ctx, a, nil); saveErr != nil {
			break
		}
		if err := s.Fault(); err != nil {
			t.Fatalf("Fault after a successful write: %v", err)
		}
	}
	if saveErr == nil || !strings.Contains(saveErr.Error(), "full") {
		t.Fatalf("SaveArticle on a full database = %v, want SQLite's \"database or disk is full\"", saveErr)
	}
	fault := s.Fault()
	if !errors.Is(fault, ErrUnwritable) || !strings.Contains(fault.Error(), path) || !strings.Contains(fault.Error(), "full") {
		t.Errorf("Fault = %v, want ErrUnwritable naming %s and saying the disk is full", fault, path)
	}
	if subs, err := s.Subscriptions(ctx, "", ""); err != nil || len(subs) != 1 {
		t.Errorf("Subscriptions on a full database = %v, %v; want the one", subs, err)
	}
}
