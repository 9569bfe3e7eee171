package build

// Mapping the clubs of the Transfermarkt exports to gazetteer clubs.

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"transferbot/rumours/gazetteer"
)

// sameCountry reports whether a gazetteer club of country gc may be a club
// playing in a league of country league: Welsh clubs play in England,
// Canadian ones in MLS, Monaco in France.
func sameCountry(gc, league string) bool {
	switch {
	case gc == "" || league == "" || gc == league:
		return true
	case gc == "Wales" && league == "England", gc == "Canada" && league == "United States", gc == "Monaco" && league == "France":
		return true
	}
	return false
}

// lookupIn is lookup among the clubs that may play in a league of country.
func (g *generator) lookupIn(name, country string, allowLoose bool) (int, bool) {
	i, _, ok := g.lookupWhere(name, allowLoose, func(i int) bool { return sameCountry(g.clubs[i].country, country) })
	return i, ok
}

// resolveTMClubs maps every Transfermarkt club to a gazetteer club: by the
// hand table tmClubNames (by short or long name), else by its short name, long name, slug or their
// cleaned forms among the clubs that may play in its league's country (first
// exactly, then loosely), else it is added under its cleaned short name (or
// the short name whole, if cleaning leaves a player's first name or surname). The
// Transfermarkt names become aliases where they name no other club, and a
// club without a country takes the one of its league.
func (g *generator) resolveTMClubs(clubs map[string]*tmClub, players []*tmPlayer) {
	// Given names and surnames of the players: a club added under one of
	// them alone would be found wherever a player is named by it.
	nameWords := map[string]bool{}
	for _, p := range players {
		if p.season26 < MinLastSeason {
			continue
		}
		if w := strings.Fields(gazetteer.Fold(p.name)); len(w) > 0 {
			nameWords[w[0]] = true
			nameWords[w[len(w)-1]] = true
		}
	}
	ids := make([]string, 0, len(clubs))
	for id := range clubs {
		ids = append(ids, id)
	}
	// Deterministic order: by short name, then id.
	sort.Slice(ids, func(a, b int) bool {
		ca, cb := clubs[ids[a]], clubs[ids[b]]
		if ca.short != cb.short {
			return ca.short < cb.short
		}
		return ca.id < cb.id
	})
	hand := tmClubNames()
	for _, id := range ids {
		c := clubs[id]
		i, how := -1, ""
		t, ok := hand[c.short]
		if !ok {
			t, ok = hand[c.long]
		}
		if ok {
			how = "by hand"
			if j, _, ok := g.lookup(t, false); ok {
				i = j
			} else {
				i = g.addTMClub(t, c)
				how = "added by hand"
			}
		}
		cands := []string{c.short, c.long, c.code, bareClubName(c.short), bareClubName(c.long),
			cleanClubName(c.short, c.country), cleanClubName(c.long, c.country)}
		for _, loose := range []bool{false, true} {
			for _, n := range cands {
				if i >= 0 {
					break
				}
				if j, ok := g.lookupIn(n, c.country, loose); ok {
					i, how = j, "exact"
					if loose {
						how = "loose"
					}
				}
			}
		}
		if i < 0 {
			name := tmPressName(c)
			if full := bareClubName(c.short); !strings.Contains(name, " ") && nameWords[gazetteer.Fold(name)] && strings.Contains(full, " ") {
				name = full // "IK Sirius", not "Sirius"
			}
			i = g.addTMClub(name, c)
			how = "added"
		}
		c.gaz = i
		gc := g.clubs[i]
		g.res.Notes = append(g.res.Notes, fmt.Sprintf("transfermarkt club %s: %q (%s, %s) -> %q", how, c.short, c.long, c.country, gc.name))
		if gc.country == "" && gc.source != srcExtra {
			gc.country = c.country
		}
		for _, a := range []string{c.short, c.long} {
			g.addAlias(i, a)
		}
		gc.used = true
	}
}

// tmPressName is the name under which a Transfermarkt club the gazetteer
// lacks is added: its cleaned short name, with the accents of the long name
// ("Kasimpasa" and "Kasımpaşa A.Ş." give "Kasımpaşa").
func tmPressName(c *tmClub) string {
	accented := map[string]string{}
	for _, w := range strings.Fields(c.long) {
		w = strings.TrimRight(w, ",.;")
		if r := []rune(w); len(r) > 0 && unicode.IsLetter(r[0]) && unicode.IsLetter(r[len(r)-1]) {
			accented[gazetteer.Fold(w)] = w
		}
	}
	words := strings.Fields(cleanClubName(c.short, c.country))
	for i, w := range words {
		if a, ok := accented[gazetteer.Fold(w)]; ok {
			words[i] = a
		}
	}
	return strings.Join(words, " ")
}

