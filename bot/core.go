package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
)

// Request is one message or button press, as an adapter saw it.
type Request struct {
	Platform string // "console", "telegram", "discord"
	Channel  string // platform-specific channel or chat id
	User     string // platform-specific user id, for logs
	// CanManage says the user may change the channel's subscriptions: a
	// group admin, a Discord member with Manage Channels, or a private chat.
	CanManage bool
	// Text is what the user typed, or a Button's Action. It is parsed with
	// Parse unless Command is set.
	Text string
	// Command, if set, names the command directly (slash commands); Text is
	// then ignored and the options come from Args.
	Command string
	// Args are structured options from slash commands, keyed by ArgPlayer,
	// ArgClub, ArgName and ArgMinStage.
	Args map[string]string
	// AsOf asks about the rumours as they stood at that time; zero means now.
	AsOf time.Time
	// NoButtons says the asker cannot press buttons (a one-shot command
	// line): the reply then carries none, and the choices of an ambiguous
	// name are listed as lines instead.
	NoButtons bool
}

// Keys of Request.Args.
const (
	ArgPlayer   = "player"    // a player name; forces the player reading
	ArgClub     = "club"      // a club name; forces the club reading
	ArgName     = "name"      // a player or club name
	ArgMinStage = "min_stage" // weakest stage worth an alert, e.g. "talks"
)

// Options configure a Core. Zero fields take the documented defaults.
type Options struct {
	// BotName is how the bot introduces itself; default "transferbot".
	BotName string
	// Destinations is how many ranked clubs where shows; default 5. The
	// rest are summed up in one "other clubs" line.
	Destinations int
	// Rumours is how many links rumours shows; default 10.
	Rumours int
	// ClubLinks is how many players club shows per direction; default 8.
	ClubLinks int
	// Now returns the current time; default time.Now. Tests fix it.
	Now func() time.Time
}

// Core is the platform-neutral command core. It is safe for concurrent use
// if its Engine is.
type Core struct {
	engine Engine
	opts   Options
}

