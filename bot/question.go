package bot

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
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

// token is one word of a message: folded for matching, raw as written.
type token struct {
	w     string // folded: lower case, no accents, no apostrophes
	raw   string // the word as written, punctuation trimmed
	cue   cue    // what the lexicon says of it
	stage rumours.Stage
	lex   bool // the lexicon or the vocabulary claims it: not a name on its own
	fixed bool // part of a lexicon phrase: never part of a name
	taken bool // part of a name
}

// mention is a name found in a message.
type mention struct {
	start, end int // token span
	kind       rumours.SubjectKind
	names      []string // canonical candidates, the usual reading first
	current    []string // for players: each candidate's current club
	values     []int    // for players: each candidate's market value
	levels     []rumours.MatchLevel
	level      rumours.MatchLevel // the surest of levels
	raw        string
}

// maxNameWords is the most words a player or club name spans in a message.
const maxNameWords = 4

// commonNameValue is the market value, in millions of euros, from which a
// player whose name is a common English word is read by that word alone
// ("rice" is Declan Rice; "proper" is no one): fans talk about such players
// often enough for the name to mean him.
const commonNameValue = 20

//go:generate go run ./internal/commongen -out commonwords.txt

//go:embed commonwords.txt
var commonWordsFile string

// commonWords are the common English words that read as a player's name on
// their own or as a slip of a keyword (see internal/commongen), parsed on
// first use.
var commonWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonWordsFile))
	for sc.Scan() {
		if w := sc.Text(); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
})

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
		if q, ok := buttonAction(cmd, toks); ok {
			return q
		}
		markLexicon(toks)
		ms := spot(ctx, toks, names)
		return fill(Question{Intent: commandIntent(cmd), Start: cmd == CmdStart}, toks, ms, true)
	}
	if len(toks) > 0 {
		if cmd, ok := commandWords[toks[0].w]; ok {
			if q, ok := buttonAction(cmd, toks[1:]); ok {
				return q
			}
			if len(toks) == 1 || bareCommands[toks[0].w] {
				markLexicon(toks[1:])
				ms := spot(ctx, toks[1:], names)
				return fill(Question{Intent: commandIntent(cmd), Start: cmd == CmdStart}, toks[1:], ms, true)
			}
		}
	}
	markLexicon(toks)
	ms := spot(ctx, toks, names)
	return fill(Question{Intent: classify(toks, ms)}, toks, ms, false)
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

// rawWords returns the words of toks as written, a word split by folding
// ("Alexander-Arnold") once.
func rawWords(toks []token) []string {
	var out []string
	for i, t := range toks {
		if i > 0 && toks[i-1].raw == t.raw && toks[i-1].w != t.w {
			continue
		}
		out = append(out, t.raw)
	}
	return out
}

// tokenize splits text into folded words, dropping bot mentions, the
// address of a message to the bot ("yo bot", "@transferbot") and emoji. A
// leading slash command's word comes back apart, lower case, without its
// "@bot" suffix.
func tokenize(text string) (toks []token, slash string) {
	text = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "`", "'").Replace(text)
	fields := strings.Fields(text)
	if len(fields) > 0 && strings.HasPrefix(fields[0], "/") && len(fields[0]) > 1 {
		word, _, _ := strings.Cut(fields[0][1:], "@")
		slash = strings.ToLower(word)
		fields = fields[1:]
	}
	for _, f := range fields {
		if isMention(f) {
			continue
		}
		raw := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if raw == "" {
			continue
		}
		base, poss := raw, false
		if lower := strings.ToLower(base); strings.HasSuffix(lower, "'s") {
			base, poss = base[:len(base)-2], true
		}
		base = strings.ReplaceAll(base, "'", "")
		for _, w := range strings.Fields(gazetteer.Fold(base)) {
			toks = append(toks, token{w: w, raw: raw})
		}
		if poss {
			toks = append(toks, token{w: "s", raw: "'s"})
		}
	}
	// "yo bot", "hey transferbot", "bot,": the address, not the message.
	for i := 0; i < len(toks) && i < 2; i++ {
		if toks[i].w == "bot" || toks[i].w == "transferbot" {
			toks = toks[i+1:]
			break
		}
		if !addressWords[toks[i].w] {
			break
		}
	}
	toks = slices.DeleteFunc(toks, func(t token) bool { return t.w == "transferbot" })
	return toks, slash
}

