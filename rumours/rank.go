package rumours

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// Score multipliers for a pair whose latest news is a denial or a collapse.
const (
	deniedFactor = 0.25
	offFactor    = 0.15
)

// StageWeight returns S(stage), the weight of a stage in the ranking:
// speculation 0.15, interest 0.3, talks 0.5, bid 0.6, agreed 0.85, medical
// 0.95, done 1.0. Denied, Off and invalid stages weigh 0.
func StageWeight(s Stage) float64 {
	switch s {
	case Speculation:
		return 0.15
	case Interest:
		return 0.3
	case Talks:
		return 0.5
	case Bid:
		return 0.6
	case Agreed:
		return 0.85
	case Medical:
		return 0.95
	case Done:
		return 1.0
	}
	return 0
}

// Rank ranks the clubs that player (a canonical name) may join, from ev, his
// stored evidence, as of asOf; record is his timeline as the record knows it
// (nil if unknown), which the completed moves in ev extend (see Timeline).
// A zero asOf means opts.Now() (time.Now when unset); zero option fields take
// their defaults (see Options). Rank is a pure function of its arguments and
// safe for concurrent use.
//
// The formula:
//
//  1. Evidence published after asOf is ignored (undated evidence is kept).
//     Each piece of evidence e weighs w(e) = S(stage) × T(outlet) × R(age)
//     × C(confidence):
//     S is speculation 0.15, interest 0.3, talks 0.5, bid 0.6, agreed 0.85,
//     medical 0.95, done 1.0 (denied and off weigh nothing but are used in
//     step 3); T is the tier weight of the most reliable outlet the link
//     cites, else of the article's publisher, else of the unknown tier
//     (tiers 1 to 4 weigh 1.0, 0.8, 0.55 and 0.3; an outlet missing from
//     the table is tier 3); R = 2^(−age/HalfLife) with age = ref −
//     published, where ref is the date of the player's newest evidence up
//     to asOf (so a saga asked about years later keeps its shape), and a
//     half-life of 30 days (undated evidence: R = 0.5); C = 0.5 + 0.5 ×
//     the extractor's confidence in the link.
//  2. Near-duplicates count once: a club's evidence is grouped by story
//     (syndicated copies of an article share a story) and each story
//     contributes its largest w. The club's score is Σ w_i × 0.5^i over its
//     stories sorted by w, largest first: a second independent story adds
//     half its weight, a third a quarter, and so on. The club's independent
//     outlets are the distinct outlets over its stories, taking for each
//     story the outlets cited by its strongest evidence (or its publisher if
//     it cites none), so a syndicated story counts once.
//  3. Denials and collapses: when the newest evidence on the pair (by
//     published date, then article id) is a denial, the score is multiplied
//     by 0.25 (a collapse, "off": by 0.15) and the club's stage shows
//     denied (off); otherwise the stage is the strongest stage reported.
//     Clubs with only denials or collapses are not listed.
//  4. Completed moves are not ranked: each is a move in his timeline or
//     history he had already lived (Timeline). His current club as of asOf
//     is never a destination; a former club is (a return). Links published
//     up to his latest move, and after the move before it, belong to the
//     saga that move ended: they are listed in Closed, without shares, and
//     when nothing has been reported since, Done is that move. Undated
//     links, which cannot be placed after the move, go with them, and so
//     do the other links of an article that reports the move as news.
//  5. "Stays where he is" gets raw = StaysWeight, 1.0 by default.
//  6. Share = score / (Σ scores + raw) and Stays = raw / (Σ scores + raw),
//     so the shares of all destinations and Stays add up to 1 (Stays is 1
//     when there is nothing to rank).
//  7. Destinations are ordered by score, highest first, then by club name.
func Rank(player string, record Timeline, ev []Evidence, asOf time.Time, opts Options) Ranking {
	opts = opts.withDefaults()
	if asOf.IsZero() {
		asOf = opts.Now()
	}
	return newRanker(opts).rank(player, record, ev, asOf)
}

// ranker holds the option-derived tables of the ranking. It is immutable and
// safe for concurrent use.
type ranker struct {
	outlets  *OutletIndex
	tierW    map[int]float64
	unknownW float64
	halfLife time.Duration
	stays    float64
}

