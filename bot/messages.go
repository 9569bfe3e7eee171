package bot

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"transferbot/rumours"
)

// This file holds every sentence the bot says.

const notAllowed = "Only admins can change this channel's alerts. Ask an admin, or message me privately to follow players and clubs yourself."

// maxQuote is the longest quote shown, in characters.
const maxQuote = 200

// maxSuggestions is how many "did you mean" names are offered.
const maxSuggestions = 3

// Greeting is a short welcome for interactive text adapters such as the
// console, which print buttons as numbered options (see Reply.PlainText)
// and stop when the user types quit.
func (c *Core) Greeting() string {
	return fmt.Sprintf("Hi, I'm %s. Ask me \"where is Ramos heading?\", or type help for the commands. Type a number to pick one of the numbered options, or quit to leave.", c.opts.BotName)
}

// DemoFeedIntro tells a console user about the built-in demo feed: it
// publishes an article every every, and the chat follows follows (names),
// so their news arrives as alerts.
func (c *Core) DemoFeedIntro(follows []string, every time.Duration, remaining int) string {
	if remaining <= 0 {
		return "The demo news feed has published all its articles. Delete the database file (transferbot.db) to replay it."
	}
	feed := fmt.Sprintf("A demo news feed publishes one more article from the 2021 transfer window every %s (%d to come). ",
		roundDuration(every), remaining)
	if len(follows) == 0 {
		return feed + "This chat follows nobody yet: type subscribe and a player or club (subscribe PSG) to get their news here as alerts."
	}
	return feed + fmt.Sprintf("This chat follows %s, so their news arrives here as alerts. "+
		"Type subscriptions to see what you follow, or subscribe to follow more.", joinAnd(follows))
}

// roundDuration shows d to the second, or to the millisecond under a second.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}

// joinAnd joins names as "A", "A and B" or "A, B and C".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// refuse is a short ephemeral reply to input the core will not act on.
func (c *Core) refuse(text string) Reply {
	return Reply{Text: text, Ephemeral: true}
}

// failure is the friendly reply to an engine failure; err is kept for logs.
func (c *Core) failure(err error) Reply {
	return Reply{
		Text:      "Sorry, I couldn't look that up just now. Please try again in a moment.",
		Ephemeral: true,
		Err:       err,
	}
}

func (c *Core) unrecognised() Reply {
	return Reply{
		Text:         "Sorry, I didn't understand that. Ask me something like \"where is Ramos heading?\", or type /help for the commands.",
		Ephemeral:    true,
		Unrecognised: true,
	}
}

// badStage refuses s as a subscription's minimum stage and lists the stages.
func (c *Core) badStage(s string) Reply {
	return c.refuse(fmt.Sprintf("%s is not a stage; stages: %s.", s, strings.Join(minStageNames(), ", ")))
}

func minStageNames() []string {
	var names []string
	for _, st := range rumours.Stages() {
		if !st.Negative() {
			names = append(names, st.String())
		}
	}
	return names
}

// ambiguous asks which of candidates q.name means: with a button for each,
// or, for an asker who cannot press buttons, a list and how to ask again.
func (c *Core) ambiguous(q query, kind rumours.SubjectKind, candidates []string, action func(rumours.SubjectKind, string) string) Reply {
	r := Reply{Title: fmt.Sprintf("Which %s do you mean?", q.name)}
	if q.noButtons {
		for _, cand := range candidates {
			r.Lines = append(r.Lines, Line{Heading: "- " + cand})
		}
		r.Notes = []string{"Ask again with the full name, for example: " + action(kind, candidates[0])}
		return r
	}
	for _, cand := range candidates {
		r.Buttons = append(r.Buttons, Button{Label: cand, Action: action(kind, cand)})
	}
	return r
}

