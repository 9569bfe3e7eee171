package extract

// Finding clubs, players, outlets, people and references in sentences.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"transferbot/rumours/gazetteer"
)

// findEntities finds the outlets cited as sources, blanked club names,
// clubs, known players, non-players and unknown players in one sentence.
func (st *state) findEntities(s *sent) {
	toks := s.toks
	used := st.ws.usedFor(len(toks))
	st.findOutlets(s, used) // outlets.go
	// blanks left by stripped links: "linked with , United", "from in 2013"
	for _, i := range s.slots {
		s.ments = append(s.ments, mention{kind: mBlank, i: int(i), j: int(i)})
	}
	// clubs and players, longest match first
	maxN := max(st.x.g.MaxAliasTokens(), 4)
	// (the capitalised words, where a name starts, from the sentence's
	// list: next is the token after the last name found)
	next := 0
	for _, c := range s.caps {
		i := int(c)
		if i < next || used[i] {
			continue
		}
		best, bestN, bestKind := -1, 0, mClub
		var cands []int
		run := 1 // names are runs of capitalised words, particles and "&"
		for i+run < len(toks) && run < maxN && (toks[i+run].upper || toks[i+run].is(wParticle) || toks[i+run].text == "&" || isDigits(toks[i+run].text)) {
			run++
		}
		// the filters' hash of each span from i (spanHash), each from the
		// one before: the spans are the run's prefixes
		st.ws.spanHashes = appendSpanHashes(st.ws.spanHashes[:0], toks[i:i+min(run, len(toks)-i)])
		for n := min(run, len(toks)-i); n >= 1; n-- {
			if spanHasPunct(toks[i:i+n]) || anyUsed(used, i, i+n) {
				continue
			}
			h := st.ws.spanHashes[n-1]
			if !st.x.names.mayHaveHash(h) {
				continue
			}
			// the span's folded words, joined in the workspace's buffer:
			// f is only looked up and compared, so it does not escape, and
			// a short one is made on the stack, not the heap
			st.ws.key = appendFold(st.ws.key[:0], toks[i:i+n])
			f := string(st.ws.key)
			if n == 1 && f == "derby" && i+1 < len(toks) && derbyOf[toks[i+1].lower] {
				continue // "the Derby della Mole", "Derby d'Italia": a match, not Derby County
			}
			var cs []int
			if st.x.clubNames.mayHaveHash(h) {
				cs = st.x.g.ClubsShared(f) // (read only, kept in m.cands)
			}
			// (AmbiguousAlias(f), from the clubs in hand)
			if ambiguous := len(cs) > 1 || len(cs) > 0 && st.x.g.FlaggedAmbiguous(f); len(cs) > 0 && !(n == 1 && weakClubWord[f] && !st.namedAny(cs) && !cityHeading(s, toks, i, f)) &&
				!(n == 1 && ambiguous && i+1 < len(toks) && toks[i+1].upper && !toks[i+1].punct && spunSuffix[toks[i+1].text] == "") {
				// ("United States" is not Manchester United)
				best, bestN, bestKind, cands = cs[0], n, mClub, cs
				if ambiguous {
					best = -1
				}
				break
			}
			if p, np := st.x.g.PlayerFor(f); np > 0 && !nonPlayers[f] {
				if i > 0 && staffTitles[toks[i-1].lower] {
					break // "sporting director Sebastian Kehl", "manager Frank Lampard": a former player, now staff (a person, below)
				}
				if n == 1 && (!st.singleTokenPlayer(p, np, f) || startsName(toks, i+1) || i > 0 && startsName(toks, i-1) && !used[i-1]) {
					continue // "Florentino Pérez" is not the player Florentino, nor "San Diego Wave" Diego
				}
				if n == 1 && st.register[f] != "" && st.register[f] != st.x.g.Players[p].Name {
					continue // "Ivan" after "Ivan Toney" is Toney, not the player Ivan
				}
				best, bestN, bestKind, cands = p, n, mPlayer, nil
				break
			}
		}
		if bestN == 0 && run >= 3 && i+2 < len(toks) && !spanHasPunct(toks[i:i+3]) && !anyUsed(used, i, i+3) {
			// a middle name the gazetteer lacks: "Idrissa Gana Gueye"
			if f := toks[i].fold + " " + toks[i+2].fold; st.x.names.mayHave(f) {
				if p, np := st.x.g.PlayerFor(f); np > 0 && !nonPlayers[f] {
					best, bestN, bestKind = p, 3, mPlayer
				}
			}
		}
		if bestN == 0 && i+3 < len(toks) && isQuote(toks[i+1].text) {
			// a nickname in quotes between the names: Claudio "El
			// Diablito" Echeverri
			for k := i + 2; k < len(toks) && k <= i+5; k++ {
				if !isQuote(toks[k].text) {
					continue
				}
				if k+1 < len(toks) && toks[k+1].upper && !toks[k+1].punct && !anyUsed(used, i, k+2) {
					if f := toks[i].fold + " " + toks[k+1].fold; st.x.names.mayHave(f) {
						if p, np := st.x.g.PlayerFor(f); np > 0 && !nonPlayers[f] {
							best, bestN, bestKind = p, k+2-i, mPlayer
						}
					}
				}
				break
			}
		}
		if bestN > 0 && bestKind == mClub && i+bestN < len(toks) && spunSuffix[toks[i+bestN].text] != "" {
			// machine-reworded names: "Manchester Joined" is Manchester United
			f := joinFold(toks[i:i+bestN]) + " " + spunSuffix[toks[i+bestN].text]
			if cs := st.x.g.ClubsShared(f); len(cs) > 0 {
				best, cands = cs[0], cs
				bestN++
			}
		}
		if bestN == 0 {
			continue
		}
		m := mention{kind: bestKind, i: i, j: i + bestN}
		if bestKind == mClub {
			if best >= 0 {
				m.name = st.x.g.Clubs[best].Name
				st.named[m.name]++
			} else {
				m.cands = cands
				if i > 0 && toks[i-1].is(wPlacePrep) && bestN == 1 {
					m.placed = true
				}
			}
		} else {
			m.name = st.x.g.Players[best].Name
			st.registerPlayer(m.name)
		}
		s.ments = append(s.ments, m)
		markUsed(used, i, i+bestN)
		next = i + bestN
	}
	// people: known non-players, staff introduced by title, and unknown
	// players the text introduces as players.
	next = 0
	for _, c := range s.caps {
		i := int(c)
		if i < next || used[i] || toks[i].is(wStopCaps) {
			continue
		}
		j := i
		for j < len(toks) && j-i < 3 && !used[j] && !toks[j].punct && (toks[j].upper || toks[j].is(wParticle) && j > i) && !toks[j].is(wStopCaps) {
			j++
		}
		for j > i+1 && toks[j-1].is(wParticle) {
			j--
		}
		if j == i {
			continue
		}
		full := joinFold(toks[i:j])
		last := toks[j-1].fold
		typo := ""
		registered := st.register[full] != ""
		// whether full is a non-player's, a person's or a coach's name
		// (unless registered): asked once for the test of a slip and the
		// cases below, each only if those before it are not
		var nonPlayer, person, coach bool
		if !registered {
			nonPlayer = nonPlayers[full]
			person = !nonPlayer && st.persons[full]
			coach = !nonPlayer && !person && st.coach(full, j-i)
		}
		if j-i >= 2 && !registered && !nonPlayer && !person && !coach && !(i > 0 && staffIntro(toks, i)) {
			// (a coach's name is his, not a slip: "David Moyes" is not
			// David Moses; nor is a president's: "Benfica president Rui
			// Costa" is not Gui Costa)
			typo = st.typoOf(full)
		}
		switch {
		case typo != "":
			// "Pierre-Emerick Aubamayang": a known player's name with one slip
			s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: j, name: typo})
			st.registerPlayer(typo)
		case registered:
			// a player registered from another sentence; resolved later
		case nonPlayer || nonPlayers[last] && j-i <= 2 || person || st.persons[last] || coach:
			s.ments = append(s.ments, mention{kind: mPerson, i: i, j: j, name: full})
			st.persons[full] = true
		case i > 0 && staffIntro(toks, i):
			s.ments = append(s.ments, mention{kind: mPerson, i: i, j: j, name: full})
			st.persons[full] = true
			st.persons[last] = true
		case (j-i >= 2 || i > 0 && toks[i-1].is(wRoleNoun)) && playerIntro(toks, i, j) && !sentenceStartWord(toks, i, j):
			name := joinText(toks[i:j])
			if ps := st.x.g.PlayersBySurnameShared(full); j-i == 1 && len(ps) == 1 {
				name = st.x.g.Players[ps[0]].Name // "Napoli target Vlahovic": the one Vlahović
			}
			s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: j, name: name})
			st.registerPlayer(name)
		default:
			continue
		}
		markUsed(used, i, j)
		next = j
	}
	sortMentions(s)
}

