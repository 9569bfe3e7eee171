package storage

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The instance lock: one process at a time serves a database (runs its
// dispatcher and adapters). It is an OS file lock (flock) on a file beside
// the database, the database's path with ".lock" appended, which also holds
// the holder's process id, host and start time as text, for the message a
// second process gives. The OS releases the lock when its holder exits,
// however it ends, so a crash never leaves a stale lock; the file itself
// stays, empty once released. flock locks belong to an open file, not to a
// process: two LockInstance calls in one process conflict too.
//
// The lock is the process's business; the database does not depend on it.
// Commands that only read, and writers that do not dispatch, open the
// database beside a running bot without it.

// ErrLocked is wrapped by the error LockInstance returns when another
// process (or another open in this one) holds the lock.
var ErrLocked = errors.New("database in use by another instance")

// Holder is what the lock file says about the process holding the lock.
type Holder struct {
	PID   int
	Host  string
	Since time.Time
}

// LockedError is LockInstance's error when the lock is held. Holder is the
// zero Holder when the file does not say (the holder is starting).
type LockedError struct {
	Path     string // the database
	LockFile string
	Holder   Holder
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("storage: lock %s: %v (see %s)", e.Path, ErrLocked, e.LockFile)
	}
	return fmt.Sprintf("storage: lock %s: %v: pid %d on %s since %s", e.Path, ErrLocked, h.PID, h.Host, h.Since.Format(time.RFC3339))
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// InstanceLock is a held instance lock. Release it with Release.
type InstanceLock struct {
	f    *os.File
	path string // the lock file
	db   string
}

// LockPath returns the path of the lock file of the database at db.
func LockPath(db string) string { return db + ".lock" }

// LockInstance takes the instance lock of the database at db without
// waiting, and writes this process's id, host and now into the lock file.
// When another holds it, it returns a *LockedError naming the holder. The
// database's directory must exist and be writable.
func LockInstance(db string) (*InstanceLock, error) {
	path := LockPath(db)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("storage: lock %s: %w", db, describeOpenError(path, err))
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("storage: lock %s: %s: %w", db, path, err)
	}
	if held {
		h := readHolder(f)
		f.Close()
		return nil, &LockedError{Path: db, LockFile: path, Holder: h}
	}
	host, _ := os.Hostname()
	text := fmt.Sprintf("pid %d\nhost %s\nsince %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	if err := writeHolder(f, text); err != nil {
		f.Close() // releases the lock
		return nil, fmt.Errorf("storage: lock %s: write %s: %w", db, path, err)
	}
	return &InstanceLock{f: f, path: path, db: db}, nil
}

func writeHolder(f *os.File, text string) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt([]byte(text), 0); err != nil {
		return err
	}
	return f.Sync()
}

// readHolder reads the holder from an open lock file; fields it cannot read
// stay zero.
func readHolder(f *os.File) Holder {
	var h Holder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, _ := strings.Cut(sc.Text(), " ")
		switch key {
		case "pid":
			h.PID, _ = strconv.Atoi(val)
		case "host":
			h.Host = val
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, val)
		}
	}
	return h
}

// Check reports an error when the lock file at the lock's path is no longer
// the file this lock holds (deleted or replaced): another process could
// then take the lock at that path.
func (l *InstanceLock) Check() error {
	if err := sameFile(l.f, l.path); err != nil {
		return fmt.Errorf("storage: lock %s: lock file %w", l.db, err)
	}
	return nil
}

// Release empties the lock file and lets the lock go. The file stays: a
// process that opened it to wait for the lock would otherwise lock a file
// no longer at the path.
func (l *InstanceLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	terr := l.f.Truncate(0)
	cerr := l.f.Close() // releases the flock
	l.f = nil
	if err := errors.Join(terr, cerr); err != nil {
		return fmt.Errorf("storage: unlock %s: %w", l.db, err)
	}
	return nil
}