// unknown tells the user a name is unknown; only is the one kind that was
// looked up, or "" when both were.
func (c *Core) unknown(query string, only rumours.SubjectKind, suggestions []string, kinds []rumours.SubjectKind, action func(rumours.SubjectKind, string) string) Reply {
	r := Reply{Ephemeral: true}
	text := fmt.Sprintf("I don't know %s yet.", query)
	switch only {
	case rumours.KindPlayer:
		text = fmt.Sprintf("I don't know a player called %s yet.", query)
	case rumours.KindClub:
		text = fmt.Sprintf("I don't know a club called %s yet.", query)
	}
	if len(suggestions) > maxSuggestions {
		suggestions, kinds = suggestions[:maxSuggestions], kinds[:maxSuggestions]
	}
	if len(suggestions) > 0 {
		text += fmt.Sprintf("\nDid you mean: %s?", strings.Join(suggestions, ", "))
		for i, s := range suggestions {
			r.Buttons = append(r.Buttons, Button{Label: s, Action: action(kinds[i], s)})
		}
	} else {
		text += "\nCheck the spelling, or try the full name."
	}
	r.Text = text
	return r
}

func (c *Core) noLinks(kind rumours.SubjectKind, name string) Reply {
	return Reply{
		Text:    fmt.Sprintf("No transfer links for %s yet.", name),
		Buttons: []Button{subscribeButton(kind, name)},
	}
}

func subscribeButton(kind rumours.SubjectKind, name string) Button {
	return Button{
		Label:  "Subscribe to " + name,
		Action: CmdSubscribe + " " + string(kind) + " " + name,
	}
}

// whereReply renders a player's ranking. focus is the destination the user
// asked about ("is X going to C?"), answered in the first sentence, or "".
func (c *Core) whereReply(r rumours.Ranking, asked time.Time, focus string) Reply {
	shown := r.Destinations
	var rest []rumours.Destination
	if len(shown) > c.opts.Destinations {
		shown, rest = shown[:c.opts.Destinations], shown[c.opts.Destinations:]
	}
	shares := make([]float64, 0, len(shown)+2)
	for _, d := range shown {
		shares = append(shares, d.Share)
	}
	restShare := 0.0
	for _, d := range rest {
		restShare += positive(d.Share)
	}
	if len(rest) > 0 {
		shares = append(shares, restShare)
	}
	shares = append(shares, r.Stays)
	pct := percents(shares)

	reply := Reply{Title: fmt.Sprintf("Where is %s heading?", r.Player)}
	now := asked
	if now.IsZero() {
		now = c.opts.Now()
	}
	var intro []string
	if focus != "" {
		intro = append(intro, focusText(r, focus, shown, pct))
	}
	if r.Done != nil {
		intro = append(intro, doneText(r))
	} else if t := spellText(r); t != "" {
		intro = append(intro, t+".")
	}
	intro = append(intro, freshnessText(r.LastReport, now))
	reply.Text = strings.Join(intro, " ")
	reply.Buttons = []Button{
		subscribeButton(rumours.KindPlayer, r.Player),
		{Label: "Latest on " + r.Player, Action: CmdRumours + " player " + r.Player},
	}
	if r.Done != nil || len(r.Destinations) == 0 {
		return c.closedReply(reply, r)
	}

	chart := &Chart{Title: r.Player}
	for i, d := range shown {
		share := percentText(pct[i], d.Share)
		l := Line{
			Heading:  fmt.Sprintf("%d. %s: %s", i+1, d.Club, share),
			Rank:     i + 1,
			Club:     d.Club,
			Share:    d.Share,
			Stage:    stageText(d.Stage),
			Outlets:  d.Outlets,
			LastSeen: d.LastSeen,
		}
		l.Detail = strings.Join([]string{
			"stage: " + l.Stage,
			outletsText(d.Outlets, d.Sources),
			"last seen " + date(d.LastSeen),
		}, " · ")
		if e, ok := evidenceLine(d.Best, d.Sources); ok {
			l.Evidence = []EvidenceLine{e}
		}
		reply.Lines = append(reply.Lines, l)
		chart.Labels = append(chart.Labels, d.Club)
		chart.Shares = append(chart.Shares, positive(d.Share))
		chart.ShareTexts = append(chart.ShareTexts, share)
		chart.Details = append(chart.Details, l.Stage+", "+date(d.LastSeen))
	}
	n := len(shown)
	if len(rest) > 0 {
		clubs := "clubs"
		if len(rest) == 1 {
			clubs = "club"
		}
		share := percentText(pct[n], restShare)
		reply.Lines = append(reply.Lines, Line{
			Heading: fmt.Sprintf("%d other %s: %s", len(rest), clubs, share),
			Share:   restShare,
		})
		chart.Labels = append(chart.Labels, "Others")
		chart.Shares = append(chart.Shares, restShare)
		chart.ShareTexts = append(chart.ShareTexts, share)
		chart.Details = append(chart.Details, fmt.Sprintf("%d %s", len(rest), clubs))
		n++
	}
	stays := "Stays"
	if r.Current != "" {
		stays = "Stays at " + r.Current
	}
	staysShare := percentText(pct[n], r.Stays)
	reply.Lines = append(reply.Lines, Line{
		Heading: fmt.Sprintf("%s: %s", stays, staysShare),
		Club:    r.Current,
		Share:   r.Stays,
		Stays:   true,
	})
	chart.Labels = append(chart.Labels, stays)
	chart.Shares = append(chart.Shares, positive(r.Stays))
	chart.ShareTexts = append(chart.ShareTexts, staysShare)
	chart.Details = append(chart.Details, "")

	reply.Notes = []string{"Shares show how strongly the reports point to each outcome, weighted by each outlet's reliability; they are not odds."}
	reply.Chart = chart
	return reply
}