// coach reports whether the name folded to full, of n words, is a club
// coach's in the gazetteer's people table: his full name, or his surname
// alone when no other coach has it.
func (st *state) coach(full string, n int) bool {
	if n > 3 || !st.x.personNames.mayHave(full) {
		return false
	}
	_, ok := st.x.g.CoachOf(full)
	return ok
}

// typoOf returns the known player whose full name or surname is one slip
// (a letter left out, added, replaced or two swapped) from the folded name
// of several words ("Pierre-Emerick Aubamayang", "Oxlade Chamberlin"), ""
// when none or more than one is. One word alone is not tried: too many
// capitalised words ("Colombia", "Algeria") are a slip from some surname.
func (st *state) typoOf(folded string) string {
	ps := st.x.g.PlayersNear(folded)
	if len(ps) != 1 {
		return ""
	}
	name := st.x.g.Players[ps[0]].Name
	base, _, _ := strings.Cut(name, " (") // "Luis Suárez (born 1998)"
	words, typed := strings.Count(gazetteer.Fold(base), " ")+1, strings.Count(folded, " ")+1
	if typed != words && typed != words-1 {
		return "" // neither the full name's slip nor the surname's
	}
	return name
}

// managersForClubs reads a manager's name as his club, which he speaks and
// acts for: "Arteta wants Rice", "Jesse Marsch has brought in Tyler Adams",
// "Pep Guardiola made it clear he was no longer first choice". His club is
// the one the text gives him ("Mourinho's Roma"), else the one he coached on
// the article's date by the records' tenures, else (undated, or after the
// tenures end) the coach table's latest if the article names that club. Where
// the text introduces him with his club ("Leeds head coach Jesse Marsch"),
// he stays a person: the club is already there. The roles decide what the
// club is to the move; requiring a verb of wanting first (tried) lost more
// links than it saved.
func (st *state) managersForClubs() {
	club := map[string]string{} // folded name and surname -> club
	for _, s := range st.sents {
		for k, m := range s.ments {
			if m.kind == mPerson && m.j+1 < len(s.toks) && s.toks[m.j].lower == "'s" {
				// "Mourinho's Roma": the text names his club
				if c := mentionAt(s, m.j+1); c >= 0 && s.ments[c].kind == mClub && s.ments[c].name != "" {
					club[m.name] = s.ments[c].name
					if f := strings.Fields(m.name); len(f) > 1 {
						club[f[len(f)-1]] = s.ments[c].name
					}
				}
			}
			if m.kind != mPerson || m.i < 2 || !s.toks[m.i-1].is(wStaffNoun) {
				continue
			}
			if c := mentionAt(s, m.i-2); c >= 0 && c != k && s.ments[c].kind == mClub && s.ments[c].name != "" {
				club[m.name] = s.ments[c].name
				if f := strings.Fields(m.name); len(f) > 1 {
					club[f[len(f)-1]] = s.ments[c].name
				}
			}
		}
	}
	for _, s := range st.sents {
		for k, m := range s.ments {
			if m.kind != mPerson || m.i > 0 && s.toks[m.i-1].is(wStaffNoun) && clubBefore(s, m.i-1) {
				// ("Leeds head coach Jesse Marsch": the club is there;
				// "New coach Nuri Sahin" names none, so he stands for his)
				continue
			}
			c := club[m.name]
			if c == "" && s.year > 0 {
				// a sentence of years back ("Barcelona paid a huge fee for
				// him in 2009, but his relationship with Pep Guardiola broke
				// down"): the manager is who he was then, not a club's
				// voice now
				continue
			}
			if c == "" && !st.a.Published.IsZero() {
				// the club he coached then, by the records' tenures
				c, _ = st.x.g.CoachAt(m.name, st.a.Published)
			}
			if c == "" && (st.a.Published.IsZero() || st.a.Published.Year() >= coachRecordYear) {
				// undated: his latest club, if the article names it
				if t, ok := st.x.g.CoachOf(m.name); ok && st.named[t] > 0 {
					c = t
				}
			}
			if c != "" {
				j := m.j
				if j+1 < len(s.toks) && s.toks[j].lower == "'s" && teamNouns[s.toks[j+1].lower] {
					j += 2 // "Klopp's side" is the club as a whole
				}
				s.ments[k] = mention{kind: mClub, i: m.i, j: j, name: c, ref: true}
			}
		}
	}
}

