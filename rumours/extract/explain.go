package extract

import (
	"fmt"
	"io"
	"strings"

	"transferbot/rumours"
)

// Explain writes what the extractor sees in a: each sentence with the
// clubs, players, outlets and people found in it, each clause with its stage
// cues and each club's role, the mentions of links, and the links. It is
// for people tuning the extractor or asking why a link was (not) found;
// `transferbot extract -explain` prints it.
func (x *Extractor) Explain(w io.Writer, a rumours.Article) error {
	st := x.newState(a, nil)
	st.run()
	kinds := [...]string{mClub: "club", mPlayer: "player", mOutlet: "outlet", mPerson: "person", mBlank: "blank"}
	roles := [...]string{roleNone: "none", roleDest: "destination", roleFrom: "his club / seller", roleFormer: "former club",
		roleOpp: "opponent", roleStaff: "staff's club", roleCurrent: "his club", roleDoneDest: "new club",
		roleRival: "rival suitor", roleWith: "other party", roleBeaten: "beaten suitor"}
	var b strings.Builder
	for _, s := range st.sents {
		fmt.Fprintf(&b, "[%d] %s\n", s.idx, s.text)
		for _, m := range s.ments {
			ref := ""
			if m.ref {
				ref = " (reference)"
			}
			fmt.Fprintf(&b, "    %-7s %q = %s%s\n", kinds[m.kind], joinText(s.toks[m.i:max(m.j, m.i)]), m.name, ref)
		}
		for _, cl := range st.sentClauses(s) {
			pos, neg, cue := st.clauseStage(s, cl)
			if !cue {
				continue
			}
			fmt.Fprintf(&b, "    clause %q: stage %v", joinText(s.toks[cl[0]:cl[1]]), pos)
			if neg != rumours.StageUnknown {
				fmt.Fprintf(&b, ", %v", neg)
			}
			b.WriteString("\n")
			for k, m := range s.ments {
				if m.kind == mClub && m.i >= cl[0] && m.i < cl[1] {
					// the role the clause finally gave the club (relateClause
					// settles some after roleOf: talks "with" a club, a
					// staff member's club, the club he is leaving)
					r := st.roleOf(s, k, cl, cue)
					if s.roles != nil {
						r = s.roleGiven(k)
					}
					fmt.Fprintf(&b, "        %s: %s\n", m.name, roles[r])
				}
			}
		}
	}
	for _, e := range st.ev {
		fmt.Fprintf(&b, "mention [%d]: %s -> %s (%v)\n", e.sent, e.player, e.club, e.stage)
	}
	rule := st.ruleLinks()
	for _, l := range rule {
		fmt.Fprintf(&b, "rule link: %s -> %s (%v)\n", l.Player, l.To, l.Stage)
	}
	if m := x.model; m != nil {
		for _, c := range st.candidates(rule) {
			p := m.prob(c.f, c.wts)
			verdict := "rejected"
			if p >= m.Threshold {
				verdict = "accepted"
			}
			fmt.Fprintf(&b, "candidate: %s -> %s p=%.2f %s; top features: %s\n", c.link.Player, c.link.To, p, verdict, strings.Join(m.top(c, 4), ", "))
		}
	}
	for _, l := range st.links() {
		fmt.Fprintf(&b, "link: %s -> %s (%v) from %q outlets %v primary %v\n", l.Player, l.To, l.Stage, l.From, l.Outlets, l.Primary)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