// newRanker builds a ranker from options that already have their defaults.
func newRanker(opts Options) *ranker {
	r := &ranker{
		outlets:  NewOutletIndex(opts.Outlets),
		tierW:    opts.TierWeights,
		halfLife: opts.HalfLife,
		stays:    opts.StaysWeight,
	}
	r.unknownW = r.tierWeight(opts.UnknownTier)
	return r
}

// tierWeight returns the weight of tier; a tier missing from the table
// weighs as little as the least reliable tier that is in it.
func (r *ranker) tierWeight(tier int) float64 {
	if w, ok := r.tierW[tier]; ok {
		return w
	}
	worst, found := 0, false
	for t := range r.tierW {
		if !found || t > worst {
			worst, found = t, true
		}
	}
	return r.tierW[worst]
}

// outlet returns the canonical name and the weight of the outlet called name;
// an outlet missing from the table keeps its name and weighs as the unknown
// tier.
func (r *ranker) outlet(name string) (string, float64) {
	name = strings.TrimSpace(name)
	if o, ok := r.outlets.Lookup(name); ok {
		return o.Name, r.tierWeight(o.Tier)
	}
	return name, r.unknownW
}

// outletWeight is T(e): the weight of the most reliable outlet e cites, else
// of its publisher, else of the unknown tier.
func (r *ranker) outletWeight(e *Evidence) float64 {
	best, found := 0.0, false
	for _, o := range e.Outlets {
		if strings.TrimSpace(o) == "" {
			continue
		}
		if _, w := r.outlet(o); !found || w > best {
			best, found = w, true
		}
	}
	if found {
		return best
	}
	if strings.TrimSpace(e.Publisher) != "" {
		_, w := r.outlet(e.Publisher)
		return w
	}
	return r.unknownW
}

// recency is R: 2^(−age/HalfLife), with age = HalfLife when published is
// unknown. Evidence from the future (never passed by rank) counts as fresh.
func (r *ranker) recency(published, asOf time.Time) float64 {
	if published.IsZero() {
		return 0.5
	}
	age := asOf.Sub(published)
	if age < 0 {
		age = 0
	}
	return math.Exp2(-age.Seconds() / r.halfLife.Seconds())
}

// weight is w(e) = S × T × R × C.
func (r *ranker) weight(e *Evidence, asOf time.Time) float64 {
	s := StageWeight(e.Stage)
	if s == 0 {
		return 0
	}
	return s * r.outletWeight(e) * r.recency(e.Published, asOf) * confidenceFactor(e.Confidence)
}

// confidenceFactor is C = 0.5 + 0.5 × the extractor's confidence in the
// link (1 when the confidence is unknown).
func confidenceFactor(c float64) float64 {
	if c <= 0 || c > 1 {
		return 1
	}
	return 0.5 + 0.5*c
}

// sources returns the canonical outlets a story's strongest evidence cites,
// or its publisher when it cites none.
func (r *ranker) sources(e *Evidence) []string {
	var out []string
	for _, o := range e.Outlets {
		if strings.TrimSpace(o) == "" {
			continue
		}
		name, _ := r.outlet(o)
		out = append(out, name)
	}
	if len(out) == 0 && strings.TrimSpace(e.Publisher) != "" {
		name, _ := r.outlet(e.Publisher)
		out = append(out, name)
	}
	return out
}

// newer reports whether a is newer than b: a later published date, then a
// larger article id. Undated evidence is older than dated evidence.
func newer(a, b *Evidence) bool {
	if !a.Published.Equal(b.Published) {
		return a.Published.After(b.Published)
	}
	return a.ArticleID > b.ArticleID
}

// story is one story's contribution to a club.
type story struct {
	w        float64
	best     *Evidence // strongest evidence; nil when the story has only denials
	original *Evidence // the earliest copy with the story's strongest stage
}

// clubAcc accumulates one club's evidence.
type clubAcc struct {
	club        string
	stories     map[int64]*story
	newest      *Evidence // newest evidence of any stage
	best        *Evidence // largest w among positive evidence
	bestW       float64
	stage       Stage // strongest positive stage
	first, last time.Time
}

