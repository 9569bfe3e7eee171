package main

import (
	"context"
	"errors"
	"time"

	"transferbot/bot"
	"transferbot/rumours"
)

// askAnswer is what `transferbot ask -json` prints: the question as the bot
// understood it and its answer as data. README ("ask -json") documents it;
// TestAskJSON pins it.
type askAnswer struct {
	Intent      string  `json:"intent"`
	Player      *string `json:"player"`
	Club        *string `json:"club"`
	Stage       *string `json:"stage"`
	AsOf        string  `json:"as_of"`
	CurrentClub *string `json:"current_club"`
	Answer      any     `json:"answer"`
}

// whereAnswer answers a where question.
type whereAnswer struct {
	Current    *spellJSON  `json:"current"`
	Timeline   []spellJSON `json:"timeline"`
	LastReport *string     `json:"last_report"`
	// Done is the completed move that closed his latest saga, or null.
	Done *destJSON `json:"done"`
	// Asked is the destination the question named ("is X going to C?"),
	// or null when it named none or the reports do not link them.
	Asked        *destJSON  `json:"asked"`
	Destinations []destJSON `json:"destinations"`
	Closed       []destJSON `json:"closed"`
	Stays        float64    `json:"stays"`
}

type spellJSON struct {
	Club   string  `json:"club"`
	Since  *string `json:"since"`
	From   *string `json:"from"`
	Loan   bool    `json:"loan"`
	Parent *string `json:"parent"`
}

type destJSON struct {
	Club     string        `json:"club"`
	Share    float64       `json:"share"`
	Stage    string        `json:"stage"`
	Outlets  []string      `json:"outlets"`
	LastSeen *string       `json:"last_seen"`
	Evidence *evidenceJSON `json:"evidence"`
}

type evidenceJSON struct {
	Player string  `json:"player"`
	To     string  `json:"to"`
	From   *string `json:"from"`
	Stage  string  `json:"stage"`
	Outlet *string `json:"outlet"`
	Date   *string `json:"date"`
	Quote  string  `json:"quote"`
	URL    *string `json:"url"`
}

// choicesAnswer answers a question whose name fits several players or
// clubs, or none.
type choicesAnswer struct {
	Name        string   `json:"name"`
	Choices     []string `json:"choices,omitempty"`
	Unknown     bool     `json:"unknown,omitempty"`
	Suggestions []string `json:"suggestions,omitempty"`
}

type linksAnswer struct {
	Links []evidenceJSON `json:"links"`
}

type clubAnswer struct {
	Club string         `json:"club"`
	In   []evidenceJSON `json:"in"`
	Out  []evidenceJSON `json:"out"`
}

// textAnswer is the answer to the other intents (subscribe, sources, help,
// none): what the bot says.
type textAnswer struct {
	Text string `json:"text"`
}

