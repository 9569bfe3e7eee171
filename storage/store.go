// Package storage is the SQLite implementation of rumours.Store.
//
// A Store keeps one database file in WAL mode and talks to it through two
// connection pools: a single writer connection, so that writes queue inside
// the process instead of fighting over SQLite's lock, and a small pool of
// read-only connections, so that queries never wait for a write. The schema
// lives in embedded migrations (migrations/*.sql) that Open applies in order.
//
// SaveArticle writes an article and its links in one immediate transaction;
// SaveArticles writes a batch, with the alerts the articles cause and their
// deliveries (the outbox, outbox.go), in one.
// The store keeps each player's link count and last known club on the
// player's row, so that Players reads no links, and it caches the ids of the
// clubs and players it has seen, which are never renamed or deleted.
//
// A Store is safe for concurrent use by many goroutines. Several processes may
// open the same file; SQLite's busy timeout then arbitrates the write lock.
// The one process that serves a database (runs its dispatcher) holds its
// instance lock (LockInstance, lock.go); a long-running process also asks
// CheckFile and Fault now and then whether the file is still there and still
// writable, since SQLite alone would not tell it.
package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"

	"transferbot/rumours"
)

// ErrNotDatabase is wrapped by the error Open returns when the file exists but
// is not a transferbot database: not SQLite at all, damaged, or a SQLite
// database that some other program made.
var ErrNotDatabase = errors.New("not a valid transferbot database")

// Options tunes Open. The zero value gives the defaults.
type Options struct {
	// BusyTimeout is how long a statement waits for a lock held by another
	// process before it fails; 0 means 5 seconds.
	BusyTimeout time.Duration
	// ReadConns caps the read-only connection pool; 0 means
	// max(4, GOMAXPROCS).
	ReadConns int
	// MaxPages, when positive, caps the database file at that many pages
	// (of 4 KiB): writes that would grow it further fail as on a full disk.
	// For tests of what a full disk does, and for a hard cap on the file.
	MaxPages int
	// SkipQuickCheck skips PRAGMA quick_check at open. The check reads the
	// whole file (about 2 s for a million links); skip it only where the
	// file was checked recently, as in tools that open the store often.
	SkipQuickCheck bool
}

// Store is a rumours.Store backed by one SQLite file. Create it with Open and
// release it with Close. It is safe for concurrent use.
type Store struct {
	path   string
	opened fs.FileInfo // the database file as Open found it, for CheckFile
	w      *sql.DB     // the single writer connection
	r      *sql.DB     // read-only pool

	clubIDs   *idCache
	playerIDs *idCache

	faultMu sync.Mutex
	fault   error // the first write failure that retrying cannot cure; see Fault

	stmts     []*sql.Stmt // every prepared statement, for Close
	closeOnce sync.Once
	closeErr  error

	// Writer statements, used through tx.StmtContext inside transactions.
	insArticle *sql.Stmt
	insText    *sql.Stmt
	setStory   *sql.Stmt
	selClub    *sql.Stmt
	insClub    *sql.Stmt
	upPlayer   *sql.Stmt
	bumpPlayer *sql.Stmt
	insLink    *sql.Stmt
	insAlert   *sql.Stmt
	fanOut     *sql.Stmt
	markSent   *sql.Stmt
	retryDel   *sql.Stmt
	dropDel    *sql.Stmt
	claimDel   *sql.Stmt
	releaseDel *sql.Stmt

	// Reader statements.
	playerEv  *sql.Stmt
	clubEv    *sql.Stmt
	latestEv  *sql.Stmt
	similar   *sql.Stmt
	players   *sql.Stmt
	countArts *sql.Stmt
	countDel  *sql.Stmt
}

var _ rumours.Store = (*Store)(nil)

// Open opens the transferbot database at path, creating the file if it does
// not exist, checks its integrity and brings its schema up to date. The
// directory must exist. ctx bounds the opening work only, not the Store's
// life. Errors name the path; a file that is not a transferbot database gives
// an error wrapping ErrNotDatabase.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opt Options) (*Store, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = 5 * time.Second
	}
	if opt.ReadConns <= 0 {
		opt.ReadConns = max(4, runtime.GOMAXPROCS(0))
	}
	s := &Store{path: path, clubIDs: newIDCache(100_000), playerIDs: newIDCache(200_000)}
	if err := s.open(ctx, opt); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// checkPath rejects paths that cannot name a database file, with an error
