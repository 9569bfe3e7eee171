//go:build unix

package feed_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"transferbot/rumours/feed"
)

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPoll500Feeds polls 500 feeds served by one local server once per
// iteration (a cycle), each feed with Poll from its own goroutine as Run
// does. "304": the server answers the conditional GETs with 304. "known":
// every feed returns its 30-item RSS body (about 17 KB), all of whose items
// are already stored. The figures include the in-process server's
// work: ns/op is wall time per cycle, cpu-ns/cycle the process's CPU time
// per cycle, B/op and allocs/op per cycle; heap-MiB is the heap in use after
// the cycles and maxrss-MiB the process's peak resident memory (the whole
// test binary, both variants run so far).
func BenchmarkPoll500Feeds(b *testing.B) {
	const nFeeds = 500
	start := time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC)
	bodies := make([][]byte, nFeeds) // each feed's items have their own links and texts
	for f := range bodies {
		var items []rssItem
		for i := range 30 {
			link := fmt.Sprintf("https://news%d.example.com/transfers/%d", f, i)
			items = append(items, rssItem{
				title: fmt.Sprintf("Player %d linked with a move to Club %d", i, f),
				link:  link,
				guid:  link,
				date:  start.Add(time.Duration(i) * time.Hour),
				text: "&lt;p&gt;" + strings.Repeat(fmt.Sprintf("Club %d are in talks over a deal for player %d. ", f, i), 6) +
					"&lt;/p&gt;&lt;p&gt;More to follow.&lt;/p&gt;",
			})
		}
		bodies[f] = rssDoc(items...)
	}
	for _, mode := range []string{"304", "known"} {
		b.Run(mode, func(b *testing.B) {
			mux := http.NewServeMux()
			mux.HandleFunc("/feed/{n}", func(w http.ResponseWriter, r *http.Request) {
				if mode == "304" {
					w.Header().Set("ETag", `"v1"`)
					if r.Header.Get("If-None-Match") == `"v1"` {
						w.WriteHeader(http.StatusNotModified)
						return
					}
				}
				n, err := strconv.Atoi(r.PathValue("n"))
				if err != nil || n < 0 || n >= nFeeds {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Write(bodies[n])
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			feeds := make([]feed.Feed, nFeeds)
			for i := range feeds {
				feeds[i] = feed.Feed{URL: fmt.Sprintf("%s/feed/%d", srv.URL, i), Outlet: "Bench"}
			}
			ing := newFake()
			p := newPoller(b, ing, feeds, feed.Options{})
			cycle := func() {
				var wg sync.WaitGroup
				for _, f := range feeds {
					wg.Go(func() {
						res, err := p.Poll(ctx, f.URL)
						if err != nil || res.Stored != 0 && res.Items == 0 {
							b.Error(res, err)
						}
					})
				}
				wg.Wait()
			}
			cycle() // first poll: stores the items, gets the ETags
			if n := len(ing.stored); n != 30*nFeeds {
				b.Fatalf("%d articles stored after the first cycle, want %d", n, 30*nFeeds)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime(b)
			for range b.N {
				cycle()
			}
			cpu := cpuTime(b) - cpu0
			b.StopTimer()
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/cycle")
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
			var ru syscall.Rusage
			if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
				b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MiB") // KiB on Linux
			}
			if ing.ingestCalls() != nFeeds {
				b.Errorf("%d ingest calls, want %d (the first cycle only)", ing.ingestCalls(), nFeeds)
			}
		})
	}
}
