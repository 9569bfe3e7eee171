package rumours

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Stage is how far a link between a player and a club has gone. The positive
// stages are ordered from weakest (Speculation) to strongest (Done); Denied
// and Off mark a link that was denied or collapsed.
type Stage int

// Stages, in order of strength. The zero value is StageUnknown.
const (
	StageUnknown Stage = iota
	Speculation
	Interest
	Talks
	Bid
	Agreed
	Medical
	Done
	Denied
	Off
)

var stageNames = [...]string{"unknown", "speculation", "interest", "talks", "bid", "agreed", "medical", "done", "denied", "off"}

// Stages lists the valid stages in order.
func Stages() []Stage {
	return []Stage{Speculation, Interest, Talks, Bid, Agreed, Medical, Done, Denied, Off}
}

func (s Stage) String() string {
	if s < 0 || int(s) >= len(stageNames) {
		return fmt.Sprintf("stage(%d)", int(s))
	}
	return stageNames[s]
}

// Negative reports whether s is a denial or a collapse.
func (s Stage) Negative() bool { return s == Denied || s == Off }

// Valid reports whether s is one of the nine named stages.
func (s Stage) Valid() bool { return s >= Speculation && s <= Off }

// ParseStage parses a stage name as written by String.
func ParseStage(name string) (Stage, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	for i, s := range stageNames {
		if i > 0 && s == n {
			return Stage(i), nil
		}
	}
	return StageUnknown, fmt.Errorf("rumours: unknown stage %q", name)
}

