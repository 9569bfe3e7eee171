package gazetteer

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Spelling slips: PlayersNear finds the players a sloppy site misspells by
// one letter ("Aubamayang", "Lewandowksi"), with a symmetric-delete index:
// every indexed name and each of its one-letter deletions are filed under a
// hash, so that two strings at edit distance one share a filed form (the
// shorter string, or the same deletion from both). A query looks up its own
// deletions only and checks the few candidates, with no scan of the names.

const (
	// NearMinLetters is the shortest name, in letters, that PlayersNear
	// matches loosely: shorter names are too close to each other and to
	// ordinary words.
	NearMinLetters = 6
	// NearMaxPlayers is the most players PlayersNear returns; more
	// candidates than this make a slip ambiguous, and it returns none.
	NearMaxPlayers = 3
)

// nearIndex is the symmetric-delete index, built on first use.
type nearIndex struct {
	keys   []string // folded full names, aliases and surnames
	full   []bool   // keys[i] is a full name or alias (else a surname)
	hashes []uint32 // sorted hashes of the filed forms
	ids    []int32  // ids[j]: the key filed under hashes[j]
	// start[b] is the first j whose hash's top 16 bits are b or more: a
	// query searches only its hash's few neighbours, where a search of the
	// whole array took some 20 steps through memory seldom in the cache.
	start []int32
	// present has bit h>>10 set for every filed hash h (4M bits, about one
	// in eight set): most hashes of a query are filed under no name, and
	// are ruled out by one bit rather than a search in memory seldom in
	// the cache.
	present []uint64
}

// PlayersNear returns the players whose full name, alias or surname (as
// PlayersFor and PlayersBySurname know them) is one slip away from folded:
// one letter left out, added or replaced, or two neighbouring letters
// swapped. It only tries names of NearMinLetters letters or more, and
// returns nil rather than more than NearMaxPlayers players. Full-name
// matches come first. Exact matches are not slips: PlayersFor and
// PlayersBySurname find those. The index is built on the first call.
func (g *Gazetteer) PlayersNear(folded string) []int {
	if letters(folded) < NearMinLetters {
		return nil
	}
	g.nearOnce.Do(g.buildNear)
	ix := &g.near
	var seen []int32
	var fullHits, surHits []int
	var hashes [32]uint32
	for _, h := range deletionHashes(folded, hashes[:0]) {
		if b := h >> 10; ix.present[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		lo, hi := int(ix.start[h>>16]), int(ix.start[h>>16+1])
		// the first hash >= h in the bucket: sort.Search written out, as
		// its calls of a closure cost more than the search itself
		j, end := lo, hi
		for j < end {
			if m := int(uint(j+end) >> 1); ix.hashes[m] < h {
				j = m + 1
			} else {
				end = m
			}
		}
		for ; j < hi && ix.hashes[j] == h; j++ {
			id := ix.ids[j]
			if slices.Contains(seen, id) {
				continue
			}
			seen = append(seen, id)
			k := ix.keys[id]
			if k == folded || !oneSlip(folded, k) {
				continue
			}
			if ix.full[id] {
				fullHits = appendNewInts(fullHits, g.playerIdx.get(k)...)
			} else {
				surHits = appendNewInts(surHits, g.surnameIdx.get(k)...)
			}
		}
	}
	slices.Sort(fullHits)
	slices.Sort(surHits)
	out := appendNewInts(fullHits, surHits...)
	if len(out) > NearMaxPlayers {
		return nil
	}
	return out
}

// buildNear files every full name, alias and surname of NearMinLetters
// letters or more under itself and its one-letter deletions.
func (g *Gazetteer) buildNear() {
	ix := &g.near
	add := func(idx nameIndex, full bool) {
		start := len(ix.keys)
		for k := range idx.one {
			if letters(k) >= NearMinLetters {
				ix.keys = append(ix.keys, k)
			}
		}
		slices.Sort(ix.keys[start:]) // the same index on every load
		for range ix.keys[start:] {
			ix.full = append(ix.full, full)
		}
	}
	add(g.playerIdx, true)
	add(g.surnameIdx, false)
	// Each filed form as hash<<32 | key id, sorted.
	var all []uint64
	var hs []uint32
	for id, k := range ix.keys {
		hs = deletionHashes(k, hs[:0])
		for _, h := range hs {
			all = append(all, uint64(h)<<32|uint64(id))
		}
	}
	slices.Sort(all)
	ix.hashes = make([]uint32, len(all))
	ix.ids = make([]int32, len(all))
	for j, f := range all {
		ix.hashes[j], ix.ids[j] = uint32(f>>32), int32(uint32(f))
	}
	ix.present = make([]uint64, 1<<22/64)
	for _, h := range ix.hashes {
		b := h >> 10
		ix.present[b>>6] |= 1 << (b & 63)
	}
	ix.start = make([]int32, 1<<16+1)
	j := 0
	for b := range ix.start {
		for j < len(ix.hashes) && int(ix.hashes[j]>>16) < b {
			j++
		}
		ix.start[b] = int32(j)
	}
}

// deletionHashes appends to out the hashes of s and of the distinct strings
// made by deleting one letter (rune) of s: deleting any letter of a run of
// the same letter gives the same string, filed once.
func deletionHashes(s string, out []uint32) []uint32 {
	out = append(out, hash32(s))
	prev := rune(-1)
	for i, r := range s {
		if r != prev {
			out = append(out, hashSkip(s, i, i+utf8.RuneLen(r)))
		}
		prev = r
	}
	return out
}

// oneSlip reports whether a and b differ by exactly one slip: a letter
// left out, added or replaced, or two neighbouring letters swapped.
func oneSlip(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				if diff = append(diff, i); len(diff) > 2 {
					return false
				}
			}
		}
		switch len(diff) {
		case 1:
			return true
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && ra[i] == rb[j] && ra[j] == rb[i]
		}
		return false
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i+1:]) == string(rb[i:])
	}
	return false
}

// letters counts the runes of s that are not spaces.
func letters(s string) int {
	return utf8.RuneCountInString(s) - strings.Count(s, " ")
}

// hash32 is 32-bit FNV-1a.
func hash32(s string) uint32 { return hashSkip(s, 0, 0) }

// hashSkip is hash32 of s without the bytes s[i:j].
func hashSkip(s string, i, j int) uint32 {
	h := uint32(2166136261)
	for k := 0; k < len(s); k++ {
		if k == i {
			k = j
			if k >= len(s) {
				break
			}
		}
		h ^= uint32(s[k])
		h *= 16777619
	}
	return h
}

func appendNewInts(list []int, add ...int) []int {
	for _, x := range add {
		if !slices.Contains(list, x) {
			list = append(list, x)
		}
	}
	return list
}
