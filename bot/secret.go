package bot

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
)

// Secret is a token or password. Everything that prints it (fmt verbs
// including %v, %+v, %#v and %s, log/slog, YAML, JSON and text
// marshalling) shows "REDACTED" instead, or "" when it is empty; Value
// returns the real string.
type Secret string

const redacted = "REDACTED"

// Value returns the secret itself, for the code that must send it.
func (s Secret) Value() string { return string(s) }

func (s Secret) shown() string {
	if s == "" {
		return ""
	}
	return redacted
}

// String returns "REDACTED" ("" for an empty secret).
func (s Secret) String() string { return s.shown() }

// GoString is used by %#v.
func (s Secret) GoString() string { return fmt.Sprintf("Secret(%q)", s.shown()) }

// Format implements fmt.Formatter so that no verb prints the value.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			io.WriteString(f, s.GoString())
			return
		}
	case 's', 'q', 'x', 'X':
	default:
		verb = 's'
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), s.shown())
}

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// MarshalYAML implements yaml.Marshaler.
func (s Secret) MarshalYAML() (any, error) { return s.shown(), nil }

// MarshalJSON implements json.Marshaler.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.shown()) }

// MarshalText implements encoding.TextMarshaler.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.shown()), nil }
