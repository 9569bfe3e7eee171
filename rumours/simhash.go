package rumours

import (
	"math/bits"
	"strings"
	"unicode"
)

// NearDuplicate is the largest Hamming distance between the Simhash values
// of two texts that are treated as copies of one story (syndicated or lightly
// edited reprints). With 64-bit fingerprints and this threshold, two
// near-duplicates always share at least one of the four 16-bit bands that
// Store.FindSimilar indexes.
const NearDuplicate = 3

// Simhash returns a 64-bit locality-sensitive fingerprint of text: copies of
// one article with small edits get fingerprints within NearDuplicate bits of
// each other, unrelated texts differ in about half of the 64 bits. It is
// deterministic across runs and platforms and safe for concurrent use.
//
// The features are the word 3-shingles of the lower-cased text (words are
// runs of letters and digits), each hashed with 64-bit FNV-1a and a
// SplitMix64 finaliser. Despite its name, kept for Store.FindSimilar and
// StoredArticle.Simhash, the fingerprint is not Charikar's simhash (a
// per-bit vote of every feature) but one-bit minwise hashing: bit i is the
// low bit of the smallest value of the i-th of 64 fixed hash permutations
// over the set of shingles. Two texts then differ in a bit with probability
// (1 − J)/2, where J is the Jaccard similarity of their shingle sets: a copy
// that shares 95% of its shingles differs in 1.6 bits on average. A
// vote-based simhash is about twice as sensitive to small edits: on the
// project's development articles, one word inserted mid-text put 41% of the
// copies beyond the threshold (this fingerprint: 5%), and the syndicated
// demo copy was 8 bits from its original (this fingerprint: 3), while
// unrelated articles stayed 19 bits or more apart with either.
//
// Copies of a story mostly differ around the edges, so before shingling
// Simhash drops the lines that are site furniture (lines under four words,
// "Read more: ..." teasers, "first appeared on ..." credits) and, when at
// least three sentences remain, the first sentence (a rewritten headline or
// intro). Line breaks matter for that first step: a copy whose paragraphs
// were flattened into one line is only recognised by TextHash, when it is
// otherwise identical. Text without any words hashes to 0.
func Simhash(text string) uint64 {
	shingles := simhashShingles(text)
	if len(shingles) == 0 {
		return 0
	}
	var h uint64
	for i := range uint64(64) {
		seed := mix64((i + 1) * 0x9e3779b97f4a7c15)
		least := ^uint64(0)
		for _, x := range shingles {
			least = min(least, mix64(x^seed))
		}
		h |= (mix64(least) & 1) << i
	}
	return h
}

// simhashShingles returns the hashes of the word 3-shingles that Simhash
// uses (a text of one or two words is one shingle).
func simhashShingles(text string) []uint64 {
	sentences := simhashSentences(text)
	if len(sentences) >= 3 {
		sentences = sentences[1:]
	}
	var words []string
	for _, s := range sentences {
		words = append(words, s...)
	}
	if len(words) == 0 {
		// Everything was furniture: fall back to all the words.
		words = simhashWords(text)
	}
	switch {
	case len(words) == 0:
		return nil
	case len(words) < 3:
		return []uint64{shingleHash(words)}
	}
	out := make([]uint64, 0, len(words)-2)
	for i := 0; i+3 <= len(words); i++ {
		out = append(out, shingleHash(words[i:i+3]))
	}
	return out
}

// Hamming returns the number of bits in which a and b differ.
func Hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// simhashSentences returns the words of each sentence of text, leaving out
// furniture lines (see Simhash).
func simhashSentences(text string) [][]string {
	var out [][]string
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || isTeaser(line) {
			continue
		}
		if len(simhashWords(line)) < 4 {
			continue
		}
		start := 0
		for i, r := range line {
			if (r == '.' || r == '!' || r == '?') && i+1 < len(line) && isSpaceByte(line[i+1]) {
				if w := simhashWords(line[start : i+1]); len(w) > 0 {
					out = append(out, w)
				}
				start = i + 1
			}
		}
		if w := simhashWords(line[start:]); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// isTeaser reports whether line is one that sites add around a syndicated
// text ("Read more: ...", "Follow us ...", "This story first appeared on
// ...").
func isTeaser(line string) bool {
	teaserPrefixes := [...]string{
		"read more", "read also", "also read", "read:", "more:", "see also",
		"related:", "related articles", "related stories", "click here",
		"follow us", "sign up", "subscribe", "advertisement", "share this",
	}
	credits := [...]string{
		"first appeared on", "first published on", "originally published",
		"republished with permission", "all rights reserved",
	}
	l := strings.ToLower(line)
	for _, p := range teaserPrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	for _, p := range credits {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// simhashWords splits s into lower-cased runs of letters and digits.
func simhashWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// shingleHash hashes words joined by single spaces with FNV-1a (64-bit) and
// mixes the result with mix64, since raw FNV output is poorly mixed for short
// inputs.
func shingleHash(words []string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i, w := range words {
		if i > 0 {
			h ^= ' '
			h *= prime
		}
		for j := 0; j < len(w); j++ {
			h ^= uint64(w[j])
			h *= prime
		}
	}
	return mix64(h)
}

// mix64 is the SplitMix64 finaliser: a bijection on 64-bit values whose
// output bits each depend on every input bit.
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
