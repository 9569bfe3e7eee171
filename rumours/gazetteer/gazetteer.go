// Package gazetteer is the embedded list of football clubs and players that
// the rumour extractor uses to find club and player names in news text, and
// that the bot uses to resolve the names people type.
//
// The data lives in data/*.tsv and is embedded in the binary:
//
//   - clubs.tsv (generated): openfootball's clubs under their common English
//     press names ("Bayern Munich", "Inter Milan", "Lyon"), with aliases,
//     plus the clubs of the transfers list that openfootball lacks.
//   - clubs_extra.tsv (hand-written): big clubs openfootball lacks (Monaco,
//     Al Nassr, Zenit Saint Petersburg, Flamengo, Boca Juniors, ...).
//   - nicknames.tsv (hand-written): press nicknames and metonyms ("Los
//     Blancos", "the Old Lady", "Old Trafford"), and the aliases that are
//     ambiguous alone ("Inter", "United", "Madrid") with every candidate club.
//   - players.tsv (generated): every player of the 2019/20-2021/22 moves in
//     and out of the five big European leagues, with his moves, and the
//     players of 32 leagues in the Transfermarkt exports of April 2024 and
//     June 2026, with nationality and the moves their clubs then imply.
//   - players_extra.tsv (hand-written): players the transfers list lacks,
//     player nicknames ("Chicharito", "CR7", "Il Pipita") and the big moves
//     of 2022-2025 with their dates.
//   - people.tsv (generated): club head coaches from the Transfermarkt club
//     exports (see CoachOf), each for the one season of its record.
//   - people_extra.tsv (hand-written): the tenures of the big clubs' head
//     coaches since 2011, so that "Wenger's side" in a 2017 article is
//     Arsenal (see CoachAt).
//
// The generated files come from internal/gen (see its package comment); the
// hand-written ones are never overwritten by it.
//
// All lookups take folded text (see Fold). Load parses the data once and
// shares the result, which callers must treat as read-only.
package gazetteer

//go:generate go run ./internal/gen -shared ../../../shared -out data

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"transferbot/rumours/gazetteer/internal/datafile"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Data file names inside the embedded data directory.
const (
	ClubsFile        = "clubs.tsv"
	ClubsExtraFile   = "clubs_extra.tsv"
	NicknamesFile    = "nicknames.tsv"
	PlayersFile      = "players.tsv"
	PlayersExtraFile = "players_extra.tsv"
	PeopleFile       = "people.tsv"
	PeopleExtraFile  = "people_extra.tsv"
)

// Club is a club under its canonical name: the common English press name,
// accents kept, without legal suffixes ("Arsenal", "Atlético Madrid").
// Aliases are the other names it goes by, nicknames included; Country is
// empty for clubs known only from the transfers list.
type Club struct {
	Name    string
	Country string
	Aliases []string
}

// Move is one move of a player between two clubs (canonical names). From or
// To is empty when the player had no club on that side (free agent, retired,
// youth system or unknown). Loan marks a loan; EndOfLoan marks the return
// from one.
//
// Date is the day the move took effect where known (returns from loan, the
// hand-written moves); for the moves of the transfers list, which only give
// the window, it is the day after that transfer window closed (for example
// 1 September 2021 for the 2021 summer window), so a player counts as at his
// old club while a move is being negotiated and reported. For a move that
// the Transfermarkt exports only bracket (seen at one club, later at
// another), Date is the day after the last window it can have happened in
// closed and Earliest the day after the first.
type Move struct {
	Date      time.Time
	From, To  string
	Loan      bool
	EndOfLoan bool
	// Earliest is zero, or the earliest date the move can have taken
	// effect when the sources only bracket it (a player seen at one club in
	// one Transfermarkt export and at another in a later one); Date is then
	// the latest.
	Earliest time.Time
}

// Player is a footballer under his full name as the press writes it, accents
// kept. When players share a name, the one the press means by it keeps the
// bare name and the others carry their position or approximate birth year in
// parentheses: "Pedro (Centre-Forward)", "Luis Suárez (born 1998)". Aliases
// are nicknames and other spellings ("Chicharito"). Moves are in date order.
// Born is an approximate birth year (0 if unknown) and Position his position
// as Transfermarkt gives it ("Centre-Back"; may be empty).
type Player struct {
	Name     string
	Aliases  []string
	Moves    []Move
	Born     int
	Position string
	// Nationality is the country he plays for or holds citizenship of, in
	// English ("England", "Brazil", "South Korea"); empty when unknown.
	Nationality string
	// Minor marks a player known only by his full name: PlayersBySurname
	// does not return him, and a one-word name or alias of his is not
	// looked up (see the generator's rule for who is minor).
	Minor bool
	// Value is the highest market value Transfermarkt gave him, in
	// millions of euros; 0 when unknown. It tells namesakes apart: fans
	// who write "Dembélé" mean the one worth most.
	Value int
}

