package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"transferbot/rumours"
	"transferbot/rumours/gazetteer"
)

// tableNames is a Names over a few clubs and players, keyed by folded
// phrase. It matches no slips unless a phrase is listed under fuzzy.
type tableNames struct {
	exact, fuzzy map[string][]rumours.NameMatch
}

func (n tableNames) MatchNames(_ context.Context, phrase string, fuzzy bool) []rumours.NameMatch {
	k := gazetteer.Fold(phrase)
	if m := n.exact[k]; len(m) > 0 || !fuzzy {
		return m
	}
	return n.fuzzy[k]
}

func testNames() tableNames {
	club := func(names ...string) []rumours.NameMatch {
		var out []rumours.NameMatch
		for _, c := range names {
			out = append(out, rumours.NameMatch{Kind: rumours.KindClub, Name: c, Shared: len(names) > 1})
		}
		return out
	}
	player := func(name, current string, level rumours.MatchLevel) rumours.NameMatch {
		return rumours.NameMatch{Kind: rumours.KindPlayer, Name: name, Current: current, Level: level}
	}
	valued := func(m rumours.NameMatch, value int) rumours.NameMatch {
		m.Value = value
		return m
	}
	const exact, surname, first, fuzzy = rumours.MatchExact, rumours.MatchSurname, rumours.MatchFirst, rumours.MatchFuzzy
	return tableNames{
		exact: map[string][]rumours.NameMatch{
			"everton":           append(club("Everton"), player("Everton Luiz", "", first)),
			"arsenal":           club("Arsenal"),
			"gunners":           club("Arsenal"),
			"real madrid":       club("Real Madrid"),
			"madrid":            club("Real Madrid", "Atlético Madrid"),
			"real":              club("Real Madrid", "Real Betis"),
			"manchester united": club("Manchester United"),
			"man united":        club("Manchester United"),
			"utd":               club("Manchester United", "Newcastle United"),
			"city":              club("Manchester City", "Leicester City"),
			"spurs":             club("Tottenham Hotspur"),
			"juve":              club("Juventus"),
			"sergio ramos":      {player("Sergio Ramos", "Monterrey", exact)},
			"ramos":             {player("Sergio Ramos", "Monterrey", surname), player("Gonçalo Ramos", "Paris Saint-Germain", surname)},
			"bukayo saka":       {player("Bukayo Saka", "Arsenal", exact)},
			"saka":              {player("Bukayo Saka", "Arsenal", surname)},
			"haaland":           {player("Erling Haaland", "Manchester City", surname)},
			"mbappe":            {player("Kylian Mbappé", "Real Madrid", surname)},
			"bruno":             {player("Marco Bruno", "Lecce", surname), player("Bruno Fernandes", "Manchester United", first), player("Bruno Guimarães", "Newcastle United", first)},
			"can yilmaz":        {player("Can Yılmaz", "Trabzonspor", exact)},
			"nico":              {valued(player("Nico Williams", "Athletic Bilbao", first), 70), valued(player("Nico Paz", "Como", first), 60)},
			"vinicius":          {valued(player("Carlos Vinícius", "Grêmio", surname), 20), valued(player("Vinícius Júnior", "Real Madrid", first), 200)},
			"como":              club("Como"),
			"reading":           club("Reading"),
			"proper":            {valued(player("Dirk Proper", "NEC", surname), 5)},
			"rice":              {valued(player("Declan Rice", "Arsenal", surname), 120)},
			"dembele":           {valued(player("Moussa Dembélé", "Al-Ettifaq", surname), 50), valued(player("Ousmane Dembélé", "Paris Saint-Germain", surname), 120)},
			"diomande":          {valued(player("Ousmane Diomande", "Sporting CP", surname), 45), valued(player("Yan Diomande", "RB Leipzig", surname), 30)},
			"ezequiel":          {player("Ezequiel Garay", "", first), player("Ezequiel Lavezzi", "", first)},
			"barco":             {player("Esequiel Barco", "Spartak Moscow", surname), player("Valentín Barco", "Strasbourg", surname)},
		},
		fuzzy: map[string][]rumours.NameMatch{
			"haalnd":         {player("Erling Haaland", "Manchester City", fuzzy)},
			"nico wiliams":   {player("Nico Williams", "Athletic Bilbao", fuzzy)},
			"ezequiel barco": {player("Esequiel Barco", "Spartak Moscow", fuzzy)},
		},
	}
}

