package commonwords

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferbot/bot"
)

var check = flag.Bool("check", false, "regenerate bot/commonwords.txt from the installed word list and compare (about a minute)")

// TestUpToDate checks that bot/commonwords.txt is what Generate makes of the
// installed word list and today's gazetteer. It takes about a minute, so it
// runs only with -check, and is skipped when the list is not installed
// (apt-get install wamerican-small).
func TestUpToDate(t *testing.T) {
	if !*check {
		t.Skip("run with -check to regenerate and compare")
	}
	list, err := os.ReadFile(DefaultDict)
	if err != nil {
		t.Skipf("word list not installed: %v", err)
	}
	got, err := Generate(context.Background(), list, bot.Keywords(), filepath.Join(t.TempDir(), "names.db"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../commonwords.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("bot/commonwords.txt is stale: run go generate ./bot")
	}
}

func TestGenerateKeepsWordsThatNamePlayers(t *testing.T) {
	list := []byte("proper\nHaaland\nbread's\nthe\nhaaland\nqqqqqq\ntrick\ntrack\n")
	got, err := Generate(context.Background(), list, []string{"track"}, filepath.Join(t.TempDir(), "names.db"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(got)
	for _, want := range []string{"\nproper\n", "\nhaaland\n", "\ntrick\n", "# SCOWL is Copyright"} {
		if !strings.Contains(body, want) {
			t.Errorf("output lacks %q:\n%s", want, body)
		}
	}
	for _, no := range []string{"Haaland", "bread", "qqqqqq", "\nthe\n", "\ntrack\n"} {
		if strings.Contains(body, no) {
			t.Errorf("output has %q:\n%s", no, body)
		}
	}
}
