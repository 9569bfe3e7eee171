package rumours

import (
	"slices"
	"strings"
	"time"

	"transferbot/rumours/gazetteer"
)

// Spell is one stay of a player at a club: where he plays from Since on.
type Spell struct {
	Club  string    // canonical club; "" when he had none (free agent, retired)
	From  string    // the club he came from; "" when unknown
	Since time.Time // the day the move took effect; zero for his first known club
	// Earliest is set when the record only brackets the move (seen at one
	// club in one export, at another in a later one): it happened between
	// Earliest and Since, and clubs in between may be missing.
	Earliest time.Time
	// Loan marks a loan spell; Parent is then the club that owns him.
	Loan   bool
	Parent string
	// Reported is the news that reported the move as done: the earliest
	// such report. Nil for a move known only from the record.
	Reported *Evidence

	learned bool // a move the record does not have: the news alone says so
	returns bool // the end of a loan the news reported, assumed, not reported
	// assumed marks a move to his first known club dated only by what the
	// news called him before it (the day after "Chelsea striker Costa"):
	// the move came later, on a day no report gives, so a later report
	// that still calls him a player of the club before dates it later.
	assumed bool
}

// Timeline is a player's clubs over time, oldest first. It starts from the
// record (the gazetteer's moves, from the Transfermarkt exports) and learns
// from the news: a completed move reported near the record's date dates the
// move to the report (the record only knows the transfer window), and a
// completed move the record does not contradict adds a spell, so a player
// who moved after the record ends, or between clubs it does not cover, is
// followed all the same.
type Timeline []Spell

// At returns the spell the player was in at t, and false when the timeline
// does not know his club then.
func (tl Timeline) At(t time.Time) (Spell, bool) {
	i := len(tl) - 1
	for i >= 0 && tl[i].Since.After(t) {
		i--
	}
	if i < 0 {
		return Spell{}, false
	}
	return tl[i], true
}

// Windows around a recorded move in which a report of that move as done is
// news of it rather than background: clubs announce summer signings from
// June while the record dates them to the window's close, and a report can
// follow the move by a few weeks ("confirmed on Friday"). A report later
// than that repeats history ("who joined from Monaco in 2017").
const (
	reportBefore = 100 * 24 * time.Hour
	reportAfter  = 30 * 24 * time.Hour
)

// blind reports whether the record cannot know his moves at t: after it
// ends, or inside a bracketed move's period, where clubs may be missing.
func (tl Timeline) blind(t time.Time) bool {
	if t.After(recordCovers) {
		return true
	}
	return slices.ContainsFunc(tl, func(s Spell) bool {
		return !s.Earliest.IsZero() && !t.Before(s.Earliest) && !t.After(s.Since)
	})
}

// contradicts is how long after a recorded move a report of a move
// elsewhere is in doubt: the record knows he had just moved.
const contradicts = 90 * 24 * time.Hour

// distance is how far t is after the move into s (negative: before it);
// 0 inside a bracketed move's period.
func (s *Spell) distance(t time.Time) time.Duration {
	switch {
	case t.After(s.Since):
		return t.Sub(s.Since)
	case !s.Earliest.IsZero() && !t.Before(s.Earliest):
		return 0
	case !s.Earliest.IsZero():
		return t.Sub(s.Earliest)
	}
	return t.Sub(s.Since)
}

// recordCovers is the last day the record's clubs over time are complete
// for the players it covers (the June 2026 exports). A completed move the
// news reports to a former club before then, with no such move in the
// record, is background; after it, it may be a return the record misses.
var recordCovers = time.Date(2026, time.June, 30, 0, 0, 0, 0, time.UTC)

// newsMove says what a report of a completed move is to the timeline.
type newsMove int

const (
	moveNews       newsMove = iota // a move the timeline learns
	moveConfirmed                  // the record's move, dated by the report
	moveBackground                 // history: he was already there, or had been
)

