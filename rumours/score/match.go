package score

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The tables below are read-only after package initialisation; they are
// copied from score.py (SPECIAL, CLUB_STOP, ALIASES, AMBIGUOUS, NICK, BUCKET).

// special is score.py's SPECIAL translation table, applied before NFKD.
var special = map[rune]string{
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'ß': "ss", 'æ': "ae",
	'Æ': "ae", 'đ': "d", 'Đ': "d", 'ı': "i", 'œ': "oe",
}

// clubStop is score.py's CLUB_STOP: tokens dropped from club names.
var clubStop = map[string]bool{
	"fc": true, "cf": true, "afc": true, "sc": true, "ac": true, "as": true, "ssc": true,
	"club": true, "the": true, "football": true, "futbol": true, "calcio": true, "cfc": true,
	"sv": true, "vfl": true, "vfb": true, "tsg": true, "1": true, "ud": true, "rcd": true,
	"ogc": true, "losc": true, "sl": true,
}

// aliases is score.py's ALIASES: each group's first name is the canonical one.
var aliases = [][]string{
	{"paris saint germain", "paris sg", "psg", "paris st germain", "paris"},
	{"manchester united", "man utd", "man united", "manchester utd"},
	{"manchester city", "man city"},
	{"inter milan", "internazionale", "inter", "internazionale milano", "inter milano"},
	{"milan", "ac milan"},
	{"juventus", "juve", "juventus turin"},
	{"barcelona", "barca", "fc barcelona"},
	{"real madrid", "real madrid cf"},
	{"atletico madrid", "atletico", "atleti", "atletico de madrid"},
	{"bayern munich", "bayern munchen", "bayern", "fc bayern"},
	{"borussia dortmund", "dortmund", "bvb"},
	{"tottenham hotspur", "tottenham", "spurs"},
	{"wolverhampton wanderers", "wolves", "wolverhampton"},
	{"rb leipzig", "leipzig", "rasenballsport leipzig"},
	{"la galaxy", "los angeles galaxy", "galaxy"},
	{"los angeles fc", "lafc"},
	{"inter miami", "inter miami cf", "miami"},
	{"newcastle united", "newcastle"},
	{"west ham united", "west ham"},
	{"leicester city", "leicester"},
	{"borussia monchengladbach", "monchengladbach", "gladbach", "bor m gladbach"},
	{"sporting cp", "sporting lisbon", "sporting"},
	{"porto", "fc porto"},
	{"napoli", "ssc napoli"},
	{"roma", "as roma"},
	{"dc united", "d c united"},
	{"bayer leverkusen", "leverkusen", "bayer 04 leverkusen"},
	{"olympique lyonnais", "lyon", "olympique lyon"},
	{"olympique de marseille", "marseille", "olympique marseille", "om"},
	{"as monaco", "monaco"},
	{"brighton and hove albion", "brighton"},
	{"sheffield united", "sheffield utd"},
	{"new york city fc", "nycfc", "new york city"},
	{"new york red bulls", "ny red bulls", "red bulls"},
	{"fenerbahce", "fenerbahce sk"},
	{"galatasaray", "galatasaray sk"},
	{"besiktas", "besiktas jk"},
	{"zenit saint petersburg", "zenit", "zenit st petersburg"},
	{"al nassr", "al nassr fc"},
	{"al hilal", "al hilal sfc"},
	{"aston villa", "villa"},
	{"athletic bilbao", "athletic club", "athletic"},
	{"real sociedad"}, {"real betis", "betis"}, {"celta vigo", "celta"},
	{"eintracht frankfurt", "frankfurt"}, {"schalke 04", "schalke"},
	{"hertha berlin", "hertha bsc", "hertha"},
	{"psv eindhoven", "psv"}, {"ajax", "ajax amsterdam"},
}

// ambiguous is score.py's AMBIGUOUS: short names that never match a longer one.
var ambiguous = map[string]bool{
	"inter": true, "real": true, "united": true, "city": true, "athletic": true,
	"sporting": true, "racing": true, "olympique": true, "borussia": true,
	"atletico": true, "red bulls": true, "galaxy": true, "miami": true, "paris": true,
}

// aliasOf is score.py's ALIAS_OF (club key -> canonical key, later groups
// winning) and aliasCanon the set of its values.
var aliasOf, aliasCanon = buildAliases()

func buildAliases() (map[string]string, map[string]bool) {
	of := map[string]string{}
	for _, group := range aliases {
		canon := ClubKey(group[0])
		for _, a := range group {
			of[ClubKey(a)] = canon
		}
	}
	values := map[string]bool{}
	for _, v := range of {
		values[v] = true
	}
	return of, values
}

