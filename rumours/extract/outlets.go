package extract

import (
	"strings"

	"transferbot/rumours"
)

// outletTable finds the outlets of the configured table in a sentence's
// tokens by their surface forms (names and aliases as printed, case-sensitive,
// "The" optional).
type outletTable struct {
	byName map[string]int // exact surface form -> index into list
	list   []rumours.Outlet
	maxLen int             // longest surface form in words
	first  map[string]bool // first words of surface forms
}

func newOutletTable(outlets []rumours.Outlet) *outletTable {
	t := &outletTable{byName: map[string]int{}, first: map[string]bool{}, list: outlets}
	add := func(s string, i int) {
		t.byName[s] = i
		f := strings.Fields(s)
		if len(f) > 0 {
			t.first[f[0]] = true
		}
		t.maxLen = max(t.maxLen, len(f))
	}
	for i, o := range outlets {
		add(o.Name, i)
		if rest, ok := strings.CutPrefix(o.Name, "The "); ok {
			add(rest, i)
		}
		for _, a := range o.Aliases {
			add(a, i)
		}
	}
	return t
}
