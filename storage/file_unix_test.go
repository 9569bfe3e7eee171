//go:build unix

package storage

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenReadOnlyDirectory: a database whose directory this process may
// not write (SQLite must create the -wal and -shm files there) fails to
// open with an error that says so, not SQLite's "unable to open database
// file: no such file or directory".
func TestOpenReadOnlyDirectory(t *testing.T) {
	if !asUnprivileged(t) {
		return
	}
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "bot.db")
	openAt(t, path).Close() // checkpointed: no -wal or -shm left
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	s, err := Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%s) in a read-only directory succeeded", path)
	}
	if want := "the database directory " + dir + " is not writable"; !strings.Contains(err.Error(), want) {
		t.Errorf("Open error %q does not say %q", err, want)
	}
}

// asUnprivileged makes the rest of the test run without root's power to
// write anywhere: it returns true at once when the test does not run as
// root; as root it runs the test again in a copy of the test binary as
// user nobody (uid 65534), reports that run's outcome and returns false.
func asUnprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return true
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run as nobody: %v", err)
	}
	bin, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	// A directory nobody can reach: t.TempDir's parents are private.
	dir := t.TempDir()
	for d := dir; d != filepath.Clean(os.TempDir()); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyPath := filepath.Join(dir, "storage.test")
	if err := os.WriteFile(copyPath, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(copyPath, "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	switch {
	case err != nil:
		t.Errorf("as nobody: %v\n%s", err, out)
	case !strings.Contains(string(out), "--- PASS: "+t.Name()):
		t.Errorf("as nobody, the test did not pass:\n%s", out)
	}
	return false
}
