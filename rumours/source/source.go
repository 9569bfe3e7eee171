// Package source reads transfer-news articles from files.
//
// Three formats are understood:
//
//   - seed text (any extension but those below): line 1 starts with
//     " date YYYY-MM-DD ", " date YYYY-MM " or " date unknown " followed by the
//     first paragraph; paragraphs are separated by blank lines. A plain text
//     file without that header is read as an undated article.
//   - JSON Lines (.jsonl, .ndjson): one JSON object per line with the fields
//     url, title, published, outlet and text.
//   - saved HTML pages (.html, .htm): the main text is extracted with
//     go-readability.
//
// ReadFile refuses files over MaxFileSize (ErrTooLarge), and every parser
// refuses binary data (ErrBinary), text that is not UTF-8 (ErrNotUTF8) and
// data with no text (ErrEmpty). A missing or unknown date is not an error:
// the article's Published field is then the zero time. Walk reads whole
// directory trees and reports each bad file without stopping.
//
// NormalizeText gives the canonical form of a text used to spot the same
// article twice.
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"transferbot/rumours"
)

// MaxFileSize is the largest file ReadFile accepts, in bytes: files over 2 MB
// are refused.
const MaxFileSize = 2 << 20

// Sentinel errors, wrapped by the errors of this package; test with errors.Is.
var (
	// ErrTooLarge: the file is larger than MaxFileSize.
	ErrTooLarge = errors.New("file larger than 2 MB")
	// ErrBinary: the data holds a NUL byte, or control characters make up
	// more than a tenth of its first 8 KB.
	ErrBinary = errors.New("binary data")
	// ErrNotUTF8: the data is not valid UTF-8 (the error names the byte offset).
	ErrNotUTF8 = errors.New("not valid UTF-8")
	// ErrEmpty: the file, line or page holds no article text.
	ErrEmpty = errors.New("no text")
	// ErrBadDate: a date is present but is not a real calendar date or not in
	// an accepted format. A missing or "unknown" date is not an error.
	ErrBadDate = errors.New("bad date")
	// ErrNotRegular: the path is not a regular file (a device, a pipe...).
	ErrNotRegular = errors.New("not a regular file")
)

// Format is a file format that ReadFile understands.
type Format int

// The formats, chosen by file extension.
const (
	FormatSeed  Format = iota // seed text or plain text (the default)
	FormatJSONL               // .jsonl, .ndjson
	FormatHTML                // .html, .htm
)

func (f Format) String() string {
	switch f {
	case FormatJSONL:
		return "jsonl"
	case FormatHTML:
		return "html"
	default:
		return "seed"
	}
}

// FormatOf returns the format ReadFile uses for path, from its extension
// (case-insensitive): .jsonl and .ndjson are JSON Lines, .html and .htm are
// HTML, anything else is seed or plain text.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".html", ".htm":
		return FormatHTML
	default:
		return FormatSeed
	}
}

// ReadFile reads the articles in the file at path, choosing the format by
// extension (see FormatOf). The article ID is the file name without its
// extension for seed and HTML files, and the url (or "path:line") for JSON
// Lines.
//
// The file's size is checked with stat before it is opened and the read is
// capped, so a file over MaxFileSize is refused (ErrTooLarge) without being
// read whole. Data with NUL bytes or mostly control characters is refused
// with ErrBinary, invalid UTF-8 with ErrNotUTF8 (naming the byte offset), and
// a file with no text with ErrEmpty. Errors name the path.
//
// For a JSON Lines file, bad lines (including lines that are not UTF-8) are
// reported and the good ones still load: ReadFile then returns the good
// articles together with a non-nil error joining one *LineError per bad line.
func ReadFile(path string) ([]rumours.Article, error) {
	data, err := readCapped(path)
	if err != nil {
		return nil, err
	}
	format := FormatOf(path)
	if err := checkData(data); err != nil {
		// Invalid UTF-8 in a JSON Lines file is reported line by line.
		if format != FormatJSONL || !errors.Is(err, ErrNotUTF8) {
			return nil, fmt.Errorf("source: read %q: %w", path, err)
		}
	}
	data = bytes.TrimPrefix(data, bom)
	id := fileID(path)
	switch format {
	case FormatJSONL:
		arts, errs := parseJSONL(path, data)
		if len(arts) == 0 && len(errs) == 0 {
			return nil, fmt.Errorf("source: read %q: %w", path, ErrEmpty)
		}
		return arts, errors.Join(errs...)
	case FormatHTML:
		a, err := parseHTML(id, data, "")
		if err != nil {
			return nil, fmt.Errorf("source: read %q: %w", path, err)
		}
		return []rumours.Article{a}, nil
	default:
		a, err := parseSeed(id, data)
		if err != nil {
			return nil, fmt.Errorf("source: read %q: %w", path, err)
		}
		return []rumours.Article{a}, nil
	}
}

