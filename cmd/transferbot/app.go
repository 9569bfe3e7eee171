package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"transferbot/bot"
	"transferbot/bot/console"
	"transferbot/rumours"
	"transferbot/rumours/demo"
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

	gaz    *gazetteer.Gazetteer
	store  *storage.Store
	engine *rumours.Engine
	core   *bot.Core
	charts *bot.ChartCache // shared by the adapters
}

// Open loads the gazetteer, opens the store and builds the engine and the
// command core. On first start (an empty store) with Config.Demo set it
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
	st, err := storage.Open(ctx, m.Config.Database)
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	m.store = st
	eng, err := rumours.New(st, g, engineOptions(m.Config, m.Logger))
	if err != nil {
		return fmt.Errorf("transferbot: %w", err)
	}
	m.engine = eng
	m.core = bot.New(eng, bot.Options{})
	m.charts = bot.NewChartCache(0, 0, 0)
	if m.Config.Demo {
		if err := m.seedDemo(ctx); err != nil {
			return err
		}
	}
	return nil
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
// input ends: the platform adapters that the configuration enables (each
// until ctx ends), or the console chat when none is. When one adapter fails
// the others are stopped and the errors returned.
func (m *Main) Run(ctx context.Context) error {
	if m.core == nil {
		return errors.New("transferbot: Run before Open")
	}
	fronts, err := m.frontEnds()
	if err != nil {
		return err
	}
	if len(fronts) == 0 {
		return console.Run(ctx, m.core, m.Stdin, m.Stdout, m.Interactive)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	errs := make(chan error, len(fronts))
	for _, f := range fronts {
		m.Logger.Info("serving", "platform", f.platform)
		go func() {
			err := f.run(ctx)
			if err != nil && ctx.Err() == nil {
				cancel(err)
			}
			errs <- err
		}()
	}
	var all []error
	for range fronts {
		if err := <-errs; err != nil && !errors.Is(err, context.Canceled) {
			all = append(all, err)
		}
	}
	if len(all) > 0 {
		return errors.Join(all...)
	}
	return ctx.Err()
}

// Ask answers one question as of asOf (zero: now) and returns the reply.
func (m *Main) Ask(ctx context.Context, question string, asOf time.Time) bot.Reply {
	return m.core.Handle(ctx, bot.Request{Platform: "console", Channel: "local", CanManage: true, Text: question, AsOf: asOf})
}

// Close releases the store. It is safe to call after a failed Open.
func (m *Main) Close() error {
	if m.store == nil {
		return nil
	}
	err := m.store.Close()
	m.store = nil
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
		}
	}
	return rumours.Options{
		Outlets:     outlets,
		TierWeights: cfg.Ranking.TierWeights,
		UnknownTier: cfg.Ranking.UnknownTier,
		HalfLife:    cfg.Ranking.HalfLife,
		StaysWeight: cfg.Ranking.StaysWeight,
		Logger:      log,
	}
}
