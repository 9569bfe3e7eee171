package extract

// The link model: logistic regression over the candidate features of
// features.go. Its weights are trained by internal/train on the labelled
// article sets and committed as model.json; the trainer reproduces them.

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"

	"transferbot/rumours"
)

// Model is a trained link model: one weight per feature and the probability
// at or above which a candidate is a link.
type Model struct {
	Features  []string  `json:"features"`
	Weights   []float64 `json:"weights"`
	Threshold float64   `json:"threshold"`
	// Lexical weighs the lexical features (pairWords) seen often enough in
	// training; the others weigh nothing.
	Lexical map[string]float64 `json:"lexical,omitempty"`
	// Trained says how and on what the weights were trained, and the
	// held-out figures, for people reading model.json.
	Trained string `json:"trained,omitempty"`
}

//go:embed model.json
var modelJSON []byte

// DefaultModel returns the committed model.
func DefaultModel() (*Model, error) {
	var m Model
	if err := json.Unmarshal(modelJSON, &m); err != nil {
		return nil, fmt.Errorf("extract: model.json: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	return &m, nil
}

// check verifies that the model was trained on the features this code
// computes, in the same order.
func (m *Model) check() error {
	if !slices.Equal(m.Features, featureNames) || len(m.Weights) != len(featureNames) {
		return fmt.Errorf("extract: the model's features (%d) are not the extractor's (%d): retrain with internal/train", len(m.Features), len(featureNames))
	}
	return nil
}

// prob is the model's probability that a candidate is a link; lex are
// the weights of its lexical features (candidate.wts).
func (m *Model) prob(f []float64, lex []float64) float64 {
	z := 0.0
	for i, w := range m.Weights {
		z += w * f[i]
	}
	for _, w := range lex {
		z += w
	}
	return 1 / (1 + math.Exp(-z))
}

// top names the n features that weigh most on candidate c, with their
// contributions, for -explain.
func (m *Model) top(c candidate, n int) []string {
	type contrib struct {
		name string
		v    float64
	}
	var cs []contrib
	for i, w := range m.Weights {
		if v := w * c.f[i]; v != 0 && i > 0 {
			cs = append(cs, contrib{m.Features[i], v})
		}
	}
	for _, w := range c.words {
		if v := m.Lexical[w]; v != 0 {
			cs = append(cs, contrib{w, v})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if a, b := math.Abs(cs[i].v), math.Abs(cs[j].v); a != b {
			return a > b
		}
		return cs[i].name < cs[j].name
	})
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, fmt.Sprintf("%s %+.2f", c.name, c.v))
	}
	return out
}

// scoreLinks replaces the rules' decisions by the model's: every candidate
// whose probability reaches the threshold is a link, with its probability as
// the confidence. Without a model the rules' links stand.
func (st *state) scoreLinks(rule []rumours.Link) []rumours.Link {
	m := st.x.model
	if m == nil {
		return rule
	}
	cands := st.candidates(rule)
	// the probabilities first, then the list of links made at its size
	// (growing it copied the links again and again)
	ps := slices.Grow(st.ws.probs[:0], len(cands))[:len(cands)]
	st.ws.probs = ps[:0]
	n := 0
	for i := range cands {
		if ps[i] = m.prob(cands[i].f, cands[i].wts); ps[i] >= m.Threshold {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]rumours.Link, 0, n)
	for i := range cands {
		if ps[i] < m.Threshold {
			continue
		}
		l := st.linkOf(&cands[i])
		l.Confidence = math.Round(ps[i]*100) / 100
		out = append(out, l)
	}
	return out
}

// Candidate is a candidate link with its features, for training.
type Candidate struct {
	Link     rumours.Link
	Features []float64
	Words    []string // its lexical features, sorted
}

// Candidates returns every candidate link of a with its features, for the
// trainer.
func (x *Extractor) Candidates(a rumours.Article) []Candidate {
	st := x.newState(a, nil)
	st.allWords = true
	st.run()
	rule := st.ruleLinks()
	var out []Candidate
	for _, c := range st.candidates(rule) {
		words := slices.Clone(c.words)
		sort.Strings(words)
		out = append(out, Candidate{Link: st.linkOf(&c), Features: c.f, Words: words})
	}
	return out
}

// FeatureNames returns the names of the candidate features, in order.
func FeatureNames() []string { return slices.Clone(featureNames) }

// WithModel returns a copy of x that decides links with m (nil: the rules
// alone), for the trainer's held-out runs.
func (x *Extractor) WithModel(m *Model) (*Extractor, error) {
	if m != nil {
		if err := m.check(); err != nil {
			return nil, err
		}
	}
	y := *x
	y.model, y.lexical = m, lexicalIndex(&y, m)
	y.pairLexical = pairLexicalOf(y.lexical)
	return &y, nil
}
