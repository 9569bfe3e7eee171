package build

import (
	"testing"
	"time"

	"transferbot/rumours/gazetteer/internal/datafile"
)

func TestMoveDate(t *testing.T) {
	tests := []struct {
		year, window, fee string
		eol               bool
		want              string
	}{
		// The list's year is the year the season starts: winter 2019 is January 2020.
		{"2019", "Winter", "€63.00m", false, "2020-02-01"},
		{"2019", "Summer", "€80.00m", false, "2019-09-03"},
		{"2020", "Summer", "loan transfer", false, "2020-10-06"}, // the Covid-extended window
		{"2020", "Winter", "?", false, "2021-02-02"},
		{"2021", "Summer", "free transfer", false, "2021-09-01"},
		{"2021", "Winter", "-", false, "2022-02-01"},
		{"2018", "Summer", "-", false, "2018-09-01"},
		// Returns from loan carry their own date...
		{"2020", "Summer", "End of loanJun 30, 2021", true, "2021-06-30"},
		// ...unless it is missing.
		{"2020", "Summer", "-", true, "2020-10-06"},
	}
	for _, tt := range tests {
		got, err := moveDate(tt.year, tt.window, tt.fee, tt.eol)
		if err != nil || got.Format(datafile.DateLayout) != tt.want {
			t.Errorf("moveDate(%s, %s, %q) = %v, %v; want %s", tt.year, tt.window, tt.fee, got, err, tt.want)
		}
	}
	if _, err := moveDate("2019", "Spring", "", false); err == nil {
		t.Error("moveDate with an unknown window: no error")
	}
}

func TestStripAffixes(t *testing.T) {
	tests := []struct{ name, country, want string }{
		{"Getafe CF", "Spain", "Getafe"},
		{"Udinese Calcio", "Italy", "Udinese"},
		{"US Sassuolo Calcio", "Italy", "Sassuolo"},
		{"1. FC Heidenheim", "Germany", "Heidenheim"},
		{"VfL Wolfsburg", "Germany", "Wolfsburg"},
		{"Chemnitzer FC", "Germany", "Chemnitzer FC"}, // an adjective alone is no name
		{"FC 08 Homburg", "Germany", "FC 08 Homburg"}, // nor is a number
		{"OGC Nice", "France", "Nice"},
		{"Montpellier HSC", "France", "Montpellier"},
		{"Trabzonspor AŞ", "Turkey", "Trabzonspor"},
		{"Sunderland AFC", "England", "Sunderland"},
		{"Toronto FC", "Canada", "Toronto FC"}, // the Americas keep their names
		{"Sporting CP", "Portugal", "Sporting CP"},
		{"FC", "Spain", "FC"},
	}
	for _, tt := range tests {
		if got := stripAffixes(tt.name, tt.country); got != tt.want {
			t.Errorf("stripAffixes(%q, %s) = %q, want %q", tt.name, tt.country, got, tt.want)
		}
	}
}

func day(s string) time.Time {
	d, err := time.Parse(datafile.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestOrderMoves(t *testing.T) {
	g := &generator{res: &Result{}}
	for _, n := range []string{"Parent", "Loan A", "Loan B"} {
		g.clubs = append(g.clubs, &club{name: n})
	}
	const parent, loanA, loanB = 0, 1, 2
	recs := []rec{
		// Listed by each league: the same loan twice.
		{date: day("2019-09-03"), from: parent, to: loanA, kind: datafile.KindLoan, line: 1},
		{date: day("2019-09-03"), from: parent, to: loanA, kind: datafile.KindLoan, line: 2},
		// Youth to first team: not a move.
		{date: day("2019-09-03"), from: parent, to: parent, kind: datafile.KindTransfer, line: 3},
		// A new loan in the window, listed before the return that precedes it.
		{date: day("2020-10-06"), from: parent, to: loanB, kind: datafile.KindLoan, line: 4},
		{date: day("2020-10-20"), from: loanA, to: parent, kind: datafile.KindEndOfLoan, line: 5},
	}
	got := g.orderMoves("Test Player", recs)
	want := []datafile.Move{
		{Date: day("2019-09-03"), From: "Parent", To: "Loan A", Kind: datafile.KindLoan},
		{Date: day("2020-10-06"), From: "Loan A", To: "Parent", Kind: datafile.KindEndOfLoan},
		{Date: day("2020-10-06"), From: "Parent", To: "Loan B", Kind: datafile.KindLoan},
	}
	if len(got) != len(want) {
		t.Fatalf("orderMoves = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("move %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestBirthYear(t *testing.T) {
	tests := []struct {
		recs []rec
		want int
	}{
		// Messi, 34 on 1 September 2021: born between September 1986 and
		// September 1987; the estimate leans to the later year.
		{[]rec{{date: day("2021-09-01"), age: 34}}, 1987},
		// Records that narrow it down: 19 in February 2020, 19 in October 2019.
		{[]rec{{date: day("2020-02-01"), age: 19}, {date: day("2019-10-06"), age: 19}}, 2000},
	}
	for _, tt := range tests {
		if got := birthYear(tt.recs); got != tt.want {
			t.Errorf("birthYear(%+v) = %d, want %d", tt.recs, got, tt.want)
		}
	}
}
