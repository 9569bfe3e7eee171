package extract

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/gazetteer"
)

// hostilePages returns pages of about size bytes that are not prose but
// reach the extractor all the same (crawled lists, feed items without a
// full stop, spam), each built to make one kind of scan long.
func hostilePages(t testing.TB, g *gazetteer.Gazetteer, size int) map[string]string {
	t.Helper()
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	var prose []string // the demo corpus's paragraphs
	for _, a := range arts {
		for _, p := range strings.Split(a.Text, "\n\n") {
			if !strings.Contains(p, "twitter") { // a page's tweets are dropped
				prose = append(prose, p)
			}
		}
	}
	fill := func(f func(b *strings.Builder, i int)) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			f(&b, i)
		}
		return b.String()
	}
	// names without a full stop ("St. Pauli"), which would end sentences
	var clubs, players []string
	for _, c := range g.Clubs {
		if !strings.Contains(c.Name, ".") {
			clubs = append(clubs, c.Name)
		}
	}
	for _, p := range g.Players {
		if !strings.ContainsAny(p.Name, ".()") {
			players = append(players, p.Name)
		}
	}
	club := func(i int) string { return clubs[i*7919%len(clubs)] }
	player := func(i int) string { return players[i*7919%len(players)] }
	rng := rand.New(rand.NewPCG(1, 2))
	salad := strings.Fields(`Arsenal Chelsea Inter United Real Madrid Barcelona Juventus Sergio Ramos Lionel Messi
		Kylian Mbappé Neymar he him his the the the midfielder Brazilian 28-year-old club side champions Spanish ,
		, , and and with with from to at for in talks bid offer rejected signed joined join alongside off deal
		according AS Marca reports newspaper Record said who , and but while Barcelona's " ; .`)
	return map[string]string{
		// the first sentence: a headline, whose commas split clauses
		"club list headline": fill(func(b *strings.Builder, i int) { fmt.Fprintf(b, "%s, ", club(i)) }),
		// after the first sentence: one clause of clubs
		"club list in a sentence": "Transfer news today.\n\nThe clubs linked are " +
			fill(func(b *strings.Builder, i int) { fmt.Fprintf(b, "%s, ", club(i)) }),
		"player list": "Transfer news today.\n\nThe players linked are " +
			fill(func(b *strings.Builder, i int) { fmt.Fprintf(b, "%s, ", player(i)) }),
		"players joining one after another": fill(func(b *strings.Builder, i int) {
			fmt.Fprintf(b, "%s has joined %s from %s, according to newspaper Record%d. ", player(i), club(i), club(i+1), i%5000)
		}),
		"one sentence without punctuation": fill(func(b *strings.Builder, i int) {
			b.WriteString(strings.NewReplacer(".", "", ",", "", "\n", " ").Replace(prose[i%len(prose)]) + " ")
		}),
		"one paragraph": fill(func(b *strings.Builder, i int) { b.WriteString(prose[i%len(prose)] + " ") }),
		"pronouns": "Sergio Ramos wants to join Inter Miami, and " +
			fill(func(b *strings.Builder, i int) { b.WriteString("he ") }),
		"references": "Sergio Ramos wants to join Inter Miami. " +
			fill(func(b *strings.Builder, i int) { b.WriteString("the Spanish defender and the 34-year-old and him ") }),
		"teammates": "Sergio Ramos joins " +
			fill(func(b *strings.Builder, i int) { fmt.Fprintf(b, "%s and ", player(i)) }),
		// clubs with no word of a transfer, each role decided against its whole clause
		"clubs at clubs": "Transfer news today.\n\nScouts were " +
			fill(func(b *strings.Builder, i int) { fmt.Fprintf(b, "at %s and at %s ", club(i), club(i+1)) }),
		"blanks": "Sergio Ramos has been linked with " +
			fill(func(b *strings.Builder, i int) { fmt.Fprintf(b, ", %s and , ", club(i)) }),
		"live blog": fill(func(b *strings.Builder, i int) {
			fmt.Fprintf(b, "%02d:%02d %s are in talks with %s over %s, AS reports.\n\n", i/60%24, i%60, club(i), club(i+3), player(i))
		}),
		"called off clause after clause": "Arsenal have signed Lionel Messi and Neymar from Paris Saint-Germain" +
			fill(func(b *strings.Builder, i int) { b.WriteString(", but the deal is off") }),
		"word salad": fill(func(b *strings.Builder, i int) { b.WriteString(salad[rng.IntN(len(salad))] + " ") }),
	}
}

