package datafile

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestPlayersRoundTrip(t *testing.T) {
	in := []Player{
		{Name: "Martin Ødegaard", Born: 1998, Position: "Attacking Midfield", Moves: []Move{
			{Date: time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC), From: "Real Madrid", To: "Arsenal", Kind: KindLoan},
			{Date: time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC), From: "Arsenal", To: "Real Madrid", Kind: KindEndOfLoan},
		}},
		{Name: "Javier Hernández", Aliases: []string{"Chicharito"}},
		{Name: "Free Agent", Moves: []Move{{Date: time.Date(2020, 9, 1, 0, 0, 0, 0, time.UTC), From: "Arsenal", Kind: KindTransfer}}},
	}
	out, err := ParsePlayers(FormatPlayers([]string{"header"}, in))
	if err != nil {
		t.Fatalf("ParsePlayers: %v", err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
}

func TestClubsRoundTrip(t *testing.T) {
	in := []Club{
		{Name: "Arsenal", Country: "England", Aliases: []string{"Arsenal FC", "FC Arsenal"}},
		{Name: "Tigre"},
	}
	out, err := ParseClubs(FormatClubs(nil, in))
	if err != nil {
		t.Fatalf("ParseClubs: %v", err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
}

func TestParseNicknames(t *testing.T) {
	got, err := ParseNicknames([]byte("# comment\n\nInter\tInter Milan|Inter Miami\tambiguous\nOld Trafford\tManchester United\tvenue\nthe Gunners\tArsenal\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Nickname{
		{Alias: "Inter", Clubs: []string{"Inter Milan", "Inter Miami"}, Ambiguous: true},
		{Alias: "Old Trafford", Clubs: []string{"Manchester United"}, Venue: true},
		{Alias: "the Gunners", Clubs: []string{"Arsenal"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		parse func([]byte) error
		in    string
		want  string
	}{
		{"club without name", func(b []byte) error { _, err := ParseClubs(b); return err }, "\tEngland\n", "line 1: empty club name"},
		{"club with extra field", func(b []byte) error { _, err := ParseClubs(b); return err }, "A\tB\tC\tD\n", "at most 3 fields"},
		{"nickname without club", func(b []byte) error { _, err := ParseNicknames(b); return err }, "Gunners\n", "at least one club"},
		{"bad birth year", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\tabc\n", "bad birth year"},
		{"bad move", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\t\t\t\t2020-01-01|A|B\n", "want date|from|to|kind"},
		{"move without clubs", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\t\t\t\t2020-01-01|||T\n", "no club on either side"},
		{"error line number", func(b []byte) error { _, err := ParsePlayers(b); return err }, "# c\nX\n\nY\tx\n", "line 4:"},
	}
	for _, tt := range tests {
		err := tt.parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}
