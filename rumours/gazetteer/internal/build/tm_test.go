package build

import (
	"reflect"
	"testing"
	"time"

	"transferbot/rumours/gazetteer/internal/datafile"
)

func TestCleanClubName(t *testing.T) {
	tests := []struct{ name, country, want string }{
		{"Al-Nassr Football Club", "Saudi Arabia", "Al-Nassr"},
		{"Società Sportiva Lazio S.p.A.", "Italy", "Società Sportiva Lazio"},
		{"Kasımpaşa A.Ş.", "Turkey", "Kasımpaşa"},
		{"Fenerbahçe Spor Kulübü", "Turkey", "Fenerbahçe"},
		{"Club Atlético River Plate", "Argentina", "River Plate"},
		{"Club de Gimnasia y Esgrima La Plata", "Argentina", "Gimnasia y Esgrima La Plata"}, // no dangling "de"
		{"FC St. Gallen 1879", "Switzerland", "St. Gallen"},                                 // the founding year
		{"FK Teplice, a.s.", "Czech Republic", "Teplice"},
		{"Kuban Krasnodar (-2018)", "Russia", "Kuban Krasnodar"},
		{"Football Club Anyang", "South Korea", "FC Anyang"}, // "FC" stays where the press keeps it...
		{"Gangwon Football Club", "South Korea", "Gangwon FC"},
		{"Toronto FC", "United States", "Toronto FC"},
		{"Randers Fodbold Club", "Denmark", "Randers"}, // ...and goes in Europe
		{"Hammarby IF", "Sweden", "Hammarby"},
	}
	for _, tt := range tests {
		if got := cleanClubName(tt.name, tt.country); got != tt.want {
			t.Errorf("cleanClubName(%q, %s) = %q, want %q", tt.name, tt.country, got, tt.want)
		}
	}
}

func TestTMPressName(t *testing.T) {
	c := &tmClub{short: "Kasimpasa", long: "Kasımpaşa A.Ş.", country: "Turkey"}
	if got := tmPressName(c); got != "Kasımpaşa" {
		t.Errorf("tmPressName = %q, want the accents of the long name", got)
	}
}

func TestWindowsBetween(t *testing.T) {
	tests := []struct {
		from, to    string
		first, last string // "" for none
	}{
		{"2022-06-30", "2024-04-16", "2022-09-02", "2024-02-02"},
		{"2024-04-16", "2026-06-13", "2024-08-31", "2026-02-03"},
		{"2023-01-01", "2023-09-02", "2023-02-01", "2023-09-02"},
		{"2024-03-01", "2024-04-16", "", ""}, // no window closed in between
	}
	for _, tt := range tests {
		first, last := windowsBetween(ymdOf(tt.from), ymdOf(tt.to))
		if fmtDay(first) != tt.first || fmtDay(last) != tt.last {
			t.Errorf("windowsBetween(%s, %s) = %s, %s; want %s, %s", tt.from, tt.to, fmtDay(first), fmtDay(last), tt.first, tt.last)
		}
	}
}

func TestPlayerNames(t *testing.T) {
	kim := &tmPlayer{name: "Min-jae Kim", citizenship: "Korea, South"}
	if got := pressName(kim); got != "Kim Min-jae" {
		t.Errorf("pressName(Min-jae Kim) = %q, want the family name first", got)
	}
	if got := pressName(&tmPlayer{name: "Kang-in Lee", citizenship: "France"}); got != "Kang-in Lee" {
		t.Errorf("pressName of a non-Korean = %q, want it unchanged", got)
	}
	if got := tmAliases(&tmPlayer{name: "Vinicius Junior"}); !reflect.DeepEqual(got, []string{"Vinicius Junior", "Vinicius Jr"}) {
		t.Errorf("tmAliases(Vinicius Junior) = %q", got)
	}
	for name, want := range map[string]string{
		"Vinícius Júnior":         "vinicius",
		"Kim Min-jae":             "kim",
		"Luis Suárez (born 1998)": "suarez",
		"Aaron Wan-Bissaka":       "bissaka",
		"Neymar":                  "neymar",
	} {
		if got := surnameKey(name); got != want {
			t.Errorf("surnameKey(%q) = %q, want %q", name, got, want)
		}
	}
}

