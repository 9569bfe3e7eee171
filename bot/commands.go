package bot

import "strings"

// Command names, the intents of Understand and the commands of
// Request.Command.
const (
	CmdWhere         = "where"
	CmdRumours       = "rumours"
	CmdClub          = "club"
	CmdSubscribe     = "subscribe"
	CmdUnsubscribe   = "unsubscribe"
	CmdSubscriptions = "subscriptions"
	CmdSources       = "sources"
	CmdHelp          = "help"
	CmdStart         = "start"
)

// Limits on what the core reads. Longer input is refused before the engine
// is asked anything.
const (
	// MaxNameLen is the longest player or club name, in characters.
	MaxNameLen = 80
	// MaxTextLen is the longest message, in characters, that Understand reads.
	MaxTextLen = 300
)

// commandWords maps a command word, lower case, to its command. Aliases are
// common spellings and synonyms.
var commandWords = map[string]string{
	"where":         CmdWhere,
	"rumours":       CmdRumours,
	"rumors":        CmdRumours,
	"rumour":        CmdRumours,
	"rumor":         CmdRumours,
	"news":          CmdRumours,
	"latest":        CmdRumours,
	"club":          CmdClub,
	"subscribe":     CmdSubscribe,
	"sub":           CmdSubscribe,
	"follow":        CmdSubscribe,
	"unsubscribe":   CmdUnsubscribe,
	"unsub":         CmdUnsubscribe,
	"unfollow":      CmdUnsubscribe,
	"subscriptions": CmdSubscriptions,
	"subs":          CmdSubscriptions,
	"following":     CmdSubscriptions,
	"sources":       CmdSources,
	"outlets":       CmdSources,
	"help":          CmdHelp,
	"commands":      CmdHelp,
	"start":         CmdStart,
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// IsCommand reports whether word names a command: "/where",
// "/where@transferbot" or "where", in any case. Adapters use it to tell a
// command from other text in group chats.
func IsCommand(word string) bool {
	word = strings.TrimPrefix(strings.TrimSpace(word), "/")
	word, _, _ = strings.Cut(word, "@")
	_, ok := commandWords[strings.ToLower(word)]
	return ok
}