func (r *ranker) rank(player string, record Timeline, ev []Evidence, asOf time.Time) Ranking {
	out := Ranking{Player: player, AsOf: asOf}
	// Recency is measured from the player's newest news (as of asOf), so a
	// saga asked about years later keeps the shape it had when it ended.
	ref := time.Time{}
	for i := range ev {
		if p := ev[i].Published; !p.IsZero() && !p.After(asOf) && p.After(ref) {
			ref = p
		}
	}
	out.LastReport = ref
	tl := learnTimeline(record, ev, asOf)
	for _, s := range tl {
		if !s.Since.After(asOf) {
			out.Timeline = append(out.Timeline, s)
		}
	}
	if s, ok := tl.At(asOf); ok {
		out.Spell, out.Current = s, s.Club
	} else {
		out.Current = clubFromDescriptors(ev, asOf)
	}
	if ref.IsZero() {
		ref = asOf
	}
	asOf = ref
	moved := out.Spell.Since // the latest move; zero when none is known
	var before time.Time     // the move before it: older sagas are history
	if n := len(out.Timeline); n >= 2 {
		before = out.Timeline[n-2].Since
	}
	// An article that reports his move to his current club as news, done or
	// agreed (a page written as the deal went through), and as near the
	// move as learn matches a report to it, tells the saga that move ended:
	// its other links (the bid that failed, the suitors he turned down) are
	// that saga's, even when the record dates the move a little before the
	// article. A move mentioned years later ("who joined PSG in 2017")
	// closes nothing.
	doneIn := map[int64]bool{}
	for i := range ev {
		e := &ev[i]
		if e.Stage >= Agreed && !e.Stage.Negative() && e.To == out.Current && out.Current != "" && e.ArticleID != 0 && !e.Published.After(asOf) && !moved.IsZero() && e.Published.Sub(moved) <= reportAfter && moved.Sub(e.Published) <= reportBefore {
			doneIn[e.ArticleID] = true
		}
	}
	live := map[string]*clubAcc{}
	closed := map[string]*clubAcc{}
	anon := int64(0) // story keys for evidence without story or article
	for i := range ev {
		e := &ev[i]
		if e.To == "" || !e.Stage.Valid() {
			continue
		}
		if !e.Published.IsZero() && e.Published.After(asOf) {
			continue
		}
		if e.Stage == Done && !calledOff(ev, e, asOf) {
			// A completed move is in the timeline (news or record) or is
			// history; undated, it cannot be placed, so it is history too.
			// One called off later never happened: it ranks as a deal
			// that collapsed.
			continue
		}
		if e.To == out.Current {
			continue // he plays there: not a move
		}
		clubs := live
		switch {
		case doneIn[e.ArticleID]:
			clubs = closed // told with his move: that saga is over
		case moved.IsZero():
		case e.Published.IsZero():
			// An undated report cannot be placed after his latest move,
			// so it goes with the saga that move ended: undated pages are
			// mostly archive copies, and old news must not read as live.
			clubs = closed
		case !e.Published.After(moved):
			if !e.Published.After(before) {
				continue // a saga before the one his latest move ended
			}
			clubs = closed // before his latest move: that saga is over
		}
		r.add(clubs, e, asOf, &anon)
	}

	var total float64
	for _, c := range live {
		if c.best == nil {
			continue // only denials or collapses
		}
		dest := r.destination(c)
		total += dest.Score
		out.Destinations = append(out.Destinations, dest)
	}
	for _, c := range closed {
		if c.best != nil {
			out.Closed = append(out.Closed, r.destination(c))
		}
	}
	raw := r.stays
	total += raw
	for i := range out.Destinations {
		out.Destinations[i].Share = out.Destinations[i].Score / total
	}
	out.Stays = raw / total
	byScore := func(a, b Destination) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.Club, b.Club)
	}
	slices.SortFunc(out.Destinations, byScore)
	slices.SortFunc(out.Closed, byScore)
	// The move closed a saga when the news reported it, or there is news
	// of him since the move before it; a move only the record knows, with
	// no news around it, is just his club.
	news := out.Spell.Reported != nil || slices.ContainsFunc(ev, func(e Evidence) bool { return e.Published.After(before) && !e.Published.After(asOf) })
	if len(out.Destinations) == 0 && !moved.IsZero() && out.Current != "" && news {
		out.Done = r.doneMove(out.Spell)
	}
	return out
}