// MarshalText writes the stage name.
func (s Stage) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("rumours: invalid stage %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a stage name.
func (s *Stage) UnmarshalText(b []byte) error {
	v, err := ParseStage(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Article is one piece of transfer news as read from a file or a feed.
type Article struct {
	// ID names the article for reports: a file name without extension, or the URL.
	ID string
	// URL is where the article was published; empty for local files.
	URL string
	// GUID identifies a feed item: the feed's address and the item's guid
	// (or link). The store refuses a second article with the same GUID.
	// Empty for articles not read from a feed.
	GUID string
	// Title is the headline, if the source has one apart from the text.
	Title string
	// Outlet is the publishing site, if known ("Goal", "Sky Sports").
	Outlet string
	// Published is the publication date; the zero time when unknown.
	Published time.Time
	// Text is the body, paragraphs separated by blank lines.
	Text string
}

// Link is one (player, destination club) pair that an article reports.
type Link struct {
	Player  string   // canonical full name, accents kept
	To      string   // canonical destination club
	From    string   // club the player is leaving; "" when unknown
	Stage   Stage    // strongest stage, or Denied/Off when that is the latest news
	Outlets []string // outlets the article cites for this link; may be empty
	// Primary marks a link the article is mainly about.
	Primary bool
	// Confidence is the extractor's belief in the link, 0..1.
	Confidence float64
	// Quote is the sentence that best supports the link, at most 200 characters.
	Quote string
}

// Evidence is a stored link together with the article it came from.
type Evidence struct {
	Link
	ArticleID  int64
	ArticleURL string
	// Publisher is the site that published the article, if known.
	Publisher string
	Published time.Time
	// Story groups near-duplicate articles: syndicated copies share a Story.
	Story int64
}

// Destination is one ranked club in a player's Ranking.
type Destination struct {
	Club  string
	Share float64 // 0..1; all shares of a Ranking plus Stays add up to 1
	// Stage is the strongest stage reached, or Denied/Off when the latest
	// news on the pair is a denial or a collapse.
	Stage Stage
	// Outlets counts independent outlets: a syndicated story counts once.
	Outlets   int
	Sources   []string // names of the independent outlets, strongest first
	FirstSeen time.Time
	LastSeen  time.Time
	Score     float64
	Best      Evidence
}

// Ranking is the answer to "where is PLAYER heading?" at a point in time.
type Ranking struct {
	Player  string
	Current string // the player's current club, if known
	// Spell is his spell at Current: since when, from where, on loan from
	// whom. Zero when the timeline does not know it.
	Spell Spell
	// Timeline is his clubs over time up to AsOf, oldest first.
	Timeline Timeline
	AsOf     time.Time
	// LastReport is the date of the newest dated report about him up to
	// AsOf; zero when there is none.
	LastReport time.Time
	// Done is the completed move that closed his latest saga: set when he
	// has moved (Spell) and no news about him has come since. Destinations
	// is then empty and Closed holds the suitors of that saga.
	Done *Destination
	// Closed are the clubs linked with him before his latest move, best
	// first, without shares: a saga that has ended.
	Closed       []Destination
	Destinations []Destination // best first; live links after his latest move
	Stays        float64       // share of "stays where he is"
}

// Headline returns what the answer to "where is he heading?" leads with:
// the completed move that closed his saga, else the best-ranked
// destination; false when there is neither.
// A denied or collapsed link is never the headline: the answer then is that
// he stays, or the next club.
func (r Ranking) Headline() (Destination, bool) {
	if r.Done != nil {
		return *r.Done, true
	}
	for _, d := range r.Destinations {
		if !d.Stage.Negative() {
			return d, true
		}
	}
	return Destination{}, false
}

// SubjectKind says whether a subscription follows a player or a club.
type SubjectKind string

// Subject kinds.
const (
	KindPlayer SubjectKind = "player"
	KindClub   SubjectKind = "club"
)

// Subscription asks for alerts about a player or a club in one channel.
type Subscription struct {
	Platform string      // "console", "telegram", "discord"
	Channel  string      // platform-specific channel or chat id
	Kind     SubjectKind // player or club
	Target   string      // canonical player or club name
	MinStage Stage       // weakest stage worth an alert; StageUnknown means all
	Active   bool        // false when the platform refused delivery (blocked, deleted)
	Created  time.Time
}

// StoredArticle is an article as the store keeps it.
type StoredArticle struct {
	Article
	// TextHash identifies the article's text after whitespace is normalised;
	// the store refuses a second article with the same hash or URL.
	TextHash string
	// Simhash is a 64-bit locality-sensitive fingerprint of the text.
	Simhash uint64
	// Story is the id of the story this article repeats, or 0 for a new story
	// (the store then uses the article's own id).
	Story int64
}

// NewArticle is an article to store with the links found in it, and the
// alerts its links cause.
type NewArticle struct {
	Article StoredArticle
	Links   []Link
	// Alerts are written to the outbox with the article, in its
	// transaction, each with one pending delivery per active subscription
	// that follows its player, its club or its from club and whose minimum
	// stage the alert reaches (Alert.Reaches). Nothing is written for a
	// duplicate article.
	Alerts []Alert
}

// ArticleRef is what FindSimilar returns about a stored article.
type ArticleRef struct {
	ID      int64
	Story   int64
	Simhash uint64
}

// PlayerInfo is a player the store knows of.
type PlayerInfo struct {
	Name  string
	Club  string // last known current club, "" if unknown
	Links int    // number of stored links
}

// ErrDuplicate is returned by Store.SaveArticle when the article is already stored.
var ErrDuplicate = errors.New("article already stored")

// ErrNotFound is returned when a looked-up thing does not exist.
var ErrNotFound = errors.New("not found")

// Store keeps articles, links and subscriptions. Implementations are safe for
// concurrent use. Errors other than ErrDuplicate and ErrNotFound are
// infrastructure failures.
type Store interface {
	// SaveArticle stores a and its links in one transaction and returns the
	// article's id. It returns ErrDuplicate, storing nothing, when an article
	// with the same URL (if any) or the same TextHash is already stored.
	SaveArticle(ctx context.Context, a StoredArticle, links []Link) (int64, error)
	// SaveArticles stores a batch of articles in one transaction, each with
	// its links under its own savepoint, so that every article is stored
	// whole or not at all (group commit: one commit for the batch). ids[i]
	// is the id of batch[i], or errs[i] says why it was not stored:
	// ErrDuplicate when it repeats a stored article or an earlier one of the
	// batch. When the transaction itself fails, every errs[i] is that error
	// and nothing is stored.
	SaveArticles(ctx context.Context, batch []NewArticle) (ids []int64, errs []error)
	// FindSimilar returns stored articles whose Simhash shares at least one of
	// its four 16-bit bands with simhash (candidates for near-duplicates).
	FindSimilar(ctx context.Context, simhash uint64) ([]ArticleRef, error)
	// PlayerEvidence returns every stored link for player (canonical name)
	// from articles published on or before asOf; a zero asOf means no limit.
	// Articles with an unknown date are included.
	PlayerEvidence(ctx context.Context, player string, asOf time.Time) ([]Evidence, error)
	// ClubEvidence returns links to or from club, newest first, at most limit.
	ClubEvidence(ctx context.Context, club string, asOf time.Time, limit int) ([]Evidence, error)
	// LatestEvidence returns the newest links, newest first, at most limit.
	LatestEvidence(ctx context.Context, asOf time.Time, limit int) ([]Evidence, error)
	// Players lists every player that has at least one stored link.
	Players(ctx context.Context) ([]PlayerInfo, error)
	// CountArticles returns how many articles are stored.
	CountArticles(ctx context.Context) (int, error)

	// Subscribe adds or updates (same platform, channel, kind, target) a subscription.
	Subscribe(ctx context.Context, s Subscription) error
	// Unsubscribe removes a subscription; ErrNotFound if there was none.
	Unsubscribe(ctx context.Context, platform, channel string, kind SubjectKind, target string) error
	// Subscriptions lists a channel's subscriptions; an empty platform lists all.
	Subscriptions(ctx context.Context, platform, channel string) ([]Subscription, error)
	// SetChannelActive marks every subscription of a channel active, or
	// paused (the platform refused delivery: bot blocked, channel deleted),
	// and returns how many changed.
	SetChannelActive(ctx context.Context, platform, channel string, active bool) (int, error)
	// MoveChannel moves a channel's subscriptions to its new id on the same
	// platform (a Telegram group upgraded to a supergroup) and returns how
	// many moved; subscriptions the new id already has win. Pending alert
	// deliveries move too.
	MoveChannel(ctx context.Context, platform, from, to string) (int, error)

	// KnownArticles reports for each key whether an article with that GUID
	// or that URL is stored.
	KnownArticles(ctx context.Context, keys []ArticleKey) ([]bool, error)

	// PendingDeliveries returns up to limit deliveries that are neither sent
	// nor dropped, for channels of the given platforms, whose next attempt is
	// due at or before due; ordered by alert cycle, player, platform,
	// channel and alert id, so a channel's alerts of one cycle about one
	// player come together.
	PendingDeliveries(ctx context.Context, platforms []string, due time.Time, limit int) ([]Delivery, error)
	// ClaimDeliveries is PendingDeliveries for a dispatcher about to send
	// them: atomically, it returns the deliveries PendingDeliveries would
	// and claims them for claimant until until, so that no call returns them
	// again (to this or any other claimant) before until, unless they are
	// released or retried. It is what keeps two dispatchers on one store
	// from sending a delivery twice.
	ClaimDeliveries(ctx context.Context, platforms []string, due time.Time, limit int, claimant string, until time.Time) ([]Delivery, error)
	// ReleaseDeliveries makes the pending deliveries of keys that claimant
	// still holds due at once again (it claimed them but did not try to
	// send them). Deliveries held by another claimant, or no longer
	// pending, are left as they are.
	ReleaseDeliveries(ctx context.Context, keys []DeliveryKey, claimant string) error
	// MarkSent records that the platform accepted the deliveries. Keys that
	// are not pending are left as they are.
	MarkSent(ctx context.Context, keys []DeliveryKey, at time.Time) error
	// RetryDeliveries counts a failed attempt for each pending delivery and
	// makes it due again at next; note says why it failed. It ends the
	// delivery's claim.
	RetryDeliveries(ctx context.Context, keys []DeliveryKey, next time.Time, note string) error
	// DropDeliveries gives up on pending deliveries; note says why.
	DropDeliveries(ctx context.Context, keys []DeliveryKey, note string) error
	// DropChannelDeliveries gives up on every pending delivery to a channel
	// (the platform refused it for good) and returns how many it dropped.
	DropChannelDeliveries(ctx context.Context, platform, channel, note string) (int, error)
	// ExpireDeliveries drops the pending deliveries of alerts created
	// before cutoff and returns them.
	ExpireDeliveries(ctx context.Context, cutoff time.Time, note string) ([]Delivery, error)
	// CountDeliveries counts the outbox's deliveries by state.
	CountDeliveries(ctx context.Context) (DeliveryCounts, error)
	// PruneAlerts deletes the alerts created before cutoff that have no
	// pending delivery, with their deliveries, and returns how many alerts
	// it deleted. It works in small transactions, so that it never holds
	// the write lock for long.
	PruneAlerts(ctx context.Context, cutoff time.Time) (int, error)

	// State returns a small value that an adapter keeps across restarts
	// (an update offset, a fingerprint), and false when key has none.
	State(ctx context.Context, key string) (string, bool, error)
	// SetState stores value under key durably, replacing any earlier one.
	SetState(ctx context.Context, key, value string) error

	// Close releases the store's resources.
	Close() error
}
