package extract

// Small helpers of the extractor, token matching and word tests, named for
// what they test.

import (
	"sort"
	"strconv"
	"strings"
)

func isScore(s string) bool {
	a, b, ok := strings.Cut(s, "-")
	_, e1 := strconv.Atoi(a)
	_, e2 := strconv.Atoi(b)
	return ok && e1 == nil && e2 == nil
}

// isFee reports whether a token is a transfer fee: "222m", "£25m", "world-record".
func prevText(toks []token, i int) string {
	if i == 0 {
		return ""
	}
	return toks[i-1].text
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func isFee(s string) bool {
	s = strings.TrimLeft(s, "€£$")
	if s == "world-record" || s == "club-record" || s == "record" {
		return true
	}
	if n := strings.TrimSuffix(strings.TrimSuffix(s, "m"), "bn"); n != s && n != "" {
		_, err := strconv.ParseFloat(n, 64)
		return err == nil
	}
	return false
}

func isAge(s string) bool {
	return strings.HasSuffix(s, "-year-old") || strings.HasSuffix(s, "-year-olds")
}

func listJoined(toks []token, from, to int) bool {
	if to < from {
		return false
	}
	if to-from > 3 {
		return false
	}
	for k := from; k < to; k++ {
		switch toks[k].lower {
		case ",", "and", "or", "the", "&", "as", "well":
		default:
			return false
		}
	}
	return true
}

func clauseHas(toks []token, cl [2]int, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(w, " ") {
			for i := cl[0]; i < cl[1]; i++ {
				if toks[i].lower == w {
					return true
				}
			}
			continue
		}
		ws := strings.Fields(w)
		for i := cl[0]; i < cl[1]; i++ {
			if toks[i].lower == ws[0] && matchAt(toks, i, cl[1], ws) {
				return true
			}
		}
	}
	return false
}

func near(toks []token, from, to int, words ...string) bool {
	from, to = max(from, 0), min(to, len(toks))
	for i := from; i < to; i++ {
		for _, w := range words {
			if toks[i].lower == w {
				return true
			}
		}
	}
	return false
}

func matchAt(toks []token, i, end int, words []string) bool {
	if i+len(words) > end {
		return false
	}
	for k, w := range words {
		if w != "*" && toks[i+k].lower != w {
			return false
		}
	}
	return true
}

func indexOf(s *sent, m mention) int {
	for k, x := range s.ments {
		if x.i == m.i && x.kind == m.kind {
			return k
		}
	}
	return -1
}

func mentionAt(s *sent, i int) int {
	for k, m := range s.ments {
		if m.i <= i && i < max(m.j, m.i+1) && m.kind != mBlank {
			return k
		}
	}
	return -1
}

func hasPlayer(s *sent) bool {
	for _, m := range s.ments {
		if m.kind == mPlayer {
			return true
		}
	}
	return false
}

// startsClub reports whether a club name plausibly starts at i (a capitalised
// word after "with": "with Fiorentina" is a party, "with Kovačić" a clause).
func startsClub(toks []token, i int) bool {
	return i+1 < len(toks) && (toks[i+1].lower == "for" || toks[i+1].lower == "over" || toks[i+1].lower == "." || toks[i+1].lower == "about") || i+1 == len(toks)
}

func startsName(toks []token, i int) bool {
	return i < len(toks) && toks[i].upper && !toks[i].punct
}

func sentenceStartWord(toks []token, i, j int) bool {
	return i == 0 && j-i == 1
}

func (st *state) clubAt(toks []token, i int) int {
	if len(st.x.g.ClubsFor(toks[i].fold)) > 0 {
		return 1
	}
	return 0
}

func sortMentions(s *sent) {
	sort.SliceStable(s.ments, func(a, b int) bool { return s.ments[a].i < s.ments[b].i })
}

func joinFold(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.fold
	}
	return strings.Join(parts, " ")
}

func joinText(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}

func spanHasPunct(toks []token) bool {
	for _, t := range toks {
		if t.punct {
			return true
		}
	}
	return false
}

func markUsed(used []bool, i, j int) {
	for k := i; k < j && k < len(used); k++ {
		used[k] = true
	}
}

func anyUsed(used []bool, i, j int) bool {
	for k := i; k < j; k++ {
		if used[k] {
			return true
		}
	}
	return false
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
