// Command commongen writes bot/commonwords.txt: the common English words
// that the question parser could misread as a player's name ("proper" is
// Dirk Proper, "board" a slip from Melvin Bard) or as a typo of one of its
// keywords ("trick" a slip from "track"), so that it reads them as words
// (see bot.Understand).
//
// The words are the lower-case entries of SCOWL's small American English
// list (size 35: common words), as Debian's wamerican-small package installs
// it; a word is kept when the engine's MatchNames, with slips allowed, gives
// a player for it, or when it is one slip from a keyword (bot.Keywords).
// From the module root:
//
//	go run ./bot/internal/commongen -dict /usr/share/dict/american-english-small
//
// or go generate ./bot. The output depends only on the word list and the
// gazetteer: bot's TestCommonWordsUpToDate regenerates it when the list is
// installed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"transferbot/bot"
	"transferbot/bot/internal/commonwords"
)

func main() {
	dict := flag.String("dict", commonwords.DefaultDict, "SCOWL word list, one word a line")
	out := flag.String("out", "bot/commonwords.txt", "file to write")
	flag.Parse()
	if err := run(*dict, *out); err != nil {
		fmt.Fprintln(os.Stderr, "commongen:", err)
		os.Exit(1)
	}
}

func run(dict, out string) error {
	words, err := os.ReadFile(dict)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "commongen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	data, err := commonwords.Generate(context.Background(), words, bot.Keywords(), filepath.Join(dir, "names.db"))
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
