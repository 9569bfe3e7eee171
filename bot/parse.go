package bot

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Command names, as returned by Parse and accepted in Request.Command.
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
	// MaxTextLen is the longest message, in characters, that Parse reads.
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

// question is a plain-language question form: a pattern whose first group
// is the player or club name.
type question struct {
	re  *regexp.Regexp
	cmd string
}

// aux matches the helper verbs between a question word and a name.
const aux = `(?:'s|s|\s+is|\s+are|\s+was|\s+will|\s+would|\s+could|\s+might|\s+may|\s+does|\s+do|\s+did|\s+should|\s+can)`

// questions are tried in order on the normalised text. They are compiled
// once; regexp.Regexp is safe for concurrent use.
var questions = []question{
	// where
	{regexp.MustCompile(`(?i)^(?:so\s+)?where` + aux + `\s+(.+)$`), CmdWhere},
	{regexp.MustCompile(`(?i)^(?:so\s+)?where\s+next\s+for\s+(.+)$`), CmdWhere},
	{regexp.MustCompile(`(?i)^what` + aux + `\s+next\s+for\s+(.+)$`), CmdWhere},
	{regexp.MustCompile(`(?i)^(?:which|what)\s+(?:club|team|side)` + aux + `\s+(.+)$`), CmdWhere},
	{regexp.MustCompile(`(?i)^(?:is|will)\s+(.+?)\s+(?:leaving|leave|staying|stay|moving|move|going)$`), CmdWhere},
	// news
	{regexp.MustCompile(`(?i)^(?:(?:is|are)\s+there\s+|got\s+)?any\s*(?:news|updates?|rumou?rs?|gossip|word|thing(?:\s+new)?)\s+(?:on|about|for|regarding|re|with)\s+(.+)$`), CmdRumours},
	{regexp.MustCompile(`(?i)^(?:what` + aux + `\s+)?(?:the\s+)?(?:latest|news|gossip)\s+(?:news\s+|gossip\s+)?(?:on|about|for|with|regarding)\s+(.+)$`), CmdRumours},
	{regexp.MustCompile(`(?i)^what` + aux + `\s+(?:new|happening|going\s+on)\s+(?:with|on|at)\s+(.+)$`), CmdRumours},
	{regexp.MustCompile(`(?i)^(?:updates?|rumou?rs?)\s+(?:on|about|for)\s+(.+)$`), CmdRumours},
	// club
	{regexp.MustCompile(`(?i)^who` + aux + `?\s+(?:being\s+)?(?:linked|connected)\s+(?:with|to)\s+(.+)$`), CmdClub},
	{regexp.MustCompile(`(?i)^who` + aux + `\s+(?:joining|coming\s+to|moving\s+to|heading\s+to|going\s+to|leaving|signing\s+for|off\s+to)\s+(.+)$`), CmdClub},
	{regexp.MustCompile(`(?i)^who` + aux + `\s+(.+?)\s+(?:be\s+|going\s+to\s+)?(?:signing|sign|buying|buy|getting|get|bringing\s+in|after|in\s+for|targeting|target|chasing|eyeing|looking\s+at|linked\s+with|selling|sell)(?:\s+next|\s+this\s+summer|\s+in\s+january|\s+this\s+window)?$`), CmdClub},
	{regexp.MustCompile(`(?i)^(?:transfers|signings|targets|incomings|outgoings)\s+(?:for|at|of)\s+(.+)$`), CmdClub},
}

// tailWords are words after a name in a where-question ("where is Ramos
// heading next season"); they are dropped from the end of the name.
var tailWords = set("heading", "headed", "going", "go", "goes", "off", "to", "moving", "move",
	"end", "ending", "up", "be", "playing", "play", "next", "season", "now", "then",
	"this", "summer", "january", "winter", "window", "joining", "join", "signing", "sign",
	"for", "transferring", "transfer", "land", "landing")

// leadWords are dropped from the start of a command's argument
// ("subscribe to Ramos", "rumours about Ramos").
var leadWords = set("to", "from", "for", "on", "about", "is", "are", "the", "of", "with")