// add adds e to its club's accumulator in clubs.
func (r *ranker) add(clubs map[string]*clubAcc, e *Evidence, asOf time.Time, anon *int64) {
	c := clubs[e.To]
	if c == nil {
		c = &clubAcc{club: e.To, stories: map[int64]*story{}}
		clubs[e.To] = c
	}
	if c.newest == nil || newer(e, c.newest) {
		c.newest = e
	}
	if !e.Published.IsZero() {
		if c.first.IsZero() || e.Published.Before(c.first) {
			c.first = e.Published
		}
		if e.Published.After(c.last) {
			c.last = e.Published
		}
	}
	key := e.Story
	if key == 0 {
		key = e.ArticleID
	}
	if key == 0 {
		*anon--
		key = *anon
	}
	st := c.stories[key]
	if st == nil {
		st = &story{}
		c.stories[key] = st
	}
	if e.Stage.Negative() {
		return
	}
	w := r.weight(e, asOf)
	if st.best == nil || w > st.w || (w == st.w && newer(e, st.best)) {
		st.w, st.best = w, e
	}
	// a story is shown by its original: the earliest copy at its stage
	if st.original == nil || e.Stage > st.original.Stage || e.Stage == st.original.Stage && newer(st.original, e) {
		st.original = e
	}
	if c.best == nil || w > c.bestW || (w == c.bestW && newer(e, c.best)) {
		c.bestW, c.best = w, e
	}
	if e.Stage > c.stage {
		c.stage = e.Stage
	}
}

// doneMove describes the move into spell s as a done destination: the
// report that broke it and its outlets, or the record's date alone.
func (r *ranker) doneMove(s Spell) *Destination {
	d := &Destination{Club: s.Club, Stage: Done, Share: 1, FirstSeen: s.Since, LastSeen: s.Since}
	if e := s.Reported; e != nil {
		d.Best = *e
		d.Sources = r.sources(e)
		d.Outlets = len(d.Sources)
		d.Score = r.weight(e, e.Published)
	}
	return d
}

// calledOff reports whether a denial or collapse of e's link came after e
// (up to asOf).
func calledOff(ev []Evidence, e *Evidence, asOf time.Time) bool {
	return slices.ContainsFunc(ev, func(x Evidence) bool {
		return x.To == e.To && x.Stage.Negative() && newer(&x, e) && !x.Published.After(asOf)
	})
}

// clubFromDescriptors is the player's club by what the news says of him
// when the timeline has nothing: the club the newest link up to asOf says
// he is leaving ("Rennes midfielder Camavinga").
func clubFromDescriptors(ev []Evidence, asOf time.Time) string {
	var best *Evidence
	for i := range ev {
		x := &ev[i]
		if x.From == "" || x.Published.After(asOf) {
			continue
		}
		if best == nil || newer(x, best) {
			best = x
		}
	}
	if best == nil {
		return ""
	}
	return best.From
}

// destination scores one club (steps 2 and 3 of the formula).
func (r *ranker) destination(c *clubAcc) Destination {
	stories := make([]*story, 0, len(c.stories))
	for _, st := range c.stories {
		if st.best != nil {
			stories = append(stories, st)
		}
	}
	slices.SortFunc(stories, func(a, b *story) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		if newer(a.best, b.best) {
			return -1
		}
		return 1
	})
	var score float64
	factor := 1.0
	seen := map[string]bool{}
	type src struct {
		name string
		w    float64
	}
	var srcs []src
	for _, st := range stories {
		score += st.w * factor
		factor /= 2
		for _, name := range r.sources(st.best) {
			key := strings.ToLower(name)
			if seen[key] {
				continue
			}
			seen[key] = true
			_, w := r.outlet(name)
			srcs = append(srcs, src{name, w})
		}
	}
	slices.SortStableFunc(srcs, func(a, b src) int { return cmp.Compare(b.w, a.w) })
	dest := Destination{
		Club:      c.club,
		Stage:     c.stage,
		Outlets:   len(srcs),
		FirstSeen: c.first,
		LastSeen:  c.last,
		Best:      *c.best,
	}
	// the strongest story is shown by its original, not a later copy
	if len(stories) > 0 && stories[0].original != nil && stories[0].original.Story == c.best.Story && c.best.Story != 0 {
		dest.Best = *stories[0].original
	}
	for _, s := range srcs {
		dest.Sources = append(dest.Sources, s.name)
	}
	switch c.newest.Stage {
	case Denied:
		score *= deniedFactor
		dest.Stage = Denied
	case Off:
		score *= offFactor
		dest.Stage = Off
	}
	dest.Score = score
	return dest
}
