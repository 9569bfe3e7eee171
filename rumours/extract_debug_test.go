package rumours

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferbot/rumours/gazetteer"
)

// TestDebugArticle prints what the extractor sees in one dev article
// ($EXTRACT_DEBUG=dev-004), a tuning aid.
func TestDebugArticle(t *testing.T) {
	id := os.Getenv("EXTRACT_DEBUG")
	if id == "" {
		t.Skip("set EXTRACT_DEBUG to an article id")
	}
	path := filepath.Join("../../shared/eval/dev/articles", id+".txt")
	if strings.Contains(id, "/") {
		path = id
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	text := string(data)
	var a Article
	a.ID = id
	if rest, ok := strings.CutPrefix(text, " date "); ok {
		d, body, _ := strings.Cut(rest, " ")
		if tm, err := time.Parse("2006-01-02", d); err == nil {
			a.Published = tm
		} else if tm, err := time.Parse("2006-01", d); err == nil {
			a.Published = tm
		}
		text = body
	}
	a.Text = text
	g, _ := gazetteer.Load()
	x := NewExtractor(g, NewOutletIndex(DefaultOutlets()))
	st := &state{x: x, a: a, current: map[string]string{}, leftClub: map[string]string{}, persons: map[string]bool{}, register: map[string]string{}}
	st.run()
	kinds := []string{"CLUB", "PLAYER", "OUTLET", "PERSON", "BLANK"}
	for _, s := range st.sents {
		fmt.Printf("[%d p%d i%d] %s\n", s.idx, s.para, s.item, s.text)
		for _, m := range s.ments {
			ref := ""
			if m.ref {
				ref = " (ref)"
			}
			fmt.Printf("     %s %q = %s%s\n", kinds[m.kind], joinText(s.toks[m.i:max(m.j, m.i)]), m.name, ref)
		}
		for _, cl := range st.splitSubjects(s, clauses(s.toks, st.headline(s))) {
			p, n, any := st.clauseStage(s, cl)
			fmt.Printf("     clause %q stage %v neg %v cue %v\n", joinText(s.toks[cl[0]:cl[1]]), p, n, any)
			for k, m := range s.ments {
				if m.kind == mClub && m.i >= cl[0] && m.i < cl[1] {
					fmt.Printf("        role %s = %d\n", m.name, st.roleOf(s, k, cl, any))
				}
			}
		}
	}
	for _, e := range st.ev {
		fmt.Printf("EV s%d %s -> %s %v from=%s explicit=%v\n", e.sent, e.player, e.club, e.stage, e.from, e.explicit)
	}
	fmt.Println("current:", st.current)
	for _, l := range st.links() {
		fmt.Printf("LINK %s -> %s %v from=%s %v primary=%v\n", l.Player, l.To, l.Stage, l.From, l.Outlets, l.Primary)
	}
}