// isMention reports whether a word is a mention of a user or bot:
// "@transferbot", Discord's "<@123>", "<@!123>" or "<@&123>".
func isMention(f string) bool {
	if strings.HasPrefix(f, "@") && len(f) > 1 {
		return true
	}
	if strings.HasPrefix(f, "<@") {
		if i := strings.IndexByte(f, '>'); i > 2 {
			return true
		}
	}
	return false
}

// markLexicon marks the lexicon's phrases and words in toks, then reads the
// other words within one slip of a lexicon word of five letters or more as
// that word, for words that no name claims (see spot).
func markLexicon(toks []token) {
	for n := 4; n >= 2; n-- {
		for i := 0; i+n <= len(toks); i++ {
			if slices.ContainsFunc(toks[i:i+n], func(t token) bool { return t.fixed }) {
				continue
			}
			p := joinWords(toks[i : i+n])
			c, ok := phrases[p]
			st, stOK := stageWords[p]
			if !ok && !stOK {
				continue
			}
			for j := i; j < i+n; j++ {
				toks[j].fixed, toks[j].lex = true, true
			}
			toks[i].cue |= c
			if stOK {
				toks[i].stage = st
			}
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.fixed {
			continue
		}
		if c, ok := words[t.w]; ok {
			t.cue, t.lex = c, true
		}
		if st, ok := stageWords[t.w]; ok {
			t.stage, t.lex = st, true
		}
		if vocabulary[t.w] || isNumber(t.w) {
			t.lex = true
		}
	}
}

// fuzzyLexicon reads each word that is no lexicon word, no vocabulary word
// and no name as the lexicon word one slip away, if there is one.
func fuzzyLexicon(toks []token) {
	for i := range toks {
		t := &toks[i]
		if t.lex || t.taken || utf8.RuneCountInString(t.w) < 4 || commonWords()[t.w] {
			continue
		}
		if w, ok := nearWord(t.w); ok {
			t.cue, t.lex = words[w], true
			if st, ok := stageWords[w]; ok {
				t.stage = st
			}
		}
	}
}

// nearWord returns the keyword one slip from w (a letter added, dropped,
// changed, or two swapped), where the longer of the two has five letters or
// more and the shorter four; the first in sorted order when several are.
func nearWord(w string) (string, bool) {
	for _, k := range keywords() {
		if max(len(k), len(w)) >= 5 && min(len(k), len(w)) >= 4 && OneSlip(w, k) {
			return k, true
		}
	}
	return "", false
}

// OneSlip reports whether a and b (folded words) differ by one insertion,
// deletion, substitution or swap of neighbouring letters (bytes).
func OneSlip(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func joinWords(toks []token) string {
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.w
	}
	return strings.Join(ws, " ")
}

// glue are words that start or end no surname: "to juve" is no name.
var glue = set("the", "a", "an", "to", "is", "at", "in", "on", "for", "and", "or", "of", "from",
	"by", "with", "it", "be", "are", "was", "me", "my", "i", "you", "u", "s", "he", "his", "off", "back")

// spot finds the players and clubs named in toks, longest names first: a
// club's name or alias before a player's, full names and surnames, then a
// first name, then, for words nothing else claims, names one or two slips
// away. Words of the lexicon and the vocabulary are names only inside a
// longer name ("Can Uzun", "the Toffees").
func spot(ctx context.Context, toks []token, names Names) []mention {
	var ms []mention
	if names == nil {
		return nil
	}
	for n := min(maxNameWords, len(toks)); n >= 1; n-- {
		for i := 0; i+n <= len(toks); i++ {
			span := toks[i : i+n]
			if slices.ContainsFunc(span, func(t token) bool { return t.taken || t.fixed }) {
				continue
			}
			if n == 1 && (span[0].lex || len(span[0].w) < 2) {
				continue
			}
			m, ok := lookup(ctx, names, span, false)
			if ok && n == 1 && m.kind == rumours.KindPlayer && commonWords()[span[0].w] {
				m, ok = wellKnown(m)
			}
			if !ok {
				continue
			}
			if n > 1 && m.kind == rumours.KindPlayer && m.level != rumours.MatchExact &&
				(m.level != rumours.MatchSurname || glue[span[0].w] || glue[span[n-1].w]) {
				continue
			}
			m.start, m.end = i, i+n
			ms = append(ms, m)
			for j := i; j < i+n; j++ {
				toks[j].taken = true
			}
		}
	}
	fuzzyLexicon(toks)
	ms = fuzzyFullNames(ctx, toks, names, ms)
	hasKind := func(k rumours.SubjectKind) bool {
		return slices.ContainsFunc(ms, func(m mention) bool { return m.kind == k })
	}
	for i := range toks {
		t := &toks[i]
		if t.taken || t.lex || utf8.RuneCountInString(t.w) < 5 || !isLetters(t.w) || commonWords()[t.w] {
			continue
		}
		m, ok := lookup(ctx, names, toks[i:i+1], true)
		if !ok || hasKind(m.kind) {
			continue
		}
		m.start, m.end = i, i+1
		ms = append(ms, m)
		t.taken = true
	}
	slices.SortFunc(ms, func(a, b mention) int { return a.start - b.start })
	return ms
}

// fuzzyFullNames reads two words in a row, one of them no name, as a full
// name a slip or two away ("nico wiliams", "jonathan davd") when they give
// one player, in place of what its other word was read as alone (the Nicos
// by first name, the Brazilian Jonathan). Words of the lexicon and words of
// longer names are left alone.
func fuzzyFullNames(ctx context.Context, toks []token, names Names, ms []mention) []mention {
	weak := func(i int) bool { // untaken, or a player's name alone
		if !toks[i].taken {
			return true
		}
		for _, m := range ms {
			if i >= m.start && i < m.end {
				return m.end-m.start == 1 && m.kind == rumours.KindPlayer
			}
		}
		return false
	}
	for i := 0; i+2 <= len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if a.lex || b.lex || a.fixed || b.fixed || !isLetters(a.w) || !isLetters(b.w) ||
			a.taken && b.taken || !weak(i) || !weak(i+1) {
			continue
		}
		m, ok := lookup(ctx, names, toks[i:i+2], true)
		if !ok || m.kind != rumours.KindPlayer || len(m.names) != 1 {
			continue
		}
		m.start, m.end = i, i+2
		ms = slices.DeleteFunc(ms, func(x mention) bool { return x.start < m.end && m.start < x.end })
		ms = append(ms, m)
		toks[i].taken, toks[i+1].taken = true, true
		i++
	}
	return ms
}