// New returns a Core that answers from engine, which must not be nil.
func New(engine Engine, opts Options) *Core {
	if opts.BotName == "" {
		opts.BotName = "transferbot"
	}
	if opts.Destinations <= 0 {
		opts.Destinations = 5
	}
	if opts.Rumours <= 0 {
		opts.Rumours = 10
	}
	if opts.ClubLinks <= 0 {
		opts.ClubLinks = 8
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Core{engine: engine, opts: opts}
}

// query is a request after parsing: the command, the name (as the user
// wrote it, or canonical when the parser knew it), the kind the user forced
// or the parser found ("" for either), a minimum stage, and for where the
// destination asked about ("is X going to C?"), answered first.
type query struct {
	cmd      string
	name     string
	kind     rumours.SubjectKind
	minStage rumours.Stage
	// noButtons: the asker cannot press buttons (Request.NoButtons).
	noButtons bool
	focus     string
}

// Handle answers one request. It never panics: engine failures (and any
// panic) become a friendly, ephemeral Reply whose Err holds the cause for
// logging. Input too long to be a name is refused without asking the engine.
// A request with NoButtons gets a reply without buttons.
func (c *Core) Handle(ctx context.Context, req Request) (reply Reply) {
	defer func() {
		if p := recover(); p != nil {
			reply = c.failure(fmt.Errorf("bot: panic handling %.80q: %v", req.Command+" "+req.Text, p))
		}
		if req.NoButtons {
			reply.Buttons = nil
		}
	}()
	if ctx == nil {
		ctx = context.Background()
	}
	q, refusal := c.read(ctx, req)
	if refusal != nil {
		return *refusal
	}
	q.noButtons = req.NoButtons
	switch q.cmd {
	case CmdWhere:
		return c.handleWhere(ctx, req, q)
	case CmdRumours:
		return c.handleRumours(ctx, req, q)
	case CmdClub:
		return c.handleClub(ctx, req, q)
	case CmdSubscribe:
		return c.handleSubscribe(ctx, req, q)
	case CmdUnsubscribe:
		return c.handleUnsubscribe(ctx, req, q)
	case CmdSubscriptions:
		return c.handleSubscriptions(ctx, req)
	case CmdSources:
		return c.sources()
	case CmdHelp:
		return c.help()
	case CmdStart:
		return c.start()
	}
	return c.unrecognised()
}

// asOf is the time a request asks about: its own, or now by the core's
// clock (which the demo sets to its own season).
func (c *Core) asOf(req Request) time.Time {
	if !req.AsOf.IsZero() {
		return req.AsOf
	}
	return c.opts.Now()
}

// Understand reads a message as Handle does (see the package function
// Understand), with the core's engine spotting the names: what a JSON front
// end or an evaluation reports of a question.
func (c *Core) Understand(ctx context.Context, text string) Question {
	return Understand(ctx, text, c.engine)
}

// read turns a request into a query, or returns the reply refusing it.
func (c *Core) read(ctx context.Context, req Request) (query, *Reply) {
	var q query
	if req.Command != "" {
		name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(req.Command), "/"))
		cmd, ok := commandWords[name]
		if !ok {
			r := c.unrecognised()
			return q, &r
		}
		q.cmd = cmd
		switch {
		case strings.TrimSpace(req.Args[ArgPlayer]) != "":
			q.name, q.kind = req.Args[ArgPlayer], rumours.KindPlayer
		case strings.TrimSpace(req.Args[ArgClub]) != "":
			q.name, q.kind = req.Args[ArgClub], rumours.KindClub
		default:
			q.name = req.Args[ArgName]
		}
		q.name = strings.Join(strings.Fields(q.name), " ")
		if s := strings.TrimSpace(req.Args[ArgMinStage]); s != "" {
			st, ok := parseMinStage(s)
			if !ok {
				r := c.badStage(s)
				return q, &r
			}
			q.minStage = st
		}
	} else {
		if utf8.RuneCountInString(req.Text) > MaxTextLen {
			r := c.refuse("That message is too long for me. Ask about one player or club at a time, for example: where is Ramos heading?")
			return q, &r
		}
		qn := Understand(ctx, req.Text, c.engine)
		if qn.Intent == IntentNone {
			r := c.unrecognised() // a short pointer to help, whatever was said
			return q, &r
		}
		q = fromQuestion(qn)
	}
	if utf8.RuneCountInString(q.name) > MaxNameLen {
		r := c.refuse(fmt.Sprintf("That name is too long: I read names of up to %d characters.", MaxNameLen))
		return q, &r
	}
	if q.cmd == CmdClub && q.kind == rumours.KindPlayer {
		q.cmd = CmdWhere // "/club player:Ramos" means where
	}
	return q, nil
}

// fromQuestion is the query a parsed question asks: its subject is the
// name the parser could not pin down, else the player, else the club; a
// where question's club is the destination asked about.
func fromQuestion(qn Question) query {
	q := query{cmd: qn.Intent, minStage: qn.Stage}
	if qn.Start {
		q.cmd = CmdStart
	}
	switch {
	case qn.Name != "":
		q.name, q.kind = qn.Name, qn.Kind
	case qn.Player != "":
		q.name, q.kind = qn.Player, rumours.KindPlayer
	case qn.Club != "":
		q.name, q.kind = qn.Club, rumours.KindClub
	}
	if q.cmd == CmdWhere && qn.Player != "" {
		q.focus = qn.Club
	}
	return q
}

// splitKind reads an optional leading "player" or "club" from a name.
func splitKind(arg string) (rumours.SubjectKind, string) {
	word, rest, ok := strings.Cut(arg, " ")
	if !ok || strings.TrimSpace(rest) == "" {
		return "", arg
	}
	switch strings.ToLower(word) {
	case "player":
		return rumours.KindPlayer, strings.TrimSpace(rest)
	case "club", "team":
		return rumours.KindClub, strings.TrimSpace(rest)
	}
	return "", arg
}

// splitStage reads an optional trailing minimum stage from a subscribe
// argument: "Ramos talks", "Ramos min talks", "Ramos min_stage=talks".
func splitStage(arg string) (string, rumours.Stage) {
	words := strings.Fields(arg)
	if len(words) < 2 {
		return arg, rumours.StageUnknown
	}
	last := words[len(words)-1]
	if k, v, ok := strings.Cut(last, "="); ok && isStageWord(k) {
		last = v
	} else if k, v, ok := strings.Cut(last, ":"); ok && isStageWord(k) {
		last = v
	}
	st, ok := parseMinStage(last)
	if !ok {
		return arg, rumours.StageUnknown
	}
	words = words[:len(words)-1]
	for len(words) > 1 && isStageWord(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " "), st
}

