package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"transferbot/bot"
	"transferbot/bot/console"
	"transferbot/ops"
	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/extract"
	"transferbot/rumours/feed"
	"transferbot/rumours/gazetteer"
	"transferbot/storage"
)

// Main wires the bot together: configuration, store, engine, command core
// and the adapters. It is the only place that knows every package. Open it,
// Run it, Close it; it is not safe for concurrent Open/Close.
type Main struct {
	Config Config
	Stdin  io.Reader
	Stdout io.Writer
	Logger *slog.Logger
	// Interactive makes the console print a greeting and a prompt.
	Interactive bool
	// DemoFeed, when the demo runs (see Config.DemoRuns) and no feed is
	// configured, makes Run poll the built-in demo feed, which publishes a
	// demo article every DemoFeed, with the console as the only channel: a
	// fresh store is then seeded with the demo history only
	// (demo.FeedHistory articles) and follows demoFollows.
	DemoFeed time.Duration
	// Exclusive makes Open take the database's instance lock first, and
	// fail when another process holds it: set for the command that serves
	// the database (runs its dispatcher and chat adapters), which must run
	// once per database. Commands that only read, and ingest, open it
	// beside a running bot.
	Exclusive bool
	// WatchEvery is how often Run checks that the database file it opened
	// is still the one at its path (and the lock file its lock's) and that
	// no write to it failed for good, as on a full disk; it stops when
	// not. Zero means every 5 seconds.
	WatchEvery time.Duration

	// storeOpts are the store's options; tests set them.
	storeOpts storage.Options

	gaz    *gazetteer.Gazetteer
	lock   *storage.InstanceLock // held when Exclusive
	store  *storage.Store
	engine *rumours.Engine
	core   *bot.Core
	charts *bot.ChartCache // shared by the adapters
	demo   bool            // the demo feed runs (see DemoFeed)
	clock  clock           // the demo's clock when the demo corpus is all there is
}

// servedKey is the state key Run sets in a database it serves a chat
// platform from. Such a database never receives the demo corpus, even when
// it holds no articles yet and a later command runs without a token.
const servedKey = "transferbot/served"

// demoFollows returns what the console follows in a fresh demo store: the
// demo feed's news about them arrives as alerts.
func demoFollows() []rumours.Subscription {
	return []rumours.Subscription{
		{Kind: rumours.KindPlayer, Target: "Romelu Lukaku"},
		{Kind: rumours.KindClub, Target: "Paris Saint-Germain"},
	}
}

// lockError words the error of taking the instance lock of the database at
// db for the operator.
func lockError(db string, err error) error {
	var le *storage.LockedError
	if !errors.As(err, &le) {
		return fmt.Errorf("transferbot: %w", err)
	}
	holder := "another transferbot"
	if h := le.Holder; h.PID != 0 {
		holder = fmt.Sprintf("another transferbot (pid %d on %s, running since %s)", h.PID, h.Host, h.Since.Local().Format("2006-01-02 15:04:05 MST"))
	}
	return fmt.Errorf("transferbot: %s already serves %s; stop it before starting another, or give this one its own database. "+
		"ask, feeds, subscriptions and ingest work beside it (lock file %s): %w", holder, db, le.LockFile, err)
}

// Open loads the gazetteer, opens the store and builds the engine and the
// command core. On first start (an empty store), when the demo runs (see
// Config.DemoRuns) and the store was never served on a chat platform, it
// ingests the built-in demo corpus.
func (m *Main) Open(ctx context.Context) error {
	if m.Logger == nil {
		m.Logger = slog.New(slog.DiscardHandler)
	}
	g, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	m.gaz = g
	if m.Exclusive {
		l, err := storage.LockInstance(m.Config.Database)
		if err != nil {
			return lockError(m.Config.Database, err)
		}
		m.lock = l
	}
	st, err := storage.OpenWith(ctx, m.Config.Database, m.storeOpts)
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	m.store = st
	opts := engineOptions(m.Config, m.Logger)
	eng, err := rumours.New(st, g, extract.New(g, opts.Outlets), opts)
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	m.engine = eng
	m.core = bot.New(eng, bot.Options{Now: m.clock.Now})
	m.charts = bot.NewChartCache(0, 0, 0)
	if !m.Config.DemoRuns() {
		return nil
	}
	_, served, err := st.State(ctx, servedKey)
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	if served {
		return nil
	}
	m.demo = m.DemoFeed > 0 && len(m.Config.Feeds) == 0
	if err := m.seedDemo(ctx); err != nil {
		return err
	}
	return m.setDemoClock(ctx)
}

