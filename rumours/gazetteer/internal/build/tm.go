package build

// Reading the Transfermarkt-derived exports (dcaribou/transfermarkt-datasets,
// CC0) in the shared directory.

import (
	"archive/zip"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Transfermarkt export files, relative to the shared directory.
const (
	TMPlayers26   = "data/players/transfermarkt-datasets/2026-06/players.csv.gz"
	TMClubs26     = "data/players/transfermarkt-datasets/2026-06/clubs.csv"
	TMComps26     = "data/players/transfermarkt-datasets/2026-06/competitions.csv"
	TMClubsOlder  = "data/players/transfermarkt-datasets/clubs-older-with-coaches/clubs.csv"
	TMPlayers24   = "data/players/transfermarkt-datasets/2024-04/players.csv.zip"
	tmPlayers24In = "players.csv" // the file inside the zip
)

// tmClub is a club of the Transfermarkt exports.
type tmClub struct {
	id        string
	long      string // the 2026 export's name, often the legal name
	short     string // the older export's name, the short form
	code      string // the club's slug ("zenit-st-petersburg") with spaces for hyphens
	country   string // the country of its league, as the gazetteer writes it
	coach26   string // coach_name in the 2026 export
	coachOld  string // coach_name in the older export
	season26  int    // last_season in the 2026 export: the season its coach is for
	seasonOld int    // last_season in the older export
	gaz       int    // index into generator.clubs once resolved
}

// tmPlayer is a player of the Transfermarkt exports: the 2026 one, with his
// club and last season in the 2024 one where he is in it.
type tmPlayer struct {
	id          string
	name        string
	born        int    // year of birth, 0 if unknown
	dob         string // YYYY-MM-DD, "" if unknown
	position    string // sub_position ("Centre-Back"), "" if missing
	citizenship string
	value       int64  // highest market value in euros, 0 if unknown
	caps        int    // international caps
	covered     bool   // club26 is a club of the exports
	club26      string // current_club_id as of June 2026
	season26    int    // last_season in the 2026 export
	club24      string // current_club_id in the April 2024 export, "" if not in it
	season24    int
}

// csvTable reads a CSV file with a header line and calls fn with a getter by
// column name for each row. need lists the columns that must exist.
func csvTable(r io.Reader, name string, need []string, fn func(get func(string) string) error) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("gazetteer: %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, c := range need {
		if _, ok := col[c]; !ok {
			return fmt.Errorf("gazetteer: %s: no %q column", name, c)
		}
	}
	for line := 2; ; line++ {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("gazetteer: %s: %w", name, err)
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		if err := fn(get); err != nil {
			return fmt.Errorf("gazetteer: %s:%d: %w", name, line, err)
		}
	}
}

// readCSVFile opens path (gzip-compressed if it ends in .gz, the member
// inZip of a zip archive if it ends in .zip) and reads it with csvTable.
func readCSVFile(path, inZip string, need []string, fn func(get func(string) string) error) error {
	name := filepath.Base(path)
	switch {
	case strings.HasSuffix(path, ".zip"):
		zr, err := zip.OpenReader(path)
		if err != nil {
			return fmt.Errorf("gazetteer: %w", err)
		}
		defer zr.Close()
		f, err := zr.Open(inZip)
		if err != nil {
			return fmt.Errorf("gazetteer: %s: %w", path, err)
		}
		defer f.Close()
		return csvTable(f, name, need, fn)
	default:
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("gazetteer: %w", err)
		}
		defer f.Close()
		var r io.Reader = f
		if strings.HasSuffix(path, ".gz") {
			zr, err := gzip.NewReader(f)
			if err != nil {
				return fmt.Errorf("gazetteer: %s: %w", path, err)
			}
			defer zr.Close()
			r = zr
		}
		return csvTable(r, name, need, fn)
	}
}