// wellKnown keeps the candidates of a mention made of a common English word
// that are worth commonNameValue or more, by full name, alias or surname.
func wellKnown(m mention) (mention, bool) {
	out := mention{start: m.start, end: m.end, kind: m.kind, raw: m.raw, level: rumours.MatchFuzzy}
	for i, name := range m.names {
		if m.values[i] < commonNameValue || m.levels[i] > rumours.MatchSurname {
			continue
		}
		out.names = append(out.names, name)
		out.current = append(out.current, m.current[i])
		out.values = append(out.values, m.values[i])
		out.levels = append(out.levels, m.levels[i])
		out.level = min(out.level, m.levels[i])
	}
	return out, len(out.names) > 0
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// lookup reads span as a name: a club if it is a club's name or alias, else
// players. fuzzy allows names a slip or two away.
func lookup(ctx context.Context, names Names, span []token, fuzzy bool) (mention, bool) {
	found := names.MatchNames(ctx, joinWords(span), fuzzy)
	m := mention{raw: strings.Join(rawWords(span), " ")}
	for _, kind := range []rumours.SubjectKind{rumours.KindClub, rumours.KindPlayer} {
		for _, f := range found {
			if f.Kind != kind {
				continue
			}
			if m.kind == "" {
				m.kind, m.level = kind, f.Level
			}
			if !slices.Contains(m.names, f.Name) {
				m.names = append(m.names, f.Name)
				m.current = append(m.current, f.Current)
				m.values = append(m.values, f.Value)
				m.levels = append(m.levels, f.Level)
				m.level = min(m.level, f.Level)
			}
		}
		if m.kind != "" {
			return m, true
		}
	}
	return m, false
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
		(c.has(cueSubscribe) || c.has(cueAlerts)) && c.has(cueSelf) && c.has(cueAsk) && !hasWord(toks, "me"):
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
	case c.has(cueRumours):
		return CmdRumours
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
		if name, cur, ok := pick(p, clubs); ok {
			q.Player, current = name, cur
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
				if len(clubs[0].names) == 1 {
					q.Name = clubs[0].names[0]
				}
				q.Club = ""
			} else {
				q.Name = leftoverName(toks)
			}
		}
	case CmdRumours:
		if q.Player == "" && q.Name == "" && len(clubs) > 0 {
			q.Club = clubs[0].names[0]
		}
		if q.Player == "" && q.Name == "" && q.Club == "" && command {
			q.Name = leftoverName(toks)
		}
	case CmdClub:
		q.Player, q.Name = "", ""
		if len(clubs) > 0 {
			q.Club = clubs[0].names[0]
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
			q.Club = clubs[0].names[0]
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

// pick returns the player a mention means: the one candidate whose current
// club the message names ("bruno leaving utd"; the usual reading of a
// shared alias first), else the one candidate of the surest level, or the
// one of them worth outworth times any other.
func pick(p mention, clubs []mention) (name, current string, ok bool) {
	for _, all := range []bool{false, true} {
		found := -1
		for i, cur := range p.current {
			named := cur != "" && slices.ContainsFunc(clubs, func(c mention) bool {
				return c.names[0] == cur || all && slices.Contains(c.names, cur)
			})
			switch {
			case !named:
			case found >= 0:
				return "", "", false
			default:
				found = i
			}
		}
		if found >= 0 {
			return p.names[found], p.current[found], true
		}
	}
	best, runnerUp := -1, 0
	for i, l := range p.levels {
		switch {
		case l != p.level:
		case best < 0 || p.values[i] > p.values[best]:
			if best >= 0 {
				runnerUp = p.values[best]
			}
			best = i
		default:
			runnerUp = max(runnerUp, p.values[i])
		}
	}
	switch n := countLevel(p); {
	case best < 0:
		return "", "", false
	case n == 1:
	case p.values[best] == 0 || p.values[best] < outworth*runnerUp:
		return "", "", false // namesakes: the core asks which
	}
	return p.names[best], p.current[best], true
}

// outworth is how many times a namesake must be worth the others for a
// shared name to mean him ("Dembélé": Ousmane, 120, not Moussa, 50).
const outworth = 2

// countLevel counts a mention's candidates at its surest level.
func countLevel(p mention) int {
	n := 0
	for _, l := range p.levels {
		if l == p.level {
			n++
		}
	}
	return n
}

// destination returns the one club named other than the player's current
// club, the usual reading of a shared alias; "" when none or two are.
func destination(clubs []mention, current string) string {
	dest := ""
	for _, c := range clubs {
		if current != "" && slices.Contains(c.names, current) {
			continue
		}
		switch d := c.names[0]; {
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
