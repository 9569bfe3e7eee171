package rumours

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// NormalizeText collapses every run of white space (spaces, tabs, line
// breaks) in s to a single space and trims both ends, so that copies of a
// text that differ only in layout compare equal.
func NormalizeText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// TextHash returns the hex-encoded SHA-256 of NormalizeText(s): the identity
// of an article's text for exact-duplicate detection (see
// StoredArticle.TextHash).
func TextHash(s string) string {
	sum := sha256.Sum256([]byte(NormalizeText(s)))
	return hex.EncodeToString(sum[:])
}
