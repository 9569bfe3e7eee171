package bot

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"transferbot/rumours"
)

// IntentNone is the intent of a message that asks the bot for nothing: small
// talk, thanks, football talk that is not about transfers, gibberish.
const IntentNone = "none"

// Question is what a message asks, as Understand reads it: one of nine
// intents (where, rumours, club, subscribe, unsubscribe, subscriptions,
// sources, help, none) and its slots. It is the parser's whole answer, so
// that an evaluation or a JSON front end reports exactly what the core acts
// on.
type Question struct {
	Intent string
	// Player is the canonical name of the player asked about, "" for none.
	Player string
	// Club is the canonical name of the club: the club asked about (rumours,
	// club, subscribe, unsubscribe), or the destination asked about in a
	// where question ("is X going to C?"), which is never the player's
	// current club and is "" when two destinations are named.
	Club string
	// Stage is the minimum stage a subscribe asks for; StageUnknown when the
	// user set no threshold.
	Stage rumours.Stage

	// Start marks Telegram's /start: help, answered with the greeting.
	Start bool
	// Name is the subject as the user wrote it when it names no known
	// player or club, or several; the core resolves it and answers with
	// suggestions or a choice. "" when Player or Club says it all.
	Name string
	// Kind is the kind of subject the user forced ("rumours club Juventus",
	// a button's action), or "".
	Kind rumours.SubjectKind
}

// MarshalJSON writes the question as the evaluation's records have it:
// intent, player, club and stage, null where unset.
func (q Question) MarshalJSON() ([]byte, error) {
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	var stage *string
	if q.Stage != rumours.StageUnknown {
		stage = str(q.Stage.String())
	}
	return json.Marshal(struct {
		Intent string  `json:"intent"`
		Player *string `json:"player"`
		Club   *string `json:"club"`
		Stage  *string `json:"stage"`
	}{q.Intent, str(q.Player), str(q.Club), stage})
}

// Names finds the players and clubs a phrase of a message may name. The
// rumour engine is one (see rumours.Engine.MatchNames).
type Names interface {
	MatchNames(ctx context.Context, phrase string, fuzzy bool) []rumours.NameMatch
}

// Understand reads a fan's message: what it asks for (the intent) and about
// whom (player, club, stage). It reads slash commands ("/where@transferbot
// Saka"), bot mentions ("@transferbot", "<@123>", "yo bot"), typos in its
// keywords and names, club nicknames, names with or without accents, and a
// few Spanish, Portuguese and Italian phrasings. A word that is a club is
// read as the club before any player. Text longer than MaxTextLen is none.
func Understand(ctx context.Context, text string, names Names) Question {
	if len(text) > 4*MaxTextLen || utf8.RuneCountInString(text) > MaxTextLen {
		return Question{Intent: IntentNone}
	}
	toks, slash := tokenize(text)
	if slash != "" {
		cmd, ok := commandWords[slash]
		if !ok {
			return Question{Intent: IntentNone}
		}
		return readCommand(ctx, cmd, toks, names)
	}
	if len(toks) > 0 {
		if cmd, ok := commandWords[toks[0].w]; ok {
			if _, button := buttonAction(cmd, toks[1:]); button || len(toks) == 1 || bareCommands[toks[0].w] {
				return readCommand(ctx, cmd, toks[1:], names)
			}
		}
	}
	markLexicon(toks)
	ms := spot(ctx, toks, names)
	return fill(Question{Intent: classify(toks, ms)}, toks, ms, false)
}

// readCommand reads a command's arguments: a button's exact action, else
// names and a stage as in free text.
func readCommand(ctx context.Context, cmd string, args []token, names Names) Question {
	if q, ok := buttonAction(cmd, args); ok {
		return q
	}
	markLexicon(args)
	ms := spot(ctx, args, names)
	return fill(Question{Intent: commandIntent(cmd), Start: cmd == CmdStart}, args, ms, true)
}