// testGenerator is a generator over the clubs named, each in a big league in
// the seasons given.
func testGenerator(t *testing.T, clubs map[string][]int) *generator {
	t.Helper()
	g := &generator{res: &Result{}, hand: &hand{}, bigFive: map[int]map[int]bool{}}
	for _, name := range []string{"Big FC", "Small Town", "New Club", "Far Away"} {
		g.clubs = append(g.clubs, &club{name: name, source: srcCSV})
	}
	g.indexAll()
	for name, years := range clubs {
		i, _, ok := g.lookup(name, false)
		if !ok {
			t.Fatalf("no club %q", name)
		}
		for _, y := range years {
			g.markBigFive(i, y)
		}
	}
	return g
}

func TestTMMoves(t *testing.T) {
	g := testGenerator(t, map[string][]int{"Big FC": {2019, 2020, 2021}})
	clubs := map[string]*tmClub{"1": {id: "1", gaz: 0}, "2": {id: "2", gaz: 1}, "3": {id: "3", gaz: 2}}
	covered := [2]map[string]bool{{"1": true, "2": true}, {"1": true, "2": true, "3": true}}
	move := func(date, from, to, earliest string) datafile.Move {
		m := datafile.Move{Date: ymdOf(date), From: from, To: to, Kind: datafile.KindTransfer}
		if earliest != "" {
			m.Earliest = ymdOf(earliest)
		}
		return m
	}
	tests := []struct {
		name string
		list []datafile.Move // the transfers list's moves
		hand []datafile.Move
		p    tmPlayer
		want []datafile.Move // the moves added
	}{
		{"new player, at one club in 2024 and another in 2026", nil, nil,
			tmPlayer{club24: "2", season24: 2023, club26: "3", season26: 2025},
			[]datafile.Move{move("2023-09-02", "", "Small Town", ""), move("2026-02-03", "Small Town", "New Club", "2024-08-31")}},
		{"a big-league club keeps him to the end of the list's seasons", []datafile.Move{move("2019-09-03", "Far Away", "Big FC", "")}, nil,
			tmPlayer{club24: "2", season24: 2023, club26: "2", season26: 2025},
			[]datafile.Move{move("2024-02-02", "Big FC", "Small Town", "2022-09-02")}},
		{"gone from a club that still plays: left by the next season", nil, nil,
			tmPlayer{club24: "2", season24: 2021, club26: "2", season26: 2021},
			[]datafile.Move{move("2021-09-01", "", "Small Town", ""), move("2022-09-02", "Small Town", "", "2022-02-01")}},
		{"the exports' clubs bound a move away", nil, nil,
			tmPlayer{club24: "2", season24: 2022, club26: "3", season26: 2025},
			[]datafile.Move{move("2022-09-02", "", "Small Town", ""), move("2023-09-02", "Small Town", "New Club", "2023-02-01")}},
		{"hand-written moves after an export win", nil, []datafile.Move{move("2023-08-01", "Far Away", "New Club", "")},
			tmPlayer{club24: "2", season24: 2022, club26: "3", season26: 2025},
			nil},
	}
	for _, tt := range tests {
		b := &built{tm: &tt.p}
		b.Moves = append([]datafile.Move(nil), tt.list...)
		g.tmMoves(b, tt.hand, clubs, covered)
		if got := b.Moves[len(tt.list):]; !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%s: moves added %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestBuildPeople(t *testing.T) {
	g := testGenerator(t, nil)
	clubs := map[string]*tmClub{
		// The newer export names another coach: the older record is stale.
		"1": {id: "1", gaz: 0, coach26: "New Boss", season26: 2025, coachOld: "Old Boss", seasonOld: 2024},
		// Only the older export names one.
		"2": {id: "2", gaz: 1, coachOld: "Amy Coach", seasonOld: 2025},
		// A coach listed at two clubs keeps the newer one.
		"3": {id: "3", gaz: 2, coachOld: "New Boss", seasonOld: 2024},
		"4": {id: "4", gaz: -1, coach26: "Unmatched", season26: 2025},
	}
	want := []datafile.Person{
		{Name: "Amy Coach", Role: datafile.RoleCoach, Club: "Small Town", Season: 2025},
		{Name: "New Boss", Role: datafile.RoleCoach, Club: "Big FC", Season: 2025},
	}
	if got := g.buildPeople(clubs); !reflect.DeepEqual(got, want) {
		t.Errorf("buildPeople = %+v, want %+v", got, want)
	}
}

func ymdOf(s string) time.Time {
	d, err := time.Parse(datafile.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func fmtDay(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(datafile.DateLayout)
}
