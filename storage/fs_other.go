//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package storage

import "os"

// tryLock does not lock where flock is missing: there the instance lock
// only records its holder, and the outbox's claims alone keep two
// dispatchers from sending a delivery twice.
func tryLock(*os.File) (held bool, err error) { return false, nil }

// writable cannot tell here; SQLite's own error stands.
func writable(string) error { return nil }
