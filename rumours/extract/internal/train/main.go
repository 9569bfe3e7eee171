// Command train fits the extractor's link model (rumours/extract/model.json)
// on the labelled article sets in ../shared/eval and reports its held-out
// figures.
//
// Every article gives candidates (Extractor.Candidates): a candidate that
// matches a certain gold link is a positive, one that matches an uncertain
// gold link is left out (the scorer neither rewards nor penalises it), the
// rest are negatives. The model is an L2-regularised logistic regression fit
// by full-batch gradient descent from zero weights, so a run gives the same
// weights every time. Held-out figures come from cross-validation by
// article: each fold's articles are extracted with a model trained on the
// other folds and scored with the reference scorer's rules; they are never
// training fit. The committed model is then trained on every article.
//
// From the module root:
//
//	go run ./rumours/extract/internal/train -shared ../shared
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"transferbot/rumours"
	"transferbot/rumours/extract"
	"transferbot/rumours/gazetteer"
	"transferbot/rumours/score"
	"transferbot/rumours/source"
)

func main() {
	o := committed()
	flag.StringVar(&o.shared, "shared", o.shared, "the shared folder with eval/dev and eval/web")
	flag.StringVar(&o.out, "out", o.out, "where to write the model")
	flag.IntVar(&o.folds, "folds", o.folds, "cross-validation folds (by article)")
	flag.Float64Var(&o.l2, "l2", o.l2, "L2 penalty")
	flag.Float64Var(&o.l2Lexical, "l2-lexical", o.l2Lexical, "L2 penalty of the lexical features")
	flag.IntVar(&o.minCount, "min-count", o.minCount, "a lexical feature needs this many training candidates")
	flag.BoolVar(&o.verbose, "v", false, "list the gold links no candidate covers, and the primary links the held-out models miss")
	flag.Parse()
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// options are the trainer's settings.
type options struct {
	shared, out   string
	folds         int
	l2, l2Lexical float64
	minCount      int
	verbose       bool
}

// committed returns the settings that made the committed model (the flags'
// defaults), run from the module root.
func committed() options {
	return options{shared: "../shared", out: "rumours/extract/model.json", folds: 5, l2: 1e-3, l2Lexical: 1e-2, minCount: 5}
}

// set is one labelled article set.
type set struct {
	name  string
	arts  []rumours.Article
	gold  map[string][]score.Link
	order []string
}

// example is one candidate with its label.
type example struct {
	f     []float64
	words []string
	y     float64
}

func run(o options, w io.Writer) error {
	folds := o.folds
	g, err := gazetteer.Load()
	if err != nil {
		return err
	}
	base := extract.New(g, rumours.DefaultOutlets())
	x, err := base.WithModel(nil)
	if err != nil {
		return err
	}
	var sets []set
	for _, name := range []string{"dev", "web"} {
		s, err := readSet(filepath.Join(o.shared, "eval", name), name)
		if err != nil {
			return err
		}
		sets = append(sets, s)
	}
	// candidates of every article, computed once
	cands := map[string][]extract.Candidate{}
	fold := map[string]int{}
	for _, s := range sets {
		for _, a := range s.arts {
			cands[a.ID] = x.Candidates(a)
			h := fnv.New32a()
			h.Write([]byte(a.ID))
			fold[a.ID] = int(h.Sum32() % uint32(folds))
		}
	}
	examples := func(keep func(id string) bool) []example {
		var ex []example
		for _, s := range sets {
			for _, a := range s.arts {
				if !keep(a.ID) {
					continue
				}
				for _, c := range cands[a.ID] {
					y, ok := label(c.Link, s.gold[a.ID])
					if ok {
						ex = append(ex, example{c.Features, c.Words, y})
					}
				}
			}
		}
		return ex
	}
	for _, s := range sets {
		found, total := 0, 0
		for _, a := range s.arts {
			for _, g := range s.gold[a.ID] {
				if !g.IsCertain() {
					continue
				}
				total++
				hit := false
				for _, c := range cands[a.ID] {
					if score.SamePlayer(c.Link.Player, g.Player) && score.SameClub(c.Link.To, g.To) {
						hit = true
						break
					}
				}
				if hit {
					found++
				} else if o.verbose {
					fmt.Fprintf(w, "  no candidate %s: %s -> %s (%s)\n", a.ID, g.Player, g.To, g.Stage)
				}
			}
		}
		fmt.Fprintf(w, "%s: candidates cover %d of %d certain gold links (%.3f)\n", s.name, found, total, float64(found)/float64(total))
	}
	// held-out predictions, fold by fold
	held := map[string][]rumours.Link{}
	for k := 0; k < folds; k++ {
		train := examples(func(id string) bool { return fold[id] != k })
		m := fit(train, o)
		xm, err := base.WithModel(m)
		if err != nil {
			return err
		}
		for _, s := range sets {
			for _, a := range s.arts {
				if fold[a.ID] == k {
					held[a.ID] = xm.Extract(a)
				}
			}
		}
	}
	var report strings.Builder
	fmt.Fprintf(&report, "held-out (%d-fold cross-validation by article):", folds)
	for _, s := range sets {
		r := scoreSet(s, func(id string) []rumours.Link { return held[id] })
		rules := scoreSet(s, func(id string) []rumours.Link {
			for _, a := range s.arts {
				if a.ID == id {
					return x.Extract(a)
				}
			}
			return nil
		})
		fmt.Fprintf(w, "%s: held-out F1 %.3f P %.3f R %.3f primary %.3f stage %.3f outlet %.3f | rules alone F1 %.3f P %.3f R %.3f primary %.3f\n",
			s.name, r.F1(), r.Precision(), r.Recall(), r.PrimaryRecall(), r.StageBucketAccuracy(), r.OutletRecall(),
			rules.F1(), rules.Precision(), rules.Recall(), rules.PrimaryRecall())
		fmt.Fprintf(&report, " %s F1 %.3f P %.3f R %.3f primary recall %.3f;", s.name, r.F1(), r.Precision(), r.Recall(), r.PrimaryRecall())
		if o.verbose {
			for _, a := range s.arts {
				for _, g := range s.gold[a.ID] {
					if !g.Primary || !g.IsCertain() || found(held[a.ID], g) {
						continue
					}
					fmt.Fprintf(w, "  held-out primary miss %s: %s -> %s (%s)\n", a.ID, g.Player, g.To, g.Stage)
				}
			}
		}
	}
	all := examples(func(string) bool { return true })
	m := fit(all, o)
	m.Trained = fmt.Sprintf("logistic regression, L2 %g, on the candidates of %d articles (eval/dev and eval/web); %s",
		o.l2, len(cands), strings.TrimSuffix(report.String(), ";"))
	for i, name := range m.Features {
		fmt.Fprintf(w, "  %-16s %+.3f\n", name, m.Weights[i])
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(o.out, append(data, '\n'), 0o644)
}

// readSet reads a labelled set: its articles and gold labels.
func readSet(dir, name string) (set, error) {
	s := set{name: name}
	f, err := os.ReadFile(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		return s, err
	}
	s.gold, s.order, err = score.ReadJSONL(bytes.NewReader(f), "labels.jsonl")
	if err != nil {
		return s, err
	}
	paths, err := filepath.Glob(filepath.Join(dir, "articles", "*.txt"))
	if err != nil {
		return s, err
	}
	sort.Strings(paths)
	for _, p := range paths {
		arts, err := source.ReadFile(p)
		if err != nil {
			return s, err
		}
		s.arts = append(s.arts, arts...)
	}
	return s, nil
}

// label is 1 for a candidate matching a certain gold link, 0 for one
// matching none; ok is false for one matching an uncertain link.
func label(l rumours.Link, gold []score.Link) (y float64, ok bool) {
	for _, g := range gold {
		if score.SamePlayer(l.Player, g.Player) && score.SameClub(l.To, g.To) {
			return 1, g.IsCertain()
		}
	}
	return 0, true
}

// nearBest is how far below the best training F1 a threshold still counts
// as as good (fit).
const nearBest = 0.002

// fit trains the logistic regression and picks the threshold that
// maximises F1 on the training candidates. The weights are the dense
// features' then one per lexical feature seen in o.minCount candidates.
func fit(ex []example, o options) *extract.Model {
	names := extract.FeatureNames()
	seen := map[string]int{}
	for _, e := range ex {
		for _, w := range e.words {
			seen[w]++
		}
	}
	var vocab []string
	for w, n := range seen {
		if n >= o.minCount {
			vocab = append(vocab, w)
		}
	}
	sort.Strings(vocab)
	index := map[string]int{}
	for i, w := range vocab {
		index[w] = len(names) + i
	}
	lex := make([][]int, len(ex))
	for k, e := range ex {
		for _, w := range e.words {
			if i, ok := index[w]; ok {
				lex[k] = append(lex[k], i)
			}
		}
	}
	n := len(names) + len(vocab)
	wts := make([]float64, n)
	grad := make([]float64, n)
	z := func(k int) float64 {
		v := dot(wts[:len(names)], ex[k].f)
		for _, i := range lex[k] {
			v += wts[i]
		}
		return v
	}
	const (
		steps = 3000
		rate  = 0.5
	)
	for it := 0; it < steps; it++ {
		clear(grad)
		for k, e := range ex {
			d := sigmoid(z(k)) - e.y
			for i, v := range e.f {
				grad[i] += d * v
			}
			for _, i := range lex[k] {
				grad[i] += d
			}
		}
		for i := range wts {
			g := grad[i] / float64(len(ex))
			switch {
			case i >= len(names):
				g += o.l2Lexical * wts[i]
			case i > 0:
				g += o.l2 * wts[i]
			}
			wts[i] -= rate * g
		}
	}
	// threshold: best F1 over the training candidates. The curve is flat
	// near its top, and its highest point jumped between distant
	// thresholds (0.36, 0.48) from one small change of the rules to the
	// next; the middle of the thresholds within a hair of the best is
	// stable.
	var ts, fs []float64
	for t := 0.2; t <= 0.8; t += 0.02 {
		tp, fp, fn := 0.0, 0.0, 0.0
		for k, e := range ex {
			pos := sigmoid(z(k)) >= t
			switch {
			case pos && e.y == 1:
				tp++
			case pos:
				fp++
			case e.y == 1:
				fn++
			}
		}
		ts, fs = append(ts, t), append(fs, 2*tp/(2*tp+fp+fn))
	}
	bestF := slices.Max(fs)
	var near []float64
	for i, f := range fs {
		if f >= bestF-nearBest {
			near = append(near, ts[i])
		}
	}
	best := near[len(near)/2]
	m := &extract.Model{Features: names, Weights: make([]float64, len(names)), Threshold: math.Round(best*100) / 100}
	for i := range names {
		m.Weights[i] = math.Round(wts[i]*1e4) / 1e4
	}
	for i, w := range vocab {
		if v := math.Round(wts[len(names)+i]*1e4) / 1e4; v != 0 {
			if m.Lexical == nil {
				m.Lexical = map[string]float64{}
			}
			m.Lexical[w] = v
		}
	}
	return m
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// found reports whether a predicted link names the gold link's player and club.
func found(pred []rumours.Link, g score.Link) bool {
	for _, l := range pred {
		if score.SamePlayer(l.Player, g.Player) && score.SameClub(l.To, g.To) {
			return true
		}
	}
	return false
}

// scoreSet scores a set's predictions with the reference scorer's rules.
func scoreSet(s set, predict func(id string) []rumours.Link) score.Result {
	pred := map[string][]score.Link{}
	for _, a := range s.arts {
		var out []score.Link
		for _, l := range predict(a.ID) {
			sl := score.Link{Player: l.Player, To: l.To, Stage: l.Stage.String(), Outlets: l.Outlets, Primary: l.Primary}
			if sl.Outlets == nil {
				sl.Outlets = []string{}
			}
			out = append(out, sl)
		}
		pred[a.ID] = out
	}
	return score.Score(s.gold, pred, s.order)
}