func TestUnderstand(t *testing.T) {
	long := strings.Repeat("a", 10000)
	tests := []struct {
		text         string
		intent       string
		player, club string
		stage        rumours.Stage
		name         string
		kind         rumours.SubjectKind
		start        bool
		why          string
	}{
		// where, with the destination asked about
		{text: "where's Saka off to next summer?", intent: CmdWhere, player: "Bukayo Saka"},
		{text: "is haaland heading to madrid?", intent: CmdWhere, player: "Erling Haaland", club: "Real Madrid", why: "a shared alias reads as the usual club"},
		{text: "is Haaland staying at City?", intent: CmdWhere, player: "Erling Haaland", why: "his current club is no destination"},
		{text: "Haaland to Juve or Madrid", intent: CmdWhere, player: "Erling Haaland", why: "two destinations: the ranking covers both"},
		{text: "who's in for Saka", intent: CmdWhere, player: "Bukayo Saka"},
		{text: "will saka leave the gunners", intent: CmdWhere, player: "Bukayo Saka"},
		{text: "Saka latest", intent: CmdWhere, player: "Bukayo Saka"},
		{text: "saka done deal??", intent: CmdWhere, player: "Bukayo Saka"},
		{text: "any news on saka", intent: CmdWhere, player: "Bukayo Saka", why: "news on one player is his future"},
		{text: "wher is haalnd going", intent: CmdWhere, player: "Erling Haaland", why: "slips in a keyword and a name"},
		{text: "Sergio Ramos?", intent: CmdWhere, player: "Sergio Ramos", why: "a bare name"},
		{text: "spurs keen on Saka?", intent: CmdWhere, player: "Bukayo Saka", club: "Tottenham Hotspur", why: "the player is the subject"},
		{text: "bruno leaving utd?", intent: CmdWhere, player: "Bruno Fernandes", why: "the club named picks the Bruno"},
		{text: "where is Ramos heading", intent: CmdWhere, name: "Ramos", why: "two Ramoses: the core asks which"},
		{text: "dembele to saudi?", intent: CmdWhere, player: "Ousmane Dembélé", why: "a namesake worth more than twice the others"},
		{text: "diomande to liverpool?", intent: CmdWhere, name: "diomande", why: "namesakes worth alike: the core asks which"},
		{text: "rice to city?", intent: CmdWhere, player: "Declan Rice", club: "Manchester City", why: "a common word that names a player fans talk about"},
		{text: "we need a proper striker this window", intent: IntentNone, why: "a common word that names a squad player is a word"},
		{text: "contract expires next june", intent: IntentNone, why: "no name, and no where to ask"},
		{text: "nico wiliams to juve?", intent: CmdWhere, player: "Nico Williams", club: "Juventus", why: "a full name a slip away beats the Nicos"},
		{text: "where is Ezequiel Barco heading?", intent: CmdWhere, player: "Esequiel Barco", why: "a first name and a surname a slip from one player's full name beat the Ezequiels and the Barcos"},
		{text: "what's Zzyzx's next club", intent: CmdWhere, name: "Zzyzx", why: "a possessive is not part of the name"},
		{text: "vinicius to city?", intent: CmdWhere, player: "Vinícius Júnior", club: "Manchester City", why: "a first name worth ten times the surname's player"},
		{text: "saka to como??", intent: CmdWhere, player: "Bukayo Saka", club: "Como", why: "a Spanish word is a club after to"},
		{text: "como funciona esse bot?", intent: CmdHelp},
		{text: "reading the saka rumours", intent: CmdRumours, player: "Bukayo Saka", why: "reading is a word here"},
		{text: "where is Zzyzx heading", intent: CmdWhere, name: "Zzyzx", why: "an unknown name is the core's to answer"},
		{text: "dónde va Mbappé?", intent: CmdWhere, player: "Kylian Mbappé"},
		{text: "@transferbot where is Saka heading", intent: CmdWhere, player: "Bukayo Saka"},
		{text: "<@123456789> saka to real madrid?", intent: CmdWhere, player: "Bukayo Saka", club: "Real Madrid"},
		{text: "/where@transferbot saka", intent: CmdWhere, player: "Bukayo Saka"},
		{text: "where Sergio Ramos", intent: CmdWhere, player: "Sergio Ramos", why: "a bare command"},

		// rumours
		{text: "latest news", intent: CmdRumours},
		{text: "yo bot, whats the latest", intent: CmdRumours},
		{text: "gossip pls", intent: CmdRumours},
		{text: "any big signings today?", intent: CmdRumours, why: "a club's business without a club: the market"},
		{text: "saka rumours", intent: CmdRumours, player: "Bukayo Saka"},
		{text: "news about haaland", intent: CmdRumours, player: "Erling Haaland"},
		{text: "rumours Everton", intent: CmdRumours, club: "Everton", why: "a club before a player of that name"},
		{text: "man united rumours", intent: CmdRumours, club: "Manchester United"},
		{text: "/rumours juve", intent: CmdRumours, club: "Juventus"},
		{text: "rumours player Sergio Ramos", intent: CmdRumours, name: "Sergio Ramos", kind: rumours.KindPlayer, why: "a button's action"},

		// club
		{text: "who are spurs signing", intent: CmdClub, club: "Tottenham Hotspur"},
		{text: "juve outgoings?", intent: CmdClub, club: "Juventus"},
		{text: "who could replace saka at arsenal", intent: CmdClub, club: "Arsenal", why: "the player is only the one replaced"},
		{text: "club Ramos", intent: CmdClub, name: "Ramos", why: "the command says club"},

		// alerts
		{text: "follow spurs, bids and above", intent: CmdSubscribe, club: "Tottenham Hotspur", stage: rumours.Bid},
		{text: "ping me when haaland signs", intent: CmdSubscribe, player: "Erling Haaland", stage: rumours.Done},
		{text: "keep me posted on saka", intent: CmdSubscribe, player: "Bukayo Saka"},
		{text: "/subscribe@transferbot everton talks", intent: CmdSubscribe, club: "Everton", stage: rumours.Talks},
		{text: "subscribe player Sergio Ramos talks", intent: CmdSubscribe, name: "Sergio Ramos", kind: rumours.KindPlayer, stage: rumours.Talks},
		{text: "stop the saka alerts", intent: CmdUnsubscribe, player: "Bukayo Saka"},
		{text: "unfollow everything", intent: CmdUnsubscribe},
		{text: "what are we following?", intent: CmdSubscriptions},
		{text: "am i subscribed to saka", intent: CmdSubscriptions, player: "Bukayo Saka"},

		// sources and help
		{text: "which outlets do you read", intent: CmdSources},
		{text: "is the sun reliable", intent: CmdSources},
		{text: "how do I get alerts", intent: CmdHelp, why: "how to, with no target"},
		{text: "help", intent: CmdHelp},
		{text: "/start", intent: CmdHelp, start: true},

		// none: no names, even when one is named
		{text: "thanks mate", intent: IntentNone},
		{text: "did saka score yesterday", intent: IntentNone},
		{text: "asdf qwerty", intent: IntentNone},
		{text: "👀", intent: IntentNone},
		{text: "", intent: IntentNone},
		{text: "/frobnicate saka", intent: IntentNone, why: "an unknown command"},
		{text: long, intent: IntentNone, why: "10,000 characters"},
		{text: "where is " + long + " heading?", intent: IntentNone},
	}
	names := testNames()
	for _, tt := range tests {
		label := tt.text
		if len(label) > 40 {
			label = label[:40] + "…"
		}
		t.Run(label, func(t *testing.T) {
			got := Understand(context.Background(), tt.text, names)
			want := Question{Intent: tt.intent, Player: tt.player, Club: tt.club, Stage: tt.stage, Name: tt.name, Kind: tt.kind, Start: tt.start}
			if got != want {
				t.Errorf("Understand(%.60q) = %+v\nwant %+v %s", tt.text, got, want, tt.why)
			}
		})
	}
}

