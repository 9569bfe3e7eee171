package main

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"testing"
)

// TestAskJSON pins `ask -json`: the question's fields, the answer's keys
// and their types, on the demo corpus.
func TestAskJSON(t *testing.T) {
	dir := t.TempDir()
	ask := func(t *testing.T, args ...string) map[string]any {
		t.Helper()
		code, out, errs := runCLI(t, dir, "", append([]string{"ask", "-json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if got, want := keys(v), []string{"answer", "as_of", "club", "current_club", "intent", "player", "stage"}; !slices.Equal(got, want) {
			t.Errorf("keys %v, want %v", got, want)
		}
		return v
	}
	t.Run("where, a pair asked about", func(t *testing.T) {
		v := ask(t, "-as-of", "2020-12-01", "is ramos going to inter miami?")
		want := map[string]any{"intent": "where", "player": "Sergio Ramos", "club": "Inter Miami", "stage": nil, "as_of": "2020-12-01", "current_club": "Real Madrid"}
		for k, w := range want {
			if !reflect.DeepEqual(v[k], w) {
				t.Errorf("%s = %v, want %v", k, v[k], w)
			}
		}
		a := v["answer"].(map[string]any)
		if got, want := keys(a), []string{"asked", "closed", "current", "destinations", "done", "last_report", "stays", "timeline"}; !slices.Equal(got, want) {
			t.Errorf("answer keys %v, want %v", got, want)
		}
		dests := a["destinations"].([]any)
		if len(dests) == 0 {
			t.Fatal("no destinations")
		}
		first := dests[0].(map[string]any)
		if got, want := keys(first), []string{"club", "evidence", "last_seen", "outlets", "share", "stage"}; !slices.Equal(got, want) {
			t.Errorf("destination keys %v, want %v", got, want)
		}
		if first["club"] != "Inter Miami" || first["stage"] != "interest" || first["last_seen"] != "2020-11-12" {
			t.Errorf("first destination %v", first)
		}
		if _, ok := first["share"].(float64); !ok {
			t.Errorf("share %v is not a number", first["share"])
		}
		ev := first["evidence"].(map[string]any)
		if got, want := keys(ev), []string{"date", "from", "outlet", "player", "quote", "stage", "to", "url"}; !slices.Equal(got, want) {
			t.Errorf("evidence keys %v, want %v", got, want)
		}
		if asked := a["asked"].(map[string]any); asked["club"] != "Inter Miami" {
			t.Errorf("asked %v, want the Inter Miami link", asked)
		}
		if a["done"] != nil || a["current"].(map[string]any)["club"] != "Real Madrid" || a["last_report"] != "2020-11-12" {
			t.Errorf("done %v, current %v, last report %v", a["done"], a["current"], a["last_report"])
		}
	})
	t.Run("where, after the done deal", func(t *testing.T) {
		v := ask(t, "-as-of", "2021-08-31", "where is Sergio Ramos heading?")
		a := v["answer"].(map[string]any)
		done, _ := a["done"].(map[string]any)
		if done["club"] != "Paris Saint-Germain" || done["stage"] != "done" || v["current_club"] != "Paris Saint-Germain" {
			t.Errorf("done %v, current club %v; want the move to PSG", a["done"], v["current_club"])
		}
		for _, d := range a["destinations"].([]any) {
			if d.(map[string]any)["club"] == "Paris Saint-Germain" {
				t.Errorf("his club is a destination: %v", a["destinations"])
			}
		}
	})
	t.Run("an ambiguous name lists the choices", func(t *testing.T) {
		v := ask(t, "where is Ramos heading?")
		a := v["answer"].(map[string]any)
		choices, _ := a["choices"].([]any)
		if v["player"] != nil || !slices.Contains(choices, any("Sergio Ramos")) || !slices.Contains(choices, any("Gonçalo Ramos")) {
			t.Errorf("player %v, answer %v; want the two Ramoses", v["player"], a)
		}
	})
	t.Run("other intents answer in words", func(t *testing.T) {
		v := ask(t, "which outlets do you trust?")
		if v["intent"] != "sources" || v["answer"].(map[string]any)["text"] == "" {
			t.Errorf("intent %v, answer %v", v["intent"], v["answer"])
		}
	})
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
