package extract

import (
	"strings"

	"transferbot/rumours"
)

// The word lists below are the extractor's knowledge of how English football
// writing talks about transfers. They are matched against lower-cased tokens.

// set makes a word set.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// roleNouns name a footballer by position or status ("the Rennes midfielder").
var roleNouns = set("midfielder", "midfielders", "striker", "strikers", "forward", "forwards", "defender", "defenders",
	"winger", "wingers", "goalkeeper", "goalkeepers", "keeper", "centre-back", "center-back", "centre-half",
	"full-back", "left-back", "right-back", "wing-back", "playmaker", "captain", "attacker", "teenager",
	"youngster", "star", "international", "prodigy", "talisman", "skipper", "frontman", "centre-forward",
	"center-forward", "stopper", "ace", "wonderkid", "starlet", "schemer", "player", "man", "academy",
	"graduate", "loanee", "target", "shot-stopper", "number", "vice-captain", "veteran", "pair", "duo", "trio",
	"left-winger", "right-winger", "anchor", "regista", "hitman", "marksman", "sensation", "gem")

// suitorNouns possessed by a club make it a suitor: "United's hopes",
// "City's pursuit of Kane".
var suitorNouns = set("hopes", "hope", "pursuit", "chase", "interest", "admiration", "attempts", "attempt", "search", "hunt", "list", "shortlist", "wishlist", "radar")

// targetNouns after a club make the player its target, not its player:
// "Napoli target Vlahović", "Arsenal's top target".
var targetNouns = set("target", "targets", "transfer-target", "wishlist", "shortlist")

// staffNouns name people who are not players; a club next to one is theirs.
var staffNouns = set("coach", "manager", "boss", "president", "chairman", "owner", "owners", "co-owner", "director",
	"chief", "executive", "supremo", "agent", "ceo", "shareholder", "vice-president", "representative",
	"representatives", "scout", "scouts", "hierarchy", "board", "official", "officials", "spokesman",
	"spokesperson", "legend", "icon", "founder", "investor", "consortium", "investors", "fans", "supporters",
	"fanbase", "ultras", "academy", "women", "youth", "u23", "u21", "u19", "b", "reserves", "stadium", "ground",
	"website", "statement", "twitter", "account", "tv", "doctor", "physio", "staff", "sporting", "head",
	"assistant", "interim", "caretaker", "general", "technical", "ambassador", "director-general")

// countries and nationalities used as adjectives ("Brazil winger", "the
// Brazilian"): the words of nationCountry and those that name no one country.
var nations = func() map[string]bool {
	m := set("south", "north", "african", "ivory", "guinea", "european", "europe", "catalan", "basque", "bavarian", "costa", "new", "cape", "el", "dr", "burkina")
	for w := range nationCountry {
		m[w] = true
	}
	return m
}()