// nick is score.py's NICK: folded nicknames mapped to folded full names.
var nick = map[string]string{
	"chicharito": "javier hernandez", "il pipita": "gonzalo higuain",
	"cr7": "cristiano ronaldo", "neymar jr": "neymar", "vinicius jr": "vinicius junior",
}

// bucket is score.py's BUCKET: stages grouped into early (0), advanced
// talks or bids (1), agreed-or-later (2) and negative (3).
var bucket = map[string]int{
	"speculation": 0, "interest": 0, "talks": 1, "bid": 1, "agreed": 2,
	"medical": 2, "done": 2, "denied": 3, "off": 3,
}

// StageBucket returns the bucket score.py gives a stage name (0 speculation
// and interest, 1 talks and bid, 2 agreed, medical and done, 3 denied and
// off) and false for any other name.
func StageBucket(stage string) (int, bool) {
	b, ok := bucket[stage]
	return b, ok
}

// Fold is score.py's fold(): it maps the SPECIAL letters (ø, ł, ß, æ, đ, ı,
// œ, ...) to ASCII, decomposes with NFKD, drops characters with a non-zero
// canonical combining class, lowercases, turns "&" into " and ", turns every
// run of characters other than a-z, 0-9 and space into one space, and
// collapses spaces. Invalid UTF-8 bytes count as U+FFFD.
func Fold(s string) string {
	var t strings.Builder
	for _, r := range s {
		if rep, ok := special[r]; ok {
			t.WriteString(rep)
		} else {
			t.WriteRune(r)
		}
	}
	d := norm.NFKD.String(t.String())
	var b strings.Builder
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRuneInString(d[i:])
		ccc := norm.NFKD.PropertiesString(d[i:]).CCC()
		i += size
		switch {
		case ccc != 0:
			// unicodedata.combining(c) is non-zero: dropped.
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == ' ':
			b.WriteRune(r)
		case r == '&':
			b.WriteString(" and ")
		default:
			// After NFKD no other character lowercases to a-z or 0-9, so
			// everything else is what the regex turns into a space.
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// ClubKey is score.py's club_key(): the folded name without CLUB_STOP
// tokens ("FC", "AC", "Calcio", ...), or the whole folded name when every
// token is a stop word.
func ClubKey(name string) string {
	f := Fold(name)
	var toks []string
	for _, t := range strings.Fields(f) {
		if !clubStop[t] {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return f
	}
	return strings.Join(toks, " ")
}

// CanonClub is score.py's canon_club(): the club key mapped through the
// alias table ("Man Utd" -> "manchester united").
func CanonClub(name string) string {
	k := ClubKey(name)
	if c, ok := aliasOf[k]; ok {
		return c
	}
	return k
}

// SameClub is score.py's same_club(): the canonical names are equal, or
// every token of the shorter one is in the longer one, unless the shorter
// one is empty or ambiguous ("inter", "united", ...) or both are canonical
// names of alias groups.
func SameClub(a, b string) bool {
	ca, cb := CanonClub(a), CanonClub(b)
	if ca == cb {
		return true
	}
	ta, tb := strings.Fields(ca), strings.Fields(cb)
	short, long := ta, tb
	if len(ta) > len(tb) {
		short, long = tb, ta
	}
	if len(short) == 0 || ambiguous[strings.Join(short, " ")] {
		return false
	}
	for _, t := range short {
		if !slices.Contains(long, t) {
			return false
		}
	}
	return !(aliasCanon[ca] && aliasCanon[cb])
}

// playerTokens is score.py's player_tokens(): the folded name, with known
// nicknames replaced by the full name, split into words.
func playerTokens(name string) []string {
	f := Fold(name)
	if n, ok := nick[f]; ok {
		f = n
	}
	return strings.Fields(f)
}

// SamePlayer is score.py's same_player(): equal token lists; or a one-word
// name that is one of the other name's words; or the same last word and the
// same first word or first initial.
func SamePlayer(a, b string) bool {
	ta, tb := playerTokens(a), playerTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false
	}
	if slices.Equal(ta, tb) {
		return true
	}
	if len(ta) == 1 || len(tb) == 1 {
		one, other := ta, tb
		if len(ta) != 1 {
			one, other = tb, ta
		}
		return slices.Contains(other, one[0])
	}
	if ta[len(ta)-1] == tb[len(tb)-1] {
		return ta[0] == tb[0] || ta[0][0] == tb[0][0]
	}
	return false
}
