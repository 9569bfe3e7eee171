package rumours

import "strings"

// Outlet is a media outlet or journalist that transfer news cites.
type Outlet struct {
	Name    string   // canonical name as the labels write it ("L'Equipe", "Sky Sports")
	Tier    int      // reliability tier: 1 most reliable .. 4 least
	Aliases []string // other spellings as they appear in text, case-sensitive
}

// DefaultOutlets is the built-in outlet table. Tiers follow the broad
// consensus among fans on how often each outlet's transfer stories come true;
// a deployment can override them in its configuration.
func DefaultOutlets() []Outlet {
	return []Outlet{
		{"Fabrizio Romano", 1, []string{"Romano"}},
		{"David Ornstein", 1, []string{"Ornstein"}},
		{"The Athletic", 1, []string{"Athletic"}},
		{"BBC Sport", 1, []string{"BBC", "BBC Sport"}},
		{"Sky Sports", 1, []string{"Sky Sports News", "Sky Sport", "Sky News"}},
		{"Sky Italia", 1, []string{"Sky Sport Italia"}},
		{"Sky Germany", 1, []string{"Sky Sport Germany", "Sky Deutschland", "Sky Sport Deutschland"}},
		{"Gianluca Di Marzio", 1, []string{"Di Marzio"}},
		{"Kicker", 1, nil},
		{"L'Equipe", 1, []string{"L'Équipe", "L’Equipe", "L’Équipe", "Equipe"}},
		{"The Times", 1, []string{"Times"}},
		{"The Guardian", 1, []string{"Guardian"}},
		{"Reuters", 1, nil},
		{"Associated Press", 1, []string{"AP"}},
		{"ESPN", 2, []string{"ESPN FC"}},
		{"Goal", 2, []string{"Goal.com"}},
		{"AS", 2, []string{"Diario AS"}},
		{"Marca", 2, nil},
		{"Mundo Deportivo", 2, nil},
		{"Sport", 2, nil},
		{"Cadena SER", 2, []string{"SER"}},
		{"Cadena COPE", 2, []string{"COPE"}},
		{"Relevo", 2, nil},
		{"Bild", 2, []string{"BILD"}},
		{"Sport1", 2, nil},
		{"Record", 2, nil},
		{"A Bola", 2, nil},
		{"O Jogo", 2, nil},
		{"La Gazzetta dello Sport", 2, []string{"Gazzetta dello Sport", "Gazzetta", "La Gazzetta"}},
		{"Corriere dello Sport", 2, nil},
		{"Tuttosport", 2, nil},
		{"Le Parisien", 2, nil},
		{"RMC Sport", 2, []string{"RMC"}},
		{"The Telegraph", 2, []string{"Telegraph", "Daily Telegraph"}},
		{"The Independent", 2, []string{"Independent"}},
		{"Evening Standard", 2, []string{"London Evening Standard", "Standard"}},
		{"Manchester Evening News", 2, []string{"MEN"}},
		{"Liverpool Echo", 2, nil},
		{"NBC Sports", 2, nil},
		{"TyC Sports", 2, nil},
		{"Ole", 2, []string{"Olé"}},
		{"Foot Mercato", 3, nil},
		{"Calciomercato", 3, []string{"Calciomercato.com"}},
		{"Football Italia", 3, nil},
		{"Daily Mail", 3, []string{"Mail", "MailOnline", "Mail Online", "Mail on Sunday"}},
		{"Daily Mirror", 3, []string{"Mirror"}},
		{"The Sun", 3, []string{"Sun"}},
		{"Daily Express", 3, []string{"Express"}},
		{"Daily Star", 3, nil},
		{"Le10 Sport", 3, nil},
		{"90min", 3, nil},
		{"TEAMtalk", 4, nil},
		{"Football Insider", 4, nil},
		{"CaughtOffside", 4, nil},
		{"Fichajes", 4, []string{"Fichajes.net"}},
		{"Todofichajes", 4, nil},
		{"Sportskeeda", 4, nil},
	}
}

// OutletIndex finds outlets by name. It is immutable and safe for concurrent use.
type OutletIndex struct {
	byName map[string]int // exact surface form -> index into list
	byFold map[string]int // case-folded canonical names -> index
	list   []Outlet
	maxLen int             // longest surface form in words
	first  map[string]bool // first words of surface forms
}

// NewOutletIndex indexes outlets by their canonical names and aliases.
func NewOutletIndex(outlets []Outlet) *OutletIndex {
	ix := &OutletIndex{byName: map[string]int{}, byFold: map[string]int{}, list: outlets}
	ix.first = map[string]bool{}
	add := func(s string, i int) {
		ix.byName[s] = i
		if f := strings.Fields(s); len(f) > 0 {
			ix.first[f[0]] = true
		}
		if n := len(strings.Fields(s)); n > ix.maxLen {
			ix.maxLen = n
		}
	}
	for i, o := range outlets {
		add(o.Name, i)
		ix.byFold[strings.ToLower(o.Name)] = i
		if rest, ok := strings.CutPrefix(o.Name, "The "); ok {
			add(rest, i)
		}
		for _, a := range o.Aliases {
			add(a, i)
		}
	}
	return ix
}

// Lookup returns the outlet whose name or alias is exactly s.
func (ix *OutletIndex) Lookup(s string) (Outlet, bool) {
	i, ok := ix.byName[s]
	if !ok {
		i, ok = ix.byFold[strings.ToLower(s)]
	}
	if !ok {
		return Outlet{}, false
	}
	return ix.list[i], true
}

// Outlets returns the indexed outlets.
func (ix *OutletIndex) Outlets() []Outlet { return ix.list }
