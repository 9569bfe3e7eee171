//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"transferbot/bot/telegram/telegramtest"
	"transferbot/rumours/demo"
	"transferbot/storage"
)

// binary is the transferbot command built for a test, run with a clean
// environment in a directory of its own, as an operator runs it.
type binary struct {
	path string
	dir  string // the working directory: the default database goes here
}

// buildBinary builds transferbot into a temporary directory and returns its
// path. It skips the test when the go command is not on PATH.
func buildBinary(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH: not building the binary")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "transferbot")
	if out, err := exec.Command(goCmd, "build", "-o", path, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return path
}

// command returns the binary's command line with env (NAME=value) on top of
// the test's environment less every TRANSFERBOT_ variable.
func (b *binary) command(env []string, stdin string, args ...string) *exec.Cmd {
	cmd := exec.Command(b.path, args...)
	cmd.Dir = b.dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TRANSFERBOT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin = strings.NewReader(stdin)
	return cmd
}

// run runs the binary to its end and returns its exit code, stdout and
// stderr.
func (b *binary) run(t *testing.T, env []string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := b.command(env, stdin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("transferbot %s: %v", strings.Join(args, " "), err)
	}
	return code, out.String(), errb.String()
}

// serve starts the binary against the fake Bot API, waits until it polls
// for updates (so it is past its start), lets do talk to it, stops it with SIGTERM and returns its
// stderr.
func (b *binary) serve(t *testing.T, api *telegramtest.Server, do func()) string {
	t.Helper()
	cmd := b.command([]string{"TRANSFERBOT_TELEGRAM_TOKEN=" + api.Token, "TRANSFERBOT_TELEGRAM_API_URL=" + api.URL}, "")
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the bot to poll", func() bool { return api.ActivePolls() > 0 })
	if do != nil {
		do()
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("transferbot serve: %v after SIGTERM\n%s", err, errb.String())
	}
	return errb.String()
}

// demoArticles returns how many demo articles the database at path holds,
// and how many articles in all.
func demoArticles(t *testing.T, path string) (demoCount, all int) {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hashes, err := demo.TextHashes()
	if err != nil {
		t.Fatal(err)
	}
	if demoCount, err = st.CountTextHashes(ctx, hashes); err != nil {
		t.Fatal(err)
	}
	if all, err = st.CountArticles(ctx); err != nil {
		t.Fatal(err)
	}
	return demoCount, all
}

// TestBinary runs the built transferbot as an operator would.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)

	// With a Telegram token and the default configuration (demo: true,
	// ./transferbot.db) the demo stays out of the served database, and a
	// command run later without the token does not seed it either.
	t.Run("demo stays out of a served database", func(t *testing.T) {
		b := &binary{path: bin, dir: t.TempDir()}
		db := filepath.Join(b.dir, "transferbot.db")
		api := telegramtest.New(t)
		fan := telegramtest.PrivateChat(1001)
		b.serve(t, api, func() {
			api.Push(api.Text(fan, telegramtest.User(1001), "where is Sergio Ramos heading?"))
			reqs := api.WaitFor(t, "the answer", func(reqs []*telegramtest.Request) bool {
				return len(telegramtest.Filter(reqs, "sendMessage")) > 0
			})
			for _, r := range telegramtest.Filter(reqs, "sendMessage") {
				if strings.Contains(r.Params.Get("text"), "Inter Miami") {
					t.Errorf("the bot answered from the demo corpus: %s", r.Params.Get("text"))
				}
			}
		})
		if n, all := demoArticles(t, db); n != 0 || all != 0 {
			t.Errorf("the served database holds %d demo articles of %d, want none", n, all)
		}
		code, out, errs := b.run(t, nil, "", "ask", "where is Sergio Ramos heading?")
		if code != 0 {
			t.Fatalf("ask exited %d: %s", code, errs)
		}
		if n, _ := demoArticles(t, db); n != 0 || strings.Contains(out, "Inter Miami") {
			t.Errorf("ask without a token on a served database seeded %d demo articles:\n%s", n, out)
		}
	})

	t.Run("README examples", func(t *testing.T) { testREADME(t, bin) })

	// A database that holds the demo says so when it is served, with the
	// command that removes it; the command does.
	t.Run("purge-demo", func(t *testing.T) {
		b := &binary{path: bin, dir: t.TempDir()}
		db := filepath.Join(b.dir, "transferbot.db")
		if code, _, errs := b.run(t, nil, "", "ask", "where is Sergio Ramos heading?"); code != 0 {
			t.Fatalf("ask exited %d: %s", code, errs)
		}
		n, _ := demoArticles(t, db)
		if n == 0 {
			t.Fatal("the console demo did not seed the demo corpus")
		}
		api := telegramtest.New(t)
		logs := b.serve(t, api, nil)
		const want = `command="transferbot purge-demo"` // the database is the default
		if !strings.Contains(logs, "demo corpus") || !strings.Contains(logs, want) {
			t.Errorf("the log does not say the database holds the demo, with %s:\n%s", want, logs)
		}
		code, out, errs := b.run(t, nil, "", "purge-demo")
		if code != 0 || !strings.Contains(out, "removed 20 demo articles") {
			t.Errorf("purge-demo: exit %d\n%s%s", code, out, errs)
		}
		if n, all := demoArticles(t, db); n != 0 || all != 0 {
			t.Errorf("after purge-demo the database holds %d demo articles of %d", n, all)
		}
		if logs := b.serve(t, telegramtest.New(t), nil); strings.Contains(logs, "purge-demo") {
			t.Errorf("the warning stays after purge-demo:\n%s", logs)
		}
	})
}

