// Package datafile reads and writes the tab-separated data files of the
// gazetteer (clubs.tsv, clubs_extra.tsv, nicknames.tsv, players.tsv,
// players_extra.tsv, people.tsv). The gazetteer loads them and the generator writes them,
// so both share this one definition of the formats.
//
// Rules common to all files: UTF-8, one record a line, fields separated by a
// tab, lists inside a field separated by "|". Blank lines and lines starting
// with "#" are ignored. Trailing empty fields may be left out.
package datafile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Club is one line of clubs.tsv or clubs_extra.tsv:
//
//	name<TAB>country<TAB>alias|alias|...
type Club struct {
	Name    string
	Country string
	Aliases []string
}

// Nickname is one line of nicknames.tsv:
//
//	alias<TAB>club|club|...<TAB>flag,flag
//
// Clubs are canonical names, the reading the English press usually means
// first. Flags: "ambiguous" (the alias needs context even when one club is
// listed) and "venue" (a stadium used as a metonym for the club).
type Nickname struct {
	Alias     string
	Clubs     []string
	Ambiguous bool
	Venue     bool
}

// Move kinds as written in players.tsv.
const (
	KindTransfer  = 'T' // permanent move, free transfer, or joining without a fee
	KindLoan      = 'L' // loan
	KindEndOfLoan = 'E' // return to the parent club at the end of a loan
)

// Move is one move of a player: date|from|to|kind, or
// date|from|to|kind|earliest for a move that the sources only bracket (a
// player seen at one club, later at another): date is then the latest it can
// have taken effect, earliest the earliest. From or To is empty when the
// player had no club (free agent, retired, youth system or unknown).
type Move struct {
	Date     time.Time
	From, To string
	Kind     byte
	// Earliest is zero, or the earliest date a bracketed move can have
	// taken effect.
	Earliest time.Time
}

// Player is one line of players.tsv or players_extra.tsv:
//
//	name<TAB>born<TAB>position<TAB>alias|alias<TAB>move;move;...<TAB>nationality<TAB>flags<TAB>value
//
// born is an approximate birth year (empty when unknown), position the
// Transfermarkt position ("Centre-Back"), each move date|from|to|kind (or
// date|from|to|kind|earliest, see Move) with the dates as YYYY-MM-DD and kind
// one of T, L, E. nationality is a country in English ("England", "Brazil",
// "South Korea"; empty when unknown), flags empty or FlagMinor, value the
// highest market value in millions of euros (empty when unknown or under
// half a million).
type Player struct {
	Name        string
	Born        int
	Position    string
	Aliases     []string
	Moves       []Move
	Nationality string
	// Minor marks a player known by his full name only: his surname alone
	// and a one-word name are not looked up (see the gazetteer).
	Minor bool
	// Value is the highest market value, in millions of euros, that
	// Transfermarkt gave him; 0 when unknown. It tells namesakes apart.
	Value int
}

// FlagMinor is the flag of Player.Minor.
const FlagMinor = "minor"

// Person is one line of people.tsv: someone who is not a player but stands
// for a club in the news:
//
//	name<TAB>role<TAB>club<TAB>season
//
// role is RoleCoach, club a canonical club name and season the year the
// season of the record starts (2025 for 2025/26), or a tenure of seasons
// ("2015-2023": from 2015/16 to 2023/24) in people_extra.tsv.
type Person struct {
	Name   string
	Role   string
	Club   string
	Season int
	// Until is the last season of a tenure; 0 for a record of one season.
	Until int
}

// RoleCoach is the role of a club's head coach (manager).
const RoleCoach = "coach"

// DateLayout is the layout of move dates.
const DateLayout = "2006-01-02"

