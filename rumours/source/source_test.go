package source

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseSeed(t *testing.T) {
	long := strings.Repeat("word ", 40) + "without a final period"
	tests := []struct {
		name      string
		data      string
		wantErr   error
		published time.Time
		title     string
		text      string
	}{
		{
			name:      "full date, headline",
			data:      " date 2021-07-01 Sancho joins United\n\nThe deal is done.\n",
			published: date(2021, 7, 1),
			title:     "Sancho joins United",
			text:      "Sancho joins United\n\nThe deal is done.",
		},
		{
			name:      "month only is the 1st",
			data:      " date 2020-08 Messi sends a burofax to Barcelona.\n\nHe wants to leave.",
			published: date(2020, 8, 1),
			text:      "Messi sends a burofax to Barcelona.\n\nHe wants to leave.",
		},
		{
			name:  "unknown date is zero, not an error",
			data:  " date unknown Alaba to Madrid\n\nA free transfer.",
			title: "Alaba to Madrid",
			text:  "Alaba to Madrid\n\nA free transfer.",
		},
		{
			name:      "header without leading space, date alone on line 1",
			data:      "date 2021-08-31\nDeadline day at last\n\nEverything happens today.",
			published: date(2021, 8, 31),
			title:     "Deadline day at last",
			text:      "Deadline day at last\n\nEverything happens today.",
		},
		{
			name:      "CRLF, BOM, blank-line runs and trailing spaces",
			data:      "\uFEFF date 2021-01-14 Paper talk  \r\n\r\n\r\n\r\nDele wanted in Paris.   \r\nLingard to West Ham?\r\n",
			published: date(2021, 1, 14),
			title:     "Paper talk",
			text:      "Paper talk\n\nDele wanted in Paris.\nLingard to West Ham?",
		},
		{
			name:  "plain text without header",
			data:  "Haaland keeps Chelsea waiting\n\nDortmund will not sell.",
			title: "Haaland keeps Chelsea waiting",
			text:  "Haaland keeps Chelsea waiting\n\nDortmund will not sell.",
		},
		{
			name: "plain text starting with the word date",
			data: "date night at the Bernabeu ended in a draw.",
			text: "date night at the Bernabeu ended in a draw.",
		},
		{
			name:      "first paragraph too long to be a title",
			data:      " date 2020-11-11 " + long + "\n\nMore.",
			published: date(2020, 11, 11),
			text:      long + "\n\nMore.",
		},
		{
			name:    "header only",
			data:    " date 2020-11-11 \n\n",
			wantErr: ErrEmpty,
		},
		{
			name:    "empty",
			data:    "",
			wantErr: ErrEmpty,
		},
		{
			name:    "impossible date",
			data:    " date 2021-02-30 Something happened.",
			wantErr: ErrBadDate,
		},
		{
			name:    "binary",
			data:    "GIF89a\x00\x01\x02",
			wantErr: ErrBinary,
		},
		{
			name:    "latin-1",
			data:    " date 2021-05-12 Mbapp\xe9 reste.",
			wantErr: ErrNotUTF8,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseSeed("x", []byte(tt.data))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), `source: parse "x": `) {
					t.Errorf("error %q lacks the source prefix and id", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			want := rumours.Article{ID: "x", Title: tt.title, Published: tt.published, Text: tt.text}
			if a != want {
				t.Errorf("got  %+v\nwant %+v", a, want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"2020-11-11", date(2020, 11, 11), false},
		{"2020-01", date(2020, 1, 1), false},
		{"2021-08-27T18:45:00+01:00", time.Date(2021, 8, 27, 17, 45, 0, 0, time.UTC), false},
		{"", time.Time{}, false},
		{"unknown", time.Time{}, false},
		{"2021-02-30", time.Time{}, true},
		{"27/08/2021", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrBadDate) {
			t.Errorf("ParseDate(%q) error %v does not wrap ErrBadDate", tt.in, err)
		}
	}
}

func TestIsHeadline(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Beckham in talks to bring James to Miami", true},
		{"Will Ramos swap Madrid for Miami?", true},
		{"PAPER TALK: Pochettino wants Dele reunion in Paris", true},
		{"Real Madrid have confirmed the signing of David Alaba.", false},
		{"Zinedine Zidane:", false},
		{"Breaking", false},
		{strings.Repeat("a ", 76), false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsHeadline(tt.in); got != tt.want {
			t.Errorf("IsHeadline(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		path string
		want Format
	}{
		{"a/feed.jsonl", FormatJSONL},
		{"feed.NDJSON", FormatJSONL},
		{"page.html", FormatHTML},
		{"page.HTM", FormatHTML},
		{"seed.txt", FormatSeed},
		{"README", FormatSeed},
	}
	for _, tt := range tests {
		if got := FormatOf(tt.path); got != tt.want {
			t.Errorf("FormatOf(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestReadFile(t *testing.T) {
	tests := []struct {
		file      string
		wantErr   error
		errSubstr string // extra check on the message
		id        string
		title     string
		published time.Time
		contains  string
	}{
		{file: "seed-full.txt", id: "seed-full", title: "Sancho completes move to Manchester United",
			published: date(2021, 7, 1), contains: "five-year contract"},
		{file: "seed-month.txt", id: "seed-month", published: date(2020, 8, 1), contains: "clause in his contract"},
		{file: "seed-unknown.txt", id: "seed-unknown", title: "Alaba agrees Real Madrid move", contains: "free transfer"},
		{file: "plain.txt", id: "plain", title: "Haaland keeps Chelsea waiting", contains: "monitoring the Norwegian."},
		{file: "empty.txt", wantErr: ErrEmpty},
		{file: "blank.txt", wantErr: ErrEmpty},
		{file: "image.png", wantErr: ErrBinary},
		{file: "control.txt", wantErr: ErrBinary},
		{file: "latin1.txt", wantErr: ErrNotUTF8, errSubstr: "at byte 34"},
		{file: "bad-date.txt", wantErr: ErrBadDate},
		{file: "missing.txt", wantErr: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			arts, err := ReadFile(path)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.errSubstr) {
					t.Errorf("error %q should name %q and contain %q", err, path, tt.errSubstr)
				}
				if arts != nil {
					t.Errorf("got %d articles with the error", len(arts))
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if len(arts) != 1 {
				t.Fatalf("got %d articles, want 1", len(arts))
			}
			a := arts[0]
			if a.ID != tt.id || a.Title != tt.title || !a.Published.Equal(tt.published) || a.URL != "" || a.Outlet != "" {
				t.Errorf("got ID %q Title %q Published %v URL %q Outlet %q; want %q %q %v", a.ID, a.Title, a.Published, a.URL, a.Outlet, tt.id, tt.title, tt.published)
			}
			if !strings.Contains(a.Text, tt.contains) {
				t.Errorf("text lacks %q:\n%s", tt.contains, a.Text)
			}
			if tt.title != "" && !strings.HasPrefix(a.Text, tt.title+"\n\n") {
				t.Errorf("title should stay in the text as its first paragraph:\n%s", a.Text)
			}
		})
	}
}

func TestReadFileKeepsOddUnicode(t *testing.T) {
	arts, err := ReadFile(filepath.Join("testdata", "unicode.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	if want := "Messi 🐐 signs for PSG 🇫🇷 — مرحبا ميسي"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	for _, s := range []string{"«مرحبا»", "«שלום»", "Léo", "Le\u0301o"} {
		if !strings.Contains(a.Text, s) {
			t.Errorf("text lost %q:\n%s", s, a.Text)
		}
	}
	if strings.Contains(a.Text, "\uFFFD") {
		t.Errorf("text has replacement characters:\n%s", a.Text)
	}
}

func TestReadFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		size int64
		mode os.FileMode
	}{
		{"one byte over", MaxFileSize + 1, 0o644},
		{"1 GiB sparse", 1 << 30, 0o644},
		// Unreadable: only stat can refuse it, so the size is checked before
		// the file is opened (when not running as root).
		{"unreadable", MaxFileSize * 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".txt")
			if err := os.WriteFile(path, []byte(" date 2021-01-01 Big file.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, tt.size); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			arts, err := ReadFile(path)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if arts != nil {
				t.Errorf("got articles for a refused file")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing took %v: the file seems to have been read", d)
			}
		})
	}
	// A file exactly MaxFileSize bytes long is accepted.
	path := filepath.Join(dir, "exact.txt")
	data := append([]byte(" date 2021-01-01 Exactly two megabytes\n\n"), bytes.Repeat([]byte("a "), MaxFileSize)...)
	if err := os.WriteFile(path, data[:MaxFileSize], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path); err != nil {
		t.Errorf("file of exactly MaxFileSize bytes: %v", err)
	}
}

// countingReader is an endless stream of 'a' that counts the bytes read.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestReadLimitedCapsTheRead(t *testing.T) {
	tests := []struct {
		name    string
		r       io.Reader
		limit   int64
		wantErr error
		wantLen int
	}{
		{"endless stream", &countingReader{}, MaxFileSize, ErrTooLarge, 0},
		{"under the limit", strings.NewReader("hello"), 10, nil, 5},
		{"at the limit", strings.NewReader("0123456789"), 10, nil, 10},
		{"one over", strings.NewReader("0123456789x"), 10, ErrTooLarge, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := readLimited(tt.r, tt.limit)
			if !errors.Is(err, tt.wantErr) || len(data) != tt.wantLen {
				t.Fatalf("got %d bytes, err %v; want %d bytes, err %v", len(data), err, tt.wantLen, tt.wantErr)
			}
			if c, ok := tt.r.(*countingReader); ok && c.n > tt.limit+64<<10 {
				t.Errorf("read %d bytes from an endless stream, limit %d", c.n, tt.limit)
			}
		})
	}
}

func TestParseJSONL(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		wantIDs  []string
		wantErrs []error // per bad line, in order
		wantLine []int
	}{
		{
			name:    "url or name:line as ID, blank lines skipped",
			data:    `{"url":"https://a.example/1","text":"One."}` + "\n\n" + `{"text":"Two."}` + "\n",
			wantIDs: []string{"https://a.example/1", "f.jsonl:3"},
		},
		{
			name:     "malformed line among good ones",
			data:     `{"text":"One."}` + "\n" + `{"text": "Two.` + "\n" + `{"text":"Three."}`,
			wantIDs:  []string{"f.jsonl:1", "f.jsonl:3"},
			wantErrs: []error{nil},
			wantLine: []int{2},
		},
		{
			name:     "no text, bad date, not an object, two values",
			data:     `{"title":"t"}` + "\n" + `{"text":"x","published":"2021-13-01"}` + "\n" + `[1,2]` + "\n" + `{"text":"a"} {"text":"b"}` + "\n" + `{"text":"ok","published":"2021-08"}`,
			wantIDs:  []string{"f.jsonl:5"},
			wantErrs: []error{ErrEmpty, ErrBadDate, nil, nil},
			wantLine: []int{1, 2, 3, 4},
		},
		{
			name:     "latin-1 line",
			data:     "{\"text\":\"Mbapp\xe9\"}\n{\"text\":\"fine\"}",
			wantIDs:  []string{"f.jsonl:2"},
			wantErrs: []error{ErrNotUTF8},
			wantLine: []int{1},
		},
		{
			name:     "empty data",
			data:     "",
			wantErrs: []error{ErrEmpty},
			wantLine: []int{0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs := ParseJSONL("f.jsonl", []byte(tt.data))
			var ids []string
			for _, a := range arts {
				ids = append(ids, a.ID)
			}
			if strings.Join(ids, " ") != strings.Join(tt.wantIDs, " ") {
				t.Errorf("IDs = %q, want %q", ids, tt.wantIDs)
			}
			if len(errs) != len(tt.wantErrs) {
				t.Fatalf("errors = %v, want %d", errs, len(tt.wantErrs))
			}
			for i, err := range errs {
				if tt.wantErrs[i] != nil && !errors.Is(err, tt.wantErrs[i]) {
					t.Errorf("error %d = %v, want %v", i, err, tt.wantErrs[i])
				}
				var le *LineError
				if tt.wantLine[i] == 0 {
					continue
				}
				if !errors.As(err, &le) || le.Line != tt.wantLine[i] || le.Name != "f.jsonl" {
					t.Errorf("error %d = %v, want a LineError for f.jsonl line %d", i, err, tt.wantLine[i])
				}
			}
		})
	}
}

func TestReadFileJSONL(t *testing.T) {
	path := filepath.Join("testdata", "feed.jsonl")
	arts, err := ReadFile(path)
	var le *LineError
	if !errors.As(err, &le) || le.Line != 4 {
		t.Fatalf("err = %v, want a LineError for line 4", err)
	}
	if !strings.Contains(err.Error(), path+":4:") {
		t.Errorf("error %q should name %s:4", err, path)
	}
	want := []rumours.Article{
		{
			ID: "https://example.com/news/ronaldo-united", URL: "https://example.com/news/ronaldo-united",
			Title: "Ronaldo returns to Manchester United", Outlet: "Example Sport",
			Published: time.Date(2021, 8, 27, 17, 45, 0, 0, time.UTC),
			Text:      "Cristiano Ronaldo is returning to Manchester United.\n\nThe club announced an agreement with Juventus on Friday evening.",
		},
		{
			ID: path + ":2", Title: "Alaba joins Real Madrid", Outlet: "Example Sport", Published: date(2021, 5, 28),
			Text: "David Alaba has signed for Real Madrid on a free transfer from Bayern Munich.",
		},
		{
			ID: "https://example.com/news/mbappe-bid", URL: "https://example.com/news/mbappe-bid", Published: date(2021, 8, 1),
			Text: "Paris Saint-Germain have rejected a bid from Real Madrid for Kylian Mbappé. ⚽",
		},
	}
	if len(arts) != len(want) {
		t.Fatalf("got %d articles, want %d", len(arts), len(want))
	}
	for i := range want {
		if arts[i] != want[i] {
			t.Errorf("article %d:\ngot  %+v\nwant %+v", i, arts[i], want[i])
		}
	}
}

func TestParseHTML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		pageURL string
		wantURL string
	}{
		{"canonical link used when no URL given", "", "https://pitchside.example/news/haaland-chelsea"},
		{"given URL wins", "https://mirror.example/haaland", "https://mirror.example/haaland"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseHTML("page", data, tt.pageURL)
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != "page" || a.URL != tt.wantURL {
				t.Errorf("ID %q URL %q, want page %q", a.ID, a.URL, tt.wantURL)
			}
			if a.Title != "Haaland: Chelsea ready to test Dortmund resolve" {
				t.Errorf("title = %q", a.Title)
			}
			if a.Outlet != "Pitchside Daily" {
				t.Errorf("outlet = %q", a.Outlet)
			}
			if want := time.Date(2021, 5, 20, 8, 15, 0, 0, time.UTC); !a.Published.Equal(want) {
				t.Errorf("published = %v, want %v", a.Published, want)
			}
			paras := strings.Split(a.Text, "\n\n")
			for _, start := range []string{
				"Chelsea are preparing an approach",
				"The Norwegian has scored",
				"Real Madrid and Manchester City have also",
				"Dortmund's sporting director",
				"Any deal would almost certainly",
			} {
				found := false
				for _, p := range paras {
					found = found || strings.HasPrefix(p, start)
				}
				if !found {
					t.Errorf("no paragraph starts with %q in:\n%s", start, a.Text)
				}
			}
			for _, junk := range []string{"NavLink", "CookieNotice", "AdvertBanner", "InlineAdvert", "SidebarMostRead", "FooterCopyright", "trackPage", "ad-banner"} {
				if strings.Contains(a.Text, junk) {
					t.Errorf("text keeps page furniture %q:\n%s", junk, a.Text)
				}
			}
		})
	}
}

func TestParseHTMLErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr error
	}{
		{"no body text", "<html><head><title>Nothing here</title></head><body><img src='x.png'></body></html>", ErrEmpty},
		{"empty", "", ErrEmpty},
		{"latin-1", "<p>Mbapp\xe9</p>", ErrNotUTF8},
		{"binary", "\x00\x01<html>", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHTML("p", []byte(tt.data), "")
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// walkCall is one call of Walk's fn, summarised.
type walkCall struct {
	path  string
	ids   int
	isErr error // nil when the file loaded cleanly
}

func TestWalk(t *testing.T) {
	root := filepath.Join("testdata", "walk")
	j := func(p ...string) string { return filepath.Join(append([]string{root}, p...)...) }
	tests := []struct {
		name  string
		paths []string
		want  []walkCall
	}{
		{
			name:  "directory: good and bad files, hidden ones skipped",
			paths: []string{root},
			want: []walkCall{
				{j("a-sancho.txt"), 1, nil},
				{j("b-empty.txt"), 0, ErrEmpty},
				{j("c-latin1.txt"), 0, ErrNotUTF8},
				{j("d-image.png"), 0, ErrBinary},
				{j("sub", "e-alaba.txt"), 1, nil},
				{j("sub", "f-feed.jsonl"), 3, &LineError{}},
				{j("sub", "g-page.html"), 1, nil},
			},
		},
		{
			name:  "explicit files, a missing path and a hidden file named directly",
			paths: []string{j("sub", "e-alaba.txt"), j("nope.txt"), j(".hidden.txt")},
			want: []walkCall{
				{j("sub", "e-alaba.txt"), 1, nil},
				{j("nope.txt"), 0, os.ErrNotExist},
				{j(".hidden.txt"), 0, ErrEmpty},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []walkCall
			err := Walk(context.Background(), tt.paths, func(path string, arts []rumours.Article, err error) error {
				got = append(got, walkCall{path, len(arts), err})
				return nil
			})
			if err != nil {
				t.Fatalf("Walk: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d calls %v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.path != w.path || g.ids != w.ids {
					t.Errorf("call %d: %s with %d articles, want %s with %d", i, g.path, g.ids, w.path, w.ids)
				}
				switch want := w.isErr.(type) {
				case nil:
					if g.isErr != nil {
						t.Errorf("call %d (%s): unexpected error %v", i, g.path, g.isErr)
					}
				case *LineError:
					var le *LineError
					if !errors.As(g.isErr, &le) {
						t.Errorf("call %d (%s): err %v, want a LineError", i, g.path, g.isErr)
					}
				default:
					if !errors.Is(g.isErr, want) {
						t.Errorf("call %d (%s): err %v, want %v", i, g.path, g.isErr, want)
					}
				}
			}
		})
	}
}

func TestWalkStops(t *testing.T) {
	root := filepath.Join("testdata", "walk")
	stop := errors.New("stop here")
	tests := []struct {
		name      string
		ctx       func() context.Context
		fnErrAt   int // fn returns stop on this call (1-based); 0 never
		wantErr   error
		wantCalls int
	}{
		{"fn error stops the walk", context.Background, 2, stop, 2},
		{"cancelled context", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, 0, context.Canceled, 0},
		{"bad files do not stop it", context.Background, 0, nil, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := Walk(tt.ctx(), []string{root}, func(string, []rumours.Article, error) error {
				calls++
				if calls == tt.fnErrAt {
					return stop
				}
				return nil
			})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if calls != tt.wantCalls {
				t.Errorf("fn called %d times, want %d", calls, tt.wantCalls)
			}
		})
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"  Ramos\n\nto   Miami \t", "Ramos to Miami"},
		{"non\u00a0breaking\u2003spaces", "non breaking spaces"},
		{"Le\u0301o", "Léo"},
		{"", ""},
		{"🐐\n🇫🇷", "🐐 🇫🇷"},
	}
	for _, tt := range tests {
		if got := NormalizeText(tt.in); got != tt.want {
			t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	a := " date 2021-01-01 Same text\n\nagain."
	b := "Same text again."
	x, _ := ParseSeed("a", []byte(a))
	if NormalizeText(x.Text) != NormalizeText(b) {
		t.Errorf("reflowed copies should normalise to the same text")
	}
}

// sharedSeeds is ../shared/seeds beside the project checkout.
const sharedSeeds = "../../../shared/seeds"

func TestSharedSeeds(t *testing.T) {
	if _, err := os.Stat(sharedSeeds); err != nil {
		t.Skipf("shared seeds not available (%v): skipping", err)
	}
	tests := []struct {
		file      string
		published time.Time
		title     string
		contains  string
	}{
		{"ramos-inter-miami.txt", date(2020, 11, 11), "", "Inter Miami"},
		{"james-rodriguez-inter-miami.txt", date(2020, 1, 1), "Beckham in talks with Real Madrid to bring James Rodriguez to Inter Miami", "Goal has learned"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			arts, err := ReadFile(filepath.Join(sharedSeeds, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a := arts[0]
			if a.ID != strings.TrimSuffix(tt.file, ".txt") || !a.Published.Equal(tt.published) || a.Title != tt.title {
				t.Errorf("got ID %q Published %v Title %q", a.ID, a.Published, a.Title)
			}
			if !strings.Contains(a.Text, tt.contains) || strings.HasPrefix(a.Text, " ") || strings.Contains(a.Text, "date 20") {
				t.Errorf("unexpected text:\n%s", a.Text)
			}
			if n := strings.Count(a.Text, "\n\n"); n < 5 {
				t.Errorf("only %d paragraph breaks", n)
			}
		})
	}
}

func TestParseHTMLBylineAsOutlet(t *testing.T) {
	page := `<html><head><title>Alaba joins Real Madrid</title><meta name="author" content="By Example Wire"></head>
<body><article><p>` + strings.Repeat("David Alaba has joined Real Madrid on a free transfer from Bayern Munich. ", 8) + `</p></article></body></html>`
	tests := []struct {
		name, page, want string
	}{
		{"byline when no site name", page, "Example Wire"},
		{"site name wins", strings.Replace(page, "<head>", `<head><meta property="og:site_name" content="Example Sport">`, 1), "Example Sport"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseHTML("p", []byte(tt.page), "")
			if err != nil {
				t.Fatal(err)
			}
			if a.Outlet != tt.want {
				t.Errorf("outlet = %q, want %q", a.Outlet, tt.want)
			}
		})
	}
}