// testREADME runs the README's examples that need no token against the
// binary at bin: each console block's commands, whose output must be what
// the block shows; the terminal chat's example questions; and the piped
// question.
func testREADME(t *testing.T, bin string) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)

	blocks := consoleBlocks(text)
	if len(blocks) == 0 {
		t.Fatal("the README has no console blocks")
	}
	for i, block := range blocks {
		b := &binary{path: bin, dir: t.TempDir()}
		for _, ex := range block {
			args := shellWords(strings.TrimPrefix(ex.command, "transferbot "))
			code, out, errs := b.run(t, nil, "", args...)
			if code != 0 {
				t.Errorf("block %d: $ %s: exit %d\n%s", i+1, ex.command, code, errs)
			}
			if got := trimOutput(out); got != ex.output {
				t.Errorf("block %d: $ %s prints\n%s\n--- the README shows\n%s", i+1, ex.command, got, ex.output)
			}
		}
	}

	// The terminal chat's examples: each is understood and answered.
	_, chat, ok := strings.Cut(text, "chats on the terminal:\n\n```\n")
	chat, _, _ = strings.Cut(chat, "```")
	if !ok {
		t.Fatal("the README lost its terminal chat example")
	}
	var input []string
	for _, line := range strings.Split(chat, "\n") {
		q, ok := strings.CutPrefix(line, "> ")
		if !ok {
			continue
		}
		q, note, _ := strings.Cut(q, "(")
		input = append(input, strings.TrimSpace(q))
		if strings.Contains(note, "type 1 or 2") {
			input = append(input, "1")
		}
	}
	b := &binary{path: bin, dir: t.TempDir()}
	code, out, errs := b.run(t, nil, strings.Join(input, "\n")+"\n")
	if code != 0 {
		t.Fatalf("the chat exited %d: %s", code, errs)
	}
	for _, bad := range []string{"didn't understand", "I don't know"} {
		if strings.Contains(out, bad) {
			t.Errorf("the chat's examples %q got %q:\n%s", input, bad, out)
		}
	}
	if n := strings.Count(out, "Where is Sergio Ramos heading?"); n != 2 {
		t.Errorf("Sergio Ramos answered %d times, want twice (asked, then picked as 1):\n%s", n, out)
	}

	// echo "where is James heading?" | go run ./cmd/transferbot
	const piped = `echo "where is James heading?" | go run ./cmd/transferbot`
	if !strings.Contains(text, piped) {
		t.Fatalf("the README lost %s", piped)
	}
	code, out, errs = b.run(t, nil, "where is James heading?\n")
	if code != 0 || !strings.Contains(out, "Where is James Rodríguez heading?") {
		t.Errorf("%s: exit %d\n%s%s", piped, code, out, errs)
	}
}

// example is one command of a README console block and what it prints.
type example struct{ command, output string }

// consoleBlocks returns the README's ```console blocks: commands ("$ "
// lines) each with the lines up to the next command as its output.
func consoleBlocks(readme string) [][]example {
	var blocks [][]example
	for _, part := range strings.Split(readme, "```console\n")[1:] {
		body, _, _ := strings.Cut(part, "```")
		var block []example
		for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
			if cmd, ok := strings.CutPrefix(line, "$ "); ok {
				block = append(block, example{command: cmd})
			} else if len(block) > 0 {
				ex := &block[len(block)-1]
				if ex.output != "" || line != "" {
					ex.output += line + "\n"
				}
			}
		}
		for i := range block {
			block[i].output = trimOutput(block[i].output)
		}
		blocks = append(blocks, block)
	}
	return blocks
}

// trimOutput drops trailing blanks from each line and trailing blank lines.
func trimOutput(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// shellWords splits a command line at spaces, keeping "double-quoted"
// words whole (the README's examples need no more of a shell).
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
			}
			inWord = false
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}