// bareCommands are the command words that start a command without a slash
// ("club Juventus", "subscribe Saka talks"). Other command words start
// questions as often ("where do you get your info?", "latest on Spurs") and
// are read with the rest of the message, unless they are all of it.
var bareCommands = set("club", "subscribe", "unsubscribe", "unsub", "subscriptions", "sources", "help", "start",
	"rumours", "rumors")

// commandIntent maps a command to its intent: /start is help.
func commandIntent(cmd string) string {
	if cmd == CmdStart {
		return CmdHelp
	}
	return cmd
}

// buttonAction reads the exact form of a button's action after its command
// word: "player Sergio Ramos", "club Juventus talks". The name is taken as
// written, since buttons carry canonical names.
func buttonAction(cmd string, toks []token) (Question, bool) {
	if len(toks) < 2 {
		return Question{}, false
	}
	var kind rumours.SubjectKind
	switch toks[0].w {
	case "player":
		kind = rumours.KindPlayer
	case "club", "team":
		kind = rumours.KindClub
	default:
		return Question{}, false
	}
	raws := rawWords(toks[1:])
	q := Question{Intent: commandIntent(cmd), Kind: kind}
	if cmd == CmdSubscribe {
		name, st := splitStage(strings.Join(raws, " "))
		raws, q.Stage = strings.Fields(name), st
	}
	q.Name = strings.Join(raws, " ")
	return q, true
}

// cues is what the lexicon found in a message.
type cues cue

func (c cues) has(x cue) bool { return cue(c)&x != 0 }

func allCues(toks []token) cues {
	var c cue
	for _, t := range toks {
		c |= t.cue
	}
	return cues(c)
}

// classify decides a free-text message's intent from its cues and the names
// in it.
func classify(toks []token, ms []mention) string {
	c := allCues(toks)
	player, club := false, false
	for _, m := range ms {
		switch m.kind {
		case rumours.KindPlayer:
			player = true
		case rumours.KindClub:
			club = true
		}
	}
	target := player || club
	switch {
	case c.has(cueUnsubscribe) || c.has(cueStop) && (c.has(cueAlerts) || c.has(cueSubscribe) || target):
		return CmdUnsubscribe
	case c.has(cueSources), c.has(cueReliable) && !player:
		return CmdSources
	case c.has(cueHowTo) && !target:
		return CmdHelp
	case c.has(cueSubsList) && !c.has(cueSubscribe) && (c.has(cueSelf) || c.has(cueAsk) || !target),
		(c.has(cueSubscribe) || c.has(cueAlerts)) && c.has(cueSelf) && c.has(cueAsk) && !ordersAlerts(toks):
		return CmdSubscriptions
	case c.has(cueSubscribe):
		return CmdSubscribe
	case c.has(cueHelp) && !target:
		return CmdHelp
	case player && c.has(cueReplace) && club:
		return CmdClub
	case player && c.has(cueSmallTalk) && !c.has(cueTransfer):
		return IntentNone
	case player:
		if (c.has(cueRumourList) || c.has(cueNewsAbout)) && !club {
			return CmdRumours
		}
		return CmdWhere
	case club && c.has(cueSmallTalk) && !c.has(cueTransfer) && !c.has(cueRumours):
		return IntentNone
	case club && c.has(cueClub):
		return CmdClub
	case club && c.has(cueRumours):
		return CmdRumours
	case club:
		return CmdClub
	case c.has(cueSmallTalk):
		return IntentNone
	case c.has(cueRumours), c.has(cueClub) && (c.has(cueAsk) || hasWord(toks, "any") || hasWord(toks, "anything")):
		return CmdRumours // the market at large: "any big signings today?"
	case c.has(cueHelp):
		return CmdHelp
	case c.has(cueWhereAsk) && len(leftover(toks)) > 0:
		return CmdWhere // "where is Zzyzx heading": the core says it does not know him
	}
	return IntentNone
}

func hasWord(toks []token, w string) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return t.w == w })
}

