// Command gen regenerates the gazetteer's generated data files,
// rumours/gazetteer/data/clubs.tsv, players.tsv and people.tsv, from the
// shared inputs: the openfootball club list (data/clubs/clubs.json, CC0),
// the transfers list (data/transfers/moves-top5-2019-2022.csv) and the
// Transfermarkt-derived exports of data/players/transfermarkt-datasets
// (CC0). Run it from the module root:
//
//	go run ./rumours/gazetteer/internal/gen -shared ../shared
//
// or, equivalently, `go generate ./rumours/gazetteer`. It reads but never
// writes the hand-written files in the same directory (clubs_extra.tsv,
// nicknames.tsv, players_extra.tsv): edit those by hand, then regenerate,
// since the generator uses them to resolve names. The output depends only on
// the inputs; a test checks that the checked-in files are what it produces.
//
// Flags:
//
//	-shared DIR  the shared directory (default ../shared)
//	-out DIR     the data directory (default rumours/gazetteer/data)
//	-v           print the generator's notes (clubs added, loose matches,
//	             namesakes, move order repairs)
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"transferbot/rumours/gazetteer/internal/build"
)

func main() {
	shared := flag.String("shared", "../shared", "shared directory with data/clubs, data/transfers and data/players")
	out := flag.String("out", filepath.Join("rumours", "gazetteer", "data"), "gazetteer data directory")
	verbose := flag.Bool("v", false, "print notes on the generator's decisions")
	flag.Parse()
	if err := run(*shared, *out, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(shared, out string, verbose bool) error {
	res, err := build.Generate(shared, out)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(res.Files))
	for name := range res.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(out, name), res.Files[name], 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	if verbose {
		for _, n := range res.Notes {
			fmt.Println(n)
		}
	}
	s := res.Stats
	fmt.Printf("gen: %d rows read; clubs.tsv: %d openfootball clubs + %d from the transfers list + %d from the Transfermarkt exports, %d aliases; players.tsv: %d players (%d minor, %d namesakes split off, %d merged by part of the name), %d moves; people.tsv: %d people\n",
		s.Rows, s.OpenfootballClubs, s.CSVClubs, s.TMClubs, s.Aliases, s.Players, s.Minor, s.Namesakes, s.NamePartMerges, s.Moves, s.People)
	return nil
}
