package gazetteer

import "slices"

// nameIndex maps folded names to player indexes. Most names belong to one
// player, so the map holds that index itself and only the names shared by
// several players point to a list: with tens of thousands of players this
// halves the index's memory against a map of slices.
type nameIndex struct {
	one   map[string]int32 // name -> player, or -1-i for shared[i]
	multi [][]int
}

func newNameIndex(n int) nameIndex {
	return nameIndex{one: make(map[string]int32, n)}
}

// add files player pi under k, once.
func (ix *nameIndex) add(k string, pi int) {
	v, ok := ix.one[k]
	switch {
	case !ok:
		ix.one[k] = int32(pi)
	case v >= 0:
		if int(v) != pi {
			ix.multi = append(ix.multi, []int{int(v), pi})
			ix.one[k] = int32(-len(ix.multi))
		}
	default:
		if l := &ix.multi[-v-1]; !slices.Contains(*l, pi) {
			*l = append(*l, pi)
		}
	}
}

// get returns the players filed under k, in filing order; the caller must
// not modify the result.
func (ix *nameIndex) get(k string) []int {
	v, ok := ix.one[k]
	switch {
	case !ok:
		return nil
	case v >= 0:
		return []int{int(v)}
	}
	return ix.multi[-v-1]
}

// first returns the first player filed under k and how many are, without
// making a list of them.
func (ix *nameIndex) first(k string) (first, n int) {
	v, ok := ix.one[k]
	switch {
	case !ok:
		return -1, 0
	case v >= 0:
		return int(v), 1
	}
	l := ix.multi[-v-1]
	return l[0], len(l)
}
