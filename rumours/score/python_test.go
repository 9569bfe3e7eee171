package score

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir finds ../shared beside the repository root (the directory with
// go.mod above the working directory), or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("skipping: repository root (go.mod) not found above the working directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "eval", "dev", "score.py")); err != nil {
		t.Skipf("skipping: %s/eval/dev/score.py not found (the shared material is absent)", shared)
	}
	return shared
}

// TestMatchesScorePy runs score.py and this package on the dev labels and
// on synthetic predictions derived from them, and requires byte-identical
// output, with and without --verbose.
func TestMatchesScorePy(t *testing.T) {
	shared := sharedDir(t)
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipping: python3 not found")
	}
	dev := filepath.Join(shared, "eval", "dev")
	scorePy := filepath.Join(dev, "score.py")
	gold := filepath.Join(dev, "labels.jsonl")
	docs := readDocs(t, gold)
	tmp := t.TempDir()

	type pair struct{ name, gold, pred string }
	pairs := []pair{
		{"gold itself", gold, gold},
		{"empty predictions", gold, writeDocs(t, tmp, "empty", nil)},
		{"every third link dropped, stages altered", gold, writeDocs(t, tmp, "drop", dropAndRestage(docs))},
		{"gold plus extra links", gold, writeDocs(t, tmp, "extra", withExtras(docs))},
		{"renamed, reversed, partial", gold, writeDocs(t, tmp, "variants", variants(docs))},
		{"testdata fixtures", filepath.Join("testdata", "gold.jsonl"), filepath.Join("testdata", "pred.jsonl")},
	}
	for _, p := range pairs {
		for _, verbose := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/verbose=%v", p.name, verbose), func(t *testing.T) {
				args := []string{scorePy, p.gold, p.pred}
				if verbose {
					args = append(args, "--verbose")
				}
				cmd := exec.Command(python, args...)
				cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				want, err := cmd.Output()
				if err != nil {
					t.Fatalf("score.py: %v\n%s", err, stderr.String())
				}
				g, order := readFile(t, p.gold)
				pr, _ := readFile(t, p.pred)
				var got bytes.Buffer
				if err := Score(g, pr, order).Write(&got, verbose); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want) {
					t.Errorf("output differs from score.py at %s\nGo:\n%s\nscore.py:\n%s",
						firstDiff(got.String(), string(want)), got.String(), want)
				}
			})
		}
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: %q vs %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("length: %d vs %d lines", len(la), len(lb))
}

// doc is a labels line decoded loosely, so that every field survives.
type doc map[string]any

func readDocs(t *testing.T, path string) []doc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

func writeDocs(t *testing.T, dir, name string, docs []doc) string {
	t.Helper()
	var b bytes.Buffer
	for _, d := range docs {
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, name+".jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// links returns copies of d's links.
func links(d doc) []map[string]any {
	raw, _ := d["links"].([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, l := range raw {
		m := map[string]any{}
		for k, v := range l.(map[string]any) {
			m[k] = v
		}
		out = append(out, m)
	}
	return out
}

func withLinks(d doc, ls []map[string]any) doc {
	out := doc{"id": d["id"], "links": ls}
	return out
}

var cycle = []string{"speculation", "interest", "talks", "bid", "agreed", "medical", "done", "denied", "off"}

func nextStage(s any) string {
	for i, c := range cycle {
		if c == s {
			return cycle[(i+1)%len(cycle)]
		}
	}
	return "talks"
}

func dropAndRestage(docs []doc) []doc {
	var out []doc
	n := 0
	for _, d := range docs {
		var kept []map[string]any
		for _, l := range links(d) {
			n++
			switch {
			case n%3 == 0:
				continue
			case n%5 == 0:
				l["stage"] = "rumour"
			case n%2 == 0:
				l["stage"] = nextStage(l["stage"])
			}
			if n%4 == 0 {
				l["outlets"] = []any{}
			}
			kept = append(kept, l)
		}
		out = append(out, withLinks(d, kept))
	}
	return out
}

func withExtras(docs []doc) []doc {
	var out []doc
	for i, d := range docs {
		ls := links(d)
		ls = append(ls, map[string]any{"player": fmt.Sprintf("Nobody %d", i), "to": "Nowhere FC", "stage": "talks"})
		if len(ls) > 1 {
			first := ls[0]
			words := strings.Fields(first["player"].(string))
			ls = append(ls, map[string]any{"player": words[len(words)-1], "to": "FC " + first["to"].(string), "stage": "done"})
		}
		out = append(out, withLinks(d, ls))
	}
	return out
}

func variants(docs []doc) []doc {
	var out []doc
	n := 0
	for i, d := range docs {
		if i%7 == 3 {
			continue // article missing from the predictions
		}
		ls := links(d)
		var pl []map[string]any
		for j := len(ls) - 1; j >= 0; j-- {
			l := ls[j]
			n++
			p := map[string]any{"player": l["player"], "to": l["to"], "stage": l["stage"]}
			switch n % 6 {
			case 0:
				words := strings.Fields(l["player"].(string))
				p["player"] = words[len(words)-1]
			case 1:
				p["player"] = strings.ToUpper(l["player"].(string))
				p["to"] = l["to"].(string) + " FC"
			case 2:
				p["stage"] = nil
			case 3:
				p["player"] = nil
			case 4:
				delete(p, "stage")
				p["to"] = strings.ToLower(l["to"].(string))
			}
			if outs, _ := l["outlets"].([]any); len(outs) > 0 {
				words := strings.Fields(outs[0].(string))
				p["outlets"] = []any{nil, words[len(words)-1]}
			}
			pl = append(pl, p)
		}
		out = append(out, withLinks(d, pl))
	}
	out = append(out, doc{"id": "not-in-gold", "links": []any{map[string]any{"player": "X Y", "to": "Z"}}})
	return out
}