// notNames are words that never occur in a bare player or club name; text
// made only of name-like words and none of these is read as "where NAME".
var notNames = set("the", "a", "an", "is", "are", "am", "was", "were", "be", "i", "im", "i'm",
	"me", "my", "you", "your", "u", "we", "us", "our", "it", "its", "it's", "this", "that",
	"these", "those", "what", "why", "how", "who", "when", "which", "do", "does", "did",
	"not", "no", "yes", "yeah", "yep", "nope", "ok", "okay", "k", "and", "or", "but", "if",
	"to", "of", "in", "on", "at", "for", "with", "about", "from", "by", "please", "pls",
	"thanks", "thank", "thx", "ty", "hello", "hi", "hey", "hiya", "yo", "sup", "bye",
	"goodbye", "lol", "lmao", "haha", "hahaha", "good", "morning", "night", "evening",
	"afternoon", "great", "nice", "cool", "wow", "omg", "test", "testing", "bot", "can",
	"could", "would", "should", "have", "has", "had", "there", "here", "they", "them",
	"he", "she", "him", "her", "his", "all", "any", "some", "everyone", "anyone", "guys",
	"mate", "mates", "welcome", "sorry", "oops", "hmm", "ah", "oh", "so", "well", "sure",
	"maybe", "think", "know", "really", "very", "just", "too", "also", "again", "hallo",
	"gm", "gn", "cheers", "congrats", "great", "fine", "bad", "love", "hate", "done")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Parse reads a message and returns the command it asks for and the
// command's argument (a player or club name, possibly followed by options
// such as a minimum stage), with the name's spelling kept. It understands
// slash and bare commands ("/where Ramos", "where Ramos",
// "/where@transferbot Ramos", "subscribe Ramos talks") and plain questions
// ("where is Ramos heading?", "any news on James?", "who are Inter Miami
// signing?", "Ramos?"), case-insensitively and ignoring trailing
// punctuation and emoji. It returns "", "" for text it does not understand,
// including empty text and text longer than MaxTextLen characters. A
// returned name may still be longer than MaxNameLen; Core.Handle refuses it.
func Parse(text string) (command string, arg string) {
	if len(text) > 4*MaxTextLen || utf8.RuneCountInString(text) > MaxTextLen {
		return "", ""
	}
	t := normalise(text)
	if t == "" {
		return "", ""
	}

	if strings.HasPrefix(t, "/") {
		word, rest, _ := strings.Cut(t[1:], " ")
		word, _, _ = strings.Cut(word, "@") // "/where@transferbot"
		cmd, ok := commandWords[strings.ToLower(word)]
		if !ok {
			return "", ""
		}
		return cmd, cleanArg(cmd, rest)
	}

	for _, q := range questions {
		if m := q.re.FindStringSubmatch(t); m != nil {
			arg := cleanArg(q.cmd, m[1])
			if arg == "" {
				continue
			}
			return q.cmd, arg
		}
	}

	word, rest, _ := strings.Cut(t, " ")
	if cmd, ok := commandWords[strings.ToLower(word)]; ok {
		return cmd, cleanArg(cmd, rest)
	}

	if isBareName(t) {
		return CmdWhere, cleanArg(CmdWhere, t)
	}
	return "", ""
}

// normalise trims text, drops a leading "@bot" mention, emoji and other
// symbols, trailing punctuation and surplus spaces, and straightens curly
// apostrophes.
func normalise(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == '’' || r == '‘' || r == 'ʼ':
			b.WriteRune('\'')
		case r == '&' || r == '+':
			b.WriteRune(r)
		case unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.Is(unicode.Cf, r) ||
			unicode.Is(unicode.Cs, r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Variation_Selector, r):
			// emoji, modifiers, joiners: not part of any name
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	fields := strings.Fields(b.String())
	if len(fields) > 0 && strings.HasPrefix(fields[0], "@") && len(fields[0]) > 1 {
		fields = fields[1:] // "@transferbot where is Ramos?"
	}
	t := strings.Join(fields, " ")
	t = strings.TrimRightFunc(t, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) || r == ' ' })
	t = strings.TrimLeftFunc(t, func(r rune) bool {
		return r != '/' && (unicode.IsPunct(r) || unicode.IsSymbol(r) || r == ' ')
	})
	return t
}

// cleanArg tidies a command's argument: quotes and filler words around the
// name go, and for where the words after the name ("heading next") too.
func cleanArg(cmd, arg string) string {
	words := strings.Fields(arg)
	for len(words) > 1 && leadWords[strings.ToLower(words[0])] {
		words = words[1:]
	}
	if cmd == CmdWhere {
		for len(words) > 1 && tailWords[strings.ToLower(words[len(words)-1])] {
			words = words[:len(words)-1]
		}
	}
	s := strings.Join(words, " ")
	s = strings.Trim(s, "\"'“”«»„ ")
	s = strings.TrimRightFunc(s, unicode.IsPunct)
	return strings.TrimSpace(s)
}

// isBareName reports whether t looks like nothing but a player or club name:
// at most five name-like words, with a letter, none of them a common
// non-name word.
func isBareName(t string) bool {
	if utf8.RuneCountInString(t) > MaxNameLen {
		return false
	}
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	letter := false
	for _, w := range words {
		if notNames[strings.ToLower(w)] {
			return false
		}
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				letter = true
			case unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune(".'-&", r):
			default:
				return false
			}
		}
	}
	return letter
}