// teamNouns after a manager's possessive name his team: "Klopp's side".
var teamNouns = set("side", "team", "men", "outfit", "club", "charges", "squad")

// coachRecordYear is the first year the exports' coach records (their
// latest season) may describe; before it only the hand-written tenures do.
const coachRecordYear = 2024

// singleTokenPlayer reports whether a one-word match may stand for a player
// (first of the n the gazetteer files under f): a mononym ("Neymar",
// "Casemiro") or a nickname ("Chicharito").
//
// A mononym several players share is the one who bears it bare, whom the
// press means by it ("Pedro", not "Pedro (Centre-Forward)"), when the
// gazetteer files him first.
func (st *state) singleTokenPlayer(first, n int, f string) bool {
	p := &st.x.g.Players[first]
	if n != 1 {
		return !p.Minor && !strings.ContainsAny(p.Name, " (") && st.x.g.FoldedName(first) == f
	}
	return !strings.Contains(strings.TrimSpace(p.Name), " ") || st.x.g.FoldedName(first) != f
}

// registerPlayer makes later surname, first-name and full-name mentions of
// name resolve to it.
func (st *state) registerPlayer(name string) {
	if name != "" && name == st.ws.lastRegistered {
		return
	}
	st.ws.lastRegistered = name
	keys := st.ws.registerKeys(name)
	if st.ws.registered == nil {
		st.ws.registered = newWordFilter(128)
	}
	for _, k := range keys {
		st.ws.registered.add(k)
	}
	st.register[keys[0]] = name
	for _, k := range keys[1:] {
		if old, ok := st.register[k]; ok && old != name {
			st.register[k] = "" // two players share it: ambiguous
			continue
		}
		st.register[k] = name
	}
}

// registerKeys returns the keys registerPlayer files name under: its
// folded form, then its last and first word, the surname with its particle
// and the name without its first word. They are kept for the next articles:
// the same players come again and again.
func (ws *workspace) registerKeys(name string) []string {
	if keys, ok := ws.keysOf[name]; ok {
		return keys
	}
	f := gazetteer.Fold(name)
	if f == name {
		f = strings.Clone(f) // already folded, maybe the article's text: not kept alive
	}
	keys := []string{f}
	if parts := strings.Fields(f); len(parts) >= 2 {
		keys = append(keys, parts[len(parts)-1], parts[0])
		if len(parts) >= 3 && particle[parts[len(parts)-2]] {
			keys = append(keys, strings.Join(parts[len(parts)-2:], " "))
		}
		if len(parts) >= 3 {
			keys = append(keys, strings.Join(parts[1:], " "))
		}
	}
	if len(ws.keysOf) >= maxRegistered {
		clear(ws.keysOf)
	}
	ws.keysOf[strings.Clone(name)] = keys
	return keys
}

// maxRegistered bounds the names whose keys a workspace keeps.
const maxRegistered = 4096

// findShortNames resolves surname, first-name and heading mentions of
// players named elsewhere in the article, and references such as "he".
func (st *state) findShortNames(s *sent) {
	toks := s.toks
	used := st.ws.usedFor(len(toks))
	for _, m := range s.ments {
		markUsed(used, m.i, max(m.j, m.i))
	}
	next := 0 // (the capitalised words from the sentence's list, as in findEntities)
	for _, c := range s.caps {
		i := int(c)
		if i < next || used[i] {
			continue
		}
		// the spans' hashes (spanHash), each carried on from the one before
		var hashArr [3]uint32
		hashes := appendSpanHashes(hashArr[:0], toks[i:i+min(3, len(toks)-i)])
		for n := min(3, len(toks)-i); n >= 1; n-- {
			if anyUsed(used, i, i+n) || spanHasPunct(toks[i:i+n]) {
				continue
			}
			var name string
			f := toks[i].fold
			if !st.ws.registered.mayHaveHash(hashes[n-1]) {
				// not a key of register
			} else if n == 1 {
				name = st.register[f]
			} else {
				// the span's key joined in the workspace's buffer: a map
				// lookup of string(bytes) makes no string
				st.ws.key = appendFold(st.ws.key[:0], toks[i:i+n])
				name = st.register[string(st.ws.key)]
			}
			if name == "" && n == 1 && (s.header || s.idx == 0 || i == 0 && s.item >= 0) && (allCaps(toks[i]) || !startsName(toks, i+1) && !(i > 0 && startsName(toks, i-1))) {
				// (a word of a longer name is not a surname alone: "San
				// Diego Wave", "Paris Holy person-Germain"; in a heading in
				// capitals every word looks like a name: "WILSHERE ON THE
				// MOVE")
				p := st.star(st.x.g.PlayersBySurnameShared(f))
				if ps := st.x.firstNames[f]; p < 0 && len(ps) == 1 {
					p = ps[0] // "LAUTARO:"
				}
				if p >= 0 {
					name = st.x.g.Players[p].Name
					st.registerPlayer(name)
				}
			}
			if name == "" {
				continue
			}
			s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: i + n, name: name})
			markUsed(used, i, i+n)
			next = i + n
			break
		}
	}
	sortMentions(s)
}