// nationCountry maps the country words of descriptions ("the England
// midfielder", "the Brazilian") to the gazetteer's nationalities. Words that
// name no one country ("south", "african", "european") are only in nations.
var nationCountry = map[string]string{
	"england": "England", "english": "England", "englishman": "England", "france": "France", "french": "France",
	"frenchman": "France", "spain": "Spain", "spanish": "Spain", "spaniard": "Spain", "germany": "Germany",
	"german": "Germany", "italy": "Italy", "italian": "Italy", "portugal": "Portugal", "portuguese": "Portugal",
	"brazil": "Brazil", "brazilian": "Brazil", "brazil's": "Brazil", "argentina": "Argentina", "argentine": "Argentina",
	"argentinian": "Argentina", "netherlands": "Netherlands", "dutch": "Netherlands", "dutchman": "Netherlands",
	"holland": "Netherlands", "belgium": "Belgium", "belgian": "Belgium", "croatia": "Croatia", "croatian": "Croatia",
	"serbia": "Serbia", "serbian": "Serbia", "poland": "Poland", "polish": "Poland", "pole": "Poland",
	"norway": "Norway", "norwegian": "Norway", "sweden": "Sweden", "swedish": "Sweden", "swede": "Sweden",
	"denmark": "Denmark", "danish": "Denmark", "dane": "Denmark", "wales": "Wales", "welsh": "Wales",
	"welshman": "Wales", "scotland": "Scotland", "scottish": "Scotland", "scot": "Scotland", "ireland": "Ireland",
	"irish": "Ireland", "irishman": "Ireland", "uruguay": "Uruguay", "uruguayan": "Uruguay", "colombia": "Colombia",
	"colombian": "Colombia", "chile": "Chile", "chilean": "Chile", "mexico": "Mexico", "mexican": "Mexico",
	"usa": "United States", "american": "United States", "us": "United States", "canada": "Canada",
	"canadian": "Canada", "japan": "Japan", "japanese": "Japan", "korea": "South Korea", "korean": "South Korea",
	"senegal": "Senegal", "senegalese": "Senegal", "nigeria": "Nigeria", "nigerian": "Nigeria", "ghana": "Ghana",
	"ghanaian": "Ghana", "ivorian": "Ivory Coast", "cameroon": "Cameroon", "cameroonian": "Cameroon",
	"egypt": "Egypt", "egyptian": "Egypt", "morocco": "Morocco", "moroccan": "Morocco", "algeria": "Algeria",
	"algerian": "Algeria", "austria": "Austria", "austrian": "Austria", "switzerland": "Switzerland",
	"swiss": "Switzerland", "turkey": "Turkey", "turkish": "Turkey", "greece": "Greece", "greek": "Greece",
	"russia": "Russia", "russian": "Russia", "ukraine": "Ukraine", "ukrainian": "Ukraine", "czech": "Czech Republic",
	"slovakia": "Slovakia", "slovak": "Slovakia", "hungary": "Hungary", "hungarian": "Hungary", "gabon": "Gabon",
	"gabonese": "Gabon", "mali": "Mali", "malian": "Mali", "ecuador": "Ecuador", "ecuadorian": "Ecuador",
	"peru": "Peru", "peruvian": "Peru", "paraguay": "Paraguay", "paraguayan": "Paraguay", "venezuela": "Venezuela",
	"venezuelan": "Venezuela", "australia": "Australia", "australian": "Australia", "jamaica": "Jamaica",
	"jamaican": "Jamaica", "bosnia": "Bosnia-Herzegovina", "bosnian": "Bosnia-Herzegovina", "slovenia": "Slovenia",
	"slovenian": "Slovenia", "albania": "Albania", "albanian": "Albania", "kosovo": "Kosovo", "iceland": "Iceland",
	"finland": "Finland", "finnish": "Finland", "georgia": "Georgia", "georgian": "Georgia", "armenia": "Armenia",
	"armenian": "Armenia", "montenegro": "Montenegro", "tunisia": "Tunisia", "tunisian": "Tunisia", "china": "China",
	"chinese": "China", "saudi": "Saudi Arabia", "qatar": "Qatar", "qatari": "Qatar", "macedonia": "North Macedonia",
	"romania": "Romania", "romanian": "Romania", "bulgaria": "Bulgaria", "bulgarian": "Bulgaria", "israel": "Israel",
	"israeli": "Israel", "iran": "Iran", "iranian": "Iran",
	// the last words of countries of two words ("Costa Rica goalkeeper")
	"rica": "Costa Rica", "rican": "Costa Rica", "zealand": "New Zealand", "zealander": "New Zealand",
	"verde": "Cape Verde", "verdean": "Cape Verde", "salvador": "El Salvador", "faso": "Burkina Faso",
	"congo": "DR Congo", "congolese": "DR Congo", "uzbekistan": "Uzbekistan", "uzbek": "Uzbekistan",
	"honduras": "Honduras", "honduran": "Honduras", "panama": "Panama", "panamanian": "Panama",
	"bolivia": "Bolivia", "bolivian": "Bolivia", "angola": "Angola", "angolan": "Angola", "iraq": "Iraq",
	"iraqi": "Iraq", "lithuania": "Lithuania", "lithuanian": "Lithuania", "belarus": "Belarus",
	"cyprus": "Cyprus", "cypriot": "Cyprus", "estonia": "Estonia", "estonian": "Estonia", "latvia": "Latvia",
	"latvian": "Latvia", "luxembourg": "Luxembourg", "togo": "Togo", "togolese": "Togo", "benin": "Benin",
	"haiti": "Haiti", "haitian": "Haiti", "curacao": "Curacao", "suriname": "Suriname", "zambia": "Zambia",
	"zambian": "Zambia", "zimbabwe": "Zimbabwe", "zimbabwean": "Zimbabwe", "kenya": "Kenya", "kenyan": "Kenya",
}

