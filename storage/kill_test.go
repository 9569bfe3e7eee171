package storage

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
)

// linksPerArticle is how many links the writer child gives each article, so
// that a half-written article would show as one with fewer.
const linksPerArticle = 3

// TestKilledMidWrite kills a process that is saving articles as fast as it
// can (SIGKILL: no deferred code, no clean close) and checks that the
// database opens cleanly afterwards with every article whole.
func TestKilledMidWrite(t *testing.T) {
	if os.Getenv("TRANSFERBOT_KILL_CHILD") != "" {
		t.Skip("this is the child")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	for round, batch := range []string{"single", "batch"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
		cmd.Env = append(os.Environ(), "TRANSFERBOT_KILL_CHILD="+path, "TRANSFERBOT_KILL_MODE="+batch, fmt.Sprintf("TRANSFERBOT_KILL_ROUND=%d", round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// wait until the child has saved a good number of articles, then kill
		// it while it is writing more
		sc := bufio.NewScanner(out)
		saved := 0
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
				fmt.Sscan(n, &saved)
				if saved >= 200 {
					break
				}
			}
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		if saved < 200 {
			t.Fatalf("%s: the child saved only %d articles before it stopped", batch, saved)
		}

		s, err := Open(context.Background(), path) // runs quick_check
		if err != nil {
			t.Fatalf("%s: reopen after kill: %v", batch, err)
		}
		n, err := s.CountArticles(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n < saved {
			t.Errorf("%s: %d articles after the kill, but the child had reported %d saved", batch, n, saved)
		}
		var short int
		if err := s.r.QueryRow(`SELECT COUNT(*) FROM (SELECT a.id FROM articles a LEFT JOIN links l ON l.article_id = a.id
			GROUP BY a.id HAVING COUNT(l.article_id) != ?)`, linksPerArticle).Scan(&short); err != nil {
			t.Fatal(err)
		}
		if short != 0 {
			t.Errorf("%s: %d articles are half-written", batch, short)
		}
		s.Close()
	}
}

// TestKillChild is the writer that TestKilledMidWrite kills; it runs only in
// the child process.
func TestKillChild(t *testing.T) {
	path := os.Getenv("TRANSFERBOT_KILL_CHILD")
	if path == "" {
		t.Skip("run by TestKilledMidWrite")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	round := os.Getenv("TRANSFERBOT_KILL_ROUND")
	article := func(i int) rumours.NewArticle {
		a := rumours.StoredArticle{
			Article:  rumours.Article{ID: fmt.Sprintf("r%s-%d", round, i), Text: strings.Repeat("transfer news ", 100), Published: time.Date(2021, 1, 1+i%28, 0, 0, 0, 0, time.UTC)},
			TextHash: fmt.Sprintf("r%s-hash-%d", round, i),
			Simhash:  uint64(i) * 0x9E3779B97F4A7C15,
		}
		var links []rumours.Link
		for k := 0; k < linksPerArticle; k++ {
			links = append(links, rumours.Link{Player: fmt.Sprintf("Player %d", i%500), To: fmt.Sprintf("Club %d", (i+k)%40),
				Stage: rumours.Talks, Confidence: 0.5, Outlets: []string{"AS"}, Quote: "a quote"})
		}
		return rumours.NewArticle{Article: a, Links: links}
	}
	for i := 0; ; {
		if os.Getenv("TRANSFERBOT_KILL_MODE") == "batch" {
			batch := make([]rumours.NewArticle, 16)
			for k := range batch {
				batch[k] = article(i + k)
			}
			_, errs := s.SaveArticles(ctx, batch)
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			i += len(batch)
		} else {
			a := article(i)
			if _, err := s.SaveArticle(ctx, a.Article, a.Links); err != nil {
				t.Fatal(err)
			}
			i++
		}
		fmt.Printf("saved %d\n", i)
	}
}