// learnTimeline returns the timeline tl (the record's) with what the
// completed moves in ev published up to asOf teach. tl is not modified.
// Undated reports teach nothing: they cannot be placed in time.
func learnTimeline(tl Timeline, ev []Evidence, asOf time.Time) Timeline {
	tl = slices.Clone(tl)
	// reports in date order, so that the first report of a move dates it
	idx := make([]int, 0, 8)
	for i := range ev {
		e := &ev[i]
		if e.Stage == Done && e.To != "" && !e.Published.IsZero() && !e.Published.After(asOf) {
			idx = append(idx, i)
		}
	}
	// (of two moves reported the same day, the one that leaves the
	// other's destination second: "X, who joined City this summer, has
	// completed a loan to Düsseldorf")
	slices.SortStableFunc(idx, func(a, b int) int {
		return sameDayOrder(ev[a].Published, ev[b].Published, ev[a].From, ev[a].To, ev[b].From, ev[b].To)
	})
	for _, i := range idx {
		e := &ev[i]
		if tl.learn(e) != moveBackground {
			tl.sort()
		}
	}
	// A move only the news reported, then denied or called off, did not
	// happen: the "done" was a misreading or premature.
	tl = slices.DeleteFunc(tl, func(s Spell) bool {
		return s.learned && slices.ContainsFunc(ev, func(e Evidence) bool {
			return e.To == s.Club && e.Stage.Negative() && e.Published.After(s.Since) && !e.Published.After(asOf) && e.Published.Sub(s.Since) < contradicts
		})
	})
	// then what the news calls him, and where it has him still wanted,
	// oldest first
	idx = idx[:0]
	for i := range ev {
		e := &ev[i]
		if (e.From != "" || e.To != "") && e.Stage != Done && !e.Published.IsZero() && !e.Published.After(asOf) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return ev[a].Published.Compare(ev[b].Published) })
	for _, i := range idx {
		e := &ev[i]
		if e.From != "" {
			tl.describe(e.From, e.Published)
		}
		if e.To != "" && e.Stage.Valid() && !e.Stage.Negative() {
			tl.wanted(e.To, e.Published)
			tl.backFrom(e)
		}
	}
	return tl
}

// describe adds what a report that calls him a player of club at t tells
// ("Rennes midfielder Camavinga"), where the record knows nothing then: an
// empty timeline, or a time before the record's first dated move from an
// unknown club, or a time when the record only assumes he was at his first
// known club (since an unknown date: its history starts in 2019 for most).
// A later report that still calls him a player of the club before moves
// such an assumed move on: he had not left yet ("Chelsea striker Costa"
// in July and again on deadline day, when the record's first club is
// Atlético, where he went back in the winter). A report that calls him a
// player of the club he moved to confirms the move's day as it stands.
// A report that calls him a player of his first known club after a move
// only the news knows, from another club, places the first known club
// after that move. Elsewhere the record wins: the extractor's reading of
// a descriptor is the less reliable of the two.
func (tlp *Timeline) describe(club string, t time.Time) {
	tl := *tlp
	switch {
	case len(tl) == 0:
		tl = Timeline{{Club: club}}
	case !tl[0].Since.IsZero():
		if t.Before(tl[0].Since) && tl[0].From == "" && tl[0].Club != club {
			tl = slices.Insert(tl, 0, Spell{Club: club})
			tl[1].From = club
		}
	case tl[0].Club != club && (len(tl) == 1 || t.Before(tl[1].Since)):
		// He was at club at t, so his move to the first known club came
		// later: after t, on a day no report gives.
		tl[0].Since, tl[0].From, tl[0].assumed = t.Add(24*time.Hour), club, true
		tl = slices.Insert(tl, 0, Spell{Club: club})
	case tl[0].Club == club && len(tl) > 1 && tl[1].learned && !t.Before(tl[1].Since):
		// The news moved him from elsewhere to another club before the
		// record's first dated move, and now calls him a player of his
		// first known club: he went there after the news' moves, by t
		// (Ibrahimović: to Manchester United from PSG in 2016, "LA Galaxy
		// striker" in 2019, when the record knows only LA Galaxy before
		// Milan). A news move from the first known club is not this: he
		// was there before it, and the record wins as elsewhere.
		k := 1
		for k+1 < len(tl) && !tl[k+1].Since.After(t) {
			k++
		}
		// (dated the day before the report, so that the report's own
		// links are news after the move, not the saga it ended)
		since := t.Add(-24 * time.Hour)
		if !since.After(tl[k].Since) {
			return
		}
		for _, s := range tl[1 : k+1] {
			if !s.learned || s.returns || s.From == "" || s.From == club {
				return
			}
		}
		first := tl[0]
		first.From, first.Since, first.Earliest = tl[k].Club, since, tl[k].Since.Add(24*time.Hour)
		tl = slices.Insert(tl, k+1, first)
		tl[0] = Spell{Club: tl[1].From}
	case len(tl) > 1 && tl[1].assumed && !t.Before(tl[1].Since):
		switch {
		case tl[1].Club == club:
			tl[1].assumed = false // seen there: the move had happened
		case tl[0].Club == club && (len(tl) == 2 || t.Before(tl[2].Since)):
			tl[1].Since = t.Add(24 * time.Hour) // still there: not yet
		}
	}
	*tlp = tl
}