// nationNouns are the country words of nationCountry that are only ever
// nouns, written with a capital: "the Swede" is a player whatever follows
// ("to bring the Swede back to Serie A"), where "the Spanish" may begin
// "the Spanish capital" (and "the pole position" is no Pole).
var nationNouns = set("englishman", "frenchman", "spaniard", "dutchman", "pole", "swede", "dane", "welshman", "scot", "irishman", "zealander")

// nonPlayers are well-known managers, executives, owners and agents whose
// names must never become players.
var nonPlayers = set("zidane", "zinedine zidane", "pochettino", "mauricio pochettino", "klopp", "jurgen klopp",
	"guardiola", "pep guardiola", "beckham", "david beckham", "perez", "florentino perez", "mourinho",
	"jose mourinho", "conte", "antonio conte", "lampard", "frank lampard", "solskjaer", "ole gunnar solskjaer",
	"arteta", "mikel arteta", "tuchel", "thomas tuchel", "koeman", "ronald koeman", "ancelotti",
	"carlo ancelotti", "simeone", "diego simeone", "allegri", "massimiliano allegri", "sarri", "maurizio sarri",
	"emery", "unai emery", "xavi", "ten hag", "erik ten hag", "nagelsmann", "julian nagelsmann", "flick",
	"hansi flick", "kovac", "niko kovac", "valverde", "ernesto valverde", "bartomeu", "josep maria bartomeu",
	"laporta", "joan laporta", "levy", "daniel levy", "al-khelaifi", "nasser al-khelaifi", "leonardo",
	"abidal", "eric abidal", "marotta", "giuseppe marotta", "aulas", "jean-michel aulas", "kahn",
	"oliver kahn", "rummenigge", "karl-heinz rummenigge", "salihamidzic", "hasan salihamidzic", "moshiri",
	"farhad moshiri", "brands", "marcel brands", "granovskaia", "marina granovskaia", "boehly", "todd boehly",
	"mccourt", "frank mccourt", "pinault", "mendes", "jorge mendes", "barnett", "jonathan barnett", "raiola",
	"mino raiola", "pioli", "stefano pioli", "inzaghi", "simone inzaghi", "gerrard", "steven gerrard",
	"howe", "eddie howe", "smith", "dean smith", "bilic", "slaven bilic", "garcia", "rudi garcia", "stephan",
	"julien stephan", "lopetegui", "julen lopetegui", "ferguson", "alex ferguson", "sir alex ferguson",
	"southgate", "gareth southgate", "deschamps", "didier deschamps", "luis enrique", "alonso", "diego alonso",
	"labbadia", "bruno labbadia", "moratti", "massimo moratti", "macron", "emmanuel macron", "marc anthony",
	"alejandro sanz", "abramovich", "roman abramovich", "silva", "marco silva", "benitez", "rafa benitez",
	"rangnick", "ralf rangnick", "nuno", "nuno espirito santo", "potter", "graham potter", "rodgers",
	"brendan rodgers", "tebas", "javier tebas", "ceferin", "aleksander ceferin", "infantino", "paratici",
	"fabio paratici", "campos", "luis campos", "monchi", "edwards", "michael edwards", "grau", "oscar grau",
	"kroenke", "glazer", "glazers", "fenway", "wenger", "arsene wenger", "hoeness", "uli hoeness",
	"watzke", "hans-joachim watzke", "zorc", "michael zorc", "sawiris", "nassef sawiris", "edens",
	"wes edens", "mazinho", "federico", "federico higuain", "pique's")

// stage cues: single words and phrases (lower-case, space-separated tokens).
type cue struct {
	words []string
	stage rumours.Stage
	// ids are the numbers of its words in Extractor.words (-1 for "*"),
	// set in the extractor's copies: a cue matches by numbers, not
	// strings. They are held in the cue, not in an array of their own, so
	// that trying a word's cues one after another reads one run of memory.
	ids [maxCueWords]int32
}

// maxCueWords bounds the words of a stage cue (TestCueLength).
const maxCueWords = 6

// idsOf returns the numbers of c's words.
func (c *cue) idsOf() []int32 { return c.ids[:len(c.words)] }

// cues makes the cues of one stage from phrases.
func cues(stage rumours.Stage, phrases ...string) []cue {
	out := make([]cue, len(phrases))
	for i, p := range phrases {
		out[i] = cue{words: strings.Fields(p), stage: stage}
	}
	return out
}

