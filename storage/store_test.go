package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"transferbot/rumours"
	"transferbot/storage/storetest"
)

// openTest opens a fresh store in a temporary directory and closes it when
// the test ends.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "transferbot.db"))
}

// openAt opens the store at path and closes it when the test ends.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// rawDB opens path with the plain driver, without the store's checks.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db := sql.OpenDB(newConnector("file:" + path))
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func testArticle(n int, published time.Time) rumours.StoredArticle {
	return rumours.StoredArticle{
		Article: rumours.Article{
			ID:        fmt.Sprintf("a%d", n),
			URL:       fmt.Sprintf("https://example.org/news/%d", n),
			Outlet:    "Example",
			Published: published,
			Text:      fmt.Sprintf("text %d", n),
		},
		TextHash: fmt.Sprintf("h%d", n),
		Simhash:  uint64(n) * 0x0001_0001_0001_0001,
	}
}

func validLink(player, to string) rumours.Link {
	return rumours.Link{Player: player, To: to, Stage: rumours.Talks, Confidence: 0.7}
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) rumours.Store { return openTest(t) })
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	random := make([]byte, 16384)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	foreign := filepath.Join(dir, "other-app.db")
	mustExec(t, rawDB(t, foreign), `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`)
	file := write("plain-file", []byte("x"))

	tests := []struct {
		name      string
		path      string
		notDB     bool   // the error wraps ErrNotDatabase
		mentions  string // the error also says this
		wantInErr string // the path to name; defaults to path
	}{
		{name: "short text file", path: write("notes.txt", []byte("hello, not a database\n")), notDB: true},
		{name: "long text file", path: write("readme.txt", []byte(strings.Repeat("Transfer news, all of it plain text.\n", 300))), notDB: true},
		{name: "random bytes", path: write("random.bin", random), notDB: true},
		{name: "another program's database", path: foreign, notDB: true, mentions: "another program"},
		{name: "directory", path: dir, mentions: "directory"},
		{name: "missing directory", path: filepath.Join(dir, "no", "such", "dir", "x.db"), mentions: "does not exist"},
		{name: "parent is a file", path: filepath.Join(file, "x.db"), mentions: "not a directory"},
		{name: "empty path", path: "", mentions: "need the path", wantInErr: `""`},
		{name: "memory", path: ":memory:", mentions: "need the path"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(context.Background(), tc.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded", tc.path)
			}
			msg := err.Error()
			want := tc.wantInErr
			if want == "" {
				want = tc.path
			}
			if !strings.Contains(msg, want) {
				t.Errorf("error %q does not name %q", msg, want)
			}
			if tc.mentions != "" && !strings.Contains(msg, tc.mentions) {
				t.Errorf("error %q does not say %q", msg, tc.mentions)
			}
			if got := errors.Is(err, ErrNotDatabase); got != tc.notDB {
				t.Errorf("errors.Is(err, ErrNotDatabase) = %v, want %v (err: %v)", got, tc.notDB, err)
			}
			if tc.notDB && !strings.Contains(msg, "not a valid transferbot database") {
				t.Errorf("error %q does not say it is not a valid transferbot database", msg)
			}
		})
	}
}

func TestOpenUnwritable(t *testing.T) {
	if !asUnprivileged(t) {
		return
	}
	base := t.TempDir()
	lockedDir := filepath.Join(base, "locked")
	if err := os.Mkdir(lockedDir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(lockedDir, 0o700) })
	readOnlyFile := filepath.Join(base, "read-only.db")
	s := openAt(t, readOnlyFile)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(readOnlyFile, 0o400); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(lockedDir, "x.db"), readOnlyFile} {
		s, err := Open(context.Background(), path)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded", path)
			continue
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "writable") {
			t.Errorf("error %q should name the path and say it is not writable", err)
		}
	}
}

func TestOpenDamagedDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "damaged.db")
	s := openAt(t, path)
	ctx := context.Background()
	for i := range 200 {
		if _, err := s.SaveArticle(ctx, testArticle(i, time.Time{}), []rumours.Link{validLink(fmt.Sprint("P", i), "FC")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 16*4096 {
		t.Fatalf("database is only %d bytes", len(b))
	}
	// Keep page 1 (header and schema), scribble over pages 2 onwards.
	for i := 4096; i < len(b); i++ {
		b[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(ctx, path)
	if err == nil {
		s2.Close()
		t.Fatal("Open of a damaged database succeeded")
	}
	if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), path) {
		t.Errorf("Open of a damaged database: %v; want an error naming the path and wrapping ErrNotDatabase", err)
	}
}

func TestFailedSaveLeavesNothing(t *testing.T) {
	tests := []struct {
		name string
		bad  rumours.Link // saved after a valid link to "Fresh FC"
	}{
		{"invalid stage", rumours.Link{Player: "Bad", To: "Fresh FC", Stage: rumours.Stage(42), Confidence: 0.5}},
		{"unknown stage", rumours.Link{Player: "Bad", To: "Fresh FC", Stage: rumours.StageUnknown, Confidence: 0.5}},
		{"NaN confidence", rumours.Link{Player: "Bad", To: "Fresh FC", Stage: rumours.Bid, Confidence: math.NaN()}},
		{"confidence above 1", rumours.Link{Player: "Bad", To: "Fresh FC", Stage: rumours.Bid, Confidence: 1.5}},
		{"empty player", rumours.Link{To: "Fresh FC", Stage: rumours.Bid, Confidence: 0.5}},
		{"empty club", rumours.Link{Player: "Bad", Stage: rumours.Bid, Confidence: 0.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := openTest(t)
			if _, err := s.SaveArticle(ctx, testArticle(1, time.Time{}), []rumours.Link{validLink("Existing", "Old FC")}); err != nil {
				t.Fatal(err)
			}
			a := testArticle(2, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
			links := []rumours.Link{validLink("Fresh Player", "Fresh FC"), tc.bad}
			if _, err := s.SaveArticle(ctx, a, links); err == nil {
				t.Fatal("SaveArticle with a bad link succeeded")
			} else if !strings.Contains(err.Error(), `"a2"`) {
				t.Errorf("error %q does not name the article", err)
			}
			if n, _ := s.CountArticles(ctx); n != 1 {
				t.Errorf("CountArticles = %d, want 1", n)
			}
			ps, err := s.Players(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 || ps[0].Name != "Existing" {
				t.Errorf("Players = %+v, want only Existing", ps)
			}
			for _, table := range []string{"links", "clubs", "players", "articles", "article_texts"} {
				var n int
				if err := s.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 1 {
					t.Errorf("%s has %d rows, want 1", table, n)
				}
			}
			// Nothing half-written blocks the corrected article, and the
			// club the failed save created and rolled back is created anew.
			links[1] = validLink("Fresh Player", "Other FC")
			if _, err := s.SaveArticle(ctx, a, links); err != nil {
				t.Fatalf("SaveArticle of the corrected article: %v", err)
			}
			ev, err := s.ClubEvidence(ctx, "Fresh FC", time.Time{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(ev) != 1 || ev[0].To != "Fresh FC" || ev[0].Player != "Fresh Player" {
				t.Errorf("ClubEvidence(Fresh FC) after the corrected save = %+v", ev)
			}
		})
	}
}

func TestSaveArticleRefusesEmptyTextHash(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := testArticle(1, time.Time{})
	a.TextHash = ""
	if _, err := s.SaveArticle(ctx, a, nil); err == nil {
		t.Fatal("SaveArticle with an empty text hash succeeded")
	}
	if n, _ := s.CountArticles(ctx); n != 0 {
		t.Errorf("CountArticles = %d, want 0", n)
	}
}

func TestDuplicateAcrossStores(t *testing.T) {
	// Two Stores on one file act like two processes: exactly one save wins.
	path := filepath.Join(t.TempDir(), "shared.db")
	stores := []*Store{openAt(t, path), openAt(t, path)}
	a := testArticle(1, time.Time{})
	errs := make([]error, len(stores))
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.SaveArticle(context.Background(), a, []rumours.Link{validLink("Race", "Race FC")})
		}()
	}
	wg.Wait()
	var ok, dup int
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, rumours.ErrDuplicate):
			dup++
		default:
			t.Errorf("SaveArticle: %v", err)
		}
	}
	if ok != 1 || dup != 1 {
		t.Errorf("%d saves succeeded and %d were duplicates, want 1 and 1", ok, dup)
	}
	for i, s := range stores {
		if n, err := s.CountArticles(context.Background()); err != nil || n != 1 {
			t.Errorf("store %d: CountArticles = %d, %v; want 1", i, n, err)
		}
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "keep.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 8, 30, 0, 0, 0, 0, time.UTC)
	l := rumours.Link{Player: "Kept Player", To: "Kept FC", From: "Before FC", Stage: rumours.Agreed,
		Outlets: []string{"Sky Sports"}, Primary: true, Confidence: 0.9, Quote: "Agreed."}
	id, err := s.SaveArticle(ctx, testArticle(1, day), []rumours.Link{l})
	if err != nil {
		t.Fatal(err)
	}
	sub := rumours.Subscription{Platform: "telegram", Channel: "42", Kind: rumours.KindClub, Target: "Kept FC",
		MinStage: rumours.Bid, Active: true, Created: time.Date(2024, 9, 1, 10, 0, 0, 0, time.UTC)}
	if err := s.Subscribe(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	s = openAt(t, path)
	ev, err := s.PlayerEvidence(ctx, "Kept Player", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := rumours.Evidence{Link: l, ArticleID: id, ArticleURL: testArticle(1, day).URL, Publisher: "Example",
		Published: day, Story: id}
	if len(ev) != 1 || !evidenceEqual(ev[0], want) {
		t.Errorf("after reopen PlayerEvidence = %+v, want [%+v]", ev, want)
	}
	subs, err := s.Subscriptions(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0] != sub {
		t.Errorf("after reopen Subscriptions = %+v, want [%+v]", subs, sub)
	}
	if _, err := s.SaveArticle(ctx, testArticle(1, day), nil); !errors.Is(err, rumours.ErrDuplicate) {
		t.Errorf("after reopen, saving the stored article: err = %v, want ErrDuplicate", err)
	}
	// New links for the known player and clubs reuse their rows.
	l2 := rumours.Link{Player: "Kept Player", To: "Before FC", From: "Kept FC", Stage: rumours.Denied, Confidence: 0.3}
	if _, err := s.SaveArticle(ctx, testArticle(2, day.AddDate(0, 0, 1)), []rumours.Link{l2}); err != nil {
		t.Fatal(err)
	}
	ps, err := s.Players(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if wantPs := []rumours.PlayerInfo{{Name: "Kept Player", Club: "Kept FC", Links: 2}}; !slices.Equal(ps, wantPs) {
		t.Errorf("after reopen and a new save Players = %+v, want %+v", ps, wantPs)
	}
	for table, want := range map[string]int{"players": 1, "clubs": 2} {
		var n int
		if err := s.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%s has %d rows, want %d", table, n, want)
		}
	}
	var applied int
	if err := s.r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	if applied != len(ms) {
		t.Errorf("schema_migrations has %d rows, want %d (one per migration)", applied, len(ms))
	}
}

func evidenceEqual(a, b rumours.Evidence) bool {
	return a.Player == b.Player && a.To == b.To && a.From == b.From && a.Stage == b.Stage &&
		slices.Equal(a.Outlets, b.Outlets) && a.Primary == b.Primary && a.Confidence == b.Confidence &&
		a.Quote == b.Quote && a.ArticleID == b.ArticleID && a.ArticleURL == b.ArticleURL &&
		a.Publisher == b.Publisher && a.Published.Equal(b.Published) && a.Story == b.Story
}

func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dir with space", "100% #odd?")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "trans?fer#bot&x=1.db")
	s := openAt(t, path)
	if _, err := s.SaveArticle(context.Background(), testArticle(1, time.Time{}), nil); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountArticles(context.Background()); err != nil || n != 1 {
		t.Errorf("CountArticles = %d, %v; want 1", n, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not at the path given: %v", err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	s := openAt(t, path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mustExec(t, rawDB(t, path), `INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future.sql', '')`)
	s2, err := Open(context.Background(), path)
	if err == nil {
		s2.Close()
		t.Fatal("Open of a database with a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q should name the path and say the schema is newer", err)
	}
}

func TestLoadMigrations(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name    string
		files   fstest.MapFS
		want    []string // names in order
		wantErr string
	}{
		{"in order", fstest.MapFS{"m/0002_b.sql": file("B"), "m/0001_a.sql": file("A"), "m/README": file("x")},
			[]string{"0001_a.sql", "0002_b.sql"}, ""},
		{"gap", fstest.MapFS{"m/0001_a.sql": file("A"), "m/0003_c.sql": file("C")}, nil, "expected version 2"},
		{"repeat", fstest.MapFS{"m/0001_a.sql": file("A"), "m/0001_b.sql": file("B")}, nil, "expected version 2"},
		{"no number", fstest.MapFS{"m/init.sql": file("A")}, nil, "positive number"},
		{"zero", fstest.MapFS{"m/0000_a.sql": file("A")}, nil, "positive number"},
	}
	for _, tc := range tests {
		ms, err := loadMigrations(tc.files, "m")
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: err = %v, want one saying %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var names []string
		for _, m := range ms {
			names = append(names, m.name)
		}
		if !slices.Equal(names, tc.want) {
			t.Errorf("%s: migrations %q, want %q", tc.name, names, tc.want)
		}
	}
	// The embedded ones load.
	if ms, err := loadMigrations(migrationFiles, "migrations"); err != nil || len(ms) == 0 {
		t.Errorf("embedded migrations: %d, %v", len(ms), err)
	}
}

func TestApplyMigrationsEachInItsOwnTransaction(t *testing.T) {
	db := rawDB(t, filepath.Join(t.TempDir(), "m.db"))
	ms := []migration{
		{1, "0001_a.sql", `CREATE TABLE a (x); CREATE TABLE a2 (x);`},
		{2, "0002_b.sql", `CREATE TABLE b (x); THIS IS NOT SQL;`},
	}
	if err := applyMigrations(context.Background(), db, ms); err == nil || !strings.Contains(err.Error(), "0002_b.sql") {
		t.Fatalf("applyMigrations with a broken second migration: err = %v, want one naming it", err)
	}
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	if want := []string{"a", "a2", "schema_migrations"}; !slices.Equal(tables, want) {
		t.Errorf("tables after a failed second migration = %q, want %q (the first kept, the second rolled back)", tables, want)
	}
	var version int
	if err := db.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil || version != 1 {
		t.Errorf("schema version = %d, %v; want 1", version, err)
	}
}

func TestConnectionSettings(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	tests := []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{s.w, "journal_mode", "wal"},
		{s.w, "foreign_keys", "1"},
		{s.w, "busy_timeout", "5000"},
		{s.w, "synchronous", "1"}, // NORMAL
		{s.w, "wal_autocheckpoint", "10000"},
		{s.w, "page_size", "4096"},
		{s.r, "mmap_size", "0"},
		{s.r, "journal_mode", "wal"},
		{s.r, "query_only", "1"},
	}
	for _, tc := range tests {
		var got string
		if err := tc.db.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %q, want %q", tc.pragma, got, tc.want)
		}
	}
	if _, err := s.r.ExecContext(ctx, `INSERT INTO clubs (name) VALUES ('Sneaky FC')`); err == nil {
		t.Error("a write through the read-only pool succeeded")
	}
	if got := s.w.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer pool allows %d connections, want 1", got)
	}
}

func TestPlayersLastClub(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC) }
	n := 0
	save := func(date time.Time, player, from string) {
		t.Helper()
		n++
		l := validLink(player, "Somewhere FC")
		l.From = from
		if _, err := s.SaveArticle(ctx, testArticle(n, date), []rumours.Link{l}); err != nil {
			t.Fatal(err)
		}
	}
	save(day(1, 1), "Dated Then Undated", "Dated FC")
	save(time.Time{}, "Dated Then Undated", "Undated FC") // undated counts as oldest
	save(time.Time{}, "Undated Only", "First FC")
	save(time.Time{}, "Undated Only", "Second FC") // same date key: the later stored wins
	save(day(3, 1), "Same Day", "Morning FC")
	save(day(3, 1), "Same Day", "Evening FC")
	save(day(3, 1), "Same Day", "")
	want := []rumours.PlayerInfo{
		{Name: "Dated Then Undated", Club: "Dated FC", Links: 2},
		{Name: "Same Day", Club: "Evening FC", Links: 3},
		{Name: "Undated Only", Club: "Second FC", Links: 2},
	}
	got, err := s.Players(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Players = %+v\nwant %+v", got, want)
	}
}