// Person is someone who is not a player but stands for a club in the news:
// for now the head coaches (managers) of the Transfermarkt exports' clubs.
// Club is a canonical club name and Season the year the season of the record
// starts (2025 for 2025/26): coaches change, so the record says when it held.
type Person struct {
	Name   string
	Role   string // "coach"
	Club   string
	Season int
	// Until is the last season of a tenure the hand-written record gives
	// (people_extra.tsv); 0 for a record of one season.
	Until int
}

// holds reports whether the record covers the season that starts in
// season (2017 for 2017/18).
func (p Person) holds(season int) bool {
	return season >= p.Season && season <= max(p.Season, p.Until)
}

// Gazetteer holds the clubs and players with indexes over their folded names.
// It is read-only once loaded and safe for concurrent use.
type Gazetteer struct {
	Clubs   []Club
	Players []Player
	People  []Person

	clubIdx      map[string][]int // folded name or alias -> clubs, preferred first
	clubByName   map[string]int   // exact canonical name -> club
	ambiguous    map[string]bool  // folded aliases flagged ambiguous by hand
	venue        map[string]bool  // folded stadium metonyms
	playerIdx    nameIndex        // folded full name or alias -> players
	surnameIdx   nameIndex        // folded surname -> players
	playerByName map[string]int   // exact name -> player
	personIdx    map[string][]int // folded full name -> people
	personSurIdx map[string][]int // folded surname -> people
	maxTokens    int

	// the folded names of Players and People, by index, computed once
	// (FoldedName, coachRecords): the extractor compares them with names
	// in the text again and again
	playerFold, peopleFold []string

	nearOnce sync.Once // builds near on the first PlayersNear
	near     nearIndex

	strs map[string]string // interned strings, while loading
}

var loadOnce = sync.OnceValues(func() (*Gazetteer, error) { return parse(dataFS) })

// Load returns the gazetteer parsed from the embedded data. The data is parsed
// on the first call; later calls return the same *Gazetteer, which callers
// must not modify.
func Load() (*Gazetteer, error) { return loadOnce() }

// parse reads the six data files from fsys and builds the indexes.
func parse(fsys fs.FS) (*Gazetteer, error) {
	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, "data/"+name)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		return b, nil
	}
	g := &Gazetteer{
		clubIdx:      map[string][]int{},
		clubByName:   map[string]int{},
		ambiguous:    map[string]bool{},
		venue:        map[string]bool{},
		playerIdx:    newNameIndex(0),
		surnameIdx:   newNameIndex(0),
		playerByName: map[string]int{},
		personIdx:    map[string][]int{},
		personSurIdx: map[string][]int{},
	}
	for _, name := range []string{ClubsFile, ClubsExtraFile} {
		b, err := read(name)
		if err != nil {
			return nil, err
		}
		rows, err := datafile.ParseClubs(b)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %s: %w", name, err)
		}
		for _, r := range rows {
			if _, dup := g.clubByName[r.Name]; dup {
				return nil, fmt.Errorf("gazetteer: %s: club %q defined twice", name, r.Name)
			}
			g.clubByName[r.Name] = len(g.Clubs)
			g.Clubs = append(g.Clubs, Club{Name: r.Name, Country: r.Country, Aliases: r.Aliases})
		}
	}
	b, err := read(NicknamesFile)
	if err != nil {
		return nil, err
	}
	nicks, err := datafile.ParseNicknames(b)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %s: %w", NicknamesFile, err)
	}
	if err := g.indexClubs(nicks); err != nil {
		return nil, err
	}
	for _, name := range []string{PlayersFile, PlayersExtraFile} {
		b, err := read(name)
		if err != nil {
			return nil, err
		}
		if len(g.Players) == 0 {
			g.sizePlayers(bytes.Count(b, []byte{'\n'}))
		}
		if err := datafile.ScanPlayers(b, g.addPlayer); err != nil {
			return nil, fmt.Errorf("gazetteer: %s: %w", name, err)
		}
	}
	g.sortMoves()
	g.strs = nil
	g.indexPlayers()
	for _, name := range []string{PeopleFile, PeopleExtraFile} {
		b, err = read(name)
		if err != nil {
			return nil, err
		}
		people, err := datafile.ParsePeople(b)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %s: %w", name, err)
		}
		if err := g.addPeople(name, people); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// addPeople adds the people table and indexes it by full name and surname.
