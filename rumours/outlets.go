package rumours

import "strings"

// Outlet is a media outlet or journalist that transfer news cites.
type Outlet struct {
	Name    string   // canonical name as the labels write it ("L'Equipe", "Sky Sports")
	Tier    int      // reliability tier: 1 most reliable .. 4 least
	Aliases []string // other spellings as they appear in text, case-sensitive
}

// DefaultOutlets is the built-in outlet table: the outlets and journalists
// that transfer news cites, in Britain, Spain, Italy, France, Germany,
// Portugal, the Netherlands, Turkey and the Americas, and the wire services.
// Tiers follow the broad consensus among fans on how often each outlet's
// transfer stories come true; a deployment can override them in its
// configuration.
//
// Names are written as the labels write them: Sunday papers keep their own
// names ("Mail on Sunday", not "Daily Mail"), a journalist is listed apart
// from his outlet. Aliases are spellings as printed (case-sensitive; the
// extractor also matches ALL-CAPS headings and "(Outlet)" tags by their
// fold). A bare surname is an alias only where it is rare enough not to be
// taken for someone else; the extractor credits any name only where the text
// cites it as a source.
func DefaultOutlets() []Outlet {
	return []Outlet{
		// journalists
		{"Fabrizio Romano", 1, []string{"Romano"}},
		{"David Ornstein", 1, []string{"Ornstein"}},
		{"Gianluca Di Marzio", 1, []string{"Di Marzio"}},
		{"Florian Plettenberg", 1, []string{"Plettenberg"}},
		{"Kaveh Solhekol", 1, []string{"Solhekol"}},
		{"Dharmesh Sheth", 1, []string{"Sheth"}},
		{"Simon Stone", 1, nil},
		{"Paul Joyce", 1, nil},
		{"Matt Law", 1, nil},
		{"John Percy", 1, nil},
		{"Mike McGrath", 1, nil},
		{"James Pearce", 1, nil},
		{"Laurie Whitwell", 1, nil},
		{"Raphael Honigstein", 1, []string{"Honigstein"}},
		{"Matteo Moretto", 2, []string{"Moretto"}},
		{"Christian Falk", 2, nil},
		{"Guillem Balagué", 2, []string{"Guillem Balague", "Balagué", "Balague"}},
		{"Julien Laurens", 2, nil},
		{"Ben Jacobs", 2, nil},
		{"Sami Mokbel", 2, []string{"Mokbel"}},
		{"Chris Wheeler", 2, nil},
		{"Alex Crook", 2, nil},
		{"Mike Verweij", 2, []string{"Verweij"}},
		{"Nicolò Schira", 3, []string{"Nicolo Schira", "Schira"}},
		{"Alfredo Pedullà", 3, []string{"Alfredo Pedulla", "Pedullà", "Pedulla"}},
		{"Gerard Romero", 3, nil},
		{"Santi Aouna", 3, []string{"Aouna"}},
		{"Rudy Galetti", 3, []string{"Galetti"}},
		{"Ekrem Konur", 4, nil},
		{"Duncan Castles", 4, nil},
		{"Dean Jones", 4, nil},
		{"Graeme Bailey", 4, nil},
		{"Pete O'Rourke", 4, nil},
		{"Sam Wallace", 1, nil},
		{"Jason Burt", 1, nil},
		{"Mark Ogden", 2, nil},
		{"Rob Dawson", 2, nil},
		{"Jacob Steinberg", 2, nil},
		{"Dominic Fifield", 2, nil},
		{"Gary Jacob", 2, nil},
		{"Paul Hirst", 2, nil},
		{"Nizaar Kinsella", 2, nil},
		{"Samuel Luckhurst", 2, []string{"Sam Luckhurst"}},
		{"Tyrone Marshall", 2, nil},
		{"Darren Lewis", 3, nil},
		{"Neil Ashton", 3, nil},
		{"Kristof Terreur", 2, nil},
		{"Sacha Tavolieri", 3, nil},
		{"José Félix Díaz", 2, []string{"Jose Felix Diaz"}},
		{"Fernando Polo", 3, nil},
		{"Ferran Correas", 3, nil},
		{"Toni Juanmartí", 3, []string{"Toni Juanmarti"}},
		{"Mohamed Bouhafsi", 2, []string{"Bouhafsi"}},
		{"Loïc Tanzi", 2, []string{"Loic Tanzi"}},
		{"Fabrice Hawkins", 2, nil},
		{"Daniele Longo", 3, nil},
		{"Manuele Baiocchini", 2, nil},
		{"Patrick Berger", 2, nil},
		{"Tobias Altschäffl", 2, []string{"Tobi Altschäffl", "Tobias Altschaffl"}},
		{"Kerry Hau", 3, nil},
		// wire services
		{"Reuters", 1, nil},
		{"Associated Press", 1, []string{"AP"}},
		{"AFP", 1, []string{"Agence France-Presse"}},
		{"PA Media", 1, []string{"PA", "Press Association", "PA Sport"}},
		{"DPA", 1, []string{"dpa"}},
		{"EFE", 1, []string{"Agencia EFE"}},
		{"ANSA", 1, nil},
		// Britain and Ireland
		{"BBC Sport", 1, []string{"BBC", "BBC Radio 5 Live"}},
		{"Sky Sports", 1, []string{"Sky Sports News", "Sky Sport", "Sky News"}},
		{"The Athletic", 1, []string{"Athletic"}},
		{"The Times", 1, []string{"Times"}},
		{"The Sunday Times", 1, []string{"Sunday Times"}},
		{"The Guardian", 1, []string{"Guardian"}},
		{"The Observer", 1, []string{"Observer"}},
		{"The Telegraph", 2, []string{"Telegraph", "Daily Telegraph"}},
		{"The Sunday Telegraph", 2, []string{"Sunday Telegraph"}},
		{"The Independent", 2, []string{"Independent"}},
		{"Evening Standard", 2, []string{"London Evening Standard", "Standard"}},
		{"Manchester Evening News", 2, []string{"MEN"}},
		{"Liverpool Echo", 2, nil},
		{"Goal", 2, []string{"Goal.com", "GOAL"}},
		{"ESPN", 2, []string{"ESPN FC"}},
		{"talkSPORT", 3, []string{"talkSport", "TalkSPORT", "Talksport", "TalkSport"}},
		{"The i", 2, []string{"i newspaper", "inews", "The i Paper"}},
		{"Football.London", 3, []string{"football.london", "Football London"}},
		{"Southern Daily Echo", 3, []string{"Daily Echo"}},
		{"Birmingham Mail", 3, nil},
		{"Leicester Mercury", 3, nil},
		{"Chronicle Live", 3, []string{"ChronicleLive", "Newcastle Chronicle"}},
		{"Yorkshire Evening Post", 3, nil},
		{"Daily Record", 3, nil},
		{"Daily Mail", 3, []string{"Mail", "MailOnline", "Mail Online"}},
		{"Mail on Sunday", 3, []string{"The Mail on Sunday"}},
		{"Daily Mirror", 3, []string{"Mirror"}},
		{"Sunday Mirror", 3, nil},
		{"The Sun", 3, []string{"Sun"}},
		{"Sun on Sunday", 3, []string{"The Sun on Sunday"}},
		{"Daily Express", 3, []string{"Express"}},
		{"Sunday Express", 3, nil},
		{"Daily Star", 3, []string{"Star"}},
		{"Daily Star Sunday", 3, nil},
		{"Sunday People", 3, nil},
		{"Sport Witness", 3, nil},
		{"90min", 3, nil},
		{"TEAMtalk", 4, []string{"Teamtalk", "TeamTalk"}},
		{"Football Insider", 4, nil},
		{"CaughtOffside", 4, nil},
		{"GiveMeSport", 4, []string{"GIVEMESPORT"}},
		{"Sportskeeda", 4, nil},
		{"The Peoples Person", 4, []string{"The People's Person", "Peoples Person"}},
		// Spain
		{"Marca", 2, nil},
		{"Radio Marca", 2, nil},
		{"AS", 2, []string{"Diario AS"}},
		{"Mundo Deportivo", 2, nil},
		{"Sport", 2, []string{"Diario Sport"}},
		{"Relevo", 2, nil},
		{"Cadena SER", 2, []string{"SER"}},
		{"Cadena COPE", 2, []string{"COPE"}},
		{"Onda Cero", 2, nil},
		{"RAC1", 2, nil},
		{"El País", 2, []string{"El Pais"}},
		{"El Mundo", 2, nil},
		{"ABC", 2, nil},
		{"Superdeporte", 3, nil},
		{"Estadio Deportivo", 3, nil},
		{"Football España", 3, []string{"Football Espana"}},
		{"El Chiringuito", 4, []string{"El Chiringuito TV", "Chiringuito"}},
		{"Defensa Central", 4, nil},
		{"Fichajes", 4, []string{"Fichajes.net"}},
		{"Todofichajes", 4, nil},
		// Italy
		{"Sky Italia", 1, []string{"Sky Sport Italia"}},
		{"La Gazzetta dello Sport", 2, []string{"Gazzetta dello Sport", "Gazzetta", "La Gazzetta"}},
		{"Corriere dello Sport", 2, nil},
		{"Tuttosport", 2, nil},
		{"Corriere della Sera", 2, []string{"Il Corriere della Sera"}},
		{"La Repubblica", 2, []string{"Repubblica"}},
		{"Il Messaggero", 3, nil},
		{"Il Mattino", 3, nil},
		{"Il Secolo XIX", 3, nil},
		{"Sportmediaset", 3, nil},
		{"Calciomercato", 3, []string{"Calciomercato.com"}},
		{"Tuttomercatoweb", 3, []string{"TuttoMercatoWeb", "Tutto Mercato Web", "TMW"}},
		{"Sportitalia", 3, []string{"SportItalia"}},
		{"Football Italia", 3, nil},
		// France
		{"L'Equipe", 1, []string{"L'Équipe", "L’Equipe", "L’Équipe", "Equipe"}},
		{"Le Parisien", 2, nil},
		{"RMC Sport", 2, []string{"RMC"}},
		{"France Football", 2, nil},
		{"Téléfoot", 2, []string{"Telefoot"}},
		{"Le Figaro", 2, nil},
		{"Ouest-France", 2, []string{"Ouest France"}},
		{"La Provence", 2, nil},
		{"Foot Mercato", 3, nil},
		{"Nice-Matin", 3, []string{"Nice Matin"}},
		{"Le10 Sport", 3, []string{"Le 10 Sport"}},
		// Germany
		{"Kicker", 1, []string{"kicker"}},
		{"Sky Germany", 1, []string{"Sky Sport Germany", "Sky Deutschland", "Sky Sport Deutschland"}},
		{"Bild", 2, []string{"BILD"}},
		{"Sport Bild", 2, nil},
		{"Sport1", 2, []string{"SPORT1"}},
		{"Der Spiegel", 2, []string{"Spiegel"}},
		{"Süddeutsche Zeitung", 2, []string{"Suddeutsche Zeitung", "Sueddeutsche Zeitung"}},
		{"Frankfurter Allgemeine Zeitung", 2, []string{"FAZ"}},
		{"Ruhr Nachrichten", 2, nil},
		{"WAZ", 2, []string{"Westdeutsche Allgemeine Zeitung"}},
		// Portugal
		{"Record", 2, nil},
		{"A Bola", 2, nil},
		{"O Jogo", 2, nil},
		{"Correio da Manhã", 2, []string{"Correio da Manha"}},
		// the Netherlands and Turkey
		{"De Telegraaf", 2, []string{"Telegraaf"}},
		{"Voetbal International", 2, nil},
		{"Algemeen Dagblad", 2, nil},
		{"Het Laatste Nieuws", 2, []string{"HLN"}},
		{"Het Nieuwsblad", 2, []string{"Nieuwsblad"}},
		{"Fanatik", 3, nil},
		{"Fotomaç", 3, []string{"Fotomac"}},
		// the Americas
		{"New York Times", 1, []string{"The New York Times"}},
		{"Washington Post", 2, []string{"The Washington Post"}},
		{"CBS Sports", 2, nil},
		{"NBC Sports", 2, nil},
		{"Globo Esporte", 2, []string{"GloboEsporte", "ge", "Globoesporte.com"}},
		{"UOL", 2, []string{"UOL Esporte"}},
		{"TyC Sports", 2, []string{"TyC"}},
		{"Olé", 2, []string{"Ole"}},
		{"Clarín", 2, []string{"Clarin"}},
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