// that says why, before SQLite gives its terse "unable to open database file".
func checkPath(path string) error {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return fmt.Errorf("storage: open %q: need the path of a database file", path)
	}
	fi, err := os.Stat(path)
	if err == nil {
		if fi.IsDir() {
			return fmt.Errorf("storage: open %s: is a directory, not a database file", path)
		}
		return nil
	}
	dir := filepath.Dir(path)
	di, derr := os.Stat(dir)
	switch {
	case derr == nil && di.IsDir():
		if errors.Is(err, fs.ErrNotExist) {
			return nil // Open creates it
		}
		return fmt.Errorf("storage: open %s: %w", path, err)
	case derr == nil:
		return fmt.Errorf("storage: open %s: cannot create the database: %s is not a directory", path, dir)
	case errors.Is(derr, fs.ErrNotExist):
		return fmt.Errorf("storage: open %s: cannot create the database: directory %s does not exist", path, dir)
	default:
		return fmt.Errorf("storage: open %s: cannot create the database: %w", path, derr)
	}
}

// dsn builds the SQLite URI for path. The writer gets immediate transactions
// (a transaction that will write takes the lock at BEGIN, so it never fails
// half-way on a lock upgrade) and NORMAL synchronous, which in WAL mode (set
// by writerPragmas) survives a process crash and may lose only the last
// commits on power loss. Readers open the file read-only.
func dsn(path string, write bool, busy time.Duration) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("storage: open %s: %w", path, err)
	}
	u := url.URL{Path: filepath.ToSlash(abs)}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busy.Milliseconds()))
	q.Set("_foreign_keys", "1")
	if write {
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", "immediate")
		q.Set("_cache_size", "-16000") // KiB
	} else {
		q.Set("mode", "ro")
		q.Set("_query_only", "1")
		q.Set("_cache_size", "-8000") // KiB, per connection
	}
	return "file:" + u.EscapedPath() + "?" + q.Encode(), nil
}

// connector opens SQLite connections for database/sql without registering a
// driver name globally, and runs pragmas on each new connection.
type connector struct {
	dsn     string
	pragmas []string
	drv     *sqlite3.SQLiteDriver
}

func newConnector(dsn string, pragmas ...string) connector {
	c := connector{dsn: dsn, pragmas: pragmas}
	c.drv = &sqlite3.SQLiteDriver{ConnectHook: func(conn *sqlite3.SQLiteConn) error {
		for _, p := range c.pragmas {
			if _, err := conn.Exec("PRAGMA "+p, nil); err != nil {
				return fmt.Errorf("PRAGMA %s: %w", p, err)
			}
		}
		return nil
	}}
	return c
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.drv }

func (s *Store) open(ctx context.Context, opt Options) error {
	wdsn, err := dsn(s.path, true, opt.BusyTimeout)
	if err != nil {
		return err
	}
	pragmas := writerPragmas()
	if opt.MaxPages > 0 {
		pragmas = append(pragmas, fmt.Sprintf("max_page_count = %d", opt.MaxPages))
	}
	s.w = sql.OpenDB(newConnector(wdsn, pragmas...))
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	s.w.SetConnMaxIdleTime(0)
	if err := s.w.PingContext(ctx); err != nil {
		return s.openError(err)
	}
	if s.opened, err = os.Stat(s.path); err != nil {
		return fmt.Errorf("storage: open %s: %w", s.path, err)
	}
	if !opt.SkipQuickCheck {
		if err := s.quickCheck(ctx); err != nil {
			return err
		}
	}
	if err := migrate(ctx, s.w); err != nil {
		return s.openError(err)
	}
	if err := s.checkWritable(ctx); err != nil {
		return s.openError(err)
	}

	rdsn, err := dsn(s.path, false, opt.BusyTimeout)
	if err != nil {
		return err
	}
	s.r = sql.OpenDB(newConnector(rdsn, readerPragmas()...))
	s.r.SetMaxOpenConns(opt.ReadConns)
	s.r.SetMaxIdleConns(opt.ReadConns)
	if err := s.r.PingContext(ctx); err != nil {
		return s.openError(err)
	}
	if err := s.prepare(ctx); err != nil {
		return s.openError(err)
	}
	if err := s.clubIDs.load(ctx, s.r, `SELECT name, id FROM clubs ORDER BY id LIMIT ?`); err != nil {
		return s.openError(err)
	}
	if err := s.playerIDs.load(ctx, s.r, `SELECT name, id FROM players ORDER BY id LIMIT ?`); err != nil {
		return s.openError(err)
	}
	return nil
}

