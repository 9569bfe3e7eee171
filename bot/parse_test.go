package bot

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	long := strings.Repeat("a", 10000)
	tests := []struct {
		text    string
		cmd     string
		arg     string
		comment string
	}{
		// slash and bare commands
		{"/where Ramos", CmdWhere, "Ramos", ""},
		{"where Ramos", CmdWhere, "Ramos", ""},
		{"/where@transferbot Ramos", CmdWhere, "Ramos", "Telegram group form"},
		{"/WHERE   Sergio   Ramos ", CmdWhere, "Sergio Ramos", "case and spaces"},
		{"where \"Gonçalo Ramos\"", CmdWhere, "Gonçalo Ramos", "quotes and accents"},
		{"/where", CmdWhere, "", "missing name is the core's to refuse"},
		{"rumours", CmdRumours, "", "latest overall"},
		{"/rumours Juventus", CmdRumours, "Juventus", ""},
		{"rumors about Sancho", CmdRumours, "Sancho", "US spelling, filler word"},
		{"club Inter Miami", CmdClub, "Inter Miami", ""},
		{"/club@transferbot Juventus", CmdClub, "Juventus", ""},
		{"subscribe Ramos", CmdSubscribe, "Ramos", ""},
		{"subscribe Juventus talks", CmdSubscribe, "Juventus talks", "stage is split by the core"},
		{"/subscribe to Sergio Ramos", CmdSubscribe, "Sergio Ramos", ""},
		{"unsubscribe Ramos", CmdUnsubscribe, "Ramos", ""},
		{"/unsubscribe from Juventus", CmdUnsubscribe, "Juventus", ""},
		{"subscriptions", CmdSubscriptions, "", ""},
		{"/subscriptions@transferbot", CmdSubscriptions, "", ""},
		{"sources", CmdSources, "", ""},
		{"/sources", CmdSources, "", ""},
		{"help", CmdHelp, "", ""},
		{"/help", CmdHelp, "", ""},
		{"Help!", CmdHelp, "", ""},
		{"start", CmdStart, "", ""},
		{"/start", CmdStart, "", ""},
		{"subscribe player Sergio Ramos", CmdSubscribe, "player Sergio Ramos", "a button action"},

		// where questions
		{"where is Ramos heading?", CmdWhere, "Ramos", ""},
		{"Where is Ramos heading", CmdWhere, "Ramos", ""},
		{"WHERE IS RAMOS HEADING???", CmdWhere, "RAMOS", ""},
		{"where's Mbappe going", CmdWhere, "Mbappe", ""},
		{"Where’s Mbappé going?", CmdWhere, "Mbappé", "curly apostrophe"},
		{"wheres mbappe going", CmdWhere, "mbappe", ""},
		{"where will Haaland end up", CmdWhere, "Haaland", ""},
		{"where will Haaland end up?! 🤔", CmdWhere, "Haaland", "emoji"},
		{"where is Sergio Ramos heading next season?", CmdWhere, "Sergio Ramos", ""},
		{"where is Ramos going to go 👀👀", CmdWhere, "Ramos", ""},
		{"where next for Ramos?", CmdWhere, "Ramos", ""},
		{"what's next for Sancho?", CmdWhere, "Sancho", ""},
		{"which club is Ramos joining?", CmdWhere, "Ramos", ""},
		{"is Ramos leaving?", CmdWhere, "Ramos", ""},
		{"@transferbot where is Ramos heading?", CmdWhere, "Ramos", "leading mention"},

		// news questions
		{"any news on James?", CmdRumours, "James", ""},
		{"Any news about Juventus", CmdRumours, "Juventus", ""},
		{"is there any news on Sancho?", CmdRumours, "Sancho", ""},
		{"anything on Ramos?", CmdRumours, "Ramos", ""},
		{"what's the latest on Sancho", CmdRumours, "Sancho", ""},
		{"whats the latest on Sancho?", CmdRumours, "Sancho", ""},
		{"latest on Sancho", CmdRumours, "Sancho", ""},
		{"what's new with Juventus?", CmdRumours, "Juventus", ""},

		// club questions
		{"who are Inter Miami signing?", CmdClub, "Inter Miami", ""},
		{"Who is linked with Juventus", CmdClub, "Juventus", ""},
		{"who's linked with Juventus?", CmdClub, "Juventus", ""},
		{"who are Juventus linked with?", CmdClub, "Juventus", ""},
		{"who will Real Madrid sign next?", CmdClub, "Real Madrid", ""},
		{"who is joining Benfica?", CmdClub, "Benfica", ""},

		// bare names
		{"Ramos?", CmdWhere, "Ramos", ""},
		{"Ramos", CmdWhere, "Ramos", ""},
		{"ramos ?", CmdWhere, "ramos", ""},
		{"Sergio Ramos!! 🔥", CmdWhere, "Sergio Ramos", ""},
		{"Gonçalo Ramos?", CmdWhere, "Gonçalo Ramos", ""},
		{"Paris Saint-Germain?", CmdWhere, "Paris Saint-Germain", "clubs too; the core falls back to the club"},

		// not understood
		{"", "", "", "empty"},
		{"   ", "", "", "blank"},
		{"?!", "", "", "punctuation only"},
		{"👀", "", "", "emoji only"},
		{"hello", "", "", ""},
		{"Hello!", "", "", ""},
		{"hi there", "", "", ""},
		{"thanks bot", "", "", ""},
		{"what do you think?", "", "", ""},
		{"who is the best?", "", "", ""},
		{"this is a much longer sentence that nobody would mistake for a name", "", "", ""},
		{"/frobnicate Ramos", "", "", "unknown slash command"},
		{"12345", "", "", "no letters"},
		{long, "", "", "10,000 characters"},
		{"where is " + long + " heading?", "", "", "10,000-character question"},
		{"Ramos? " + strings.Repeat("🔥", 5000), "", "", "long with emoji"},
	}
	for _, tt := range tests {
		name := tt.text
		if len(name) > 40 {
			name = name[:40] + "…"
		}
		t.Run(name, func(t *testing.T) {
			cmd, arg := Parse(tt.text)
			if cmd != tt.cmd || arg != tt.arg {
				t.Errorf("Parse(%.60q) = %q, %q; want %q, %q %s", tt.text, cmd, arg, tt.cmd, tt.arg, tt.comment)
			}
		})
	}
}

func TestParseLongNameIsReturnedForRefusal(t *testing.T) {
	// A name longer than MaxNameLen in a message shorter than MaxTextLen is
	// returned as is; Handle refuses it with "That name is too long".
	name := strings.Repeat("x", MaxNameLen+1)
	cmd, arg := Parse("where is " + name + " heading?")
	if cmd != CmdWhere || arg != name {
		t.Errorf("Parse = %q, %q; want where and the %d-character name", cmd, arg, len(name))
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
