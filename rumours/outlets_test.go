package rumours_test

import (
	"strings"
	"testing"

	"transferbot/rumours"
)

// TestDefaultOutlets: every outlet has a name and a tier from 1 to 4, and no
// spelling (name, alias, name without "The") stands for two outlets, so
// that lookups are unambiguous.
func TestDefaultOutlets(t *testing.T) {
	owner := map[string]string{}
	for _, o := range rumours.DefaultOutlets() {
		if strings.TrimSpace(o.Name) == "" || o.Tier < 1 || o.Tier > 4 {
			t.Errorf("bad outlet %+v", o)
		}
		forms := append([]string{o.Name}, o.Aliases...)
		if rest, ok := strings.CutPrefix(o.Name, "The "); ok {
			forms = append(forms, rest)
		}
		for _, f := range forms {
			if prev, ok := owner[f]; ok && prev != o.Name {
				t.Errorf("%q stands for both %s and %s", f, prev, o.Name)
			}
			owner[f] = o.Name
		}
	}
	ix := rumours.NewOutletIndex(rumours.DefaultOutlets())
	for in, want := range map[string]string{"Sky Sports News": "Sky Sports", "Mail on Sunday": "Mail on Sunday", "Daily Telegraph": "The Telegraph",
		"L'Équipe": "L'Equipe", "Diario Sport": "Sport", "Telegraaf": "De Telegraaf", "GOAL": "Goal"} {
		if o, ok := ix.Lookup(in); !ok || o.Name != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", in, o.Name, ok, want)
		}
	}
}
