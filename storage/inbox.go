package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// InboxUpdate is an update a chat platform sent the bot: its id, unique and
// increasing per source (Telegram's update_id), and its body as received.
type InboxUpdate struct {
	ID   int64
	Body []byte
}

// QueueUpdates stores the updates of source not stored before, durably, in
// one transaction, and returns the ids of those it stored: an id already
// stored, answered or not, was received before and is left as it is.
func (s *Store) QueueUpdates(ctx context.Context, source string, ups []InboxUpdate) (fresh []int64, err error) {
	if len(ups) == 0 {
		return nil, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.failed(fmt.Errorf("storage: queue %s updates: %w", source, err))
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	stmt, err := tx.PrepareContext(ctx, `
		INSERT INTO inbox (source, update_id, body, received) VALUES (?, ?, ?, ?)
		ON CONFLICT (source, update_id) DO NOTHING`)
	if err != nil {
		return nil, s.failed(fmt.Errorf("storage: queue %s updates: %w", source, err))
	}
	defer stmt.Close()
	now := outboxTime(time.Now())
	for _, u := range ups {
		res, err := stmt.ExecContext(ctx, source, u.ID, u.Body, now)
		var n int64
		if err == nil {
			n, err = res.RowsAffected()
		}
		if err != nil {
			return nil, s.failed(fmt.Errorf("storage: queue %s update %d: %w", source, u.ID, err))
		}
		if n == 1 {
			fresh = append(fresh, u.ID)
		}
	}
	if err = tx.Commit(); err != nil {
		return nil, s.failed(fmt.Errorf("storage: queue %s updates: %w", source, err))
	}
	return fresh, nil
}

// AnswerUpdates marks updates of source answered, in one transaction, and
// drops their bodies. Ids not stored are ignored.
func (s *Store) AnswerUpdates(ctx context.Context, source string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	const chunk = 500 // well below SQLite's limit on parameters
	tx, err := s.w.BeginTx(ctx, nil)
	if err == nil {
		now := outboxTime(time.Now())
		for len(ids) > 0 && err == nil {
			n := min(chunk, len(ids))
			args := []any{now, source}
			for _, id := range ids[:n] {
				args = append(args, id)
			}
			_, err = tx.ExecContext(ctx, `
				UPDATE inbox SET answered = ?, body = x''
				WHERE source = ? AND answered IS NULL AND update_id IN (`+placeholders(n)+`)`, args...)
			ids = ids[n:]
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
	}
	if err != nil {
		return s.failed(fmt.Errorf("storage: mark %s updates answered: %w", source, err))
	}
	return nil
}

// UnansweredUpdates returns the stored updates of source not yet answered,
// oldest first.
func (s *Store) UnansweredUpdates(ctx context.Context, source string) ([]InboxUpdate, error) {
	rows, err := s.r.QueryContext(ctx, `
		SELECT update_id, body FROM inbox WHERE source = ? AND answered IS NULL ORDER BY update_id`, source)
	if err != nil {
		return nil, fmt.Errorf("storage: unanswered %s updates: %w", source, err)
	}
	defer rows.Close()
	var out []InboxUpdate
	for rows.Next() {
		var u InboxUpdate
		if err := rows.Scan(&u.ID, &u.Body); err != nil {
			return nil, fmt.Errorf("storage: unanswered %s updates: %w", source, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: unanswered %s updates: %w", source, err)
	}
	return out, nil
}

// LastUpdate returns the highest update id of source ever stored (pruning
// keeps it), and false when none is.
func (s *Store) LastUpdate(ctx context.Context, source string) (int64, bool, error) {
	var id sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT max(update_id) FROM inbox WHERE source = ?`, source).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("storage: last %s update: %w", source, err)
	}
	return id.Int64, id.Valid, nil
}

// PruneUpdates deletes the updates of source answered before the given
// time, but for the highest id, and returns how many it deleted.
func (s *Store) PruneUpdates(ctx context.Context, source string, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `
		DELETE FROM inbox
		WHERE source = ? AND answered IS NOT NULL AND answered < ?
		  AND update_id < (SELECT max(update_id) FROM inbox WHERE source = ?)`,
		source, outboxTime(before), source)
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: prune %s updates: %w", source, err))
	}
	return int(n), nil
}
