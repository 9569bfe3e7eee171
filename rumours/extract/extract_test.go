package extract_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
	"transferbot/rumours/demo"
	"transferbot/rumours/extract"
	"transferbot/rumours/gazetteer"
)

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(g, rumours.DefaultOutlets())
}

// pair is a link as the tests write it: "Player -> Club (stage) [outlets]".
func pair(l rumours.Link) string {
	s := fmt.Sprintf("%s -> %s (%s)", l.Player, l.To, l.Stage)
	if len(l.Outlets) > 0 {
		s += " [" + strings.Join(l.Outlets, ", ") + "]"
	}
	return s
}

// TestExtract checks the extractor on short texts written for the test, one
// behaviour each. want lists links that must be found exactly as written;
// absent lists "Player -> Club" pairs that must not be found.
func TestExtract(t *testing.T) {
	x := newExtractor(t)
	tests := []linkCase{
		{"interest with outlet, current club from the description", "2020-11-11",
			"Real Madrid have stepped up their interest in Rennes midfielder Eduardo Camavinga, according to Le Parisien.",
			[]string{"Eduardo Camavinga -> Real Madrid (interest) [Le Parisien]"}, []string{"Eduardo Camavinga -> Rennes"}},
		{"a list of suitors shares the stage", "2020-11-11",
			"Inter Miami want Real Madrid captain Sergio Ramos, AS reports. Juventus, Inter Milan and PSG have also been credited with an interest in the defender.",
			[]string{"Sergio Ramos -> Inter Miami (interest) [AS]", "Sergio Ramos -> Juventus (interest) [AS]", "Sergio Ramos -> Inter Milan (interest) [AS]", "Sergio Ramos -> Paris Saint-Germain (interest) [AS]"},
			[]string{"Sergio Ramos -> Real Madrid"}},
		{"talks; the seller is not a destination", "2021-01-14",
			"Marseille are in talks with Napoli over the Poland striker Arkadiusz Milik, reports L'Equipe.",
			[]string{"Arkadiusz Milik -> Marseille (talks) [L'Equipe]"}, []string{"Arkadiusz Milik -> Napoli"}},
		{"a rejected bid stays a bid", "2019-07-20",
			"Crystal Palace have rejected a £40m bid from Arsenal for Wilfried Zaha, says the Evening Standard.",
			[]string{"Wilfried Zaha -> Arsenal (bid) [Evening Standard]"}, []string{"Wilfried Zaha -> Crystal Palace"}},
		{"agreement, medical and the selling club", "2022-06-13",
			"Liverpool have agreed a deal to sign Darwin Núñez from Benfica, per Fabrizio Romano. Nunez will travel to England for his medical next week.",
			[]string{"Darwin Núñez -> Liverpool (agreed) [Fabrizio Romano]"}, []string{"Darwin Núñez -> Benfica"}},
		{"a completed move; the former club is history", "2018-07-10",
			"Cristiano Ronaldo has completed a €100m move from Real Madrid to Juventus after nine years at the Bernabeu.",
			[]string{"Cristiano Ronaldo -> Juventus (done)"}, []string{"Cristiano Ronaldo -> Real Madrid"}},
		{"a denial is the latest news", "2021-01-27",
			"Reports claimed Barcelona were preparing a bid for Memphis Depay. Lyon president Jean-Michel Aulas has denied receiving any offer from Barcelona for the forward.",
			[]string{"Memphis Depay -> Barcelona (denied)"}, nil},
		{"a collapse is the latest news", "2021-08-31",
			"Tottenham had a bid for Adama Traoré rejected, according to Sky Sports. Later Tottenham pulled out and the talks are off.",
			[]string{"Adama Traoré -> Tottenham Hotspur (off) [Sky Sports]"}, nil},
		{"a player turning a club down", "2022-05-21",
			"Kylian Mbappé has turned down Real Madrid and signed a new contract with Paris Saint-Germain.",
			[]string{"Kylian Mbappé -> Real Madrid (off)"}, []string{"Kylian Mbappé -> Paris Saint-Germain"}},
		{"a renewal is not a link", "2021-07-23",
			"Son Heung-min has signed a new four-year contract with Tottenham Hotspur.",
			nil, []string{"Son Heung-min -> Tottenham Hotspur"}},
		{"opponents and match reports", "2019-05-08",
			"Lucas Moura scored a hat-trick as Tottenham beat Ajax 3-2 in Amsterdam to reach the final against Liverpool.",
			nil, []string{"Lucas Moura -> Ajax", "Lucas Moura -> Liverpool", "Lucas Moura -> Tottenham Hotspur"}},
		{"an owner's clubs are not a player's", "2020-09-18",
			"Beckham, whose playing career took him from Manchester United to Real Madrid and AC Milan, has signed Gonzalo Higuaín for Inter Miami.",
			[]string{"Gonzalo Higuaín -> Inter Miami (done)"}, []string{"Gonzalo Higuaín -> Manchester United", "Gonzalo Higuaín -> AC Milan"}},
		{"a coach wants the player named by his nationality", "2024-10-01",
			"Antoine Griezmann scored again for Atletico Madrid on Sunday. Barcelona coach Hansi Flick says he would love to bring the Frenchman back to Catalonia.",
			[]string{"Antoine Griezmann -> Barcelona (speculation)"}, nil},
		{"a city where talks are held is no club", "2025-01-10",
			"Tottenham have held talks with Shakhtar Donetsk in Antalya about Georgiy Sudakov.",
			[]string{"Georgiy Sudakov -> Tottenham Hotspur (talks)"}, []string{"Georgiy Sudakov -> Antalyaspor"}},
		{"in a city, where a club is on its training camp", "2025-01-10",
			"Tottenham want Georgiy Sudakov and have sent scouts to watch him in Antalya, where Shakhtar Donetsk are on their winter training camp.",
			[]string{"Georgiy Sudakov -> Tottenham Hotspur (interest)"}, []string{"Georgiy Sudakov -> Antalyaspor"}},
		{"the record's club, which the text has him joining from another, is a destination", "2024-07-20",
			"Xavi Simons is keen on a second season in Germany, and RB Leipzig are in talks with Paris Saint-Germain over another loan.",
			[]string{"Xavi Simons -> RB Leipzig (talks)"}, nil},
		{"the pole position is no Pole", "2023-07-01",
			"Moises Caicedo is wanted by Chelsea. Liverpool coach Jurgen Klopp says he would love to take the pole position in the race.",
			[]string{"Moisés Caicedo -> Chelsea (interest)"}, []string{"Moisés Caicedo -> Liverpool"}},
		{"a player's condition is what he wants, not an agreement", "2022-01-10",
			"Dusan Vlahovic has told Fiorentina he would only accept a move to Juventus.",
			[]string{"Dušan Vlahović -> Juventus (interest)"}, nil},
		{"Inter alone is Inter Milan, Inter Miami in full", "2020-09-18",
			"Gonzalo Higuaín has joined Inter Miami. Meanwhile Inter are closing in on Arturo Vidal, Sky Italia reports.",
			[]string{"Gonzalo Higuaín -> Inter Miami (done)", "Arturo Vidal -> Inter Milan (talks) [Sky Italia]"}, nil},
		{"Real alone is the Real the article named", "2019-07-25",
			"Arsenal have signed Dani Ceballos on loan from Real Madrid. Real Betis, his former club, had also been keen, but Real only wanted a loan.",
			[]string{"Dani Ceballos -> Arsenal (done)"}, []string{"Dani Ceballos -> Real Madrid"}},
		{"press nicknames", "2019-07-01",
			"Los Blancos are ready to make a bid for Paul Pogba, while the Old Lady also want a reunion with the Manchester United midfielder.",
			// a bid being readied is not made yet: interest, as the labels have it
			[]string{"Paul Pogba -> Real Madrid (interest)", "Paul Pogba -> Juventus (interest)"}, []string{"Paul Pogba -> Manchester United"}},
		{"player nicknames and accents", "2020-01-18",
			"Javier 'Chicharito' Hernandez has agreed to join LA Galaxy from Sevilla, ESPN reports.",
			[]string{"Javier Hernández -> LA Galaxy (agreed) [ESPN]"}, []string{"Javier Hernández -> Sevilla"}},
		{"surnames resolve to the player named earlier", "2020-01-28",
			"Manchester United have opened talks over Bruno Fernandes. Fernandes is undergoing a medical with United today.",
			[]string{"Bruno Fernandes -> Manchester United (medical)"}, nil},
		{"blanked club names give no links", "2020-01-01",
			"James Rodriguez has been linked with , United, and all in recent months.",
			nil, []string{"James Rodríguez -> Manchester United"}},
		{"machine-reworded club names", "2018-01-22",
			"Manchester Joined have accomplished the signing of Alexis Sanchez from Arsenal.",
			[]string{"Alexis Sánchez -> Manchester United (done)"}, []string{"Alexis Sánchez -> Arsenal"}},
		{"an unknown player introduced by his position", "2023-01-10",
			"Brighton have completed the signing of Ecuador midfielder Brayan Zambrocio from Independiente del Valle.",
			[]string{"Brayan Zambrocio -> Brighton & Hove Albion (done)"}, nil},
		{"a player joined is a team-mate, not a mover", "2021-08-11",
			"Lionel Messi has joined Paris Saint-Germain. In Paris he joins Neymar and Kylian Mbappé.",
			[]string{"Lionel Messi -> Paris Saint-Germain (done)"}, []string{"Neymar -> Paris Saint-Germain", "Kylian Mbappé -> Paris Saint-Germain"}},
		{"a clause without its own subject shares the club", "2019-07-25",
			"Arsenal signed teenage forward Gabriel Martinelli from Ituano earlier this month, and are still pursuing Celtic left-back Kieran Tierney.",
			[]string{"Gabriel Martinelli -> Arsenal (done)", "Kieran Tierney -> Arsenal (interest)"}, []string{"Kieran Tierney -> Celtic"}},
		{"a negated collapse is still interest", "2021-07-01",
			"Manchester City have not given up on Harry Kane, either.",
			[]string{"Harry Kane -> Manchester City (interest)"}, nil},
		{"a pursuit named in one sentence, the player in the next", "2021-08-31",
			"Barcelona are still trying to bring in a striker. Sevilla's Luuk de Jong is the name, and the clubs are discussing a loan.",
			[]string{"Luuk de Jong -> Barcelona (talks)"}, []string{"Luuk de Jong -> Sevilla"}},
		{"a manager's move is not a player's", "2019-06-20",
			"Maurizio Sarri is expected to leave for Juventus. Christian Pulisic's move from Borussia Dortmund was agreed in January.",
			nil, []string{"Christian Pulisic -> Juventus"}},
		{"a sentence dated years back does not stage today's news", "2021-08-11",
			"Romelu Lukaku is having a medical at Chelsea ahead of his return from Inter Milan. Lukaku left Chelsea for Everton in 2014.",
			[]string{"Romelu Lukaku -> Chelsea (medical)"}, nil},
		{"a move made as a teenager is history, not news of the day", "2017-08-31",
			"Oxlade-Chamberlain medical\n\nAlex Oxlade-Chamberlain will have a medical at Liverpool today after Arsenal accepted a £35m bid for the 24-year-old, who joined the Gunners from Southampton as a teenager.",
			[]string{"Alex Oxlade-Chamberlain -> Liverpool (*)"}, []string{"Alex Oxlade-Chamberlain -> Arsenal"}},
		{"what a club did before, after a comma, is not the talks it is in now", "2020-09-15",
			"Tuesday gossip\nJuventus are in talks with Roma over Bosnia striker Edin Dzeko, 34, after cooling their interest in Barcelona's Luis Suarez, 33. (Gazzetta dello Sport)\nAtletico Madrid are now favourites to sign Suarez. (Marca)",
			[]string{"Edin Džeko -> Juventus (talks) [La Gazzetta dello Sport]"}, []string{"Luis Suárez -> Juventus"}},
		{"a move that is only close is talks", "2022-07-01",
			"Raphinha is close to joining Barcelona, with Leeds holding out for more money.",
			[]string{"Raphinha -> Barcelona (talks)"}, nil},
		{"a move that is wished for is interest", "2022-07-01",
			"Chelsea want to sign Raphinha from Leeds this summer.",
			[]string{"Raphinha -> Chelsea (interest)"}, nil},
		{"nothing agreed is not agreed", "2022-07-01",
			"Arsenal have held talks with Leeds over Raphinha, but nothing has been agreed yet.",
			[]string{"Raphinha -> Arsenal (talks)"}, nil},
		{"official talks are talks", "2022-07-01",
			"Barcelona have opened official talks over the signing of Raphinha with Leeds.",
			[]string{"Raphinha -> Barcelona (talks)"}, nil},
		{"a collapse with another club in its clause stays with it", "2021-08-27",
			"Ronaldo returns to Manchester United after City talks collapse\n\nCristiano Ronaldo is going back to Manchester United.",
			[]string{"Cristiano Ronaldo -> Manchester United (done)"}, nil},
		{"a completed move confirmed later completes the move reported", "2018-08-09",
			"ZOUMA\n\nThe Chelsea centre-back is heading to Everton on a season-long loan.\n\nBarcelona have also sold Yerry Mina.\n\nKurt Zouma's loan is confirmed too.",
			[]string{"Kurt Zouma -> Everton (done)"}, []string{"Kurt Zouma -> Barcelona"}},
		{"a club's target is its destination, and a headline surname is the known player", "2022-01-10",
			"Napoli target Vlahovic wants to leave Fiorentina\n\nNapoli target Dusan Vlahovic wants to leave Fiorentina this month.",
			[]string{"Dušan Vlahović -> Napoli (interest)"}, []string{"Dušan Vlahović -> Fiorentina", "Vlahovic -> Napoli"}},
		{"a seller tells the buyer its price", "2021-07-10",
			"Chelsea have been told they must pay £100m for Romelu Lukaku.",
			[]string{"Romelu Lukaku -> Chelsea (interest)"}, nil},
		{"a coach of the people table is not a player", "2024-11-11",
			"Rúben Amorim has joined Manchester United from Sporting CP.",
			nil, []string{"Rúben Amorim -> Manchester United"}},
		{"a first name used for a player named in full is his, not a one-word namesake's", "2024-12-01",
			"Chelsea are keen on Ivan Toney. Ivan is also wanted by Nottingham Forest.",
			[]string{"Ivan Toney -> Nottingham Forest (interest)"}, []string{"Ivan -> Nottingham Forest"}},
		{"a description names the nationality of the player it means", "2022-06-28",
			"Kalvin Phillips and Fernandinho were both on the pitch. Manchester City want the England midfielder.",
			[]string{"Kalvin Phillips -> Manchester City (interest)"}, nil},
		{"the player a clause moves is its first, not one it names in passing", "2022-06-28",
			"Manchester City have opened talks with Leeds United over Kalvin Phillips as a replacement for Fernandinho.",
			[]string{"Kalvin Phillips -> Manchester City (talks)"}, []string{"Kalvin Phillips -> Leeds United", "Fernandinho -> Leeds United"}},
		{"a manager stands for the club the text gives him", "2023-06-20",
			"Arsenal manager Mikel Arteta is a long-time admirer of Declan Rice. Arteta wants Rice as his first signing of the summer.",
			[]string{"Declan Rice -> Arsenal (interest)"}, nil},
		{"a bid being prepared is interest", "2019-06-20",
			"Arsenal are preparing a bid for Celtic left-back Kieran Tierney.",
			[]string{"Kieran Tierney -> Arsenal (interest)"}, nil},
		{"a renewal that ends a suitor's hopes is off for it", "2015-08-14",
			"Sergio Ramos is set to sign a new five-year deal at Real Madrid, ending Manchester United's hopes of prising the defender away.",
			[]string{"Sergio Ramos -> Manchester United (off)"}, []string{"Sergio Ramos -> Real Madrid"}},
		{"a club heading is the destination of its item's arrivals", "2023-09-08",
			"Where every club stands.\n\nAL-HILAL\nAleksandar Mitrovic arrived from Fulham.\n\nAL-NASSR\nSadio Mane arrived from Bayern Munich.",
			[]string{"Aleksandar Mitrović -> Al Hilal (done)", "Sadio Mané -> Al Nassr (done)"}, []string{"Sadio Mané -> Al Hilal"}},
		{"a subordinate clause's club is not where the main clause's arrival goes", "2022-09-02",
			"Juventus brought back Paul Pogba from Manchester United. Bremer arrived from Torino after Inter thought they had a deal, and Arkadiusz Milik joined on loan from Marseille.",
			[]string{"Gleison Bremer -> Juventus (done)", "Arkadiusz Milik -> Juventus (done)"}, []string{"Arkadiusz Milik -> Inter Milan"}},
		{"a manager acting for his club stands for the club he coached then", "2017-07-20",
			"RB Leipzig have rejected a second offer from Jurgen Klopp's side for midfielder Naby Keita. Antonio Conte wants Alex Sandro. Maurizio Sarri praised Jorginho.",
			[]string{"Naby Keïta -> Liverpool (bid)", "Alex Sandro -> Chelsea (interest)"}, []string{"Jorginho -> Napoli", "Alex Sandro -> Napoli"}},
		{"a shared mononym is the player who bears it bare", "2015-08-14",
			"Manchester United have spent a fortnight in talks with Barcelona over Pedro.",
			[]string{"Pedro -> Manchester United (talks)"}, []string{"Pedro (Centre-Forward) -> Manchester United"}},
		{"machine-reworded arrivals are arrivals", "2022-09-02",
			"Juventus introduced again Paul Pogba on a free switch. Filip Kostic got here from Eintracht Frankfurt. Arkadiusz Milik joined on mortgage from Marseille.",
			[]string{"Filip Kostic -> Juventus (done)", "Arkadiusz Milik -> Juventus (done)"}, nil},
		{"stages as the press hedges them", "2024-02-01",
			"Newcastle are lining up a club-record bid for Hoffenheim striker Joelinton. Ansu Fati is joining Brighton on loan from Barcelona. Everton's Arnaut Danjuma has completed a medical at Tottenham. Frenkie de Jong does not want to leave Barcelona, and United's pursuit of the midfielder is now over.",
			[]string{"Joelinton -> Newcastle United (interest)", "Ansu Fati -> Brighton & Hove Albion (agreed)", "Arnaut Danjuma -> Tottenham Hotspur (medical)"}, nil},
		{"respectively pairs players and clubs in order", "2018-02-01",
			"Olivier Giroud and Theo Walcott have gone, to Chelsea and Everton respectively.",
			[]string{"Olivier Giroud -> Chelsea (done)", "Theo Walcott -> Everton (done)"}, []string{"Theo Walcott -> Chelsea", "Olivier Giroud -> Everton"}},
		{"a verbless list of signings under a club's heading", "2024-09-02",
			"What the window told us.\n\n2. Manchester United finally have a plan\nJoshua Zirkzee from Bologna, Leny Yoro from Lille, Matthijs de Ligt and Noussair Mazraoui from Bayern Munich.",
			[]string{"Joshua Zirkzee -> Manchester United (done)", "Leny Yoro -> Manchester United (done)", "Matthijs de Ligt -> Manchester United (done)", "Noussair Mazraoui -> Manchester United (done)"}, []string{"Joshua Zirkzee -> Lille"}},
		{"a manager's possessive names his club", "",
			"Serie A window.\n\n3. Mourinho's Roma are serious\nNemanja Matic and Andrea Belotti also arrived on free transfers.\n\nKim Min-jae arrived from Fenerbahce.",
			[]string{"Nemanja Matić -> Roma (done)", "Andrea Belotti -> Roma (done)"}, []string{"Nemanja Matić -> Fenerbahçe"}},
		{"a player going the other way goes to the seller", "2020-09-29",
			"Manchester City have completed the signing of Ruben Dias from Benfica, with Nicolas Otamendi moving in the opposite direction as part of the deal.",
			[]string{"Rúben Dias -> Manchester City (done)", "Nicolás Otamendi -> Benfica (done)"}, []string{"Nicolás Otamendi -> Manchester City"}},
		{"back at a former club is a return; letting a player go sends him", "2018-08-02",
			"Leonardo Bonucci is back at Juventus just a year after leaving. Chelsea let Alvaro Morata go to Atletico Madrid on loan.",
			[]string{"Leonardo Bonucci -> Juventus (done)", "Álvaro Morata -> Atlético Madrid (done)"}, nil},
		{"the ways the press says a club wants a player", "2019-07-01",
			"Juventus will not sell Paul Pogba, with Chelsea keeping tabs on the midfielder. Everton will demand £50m from Tottenham for Ross Barkley. Diego Rossi has attracted scouts from Fenerbahce. Chelsea have offered €100m for Romelu Lukaku.",
			[]string{"Paul Pogba -> Chelsea (interest)", "Ross Barkley -> Tottenham Hotspur (interest)", "Diego Rossi -> Fenerbahçe (interest)", "Romelu Lukaku -> Chelsea (bid)"}, []string{"Ross Barkley -> Everton"}},
		{"a player who turns a club down ends its pursuit", "2016-06-09",
			"Jamie Vardy has turned down Arsenal and committed his future to Leicester City.",
			[]string{"Jamie Vardy -> Arsenal (off)"}, []string{"Jamie Vardy -> Leicester City"}},
		{"the club that tells the news is not where he goes", "2018-07-25",
			"Alphonso Davies will join Bayern Munich in January in a deal worth up to $22 million, the Vancouver Whitecaps said on Wednesday.",
			nil, []string{"Alphonso Davies -> Vancouver Whitecaps"}},
		{"a title-case club line heads its section", "2018-02-01",
			"Winners and losers of the window.\n\nChelsea\nEmerson Palmieri came from Roma.\n\nTottenham\nLucas Moura arrived from Paris Saint-Germain for £25m.",
			[]string{"Lucas Moura -> Tottenham Hotspur (done)"}, []string{"Lucas Moura -> Chelsea"}},
		{"an initialism stays one word: D.C. United is not Manchester United", "2018-06-28",
			"Wayne Rooney has signed a three-and-a-half-year contract with Major League Soccer's D.C. United, ending his second spell at Everton.",
			[]string{"Wayne Rooney -> D.C. United (done)"}, []string{"Wayne Rooney -> Manchester United"}},
		{"Milan used as a club's name is AC Milan, as a place the club the text is about", "2022-09-02",
			"Inter kept Milan Skriniar. Romelu Lukaku flew to Milan to complete his loan return to Inter.\n\n5. Milan's quiet summer\nThe champions signed Charles De Ketelaere from Club Brugge.",
			[]string{"Charles De Ketelaere -> AC Milan (done)"}, []string{"Charles De Ketelaere -> Inter Milan", "Romelu Lukaku -> AC Milan"}},
		{"a descriptor hides the preposition; a manager in apposition acts for his club", "2021-08-14",
			"His successor, Simone Inzaghi, has already brought in Hakan Calhanoglu on a free transfer from city rivals Milan.",
			[]string{"Hakan Çalhanoğlu -> Inter Milan (done)"}, []string{"Hakan Çalhanoğlu -> AC Milan"}},
		{"on loan at a club is where he plays; again at is a spun back at", "2018-02-01",
			"Daniel Sturridge is on loan at West Brom until the end of the season. Inter have their striker back: Romelu Lukaku is again at San Siro on mortgage from Chelsea.",
			[]string{"Daniel Sturridge -> West Bromwich Albion (done)", "Romelu Lukaku -> Inter Milan (done)"}, []string{"Romelu Lukaku -> Chelsea"}},
		{"staying until a date before joining: the club he joins is his next", "2018-07-25",
			"Alphonso Davies will join Bayern Munich in January, the Vancouver Whitecaps said. The 17-year-old winger will stay with the Whitecaps until the end of the MLS season before joining the German club on Jan. 1.",
			[]string{"Alphonso Davies -> Bayern Munich (agreed)"}, []string{"Alphonso Davies -> Vancouver Whitecaps"}},
		{"a participle that ends speculation ends the link it names, not the main clause's", "2022-05-21",
			"Kylian Mbappe has signed a new three-year contract with Paris St Germain, ending months of speculation that he would join Real Madrid. Manchester City have completed the signing of Kevin De Bruyne from Wolfsburg, ending a pursuit that lasted most of the summer.",
			[]string{"Kylian Mbappé -> Real Madrid (off)", "Kevin De Bruyne -> Manchester City (done)"}, []string{"Kylian Mbappé -> Paris Saint-Germain"}},
		{"a coach's name is not a player's with a slip; the incumbent a signing covers for is no target", "2016-08-04",
			"Arsenal's first two offers were turned down by David Moyes' club. Luis Enrique wants a striker to provide cover for Luis Suarez and Lionel Messi.",
			nil, []string{"David Moses -> Arsenal", "Luis Suárez -> Barcelona", "Lionel Messi -> Barcelona"}},
		{"a headline's two events each keep their club; keeping watch is a suitor's", "2023-11-20",
			"Ivan Toney's camp deny Chelsea talks as Arsenal keep watch\nIvan Toney's representatives have denied holding talks with Chelsea.",
			[]string{"Ivan Toney -> Arsenal (interest)"}, []string{"Ivan Toney -> Chelsea (talks)"}},
		{"pulling out of a club's deal ends that move", "2017-08-31",
			"Deadline day LIVE: Barkley pulls out of Chelsea deal\nRoss Barkley has changed his mind.",
			[]string{"Ross Barkley -> Chelsea (off)"}, nil},
		{"the club that talks over a sale sells; a reunion at a club is a move there", "2025-01-15",
			"Brazilian club Palmeiras are in talks with Manchester City over the sale of 19-year-old defender Vitor Reis. Erik ten Hag wants a reunion with Jurrien Timber at Old Trafford.",
			[]string{"Vitor Reis -> Manchester City (talks)", "Jurriën Timber -> Manchester United (interest)"}, []string{"Vitor Reis -> Palmeiras"}},
		{"a surname of two words with one slip is that player's", "2017-08-31",
			"Big twist: Oxlade Chamberlin is now at Melwood for a medical. CONFIRMED: Oxlade Chamberlin is a Liverpool player.",
			[]string{"Alex Oxlade-Chamberlain -> Liverpool (done)"}, nil},
		{"a live blog's tag heads nothing: the entry stays under its player's heading", "2016-08-31",
			"DEADLINE DAY LIVE\n\n10:40\nJOE HART\nBREAKING: Torino have confirmed the arrival of the England goalkeeper on a season-long loan from Manchester City.",
			[]string{"Joe Hart -> Torino (done)"}, nil},
		{"a country of two words describes a player; heads to is a move", "2019-09-02",
			"Keylor Navas is also on his way to Paris. PSG are paying Real Madrid around €15m for the Costa Rica goalkeeper, with Alphonse Areola going in the opposite direction. AC Milan and Eintracht Frankfurt have agreed a swap: Ante Rebic heads to San Siro on a two-year loan.",
			[]string{"Keylor Navas -> Paris Saint-Germain (done)", "Alphonse Areola -> Real Madrid (done)", "Ante Rebic -> AC Milan (done)"}, nil},
		{"a surname over an item is the star who bears it; told what it will take is the buyer", "2024-01-19",
			"Transfer news LIVE\nAll the news.\n\n09:20\nPHILLIPS\nWest Ham are in talks with Manchester City over a loan for the England midfielder.\n\n11:00\nTottenham have been told by Chelsea that it will take £50m to sign Conor Gallagher this month.",
			[]string{"Kalvin Phillips -> West Ham United (talks)", "Conor Gallagher -> Tottenham Hotspur (speculation)"}, []string{"Conor Gallagher -> Chelsea"}},
		{"the two clubs of a deal go on with the next player; a headline's present tense is done", "2018-08-09",
			"Everton have agreed a fee of around £27m with Barcelona for Yerry Mina, and the two clubs are also finalising a loan for Andre Gomes.\n\n14:30 OFFICIAL\nEverton sign Yerry Mina and Andre Gomes",
			[]string{"Yerry Mina -> Everton (done)", "André Gomes -> Everton (done)"}, []string{"André Gomes -> Barcelona"}},
		{"a middle name the gazetteer lacks; a past loan is a former club, not the seller", "2022-08-17",
			"Everton are in talks with Paris St-Germain over bringing Idrissa Gana Gueye back to Goodison Park. Joe Willock shone after his excellent loan at Newcastle.",
			[]string{"Idrissa Gueye -> Everton (talks)"}, []string{"Joe Willock -> Newcastle United"}},
		{"a seller that tells a buyer he will not be sold; accepting that he stays is no sale; money received for a player pays for another", "2020-09-15",
			"Borussia Dortmund have told Manchester United that England winger Jadon Sancho, 20, will not be sold this summer. Manchester City have accepted that Lionel Messi will see out the final year of his contract at Barcelona. Liverpool could use part of the £142m they received from Barcelona for Philippe Coutinho to buy Monaco's Thomas Lemar.",
			[]string{"Jadon Sancho -> Manchester United (denied)", "Lionel Messi -> Manchester City (off)", "Thomas Lemar -> Liverpool (speculation)"}, []string{"Philippe Coutinho -> Liverpool"}},
		{"the club opening a paragraph is the one the article is about; team-mates he would support are no targets; once of a club is a former club", "2023-08-31",
			"Barcelona are close to two loan deals. Barcelona want Joao Cancelo. Barcelona are letting Ansu Fati leave, and Tottenham had also been credited with interest.\n\nThe club have already brought in Ilkay Gundogan from Manchester City.\n\nJurgen Klopp wants another attacking option to support Mohamed Salah. Ruben Amorim has also added winger Marcus Edwards, once of Tottenham, from Vitoria de Guimaraes.",
			[]string{"İlkay Gündoğan -> Barcelona (done)"}, []string{"İlkay Gündoğan -> Tottenham Hotspur", "Mohamed Salah -> Liverpool", "Marcus Edwards -> Tottenham Hotspur"}},
		{"the club that agrees a sale sells; a derby's name is no club", "2022-07-19",
			"Bayern also agreed the sale of Robert Lewandowski to Barcelona at the weekend. Juventus agreed a fee for Gleison Bremer with Torino, crossing the divide of the Derby della Mole.",
			[]string{"Robert Lewandowski -> Barcelona (agreed)"}, []string{"Robert Lewandowski -> Bayern Munich", "Gleison Bremer -> Derby County"}},
		{"They is the club that led the sentence before; breaking a club record to sign is done", "2016-08-31",
			"MARCOS ALONSO\nChelsea are not finished. They have agreed a fee of around £23m with Fiorentina for the Spanish left-back.\n\nNDONG\nSunderland have broken their club record to sign Gabon midfielder Didier Ndong from Lorient for around £13.6m.",
			[]string{"Marcos Alonso -> Chelsea (agreed)", "Didier Ndong -> Sunderland (done)"}, []string{"Marcos Alonso -> Fiorentina"}},
		{"on a club's list is interest; a medical in a city is at the club the text is about", "2025-02-03",
			"Napoli's Nigeria striker Victor Osimhen, 24, is also on United's list.\n\n08:40 ASENSIO\nVilla are not finished. The Spain forward is having a medical in Birmingham ahead of a loan from Paris Saint-Germain.",
			[]string{"Victor Osimhen -> Manchester United (interest)", "Marco Asensio -> Aston Villa (medical)"}, []string{"Marco Asensio -> Birmingham City"}},
		{"a club's possessive before a player and a bid is its bid for him; a makeweight goes to the target's club, not to the bidder", "",
			"Chelsea's Lukaku offer turned down\nInter have rejected a first approach for the Belgium striker.\n\nJuventus have offered €40m plus midfielder Adrien Rabiot for Sandro Tonali, reports Tuttosport.",
			[]string{"Romelu Lukaku -> Chelsea (*)", "Sandro Tonali -> Juventus (bid) [Tuttosport]"}, []string{"Adrien Rabiot -> Juventus"}},
		{"waiting for a player, breaking a record for him and replacing one with him are interest; turning a club down ends its pursuit", "2019-06-20",
			"Real Madrid will wait until next summer for Paul Pogba. Arsenal are ready to break their club record for Lille winger Nicolas Pepe. Napoli would replace Arkadiusz Milik with Mauro Icardi. Ruben Neves turned Manchester United down, choosing to stay at Wolves.",
			[]string{"Paul Pogba -> Real Madrid (interest)", "Nicolas Pépé -> Arsenal (interest)", "Mauro Icardi -> Napoli (interest)", "Rúben Neves -> Manchester United (off)"}, []string{"Arkadiusz Milik -> Napoli"}},
		{"a club that added a player signed him; a player who snubs a club while renewing keeps the link, and his club is the one he renews with", "2023-12-20",
			"Kylian Mbappe snubs Al-Hilal and signs new Paris Saint-Germain deal\n\nSteven Gerrard's team added Jordan Henderson. Juventus brought back Paul Pogba, and added Angel Di Maria on a free from Paris Saint-Germain.",
			[]string{"Kylian Mbappé -> Al Hilal (off)", "Jordan Henderson -> Al Ettifaq (done)", "Ángel Di María -> Juventus (done)"}, nil},
		{"after a noun phrase and its own verb is a clause of its own; a year after is history", "2023-07-20",
			"Galatasaray have made contact with Chelsea over Hakim Ziyech after the Morocco winger's move to Al-Nassr collapsed.\n\nBAYERN MUNICH\nVincent Kompany's squad already looks different. Michael Olise arrived from Crystal Palace, Joao Palhinha finally made it from Fulham a year after his move collapsed on deadline day.",
			[]string{"Hakim Ziyech -> Galatasaray (talks)", "Hakim Ziyech -> Al Nassr (off)", "João Palhinha -> Bayern Munich (done)"}, nil},
		{"a loan a club wants is the arrangement wanted, not one made", "2025-01-14",
			"Tuesday's transfer gossip\n\nWest Ham want Republic of Ireland striker Evan Ferguson, 20, on loan from Brighton. (Sun)",
			[]string{"Evan Ferguson -> West Ham United (interest) [The Sun]"}, nil},
		{"a player a swap sends the other way goes to the seller", "2018-01-22",
			"Sanchez swap done\n\nManchester United have completed the signing of Alexis Sanchez from Arsenal in a swap deal that sees Henrikh Mkhitaryan move the other way.",
			[]string{"Alexis Sánchez -> Manchester United (done)", "Henrikh Mkhitaryan -> Arsenal (done)"}, []string{"Henrikh Mkhitaryan -> Manchester United"}},
		{"after turning a club down is a clause of its own", "2017-09-01",
			"Alex Oxlade-Chamberlain did get his move. The 24-year-old completed a £35m switch to Liverpool after turning down Chelsea.",
			[]string{"Alex Oxlade-Chamberlain -> Liverpool (done)", "Alex Oxlade-Chamberlain -> Chelsea (off)"}, nil},
		{"the club he stays at is the one he renewed with, not the last club named", "2022-05-21",
			"Kylian Mbappe has signed a new three-year contract with Paris St Germain, the French champions said on Saturday, ending months of speculation that he would join Real Madrid on a free transfer.\nThe 23-year-old forward, whose previous deal was due to expire next month, will stay at the club until 2025.",
			[]string{"Kylian Mbappé -> Real Madrid (off)"}, nil},
		{"he is going to a club, or has chosen it: a decision, agreed; the club he chose it over is no destination", "2023-06-07",
			"Messi decides\n\nLionel Messi says he is going to Inter Miami. Moussa Sissoko has chosen Tottenham over Everton.",
			[]string{"Lionel Messi -> Inter Miami (agreed)", "Moussa Sissoko -> Tottenham Hotspur (agreed)"}, []string{"Moussa Sissoko -> Everton"}},
		{"a move that will not happen is denied; one not done yet is not", "2023-06-20",
			"Transfer news\n\nCristiano Ronaldo will not be joining Atletico Madrid. Manchester United have not signed Mason Mount yet, but talks with Chelsea are advanced.",
			[]string{"Cristiano Ronaldo -> Atlético Madrid (denied)", "Mason Mount -> Manchester United (speculation)"}, nil},
		{"a word of a longer capitalised name is no player's name alone", "2025-01-14",
			"Chelsea have signed United States defender Naomi Girma from NWSL side San Diego Wave.\n\nSergio Ramos has completed a free switch to Paris Holy person-Germain.",
			[]string{"Naomi Girma -> Chelsea (done)"}, []string{"Diego -> Chelsea", "San Sat Naing -> Chelsea", "Sidney Paris -> Paris Saint-Germain", "Sidney Paris -> Chelsea"}},
		{"a spun page's club names", "2021-07-10",
			"Transfer news\n\nAC Milano want Olivier Giroud. Actual Madrid have signed Eduardo Camavinga from Rennes.",
			[]string{"Olivier Giroud -> AC Milan (interest)", "Eduardo Camavinga -> Real Madrid (done)"}, nil},
		{"a fee received from a club for a player is his move there; reviving his career on loan at a club is now; his club debut is done", "2018-02-01",
			"Winners and losers of the window\n\nBy the end of the month, with the £142m from Barcelona for Philippe Coutinho in the bank, it looked like shrewd business. Daniel Sturridge, meanwhile, is trying to revive his career on loan at West Brom. Alexis Sanchez made his United debut on Saturday.",
			[]string{"Philippe Coutinho -> Barcelona (done)", "Daniel Sturridge -> West Bromwich Albion (*)", "Alexis Sánchez -> Manchester United (done)"}, nil},
		{"the club whose move another hijacked is off, unless the hijack is only near; a medical with no club is at the strongest move reported", "2022-01-28",
			"Liverpool hijack Tottenham's move for Luis Díaz\n\nLiverpool have agreed a deal with Porto for Luis Díaz, hijacking Tottenham's pursuit of the Colombia winger. Antonio Conte's side had been negotiating with Porto for a week. Díaz will undergo his medical in South America, according to O Jogo.\n\nChelsea are on the verge of hijacking Arsenal's move for Mykhailo Mudryk.",
			[]string{"Luis Díaz -> Liverpool (agreed) [O Jogo]", "Luis Díaz -> Tottenham Hotspur (off) [O Jogo]", "Mykhailo Mudryk -> Arsenal (interest)"}, nil},
		{"a roundup item's lone United is not the United of the item before", "2022-08-17",
			"Paper talk\nManchester United are still looking for a midfielder.\n\nVOETBAL INTERNATIONAL\nPSV Eindhoven have rejected an offer from Leeds United for Cody Gakpo.\n\nFOOTBALL INSIDER\nFrenkie de Jong still does not want to leave Barcelona, and United's pursuit of the midfielder is now over.",
			[]string{"Cody Gakpo -> Leeds United (bid) [Voetbal International]", "Frenkie de Jong -> Manchester United (off) [Football Insider]"}, []string{"Frenkie de Jong -> Leeds United"}},
		{"a club's second bid rejected stays a bid", "2023-06-22",
			"Man Utd's second Mason Mount bid rejected\n\nChelsea have rejected Manchester United's second offer for Mason Mount, worth £50m including add-ons.",
			[]string{"Mason Mount -> Manchester United (bid)"}, nil},
		{"a quote's accomplished is no move", "2020-11-11",
			"Sergio Ramos could join Inter Miami, reports AS.\n\nZinedine Zidane: \"For me, Sergio Ramos is the best defender in history. What he's accomplished.\"",
			[]string{"Sergio Ramos -> Inter Miami (speculation) [AS]"}, []string{"Sergio Ramos -> Inter Miami (done)"}},
		{"a club's descriptor is the recent player who plays there", "2020-11-11",
			"Sergio Ramos has been linked with Inter Miami. Gonzalo Higuain made the move to Inter Miami this year. Juventus also want the Real Madrid captain, reports AS.",
			[]string{"Sergio Ramos -> Juventus (interest) [AS]"}, []string{"Gonzalo Higuaín -> Juventus"}},
		{"a coach's tenure names his club; wanting someone unnamed is no link to the last player", "2022-07-13",
			"Raphinha is set to join Barcelona.\n\nJesse Marsch has brought in Tyler Adams from RB Leipzig.\n\nArsenal have agreed a fee with Ajax for Jurrien Timber.\n\nWest Ham, meanwhile, have a huge pot to spend and David Moyes wants reinforcements in the middle of the park.",
			[]string{"Tyler Adams -> Leeds United (done)"}, []string{"Tyler Adams -> Barcelona", "Jurriën Timber -> West Ham United"}},
		{"a nickname in quotes between the names; signing for a club; years after is history", "2025-06-18",
			"Claudio \"El Diablito\" Echeverri made the same journey from River to Europe in January, signing for Manchester City. Renato Sanches will join Benfica on a season-long loan, eight years after he left the club for Bayern Munich.",
			[]string{"Claudio Echeverri -> Manchester City (done)", "Renato Sanches -> Benfica (agreed)"}, []string{"Renato Sanches -> Bayern Munich"}},
		{"both players of a described pair; came from and did get are done; committing his future is staying", "2015-09-02",
			"Wolves centre-back Willy Boly and Atletico Madrid left-back Renan Lodi are both heading to the City Ground. Jose Mourinho did get Pedro from Barcelona. Jamie Vardy has turned down Arsenal and committed his future to Leicester City.\n\nAL-ITTIHAD\nDefender Luiz Felipe came from Real Betis.",
			[]string{"Willy Boly -> Nottingham Forest (agreed)", "Renan Lodi -> Nottingham Forest (agreed)", "Pedro -> Chelsea (done)", "Jamie Vardy -> Arsenal (off)", "Luiz Felipe -> Al Ittihad (done)"}, []string{"Jamie Vardy -> Leicester City"}},
		{"a coach introduced without a club stands for his", "2025-08-01",
			"New head coach Thomas Frank has brought in Mohammed Kudus from West Ham.",
			[]string{"Mohammed Kudus -> Tottenham Hotspur (done)"}, nil},
		{"a club's second offer is its bid; a headline's club rebuffed for a player is the bidder", "2015-08-14",
			"Transfer gossip: Spurs rebuffed again for Berahino\nTottenham's second offer for Saido Berahino, understood to be £20m, has been turned down by West Brom (The Times).",
			[]string{"Saido Berahino -> Tottenham Hotspur (bid) [The Times]"}, []string{"Saido Berahino -> West Bromwich Albion"}},
		{"a known player's full name with one slip is that player", "2022-02-01",
			"Pierre-Emerick Aubamayang has joined Barcelona on a free transfer.",
			[]string{"Pierre-Emerick Aubameyang -> Barcelona (done)"}, []string{"Pierre-Emerick Aubamayang -> Barcelona"}},
		{"a roundup item's heading names its player", "2021-01-14",
			"PAPER TALK: the back pages\n\nJESSE LINGARD: West Ham are considering a loan move for the Manchester United forward, according to the Daily Mail.",
			[]string{"Jesse Lingard -> West Ham United (interest) [Daily Mail]"}, []string{"Jesse Lingard -> Manchester United"}},
	}
	runLinkCases(t, x, tests)
}

