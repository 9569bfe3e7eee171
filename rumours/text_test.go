package rumours_test

import (
	"strings"
	"testing"

	"transferbot/rumours"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   \n\t ", ""},
		{"one", "one"},
		{"  one   two\tthree\n\nfour  ", "one two three four"},
		{"a\r\nb", "a b"},
		{"Kanté\u00a0signs", "Kanté signs"}, // no-break space is white space
	}
	for _, tt := range tests {
		if got := rumours.NormalizeText(tt.in); got != tt.want {
			t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextHash(t *testing.T) {
	base := rumours.TextHash("Ramos joins PSG.\n\nDeal done.")
	if len(base) != 64 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Fatalf("TextHash = %q, want 64 lower-case hex digits", base)
	}
	tests := []struct {
		in   string
		same bool
	}{
		{"Ramos joins PSG.\n\nDeal done.", true},
		{"  Ramos   joins PSG. Deal\tdone. \n", true},
		{"Ramos joins PSG.\r\n\r\nDeal done.", true},
		{"Ramos joins PSG. Deal done!", false},
		{"ramos joins psg. deal done.", false},
	}
	for _, tt := range tests {
		if got := rumours.TextHash(tt.in) == base; got != tt.same {
			t.Errorf("TextHash(%q) equal to base: %v, want %v", tt.in, got, tt.same)
		}
	}
	// The empty hash is the SHA-256 of the empty string.
	if got, want := rumours.TextHash(" \n "), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; got != want {
		t.Errorf("TextHash(blank) = %s, want %s", got, want)
	}
}
