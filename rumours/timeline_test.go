package rumours_test

import (
	"testing"
	"time"

	"transferbot/rumours"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// done is a report of a completed move of the player to club on day.
func done(id int64, to, from, day string) rumours.Evidence {
	return rumours.Evidence{
		Link:      rumours.Link{Player: "Sergio Ramos", To: to, From: from, Stage: rumours.Done, Outlets: []string{"Marca"}},
		ArticleID: id, Story: id, Published: date(day),
	}
}

func report(id int64, to, from string, st rumours.Stage, day string) rumours.Evidence {
	e := done(id, to, from, day)
	e.Stage = st
	return e
}

// TestTimeline checks what the news teaches the record: which reports of
// completed moves are moves and which are history, and the club he is at.
func TestTimeline(t *testing.T) {
	// the record: at Sevilla, then Real Madrid from the window that closed
	// on 1 Sep 2005, then Paris Saint-Germain from 1 Sep 2021
	record := rumours.Timeline{
		{Club: "Sevilla"},
		{Club: "Real Madrid", From: "Sevilla", Since: date("2005-09-01")},
		{Club: "Paris Saint-Germain", From: "Real Madrid", Since: date("2021-09-01")},
	}
	atleti := rumours.Timeline{{Club: "Atlético Madrid"}, {Club: "", From: "Atlético Madrid", Since: date("2021-02-02")}}
	galaxy := rumours.Timeline{{Club: "LA Galaxy"}, {Club: "AC Milan", From: "LA Galaxy", Since: date("2020-02-01")}}
	leipzig := rumours.Timeline{{Club: "RB Leipzig", Since: date("2023-09-02")}}
	loanQuote := func(e rumours.Evidence) rumours.Evidence {
		e.Quote = "He joins them on loan for the season."
		return e
	}
	tests := []struct {
		name    string
		record  rumours.Timeline
		ev      []rumours.Evidence
		asOf    string
		current string
		since   string // "" when unknown
		done    string // the closed saga's move, "" for none
		loan    string // parent club when on loan
	}{
		{"the record alone", record, nil, "2020-01-01", "Real Madrid", "2005-09-01", "", ""},
		{"a report dates the record's move", record,
			[]rumours.Evidence{done(1, "Paris Saint-Germain", "Real Madrid", "2021-07-08")},
			"2021-07-10", "Paris Saint-Germain", "2021-07-08", "Paris Saint-Germain", ""},
		{"a move recalled years later is history", record,
			[]rumours.Evidence{report(1, "Juventus", "", rumours.Talks, "2019-01-01"), done(2, "Real Madrid", "Sevilla", "2019-01-02")},
			"2019-01-03", "Real Madrid", "2005-09-01", "", ""},
		{"a former club, in the record's years, is history", record,
			[]rumours.Evidence{done(1, "Sevilla", "", "2023-01-10")},
			"2023-01-11", "Paris Saint-Germain", "2021-09-01", "Paris Saint-Germain", ""},
		{"a return after the record ends is a move", record,
			[]rumours.Evidence{done(1, "Sevilla", "Paris Saint-Germain", "2026-08-01")},
			"2026-08-02", "Sevilla", "2026-08-01", "Sevilla", ""},
		{"a move the record contradicts is in doubt", record,
			[]rumours.Evidence{done(1, "Roma", "", "2021-10-01")},
			"2021-10-02", "Paris Saint-Germain", "2021-09-01", "Paris Saint-Germain", ""},
		{"a move the record lacks", record,
			[]rumours.Evidence{done(1, "Inter Miami", "Paris Saint-Germain", "2023-07-15")},
			"2023-07-16", "Inter Miami", "2023-07-15", "Inter Miami", ""},
		{"a reported move called off did not happen", record,
			[]rumours.Evidence{done(1, "Inter Miami", "", "2023-07-15"), report(2, "Inter Miami", "", rumours.Off, "2023-07-20")},
			"2023-07-21", "Paris Saint-Germain", "2021-09-01", "", ""},
		{"a loan, then back at the end of the season", record,
			[]rumours.Evidence{loanQuote(done(1, "Inter Miami", "Paris Saint-Germain", "2023-08-10"))},
			"2023-09-01", "Inter Miami", "2023-08-10", "Inter Miami", "Paris Saint-Germain"},
		{"the loan is over", record,
			[]rumours.Evidence{loanQuote(done(1, "Inter Miami", "Paris Saint-Germain", "2023-08-10"))},
			"2024-07-02", "Paris Saint-Germain", "2024-07-01", "", ""},
		{"his first known club since an unknown date: a report dates the move", rumours.Timeline{{Club: "Everton"}, {Club: "Sharjah", From: "Everton", Since: date("2021-09-01")}},
			[]rumours.Evidence{done(1, "Everton", "Shakhtar Donetsk", "2018-08-09")},
			"2018-08-10", "Everton", "2018-08-09", "Everton", ""},
		{"what the news calls him before the record knows", rumours.Timeline{{Club: "Everton"}, {Club: "Sharjah", From: "Everton", Since: date("2021-09-01")}},
			[]rumours.Evidence{report(1, "Arsenal", "Shakhtar Donetsk", rumours.Interest, "2018-01-09")},
			"2018-01-09", "Shakhtar Donetsk", "", "", ""},
		// the record's first club is Atlético, since a day it does not
		// give; the news calls him a Chelsea player in July, so the move
		// to Atlético came later
		{"the news calls him a player of the club before again: the assumed move waits", atleti,
			[]rumours.Evidence{report(1, "Atlético Madrid", "Chelsea", rumours.Interest, "2017-07-05"), report(2, "Juventus", "Chelsea", rumours.Interest, "2017-08-31")},
			"2017-08-31", "Chelsea", "", "", ""},
		{"the club of the assumed move still wants him: the move waits", atleti,
			[]rumours.Evidence{report(1, "Atlético Madrid", "Chelsea", rumours.Interest, "2017-07-05"), report(2, "Atlético Madrid", "", rumours.Interest, "2017-08-31")},
			"2017-08-31", "Chelsea", "", "", ""},
		{"the news calls him a player of the club he moved to: the assumed day stands", atleti,
			[]rumours.Evidence{report(1, "Arsenal", "Chelsea", rumours.Interest, "2017-07-05"), report(2, "Juventus", "Atlético Madrid", rumours.Talks, "2017-08-01"), report(3, "Roma", "Chelsea", rumours.Interest, "2017-08-20")},
			"2017-08-21", "Atlético Madrid", "2017-07-06", "", ""},
		// the record knows him at LA Galaxy before his move to Milan in
		// 2020; the news moved him to United in 2016, then calls him a
		// Galaxy player: he went there after United
		{"his first known club after a move only the news knows", galaxy,
			[]rumours.Evidence{done(1, "Manchester United", "Paris Saint-Germain", "2016-07-01"), report(2, "Bologna", "LA Galaxy", rumours.Interest, "2019-08-07")},
			"2019-08-07", "LA Galaxy", "2019-08-06", "", ""},
		{"a news move from his first known club: the record wins", galaxy,
			[]rumours.Evidence{done(1, "Manchester United", "LA Galaxy", "2016-07-01"), report(2, "Bologna", "LA Galaxy", rumours.Interest, "2019-08-07")},
			"2019-08-07", "Manchester United", "2016-07-01", "", ""},
		// the record has him at Leipzig from 2023, from a club it does
		// not know; in July 2024 Leipzig are in talks with PSG for him
		{"a season later the news has him joining his club again from another: he went back", leipzig,
			[]rumours.Evidence{report(1, "RB Leipzig", "Paris Saint-Germain", rumours.Talks, "2024-07-26")},
			"2024-07-26", "Paris Saint-Germain", "2024-07-01", "", ""},
		{"in the same season the record stands", leipzig,
			[]rumours.Evidence{report(1, "RB Leipzig", "Paris Saint-Germain", rumours.Talks, "2024-03-01")},
			"2024-03-01", "RB Leipzig", "2023-09-02", "RB Leipzig", ""},
		{"a move the record knows came from a third club stands", rumours.Timeline{{Club: "Barcelona"}, {Club: "RB Leipzig", From: "Barcelona", Since: date("2023-09-02")}},
			[]rumours.Evidence{report(1, "RB Leipzig", "Paris Saint-Germain", rumours.Talks, "2024-07-26")},
			"2024-07-26", "RB Leipzig", "2023-09-02", "RB Leipzig", ""},
		{"no record: the news alone", nil,
			[]rumours.Evidence{report(1, "Arsenal", "Rennes", rumours.Interest, "2020-01-09")},
			"2020-01-10", "Rennes", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rumours.Rank("Sergio Ramos", tt.record, tt.ev, date(tt.asOf), rumours.Options{})
			if r.Current != tt.current {
				t.Errorf("current = %q, want %q (timeline %+v)", r.Current, tt.current, r.Timeline)
			}
			if got := r.Spell.Since; tt.since == "" && !got.IsZero() || tt.since != "" && !got.Equal(date(tt.since)) {
				t.Errorf("since = %v, want %s", got, tt.since)
			}
			got := ""
			if r.Done != nil {
				got = r.Done.Club
			}
			if got != tt.done {
				t.Errorf("done = %q, want %q (destinations %v)", got, tt.done, clubs(r))
			}
			if r.Spell.Loan != (tt.loan != "") || r.Spell.Parent != tt.loan {
				t.Errorf("loan %v from %q, want from %q", r.Spell.Loan, r.Spell.Parent, tt.loan)
			}
			for _, d := range r.Destinations {
				if d.Club == r.Current {
					t.Errorf("his club %s offered as a destination", d.Club)
				}
			}
		})
	}
}