// strayStage returns the last word of a subscribe command written as text
// ("subscribe Chelsea banana", "/subscribe Saka min banana") when it is not
// part of the name subscribed to, nor a word of politeness, and so can only
// have been meant as the minimum stage.
func strayStage(text, name string) (string, bool) {
	toks, slash := tokenize(text)
	if slash != "" {
		toks = append([]token{{w: slash}}, toks...)
	}
	if len(toks) < 3 || commandWords[toks[0].w] != CmdSubscribe {
		return "", false
	}
	last := toks[len(toks)-1].w
	if strayFillers[last] || isStageWord(last) {
		return "", false
	}
	if _, ok := parseMinStage(last); ok {
		return "", false
	}
	for _, w := range strings.Fields(gazetteer.Fold(name)) {
		if w == last {
			return "", false
		}
	}
	return toks[len(toks)-1].raw, true
}

// strayFillers are words a subscribe may end with that are not stages.
var strayFillers = map[string]bool{"please": true, "pls": true, "plz": true, "thanks": true, "thx": true, "now": true,
	"too": true, "alerts": true, "news": true, "updates": true, "rumours": true, "rumors": true, "transfers": true, "me": true}

// cutStage splits a subscribe argument whose last word may be meant as a
// stage (splitStage did not read it as one) into the name before it, less
// any "min", "from" and the like, and that word.
func cutStage(arg string) (name, word string, ok bool) {
	words := strings.Fields(arg)
	if len(words) < 2 {
		return "", "", false
	}
	word, words = words[len(words)-1], words[:len(words)-1]
	for len(words) > 1 && isStageWord(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " "), word, true
}

func isStageWord(w string) bool {
	switch strings.ToLower(w) {
	case "min", "minimum", "from", "at", "stage", "min_stage", "min-stage", "minstage", "only", "since", ">=":
		return true
	}
	return false
}

// parseMinStage reads a stage that can be a subscription's minimum: one of
// the positive stages, or "all"/"any" for every link.
func parseMinStage(s string) (rumours.Stage, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "all", "any", "everything":
		return rumours.StageUnknown, true
	}
	st, err := rumours.ParseStage(s)
	if err != nil || st.Negative() || !st.Valid() {
		return rumours.StageUnknown, false
	}
	return st, true
}

// resolveFail is why a name did not resolve, with the reply to send.
type resolveFail struct {
	reply   Reply
	unknown bool // no kind knew the name (as opposed to ambiguous or failed)
	// candidates are the names an ambiguous name may mean, of kind kind.
	candidates []string
	kind       rumours.SubjectKind
}

