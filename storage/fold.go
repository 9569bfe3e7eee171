package storage

import (
	"strings"
	"unicode"
)

// foldName returns the lookup key of a player name: lower case, accents and
// other combining marks removed, Latin letters that carry a mark or do not
// decompose spelt in ASCII (ø→o, ß→ss, ł→l, æ→ae, ...), and runs of white
// space collapsed to one space with none at the ends. "Martin Ødegaard" and
// " martin  odegaard" have the same key.
func foldName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := false
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if i := int(r) - latinFoldFirst; i >= 0 && 2*i < len(latinFold) {
			if m := latinFold[2*i : 2*i+2]; m != "  " {
				b.WriteString(strings.TrimRight(m, " "))
				continue
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// latinFoldFirst is the first code point latinFold covers (U+00C0, À).
const latinFoldFirst = 0xC0

// latinFold maps U+00C0..U+024F, two bytes a code point, to lower-case ASCII
// padded with spaces; "  " means no mapping. Generated from the Unicode
// canonical decompositions plus a few letters that have none (ø, ł, đ, ß).
const latinFold = "" +
	"a a a a a a aec e e e e i i i i d n o o o o o   o u u u u y thss" +
	"a a a a a a aec e e e e i i i i d n o o o o o   o u u u u y thy " +
	"a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g " +
	"g g g g h h h h i i i i i i i i i i     j j k k k l l l l l l l " +
	"l l l n n n n n n n n n o o o o o o oeoer r r r r r s s s s s s " +
	"s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s " +
	"b                                   f         i                 " +
	"o o                           u u         z z                   " +
	"                          a a i i o o u u u u u u u u u u   a a " +
	"a a     g g g g k k o o o o     j       g g     n n a a         " +
	"a a a a e e e e i i i i o o o o r r r r u u u u s s t t     h h " +
	"            a a e e o o o o o o o o y y                         " +
	"                                "
