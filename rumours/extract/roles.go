package extract

// Relating players to clubs clause by clause: roles and stages.

import (
	"slices"
	"strings"

	"transferbot/rumours"
)

// splitSubjects splits clauses further before ", PLAYER verb": "Ramos came
// in on a free, Donnarumma arrived at the end of his contract, ...".
func (st *state) splitSubjects(s *sent, cls, out [][2]int) [][2]int {
	headline := st.headline(s)
	for _, cl := range cls {
		start := cl[0]
		s.work += len(s.ments)
		club := false // a club named so far in this clause
		for mk := range s.ments {
			m := &s.ments[mk]
			if headline && m.kind == mClub && m.i > start+1 && m.i < cl[1] && s.toks[m.i-1].lower == "as" && club {
				// a headline's two events, each with its club: "Toney's
				// camp deny Chelsea talks as Arsenal keep watch"
				out = append(out, [2]int{start, m.i - 1})
				start = m.i - 1
			}
			club = club || m.kind == mClub && m.i >= start && m.i < cl[1]
			if m.kind != mPlayer || m.ref || m.i <= start+1 || m.i >= cl[1] || s.toks[m.i-1].lower != "," {
				continue
			}
			if m.j < len(s.toks) && isVerbish(s.toks[m.j].lower) {
				out = append(out, [2]int{start, m.i - 1})
				start = m.i
			}
		}
		out = append(out, [2]int{start, cl[1]})
	}
	return out
}

// mainVerbAt reports whether the words at i start the main clause's verb
// after a relative clause's closing comma: a verb, "are" or "were" (a club
// is plural), or an adverb before one ("also want").
func mainVerbAt(toks []token, i int) bool {
	switch w := toks[i].lower; w {
	case "are", "were":
		return true
	case "also", "now", "still", "already":
		return i+1 < len(toks) && !toks[i+1].punct
	default:
		return isVerbish(w)
	}
}

// coordinatedAux are the auxiliaries that, after "and", start a second
// verb of the clause's subject: "Tottenham have signed X and are
// interested in Y".
var coordinatedAux = set("are", "is", "were", "was", "have", "has", "had", "will", "would", "could")

// isVerbish reports whether w is likely the verb of a new clause.
func isVerbish(w string) bool {
	return auxVerbs[w] || strings.HasSuffix(w, "ed") || w == "chose" || w == "came" || w == "went" || w == "left" || w == "joins" || w == "signs" || w == "completes"
}

// headline reports whether s is the article's headline: the title, or a
// first line without final punctuation.
func (st *state) headline(s *sent) bool {
	if s.idx != 0 || s.item >= 0 {
		return false
	}
	t := strings.TrimSpace(s.text)
	return st.a.Title != "" && strings.HasPrefix(t, strings.TrimSpace(st.a.Title)) || !strings.HasSuffix(t, ".")
}

type role int

const (
	roleNone role = iota
	roleDest
	roleFrom     // the club a player is leaving or playing for
	roleFormer   // career history
	roleOpp      // an opponent
	roleStaff    // a manager's, owner's or director's club
	roleCurrent  // named as the player's club ("the Rennes midfielder")
	roleDoneDest // the player's new club: "is now a Leeds United player"
	roleRival    // a rival suitor: "beating Napoli to his signature"
	roleWith     // the other party: "X have agreed terms with Y"; decided by who X is
	roleBeaten   // a suitor another club beat to him: "hijacking Tottenham's pursuit"
)

// relate walks the sentences in order, keeping track of the player and the
// club the text is about, and relates each clause.
func (st *state) relate() {
	focus := ""      // the player the text is about right now
	lastPlayer := "" // the player named last
	itemTopic := ""  // the player a roundup item is about
	itemClub := ""   // the club a roundup item's heading names ("AL-HILAL")
	lastItem := -1
	lastPara := -1
	sinceFocus := 0
	for _, s := range st.sents {
		if st.ctx.Err() != nil {
			return
		}
		if s.item != lastItem {
			lastItem = s.item
			itemTopic, itemClub, st.itemClub = "", "", ""
			if s.item >= 0 {
				focus, lastPlayer = "", ""
			}
		}
		if s.para != lastPara {
			lastPara = s.para
			sinceFocus++
		}
		st.addRefs(s, focus, lastPlayer)
		if s.header {
			clubs := 0
			for mk := range s.ments {
				m := &s.ments[mk]
				if m.kind == mPlayer {
					itemTopic, focus, lastPlayer = m.name, m.name, m.name
				}
				if m.kind == mClub && m.name != "" && m.name != itemClub {
					clubs++ // distinct clubs: "Mourinho's Roma" names one
					itemClub = m.name
				}
			}
			// a heading that names one club and no player is about that
			// club: "AL-HILAL", "3. Mourinho's Roma are serious"
			if clubs != 1 || itemTopic != "" {
				itemClub = ""
			}
			st.itemClub = itemClub
			continue
		}
		// a sentence led by a club is about that club: "Bayern have moved on."
		if c := s.leadClub(); c != "" {
			st.focusClub, st.focusPara = c, s.para
		}
		prevStage := rumours.StageUnknown
		st.subject = ""
		st.respectively(s)
		st.arrivalList(s)
		st.feeReceived(s)
		for _, cl := range st.sentClauses(s) {
			inherit := rumours.StageUnknown
			if s.toks[cl[0]].lower == "with" || listContinues(s, cl) {
				inherit = prevStage // "..., with Kovačić heading to Stamford Bridge as part of the deal"; "..., and Argentine defender Nicolas Otamendi from Valencia"
			}
			stage := st.relateClause(s, cl, focus, itemTopic, sinceFocus <= 1, inherit)
			if !aside(s.toks, cl) {
				// (a list resumed after a relative clause continues the
				// clause before it: "Spurs kept hold of Alderweireld, who
				// had been linked with United, and Danny Rose")
				prevStage = stage
			}
			if inherit != rumours.StageUnknown {
				st.otherWay(s, cl, inherit)
			}
			// the club leading this clause is the subject of the next one if
			// that one has none: "Arsenal signed X, and are still pursuing Y"
			// and so is a club a relative clause describes, for the clause
			// after it: "Newcastle, who have already brought in Shelvey, are
			// ready to offer £21m for Berahino"
			// (the clause's first name, after a conjunction or an adverbial:
			// "But the Nerazzurri could not match Juve's money and have
			// pulled out", "On Friday morning Manchester City were the
			// favourites and had held talks with his agent")
			k := firstNameIn(s, cl)
			switch w := s.toks[cl[0]].lower; {
			case k >= 0 && s.ments[k].kind == mClub && (antecedent(s, k, cl) || st.leadRoleOf(s, k, cl) == roleDest):
				st.subject = s.ments[k].name
			case aside(s.toks, cl):
				// (a relative clause keeps the subject it describes, and
				// history in passing the subject of the clause it is in)
			case w != "and":
				st.subject = ""
			}
		}
		topic := itemTopic
		if topic == "" && sinceFocus <= 1 {
			topic = focus
		}
		topicClub := itemClub
		if topicClub == "" && st.focusPara == s.para {
			topicClub = st.focusClub
		}
		st.observeSentence(s, topic, topicClub)
		for mk := range s.ments {
			m := &s.ments[mk]
			if m.kind == mPlayer {
				lastPlayer = m.name
			}
		}
		// the sentence's first player is its subject and the next sentences' focus
		for mk := range s.ments {
			m := &s.ments[mk]
			if m.kind == mPlayer {
				focus = m.name
				sinceFocus = 0
				if s.item >= 0 && itemTopic == "" {
					itemTopic = m.name
				}
				break
			}
		}
	}
}

// clauseWords are the words clauses looks at (its cases).
var clauseWords = set(",", ":", ";", "–", "—", "-", "but", "although", "though", "while", "whereas", "however", "meanwhile",
	"and", "so", "after", "before", "when", "once", "since", "until", "because", "with", "who", "whose", "which", "ending", "dashing", "having", "loaning", "selling")

