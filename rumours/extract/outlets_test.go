package extract_test

import (
	"testing"
)

// TestOutlets checks who links are credited to, on short texts written for
// the test: one citation form or scope rule each. want lists links as
// "Player -> Club (stage) [outlets]" where the stage may be "*" (any);
// a link written without brackets must have no outlet.
func TestOutlets(t *testing.T) {
	x := newExtractor(t)
	tests := []linkCase{
		// forms
		{"a chain lists both outlets", "2022-01-20",
			"Arsenal have had an offer for Dusan Vlahovic accepted by Fiorentina, according to Corriere dello Sport, as cited by ESPN.",
			[]string{"Dušan Vlahović -> Arsenal (*) [Corriere dello Sport, ESPN]"}, nil},
		{"a journalist with his outlet gives both", "2024-07-07",
			"Bayern Munich have agreed a fee with Crystal Palace for Michael Olise, according to Sky Germany's Florian Plettenberg.",
			[]string{"Michael Olise -> Bayern Munich (*) [Florian Plettenberg, Sky Germany]"}, nil},
		{"a journalist of an outlet", "2023-06-22",
			"Manchester United have made a second offer for Mason Mount, according to Mike McGrath of The Telegraph.",
			[]string{"Mason Mount -> Manchester United (*) [Mike McGrath, The Telegraph]"}, nil},
		{"the medium of an interview is the outlet", "2020-09-10",
			"Lyon president Jean-Michel Aulas told RMC Sport that Arsenal had made an offer for Houssem Aouar.",
			[]string{"Houssem Aouar -> Arsenal (*) [RMC Sport]"}, nil},
		{"speaking to", "2022-01-28",
			"Speaking to BBC Sport, Eddie Howe said Newcastle had agreed a fee with Lyon for Bruno Guimaraes.",
			[]string{"Bruno Guimarães -> Newcastle United (*) [BBC Sport]"}, nil},
		{"an outlet that is claiming", "2021-07-20",
			"The Times is claiming that Manchester City are ready to bid for Jack Grealish.",
			[]string{"Jack Grealish -> Manchester City (*) [The Times]"}, nil},
		{"an outlet's sources", "2023-08-08",
			"Tottenham are eyeing Micky van de Ven, ESPN sources say.",
			[]string{"Micky van de Ven -> Tottenham Hotspur (*) [ESPN]"}, nil},
		{"a list of outlets that have both reported", "2015-09-01",
			"David de Gea's move to Real Madrid has collapsed, Marca and AS have both reported.",
			[]string{"David de Gea -> Real Madrid (*) [AS, Marca]"}, nil},
		{"machine-reworded citations", "2021-07-20",
			"Arsenal have agreed a fee with Brighton for Ben White, in accordance with Sky Sports. The Gunners have also had a bid for Aaron Ramsdale rejected by Sheffield United, says the Night Customary.",
			[]string{"Ben White -> Arsenal (*) [Sky Sports]", "Aaron Ramsdale -> Arsenal (*) [Evening Standard, Sky Sports]"}, nil},
		{"an outlet in capitals is not a club", "2021-06-01",
			"Manchester United are in talks with Borussia Dortmund over Jadon Sancho, GOAL understands.",
			[]string{"Jadon Sancho -> Manchester United (*) [Goal]"}, nil},
		{"an outlet named but not cited is not a club", "2023-06-07",
			"Inter Miami have signed Lionel Messi. The New York Times called it the biggest signing in the history of the league.",
			[]string{"Lionel Messi -> Inter Miami (*)"}, []string{"Lionel Messi -> New York City FC"}},
		{"outlets that are words are outlets only when cited", "2022-07-13",
			"Star winger Raphinha has joined Barcelona from Leeds. Record signing Declan Rice is staying at West Ham.",
			[]string{"Raphinha -> Barcelona (*)"}, nil},
		{"a wire dateline is the publisher, not a source", "2023-06-07",
			"MIAMI (AP) — Inter Miami have agreed a deal with Lionel Messi, who told Mundo Deportivo that he had chosen Miami.",
			[]string{"Lionel Messi -> Inter Miami (*) [Mundo Deportivo]"}, nil},

		// roundups
		{"item tags close their items", "2017-07-25",
			"Transfer gossip\n\nChelsea have opened talks with Real Madrid over Alvaro Morata. (Guardian)\nAtletico Madrid want to bring Diego Costa back from Chelsea. (AS - in Spanish)\nArsenal are ready to bid for Thomas Lemar. (Telegraph - subscription required)",
			[]string{"Álvaro Morata -> Chelsea (*) [The Guardian]", "Diego Costa -> Atlético Madrid (*) [AS]", "Thomas Lemar -> Arsenal (*) [The Telegraph]"}, nil},
		{"a heading over its paragraph; Sunday papers keep their names", "2016-01-24",
			"Sunday papers\n\nTHE SUNDAY TIMES\nChelsea are preparing a third bid for John Stones.\n\nMAIL ON SUNDAY\nArsenal are weighing up a summer move for Riyad Mahrez.",
			[]string{"John Stones -> Chelsea (*) [The Sunday Times]", "Riyad Mahrez -> Arsenal (*) [Mail on Sunday]"}, nil},
		{"a heading on a line of its own governs the items under it", "2021-08-25",
			"Transfer gossip\n\nTHE TIMES\n\n• Chelsea have reopened talks with Sevilla over Jules Kounde.\n\nMUNDO DEPORTIVO\n\n• Tottenham are in talks with Barcelona over Emerson Royal.",
			[]string{"Jules Koundé -> Chelsea (*) [The Times]", "Emerson Royal -> Tottenham Hotspur (*) [Mundo Deportivo]"}, nil},
		{"paper headings of roundup items", "2021-08-10",
			"The European papers\n\nMARCA: Real Madrid will make an offer for Kylian Mbappe.\n\nCORRIERE DELLO SPORT (Rome edition): Roma have agreed a fee with Chelsea for Tammy Abraham.",
			[]string{"Kylian Mbappé -> Real Madrid (*) [Marca]", "Tammy Abraham -> Roma (*) [Corriere dello Sport]"}, nil},
		{"inline headings between bullets", "2021-08-10",
			"The European papers\n\nGAZZETTA DELLO SPORT: Chelsea have offered €100m for Romelu Lukaku. The Nerazzurri turned it down • L'EQUIPE: Paris Saint-Germain have signed Georginio Wijnaldum on a free",
			[]string{"Romelu Lukaku -> Chelsea (*) [La Gazzetta dello Sport]", "Georginio Wijnaldum -> Paris Saint-Germain (*) [L'Equipe]"}, nil},
		{"dashes between items", "2018-01-16",
			"Tuesday's papers\n\nManchester City have pulled out of the race for Alexis Sanchez (Manchester Evening News) - Theo Walcott will undergo a medical at Everton today (Sky Sports) - Arsenal have made contact with Borussia Dortmund over Pierre-Emerick Aubameyang, reports Bild - The paper adds that Dortmund would consider taking Olivier Giroud as part of any deal - Chelsea have opened talks with Roma over Edin Dzeko (Corriere dello Sport)",
			[]string{"Alexis Sánchez -> Manchester City (*) [Manchester Evening News]", "Theo Walcott -> Everton (*) [Sky Sports]",
				"Pierre-Emerick Aubameyang -> Arsenal (*) [Bild]", "Olivier Giroud -> Borussia Dortmund (*) [Bild]", "Edin Džeko -> Chelsea (*) [Corriere dello Sport]"}, nil},
		{"a live-blog entry's outlet governs the entry", "2022-07-13",
			"Transfer news live\n\n10:51 Manchester United are still haggling with Barcelona over Frenkie de Jong. Sky Sports reports that the clubs are close on the fee.\n\n11:20 Bayern Munich have signed Sadio Mane from Liverpool.",
			[]string{"Frenkie de Jong -> Manchester United (*) [Sky Sports]", "Sadio Mané -> Bayern Munich (*)"}, nil},

		// stories
		{"the lead's outlet governs the rumours after it", "2023-06-01",
			"Rayan Cherki could leave Lyon this summer, according to Marca. Everton and Roma are monitoring the midfielder.",
			[]string{"Rayan Cherki -> Everton (*) [Marca]", "Rayan Cherki -> Roma (*) [Marca]"}, nil},
		{"the paper refers to the outlet cited last", "2015-07-21",
			"Liverpool have agreed to sign Christian Benteke from Aston Villa, according to the Liverpool Echo.\n\nThe paper claims Aston Villa have already identified Jordan Ayew as his replacement.",
			[]string{"Christian Benteke -> Liverpool (*) [Liverpool Echo]", "Jordan Ayew -> Aston Villa (*) [Liverpool Echo]"}, nil},
		{"the report adds", "2019-07-03",
			"Atletico Madrid have agreed to pay the release clause of Joao Felix, according to A Bola.\n\nManchester City also made enquiries about the forward, the report adds.",
			[]string{"João Félix -> Atlético Madrid (*) [A Bola]", "João Félix -> Manchester City (*) [A Bola]"}, nil},
		{"a citation about another player does not reach back", "2020-09-18",
			"Gonzalo Higuaín has joined Inter Miami. Meanwhile Inter are closing in on Arturo Vidal, Sky Italia reports.",
			[]string{"Gonzalo Higuaín -> Inter Miami (done)", "Arturo Vidal -> Inter Milan (*) [Sky Italia]"}, nil},
		{"a background move takes no outlet", "2023-06-20",
			"Arsenal want Declan Rice, according to The Times. West Ham want £100m. The Gunners, who have already signed Kai Havertz from Chelsea, see Rice as their priority.",
			[]string{"Declan Rice -> Arsenal (*) [The Times]", "Kai Havertz -> Arsenal (done)"}, nil},
		{"a quote's medium credits the story it is about", "2019-08-28",
			"Juventus have ruled out a move for Mauro Icardi.\n\n\"He is not part of our plans,\" Fabio Paratici told Sky Italia.",
			[]string{"Mauro Icardi -> Juventus (*) [Sky Italia]"}, nil},
		{"a citation that names the club credits that link", "2019-08-20",
			"Neymar has been linked with Real Madrid and Juventus all summer.\n\nFlorentino Perez insisted last week that the club had made no offer. But according to Marca, Real Madrid have since opened talks with PSG.",
			[]string{"Neymar -> Real Madrid (*) [Marca]", "Neymar -> Juventus (*)"}, nil},
		{"a tweet credits its author for the links it names", "2023-07-13",
			"Arsenal have agreed a fee with West Ham for Declan Rice.\n\nDeclan Rice to Arsenal, here we go! West Ham accept £105m. pic.twitter.com/abc\n— Fabrizio Romano (@FabrizioRomano) July 12, 2023\n\nWelcome Declan pic.twitter.com/def\n— Arsenal (@Arsenal) July 15, 2023",
			[]string{"Declan Rice -> Arsenal (*) [Fabrizio Romano]"}, nil},
		{"a page scraped with single newlines keeps its tweets' signatures", "2023-07-13",
			"Declan Rice to undergo Arsenal medical\nBy A Writer\nWest Ham have accepted Arsenal's offer for Declan Rice.\nDeclan Rice to Arsenal, here we go! pic.twitter.com/abc\n— Fabrizio Romano (@FabrizioRomano) July 12, 2023\nManchester City pulled out of the race for the midfielder.",
			[]string{"Declan Rice -> Arsenal (*) [Fabrizio Romano]", "Declan Rice -> Manchester City (*)"}, nil},
	}
	runLinkCases(t, x, tests)
}
