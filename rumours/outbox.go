package rumours

import (
	"context"
	"fmt"
	"time"
)

// The outbox: alerts written by IngestNews wait in the store, one delivery
// per subscribed channel, until a dispatcher delivers them. These methods
// pass through to the Store; see its documentation for each contract.

// PendingDeliveries returns deliveries due at due for the given platforms.
func (e *Engine) PendingDeliveries(ctx context.Context, platforms []string, due time.Time, limit int) ([]Delivery, error) {
	d, err := e.store.PendingDeliveries(ctx, platforms, due, limit)
	if err != nil {
		return nil, fmt.Errorf("rumours: %w", err)
	}
	return d, nil
}

// ClaimDeliveries returns due deliveries for the given platforms, claimed
// for claimant until until.
func (e *Engine) ClaimDeliveries(ctx context.Context, platforms []string, due time.Time, limit int, claimant string, until time.Time) ([]Delivery, error) {
	d, err := e.store.ClaimDeliveries(ctx, platforms, due, limit, claimant, until)
	if err != nil {
		return nil, fmt.Errorf("rumours: %w", err)
	}
	return d, nil
}

// ReleaseDeliveries gives back claimed deliveries that were not sent.
func (e *Engine) ReleaseDeliveries(ctx context.Context, keys []DeliveryKey, claimant string) error {
	if err := e.store.ReleaseDeliveries(ctx, keys, claimant); err != nil {
		return fmt.Errorf("rumours: %w", err)
	}
	return nil
}

// MarkSent records deliveries the platform accepted.
func (e *Engine) MarkSent(ctx context.Context, keys []DeliveryKey, at time.Time) error {
	if err := e.store.MarkSent(ctx, keys, at); err != nil {
		return fmt.Errorf("rumours: %w", err)
	}
	return nil
}

// RetryDeliveries counts a failed attempt and makes the deliveries due at next.
func (e *Engine) RetryDeliveries(ctx context.Context, keys []DeliveryKey, next time.Time, note string) error {
	if err := e.store.RetryDeliveries(ctx, keys, next, note); err != nil {
		return fmt.Errorf("rumours: %w", err)
	}
	return nil
}

// DropDeliveries gives up on deliveries.
func (e *Engine) DropDeliveries(ctx context.Context, keys []DeliveryKey, note string) error {
	if err := e.store.DropDeliveries(ctx, keys, note); err != nil {
		return fmt.Errorf("rumours: %w", err)
	}
	return nil
}

// DropChannelDeliveries gives up on every pending delivery to a channel.
func (e *Engine) DropChannelDeliveries(ctx context.Context, platform, channel, note string) (int, error) {
	n, err := e.store.DropChannelDeliveries(ctx, platform, channel, note)
	if err != nil {
		return 0, fmt.Errorf("rumours: %w", err)
	}
	return n, nil
}

// ExpireDeliveries drops pending deliveries of alerts created before cutoff
// and returns them.
func (e *Engine) ExpireDeliveries(ctx context.Context, cutoff time.Time, note string) ([]Delivery, error) {
	d, err := e.store.ExpireDeliveries(ctx, cutoff, note)
	if err != nil {
		return nil, fmt.Errorf("rumours: %w", err)
	}
	return d, nil
}

// CountDeliveries counts the outbox's deliveries by state.
func (e *Engine) CountDeliveries(ctx context.Context) (DeliveryCounts, error) {
	c, err := e.store.CountDeliveries(ctx)
	if err != nil {
		return DeliveryCounts{}, fmt.Errorf("rumours: %w", err)
	}
	return c, nil
}

// PruneAlerts deletes delivered alerts created before cutoff.
func (e *Engine) PruneAlerts(ctx context.Context, cutoff time.Time) (int, error) {
	n, err := e.store.PruneAlerts(ctx, cutoff)
	if err != nil {
		return n, fmt.Errorf("rumours: %w", err)
	}
	return n, nil
}
