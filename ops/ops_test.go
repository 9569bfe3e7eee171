package ops

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"transferbot/rumours/feed"
)

func TestHealthz(t *testing.T) {
	storeDown := errors.New("database is locked")
	cases := []struct {
		name      string
		platforms []string
		connected map[string]bool // Connected calls
		storeErr  error
		want      int
		wantBody  []string
	}{
		{"no platforms, store answers", nil, nil, nil, http.StatusOK, []string{`"healthy": true`}},
		{"all connected", []string{"telegram", "discord"}, map[string]bool{"telegram": true, "discord": true}, nil,
			http.StatusOK, []string{`"telegram": true`, `"discord": true`}},
		{"one never connected", []string{"telegram", "discord"}, map[string]bool{"telegram": true}, nil,
			http.StatusServiceUnavailable, []string{`"healthy": false`, `"discord": false`}},
		{"one went down", []string{"telegram"}, map[string]bool{"telegram": false}, nil,
			http.StatusServiceUnavailable, []string{`"telegram": false`}},
		{"store down", []string{"telegram"}, map[string]bool{"telegram": true}, storeDown,
			http.StatusServiceUnavailable, []string{`"ok": false`, "database is locked"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := New(prometheus.NewRegistry(), Options{
				Store:     func(context.Context) error { return c.storeErr },
				Platforms: c.platforms,
			})
			if err != nil {
				t.Fatal(err)
			}
			for p, up := range c.connected {
				m.Connected(p, up)
			}
			rec := httptest.NewRecorder()
			m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
			if rec.Code != c.want {
				t.Errorf("status %d, want %d; body:\n%s", rec.Code, c.want, rec.Body)
			}
			for _, w := range c.wantBody {
				if !strings.Contains(rec.Body.String(), w) {
					t.Errorf("body lacks %s:\n%s", w, rec.Body)
				}
			}
		})
	}
}

// TestHealthzTimes: the last successful feed poll and delivery are
// reported, and a failed poll after the last good one names its error.
func TestHealthzTimes(t *testing.T) {
	now := time.Date(2026, 12, 7, 19, 0, 0, 0, time.UTC)
	m, err := New(prometheus.NewRegistry(), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	m.FeedPolled("https://a.example/rss", feed.Result{Stored: 2, Links: 3}, nil)
	m.Delivered("telegram", 2)
	now = now.Add(time.Hour)
	m.FeedPolled("https://b.example/rss", feed.Result{}, errors.New("feed: 500 Internal Server Error"))
	h := m.Health(context.Background())
	data, _ := json.Marshal(h)
	for _, w := range []string{`"last_feed_poll":"2026-12-07T19:00:00Z"`, `"last_delivery":"2026-12-07T19:00:00Z"`,
		`"last_feed_error":"feed: 500 Internal Server Error"`} {
		if !strings.Contains(string(data), w) {
			t.Errorf("health %s lacks %s", data, w)
		}
	}
	if !h.Healthy {
		t.Errorf("a failed feed poll makes the bot unhealthy: %s", data)
	}
}