// lines calls fn with each non-blank, non-comment line split into fields and
// its 1-based line number.
func lines(data []byte, fn func(n int, f []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

func field(f []string, i int) string {
	if i < len(f) {
		return strings.TrimSpace(f[i])
	}
	return ""
}

// splitList splits a "|"-separated list, dropping empty items.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParseClubs parses clubs.tsv or clubs_extra.tsv.
func ParseClubs(data []byte) ([]Club, error) {
	var out []Club
	err := lines(data, func(_ int, f []string) error {
		if len(f) > 3 {
			return fmt.Errorf("want at most 3 fields, got %d", len(f))
		}
		c := Club{Name: field(f, 0), Country: field(f, 1), Aliases: splitList(field(f, 2))}
		if c.Name == "" {
			return errors.New("empty club name")
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// FormatClubs writes clubs in the clubs.tsv format after the given header
// comment lines (each written with a leading "# ").
func FormatClubs(header []string, clubs []Club) []byte {
	var b bytes.Buffer
	writeHeader(&b, header)
	for _, c := range clubs {
		b.WriteString(c.Name)
		b.WriteByte('\t')
		b.WriteString(c.Country)
		b.WriteByte('\t')
		b.WriteString(strings.Join(c.Aliases, "|"))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// ParseNicknames parses nicknames.tsv.
func ParseNicknames(data []byte) ([]Nickname, error) {
	var out []Nickname
	err := lines(data, func(_ int, f []string) error {
		if len(f) > 3 {
			return fmt.Errorf("want at most 3 fields, got %d", len(f))
		}
		nk := Nickname{Alias: field(f, 0), Clubs: splitList(field(f, 1))}
		if nk.Alias == "" || len(nk.Clubs) == 0 {
			return errors.New("want an alias and at least one club")
		}
		for _, fl := range strings.Split(field(f, 2), ",") {
			switch strings.TrimSpace(fl) {
			case "":
			case "ambiguous":
				nk.Ambiguous = true
			case "venue":
				nk.Venue = true
			default:
				return fmt.Errorf("unknown flag %q", fl)
			}
		}
		out = append(out, nk)
		return nil
	})
	return out, err
}

// ParsePlayers parses players.tsv or players_extra.tsv.
func ParsePlayers(data []byte) ([]Player, error) {
	out := make([]Player, 0, bytes.Count(data, []byte{'\n'})+1)
	err := ScanPlayers(data, func(p Player) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

// ScanPlayers parses players.tsv or players_extra.tsv like ParsePlayers but
// calls fn with each player in turn instead of keeping them all, to spare a
// large file's loader a copy of every row.
func ScanPlayers(data []byte, fn func(Player) error) error {
	return lines(data, func(_ int, f []string) error {
		if len(f) > 8 {
			return fmt.Errorf("want at most 8 fields, got %d", len(f))
		}
		p := Player{Name: field(f, 0), Position: field(f, 2), Aliases: splitList(field(f, 3)), Nationality: field(f, 5)}
		if p.Name == "" {
			return errors.New("empty player name")
		}
		if s := field(f, 1); s != "" {
			y, err := strconv.Atoi(s)
			if err != nil || y < 1900 || y > 2100 {
				return fmt.Errorf("bad birth year %q", s)
			}
			p.Born = y
		}
		if s := field(f, 4); s != "" {
			p.Moves = make([]Move, 0, strings.Count(s, ";")+1)
			for _, ms := range strings.Split(s, ";") {
				m, err := parseMove(ms)
				if err != nil {
					return fmt.Errorf("%s: %w", p.Name, err)
				}
				p.Moves = append(p.Moves, m)
			}
		}
		switch fl := field(f, 6); fl {
		case "":
		case FlagMinor:
			p.Minor = true
		default:
			return fmt.Errorf("%s: unknown flag %q", p.Name, fl)
		}
		if s := field(f, 7); s != "" {
			v, err := strconv.Atoi(s)
			if err != nil || v < 0 {
				return fmt.Errorf("%s: bad value %q", p.Name, s)
			}
			p.Value = v
		}
		return fn(p)
	})
}

// ParsePeople parses people.tsv.
func ParsePeople(data []byte) ([]Person, error) {
	var out []Person
	err := lines(data, func(_ int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields, got %d", len(f))
		}
		p := Person{Name: field(f, 0), Role: field(f, 1), Club: field(f, 2)}
		if p.Name == "" || p.Club == "" {
			return errors.New("want a name and a club")
		}
		if p.Role != RoleCoach {
			return fmt.Errorf("%s: unknown role %q", p.Name, p.Role)
		}
		from, until, isRange := strings.Cut(field(f, 3), "-")
		y, err := strconv.Atoi(from)
		if err != nil || y < 1900 || y > 2100 {
			return fmt.Errorf("%s: bad season %q", p.Name, field(f, 3))
		}
		p.Season = y
		if isRange {
			u, err := strconv.Atoi(until)
			if err != nil || u < y || u > 2100 {
				return fmt.Errorf("%s: bad seasons %q", p.Name, field(f, 3))
			}
			p.Until = u
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// FormatPeople writes people in the people.tsv format after the given
// header comment lines.
func FormatPeople(header []string, people []Person) []byte {
	var b bytes.Buffer
	writeHeader(&b, header)
	for _, p := range people {
		season := strconv.Itoa(p.Season)
		if p.Until != 0 {
			season += "-" + strconv.Itoa(p.Until)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", p.Name, p.Role, p.Club, season)
	}
	return b.Bytes()
}

func parseMove(s string) (Move, error) {
	p := strings.Split(s, "|")
	if len(p) != 4 && len(p) != 5 {
		return Move{}, fmt.Errorf("move %q: want date|from|to|kind or date|from|to|kind|earliest", s)
	}
	d, err := time.Parse(DateLayout, strings.TrimSpace(p[0]))
	if err != nil {
		return Move{}, fmt.Errorf("move %q: %w", s, err)
	}
	k := strings.TrimSpace(p[3])
	if len(k) != 1 || (k[0] != KindTransfer && k[0] != KindLoan && k[0] != KindEndOfLoan) {
		return Move{}, fmt.Errorf("move %q: kind must be T, L or E", s)
	}
	m := Move{Date: d, From: strings.TrimSpace(p[1]), To: strings.TrimSpace(p[2]), Kind: k[0]}
	if m.From == "" && m.To == "" {
		return Move{}, fmt.Errorf("move %q: no club on either side", s)
	}
	if len(p) == 5 {
		if m.Earliest, err = time.Parse(DateLayout, strings.TrimSpace(p[4])); err != nil {
			return Move{}, fmt.Errorf("move %q: %w", s, err)
		}
	}
	return m, nil
}

// FormatPlayers writes players in the players.tsv format after the given
// header comment lines.
func FormatPlayers(header []string, players []Player) []byte {
	var b bytes.Buffer
	writeHeader(&b, header)
	for _, p := range players {
		b.WriteString(p.Name)
		b.WriteByte('\t')
		if p.Born != 0 {
			b.WriteString(strconv.Itoa(p.Born))
		}
		b.WriteByte('\t')
		b.WriteString(p.Position)
		b.WriteByte('\t')
		b.WriteString(strings.Join(p.Aliases, "|"))
		b.WriteByte('\t')
		for i, m := range p.Moves {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(m.Date.Format(DateLayout))
			b.WriteByte('|')
			b.WriteString(m.From)
			b.WriteByte('|')
			b.WriteString(m.To)
			b.WriteByte('|')
			b.WriteByte(m.Kind)
			if !m.Earliest.IsZero() {
				b.WriteByte('|')
				b.WriteString(m.Earliest.Format(DateLayout))
			}
		}
		if p.Nationality != "" || p.Minor || p.Value > 0 {
			b.WriteByte('\t')
			b.WriteString(p.Nationality)
		}
		if p.Minor || p.Value > 0 {
			b.WriteByte('\t')
			if p.Minor {
				b.WriteString(FlagMinor)
			}
		}
		if p.Value > 0 {
			b.WriteByte('\t')
			b.WriteString(strconv.Itoa(p.Value))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func writeHeader(b *bytes.Buffer, header []string) {
	for _, h := range header {
		b.WriteString("# ")
		b.WriteString(h)
		b.WriteByte('\n')
	}
}