// stageCues lists the phrases that mark each stage. A "*" matches any one
// token. Longer phrases are tried first.
var stageCues = concat(
	cues(rumours.Speculation, "move to", "switch to", "transfer to", "heading to", "bound for", "back to", "return to", "a move to", "linked", "links", "link", "could join", "could move", "could be tempted", "might", "touted",
		"mentioned", "rumoured", "rumored", "talk of", "floated", "speculation", "tipped", "possible destination",
		"sounded out", "could join forces", "could return", "return has been mentioned", "dream", "dreaming",
		"possible move", "potential move", "could head", "could land", "to buy", "could buy", "could sign", "could make a move"),
	cues(rumours.Interest, "attempts to sign", "attempt to sign", "attempts", "destination", "likely destination", "to land", "land him", "interest", "interested", "keen", "want", "wants", "wanted", "wanting", "target", "targets",
		"targeting", "targeted", "monitor", "monitoring", "monitored", "tracking", "tracked", "track", "watching",
		"watched", "admirer", "admirers", "admiration", "considering", "consider", "considered", "eyeing", "eye",
		"chasing", "chase", "chased", "pursuing", "pursue", "pursuit", "in the race", "in the picture",
		"frontrunners", "frontrunner", "favourites", "favourite", "enquiries", "enquiry", "enquired", "asked about",
		"followed", "scouts", "scouted", "looked at", "on the list", "on * list", "on * shortlist", "on * * list", "on * * shortlist", "coveted", "covet", "bring in", "trying to bring in", "looking for", "in the market for", "pushing for", "push for", "pushing", "pushing hard",
		"ready to offer", "in the running", "move for", "credited", "radar", "plan a move", "planning a move",
		"weigh up", "weighing up", "weigh", "tempt", "tempted", "trying to tempt", "courting", "admire", "admires",
		"shortlist", "shortlisted", "stepped up", "like to sign", "hope to sign", "hoping to sign", "preparing a",
		"making ready", "pole position", "in pole position", "looking at", "favours", "prefers", "preferred", "preference", "wish", "set their sights",
		"priority", "race", "battle", "swoop", "eager", "desire", "ideal", "identified", "top target",
		"expected to arrive", "remains interested", "remain interested", "asked to be kept informed",
		"kept informed", "hoped", "hope", "hopes", "could yet", "wait and sign", "sign him",
		"must pay", "have to pay", "has to pay", "asking price",
		"keeping tabs", "keep tabs", "keeps tabs", "kept tabs", "keep watch", "keeping watch", "keep an eye", "keeping an eye", "keeps an eye", "asked * about", "asked * * about",
		"demand", "demands", "demanding", "attracted scouts", "attracted interest",
		"go back in for", "come back in for", "return for", "go back for",
		"wait for", "waiting for", "break their * record for", "break their record for", "replace * with", "replace * * with", "wait until * for", "wait until * * for", "wait until * * * for"),
	cues(rumours.Talks, "talk", "talks", "negotiations", "negotiating", "negotiate", "negotiated", "discussions", "discussing",
		"discussed", "approach", "approached", "contact", "contacts", "made contact", "in touch", "haggling",
		"closing in", "close to agreeing", "close to a deal", "close to completing", "close to an agreement",
		"close on", "are close", "working on", "spoken", "talked", "held talks", "met", "proposal",
		"edging towards", "edging closer", "edges closer", "advanced", "deadline", "valuation", "offered",
		"bring him back", "reopened", "opened talks", "in talks"),
	cues(rumours.Bid, "bid", "bids", "offer", "offers", "tabled", "lodged", "submitted",
		"release clause", "opening offer", "improved offer", "fresh offer", "formal offer", "made an offer",
		"offer rejected", "had an offer", "put on the table", "on the table",
		"have offered", "has offered", "had offered"),
	cues(rumours.Agreed, "chose", "has chosen", "picks", "picked", "opted for", "agreed", "agreement", "agree", "agrees", "agreeing", "here we go", "pre-contract", "accepted",
		"accept", "personal terms", "deal in place", "set to join", "set to sign", "will join",
		"will move", "will sign", "poised", "fee agreed", "green light", "reached an agreement", "verbal agreement",
		"deal agreed", "triggered", "triggering", "trigger", "activated", "paid the", "will arrive",
		"subject to a medical", "subject to a", "subject to personal", "expected to be confirmed", "expected to sign", "expected to complete",
		"due to have a medical", "will undergo", "travel to", "flew", "flown", "deal done", "on the verge",
		"verge", "close to completing a move", "will be presented", "will officially join", "arrives in",
		"finalising", "finalizing", "finalise", "finalize", "selected", "chosen", "chose", "chooses",
		"is heading to", "are heading to", "heads to", "head to", "both heading to", "are both heading to"),
	cues(rumours.Medical, "medical", "medicals", "undergoing", "undergo", "tests",
		// a medical done is still a medical: the signing is not
		"completed a medical", "completed his medical", "passed a medical", "passed his medical",
		"undergone a medical", "undergone his medical", "having his medical", "having a medical"),
	cues(rumours.Done, "left * for", "left * * for", "both left", "accomplished", "completed", "completes", "completing", "joined", "signed",
		"arrived", "arrives", "arrival", "arrivals", "official", "officially", "confirmed",
		"confirm", "confirms", "announced", "announce", "unveiled", "presented", "rejoined", "rejoins", "rejoin",
		"sealed", "seal", "sold", "bought", "paying", "paid", "came in", "brought in", "bringing in", "brought back", "brings back",
		"moved to", "moved on to", "moved from", "move from", "swapped", "swapping", "swap", "left for", "leaves for", "returned",
		"made the move", "made the same journey", "joining", "new signing",
		"done", "switch from", "joins", "completes", "returns to", "returned to", "first signing", "second signing", "new signing", "third signing", "fourth signing", "club-record signing", "loan from", "on loan from", "transfer from",
		"recruited", "acquired", "heads home", "landed", "lands",
		"over the line", "loan to", "loan move to",
		"went through", "spending big on", "after signing", "having signed", "signing of", "signed from", "after selling", "by selling", "spent big on", "spent heavily on", "splashed out on", "spent heavily this summer on",
		"sale to", "sold to", "gone to", "has gone to", "went to", "is back at", "are back at", "back at", "is again at", "on loan at", "purchased from", "bought from", "sealed a move", "sealed his move",
		"all confirmed", "been confirmed", "is confirmed", "are confirmed", "made his debut", "was unveiled",
		"came back from", "came back to", "finalised", "finalized",
		// machine-reworded ("spun") pages: "came" becomes "got here",
		// "loan" "mortgage", "brought in" "introduced in"
		"got here", "introduced in", "introduced again", "on mortgage", "mortgage from", "mortgage to",
		"out went", "came from", "did get", "also got", "finally got", "broken their * record", "broke their * record", "broken their record", "broke their record", "broken their own record", "broke their own record", "have added", "has added", "have * added", "has * added", "have * * added", "had added", "had * added",
		"did complete", "did sign", "loaned to", "loaned * to", "loaning * to", "let * go to", "let * * go to", "sending * to", "sending * * to"),
	cues(rumours.Denied, "denied", "deny", "denies", "denial", "dismissed", "dismiss", "ruled out", "rule out",
		"ruled themselves out", "rules out", "not been in touch", "rubbished",
		"nothing has been signed", "will not be sold", "not be sold", "shut the door", "no interest",
		"not interested", "no serious interest", "heard nothing", "had not been in touch", "not true",
		"fake",
		// the selling club or the player rules a move out: "Mahrez will not
		// go to Arsenal", "Neymar is going nowhere" (not "talks going nowhere"), "there have been no
		// talks with City", "have no plans to move for Mount"
		"will not go to", "is going nowhere", "no talks", "no plans to"),
	cues(rumours.Off, "never materialised", "never materialized", "failed to materialise", "did not materialise", "let him join", "refused to let", "are off", "is off", "now off", "deal off", "talks off", "is dead", "collapsed", "collapse", "collapses", "pulled out", "pull out", "pulls out", "pulling out", "called off", "broke down",
		"break down", "broken down", "abandoned", "abandon", "given up", "give up", "gave up", "walked away",
		"walk away", "stepped away", "turned down", "snubbed", "snubs", "snubbing", "spurned", "spurns",
		"missed out", "lost the race", "cooled", "cooling", "cools", "switched their focus", "switched focus",
		"switch their attention", "no longer", "dead", "fell through", "not pursue", "will not pursue",
		"unwilling", "never got off the ground",
		"hijacked", "ending * hopes", "ending * * hopes", "ending * * * hopes", "ends * hopes", "ended * hopes", "end to * hopes",
		"ending * pursuit", "ending * * pursuit", "ending * * * pursuit", "ends * pursuit", "ended * pursuit", "end to * pursuit",
		"ending * interest", "ended * interest", "ending * speculation", "ending * * speculation", "ended * speculation", "ended * * speculation", "ends * * speculation", "end to * speculation", "ending * chase", "ended * chase", "dashed", "put paid to",
		"decided against", "opted against", "moved on", "have moved on", "has moved on", "conceded defeat",
		"admitted defeat", "distanced themselves", "not for sale at any price",
		"is over", "is now over", "are over", "decided not to", "turned * down", "turned * * down",
		"will see out", "to see out", "turning down", "turning * down",
		// a player who tells a suitor he stays refuses it: "has told
		// Arsenal he will stay at Monaco", "walked out of his medical"
		"told * he will stay", "told * * he will stay", "told * he wants to stay",
		"told * he is staying", "told * * he is staying", "walked out of", "walked out halfway",
		"stepped aside", "step aside", "steps aside", "bowed out", "backed out", "backing out",
		// an idea that stopped short: "never went beyond early contact"
		"never went beyond", "never got beyond", "never progressed", "went no further", "got no further"),
)

