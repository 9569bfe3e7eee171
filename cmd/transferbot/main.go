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
	"strings"
	"syscall"
)

func main() {
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

// newLogger logs to w at the configured level ("debug", "info", "warn", "error").
func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	switch strings.ToLower(level) {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	default:
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
