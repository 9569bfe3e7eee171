package questions

import (
	"strings"
	"testing"

	"transferbot/bot"
	"transferbot/rumours"
)

func TestReadAndScore(t *testing.T) {
	const set = `{"q": "is saka off to madrid", "intent": "where", "player": "Bukayo Saka", "club": "Real Madrid", "stage": null}

{"q": "follow spurs from talks", "intent": "subscribe", "player": null, "club": "Tottenham Hotspur", "stage": "talks", "note": "a threshold"}
{"q": "son heung-min latest", "intent": "where", "player": "Son Heung-min", "club": null, "stage": null}
{"q": "cheers", "intent": "none", "player": null, "club": null, "stage": null}
`
	cases, err := Read(strings.NewReader(set))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 4 || cases[1].Line != 3 || cases[1].Stage != "talks" || cases[0].Club != "Real Madrid" {
		t.Fatalf("Read = %+v", cases)
	}
	// A reader that gets the first right, the subscribe's stage wrong, the
	// name right in another order and without accents, and the small talk
	// wrong.
	answers := map[string]bot.Question{
		"is saka off to madrid":   {Intent: bot.CmdWhere, Player: "Bukayo Saka", Club: "Real Madrid CF"},
		"follow spurs from talks": {Intent: bot.CmdSubscribe, Club: "Tottenham Hotspur", Stage: rumours.Bid},
		"son heung-min latest":    {Intent: bot.CmdWhere, Player: "Heung-Min Son"},
		"cheers":                  {Intent: bot.CmdHelp},
	}
	canon := func(c string) string {
		if c == "Real Madrid" {
			return "Real Madrid CF" // the parser's spelling, as the gazetteer maps it
		}
		return c
	}
	r := Score(cases, func(q string) bot.Question { return answers[q] }, canon)
	if r.Total != 4 || r.IntentRight != 3 || r.PlayerRight != 4 || r.ClubRight != 4 || r.Subscribes != 1 || r.StageRight != 0 {
		t.Errorf("report = %+v", r)
	}
	if r.Confusion[bot.IntentNone][bot.CmdHelp] != 1 || len(r.Misses) != 2 {
		t.Errorf("confusion %v, misses %d", r.Confusion, len(r.Misses))
	}
	var b strings.Builder
	if err := r.Write(&b, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"intent accuracy: 0.750 (3/4)", "stage accuracy:  0.000 (0/1", "none               1     0  help 1", `"cheers"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestReadRejectsBadLines(t *testing.T) {
	for _, bad := range []string{`{"q": "x", "intent": "maybe"}`, `{"intent": "where"}`, `not json`} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q) = nil error", bad)
		}
	}
}
