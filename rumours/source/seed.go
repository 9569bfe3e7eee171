package source

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours"
)

// MaxTitleLen is the longest first line, in characters, that is taken as a
// headline.
const MaxTitleLen = 150

// ParseSeed parses one article in the seed format. Line 1 is a header: an
// optional space, the word "date", a space, then "YYYY-MM-DD", "YYYY-MM"
// (read as the 1st of the month) or "unknown" (the zero time), a space and
// the first paragraph. Paragraphs are separated by blank lines; runs of blank
// lines count as one and trailing spaces are dropped.
//
// Data without that header is read as a plain undated article. In both
// cases the first line becomes the Title too if it looks like a headline
// (see IsHeadline), and it stays in Text.
//
// The article's ID is id. ParseSeed returns an error wrapping ErrBinary,
// ErrNotUTF8 or ErrEmpty for data that is not text or holds no text, and
// ErrBadDate for a header date that is not a real date (2020-13-01).
func ParseSeed(id string, data []byte) (rumours.Article, error) {
	if err := checkData(data); err != nil {
		return rumours.Article{}, fmt.Errorf("source: parse %q: %w", id, err)
	}
	a, err := parseSeed(id, bytes.TrimPrefix(data, bom))
	if err != nil {
		return rumours.Article{}, fmt.Errorf("source: parse %q: %w", id, err)
	}
	return a, nil
}

// parseSeed parses data already checked by checkData.
func parseSeed(id string, data []byte) (rumours.Article, error) {
	text := string(data)
	published, body, err := splitHeader(text)
	if err != nil {
		return rumours.Article{}, err
	}
	body = cleanParagraphs(body)
	if body == "" {
		return rumours.Article{}, ErrEmpty
	}
	first, _, _ := strings.Cut(body, "\n")
	a := rumours.Article{ID: id, Published: published, Text: body}
	if IsHeadline(first) {
		a.Title = first
	}
	return a, nil
}

// splitHeader splits off the " date ... " header of a seed file. It returns
// the date (zero when unknown or when there is no header) and the rest of
// the text. A header date that looks like a date but is not a real one is an
// error wrapping ErrBadDate.
func splitHeader(text string) (time.Time, string, error) {
	s := strings.TrimLeft(text, " \t")
	rest, ok := strings.CutPrefix(s, "date ")
	if !ok {
		return time.Time{}, text, nil
	}
	token, body, _ := strings.Cut(rest, " ")
	if nl := strings.IndexAny(token, "\r\n"); nl >= 0 {
		// The header line ends right after the date: " date 2020-11-11\n...".
		token, body = token[:nl], token[nl:]+" "+body
		body = strings.TrimSuffix(body, " ")
	}
	if token == "unknown" {
		return time.Time{}, body, nil
	}
	if !looksLikeDate(token) {
		// "date night at the Bernabeu..." is plain text, not a header.
		return time.Time{}, text, nil
	}
	t, err := ParseDate(token)
	if err != nil {
		return time.Time{}, "", err
	}
	return t, body, nil
}

// looksLikeDate reports whether s has the shape NNNN-NN or NNNN-NN-NN.
func looksLikeDate(s string) bool {
	if len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ParseDate parses a date as found in seed headers and JSON Lines: RFC 3339
// ("2021-08-10T14:00:00+02:00", returned in UTC), "YYYY-MM-DD", or "YYYY-MM"
// (the 1st of the month), all in UTC. An empty string or "unknown" gives the
// zero time and no error; anything else that does not parse is an error
// wrapping ErrBadDate.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "unknown") {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly, "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%w %q", ErrBadDate, s)
}

// cleanParagraphs normalises line ends to "\n", drops trailing white space
// from every line, trims each paragraph and joins the paragraphs with one
// blank line. Line breaks inside a paragraph are kept.
func cleanParagraphs(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			p := strings.TrimSpace(strings.Join(cur, "\n"))
			if p != "" {
				paras = append(paras, p)
			}
			cur = cur[:0]
		}
	}
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// IsHeadline reports whether line reads like a headline rather than a
// sentence of body text: one line of at most MaxTitleLen characters and at
// least two words, that does not end with a full stop, comma, semicolon,
// colon or ellipsis.
func IsHeadline(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || strings.ContainsAny(line, "\r\n") || utf8.RuneCountInString(line) > MaxTitleLen {
		return false
	}
	if len(strings.Fields(line)) < 2 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".,;:…", last)
}