// TestRuleLinks checks the rules alone (no link model) where the model
// might hide a rule's mistake by rejecting a borderline candidate.
func TestRuleLinks(t *testing.T) {
	x, err := newExtractor(t).WithModel(nil)
	if err != nil {
		t.Fatal(err)
	}
	runLinkCases(t, x, []linkCase{
		{"a list's last signing without a verb shares the list's move", "2023-08-20",
			"New coach Xabi Alonso has Granit Xhaka, signed from Arsenal in June, plus Victor Boniface, also from Union Saint-Gilloise, and Jonas Hofmann from Borussia Monchengladbach.",
			[]string{"Granit Xhaka -> Bayer Leverkusen (done)", "Victor Boniface -> Bayer Leverkusen (done)", "Jonas Hofmann -> Bayer Leverkusen (done)"}, nil},
		{"Inter alone in a story about Inter Miami is Inter Miami", "2023-07-20",
			"Jordi Alba completes Inter Miami move\n\nInter Miami have confirmed the signing of Jordi Alba. The 34-year-old was a free agent after leaving Barcelona in June, and his arrival makes him the third of the Catalan club's greats to join Inter this month.",
			[]string{"Jordi Alba -> Inter Miami (done)"}, []string{"Jordi Alba -> Inter Milan"}},
		{"a reason is out of the refusal's reach", "2023-01-31",
			"Chelsea defender Marcos Alonso is joining Atlético Madrid on loan. Barcelona had agreed terms with Chelsea for the Spaniard, but he turned Barcelona down because he preferred Diego Simeone's side.",
			[]string{"Marcos Alonso -> Atlético Madrid (agreed)", "Marcos Alonso -> Barcelona (off)"}, nil},
		{"players confirmed together complete each one's own move, not one called off", "2023-09-01",
			"Deadline day live\n\nCrystal Palace have agreed a loan for Ben Chilwell. Fulham had agreed terms with Chelsea for the left-back, but he turned Fulham down.\n\nTottenham have agreed a £47.5m fee with Nottingham Forest for the Wales winger Brennan Johnson, a club-record sale for Forest.\n\nAll done. Chilwell and Johnson are all confirmed.",
			[]string{"Ben Chilwell -> Crystal Palace (done)", "Brennan Johnson -> Tottenham Hotspur (done)", "Ben Chilwell -> Fulham (off)"}, nil},
		{"a preference is a club the player wants, and the sentence's outlet reports it", "2023-08-12",
			"Moisés Caicedo has told Liverpool he will not be travelling for a medical, The Athletic reported, because his preference has always been Chelsea.",
			[]string{"Moisés Caicedo -> Chelsea (interest) [The Athletic]"}, nil},
		{"years spent at a club, loans there included, are his history", "2018-08-09",
			"Thibaut Courtois has completed his move to Real Madrid from Chelsea. The goalkeeper spent seven seasons at Chelsea, including three on loan at Atlético Madrid.",
			[]string{"Thibaut Courtois -> Real Madrid (done)"}, []string{"Thibaut Courtois -> Atlético Madrid"}},
		{"a former player with a staff title is staff, not a player nor another's slip", "2024-01-10",
			"Dortmund want Jadon Sancho. Sporting director Sebastian Kehl confirmed talks with Manchester United. Benfica president Rui Costa says Darwin Núñez is not for sale.",
			[]string{"Jadon Sancho -> Borussia Dortmund (*)"}, []string{"Sebastian Kehl -> Borussia Dortmund", "Gui Costa -> Benfica", "Rui Costa -> Benfica"}},
		{"a titled manager leading the clause wants the player for his club", "2020-09-01",
			"Chelsea manager Frank Lampard wants Declan Rice, but West Ham say he is not for sale. Leicester boss Brendan Rodgers says James Maddison is going nowhere.",
			[]string{"Declan Rice -> Chelsea (interest)"}, []string{"James Maddison -> Leicester City"}},
		{"a negated subject negates its verb", "2022-01-10",
			"Newcastle have asked about Darwin Núñez, but Benfica say no offer has arrived. Liverpool want Luis Díaz, but no agreement has yet been reached with Porto.",
			[]string{"Darwin Núñez -> Newcastle United (interest)", "Luis Díaz -> Liverpool (interest)"}, []string{"Darwin Núñez -> Benfica"}},
		{"one club's target completing another club's move: the first only wanted him", "2023-08-14",
			"Arsenal target Moisés Caicedo completes Chelsea move\n\nMoisés Caicedo has joined Chelsea from Brighton for £115m.",
			[]string{"Moisés Caicedo -> Chelsea (done)", "Moisés Caicedo -> Arsenal (interest)"}, nil},
		{"a deal called off with no club named is the one reported so far", "2017-08-31",
			"Chelsea have agreed a fee with Leicester for Danny Drinkwater, who is having a medical. Hours later, the deal is off.",
			[]string{"Danny Drinkwater -> Chelsea (off)"}, nil},
		{"a club whose training ground hosts a player's medical is where he goes", "2022-07-12",
			"Chelsea had agreed a fee with Leeds for Raphinha, but the winger wanted Barcelona. He is now at Barcelona's training ground for a medical.",
			[]string{"Raphinha -> Barcelona (medical)"}, []string{"Raphinha -> Chelsea (medical)"}},
		{"a player who tells a suitor he stays calls its move off", "2022-08-30",
			"Arsenal have had a £40m bid for Youri Tielemans accepted by Leicester. The midfielder has told Arsenal he will stay at Leicester this season.",
			[]string{"Youri Tielemans -> Arsenal (off)"}, nil},
		{"an arrival in his career's history completes no move", "2018-08-09",
			"Chelsea have had a £40m bid for Jack Grealish rejected by Aston Villa. Grealish joined the academy at Villa Park and has spent his whole career there apart from a loan spell at Notts County.",
			[]string{"Jack Grealish -> Chelsea (bid)"}, nil},
		{"a suitor that steps aside is out of the race", "2019-07-10",
			"Inter and Roma both wanted Nicolò Barella. Roma stepped aside when Cagliari refused to lower their asking price.",
			[]string{"Nicolò Barella -> Roma (off)"}, nil},
		{"what would have happened did not", "2024-08-14",
			"Martín Zubimendi has decided to remain at Real Sociedad, turning down a move that would have made him Liverpool's first signing of the summer.",
			[]string{"Martín Zubimendi -> Liverpool (off)"}, nil},
		{"a club completing a player's return has signed him", "2021-08-13",
			"Chelsea have been busy this week, completing the return of Romelu Lukaku from Inter Milan.",
			[]string{"Romelu Lukaku -> Chelsea (done)"}, nil},
		{"a relative clause's signings are its own; the main verb after it is the club's", "2017-01-22",
			"Newcastle, who have already brought in Jonjo Shelvey from Swansea this month, are ready to offer £21m for West Brom striker Saido Berahino.",
			[]string{"Jonjo Shelvey -> Newcastle United (done)", "Saido Berahino -> Newcastle United (interest)"}, nil},
		{"a second verb of the same subject is a clause of its own", "2023-08-12",
			"Tottenham have already bought Micky van de Ven from Wolfsburg this week and are interested in Nottingham Forest winger Brennan Johnson.",
			[]string{"Micky van de Ven -> Tottenham Hotspur (done)", "Brennan Johnson -> Tottenham Hotspur (interest)"}, nil},
		{"a second verb after \"and\" keeps the subject whatever its auxiliary", "2023-08-12",
			"Tottenham has already bought Micky van de Ven from Wolfsburg this week and is interested in Nottingham Forest winger Brennan Johnson.",
			[]string{"Micky van de Ven -> Tottenham Hotspur (done)", "Brennan Johnson -> Tottenham Hotspur (interest)"}, nil},
		{"a deal a denial's that-clause names is denied", "2020-08-05",
			"Barcelona want Lautaro Martínez. Inter chief executive Giuseppe Marotta insists they will not sell and has denied that any agreement is in place with Barcelona.",
			[]string{"Lautaro Martínez -> Barcelona (denied)"}, nil},
		{"a club that has moved to do something has taken a step, not made a move", "2017-01-13",
			"Wolfsburg have moved to replace him with Schalke's Julian Draxler, and the two clubs are close to an agreement.",
			[]string{"Julian Draxler -> Wolfsburg (talks)"}, nil},
		{"a participle after a comma says what the club did before", "2022-08-20",
			"Chelsea manager Thomas Tuchel is determined to land Wesley Fofana, having already brought in Kalidou Koulibaly from Napoli.",
			[]string{"Wesley Fofana -> Chelsea (interest)", "Kalidou Koulibaly -> Chelsea (done)"}, nil},
		{"what a club did a time before is history, not the move it talks about", "2022-08-20",
			"Everton are in talks with Paris St-Germain over bringing Idrissa Gueye back, three years after selling the midfielder to the French club.",
			[]string{"Idrissa Gueye -> Everton (talks)"}, nil},
		{"close to finalising a signing is not a signing", "2021-07-12",
			"Arsenal are also close to finalising the signing of Belgian midfielder Albert Sambi Lokonga from Anderlecht.",
			[]string{"Albert Sambi Lokonga -> Arsenal (talks)"}, nil},
		{"history in passing leaves the clause around it whole", "2022-07-12",
			"Juventus brought back Paul Pogba on a free from Manchester United, six years after selling him to United, and added Angel Di Maria on a free from Paris Saint-Germain.",
			[]string{"Paul Pogba -> Juventus (done)", "Ángel Di María -> Juventus (done)"}, []string{"Paul Pogba -> Manchester United"}},
		{"a move the player's club or the suitor rules out is denied", "2016-01-05",
			"Arsenal are weighing up a summer move for Leicester winger Riyad Mahrez. Leicester boss Claudio Ranieri, however, says Mahrez will not go to Arsenal this season. Liverpool have no plans to move for Chelsea's Mason Mount this month, a club source has insisted.",
			[]string{"Riyad Mahrez -> Arsenal (denied)", "Mason Mount -> Liverpool (denied)"}, nil},
		{"an idea that never went beyond contact is off", "2020-09-07",
			"Memphis Depay was linked with a move to Inter Miami at the start of the year, but that idea never went beyond early contact.",
			[]string{"Memphis Depay -> Inter Miami (off)"}, nil},
		{"talks a sentence's subject held that collapsed are its own", "2021-08-27",
			"Cristiano Ronaldo has joined Manchester United. On Friday morning Manchester City were the favourites and had held talks with his agent, but those talks collapsed around lunchtime.",
			[]string{"Cristiano Ronaldo -> Manchester United (done)", "Cristiano Ronaldo -> Manchester City (off)"}, []string{"Cristiano Ronaldo -> Manchester United (off)"}},
		{"a manager named in a sentence of years back is no club's voice; moving on to a club is a move", "2023-08-01",
			"Zlatan Ibrahimović retired in June. Barcelona paid a huge fee for him in 2009, but his relationship with Pep Guardiola broke down within a year and he moved on to AC Milan.",
			nil, []string{"Zlatan Ibrahimović -> Manchester City"}},
		{"a title race and a lost final are competitions, not transfers", "2020-09-01",
			"Thibaut Courtois has been superb for Real Madrid this season. They are still in a La Liga title race with Atletico Madrid and Barcelona. Aston Villa want Ollie Watkins. Brentford lost the play-off final to Fulham in August and missed out on the Premier League.",
			[]string{"Ollie Watkins -> Aston Villa (interest)"}, []string{"Thibaut Courtois -> Atlético Madrid", "Thibaut Courtois -> Barcelona", "Ollie Watkins -> Fulham"}},
		{"the club a buyer paid, however long the fee, sold the player", "2015-09-01",
			"Manchester United completed the signing of Anthony Martial. United paid Monaco an initial £36m, potentially rising to £58m, for the 19-year-old.",
			[]string{"Anthony Martial -> Manchester United (done)"}, []string{"Anthony Martial -> Monaco"}},
		{"bids a seller knocked back before are the suitor's", "2015-08-14",
			"Chelsea are preparing a third offer for Everton centre-back John Stones, this one worth around £30m, after Roberto Martinez's side knocked back two earlier bids for the 21-year-old.",
			[]string{"John Stones -> Chelsea (bid)"}, nil},
		{"an offer turned down before is the bid of the club the seller told", "2022-07-12",
			"Napoli have told Chelsea they want at least €40m for Kalidou Koulibaly after turning down an opening offer worth around €33m.",
			[]string{"Kalidou Koulibaly -> Chelsea (bid)"}, nil},
		{"talks a relative clause says the player is in are with his destination", "2021-08-10",
			"Chelsea are also set to lose academy graduate Tammy Abraham, who is in talks with Roma.",
			[]string{"Tammy Abraham -> Roma (talks)"}, nil},
		{"what a club had added, did complete or lent is done", "2015-09-02",
			"Tottenham had already added Ghana winger Mohammed Kudus from West Ham this summer. Manchester United did complete one deal before the deadline, signing Monaco forward Anthony Martial for an initial fee of £36m. Leicester did at least get Islam Slimani's wages off the books, loaning him to Newcastle.",
			[]string{"Mohammed Kudus -> Tottenham Hotspur (done)", "Anthony Martial -> Manchester United (done)", "Islam Slimani -> Newcastle United (done)"}, []string{"Islam Slimani -> Leicester City"}},
		{"a pursuit that may end has not ended; a player who ends the speculation about a move ends the move", "2018-06-15",
			"Barcelona already signed one France forward last summer, when Ousmane Dembélé arrived from Borussia Dortmund, and may now switch their attention elsewhere. Antoine Griezmann is staying at Atlético Madrid. The France forward ended months of speculation about a move to Barcelona on Thursday night.",
			[]string{"Ousmane Dembélé -> Barcelona (done)", "Antoine Griezmann -> Barcelona (off)"}, nil},
		{"a second verb in the past of a career clause is career history", "2015-08-30",
			"Manchester City have completed the signing of Kevin De Bruyne from Wolfsburg. De Bruyne came through the ranks at Genk and was signed by Chelsea in 2012.",
			[]string{"Kevin De Bruyne -> Manchester City (done)"}, []string{"Kevin De Bruyne -> Chelsea"}},
		{"a club's offer with its fee is the club's bid", "2018-07-10",
			"Leicester have accepted Manchester City's £60m offer for the Algeria winger Riyad Mahrez.",
			[]string{"Riyad Mahrez -> Manchester City (agreed)"}, []string{"Riyad Mahrez -> Leicester City"}},
		{"a participle after what a club has done lists its signings, to the list's last verbless item", "2019-09-03",
			"Leeds United have been busy this summer, signing Helder Costa from Wolves and Jack Harrison from Manchester City, and Ben White from Brighton.",
			[]string{"Hélder Costa -> Leeds United (done)", "Jack Harrison -> Leeds United (done)", "Ben White -> Leeds United (done)"}, nil},
		{"City alone as a section's heading is the club", "2018-04-07",
			"Manchester derby preview\n\nUNITED\nAlexis Sanchez, signed from Arsenal in January, starts on the left.\n\nCITY\nAymeric Laporte, signed from Athletic Bilbao for £57m, will start at centre-back.",
			[]string{"Aymeric Laporte -> Manchester City (done)"}, []string{"Aymeric Laporte -> Manchester United"}},
		{"a player described as an arrival from a club joined the club the text is about; another's arrival named in passing did not", "2016-08-31",
			"Everton have had a busy summer. Idrissa Gueye, a £7m arrival from Aston Villa, made his debut on Saturday. Their next target after Ashley Williams's arrival from Swansea is a striker.",
			[]string{"Idrissa Gueye -> Everton (done)"}, []string{"Ashley Williams -> Everton"}},
		{"a club confirming something is no signing unless what it confirms is one", "2023-09-27",
			"Barcelona have confirmed that Pedri has torn a hamstring and will miss a month. Chelsea have confirmed that Cole Palmer has joined from Manchester City.",
			[]string{"Cole Palmer -> Chelsea (done)"}, []string{"Pedri -> Barcelona"}},
		{"the club he is leaving, referred back to, is no destination", "2025-08-06",
			"Son Heung-min is joining LAFC, leaving Tottenham after 10 seasons in what the club said was the most expensive signing in MLS history.",
			[]string{"Son Heung-min -> Los Angeles FC (agreed)"}, []string{"Son Heung-min -> Tottenham Hotspur"}},
		{"a move made in his youth is history when the article moves him on", "2017-08-31",
			"Alex Oxlade-Chamberlain will have a medical at Liverpool today after Arsenal accepted a £35m bid for the 24-year-old, who joined the Gunners from Southampton as a teenager.",
			[]string{"Alex Oxlade-Chamberlain -> Liverpool (*)"}, []string{"Alex Oxlade-Chamberlain -> Arsenal"}},
		{"a deal told in the past perfect came before the refusal that is the news", "2017-06-23",
			"Riyad Mahrez has turned down Arsenal and committed his future to Leicester City. Arsenal had triggered the £50m release clause in his contract, and he took several days to decide.",
			[]string{"Riyad Mahrez -> Arsenal (off)"}, nil},
		{"a club the text is about, as they, gives up on a player", "2023-07-20",
			"Chelsea believed a week ago that they had landed their top midfield target. Instead, according to The Athletic, they have now given up on Moisés Caicedo after Brighton refused to sell.",
			[]string{"Moisés Caicedo -> Chelsea (off) [The Athletic]"}, []string{"Moisés Caicedo -> Brighton & Hove Albion"}},
		{"a player who is a club's player plays there; only one who is now or finally one has joined", "2019-08-28",
			"Juventus have denied interest in Mauro Icardi. \"Icardi is an Inter player and we have a full squad,\" Paratici told Sky Italia. Antoine Griezmann is finally a Barcelona player.",
			[]string{"Antoine Griezmann -> Barcelona (done)"}, []string{"Mauro Icardi -> Inter Milan"}},
		{"a denial months before the news is history, not its latest word", "2021-08-20",
			"Barcelona in talks with Arsenal over Hector Bellerin return - seven months after Laporta denied contact\n\nBarcelona and Arsenal are in talks over a return to Camp Nou for Hector Bellerin, according to Sport.",
			[]string{"Héctor Bellerín -> Barcelona (talks) [Sport]"}, nil},
		{"the player replaced and the player who left for a country go nowhere near the club", "2023-08-13",
			"Sunday gossip\n\nManchester City have opened talks with Rennes over Jeremy Doku, to replace Riyad Mahrez, who left for Saudi Arabia in July. Neymar is staying in Paris. Monaco have already replaced him, completing the signing of Lazio forward Keita Balde.",
			[]string{"Jérémy Doku -> Manchester City (talks)", "Keita Baldé -> Monaco (done)"}, []string{"Riyad Mahrez -> Manchester City", "Neymar -> Monaco"}},
		{"the money from a player's sale pays for another; the one sold is no target", "",
			"Atletico plan\n\nAtletico Madrid want to spend the money from Rodri and Antoine Griezmann on Benfica teenager Joao Felix.",
			[]string{"João Félix -> Atlético Madrid (*)"}, []string{"Rodri -> Atlético Madrid", "Antoine Griezmann -> Atlético Madrid"}},
		{"a club that offers its player to another sells him, and takes the one in exchange", "",
			"Spanish papers\n\nBarcelona have offered Antoine Griezmann to Atletico Madrid in exchange for midfielder Saul Niguez.",
			[]string{"Antoine Griezmann -> Atlético Madrid (*)", "Saúl Ñíguez -> Barcelona (*)"}, []string{"Antoine Griezmann -> Barcelona", "Saúl Ñíguez -> Atlético Madrid"}},
		{"the club asked about a player sells him", "2016-01-17",
			"Sunday papers\n\nJuventus have asked Chelsea about Brazil playmaker Oscar and are ready to offer around £25m.",
			[]string{"Oscar -> Juventus (interest)"}, []string{"Oscar -> Chelsea"}},
		{"a player whose team-mate is meant is no target", "2024-06-28",
			"Transfer news\n\nAC Milan have walked away from a deal for Bologna striker Joshua Zirkzee after refusing to meet his agent's demands. Arsenal and Juventus are both interested in Zirkzee's Bologna team-mate Riccardo Calafiori.",
			[]string{"Riccardo Calafiori -> Arsenal (interest)", "Riccardo Calafiori -> Juventus (interest)"}, []string{"Joshua Zirkzee -> Arsenal", "Joshua Zirkzee -> Juventus"}},
	})
}

