package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrFileGone is wrapped by the error Check returns when the database file
// at the store's path was deleted or replaced while the store had it open:
// writes from then on would go to a file no one will open again.
var ErrFileGone = errors.New("the database file was deleted or replaced while in use")

// sameFile reports an error when path no longer names the file f has open.
func sameFile(f *os.File, path string) error {
	open, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return sameAs(open, path)
}

// sameAs reports an error when path no longer names the file open was
// read from: deleted (or its directory gone), or another file there now.
func sameAs(open fs.FileInfo, path string) error {
	now, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s was deleted", path)
	case err != nil:
		return fmt.Errorf("%s: %w", path, err)
	case !os.SameFile(open, now):
		return fmt.Errorf("%s was replaced by another file", path)
	}
	return nil
}

// describeOpenError says why the file at path could not be opened or
// created, when the OS's error has a reason a user can act on.
func describeOpenError(path string, err error) error {
	switch {
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%s is on a read-only file system: %w", path, err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s is not writable (nor must its directory %s be): %w", path, filepath.Dir(path), err)
	}
	return err
}

// diagnoseUnwritable says what keeps SQLite from opening the database at
// path read-write, or returns "" when it cannot tell. SQLite's own error
// then is often "unable to open database file" with a stale errno: in WAL
// mode it must also create or write path-wal and path-shm beside it.
func diagnoseUnwritable(path string) string {
	dir := filepath.Dir(path)
	if err := writable(dir); err != nil {
		if errors.Is(err, syscall.EROFS) {
			return fmt.Sprintf("the database directory %s is on a read-only file system", dir)
		}
		return fmt.Sprintf("the database directory %s is not writable (%v); SQLite creates %s-wal and %s-shm in it",
			dir, err, filepath.Base(path), filepath.Base(path))
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err != nil {
			continue // missing is fine: SQLite creates it
		}
		if err := writable(p); err != nil {
			return fmt.Sprintf("%s is not writable: %v", p, err)
		}
	}
	return ""
}