// wanted adds what a live link to club at t tells (a club that wants him,
// talks, a bid): he was not at club then. Only an assumed move gives way
// (see describe): "Atlético want him back" on deadline day says the move
// to Atlético, dated by what the news called him in July, had not
// happened yet. A move the record or a report dates stands: a link to his
// own club is the extractor's misreading more often than the record's.
func (tlp *Timeline) wanted(club string, t time.Time) {
	tl := *tlp
	if len(tl) > 1 && tl[1].assumed && tl[1].Club == club && !t.Before(tl[1].Since) && (len(tl) == 2 || t.Before(tl[2].Since)) {
		tl[1].Since = t.Add(24 * time.Hour)
	}
}

// backFrom adds what a live link e to the club the record has him at, from
// another club, tells: a season has ended since the record's move there,
// and the news has him joining that club again from the other, so he went
// back to the other at the season's end (Xavi Simons, whom the record has
// at Leipzig from 2023, "wants to return for a second season on loan from
// PSG" in July 2024: the record took a loan for a transfer). Only a move
// the record dates and does not know the origin of, or knows came from
// that same club, gives way: one from a third club, or one the news
// reported, stands against a link the extractor may have misread.
func (tlp *Timeline) backFrom(e *Evidence) {
	tl := *tlp
	t := e.Published
	k := len(tl) - 1
	for k >= 0 && tl[k].Since.After(t) {
		k--
	}
	if k < 0 || e.From == "" || e.From == e.To {
		return
	}
	cur := tl[k]
	if cur.Club != e.To || cur.Since.IsZero() || cur.learned || cur.Reported != nil || cur.From != "" && cur.From != e.From {
		return
	}
	end := loanReturn(cur.Since)
	if end.After(t) {
		return // the same season: no loan has ended yet
	}
	*tlp = slices.Insert(tl, k+1, Spell{Club: e.From, From: e.To, Since: end, learned: true, returns: true})
}

// sort puts the spells in date order. Of two moves on one day (bought and
// sold on deadline day), the one that leaves the other's club comes last.
func (tl Timeline) sort() {
	slices.SortStableFunc(tl, func(a, b Spell) int { return sameDayOrder(a.Since, b.Since, a.From, a.Club, b.From, b.Club) })
}

// sameDayOrder compares two moves (from, to) by day; of two on one day,
// the one that leaves the other's destination comes last.
func sameDayOrder(ta, tb time.Time, fromA, toA, fromB, toB string) int {
	if c := ta.Compare(tb); c != 0 {
		return c
	}
	switch {
	case fromA != "" && fromA == toB:
		return 1
	case fromB != "" && fromB == toA:
		return -1
	}
	return 0
}

// recordTimeline is the timeline the gazetteer's moves give player; nil for
// a player it does not know.
func recordTimeline(g *gazetteer.Gazetteer, player string) Timeline {
	i, ok := g.PlayerByName(player)
	if !ok {
		return nil
	}
	return movesTimeline(g.Players[i].Moves)
}

// movesTimeline is the timeline a player's recorded moves give, oldest
// first; nil for none.
func movesTimeline(moves []gazetteer.Move) Timeline {
	if len(moves) == 0 {
		return nil
	}
	// The exports date a window's moves to its close, so two moves of one
	// window share a day, and may come in either order (a loan out listed
	// before the signing it follows): on one day, arrivals first.
	moves = slices.Clone(moves)
	slices.SortStableFunc(moves, func(a, b gazetteer.Move) int { return sameDayOrder(a.Date, b.Date, a.From, a.To, b.From, b.To) })
	tl := make(Timeline, 0, len(moves)+3)
	switch first := moves[0]; {
	case first.EndOfLoan && first.From != "" && first.To != "":
		// The record starts with the end of a loan: he belonged to the
		// club he returns to and was lent to the other some time in the
		// year before (a loan runs a season or two), on a day the record
		// does not give. The loan is a bracketed move, so a report of it
		// dates it, rather than reading as a move back to a former club.
		tl = append(tl, Spell{Club: first.To}, Spell{Club: first.From, From: first.To, Since: first.Date,
			Earliest: first.Date.AddDate(-1, 0, 0), Loan: true, Parent: first.To})
	case first.From != "":
		tl = append(tl, Spell{Club: first.From})
	}
	for k, m := range moves {
		s := Spell{Club: m.To, From: m.From, Since: m.Date, Earliest: m.Earliest, Loan: m.Loan}
		if m.Loan {
			s.Parent = m.From
		}
		tl = append(tl, s)
		// A loan with no recorded return ends on the 30 June after it
		// started, unless the next record is the return or a move away
		// from the loan club (he stayed); the same rule as ClubAt.
		if m.Loan && m.From != "" {
			end := loanReturn(m.Date)
			if k+1 == len(moves) || !moves[k+1].EndOfLoan && moves[k+1].From != m.To && moves[k+1].Date.After(end) {
				tl = append(tl, Spell{Club: m.From, From: m.To, Since: end})
			}
		}
	}
	return tl
}