// concat joins cue lists.
func concat(lists ...[]cue) []cue {
	var out []cue
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// matchWords mark a sentence about a match, not a transfer.
var matchWords = set("goal", "goals", "scored", "score", "scoring", "penalty", "final", "semi-final", "league",
	"fixture", "game", "games", "match", "kick-off", "half-time", "full-time", "minute", "minutes", "win",
	"won", "defeat", "draw", "drew", "lost", "beat", "beating", "campaign", "opener", "leg", "aggregate",
	"comeback", "trip", "tie", "derby", "debut", "season")

// auxVerbs follow a noun phrase that is a clause's subject: "the Brazilian
// has", "the Dutchman scored".
var auxVerbs = set("is", "was", "has", "had", "have", "will", "would", "could", "can", "may", "might", "must", "should",
	"scored", "joined", "signed", "made", "left", "arrived", "wants", "wanted", "said", "says", "admitted", "insisted",
	"became", "moved", "remains", "remained", "spent", "played", "started", "completed", "agreed", "turned", "told",
	"helped", "won", "struck", "missed", "hit", "came", "returned", "trained", "took", "faces", "needs", "prefers")

// clubRefNouns follow "the" or "the Spanish" to refer to a club: "the Catalan club".
var clubRefNouns = set("membership", "club", "side", "giants", "champions", "outfit", "team", "heavyweights", "powerhouse", "champions-elect", "leaders", "holders", "hierarchy", "board")

// clubRefFillers stand between "the" and a club reference's noun without
// naming a country: "the Premier League side".
var clubRefFillers = set("a", "league", "1", "premier")

// clubRefStart are the words that may follow "the" in a club reference
// (clubRefs): a demonym, a region, a filler or the noun itself.
var clubRefStart = func() map[string]bool {
	m := map[string]bool{}
	for _, words := range []map[string]bool{clubRefFillers, clubRefNouns} {
		for w := range words {
			m[w] = true
		}
	}
	for _, words := range []map[string]string{demonymCountry, regionCountry} {
		for w := range words {
			m[w] = true
		}
	}
	return m
}()

// regionCountry maps the adjectives of club references to gazetteer countries.
var regionCountry = map[string]string{
	"spanish": "Spain", "catalan": "Spain", "basque": "Spain", "andalusian": "Spain", "laliga": "Spain", "liga": "Spain",
	"german": "Germany", "bavarian": "Germany", "bundesliga": "Germany",
	"italian": "Italy", "serie": "Italy",
	"french": "France", "ligue": "France", "parisian": "France",
	"english": "England", "premier": "England",
	"portuguese": "Portugal", "dutch": "Netherlands", "eredivisie": "Netherlands",
	"scottish": "Scotland", "turkish": "Turkey", "american": "United States", "mls": "United States",
}

// demonymCountry maps "the Catalans" to the country of the club meant.
var demonymCountry = map[string]string{"catalans": "Spain", "parisians": "France", "bavarians": "Germany", "londoners": "England"}

// spunSuffix undoes machine rewording of club names ("Manchester Joined",
// "Leicester Metropolis").
var spunSuffix = map[string]string{"Joined": "united", "Metropolis": "city", "Metropolis'": "city"}

// listIntroWords introduce players who are context, not movers: "an attack
// that already includes Messi", "the likes of Matuidi". Tokens are flagged
// wListIntro: every word of a clause naming a player is asked.
var listIntroWords = set("joining", "includes", "including", "include", "included", "alongside", "likes", "behind", "like")
