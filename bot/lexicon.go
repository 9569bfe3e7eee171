package bot

import (
	"slices"
	"strings"
	"sync"

	"transferbot/rumours"
)

// The lexicon of free-text questions: the words and phrases that tell what a
// fan is asking for, folded (lower case, no accents, apostrophes dropped:
// "whats", "dont"). A word of five letters or more also matches a word one
// slip away ("transfr", "subscibe"), unless that word is in the lexicon or
// the vocabulary itself. Phrases match whole words in order; a phrase's
// words are never read as names ("the sun", "the athletic", "como
// funciona").

// Keywords returns the lexicon's one-word entries, sorted: the words whose
// slips the parser reads as them. internal/commongen lists the English
// words a slip away, which it does not.
func Keywords() []string { return slices.Clone(keywords()) }

var keywords = sync.OnceValue(func() []string {
	out := make([]string, 0, len(words)+len(stageWords))
	for w := range words {
		out = append(out, w)
	}
	for w := range stageWords {
		if _, dup := words[w]; !dup && !strings.Contains(w, " ") {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
})

// cue is one thing a word or phrase says about a message.
type cue uint32

const (
	cueWhere       cue = 1 << iota // a player's future: leave, stay, join, next club
	cueRumours                     // the latest rumours, news, gossip
	cueRumourList                  // the rumours themselves as a list: "X rumours", "stories"
	cueClub                        // a club's business: signings, targets, sales
	cueReplace                     // "who could replace X at C": X is not the subject
	cueSubscribe                   // alerts: subscribe, follow, ping me
	cueUnsubscribe                 // stop alerts
	cueStop                        // stop, no more: unsubscribe with an alerts word
	cueAlerts                      // alerts, notifications, pings: the thing stopped or listed
	cueSubsList                    // subscriptions, subscribed, following
	cueSelf                        // i, we, this channel: who is subscribed
	cueAsk                         // what, which, did, list, show, already: asking, not ordering
	cueSources                     // outlets, journalists, tiers, trust
	cueReliable                    // how reliable: sources, unless a link is named
	cueHelp                        // help, commands, what can you do
	cueHowTo                       // how do i, how to: help unless a target is named
	cueSmallTalk                   // results, injuries, opinions, greetings, spam: not transfers
	cueNewsAbout                   // "news about": a list, like rumours
	cueTransfer                    // any transfer word: keeps a player message off small talk
	cueWhereAsk                    // where, heading: asks where a player goes even when the name is unknown
)

// stageWords map the words of a threshold to the minimum stage.
var stageWords = map[string]rumours.Stage{
	"here we go":   rumours.Agreed,
	"here we gos":  rumours.Agreed,
	"agreed":       rumours.Agreed,
	"agree":        rumours.Agreed,
	"agrees":       rumours.Agreed,
	"sign":         rumours.Done,
	"signed":       rumours.Done,
	"announced":    rumours.Done,
	"agreement":    rumours.Agreed,
	"official":     rumours.Done,
	"done":         rumours.Done,
	"signs":        rumours.Done,
	"completed":    rumours.Done,
	"confirmed":    rumours.Done,
	"medical":      rumours.Medical,
	"medicals":     rumours.Medical,
	"bid":          rumours.Bid,
	"bids":         rumours.Bid,
	"offer":        rumours.Bid,
	"offers":       rumours.Bid,
	"talks":        rumours.Talks,
	"negotiations": rumours.Talks,
	"interest":     rumours.Interest,
	"speculation":  rumours.Speculation,
}

// phrases are the lexicon's entries of two words or more.
var phrases = map[string]cue{
	"here we go":         cueWhere | cueTransfer,
	"here we gos":        cueWhere | cueTransfer,
	"done deal":          cueWhere | cueTransfer,
	"next club":          cueWhere | cueTransfer | cueWhereAsk,
	"next move":          cueWhere | cueTransfer,
	"end up":             cueWhere | cueTransfer | cueWhereAsk,
	"ends up":            cueWhere | cueTransfer | cueWhereAsk,
	"in for":             cueWhere | cueClub | cueTransfer,
	"free agent":         cueWhere | cueTransfer,
	"release clause":     cueWhere | cueTransfer,
	"what s new":         cueRumours,
	"whats new":          cueRumours,
	"anything new":       cueRumours,
	"anything big":       cueRumours,
	"anything happening": cueRumours,
	"what s hot":         cueRumours,
	"whats hot":          cueRumours,
	"news about":         cueNewsAbout | cueRumours,
	"news of":            cueNewsAbout | cueRumours,
	"latest news":        cueNewsAbout | cueRumours,
	"transfer market":    cueRumours,
	"in the market":      cueClub | cueTransfer,
	"deals done":         cueClub | cueTransfer,
	"word on":            cueRumours,
	"spill the tea":      cueRumours,
	"linked with":        cueClub | cueTransfer,
	"looking at":         cueClub | cueTransfer,
	"coming in":          cueClub | cueTransfer,
	"let me know":        cueSubscribe,
	"keep me posted":     cueSubscribe,
	"keep me updated":    cueSubscribe,
	"keep me informed":   cueSubscribe,
	"tell me when":       cueSubscribe,
	"tell me if":         cueSubscribe,
	"sign me up":         cueSubscribe,
	"sub me":             cueSubscribe,
	"heads up":           cueSubscribe,
	"give me a shout":    cueSubscribe,
	"turn on":            cueSubscribe,
	"switch on":          cueSubscribe,
	"turn off":           cueStop,
	"switch off":         cueStop,
	"want updates":       cueSubscribe,
	"want alerts":        cueSubscribe,
	"want notifications": cueSubscribe,
	"send me":            cueSubscribe,
	"set up alerts":      cueSubscribe | cueAlerts,
	"no more":            cueStop,
	"dont care":          cueUnsubscribe,
	"do not care":        cueUnsubscribe,
	"dont want":          cueStop,
	"this channel":       cueSelf,
	"this chat":          cueSelf,
	"this group":         cueSelf,
	"in here":            cueSelf,
	"get ur info":        cueSources,
	"get your info":      cueSources,
	"info from":          cueSources,
	"news from":          cueSources,
	"get your news":      cueSources,
	"your data":          cueSources,
	"ur data":            cueSources,
	"your info":          cueSources,
	"ur info":            cueSources,
	"di marzio":          cueSources,
	"mundo deportivo":    cueSources,
	"the independent":    cueSources,
	"the express":        cueSources,
	"get ur news":        cueSources,
	"the sun":            cueSources,
	"the athletic":       cueSources,
	"daily mail":         cueSources,
	"the mail":           cueSources,
	"the mirror":         cueSources,
	"daily star":         cueSources,
	"the guardian":       cueSources,
	"the times":          cueSources,
	"the telegraph":      cueSources,
	"sky sports":         cueSources,
	"what can you do":    cueHelp,
	"what can u do":      cueHelp,
	"what do you do":     cueHelp,
	"what can":           cueHelp,
	"min stage":          cueHelp,
	"minimum stage":      cueHelp,
	"this bot":           cueHelp,
	"who are you":        cueHelp,
	"what are you":       cueHelp,
	"how does this work": cueHelp,
	"how do i":           cueHowTo,
	"how does":           cueHowTo,
	"how do you":         cueHowTo,
	"how can i":          cueHowTo,
	"how to":             cueHowTo,
	"what does":          cueHowTo,
	"como funciona":      cueHelp,
	"come funziona":      cueHelp,
	"kick off":           cueSmallTalk,
	"last night":         cueSmallTalk,
	"who won":            cueSmallTalk,
	"good bot":           cueSmallTalk,
	"bad bot":            cueSmallTalk,
	"come on":            cueSmallTalk,
	"hat trick":          cueSmallTalk,
	"up the":             cueSmallTalk,
	"dejar de seguir":    cueUnsubscribe,
	"deixar de seguir":   cueUnsubscribe,
	"ultime notizie":     cueRumours,
	"ultimas noticias":   cueRumours,
	"que hay de nuevo":   cueRumours,
	"a zero":             cueWhere | cueTransfer,
	"it real":            cueWhere,
	"for real":           0,
	"real talk":          0,
	"a real":             0,
}

// words are the lexicon's one-word entries.
var words = map[string]cue{
	// a player's future
	"where": cueWhere | cueTransfer | cueWhereAsk, "wheres": cueWhere | cueTransfer | cueWhereAsk, "heading": cueWhere | cueTransfer | cueWhereAsk,
	"headed": cueWhere | cueTransfer | cueWhereAsk, "going": cueWhere | cueTransfer, "leave": cueWhere | cueTransfer,
	"leaving": cueWhere | cueClub | cueTransfer, "leaves": cueWhere | cueTransfer, "stay": cueWhere | cueTransfer,
	"staying": cueWhere | cueTransfer, "stays": cueWhere | cueTransfer, "move": cueWhere | cueTransfer,
	"moving": cueWhere | cueRumours | cueTransfer, "moves": cueWhere | cueTransfer, "join": cueWhere | cueTransfer,
	"joining": cueWhere | cueTransfer, "joins": cueWhere | cueTransfer, "exit": cueWhere | cueTransfer,
	"renewal": cueWhere | cueTransfer, "renew": cueWhere | cueTransfer, "contract": cueWhere | cueTransfer,
	"extension": cueWhere | cueTransfer, "future": cueWhere | cueTransfer, "next": cueWhere | cueTransfer,
	"return": cueWhere | cueTransfer, "back": cueWhere | cueTransfer, "loan": cueWhere | cueTransfer,
	"deal": cueWhere | cueTransfer, "saga": cueWhere | cueTransfer, "update": cueWhere | cueTransfer,
	"updates": cueWhere | cueTransfer, "wants": cueWhere | cueTransfer, "want": cueTransfer,
	"keen": cueWhere | cueTransfer, "interested": cueWhere | cueTransfer, "interest": cueWhere | cueTransfer,
	"links": cueWhere | cueTransfer, "link": cueWhere | cueTransfer, "chances": cueWhere | cueTransfer,
	"close": cueWhere | cueTransfer, "truth": cueWhere | cueTransfer, "true": cueWhere | cueTransfer,
	"confirmed": cueWhere | cueTransfer, "happening": cueWhere | cueRumours | cueTransfer,
	"trigger": cueWhere | cueTransfer, "regretting": cueWhere | cueTransfer, "off": cueWhere | cueTransfer,
	"transfer": cueTransfer, "transfers": cueTransfer, "bid": cueTransfer, "offer": cueTransfer,
	"medical": cueTransfer, "talks": cueTransfer, "agreed": cueTransfer, "signed": cueWhere | cueTransfer,
	"permanently": cueWhere | cueTransfer, "permanent": cueWhere | cueTransfer, "sell": cueClub | cueTransfer,
	"done": cueTransfer, "to": cueTransfer, "bringing": cueWhere | cueClub | cueTransfer, "swap": cueWhere | cueTransfer,
	"donde": cueWhere | cueTransfer | cueWhereAsk, "dove": cueWhere | cueTransfer | cueWhereAsk, "onde": cueWhere | cueTransfer | cueWhereAsk,
	"sair": cueWhere | cueTransfer, "sale": cueWhere | cueTransfer, "volta": cueWhere | cueTransfer,
	"resta": cueWhere | cueTransfer, "rinnova": cueWhere | cueTransfer, "futuro": cueWhere | cueTransfer,
	"fichaje": cueWhere | cueTransfer, "traspaso": cueWhere | cueTransfer, "renueva": cueWhere | cueTransfer,
	"jugar": cueWhere | cueTransfer, "jogar": cueWhere | cueTransfer, "giocare": cueWhere | cueTransfer,
	"latest": cueWhere | cueRumours,

	// rumours
	"rumours": cueRumours | cueRumourList, "rumors": cueRumours | cueRumourList,
	"rumour": cueRumours | cueRumourList, "rumor": cueRumours | cueRumourList,
	"gossip": cueRumours | cueRumourList, "stories": cueRumours | cueRumourList,
	"rumores": cueRumours | cueRumourList, "rumeurs": cueRumours | cueRumourList,
	"voci": cueRumours | cueRumourList, "news": cueRumours, "hot": cueRumours, "deals": cueRumours | cueClub, "juicy": cueRumours, "saying": cueRumours, "tea": cueRumours,
	"market": cueRumours, "mercato": cueRumours, "notizie": cueRumours, "noticias": cueRumours,
	"novedades": cueRumours, "novidades": cueRumours, "ultimos": cueRumours, "ultime": cueRumours,
	"whats": cueAsk,

	// a club's business
	"signing": cueClub | cueTransfer, "signings": cueClub | cueTransfer, "sign": cueClub | cueTransfer,
	"buying": cueClub | cueTransfer, "buy": cueClub | cueTransfer, "selling": cueClub | cueTransfer,
	"targets": cueClub | cueTransfer, "target": cueClub | cueTransfer, "after": cueClub | cueTransfer,
	"linked": cueClub | cueTransfer, "incomings": cueClub | cueTransfer, "incoming": cueClub | cueTransfer,
	"outgoings": cueClub | cueTransfer, "outgoing": cueClub | cueTransfer, "plans": cueClub | cueTransfer,
	"plan": cueClub | cueTransfer, "window": cueClub | cueTransfer, "business": cueClub | cueTransfer,
	"list": cueClub | cueAsk, "rebuilding": cueClub | cueTransfer, "rebuild": cueClub | cueTransfer,
	"doing": cueClub, "replace": cueClub | cueReplace | cueTransfer, "replacement": cueClub | cueReplace | cueTransfer,
	"compra": cueClub | cueTransfer, "comprar": cueClub | cueTransfer, "contratar": cueClub | cueTransfer,
	"fichar": cueClub | cueTransfer, "fichajes": cueClub | cueTransfer, "acquisti": cueClub | cueTransfer,
	"cessioni": cueClub | cueTransfer, "reforcos": cueClub | cueTransfer, "vender": cueClub | cueTransfer,
	"vende": cueClub | cueTransfer, "acquista": cueClub | cueTransfer, "recruits": cueClub | cueTransfer,
	"shopping": cueClub | cueTransfer, "planning": cueClub | cueTransfer, "planned": cueClub | cueTransfer, "spending": cueClub | cueTransfer, "budget": cueClub | cueTransfer,

	// alerts
	"subscribe": cueSubscribe, "sub": cueSubscribe, "follow": cueSubscribe, "track": cueSubscribe,
	"alert": cueSubscribe | cueAlerts, "alerts": cueSubscribe | cueAlerts, "notify": cueSubscribe,
	"notifications": cueAlerts, "notification": cueAlerts, "notifs": cueAlerts, "ping": cueSubscribe,
	"pinging": cueAlerts, "pings": cueAlerts, "spam": cueAlerts, "watch": cueSubscribe,
	"suscribeme": cueSubscribe, "suscribir": cueSubscribe, "suscribirme": cueSubscribe, "avisame": cueSubscribe,
	"seguir": cueSubscribe, "sigue": cueSubscribe, "segue": cueSubscribe, "segui": cueSubscribe, "inscrever": cueSubscribe, "avisa": cueSubscribe, "iscrivimi": cueSubscribe,
	"avvisami": cueSubscribe, "seguire": cueSubscribe, "alertas": cueSubscribe | cueAlerts,
	"unsubscribe": cueUnsubscribe, "unsub": cueUnsubscribe, "unfollow": cueUnsubscribe, "mute": cueUnsubscribe,
	"untrack": cueUnsubscribe, "disable": cueUnsubscribe, "enable": cueSubscribe, "add": cueSubscribe, "remove": cueUnsubscribe, "cancel": cueUnsubscribe, "desuscribir": cueUnsubscribe,
	"desuscribirme": cueUnsubscribe, "stop": cueStop, "enough": cueStop, "silence": cueUnsubscribe,
	"subscriptions": cueSubsList, "subscribed": cueSubsList, "subs": cueSubsList, "following": cueSubsList | cueAlerts,
	"tracking": cueSubsList | cueAlerts, "watchlist": cueSubsList | cueAlerts, "subscription": cueSubsList,
	"i": cueSelf, "im": cueSelf, "we": cueSelf, "my": cueSelf, "our": cueSelf, "us": cueSelf,
	"what": cueAsk, "which": cueAsk, "did": cueAsk, "show": cueAsk, "already": cueAsk, "am": cueAsk,

	// sources
	"source": cueSources, "sources": cueSources, "outlet": cueSources, "outlets": cueSources,
	"journalist": cueSources, "journalists": cueSources, "journos": cueSources, "reporter": cueSources,
	"reporters": cueSources, "tier": cueSources, "tiers": cueSources, "itk": cueSources, "itks": cueSources,
	"trust": cueSources, "trusted": cueSources, "fuentes": cueSources, "fontes": cueSources, "fonti": cueSources,
	"reliable": cueReliable, "reliability": cueReliable, "credible": cueReliable, "legit": cueReliable,
	"fabrizio": cueSources, "romano": cueSources, "ornstein": cueSources, "bbc": cueSources, "espn": cueSources,
	"marca": cueSources, "talksport": cueSources, "guardian": cueSources, "telegraph": cueSources,
	"bild": cueSources, "kicker": cueSources, "lequipe": cueSources, "gazzetta": cueSources,
	"tuttosport": cueSources, "plettenberg": cueSources, "moretto": cueSources, "trustworthy": cueReliable,
	"accurate": cueReliable,

	// help
	"help": cueHelp, "halp": cueHelp, "commands": cueHelp, "command": cueHelp, "start": cueHelp, "usage": cueHelp,
	"stages": cueHelp, "stage": cueHelp, "explain": cueHelp, "mean": cueHowTo, "means": cueHowTo, "lost": cueHelp, "menu": cueHelp,
	"ayuda": cueHelp, "ajuda": cueHelp, "aiuto": cueHelp, "comandos": cueHelp, "comandi": cueHelp,
	"features": cueHelp, "guide": cueHelp, "tutorial": cueHelp, "instructions": cueHelp,

	// small talk and football that is not about transfers
	"thanks": cueSmallTalk, "thank": cueSmallTalk, "thx": cueSmallTalk, "ty": cueSmallTalk,
	"cheers": cueSmallTalk, "gracias": cueSmallTalk, "obrigado": cueSmallTalk, "grazie": cueSmallTalk,
	"injured": cueSmallTalk, "injury": cueSmallTalk, "injuries": cueSmallTalk, "fit": cueSmallTalk,
	"score": cueSmallTalk, "scored": cueSmallTalk, "scores": cueSmallTalk, "goals": cueSmallTalk,
	"won": cueSmallTalk, "win": cueSmallTalk, "beat": cueSmallTalk, "lineup": cueSmallTalk,
	"fixture": cueSmallTalk, "fixtures": cueSmallTalk, "weather": cueSmallTalk, "goat": cueSmallTalk,
	"overrated": cueSmallTalk, "underrated": cueSmallTalk, "support": cueSmallTalk, "derby": cueSmallTalk,
	"referee": cueSmallTalk, "crypto": cueSmallTalk, "airdrop": cueSmallTalk, "kickoff": cueSmallTalk,
	"assist": cueSmallTalk, "assists": cueSmallTalk, "hattrick": cueSmallTalk, "penalty": cueSmallTalk,
	"var": cueSmallTalk, "table": cueSmallTalk, "champions": cueSmallTalk, "playing": cueSmallTalk,
	"www": cueSmallTalk, "http": cueSmallTalk, "https": cueSmallTalk, "followers": cueSmallTalk,
	"click": cueSmallTalk, "giveaway": cueSmallTalk, "promo": cueSmallTalk,
	"better": cueSmallTalk, "worse": cueSmallTalk, "finished": cueSmallTalk, "winning": cueSmallTalk, "losing": cueSmallTalk, "lose": cueSmallTalk, "relegated": cueSmallTalk,
	"relegation": cueSmallTalk, "title": cueSmallTalk, "points": cueSmallTalk, "coys": cueSmallTalk,
	"coyg": cueSmallTalk, "ynwa": cueSmallTalk, "ggmu": cueSmallTalk,
	"ballon": cueSmallTalk, "goal": cueSmallTalk, "washed": cueSmallTalk, "fraud": cueSmallTalk,
	"worldie": cueSmallTalk, "banger": cueSmallTalk, "rated": cueSmallTalk, "clutch": cueSmallTalk, "hello": cueSmallTalk, "hi": cueSmallTalk, "hey": cueSmallTalk,
}

// vocabulary are common words that are never read as a name on their own:
// function words, chat words and football words of English and of the
// Spanish, Portuguese and Italian that fans mix in. A lexicon word is never
// read as a name either.
var vocabulary = set(
	// English function words
	"a", "an", "the", "is", "are", "am", "was", "were", "be", "been", "being", "it", "its", "this",
	"that", "these", "those", "he", "him", "his", "she", "her", "they", "them", "their", "theyre",
	"you", "your", "u", "ur", "ya", "yall", "me", "mine", "who", "whos", "whom", "whose", "why",
	"how", "hows", "when", "whens", "or", "and", "but", "if", "so", "then", "than", "nor", "of",
	"in", "on", "at", "for", "from", "by", "with", "without", "about", "into", "onto", "over",
	"under", "up", "down", "out", "around", "before", "since", "until", "till", "during",
	"do", "does", "dont", "doesnt", "didnt", "done", "have", "has", "had", "having", "havent",
	"hasnt", "will", "would", "wont", "wouldnt", "shall", "should", "could", "couldnt", "can",
	"cant", "cannot", "may", "might", "must", "gonna", "wanna", "gotta", "got", "get", "gets",
	"getting", "go", "goes", "gone", "went", "come", "comes", "coming", "came", "make", "makes",
	"made", "take", "takes", "took", "say", "says", "said", "see", "saw", "seen", "look", "looks",
	"know", "knows", "think", "thinks", "thought", "tell", "told", "give", "gimme", "let", "lets",
	"put", "keep", "find", "need", "needs", "like", "likes", "mean", "all", "any", "anyone",
	"anybody", "anything", "every", "everyone", "everything", "everybody", "some", "someone",
	"something", "no", "none", "nothing", "nobody", "not", "yes", "yeah", "yep", "yup", "nah",
	"nope", "ok", "okay", "k", "kk", "very", "really", "just", "only", "even", "still", "also",
	"too", "again", "already", "ever", "never", "always", "now", "rn", "today", "tonight",
	"tomorrow", "yesterday", "week", "weeks", "month", "months", "year", "years", "season",
	"seasons", "summer", "winter", "january", "jan", "june", "july", "august", "september",
	"deadline", "day", "days", "time", "times", "more", "most", "much", "many", "less", "lot",
	"lots", "one", "two", "three", "first", "last", "new", "old", "big", "small", "top", "best",
	"good", "bad", "great", "actually", "probably", "maybe", "sure", "please", "pls", "plz",
	"thanks", "there", "theres", "here", "heres", "whats", "thats", "its", "s", "t", "d", "ll",
	"ve", "re", "m", "don", "isnt", "arent", "wasnt", "werent", "anywhere", "somewhere", "other",
	"others", "another", "such", "same", "own", "each", "both", "either", "neither", "which",
	"what", "whatever", "while", "though", "although", "because", "cause", "cos", "coz",
	"whether", "once", "soon", "yet", "ago", "per", "via", "vs", "v", "anymore", "onwards",
	"above", "below", "min", "minimum", "max", "stage", "stage", "everything", "happy", "sad",
	"lol", "lmao", "lmfao", "haha", "hahaha", "omg", "wtf", "smh", "tbh", "imo", "ngl", "fr",
	"bro", "mate", "mates", "guys", "lads", "fam", "yo", "sup", "hiya", "bot", "bots", "pal",
	"cheers", "wow", "nice", "cool", "sick", "mad", "crazy", "insane", "hmm", "ah", "oh", "uh",
	"um", "er", "eh", "ha", "oi", "gm", "gn", "asap", "pls", "thx", "idk", "dunno", "btw",
	"player", "players", "club", "clubs", "team", "teams", "side", "squad", "manager", "coach",
	"fans", "fan", "football", "soccer", "league", "prem", "premier", "epl", "mls", "saudi",
	"europe", "england", "spain", "italy", "germany", "france", "portugal", "brazil", "argentina",
	"usa", "america", "abroad", "home", "midfield", "midfielder", "striker", "forward", "winger",
	"defender", "centre", "center", "keeper", "goalkeeper", "fullback", "cb", "cm", "dm", "st",
	"lw", "rw", "youngsters", "youngster", "kid", "star", "stars", "money", "fee", "fees",
	"million", "millions", "m", "bn", "euros", "pounds", "quid", "cash", "broke", "rich", "drama",
	"flop", "legend", "story", "rumoured", "reported", "reports", "report", "reportedly", "claims",
	"twitter", "x", "tweet", "reddit", "insta", "instagram", "tiktok", "youtube", "channel",
	"chat", "group", "server", "someone", "happen", "happens", "happened", "again",
	"already", "long", "short", "term", "free", "cheap", "expensive", "worth", "value", "right",
	"wrong", "left", "true", "false", "yes", "chance", "odds", "likely", "unlikely", "possible",
	"soon", "lately", "recently", "finally", "then", "well", "better", "worse", "enough",
	"definitely", "officially", "apparently", "anyway", "seriously", "literally", "basically",
	"mental", "wild", "shocking", "stage", "stages", "done", "deals", "rumour", "either",
	"interesting", "gonna", "gotta", "tho", "though", "thru", "ill", "id", "ive", "youre",
	"hes", "shes", "were", "weve", "theyve", "cmon", "come", "night", "morning", "evening",
	"weekend", "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"join", "now", "who", "won", "up", "set", "way", "thing", "things", "people", "person",
	"guy", "man", "men", "boy", "boys", "lad", "bit", "kind", "sort", "type", "part", "end",
	"start", "anyone", "yo", "amp", "www", "com", "http", "https", "me", "t", "lost", "goal",
	"game", "games", "match", "matches", "play", "plays", "played", "world", "cup", "national",
	"international", "under", "age", "young", "older", "bench", "minutes", "pitch", "stadium",
	"ground", "town", "country", "countries", "current", "currently", "permanently",
	"happy", "unhappy", "gossip", "spam", "depressing", "sad", "annoying", "annoyed", "ffs",
	"cares", "care", "carefully", "work", "works", "working", "moon", "pump", "now", "join", "airdrop", "win", "prize",
	// Spanish, Portuguese, Italian function words
	"el", "la", "los", "las", "lo", "le", "les", "un", "una", "unos", "uno", "de", "del", "al",
	"a", "y", "e", "o", "en", "em", "no", "na", "nos", "nas", "do", "da", "dos", "das", "por",
	"para", "pra", "pro", "con", "com", "sin", "sem", "que", "qui", "quien", "quem", "chi",
	"cual", "como", "cuando", "quando", "va", "vai", "van", "ir", "se", "su", "sus", "seu",
	"sua", "mi", "mis", "meu", "minha", "me", "te", "ti", "tu", "il", "gli", "di", "della",
	"dello", "dei", "degli", "delle", "dalla", "dal", "dallo", "alla", "allo", "al", "ai",
	"agli", "alle", "nel", "nella", "sul", "sulla", "per", "ano", "anno", "viene", "que",
	"proximo", "prossimo", "proxima", "es", "esta", "este", "esse", "essa", "isso", "eso",
	"ese", "esa", "muy", "mas", "mais", "piu", "ya", "ja", "gia", "hay", "ha", "tem", "tiene",
	"sera", "vuelve", "volver", "gennaio", "enero", "janeiro", "verano", "estate", "verao",
	"crack", "hola", "ola", "ciao", "bom", "buenos", "buenas", "dias", "via", "zero", "cero",
	"europa", "bot", "esse", "essa",
	// clubs' names that are common words (see placeClubs)
	"reading", "bridge", "racing", "tours", "union", "gent", "lens", "river", "pacific", "sedan", "forge",
	"atlas", "cavalry", "bury", "pyramids", "angers", "hearts", "naval",
)

// placeClubs are common words that are also clubs' names ("como" is Spanish
// for how; "nice", "reading", "lens" English): in the vocabulary, they are
// the club only after a word of moving (towards). Longer names that hold
// them ("union berlin", "river plate") are found as ever.
var placeClubs = set("como", "nice", "reading", "bridge", "racing", "tours", "union", "gent", "lens", "river",
	"pacific", "sedan", "forge", "atlas", "cavalry", "bury", "pyramids", "angers", "hearts", "naval")

// towards are the words after which a place name is a destination or an
// origin.
var towards = set("to", "at", "from", "for", "join", "joins", "joining", "leave", "leaves", "leaving", "back", "sign",
	"signs", "signing", "in")

// addressWords are the words that address the bot rather than say anything.
var addressWords = set("transferbot", "bot", "yo", "hey", "oi", "hi", "hello", "ok", "okay")