// clauses splits a sentence into clause spans [start, end). at are the
// tokens of clauseWords, in order (sent.clauseAt): the others break no clause.
func clauses(out [][2]int, toks []token, at []int32, headline bool) [][2]int {
	start := 0
	// a leading adverbial phrase ends at its comma: "With no signs of a new
	// contract being agreed, Inter Miami are trying to tempt him"
	opener := len(toks) > 0 && toks[0].is(wOpener)
	for _, c := range at {
		i := int(c)
		t := &toks[i]
		brk := false
		switch t.lower {
		case ",", ":":
			brk = headline && i > start || opener && start == 0 && t.lower == ","
			// the comma that closes a relative clause: "Beckham, whose career took
			// him from X to Y, has signed Z"; "Newcastle, who have already
			// brought in Shelvey, are ready to offer £21m for Berahino"
			if t.lower == "," && start < i && (toks[start].lower == "who" || toks[start].lower == "whose" || toks[start].lower == "which") && i+1 < len(toks) && mainVerbAt(toks, i+1) {
				brk = true
			}
			if brk && i+1 < len(toks) && (toks[i+1].lower == "and" || toks[i+1].lower == "who") {
				brk = false
			}
		case ";", "–", "—":
			brk = true
		case "-":
			brk = i > 0 && i+1 < len(toks)
		case "but", "although", "though", "while", "whereas", "however", "meanwhile":
			brk = i > start && !(t.lower == "but" && toks[i-1].lower == "all")
		case "and", "so":
			// (and a second verb of the same subject: "have already bought
			// Van de Ven and are interested in Johnson")
			brk = i > 0 && toks[i-1].lower == "," && !(t.lower == "and" && lastSigning(toks, i+1)) || t.lower == "and" && i+1 < len(toks) && (strings.HasSuffix(toks[i+1].lower, "ing") || coordinatedAux[toks[i+1].lower]) && i > start+3
		case "after", "before", "when", "once", "since", "until", "because":
			// a new subject follows: "after Inter thought", "eight years
			// after he left the club for Bayern Munich"; a reason is its
			// own clause, out of the main clause's negation: "he turned
			// Spurs down because he preferred Unai Emery's side"
			// (and what was done a time before: "three years after
			// selling the midfielder to the French club")
			brk = i+1 < len(toks) && (toks[i+1].upper && !toks[i+1].punct || subjectPronoun[toks[i+1].lower] || determinedSubject(toks, i) || t.lower == "after" && (turnedDown(toks, i+1) || afterDoing(toks, i) || toks[i-1].is(wTimeNoun) && strings.HasSuffix(toks[i+1].lower, "ing"))) && i > start+2
		case "with":
			// "..., with Mateo Kovačić heading to Stamford Bridge"
			brk = i > 0 && toks[i-1].lower == "," && i+1 < len(toks) && toks[i+1].upper && !toks[i+1].punct && !startsClub(toks, i+1)
		case "who", "whose", "which":
			brk = i > 0 && toks[i-1].lower == ","
		case "ending", "dashing", "having", "loaning", "selling":
			// a participle that comments on the main clause: "has signed a
			// new contract with PSG, ending months of speculation that he
			// would join Real Madrid"; "is determined to land Fofana,
			// having already brought in Koulibaly and Cucurella"; "got
			// Slimani's wages off the books, loaning him to Newcastle" (the
			// club that lends is not where he goes; not "sending": "sending a
			// burofax to the club" is no loan)
			brk = i > 0 && toks[i-1].lower == ","
		}
		if brk && i > start {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	out = append(out, [2]int{start, len(toks)})
	return out
}

// lastSigning reports whether the words from i, after ", and", are a list's
// last item without a verb, a name and the club he came from, to the
// sentence's end: "has Guirassy, signed from Stuttgart, plus Anton, also
// from Stuttgart, and Pascal Gross from Brighton". The item shares the
// list's clause, its cue and its buyer.
func lastSigning(toks []token, i int) bool {
	j := i
	for j < len(toks) && toks[j].upper && !toks[j].punct {
		j++
	}
	if j == i || j >= len(toks) || toks[j].lower != "from" {
		return false
	}
	k := j + 1
	for k < len(toks) && toks[k].upper && !toks[k].punct {
		k++
	}
	return k > j+1 && (k == len(toks) || k+1 == len(toks) && (toks[k].lower == "." || toks[k].lower == "!"))
}

// theyBefore reports whether "they" is the clause's subject before its cue
// at: a club the text is about, when the clause names none.
func theyBefore(toks []token, cl [2]int, at int) bool {
	for i := cl[0]; i < min(at, cl[1]); i++ {
		if toks[i].lower == "they" {
			return true
		}
	}
	return false
}

// dealCalledOff reports whether a collapse names the deal or the player
// pulling out, rather than someone turning something else down: "The
// deal is off", "BARKLEY PULLS OUT", not "turned them down", "will not do
// further business until it is over".
func dealCalledOff(toks []token, cl [2]int) bool {
	for i := cl[0]; i < cl[1]; i++ {
		switch w := toks[i].lower; {
		case transferNoun[w] || w == "switch" || w == "transfer" || w == "negotiations":
			return true
		case w == "out" && i > cl[0]:
			switch toks[i-1].lower {
			case "pulls", "pulled", "pulling", "pull", "walked", "walks", "backed", "backs":
				return true
			}
		}
	}
	return false
}

// targetOf reports whether club mention k describes the player next to it
// as its target: "Real Madrid target Leny Yoro", "Arsenal's top target".
func targetOf(s *sent, k int) bool {
	j := s.ments[k].j
	if j < len(s.toks) && s.toks[j].lower == "'s" {
		j++
	}
	for n := 0; n < 2 && j < len(s.toks); n, j = n+1, j+1 {
		if s.toks[j].is(wTargetNoun) {
			return true
		}
	}
	return false
}

// otherDest reports whether the clause gives a club other than clubs[n] the
// destination's role.
func otherDest(s *sent, clubs []int, roles []role, n int) bool {
	for m, k := range clubs {
		if m != n && roles[m] == roleDest && s.ments[k].name != s.ments[clubs[n]].name {
			return true
		}
	}
	return false
}

// afterDoing reports whether "after" at i opens what the subject did
// before, after a comma: "Juventus are in talks with Roma over Dzeko, after
// cooling their interest in Luis Suarez" (an earlier, other event).
func afterDoing(toks []token, i int) bool {
	return i > 0 && toks[i-1].lower == "," && i+1 < len(toks) && len(toks[i+1].lower) > 4 && strings.HasSuffix(toks[i+1].lower, "ing")
}

// inExchange reports whether the player named at i is what a club takes in
// exchange: "offered Griezmann to Atletico Madrid in exchange for
// midfielder Saul Niguez". He goes to the club that sells the other.
func inExchange(toks []token, i int, cl [2]int) bool {
	k := i - 1
	for n := 0; n < 3 && k > cl[0] && toks[k].flags&(wRoleNoun|wNation) != 0; n++ {
		k--
	}
	return k-1 > cl[0] && toks[k].lower == "for" && (toks[k-1].lower == "exchange" || toks[k-1].lower == "swap")
}

// offersPlayerTo reports whether the words from j offer a player to a club:
// "have offered Antoine Griezmann to Atletico Madrid". The club before
// them is the seller.
func offersPlayerTo(s *sent, j int, cl [2]int) bool {
	toks := s.toks
	for j < cl[1] && (toks[j].lower == "have" || toks[j].lower == "has" || toks[j].lower == "are" || toks[j].lower == "is" || toks[j].lower == "also") {
		j++
	}
	if j+1 >= cl[1] || toks[j].lower != "offered" && toks[j].lower != "offering" && toks[j].lower != "offer" {
		return false
	}
	k := mentionAt(s, j+1)
	if k < 0 || s.ments[k].kind != mPlayer || s.ments[k].i != j+1 || s.ments[k].j+1 >= cl[1] || toks[s.ments[k].j].lower != "to" {
		return false
	}
	c := mentionAt(s, s.ments[k].j+1)
	return c >= 0 && s.ments[c].kind == mClub
}

// possessor reports whether player mention m owns a noun phrase that names
// another player ("Vardy's team-mate Riyad Mahrez", "Zirkzee's Bologna
// team-mate Riccardo Calafiori"): the clause is about that player.
func possessor(s *sent, m *mention, cl [2]int) bool {
	if m.j >= cl[1] || s.toks[m.j].lower != "'s" {
		return false
	}
	for t := m.j + 1; t < cl[1] && t <= m.j+5; t++ {
		if k := mentionAt(s, t); k >= 0 && s.ments[k].kind == mPlayer && !s.ments[k].ref && s.ments[k].name != m.name {
			return true
		}
		if s.toks[t].punct {
			return false
		}
	}
	return false
}

// makeweight returns the mention of the player that player mention m is
// offered in part payment for, or -1: "offered €100m plus left-back Marcos
// Alonso for Romelu Lukaku", "£50m and Jorginho for Declan Rice". The
// makeweight goes the other way, to the target's club, never to the
// bidder.
func makeweight(s *sent, m mention, cl [2]int) int {
	toks := s.toks
	i := m.i - 1
	for n := 0; n < 3 && i > cl[0] && (toks[i].flags&(wRoleNoun|wNation) != 0 || isAge(toks[i].lower)); n++ {
		i-- // "plus left-back Marcos Alonso", "and Italy midfielder Jorginho"
	}
	if i <= cl[0] {
		return -1
	}
	if w := toks[i].lower; w != "plus" && w != "+" && (w != "and" || !isFee(toks[i-1].lower) && toks[i-1].lower != "cash") {
		return -1
	}
	for t := m.j; t+1 < cl[1]; t++ {
		if toks[t].lower == "for" {
			if k := mentionAt(s, t+1); k >= 0 && s.ments[k].kind == mPlayer && s.ments[k].i == t+1 {
				return k
			}
			return -1
		}
	}
	return -1
}

// determinedSubject reports whether the words after the subordinating word
// at i are a noun phrase with a determiner and then a verb of its own,
// before any punctuation: "after the Morocco winger's move to Al-Nassr
// collapsed", "after his medical was stopped" (but not "after the end of
// the season", nor "a year after his move collapsed", which is history, nor
// "after their first offer was rejected", the main clause's own bid).
func determinedSubject(toks []token, i int) bool {
	if i+1 >= len(toks) || i > 0 && toks[i-1].is(wTimeNoun) {
		return false
	}
	if w := toks[i+1].lower; w != "the" && w != "his" {
		return false
	}
	for k := i + 2; k < len(toks) && k <= i+11; k++ {
		if toks[k].punct && toks[k].lower != "'s" {
			return false
		}
		if toks[k].is(wSubjectVerb) {
			return k > i+2
		}
	}
	return false
}

// leadRole is the role relateClause found, with a cue, for the club
// mention k that starts clause cl (k -1: none).
type leadRole struct {
	k    int
	cl   [2]int
	role role
}

// leadRoleOf is roleOf(s, k, cl, true) for the club leading a clause just
// related: relateClause's answer when it asked the same, with a cue.
// Nothing roleOf reads (the tokens, the mentions' spans and kinds, the
// clause's facts) changes between the two.
func (st *state) leadRoleOf(s *sent, k int, cl [2]int) role {
	if l := st.leadRole; l.k == k && l.cl == cl {
		return l.role
	}
	return st.roleOf(s, k, cl, true)
}

// turnedDown reports whether the words from i turn a club or an offer down:
// "after turning down Chelsea" is a clause of its own, whose club is a
// pursuit he ended, not a second destination of the main clause's move.
func turnedDown(toks []token, i int) bool {
	w := toks[i].lower
	return w == "rejecting" || w == "snubbing" || w == "spurning" || (w == "turning" && i+1 < len(toks) && toks[i+1].lower == "down")
}

// subjectVerbs are finite verbs that show the noun phrase before them is a
// clause's subject (determinedSubject).
var subjectVerbs = set("collapsed", "failed", "fell", "broke", "stalled", "ended", "emerged", "was", "were", "had", "has", "is", "are", "agreed", "opted", "decided", "chose", "pulled", "refused", "expired", "ran")

// timeNouns before "after" make it history: "a year after", "days after".
var timeNouns = set("year", "years", "month", "months", "week", "weeks", "day", "days", "season", "seasons", "decade", "decades", "hours")

// relateClause records the links one clause reports: it decides each
// club's role and the players the clause is about, gives destinations the
// clause's stage and returns that stage.
func (st *state) relateClause(s *sent, cl [2]int, focus, itemTopic string, focusNear bool, inherit rumours.Stage) rumours.Stage {
	toks := s.toks
	stage, negative, hasCue, posAt, negAt := st.clauseCues(s, cl)
	if inherit > stage && !inherit.Negative() {
		stage, hasCue = inherit, true
	}
	// the clause's players and clubs, in arrays reused from clause to clause
	players, clubs := st.ws.players[:0], st.ws.clubs[:0]
	intro := -1           // the clause's first list introduction, once looked for
	var weights [][2]int  // makeweights (mention index) and the player each is offered for
	var swapped []mention // players of a swap going the other way
	s.work += len(s.ments)
	for k := range s.ments {
		m := &s.ments[k]
		if m.i < cl[0] || m.i >= cl[1] {
			continue
		}
		switch m.kind {
		case mPlayer:
			if intro < 0 {
				intro = listIntroAt(toks, cl)
			}
			// "he joins Neymar and Mbappé": the players joined are team-mates
			if m.i <= intro && !joinedPlayer(s, *m) {
				if t := makeweight(s, *m, cl); t >= 0 {
					weights = append(weights, [2]int{k, t})
					continue
				}
				if possessor(s, m, cl) {
					continue // "Zirkzee's Bologna team-mate Riccardo Calafiori": the team-mate is meant
				}
				if len(players) > 0 && (otherWayAt(toks, m.j, min(m.j+6, cl[1]), false) || inExchange(toks, m.i, cl)) {
					// "the signing of Sanchez in a swap deal that sees
					// Mkhitaryan move the other way": to the seller
					swapped = append(swapped, *m)
					continue
				}
				players = append(players, *m)
			}
		case mClub:
			clubs = append(clubs, k)
		}
	}
	if stage < rumours.Done && !negative.Negative() {
		// a headline's or tweet's present tense: "Everton sign Yerry Mina
		// and Andre Gomes" (not "want to sign", "could sign"); a club that
		// added a player named next signed him ("Steven Gerrard's team
		// added Jordan Henderson"), where "added" alone is mostly speech
		for _, k := range clubs {
			if j := s.ments[k].j; j+1 < cl[1] && (toks[j].lower == "sign" || toks[j].lower == "seal" || toks[j].lower == "added") && toks[j+1].upper && !toks[j+1].punct {
				stage, hasCue = rumours.Done, true
			}
		}
	}
	for _, w := range weights {
		if c := st.currentClub(s.ments[w[1]].name); c != "" && hasCue && !negative.Negative() {
			st.addEvidence(evidence{player: s.ments[w[0]].name, club: c, stage: stage, sent: s.idx, explicit: true})
		}
	}
	roles := slices.Grow(st.ws.roles[:0], len(clubs))[:len(clubs)]
	clear(roles)
	st.ws.players, st.ws.clubs, st.ws.roles = players[:0], clubs[:0], roles[:0]
	from := ""
	blankList := st.blankListed(s)
	st.leadRole = leadRole{k: -1}
	for n, k := range clubs {
		roles[n] = st.roleOf(s, k, cl, hasCue)
		if hasCue && s.ments[k].i == cl[0] {
			st.leadRole = leadRole{k: k, cl: cl, role: roles[n]}
		}
		if blankList[k] {
			roles[n] = roleNone
		}
		if roles[n] == roleFrom && from == "" {
			from = s.ments[k].name
		}
	}
	if from != "" && hasCue && !negative.Negative() {
		for _, p := range swapped {
			st.addEvidence(evidence{player: p.name, club: from, stage: stage, sent: s.idx, explicit: true})
		}
	}
	// "X are in talks with Y": Y sells, unless X is the player's own club
	for n, k := range clubs {
		if roles[n] != roleWith {
			continue
		}
		roles[n] = roleFrom
		actor := ""
		for m, k2 := range clubs[:n] {
			if roles[m] == roleDest || roles[m] == roleNone {
				actor = s.ments[k2].name
				break
			}
		}
		if actor == "" && !s.ments[k].ref && (len(players) > 0 && players[0].i < s.ments[k].i && !players[0].ref || len(players) == 0 && relativePlayer(s, cl) >= 0) {
			// "The Spaniard was the subject of talks with Barcelona";
			// "Tammy Abraham, who is in talks with Roma"
			roles[n] = roleDest
			continue
		}
		if actor == "" || actor == s.ments[k].name {
			roles[n] = roleNone // "with the Spanish champions viewing him as ..."
			continue
		}
		if clauseHas(toks, cl, "sale of", "the sale") {
			// "Palmeiras are in talks with City over the sale of Vitor
			// Reis": the actor sells, the club it talks with buys
			roles[n] = roleDest
			for m, k2 := range clubs[:n] {
				if s.ments[k2].name == actor {
					roles[m] = roleFrom
				}
			}
			from = actor
			continue
		}
		// the clause's first player is the one it moves: "City want
		// Phillips as a replacement for Fernandinho" does not make
		// Fernandinho's City the seller
		if ps := st.clausePlayers(s, cl, itemTopic, focus); len(ps) > 0 {
			if p := ps[0]; st.currentClub(p) == actor {
				roles[n] = roleDest
				for m, k2 := range clubs[:n] {
					if s.ments[k2].name == actor {
						roles[m] = roleFrom
					}
				}
				from = actor
			}
		}
		if roles[n] == roleFrom && from == "" {
			from = s.ments[k].name
		}
	}
	// a reference to the club the clause has him leaving is no destination:
	// "is joining LAFC, leaving Tottenham after 10 seasons in what the club
	// said was ..." (the club that speaks is the buyer, if anyone)
	for n, k := range clubs {
		if roles[n] == roleDest && s.ments[k].ref && from != "" && s.ments[k].name == from {
			roles[n] = roleNone
		}
	}
	// "Chelsea manager Frank Lampard wants Declan Rice": the staff member
	// leading the clause wants the player for his club, which is the
	// destination when the clause names no other and he is not its player
	// ("Leicester boss Brendan Rodgers says Maddison is not for sale"); the
	// player may be named by what he is ("would love to bring the Swede
	// back"), not by a pronoun, which may be the staff member's own
	if hasCue && !negative.Negative() && stage <= rumours.Bid && len(players) > 0 && (!players[0].ref || toks[players[0].i].lower == "the") {
		for n, k := range clubs {
			if roles[n] != roleStaff || s.ments[k].i > cl[0]+1 || s.ments[k].ref || slices.Contains(roles, roleDest) {
				continue
			}
			if p := mentionAt(s, s.ments[k].j+1); p < 0 || s.ments[p].kind != mPerson || s.ments[p].j > players[0].i {
				continue // (the staff noun, then his name, then the player)
			}
			if c := s.ments[k].name; st.currentClub(players[0].name) != c {
				roles[n] = roleDest
			}
		}
	}
	// propagate roles through coordinated lists: "Juventus, Inter Milan and PSG"
	for n := 1; n < len(clubs); n++ {
		a, b := s.ments[clubs[n-1]], s.ments[clubs[n]]
		if listJoined(toks, a.j, b.i) && roles[n] != roles[n-1] {
			if roles[n-1] == roleFormer || roles[n-1] == roleOpp || roles[n-1] == roleFrom && (roles[n] == roleNone || roles[n] == roleDest) {
				roles[n] = roles[n-1]
			} else if roles[n] == roleDest && roles[n-1] == roleNone {
				roles[n-1] = roleDest
			}
		}
	}
	// players the clause is about
	if len(players) == 0 {
		// "Sergio Ramos, who joined on a free transfer from Real Madrid": the
		// relative clause is about the player just named
		if k := relativePlayer(s, cl); k >= 0 {
			p := s.ments[k]
			p.i = cl[0] // counts as the clause's own subject
			players = append(players[:0], p)
		}
	}
	if len(players) == 0 {
		before := nearestPlayers(players, s, cl, true)
		if len(before) > 0 && before[0].i >= cl[0] {
			before = nil // the clause's own players were left out above: team-mates, a list's members
		}
		switch {
		case len(before) > 0:
			players = before
		case itemTopic != "":
			players = append(players, mention{kind: mPlayer, name: itemTopic, i: cl[0], j: cl[0], ref: true})
		case focus != "" && focusNear && hasCue && (stage <= rumours.Bid || negative != rumours.StageUnknown) && !wantsUnnamed(toks, cl):
			// "Los Blancos are said to have had scouts at Roazhon Park"
			players = append(players, mention{kind: mPlayer, name: focus, i: cl[0], j: cl[0], ref: true})
		case hasPlayer(s) && focus == "":
			players = nearestPlayers(players, s, cl, false)
			if len(players) > 0 && players[0].i >= cl[0] && players[0].i < cl[1] {
				players = nil // left out above
			}
		}
	}
	// "the club" he stays at or leaves is his club, when the text has said
	// which: after "has signed a new contract with Paris St Germain ...
	// ending speculation that he would join Real Madrid", "will stay at the
	// club" is PSG, not the last club named
	if len(players) == 1 {
		if cur := st.current[players[0].name]; cur != "" {
			for n, k := range clubs {
				if m := &s.ments[k]; m.ref && roles[n] == roleFrom && m.name != cur && toks[m.i].lower == "the" && m.j-m.i == 2 && toks[m.i+1].lower == "club" {
					m.name = cur
				}
			}
		}
	}
	st.observe(s, cl, players, clubs, roles, stage, negative, hasCue)
	renewal := st.clauseInfo(s, cl).renewal
	for _, p := range players {
		for n, k := range clubs {
			if roles[n] == roleCurrent && s.ments[k].j <= p.i && p.i-s.ments[k].j <= 4 && st.current[p.name] == "" {
				st.current[p.name] = s.ments[k].name
			}
			if renewal && roles[n] == roleFrom && st.current[p.name] == "" {
				st.current[p.name] = s.ments[k].name // "signed a new contract with Tottenham"
			}
		}
	}
	for _, p := range players {
		for n, k := range clubs {
			if roles[n] == roleFrom && st.leftClub[p.name] == "" && stage != rumours.Done {
				st.leftClub[p.name] = s.ments[k].name
			}
		}
	}
	for n, k := range clubs {
		if roles[n] == roleDoneDest || roles[n] == roleRival || roles[n] == roleBeaten {
			stage := rumours.Done
			switch roles[n] {
			case roleRival:
				stage = rumours.Interest
			case roleBeaten:
				stage = rumours.Off
			}
			for _, p := range pickPlayers(&st.ws.picked, toks, players, s.ments[k]) {
				st.addEvidence(evidence{player: p.name, club: s.ments[k].name, stage: stage, sent: s.idx, explicit: !p.ref})
			}
		}
	}
	if !hasCue {
		for _, r := range roles {
			if r == roleDest {
				hasCue, stage = true, rumours.Speculation // "Koulibaly to Chelsea is moving fast"
			}
		}
	}
	if !hasCue {
		return stage
	}
	positive := stage
	if negative != rumours.StageUnknown {
		stage = negative
		if len(clubs) == 0 && st.clauseInfo(s, cl).career {
			return stage // "... over Rakitic return - seven months after Monchi denied contact": history
		}
		if w := toks[cl[0]].lower; len(clubs) == 0 && !unknownName(s, cl) && w != "ending" && w != "dashing" {
			// (not a participle's: "City have signed X, ending a pursuit
			// that lasted all summer" ends it by success)
			// "..., but Allegri refused to let him go and that move is now off."
			restaged := false
			for i := len(st.ev) - 1; i >= 0 && st.ev[i].sent == s.idx; i-- {
				s.work++
				e := st.ev[i]
				e.stage = negative
				st.addEvidence(e)
				restaged = true
			}
			switch {
			case restaged:
			case st.subject != "" && (elidedSubject(toks, cl) || negative == rumours.Off && dealCalledOff(toks, cl)):
				// "But the Nerazzurri could not match Juve's money and have
				// pulled out": the subject's pursuit ends; "City were the
				// favourites and had held talks with his agent, but those
				// talks collapsed": the subject's talks
				for _, p := range players {
					if st.currentClub(p.name) != st.subject {
						st.addEvidence(evidence{player: p.name, club: st.subject, stage: negative, sent: s.idx, explicit: !p.ref})
					}
				}
			case negative == rumours.Off && dealCalledOff(toks, cl):
				// "UPDATE: BARKLEY PULLS OUT", "The deal is off." under it:
				// the move of his reported so far collapses
				for _, p := range players {
					if c := st.latestDestination(p.name); c != "" {
						st.addEvidence(evidence{player: p.name, club: c, stage: negative, sent: s.idx})
					}
				}
			case st.focusClub != "" && st.focusPara >= s.para-1 && theyBefore(toks, cl, negAt):
				// "Tottenham Hotspur believed a week ago that they had landed
				// their top attacking target. Instead, they have now given up
				// on Morgan Gibbs-White": the club the text is about gives up
				for _, p := range players {
					if !p.ref && st.currentClub(p.name) != st.focusClub {
						st.addEvidence(evidence{player: p.name, club: st.focusClub, stage: negative, sent: s.idx, explicit: true})
					}
				}
			}
			return stage
		}
	}
	destSeen := false
	for n, k := range clubs {
		if roles[n] != roleDest {
			continue
		}
		destSeen = true
		club := s.ments[k].name
		cs := stage
		// (not a deal the negation's "that" governs: "has denied that any
		// agreement is in place with Barcelona", "dismissed reports that
		// a fee had been agreed")
		if negative != rumours.StageUnknown && positive >= rumours.Agreed && posAt >= 0 && negAt >= 0 && abs(posAt-s.ments[k].i) < abs(negAt-s.ments[k].i) &&
			!(negAt < posAt && near(toks, negAt+1, min(negAt+4, posAt), "that")) {
			cs = positive // the finished deal is this club's; the collapse another's
		}
		if cs > rumours.Interest && !cs.Negative() && targetOf(s, k) && otherDest(s, clubs, roles, n) {
			// "Real Madrid target Leny Yoro completes Manchester United
			// move": the deal is the other club's; the target-maker only
			// wanted him
			cs = rumours.Interest
		}
		for _, p := range pickPlayers(&st.ws.picked, toks, players, s.ments[k]) {
			st.addEvidence(evidence{player: p.name, club: club, stage: cs, sent: s.idx, from: playerFrom(s, p, from), explicit: !p.ref})
		}
		if !s.ments[k].ref && k == clubs[0] && stage >= rumours.Interest && !subordinate(toks, cl) {
			st.setFocusClub(club, s)
		}
		if len(players) == 0 && k == clubs[0] && !negative.Negative() && stage < rumours.Agreed && !hasPerson(s, cl) {
			// "Barcelona are still trying to bring in a striker." The player
			// may be named in the next sentence.
			st.pending = pendingActor{club: club, stage: stage, sent: s.idx, para: s.para}
		}
	}
	// "... Sevilla's Luuk de Jong is the name, and the clubs are discussing a
	// loan": a player named right after a club's unfinished pursuit
	if pa := st.pending; !destSeen && pa.club != "" && pa.sent == s.idx-1 && pa.para == s.para && hasPlayer(s) {
		for _, p := range players {
			if p.ref || st.currentClub(p.name) == pa.club {
				continue
			}
			st.addEvidence(evidence{player: p.name, club: pa.club, stage: max(stage, pa.stage), sent: s.idx, from: from})
			destSeen = true
		}
	}
	// "..., and are still pursuing Celtic left-back Kieran Tierney": a clause
	// without a subject of its own shares the previous clause's club
	if !destSeen && hasCue && st.subject != "" && (elidedSubject(toks, cl) || inherit != rumours.StageUnknown && listContinues(s, cl)) {
		for _, p := range players {
			if p.ref || st.current[p.name] == st.subject || from == st.subject {
				continue
			}
			st.addEvidence(evidence{player: p.name, club: st.subject, stage: stage, sent: s.idx, from: from, explicit: true})
			destSeen = true
		}
	}
	// bids a seller turned down, in a clause about what happened before,
	// are the sentence's subject's: "Chelsea are preparing a third offer
	// for Stones, after Everton knocked back two earlier bids for the
	// 21-year-old"
	// (else the destination of the clause before: "Napoli have told
	// Chelsea they want €40m for Koulibaly after turning down an opening
	// offer")
	if !destSeen && stage == rumours.Bid && toks[cl[0]].lower == "after" && allRoles(roles, roleFrom) {
		bidder := st.subject
		if bidder == "" {
			bidder = destBefore(s, cl) // (only here: it walks the sentence's mentions)
		}
		for _, p := range players {
			if bidder != "" && st.currentClub(p.name) != bidder && from != bidder {
				st.addEvidence(evidence{player: p.name, club: bidder, stage: stage, sent: s.idx, from: from, explicit: !p.ref})
				destSeen = true
			}
		}
	}
	// a completed or agreed move with no destination named goes to the club
	// the text is about: "Chelsea defender Kurt Zouma also came in on loan";
	// only for a verb of arrival with the player as its subject: "Kurt
	// Zouma also came in on loan", not "alongside new arrival Lionel Messi"
	// Not in a clause of his career's history, whose arrival is one of its
	// clubs' ("came through the academy at Villa Park and has spent his
	// whole career there"), years before the move the text is about.
	if !destSeen && negative == rumours.StageUnknown && stage >= rumours.Agreed && posAt >= 0 && !st.clauseInfo(s, cl).career && (arrivalVerbs[toks[posAt].lower] || toks[posAt].lower == "arrival" && posAt+1 < len(toks) && (toks[posAt+1].lower == "of" || toks[posAt+1].lower == "from" && posAt > 0 && toks[posAt-1].lower != "'s")) {
		// ("Yannick Bolasie, a £25m arrival from Crystal Palace", not
		// "Pep Guardiola's next target after Kyle Walker's arrival from
		// Tottenham": that arrival is named, not reported here)
		target := st.focusClub
		if st.focusPara != s.para && st.mainClub != "" {
			target = st.mainClub // the article's club, once the paragraph has moved on
		}
		if st.itemClub != "" {
			target = st.itemClub // the club a roundup item's heading names: "AL-HILAL"
		}
		// a club leading another clause of the sentence: "Barcelona now have a
		// front line ..., with Coutinho joining ..."; "Buendía arrived from
		// Norwich, and Villa are close to an agreement ..."
		if c := st.otherLead(s, cl); c != "" {
			target = c
		}
		for _, p := range players {
			dest := target
			// a move already reported for him is the one that completes:
			// "Kurt Zouma's loan is confirmed too", after his loan to
			// Everton; "Tel, Danso and Disasi are all confirmed", with no
			// club the text is about
			if c := st.latestDestination(p.name); c != "" {
				dest = c
			}
			if dest == "" {
				continue
			}
			// (a reference only as the subject of a medical: "The Spain
			// forward is having a medical"; not "a deal for him", nor a
			// quote's "What he's accomplished")
			if p.ref && (p.i > cl[0]+1 || stage != rumours.Medical) || p.i < cl[0] || p.i >= cl[1] || from == dest || st.current[p.name] == dest {
				continue
			}
			st.addEvidence(evidence{player: p.name, club: dest, stage: stage, sent: s.idx, from: from})
		}
	}
	return stage
}

// otherLead returns the club leading, as a destination, the last clause of
// s other than cl that one leads ("" if none). The leads are found once per
// sentence, its mentions final by the time its clauses are related: found
// per clause, they cost clauses × clauses × mentions on a long list.
func (st *state) otherLead(s *sent, cl [2]int) string {
	if !s.leadsDone {
		s.leadsDone = true
		for _, other := range st.sentClauses(s) {
			s.work += len(s.ments)
			if subordinate(s.toks, other) {
				continue // "... after Inter thought they had a deal": background to the main clause
			}
			for _, m := range s.ments {
				if m.kind == mClub && m.i >= other[0] && m.i <= other[0]+2 && !m.ref && st.roleOf(s, indexOf(s, m), other, true) == roleDest {
					s.leads = [2]clauseLead{{other, m.name}, s.leads[0]}
					break
				}
			}
		}
	}
	for _, l := range s.leads {
		if l.club != "" && l.cl != cl {
			return l.club
		}
	}
	return ""
}

// respectively pairs the players and the clubs of "Olivier Giroud and Theo
// Walcott have gone, to Chelsea and Everton respectively" in order: Giroud
// to Chelsea, Walcott to Everton. The clubs must be destinations ("to",
// "joined"), not origins ("from").
func (st *state) respectively(s *sent) {
	if s.flags&wRespectively == 0 {
		return // (most sentences)
	}
	at := -1
	for i := range s.toks {
		if s.toks[i].lower == "respectively" {
			at = i
			break
		}
	}
	if at < 0 {
		return
	}
	var players, clubs []mention
	for mk := range s.ments {
		m := &s.ments[mk]
		if m.i >= at {
			break
		}
		switch {
		case m.kind == mPlayer && !m.ref:
			players = append(players, *m)
		case m.kind == mClub && m.name != "":
			clubs = append(clubs, *m)
		}
	}
	if len(players) < 2 || len(players) != len(clubs) || players[len(players)-1].i > clubs[0].i || clubs[0].i == 0 ||
		!respectivelyTo[s.toks[clubs[0].i-1].lower] {
		return
	}
	stage := rumours.Done
	for i := range clubs[0].i {
		t := &s.toks[i]
		switch {
		case wishVerbs[t.lower] || t.lower == "linked" || t.lower == "could":
			stage = min(stage, rumours.Interest)
		case expectVerbs[t.lower] || t.lower == "will":
			stage = min(stage, rumours.Agreed)
		}
	}
	for k, p := range players {
		st.addEvidence(evidence{player: p.name, club: clubs[k].name, stage: stage, sent: s.idx, explicit: true})
	}
}

// arrivalList reads the list of signings that opens a club's section of a
// window review, without a verb: "Raheem Sterling from Liverpool for £49m,
// Kevin De Bruyne from Wolfsburg, Nicolas Otamendi from Valencia and Fabian
// Delph from Aston Villa" under "Manchester City have money to burn". Each
// player came from his club to the section's club. It takes a club heading,
// a sentence that starts with a player, and at least two "player from club"
// pairs, so that "X from Y is a target" reads as before.
func (st *state) arrivalList(s *sent) {
	if st.itemClub == "" || len(s.ments) < 4 || s.ments[0].kind != mPlayer || s.ments[0].i != 0 {
		return
	}
	type pair struct{ player, from string }
	var pairs []pair
	var waiting []string // players joined by "and" before their shared "from"
	for k, m := range s.ments {
		switch {
		case m.kind == mPlayer && !m.ref:
			waiting = append(waiting, m.name)
		case m.kind == mClub && m.name != "" && m.i > 0 && s.toks[m.i-1].lower == "from" && k > 0 && len(waiting) > 0:
			for _, p := range waiting {
				pairs = append(pairs, pair{p, m.name})
			}
			waiting = waiting[:0]
		}
	}
	if len(pairs) < 2 {
		return
	}
	for _, p := range pairs {
		if p.from != st.itemClub {
			st.addEvidence(evidence{player: p.player, club: st.itemClub, stage: rumours.Done, sent: s.idx, from: p.from, explicit: true})
		}
	}
}

// feeReceived reads a fee a club paid for a player as his move there: "with
// the £142m from Barcelona for Philippe Coutinho in the bank", "the £89m
// they received from Manchester United for Paul Pogba". Only money
// received counts: "a £40m offer from Chelsea for X" is a bid.
func (st *state) feeReceived(s *sent) {
	toks := s.toks
	for k := range s.ments {
		c := &s.ments[k]
		if c.kind != mClub || c.name == "" || c.i < 2 || c.j+1 >= len(toks) || toks[c.i-1].lower != "from" || toks[c.j].lower != "for" || !isFee(toks[c.i-2].lower) {
			continue
		}
		p := mentionAt(s, c.j+1)
		if p < 0 || s.ments[p].kind != mPlayer || s.ments[p].ref || s.ments[p].i != c.j+1 {
			continue
		}
		if !near(toks, max(c.i-10, 0), min(s.ments[p].j+5, len(toks)), "received", "banked", "bank", "raised", "recouped", "pocketed", "proceeds") {
			continue
		}
		st.addEvidence(evidence{player: s.ments[p].name, club: c.name, stage: rumours.Done, sent: s.idx, explicit: true})
	}
}

// otherWay sends the players of a "with" clause that goes "the other way"
// ("with Nicolás Otamendi moving in the opposite direction", "with Danilo
// moving to Turin as part of the agreement") to the club the sentence's
// main move leaves: a swap. stage is the main move's.
func (st *state) otherWay(s *sent, cl [2]int, stage rumours.Stage) {
	if !otherWayAt(s.toks, cl[0], cl[1], true) {
		return
	}
	seller := ""
	for i := len(st.ev) - 1; i >= 0 && st.ev[i].sent == s.idx; i-- {
		if st.ev[i].from != "" {
			seller = st.ev[i].from
			break
		}
	}
	if seller == "" || stage.Negative() {
		return
	}
	for mk := range s.ments {
		m := &s.ments[mk]
		if m.kind == mPlayer && !m.ref && m.i >= cl[0] && m.i < cl[1] {
			st.addEvidence(evidence{player: m.name, club: seller, stage: stage, sent: s.idx, explicit: true})
		}
	}
}

// otherWayAt reports whether toks[i:j] say a player goes the other way in a
// swap: "the other way", "in the opposite direction", the spinner's "within
// the different route", and, when partOf (in a "with" clause after the main
// move), "as part of the deal".
func otherWayAt(toks []token, i, j int, partOf bool) bool {
	for k := i; k+1 < j; k++ {
		a, b := toks[k].lower, toks[k+1].lower
		switch {
		case (a == "other" || a == "opposite" || a == "different" || a == "reverse") && (b == "way" || b == "direction" || b == "route"):
			return true
		case partOf && a == "part" && b == "of" && k+3 < j && (toks[k+3].lower == "deal" || toks[k+3].lower == "agreement" || toks[k+3].lower == "swap"):
			return true
		}
	}
	return false
}

// respectivelyTo are the words before the first club of a "respectively"
// list of destinations.
var respectivelyTo = set("to", "for", "joined", "joining", "join", "signed", "at", "with")

// subordinate reports whether clause cl of toks opens with a subordinating
// word ("after Inter thought they had a deal", "although Chelsea bid"): it
// sets the scene for the main clause, so its club is neither the one the
// text is about nor the destination of the main clause's arrivals.
func subordinate(toks []token, cl [2]int) bool {
	i := cl[0]
	for i < cl[1] && toks[i].punct {
		i++
	}
	return i < cl[1] && toks[i].is(wSubordinator)
}

var subordinators = set("after", "before", "although", "though", "despite", "while", "whilst", "because", "since", "until", "unless", "once", "whereas")

// clauseLead is a clause and the club leading it as a destination.
type clauseLead struct {
	cl   [2]int
	club string
}

// unknownName reports whether a clause holds a capitalised word, not its
// first, that no mention covers: maybe a club the gazetteer could not
// place ("after City talks collapse" in a headline), so what the clause
// says is not about the clubs named before it.
func unknownName(s *sent, cl [2]int) bool {
	for i := cl[0] + 1; i < cl[1]; i++ {
		if s.toks[i].upper && !s.toks[i].punct && mentionAt(s, i) < 0 {
			return true
		}
	}
	return false
}

// latestDestination is the club of the player's strongest move reported so
// far, "" if none or if it is his own club (addEvidence keeps it).
func (st *state) latestDestination(player string) string {
	// the strongest move reported so far, the latest of those: after
	// "Liverpool have agreed a deal for Luis Díaz" and "Conte's side had
	// been negotiating", "Díaz will undergo his medical" is Liverpool's;
	// not his history ("who joined Palace from QPR in 2020"), nor his club
	m, cur := st.strongest[player], st.currentClub(player)
	if m[0].club == cur {
		m[0] = m[1] // his own club, misread as a destination: the next strongest
	}
	if m[0].club != cur {
		return m[0].club
	}
	return ""
}

// move is a destination and the stage a report gave it.
type move struct {
	club  string
	stage rumours.Stage
}

// strongestMoves are a player's strongest move of the news so far, the
// latest of equals, and the strongest to another club: when the first is
// called off or denied ("Tottenham had agreed terms ..., but he turned
// Spurs down"), the second is his move again.
type strongestMoves [2]move

// add returns m with a report of stage for club.
func (m strongestMoves) add(club string, stage rumours.Stage) strongestMoves {
	switch {
	case stage.Negative() && club == m[0].club:
		return strongestMoves{m[1]}
	case stage.Negative():
		if club == m[1].club {
			m[1] = move{}
		}
	case club == m[0].club:
		m[0].stage = max(m[0].stage, stage)
	case stage >= m[0].stage:
		return strongestMoves{{club, stage}, m[0]}
	case stage >= m[1].stage:
		m[1] = move{club, stage}
	}
	return m
}

// hasPerson reports whether a clause names a non-player: its club talk is
// about him ("Sarri is expected to leave for Juventus").
func hasPerson(s *sent, cl [2]int) bool {
	s.work += len(s.ments)
	for mk := range s.ments {
		m := &s.ments[mk]
		if m.kind == mPerson && m.i >= cl[0] && m.i < cl[1] {
			return true
		}
	}
	return false
}

// destBefore returns the club of the last destination mention of s before
// clause cl, as the clauses before gave the roles ("" if none).
func destBefore(s *sent, cl [2]int) string {
	name := ""
	for k := 0; k < len(s.ments) && k < len(s.roles) && s.ments[k].i < cl[0]; k++ {
		s.work++
		if s.roles[k] == roleDest && s.ments[k].kind == mClub {
			name = s.ments[k].name
		}
	}
	return name
}

// relativePlayer returns the player mention a relative clause cl is about
// ("Sergio Ramos, | who joined ..."), -1 if it is none.
func relativePlayer(s *sent, cl [2]int) int {
	if w := s.toks[cl[0]].lower; (w != "who" && w != "whose") || cl[0] < 2 {
		return -1
	}
	if k := mentionAt(s, cl[0]-2); k >= 0 && s.ments[k].kind == mPlayer && !s.ments[k].ref && s.ments[k].j == cl[0]-1 {
		return k
	}
	return -1
}

// allRoles reports whether every role of roles is r (true for none).
func allRoles(roles []role, r role) bool {
	for _, x := range roles {
		if x != r {
			return false
		}
	}
	return true
}

// firstNameIn returns the first mention of a club, player or person in
// clause cl of s, -1 if none.
func firstNameIn(s *sent, cl [2]int) int {
	// (from the first mention at or after the clause's start, found by
	// halving: the mentions are in order, and a scan from the sentence's
	// first for every clause cost clauses × mentions on a long list)
	lo, hi := 0, len(s.ments)
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); s.ments[m].i < cl[0] {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for k := lo; k < len(s.ments) && s.ments[k].i < cl[1]; k++ {
		s.work++
		if m := &s.ments[k]; m.kind == mClub || m.kind == mPlayer || m.kind == mPerson {
			return k
		}
	}
	return -1
}

// aside reports whether clause cl is said in passing, inside the clause
// around it: a relative clause ("Alderweireld, who had been linked with
// United, and Danny Rose") or what happened a time before ("Juventus
// brought back Pogba, six years after selling him to United, and added Di
// María").
func aside(toks []token, cl [2]int) bool {
	switch toks[cl[0]].lower {
	case "who", "whose", "which":
		return true
	case "after", "before":
		return cl[0] > 0 && toks[cl[0]-1].is(wTimeNoun)
	}
	return false
}

// antecedent reports whether clause cl is only club mention k and the
// comma before a relative clause about it: "Newcastle, | who have ...".
func antecedent(s *sent, k int, cl [2]int) bool {
	m := s.ments[k]
	return m.i == cl[0] && m.j+1 == cl[1] && s.toks[m.j].lower == "," && cl[1] < len(s.toks) && (s.toks[cl[1]].lower == "who" || s.toks[cl[1]].lower == "which")
}

// elidedSubject reports whether a clause starts "and" + verb, its subject
// left out: "and are still pursuing ...", "and have made an offer"; or
// with the comma that closes a relative clause + the main verb, its subject
// before the relative clause: "Newcastle, who ..., are ready to offer".
func elidedSubject(toks []token, cl [2]int) bool {
	if cl[1]-cl[0] >= 3 && toks[cl[0]].lower == "," && mainVerbAt(toks, cl[0]+1) {
		return true
	}
	if cl[1]-cl[0] < 3 || toks[cl[0]].lower != "and" {
		return false
	}
	w := toks[cl[0]+1].lower
	if (w == "the" || w == "both") && cl[0]+3 < cl[1] && (toks[cl[0]+2].lower == "two" && toks[cl[0]+3].lower == "clubs" || w == "both" && toks[cl[0]+2].lower == "clubs") {
		return true // "..., and the two clubs are also finalising a loan for Andre Gomes": the buyer and its seller
	}
	return coordinatedAux[w] || strings.HasSuffix(w, "ed") && !toks[cl[0]+1].upper
}

// playerFrom is the club player mention p comes from: the one named right
// after him ("Raheem Sterling from Liverpool and Fabian Delph from Aston
// Villa"), else from, the clause's.
func playerFrom(s *sent, p mention, from string) string {
	if j := p.j; !p.ref && j+1 < len(s.toks) && s.toks[j].lower == "from" {
		if c := mentionAt(s, j+1); c >= 0 && s.ments[c].kind == mClub && s.ments[c].i == j+1 && s.ments[c].name != "" {
			return s.ments[c].name
		}
	}
	return from
}

// listContinues reports whether a clause only adds a player to the list of
// the clause before, without a verb of its own: "..., signing Raheem
// Sterling from Liverpool and Fabian Delph from Aston Villa, and Argentine
// defender Nicolas Otamendi from Valencia". It shares that clause's stage
// and club.
func listContinues(s *sent, cl [2]int) bool {
	toks := s.toks
	if cl[1]-cl[0] < 2 || toks[cl[0]].lower != "and" {
		return false
	}
	i := cl[0] + 1
	for i < cl[1] && (toks[i].flags&(wNation|wRoleNoun) != 0 || isAge(toks[i].lower)) {
		i++ // "Argentine defender"
	}
	k := mentionAt(s, i)
	if k < 0 || s.ments[k].kind != mPlayer || s.ments[k].i != i || s.ments[k].ref {
		return false
	}
	i = s.ments[k].j
	if i+1 < cl[1] && toks[i].lower == "from" {
		if c := mentionAt(s, i+1); c >= 0 && s.ments[c].kind == mClub && s.ments[c].i == i+1 {
			i = s.ments[c].j
		}
	}
	return i == cl[1] || i+1 == cl[1] && toks[i].punct
}

// roleGiven returns the role its clauses gave mention k, roleNone if none.
func (s *sent) roleGiven(k int) role {
	if k < len(s.roles) {
		return s.roles[k]
	}
	return roleNone
}

// sentClauses returns the sentence's clauses, computed once.
func (st *state) sentClauses(s *sent) [][2]int {
	if s.cls == nil {
		ws := st.ws
		ws.spans = clauses(ws.spans[:0], s.toks, s.clauseAt, st.headline(s))
		cls := st.splitSubjects(s, ws.spans, carve(&ws.clauses, len(ws.spans)))
		s.cls = cls[:len(cls):len(cls)]
		if s.facts == nil {
			s.facts = carve(&ws.facts, len(s.cls)) // (a clause's facts)
		}
	}
	return s.cls
}

// clauseFacts are facts about a whole clause that every club's role needs.
type clauseFacts struct {
	career  bool // career history: "his career has taken in ..."
	renewal bool // a player staying: a new contract, an extension
}

// clauseInfo returns the facts of a clause of s, computed once in one pass.
func (st *state) clauseInfo(s *sent, cl [2]int) clauseFacts {
	return st.clauseFactsOf(s, cl).clauseFacts
}

// restartVerbs before "his career" speak of what he does now, not of his
// history: "revive his career".
var restartVerbs = set("revive", "reviving", "relaunch", "relaunching", "resurrect", "resurrecting", "kick-start", "kickstart", "restart", "restarting", "rebuild", "rebuilding", "salvage")

// factWords are the words clauseFactsOf looks at (its cases).
var factWords = set("career", "spells", "spell", "stint", "began", "spent", "came", "youth", "return", "rejoin", "back", "join", "joined",
	"move", "offer", "leave", "switch", "extension", "renewal", "renew", "renewed", "renewing", "extended", "stay", "staying",
	"stays", "contract", "deal", "again", "committed", "commit", "commits")

// clauseFactsOf returns the cached facts of a clause of s, computed once.
func (st *state) clauseFactsOf(s *sent, cl [2]int) *clauseFactsAt {
	for k := range s.facts {
		s.work++
		if s.facts[k].cl == cl {
			return &s.facts[k]
		}
	}
	toks := s.toks
	var career, back, renewal, moving bool
	if cl[0] >= 2 && (toks[cl[0]-1].lower == "years" || toks[cl[0]-1].lower == "seasons" || toks[cl[0]-1].lower == "decades" || toks[cl[0]-1].lower == "months") && (toks[cl[0]].lower == "after" || toks[cl[0]].lower == "since" || toks[cl[0]].lower == "before") {
		career = true // "eight years after he left the club for Bayern Munich", "seven months after Monchi denied contact": history
	}
	// the words below, from the sentence's list of them (sent.factAt;
	// most words are none)
	for _, at := range s.factAt {
		i := int(at)
		if i < cl[0] {
			continue
		}
		if i >= cl[1] {
			break
		}
		w := toks[i].lower
		next := ""
		if i+1 < cl[1] {
			next = toks[i+1].lower
		}
		switch w {
		case "career":
			// "trying to revive his career on loan at West Brom" is now
			career = career || !(i >= cl[0]+2 && restartVerbs[toks[i-2].lower])
		case "spells", "spell", "stint", "began":
			career = true
		case "spent":
			// "spent seven seasons at Arsenal, including two on loan at
			// Roma": his time there, not money spent
			// (a stay: the time followed by where, not "spent heavily
			// this month", "spent the day negotiating")
			for k := i + 1; k+1 < min(i+5, cl[1]) && !career; k++ {
				career = toks[k].is(wTimeNoun) && (toks[k+1].lower == "at" || toks[k+1].lower == "with" || toks[k+1].lower == "on")
			}
		case "came":
			career = career || next == "through"
		case "youth":
			career = career || next == "team" || next == "system"
		case "return", "rejoin", "back", "again": // ("again" is "back" on spun pages)
			back = true
		case "join", "joined", "move", "offer", "leave", "switch":
			moving = true
		case "extension", "renewal", "renew", "renewed", "renewing", "extended", "stay", "staying", "stays":
			renewal = true
		case "committed", "commit", "commits":
			// "committed his future to Leicester City"
			renewal = renewal || near(toks, i+1, min(i+3, cl[1]), "future")
		case "contract", "deal":
			// "a new contract", "withdrew their contract offer"
			if near(toks, i-3, i, "new") || next == "offer" || next == "offers" {
				renewal = true
			}
		}
	}
	if !career && cl[1]-cl[0] > 2 && toks[cl[0]].lower == "and" && (toks[cl[0]+1].lower == "was" || toks[cl[0]+1].lower == "were" || toks[cl[0]+1].lower == "had") {
		// a second verb in the past of a clause of his career is his career
		// too: "came through the ranks at Genk | and was signed by Chelsea
		// in 2012" (not "spent three seasons at Arsenal and has now joined")
		// (the clause before is among the last facts found: clauses are
		// related in order)
		for k := len(s.facts) - 1; k >= 0 && k >= len(s.facts)-3; k-- {
			s.work++
			if s.facts[k].cl[1] == cl[0] && s.facts[k].career {
				career = true
			}
		}
	}
	f := clauseFacts{career: career && !back, renewal: renewal && !moving}
	s.facts = append(s.facts, clauseFactsAt{cl: cl, clauseFacts: f})
	return &s.facts[len(s.facts)-1]
}

// clauseFactsAt caches the facts of the clause at cl.
type clauseFactsAt struct {
	cl [2]int
	clauseFacts
	// match is matchSentence's answer for the clause, once matchKnown: every
	// club of a clause may ask it
	match, matchKnown bool
	// signing is hasSigning's answer, once signingKnown
	signing, signingKnown bool
}

// hasSigning reports whether the clause speaks of a signing or an arrival
// ("unveiled at", "a medical at"), found once: every club after "at" asks.
func (f *clauseFactsAt) hasSigning(toks []token) bool {
	if !f.signingKnown {
		f.signing = clauseHas(toks, f.cl, "medical", "unveiled", "presented", "signed", "signs", "contract", "deal", "join", "joined", "arrived", "training ground")
		f.signingKnown = true
	}
	return f.signing
}

// isMatch is matchSentence(toks, f.cl), found once.
func (f *clauseFactsAt) isMatch(toks []token) bool {
	if !f.matchKnown {
		f.match, f.matchKnown = matchSentence(toks, f.cl), true
	}
	return f.match
}

// setFocusClub makes club the one the text is about.
func (st *state) setFocusClub(club string, s *sent) {
	st.focusClub, st.focusPara = club, s.para
	if st.mainClub == "" {
		st.mainClub = club
	}
}

// clausePlayers names the players a clause is about, for role decisions.
func (st *state) clausePlayers(s *sent, cl [2]int, itemTopic, focus string) []string {
	var out []string
	s.work += len(s.ments)
	for mk := range s.ments {
		m := &s.ments[mk]
		if m.kind == mPlayer && m.i >= cl[0] && m.i < cl[1] {
			out = append(out, m.name)
		}
	}
	if len(out) == 0 && itemTopic != "" {
		out = append(out, itemTopic)
	}
	if len(out) == 0 && focus != "" {
		out = append(out, focus)
	}
	return out
}

// possessedDeal reports whether a player named at token i is followed by a
// word for a move or a bid: after a club's possessive, "Chelsea's Lukaku
// offer" is the club's offer for him, where "Chelsea's Lukaku" alone is
// the club's player.
func possessedDeal(s *sent, i int) bool {
	if i < len(s.toks) && bidOrdinal[s.toks[i].lower] {
		i++ // "Man Utd's second Mason Mount bid"
	}
	if !startsName(s.toks, i) {
		return false
	}
	k := mentionAt(s, i)
	if k < 0 || s.ments[k].kind != mPlayer || s.ments[k].i != i {
		return false
	}
	j := s.ments[k].j
	return j < len(s.toks) && s.toks[j].flags&(wBidNoun|wTransferNoun|wSuitorNoun) != 0
}

// feeBid reports whether the words from i are a fee and then a bid: "£92m
// offer", "€ 100m bid", "improved £60m offer".
func feeBid(toks []token, i int) bool {
	if i < len(toks) && (toks[i].lower == "improved" || toks[i].lower == "new" || toks[i].lower == "fresh" || bidOrdinal[toks[i].lower]) {
		i++
	}
	if i < len(toks) && (toks[i].lower == "£" || toks[i].lower == "€" || toks[i].lower == "$") {
		i++
	}
	if i >= len(toks) || !isFee(toks[i].lower) {
		return false
	}
	i++
	return i < len(toks) && toks[i].flags&wBidNoun != 0
}

// roleOf decides what club mention k is to the players of its clause.
func (st *state) roleOf(s *sent, k int, cl [2]int, hasCue bool) role {
	toks := s.toks
	m := s.ments[k]
	prev := func(n int) string { // n-th token before the mention, lower case
		if m.i-n < cl[0] && m.i-n < 0 {
			return ""
		}
		if m.i-n < 0 {
			return ""
		}
		return toks[m.i-n].lower
	}
	next := func(n int) string {
		if m.j+n-1 >= len(toks) {
			return ""
		}
		return toks[m.j+n-1].lower
	}
	p1, p2, p3 := prev(1), prev(2), prev(3)
	n1, n2 := next(1), next(2)
	two := twoWords{p2, p1} // "p2 p1", compared without joining them
	// the word sets of the words next to the mention, from their flags (0
	// past the sentence's ends, where the words are "")
	flagsAt := func(k int) wordFlags {
		if k < 0 || k >= len(toks) {
			return 0
		}
		return toks[k].flags
	}
	nf1, nf2, pf1, pf2 := flagsAt(m.j), flagsAt(m.j+1), flagsAt(m.i-1), flagsAt(m.i-2)
	// f1 and f0 are the flags of p1 and of the word just before the
	// mention (p1 too unless "the" or a descriptor stands between): they
	// rule out most words before the sets below are scanned
	f1, f0 := pf1, pf1
	if n1 == "'s" && bidOrdinal[n2] && m.j+2 < len(toks) {
		// "Tottenham's second offer for Berahino": the offer is the word
		n2, nf2 = next(3), flagsAt(m.j+2)
	}
	if p1 == "the" {
		p1, two = p2, twoWords{p3, p2}
		pf1, f1 = pf2, pf2
	}
	if f1&wClubDescriptor != 0 {
		// a descriptor in apposition hides the preposition: "from city
		// rivals Milan", "to Serie A giants Juventus"
		for n := 2; n <= 4; n++ {
			if w := prev(n); w == "from" || w == "to" || w == "for" || w == "join" || w == "joined" || w == "joining" {
				p1, p2, two = w, prev(n+1), twoWords{prev(n + 1), w}
				f1 = flagsAt(m.i - n)
				break
			}
		}
	}
	// career history and clause-wide context
	info := st.clauseInfo(s, cl)
	if info.career {
		return roleFormer
	}
	if prev(1) == "at" && m.i-1 == cl[0] {
		return roleNone // "At Real, Ancelotti confirmed ..."
	}
	if p1 == "," && (n1 == "said" || n1 == "says" || n1 == "announced" || n1 == "confirmed" || n1 == "revealed") {
		return roleNone // "..., the Vancouver Whitecaps said on Wednesday": who tells the news, not where he goes
	}
	if prev(1) == "in" && (n1 == "," && n2 == "where" || near(toks, max(m.i-5, cl[0]), m.i-1, "medical", "medicals", "landed", "arrived", "spotted", "seen", "flew", "touched", "pictured", "talks", "met", "meeting", "meetings")) {
		// "is having a medical in Birmingham", "holding talks with Shakhtar
		// in Antalya", "in Antalya, where the club are on their training
		// camp": a city, where it happens
		return roleNone
	}
	if prev(1) == "at" && !(p2 == "stay" || p2 == "staying" || p2 == "remain" || p2 == "remaining") && near(toks, max(m.i-6, cl[0]), min(m.j+8, cl[1]), "medical", "medicals") {
		// "is at Tottenham's training ground for his medical", "is now at
		// Liverpool's Melwood for a medical": a club examines only the
		// player it signs (not "wants to stay at Goodison Park")
		return roleDest
	}
	if p1 == "told" && (n1 == "he" || n1 == "that") && near(toks, m.j+1, min(m.j+5, len(toks)), "stay", "staying", "remain") {
		return roleDest // "has told Arsenal he will stay at Monaco": the suitor he refuses
	}
	if p1 == "to" && near(toks, max(m.i-6, cl[0]), m.i-1, "lost", "losing", "loses") && near(toks, max(m.i-5, cl[0]), m.i-1, "final", "play-off", "game", "match", "tie", "semi-final") {
		return roleOpp // "lost the play-off final to Fulham": who beat them
	}
	if (p1 == "turned" || p1 == "turning" || p1 == "turns") && (n1 == "down" || n1 == "'s" && n2 == "offer" && next(3) == "down") {
		return roleDest // "Zubimendi turned Liverpool down": a link, now off
	}
	if p1 == "over" && near(toks, max(m.i-6, cl[0]), m.i-1, "chosen", "chose", "chooses", "picks", "picked", "prefers", "preferred", "selected") {
		return roleNone // "has chosen Tottenham over Everton": the club he passed over is not where he goes
	}
	if p1 == "his" && (n1 == "debut" || n1 == "bow") {
		return roleDoneDest // "Kane made his Bayern debut": he plays there now
	}
	if offersPlayerTo(s, m.j, cl) {
		return roleFrom // "The Blaugrana have offered Antoine Griezmann to Atletico Madrid": Barcelona sells
	}
	if (p1 == "asked" || p1 == "asking" || p1 == "asks" || p1 == "quizzed") && (n1 == "about" || n1 == "over") && m.i-1 > cl[0] {
		return roleFrom // "Juventus have asked Chelsea about Oscar": the club asked sells
	}
	if (p1 == "hijack" || p1 == "hijacks" || p1 == "hijacked" || p1 == "hijacking") && n1 == "'s" {
		if near(toks, max(m.i-6, cl[0]), m.i-1, "verge", "could", "set", "bid", "attempt", "trying", "try", "plotting", "plot", "looking", "ready", "threatening", "want", "wants") {
			return roleRival // "Chelsea are on the verge of hijacking Arsenal's move": still a suitor
		}
		return roleBeaten // "Liverpool hijack Tottenham's move for Luis Díaz"
	}
	if (p1 == "beating" || p1 == "beat") && n1 == "to" {
		return roleRival // "confident of beating Napoli to his signature"
	}
	if (prev(1) == "a" || prev(1) == "an") && n1 == "player" {
		if near(toks, m.i-4, m.i, "still", "remain", "remains", "stay", "would", "will") {
			return roleFrom // "he would still be a Liverpool player"
		}
		if near(toks, m.i-4, m.i, "now", "finally", "officially", "becomes", "became") || near(toks, m.i-7, m.i, "confirmed", "official") {
			// "Griezmann is finally a Barcelona player", "CONFIRMED: X is a
			// Liverpool player" (not "Icardi is an Inter player": where he is)
			return roleDoneDest
		}
		return roleCurrent
	}
	if (p1 == "paying" || p1 == "paid" || p1 == "pay" || p1 == "pays") && near(toks, m.j, m.j+16, "for") {
		// "paying Benfica €126m for João Félix", "paid Monaco an initial
		// £36m, potentially rising to £58m, for a 19-year-old"
		return roleFrom
	}
	switch {
	case p1 == "former" || p1 == "ex" || p1 == "old" || p1 == "formerly" || two.is("his old") || two.is("once of") || two.is("formerly of") || strings.HasPrefix(toks[m.i].lower, "ex-"):
		return roleFormer
	case pf1&wOpponentPrev != 0 || f1&wOpponentPrev2Last != 0 && two.in(opponentPrev2ByLast) || f0&wOpponentPrev2Last != 0 && (twoWords{p2, prev(1)}).in(opponentPrev2ByLast):
		return roleOpp
	case nf1&wTargetNoun != 0 || nf2&wTargetNoun != 0 && (n1 == "transfer" || n1 == "summer" || n1 == "january" || n1 == "top" || n1 == "main" || n1 == "long-term" || n1 == "'s"):
		return roleDest // "Napoli target Dušan Vlahović", "Arsenal's top target"
	case (p1 == "told" || two.is("been told") || two.is("were told") || two.is("are told")) && near(toks, m.j, m.j+14, "pay", "cost", "fee", "price", "asking", "sold", "sell", "sale", "available"):
		return roleDest // seller tells buyer: "Lazio told they must pay €40m for X" (the buyer)
	case n1 == "told" && near(toks, m.j, m.j+8, "pay", "cost", "fee", "price", "asking"):
		return roleDest // "Lazio told they must pay €40m for X"
	case (n2 == "been" && next(3) == "told" || (n1 == "were" || n1 == "are" || n1 == "was") && n2 == "told") && near(toks, m.j, m.j+14, "pay", "cost", "fee", "price", "asking", "take"):
		return roleDest // "Tottenham have been told by Chelsea that it will take £50m to sign X"
	case n1 == "'s" && possessedDeal(s, m.j+1):
		return roleDest // "Chelsea's Lukaku offer", "Man Utd's second Mason Mount bid": the club's offer for the player named
	case n1 == "'s" && feeBid(toks, m.j+1):
		return roleDest // "Monaco have accepted Arsenal's £92m offer for the France winger"
	case n1 == "'s" && (nf2&wRoleNoun != 0 || nf2&wNation != 0 || n2 == "" || startsName(toks, m.j+1)):
		return roleCurrent
	case n1 == "'s" && nf2&wSuitorNoun != 0:
		return roleDest // "ending Manchester United's hopes", "City's pursuit of Kane"
	case n1 == "'s" && nf2&wBidNoun == 0 && nf2&wTransferNoun == 0 && !isFee(n2) && nf2&wPossessedTransfer == 0:
		return roleNone // "the biggest sale in Ajax's history"
	case (nf1&wStaffNoun != 0 || n1 == "'s" && nf2&wStaffNoun != 0 || nf1&wNation != 0 && nf2&wStaffNoun != 0) && nf1&wCrowdNoun == 0 && nf2&wCrowdNoun == 0:
		return roleStaff
	case nf1&wRoleNoun != 0 || nf1&wNation != 0 && nf2&wRoleNoun != 0 || isAge(n1) && nf2&wRoleNoun != 0:
		return roleCurrent
	case p1 == "for" && (p2 == "play" || p2 == "playing" || p2 == "played" || p2 == "plays" || p2 == "appearances" || p2 == "goals" || p2 == "games"):
		return roleFrom // "refuse to play for the Hammers"
	case p1 == "by" && (p2 == "told" || p2 == "accepted" || p2 == "rejected" || p2 == "refused" || p2 == "rebuffed" || p2 == "down" || p2 == "sold" || p2 == "released"):
		return roleFrom // "an offer accepted by Fiorentina"
	case p1 == "from" && (pf2&wBidNoun != 0 || p2 == "scouts" || near(toks, max(m.i-7, cl[0]), m.i-1, "bid", "offer", "bids", "offers", "approach", "proposal", "demand", "demands", "demanding")):
		return roleDest // "a £40m bid from Arsenal", "will demand £50m from Tottenham", "scouts from Fenerbahce"
	case two.is("out of") && (transferNoun[n1] || n1 == "deal" || n1 == "talks"):
		return roleDest // "Barkley pulls out of Chelsea deal": the move called off
	case p1 == "from" || p1 == "left" || p1 == "leave" || p1 == "leaving" || p1 == "leaves" || p1 == "quit" || two.is("away from") || two.is("out of") || two.is("exit from"):
		return roleFrom
	case two.is("turned down") || p1 == "rejected" && p2 != "been":
		return roleDest // "Vardy has turned down Arsenal": the suitor he refused
	case (two.is("back at") || two.is("again at")) && (p3 == "is" || p3 == "are" || p3 == "was" || p3 == "'s"):
		return roleDest // "Bonucci is back at Juventus": a return ("again" on spun pages)
	case two.is("loan at") && p3 == "on" && !near(toks, max(m.i-8, cl[0]), m.i-3, "spent", "spending", "after", "previous", "last", "earlier", "impressed", "impressing"):
		return roleDest // "is trying to revive his career on loan at West Brom": where he plays now
	case p1 == "at" && p2 == "contract" && (p3 == "'s" || p3 == "his" || p3 == "their" || p3 == "her" || p3 == "existing" || p3 == "current"):
		return roleFrom // "Kepa's contract at Athletic Bilbao"
	case p1 == "at" && near(toks, cl[0], m.i, "reunion", "reunite", "reunited"):
		return roleDest // "Ten Hag wants a reunion with Timber at Old Trafford"
	case p1 == "at" && !st.clauseFactsOf(s, cl).hasSigning(toks):
		return roleFrom // "a transfer request at Liverpool", "scouts at Roazhon Park"
	case p1 == "at" && (two.is("loan at") || two.is("spell at")):
		return roleFormer // "after his excellent loan at Newcastle": where he was, not the club that sells him
	case p1 == "at" && (two.is("stay at") || two.is("years at") || two.is("time at") || two.is("future at") || two.is("remain at") || two.is("staying at") || two.is("career at") || two.is("season at") || two.is("seasons at") || two.is("life at") || two.is("days at") || two.is("extension at") || two.is("games at") || two.is("goals at") || two.is("titles at") || two.is("minutes at")):
		return roleFrom
	case p1 == "with" && info.renewal:
		return roleFrom
	case p1 == "with" && (p2 == "contract" || p2 == "deal") && (p3 == "his" || p3 == "their" || p3 == "'s" || p3 == "existing" || p3 == "current" || p3 == "her"):
		return roleFrom // "at the end of his contract with AC Milan"
	case p1 == "with" && st.sellerWith(s, k, cl):
		return roleWith
	case sellerVerb(toks, m.j, cl[1]):
		return roleFrom
	}
	if p1 == "down" && (p2 == "turned" || p2 == "turning" || p2 == "turns") || f1&wSnubVerb != 0 {
		return roleDest // "Mbappé has turned down Real Madrid": a link, now off
	}
	if info.renewal && !(p1 == "join" || p1 == "joining" || p1 == "joins") {
		return roleFrom // "will stay with the Whitecaps until ... before joining the German club": the club he joins is still his next
	}
	if hasCue || destPrep(s, m) {
		return roleDest
	}
	if st.clauseFactsOf(s, cl).isMatch(toks) {
		return roleOpp
	}
	return roleNone
}

// snubVerbs before a club say the player turned it down: "Vardy snubs
// Arsenal", "after rejecting Chelsea".
var snubVerbs = set("snubbed", "snubs", "snub", "snubbing", "rejected", "rejects", "rejecting", "shunned", "shuns", "spurned", "spurns", "spurning")

// clubDescriptor are the nouns of a description set before a club's name:
// "city rivals Milan", "Saudi Pro League side Al-Hilal".
var clubDescriptor = set("rivals", "neighbours", "giants", "outfit", "side", "leaders", "strugglers", "minnows", "heavyweights")

// destPrep reports whether the words before a club make it a destination
// on their own: "join Paris Saint-Germain", "Koulibaly to Chelsea".
func destPrep(s *sent, m mention) bool {
	if m.i == 0 {
		return false
	}
	switch s.toks[m.i-1].lower {
	case "join", "joins", "joined", "joining", "rejoin", "rejoins", "rejoined":
		return true
	case "for":
		if near(s.toks, m.i-6, m.i-1, "left", "leave", "leaves", "leaving", "swapped", "swap", "swapping", "quit", "ditched", "exchanged") {
			return true // "both left Juventus for Inter Miami"
		}
		return m.i >= 2 && (s.toks[m.i-2].lower == "leave" || s.toks[m.i-2].lower == "left" || s.toks[m.i-2].lower == "leaves" || s.toks[m.i-2].lower == "sign" || s.toks[m.i-2].lower == "signed" || s.toks[m.i-2].lower == "signing" || s.toks[m.i-2].lower == "signs")
	case "to":
		if m.i >= 2 {
			if k := mentionAt(s, m.i-2); k >= 0 && s.ments[k].kind == mPlayer {
				return true // "Koulibaly to Chelsea"
			}
			switch s.toks[m.i-2].lower {
			case "move", "switch", "transfer", "return", "loan", "back", "moving", "heading", "way":
				return true
			}
		}
	}
	return false
}

// sellerWith reports whether "with CLUB" names the selling club: "Barcelona
// have reopened talks with Manchester City over the centre-back".
func (st *state) sellerWith(s *sent, k int, cl [2]int) bool {
	// "Talks with Napoli are at an advanced stage": with no player as the
	// subject, the club talked with is the seller.
	subjectIsPlayer := false
	s.work += 2 * k
	for _, m := range s.ments[:k] {
		if m.i >= cl[0] && m.kind == mPlayer {
			subjectIsPlayer = true
		}
	}
	if !subjectIsPlayer && s.ments[k].i >= 2 && (s.toks[s.ments[k].i-2].lower == "talks" || s.toks[s.ments[k].i-2].lower == "negotiations") {
		return true
	}
	for _, m := range s.ments[:k] {
		if m.i >= cl[0] && m.kind == mClub && m.j < len(s.toks) {
			n := s.toks[m.j].lower
			if roleNouns[n] || nations[n] || n == "'s" || isAge(n) || staffNouns[n] {
				continue // "The Arsenal playmaker is in talks with Fenerbahce"
			}
			return true // another club is the clause's actor
		}
	}
	return false
}

var attribWords = set("by", "to", "according", "per", "reports", "reported", "says", "said", "claims", "claimed", "cited", "confirmed", "first", "as", "the", "and", "told", "from", "via", "in", "revealed", "understands")

// sellerVerb reports whether the words after a club make it the seller:
// "Crystal Palace have rejected a bid", "Leicester will accept".
func sellerVerb(toks []token, j, end int) bool {
	for j < end && (toks[j].lower == "have" || toks[j].lower == "has" || toks[j].lower == "had" || toks[j].lower == "will" ||
		toks[j].lower == "are" || toks[j].lower == "also" || toks[j].lower == "already" || toks[j].lower == "finally" || toks[j].lower == "now" || toks[j].lower == "would") {
		j++
	}
	if j >= end {
		return false
	}
	for k := j; k < min(j+6, end); k++ {
		switch toks[k].lower {
		case "keep", "keeping":
			if k+1 < end && watchWords[toks[k+1].lower] {
				return false // "Arsenal keep watch", "keep tabs on": a suitor
			}
			return toks[k].lower == "keep"
		case "sell", "selling", "sale", "cash", "retain", "withdrew", "withdrawn":
			return true // "Liverpool have agreed to sell Coutinho", "could not keep him"
		}
	}
	if w := toks[j].lower; (w == "rebuffed" || w == "rejected" || w == "snubbed") && (j+1 < end && toks[j+1].lower == "for" || j+2 < end && toks[j+1].lower == "again" && toks[j+2].lower == "for") {
		return false // a headline's passive: "Spurs rebuffed again for Berahino" (their bid was)
	}
	if (toks[j].lower == "accepted" || toks[j].lower == "accept") && j+1 < end && toks[j+1].lower == "that" {
		return false // "City have accepted that Messi will see out his contract": they give up, they sell nothing
	}
	switch toks[j].lower {
	case "keep", "determined", "retain", "withdrew", "withdrawn", "rejected", "accepted", "accept", "reject", "rebuffed", "refused", "refuse", "turned", "knocked", "sold", "sell", "selling", "demanded", "demand", "value", "valued", "insist", "insisted", "told", "resigned":
		return true
	}
	return false
}

// clauseStage returns the strongest positive stage the clause reports, a
// negative stage if it reports a denial or collapse, and whether it has any
// transfer cue at all.
func (st *state) clauseStage(s *sent, cl [2]int) (pos, neg rumours.Stage, any bool) {
	pos, neg, any, _, _ = st.clauseCues(s, cl)
	return pos, neg, any
}

// clauseCues is clauseStage that also returns where the strongest positive
// cue and the last negative cue stand (-1 when absent), so that a clause
// with both ("arrived from Juventus after turning down Manchester City") can
// give each club the stage of the cue nearest to it.
func (st *state) clauseCues(s *sent, cl [2]int) (pos, neg rumours.Stage, any bool, posAt, negAt int) {
	posAt, negAt = -1, -1
	toks := s.toks
	attrib := st.attribution(s) // "confirmed by Marca" is attribution, not a stage
	// bidBefore reports whether the clause speaks of a bid before token i,
	// from the first such word, found once
	firstBid := -1
	bidBefore := func(i int) bool {
		if firstBid < 0 {
			firstBid = cl[1]
			for k := cl[0]; k < cl[1]; k++ {
				if w := toks[k].lower; w == "bid" || w == "offer" || w == "bids" || w == "offers" || w == "proposal" {
					firstBid = k
					break
				}
			}
		}
		return firstBid < i
	}
	// the cues' first words and the words below, from the sentence's list
	// of them (sent.cueAt; most words are neither): next is the token after
	// the last cue read
	next := cl[0]
	for _, at := range s.cueAt {
		i := int(at)
		if i < next {
			continue
		}
		if i >= cl[1] {
			break
		}
		if slices.Contains(attrib, i) {
			continue // attribution
		}
		t := toks[i].lower
		// the words of cueSpecial first (the other cues' words skip them)
		if toks[i].is(wCueSpecial) {
			// rejected bids stay bids; a player turning a club down is off
			if t == "rejected" || t == "rejecting" || t == "rebuffed" || t == "dismissed" && bidBefore(i) || (t == "turned" || t == "turning" || t == "knocked") && i+1 < cl[1] && (toks[i+1].lower == "down" || toks[i+1].lower == "back") {
				any = true
				// (a club "rebuffed again for" a player: its bid was)
				rebuffedFor := i+1 < cl[1] && toks[i+1].lower == "for" || i+2 < cl[1] && toks[i+1].lower == "again" && toks[i+2].lower == "for"
				if near(toks, i-4, i+7, "offer", "offers", "bid", "bids", "approach", "proposal", "approaches") || bidBefore(i) || rebuffedFor { // ("rejected Manchester United's second offer")
					if rumours.Bid > pos {
						pos, posAt = rumours.Bid, i
					}
				} else {
					neg, negAt = rumours.Off, i
				}
				continue
			}
			if t == "going" && i+2 < cl[1] && toks[i+1].lower == "to" && near(toks, i-2, i, "is", "'s", "am", "are") {
				if k := mentionAt(s, i+2); k >= 0 && s.ments[k].kind == mClub && s.ments[k].i == i+2 {
					any = true // "Messi says he is going to Inter Miami": his decision, not yet signed
					if rumours.Agreed > pos {
						pos, posAt = rumours.Agreed, i
					}
					continue
				}
			}
			if t == "added" && i > cl[0] && toks[i-1].lower == "and" && i+1 < cl[1] && startsName(toks, i+1) {
				if k := mentionAt(s, i+1); k >= 0 && s.ments[k].kind == mPlayer {
					any = true // "... and added Angel Di Maria on a free": the club's second signing
					if rumours.Done > pos {
						pos, posAt = rumours.Done, i
					}
					continue
				}
			}
			if t == "signing" && i > cl[0]+2 && toks[i-1].lower == "," && i+1 < cl[1] && (startsName(toks, i+1) || toks[i+1].flags&(wNation|wRoleNoun) != 0) && near(toks, cl[0], i-1, "have", "has", "had") {
				any = true // "City have spent heavily this summer, signing England internationals Raheem Sterling from Liverpool and ...": what they did
				if rumours.Done > pos {
					pos, posAt = rumours.Done, i
				}
				continue
			}
			if (t == "confirmed" || t == "confirms" || t == "confirm" || t == "announced" || t == "announces") && i+1 < cl[1] && toks[i+1].lower == "that" {
				continue // "Barcelona have confirmed that Gavi has ruptured ...": what follows says what, if anything, was done
			}
			if (t == "completed" || t == "completes" || t == "complete") && near(toks, i+1, i+5, "hat-trick", "comeback", "double", "treble", "turnaround", "rout", "win", "victory", "season") {
				continue // "completed an astonishing hat-trick"
			}
			if (t == "accepted" || t == "accept" || t == "accepts") && i+1 < cl[1] && toks[i+1].lower == "that" {
				continue // "City have accepted that Messi will see out his contract": resignation, no deal
			}
			if (t == "agree" || t == "sign" || t == "signed" || t == "agreed") && near(toks, i+1, i+4, "extension", "renewal") {
				continue // "if he fails to agree an extension": a renewal, not a move
			}
			if (t == "move" || t == "switch" || t == "transfer") && i > cl[0] && isFee(toks[i-1].lower) {
				any = true // "Neymar's €222m move to Paris Saint-Germain"
				if rumours.Done > pos {
					pos, posAt = rumours.Done, i
				}
				continue
			}
		}
		cues := st.x.wordInfo[toks[i].w].cues
		for k := range cues {
			c := &cues[k]
			if !matchIDs(toks, i, cl[1], c.idsOf()) {
				continue
			}
			if negated(toks, i, cl[0]) {
				if c.stage == rumours.Denied || c.stage == rumours.Off {
					// "City have not given up on Harry Kane": still interested
					if rumours.Interest > pos {
						pos, posAt = rumours.Interest, i
					}
				} else if c.stage >= rumours.Agreed && willNot(toks, i, cl[0]) {
					// "Cristiano Ronaldo will not be joining Atletico
					// Madrid": the move is ruled out
					any, neg, negAt = true, rumours.Denied, i
				}
				next = i + len(c.words) // "there has been no agreement"
				break
			}
			if c.stage == rumours.Off && near(toks, i-2, i, "may", "might", "could") {
				// "may now switch their attention elsewhere": a collapse
				// that may come has not
				next = i + len(c.words)
				break
			}
			if t == "race" && near(toks, i-2, i, "title", "top-four", "relegation", "promotion") ||
				t == "missed" && len(c.words) == 2 && near(toks, i+2, min(i+6, cl[1]), "promotion", "title", "premier", "champions", "europe", "top-four", "play-offs", "play-off") {
				// a competition, not a transfer: "in a La Liga title race
				// with Atletico Madrid", "missed out on the Premier League"
				next = i + len(c.words)
				break
			}
			any = true
			stage := c.stage
			if stage == rumours.Medical && near(toks, i-6, i, "will", "due", "expected", "set", "scheduled", "ahead", "before", "travel", "subject", "undergo") && !near(toks, i-6, i, "undergoing", "completed", "passed", "having") {
				stage = rumours.Agreed // "will travel to England for his medical": not yet
			}
			if stage >= rumours.Agreed && !stage.Negative() {
				if (t == "official" || t == "officially") && i+1 < cl[1] && transferNoun[toks[i+1].lower] {
					continue // "official talks", "an official bid": not a done deal
				}
				if t == "signing" && near(toks, i-4, i, "talks", "negotiations", "bid", "offer", "approach", "pursuit", "race", "interest") {
					continue // "talks over the signing of X"
				}
				if t == "moved" && len(c.words) == 2 && i+2 < cl[1] && !toks[i+2].upper && !toks[i+2].punct && toks[i+2].lower != "the" && !isDigits(toks[i+2].lower) {
					continue // "have moved to replace him with Draxler": a step taken, not a move made
				}
				stage = min(stage, prospectiveCap(toks, i, cl[0]))
			}
			if stage == rumours.Bid && (prospectiveCap(toks, i, cl[0]) < rumours.Done || near(toks, i-6, i, bidPrep...)) {
				stage = rumours.Interest // "preparing a bid", "ready to make an offer": not made yet
			}
			switch {
			case stage == rumours.Denied:
				neg, negAt = rumours.Denied, i
			case c.stage == rumours.Off:
				if neg != rumours.Denied {
					neg = rumours.Off
				}
				negAt = i
			case stage > pos:
				pos, posAt = stage, i
			}
			next = i + len(c.words)
			break
		}
	}
	if pos == rumours.StageUnknown && neg == rumours.StageUnknown {
		return pos, neg, any, posAt, negAt
	}
	if pos == rumours.StageUnknown {
		pos = rumours.Speculation
	}
	return pos, neg, true, posAt, negAt
}

// attribution returns the tokens of s that attribute what it says to an
// outlet it cites ("confirmed by Marca"), found once per sentence: its
// outlets are all found by then.
func (st *state) attribution(s *sent) []int {
	if s.attribDone {
		return s.attrib
	}
	s.attribDone = true
	for mk := range s.ments {
		m := &s.ments[mk]
		if m.kind == mOutlet {
			for k := m.i - 1; k >= 0 && k >= m.i-4 && s.toks[k].is(wAttrib); k-- {
				s.attrib = append(s.attrib, k)
			}
		}
	}
	return s.attrib
}

// negated reports whether the word at i is negated: "no agreement", "not
// interested", "yet to make an offer".
// prospectiveCap is the strongest stage a deal cue at toks[i] can report
// given the words just before it: a completed move that is only near ("close
// to joining": talks), wished for ("want to sign", "would only accept a move
// to": interest), possible
// ("could complete": speculation) or expected ("set to sign", "subject to a
// medical": agreed) has not happened.
func prospectiveCap(toks []token, i, start int) rumours.Stage {
	cap := rumours.Done
	if w := toks[i].lower; w == "joining" || w == "signing" || w == "moving" || w == "completing" {
		// "is joining Manchester United on loan": under way, not done
		if near(toks, i-2, i, "is", "are", "'s", "am", "now") {
			cap = rumours.Agreed
		}
	}
	// "is joining Brighton on loan from Barcelona": the loan the clause
	// speaks of is under way, whatever the later words call it
	for k := max(start, i-8); k+1 < i; k++ {
		if (toks[k].lower == "is" || toks[k].lower == "are") && (toks[k+1].lower == "joining" || toks[k+1].lower == "moving" || toks[k+1].lower == "heading") {
			cap = rumours.Agreed
		}
	}
	// "a move that would have made him Slot's first signing", "could have
	// joined Arsenal": what did not happen (not "would have to pay")
	for k := max(start, i-10); k+2 < i; k++ {
		if w := toks[k].lower; (w == "would" || w == "could" || w == "should" || w == "might") && toks[k+1].lower == "have" && toks[k+2].lower != "to" {
			cap = min(cap, rumours.Speculation)
		}
	}
	for k := i - 1; k >= start && k >= i-5; k-- {
		w := toks[k].lower
		next := ""
		if k+1 < len(toks) {
			next = toks[k+1].lower
		}
		switch {
		case toks[k].is(wWish) && (next == "to" || next == "in" || w == "want" || w == "wants" || w == "wanted"):
			// "want to sign", "in a bid to land", "wants Rice as his first signing"
			cap = min(cap, rumours.Interest)
		case w == "only" && k == i-1 && k > start && (toks[k-1].lower == "would" || toks[k-1].lower == "will"):
			// "he would only accept a move to Juventus": the player's
			// condition, what he wants, not an agreement
			cap = min(cap, rumours.Interest)
		case k < i-4:
			// only a wish reaches this far back
		case (w == "close" || w == "closer" || w == "closing" || w == "nearing" || w == "edging" || w == "edges" || w == "near") && (k >= i-3 || next == "to"):
			// ("close to finalising the signing of")
			cap = min(cap, rumours.Talks)
		case (w == "could" || w == "might" || w == "may" || w == "possible" || w == "potential") && k >= i-2:
			cap = min(cap, rumours.Speculation)
		case toks[k].is(wExpect) && (next == "to" || next == "of") || w == "will" || w == "awaiting" || w == "ahead" || w == "before" && k == i-1:
			cap = min(cap, rumours.Agreed)
		}
	}
	if w := toks[i].lower; w == "on" || w == "loan" || w == "mortgage" {
		// a loan the clause wishes for is the arrangement wanted, not one
		// made: "West Ham want Republic of Ireland striker Evan Ferguson,
		// 20, on loan from Brighton"
		for k := start; k < i; k++ {
			if toks[k].is(wWish) || toks[k].lower == "interested" {
				cap = min(cap, rumours.Interest)
			}
		}
	}
	return cap
}

// bidPrep are words that prepare a bid not yet made.
var bidPrep = []string{"preparing", "prepare", "prepares", "prepared", "getting", "considering", "consider", "considers", "weighing", "mulling", "ready", "plotting", "plot", "planning", "readying", "lining", "line", "lines"}

// wishVerbs and expectVerbs introduce a move that has not happened: "want
// to sign", "in a bid to land"; "set to join", "on the verge of completing".
var (
	wishVerbs   = set("want", "wants", "wanted", "hoping", "hope", "hopes", "plan", "plans", "planning", "aim", "aims", "aiming", "bid", "try", "trying", "tries", "looking", "keen", "eager", "ready", "prepared", "desperate", "determined", "push", "pushing", "attempt", "attempting", "seeking", "seek", "seeks", "willing")
	expectVerbs = set("set", "poised", "expected", "due", "about", "verge", "subject", "scheduled", "likely")
)

func negated(toks []token, i, start int) bool {
	for k := i - 1; k >= start && k >= i-2; k-- {
		switch toks[k].lower {
		case "no", "not", "never", "without", "n't", "nor", "nothing", "yet":
			return true
		}
	}
	if i-3 >= start && toks[i-3].lower == "yet" && toks[i-2].lower == "to" {
		return true
	}
	// a negated subject before the auxiliaries: "no bid has arrived", "no
	// agreement has yet been reached", "nothing has been signed"
	k := i - 1
	for k >= start && k >= i-4 && auxiliaries[toks[k].lower] {
		k--
	}
	if k == i-1 || k < start {
		return false
	}
	return toks[k].lower == "nothing" || toks[k].lower == "none" || k-1 >= start && toks[k-1].lower == "no"
}

// auxiliaries are the words between a subject and its verb that negated
// looks through: "no bid has (yet) (been) ...".
var auxiliaries = set("has", "have", "had", "been", "be", "is", "are", "was", "were", "yet")

// willNot reports whether the move cue at i is ruled out rather than not
// yet done: "will not be joining", "won't sign", "is not moving" (but not
// "has not joined yet", "is yet to sign").
func willNot(toks []token, i, start int) bool {
	for k := i - 1; k >= start && k >= i-3; k-- {
		switch toks[k].lower {
		case "yet":
			return false
		case "not", "n't":
			if k-1 < start {
				return false
			}
			switch toks[k-1].lower {
			case "will", "wo", "would", "is", "are", "'s", "'re", "'ll", "shall":
				return !near(toks, i+1, i+4, "yet")
			}
			return false
		}
	}
	return false
}

// blankListed marks clubs listed next to a blank ("linked with , Manchester
// United and Liverpool"): the list is unreliable, so none of it counts. It
// is found once per sentence, whose mentions are final when its clauses
// are related.
func (st *state) blankListed(s *sent) map[int]bool {
	if s.blanksDone {
		return s.blanks
	}
	s.blanksDone = true
	if !slices.ContainsFunc(s.ments, func(m mention) bool { return m.kind == mBlank }) {
		s.blanks = nil
		return nil // most sentences have no blank: no list of their clubs to make
	}
	var out map[int]bool // (most sentences have no blank listed)
	// a club listed with a blank starts at most 3 tokens after it, or ends
	// at most 3 before it (listJoined): each blank looks at the clubs
	// starting near it, in a list of the clubs by where they start
	var clubs []int
	span := 0 // the longest club mention
	for k, m := range s.ments {
		if m.kind == mClub {
			clubs = append(clubs, k)
			span = max(span, m.j-m.i)
		}
	}
	slices.SortFunc(clubs, func(a, b int) int { return s.ments[a].i - s.ments[b].i })
	for _, b := range s.ments {
		if b.kind != mBlank {
			continue
		}
		from, _ := slices.BinarySearchFunc(clubs, b.i-3-span, func(k, i int) int { return s.ments[k].i - i })
		for _, k := range clubs[from:] {
			m := s.ments[k]
			if m.i > b.i+3 {
				break
			}
			s.work++
			if m.i >= b.i && m.i-b.i <= 6 && listJoined(s.toks, b.i, m.i) || m.j <= b.i && b.i-m.j <= 3 && listJoined(s.toks, m.j, b.i) {
				if out == nil {
					out = map[int]bool{}
				}
				out[k] = true
			}
		}
	}
	s.blanks = out
	return out
}

var openerWords = set("with", "after", "despite", "following", "amid", "given", "without", "having")

var possessedTransfer = set("top", "main", "number", "defensive", "attacking", "prime", "summer", "january", "long-term", "second", "third", "first", "fourth", "fifth", "latest", "new", "repeated", "improved", "fresh", "opening", "initial", "record", "club-record", "reported", "pursuit", "attempts", "signing", "target", "targets", "move", "priority")

// crowdNouns follow a club without making it someone's employer: "presented
// to Paris Saint-Germain supporters".
var crowdNouns = set("fans", "supporters", "fanbase", "ultras", "crowd")

// arrivalVerbs are the cues that may send a player to the club the text is
// about when the clause names no destination.
var arrivalVerbs = set("joined", "joins", "arrived", "arrives", "signed", "came", "completed", "completes", "moved",
	"rejoined", "rejoins", "returned", "sealed", "agreed", "accomplished", "followed", "brought", "signing",
	"after", "having", "made", "was", "is", "are", "all", "has", "will", "set", "undergoing", "medical", "travel", "flew", "swapped",
	"move", "switch", "transfer", "deal", "loan", "on", "unveiled", "presented", "confirmed", "paying", "paid", "bought",
	"spending", "spent", "triggered", "triggering", "new", "first", "second", "third", "fourth", "club-record",
	"got", "introduced") // spun: "got here from", "introduced again"

// watchWords after "keep" make it a suitor's idiom: "keep watch", "keep
// tabs on", "keep an eye on", "keep track of".
var watchWords = set("watch", "tabs", "an", "track", "close", "a")

// bidOrdinal are the words between a club's possessive and its bid:
// "Tottenham's second offer", "Arsenal's improved bid".
var bidOrdinal = set("first", "second", "third", "fourth", "latest", "opening", "improved", "new", "fresh", "final", "initial", "formal", "official", "last")

// subjectPronoun are the pronouns that open a clause as its subject.
var subjectPronoun = set("he", "she", "they", "it", "we")

// wantsUnnamed reports whether the clause wants someone it does not name:
// "David Moyes wants reinforcements in the middle of the park", "Arteta
// needs a creative midfielder". The player the text was about is not him.
func wantsUnnamed(toks []token, cl [2]int) bool {
	for i := cl[0]; i+1 < cl[1]; i++ {
		switch toks[i].lower {
		case "wants", "want", "needs", "need", "seeking", "seek", "looking":
			switch toks[i+1].lower {
			case "a", "an", "another", "reinforcements", "new", "more", "cover", "for":
				return toks[i].lower != "looking" || toks[i+1].lower == "for"
			}
		}
	}
	return false
}

// incumbentNouns before "for" or "to" name the player already in the
// position: "cover for", "a replacement for", "successor to".
var incumbentNouns = set("cover", "replacement", "successor", "competition", "back-up", "backup", "understudy", "deputy", "rival")

var joinWords = set("join", "joins", "joined", "joining", "alongside", "partner", "partnering", "replace", "replacing", "replaced", "replaces", "succeed", "successor", "support", "supporting", "complement")

var opponentPrev = set("against", "v", "vs", "versus", "beat", "beating", "beaten", "thrashed", "humiliated", "eliminated", "face", "faces", "facing", "host", "hosts", "hosting", "visit", "visits", "overcame", "meet", "meets")

var opponentPrev2 = set("home to", "away at", "away to", "trip to", "defeat by", "defeat at", "defeat to", "lost to", "win at", "win over", "draw with", "draw at", "out by", "tie with", "game at", "game against", "opener at", "derby with", "loss to", "victory over", "final against", "winner against", "debut against", "beaten by", "knocked out", "start against", "starts against", "goal against", "lose to", "match against", "clash with", "trip to", "campaign at", "at home", "defeat against", "champions against", "by the")

// opponentPrev2ByLast has opponentPrev2's first words by its last word,
// for roleOf to look two words up without joining them.
var opponentPrev2ByLast = byLastWord(opponentPrev2)

// opponentPrev2Last are opponentPrev2's last words (wOpponentPrev2Last).
var opponentPrev2Last = lastWords(opponentPrev2)

// lastWords returns the set of the last words of two-word phrases.
func lastWords(phrases map[string]bool) map[string]bool {
	out := map[string]bool{}
	for p := range phrases {
		_, b, _ := strings.Cut(p, " ")
		out[b] = true
	}
	return out
}

// phrasesByLast are two-word phrases filed by their last word: a set of a
// few last words is scanned, where a map would hash the word first.
type phrasesByLast []lastWordPhrases

// lastWordPhrases are the first words of the phrases ending in last.
type lastWordPhrases struct {
	last   string
	firsts []string
}

// byLastWord files a set of two-word phrases by their last word.
func byLastWord(phrases map[string]bool) phrasesByLast {
	var out phrasesByLast
	for p := range phrases {
		a, b, _ := strings.Cut(p, " ")
		k := slices.IndexFunc(out, func(e lastWordPhrases) bool { return e.last == b })
		if k < 0 {
			k = len(out)
			out = append(out, lastWordPhrases{last: b})
		}
		out[k].firsts = append(out[k].firsts, a)
	}
	return out
}

// twoWords are two words as the phrase "a b", compared with phrases
// without joining them (roleOf).
type twoWords struct{ a, b string }

// is reports whether the words are the phrase p: a, a space and b.
func (t twoWords) is(p string) bool {
	return len(p) == len(t.a)+1+len(t.b) && p[len(t.a)] == ' ' && p[:len(t.a)] == t.a && p[len(t.a)+1:] == t.b
}

// in reports whether the words are a phrase of a set filed by byLastWord.
func (t twoWords) in(byLast phrasesByLast) bool {
	for k := range byLast {
		if byLast[k].last != t.b {
			continue
		}
		for _, a := range byLast[k].firsts {
			if a == t.a {
				return true
			}
		}
		return false
	}
	return false
}

// matchSentence reports whether a clause describes a match, not a transfer.
func matchSentence(toks []token, cl [2]int) bool {
	n := 0
	for i := cl[0]; i < cl[1]; i++ {
		if toks[i].is(wMatchWord) || strings.Count(toks[i].text, "-") == 1 && isScore(toks[i].text) {
			n++
		}
	}
	return n >= 2
}

// joinedPlayer reports whether m is the object of "join" or "alongside",
// alone or in a list: "he joins Neymar and Kylian Mbappé". In a sentence
// with many mentions the answer for each list position is kept (s.joined):
// each player of a long list walked back over the whole list before him.
func joinedPlayer(s *sent, m mention) bool {
	memo := s.index() != nil // (the sentence's mentions are final when its clauses are related)
	if memo && s.joined == nil {
		s.joined = make([]int8, len(s.toks))
	}
	var path []int // the list positions walked, to keep their answer
	answer := func(yes bool) bool {
		for _, i := range path {
			s.joined[i] = 1
			if yes {
				s.joined[i] = 2
			}
		}
		return yes
	}
	i := m.i
	for {
		s.work++
		if memo {
			if i < len(s.joined) && s.joined[i] != 0 {
				return answer(s.joined[i] == 2)
			}
			path = append(path, i)
		}
		if i == 0 {
			return answer(false)
		}
		if s.toks[i-1].is(wJoinWord) {
			return answer(true)
		}
		if i >= 2 && (s.toks[i-1].lower == "for" || s.toks[i-1].lower == "to") && incumbentNouns[s.toks[i-2].lower] {
			return answer(true) // "a striker to provide cover for Luis Suárez": the one he would back up
		}
		if i >= 2 && s.toks[i-1].lower == "for" && near(s.toks, max(i-9, 0), i-1, "received", "banked", "raised", "recouped", "proceeds") {
			return answer(true) // "the £142m they received from Barcelona for Philippe Coutinho": a sale that pays for the move
		}
		if i >= 2 && s.toks[i-1].lower == "from" && near(s.toks, max(i-3, 0), i-1, "money", "proceeds", "funds", "cash", "fee", "fees") {
			return answer(true) // "spend the money from Rodri and Antoine Griezmann on Joao Felix": sold, not bought
		}
		// step back over ", " or "and" to the previous player of a list
		j := i - 1
		for j >= 0 && (s.toks[j].lower == "," || s.toks[j].lower == "and") {
			j--
		}
		if j == i-1 || j < 0 {
			return answer(false)
		}
		k := mentionAt(s, j)
		if k < 0 || s.ments[k].kind != mPlayer {
			return answer(false)
		}
		i = s.ments[k].i
	}
}

// listIntroAt returns where the first list introduction of a clause stands
// ("an attack that already includes ..."), cl[1] if none: the players after
// it are not what the clause is about.
func listIntroAt(toks []token, cl [2]int) int {
	for k := cl[0]; k < cl[1]; k++ {
		if toks[k].is(wListIntro) {
			return k
		}
	}
	return cl[1]
}

// nearestPlayers returns the player mentions of the sentence closest to the
// clause, in dst's array (emptied).
func nearestPlayers(dst []mention, s *sent, cl [2]int, beforeOnly bool) []mention {
	best, bestD := -1, 1<<30
	s.work += len(s.ments)
	for k, m := range s.ments {
		if m.kind != mPlayer || beforeOnly && m.i >= cl[1] {
			continue
		}
		d := cl[0] - m.j
		if m.i >= cl[1] {
			d = m.i - cl[1] + 2 // prefer players before the clause
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best < 0 {
		return nil
	}
	return append(dst[:0], s.ments[best])
}

// pickPlayers chooses which of the clause's players a destination club
// belongs to: all of them when the club leads the clause ("Real Madrid ...
// bringing in Hazard ... as well as Jovic"), else the nearest.
// The list of all of them, their names once each, is written in buf's array
// (the workspace's, emptied).
func pickPlayers(buf *[]mention, toks []token, players []mention, club mention) []mention {
	if len(players) <= 1 {
		return players
	}
	before := true
	for _, p := range players {
		if p.i < club.i {
			before = false
		}
	}
	if before {
		out := (*buf)[:0]
		for _, p := range players {
			if !slices.ContainsFunc(out, func(q mention) bool { return q.name == p.name }) {
				out = append(out, p)
			}
		}
		*buf = out[:0]
		return out
	}
	best, bestD := 0, 1<<30
	for k, p := range players {
		d := club.i - p.j
		if d < 0 {
			d = p.i - club.j + 1
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	// "Blaise Matuidi and Gonzalo Higuaín both left Juventus for Inter
	// Miami": the nearest player and those coordinated with him
	lo, hi := best, best+1
	for lo > 0 && coordinated(toks, players[lo-1], players[lo]) {
		lo--
	}
	for hi < len(players) && coordinated(toks, players[hi-1], players[hi]) {
		hi++
	}
	return players[lo:hi]
}

// coordinated reports whether two player mentions are joined by "and" or a
// comma: "Matuidi and Higuaín".
func coordinated(toks []token, a, b mention) bool {
	if a.ref || b.ref || b.i <= a.j || b.i-a.j > 7 {
		return false
	}
	k := a.j
	for k < b.i && (toks[k].lower == "and" || toks[k].lower == ",") {
		k++
	}
	if k == a.j {
		return false
	}
	// the second may come with its description: "Willy Boly and Atletico
	// Madrid left-back Renan Lodi"
	role := false
	for ; k < b.i; k++ {
		t := toks[k]
		role = role || t.is(wRoleNoun)
		if !(t.upper && !t.punct || t.is(wRoleNoun) || t.is(wNation) || isAge(t.lower) || t.lower == "'s") {
			return false
		}
	}
	return b.i-a.j <= 2 || role
}
