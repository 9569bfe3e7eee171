package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLockInstance: a second lock on one database, even in the same
// process, fails and names the holder; after Release the lock is free and
// the lock file empty.
func TestLockInstance(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bot.db")
	start := time.Now().Add(-time.Second)
	first, err := LockInstance(db)
	if err != nil {
		t.Fatalf("LockInstance: %v", err)
	}
	_, err = LockInstance(db)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second LockInstance = %v, want a *LockedError wrapping ErrLocked", err)
	}
	host, _ := os.Hostname()
	if le.Holder.PID != os.Getpid() || le.Holder.Host != host || le.Holder.Since.Before(start.Truncate(time.Second)) || le.Holder.Since.After(time.Now()) {
		t.Errorf("holder = %+v, want pid %d on %s since about now", le.Holder, os.Getpid(), host)
	}
	if le.LockFile != db+".lock" || !strings.Contains(err.Error(), "pid "+strconv.Itoa(os.Getpid())) || !strings.Contains(err.Error(), db) {
		t.Errorf("error %q (lock file %s) should name the database and the holder's pid", err, le.LockFile)
	}
	if err := first.Check(); err != nil {
		t.Errorf("Check of a held lock: %v", err)
	}
	if err := first.Release(); err != nil {
		t.Fatalf("Release: %v", err)
	}
	if b, err := os.ReadFile(LockPath(db)); err != nil || len(b) != 0 {
		t.Errorf("lock file after Release = %q, %v; want it empty", b, err)
	}
	again, err := LockInstance(db)
	if err != nil {
		t.Fatalf("LockInstance after Release: %v", err)
	}
	defer again.Release()

	// A lock file deleted under the holder is no lock: Check says so.
	if err := os.Remove(LockPath(db)); err != nil {
		t.Fatal(err)
	}
	if err := again.Check(); err == nil || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("Check after the lock file was deleted = %v, want it to say so", err)
	}
}

// TestLockInstanceBadPlace: a lock beside a database in a missing directory
// fails with the path.
func TestLockInstanceBadPlace(t *testing.T) {
	db := filepath.Join(t.TempDir(), "missing", "bot.db")
	if l, err := LockInstance(db); err == nil || !strings.Contains(err.Error(), db) {
		l.Release()
		t.Errorf("LockInstance(%s) = %v, want an error naming it", db, err)
	}
}
