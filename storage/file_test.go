package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFile: CheckFile notices the database file deleted, renamed or
// replaced under an open store.
func TestCheckFile(t *testing.T) {
	tests := []struct {
		name string
		do   func(t *testing.T, path string)
		want string // in the error; "" for none
	}{
		{"untouched", func(*testing.T, string) {}, ""},
		{"deleted", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, "was deleted"},
		{"renamed", func(t *testing.T, path string) {
			if err := os.Rename(path, path+".old"); err != nil {
				t.Fatal(err)
			}
		}, "was deleted"},
		{"replaced", func(t *testing.T, path string) {
			other := filepath.Join(filepath.Dir(path), "other.db")
			openAt(t, other).Close()
			if err := os.Rename(other, path); err != nil {
				t.Fatal(err)
			}
		}, "was replaced"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bot.db")
			s := openAt(t, path)
			if err := s.SetState(context.Background(), "k", "v"); err != nil {
				t.Fatal(err)
			}
			tc.do(t, path)
			err := s.CheckFile()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckFile: %v", err)
			case tc.want != "" && (!errors.Is(err, ErrFileGone) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path)):
				t.Errorf("CheckFile = %v, want ErrFileGone saying the path %s", err, tc.want)
			}
		})
	}
}
