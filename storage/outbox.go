package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"transferbot/rumours"
)

// The outbox: SaveArticles writes each stored article's alerts to the
// alerts table and, in the same transaction, one pending row in
// alert_deliveries for each active subscription the alert concerns. A
// dispatcher claims the due deliveries (ClaimDeliveries), so that no other
// dispatcher sends them too, and marks each sent, to be retried, or
// dropped, or releases it unsent. Only pending deliveries change; sent and
// dropped ones stay as they are.

// outboxLayout is how the outbox stores times: UTC with nanoseconds, always
// the same width, so that comparing stored times as text compares them as
// times (time.RFC3339Nano trims trailing zeros, which breaks that).
const outboxLayout = "2006-01-02T15:04:05.000000000Z"

// defaultDeliveryLimit is PendingDeliveries' limit when it is given none.
const defaultDeliveryLimit = 1000

// keyChunk is how many values KnownArticles puts in one IN list, well below
// SQLite's limit on the number of parameters.
const keyChunk = 500

// minStages lists every minimum stage a subscription may have, in order:
// StageUnknown (every alert) and the valid stages.
var minStages = append([]rumours.Stage{rumours.StageUnknown}, rumours.Stages()...)

const (
	sqlInsertAlert = `
INSERT INTO alerts (cycle, created, article_id, player, club, stage, previous, payload)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

	// sqlMarkSent, sqlRetryDelivery and sqlDropDelivery change one pending
	// delivery, named by ?1 (alert id), ?2 (platform) and ?3 (channel).
	sqlMarkSent = `
UPDATE alert_deliveries SET state = 'sent', done_at = ?4
WHERE alert_id = ?1 AND platform = ?2 AND channel = ?3 AND state = 'pending'`
	sqlRetryDelivery = `
UPDATE alert_deliveries SET attempts = attempts + 1, next_try = ?4, note = ?5, claimed_by = ''
WHERE alert_id = ?1 AND platform = ?2 AND channel = ?3 AND state = 'pending'`
	sqlDropDelivery = `
UPDATE alert_deliveries SET state = 'dropped', note = ?4, done_at = ?5
WHERE alert_id = ?1 AND platform = ?2 AND channel = ?3 AND state = 'pending'`

	// sqlClaimDelivery claims one pending delivery for claimant ?5 until ?4
	// (see 0004_claims.sql).
	sqlClaimDelivery = `
UPDATE alert_deliveries SET next_try = ?4, claimed_by = ?5
WHERE alert_id = ?1 AND platform = ?2 AND channel = ?3 AND state = 'pending'`
	// sqlReleaseDelivery gives back one pending delivery that claimant ?4
	// still holds, due at once.
	sqlReleaseDelivery = `
UPDATE alert_deliveries SET next_try = '', claimed_by = ''
WHERE alert_id = ?1 AND platform = ?2 AND channel = ?3 AND state = 'pending' AND claimed_by = ?4`

	// sqlDropChannel reads the platform's pending deliveries (there is no
	// index on channel; see 0003_outbox.sql).
	sqlDropChannel = `
UPDATE alert_deliveries SET state = 'dropped', note = ?3, done_at = ?4
WHERE platform = ?1 AND channel = ?2 AND state = 'pending'`

	// deliveryColumns select what scanDeliveries reads, from deliveries d
	// joined with their alerts a; deliveryOrder is PendingDeliveries' order.
	deliveryColumns = `
    d.platform, d.channel, d.attempts, d.kind, d.target,
    a.id, a.cycle, a.created, a.player, a.club, a.stage, a.previous, a.payload`
	deliveryOrder = `
ORDER BY a.cycle, a.player, d.platform, d.channel, d.alert_id`

	// sqlExpiring reads the pending deliveries of alerts created before ?1.
	// It walks the pending deliveries and looks each alert up, rather than
	// walk the old alerts, which are all alerts but the latest.
	sqlExpiring = `
SELECT` + deliveryColumns + `
FROM alert_deliveries d INDEXED BY alert_deliveries_due
CROSS JOIN alerts a ON a.id = d.alert_id
WHERE d.state = 'pending' AND a.created < ?1` + deliveryOrder

	sqlCountDeliveries = `
SELECT count(*) FILTER (WHERE state = 'pending'),
       count(*) FILTER (WHERE state = 'sent'),
       count(*) FILTER (WHERE state = 'dropped')
FROM alert_deliveries`
)

// sqlFanOut writes the pending deliveries of alert ?1 about player ?2 and
// club ?3, coming from club ?4 (NULL when unknown): one per channel with an
// active subscription to the player or either club whose min_stage is one
// of ?5... (the minimum stages the alert reaches, padded with NULL). A
// channel that follows several of them gets one delivery, which names the
// player's subscription if it is one of them, else the first club's.
// Inserting in key order appends to the table and to alert_deliveries_due.
var sqlFanOut = `
INSERT INTO alert_deliveries (alert_id, platform, channel, kind, target)
SELECT ?1, platform, channel, kind, target FROM subscriptions
WHERE ((kind = 'player' AND target = ?2) OR (kind = 'club' AND target IN (?3, ?4)))
  AND active = 1
  AND min_stage IN (` + numberedParams(5, len(minStages)) + `)
ORDER BY platform, channel, kind = 'club', target = ?4
ON CONFLICT DO NOTHING`

// sqlPending is PendingDeliveries' query for n platforms: ?1 is the due
// time, ?2 the limit and ?3... the platforms.
func sqlPending(n int) string {
	return `
SELECT` + deliveryColumns + `
FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
WHERE d.state = 'pending' AND d.platform IN (` + numberedParams(3, n) + `) AND d.next_try <= ?1` +
		deliveryOrder + `
LIMIT ?2`
}

// numberedParams returns n parameters numbered from first: "?5, ?6, ?7".
func numberedParams(first, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("?%d", first+i)
	}
	return strings.Join(p, ", ")
}

// outboxTime is the stored form of t; see outboxLayout.
func outboxTime(t time.Time) string { return t.UTC().Format(outboxLayout) }

// alertPayload is the JSON form of the Alert fields that the alerts table
// has no column for. Times are UTC. Its strings are stored as JSON, so
// invalid UTF-8 in them reads back as U+FFFD.
type alertPayload struct {
	From      string      `json:"from,omitempty"`
	Outlet    string      `json:"outlet,omitempty"`
	Published time.Time   `json:"published,omitzero"`
	Title     string      `json:"title,omitempty"`
	Quote     string      `json:"quote,omitempty"`
	URL       string      `json:"url,omitempty"`
	Current   string      `json:"current,omitempty"`
	Ranking   []shareJSON `json:"ranking,omitempty"`
	Stays     float64     `json:"stays,omitempty"`
}

type shareJSON struct {
	Club  string  `json:"club"`
	Share float64 `json:"share"`
}

func encodeAlertPayload(a rumours.Alert) (string, error) {
	p := alertPayload{From: a.From, Outlet: a.Outlet, Title: a.Title, Quote: a.Quote,
		URL: a.URL, Current: a.Current, Stays: a.Stays}
	if !a.Published.IsZero() {
		p.Published = a.Published.UTC()
	}
	for _, sh := range a.Ranking {
		p.Ranking = append(p.Ranking, shareJSON(sh))
	}
	b, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("payload: %w", err)
	}
	return string(b), nil
}

func decodeAlertPayload(b []byte, a *rumours.Alert) error {
	var p alertPayload
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("alert %d payload: %w", a.ID, err)
	}
	a.From, a.Outlet, a.Published, a.Title = p.From, p.Outlet, p.Published, p.Title
	a.Quote, a.URL, a.Current, a.Stays = p.Quote, p.URL, p.Current, p.Stays
	a.Ranking = nil
	for _, sh := range p.Ranking {
		a.Ranking = append(a.Ranking, rumours.Share(sh))
	}
	return nil
}

// checkAlert reports what makes a unstorable.
func checkAlert(a rumours.Alert) error {
	switch {
	case a.Player == "":
		return errors.New("empty player")
	case a.Club == "":
		return errors.New("empty club")
	case !a.Stage.Valid():
		return fmt.Errorf("invalid stage %s", a.Stage)
	case a.Previous != rumours.StageUnknown && !a.Previous.Valid():
		return fmt.Errorf("invalid previous stage %s", a.Previous)
	case !finite(a.Stays):
		return fmt.Errorf("share of staying %v", a.Stays)
	}
	for _, sh := range a.Ranking {
		if !finite(sh.Share) {
			return fmt.Errorf("share %v of %q", sh.Share, sh.Club)
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// saveAlerts writes the alerts of the article stored as article inside tx,
// each with its deliveries (sqlFanOut). A zero Created means now. Any error
// leaves tx to be rolled back.
func (s *Store) saveAlerts(ctx context.Context, tx *sql.Tx, article int64, alerts []rumours.Alert) error {
	if len(alerts) == 0 {
		return nil
	}
	ins := tx.StmtContext(ctx, s.insAlert)
	fan := tx.StmtContext(ctx, s.fanOut)
	now := time.Now()
	args := make([]any, 4+len(minStages))
	for i, a := range alerts {
		if err := checkAlert(a); err != nil {
			return fmt.Errorf("alert %d (%q -> %q): %w", i, a.Player, a.Club, err)
		}
		payload, err := encodeAlertPayload(a)
		if err != nil {
			return fmt.Errorf("alert %d (%q -> %q): %w", i, a.Player, a.Club, err)
		}
		created := a.Created
		if created.IsZero() {
			created = now
		}
		res, err := ins.ExecContext(ctx, a.Cycle, outboxTime(created), article,
			a.Player, a.Club, a.Stage.String(), a.Previous.String(), payload)
		var id int64
		if err == nil {
			id, err = res.LastInsertId()
		}
		if err != nil {
			return fmt.Errorf("alert %d (%q -> %q): %w", i, a.Player, a.Club, err)
		}
		clear(args)
		args[0], args[1], args[2] = id, a.Player, a.Club
		if a.From != "" {
			args[3] = a.From
		}
		n := 4
		for _, m := range minStages {
			if a.Reaches(m) {
				args[n] = m.String()
				n++
			}
		}
		if _, err := fan.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("alert %d (%q -> %q): deliveries: %w", i, a.Player, a.Club, err)
		}
	}
	return nil
}

// KnownArticles reports for each key whether an article with its GUID or
// its URL is stored; a key with neither is not known. It reads in one
// transaction, with at most keyChunk values to a query.
func (s *Store) KnownArticles(ctx context.Context, keys []rumours.ArticleKey) ([]bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("storage: known articles: %w", err)
	}
	out := make([]bool, len(keys))
	guids, urls := map[string]bool{}, map[string]bool{}
	for _, k := range keys {
		if k.GUID != "" {
			guids[k.GUID] = false
		}
		if k.URL != "" {
			urls[k.URL] = false
		}
	}
	if len(guids) == 0 && len(urls) == 0 {
		return out, nil
	}
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("storage: known articles: %w", err)
	}
	defer tx.Rollback() // read only: nothing to commit
	if err := knownValues(ctx, tx, "guid", guids); err != nil {
		return nil, fmt.Errorf("storage: known articles: %w", err)
	}
	if err := knownValues(ctx, tx, "url", urls); err != nil {
		return nil, fmt.Errorf("storage: known articles: %w", err)
	}
	for i, k := range keys {
		out[i] = guids[k.GUID] || urls[k.URL]
	}
	return out, nil
}

// knownValues sets values[v] for each v that some article has in column
// (guid or url).
func knownValues(ctx context.Context, tx *sql.Tx, column string, values map[string]bool) error {
	list := slices.Collect(maps.Keys(values))
	args := make([]any, 0, keyChunk)
	for start := 0; start < len(list); start += keyChunk {
		chunk := list[start:min(start+keyChunk, len(list))]
		args = args[:0]
		for _, v := range chunk {
			args = append(args, v)
		}
		q := `SELECT ` + column + ` FROM articles WHERE ` + column + ` IN (?` + strings.Repeat(", ?", len(chunk)-1) + `)`
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("%s: %w", column, err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return fmt.Errorf("%s: %w", column, err)
			}
			values[v] = true
		}
		err = errors.Join(rows.Err(), rows.Close())
		if err != nil {
			return fmt.Errorf("%s: %w", column, err)
		}
	}
	return nil
}

// PendingDeliveries returns up to limit pending deliveries to channels of
// the given platforms that are due at due (never tried, or retried with a
// next attempt at or before due), in the order rumours.Store documents. A
// limit of 0 or less means defaultDeliveryLimit; no platforms means no
// deliveries. Times come back in UTC.
func (s *Store) PendingDeliveries(ctx context.Context, platforms []string, due time.Time, limit int) ([]rumours.Delivery, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("storage: pending deliveries: %w", err)
	}
	if len(platforms) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = defaultDeliveryLimit
	}
	args := make([]any, 0, 2+len(platforms))
	args = append(args, outboxTime(due), limit)
	for _, p := range platforms {
		args = append(args, p)
	}
	rows, err := s.r.QueryContext(ctx, sqlPending(len(platforms)), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: pending deliveries: %w", err)
	}
	out, err := scanDeliveries(rows, min(limit, 64))
	if err != nil {
		return nil, fmt.Errorf("storage: pending deliveries: %w", err)
	}
	return out, nil
}

// ClaimDeliveries is PendingDeliveries for a dispatcher about to send: in
// one immediate transaction, so that no other connection or process comes
// between, it reads the due deliveries and claims them for claimant until
// until (a lease: they are not due again before then, unless released or
// retried), and returns them. Two calls never return the same delivery while
// its lease runs. An empty claimant is an error.
func (s *Store) ClaimDeliveries(ctx context.Context, platforms []string, due time.Time, limit int, claimant string, until time.Time) ([]rumours.Delivery, error) {
	out, err := s.claimDeliveries(ctx, platforms, due, limit, claimant, until)
	if err != nil {
		return nil, s.failed(fmt.Errorf("storage: claim deliveries: %w", err))
	}
	return out, nil
}

func (s *Store) claimDeliveries(ctx context.Context, platforms []string, due time.Time, limit int, claimant string, until time.Time) ([]rumours.Delivery, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if claimant == "" {
		return nil, errors.New("no claimant")
	}
	if len(platforms) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = defaultDeliveryLimit
	}
	args := make([]any, 0, 2+len(platforms))
	args = append(args, outboxTime(due), limit)
	for _, p := range platforms {
		args = append(args, p)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() // no-op after Commit
	wctx := context.WithoutCancel(ctx)
	rows, err := tx.QueryContext(wctx, sqlPending(len(platforms)), args...)
	if err != nil {
		return nil, err
	}
	out, err := scanDeliveries(rows, min(limit, 64))
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	if err := updateAllAndCommit(ctx, wctx, tx, s.claimDel, out, "claimed", outboxTime(until), claimant); err != nil {
		return nil, err
	}
	return out, nil
}

// ReleaseDeliveries gives back the deliveries of keys that claimant claimed
// and has not sent, retried or dropped: they are due at once again, for any
// dispatcher. Deliveries another claimant holds now are left alone.
func (s *Store) ReleaseDeliveries(ctx context.Context, keys []rumours.DeliveryKey, claimant string) error {
	if _, err := s.updateDeliveries(ctx, s.releaseDel, keys, claimant); err != nil {
		return s.failed(fmt.Errorf("storage: release %d deliveries: %w", len(keys), err))
	}
	return nil
}

// sqlReleaseAll gives back every claimed pending delivery, due at once.
const sqlReleaseAll = `
UPDATE alert_deliveries SET next_try = '', claimed_by = ''
WHERE state = 'pending' AND claimed_by <> ''`

// ReleaseAllClaims gives back every claimed pending delivery, due at once,
// and returns how many. Only a process that knows every claimant is gone
// may call it: one that holds the instance lock (LockInstance), as it
// starts, frees the claims of a bot that died before their leases ran out.
func (s *Store) ReleaseAllClaims(ctx context.Context) (int, error) {
	res, err := s.w.ExecContext(ctx, sqlReleaseAll)
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: release claims: %w", err))
	}
	return int(n), nil
}

// scanDeliveries reads rows of deliveryColumns and closes rows. It decodes
// each alert once, however many deliveries it has.
func scanDeliveries(rows *sql.Rows, capacity int) ([]rumours.Delivery, error) {
	defer rows.Close()
	out := make([]rumours.Delivery, 0, capacity)
	alerts := map[int64]*rumours.Alert{}
	var (
		d                                 rumours.Delivery
		a                                 rumours.Alert
		kind                              string
		created, stage, previous, payload sql.RawBytes
	)
	for rows.Next() {
		d = rumours.Delivery{}
		err := rows.Scan(&d.Platform, &d.Channel, &d.Attempts, &kind, &d.Target,
			&a.ID, &a.Cycle, &created, &a.Player, &a.Club, &stage, &previous, &payload)
		if err != nil {
			return nil, err
		}
		d.DeliveryKey.Alert = a.ID
		d.Kind = rumours.SubjectKind(kind)
		if seen, ok := alerts[a.ID]; ok {
			d.Alert = *seen
			d.Alert.Ranking = slices.Clone(seen.Ranking)
		} else {
			if err := decodeAlert(&a, created, stage, previous, payload); err != nil {
				return nil, err
			}
			d.Alert = a
			seen := a
			alerts[a.ID] = &seen
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeAlert sets the fields of a that the alerts table keeps in other
// forms than Go's.
func decodeAlert(a *rumours.Alert, created, stage, previous, payload []byte) error {
	var err error
	if a.Created, err = time.Parse(outboxLayout, string(created)); err != nil {
		return fmt.Errorf("alert %d created %q: %w", a.ID, created, err)
	}
	if a.Stage, err = parseStage(string(stage)); err != nil {
		return fmt.Errorf("alert %d: %w", a.ID, err)
	}
	if a.Previous, err = parseStage(string(previous)); err != nil {
		return fmt.Errorf("alert %d previous: %w", a.ID, err)
	}
	return decodeAlertPayload(payload, a)
}

// MarkSent marks pending deliveries sent at at (a zero at means now), in one
// transaction. Keys that are not pending, or name no delivery, are left
// alone.
func (s *Store) MarkSent(ctx context.Context, keys []rumours.DeliveryKey, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	if _, err := s.updateDeliveries(ctx, s.markSent, keys, outboxTime(at)); err != nil {
		return s.failed(fmt.Errorf("storage: mark %d deliveries sent: %w", len(keys), err))
	}
	return nil
}

// RetryDeliveries counts a failed attempt for each pending delivery of keys,
// makes it due at next (a zero next means at once) and records note, in one
// transaction. Other keys are left alone.
func (s *Store) RetryDeliveries(ctx context.Context, keys []rumours.DeliveryKey, next time.Time, note string) error {
	nextTry := ""
	if !next.IsZero() {
		nextTry = outboxTime(next)
	}
	if _, err := s.updateDeliveries(ctx, s.retryDel, keys, nextTry, note); err != nil {
		return s.failed(fmt.Errorf("storage: retry %d deliveries: %w", len(keys), err))
	}
	return nil
}

// DropDeliveries drops the pending deliveries of keys with note, in one
// transaction. Other keys are left alone.
func (s *Store) DropDeliveries(ctx context.Context, keys []rumours.DeliveryKey, note string) error {
	if _, err := s.updateDeliveries(ctx, s.dropDel, keys, note, outboxTime(time.Now())); err != nil {
		return s.failed(fmt.Errorf("storage: drop %d deliveries: %w", len(keys), err))
	}
	return nil
}

// updateDeliveries runs st, one of the writer's statements that change one
// pending delivery, for each key, with the key as ?1..?3 and args after it,
// in one transaction. It returns how many deliveries changed.
func (s *Store) updateDeliveries(ctx context.Context, st *sql.Stmt, keys []rumours.DeliveryKey, args ...any) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if len(keys) == 0 {
		return 0, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() // no-op after Commit
	// As in SaveArticle: the statements run without ctx's cancellation,
	// which would cost a goroutine each; the transaction ends with ctx.
	wctx := context.WithoutCancel(ctx)
	n, err := updateEach(wctx, tx.StmtContext(wctx, st), keys, args)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		if err = tx.Commit(); err != nil {
			err = fmt.Errorf("commit: %w", err)
		}
	}
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		}
		return 0, err
	}
	return n, nil
}

// updateAllAndCommit runs st in tx for every delivery of ds, as updateEach
// does, and commits; every one must change, or the transaction is left to
// roll back (what names the change in that error). The statements run on
// wctx, the commit waits for ctx.
func updateAllAndCommit(ctx, wctx context.Context, tx *sql.Tx, st *sql.Stmt, ds []rumours.Delivery, what string, args ...any) error {
	keys := make([]rumours.DeliveryKey, len(ds))
	for i, d := range ds {
		keys[i] = d.DeliveryKey
	}
	n, err := updateEach(wctx, tx.StmtContext(wctx, st), keys, args)
	switch {
	case err != nil:
		return err
	case n != len(keys):
		return fmt.Errorf("%s %d of %d deliveries", what, n, len(keys))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// updateEach runs st for each key, with the key as ?1..?3 and args after it,
// and returns how many rows it changed.
func updateEach(ctx context.Context, st *sql.Stmt, keys []rumours.DeliveryKey, args []any) (int, error) {
	params := make([]any, 3+len(args))
	copy(params[3:], args)
	n := 0
	for _, k := range keys {
		params[0], params[1], params[2] = k.Alert, k.Platform, k.Channel
		res, err := st.ExecContext(ctx, params...)
		var c int64
		if err == nil {
			c, err = res.RowsAffected()
		}
		if err != nil {
			return 0, fmt.Errorf("delivery %d %s/%s: %w", k.Alert, k.Platform, k.Channel, err)
		}
		n += int(c)
	}
	return n, nil
}

// DropChannelDeliveries drops every pending delivery to one channel with
// note and returns how many it dropped.
func (s *Store) DropChannelDeliveries(ctx context.Context, platform, channel, note string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, s.failed(fmt.Errorf("storage: drop deliveries to %s/%s: %w", platform, channel, err))
	}
	res, err := s.w.ExecContext(ctx, sqlDropChannel, platform, channel, note, outboxTime(time.Now()))
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return 0, s.failed(fmt.Errorf("storage: drop deliveries to %s/%s: %w", platform, channel, err))
	}
	return int(n), nil
}

// ExpireDeliveries drops, with note, the pending deliveries of alerts
// created before cutoff and returns them as they were (in PendingDeliveries'
// order, with their alerts), in one transaction.
func (s *Store) ExpireDeliveries(ctx context.Context, cutoff time.Time, note string) ([]rumours.Delivery, error) {
	out, err := s.expireDeliveries(ctx, cutoff, note)
	if err != nil {
		return nil, s.failed(fmt.Errorf("storage: expire deliveries: %w", err))
	}
	return out, nil
}

func (s *Store) expireDeliveries(ctx context.Context, cutoff time.Time, note string) ([]rumours.Delivery, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() // no-op after Commit
	wctx := context.WithoutCancel(ctx)
	rows, err := tx.QueryContext(wctx, sqlExpiring, outboxTime(cutoff))
	if err != nil {
		return nil, err
	}
	out, err := scanDeliveries(rows, 0)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	if err := updateAllAndCommit(ctx, wctx, tx, s.dropDel, out, "dropped", note, outboxTime(time.Now())); err != nil {
		return nil, err
	}
	return out, nil
}

// CountDeliveries counts the outbox's deliveries by state. It reads every
// delivery ever written, sent and dropped ones included.
func (s *Store) CountDeliveries(ctx context.Context) (rumours.DeliveryCounts, error) {
	var c rumours.DeliveryCounts
	if err := ctx.Err(); err != nil {
		return c, fmt.Errorf("storage: count deliveries: %w", err)
	}
	if err := s.countDel.QueryRowContext(ctx).Scan(&c.Pending, &c.Sent, &c.Dropped); err != nil {
		return rumours.DeliveryCounts{}, fmt.Errorf("storage: count deliveries: %w", err)
	}
	return c, nil
}

// pruneBatch is how many alerts PruneAlerts deletes per transaction: with
// their deliveries (one per subscribed channel, thousands for a popular
// player) that is a few tens of milliseconds of writing.
const pruneBatch = 4

// sqlPrune deletes up to ?2 alerts created before ?1 without a pending
// delivery; their deliveries go with them (ON DELETE CASCADE).
const sqlPrune = `
DELETE FROM alerts WHERE id IN (
    SELECT a.id FROM alerts a
    WHERE a.created < ?1
      AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.state = 'pending')
    ORDER BY a.created
    LIMIT ?2)`

// PruneAlerts implements rumours.Store.
func (s *Store) PruneAlerts(ctx context.Context, cutoff time.Time) (int, error) {
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, s.failed(fmt.Errorf("storage: prune alerts: %w", err))
		}
		res, err := s.w.ExecContext(ctx, sqlPrune, outboxTime(cutoff), pruneBatch)
		var n int64
		if err == nil {
			n, err = res.RowsAffected()
		}
		if err != nil {
			return total, s.failed(fmt.Errorf("storage: prune alerts: %w", err))
		}
		total += int(n)
		if n < pruneBatch {
			return total, nil
		}
	}
}