// addTMClub adds a club known only from the Transfermarkt exports.
func (g *generator) addTMClub(name string, c *tmClub) int {
	g.clubs = append(g.clubs, &club{name: name, country: c.country, source: srcTM})
	i := len(g.clubs) - 1
	g.index(i)
	return i
}

// clubPrefixes and clubSuffixes are the folded words of legal and generic
// club names that the press leaves out ("Club Atlético", "Football Club",
// "S.p.A.", "Spor Kulübü", "a.s."), longest first where they overlap.
var (
	clubPrefixes = []string{"club atletico", "club de regatas do", "clube de regatas do", "club de regatas", "esporte clube",
		"sport club", "associacao", "asociacion atletica", "asociacion deportivo", "asociacion", "club social y deportivo",
		"club sportivo", "club deportivo", "club de futbol", "club de foot", "futbol club", "football club", "fussballclub",
		"fodbold club", "fotballklubben", "idrottsforeningen kamraterna", "idrottsforeningen", "idrettsklubben",
		"fudbalski klub", "ao fk", "klub sportowy", "athlitiki enosi", "asociatia sportiva fotbal club", "asociatia fotbal club",
		"asociatia futball klub", "asociatia clubul sportiv campionii fotbal club", "asociatia", "fotbal club", "apo", "aps",
		"ags", "a g s", "aok", "ao", "gs", "pfc", "acsc", "acsm", "fcv", "cd", "ca", "club"}
	clubSuffixes = []string{"saudi football club", "football club", "futebol clube", "foot ball club", "esporte clube",
		"sporting club", "sports club", "sport club", "de futebol", "fotballklubb", "fotballforening", "fotball", "idrettslag",
		"sportsklubb", "sportklubb", "ballklubb", "boldklub", "fodbold club", "fodbold", "idrettsforening", "fotbollsforening",
		"idrottsforening", "spolka akcyjna", "spor kulubu", "kulubu", "s a de c v", "de c v", "s a d", "sad", "s p a", "spa",
		"s a", "sa", "a s", "as", "saudi club", "saudi", "club"}
	yearOrParen = regexp.MustCompile(`\s*\([^()]*\)|[\s,]+(1[89]|20)\d\d\b`)
)

// bareClubName drops founding years and notes in parentheses from a club
// name: "FC St. Gallen 1879" -> "FC St. Gallen", "Kuban Krasnodar (-2018)" ->
// "Kuban Krasnodar".
func bareClubName(name string) string {
	return strings.Trim(yearOrParen.ReplaceAllString(name, ""), " ,")
}

// cleanClubName turns a Transfermarkt club name into a press name: legal and
// generic words dropped ("Club Atlético", "Football Club", "S.p.A.", "A.Ş.",
// "Spor Kulübü"), founding years and notes in parentheses too, then the
// usual prefixes and suffixes of the country ("FC", "SK", "Calcio"). Names
// in the Americas, Asia and Australia keep "FC" ("Toronto FC", "FC Tokyo",
// "Sydney FC"), and their "Football Club" becomes "FC".
func cleanClubName(name, country string) string {
	keepFC := keepsFC(country)
	words := strings.Fields(bareClubName(name))
	cut := func(list []string, front bool) bool {
		for n := min(6, len(words)-1); n >= 1; n-- {
			part := words[len(words)-n:]
			if front {
				part = words[:n]
			}
			f := gazetteer.Fold(strings.Join(part, " "))
			if !slices.Contains(list, f) {
				continue
			}
			switch {
			case keepFC && (f == "football club" || f == "futbol club") && front:
				words = append([]string{"FC"}, words[n:]...)
			case keepFC && (f == "football club" || f == "futbol club"):
				words = append(words[:len(words)-n], "FC")
			case front:
				words = words[n:]
			default:
				words = words[:len(words)-n]
			}
			for front && len(words) > 1 && isNameParticle(words[0]) {
				words = words[1:] // "Club de Gimnasia" -> "Gimnasia"
			}
			return true
		}
		return false
	}
	for len(words) > 1 && (cut(clubSuffixes, false) || cut(clubPrefixes, true)) {
	}
	out := strings.Trim(strings.Join(words, " "), " ,")
	if p, _ := affixes(country); p != nil {
		return stripAffixes(out, country)
	}
	return out
}

// isNameParticle reports whether w is a particle that cannot start a name.
func isNameParticle(w string) bool {
	switch w {
	case "de", "do", "da", "del", "dos", "das":
		return true
	}
	return false
}

// keepsFC reports whether clubs of country keep "FC" in their press names.
func keepsFC(country string) bool {
	switch country {
	case "United States", "Canada", "Japan", "South Korea", "Australia":
		return true
	}
	return false
}