func TestUnderstandLongNameIsReturnedForRefusal(t *testing.T) {
	// A name longer than MaxNameLen in a message shorter than MaxTextLen is
	// returned as is; Handle refuses it with "That name is too long".
	name := strings.Repeat("x", MaxNameLen+1)
	q := Understand(context.Background(), "where is "+name+" heading?", testNames())
	if q.Intent != CmdWhere || q.Name != name {
		t.Errorf("Understand = %+v; want where and the %d-character name", q, len(name))
	}
}

func TestQuestionJSON(t *testing.T) {
	tests := []struct {
		q    Question
		want string
	}{
		{Question{Intent: CmdWhere, Player: "Kylian Mbappé", Club: "Real Madrid"}, `{"intent":"where","player":"Kylian Mbappé","club":"Real Madrid","stage":null}`},
		{Question{Intent: CmdSubscribe, Club: "Everton", Stage: rumours.Talks, Name: "x"}, `{"intent":"subscribe","player":null,"club":"Everton","stage":"talks"}`},
		{Question{Intent: IntentNone}, `{"intent":"none","player":null,"club":null,"stage":null}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.q)
		if err != nil || string(b) != tt.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tt.q, b, err, tt.want)
		}
	}
}

func TestIsCommand(t *testing.T) {
	for word, want := range map[string]bool{"/where": true, "/WHERE@transferbot": true, "rumours": true, "/frobnicate": false, "": false} {
		if got := IsCommand(word); got != want {
			t.Errorf("IsCommand(%q) = %v, want %v", word, got, want)
		}
	}
}

func TestSplitStage(t *testing.T) {
	tests := []struct {
		arg, name, stage string
	}{
		{"Ramos", "Ramos", "unknown"},
		{"Ramos talks", "Ramos", "talks"},
		{"Sergio Ramos min talks", "Sergio Ramos", "talks"},
		{"Juventus from bid", "Juventus", "bid"},
		{"Juventus min_stage=medical", "Juventus", "medical"},
		{"Ramos all", "Ramos", "unknown"},
		{"Ramos denied", "Ramos denied", "unknown"}, // not a minimum stage
		{"Done", "Done", "unknown"},                 // a lone word is a name
	}
	for _, tt := range tests {
		name, st := splitStage(tt.arg)
		if name != tt.name || st.String() != tt.stage {
			t.Errorf("splitStage(%q) = %q, %v; want %q, %s", tt.arg, name, st, tt.name, tt.stage)
		}
	}
}