// writerPragmas set up the writer connection, in order: the page size
// (which only a new, empty file takes), WAL mode, reads through a memory map,
// and a checkpoint when the WAL passes 10,000 pages (40 MB) rather than
// SQLite's 1,000: a checkpoint writes its pages back at random places in the
// file and syncs it, which in a large store costs more than the commits, and
// pages changed again and again between checkpoints are written back once.
// After a checkpoint the WAL file is cut back to 64 MB.
func writerPragmas() []string {
	return []string{"page_size = 4096", "journal_mode = WAL", mmapPragma,
		"wal_autocheckpoint = 10000", "journal_size_limit = 67108864"}
}

// readerPragmas set up the read-only connections.
func readerPragmas() []string { return []string{mmapPragma} }

// mmapPragma keeps SQLite from reading the file through a memory map: pages
// read through a map count in the process's resident memory (a quick_check
// of a 250 MB database took the bot to 376 MB), while reads through SQLite's
// bounded page cache and the OS cache cost the same here (BENCHMARKS.md).
const mmapPragma = "mmap_size = 0"

// openError turns an error met while opening into one that names the path and
// says what is wrong in words a user can act on.
func (s *Store) openError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("storage: open %s: %w", s.path, err)
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return fmt.Errorf("storage: open %s: %w: %w", s.path, ErrNotDatabase, err)
		case sqlite3.ErrCantOpen, sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrAuth:
			// SQLite's message often has a stale errno ("unable to open
			// database file: no such file or directory" on a read-only
			// file system); say what is wrong when the OS can tell.
			if why := diagnoseUnwritable(s.path); why != "" {
				return fmt.Errorf("storage: open %s: %s: %w", s.path, why, err)
			}
			if se.Code == sqlite3.ErrCantOpen {
				return fmt.Errorf("storage: open %s: cannot open the database file (does the directory exist and is it writable?): %w", s.path, err)
			}
			return fmt.Errorf("storage: open %s: the database file or its directory is not writable: %w", s.path, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("storage: open %s: the database is locked by another process: %w", s.path, err)
		}
	}
	return fmt.Errorf("storage: open %s: %w", s.path, err)
}

// CheckFile reports an error wrapping ErrFileGone when the store's path no
// longer names the file the store opened: it was deleted, renamed or
// replaced. SQLite goes on writing to the file it has open, so nothing
// fails, but every later write is lost. A long-running process calls it
// now and then and stops when it fails.
func (s *Store) CheckFile() error {
	if err := sameAs(s.opened, s.path); err != nil {
		return fmt.Errorf("storage: %w: %w", ErrFileGone, err)
	}
	return nil
}

// ErrUnwritable is wrapped by the error Fault returns: a write failed in a
// way that retrying will not cure, such as a full disk.
var ErrUnwritable = errors.New("the database can no longer be written")

// Fault returns an error wrapping ErrUnwritable when a write has failed in
// a way that retrying will not cure: the disk is full (SQLite's "database
// or disk is full"), the file or its file system became read-only, an I/O
// error, damage. The write's caller got the error too; a long-running
// process calls Fault now and then and stops when it is not nil, rather
// than go on failing to record what it does. It returns nil otherwise.
func (s *Store) Fault() error {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	if s.fault == nil {
		return nil
	}
	return fmt.Errorf("storage: %s: %w: %w", s.path, ErrUnwritable, s.fault)
}

// failed records err as the store's fault (see Fault) when it is one that
// retrying will not cure, and returns err. Each method that writes passes
// its errors through it.
func (s *Store) failed(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrFull, sqlite3.ErrIoErr, sqlite3.ErrReadonly, sqlite3.ErrCorrupt, sqlite3.ErrNotADB, sqlite3.ErrCantOpen:
		s.faultMu.Lock()
		if s.fault == nil {
			s.fault = err
		}
		s.faultMu.Unlock()
	}
	return err
}

// checkWritable takes the write lock and lets it go, to find out at Open, not
// at the first save, that SQLite opened the file read-only.
func (s *Store) checkWritable(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// A write that changes nothing still needs a writable file.
	_, err = tx.ExecContext(ctx, `UPDATE schema_migrations SET name = name WHERE version = -1`)
	return err
}

