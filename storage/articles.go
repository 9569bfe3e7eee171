package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"transferbot/rumours"
)

// dateLayout is how dates are stored: ISO text.
const dateLayout = "2006-01-02"

// noLimitKey is a date key above every stored date, for a zero asOf.
const noLimitKey = "9999-99-99"

const (
	// sqlInsertArticle inserts an article unless one with the same URL,
	// GUID or text hash exists, in which case it changes no row.
	sqlInsertArticle = `
INSERT INTO articles (name, url, guid, title, outlet, published, text_hash, simhash,
                      band0, band1, band2, band3, story, ingested_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING`

	sqlInsertText = `INSERT INTO article_texts (article_id, text) VALUES (?, ?)`

	sqlSetStory = `UPDATE articles SET story = id WHERE id = ?`

	sqlSelectClub = `SELECT id FROM clubs WHERE name = ?`
	sqlInsertClub = `INSERT INTO clubs (name) VALUES (?) ON CONFLICT (name) DO NOTHING`

	// sqlUpsertPlayer adds a player or counts one more link for it, and
	// remembers the link's from club (?3, may be NULL) when the link (date
	// key ?4) is at least as new as the one that set the current club: on
	// equal dates the new one wins, since it is stored later.
	sqlUpsertPlayer = `
INSERT INTO players (name, key, links, club_id, club_date)
VALUES (?1, ?2, 1, ?3, CASE WHEN ?3 IS NULL THEN '' ELSE ?4 END)
ON CONFLICT (name) DO UPDATE SET
    links = links + 1,
    club_id = CASE WHEN excluded.club_id IS NOT NULL AND excluded.club_date >= club_date
                   THEN excluded.club_id ELSE club_id END,
    club_date = CASE WHEN excluded.club_id IS NOT NULL AND excluded.club_date >= club_date
                     THEN excluded.club_date ELSE club_date END
RETURNING id`

	// sqlBumpPlayer is sqlUpsertPlayer for a player known by id (?1).
	sqlBumpPlayer = `
UPDATE players SET
    links = links + 1,
    club_id = CASE WHEN ?2 IS NOT NULL AND ?3 >= club_date THEN ?2 ELSE club_id END,
    club_date = CASE WHEN ?2 IS NOT NULL AND ?3 >= club_date THEN ?3 ELSE club_date END
WHERE id = ?1`

	sqlInsertLink = `
INSERT INTO links (player_id, published_key, article_id, seq, to_club_id, from_club_id,
                   stage, outlets, is_primary, confidence, quote)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

	// evidenceColumns and evidenceJoins select what queryEvidence reads,
	// for links aliased l; the player's name comes first unless the query
	// is for one player.
	evidenceColumns = `
    t.name, IFNULL(f.name, ''), l.stage, l.outlets, l.is_primary,
    l.confidence, l.quote, a.id, IFNULL(a.url, ''), a.outlet, l.published_key, a.story`
	evidenceJoins = `
JOIN clubs t ON t.id = l.to_club_id
LEFT JOIN clubs f ON f.id = l.from_club_id
JOIN articles a ON a.id = l.article_id`
	playerColumn = `
    p.name,`
	playerJoin = `
JOIN players p ON p.id = l.player_id`

	// sqlPlayerEvidence reads one contiguous range of links, oldest first.
	sqlPlayerEvidence = `
SELECT` + evidenceColumns + `
FROM links l` + evidenceJoins + `
WHERE l.player_id = (SELECT id FROM players WHERE name = ?1)
  AND l.published_key <= ?2
ORDER BY l.published_key, l.article_id, l.seq`

	// sqlClubEvidence merges the newest links to the club with the newest
	// links from it (counting a link to and from the club once), then joins
	// the few it keeps.
	sqlClubEvidence = `
WITH c (id) AS (SELECT id FROM clubs WHERE name = ?1),
hit (player_id, k, article_id, seq) AS (
    SELECT l.player_id, l.published_key, l.article_id, l.seq FROM c, links l
    WHERE l.to_club_id = c.id AND l.published_key <= ?2
    UNION ALL
    SELECT l.player_id, l.published_key, l.article_id, l.seq FROM c, links l
    WHERE l.from_club_id = c.id AND l.to_club_id <> c.id AND l.published_key <= ?2
    ORDER BY 2 DESC, 3 DESC, 4 DESC
    LIMIT ?3
)
SELECT` + playerColumn + evidenceColumns + `
FROM hit JOIN links l ON l.player_id = hit.player_id AND l.published_key = hit.k
    AND l.article_id = hit.article_id AND l.seq = hit.seq` + playerJoin + evidenceJoins + `
ORDER BY hit.k DESC, hit.article_id DESC, hit.seq DESC`

	sqlLatestEvidence = `
SELECT` + playerColumn + evidenceColumns + `
FROM links l INDEXED BY links_published` + playerJoin + evidenceJoins + `
WHERE l.published_key <= ?1
ORDER BY l.published_key DESC, l.article_id DESC, l.seq DESC
LIMIT ?2`

	sqlFindSimilar = `
SELECT id, story, simhash FROM articles
WHERE band0 = ?1 OR band1 = ?2 OR band2 = ?3 OR band3 = ?4
ORDER BY id`

	sqlPlayers = `
SELECT p.name, IFNULL(c.name, ''), p.links
FROM players p LEFT JOIN clubs c ON c.id = p.club_id
WHERE p.links > 0
ORDER BY p.name`

	sqlCountArticles = `SELECT count(*) FROM articles`
)

// SaveArticle stores a and its links in one transaction and returns the
// article's id; see rumours.Store. It returns an error wrapping
// rumours.ErrDuplicate, storing nothing, when an article with the same URL,
// GUID or TextHash is stored. a.TextHash must not be empty; each link needs
// a player, a destination club, a valid stage and a confidence in 0..1. Any
// error rolls the whole article back. A zero a.Story starts a new story
// whose id is the article's.
func (s *Store) SaveArticle(ctx context.Context, a rumours.StoredArticle, links []rumours.Link) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, s.failed(fmt.Errorf("storage: save article %q: %w", a.ID, err))
	}
	if a.TextHash == "" {
		return 0, fmt.Errorf("storage: save article %q: empty text hash", a.ID)
	}
	if a.Story < 0 {
		return 0, fmt.Errorf("storage: save article %q: negative story id %d", a.ID, a.Story)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: save article %q: begin: %w", a.ID, err))
	}
	defer tx.Rollback() // no-op after Commit
	// The statements run without ctx's cancellation, which would cost the
	// driver a goroutine each: they are short, and database/sql rolls the
	// transaction, begun with ctx, back when ctx ends.
	id, ids, err := s.saveArticle(context.WithoutCancel(ctx), tx, a, links)
	if err == nil {
		if err = tx.Commit(); err != nil {
			err = fmt.Errorf("commit: %w", err)
		}
	}
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		}
		return 0, s.failed(fmt.Errorf("storage: save article %q: %w", a.ID, err))
	}
	s.remember(ids)
	return id, nil
}

// SaveArticles implements rumours.Store: one transaction for the batch, a
// savepoint for each article, one commit (and one WAL sync) for all. Each
// stored article's alerts go to the outbox under its savepoint (see
// saveAlerts); an invalid alert fails its article like an invalid link.
func (s *Store) SaveArticles(ctx context.Context, batch []rumours.NewArticle) ([]int64, []error) {
	ids := make([]int64, len(batch))
	errs := make([]error, len(batch))
	fail := func(err error) ([]int64, []error) {
		err = s.failed(err)
		for i := range errs {
			ids[i], errs[i] = 0, err
		}
		return ids, errs
	}
	if len(batch) == 0 {
		return ids, errs
	}
	if err := ctx.Err(); err != nil {
		return fail(fmt.Errorf("storage: save %d articles: %w", len(batch), err))
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fail(fmt.Errorf("storage: save %d articles: begin: %w", len(batch), err))
	}
	defer tx.Rollback() // no-op after Commit
	wctx := context.WithoutCancel(ctx)
	var used []*txIDs
	for i, b := range batch {
		a := b.Article
		switch {
		case a.TextHash == "":
			errs[i] = fmt.Errorf("storage: save article %q: empty text hash", a.ID)
			continue
		case a.Story < 0:
			errs[i] = fmt.Errorf("storage: save article %q: negative story id %d", a.ID, a.Story)
			continue
		}
		if _, err := tx.ExecContext(wctx, "SAVEPOINT article"); err != nil {
			return fail(fmt.Errorf("storage: save article %q: savepoint: %w", a.ID, err))
		}
		id, txids, err := s.saveArticle(wctx, tx, a, b.Links)
		if err == nil {
			err = s.saveAlerts(wctx, tx, id, b.Alerts)
		}
		if err != nil {
			if _, rerr := tx.ExecContext(wctx, "ROLLBACK TO article; RELEASE article"); rerr != nil {
				return fail(fmt.Errorf("storage: save article %q: roll back: %w", a.ID, rerr))
			}
			if !errors.Is(err, rumours.ErrDuplicate) {
				err = s.failed(fmt.Errorf("storage: save article %q: %w", a.ID, err))
			}
			errs[i] = err
			continue
		}
		if _, err := tx.ExecContext(wctx, "RELEASE article"); err != nil {
			return fail(fmt.Errorf("storage: save article %q: release: %w", a.ID, err))
		}
		ids[i] = id
		used = append(used, txids)
	}
	if err := ctx.Err(); err != nil {
		return fail(fmt.Errorf("storage: save %d articles: %w", len(batch), err))
	}
	if err := tx.Commit(); err != nil {
		return fail(fmt.Errorf("storage: save %d articles: commit: %w", len(batch), err))
	}
	for _, u := range used {
		s.remember(u)
	}
	return ids, errs
}

// saveArticle does SaveArticle's work inside tx. It returns the article's id
// and the ids of the clubs and players its links name, for the Store's caches
// once tx is committed.
func (s *Store) saveArticle(ctx context.Context, tx *sql.Tx, a rumours.StoredArticle, links []rumours.Link) (int64, *txIDs, error) {
	var url, guid, published any
	if a.URL != "" {
		url = a.URL
	}
	if a.GUID != "" {
		guid = a.GUID
	}
	key := dateKey(a.Published)
	if key != "" {
		published = key
	}
	h := a.Simhash
	res, err := tx.StmtContext(ctx, s.insArticle).ExecContext(ctx,
		a.ID, url, guid, a.Title, a.Outlet, published, a.TextHash, int64(h),
		int64(h&0xffff), int64(h>>16&0xffff), int64(h>>32&0xffff), int64(h>>48),
		a.Story, time.Now().UTC().Format(time.RFC3339Nano))
	var n, id int64
	if err == nil {
		if n, err = res.RowsAffected(); err == nil && n == 1 {
			id, err = res.LastInsertId()
		}
	}
	switch {
	case isUnique(err) || (err == nil && n == 0):
		return 0, nil, rumours.ErrDuplicate
	case err != nil:
		return 0, nil, fmt.Errorf("insert: %w", err)
	}
	if _, err := tx.StmtContext(ctx, s.insText).ExecContext(ctx, id, a.Text); err != nil {
		return 0, nil, fmt.Errorf("insert text: %w", err)
	}
	if a.Story == 0 {
		if _, err := tx.StmtContext(ctx, s.setStory).ExecContext(ctx, id); err != nil {
			return 0, nil, fmt.Errorf("set story: %w", err)
		}
	}
	if len(links) == 0 {
		return id, nil, nil
	}

	ids := &txIDs{clubs: make(map[string]int64, 2*len(links)), players: make(map[string]int64, len(links))}
	insLink := tx.StmtContext(ctx, s.insLink)
	for i, l := range links {
		if err := checkLink(l); err != nil {
			return 0, nil, fmt.Errorf("link %d (%q -> %q): %w", i, l.Player, l.To, err)
		}
		to, err := s.clubID(ctx, tx, ids, l.To)
		if err != nil {
			return 0, nil, fmt.Errorf("link %d: %w", i, err)
		}
		var from any
		if l.From != "" {
			f, err := s.clubID(ctx, tx, ids, l.From)
			if err != nil {
				return 0, nil, fmt.Errorf("link %d: %w", i, err)
			}
			from = f
		}
		player, err := s.countLink(ctx, tx, ids, l.Player, from, key)
		if err != nil {
			return 0, nil, fmt.Errorf("link %d: player %q: %w", i, l.Player, err)
		}
		outlets, err := encodeOutlets(l.Outlets)
		if err != nil {
			return 0, nil, fmt.Errorf("link %d: %w", i, err)
		}
		_, err = insLink.ExecContext(ctx, player, key, id, i, to, from,
			l.Stage.String(), outlets, l.Primary, l.Confidence, l.Quote)
		if err != nil {
			return 0, nil, fmt.Errorf("link %d (%q -> %q): %w", i, l.Player, l.To, err)
		}
	}
	return id, ids, nil
}

// txIDs are the ids of the clubs and players a transaction used, by name: the
// Store's caches learn them once the transaction commits.
type txIDs struct {
	clubs, players map[string]int64
}

// clubID returns the id of the club called name, creating the club if need
// be. It asks the database only about clubs new to the process, and then
// with statements that return no rows where it can: database/sql runs a
// goroutine for each query that returns rows inside a transaction.
func (s *Store) clubID(ctx context.Context, tx *sql.Tx, ids *txIDs, name string) (int64, error) {
	if id, ok := ids.clubs[name]; ok {
		return id, nil
	}
	id, ok := s.clubIDs.get(name)
	if !ok {
		res, err := tx.StmtContext(ctx, s.insClub).ExecContext(ctx, name)
		var n int64
		if err == nil {
			if n, err = res.RowsAffected(); err == nil && n == 1 {
				id, err = res.LastInsertId()
			}
		}
		if err == nil && n == 0 { // it exists
			err = tx.StmtContext(ctx, s.selClub).QueryRowContext(ctx, name).Scan(&id)
		}
		if err != nil {
			return 0, fmt.Errorf("club %q: %w", name, err)
		}
	}
	ids.clubs[name] = id
	return id, nil
}

// countLink counts one more link for the player called name, creating the
// player if need be, and returns its id. from is the link's from club id or
// nil, key its date key; see sqlUpsertPlayer.
func (s *Store) countLink(ctx context.Context, tx *sql.Tx, ids *txIDs, name string, from any, key string) (int64, error) {
	id, ok := ids.players[name]
	if !ok {
		id, ok = s.playerIDs.get(name)
	}
	if ok {
		res, err := tx.StmtContext(ctx, s.bumpPlayer).ExecContext(ctx, id, from, key)
		var n int64
		if err == nil {
			n, err = res.RowsAffected()
		}
		if err == nil && n != 1 {
			err = fmt.Errorf("player id %d is gone", id)
		}
		if err != nil {
			return 0, err
		}
	} else if err := tx.StmtContext(ctx, s.upPlayer).QueryRowContext(ctx, name, foldName(name), from, key).Scan(&id); err != nil {
		return 0, err
	}
	ids.players[name] = id
	return id, nil
}

// checkLink reports what makes l unstorable.
func checkLink(l rumours.Link) error {
	switch {
	case l.Player == "":
		return errors.New("empty player")
	case l.To == "":
		return errors.New("empty destination club")
	case !l.Stage.Valid():
		return fmt.Errorf("invalid stage %s", l.Stage)
	case !(l.Confidence >= 0 && l.Confidence <= 1): // also catches NaN
		return fmt.Errorf("confidence %v outside 0..1", l.Confidence)
	}
	return nil
}

// isUnique reports whether err is a UNIQUE constraint failure.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// dateKey is the stored form of a date: YYYY-MM-DD, or "" for the zero time.
func dateKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// asOfKey is the date key bound for asOf: every link whose key is at most it
// qualifies. Undated links have key "" and always qualify.
func asOfKey(asOf time.Time) string {
	if asOf.IsZero() {
		return noLimitKey
	}
	return asOf.Format(dateLayout)
}

func encodeOutlets(outlets []string) (string, error) {
	if len(outlets) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(outlets)
	if err != nil {
		return "", fmt.Errorf("outlets: %w", err)
	}
	return string(b), nil
}

// decodeOutlets reads a JSON array of strings; an empty array gives nil.
// Arrays as encodeOutlets writes them, without escapes, take a fast path.
func decodeOutlets(s string) ([]string, error) {
	if s == "[]" || s == "" {
		return nil, nil
	}
	if out, ok := splitPlainJSONStrings(s); ok {
		return out, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("outlets %q: %w", s, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// splitPlainJSONStrings parses a JSON array of strings that contain no
// backslash escapes and no white space between tokens, such as ["a","b"]. It
// reports false for anything else.
func splitPlainJSONStrings(s string) ([]string, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || strings.IndexByte(s, '\\') >= 0 {
		return nil, false
	}
	body := s[1 : len(s)-1]
	out := make([]string, 0, strings.Count(body, `","`)+1)
	for {
		if len(body) < 2 || body[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(body[1:], '"') + 1
		if end == 0 {
			return nil, false
		}
		out = append(out, body[1:end])
		body = body[end+1:]
		if body == "" {
			return out, true
		}
		if body[0] != ',' {
			return nil, false
		}
		body = body[1:]
	}
}

// parseStage reads a stage name as stored; "unknown" is StageUnknown.
func parseStage(name string) (rumours.Stage, error) {
	for _, st := range rumours.Stages() {
		if st.String() == name {
			return st, nil
		}
	}
	if name == rumours.StageUnknown.String() {
		return rumours.StageUnknown, nil
	}
	return rumours.StageUnknown, fmt.Errorf("unknown stage %q", name)
}

// parseDateKey reads a stored date key; "" is the zero time.
func parseDateKey(k string) (time.Time, error) {
	if k == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, k)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: %w", k, err)
	}
	return t, nil
}

// PlayerEvidence returns every stored link for player (exact canonical name)
// from articles published on or before asOf, and from undated articles,
// oldest first; a zero asOf means no limit. An unknown player gives no
// evidence and no error. Published is midnight UTC of the stored date.
func (s *Store) PlayerEvidence(ctx context.Context, player string, asOf time.Time) ([]rumours.Evidence, error) {
	ev, err := s.queryEvidence(ctx, s.playerEv, player, player, asOfKey(asOf))
	if err != nil {
		return nil, fmt.Errorf("storage: player evidence %q: %w", player, err)
	}
	return ev, nil
}

// ClubEvidence returns links to or from club (exact canonical name) dated on
// or before asOf or undated, newest first (undated last), at most limit; a
// limit of 0 or less means no limit and a zero asOf means no date bound.
func (s *Store) ClubEvidence(ctx context.Context, club string, asOf time.Time, limit int) ([]rumours.Evidence, error) {
	ev, err := s.queryEvidence(ctx, s.clubEv, "", club, asOfKey(asOf), sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("storage: club evidence %q: %w", club, err)
	}
	return ev, nil
}

// LatestEvidence returns the newest links dated on or before asOf or undated,
// newest first (by date, then by order of storing; undated last), at most
// limit; a limit of 0 or less means no limit and a zero asOf no date bound.
func (s *Store) LatestEvidence(ctx context.Context, asOf time.Time, limit int) ([]rumours.Evidence, error) {
	ev, err := s.queryEvidence(ctx, s.latestEv, "", asOfKey(asOf), sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("storage: latest evidence: %w", err)
	}
	return ev, nil
}

// sqlLimit maps "0 or less means no limit" onto SQLite's LIMIT -1.
func sqlLimit(limit int) int {
	if limit <= 0 {
		return -1
	}
	return limit
}

// queryEvidence runs st, an evidence query, with args. When player is not
// empty, the query is for that player and does not select the name.
func (s *Store) queryEvidence(ctx context.Context, st *sql.Stmt, player string, args ...any) ([]rumours.Evidence, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		out               []rumours.Evidence
		e                 rumours.Evidence
		stage, outlets, k string
	)
	dest := []any{&e.To, &e.From, &stage, &outlets, &e.Primary,
		&e.Confidence, &e.Quote, &e.ArticleID, &e.ArticleURL, &e.Publisher, &k, &e.Story}
	if player == "" {
		dest = append([]any{&e.Player}, dest...)
	}
	for rows.Next() {
		e = rumours.Evidence{}
		e.Player = player
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if e.Stage, err = parseStage(stage); err != nil {
			return nil, err
		}
		if e.Outlets, err = decodeOutlets(outlets); err != nil {
			return nil, err
		}
		if e.Published, err = parseDateKey(k); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// FindSimilar returns the stored articles whose simhash shares at least one
// of its four 16-bit bands with simhash, in storing order.
func (s *Store) FindSimilar(ctx context.Context, simhash uint64) ([]rumours.ArticleRef, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("storage: find similar: %w", err)
	}
	h := simhash
	rows, err := s.similar.QueryContext(ctx,
		int64(h&0xffff), int64(h>>16&0xffff), int64(h>>32&0xffff), int64(h>>48))
	if err != nil {
		return nil, fmt.Errorf("storage: find similar: %w", err)
	}
	defer rows.Close()
	var out []rumours.ArticleRef
	for rows.Next() {
		var r rumours.ArticleRef
		var sh int64
		if err := rows.Scan(&r.ID, &r.Story, &sh); err != nil {
			return nil, fmt.Errorf("storage: find similar: %w", err)
		}
		r.Simhash = uint64(sh)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: find similar: %w", err)
	}
	return out, nil
}

// Players lists every player with at least one stored link, by name, with
// the number of links and the last known club: the from club of the newest
// link (by date, then order of storing; undated oldest) that names one.
func (s *Store) Players(ctx context.Context) ([]rumours.PlayerInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("storage: players: %w", err)
	}
	rows, err := s.players.QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("storage: players: %w", err)
	}
	defer rows.Close()
	var out []rumours.PlayerInfo
	for rows.Next() {
		var p rumours.PlayerInfo
		if err := rows.Scan(&p.Name, &p.Club, &p.Links); err != nil {
			return nil, fmt.Errorf("storage: players: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: players: %w", err)
	}
	return out, nil
}

// CountArticles returns how many articles are stored.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("storage: count articles: %w", err)
	}
	var n int
	if err := s.countArts.QueryRowContext(ctx).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: count articles: %w", err)
	}
	return n, nil
}
