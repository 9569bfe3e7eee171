//go:build !unix

package storage

import "testing"

// asUnprivileged: without root, the test runs as it is.
func asUnprivileged(*testing.T) bool { return true }