// closedReply renders a ranking with nothing live: the completed move that
// ended his latest saga, if any, then the clubs linked before it, without
// shares (they are history, not chances).
func (c *Core) closedReply(reply Reply, r rumours.Ranking) Reply {
	if d := r.Done; d != nil {
		l := Line{Heading: "1. " + d.Club + ": done deal", Rank: 1, Club: d.Club, Share: 1, Stage: stageText(rumours.Done), Outlets: d.Outlets, LastSeen: d.LastSeen}
		l.Detail = "joined " + date(r.Spell.Since)
		if d.Outlets > 0 {
			l.Detail += " · " + outletsText(d.Outlets, d.Sources)
		}
		if e, ok := evidenceLine(d.Best, d.Sources); ok {
			l.Evidence = []EvidenceLine{e}
		}
		reply.Lines = append(reply.Lines, l)
	}
	if r.Done == nil && len(r.Closed) == 0 {
		reply.Lines = append(reply.Lines, Line{Heading: "No live links", Detail: "the reports about him are from before his latest move"})
	}
	if len(r.Closed) > 0 {
		var names []string
		for _, x := range r.Closed[:min(len(r.Closed), c.opts.Destinations)] {
			names = append(names, fmt.Sprintf("%s (%s, %s)", x.Club, stageText(x.Stage), date(x.LastSeen)))
		}
		reply.Lines = append(reply.Lines, Line{
			Heading: "Closed saga",
			Detail:  "linked before his move: " + strings.Join(names, ", "),
		})
	}
	return reply
}

// spellText says where the player plays and since when: "Liverpool since 1
// Sep 2025, from Newcastle United"; "" when his club is unknown.
func spellText(r rumours.Ranking) string {
	s := r.Spell
	if r.Current == "" {
		if s.From != "" && !s.Since.IsZero() {
			return "Without a club since " + date(s.Since) + ", after leaving " + s.From
		}
		return ""
	}
	t := "Current club: " + r.Current
	if s.Loan && s.Parent != "" {
		t += " (on loan from " + s.Parent + ")"
	}
	if !s.Since.IsZero() {
		t += " since " + date(s.Since)
		if s.From != "" && !s.Loan {
			t += ", from " + s.From
		}
	}
	return t
}

// doneText announces the completed move that ended his latest saga, and
// who reported it.
func doneText(r rumours.Ranking) string {
	d := r.Done
	t := fmt.Sprintf("Done deal: %s joined %s", r.Player, d.Club)
	if r.Spell.From != "" {
		t += " from " + r.Spell.From
	}
	if r.Spell.Loan {
		t += " on loan"
	}
	t += " on " + date(r.Spell.Since)
	if o := outletOf(d.Best, d.Sources); o != "" {
		t += " (reported by " + o + ")"
	} else if d.Best.ArticleID == 0 {
		t += " (club records)"
	}
	return t + "."
}

