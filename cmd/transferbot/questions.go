package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"transferbot/bot"
	"transferbot/bot/questions"
	"transferbot/rumours"
	"transferbot/rumours/extract"
	"transferbot/rumours/gazetteer"
	"transferbot/storage"
)

// questionsFile is the labelled question set under the shared directory.
const questionsFile = "eval/questions/dev.jsonl"

// questions scores the bot's reading of the labelled fan questions: intent,
// player, club and stage (see package bot/questions). The engine behind it
// has an empty store of its own, so the figures do not depend on the links
// a database happens to hold.
func (c *cli) questions(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("questions", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	shared := fs.String("shared", "../shared", "the shared data directory")
	file := fs.String("file", "", "labelled questions (JSON Lines); default SHARED/"+questionsFile)
	verbose := fs.Bool("verbose", false, "list every question read wrong")
	if err := fs.Parse(args); err != nil {
		return usageError("transferbot questions: " + err.Error())
	}
	path := *file
	if path == "" {
		path = filepath.Join(*shared, questionsFile)
	}
	rep, err := scoreQuestions(ctx, path)
	if err != nil {
		return fmt.Errorf("transferbot questions: %w", err)
	}
	return rep.Write(c.stdout, *verbose)
}

// scoreQuestions reads the labelled questions at path with a fresh engine
// and scores the readings.
func scoreQuestions(ctx context.Context, path string) (questions.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return questions.Report{}, err
	}
	defer f.Close()
	cases, err := questions.Read(f)
	if err != nil {
		return questions.Report{}, err
	}
	g, err := gazetteer.Load()
	if err != nil {
		return questions.Report{}, err
	}
	dir, err := os.MkdirTemp("", "transferbot-questions-")
	if err != nil {
		return questions.Report{}, err
	}
	defer os.RemoveAll(dir)
	st, err := storage.Open(ctx, filepath.Join(dir, "questions.db"))
	if err != nil {
		return questions.Report{}, err
	}
	defer st.Close()
	eng, err := rumours.New(st, g, extract.New(g, rumours.DefaultOutlets()), rumours.Options{})
	if err != nil {
		return questions.Report{}, err
	}
	canon := func(club string) string {
		if i, ok := g.ClubByName(club); ok {
			return g.Clubs[i].Name
		}
		return club
	}
	understand := func(q string) bot.Question { return bot.Understand(ctx, q, eng) }
	return questions.Score(cases, understand, canon), nil
}