// TestExtractContextStops: a cancelled context stops the extraction of a
// long page with the context's error and no links.
func TestExtractContextStops(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := New(g, rumours.DefaultOutlets())
	text := hostilePages(t, g, 200<<10)["players joining one after another"]
	a := rumours.Article{ID: "long", Text: text}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	links, err := x.ExtractContext(ctx, a)
	if !errors.Is(err, context.Canceled) || links != nil {
		t.Errorf("cancelled: %d links, error %v; want none and context.Canceled", len(links), err)
	}
	links, err = x.ExtractContext(context.Background(), a)
	if err != nil || len(links) == 0 {
		t.Errorf("not cancelled: %d links, error %v; want links and no error", len(links), err)
	}
}

// TestHostilePagesBounded extracts pages that are not prose (each built to
// make one kind of scan long) and checks what the bounds promise: no
// sentence over maxSentenceTokens, no more link mentions or pairs than the
// caps, and well-formed links.
func TestHostilePagesBounded(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := New(g, rumours.DefaultOutlets())
	for name, text := range hostilePages(t, g, 64<<10) {
		t.Run(name, func(t *testing.T) {
			st := x.newState(rumours.Article{ID: name, Text: text, Published: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, nil)
			st.run()
			for _, s := range st.sents {
				if len(s.toks) > maxSentenceTokens {
					t.Fatalf("a sentence of %d tokens", len(s.toks))
				}
			}
			if len(st.ev) > maxEvidence || len(st.obs) > maxObservations {
				t.Errorf("%d link mentions, %d pairs: over the caps", len(st.ev), len(st.obs))
			}
			for _, l := range st.links() {
				if l.Player == "" || l.To == "" || !l.Stage.Valid() {
					t.Errorf("malformed link %+v", l)
				}
			}
		})
	}
}

// workPerToken bounds the work (state.work) of an extraction per token of
// the page.
const workPerToken = 32

// TestWorkIsLinear extracts 2 MB pages that are not prose and checks that
// the work of the scans that could grow faster than the page (over a
// sentence's mentions, the link mentions, the citations) stays within
// workPerToken per token: counted steps, not time, so that a slow or busy
// machine cannot fail it and a quadratic scan cannot hide on a fast one.
func TestWorkIsLinear(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	x := New(g, rumours.DefaultOutlets())
	size := 2 << 20
	if testing.Short() {
		size /= 16
	}
	for name, text := range hostilePages(t, g, size) {
		t.Run(name, func(t *testing.T) {
			st := x.newState(rumours.Article{ID: name, Text: text, Published: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}, nil)
			st.run()
			links := st.links()
			tokens := 0
			for _, s := range st.sents {
				tokens += len(s.toks)
			}
			work := st.workDone()
			t.Logf("%d bytes, %d sentences, %d tokens: work %d (%.1f per token), %d link mentions, %d links",
				len(text), len(st.sents), tokens, work, float64(work)/float64(tokens), len(st.ev), len(links))
			if work > workPerToken*tokens {
				t.Errorf("work %d for %d tokens: more than %d per token", work, tokens, workPerToken)
			}
		})
	}
}

// BenchmarkHostile times the extraction of pages that are not prose, at
// 77 KB, 310 KB and 2 MB: the time per byte stays flat when the cost is
// linear in the page's length.
func BenchmarkHostile(b *testing.B) {
	g, err := gazetteer.Load()
	if err != nil {
		b.Fatal(err)
	}
	x := New(g, rumours.DefaultOutlets())
	for _, size := range []int{77 << 10, 310 << 10, 2 << 20} {
		pages := hostilePages(b, g, size)
		names := make([]string, 0, len(pages))
		for name := range pages {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			a := rumours.Article{ID: name, Text: pages[name], Published: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)}
			b.Run(fmt.Sprintf("%s/%dKB", strings.ReplaceAll(name, " ", "_"), size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(a.Text)))
				for i := 0; i < b.N; i++ {
					x.Extract(a)
				}
			})
		}
	}
}
