package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// State returns the value stored under key, and false when there is none.
func (s *Store) State(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("storage: state %q: %w", key, err)
	}
	return v, true, nil
}

// SetState stores value under key, replacing any earlier value. The write is
// durable when SetState returns. An empty key is an error.
func (s *Store) SetState(ctx context.Context, key, value string) error {
	if key == "" {
		return errors.New("storage: set state: empty key")
	}
	_, err := s.w.ExecContext(ctx, `
		INSERT INTO state (key, value, updated) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated`,
		key, value, time.Now().UTC().Format(createdLayout))
	if err != nil {
		return s.failed(fmt.Errorf("storage: set state %q: %w", key, err))
	}
	return nil
}

// SetChannelActive marks every subscription of one channel active or paused
// and returns how many changed.
func (s *Store) SetChannelActive(ctx context.Context, platform, channel string, active bool) (int, error) {
	res, err := s.w.ExecContext(ctx, `
		UPDATE subscriptions SET active = ? WHERE platform = ? AND channel = ? AND active <> ?`,
		active, platform, channel, active)
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: set %s/%s active=%t: %w", platform, channel, active, err))
	}
	return int(n), nil
}

// MoveChannel moves every subscription of one channel to another channel id
// of the same platform (a Telegram group that became a supergroup gets a new
// id) and returns how many moved. A subscription the new channel already has
// is kept as it is there, and the old one dropped. It is one transaction.
func (s *Store) MoveChannel(ctx context.Context, platform, from, to string) (n int, err error) {
	if to == "" {
		return 0, fmt.Errorf("storage: move %s/%s: empty new channel", platform, from)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: move %s/%s to %s: %w", platform, from, to, err))
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	res, err := tx.ExecContext(ctx, `
		UPDATE OR IGNORE subscriptions SET channel = ? WHERE platform = ? AND channel = ?`, to, platform, from)
	if err == nil {
		var moved int64
		if moved, err = res.RowsAffected(); err == nil {
			n = int(moved)
			_, err = tx.ExecContext(ctx, `DELETE FROM subscriptions WHERE platform = ? AND channel = ?`, platform, from)
		}
	}
	// alerts waiting for the old id go to the new one, unless it has them
	if err == nil {
		_, err = tx.ExecContext(ctx, `
			UPDATE OR IGNORE alert_deliveries SET channel = ?
			WHERE platform = ? AND channel = ? AND state = 'pending'`, to, platform, from)
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `
			UPDATE alert_deliveries SET state = 'dropped', note = 'channel moved', done_at = ?
			WHERE platform = ? AND channel = ? AND state = 'pending'`, outboxTime(time.Now()), platform, from)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: move %s/%s to %s: %w", platform, from, to, err))
	}
	return n, nil
}