func (g *Gazetteer) addPeople(file string, rows []datafile.Person) error {
	for _, r := range rows {
		if _, ok := g.clubByName[r.Club]; !ok {
			return fmt.Errorf("gazetteer: %s: %q names unknown club %q", file, r.Name, r.Club)
		}
		i := len(g.People)
		g.People = append(g.People, Person{Name: r.Name, Role: r.Role, Club: r.Club, Season: r.Season, Until: r.Until})
		g.peopleFold = append(g.peopleFold, Fold(r.Name))
		if k := g.peopleFold[i]; k != "" {
			g.personIdx[k] = append(g.personIdx[k], i)
		}
		for _, k := range surnames(r.Name) {
			g.personSurIdx[k] = append(g.personSurIdx[k], i)
		}
	}
	return nil
}

// indexClubs indexes nicknames first, so that the club a nickname lists first
// is the first candidate, then every club's canonical name and aliases.
func (g *Gazetteer) indexClubs(nicks []datafile.Nickname) error {
	for i, nk := range nicks {
		key := Fold(nk.Alias)
		if key == "" {
			return fmt.Errorf("gazetteer: %s: nickname %d %q folds to nothing", NicknamesFile, i+1, nk.Alias)
		}
		for _, c := range nk.Clubs {
			ci, ok := g.clubByName[c]
			if !ok {
				return fmt.Errorf("gazetteer: %s: nickname %q names unknown club %q", NicknamesFile, nk.Alias, c)
			}
			g.addClubKey(key, ci)
		}
		for _, k := range withoutArticle(key) {
			if nk.Ambiguous {
				g.ambiguous[k] = true
			}
			if nk.Venue {
				g.venue[k] = true
			}
		}
		for _, c := range nk.Clubs {
			ci := g.clubByName[c]
			g.Clubs[ci].Aliases = appendNew(g.Clubs[ci].Aliases, nk.Alias)
		}
	}
	for ci, c := range g.Clubs {
		g.addClubKey(Fold(c.Name), ci)
		for _, a := range c.Aliases {
			if k := Fold(a); k != "" {
				g.addClubKey(k, ci)
			}
		}
	}
	return nil
}

// addClubKey adds club ci under key and, for keys starting with "the", under
// the key without it ("the gunners" and "gunners").
func (g *Gazetteer) addClubKey(key string, ci int) {
	for _, k := range withoutArticle(key) {
		if !slices.Contains(g.clubIdx[k], ci) {
			g.clubIdx[k] = append(g.clubIdx[k], ci)
		}
		g.maxTokens = max(g.maxTokens, tokens(k))
	}
}

// withoutArticle returns key and, if key starts with "the " and has more
// after it, key without the article.
func withoutArticle(key string) []string {
	if rest, ok := strings.CutPrefix(key, "the "); ok && rest != "" {
		return []string{key, rest}
	}
	return []string{key}
}

func tokens(key string) int { return strings.Count(key, " ") + 1 }

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// sizePlayers makes room for about n players.
func (g *Gazetteer) sizePlayers(n int) {
	g.Players = make([]Player, 0, n+n/50)
	g.playerByName = make(map[string]int, n)
	g.playerIdx = newNameIndex(n)
}

// intern returns the one copy of a short repeated string (a position, a
// nationality) kept by the loader. Every string the loader keeps is a copy
// or an interned one, so that the lines of the data files it was cut from
// can be freed.
func (g *Gazetteer) intern(s string) string {
	if t, ok := g.strs[s]; ok {
		return t
	}
	if g.strs == nil {
		g.strs = map[string]string{}
	}
	s = strings.Clone(s)
	g.strs[s] = s
	return s
}

