package extract

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"strconv"
	"testing"
)

// TestWordSetsCoverTheirCases checks that each word a hot loop compares a
// token with is in the word set whose flag lets the token through: the
// loops skip every token without the flag, so a word added to a case and
// not to its set would never be seen (it happened: "ending" in clauses).
func TestWordSetsCoverTheirCases(t *testing.T) {
	fset := gotoken.NewFileSet()
	f, err := parser.ParseFile(fset, "roles.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		fn  string
		set map[string]bool
		// words reports the words fn compares its loop's token with
		words func(ast.Node) []string
	}{
		{"clauses", clauseWords, switchCases},
		{"clauseFactsOf", factWords, switchCases},
		// clauseCues compares with the words of cueSpecial in a block
		// only tokens of the flag enter, and with a cue's first words
		// after it, in the loop over the cues of the token's word
		{"clauseCues", cueSpecial, inFlagBlock("wCueSpecial", comparedWith("t"))},
		{"clauseCues", cueFirst(), outsideFlagBlock("wCueSpecial", comparedWith("t"))},
	}
	for _, tt := range tests {
		var fn *ast.FuncDecl
		for _, d := range f.Decls {
			if d, ok := d.(*ast.FuncDecl); ok && d.Name.Name == tt.fn {
				fn = d
			}
		}
		if fn == nil {
			t.Fatalf("no func %s in roles.go", tt.fn)
		}
		words := tt.words(fn.Body)
		if len(words) == 0 {
			t.Errorf("%s: found no words: the test no longer reads it", tt.fn)
		}
		for _, w := range words {
			if !tt.set[w] {
				t.Errorf("%s compares with %q, which its word set lacks", tt.fn, w)
			}
		}
	}
}

// cueFirst returns the first words of the stage cues.
func cueFirst() map[string]bool {
	out := map[string]bool{}
	for _, c := range stageCues {
		out[c.words[0]] = true
	}
	return out
}

// flagBlock returns the body of the first if statement whose condition is
// a test of flag alone ("if toks[i].is(wCueSpecial) {"), nil if none.
func flagBlock(n ast.Node, flag string) *ast.BlockStmt {
	var out *ast.BlockStmt
	ast.Inspect(n, func(n ast.Node) bool {
		if out != nil {
			return false
		}
		st, ok := n.(*ast.IfStmt)
		if !ok {
			return true
		}
		if call, ok := st.Cond.(*ast.CallExpr); ok && len(call.Args) == 1 {
			sel, ok := call.Fun.(*ast.SelectorExpr)
			id, ok2 := call.Args[0].(*ast.Ident)
			if ok && ok2 && sel.Sel.Name == "is" && id.Name == flag {
				out = st.Body
				return false
			}
		}
		return true
	})
	return out
}

// inFlagBlock returns a function that finds words (by find) in the block
// of flag (flagBlock) only.
func inFlagBlock(flag string, find func(ast.Node) []string) func(ast.Node) []string {
	return func(n ast.Node) []string {
		if b := flagBlock(n, flag); b != nil {
			return find(b)
		}
		return nil
	}
}

// outsideFlagBlock returns a function that finds words (by find) outside
// the block of flag (flagBlock).
func outsideFlagBlock(flag string, find func(ast.Node) []string) func(ast.Node) []string {
	return func(n ast.Node) []string {
		b := flagBlock(n, flag)
		if b == nil {
			return nil
		}
		in := map[string]int{}
		for _, w := range find(b) {
			in[w]++
		}
		var out []string
		for _, w := range find(n) {
			if in[w] > 0 {
				in[w]--
				continue
			}
			out = append(out, w)
		}
		return out
	}
}

// switchCases returns the string literals of the cases of the first switch
// on a token's lower-cased word ("switch t.lower", "switch w").
func switchCases(n ast.Node) []string {
	var out []string
	done := false
	ast.Inspect(n, func(n ast.Node) bool {
		sw, ok := n.(*ast.SwitchStmt)
		if !ok || done || sw.Tag == nil {
			return !done
		}
		done = true
		for _, c := range sw.Body.List {
			for _, e := range c.(*ast.CaseClause).List {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == gotoken.STRING {
					s, _ := strconv.Unquote(lit.Value)
					out = append(out, s)
				}
			}
		}
		return false
	})
	return out
}

// comparedWith returns a function that finds the string literals the
// variable name is compared with ("t == \"rejected\"").
func comparedWith(name string) func(ast.Node) []string {
	return func(n ast.Node) []string {
		var out []string
		ast.Inspect(n, func(n ast.Node) bool {
			b, ok := n.(*ast.BinaryExpr)
			if !ok || b.Op != gotoken.EQL {
				return true
			}
			if id, ok := b.X.(*ast.Ident); ok && id.Name == name {
				if lit, ok := b.Y.(*ast.BasicLit); ok && lit.Kind == gotoken.STRING {
					s, _ := strconv.Unquote(lit.Value)
					out = append(out, s)
				}
			}
			return true
		})
		return out
	}
}

// TestCueLength: every stage cue fits the numbers a cue holds.
func TestCueLength(t *testing.T) {
	for _, c := range stageCues {
		if len(c.words) > maxCueWords {
			t.Errorf("cue %q has %d words, more than maxCueWords (%d)", c.words, len(c.words), maxCueWords)
		}
	}
}

// TestTwoWords: two words compare with a phrase, and are looked up in a
// set filed by its last words, as the phrase they join into would be.
func TestTwoWords(t *testing.T) {
	words := []string{"", "at", "home", "trip", "to", "by", "the", "out", "of", "away", "from", "his", "old"}
	for _, a := range words {
		for _, b := range words {
			w := twoWords{a, b}
			if got, want := w.in(opponentPrev2ByLast), opponentPrev2[a+" "+b]; got != want {
				t.Errorf("%q %q in opponentPrev2: %v, want %v", a, b, got, want)
			}
			for _, p := range []string{"his old", "out of", "away from", "at home", " at", "at ", "home"} {
				if got, want := w.is(p), a+" "+b == p; got != want {
					t.Errorf("%q %q is %q: %v, want %v", a, b, p, got, want)
				}
			}
		}
	}
}

// TestDescriptionWordsHaveFlags checks that describedPlayer's words are in
// the sets whose flags it tests before its maps: a position word outside
// roleNouns, or a nation outside nations, would never be read.
func TestDescriptionWordsHaveFlags(t *testing.T) {
	for w := range positionOf {
		if !roleNouns[w] {
			t.Errorf("positionOf has %q, which roleNouns lacks", w)
		}
	}
	for w := range nationCountry {
		if !nations[w] {
			t.Errorf("nationCountry has %q, which nations lacks", w)
		}
	}
}
