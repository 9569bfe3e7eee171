package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Link is one labelled or predicted (player, destination club) pair, as a
// line of labels.jsonl or of `transferbot extract --json` holds it.
//
// UnmarshalJSON reads it the way score.py does: keys match exactly, null or
// missing strings are empty, "primary" and "certain" take Python truth
// values, and a missing "certain" means certain.
type Link struct {
	Player  string   `json:"player"`
	To      string   `json:"to"`
	From    *string  `json:"from,omitempty"` // nil when unknown; not scored
	Stage   string   `json:"stage"`
	Outlets []string `json:"outlets"`
	Primary bool     `json:"primary"`
	// Certain is nil when the label does not say; that counts as certain.
	Certain *bool `json:"certain,omitempty"`
	// StageAlt is a second acceptable stage for a gold link; "" for none.
	StageAlt string `json:"stage_alt,omitempty"`

	// set when the key was missing or null, which score.py prints as None
	noPlayer, noTo, noStage bool
}

// IsCertain reports whether the link counts when scoring: Certain is nil
// or true.
func (l Link) IsCertain() bool { return l.Certain == nil || *l.Certain }

// Doc is one line of a labels or predictions file: an article id and its links.
type Doc struct {
	ID    string `json:"id"`
	Links []Link `json:"links"`
}

// UnmarshalJSON decodes a link object with score.py's semantics (see Link).
// A field of the wrong type (a number for "player", a string for
// "outlets") is an error, where score.py would fail later or guess.
func (l *Link) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("link: %w", err)
	}
	if m == nil {
		return errors.New("link: not an object")
	}
	var v Link
	var err error
	var errs []error
	if v.Player, v.noPlayer, err = optString(m, "player"); err != nil {
		errs = append(errs, err)
	}
	if v.To, v.noTo, err = optString(m, "to"); err != nil {
		errs = append(errs, err)
	}
	if v.Stage, v.noStage, err = optString(m, "stage"); err != nil {
		errs = append(errs, err)
	}
	if v.StageAlt, _, err = optString(m, "stage_alt"); err != nil {
		errs = append(errs, err)
	}
	if from, null, err := optString(m, "from"); err != nil {
		errs = append(errs, err)
	} else if !null {
		v.From = &from
	}
	if raw, ok := m["outlets"]; ok && truthy(raw) {
		var outs []*string
		if err := json.Unmarshal(raw, &outs); err != nil {
			errs = append(errs, errors.New("outlets: not a list of strings"))
		}
		for _, o := range outs {
			if o == nil {
				v.Outlets = append(v.Outlets, "") // fold(None) == ""
			} else {
				v.Outlets = append(v.Outlets, *o)
			}
		}
	}
	if raw, ok := m["primary"]; ok {
		v.Primary = truthy(raw)
	}
	if raw, ok := m["certain"]; ok {
		c := truthy(raw)
		v.Certain = &c
	}
	if len(errs) > 0 {
		return fmt.Errorf("link: %w", errors.Join(errs...))
	}
	*l = v
	return nil
}

// optString reads m[key] as a string; missing and null give "", true.
func optString(m map[string]json.RawMessage, key string) (string, bool, error) {
	raw, ok := m[key]
	if !ok || string(raw) == "null" {
		return "", true, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, fmt.Errorf("%s: not a string", key)
	}
	return s, false, nil
}

// truthy is Python's truth value of a decoded JSON value: null, false, 0,
// "", [] and {} are false.
func truthy(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch raw[0] {
	case 'n', 'f':
		return false
	case 't':
		return true
	case '"':
		return string(raw) != `""`
	case '[', '{':
		return len(bytes.TrimSpace(raw[1:len(raw)-1])) > 0
	default:
		// ParseFloat gives ±Inf on overflow (truthy) and 0 on underflow
		// (falsy), as Python's json does.
		f, _ := strconv.ParseFloat(string(raw), 64)
		return f != 0
	}
}

