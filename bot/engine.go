package bot

import (
	"context"
	"time"

	"transferbot/rumours"
)

// Engine is what the command core needs from the rumour engine.
type Engine interface {
	// ResolvePlayer maps a user's name ("Ramos", "mbappe", "James") to a canonical player name;
	// *rumours.UnknownError (with Suggestions) or *rumours.AmbiguousError (with Candidates) otherwise.
	ResolvePlayer(ctx context.Context, query string) (string, error)
	ResolveClub(ctx context.Context, query string) (string, error) // same contract for clubs
	// Names spots player and club names in free text (see Understand).
	Names
	Where(ctx context.Context, player string, asOf time.Time) (rumours.Ranking, error)                                         // player is canonical; zero asOf = now
	Rumours(ctx context.Context, kind rumours.SubjectKind, name string, asOf time.Time, limit int) ([]rumours.Evidence, error) // name "" = latest overall
	Club(ctx context.Context, club string, asOf time.Time) (rumours.ClubReport, error)
	Subscribe(ctx context.Context, s rumours.Subscription) error
	Unsubscribe(ctx context.Context, platform, channel string, kind rumours.SubjectKind, target string) error // rumours.ErrNotFound if none
	Subscriptions(ctx context.Context, platform, channel string) ([]rumours.Subscription, error)
	Sources() []rumours.OutletTier
	// Complete lists up to limit canonical names of kind matching a typed
	// prefix, fuzzily, for autocompletion.
	Complete(ctx context.Context, kind rumours.SubjectKind, prefix string, limit int) []string
	// SetChannelActive pauses or resumes every subscription of a channel.
	SetChannelActive(ctx context.Context, platform, channel string, active bool) (int, error)
	// MoveChannel moves a channel's subscriptions to the channel's new id.
	MoveChannel(ctx context.Context, platform, from, to string) (int, error)
	State(ctx context.Context, key string) (string, bool, error) // adapter state; false when unset
	SetState(ctx context.Context, key, value string) error
}