// TestRankClosesTheSagaItsMoveEnded: a deadline-day page reports his move
// to Tottenham as done (or agreed) and, in the same page, the bid Brentford
// had made.
// The record dates the move three weeks before the page (the exports only
// bracket it), so the bid is published after the move; it is still the saga
// the move ended, not a live destination. A move recalled years later in an
// article closes nothing of that article's news.
func TestRankClosesTheSagaItsMoveEnded(t *testing.T) {
	record := rumours.Timeline{
		{Club: "Nottingham Forest"},
		{Club: "Tottenham Hotspur", From: "Nottingham Forest", Since: date("2023-08-11")},
	}
	page := []rumours.Evidence{
		done(7, "Tottenham Hotspur", "Nottingham Forest", "2023-09-01"),
		report(7, "Brentford", "Nottingham Forest", rumours.Bid, "2023-09-01"),
	}
	r := rumours.Rank("Sergio Ramos", record, page, date("2023-09-02"), rumours.Options{})
	if len(r.Destinations) != 0 || len(r.Closed) != 1 || r.Closed[0].Club != "Brentford" {
		t.Errorf("destinations %v, closed %+v; want Brentford closed with the move", clubs(r), r.Closed)
	}
	// a page that has the move only agreed (written as the deal went
	// through) tells the same saga
	agreed := []rumours.Evidence{
		report(9, "Tottenham Hotspur", "Nottingham Forest", rumours.Agreed, "2023-09-01"),
		report(9, "Brentford", "Nottingham Forest", rumours.Bid, "2023-09-01"),
	}
	r = rumours.Rank("Sergio Ramos", record, agreed, date("2023-09-02"), rumours.Options{})
	if len(r.Destinations) != 0 || len(r.Closed) != 1 || r.Done == nil || r.Done.Club != "Tottenham Hotspur" {
		t.Errorf("destinations %v, closed %+v, done %+v; want Brentford closed and the move to Tottenham done", clubs(r), r.Closed, r.Done)
	}
	// years later, "who joined Tottenham in 2023" is background: the same
	// page's new suitor is live
	later := []rumours.Evidence{
		done(8, "Tottenham Hotspur", "Nottingham Forest", "2025-01-20"),
		report(8, "Crystal Palace", "Tottenham Hotspur", rumours.Talks, "2025-01-20"),
	}
	r = rumours.Rank("Sergio Ramos", record, later, date("2025-01-21"), rumours.Options{})
	if len(r.Destinations) != 1 || r.Destinations[0].Club != "Crystal Palace" {
		t.Errorf("destinations %v, closed %+v; want Crystal Palace live", clubs(r), r.Closed)
	}
}