// linkCase is a short text written for a test and the links it must and
// must not give. want lists links as "Player -> Club (stage) [outlets]",
// where the stage may be "*" (any) and a link written without brackets must
// have no outlet; absent lists "Player -> Club" pairs that must not be found.
type linkCase struct {
	name   string
	date   string
	text   string
	want   []string
	absent []string
}

// runLinkCases extracts each case's text and checks its links, and that
// every link has a confidence in (0, 1] and a quote of 1 to 200 characters.
func runLinkCases(t *testing.T, x *extract.Extractor, cases []linkCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var published time.Time // "": an undated page
			if tt.date != "" {
				var err error
				if published, err = time.Parse("2006-01-02", tt.date); err != nil {
					t.Fatal(err)
				}
			}
			links := x.Extract(rumours.Article{ID: "t", Published: published, Text: tt.text})
			var got []string
			for _, l := range links {
				got = append(got, pair(l))
				if l.Confidence <= 0 || l.Confidence > 1 {
					t.Errorf("%s: confidence %v outside (0, 1]", pair(l), l.Confidence)
				}
				if len([]rune(l.Quote)) > 200 || l.Quote == "" {
					t.Errorf("%s: quote %q, want 1 to 200 characters", pair(l), l.Quote)
				}
			}
			wantLinks(t, got, tt.want)
			for _, a := range tt.absent {
				for _, g := range got {
					if strings.HasPrefix(g, a+" (") {
						t.Errorf("unwanted %q; got %q", g, got)
					}
				}
			}
		})
	}
}

