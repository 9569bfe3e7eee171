package rumours

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// DefaultAlertMinScore is the default of Options.AlertMinScore.
const DefaultAlertMinScore = 0.1

// IngestNews ingests articles as IngestBatch does and writes alerts for the
// articles whose alert[i] is true (alert may be shorter than arts; missing
// entries are false), in the same transaction as their links. An alertable
// article raises an alert for each (player, club) pair it reports when,
// comparing the player's ranking just before and just after the article:
//
//   - the club was not ranked before and its score now passes
//     Options.AlertMinScore (a new link), or
//   - the club's stage moved to a stronger positive stage (talks to bid),
//     or back to a positive stage after a denial or collapse, or
//   - the club's stage became Denied or Off.
//
// A link to the player's current club, a denial of a link nobody reported,
// a completed move never reported before that the article mentions only in
// passing (not its primary link: most likely background, "X, who joined Y
// in 2017") and news that changes nothing raise no alert. Every alert of one call
// shares a Cycle. results[i].Alerts lists the alerts written for arts[i];
// a duplicate article writes none.
func (e *Engine) IngestNews(ctx context.Context, arts []Article, alert []bool) ([]IngestResult, []error) {
	flags := make([]bool, len(arts))
	copy(flags, alert)
	return e.ingestBatch(ctx, arts, flags)
}

// KnownArticles reports for each article whether one with its GUID or URL
// is already stored (a feed item seen before, perhaps edited since).
func (e *Engine) KnownArticles(ctx context.Context, arts []Article) ([]bool, error) {
	keys := make([]ArticleKey, len(arts))
	for i, a := range arts {
		keys[i] = ArticleKey{GUID: a.GUID, URL: a.URL}
	}
	known, err := e.store.KnownArticles(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("rumours: known articles: %w", err)
	}
	return known, nil
}

// alerter decides the alerts of one IngestNews call. It is used with
// Engine.ingest held, so no other ingest changes the evidence it reads.
type alerter struct {
	e     *Engine
	cycle int64
	now   time.Time
}

func (e *Engine) newAlerter() *alerter {
	// cycles increase and are unique within the process even with a fixed
	// test clock: wall-clock nanoseconds, bumped past the last one.
	c := max(time.Now().UnixNano(), e.lastCycle+1)
	e.lastCycle = c
	return &alerter{e: e, cycle: c, now: e.opts.Now()}
}

// alerts fills batch[k].Alerts for the alertable articles of a chunk about
// to be saved; chunk[k] is the index of batch[k] in alert. Articles are
// taken in order, each one's ranking before including the chunk's earlier
// articles.
func (al *alerter) alerts(ctx context.Context, batch []NewArticle, chunk []int, alert []bool) error {
	ev := map[string][]Evidence{}  // evidence per player, stored plus the chunk so far
	ranked := map[string]Ranking{} // the ranking of ev[player], when known
	for k := range batch {
		for _, l := range batch[k].Links {
			if _, ok := ev[l.Player]; ok {
				continue
			}
			stored, err := al.e.store.PlayerEvidence(ctx, l.Player, time.Time{})
			if err != nil {
				return err
			}
			ev[l.Player] = stored
		}
	}
	for k := range batch {
		a := &batch[k].Article
		// a temporary id that sorts after every stored article, in order
		id := int64(1)<<62 + int64(k)
		story := a.Story
		if story == 0 {
			story = id
		}
		var players []string
		added := map[string][]Evidence{}
		for _, l := range batch[k].Links {
			if _, ok := added[l.Player]; !ok {
				players = append(players, l.Player)
			}
			added[l.Player] = append(added[l.Player], Evidence{
				Link: l, ArticleID: id, ArticleURL: a.URL, Publisher: a.Outlet,
				Published: a.Published, Story: story,
			})
		}
		for _, p := range players {
			before := ev[p]
			after := append(slices.Clip(before), added[p]...)
			ev[p] = after
			rb, known := ranked[p]
			delete(ranked, p)
			if !alert[chunk[k]] {
				continue
			}
			asOf := al.asOf(after)
			if !known || !rb.AsOf.Equal(asOf) {
				rb = al.rank(p, before, asOf)
			}
			ra := al.rank(p, after, asOf)
			ranked[p] = ra // the next article's ranking before
			batch[k].Alerts = append(batch[k].Alerts, al.compare(p, rb, ra, added[p], a)...)
		}
	}
	return nil
}