// addPlayer converts a parsed player row. A row whose name is already known
// (players_extra.tsv adding to players.tsv) adds its aliases and moves to
// that player, and its birth year, position and nationality replace the
// estimates. Every club a move names must be a canonical club name.
func (g *Gazetteer) addPlayer(r datafile.Player) error {
	pi, ok := g.playerByName[r.Name]
	if !ok {
		name := strings.Clone(r.Name)
		pi = len(g.Players)
		g.playerByName[name] = pi
		g.Players = append(g.Players, Player{Name: name})
	}
	p := &g.Players[pi]
	for _, a := range r.Aliases {
		if !slices.Contains(p.Aliases, a) {
			p.Aliases = append(p.Aliases, strings.Clone(a))
		}
	}
	if r.Born != 0 {
		p.Born = r.Born // hand-written rows come later and know better
	}
	if r.Position != "" {
		p.Position = g.intern(r.Position)
	}
	if r.Nationality != "" {
		p.Nationality = g.intern(r.Nationality)
	}
	p.Minor = p.Minor || r.Minor
	p.Value = max(p.Value, r.Value)
	if p.Moves == nil {
		p.Moves = make([]Move, 0, len(r.Moves))
	}
	club := func(c string) (string, error) {
		if c == "" {
			return "", nil
		}
		ci, ok := g.clubByName[c]
		if !ok {
			return "", fmt.Errorf("gazetteer: player %q: move names unknown club %q", r.Name, c)
		}
		return g.Clubs[ci].Name, nil
	}
	for _, m := range r.Moves {
		from, err := club(m.From)
		if err != nil {
			return err
		}
		to, err := club(m.To)
		if err != nil {
			return err
		}
		mv := Move{Date: m.Date, From: from, To: to, Loan: m.Kind == datafile.KindLoan, EndOfLoan: m.Kind == datafile.KindEndOfLoan, Earliest: m.Earliest}
		if !slices.Contains(p.Moves, mv) {
			p.Moves = append(p.Moves, mv)
		}
	}
	return nil
}

// sortMoves puts every player's moves in date order. Stable: moves on the
// same day keep the order the files give them.
func (g *Gazetteer) sortMoves() {
	for i := range g.Players {
		slices.SortStableFunc(g.Players[i].Moves, func(a, b Move) int { return a.Date.Compare(b.Date) })
	}
}

// isParticle reports whether the folded word belongs to a surname when it
// precedes the surname's last word: "de Jong", "van Dijk", "ter Stegen",
// "Di María", "van der Sar".
func isParticle(w string) bool {
	switch w {
	case "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du",
		"van", "von", "ter", "ten", "le", "la", "lo", "mac", "st", "el", "al",
		"ben", "bin", "dal", "dalla", "des", "op", "het", "y":
		return true
	}
	return false
}

// indexPlayers builds the full-name, alias and surname indexes. Full names
// are indexed first, so that a player called exactly what was asked comes
// before namesakes with a disambiguation and players with such an alias.
// A minor player is indexed by his names of two words or more only, and not
// by surname; no one is indexed by a surname that is an English function
// word.
func (g *Gazetteer) indexPlayers() {
	add := func(k string, pi int) {
		if k == "" || g.Players[pi].Minor && !strings.Contains(k, " ") {
			return
		}
		g.playerIdx.add(k, pi)
		g.maxTokens = max(g.maxTokens, tokens(k))
	}
	g.playerFold = make([]string, len(g.Players))
	for pi, p := range g.Players {
		g.playerFold[pi] = Fold(p.Name)
		add(g.playerFold[pi], pi)
	}
	for pi, p := range g.Players {
		base := baseName(p.Name)
		add(Fold(base), pi)
		for _, a := range p.Aliases {
			add(Fold(a), pi)
		}
		if p.Minor {
			continue
		}
		names := []string{base}
		for _, a := range p.Aliases {
			if len(strings.Fields(a)) == 2 { // "Leo Messi", "Il Pipita", "Heung-min Son"
				names = append(names, a)
			}
		}
		for _, n := range names {
			for _, k := range surnames(n) {
				if !functionWord(k) {
					g.surnameIdx.add(k, pi)
				}
			}
		}
	}
}

// functionWord reports whether the folded word is an English function word
// ("in", "can", "do"): a surname like that ("Sodavid In", "Emre Can") is not
// looked up alone, since a capitalised one starts countless sentences.
func functionWord(w string) bool {
	switch w {
	case "a", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "do", "for", "go", "had", "has", "he",
		"her", "him", "his", "how", "i", "if", "in", "is", "it", "its", "may", "me", "my", "new", "no", "not", "now", "of",
		"off", "on", "one", "or", "our", "out", "own", "see", "she", "so", "the", "to", "too", "two", "up", "us", "was",
		"we", "who", "why", "yes", "yet", "you", "all":
		return true
	}
	return false
}

