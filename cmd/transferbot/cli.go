package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"strings"
	"time"

	"transferbot/bot"
	"transferbot/rumours"
	"transferbot/rumours/extract"
	"transferbot/rumours/feed"
	"transferbot/rumours/gazetteer"
	"transferbot/rumours/score"
	"transferbot/rumours/source"
)

const usage = `transferbot: where is every player heading, why, and who said it.

Usage:
  transferbot [-config FILE] [-db FILE]          run the bot (console chat without tokens)
  transferbot ask [-as-of YYYY-MM-DD] [-chart out.png] QUESTION
  transferbot ingest PATH...                     store articles (seed text, .jsonl, .html; directories too)
  transferbot extract [-json|-explain] PATH...    print the links found, without storing
  transferbot eval -gold labels.jsonl PATH...    score extraction against gold labels
  transferbot questions [-shared DIR] [-verbose]  score the reading of the labelled fan questions
  transferbot subscriptions                      list every channel's subscriptions
  transferbot feeds                              show each feed's last poll, errors and counts, and the alerts outbox
  transferbot purge-demo                         remove the built-in demo corpus from the database

Global flags come before the command. The database defaults to ./transferbot.db;
TRANSFERBOT_* environment variables override the config file.
`

// demoFeedEvery is how often the demo feed publishes an article when the
// bot runs on the embedded default.
const demoFeedEvery = 20 * time.Second

// cli runs one command line and returns the process exit code.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	interactive    bool
}

