package bot

import (
	"fmt"
	"strings"

	"transferbot/rumours"
)

// AlertReply renders the alerts about one player from one poll cycle as
// one message for a channel that follows kind/target (the player, or a club
// he is linked with): what happened to each link (stage, outlet, date, a
// quote, the article link), the player's ranking after the news in one line,
// and a button to unsubscribe. alerts must not be empty; they are shown in
// the order given.
func (c *Core) AlertReply(alerts []rumours.Alert, kind rumours.SubjectKind, target string) Reply {
	last := alerts[len(alerts)-1]
	r := Reply{}
	if len(alerts) == 1 {
		r.Title = alertHeadline(last)
	} else {
		r.Title = fmt.Sprintf("%s: %d transfer updates", last.Player, len(alerts))
	}
	for _, a := range alerts {
		l := Line{
			Heading:  alertLineHeading(a),
			Club:     a.Club,
			Stage:    stageText(a.Stage),
			LastSeen: a.Published,
			URL:      a.URL,
		}
		outlet := a.Outlet
		if outlet == "" {
			outlet = "Unnamed outlet"
		}
		quote := truncate(strings.Join(strings.Fields(a.Quote), " "), maxQuote)
		text := outlet + ", " + date(a.Published)
		if quote != "" {
			text += ": \"" + quote + "\""
		}
		l.Evidence = []EvidenceLine{{Outlet: outlet, Date: a.Published, Quote: quote, URL: a.URL, Text: text}}
		l.URL = "" // the evidence line carries it
		r.Lines = append(r.Lines, l)
	}
	if s := rankingLine(last); s != "" {
		r.Notes = append(r.Notes, s)
	}
	if target == "" {
		kind, target = rumours.KindPlayer, last.Player
	}
	r.Buttons = []Button{{
		Label:  "Unsubscribe from " + target,
		Action: CmdUnsubscribe + " " + string(kind) + " " + target,
	}}
	return r
}

// alertHeadline says what one alert is about, in a few words.
func alertHeadline(a rumours.Alert) string {
	switch {
	case a.Stage == rumours.Done:
		return fmt.Sprintf("Done deal: %s joins %s", a.Player, a.Club)
	case a.Stage == rumours.Denied:
		return fmt.Sprintf("Denied: %s to %s", a.Player, a.Club)
	case a.Stage == rumours.Off:
		return fmt.Sprintf("Off: %s's move to %s has collapsed", a.Player, a.Club)
	case a.New():
		return fmt.Sprintf("New link: %s to %s", a.Player, a.Club)
	}
	return fmt.Sprintf("%s to %s: %s", a.Player, a.Club, stageText(a.Stage))
}

// alertLineHeading is the line for one alert in a message: the club and what
// changed.
func alertLineHeading(a rumours.Alert) string {
	switch {
	case a.New():
		return fmt.Sprintf("%s: new link (%s)", a.Club, stageText(a.Stage))
	case a.Stage == rumours.Done:
		return fmt.Sprintf("%s: done deal (was %s)", a.Club, stageText(a.Previous))
	case a.Previous.Negative() && !a.Stage.Negative():
		return fmt.Sprintf("%s: back on, %s (was %s)", a.Club, stageText(a.Stage), stageText(a.Previous))
	}
	return fmt.Sprintf("%s: %s (was %s)", a.Club, stageText(a.Stage), stageText(a.Previous))
}

// rankingLine sums up the player's ranking after the news in one line:
// "Ranking now: Paris Saint-Germain 71%, Inter Miami 9%, stays at Real
// Madrid 20%."
func rankingLine(a rumours.Alert) string {
	if len(a.Ranking) == 0 {
		return ""
	}
	shares := make([]float64, 0, len(a.Ranking)+1)
	for _, s := range a.Ranking {
		shares = append(shares, s.Share)
	}
	shares = append(shares, a.Stays)
	pct := percents(shares)
	parts := make([]string, 0, len(shares))
	for i, s := range a.Ranking {
		if i > 0 && pct[i] == 0 {
			break // shares under 1% are noise here
		}
		parts = append(parts, s.Club+" "+percentText(pct[i], s.Share))
	}
	stays := "stays"
	switch {
	case a.Ranking[0].Club == a.Current && a.Current != "":
		stays = "no move" // he has just joined the favourite
	case a.Current != "":
		stays = "stays at " + a.Current
	}
	if p := pct[len(pct)-1]; p > 0 {
		parts = append(parts, stays+" "+percentText(p, a.Stays))
	}
	return "Ranking now: " + strings.Join(parts, ", ") + "."
}