// asOf is the time the rankings around an article are taken at: the
// newest evidence's date, so that news is judged as it stood when it was
// published (a late or replayed item does not meet a saga that has since
// closed; a feed's clock may also run ahead); now when nothing is dated.
func (al *alerter) asOf(ev []Evidence) time.Time {
	var asOf time.Time
	for _, e := range ev {
		if e.Published.After(asOf) {
			asOf = e.Published
		}
	}
	if asOf.IsZero() {
		asOf = al.now
	}
	return asOf
}

// rank ranks player from ev as of asOf.
func (al *alerter) rank(player string, ev []Evidence, asOf time.Time) Ranking {
	return al.e.rank.rank(player, recordTimeline(al.e.g, player), ev, asOf)
}

// compare compares player's rankings before (rb) and after (ra) an
// article's evidence added and returns the alerts for the clubs the article
// links him with.
func (al *alerter) compare(player string, rb, ra Ranking, added []Evidence, a *StoredArticle) []Alert {
	var out []Alert
	seen := map[string]bool{}
	for _, ne := range added {
		club := ne.To
		if seen[club] {
			continue
		}
		seen[club] = true
		d, ok := findDestination(ra, club)
		if !ok {
			continue // the current club, or only denials
		}
		prev := StageUnknown
		if b, ok := findDestination(rb, club); ok {
			prev = b.Stage
		}
		if !alertWorthy(prev, d, al.e.opts.AlertMinScore) {
			continue
		}
		l := bestLink(added, club, d.Stage)
		if prev == StageUnknown && d.Stage == Done && !l.Primary {
			// A completed move the article mentions in passing, never
			// reported before: most likely background ("X, who joined Y in
			// 2017"), not news.
			continue
		}
		outlet := a.Outlet
		if len(l.Outlets) > 0 {
			outlet = l.Outlets[0]
		}
		from := l.From
		switch {
		case from != "":
		case ra.Done != nil && ra.Done.Club == club:
			from = ra.Spell.From
		default:
			from = ra.Current
		}
		out = append(out, Alert{
			Cycle: al.cycle, Created: al.now,
			Player: player, Club: club, From: from,
			Stage: d.Stage, Previous: prev,
			Outlet: outlet, Published: a.Published, Title: a.Title,
			Quote: l.Quote, URL: a.URL,
			Current: ra.Current, Ranking: topShares(ra), Stays: ra.Stays,
		})
	}
	return out
}

// alertWorthy reports whether a club whose stage was prev (StageUnknown:
// not ranked) and is now d is news.
func alertWorthy(prev Stage, d Destination, minScore float64) bool {
	switch {
	case prev == StageUnknown:
		return d.Score >= minScore && !d.Stage.Negative()
	case d.Stage == prev:
		return false
	case d.Stage.Negative():
		return true
	case prev.Negative():
		return true // back on after a denial or collapse
	}
	return d.Stage > prev
}

// findDestination returns club's destination in r: a ranked one, the
// completed move that closed his saga when a report of it is stored (a
// move known only from the record is not news), or a suitor of that saga.
func findDestination(r Ranking, club string) (Destination, bool) {
	if d := r.Done; d != nil && d.Club == club && d.Best.ArticleID != 0 {
		return *d, true
	}
	for _, list := range [][]Destination{r.Destinations, r.Closed} {
		for _, d := range list {
			if d.Club == club {
				return d, true
			}
		}
	}
	return Destination{}, false
}

// bestLink returns the article's link to club at stage, else its strongest
// link to club.
func bestLink(added []Evidence, club string, stage Stage) Link {
	var best *Evidence
	for i := range added {
		e := &added[i]
		if e.To != club {
			continue
		}
		if e.Stage == stage {
			return e.Link
		}
		if best == nil || stageRank(e.Stage) > stageRank(best.Stage) {
			best = e
		}
	}
	if best == nil {
		return Link{}
	}
	return best.Link
}

// topShares returns the first AlertRankingSize destinations of r.
// A completed move that closed his saga is the whole ranking: his new
// club, all of the share.
func topShares(r Ranking) []Share {
	if r.Done != nil {
		return []Share{{Club: r.Done.Club, Share: 1}}
	}
	n := min(len(r.Destinations), AlertRankingSize)
	out := make([]Share, n)
	for i, d := range r.Destinations[:n] {
		out[i] = Share{Club: d.Club, Share: d.Share}
	}
	return out
}
