package discord

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// discordgo logs through a package-level hook, discordgo.Logger, or else
// the standard log package. While an adapter runs, the hook (installed once,
// unless the program installed its own) forwards discordgo's messages to
// the running adapters' loggers with every running adapter's token replaced
// by REDACTED. Sessions log warnings and errors only (see session).
var dgLogs struct {
	once  sync.Once
	mu    sync.RWMutex
	sinks map[int]logSink
	next  int
}

type logSink struct {
	log    *slog.Logger
	secret string
}

// bridgeLogs routes discordgo's logs to log, redacting secret, until the
// returned function is called.
func bridgeLogs(log *slog.Logger, secret string) (remove func()) {
	dgLogs.once.Do(func() {
		if discordgo.Logger == nil {
			discordgo.Logger = forwardLog
		}
	})
	dgLogs.mu.Lock()
	defer dgLogs.mu.Unlock()
	if dgLogs.sinks == nil {
		dgLogs.sinks = map[int]logSink{}
	}
	id := dgLogs.next
	dgLogs.next++
	dgLogs.sinks[id] = logSink{log: log, secret: secret}
	return func() {
		dgLogs.mu.Lock()
		defer dgLogs.mu.Unlock()
		delete(dgLogs.sinks, id)
	}
}

// forwardLog is the discordgo.Logger hook.
func forwardLog(level, _ int, format string, a ...any) {
	dgLogs.mu.RLock()
	defer dgLogs.mu.RUnlock()
	if len(dgLogs.sinks) == 0 {
		return
	}
	msg := fmt.Sprintf(format, a...)
	for _, s := range dgLogs.sinks {
		msg = redact(msg, s.secret)
	}
	lvl := slog.LevelDebug
	switch level {
	case discordgo.LogError:
		lvl = slog.LevelError
	case discordgo.LogWarning:
		lvl = slog.LevelWarn
	case discordgo.LogInformational:
		lvl = slog.LevelInfo
	}
	for _, s := range dgLogs.sinks {
		s.log.Log(context.Background(), lvl, "discordgo: "+strings.TrimSpace(msg))
	}
}

// redact replaces every occurrence of secret in s.
func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "REDACTED")
}