// setDemoClock sets the command core's clock, by which a question without
// a date is asked, to the demo's time when the store holds the demo corpus
// and nothing else: the demo replays a season that ended years ago, and
// asked today every saga in it would be closed history. The clock then
// starts the day after the corpus's newest article and runs on from there.
// Alerts and deliveries keep the real clock.
func (m *Main) setDemoClock(ctx context.Context) error {
	hashes, err := demo.TextHashes()
	if err != nil {
		return fmt.Errorf("transferbot: demo corpus: %w", err)
	}
	n, err := m.store.CountArticles(ctx)
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	d, err := m.store.CountTextHashes(ctx, hashes)
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	if n == 0 || d != n {
		return nil // real news: the real clock
	}
	arts, err := demo.Articles()
	if err != nil {
		return fmt.Errorf("transferbot: demo corpus: %w", err)
	}
	var newest time.Time
	for _, a := range arts[:min(len(arts), max(n, demo.FeedHistory))] {
		newest = later(newest, a.Published)
	}
	// The demo feed publishes the rest of the season as it runs: the clock
	// keeps up with the newest article stored, so that its news is asked
	// about, not left in the future.
	newestStored := func() time.Time {
		ev, err := m.store.LatestEvidence(context.Background(), time.Time{}, 1)
		if err != nil || len(ev) == 0 {
			return time.Time{}
		}
		return ev[0].Published
	}
	m.clock.start(newest.AddDate(0, 0, 1), newestStored)
	m.Logger.Info("the demo answers as of its own time", "now", m.clock.Now().Format("2006-01-02"))
	return nil
}

// clock is the bot's clock: the real one, or the demo's, which runs from a
// day in the demo's season at the real clock's pace and is never before
// the day after the newest news (latest). The zero clock is the real one.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
	latest func() time.Time // the newest news's date; nil for the real clock
}

// Now returns the clock's time.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	offset, latest := c.offset, c.latest
	c.mu.Unlock()
	now := time.Now().Add(offset)
	if latest != nil {
		now = later(now, latest().AddDate(0, 0, 1))
	}
	return now
}