// resolve maps q.name to a canonical player or club, trying the kinds in
// order (q.kind alone if the user forced one). On failure it returns the
// reply to send: which-one buttons, did-you-mean suggestions or a friendly
// error. action builds the command a candidate's button re-runs.
func (c *Core) resolve(ctx context.Context, q query, kinds []rumours.SubjectKind, action func(rumours.SubjectKind, string) string) (rumours.SubjectKind, string, *resolveFail) {
	if q.kind != "" {
		kinds = []rumours.SubjectKind{q.kind}
	}
	var suggestions []string
	var suggested []rumours.SubjectKind
	for _, kind := range kinds {
		var (
			name string
			err  error
		)
		if kind == rumours.KindClub {
			name, err = c.engine.ResolveClub(ctx, q.name)
		} else {
			name, err = c.engine.ResolvePlayer(ctx, q.name)
		}
		if err == nil && name != "" {
			return kind, name, nil
		}
		var amb *rumours.AmbiguousError
		var unk *rumours.UnknownError
		switch {
		case err == nil:
			err = fmt.Errorf("empty name for %q", q.name)
		case errors.As(err, &amb) && len(amb.Candidates) > 0:
			return "", "", &resolveFail{reply: c.ambiguous(q, kind, amb.Candidates, action), candidates: amb.Candidates, kind: kind}
		case errors.As(err, &unk):
			for _, s := range unk.Suggestions {
				if !containsFold(suggestions, s) {
					suggestions = append(suggestions, s)
					suggested = append(suggested, kind)
				}
			}
			continue
		}
		if amb != nil {
			continue // ambiguous without candidates: as good as unknown
		}
		return "", "", &resolveFail{reply: c.failure(fmt.Errorf("bot: resolve %s %q: %w", kind, q.name, err))}
	}
	only := rumours.SubjectKind("")
	if len(kinds) == 1 {
		only = kinds[0]
	}
	return "", "", &resolveFail{reply: c.unknown(q.name, only, suggestions, suggested, action), unknown: true}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

var playerThenClub = []rumours.SubjectKind{rumours.KindPlayer, rumours.KindClub}

func (c *Core) handleWhere(ctx context.Context, req Request, q query) Reply {
	if q.name == "" {
		return c.refuse("Which player? For example: /where Ramos")
	}
	kind, name, fail := c.resolve(ctx, q, playerThenClub, func(k rumours.SubjectKind, n string) string {
		if k == rumours.KindClub {
			return CmdClub + " " + n
		}
		return CmdWhere + " " + n
	})
	if fail != nil && fail.kind == rumours.KindPlayer && !req.AsOf.IsZero() {
		// asked about a past date, a name means the one player who had
		// news by then, if only one had
		if only, ok := c.onlyWithNews(ctx, fail.candidates, req.AsOf); ok {
			kind, name, fail = rumours.KindPlayer, only, nil
		}
	}
	if fail != nil {
		return fail.reply
	}
	if kind == rumours.KindClub {
		return c.club(ctx, req, name)
	}
	r, err := c.engine.Where(ctx, name, c.asOf(req))
	if errors.Is(err, rumours.ErrNotFound) {
		return c.noLinks(rumours.KindPlayer, name)
	}
	if err != nil {
		return c.failure(fmt.Errorf("bot: where %q: %w", name, err))
	}
	if r.Player == "" {
		r.Player = name
	}
	if len(r.Destinations) == 0 && r.Done == nil && len(r.Closed) == 0 && r.LastReport.IsZero() {
		return c.noLinks(rumours.KindPlayer, r.Player)
	}
	return c.whereReply(r, c.asOf(req), q.focus)
}

// onlyWithNews returns the one of players that has transfer links as of
// asOf, and false when none or several have (or the engine fails: the
// caller then asks which one is meant).
func (c *Core) onlyWithNews(ctx context.Context, players []string, asOf time.Time) (string, bool) {
	only := ""
	for _, p := range players {
		r, err := c.engine.Where(ctx, p, asOf)
		if err != nil && !errors.Is(err, rumours.ErrNotFound) {
			return "", false
		}
		if err == nil && (len(r.Destinations) > 0 || r.Done != nil) {
			if only != "" {
				return "", false
			}
			only = p
		}
	}
	return only, only != ""
}

func (c *Core) handleRumours(ctx context.Context, req Request, q query) Reply {
	kind, name := rumours.SubjectKind(""), ""
	if q.name != "" {
		var fail *resolveFail
		kind, name, fail = c.resolve(ctx, q, playerThenClub, func(k rumours.SubjectKind, n string) string {
			return CmdRumours + " " + string(k) + " " + n
		})
		if fail != nil {
			return fail.reply
		}
	}
	evs, err := c.engine.Rumours(ctx, kind, name, c.asOf(req), c.opts.Rumours)
	if err != nil && !errors.Is(err, rumours.ErrNotFound) {
		return c.failure(fmt.Errorf("bot: rumours %q: %w", name, err))
	}
	if len(evs) == 0 {
		if name == "" {
			return Reply{Text: "No transfer rumours yet."}
		}
		return c.noLinks(kind, name)
	}
	return c.rumoursReply(kind, name, evs)
}

func (c *Core) handleClub(ctx context.Context, req Request, q query) Reply {
	if q.name == "" {
		return c.refuse("Which club? For example: /club Juventus")
	}
	q.kind = rumours.KindClub
	_, name, fail := c.resolve(ctx, q, nil, func(_ rumours.SubjectKind, n string) string {
		return CmdClub + " " + n
	})
	if fail != nil {
		return fail.reply
	}
	return c.club(ctx, req, name)
}

func (c *Core) club(ctx context.Context, req Request, club string) Reply {
	rep, err := c.engine.Club(ctx, club, c.asOf(req))
	if errors.Is(err, rumours.ErrNotFound) {
		return c.noLinks(rumours.KindClub, club)
	}
	if err != nil {
		return c.failure(fmt.Errorf("bot: club %q: %w", club, err))
	}
	if rep.Club == "" {
		rep.Club = club
	}
	if len(rep.In) == 0 && len(rep.Out) == 0 {
		return c.noLinks(rumours.KindClub, rep.Club)
	}
	return c.clubReply(rep)
}

func (c *Core) handleSubscribe(ctx context.Context, req Request, q query) Reply {
	if !req.CanManage {
		return c.refuse(notAllowed)
	}
	if q.name == "" {
		return c.refuse("What should this channel follow? For example: /subscribe Ramos, or /subscribe Juventus talks to skip early gossip.")
	}
	stage := ""
	if q.minStage != rumours.StageUnknown {
		stage = " " + q.minStage.String()
	}
	action := func(k rumours.SubjectKind, n string) string {
		return CmdSubscribe + " " + string(k) + " " + n + stage
	}
	kind, name, fail := c.resolve(ctx, q, playerThenClub, action)
	if fail != nil && fail.unknown && req.Command == "" && q.minStage == rumours.StageUnknown {
		// "subscribe Chelsea banana": a known name and a word that is not
		// a stage say more about the stage than about the name
		if rest, word, ok := cutStage(q.name); ok {
			named := q
			named.name = rest
			if _, _, f := c.resolve(ctx, named, playerThenClub, action); f == nil {
				return c.badStage(word)
			}
		}
	}
	if fail == nil && req.Command == "" && q.minStage == rumours.StageUnknown {
		if word, ok := strayStage(req.Text, name); ok {
			return c.badStage(word)
		}
	}
	if fail != nil {
		fail.reply.Ephemeral = true
		return fail.reply
	}
	s := rumours.Subscription{
		Platform: req.Platform,
		Channel:  req.Channel,
		Kind:     kind,
		Target:   name,
		MinStage: q.minStage,
		Active:   true,
		Created:  c.opts.Now(),
	}
	if err := c.engine.Subscribe(ctx, s); err != nil {
		return c.failure(fmt.Errorf("bot: subscribe %s %q: %w", kind, name, err))
	}
	return c.subscribed(s)
}

func (c *Core) handleUnsubscribe(ctx context.Context, req Request, q query) Reply {
	if !req.CanManage {
		return c.refuse(notAllowed)
	}
	if q.name == "" {
		return c.refuse("What should this channel stop following? For example: /unsubscribe Ramos")
	}
	subs, err := c.engine.Subscriptions(ctx, req.Platform, req.Channel)
	if err != nil {
		return c.failure(fmt.Errorf("bot: unsubscribe %q: list subscriptions: %w", q.name, err))
	}
	var match []rumours.Subscription
	for _, s := range subs {
		if strings.EqualFold(s.Target, q.name) && (q.kind == "" || s.Kind == q.kind) {
			match = append(match, s)
		}
	}
	var kind rumours.SubjectKind
	var name string
	if len(match) == 1 {
		kind, name = match[0].Kind, match[0].Target
	} else {
		var fail *resolveFail
		kind, name, fail = c.resolve(ctx, q, playerThenClub, func(k rumours.SubjectKind, n string) string {
			return CmdUnsubscribe + " " + string(k) + " " + n
		})
		if fail != nil {
			if fail.unknown {
				return c.notSubscribed(q.name)
			}
			fail.reply.Ephemeral = true
			return fail.reply
		}
	}
	err = c.engine.Unsubscribe(ctx, req.Platform, req.Channel, kind, name)
	if errors.Is(err, rumours.ErrNotFound) {
		return c.notSubscribed(name)
	}
	if err != nil {
		return c.failure(fmt.Errorf("bot: unsubscribe %s %q: %w", kind, name, err))
	}
	return Reply{
		Text:      fmt.Sprintf("Done: this channel will no longer get alerts about %s.", name),
		Ephemeral: true,
	}
}

func (c *Core) handleSubscriptions(ctx context.Context, req Request) Reply {
	subs, err := c.engine.Subscriptions(ctx, req.Platform, req.Channel)
	if err != nil {
		return c.failure(fmt.Errorf("bot: subscriptions: %w", err))
	}
	return c.subscriptionsReply(subs, req.CanManage)
}