func TestSubscribeChecksAndDefaults(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	good := rumours.Subscription{Platform: "console", Channel: "me", Kind: rumours.KindPlayer, Target: "X", Active: true}
	tests := []struct {
		name   string
		change func(*rumours.Subscription)
	}{
		{"empty platform", func(s *rumours.Subscription) { s.Platform = "" }},
		{"empty channel", func(s *rumours.Subscription) { s.Channel = "" }},
		{"empty target", func(s *rumours.Subscription) { s.Target = "" }},
		{"bad kind", func(s *rumours.Subscription) { s.Kind = "team" }},
		{"bad stage", func(s *rumours.Subscription) { s.MinStage = rumours.Stage(99) }},
	}
	for _, tc := range tests {
		sub := good
		tc.change(&sub)
		if err := s.Subscribe(ctx, sub); err == nil {
			t.Errorf("%s: Subscribe succeeded", tc.name)
		}
	}
	if subs, _ := s.Subscriptions(ctx, "", ""); len(subs) != 0 {
		t.Errorf("refused subscriptions were stored: %+v", subs)
	}

	before := time.Now()
	if err := s.Subscribe(ctx, good); err != nil {
		t.Fatal(err)
	}
	after := time.Now()
	subs, err := s.Subscriptions(ctx, "console", "me")
	if err != nil || len(subs) != 1 {
		t.Fatalf("Subscriptions = %+v, %v", subs, err)
	}
	if c := subs[0].Created; c.Before(before) || c.After(after) {
		t.Errorf("zero Created became %v, want the time of Subscribe (%v..%v)", c, before, after)
	}
	// An update keeps the first Created.
	upd := good
	upd.Created = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := s.Subscribe(ctx, upd); err != nil {
		t.Fatal(err)
	}
	subs2, err := s.Subscriptions(ctx, "console", "")
	if err != nil || len(subs2) != 1 || !subs2[0].Created.Equal(subs[0].Created) {
		t.Errorf("after update Subscriptions = %+v, %v; want Created %v kept", subs2, err, subs[0].Created)
	}
}