// start makes the clock read t now, and never less than the day after
// latest's date.
func (c *clock) start(t time.Time, latest func() time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset, c.latest = time.Until(t), latest
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// seedDemo ingests the demo corpus into an empty store.
func (m *Main) seedDemo(ctx context.Context) error {
	n, err := m.store.CountArticles(ctx)
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	if n > 0 {
		return nil
	}
	arts, err := demo.Articles()
	if err != nil {
		return fmt.Errorf("transferbot: demo corpus: %w", err)
	}
	if m.demo {
		arts = arts[:demo.FeedHistory] // the demo feed publishes the rest
		for _, s := range demoFollows() {
			s.Platform, s.Channel = console.Platform, console.Channel
			if err := m.engine.Subscribe(ctx, s); err != nil {
				return fmt.Errorf("transferbot: demo subscriptions: %w", err)
			}
		}
	}
	links := 0
	for _, a := range arts {
		res, err := m.engine.Ingest(ctx, a)
		if err != nil {
			return fmt.Errorf("transferbot: demo corpus: %w", err)
		}
		links += len(res.Links)
	}
	m.Logger.Info("ingested the demo corpus", "articles", len(arts), "links", links)
	return nil
}

// Run runs the bot's main job until ctx ends or, for the console, until its
// input ends: the platform adapters that the configuration enables, or the
// console chat when none is; the feed poller when feeds are configured (or
// the demo feed runs); and the alert dispatcher, which delivers alerts to
// the adapters' channels (the console's when it runs). When one part fails
// the others are stopped and the errors returned.
func (m *Main) Run(ctx context.Context) error {
	if m.core == nil {
		return errors.New("transferbot: Run before Open")
	}
	var (
		parts []part
		mon   *ops.Monitor        // nil without ops.listen
		obs   bot.AdapterObserver // mon, or nil
	)
	if m.Config.Ops.Listen != "" {
		var ln net.Listener
		var err error
		if mon, ln, err = m.opsListener(); err != nil {
			return err
		}
		defer ln.Close() // when Run fails before serving it
		obs = mon
		parts = append(parts, part{name: "ops", run: func(ctx context.Context) error {
			return mon.Serve(ctx, ln, m.Logger.With("part", "ops"))
		}})
	}
	fronts, err := m.frontEnds(obs)
	if err != nil {
		return err
	}
	if len(fronts) > 0 {
		if err := m.markServed(ctx, fronts); err != nil {
			return err
		}
	}
	if m.lock != nil {
		// Alone on the database: claims on the outbox are a dead bot's,
		// whose deliveries would otherwise wait for their leases to end.
		n, err := m.store.ReleaseAllClaims(ctx)
		if err != nil {
			return fmt.Errorf("transferbot: %w", err)
		}
		if n > 0 {
			m.Logger.Info("alerts claimed by a bot that stopped are due again", "deliveries", n)
		}
	}
	notifiers := map[string]bot.Notifier{}
	for _, f := range fronts {
		notifiers[f.platform] = f.notifier
		parts = append(parts, part{name: f.platform, run: f.run})
	}
	var con *console.Console
	if len(fronts) == 0 {
		con = console.New(m.core, m.Stdin, m.Stdout, m.Interactive)
		notifiers[console.Platform] = con
		// the console's end (quit, end of input) ends the run
		parts = append(parts, part{name: "console", run: con.Run, last: true})
	}
	feeds := m.feeds()
	var resolve feed.Resolver // DNS, unless the demo feed runs
	if m.demo {
		df, res, stop, err := m.startDemoFeed()
		if err != nil {
			return err
		}
		defer stop()
		resolve = res
		subs, err := m.engine.Subscriptions(ctx, console.Platform, console.Channel)
		if err != nil {
			return fmt.Errorf("transferbot: %w", err)
		}
		var names []string
		for _, s := range subs {
			names = append(names, s.Target)
		}
		con.Intro = m.core.DemoFeedIntro(names, m.DemoFeed, df.Remaining())
	}
	dopts := bot.DispatcherOptions{
		MaxAge: m.Config.Alerts.MaxAge,
		Logger: m.Logger.With("part", "alerts"),
	}
	if mon != nil {
		dopts.Observer = mon
	}
	disp := bot.NewDispatcher(m.core, m.engine, notifiers, dopts)
	parts = append(parts, part{name: "alerts", run: disp.Run})
	parts = append(parts, part{name: "database", run: m.watchDatabase})
	if len(feeds) > 0 {
		fopts := feed.Options{
			Resolve: resolve,
			Logger:  m.Logger.With("part", "feeds"),
			OnIngest: func(alerts int) {
				if mon != nil {
					mon.AlertsQueued(alerts)
				}
				if alerts > 0 {
					disp.Wake()
				}
			},
		}
		if mon != nil {
			fopts.OnPoll = mon.FeedPolled
		}
		poller, err := feed.New(m.engine, feeds, fopts)
		if err != nil {
			return fmt.Errorf("transferbot: %w", err)
		}
		parts = append(parts, part{name: "feeds", run: poller.Run})
	}
	return m.runParts(ctx, parts)
}

// opsListener makes the ops listener's Monitor, with a registry of its own
// (the bot's metrics, and the Go runtime's and the process's), and listens
// on ops.listen: a busy port is an error at start, not later.
func (m *Main) opsListener() (*ops.Monitor, net.Listener, error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mon, err := ops.New(reg, ops.Options{Store: m.checkStore, Platforms: m.Config.Platforms()})
	if err != nil {
		return nil, nil, fmt.Errorf("transferbot: %w", err)
	}
	ln, err := net.Listen("tcp", m.Config.Ops.Listen)
	if err != nil {
		return nil, nil, fmt.Errorf("transferbot: ops.listen: %w", err)
	}
	m.Logger.Info("serving /healthz and /metrics", "part", "ops", "addr", ln.Addr().String())
	return mon, ln, nil
}

// checkStore reports whether the store answers: its file is the one
// opened, no write failed for good, and a read succeeds.
func (m *Main) checkStore(ctx context.Context) error {
	if err := m.store.CheckFile(); err != nil {
		return err
	}
	if err := m.store.Fault(); err != nil {
		return err
	}
	_, _, err := m.store.State(ctx, servedKey)
	return err
}

// watchDatabase checks every WatchEvery that the database file is still
// the one the store opened, that no write to it failed for good (a full
// disk; see storage.Store.Fault), and that the lock file is still this
// process's, until ctx ends. When not, it returns an error, which stops the bot: the
// store would go on writing to a file no one will open again (a deleted
// database loses every later subscription), and a second bot could start
// beside it.
func (m *Main) watchDatabase(ctx context.Context) error {
	every := m.WatchEvery
	if every <= 0 {
		every = 5 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		if err := m.store.CheckFile(); err != nil {
			m.Logger.Error("database file gone; stopping", "database", m.Config.Database, "err", err)
			return fmt.Errorf("the database %s is no longer the file this bot opened (deleted, moved or replaced); "+
				"stopping so that nothing more is written to it. Put it back; to start afresh instead, remove %s-wal and %s-shm first: %w",
				m.Config.Database, m.Config.Database, m.Config.Database, err)
		}
		if err := m.store.Fault(); err != nil {
			m.Logger.Error("database cannot be written; stopping", "database", m.Config.Database, "err", err)
			return fmt.Errorf("the database %s can no longer be written; stopping rather than go on losing what the bot does. "+
				"Free disk space, or make the file system writable, and start again: %w", m.Config.Database, err)
		}
		if m.lock == nil {
			continue
		}
		if err := m.lock.Check(); err != nil {
			m.Logger.Error("lock file gone; stopping", "database", m.Config.Database, "err", err)
			return fmt.Errorf("the lock file %s was deleted or replaced, so a second bot could start on %s; stopping: %w",
				storage.LockPath(m.Config.Database), m.Config.Database, err)
		}
	}
}

// part is one of the things Run runs at once.
type part struct {
	name string
	run  func(ctx context.Context) error
	// last: when it returns, even without an error, the run is over.
	last bool
}

// runParts runs parts until ctx ends, one fails, or a last part returns;
// then it stops the others and waits for them. It returns the errors of the
// parts that failed, else the last part's error, else ctx.Err().
func (m *Main) runParts(parent context.Context, parts []part) error {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	type result struct {
		p   part
		err error
	}
	done := make(chan result, len(parts))
	for _, p := range parts {
		go func() {
			err := p.run(ctx)
			if (err != nil && ctx.Err() == nil) || p.last {
				cancel(err)
			}
			done <- result{p, err}
		}()
	}
	var all []error
	ended := false // a last part ended the run
	for range parts {
		r := <-done
		ended = ended || r.p.last
		if r.err != nil && !errors.Is(r.err, context.Canceled) {
			all = append(all, fmt.Errorf("%s: %w", r.p.name, r.err))
		}
	}
	switch {
	case len(all) > 0:
		return errors.Join(all...)
	case ended && parent.Err() == nil:
		return nil
	}
	return parent.Err()
}

// feeds returns the feeds the poller polls: the configured ones, or the
// demo feed when it runs.
func (m *Main) feeds() []feed.Feed {
	out := make([]feed.Feed, len(m.Config.Feeds))
	for i, f := range m.Config.Feeds {
		out[i] = feed.Feed{URL: f.URL, Outlet: f.Outlet, Tier: f.Tier, Interval: f.Interval,
			FetchArticle: f.FetchArticle, AllowPrivate: f.AllowPrivate}
	}
	if m.demo {
		// served on loopback (see demoFeedURL)
		out = append(out, feed.Feed{URL: demoFeedURL, Interval: min(demoFeedPoll, m.DemoFeed/4), AllowPrivate: true})
	}
	return out
}

// demoFeedPoll is how often the demo feed is polled.
const demoFeedPoll = 5 * time.Second

// demoFeedURL is the demo feed's address. The feed is served on a loopback
// port chosen at each start, and the poller resolves every host to that
// port, so that the feed keeps one address, and with it its
// status (`transferbot feeds`) and its items' GUIDs, from run to run. The
// .invalid domain never resolves, should the address leak anywhere.
const demoFeedURL = "http://demo-feed.transferbot.invalid/demo.rss"

// startDemoFeed serves the demo feed on a loopback port and returns it, a
// resolver for the poller that reaches it at demoFeedURL, and a function
// that stops the server.
func (m *Main) startDemoFeed() (*demo.Feed, feed.Resolver, func(), error) {
	stored, err := m.store.CountArticles(context.Background())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("transferbot: demo feed: %w", err)
	}
	df, err := demo.NewFeed(m.DemoFeed, stored, nil)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("transferbot: demo feed: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("transferbot: demo feed: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/demo.rss", df)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}
	addr := ln.Addr().(*net.TCPAddr).AddrPort()
	resolve := func(context.Context, string, string) ([]netip.AddrPort, error) {
		return []netip.AddrPort{addr}, nil
	}
	return df, resolve, stop, nil
}

// markServed records in the store that it serves the platforms of fronts
// (see servedKey), and logs a warning when it holds demo articles, with
// the command that removes them.
func (m *Main) markServed(ctx context.Context, fronts []frontEnd) error {
	var names []string
	for _, f := range fronts {
		names = append(names, f.platform)
	}
	if err := m.store.SetState(ctx, servedKey, strings.Join(names, ",")); err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	n, err := m.DemoArticles(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		m.Logger.Warn("the database holds articles of the built-in demo corpus, whose quotes are invented; stop the bot and remove them with the command given",
			"articles", n, "database", m.Config.Database, "command", purgeDemoCommand(m.Config.Database))
	}
	return nil
}

// purgeDemoCommand is the command line that removes the demo corpus from
// the database at path.
func purgeDemoCommand(path string) string {
	if path == DefaultConfig().Database {
		return "transferbot purge-demo"
	}
	if strings.ContainsAny(path, " \t'\"\\$`") {
		path = strconv.Quote(path)
	}
	return "transferbot -db " + path + " purge-demo"
}

// DemoArticles returns how many articles of the built-in demo corpus the
// store holds.
func (m *Main) DemoArticles(ctx context.Context) (int, error) {
	hashes, err := demo.TextHashes()
	if err != nil {
		return 0, fmt.Errorf("transferbot: demo corpus: %w", err)
	}
	n, err := m.store.CountTextHashes(ctx, hashes)
	if err != nil {
		return 0, fmt.Errorf("transferbot: %w", err)
	}
	return n, nil
}

// PurgeDemo deletes the articles of the built-in demo corpus from the
// store, with their links and alerts, and returns how many it deleted.
func (m *Main) PurgeDemo(ctx context.Context) (int, error) {
	hashes, err := demo.TextHashes()
	if err != nil {
		return 0, fmt.Errorf("transferbot: demo corpus: %w", err)
	}
	n, err := m.store.DeleteArticles(ctx, hashes)
	if err != nil {
		return 0, fmt.Errorf("transferbot: %w", err)
	}
	return n, nil
}

// Ask answers one question as of asOf (zero: now) and returns the reply.
func (m *Main) Ask(ctx context.Context, question string, asOf time.Time) bot.Reply {
	return m.answer(ctx, bot.Request{Text: question, AsOf: asOf})
}

// answer answers req as the console's own user, who manages its
// subscriptions.
func (m *Main) answer(ctx context.Context, req bot.Request) bot.Reply {
	req.Platform, req.Channel, req.User, req.CanManage = console.Platform, console.Channel, console.User, true
	return m.core.Handle(ctx, req)
}

// Close releases the store, then the instance lock. It is safe to call
// after a failed Open.
func (m *Main) Close() error {
	var err error
	if m.store != nil {
		err = m.store.Close()
		m.store = nil
	}
	if m.lock != nil {
		err = errors.Join(err, m.lock.Release())
		m.lock = nil
	}
	return err
}

// engineOptions turns the ranking configuration into engine options.
func engineOptions(cfg Config, log *slog.Logger) rumours.Options {
	outlets := rumours.DefaultOutlets()
	seen := map[string]bool{}
	for i, o := range outlets {
		if tier, ok := cfg.Ranking.Outlets[o.Name]; ok {
			outlets[i].Tier = tier
			seen[o.Name] = true
		}
	}
	for name, tier := range cfg.Ranking.Outlets {
		if !seen[name] {
			outlets = append(outlets, rumours.Outlet{Name: name, Tier: tier})
			seen[name] = true
		}
	}
	// a feed's tier applies to its outlet unless ranking.outlets sets one
	for _, f := range cfg.Feeds {
		if f.Outlet == "" || f.Tier == 0 {
			continue
		}
		if _, ok := cfg.Ranking.Outlets[f.Outlet]; ok {
			continue
		}
		if i := slices.IndexFunc(outlets, func(o rumours.Outlet) bool { return o.Name == f.Outlet }); i >= 0 {
			outlets[i].Tier = f.Tier
		} else {
			outlets = append(outlets, rumours.Outlet{Name: f.Outlet, Tier: f.Tier})
		}
	}
	return rumours.Options{
		Outlets:       outlets,
		TierWeights:   cfg.Ranking.TierWeights,
		UnknownTier:   cfg.Ranking.UnknownTier,
		HalfLife:      cfg.Ranking.HalfLife,
		StaysWeight:   cfg.Ranking.StaysWeight,
		AlertMinScore: cfg.Alerts.MinScore,
		Logger:        log,
	}
}