// star returns the player of ps a surname alone names: the only one, or
// the one whose market value dwarfs his namesakes' ("PHILLIPS" over an
// item in 2024 is Kalvin Phillips, worth €50m at his peak, not Shaun
// Wright-Phillips, €32m);
// -1 if none stands out.
func (st *state) star(ps []int) int {
	if len(ps) == 1 {
		return ps[0]
	}
	best, second := -1, 0
	for _, p := range ps {
		v := st.x.g.Players[p].Value
		if best < 0 || v > st.x.g.Players[best].Value {
			if best >= 0 {
				second = max(second, st.x.g.Players[best].Value)
			}
			best = p
		} else {
			second = max(second, v)
		}
	}
	if best < 0 || st.x.g.Players[best].Value < starValue || 2*st.x.g.Players[best].Value < 3*second {
		return -1
	}
	return best
}

// A star is worth starValue million euros or more at his peak, and half as
// much again as his most valuable namesake.
const starValue = 15

// resolveClubs picks the club an ambiguous alias ("United", "Inter", "Real")
// stands for: the candidate named most recently, else the one the article
// names in full most often, else the press default (the first candidate).
func (st *state) resolveClubs(s *sent) {
	out := s.ments[:0]
	for k, m := range s.ments {
		if m.kind == mClub && m.name == "" {
			if m.placed {
				continue
			}
			// "Inter" alone is Inter Milan: the press writes Inter Miami in
			// full, unless a story about Inter Miami (named in full twice)
			// has named it before and Inter Milan not yet ("Jordi Alba
			// completes Inter Miami move ... to join Inter this month")
			if joinFold(s.toks[m.i:m.j]) == "inter" && !st.aboutInterMiami() {
				if ci, ok := st.x.g.ClubByName("Inter Milan"); ok {
					m.name = st.x.g.Clubs[ci].Name
					out = append(out, m)
					continue
				}
			}
			// a city's name used as its club's ("Milan's quiet summer",
			// "from city rivals Milan") is the club the press means by it;
			// only a place ("flew to Milan for his medical") takes the
			// candidate the text is about
			if pressCity(joinFold(s.toks[m.i:m.j])) && !(m.i > 0 && cityPrep[s.toks[m.i-1].lower]) {
				m.name = st.x.g.Clubs[m.cands[0]].Name
				out = append(out, m)
				continue
			}
			// the candidate named most recently, in this sentence or before
			// (where in the sentences before, st.recentAt says)
		recency:
			for r := k - 1; r >= 0; r-- {
				s.work++
				e := s.ments[r]
				if e.kind != mClub || e.name == "" {
					continue
				}
				for _, c := range m.cands {
					if st.x.g.Clubs[c].Name == e.name {
						m.name = e.name
						break recency
					}
				}
			}
			if m.name == "" {
				// (in a roundup's item, only the clubs the item named: the
				// United of the item before is another story's)
				latest := -1
				if s.item >= 0 {
					if first, ok := st.itemFirst()[s.item]; ok {
						latest = first - 1
					}
				}
				for _, c := range m.cands {
					if at, ok := st.recentAt[st.x.g.Clubs[c].Name]; ok && at > latest {
						m.name, latest = st.x.g.Clubs[c].Name, at
					}
				}
			}
			bestN := 0
			for _, c := range m.cands {
				if m.name != "" {
					break
				}
				if n := st.named[st.x.g.Clubs[c].Name]; n > bestN {
					m.name, bestN = st.x.g.Clubs[c].Name, n
				}
			}
			if m.name == "" {
				m.name = st.sameCountry(m.cands)
			}
			if m.name == "" {
				def := st.x.g.Clubs[m.cands[0]].Name
				if !defaultOK(joinFold(s.toks[m.i:m.j])) {
					continue
				}
				m.name = def
			}
		}
		out = append(out, m)
	}
	s.ments = out
	s.mentionsMoved()
}

// aboutInterMiami reports whether the text so far is about Inter Miami: it
// names it in full at least twice, and has named it and not Inter Milan by
// now (st.recentAt holds the clubs named up to the sentence being read).
func (st *state) aboutInterMiami() bool {
	_, miami := st.recentAt["Inter Miami"]
	_, milan := st.recentAt["Inter Milan"]
	return miami && !milan && st.named["Inter Miami"] >= 2
}

// sameCountry returns the candidate club from the country whose clubs the
// article names in full most often (at least twice), or "": "Al-Ahli" in a
// page about Al-Hilal and Al-Nassr is the Saudi club.
func (st *state) sameCountry(cands []int) string {
	if st.countries == nil {
		st.countries = map[string]int{}
		for name, n := range st.named {
			if ci, ok := st.x.g.ClubByName(name); ok && st.x.g.Clubs[ci].Country != "" {
				st.countries[st.x.g.Clubs[ci].Country] += n
			}
		}
	}
	best, bestN := "", 1
	for _, c := range cands {
		club := st.x.g.Clubs[c]
		if n := st.countries[club.Country] - st.named[club.Name]; club.Country != "" && n > bestN {
			best, bestN = club.Name, n
		}
	}
	return best
}

// pressCity lists the cities whose name alone, used as a club's, means one
// club in the press: "Milan" is AC Milan (Inter is "Inter").
func pressCity(f string) bool {
	return f == "milan"
}

// cityPrep are the words before a city's name that make it a place.
var cityPrep = set("in", "to", "into", "at", "near", "around", "outside", "via")

// defaultOK lists ambiguous aliases whose press default is safe to assume
// when the article does not name a candidate in full.
func defaultOK(f string) bool {
	switch f {
	case "inter", "madrid", "milan", "miami", "paris", "real", "atletico", "united", "city", "juve", "barca", "spurs", "al ahli":
		return true
	}
	return false
}

// namedAny reports whether one of clubs has been named in full earlier in the
// article: then a weak short form ("City", "Sport") is that club, not a word.
func (st *state) namedAny(clubs []int) bool {
	for _, c := range clubs {
		if st.named[st.x.g.Clubs[c].Name] > 0 {
			return true
		}
	}
	return false
}

