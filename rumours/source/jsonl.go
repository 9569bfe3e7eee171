package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"transferbot/rumours"
)

// LineError reports a bad line of a JSON Lines file. Its message names the
// file and line ("source: feed.jsonl:3: ..."); Err is the cause.
type LineError struct {
	Name string // the name passed to ParseJSONL (ReadFile passes the path)
	Line int    // 1-based line number
	Err  error
}

func (e *LineError) Error() string {
	return fmt.Sprintf("source: %s:%d: %v", e.Name, e.Line, e.Err)
}

// Unwrap returns the cause, so that errors.Is(err, ErrEmpty) and the like work.
func (e *LineError) Unwrap() error { return e.Err }

// jsonArticle is one line of a JSON Lines file.
type jsonArticle struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Outlet    string `json:"outlet"`
	Text      string `json:"text"`
}

// ParseJSONL parses JSON Lines: one JSON object per line with the string
// fields url, title, published (RFC 3339, YYYY-MM-DD or YYYY-MM; empty or
// absent for unknown), outlet and text; other fields are ignored and blank
// lines are skipped. An article's ID is its url, or "name:line" when it has
// none; its text is cleaned like a seed file's (paragraphs separated by one
// blank line).
//
// A bad line (not a JSON object, not UTF-8, no text, bad date) does not stop
// the others: ParseJSONL returns the good articles in file order and one
// *LineError per bad line. Data with no lines at all gives one error wrapping
// ErrEmpty; binary data gives one error wrapping ErrBinary.
func ParseJSONL(name string, data []byte) ([]rumours.Article, []error) {
	if err := checkData(data); err != nil && !errors.Is(err, ErrNotUTF8) {
		// Invalid UTF-8 is reported line by line below.
		return nil, []error{fmt.Errorf("source: parse %q: %w", name, err)}
	}
	return parseJSONL(name, bytes.TrimPrefix(data, bom))
}

func parseJSONL(name string, data []byte) ([]rumours.Article, []error) {
	var arts []rumours.Article
	var errs []error
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		a, err := parseJSONLine(line)
		if err != nil {
			errs = append(errs, &LineError{Name: name, Line: i + 1, Err: err})
			continue
		}
		if a.ID == "" {
			a.ID = fmt.Sprintf("%s:%d", name, i+1)
		}
		arts = append(arts, a)
	}
	return arts, errs
}

func parseJSONLine(line []byte) (rumours.Article, error) {
	if off := invalidUTF8(line); off >= 0 {
		return rumours.Article{}, fmt.Errorf("%w at byte %d of the line", ErrNotUTF8, off)
	}
	var j jsonArticle
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&j); err != nil {
		return rumours.Article{}, fmt.Errorf("bad JSON: %w", err)
	}
	if dec.More() {
		return rumours.Article{}, errors.New("bad JSON: more than one value on the line")
	}
	published, err := ParseDate(j.Published)
	if err != nil {
		return rumours.Article{}, err
	}
	text := cleanParagraphs(j.Text)
	if text == "" {
		return rumours.Article{}, ErrEmpty
	}
	url := strings.TrimSpace(j.URL)
	return rumours.Article{
		ID:        url,
		URL:       url,
		Title:     strings.Join(strings.Fields(j.Title), " "),
		Outlet:    strings.TrimSpace(j.Outlet),
		Published: published,
		Text:      text,
	}, nil
}