// baseName drops a trailing parenthesised disambiguation: "Luis Suárez
// (born 1998)" -> "Luis Suárez".
func baseName(name string) string {
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		return name[:i]
	}
	return name
}

// surnames returns the folded surname keys of a full name: the last word;
// the last word with the particles before it ("de jong", "van der sar");
// and a hyphenated last word whole as well as its last part
// ("wan bissaka" and "bissaka"). A one-word name is its own surname, and a
// generational suffix is not one ("Vinícius Júnior" -> "vinicius"). In a
// two-word name ending in a Korean given name the surname is the first word
// ("Son Heung-min" -> "son").
func surnames(name string) []string {
	words := strings.Fields(name)
	if n := len(words); n > 1 {
		switch Fold(words[n-1]) {
		case "jr", "junior", "sr":
			words = words[:n-1]
		}
	}
	if len(words) == 0 {
		return nil
	}
	if len(words) == 2 && koreanGiven(words[1]) {
		return []string{Fold(words[0])} // "Son Heung-min": the family name comes first
	}
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	last := Fold(words[len(words)-1])
	if parts := strings.Fields(last); len(parts) > 1 {
		add(parts[len(parts)-1])
	}
	add(last)
	// Particles: never take the first word (the given name) into the surname.
	sur := last
	for i := len(words) - 2; i >= 1; i-- {
		w := Fold(words[i])
		if !isParticle(w) {
			break
		}
		sur = w + " " + sur
		add(sur)
	}
	return out
}