// clubRefs resolves "the club", "the Catalan club" and "the German
// champions" to the latest club mentioned (of that country, if one is named).
func (st *state) clubRefs(s *sent, recent []string) []string {
	toks := s.toks
	var added []mention
	k := 0
	// a sentence with no word of clubRefStart has no reference past "They":
	// the loop goes on from its first token to its last, for the clubs
	// named to join recent
	noRefs := s.flags&wClubRef == 0
	for i := 0; i < len(toks); i++ {
		for k < len(s.ments) && s.ments[k].i <= i {
			if m := &s.ments[k]; m.kind == mClub && !(m.j < len(toks) && (toks[m.j].is(wRoleNoun) || toks[m.j].is(wNation))) {
				recent = append(recent, m.name) // not "the Barcelona midfielder"
			}
			k++
		}
		if i == 0 && toks[0].text == "They" && len(recent) > 0 {
			// the club leading the sentence before: "Chelsea are not
			// finished. They have agreed a fee with Fiorentina ..."
			if c := st.ledBy(s.idx - 1); c != "" {
				added = append(added, mention{kind: mClub, i: 0, j: 1, name: c, ref: true})
			} else if st.focusClub != "" {
				added = append(added, mention{kind: mClub, i: 0, j: 1, name: st.focusClub, ref: true})
			}
			continue
		}
		if noRefs {
			if i < len(toks)-1 {
				i = len(toks) - 2
			}
			continue
		}
		// (a club reference's second word is a demonym, a region, a
		// filler or its noun, all of clubRefStart: most "the" are followed
		// by none)
		if toks[i].lower != "the" || i+1 >= len(toks) || !toks[i+1].is(wClubRef) || mentionAt(s, i+1) >= 0 {
			continue
		}
		if c, ok := demonymCountry[toks[i+1].lower]; ok {
			for r := len(recent) - 1; r >= 0 && r >= len(recent)-8; r-- {
				if ci, ok := st.x.g.ClubByName(recent[r]); ok && st.x.g.Clubs[ci].Country == c {
					added = append(added, mention{kind: mClub, i: i, j: i + 2, name: recent[r], ref: true})
					break
				}
			}
			i++
			continue
		}
		j, country := i+1, ""
		for j < len(toks) && j-i <= 3 {
			if c, ok := regionCountry[toks[j].lower]; ok {
				country = c
				j++
				continue
			}
			if clubRefFillers[toks[j].lower] {
				j++
				continue
			}
			break
		}
		if j >= len(toks) || !clubRefNouns[toks[j].lower] || j+1 < len(toks) && (toks[j+1].is(wStaffNoun) || toks[j+1].lower == "'s" && j+2 < len(toks) && toks[j+2].is(wStaffNoun)) {
			continue
		}
		if country == "" && toks[j].lower != "club" && toks[j].lower != "side" {
			continue
		}
		if country == "" && i == 0 && s.first {
			// "The club have already brought in ..." opening a paragraph
			// goes back to the club the article is about, the one it names
			// most, not the last one named
			if c := st.mostNamed(recent); c != "" {
				added = append(added, mention{kind: mClub, i: i, j: j + 1, name: c, ref: true})
				i = j
				continue
			}
		}
		for r := len(recent) - 1; r >= 0 && r >= len(recent)-8; r-- {
			if country != "" {
				if ci, ok := st.x.g.ClubByName(recent[r]); !ok || st.x.g.Clubs[ci].Country != country {
					continue
				}
			}
			added = append(added, mention{kind: mClub, i: i, j: j + 1, name: recent[r], ref: true})
			break
		}
		i = j
	}
	if len(added) > 0 {
		s.ments = append(s.ments, added...)
		sortMentions(s)
	}
	return recent
}

// ledBy returns the club that leads sentence idx as its subject, "" if
// none does or there is no such sentence.
func (st *state) ledBy(idx int) string {
	if idx < 0 || idx >= len(st.sents) {
		return ""
	}
	return st.sents[idx].leadClub()
}

// leadClub returns the club that leads s as its subject ("Chelsea are not
// finished."), "" if none does.
func (s *sent) leadClub() string {
	if len(s.ments) == 0 || s.ments[0].kind != mClub || s.ments[0].i > 1 || s.ments[0].name == "" {
		return ""
	}
	if j := s.ments[0].j; j < len(s.toks) && (s.toks[j].is(wRoleNoun) || s.toks[j].lower == "'s") {
		return "" // "Chelsea defender Kurt Zouma", "Chelsea's offer"
	}
	return s.ments[0].name
}

