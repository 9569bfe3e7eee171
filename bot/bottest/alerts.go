package bottest

import (
	"sync"
	"time"

	"transferbot/rumours"
)

// AlertPlayer is the player whose followers the News alert.
const AlertPlayer = "Erling Haaland"

// News are two pieces of news about AlertPlayer, each an alert for his
// followers when ingested with Engine.IngestNews: Juventus open talks, then
// agree a fee. They are dated after every article of the demo corpus (which
// reaches August 2021): the engine ranks as of the newest evidence, so
// older news may not rank high enough to be news.
var News = []rumours.Article{
	{
		ID: "talks", GUID: "test-feed talks", URL: "https://news.example/haaland-juventus-talks",
		Title: "Juventus open talks for Haaland", Outlet: "Sky Sports",
		Published: time.Date(2021, 9, 30, 9, 0, 0, 0, time.UTC),
		Text:      "Juventus have opened talks with Borussia Dortmund over Erling Haaland, Sky Sports reports.",
	},
	{
		ID: "agreed", GUID: "test-feed agreed", URL: "https://news.example/haaland-juventus-fee",
		Title: "Juventus agree Haaland fee", Outlet: "Sky Sports",
		Published: time.Date(2021, 10, 2, 9, 0, 0, 0, time.UTC),
		Text:      "Juventus have agreed a fee with Borussia Dortmund for Erling Haaland, Sky Sports reports.",
	},
}

// Clock is a settable clock for a dispatcher in tests, starting at Now. It
// is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock set to Now, the engine's clock.
func NewClock() *Clock { return &Clock{t: Now} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