// freshnessText dates the newest report, and says how old it is when the
// saga went quiet before the current transfer window opened: old news must
// not read as current.
func freshnessText(last, now time.Time) string {
	if last.IsZero() {
		return "No dated reports."
	}
	t := "Reports up to " + date(last) + "."
	if last.Before(windowStart(now)) {
		t += " Last report " + ago(last, now) + ": this saga may be over."
	}
	return t
}

// windowStart is when the transfer window in progress at t, or the last
// one before it, opened: 1 June for the summer window (open until the end
// of August), 1 January for the winter one.
func windowStart(t time.Time) time.Time {
	y := t.Year()
	if t.Month() >= time.June {
		return time.Date(y, time.June, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
}

// ago says how long before now t was, in days, months or years.
func ago(t, now time.Time) string {
	days := int(now.Sub(t).Hours() / 24)
	switch {
	case days < 2:
		return "yesterday"
	case days < 60:
		return fmt.Sprintf("%d days ago", days)
	}
	months := (now.Year()-t.Year())*12 + int(now.Month()-t.Month())
	if now.Day() < t.Day() {
		months--
	}
	if months < 24 {
		return fmt.Sprintf("%d months ago", months)
	}
	return fmt.Sprintf("%d years ago", months/12)
}

// focusText answers for the one destination asked about: its share and
// stage when reports link the player with it.
func focusText(r rumours.Ranking, focus string, shown []rumours.Destination, pct []int) string {
	switch {
	case r.Done != nil && r.Done.Club == focus:
		return fmt.Sprintf("Yes: %s joined %s on %s.", r.Player, focus, date(r.Spell.Since))
	case r.Current == focus:
		return fmt.Sprintf("%s already plays for %s.", r.Player, focus)
	}
	for i, d := range r.Destinations {
		if d.Club != focus {
			continue
		}
		p := int(math.Round(positive(d.Share) * 100))
		if i < len(shown) {
			p = pct[i]
		}
		return fmt.Sprintf("%s to %s: %s, stage %s.", r.Player, focus, percentText(p, d.Share), stageText(d.Stage))
	}
	return fmt.Sprintf("No reports link %s with %s.", r.Player, focus)
}

// rumoursReply renders the latest links for a player, a club or everyone.
func (c *Core) rumoursReply(kind rumours.SubjectKind, name string, evs []rumours.Evidence) Reply {
	r := Reply{Title: "Latest transfer rumours"}
	if name != "" {
		r.Title = "Latest on " + name
	}
	for _, e := range evs {
		heading := e.Player + " → " + e.To
		if e.From != "" {
			heading = e.Player + ": " + e.From + " → " + e.To
		}
		parts := []string{"stage: " + stageText(e.Stage)}
		if o := outletOf(e, nil); o != "" {
			parts = append(parts, o)
		}
		parts = append(parts, date(e.Published))
		r.Lines = append(r.Lines, Line{
			Heading:  heading,
			Detail:   strings.Join(parts, " · "),
			Club:     e.To,
			Stage:    stageText(e.Stage),
			LastSeen: e.Published,
			URL:      e.ArticleURL,
		})
	}
	if name != "" {
		r.Buttons = []Button{subscribeButton(kind, name)}
		if kind == rumours.KindPlayer {
			r.Buttons = append(r.Buttons, Button{Label: "Where is " + name + " heading?", Action: CmdWhere + " " + name})
		}
	}
	return r
}

// clubReply renders who a club is linked with, in and out.
func (c *Core) clubReply(rep rumours.ClubReport) Reply {
	r := Reply{Title: "Transfer links: " + rep.Club}
	add := func(group string, links []rumours.ClubLink, in bool) {
		shown := links
		if len(shown) > c.opts.ClubLinks {
			shown = shown[:c.opts.ClubLinks]
		}
		for _, l := range shown {
			heading := l.Player
			switch {
			case in && l.Club != "":
				heading = l.Player + " (from " + l.Club + ")"
			case !in && l.Club != "":
				heading = l.Player + " → " + l.Club
			}
			parts := []string{"stage: " + stageText(l.Stage)}
			if o := outletOf(l.Best, nil); o != "" {
				parts = append(parts, o)
			}
			parts = append(parts, date(l.Best.Published))
			r.Lines = append(r.Lines, Line{
				Group:    group,
				Heading:  heading,
				Detail:   strings.Join(parts, " · "),
				Club:     l.Club,
				Stage:    stageText(l.Stage),
				LastSeen: l.Best.Published,
				URL:      l.Best.ArticleURL,
			})
		}
		if more := len(links) - len(shown); more > 0 {
			dir := "in"
			if !in {
				dir = "out"
			}
			r.Notes = append(r.Notes, fmt.Sprintf("…and %d more linked %s.", more, dir))
		}
	}
	add("Linked with a move to "+rep.Club, rep.In, true)
	add("Linked with a move away from "+rep.Club, rep.Out, false)
	r.Buttons = []Button{subscribeButton(rumours.KindClub, rep.Club)}
	return r
}

func (c *Core) subscribed(s rumours.Subscription) Reply {
	text := fmt.Sprintf("Done: this channel will get alerts about %s", s.Target)
	if s.MinStage != rumours.StageUnknown {
		text += fmt.Sprintf(" once a link reaches %s or beyond", s.MinStage)
	}
	return Reply{
		Text:      text + ".",
		Ephemeral: true,
		Buttons: []Button{{
			Label:  "Unsubscribe from " + s.Target,
			Action: CmdUnsubscribe + " " + string(s.Kind) + " " + s.Target,
		}},
	}
}

func (c *Core) notSubscribed(name string) Reply {
	return Reply{
		Text:      fmt.Sprintf("This channel isn't subscribed to %s. Type /subscriptions to see what it follows.", name),
		Ephemeral: true,
	}
}

func (c *Core) subscriptionsReply(subs []rumours.Subscription, canManage bool) Reply {
	if len(subs) == 0 {
		return Reply{
			Text:      "This channel doesn't follow any players or clubs yet. Try /subscribe Ramos.",
			Ephemeral: true,
		}
	}
	r := Reply{Title: "This channel follows", Ephemeral: true}
	for _, s := range subs {
		parts := []string{string(s.Kind)}
		if s.MinStage == rumours.StageUnknown {
			parts = append(parts, "every new link")
		} else {
			parts = append(parts, "from "+s.MinStage.String()+" on")
		}
		if !s.Active {
			parts = append(parts, "paused: alerts could not be delivered")
		}
		r.Lines = append(r.Lines, Line{Heading: s.Target, Detail: strings.Join(parts, " · ")})
		if canManage {
			r.Buttons = append(r.Buttons, Button{
				Label:  "Unsubscribe from " + s.Target,
				Action: CmdUnsubscribe + " " + string(s.Kind) + " " + s.Target,
			})
		}
	}
	return r
}

func (c *Core) sources() Reply {
	tiers := map[int][]string{}
	for _, o := range c.engine.Sources() {
		tiers[o.Tier] = append(tiers[o.Tier], o.Name)
	}
	if len(tiers) == 0 {
		return Reply{Text: "I have no list of news outlets yet."}
	}
	nums := make([]int, 0, len(tiers))
	for t := range tiers {
		nums = append(nums, t)
	}
	sort.Ints(nums)
	r := Reply{
		Title: "Where my news comes from",
		Text:  "Outlets by reliability tier. Reports from higher tiers weigh more in the rankings.",
	}
	for i, t := range nums {
		names := tiers[t]
		sort.Strings(names)
		heading := fmt.Sprintf("Tier %d", t)
		if i == 0 && len(nums) > 1 {
			heading += " (most reliable)"
		}
		r.Lines = append(r.Lines, Line{Heading: heading, Detail: strings.Join(names, ", ")})
	}
	return r
}

// helpLines lists the commands with examples.
func helpLines() []Line {
	return []Line{
		{Heading: "/where PLAYER", Detail: "Ranked destination clubs with sources. Example: /where Ramos, or just ask \"where is Mbappé heading?\""},
		{Heading: "/rumours [PLAYER or CLUB]", Detail: "The latest links. Example: /rumours Sancho, or \"Juventus rumours?\""},
		{Heading: "/club CLUB", Detail: "Who a club is linked with, in and out. Example: /club Juventus, or \"who are Inter Miami signing?\""},
		{Heading: "/subscribe PLAYER or CLUB [stage]", Detail: "Alerts in this channel; add a stage to skip early gossip. Example: /subscribe Ramos talks"},
		{Heading: "/unsubscribe PLAYER or CLUB", Detail: "Stop alerts. Example: /unsubscribe Ramos"},
		{Heading: "/subscriptions", Detail: "What this channel follows."},
		{Heading: "/sources", Detail: "The news outlets I read, by reliability."},
		{Heading: "/help", Detail: "This list."},
	}
}

func (c *Core) help() Reply {
	return Reply{
		Title: "What I can do",
		Text:  "Ask in plain words or use a command (the slash is optional).",
		Lines: helpLines(),
		Notes: []string{"Stages, weakest first: " + strings.Join(minStageNames(), ", ") + "."},
	}
}

func (c *Core) start() Reply {
	r := c.help()
	r.Title = fmt.Sprintf("Hi, I'm %s.", c.opts.BotName)
	r.Text = "I follow football transfer rumours and rank where players are likely to go, with the reports behind each club. Ask \"where is Ramos heading?\" or use a command:"
	return r
}

// CommandInfo describes a command for platforms that register commands
// (Telegram's command menu, Discord slash commands).
type CommandInfo struct {
	Name        string
	Description string
	Options     []OptionInfo
}

// OptionInfo describes a slash-command option; Name is a Request.Args key.
type OptionInfo struct {
	Name        string
	Description string
	Required    bool
}

// Commands lists the commands users can call, with descriptions, for
// adapters that register them. start is left out.
func Commands() []CommandInfo {
	name := OptionInfo{Name: ArgName, Description: "Player or club name"}
	player := OptionInfo{Name: ArgPlayer, Description: "Player name", Required: true}
	club := OptionInfo{Name: ArgClub, Description: "Club name", Required: true}
	stage := OptionInfo{Name: ArgMinStage, Description: "Only alert from this stage on: " + strings.Join(minStageNames(), ", ")}
	required := name
	required.Required = true
	return []CommandInfo{
		{Name: CmdWhere, Description: "Where is a player heading? Ranked clubs with sources", Options: []OptionInfo{player}},
		{Name: CmdRumours, Description: "Latest transfer links for a player, a club or everyone", Options: []OptionInfo{name}},
		{Name: CmdClub, Description: "Who a club is linked with, in and out", Options: []OptionInfo{club}},
		{Name: CmdSubscribe, Description: "Get alerts in this channel about a player or club", Options: []OptionInfo{required, stage}},
		{Name: CmdUnsubscribe, Description: "Stop alerts about a player or club", Options: []OptionInfo{required}},
		{Name: CmdSubscriptions, Description: "What this channel follows"},
		{Name: CmdSources, Description: "The news outlets the bot reads, by reliability"},
		{Name: CmdHelp, Description: "How to use the bot"},
	}
}

// stageText is how a stage is shown.
func stageText(s rumours.Stage) string {
	if !s.Valid() {
		return "unknown"
	}
	return s.String()
}

// outletsText counts independent outlets and names the strongest few.
func outletsText(n int, names []string) string {
	var s string
	switch n {
	case 0:
		return "no named outlet"
	case 1:
		s = "1 outlet"
	default:
		s = fmt.Sprintf("%d independent outlets", n)
	}
	if len(names) == 0 {
		return s
	}
	const show = 3
	if len(names) > show {
		return fmt.Sprintf("%s (%s and %d more)", s, strings.Join(names[:show], ", "), len(names)-show)
	}
	return fmt.Sprintf("%s (%s)", s, strings.Join(names, ", "))
}

// outletOf names the outlet behind a piece of evidence: the strongest cited
// outlet, else the publisher, else the first of fallback; with "via" the
// publisher when that differs.
func outletOf(e rumours.Evidence, fallback []string) string {
	outlet := ""
	if len(e.Outlets) > 0 {
		outlet = e.Outlets[0]
	}
	switch {
	case outlet == "" && e.Publisher != "":
		return e.Publisher
	case outlet == "" && len(fallback) > 0:
		return fallback[0]
	case outlet != "" && e.Publisher != "" && !strings.EqualFold(outlet, e.Publisher):
		return outlet + " via " + e.Publisher
	}
	return outlet
}

// evidenceLine renders a destination's best evidence; false if there is none.
func evidenceLine(e rumours.Evidence, sources []string) (EvidenceLine, bool) {
	outlet := outletOf(e, sources)
	quote := truncate(strings.Join(strings.Fields(e.Quote), " "), maxQuote)
	if outlet == "" && quote == "" && e.ArticleURL == "" {
		return EvidenceLine{}, false
	}
	if outlet == "" {
		outlet = "Unnamed outlet"
	}
	text := outlet + ", " + date(e.Published)
	if quote != "" {
		text += ": \"" + quote + "\""
	}
	return EvidenceLine{Outlet: outlet, Date: e.Published, Quote: quote, URL: e.ArticleURL, Text: text}, true
}

// date formats a day, or says it is unknown.
func date(t time.Time) string {
	if t.IsZero() {
		return "date unknown"
	}
	return t.Format("2 Jan 2006")
}

// truncate shortens s to at most n characters, ending with "…" if cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func positive(f float64) float64 {
	if f > 0 && !math.IsInf(f, 1) {
		return f
	}
	return 0
}

// percents rounds shares (0..1) to whole percentages that add up to the
// rounded total, by the largest-remainder method, so that a ranking whose
// shares sum to 1 is shown summing to exactly 100%.
func percents(shares []float64) []int {
	out := make([]int, len(shares))
	total := 0.0
	rem := make([]float64, len(shares))
	sum := 0
	for i, s := range shares {
		s = positive(s) * 100
		total += s
		out[i] = int(math.Floor(s))
		rem[i] = s - float64(out[i])
		sum += out[i]
	}
	target := int(math.Round(total))
	order := make([]int, len(shares))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; sum < target && k < len(order); k++ {
		out[order[k]]++
		sum++
	}
	return out
}

// percentText shows a rounded percentage, or "<1%" for a small positive share.
func percentText(p int, share float64) string {
	if p == 0 && positive(share) > 0 {
		return "<1%"
	}
	return fmt.Sprintf("%d%%", p)
}

// resumedReply tells a channel that its n paused subscriptions resumed,
// with the date they were paused since when it is known (p).
func (c *Core) resumedReply(n int, p Pause) Reply {
	subs := "its subscription is"
	if n != 1 {
		subs = fmt.Sprintf("its %d subscriptions are", n)
	}
	text := "Alerts are back on in this channel: " + subs + " active again."
	if !p.Since.IsZero() {
		text = fmt.Sprintf("Alerts are back on in this channel: %s active again. They were paused on %s, when alerts could not be delivered here.",
			subs, p.Since.UTC().Format("2 Jan 2006"))
	}
	return Reply{Text: text}
}

// DroppedReply tells a channel that n of its alerts were dropped, unsent
// for longer than maxAge (the platform down, or refusing for a while).
func (c *Core) DroppedReply(n int, maxAge time.Duration) Reply {
	what := "An alert for this channel could not be delivered within %s and was dropped."
	if n != 1 {
		what = fmt.Sprintf("%d alerts for this channel could not be delivered within %%s and were dropped.", n)
	}
	return Reply{Text: fmt.Sprintf(what, durationWords(maxAge)) + " New alerts come as before; /rumours shows the latest news."}
}

// durationWords words a duration as hours or minutes: "24 hours".
func durationWords(d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		if d == time.Hour {
			return "an hour"
		}
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	return fmt.Sprintf("%d minutes", d/time.Minute)
}