// mostNamed returns the club of recent the article names most, if it names
// it in full three times or more, else "".
func (st *state) mostNamed(recent []string) string {
	best, bestN := "", 2
	for _, c := range recent {
		if n := st.named[c]; n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

// scan reads what later stages ask of all of a sentence's tokens, in one
// pass over them (a token is a line of the cache; each pass over an
// article's tokens costs as much as a few lookups per token): the union of
// their flags (sent.flags); the blank slots findEntities marks
// (sent.slots); the tokens later loops visit, instead of every token: the
// capitalised words names start at (sent.caps), the words addRefs reads
// (sent.refs), clauses (sent.clauseAt), clauseCues (sent.cueAt) and
// clauseFactsOf (sent.factAt), and those a citation may start at
// (sent.outletAt); and a year before the article's own that the sentence
// mentions (sent.year): a completed move then is career history. y is the
// article's year, if it is dated.
func (st *state) scan(s *sent, dated bool, y int) {
	// years: a token ends in "years", as one must where the text has
	// "years " (a word ends at a space; a sentence's tokens are cut from
	// its text or joined with spaces into it, and a heading retokenised
	// in title case has no lower-case letter): most sentences have none,
	// and are not searched
	years := false
	toks := s.toks
	for i := range toks {
		s.flags |= toks[i].flags
		// a blank left by a stripped link ("linked with , United",
		// "from in 2013") follows a comma or a word of blankBefore, or
		// opens the sentence: the test rules out the other words quickly
		if i+1 < len(toks) && (i == 0 || toks[i].is(wBlankBefore|wComma)) && isBlankSlot(toks, i) {
			s.slots = appendCarved(&st.ws.slots, s.slots, int32(i+1))
		}
		if toks[i].upper && !toks[i].punct {
			s.caps = appendCarved(&st.ws.caps, s.caps, int32(i))
		}
		if toks[i].is(wRefWord) {
			s.refs = appendCarved(&st.ws.caps, s.refs, int32(i))
		}
		if toks[i].is(wClauseWord) {
			s.clauseAt = appendCarved(&st.ws.caps, s.clauseAt, int32(i))
		}
		if toks[i].is(wCue | wCueSpecial) {
			s.cueAt = appendCarved(&st.ws.caps, s.cueAt, int32(i))
		}
		if toks[i].is(wFactWord) {
			s.factAt = appendCarved(&st.ws.caps, s.factAt, int32(i))
		}
		// (the tokens findOutlets reads: a bracket, a unit's first word, "the",
		// and a word that may start an outlet's name)
		if t := &toks[i]; t.text == "(" || i == 0 || toks[i-1].is(wUnitMark) || t.lower == "the" || !t.punct && (t.upper || t.is(wOutletLowerFirst)) {
			s.outletAt = appendCarved(&st.ws.caps, s.outletAt, int32(i))
		}
		if !dated {
			continue
		}
		// (most words are ruled out by their length or last byte)
		switch w := s.toks[i].text; {
		case len(w) == 4:
			if isDigits(w) { // (Atoi's error for a word costs an allocation)
				if n, err := strconv.Atoi(w); err == nil && n >= 1950 && n < y {
					s.year = n
				}
			}
		case !years && len(w) >= 5 && w[len(w)-1] == 's':
			years = strings.HasSuffix(w, "years")
		}
	}
	if dated && years && strings.Contains(s.text, "years ") && (strings.Contains(s.text, "years ago") || strings.Contains(s.text, "years earlier")) {
		s.year = y - 2
	}
	if dated && s.flags&wAs != 0 && asYouth(s.text) {
		s.youth = true
		if s.year == 0 {
			s.year = y - 5
		}
	}
}

// asYouth reports whether text dates something by the player's youth ("who
// joined the Gunners from Southampton as a teenager", "released by
// Arsenal's academy as a 15-year-old"): a move then is years back, however
// the article is dated.
func asYouth(text string) bool {
	for rest := text; ; {
		i := strings.Index(rest, " as a ")
		if i < 0 {
			return false
		}
		rest = rest[i+len(" as a "):]
		w := rest[:strings.IndexFunc(rest+" ", func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == ';' || r == ')' })]
		switch strings.ToLower(w) {
		case "teenager", "teen", "youngster", "boy", "schoolboy", "child", "kid", "trainee", "youth":
			return true
		}
		if age, ok := strings.CutSuffix(w, "-year-old"); ok && len(age) == 2 && isDigits(age) && age < "20" {
			return true
		}
	}
}

// addRefs adds implicit player mentions for "he", "the midfielder", "the
// 28-year-old", "the Brazilian" and records "the Rennes midfielder" as the
// player's current club.
func (st *state) addRefs(s *sent, focus, last string) {
	toks := s.toks
	// the nearest person or player named before each token decides what "he"
	// refers to; "the midfielder" always refers to the latest player.
	if last == "" {
		last = focus
	}
	pronoun, nominal := focus, last
	k := 0
	orig := len(s.ments)
	// the mentions added below cover tokens before i: those found before
	// (or their index) answer mentionAt for i and after (asked of all of
	// them, or rebuilding the index after each addition, a page of
	// pronouns cost the square of its sentences' length)
	cover := s.index()
	at := func(i int) int {
		if cover != nil {
			return coveredBy(cover, i)
		}
		return firstCovering(s.ments[:orig], i, &s.work)
	}
	// see reads the mentions found before, up to token i: the person or
	// player named last
	see := func(i int) {
		for k < orig && s.ments[k].i <= i {
			switch m := &s.ments[k]; m.kind {
			case mPlayer:
				pronoun, nominal = m.name, m.name
				st.seePlayer(m.name)
			case mPerson:
				pronoun = ""
			}
			k++
		}
	}
	// the words below, from the sentence's list of them (most words are
	// none): next is the token after the last reference added
	next := 0
	for _, r := range s.refs {
		i := int(r)
		if i < next {
			continue
		}
		see(i)
		focus := nominal
		t := toks[i].lower
		switch {
		case t == "he" || t == "him" || t == "his" || t == "himself":
			if pronoun == "" {
				continue // refers to the manager or owner just named
			}
			if at(i) < 0 {
				s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: i + 1, name: pronoun, ref: true})
			}
		case focus == "":
			continue
		case t == "the" && i+1 < len(toks):
			j := i + 1
			club := ""
			if k := at(j); k >= 0 && s.ments[k].kind == mClub {
				club = s.ments[k].name
				j = s.ments[k].j
			}
			for j < len(toks) && (toks[j].is(wNation) || isAge(toks[j].lower)) && j-i < 4 {
				j++
			}
			if j < len(toks) && toks[j].is(wRoleNoun) && toks[j].lower != "target" {
				j++
			} else if j == i+1 || club != "" {
				continue
			} else if j < len(toks) && !toks[j].punct && !auxVerbs[toks[j].lower] && !(toks[j-1].upper && nationNouns[toks[j-1].lower]) {
				continue // "the Spanish capital", "the Catalan club"
			}
			if j < len(toks) && toks[j].upper && !toks[j].punct && at(j) >= 0 {
				continue // "the Brazil winger Bernard": a name follows
			}
			if p := st.playerOfClub(club); p != "" {
				focus = p // "the Real Madrid captain": the recent player who plays there
			}
			focus = st.describedPlayer(toks[i+1:j], focus)
			if club != "" && st.current[focus] == "" {
				st.current[focus] = club
			}
			s.ments = append(s.ments, mention{kind: mPlayer, i: i, j: j, name: focus, ref: true})
			st.seePlayer(focus)
			next = j
		}
	}
	if next < len(toks) {
		see(len(toks) - 1) // the mentions after the last word read (up to its end, if a reference ends the sentence)
	}
	sortMentions(s)
}