// wantLinks reports each link of want (see matchLink) missing from got.
func wantLinks(t *testing.T, got, want []string) {
	t.Helper()
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return matchLink(w, g) }) {
			t.Errorf("missing %q; got %q", w, got)
		}
	}
}

// matchLink reports whether the link got is the link want, where want's
// stage may be "*".
func matchLink(want, got string) bool {
	if w, rest, ok := strings.Cut(want, " (*)"); ok {
		g, grest, ok := strings.Cut(got, " (")
		if !ok || g != w {
			return false
		}
		_, gout, _ := strings.Cut(grest, ")")
		return gout == rest
	}
	return want == got
}

// TestExtractBadInput: nothing in odd input makes the extractor fail or
// invent links.
func TestExtractBadInput(t *testing.T) {
	x := newExtractor(t)
	for name, text := range map[string]string{
		"empty":         "",
		"only spaces":   " \n\n \t ",
		"emoji":         "⚽️🔥🔥 👀 #transfers pic.twitter.com/abc",
		"binary-ish":    "\x00\x01\x02 Real Madrid \x03",
		"odd unicode":   "Ｒｅａｌ Ｍａｄｒｉｄ \u202eare in talks\u202c with 𝓜𝓫𝓪𝓹𝓹𝓮́.",
		"sql":           "Barcelona have agreed to sign Robert'); DROP TABLE links;-- from Ajax.",
		"no links":      "It rained in Manchester all day and nobody signed anyone.",
		"one long word": strings.Repeat("a", 100000),
		"many names":    strings.Repeat("Real Madrid want Sergio Ramos. ", 2000),
	} {
		t.Run(name, func(t *testing.T) {
			links := x.Extract(rumours.Article{ID: name, Text: text})
			for _, l := range links {
				if l.Player == "" || l.To == "" || !l.Stage.Valid() {
					t.Errorf("malformed link %+v", l)
				}
				if name != "many names" && name != "sql" && name != "odd unicode" {
					t.Errorf("link from %s input: %s", name, pair(l))
				}
			}
		})
	}
}