// readTMClubs reads the clubs of both club exports, with the country of
// their league from the competitions, keyed by club id.
func readTMClubs(shared string) (map[string]*tmClub, error) {
	countries := map[string]string{}
	err := readCSVFile(filepath.Join(shared, TMComps26), "", []string{"competition_id", "country_name"}, func(get func(string) string) error {
		countries[get("competition_id")] = countryName(get("country_name"))
		return nil
	})
	if err != nil {
		return nil, err
	}
	clubs := map[string]*tmClub{}
	need := []string{"club_id", "club_code", "name", "domestic_competition_id", "coach_name", "last_season"}
	err = readCSVFile(filepath.Join(shared, TMClubs26), "", need, func(get func(string) string) error {
		c := &tmClub{id: get("club_id"), long: get("name"), code: strings.ReplaceAll(get("club_code"), "-", " "),
			country: countries[get("domestic_competition_id")], coach26: get("coach_name"), gaz: -1}
		if c.id == "" || c.long == "" {
			return errors.New("club without id or name")
		}
		c.season26, _ = strconv.Atoi(get("last_season"))
		clubs[c.id] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSVFile(filepath.Join(shared, TMClubsOlder), "", need, func(get func(string) string) error {
		id := get("club_id")
		c := clubs[id]
		if c == nil {
			c = &tmClub{id: id, long: get("name"), code: strings.ReplaceAll(get("club_code"), "-", " "),
				country: countries[get("domestic_competition_id")], gaz: -1}
			clubs[id] = c
		}
		c.short = get("name")
		c.coachOld = get("coach_name")
		c.seasonOld, _ = strconv.Atoi(get("last_season"))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range clubs {
		if c.short == "" {
			c.short = c.long
		}
	}
	return clubs, nil
}

// countryName maps Transfermarkt's country names to the gazetteer's.
func countryName(s string) string {
	switch s {
	case "Türkiye":
		return "Turkey"
	case "Korea, South":
		return "South Korea"
	case "Korea, North":
		return "North Korea"
	case "Cote d'Ivoire":
		return "Ivory Coast"
	case "Hongkong":
		return "Hong Kong"
	case "Neukaledonien":
		return "New Caledonia"
	case "The Gambia":
		return "Gambia"
	case "St. Vincent & Grenadinen":
		return "St. Vincent & Grenadines"
	}
	return s
}

// readTMPlayers reads the 2026 players export and adds each player's club
// and last season from the 2024 one.
func readTMPlayers(shared string) ([]*tmPlayer, error) {
	var out []*tmPlayer
	byID := map[string]*tmPlayer{}
	need := []string{"player_id", "name", "last_season", "current_club_id", "date_of_birth", "sub_position",
		"country_of_citizenship", "highest_market_value_in_eur", "international_caps"}
	err := readCSVFile(filepath.Join(shared, TMPlayers26), "", need, func(get func(string) string) error {
		p := &tmPlayer{id: get("player_id"), name: strings.Join(strings.Fields(get("name")), " "),
			position: get("sub_position"), citizenship: get("country_of_citizenship"), club26: get("current_club_id")}
		if p.id == "" || p.name == "" {
			return errors.New("player without id or name")
		}
		if p.position == "Missing" {
			p.position = ""
		}
		if d := get("date_of_birth"); len(d) >= 10 {
			p.dob = d[:10]
			p.born, _ = strconv.Atoi(d[:4])
		}
		p.season26, _ = strconv.Atoi(get("last_season"))
		if v, err := strconv.ParseFloat(get("highest_market_value_in_eur"), 64); err == nil {
			p.value = int64(v)
		}
		if c, err := strconv.ParseFloat(get("international_caps"), 64); err == nil {
			p.caps = int(c)
		}
		if byID[p.id] != nil {
			return fmt.Errorf("player %s listed twice", p.id)
		}
		byID[p.id] = p
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readCSVFile(filepath.Join(shared, TMPlayers24), tmPlayers24In, []string{"player_id", "last_season", "current_club_id"}, func(get func(string) string) error {
		if p := byID[get("player_id")]; p != nil {
			p.club24 = get("current_club_id")
			p.season24, _ = strconv.Atoi(get("last_season"))
		}
		return nil
	})
	return out, err
}