// playerOfClub returns the most recently mentioned of the last few players
// whose club (as the text or the record has it) is club, "" if none or club
// is "".
func (st *state) playerOfClub(club string) string {
	if club == "" {
		return ""
	}
	for r := len(st.recent) - 1; r >= 0 && r >= len(st.recent)-6; r-- {
		if st.currentClub(st.recent[r]) == club {
			return st.recent[r]
		}
	}
	return ""
}

// seePlayer records that the text has just mentioned a player. Only the
// latest maxRecentPlayers players are kept: describedPlayer looks at the
// last 6, which dropping older ones leaves as they were, and a page naming
// thousands of players made the walk over all of them quadratic.
func (st *state) seePlayer(name string) {
	for i, p := range st.recent {
		if p == name {
			st.recent = append(st.recent[:i], st.recent[i+1:]...)
			break
		}
	}
	if len(st.recent) == maxRecentPlayers {
		st.recent = append(st.recent[:0], st.recent[1:]...)
	}
	st.recent = append(st.recent, name)
}

// containsLower is strings.Contains(strings.ToLower(s), sub), without the
// lower-cased copy when s is ASCII (as the gazetteer's positions are).
func containsLower(s, sub string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Contains(strings.ToLower(s), sub)
		}
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		k := 0
		for k < len(sub) {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[k] {
				break
			}
			k++
		}
		if k == len(sub) {
			return true
		}
	}
	return false
}

// maxRecentPlayers is how many players seePlayer remembers.
const maxRecentPlayers = 8

// describedPlayer picks which recently mentioned player a description such as
// "the 34-year-old centre-back" fits, using the gazetteer's positions and
// birth years, and skipping players of another nationality than the one the
// description names ("the England midfielder"); def when no player fits
// better.
func (st *state) describedPlayer(desc []token, def string) string {
	age, pos, nat := 0, "", ""
	for i := range desc {
		t := &desc[i]
		if isAge(t.lower) {
			n, _, _ := strings.Cut(t.lower, "-") // (SplitN(..., 2)[0], without its slice)
			age, _ = strconv.Atoi(n)
		}
		// (the flags rule out most words before the maps: positionOf's
		// words are role nouns, nationCountry's nations)
		if t.is(wRoleNoun) {
			if p := positionOf[t.lower]; p != "" {
				pos = p
			}
		}
		if t.is(wNation) {
			if c := nationCountry[t.lower]; c != "" {
				nat = c
			}
		}
	}
	if age == 0 && pos == "" || st.a.Published.IsZero() && pos == "" {
		return def
	}
	for r := len(st.recent) - 1; r >= 0 && r >= len(st.recent)-6; r-- {
		name := st.recent[r]
		idx, ok := st.playerByName(name)
		if !ok {
			continue
		}
		pl := st.x.g.Players[idx]
		if pos != "" && pl.Position != "" && !containsLower(pl.Position, pos) {
			continue
		}
		if nat != "" && pl.Nationality != "" && pl.Nationality != nat {
			continue
		}
		if age > 0 && pl.Born > 0 && !st.a.Published.IsZero() {
			if d := st.a.Published.Year() - pl.Born - age; d < -1 || d > 1 {
				continue
			}
		}
		if pos != "" && pl.Position == "" && !(age > 0 && pl.Born > 0) {
			continue // nothing to check him against
		}
		return name
	}
	return def
}

// positionOf maps the words of a description to the gazetteer's positions
// (Transfermarkt's: "Centre-Back", "Central Midfield", "Centre-Forward", ...).
var positionOf = map[string]string{
	"defender": "back", "centre-back": "centre-back", "center-back": "centre-back", "centre-half": "centre-back",
	"full-back": "back", "left-back": "left-back", "right-back": "right-back", "wing-back": "back", "stopper": "back",
	"midfielder": "midfield", "playmaker": "midfield", "schemer": "midfield", "regista": "midfield",
	"striker": "forward", "centre-forward": "centre-forward", "frontman": "forward", "hitman": "forward", "marksman": "forward",
	"winger": "winger", "goalkeeper": "goalkeeper", "keeper": "goalkeeper", "shot-stopper": "goalkeeper",
}

var blankBefore = set("to", "with", "from", "at", "the", "and", "for", "joined", "joining", "join", "between")

var placePrep = set("in", "from", "around", "across", "near", "outside", "of")

// clubBefore reports whether a club is named just before the staff noun
// at i: "Leeds head coach", "Bologna coach".
func clubBefore(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if c := mentionAt(s, k); c >= 0 && s.ments[c].kind == mClub {
			return true
		}
	}
	return false
}

// isQuote reports whether w is a quotation mark.
func isQuote(w string) bool {
	return w == "\"" || w == "“" || w == "”" || w == "'" || w == "‘" || w == "’"
}

// derbyOf are the words after "Derby" in the names of matches.
var derbyOf = set("della", "di", "del", "de", "d'italia", "d", "of", "day")

// weakClubWord are one-word aliases too common to trust on their own.
// cityHeading reports whether "City" at i is a heading of its own ("CITY"
// over a roundup item, in a derby preview): a club, whichever City the
// text is about, where "city" in prose is mostly the town. (The other weak
// words are the papers' headings in paper talk: "THE SUN", "MIRROR".)
func cityHeading(s *sent, toks []token, i int, f string) bool {
	return f == "city" && len(toks) <= 2 && (s.header || i == 0)
}

var weakClubWord = set("sport", "sports", "standard", "mirror", "record", "times", "sun", "express", "star", "independent", "national", "union", "olympic", "academy", "club", "city", "the")

var particle = set("de", "van", "der", "den", "di", "da", "dos", "das", "del", "della", "le", "la", "ter", "von", "el", "al", "bin", "mac", "du", "'t")