// TestEachSigningComesFromItsOwnClub: in a list of signings each player
// comes from the club named after him, not from the list's first.
func TestEachSigningComesFromItsOwnClub(t *testing.T) {
	x, err := newExtractor(t).WithModel(nil)
	if err != nil {
		t.Fatal(err)
	}
	published, _ := time.Parse("2006-01-02", "2019-09-03")
	links := x.Extract(rumours.Article{ID: "t", Published: published,
		Text: "Leeds United have been busy this summer, signing Helder Costa from Wolves and Jack Harrison from Manchester City, and Ben White from Brighton."})
	want := map[string]string{"Hélder Costa": "Wolverhampton Wanderers", "Jack Harrison": "Manchester City", "Ben White": "Brighton & Hove Albion"}
	for _, l := range links {
		if w, ok := want[l.Player]; ok && l.From != w {
			t.Errorf("%s -> %s from %q, want from %q", l.Player, l.To, l.From, w)
		}
		delete(want, l.Player)
	}
	for p := range want {
		t.Errorf("no link for %s", p)
	}
}

// TestExplain: -explain shows each stage's decision as it was taken: the
// mentions, each clause's stage and the role the clause finally gave each
// club (a club talks are held "with" is the seller, once the buyer is
// known), the model's verdict on each candidate with its top features, and
// the links.
func TestExplain(t *testing.T) {
	x := newExtractor(t)
	published, _ := time.Parse("2006-01-02", "2021-01-14")
	var b strings.Builder
	err := x.Explain(&b, rumours.Article{ID: "t", Published: published,
		Text: "Marseille are in talks with Napoli over the Poland striker Arkadiusz Milik, reports L'Equipe."})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`player  "Arkadiusz Milik" = Arkadiusz Milik`,
		`club    "Napoli" = Napoli`,
		`outlet  "L'Equipe" = L'Equipe`,
		`: stage talks`,
		"        Marseille: destination\n",
		"        Napoli: his club / seller\n",
		"candidate: Arkadiusz Milik -> Marseille p=",
		"link: Arkadiusz Milik -> Marseille (talks)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "other party") {
		t.Errorf("explain shows a role the clause did not keep:\n%s", out)
	}
}

