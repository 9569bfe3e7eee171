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
		{Name: "Kim Min-jae", Born: 1996, Aliases: []string{"Min-jae Kim"}, Nationality: "South Korea", Moves: []Move{
			{Date: time.Date(2024, 2, 2, 0, 0, 0, 0, time.UTC), From: "Napoli", To: "Bayern Munich", Kind: KindTransfer,
				Earliest: time.Date(2022, 9, 2, 0, 0, 0, 0, time.UTC)},
		}},
		{Name: "Squad Player", Minor: true},
		{Name: "Known Abroad", Nationality: "Brazil"},
		{Name: "Valued Star", Nationality: "France", Value: 120},
		{Name: "Valued Squad Player", Minor: true, Value: 1},
		{Name: "Valued Unknown", Value: 3},
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
		{"bad flag", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\t\t\t\t\t\tfamous\n", `unknown flag "famous"`},
		{"bad earliest date", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\t\t\t\t2020-01-01|A|B|T|2019\n", "cannot parse"},
		{"move with six parts", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\t\t\t\t2020-01-01|A|B|T|2019-01-01|x\n", "want date|from|to|kind"},
		{"player with extra field", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\t\t\t\t\t\t\t1\tmore\n", "at most 8 fields"},
		{"player with a bad value", func(b []byte) error { _, err := ParsePlayers(b); return err }, "X\t\t\t\t\t\t\tmore\n", "bad value"},
	}
	for _, tt := range tests {
		err := tt.parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestPeopleRoundTrip(t *testing.T) {
	in := []Person{
		{Name: "Mikel Arteta", Role: RoleCoach, Club: "Arsenal", Season: 2025},
		{Name: "Erik ten Hag", Role: RoleCoach, Club: "Bayer Leverkusen", Season: 2025},
	}
	out, err := ParsePeople(FormatPeople([]string{"header"}, in))
	if err != nil {
		t.Fatalf("ParsePeople: %v", err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	for _, bad := range []string{"A\tcoach\tArsenal\n", "A\tpresident\tArsenal\t2025\n", "A\tcoach\tArsenal\tlast\n", "\tcoach\tArsenal\t2025\n"} {
		if _, err := ParsePeople([]byte(bad)); err == nil {
			t.Errorf("ParsePeople(%q): no error", bad)
		}
	}
}