// pyStr is Python's str() of a JSON scalar, as score.py applies it to ids:
// null is "None", booleans "True"/"False", integers exact, floats in repr
// form. Arrays and objects are an error.
func pyStr(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "None", nil
	}
	switch raw[0] {
	case 't':
		return "True", nil
	case 'f':
		return "False", nil
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return s, nil
	case '[', '{':
		return "", errors.New("not a string or number")
	}
	if !bytes.ContainsAny(raw, ".eE") {
		n, ok := new(big.Int).SetString(string(raw), 10)
		if !ok {
			return "", fmt.Errorf("bad number %s", raw)
		}
		return n.String(), nil
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return "", err
	}
	return pyFloatRepr(f), nil
}

// pyFloatRepr is Python's repr() of a float: the shortest round-trip
// digits, positional when the decimal exponent is in [-4, 16), otherwise
// scientific with a two-digit signed exponent.
func pyFloatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // "-d.ddde+XX"
	sign := ""
	if e[0] == '-' {
		sign, e = "-", e[1:]
	}
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1 // value = 0.digits * 10^decpt
	if decpt > -4 && decpt <= 16 {
		var s string
		switch {
		case decpt <= 0:
			s = "0." + strings.Repeat("0", -decpt) + digits
		case decpt >= len(digits):
			s = digits + strings.Repeat("0", decpt-len(digits)) + ".0"
		default:
			s = digits[:decpt] + "." + digits[decpt:]
		}
		return sign + s
	}
	m := digits[:1]
	if len(digits) > 1 {
		m += "." + digits[1:]
	}
	es := "+"
	if exp < 0 {
		es, exp = "-", -exp
	}
	return fmt.Sprintf("%s%se%s%02d", sign, m, es, exp)
}

// pyIsSpace is Python's str.isspace() for one character, which str.strip()
// uses: Unicode white space plus the ASCII separators U+001C..U+001F.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// ReadJSONL reads a labels or predictions file the way score.py's load()
// does and returns the links by article id together with the ids in the
// order they first appear. Lines end at "\n", "\r\n" or "\r"; blank lines
// are skipped; an id is Python's str() of the "id" value ("None" when
// missing); a missing, null or empty "links" is no links; when an id
// repeats, its last line wins but it keeps its first position.
//
// Errors name the file and line, as in "labels.jsonl:3: not JSON: ...";
// unlike score.py, an object of the wrong shape is an error too.
func ReadJSONL(r io.Reader, name string) (map[string][]Link, []string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	docs := map[string][]Link{}
	var order []string
	for i, line := range lines {
		n := i + 1
		if !utf8.ValidString(line) {
			return nil, nil, fmt.Errorf("%s:%d: not UTF-8", name, n)
		}
		line = strings.TrimFunc(line, pyIsSpace)
		if line == "" {
			continue
		}
		if !json.Valid([]byte(line)) {
			var v any
			err := json.Unmarshal([]byte(line), &v)
			return nil, nil, fmt.Errorf("%s:%d: not JSON: %w", name, n, err)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &obj); err != nil || obj == nil {
			return nil, nil, fmt.Errorf("%s:%d: not a JSON object", name, n)
		}
		id, err := pyStr(obj["id"])
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: id: %w", name, n, err)
		}
		var links []Link
		if raw, ok := obj["links"]; ok && truthy(raw) {
			var items []json.RawMessage
			if err := json.Unmarshal(raw, &items); err != nil {
				return nil, nil, fmt.Errorf("%s:%d: links: not a list", name, n)
			}
			for k, item := range items {
				var l Link
				if err := json.Unmarshal(item, &l); err != nil {
					return nil, nil, fmt.Errorf("%s:%d: links[%d]: %w", name, n, k, err)
				}
				links = append(links, l)
			}
		}
		if _, seen := docs[id]; !seen {
			order = append(order, id)
		}
		if links == nil {
			links = []Link{}
		}
		docs[id] = links
	}
	return docs, order, nil
}
