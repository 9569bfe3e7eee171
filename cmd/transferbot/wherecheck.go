package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"transferbot/bot"
	"transferbot/rumours"
	"transferbot/rumours/extract"
	"transferbot/rumours/gazetteer"
	"transferbot/rumours/score"
	"transferbot/storage"
)

// whereCheck measures the answers rather than the extraction: it ingests
// every article into a fresh store, then for each player who is the main
// subject (a primary gold link) of at least one dated article asks "where
// is he heading?" as of his newest such article, the way a fan would have asked
// on that day. The first destination is right when it is a club his
// newest article reports him moving to (any positive primary link there);
// when that article only denies or ends links, right is a first answer
// that is none of those clubs.
type whereCheck struct {
	Asked, Right int
	Misses       []whereMiss
}

// whereMiss is one wrong first answer.
type whereMiss struct {
	Player, Article string
	Date            string
	Want            []string
	Got             string // first destination; "" for none
	Err             error
	Ranking         rumours.Ranking
}

func (w whereCheck) Write(out io.Writer, verbose bool) {
	fmt.Fprintf(out, "where: right first answer %d/%d = %.3f\n", w.Right, w.Asked, float64(w.Right)/float64(max(w.Asked, 1)))
	if !verbose {
		return
	}
	for _, m := range w.Misses {
		got := m.Got
		if m.Err != nil {
			got = "error: " + m.Err.Error()
		}
		fmt.Fprintf(out, "  %s (%s %s): want %s, got %s\n", m.Player, m.Article, m.Date, strings.Join(m.Want, " or "), cmp.Or(got, "no destination"))
		r := m.Ranking
		fmt.Fprintf(out, "      current %q since %s from %q, stays %.2f, done %v, closed %d\n", r.Current, r.Spell.Since.Format("2006-01-02"), r.Spell.From, r.Stays, r.Done != nil, len(r.Closed))
		for i, d := range r.Destinations[:min(3, len(r.Destinations))] {
			fmt.Fprintf(out, "      %d. %s %.2f %s last %s (%s)\n", i+1, d.Club, d.Share, d.Stage, d.LastSeen.Format("2006-01-02"), d.Best.ArticleURL)
		}
	}
}

// checkWhere runs the check on arts against gold, with a store in dir; x
// extracts the links (nil: the real extractor).
func checkWhere(ctx context.Context, g *gazetteer.Gazetteer, x rumours.Extractor, gold map[string][]score.Link, arts []rumours.Article, dir string) (whereCheck, error) {
	var res whereCheck
	st, err := storage.Open(ctx, filepath.Join(dir, "where.db"))
	if err != nil {
		return res, err
	}
	defer st.Close()
	if x == nil {
		x = extract.New(g, rumours.DefaultOutlets())
	}
	eng, err := rumours.New(st, g, x, rumours.Options{})
	if err != nil {
		return res, err
	}
	if _, errs := eng.IngestBatch(ctx, arts); errs != nil {
		for _, err := range errs {
			if err != nil && !errors.Is(err, rumours.ErrDuplicate) {
				return res, err
			}
		}
	}
	dates := map[string]time.Time{}
	for _, a := range arts {
		dates[a.ID] = a.Published
	}
	// each primary player's newest article
	newest := map[string]string{}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		if _, ok := dates[id]; ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		if dates[id].IsZero() {
			continue // an undated article cannot say when to ask
		}
		for _, l := range gold[id] {
			if !l.Primary || !l.IsCertain() {
				continue
			}
			prev, ok := newest[l.Player]
			if !ok || dates[id].After(dates[prev]) || dates[id].Equal(dates[prev]) && id > prev {
				newest[l.Player] = id
			}
		}
	}
	players := make([]string, 0, len(newest))
	for p := range newest {
		players = append(players, p)
	}
	slices.Sort(players)
	for _, p := range players {
		id := newest[p]
		var want, denied []string
		for _, l := range gold[id] {
			if !l.Primary || !score.SamePlayer(l.Player, p) {
				continue
			}
			if st, _ := rumours.ParseStage(l.Stage); st.Negative() {
				denied = append(denied, l.To)
			} else {
				want = append(want, l.To)
			}
		}
		res.Asked++
		miss := whereMiss{Player: p, Article: id, Want: want, Date: dates[id].Format("2006-01-02")}
		if len(want) == 0 {
			miss.Want = []string{"none of " + strings.Join(denied, ", ")}
		}
		// the question as a fan types it, read as the bot reads it
		q := bot.Understand(ctx, "where is "+p+" heading?", eng)
		name, err := q.Player, error(nil)
		if name == "" {
			name, err = eng.ResolvePlayer(ctx, cmp.Or(q.Name, p))
		}
		var r rumours.Ranking
		if err == nil {
			r, err = eng.Where(ctx, name, dates[id])
		}
		if err != nil {
			miss.Err = err
			res.Misses = append(res.Misses, miss)
			continue
		}
		miss.Ranking = r
		if h, ok := r.Headline(); ok {
			miss.Got = h.Club
		}
		right := false
		if len(want) > 0 {
			right = slices.ContainsFunc(want, func(c string) bool { return miss.Got != "" && score.SameClub(c, miss.Got) })
		} else {
			right = !slices.ContainsFunc(denied, func(c string) bool { return miss.Got != "" && score.SameClub(c, miss.Got) })
		}
		if right {
			res.Right++
		} else {
			res.Misses = append(res.Misses, miss)
		}
	}
	return res, nil
}

// goldExtractor "extracts" the gold links of each article: with it the
// check measures the answers alone, as if extraction were perfect.
type goldExtractor map[string][]score.Link

func (gx goldExtractor) ExtractContext(_ context.Context, a rumours.Article) ([]rumours.Link, error) {
	var out []rumours.Link
	for _, l := range gx[a.ID] {
		st, err := rumours.ParseStage(l.Stage)
		if err != nil || !l.IsCertain() {
			continue
		}
		from := ""
		if l.From != nil {
			from = *l.From
		}
		out = append(out, rumours.Link{Player: l.Player, To: l.To, From: from, Stage: st, Outlets: l.Outlets, Primary: l.Primary, Confidence: 1})
	}
	return out, nil
}
