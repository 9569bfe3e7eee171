// Package score is a faithful Go port of score.py, the reference scorer of
// the development set (../shared/eval/dev): it matches predicted transfer
// links against gold labels after folding case, accents, club suffixes,
// club aliases and player nicknames, and prints the same figures, line for
// line, as `python3 score.py GOLD PRED [--verbose]`.
//
// Scoring rules, as in score.py: predictions are deduplicated per (player,
// club) pair; each gold link, in file order, takes the first unused
// matching prediction; gold links marked "certain": false still take a
// prediction but count neither as a hit nor as a miss; predictions for
// articles that are not in the gold file are ignored.
package score

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Result holds the counts score.py prints.
type Result struct {
	Articles int // gold articles
	Missing  int // gold articles with no line in the predictions
	TP       int // certain gold links found
	FP       int // predictions matching no gold link
	FN       int // certain gold links not found
	PrimTot  int // certain primary gold links
	PrimHit  int // ... of which found
	StageN   int // found links whose stage was compared (TP)
	// StageExact counts found links with the gold stage (or stage_alt);
	// StageBucket those with a stage in the same bucket (see StageBucket).
	StageExact, StageBucket int
	OutN                    int // found links whose gold label names outlets
	OutHit                  int // ... of which the prediction names one of them
	// Misses and Extras are the --verbose lines for missed gold links and
	// unmatched predictions; Details holds both kinds in printing order.
	Misses, Extras, Details []string
}

// Score compares predictions with gold labels as score.py does. goldOrder
// gives the order in which gold articles are scored (and --verbose lines
// printed): the ids as ReadJSONL returns them. Gold ids missing from
// goldOrder are scored after the others, in sorted order.
func Score(gold, pred map[string][]Link, goldOrder []string) Result {
	var r Result
	r.Articles = len(gold)
	for _, aid := range articleOrder(gold, goldOrder) {
		glinks := gold[aid]
		plinks, ok := pred[aid]
		if !ok {
			r.Missing++
		}
		// one prediction per (player, club) pair
		var uniq []Link
		for _, p := range plinks {
			if !slices.ContainsFunc(uniq, func(q Link) bool {
				return SamePlayer(p.Player, q.Player) && SameClub(p.To, q.To)
			}) {
				uniq = append(uniq, p)
			}
		}
		used := make([]bool, len(uniq))
		for _, g := range glinks {
			hit := -1
			for j, p := range uniq {
				if !used[j] && SamePlayer(g.Player, p.Player) && SameClub(g.To, p.To) {
					hit = j
					break
				}
			}
			if hit >= 0 {
				used[hit] = true
			}
			if !g.IsCertain() {
				continue
			}
			if g.Primary {
				r.PrimTot++
				if hit >= 0 {
					r.PrimHit++
				}
			}
			if hit < 0 {
				r.FN++
				line := fmt.Sprintf("  miss %s: %s -> %s (%s)", aid,
					pyValue(g.Player, g.noPlayer), pyValue(g.To, g.noTo), pyValue(g.Stage, g.noStage))
				r.Misses = append(r.Misses, line)
				r.Details = append(r.Details, line)
				continue
			}
			r.TP++
			p := uniq[hit]
			r.StageN++
			if stageExact(g, p) {
				r.StageExact++
			}
			if stageBucket(g, p) {
				r.StageBucket++
			}
			if len(g.Outlets) > 0 {
				r.OutN++
				if outletFound(g.Outlets, p.Outlets) {
					r.OutHit++
				}
			}
		}
		for j, p := range uniq {
			if !used[j] {
				r.FP++
				line := fmt.Sprintf("  extra %s: %s -> %s", aid, pyValue(p.Player, p.noPlayer), pyValue(p.To, p.noTo))
				r.Extras = append(r.Extras, line)
				r.Details = append(r.Details, line)
			}
		}
	}
	return r
}

