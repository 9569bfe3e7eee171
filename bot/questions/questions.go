// Package questions scores the bot's reading of fans' questions (see
// bot.Understand) against labelled questions: the JSON Lines files of
// ../shared/eval/questions, one {"q", "intent", "player", "club", "stage"}
// object a line, whose README is the rule book for the labels.
//
// Names are compared as the set's checker compares them: without accents or
// case, in any word order ("Son Heung-min" is "Heung-min Son"). A labelled
// club is first mapped to the gazetteer's canonical name through the
// gazetteer's names and aliases (the set says "VfB Stuttgart", the gazetteer
// "Stuttgart"), so the score does not depend on spelling conventions the
// parser cannot see.
package questions

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"transferbot/bot"
	"transferbot/rumours/gazetteer"
)

// Intents are the nine intents of the rule book, in its order.
var Intents = []string{
	bot.CmdWhere, bot.CmdRumours, bot.CmdClub, bot.CmdSubscribe, bot.CmdUnsubscribe,
	bot.CmdSubscriptions, bot.CmdSources, bot.CmdHelp, bot.IntentNone,
}

// Case is one labelled question. Empty strings stand for null.
type Case struct {
	Line   int
	Q      string
	Intent string
	Player string
	Club   string
	Stage  string
}

// Read reads labelled questions, one JSON object a line; blank lines are
// skipped.
func Read(r io.Reader) ([]Case, error) {
	var out []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec struct {
			Q      string  `json:"q"`
			Intent string  `json:"intent"`
			Player *string `json:"player"`
			Club   *string `json:"club"`
			Stage  *string `json:"stage"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, fmt.Errorf("questions: line %d: %w", n, err)
		}
		if rec.Q == "" || !slices.Contains(Intents, rec.Intent) {
			return nil, fmt.Errorf("questions: line %d: no question or an unknown intent %q", n, rec.Intent)
		}
		deref := func(s *string) string {
			if s == nil {
				return ""
			}
			return *s
		}
		out = append(out, Case{Line: n, Q: rec.Q, Intent: rec.Intent, Player: deref(rec.Player), Club: deref(rec.Club), Stage: deref(rec.Stage)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("questions: %w", err)
	}
	return out, nil
}

// Miss is a question read wrong in one slot or more.
type Miss struct {
	Case Case
	Got  bot.Question
}

// Report is the score of a set of questions.
type Report struct {
	Total                  int
	IntentRight            int
	PlayerRight, ClubRight int // over every question: null must be null
	EntityRight            int // player and club both right
	Subscribes, StageRight int // stage over the labelled subscribe questions
	Confusion              map[string]map[string]int
	Misses                 []Miss
}

// Score reads every case with understand and compares the readings with the
// labels. canonClub maps a labelled club to the name the parser uses (the
// gazetteer's canonical name), or returns it unchanged.
func Score(cases []Case, understand func(string) bot.Question, canonClub func(string) string) Report {
	r := Report{Confusion: map[string]map[string]int{}}
	for _, c := range cases {
		got := understand(c.Q)
		r.Total++
		if r.Confusion[c.Intent] == nil {
			r.Confusion[c.Intent] = map[string]int{}
		}
		r.Confusion[c.Intent][got.Intent]++
		intentOK := got.Intent == c.Intent
		playerOK := sameName(got.Player, c.Player)
		club := c.Club
		if club != "" && canonClub != nil {
			club = canonClub(club)
		}
		clubOK := sameName(got.Club, club)
		stageOK := true
		if intentOK {
			r.IntentRight++
		}
		if playerOK {
			r.PlayerRight++
		}
		if clubOK {
			r.ClubRight++
		}
		if playerOK && clubOK {
			r.EntityRight++
		}
		if c.Intent == bot.CmdSubscribe {
			r.Subscribes++
			want := c.Stage
			have := ""
			if got.Stage.Valid() {
				have = got.Stage.String()
			}
			stageOK = want == have
			if stageOK {
				r.StageRight++
			}
		}
		if !intentOK || !playerOK || !clubOK || !stageOK {
			r.Misses = append(r.Misses, Miss{Case: c, Got: got})
		}
	}
	return r
}

// sameName compares two names as the checker does: accents, case,
// punctuation and word order aside. Both empty is a match.
func sameName(a, b string) bool {
	return nameKey(a) == nameKey(b)
}

func nameKey(s string) string {
	w := strings.Fields(gazetteer.Fold(s))
	sort.Strings(w)
	return strings.Join(w, " ")
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// IntentAccuracy is the share of questions whose intent is right.
func (r Report) IntentAccuracy() float64 { return ratio(r.IntentRight, r.Total) }

// PlayerAccuracy is the share of questions whose player (or its absence) is
// right.
func (r Report) PlayerAccuracy() float64 { return ratio(r.PlayerRight, r.Total) }

// ClubAccuracy is the share of questions whose club (or its absence) is
// right.
func (r Report) ClubAccuracy() float64 { return ratio(r.ClubRight, r.Total) }

// EntityAccuracy is the share of questions with both player and club right.
func (r Report) EntityAccuracy() float64 { return ratio(r.EntityRight, r.Total) }

// StageAccuracy is the share of labelled subscribe questions whose stage is
// right.
func (r Report) StageAccuracy() float64 { return ratio(r.StageRight, r.Subscribes) }

// Write prints the figures, the errors per intent and, with verbose, every
// question read wrong.
func (r Report) Write(w io.Writer, verbose bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "questions: %d\n", r.Total)
	fmt.Fprintf(&b, "intent accuracy: %.3f (%d/%d)\n", r.IntentAccuracy(), r.IntentRight, r.Total)
	fmt.Fprintf(&b, "player accuracy: %.3f (%d/%d)\n", r.PlayerAccuracy(), r.PlayerRight, r.Total)
	fmt.Fprintf(&b, "club accuracy:   %.3f (%d/%d)\n", r.ClubAccuracy(), r.ClubRight, r.Total)
	fmt.Fprintf(&b, "entity accuracy: %.3f (%d/%d, player and club both right)\n", r.EntityAccuracy(), r.EntityRight, r.Total)
	fmt.Fprintf(&b, "stage accuracy:  %.3f (%d/%d subscribe questions)\n", r.StageAccuracy(), r.StageRight, r.Subscribes)
	fmt.Fprintf(&b, "\n%-14s %5s %5s  read as\n", "intent", "n", "right")
	for _, in := range Intents {
		row := r.Confusion[in]
		n := 0
		var wrong []string
		for _, got := range Intents {
			n += row[got]
			if got != in && row[got] > 0 {
				wrong = append(wrong, fmt.Sprintf("%s %d", got, row[got]))
			}
		}
		fmt.Fprintf(&b, "%-14s %5d %5d  %s\n", in, n, row[in], strings.Join(wrong, ", "))
	}
	if verbose && len(r.Misses) > 0 {
		fmt.Fprintf(&b, "\nread wrong (%d):\n", len(r.Misses))
		for _, m := range r.Misses {
			fmt.Fprintf(&b, "%4d %q\n     want %s | %s | %s | %s\n     got  %s | %s | %s | %s\n", m.Case.Line, m.Case.Q,
				m.Case.Intent, dash(m.Case.Player), dash(m.Case.Club), dash(m.Case.Stage),
				m.Got.Intent, dash(m.Got.Player), dash(m.Got.Club), dash(stageName(m.Got)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func stageName(q bot.Question) string {
	if q.Stage.Valid() {
		return q.Stage.String()
	}
	return ""
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