// ordersAlerts reports whether a message orders alerts for the user, a
// verb of subscribing before "me" ("alert me", "ping me"), as opposed to
// asking about them ("show me my alerts").
func ordersAlerts(toks []token) bool {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].cue&cueSubscribe != 0 && toks[i+1].w == "me" {
			return true
		}
	}
	return false
}

// leftover returns the words no lexicon, vocabulary or name claims, as
// written: the name of a subject the parser does not know.
func leftover(toks []token) []token {
	var out []token
	for _, t := range toks {
		if !t.lex && !t.taken && !t.fixed {
			out = append(out, t)
		}
	}
	return out
}

// fill sets a question's slots from the names found, as its intent reads
// them. command says the user typed a command, whose argument is the
// subject even when no name is known ("/where Zzyzx").
func fill(q Question, toks []token, ms []mention, command bool) Question {
	switch q.Intent {
	case CmdSources, CmdHelp, IntentNone:
		return q
	}
	var players, clubs []mention
	for _, m := range ms {
		if m.kind == rumours.KindPlayer {
			players = append(players, m)
		} else {
			clubs = append(clubs, m)
		}
	}
	// The subject is the first player the message pins down ("rafa leão":
	// Leão, not one of the Rafas), else the first name it gives.
	current := ""
	for _, p := range players {
		if c, ok := pick(p, clubs); ok {
			q.Player, current = c.Name, c.Current
			break
		}
	}
	if q.Player == "" && len(players) > 0 {
		q.Name = players[0].raw
	}
	switch q.Intent {
	case CmdWhere:
		q.Club = destination(clubs, current)
		if q.Player == "" && q.Name == "" {
			if len(players) == 0 && len(clubs) > 0 && command {
				q.Name, q.Kind = clubs[0].raw, rumours.KindClub // "/where Juventus": the core answers with the club
				if len(clubs[0].cands) == 1 {
					q.Name = clubs[0].first()
				}
				q.Club = ""
			} else {
				q.Name = leftoverName(toks)
			}
		}
	case CmdRumours:
		if q.Player == "" && q.Name == "" && len(clubs) > 0 {
			q.Club = clubs[0].first()
		}
		if q.Player == "" && q.Name == "" && q.Club == "" && command {
			q.Name = leftoverName(toks)
		}
	case CmdClub:
		q.Player, q.Name = "", ""
		if len(clubs) > 0 {
			q.Club = clubs[0].first()
		} else if command || len(players) == 0 {
			q.Name = leftoverName(toks)
			if q.Name == "" && len(players) > 0 {
				q.Name = players[0].raw
			}
		}
	case CmdSubscribe, CmdUnsubscribe:
		if q.Player != "" || q.Name != "" {
			q.Club = destination(clubs, current)
		} else if len(clubs) > 0 {
			q.Club = clubs[0].first()
		} else if command {
			q.Name = leftoverName(toks)
		}
		if q.Intent == CmdSubscribe {
			q.Stage = firstStage(toks)
		}
	case CmdSubscriptions:
		q.Club = ""
	}
	return q
}

// destination returns the one club named other than the player's current
// club, the usual reading of a shared alias; "" when none or two are.
func destination(clubs []mention, current string) string {
	dest := ""
	for _, c := range clubs {
		if current != "" && c.means(current) {
			continue
		}
		switch d := c.first(); {
		case dest == "":
			dest = d
		case dest != d:
			return ""
		}
	}
	return dest
}

// leftoverName returns the words of the message no lexicon, vocabulary or
// name claims, as written, when there are one to four: the name of a
// subject the parser does not know.
func leftoverName(toks []token) string {
	left := leftover(toks)
	if len(left) == 0 || len(left) > maxNameWords {
		return ""
	}
	return strings.Join(rawWords(left), " ")
}

// firstStage returns the first stage the message names, the minimum stage
// of a subscribe.
func firstStage(toks []token) rumours.Stage {
	for _, t := range toks {
		if t.stage != rumours.StageUnknown {
			return t.stage
		}
	}
	return rumours.StageUnknown
}
