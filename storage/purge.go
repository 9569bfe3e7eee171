package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// CountTextHashes returns how many stored articles have one of the text
// hashes (rumours.TextHash). The bot uses it to find out whether a database
// holds the built-in demo corpus.
func (s *Store) CountTextHashes(ctx context.Context, hashes []string) (int, error) {
	if len(hashes) == 0 {
		return 0, nil
	}
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE text_hash IN (`+placeholders(len(hashes))+`)`,
		anys(hashes)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: count articles by text: %w", err)
	}
	return n, nil
}

// DeleteArticles deletes the stored articles whose text hash is one of
// hashes, with their texts, their links and the alerts they caused (and
// those alerts' deliveries), in one transaction, and returns how many
// articles it deleted. It is for removing a known corpus (the demo) from a
// database, not for everyday use: it scans the alerts and the articles
// once each. Each player that lost links gets his link count and last known
// club recomputed from the links left; players and clubs themselves stay
// (their ids are cached and never reused). An article left in a story whose
// first article was deleted gets the story's oldest remaining article as its
// story. A database without those articles is left as it is.
func (s *Store) DeleteArticles(ctx context.Context, hashes []string) (n int, err error) {
	if len(hashes) == 0 {
		return 0, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: delete articles: %w", err))
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			err = s.failed(fmt.Errorf("storage: delete articles: %w", err))
		}
	}()
	type article struct {
		id  int64
		key string // links.published_key
	}
	var arts []article
	rows, err := tx.QueryContext(ctx, `SELECT id, IFNULL(published, '') FROM articles WHERE text_hash IN (`+placeholders(len(hashes))+`) ORDER BY id`,
		anys(hashes)...)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var a article
		if err := rows.Scan(&a.id, &a.key); err != nil {
			rows.Close()
			return 0, err
		}
		arts = append(arts, a)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	if len(arts) == 0 {
		return 0, tx.Commit()
	}

	players := map[int64]bool{}
	for _, a := range arts {
		ids, err := queryIDs(ctx, tx, sqlArticlePlayers, a.key, a.id)
		if err != nil {
			return 0, fmt.Errorf("links of article %d: %w", a.id, err)
		}
		for _, p := range ids {
			players[p] = true
		}
		if _, err := tx.ExecContext(ctx, sqlDeleteArticleLinks, a.key, a.id); err != nil {
			return 0, fmt.Errorf("links of article %d: %w", a.id, err)
		}
	}
	ids := make([]any, len(arts))
	for i, a := range arts {
		ids[i] = a.id
	}
	in := `(` + placeholders(len(ids)) + `)`
	for _, q := range []string{
		// deliveries go with their alerts (ON DELETE CASCADE)
		`DELETE FROM alerts WHERE article_id IN ` + in,
		`DELETE FROM article_texts WHERE article_id IN ` + in,
		`DELETE FROM articles WHERE id IN ` + in,
		`UPDATE articles SET story = (SELECT min(o.id) FROM articles o WHERE o.story = articles.story) WHERE story IN ` + in,
	} {
		if _, err := tx.ExecContext(ctx, q, ids...); err != nil {
			return 0, err
		}
	}
	for p := range players {
		if _, err := tx.ExecContext(ctx, sqlRecountPlayer, p); err != nil {
			return 0, fmt.Errorf("player %d: %w", p, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return len(arts), nil
}

// An article's links, found by their date key and article id (the
// links_published index): there is no index on links (article_id).
const (
	sqlArticlePlayers     = `SELECT DISTINCT player_id FROM links WHERE published_key = ? AND article_id = ?`
	sqlDeleteArticleLinks = `DELETE FROM links WHERE published_key = ? AND article_id = ?`
)

// sqlRecountPlayer sets a player's link count and last known club (see
// table players) from his links: the club is the from club of his newest
// link that has one, the later stored winning on equal dates, as
// sqlUpsertPlayer decides it link by link.
const sqlRecountPlayer = `
UPDATE players SET
    links = (SELECT count(*) FROM links WHERE player_id = players.id),
    club_id = (SELECT from_club_id FROM links WHERE player_id = players.id AND from_club_id IS NOT NULL
               ORDER BY published_key DESC, article_id DESC, seq DESC LIMIT 1),
    club_date = IFNULL((SELECT published_key FROM links WHERE player_id = players.id AND from_club_id IS NOT NULL
                        ORDER BY published_key DESC, article_id DESC, seq DESC LIMIT 1), '')
WHERE id = ?`

// queryIDs runs a query that returns one integer column.
func queryIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// placeholders returns n comma-separated SQL parameters.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
