// Command transferbot is a chat bot for football fans: it reads transfer
// news, works out where each player is rumoured to be heading and who said
// so, and answers on the console, Discord and Telegram.
//
// With no configuration it opens ./transferbot.db, ingests a built-in demo
// corpus on first start and chats on the terminal; see README.md.
package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// memoryLimit is the soft limit on the Go runtime's memory unless
// GOMEMLIMIT sets another. The bot must run in 150 MB: between collections
// the heap may grow to twice what is live (the gazetteer alone keeps about
// 15 MB, a store of a million links some 60 MB more), and SQLite's caches
// and the binary come on top. Near the limit the runtime collects sooner.
const memoryLimit = 90 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	interactive := false
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		interactive = true
	}
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, interactive: interactive}
	code := c.run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// newLogger logs text lines to w at level.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
