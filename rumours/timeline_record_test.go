package rumours

import (
	"testing"
	"time"

	"transferbot/rumours/gazetteer"
)

// parseDay parses a YYYY-MM-DD date or fails the test.
func parseDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRecordStartingWithALoanEnd: a record whose first move is the end of a
// loan (the exports start in 2019, mid-loan) has him lent to that club in
// the year before, so the news of the loan dates it instead of reading as a
// move back to a former club; before it he was the parent club's.
func TestRecordStartingWithALoanEnd(t *testing.T) {
	day := func(s string) time.Time { return parseDay(t, s) }
	record := movesTimeline([]gazetteer.Move{
		{Date: day("2019-06-30"), From: "Everton", To: "Barcelona", EndOfLoan: true},
		{Date: day("2019-09-03"), From: "Barcelona", To: "Everton"},
	})
	ev := []Evidence{
		{Link: Link{Player: "P", To: "Barcelona", From: "Valencia", Stage: Done}, ArticleID: 1, Story: 1, Published: day("2016-08-26")},
		{Link: Link{Player: "P", To: "Everton", Stage: Done}, ArticleID: 2, Story: 2, Published: day("2018-08-09")},
	}
	tests := []struct {
		asOf, club, parent, since string
	}{
		{"2017-01-01", "Barcelona", "", "2016-08-26"},
		{"2018-08-10", "Everton", "Barcelona", "2018-08-09"},
		{"2019-07-15", "Barcelona", "", "2019-06-30"},
		{"2019-09-10", "Everton", "", "2019-09-03"},
	}
	for _, tt := range tests {
		tl := learnTimeline(record, ev, day(tt.asOf))
		s, ok := tl.At(day(tt.asOf))
		if !ok || s.Club != tt.club || s.Parent != tt.parent || !s.Since.Equal(day(tt.since)) {
			t.Errorf("as of %s: at %q (parent %q) since %v, want %q (parent %q) since %s; timeline %+v",
				tt.asOf, s.Club, s.Parent, s.Since.Format(time.DateOnly), tt.club, tt.parent, tt.since, tl)
		}
	}
}

// TestSameDayMoves: a signing and a loan out in one window share the
// record's day (its close), listed in either order, and the news reports
// both on one day ("X, who joined City this summer, has completed a loan
// to Düsseldorf"), in either order: he is at the loan club.
func TestSameDayMoves(t *testing.T) {
	day := func(s string) time.Time { return parseDay(t, s) }
	signing := gazetteer.Move{Date: day("2019-09-03"), From: "Columbus Crew", To: "Manchester City"}
	loan := gazetteer.Move{Date: day("2019-09-03"), From: "Manchester City", To: "Fortuna Düsseldorf", Loan: true}
	back := gazetteer.Move{Date: day("2020-06-30"), From: "Fortuna Düsseldorf", To: "Manchester City", EndOfLoan: true}
	joined := Evidence{Link: Link{Player: "P", To: "Manchester City", From: "Columbus Crew", Stage: Done}, ArticleID: 1, Story: 1, Published: day("2019-08-07")}
	lent := Evidence{Link: Link{Player: "P", To: "Fortuna Düsseldorf", From: "Manchester City", Stage: Done}, ArticleID: 1, Story: 1, Published: day("2019-08-07")}
	for _, moves := range [][]gazetteer.Move{{signing, loan, back}, {loan, signing, back}} {
		for _, ev := range [][]Evidence{{joined, lent}, {lent, joined}} {
			tl := learnTimeline(movesTimeline(moves), ev, day("2019-08-08"))
			if s, ok := tl.At(day("2019-08-08")); !ok || s.Club != "Fortuna Düsseldorf" || !s.Loan || s.Parent != "Manchester City" {
				t.Errorf("record %v, reports %v then %v: at %q (loan %v from %q), want Fortuna Düsseldorf on loan from Manchester City",
					moves[0].To, ev[0].To, ev[1].To, s.Club, s.Loan, s.Parent)
			}
			if s, _ := tl.At(day("2020-07-01")); s.Club != "Manchester City" {
				t.Errorf("after the loan: at %q, want Manchester City", s.Club)
			}
		}
	}
}
