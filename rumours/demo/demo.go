// Package demo is the built-in demo corpus: twenty short transfer-news
// articles in the seed format (see package source), written for this project
// in the styles of real transfer reporting, about real 2020-2022 transfer
// sagas. The bot can load them to answer questions without any feed.
//
// The prose is original: no publisher's text is copied. Players, clubs, dates
// and the course of each saga are real; quotes, tweet texts, pic.twitter.com
// codes and which outlet "reported" a detail are illustrative. README.md lists
// each file with the facts it carries, and labels.jsonl (read with Labels)
// holds the same facts as gold links in the schema of the dev evaluation set.
package demo

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"transferbot/rumours"
	"transferbot/rumours/source"
)

//go:embed articles/*.txt
var articles embed.FS

//go:embed labels.jsonl
var labelsJSONL string

// Files returns the demo articles as a read-only file system holding one
// seed-format file per article ("demo-01-james-inter-miami-talks.txt", ...)
// at its root.
func Files() fs.FS {
	sub, err := fs.Sub(articles, "articles")
	if err != nil {
		// Cannot happen: "articles" is a valid path and is embedded.
		panic(fmt.Sprintf("demo: %v", err))
	}
	return sub
}

// Articles parses every demo file with source.ParseSeed and returns the
// articles in file-name order (which is also date order within each saga).
// Each article's ID is its file name without ".txt". An error means the
// embedded corpus is broken, which the package tests rule out.
func Articles() ([]rumours.Article, error) {
	fsys := Files()
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("demo: list articles: %w", err)
	}
	var out []rumours.Article
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".txt" {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("demo: read %q: %w", name, err)
		}
		a, err := source.ParseSeed(strings.TrimSuffix(name, ".txt"), data)
		if err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}

// Label is the gold answer for one demo article, in the schema of the dev
// evaluation set's labels.jsonl.
type Label struct {
	ID    string      `json:"id"` // the article's ID
	Links []LabelLink `json:"links"`
	Note  string      `json:"note,omitempty"`
}

// LabelLink is one gold (player, destination club) link.
type LabelLink struct {
	Player  string        `json:"player"`
	To      string        `json:"to"`
	From    string        `json:"from"` // "" when the text does not say
	Stage   rumours.Stage `json:"stage"`
	Outlets []string      `json:"outlets"`
	Primary bool          `json:"primary"`
	// Certain is false when a careful reader could argue about the link.
	Certain bool `json:"certain"`
}

// Link converts l to a rumours.Link (Certain has no counterpart there).
func (l LabelLink) Link() rumours.Link {
	return rumours.Link{
		Player:  l.Player,
		To:      l.To,
		From:    l.From,
		Stage:   l.Stage,
		Outlets: append([]string(nil), l.Outlets...),
		Primary: l.Primary,
	}
}

// LabelsJSONL returns the gold labels as JSON Lines, one object per article
// in file order, in the dev evaluation set's schema (for the eval command).
func LabelsJSONL() string { return labelsJSONL }

// Labels parses the gold labels: one per demo article, in file order.
func Labels() ([]Label, error) {
	var out []Label
	for i, line := range strings.Split(strings.TrimSpace(labelsJSONL), "\n") {
		var l Label
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			return nil, fmt.Errorf("demo: labels.jsonl:%d: %w", i+1, err)
		}
		out = append(out, l)
	}
	return out, nil
}

// TextHashes returns the rumours.TextHash of every demo article, in file
// order. They identify the demo corpus in a store however it got there:
// seeded at first start or published by the demo feed (whose items carry
// the same text), so that a database meant for real news can be checked
// for it and cleaned of it.
func TextHashes() ([]string, error) {
	arts, err := Articles()
	if err != nil {
		return nil, err
	}
	out := make([]string, len(arts))
	for i, a := range arts {
		out[i] = rumours.TextHash(a.Text)
	}
	return out, nil
}