// stopCaps are capitalised words that never start or continue a person's name.
var stopCaps = set("the", "a", "an", "and", "but", "he", "his", "him", "they", "their", "it", "its", "in", "on", "at", "for",
	"with", "from", "to", "of", "by", "after", "before", "if", "as", "when", "while", "this", "that", "these", "those", "there",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
	"may", "june", "july", "august", "september", "october", "november", "december", "premier", "league", "champions",
	"europa", "cup", "world", "euro", "serie", "liga", "laliga", "bundesliga", "ligue", "mls", "fa", "uefa", "fifa", "cas",
	"super", "copa", "america", "nations", "conference", "division", "championship", "scudetto", "ballon", "or",
	"golden", "glove", "boot", "instead", "meanwhile", "however", "elsewhere", "indeed", "also", "read", "more", "photo",
	"caption", "getty", "images", "reuters", "afp", "pa", "epa", "live", "transfer", "news", "gossip", "paper", "talk",
	"talks", "done", "confirmed", "update", "twist", "welcome", "good", "morning", "first", "big", "and", "finally",
	"sources", "source", "reports", "report", "according", "spanish", "english", "french", "italian", "german",
	"portuguese", "dutch", "brazilian", "argentine", "major", "soccer", "qatari", "saudi", "sir", "president", "coach",
	"manager", "boss", "chief", "executive", "director", "owner", "captain", "midfielder", "striker", "defender", "forward",
	"winger", "goalkeeper", "club", "clubs", "city", "united", "real", "eastern", "western", "southern", "northern",
	"stadium", "arena", "park", "ground", "road", "lane", "cottage", "whatsapp", "instagram", "twitter", "facebook",
	"youtube", "tiktok", "bbc", "sky", "espn", "nba", "nfl", "mlb", "olympiastadion", "wanda", "metropolitano",
	"press", "radio", "tv", "video", "video assistant", "var", "covid", "coronavirus", "ligue 1", "serie a", "europe",
	"european", "africa", "asia", "madrid", "london", "paris", "milan", "munich", "turin", "barcelona", "manchester",
	"liverpool", "lisbon", "istanbul", "miami", "florida", "catalonia", "brittany", "bavaria", "merseyside")

// staffTitles are the jobs before a name that make it a person's, even one
// the gazetteer has as a player: players who became coaches and directors
// ("Chelsea manager Frank Lampard", "sporting director Sebastian Kehl").
// Not "agent": a "free agent" is a player.
var staffTitles = set("coach", "manager", "boss", "president", "chairman", "owner", "co-owner", "director", "ceo",
	"chief", "executive", "supremo", "scout", "spokesman", "vice-president", "director-general", "caretaker", "interim")

// staffIntro reports whether the name at i is introduced as a non-player:
// "coach Julien Stéphan", "president Florentino Pérez".
func staffIntro(toks []token, i int) bool {
	p := toks[i-1].lower
	if toks[i-1].is(wStaffNoun) && p != "academy" && p != "fans" && p != "supporters" && p != "website" && p != "statement" && p != "stadium" {
		return true
	}
	return p == "singer" || p == "singers" || p == "rapper" || p == "actor" || p == "minister" || p == "prime" || p == "referee" || p == "brother" || p == "father" || p == "son" || p == "wife"
}

// playerIntro reports whether the capitalised span [i,j) is presented as a
// footballer: after a position ("midfielder Thomas Partey"), as the object of
// a transfer ("the signing of", "a bid for"), or as the subject of one
// ("Kurt Zouma also came in on loan").
func playerIntro(toks []token, i, j int) bool {
	if i > 0 {
		p := toks[i-1].lower
		if toks[i-1].is(wRoleNoun) || p == "signing" || p == "sign" || p == "signed" || p == "for" || p == "on" || p == "in" && i > 1 && toks[i-2].lower == "interest" || p == "about" || p == "over" || p == "with" && i > 1 && toks[i-2].lower == "terms" {
			return !(p == "for" || p == "on" || p == "over" || p == "in") || i > 1 && toks[i-2].is(wTransferNoun)
		}
		if toks[i-1].is(wNation) && i > 1 && toks[i-2].is(wRoleNoun) {
			return true
		}
	}
	if j < len(toks) {
		n := toks[j].lower
		n2 := ""
		if j+1 < len(toks) {
			n2 = toks[j+1].lower
		}
		switch n {
		case "has", "have", "had", "is", "was":
			return playerVerb[n2] || n2 == "completed" || n2 == "joined" || n2 == "signed" || n2 == "undergoing" || n2 == "agreed"
		case "joined", "completed", "signed", "arrived", "left", "rejoins", "joins", "completes", "signs", "also":
			return n != "also" || playerVerb[n2]
		case ",":
			return isAge(n2) || strings.HasPrefix(n2, "2") || strings.HasPrefix(n2, "3") && len(n2) == 2
		case "'s":
			return playerPossessed[n2]
		}
	}
	return false
}

var bidNoun = set("bid", "bids", "offer", "offers", "approach", "approaches", "proposal", "enquiry", "enquiries", "interest", "supply", "advances", "competition")

var transferNoun = set("bid", "offer", "move", "deal", "interest", "talks", "fee", "loan", "swoop", "approach", "agreement", "race", "pursuit", "enquiry", "moves", "bids", "offers", "clause")

var playerVerb = set("joined", "completed", "signed", "arrived", "left", "came", "moved", "undergoing", "agreed", "been", "handed", "rejoined", "returned", "followed")

var playerPossessed = set("contract", "agent", "representatives", "camp", "entourage", "move", "arrival", "departure", "future", "release", "deal", "signing", "transfer", "exit", "father", "people", "wages", "medical")

// isBlankSlot reports whether a club name was removed between tokens i and
// i+1: "linked with , United", "arrived from in 2013".
func isBlankSlot(toks []token, i int) bool {
	a, b := toks[i].lower, toks[i+1].lower
	if i == 0 && a == "'s" {
		return true // "'s Ousmane Dembélé"
	}
	if len(b) > 4 {
		return false // none of the words below
	}
	// a preposition, article or list separator followed directly by
	// punctuation or another separator
	if (b == "," || b == "." || b == "and" && a != "and" || b == "in" && a == "from" || b == "'s") && toks[i].is(wBlankBefore) {
		return true
	}
	if a == "," && (b == "," || b == "and" && i+2 < len(toks) && (toks[i+2].lower == "had" || toks[i+2].lower == "all" || toks[i+2].lower == "have")) {
		return true
	}
	if (a == "," || a == "and") && (b == "had" || b == "all" || b == "have") && i > 0 && !toks[i-1].punct {
		return false
	}
	return i == 0 && a == "'s"
}