// readCapped reads the file at path, refusing it (ErrTooLarge) when stat
// reports more than MaxFileSize bytes, and reading at most MaxFileSize+1
// bytes in case the file grows or stat under-reports it.
func readCapped(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("source: read %q: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("source: read %q: %w", path, ErrNotRegular)
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("source: read %q: %w (%d bytes)", path, ErrTooLarge, info.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("source: read %q: %w", path, err)
	}
	defer f.Close()
	data, err := readLimited(f, MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("source: read %q: %w", path, err)
	}
	return data, nil
}

// readLimited reads r to the end but never more than limit+1 bytes; it
// returns ErrTooLarge when r holds more than limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, limit)
	}
	return data, nil
}

// bom is the UTF-8 byte-order mark, dropped from the start of files.
var bom = []byte("\uFEFF")

// binarySample is how many leading bytes checkData inspects for control
// characters.
const binarySample = 8 << 10

// checkData refuses data that is empty (or only white space), binary (any
// NUL byte, or more than 10% control characters other than tab, newline,
// carriage return and form feed in the first 8 KB) or not valid UTF-8.
func checkData(data []byte) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return ErrBinary
	}
	sample := data[:min(len(data), binarySample)]
	ctrl := 0
	for _, b := range sample {
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f {
			ctrl++
		}
	}
	if len(sample) > 0 && ctrl*10 > len(sample) {
		return ErrBinary
	}
	if off := invalidUTF8(data); off >= 0 {
		return fmt.Errorf("%w at byte %d", ErrNotUTF8, off)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0 {
		return ErrEmpty
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte that is not part of a
// valid UTF-8 sequence, or -1 when data is valid UTF-8.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// fileID is the base name of path without its extension.
func fileID(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Walk reads each of paths in order: a file is read with ReadFile (even if
// its name starts with a dot); a directory is walked recursively in lexical
// order, reading every regular file and skipping files and directories whose
// names start with a dot. fn is called once per file with its articles or its
// error (a JSON Lines file with some bad lines gives both); a path that cannot
// be stat-ed or a directory that cannot be listed is reported to fn the same
// way, with no articles.
//
// Walk stops early only if fn returns an error, which Walk returns unchanged,
// or if ctx is cancelled, when it returns an error wrapping ctx.Err().
func Walk(ctx context.Context, paths []string, fn func(path string, arts []rumours.Article, err error) error) error {
	for _, root := range paths {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("source: walk: %w", err)
		}
		info, err := os.Stat(root)
		if err != nil {
			if err := fn(root, nil, fmt.Errorf("source: read %q: %w", root, err)); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			arts, err := ReadFile(root)
			if err := fn(root, arts, err); err != nil {
				return err
			}
			continue
		}
		if err := walkDir(ctx, root, fn); err != nil {
			return err
		}
	}
	return nil
}

// errStop carries an error from fn or ctx out of filepath.WalkDir.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }

func walkDir(ctx context.Context, root string, fn func(string, []rumours.Article, error) error) error {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return errStop{fmt.Errorf("source: walk: %w", cerr)}
		}
		if err != nil {
			// A directory that cannot be listed, or an entry that vanished.
			if ferr := fn(path, nil, fmt.Errorf("source: read %q: %w", path, err)); ferr != nil {
				return errStop{ferr}
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		arts, rerr := ReadFile(path)
		if ferr := fn(path, arts, rerr); ferr != nil {
			return errStop{ferr}
		}
		return nil
	})
	var stop errStop
	if errors.As(err, &stop) {
		return stop.err
	}
	return err
}

// NormalizeText returns s in a canonical form used to detect the same text
// twice: Unicode NFC, every run of white space (including newlines and
// non-breaking spaces) collapsed to one space, and no leading or trailing
// space.
func NormalizeText(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}
