package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s, strips accents and diacritics (Ø->o, ß->ss, ł->l,
// æ->ae, œ->oe, ı->i, đ->d, þ->th), maps "&" to "and", turns every run of
// characters that are neither letters nor digits into one space and trims.
// Letters of any script are kept. "Higuaín" and "Higuain" fold to "higuain",
// "Atlético de Madrid" to "atletico de madrid", "Brighton & Hove Albion" to
// "brighton and hove albion", "Bor. M'gladbach" to "bor m gladbach".
//
// Every name and alias in the gazetteer is indexed by its fold, so callers
// fold text the same way before looking it up. The rules match fold() in the
// evaluation script, except that letters outside the Latin script survive.
func Fold(s string) string {
	if isPlainASCII(s) {
		return foldASCII(s)
	}
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a separator is due before the next word character
	word := func(r string) {
		if pending && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteString(r)
	}
	for _, r := range s {
		if rep, ok := foldSpecial(r); ok {
			word(rep)
			continue
		}
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			// combining accent left over by NFKD: drop it, stay in the word
		case r == '&':
			pending = true
			word("and")
			pending = true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
			word(string(unicode.ToLower(r)))
		default:
			pending = true
		}
	}
	return b.String()
}

// foldSpecial maps the letters that NFKD does not decompose into a base
// letter plus accents.
func foldSpecial(r rune) (string, bool) {
	switch r {
	case 'ø', 'Ø':
		return "o", true
	case 'ł', 'Ł':
		return "l", true
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ı':
		return "i", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'þ', 'Þ':
		return "th", true
	case 'ħ', 'Ħ':
		return "h", true
	case 'ŧ', 'Ŧ':
		return "t", true
	case 'ŋ', 'Ŋ':
		return "n", true
	case 'ſ':
		return "s", true
	}
	return "", false
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII is Fold for ASCII input, without the normalisation pass.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteByte(c)
		case c == '&':
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("and")
			pending = true
		default:
			pending = true
		}
	}
	return b.String()
}