// quickCheck runs PRAGMA quick_check, which reads the whole file and catches
// most damage in time linear in the file size.
func (s *Store) quickCheck(ctx context.Context) error {
	rows, err := s.w.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return s.openError(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return s.openError(err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	if err := rows.Err(); err != nil {
		return s.openError(err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("storage: open %s: %w: integrity check failed: %s", s.path, ErrNotDatabase, strings.Join(problems, "; "))
	}
	return nil
}

// idCache remembers the ids of committed clubs or players by name, to spare
// SaveArticle a query for each; Open fills it. Those rows are never renamed or deleted, so
// an entry never goes stale, even with other processes writing. It holds at
// most max entries (names past that are looked up each time). It is safe for
// concurrent use.
type idCache struct {
	mu  sync.RWMutex
	ids map[string]int64
	max int
}

func newIDCache(max int) *idCache { return &idCache{ids: make(map[string]int64), max: max} }

func (c *idCache) get(name string) (int64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	id, ok := c.ids[name]
	return id, ok
}

// load fills the cache with the (name, id) rows of query, which takes the
// number of rows wanted.
func (c *idCache) load(ctx context.Context, db *sql.DB, query string) error {
	rows, err := db.QueryContext(ctx, query, c.max)
	if err != nil {
		return fmt.Errorf("load ids: %w", err)
	}
	defer rows.Close()
	ids := make(map[string]int64)
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			return fmt.Errorf("load ids: %w", err)
		}
		ids[name] = id
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load ids: %w", err)
	}
	c.add(ids)
	return nil
}

// add remembers committed ids.
func (c *idCache) add(ids map[string]int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for name, id := range ids {
		if len(c.ids) >= c.max {
			return
		}
		c.ids[name] = id
	}
}

// remember adds the ids a committed transaction used to the caches.
func (s *Store) remember(ids *txIDs) {
	if ids != nil {
		s.clubIDs.add(ids.clubs)
		s.playerIDs.add(ids.players)
	}
}

// prepare prepares the statements the methods use: the writer's on the
// writer connection, the others on the read-only pool.
func (s *Store) prepare(ctx context.Context) error {
	stmts := []struct {
		name  string
		db    *sql.DB
		dst   **sql.Stmt
		query string
	}{
		{"insert article", s.w, &s.insArticle, sqlInsertArticle},
		{"insert text", s.w, &s.insText, sqlInsertText},
		{"set story", s.w, &s.setStory, sqlSetStory},
		{"select club", s.w, &s.selClub, sqlSelectClub},
		{"insert club", s.w, &s.insClub, sqlInsertClub},
		{"upsert player", s.w, &s.upPlayer, sqlUpsertPlayer},
		{"bump player", s.w, &s.bumpPlayer, sqlBumpPlayer},
		{"insert link", s.w, &s.insLink, sqlInsertLink},
		{"insert alert", s.w, &s.insAlert, sqlInsertAlert},
		{"fan out alert", s.w, &s.fanOut, sqlFanOut},
		{"mark sent", s.w, &s.markSent, sqlMarkSent},
		{"retry delivery", s.w, &s.retryDel, sqlRetryDelivery},
		{"drop delivery", s.w, &s.dropDel, sqlDropDelivery},
		{"claim delivery", s.w, &s.claimDel, sqlClaimDelivery},
		{"release delivery", s.w, &s.releaseDel, sqlReleaseDelivery},
		{"player evidence", s.r, &s.playerEv, sqlPlayerEvidence},
		{"club evidence", s.r, &s.clubEv, sqlClubEvidence},
		{"latest evidence", s.r, &s.latestEv, sqlLatestEvidence},
		{"find similar", s.r, &s.similar, sqlFindSimilar},
		{"players", s.r, &s.players, sqlPlayers},
		{"count articles", s.r, &s.countArts, sqlCountArticles},
		{"count deliveries", s.r, &s.countDel, sqlCountDeliveries},
	}
	for _, p := range stmts {
		st, err := p.db.PrepareContext(ctx, p.query)
		if err != nil {
			return fmt.Errorf("prepare %s: %w", p.name, err)
		}
		s.stmts = append(s.stmts, st)
		*p.dst = st
	}
	return nil
}

// Close closes the statements and both connection pools. It waits for running
// queries to finish. Calling it again returns the first call's result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		for _, st := range s.stmts {
			errs = append(errs, st.Close())
		}
		// Readers first, so that the writer's close is the last connection
		// and checkpoints the WAL into the main file.
		if s.r != nil {
			errs = append(errs, s.r.Close())
		}
		if s.w != nil {
			errs = append(errs, s.w.Close())
		}
		if err := errors.Join(errs...); err != nil {
			s.closeErr = fmt.Errorf("storage: close %s: %w", s.path, err)
		}
	})
	return s.closeErr
}