func (c *cli) run(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("transferbot", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() { fmt.Fprint(c.stderr, usage) }
	cfgPath := fs.String("config", "", "configuration file (YAML)")
	db := fs.String("db", "", "SQLite database file (overrides the config)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg, err := LoadConfig(*cfgPath, c.getenv)
	if err == nil && *db != "" {
		cfg.Database = *db
	}
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil {
		fmt.Fprintln(c.stderr, err)
		return 2
	}
	m := &Main{Config: cfg, Stdin: c.stdin, Stdout: c.stdout, Interactive: c.interactive, Logger: newLogger(c.stderr, cfg.SlogLevel())}
	cmd, rest := "run", fs.Args()
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	switch cmd {
	case "run", "serve":
		m.DemoFeed = demoFeedEvery
		m.Exclusive = true // one bot per database
		err = c.withMain(ctx, m, func() error { return m.Run(ctx) })
		if errors.Is(err, context.Canceled) {
			err = nil // stopped by SIGINT or SIGTERM: a clean exit
		}
	case "ask":
		err = c.ask(ctx, m, rest)
	case "ingest":
		err = c.ingest(ctx, m, rest)
	case "extract":
		err = c.extract(ctx, rest)
	case "eval":
		err = c.eval(ctx, rest)
	case "questions":
		err = c.questions(ctx, rest)
	case "subscriptions":
		err = c.withMain(ctx, m, func() error { return c.subscriptions(ctx, m) })
	case "feeds":
		m.DemoFeed = demoFeedEvery // listed when `run` would poll it
		err = c.withMain(ctx, m, func() error { return c.feeds(ctx, m) })
	case "purge-demo":
		m.Config.Demo = false // removing the demo must not seed it first
		err = c.withMain(ctx, m, func() error { return c.purgeDemo(ctx, m) })
	case "help", "-h", "--help":
		fmt.Fprint(c.stdout, usage)
	default:
		fmt.Fprintf(c.stderr, "transferbot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		var ue usageError
		fmt.Fprintln(c.stderr, err)
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

type usageError string

func (e usageError) Error() string { return string(e) }

func (c *cli) withMain(ctx context.Context, m *Main, fn func() error) error {
	if err := m.Open(ctx); err != nil {
		m.Close()
		return err
	}
	err := fn()
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

func (c *cli) ask(ctx context.Context, m *Main, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	asOf := fs.String("as-of", "", "answer as of this date (YYYY-MM-DD)")
	chart := fs.String("chart", "", "write the destination chart to this PNG file")
	asJSON := fs.Bool("json", false, "print the question as understood and the answer as JSON")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError("transferbot ask: " + err.Error())
	}
	question := strings.Join(words, " ")
	if strings.TrimSpace(question) == "" {
		return usageError(`transferbot ask: give a question, e.g. transferbot ask "where is Ramos heading?"`)
	}
	var when time.Time
	if *asOf != "" {
		t, err := time.Parse("2006-01-02", *asOf)
		if err != nil {
			return usageError(fmt.Sprintf("transferbot ask: -as-of %q: want YYYY-MM-DD", *asOf))
		}
		when = t.Add(24*time.Hour - time.Second) // the whole day counts
	}
	return c.withMain(ctx, m, func() error {
		if *asJSON {
			ans, err := m.askJSON(ctx, question, when)
			if err != nil {
				return fmt.Errorf("transferbot ask: %w", err)
			}
			enc := json.NewEncoder(c.stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(ans)
		}
		// nothing can be pressed once the command has printed its answer
		reply := m.answer(ctx, bot.Request{Text: question, AsOf: when, NoButtons: true})
		fmt.Fprintln(c.stdout, reply.PlainText())
		if *chart == "" {
			return nil
		}
		if reply.Chart == nil {
			return errors.New("transferbot ask: this answer has no chart")
		}
		png, err := bot.RenderChart(*reply.Chart, 800, 450)
		if err != nil {
			return fmt.Errorf("transferbot ask: %w", err)
		}
		if err := os.WriteFile(*chart, png, 0o644); err != nil {
			return fmt.Errorf("transferbot ask: write chart: %w", err)
		}
		fmt.Fprintf(c.stdout, "chart written to %s\n", *chart)
		return nil
	})
}

// parseInterspersed parses args with fs, taking flags before, between and
// after the other arguments, which it returns in order: `ask "where is
// Ramos heading?" -as-of 2020-12-01` reads as the question and a date (the
// flag package alone stops at the first argument that is not a flag).
// Everything after "--" is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(words, rest...), nil
		}
		words, args = append(words, rest[0]), rest[1:]
	}
}

func (c *cli) ingest(ctx context.Context, m *Main, paths []string) error {
	if len(paths) == 0 {
		return usageError("transferbot ingest: give files or directories to ingest")
	}
	m.Config.Demo = false // an explicit ingest is not a first start
	return c.withMain(ctx, m, func() error {
		var failed, stored, dup, links int
		// articles wait here until a batch is full: IngestBatch extracts on
		// every core and stores a batch with one commit
		type pending struct {
			path string
			a    rumours.Article
		}
		var batch []pending
		flush := func() {
			arts := make([]rumours.Article, len(batch))
			for i, p := range batch {
				arts[i] = p.a
			}
			results, errs := m.engine.IngestBatch(ctx, arts)
			for i, p := range batch {
				res, err := results[i], errs[i]
				switch {
				case err != nil:
					failed++
					fmt.Fprintf(c.stdout, "%s: %s: not stored: %v\n", p.path, p.a.ID, err)
				case res.Duplicate:
					dup++
					fmt.Fprintf(c.stdout, "%s: %s: already stored\n", p.path, p.a.ID)
				default:
					stored++
					links += len(res.Links)
					fmt.Fprintf(c.stdout, "%s: %s: %d links\n", p.path, p.a.ID, len(res.Links))
					for _, l := range res.Links {
						fmt.Fprintf(c.stdout, "  %s\n", describeLink(l))
					}
				}
			}
			batch = batch[:0]
		}
		err := source.Walk(ctx, paths, func(path string, arts []rumours.Article, err error) error {
			if err != nil {
				failed++
				fmt.Fprintf(c.stdout, "%s: skipped: %v\n", path, err)
			}
			for _, a := range arts {
				if ctx.Err() != nil {
					break // SIGINT or SIGTERM: what is stored stays, the rest is not read
				}
				batch = append(batch, pending{path, a})
				if len(batch) == ingestBatch {
					flush()
				}
			}
			return ctx.Err()
		})
		if ctx.Err() == nil {
			flush()
		}
		fmt.Fprintf(c.stdout, "stored %d articles with %d links; %d already stored; %d failed\n", stored, links, dup, failed)
		if err != nil {
			return fmt.Errorf("transferbot ingest: %w", err)
		}
		if failed > 0 {
			return fmt.Errorf("transferbot ingest: %d files or articles could not be read or stored", failed)
		}
		return nil
	})
}

// ingestBatch is how many articles `ingest` stores with one commit.
const ingestBatch = 64

func describeLink(l rumours.Link) string {
	s := fmt.Sprintf("%s -> %s (%s", l.Player, l.To, l.Stage)
	if l.From != "" {
		s += ", from " + l.From
	}
	if len(l.Outlets) > 0 {
		s += ", " + strings.Join(l.Outlets, ", ")
	}
	return s + ")"
}

// jsonLink is one link as `extract -json` prints it.
type jsonLink struct {
	Player     string   `json:"player"`
	To         string   `json:"to"`
	From       *string  `json:"from"`
	Stage      string   `json:"stage"`
	Outlets    []string `json:"outlets"`
	Primary    bool     `json:"primary"`
	Confidence float64  `json:"confidence"`
}

type jsonArticle struct {
	ID    string     `json:"id"`
	Date  *string    `json:"date"`
	Links []jsonLink `json:"links"`
}

// extractAll reads paths and calls fn with each article's JSON form. Files
// that cannot be read are reported on stderr and counted.
func (c *cli) extractAll(ctx context.Context, paths []string, fn func(jsonArticle) error) (failed int, err error) {
	g, err := gazetteer.Load()
	if err != nil {
		return 0, err
	}
	x := extract.New(g, rumours.DefaultOutlets())
	err = source.Walk(ctx, paths, func(path string, arts []rumours.Article, rerr error) error {
		if rerr != nil {
			failed++
			fmt.Fprintf(c.stderr, "%s: skipped: %v\n", path, rerr)
		}
		for _, a := range arts {
			links, err := x.ExtractContext(ctx, a)
			if err != nil {
				return err // SIGINT or SIGTERM
			}
			if err := fn(toJSON(a, links)); err != nil {
				return err
			}
		}
		return nil
	})
	return failed, err
}

func toJSON(a rumours.Article, links []rumours.Link) jsonArticle {
	out := jsonArticle{ID: a.ID, Links: []jsonLink{}}
	if !a.Published.IsZero() {
		d := a.Published.Format("2006-01-02")
		out.Date = &d
	}
	for _, l := range links {
		jl := jsonLink{Player: l.Player, To: l.To, Stage: l.Stage.String(), Outlets: l.Outlets, Primary: l.Primary, Confidence: round2(l.Confidence)}
		if l.From != "" {
			from := l.From
			jl.From = &from
		}
		if jl.Outlets == nil {
			jl.Outlets = []string{}
		}
		out.Links = append(out.Links, jl)
	}
	return out
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func (c *cli) extract(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per article")
	explain := fs.Bool("explain", false, "show what the extractor sees in each sentence")
	if err := fs.Parse(args); err != nil {
		return usageError("transferbot extract: " + err.Error())
	}
	if fs.NArg() == 0 {
		return usageError("transferbot extract: give files or directories")
	}
	if *explain {
		return c.explain(ctx, fs.Args())
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	failed, err := c.extractAll(ctx, fs.Args(), func(ja jsonArticle) error {
		if *asJSON {
			return enc.Encode(ja)
		}
		fmt.Fprintf(c.stdout, "%s:\n", ja.ID)
		for _, l := range ja.Links {
			fmt.Fprintf(c.stdout, "  %s -> %s (%s) %s\n", l.Player, l.To, l.Stage, strings.Join(l.Outlets, ", "))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("transferbot extract: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("transferbot extract: %d files could not be read", failed)
	}
	return nil
}

// explain prints the extractor's reading of every article.
func (c *cli) explain(ctx context.Context, paths []string) error {
	g, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("transferbot extract: %w", err)
	}
	x := extract.New(g, rumours.DefaultOutlets())
	return source.Walk(ctx, paths, func(path string, arts []rumours.Article, err error) error {
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: skipped: %v\n", path, err)
		}
		for _, a := range arts {
			fmt.Fprintf(c.stdout, "== %s\n", a.ID)
			if err := x.Explain(c.stdout, a); err != nil {
				return err
			}
		}
		return nil
	})
}

func (c *cli) eval(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	var goldPaths []string
	fs.Func("gold", "gold labels (JSON Lines); repeat for several sets", func(s string) error {
		goldPaths = append(goldPaths, s)
		return nil
	})
	verbose := fs.Bool("verbose", false, "list every missed and extra pair")
	where := fs.Bool("where", false, "also ask where each article's main player is heading, as of his newest article")
	oracle := fs.Bool("oracle", false, "with -where, answer from the gold links instead of extracted ones (measures the answers alone)")
	rules := fs.Bool("rules", false, "with -where, extract with the rules alone, without the link model (which has seen the labelled sets)")
	if err := fs.Parse(args); err != nil {
		return usageError("transferbot eval: " + err.Error())
	}
	if len(goldPaths) == 0 || fs.NArg() == 0 {
		return usageError("transferbot eval: usage: transferbot eval [-where] -gold labels.jsonl PATH...")
	}
	gold := map[string][]score.Link{}
	var order []string
	for _, path := range goldPaths {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("transferbot eval: %w", err)
		}
		g, o, err := score.ReadJSONL(f, path)
		f.Close()
		if err != nil {
			return fmt.Errorf("transferbot eval: %w", err)
		}
		maps.Copy(gold, g)
		order = append(order, o...)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if _, err := c.extractAll(ctx, fs.Args(), func(ja jsonArticle) error { return enc.Encode(ja) }); err != nil {
		return fmt.Errorf("transferbot eval: %w", err)
	}
	pred, _, err := score.ReadJSONL(&buf, "predictions")
	if err != nil {
		return fmt.Errorf("transferbot eval: %w", err)
	}
	if err := score.Score(gold, pred, order).Write(c.stdout, *verbose); err != nil || !*where {
		return err
	}
	var arts []rumours.Article
	err = source.Walk(ctx, fs.Args(), func(path string, as []rumours.Article, err error) error {
		arts = append(arts, as...)
		return nil
	})
	if err != nil {
		return fmt.Errorf("transferbot eval: %w", err)
	}
	g, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("transferbot eval: %w", err)
	}
	dir, err := os.MkdirTemp("", "transferbot-eval-")
	if err != nil {
		return fmt.Errorf("transferbot eval: %w", err)
	}
	defer os.RemoveAll(dir)
	var x rumours.Extractor
	switch {
	case *oracle:
		x = goldExtractor(gold)
	case *rules:
		if x, err = extract.New(g, rumours.DefaultOutlets()).WithModel(nil); err != nil {
			return fmt.Errorf("transferbot eval: %w", err)
		}
	}
	res, err := checkWhere(ctx, g, x, gold, arts, dir)
	if err != nil {
		return fmt.Errorf("transferbot eval: where: %w", err)
	}
	res.Write(c.stdout, *verbose)
	return nil
}

func (c *cli) subscriptions(ctx context.Context, m *Main) error {
	subs, err := m.engine.Subscriptions(ctx, "", "")
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		fmt.Fprintln(c.stdout, "no subscriptions")
		return nil
	}
	for _, s := range subs {
		state := "active"
		if !s.Active {
			state = "paused"
			// since when and why, when the pause was recorded
			p, ok, err := m.core.Paused(ctx, s.Platform, s.Channel)
			if err != nil {
				return err
			}
			if ok {
				state = p.String()
			}
		}
		min := "any stage"
		if s.MinStage.Valid() {
			min = "from " + s.MinStage.String()
		}
		fmt.Fprintf(c.stdout, "%s %s: %s %s (%s, %s)\n", s.Platform, s.Channel, s.Kind, s.Target, min, state)
	}
	return nil
}

// feeds prints each configured feed's status and the outbox's counts.
func (c *cli) feeds(ctx context.Context, m *Main) error {
	switch {
	case m.demo:
		fmt.Fprintln(c.stdout, "no feeds configured (add them under feeds: in the config file); the console chat polls the built-in demo feed:")
	case len(m.Config.Feeds) == 0:
		fmt.Fprintln(c.stdout, "no feeds configured (add them under feeds: in the config file)")
	}
	statuses, err := feed.ReadStatus(ctx, m.engine, m.feeds())
	if err != nil {
		return fmt.Errorf("transferbot feeds: %w", err)
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.Local().Format("2006-01-02 15:04:05")
	}
	for _, s := range statuses {
		outlet := s.Outlet
		if outlet == "" {
			outlet = "(feed title)"
		}
		tier := "outlet table"
		if s.Tier != 0 {
			tier = fmt.Sprint(s.Tier)
		}
		fmt.Fprintf(c.stdout, "%s\n", feed.Redact(s.URL))
		fmt.Fprintf(c.stdout, "  outlet %s, tier %s, every %s, fetch article %t, allow private %t\n",
			outlet, tier, s.Interval, s.FetchArticle, s.AllowPrivate)
		state := "ok"
		switch {
		case s.LastFetch.IsZero():
			state = "not polled yet"
		case s.LastError != "":
			state = fmt.Sprintf("failing (%d in a row", s.Failures)
			if s.Failures > 1 && !s.FailingSince.IsZero() {
				state += ", since " + when(s.FailingSince)
			}
			state += "): " + s.LastError
		}
		fmt.Fprintf(c.stdout, "  status: %s\n", state)
		fmt.Fprintf(c.stdout, "  last fetch %s, last success %s, next poll %s\n", when(s.LastFetch), when(s.LastSuccess), when(s.NextPoll))
		fmt.Fprintf(c.stdout, "  items seen %d, articles stored %d, links found %d, alerts %d\n", s.ItemsSeen, s.Articles, s.LinksFound, s.Alerts)
	}
	n, err := m.engine.CountDeliveries(ctx)
	if err != nil {
		return fmt.Errorf("transferbot feeds: %w", err)
	}
	fmt.Fprintf(c.stdout, "alert deliveries: %d pending, %d sent, %d dropped\n", n.Pending, n.Sent, n.Dropped)
	return nil
}

// purgeDemo removes the built-in demo corpus from the database.
func (c *cli) purgeDemo(ctx context.Context, m *Main) error {
	n, err := m.PurgeDemo(ctx)
	if err != nil {
		return fmt.Errorf("transferbot purge-demo: %w", err)
	}
	if n == 0 {
		fmt.Fprintf(c.stdout, "%s holds no demo articles\n", m.Config.Database)
		return nil
	}
	fmt.Fprintf(c.stdout, "removed %d demo articles, with their links and alerts, from %s\n", n, m.Config.Database)
	return nil
}