// loanReturn is the day a loan that started on d ends when the record says
// nothing: 1 July after the 30 June of its season.
func loanReturn(d time.Time) time.Time {
	y := d.Year()
	if d.Month() >= time.July {
		y++
	}
	return time.Date(y, time.July, 1, 0, 0, 0, 0, time.UTC)
}

// learn adds what a report of a completed move e tells to the timeline.
func (tlp *Timeline) learn(e *Evidence) newsMove {
	tl := *tlp
	t := e.Published
	// the record's move to that club nearest the report
	best, bestD := -1, time.Duration(0)
	for k := range tl {
		s := &tl[k]
		if s.Club != e.To {
			continue
		}
		if s.Since.IsZero() {
			// His first known club, since a date the record does not
			// know: a report of the move there before he left it dates
			// the move. (The record's history starts in 2019 for most.)
			if s.Reported == nil && (k+1 == len(tl) || t.Before(tl[k+1].Since)) {
				s.Since, s.Reported, s.From = t, e, e.From
				if k == 0 && e.From != "" && e.From != e.To {
					*tlp = slices.Insert(tl, 0, Spell{Club: e.From})
				}
				return moveConfirmed
			}
			continue
		}
		d := s.distance(t)
		if d > reportAfter || d < -reportBefore {
			continue
		}
		if d < 0 {
			d = -d
		}
		if best < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	if best >= 0 {
		s := &tl[best]
		if s.Reported == nil {
			s.Reported = e
		}
		// The report dates the move when it comes first, but never
		// before the spell it follows began.
		if t.Before(s.Since) && (best == 0 || !t.Before(tl[best-1].Since)) {
			s.Since = t
		}
		return moveConfirmed
	}
	cur, known := tl.At(t)
	if known && cur.Club == e.To {
		return moveBackground // he already plays there
	}
	if !tl.blind(t) && slices.ContainsFunc(tl, func(s Spell) bool { return s.Club == e.To && !s.Since.After(t) }) {
		return moveBackground // a former club, and the record has no return
	}
	// A move the record does not know. When the record has him moving
	// elsewhere around then, the report is the one in doubt; a bracketed
	// move says nothing about the clubs in between (its dates are the
	// exports', not the move's).
	for _, s := range tl {
		if s.Since.IsZero() {
			continue
		}
		after := t.After(s.Since) && t.Sub(s.Since) < contradicts
		before := !t.After(s.Since) && s.Since.Sub(t) < reportBefore
		if s.Earliest.IsZero() && (after || before) {
			return moveBackground
		}
	}
	from := e.From
	if from == "" && known {
		from = cur.Club
	}
	// a loan's assumed end after this move did not come: he moved on
	tl = slices.DeleteFunc(tl, func(s Spell) bool { return s.returns && s.Since.After(t) })
	s := Spell{Club: e.To, From: from, Since: t, Reported: e, learned: true}
	if from != "" && onLoan(e.Quote) {
		s.Loan, s.Parent = true, from
		if cur.Loan && cur.Parent != "" {
			s.Parent = cur.Parent // from one loan to the next
		}
		// back at the parent club when the season ends, unless the news
		// says otherwise first
		tl = append(tl, Spell{Club: s.Parent, From: e.To, Since: loanReturn(t), learned: true, returns: true})
	}
	*tlp = append(tl, s)
	return moveNews
}

// onLoan reports whether the sentence reporting a move calls it a loan.
func onLoan(quote string) bool {
	q := strings.ToLower(quote)
	return strings.Contains(q, "on loan") || strings.Contains(q, "loan deal") || strings.Contains(q, "loan move") || strings.Contains(q, "season-long loan")
}