// TestDemoSagas checks the demo corpus's four sagas that a fan reads
// first, as the extractor (with its model) reads them: Sancho's completed
// move, Lukaku's medical (not a done deal from a background sentence),
// Ronaldo's agreed return to United after City's talks collapsed (not a
// collapse of his United move), and Real Madrid's bids for Mbappé; and
// that stories of players staying make no destination of their clubs.
func TestDemoSagas(t *testing.T) {
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	x := newExtractor(t)
	tests := []struct {
		id           string
		want, absent []string
	}{
		{"demo-14-sancho-united-medical", []string{"Jadon Sancho -> Manchester United (done)"}, nil},
		{"demo-16-lukaku-chelsea-medical", []string{"Romelu Lukaku -> Chelsea (medical)"}, nil},
		{"demo-19-ronaldo-united-agreed", []string{"Cristiano Ronaldo -> Manchester United (*)", "Cristiano Ronaldo -> Manchester City (off)"},
			[]string{"Cristiano Ronaldo -> Manchester United (off)", "Cristiano Ronaldo -> Manchester United (denied)"}},
		{"demo-18-mbappe-psg-reject-bids", []string{"Kylian Mbappé -> Real Madrid (bid)"}, nil},
		// a player's club of years is no destination in a story about him staying
		{"demo-03-sancho-stays-dortmund", nil, []string{"Jadon Sancho -> Borussia Dortmund (*)"}},
		{"demo-04-messi-burofax", nil, []string{"Lionel Messi -> Barcelona (*)"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			i := slices.IndexFunc(arts, func(a rumours.Article) bool { return a.ID == tt.id })
			if i < 0 {
				t.Fatalf("no demo article %s", tt.id)
			}
			var got []string // (without their outlets)
			for _, l := range x.Extract(arts[i]) {
				p, _, _ := strings.Cut(pair(l), " [")
				got = append(got, p)
			}
			wantLinks(t, got, tt.want)
			for _, a := range tt.absent {
				if slices.ContainsFunc(got, func(g string) bool { return matchLink(a, g) }) {
					t.Errorf("unwanted %q; got %q", a, got)
				}
			}
		})
	}
}
