package rumours

import (
	"time"
)

// Alert is news worth telling the channels that follow a player or a club:
// a new link between the player and a club whose score passes the alert
// threshold, or a link that moved to a stronger stage, or was denied or
// called off. The engine writes alerts to the store's outbox in the same
// transaction as the links that caused them; a dispatcher delivers them.
type Alert struct {
	ID int64 // set by the store
	// Cycle groups the alerts of one ingest call (one feed poll cycle):
	// a channel gets one message per player per cycle.
	Cycle   int64
	Created time.Time
	Player  string // canonical player name
	Club    string // the destination club
	From    string // the club he would leave, "" when unknown
	// Stage is the link's stage after the news; Denied or Off when the news
	// is a denial or a collapse.
	Stage Stage
	// Previous is the pair's stage before the news: StageUnknown for a new
	// link, else the strongest stage reported, or Denied/Off when the
	// latest news on the pair was a denial or collapse.
	Previous Stage
	// Outlet is who reported it: the outlet the article cites for the link,
	// else its publisher; "" when unknown.
	Outlet    string
	Published time.Time // the article's date; zero when unknown
	Title     string    // the article's headline, if any
	Quote     string    // the sentence that supports the link
	URL       string    // the article's address, "" for local files
	// Ranking is the player's ranking right after the news: his current
	// club, the best destinations (at most AlertRankingSize) and the share
	// of staying.
	Current string
	Ranking []Share
	Stays   float64
}

// AlertRankingSize is how many destinations an Alert's Ranking keeps.
const AlertRankingSize = 3

// Share is one destination's share in a ranking.
type Share struct {
	Club  string
	Share float64 // 0..1
}

// New reports whether the alert is about a link that did not exist before.
func (a Alert) New() bool { return a.Previous == StageUnknown }

// Reaches reports whether the alert passes a subscription's minimum stage
// min: every alert passes StageUnknown; a positive stage passes when it is
// min or stronger; a denial or collapse passes when the link had reached min
// before (the fan was told about it, so is told it ended).
func (a Alert) Reaches(min Stage) bool {
	if min == StageUnknown {
		return true
	}
	s := a.Stage
	if s.Negative() {
		s = a.Previous
	}
	return s.Valid() && !s.Negative() && s >= min
}

// DeliveryKey names one alert's delivery to one channel. It is the
// idempotency key of the outbox: a delivery is sent at most once unless the
// process dies between the platform accepting it and the store marking it.
type DeliveryKey struct {
	Alert    int64
	Platform string
	Channel  string
}

// Delivery is an alert waiting to be delivered to one channel.
type Delivery struct {
	DeliveryKey
	Alert    Alert
	Attempts int // failed attempts so far
	// Kind and Target name the subscription that asked for the alert:
	// the player's when the channel follows him, else the club's (Club,
	// else From). The alert message offers to unsubscribe from it.
	Kind   SubjectKind
	Target string
}

// DeliveryCounts counts the outbox's deliveries by state.
type DeliveryCounts struct {
	Pending, Sent, Dropped int
}

// ArticleKey identifies an article that may already be stored: by its feed
// GUID, or by its URL. Empty fields are ignored.
type ArticleKey struct {
	GUID string
	URL  string
}
