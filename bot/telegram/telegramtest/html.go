package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// htmlTags are the tags Telegram's HTML parse mode accepts.
var htmlTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "a": true, "code": true, "pre": true,
	"span": true, "tg-spoiler": true, "tg-emoji": true, "blockquote": true,
}

// VisibleHTML checks s the way Telegram's HTML parse mode does, strictly:
// only the supported tags, properly nested, "<", ">" and "&" escaped
// outside tags (as &lt;, &gt;, &amp;; &quot; and numeric entities are
// accepted too), links with an http(s) or tg href. It returns the text a
// user sees.
func VisibleHTML(s string) (string, error) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := s[i+1 : i+end]
			if closing, ok := strings.CutPrefix(tag, "/"); ok {
				name := strings.ToLower(strings.TrimSpace(closing))
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return "", fmt.Errorf("unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top(stack), name)
				}
				stack = stack[:len(stack)-1]
			} else {
				name, attrs, _ := strings.Cut(tag, " ")
				name = strings.ToLower(name)
				if !htmlTags[name] {
					return "", fmt.Errorf("unsupported start tag \"%s\" at byte offset %d", name, i)
				}
				if name == "a" {
					href, ok := attr(attrs, "href")
					if !ok || !(strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "tg://")) {
						return "", fmt.Errorf("bad link at byte offset %d", i)
					}
				}
				stack = append(stack, name)
			}
			i += end + 1
		case '>':
			return "", fmt.Errorf("unescaped \">\" at byte offset %d", i)
		case '&':
			end := strings.IndexByte(s[i:], ';')
			if end < 0 {
				return "", fmt.Errorf("can't find end of the entity starting at byte offset %d", i)
			}
			r, err := entity(s[i+1 : i+end])
			if err != nil {
				return "", fmt.Errorf("%v at byte offset %d", err, i)
			}
			out.WriteString(r)
			i += end + 1
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag \"%s\"", top(stack))
	}
	return out.String(), nil
}

func top(stack []string) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1]
}

// attr reads a double-quoted attribute and unescapes it.
func attr(attrs, name string) (string, bool) {
	i := strings.Index(attrs, name+`="`)
	if i < 0 {
		return "", false
	}
	v := attrs[i+len(name)+2:]
	j := strings.IndexByte(v, '"')
	if j < 0 {
		return "", false
	}
	v = v[:j]
	v = strings.NewReplacer("&quot;", `"`, "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(v)
	return v, true
}

func entity(name string) (string, error) {
	switch name {
	case "lt":
		return "<", nil
	case "gt":
		return ">", nil
	case "amp":
		return "&", nil
	case "quot":
		return `"`, nil
	}
	if n, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if h, ok := strings.CutPrefix(strings.ToLower(n), "x"); ok {
			n, base = h, 16
		}
		v, err := strconv.ParseUint(n, base, 32)
		if err == nil && v > 0 {
			return string(rune(v)), nil
		}
	}
	return "", fmt.Errorf("unsupported HTML entity \"&%s;\"", name)
}

// Len returns the length of s as Telegram counts it, in UTF-16 code units.
func Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