// askJSON answers question as of asOf (zero: now by the core's clock) as
// data. Subscriptions and the like are carried out as `ask` carries them
// out, and their answer is the bot's text.
func (m *Main) askJSON(ctx context.Context, question string, asOf time.Time) (askAnswer, error) {
	q := m.core.Understand(ctx, question)
	when := asOf
	if when.IsZero() {
		when = m.clock.Now()
	}
	out := askAnswer{Intent: q.Intent, Player: strPtr(q.Player), Club: strPtr(q.Club), AsOf: when.Format(time.DateOnly)}
	if q.Stage.Valid() {
		out.Stage = strPtr(q.Stage.String())
	}
	switch q.Intent {
	case bot.CmdWhere:
		player, choices, err := m.resolve(ctx, rumours.KindPlayer, q.Player, q.Name, asOf)
		if err != nil || choices != nil {
			out.Answer = choices
			return out, err
		}
		out.Player = strPtr(player)
		r, err := m.engine.Where(ctx, player, when)
		if errors.Is(err, rumours.ErrNotFound) {
			out.Answer = choicesAnswer{Name: player, Unknown: true}
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out.CurrentClub = strPtr(r.Current)
		out.Answer = whereJSON(r, q.Club)
		return out, nil
	case bot.CmdRumours:
		kind, name := rumours.KindPlayer, q.Player
		if name == "" && q.Club != "" {
			kind, name = rumours.KindClub, q.Club
		}
		if name == "" && q.Name != "" {
			n, choices, err := m.resolve(ctx, rumours.KindPlayer, "", q.Name, asOf)
			if err != nil || choices != nil {
				out.Answer = choices
				return out, err
			}
			name = n
		}
		evs, err := m.engine.Rumours(ctx, kind, name, when, 0)
		if err != nil {
			return out, err
		}
		ans := linksAnswer{Links: []evidenceJSON{}}
		for _, e := range evs {
			ans.Links = append(ans.Links, *evidenceOf(e))
		}
		out.Answer = ans
		return out, nil
	case bot.CmdClub:
		club, choices, err := m.resolve(ctx, rumours.KindClub, q.Club, q.Name, asOf)
		if err != nil || choices != nil {
			out.Answer = choices
			return out, err
		}
		rep, err := m.engine.Club(ctx, club, when)
		if err != nil && !errors.Is(err, rumours.ErrNotFound) {
			return out, err
		}
		ans := clubAnswer{Club: club, In: []evidenceJSON{}, Out: []evidenceJSON{}}
		for _, l := range rep.In {
			ans.In = append(ans.In, *evidenceOf(l.Best))
		}
		for _, l := range rep.Out {
			ans.Out = append(ans.Out, *evidenceOf(l.Best))
		}
		out.Answer = ans
		return out, nil
	}
	reply := m.answer(ctx, bot.Request{Text: question, AsOf: asOf, NoButtons: true})
	out.Answer = textAnswer{Text: reply.PlainText()}
	return out, nil
}

// resolve returns the canonical name of kind the question names: known
// when the parser already resolved it, else resolved from what the user
// wrote; or the choices when the name fits several or none.
func (m *Main) resolve(ctx context.Context, kind rumours.SubjectKind, known, written string, asOf time.Time) (string, *choicesAnswer, error) {
	if known != "" {
		return known, nil, nil
	}
	var name string
	var err error
	if kind == rumours.KindClub {
		name, err = m.engine.ResolveClub(ctx, written)
	} else {
		name, err = m.engine.ResolvePlayer(ctx, written)
	}
	var amb *rumours.AmbiguousError
	var unk *rumours.UnknownError
	switch {
	case err == nil:
		return name, nil, nil
	case errors.As(err, &amb):
		if kind == rumours.KindPlayer && !asOf.IsZero() {
			// as the text answer does: asked about a date, a shared
			// surname means the one with news by then, if only one has
			only := ""
			for _, p := range amb.Candidates {
				r, err := m.engine.Where(ctx, p, asOf)
				if err == nil && (len(r.Destinations) > 0 || r.Done != nil) {
					if only != "" {
						only = ""
						break
					}
					only = p
				}
			}
			if only != "" {
				return only, nil, nil
			}
		}
		return "", &choicesAnswer{Name: written, Choices: amb.Candidates}, nil
	case errors.As(err, &unk):
		return "", &choicesAnswer{Name: written, Unknown: true, Suggestions: unk.Suggestions}, nil
	}
	return "", nil, err
}

// whereJSON is r as data; asked is the destination the question named.
func whereJSON(r rumours.Ranking, asked string) whereAnswer {
	w := whereAnswer{LastReport: dateOf(r.LastReport), Stays: r.Stays, Destinations: []destJSON{}, Closed: []destJSON{}, Timeline: []spellJSON{}}
	if r.Current != "" {
		s := spellOf(r.Spell)
		w.Current = &s
	}
	for _, s := range r.Timeline {
		if s.Club != "" {
			w.Timeline = append(w.Timeline, spellOf(s))
		}
	}
	if r.Done != nil {
		d := destOf(*r.Done)
		w.Done = &d
	}
	for _, d := range r.Destinations {
		w.Destinations = append(w.Destinations, destOf(d))
		if d.Club == asked {
			a := destOf(d)
			w.Asked = &a
		}
	}
	for _, d := range r.Closed {
		w.Closed = append(w.Closed, destOf(d))
	}
	if r.Done != nil && r.Done.Club == asked {
		w.Asked = w.Done
	}
	return w
}

func spellOf(s rumours.Spell) spellJSON {
	return spellJSON{Club: s.Club, Since: dateOf(s.Since), From: strPtr(s.From), Loan: s.Loan, Parent: strPtr(s.Parent)}
}

func destOf(d rumours.Destination) destJSON {
	out := destJSON{Club: d.Club, Share: round2(d.Share), Stage: d.Stage.String(), Outlets: d.Sources, LastSeen: dateOf(d.LastSeen)}
	if out.Outlets == nil {
		out.Outlets = []string{}
	}
	if d.Best.Player != "" {
		out.Evidence = evidenceOf(d.Best)
	}
	return out
}

func evidenceOf(e rumours.Evidence) *evidenceJSON {
	out := &evidenceJSON{Player: e.Player, To: e.To, From: strPtr(e.From), Stage: e.Stage.String(), Date: dateOf(e.Published), Quote: e.Quote, URL: strPtr(e.ArticleURL)}
	switch {
	case len(e.Outlets) > 0:
		out.Outlet = strPtr(e.Outlets[0])
	case e.Publisher != "":
		out.Outlet = strPtr(e.Publisher)
	}
	return out
}

// strPtr is s, or nil (JSON null) when it is empty.
func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// dateOf is t as YYYY-MM-DD, or nil when it is unknown.
func dateOf(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return strPtr(t.Format(time.DateOnly))
}