// articleOrder lists gold's ids: first those of order (once each), then any
// others sorted.
func articleOrder(gold map[string][]Link, order []string) []string {
	seen := make(map[string]bool, len(gold))
	ids := make([]string, 0, len(gold))
	for _, id := range order {
		if _, ok := gold[id]; ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	var rest []string
	for id := range gold {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
}

// acceptedStages is score.py's ok = {stage, stage_alt or stage}.
func acceptedStages(g Link) []string {
	if g.StageAlt != "" {
		return []string{g.Stage, g.StageAlt}
	}
	return []string{g.Stage}
}

// stageExact reports whether the predicted stage is one the gold accepts.
// A missing predicted stage (None in score.py) never matches.
func stageExact(g, p Link) bool {
	return !p.noStage && slices.Contains(acceptedStages(g), p.Stage)
}

// stageBucket reports whether the predicted stage falls in the bucket of
// an accepted gold stage. An unknown predicted stage is bucket -1 and so
// never matches. score.py crashes on an unknown gold stage; here such a
// stage simply has no bucket.
func stageBucket(g, p Link) bool {
	pb, ok := bucket[p.Stage]
	if !ok || p.noStage {
		pb = -1
	}
	for _, s := range acceptedStages(g) {
		if gb, ok := bucket[s]; ok && gb == pb {
			return true
		}
	}
	return false
}

// outletFound is score.py's outlet test: some gold outlet, folded, equals a
// folded predicted outlet, or contains or is contained in a non-empty one.
func outletFound(gold, pred []string) bool {
	po := make([]string, len(pred))
	for i, o := range pred {
		po[i] = Fold(o)
	}
	for _, o := range gold {
		fo := Fold(o)
		if slices.Contains(po, fo) {
			return true
		}
		for _, x := range po {
			if x != "" && (strings.Contains(x, fo) || strings.Contains(fo, x)) {
				return true
			}
		}
	}
	return false
}

// pyValue is how Python's f-string shows a JSON string field: "None" when
// it was missing or null.
func pyValue(s string, null bool) string {
	if null {
		return "None"
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Precision is TP / (TP + FP), 0 when there are no predictions.
func (r Result) Precision() float64 { return ratio(r.TP, r.TP+r.FP) }

// Recall is TP / (TP + FN), 0 when there are no certain gold links.
func (r Result) Recall() float64 { return ratio(r.TP, r.TP+r.FN) }

// F1 is the harmonic mean of Precision and Recall, 0 when both are 0. It is
// the summary figure, printed last.
func (r Result) F1() float64 {
	p, q := r.Precision(), r.Recall()
	if p+q == 0 {
		return 0
	}
	return 2 * p * q / (p + q)
}

// PrimaryRecall is PrimHit / PrimTot (0 when PrimTot is 0).
func (r Result) PrimaryRecall() float64 { return ratio(r.PrimHit, r.PrimTot) }

// StageExactAccuracy is StageExact / StageN (0 when StageN is 0).
func (r Result) StageExactAccuracy() float64 { return ratio(r.StageExact, r.StageN) }

// StageBucketAccuracy is StageBucket / StageN (0 when StageN is 0).
func (r Result) StageBucketAccuracy() float64 { return ratio(r.StageBucket, r.StageN) }

// OutletRecall is OutHit / OutN (0 when OutN is 0).
func (r Result) OutletRecall() float64 { return ratio(r.OutHit, r.OutN) }

// f3 formats like Python's format(x, ".3f"): both round the exact binary
// value to three decimals, ties to even.
func f3(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// Write prints the report exactly as score.py does: with verbose, the miss
// and extra lines first, then six summary lines ending with the F1 line.
// It returns the first write error.
func (r Result) Write(w io.Writer, verbose bool) error {
	var b strings.Builder
	if verbose {
		for _, line := range r.Details {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "articles %d (missing from predictions: %d)\n", r.Articles, r.Missing)
	fmt.Fprintf(&b, "pairs: tp %d fp %d fn %d\n", r.TP, r.FP, r.FN)
	fmt.Fprintf(&b, "primary recall %d/%d = %s\n", r.PrimHit, r.PrimTot, f3(r.PrimaryRecall()))
	fmt.Fprintf(&b, "stage exact %d/%d = %s; bucket %d/%d = %s\n",
		r.StageExact, r.StageN, f3(r.StageExactAccuracy()), r.StageBucket, r.StageN, f3(r.StageBucketAccuracy()))
	fmt.Fprintf(&b, "outlet found %d/%d = %s\n", r.OutHit, r.OutN, f3(r.OutletRecall()))
	fmt.Fprintf(&b, "F1 %s P %s R %s\n", f3(r.F1()), f3(r.Precision()), f3(r.Recall()))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("score: %w", err)
	}
	return nil
}