// koreanGiven reports whether w is written like a Korean given name, its
// syllables joined by hyphens with the later ones in lower case
// ("Heung-min", "Kang-in"), unlike double surnames ("Wan-Bissaka").
func koreanGiven(w string) bool {
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts[1:] {
		r, _ := utf8.DecodeRuneInString(p)
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// ClubsFor returns the indexes into Clubs of the clubs whose canonical name
// or any alias folds to folded, the reading the press usually means first.
// More than one result means the name is ambiguous; nil means unknown.
func (g *Gazetteer) ClubsFor(folded string) []int {
	return slices.Clone(g.clubIdx[folded])
}

// ClubsShared is ClubsFor without the copy: the slice is the gazetteer's
// own and must not be changed. The extractor asks it of every span of
// capitalised words that may be a club, and only reads the answer.
func (g *Gazetteer) ClubsShared(folded string) []int {
	return g.clubIdx[folded]
}

// HasClub reports whether folded is the name or an alias of some club,
// without copying the list as len(ClubsFor(folded)) > 0 would.
func (g *Gazetteer) HasClub(folded string) bool {
	return len(g.clubIdx[folded]) > 0
}

// AmbiguousAlias reports whether folded names a club only with the help of
// context: it belongs to several clubs ("inter", "united", "real",
// "madrid") or is flagged ambiguous in nicknames.tsv.
func (g *Gazetteer) AmbiguousAlias(folded string) bool {
	return g.ambiguous[folded] || len(g.clubIdx[folded]) > 1
}

// FlaggedAmbiguous reports whether folded is flagged ambiguous in
// nicknames.tsv: AmbiguousAlias for a caller that holds ClubsShared(folded)
// already, without looking the clubs up again.
func (g *Gazetteer) FlaggedAmbiguous(folded string) bool {
	return g.ambiguous[folded]
}

// VenueAlias reports whether folded is a stadium used as a metonym for its
// club ("old trafford", "camp nou"): in a match report it is often just the
// place of the game.
func (g *Gazetteer) VenueAlias(folded string) bool {
	return g.venue[folded]
}

// ClubByName returns the club called name, canonical name or alias, compared
// after folding. An exact canonical name always wins; otherwise the name must
// fold to a single club that is not flagged ambiguous.
func (g *Gazetteer) ClubByName(name string) (int, bool) {
	if ci, ok := g.clubByName[name]; ok {
		return ci, true
	}
	key := Fold(name)
	cands := g.clubIdx[key]
	for _, ci := range cands {
		if Fold(g.Clubs[ci].Name) == key {
			return ci, true
		}
	}
	if len(cands) == 1 && !g.ambiguous[key] {
		return cands[0], true
	}
	return -1, false
}

// PlayersFor returns the indexes into Players of the players whose full name
// (with or without a birth-year disambiguation) or an alias or nickname folds
// to folded. Surnames alone are looked up with PlayersBySurname. A minor
// player is found by his names of two words or more only.
func (g *Gazetteer) PlayersFor(folded string) []int {
	return slices.Clone(g.playerIdx.get(folded))
}

// PlayerFor returns the first of PlayersFor(folded) and how many there are,
// without copying them: the extractor asks it of every span of capitalised
// words that may be a name.
func (g *Gazetteer) PlayerFor(folded string) (first, n int) {
	return g.playerIdx.first(folded)
}

// PlayersBySurname returns the players whose surname folds to folded: the
// last word of the name ("odegaard"), the surname with its particles ("de
// jong", "van dijk", "ter stegen", "di maria"), or a whole hyphenated
// surname ("wan bissaka"); the family name of a Korean name ("son" for "Son
// Heung-min"). One-word names ("neymar") count as surnames. Minor players
// are left out.
func (g *Gazetteer) PlayersBySurname(folded string) []int {
	return slices.Clone(g.surnameIdx.get(folded))
}

// PlayersBySurnameShared is PlayersBySurname without the copy: the slice is
// the gazetteer's own and must not be changed.
func (g *Gazetteer) PlayersBySurnameShared(folded string) []int {
	return g.surnameIdx.get(folded)
}

// PlayerByName returns the player with exactly this canonical name or, failing
// that, the only player whose name folds like it.
func (g *Gazetteer) PlayerByName(name string) (int, bool) {
	if pi, ok := g.playerByName[name]; ok {
		return pi, true
	}
	key := Fold(name)
	found := -1
	for _, pi := range g.playerIdx.get(key) {
		if Fold(g.Players[pi].Name) == key {
			if found >= 0 {
				return -1, false
			}
			found = pi
		}
	}
	return found, found >= 0
}

// ClubAt returns the club player (an index into Players) played for at time
// t according to his moves, or "" if unknown or without a club. Before his
// first recorded move he is taken to be at the club that move left. A loan
// with no recorded return is taken to end on the 30 June after it started,
// after which the player is back at the club that loaned him out.
func (g *Gazetteer) ClubAt(player int, t time.Time) string {
	if player < 0 || player >= len(g.Players) {
		return ""
	}
	moves := g.Players[player].Moves
	if len(moves) == 0 {
		return ""
	}
	i := sort.Search(len(moves), func(i int) bool { return moves[i].Date.After(t) })
	if i == 0 {
		return moves[0].From
	}
	m := moves[i-1]
	if m.Loan && t.After(loanEnd(m.Date)) {
		// No return recorded before t: the loan has run out, unless the
		// next record is the return itself (a loan that ran longer) or a
		// move away from the loan club (he stayed there).
		if i == len(moves) || (!moves[i].EndOfLoan && moves[i].From != m.To) {
			return m.From
		}
	}
	return m.To
}

// MoveNear returns the move of player (an index into Players) to club (a
// canonical name) dated nearest to t, within window either side. It serves
// to check a reported transfer against the record and to find the club the
// player left, which ClubAt no longer gives once the move has taken effect.
// A move the sources only bracket (Earliest set) is as near as the nearest
// day of its period.
func (g *Gazetteer) MoveNear(player int, club string, t time.Time, window time.Duration) (Move, bool) {
	if player < 0 || player >= len(g.Players) || club == "" {
		return Move{}, false
	}
	var best Move
	found := false
	bestDist := time.Duration(0)
	for _, m := range g.Players[player].Moves {
		if m.To != club {
			continue
		}
		d := m.distance(t)
		if d <= window && (!found || d < bestDist) {
			best, bestDist, found = m, d, true
		}
	}
	return best, found
}

// distance is how far t is from the move's date or, for a bracketed move,
// from its period (0 inside it).
func (m Move) distance(t time.Time) time.Duration {
	lo, hi := m.Date, m.Date
	if !m.Earliest.IsZero() && m.Earliest.Before(lo) {
		lo = m.Earliest
	}
	switch {
	case t.Before(lo):
		return lo.Sub(t)
	case t.After(hi):
		return t.Sub(hi)
	}
	return 0
}

// loanEnd is the usual end of a loan that started on d: 30 June of the
// season it started in.
func loanEnd(d time.Time) time.Time {
	y := d.Year()
	if d.Month() >= time.July {
		y++
	}
	return time.Date(y, time.June, 30, 23, 59, 59, 0, time.UTC)
}

// CoachOf returns the club whose head coach folded names, by full name
// ("mikel arteta") or by surname alone ("arteta", "ten hag") when no other
// coach has that surname. The record is as of the season People gives; the
// extractor reads "Arteta wants X" as Arsenal wanting X.
func (g *Gazetteer) CoachOf(folded string) (club string, ok bool) {
	// the latest record wins: a coach's tenures before it are history
	latest, tie := 0, false
	for _, i := range g.coachRecords(folded) {
		p := &g.People[i]
		switch last := max(p.Season, p.Until); {
		case last > latest:
			club, latest, tie = p.Club, last, false
		case last == latest && p.Club != club:
			tie = true
		}
	}
	return club, club != "" && !tie
}

// CoachAt returns the club whose head coach folded names (full name, or a
// surname no other coach has) in the season that includes t, by the
// records that cover that season: the hand-written tenures and the
// exports' latest season. "Wenger's side" in 2017 is Arsenal; a coach the
// records do not place then gives false.
func (g *Gazetteer) CoachAt(folded string, t time.Time) (club string, ok bool) {
	season := t.Year()
	if t.Month() < time.July {
		season--
	}
	for _, i := range g.coachRecords(folded) {
		p := &g.People[i]
		if !p.holds(season) {
			continue
		}
		if club != "" && club != p.Club {
			return "", false
		}
		club = p.Club
	}
	return club, club != ""
}

// coachRecords returns the indexes in People of the coaching records of
// the one coach folded names, by full name, else by surname; none when two
// coaches share the surname. They are the person index's own list when
// every record it holds is that coach's (nearly always: the list is not
// copied), else the records picked into a new one.
func (g *Gazetteer) coachRecords(folded string) []int {
	idx, found := g.personIdx[folded]
	if !found {
		idx = g.personSurIdx[folded]
	}
	who, all := "", true // all: every record of idx is a coach's
	for _, i := range idx {
		if g.People[i].Role != datafile.RoleCoach {
			all = false
			continue
		}
		if k := g.personFold(i); who != "" && who != k {
			return nil // two coaches share the surname
		} else {
			who = k
		}
	}
	if all {
		return idx
	}
	var out []int
	for _, i := range idx {
		if g.People[i].Role == datafile.RoleCoach {
			out = append(out, i)
		}
	}
	return out
}

// personFold is Fold(g.People[i].Name).
func (g *Gazetteer) personFold(i int) string {
	if i < len(g.peopleFold) {
		return g.peopleFold[i]
	}
	return Fold(g.People[i].Name) // (a gazetteer built by hand, in tests)
}

// FoldedName is Fold(g.Players[i].Name), folded once when the gazetteer
// was indexed.
func (g *Gazetteer) FoldedName(i int) string {
	if i < len(g.playerFold) {
		return g.playerFold[i]
	}
	return Fold(g.Players[i].Name) // (a player added after, or a gazetteer built by hand)
}

// MaxAliasTokens returns the number of words of the longest indexed club or
// player name, alias or nickname (folded), for longest-match scanning.
func (g *Gazetteer) MaxAliasTokens() int { return g.maxTokens }

// ClubKeys yields every folded name, alias and nickname that ClubsFor
// knows: the clubs' part of NameKeys.
func (g *Gazetteer) ClubKeys(yield func(string) bool) {
	for k := range g.clubIdx {
		if !yield(k) {
			return
		}
	}
}

// PersonKeys yields every folded full name and surname of the people
// table (coaches and other staff): CoachOf and CoachAt find no one for any
// other key.
func (g *Gazetteer) PersonKeys(yield func(string) bool) {
	for k := range g.personIdx {
		if !yield(k) {
			return
		}
	}
	for k := range g.personSurIdx {
		if !yield(k) {
			return
		}
	}
}

// NameKeys yields every folded name, alias and nickname that ClubsFor or
// PlayersFor knows: a caller may index them to skip the lookups that cannot
// succeed.
func (g *Gazetteer) NameKeys(yield func(string) bool) {
	for k := range g.clubIdx {
		if !yield(k) {
			return
		}
	}
	for k := range g.playerIdx.one {
		if !yield(k) {
			return
		}
	}
}