func TestFoldName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Martin Ødegaard", "martin odegaard"},
		{"Zlatan Ibrahimović", "zlatan ibrahimovic"},
		{"Jose\u0301 Mourinho", "jose mourinho"},
		{"José Mourinho", "jose mourinho"},
		{"Robert Lewandowski", "robert lewandowski"},
		{"Łukasz Fabiański", "lukasz fabianski"},
		{"Jérôme Boateng", "jerome boateng"},
		{"Mesut Özil", "mesut ozil"},
		{"Thomas Müller", "thomas muller"},
		{"Kai Havertz", "kai havertz"},
		{"Çağlar Söyüncü", "caglar soyuncu"},
		{"Straße", "strasse"},
		{"  Many   Spaces\t", "many spaces"},
		{"Son Heung-min 손흥민", "son heung-min 손흥민"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := foldName(tc.in); got != tc.want {
			t.Errorf("foldName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// checkPlan returns the query plan of query with args, one line a step,
// and reports every step that fullScan matches (a whole-table scan).
func checkPlan(t *testing.T, db *sql.DB, name, query string, args []any, fullScan *regexp.Regexp) string {
	t.Helper()
	rows, err := db.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	all := strings.Join(plan, "\n")
	for _, d := range plan {
		if fullScan.MatchString(d) {
			t.Errorf("%s scans a whole table: %q\nplan:\n%s", name, d, all)
		}
	}
	return all
}

// TestQueryPlans guards the indexes: the hot queries must not scan whole
// tables or sort what an index already orders.
func TestQueryPlans(t *testing.T) {
	s := openTest(t)
	fullScan := regexp.MustCompile(`^SCAN (l|a|links|articles)\b`)
	tests := []struct {
		name   string
		query  string
		args   []any
		uses   string // an index the plan must use
		noSort bool   // the plan must not sort
	}{
		{"PlayerEvidence", sqlPlayerEvidence, []any{"p", "9"}, "PRIMARY KEY (player_id=? AND published_key<?)", true},
		{"ClubEvidence", sqlClubEvidence, []any{"c", "9", 10}, "links_from_club", false},
		{"LatestEvidence", sqlLatestEvidence, []any{"9", 10}, "links_published", true},
		{"FindSimilar", sqlFindSimilar, []any{1, 2, 3, 4}, "articles_band3", false},
		{"Players", sqlPlayers, nil, "sqlite_autoindex_players_1", true},
		{"DeleteArticles", sqlArticlePlayers, []any{"2021-06-01", 1}, "links_published", false},
	}
	for _, tc := range tests {
		all := checkPlan(t, s.r, tc.name, tc.query, tc.args, fullScan)
		if !strings.Contains(all, tc.uses) {
			t.Errorf("%s does not use %s\nplan:\n%s", tc.name, tc.uses, all)
		}
		if tc.noSort && strings.Contains(all, "TEMP B-TREE") {
			t.Errorf("%s sorts\nplan:\n%s", tc.name, all)
		}
	}
}

func TestOutletsRoundTrip(t *testing.T) {
	tests := [][]string{
		nil,
		{"Sky Sports"},
		{"Sky Sports", "L'Équipe", "Fabrizio Romano"},
		{""},
		{"", ""},
		{`say "here we go"`, `back\slash`},
		{`a","b`, "[x]", "c,d"},
		{"<b>&</b>", "tab\there", "line\nbreak"},
		{"🦁", "손흥민", "محمد"},
	}
	for _, in := range tests {
		enc, err := encodeOutlets(in)
		if err != nil {
			t.Fatalf("encodeOutlets(%q): %v", in, err)
		}
		out, err := decodeOutlets(enc)
		if err != nil {
			t.Fatalf("decodeOutlets(%s): %v", enc, err)
		}
		if len(in) == 0 {
			if out != nil {
				t.Errorf("%q: decoded %q, want nil", in, out)
			}
			continue
		}
		if !slices.Equal(out, in) {
			t.Errorf("%q encoded as %s decoded as %q", in, enc, out)
		}
	}
	// Malformed input is an error, not a panic.
	for _, bad := range []string{`[`, `["a"`, `["a",]`, `["a" "b"]`, `{"a":1}`, `["a",1]`} {
		if _, err := decodeOutlets(bad); err == nil {
			t.Errorf("decodeOutlets(%s) succeeded", bad)
		}
	}
}

func TestTwoStoresShareClubsAndPlayers(t *testing.T) {
	// Each Store caches the ids of clubs and players it has seen; rows that
	// another Store (another process) created must be found, not duplicated.
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openAt(t, path), openAt(t, path)
	n := 0
	save := func(s *Store, from string) {
		t.Helper()
		n++
		l := validLink("Shared Player", "Shared FC")
		l.From = from
		if _, err := s.SaveArticle(ctx, testArticle(n, time.Date(2024, 1, n, 0, 0, 0, 0, time.UTC)), []rumours.Link{l}); err != nil {
			t.Fatal(err)
		}
	}
	save(a, "")
	save(b, "Origin FC")
	save(a, "")          // a has the player cached; b changed its row since
	save(b, "Origin FC") // b has both cached
	save(a, "Origin FC") // a sees the club b created
	for name, s := range map[string]*Store{"a": a, "b": b} {
		ps, err := s.Players(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []rumours.PlayerInfo{{Name: "Shared Player", Club: "Origin FC", Links: 5}}
		if !slices.Equal(ps, want) {
			t.Errorf("store %s: Players = %+v, want %+v", name, ps, want)
		}
		var clubs int
		if err := s.r.QueryRow(`SELECT count(*) FROM clubs`).Scan(&clubs); err != nil {
			t.Fatal(err)
		}
		if clubs != 2 {
			t.Errorf("store %s: %d clubs, want 2", name, clubs)
		}
	}
}
