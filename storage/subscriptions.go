package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"transferbot/rumours"
)

// createdLayout is how subscription times are stored: UTC, RFC 3339 with
// nanoseconds.
const createdLayout = time.RFC3339Nano

// Subscribe adds s, or updates MinStage and Active of the subscription with
// the same platform, channel, kind and target (its Created stays). Platform,
// Channel and Target must not be empty, Kind must be player or club and
// MinStage StageUnknown (every stage) or a valid stage. A zero Created means
// now.
func (s *Store) Subscribe(ctx context.Context, sub rumours.Subscription) error {
	if err := checkSubscription(sub); err != nil {
		return s.failed(fmt.Errorf("storage: subscribe %s/%s to %s %q: %w", sub.Platform, sub.Channel, sub.Kind, sub.Target, err))
	}
	created := sub.Created
	if created.IsZero() {
		created = time.Now()
	}
	_, err := s.w.ExecContext(ctx, `
		INSERT INTO subscriptions (platform, channel, kind, target, min_stage, active, created)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (platform, channel, kind, target) DO UPDATE SET
			min_stage = excluded.min_stage, active = excluded.active`,
		sub.Platform, sub.Channel, string(sub.Kind), sub.Target, sub.MinStage.String(), sub.Active,
		created.UTC().Format(createdLayout))
	if err != nil {
		return s.failed(fmt.Errorf("storage: subscribe %s/%s to %s %q: %w", sub.Platform, sub.Channel, sub.Kind, sub.Target, err))
	}
	return nil
}

func checkSubscription(sub rumours.Subscription) error {
	switch {
	case sub.Platform == "":
		return errors.New("empty platform")
	case sub.Channel == "":
		return errors.New("empty channel")
	case sub.Target == "":
		return errors.New("empty target")
	case sub.Kind != rumours.KindPlayer && sub.Kind != rumours.KindClub:
		return fmt.Errorf("kind %q is neither %q nor %q", sub.Kind, rumours.KindPlayer, rumours.KindClub)
	case sub.MinStage != rumours.StageUnknown && !sub.MinStage.Valid():
		return fmt.Errorf("invalid minimum stage %s", sub.MinStage)
	}
	return nil
}

// Unsubscribe removes a subscription. It returns an error wrapping
// rumours.ErrNotFound when there was none.
func (s *Store) Unsubscribe(ctx context.Context, platform, channel string, kind rumours.SubjectKind, target string) error {
	res, err := s.w.ExecContext(ctx, `
		DELETE FROM subscriptions WHERE platform = ? AND channel = ? AND kind = ? AND target = ?`,
		platform, channel, string(kind), target)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = rumours.ErrNotFound
		}
	}
	if err != nil {
		return s.failed(fmt.Errorf("storage: unsubscribe %s/%s from %s %q: %w", platform, channel, kind, target, err))
	}
	return nil
}

// Subscriptions lists subscriptions ordered by platform, channel, kind and
// target: a channel's when platform and channel are given, a platform's when
// channel is empty, and all when platform is empty.
func (s *Store) Subscriptions(ctx context.Context, platform, channel string) ([]rumours.Subscription, error) {
	const cols = `SELECT platform, channel, kind, target, min_stage, active, created FROM subscriptions`
	const order = ` ORDER BY platform, channel, kind, target`
	var (
		rows *sql.Rows
		err  error
	)
	switch {
	case platform == "":
		rows, err = s.r.QueryContext(ctx, cols+order)
	case channel == "":
		rows, err = s.r.QueryContext(ctx, cols+` WHERE platform = ?`+order, platform)
	default:
		rows, err = s.r.QueryContext(ctx, cols+` WHERE platform = ? AND channel = ?`+order, platform, channel)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: subscriptions %s/%s: %w", platform, channel, err)
	}
	defer rows.Close()
	var out []rumours.Subscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: subscriptions %s/%s: %w", platform, channel, err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: subscriptions %s/%s: %w", platform, channel, err)
	}
	return out, nil
}

func scanSubscription(rows *sql.Rows) (rumours.Subscription, error) {
	var (
		sub                  rumours.Subscription
		kind, stage, created string
	)
	if err := rows.Scan(&sub.Platform, &sub.Channel, &kind, &sub.Target, &stage, &sub.Active, &created); err != nil {
		return sub, err
	}
	sub.Kind = rumours.SubjectKind(kind)
	var err error
	if sub.MinStage, err = parseStage(stage); err != nil {
		return sub, err
	}
	if sub.Created, err = time.Parse(createdLayout, created); err != nil {
		return sub, fmt.Errorf("created %q: %w", created, err)
	}
	return sub, nil
}
