// Package console is transferbot's terminal adapter: it reads one message
// per line, hands it to the command core and prints the reply as plain text.
// Buttons appear as numbered options; typing the number presses the button.
// All wording comes from the core.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"transferbot/bot"
)

// How the console presents itself to the core. The console user owns the
// "channel", so may manage its subscriptions.
const (
	Platform = "console"
	Channel  = "local"
	User     = "local"
)

// maxLine is the most of one input line that is read; the rest is dropped
// (the core refuses anything that long anyway).
const maxLine = 64 << 10

// Run reads messages from in, one per line, and writes the core's replies to
// out until in ends (it then returns nil), the user types quit or exit, or
// ctx is cancelled (it then returns ctx.Err()). Blank lines are skipped.
// When interactive it greets the user and prompts with "> ". A reader or
// writer failure is returned wrapped. Reply.Err, meant for logs, is never
// printed. After cancellation a goroutine may stay blocked reading in until
// in returns.
func Run(ctx context.Context, core *bot.Core, in io.Reader, out io.Writer, interactive bool) error {
	if core == nil {
		return errors.New("console: nil core")
	}
	w := bufio.NewWriter(out)
	write := func(s string) error {
		if _, err := w.WriteString(s); err != nil {
			return fmt.Errorf("console: write: %w", err)
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("console: write: %w", err)
		}
		return nil
	}
	prompt := func() error {
		if !interactive {
			return nil
		}
		return write("> ")
	}

	lines, readErr, stop := readLines(in)
	defer close(stop)

	if interactive {
		if err := write(core.Greeting() + "\n\n"); err != nil {
			return err
		}
	}
	if err := prompt(); err != nil {
		return err
	}
	var buttons []bot.Button
	for {
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return ctx.Err()
		case line, ok = <-lines:
		}
		if !ok {
			if interactive {
				if err := write("\n"); err != nil {
					return err
				}
			}
			if err := <-readErr; err != nil {
				return fmt.Errorf("console: read: %w", err)
			}
			return nil
		}
		text := strings.TrimSpace(line)
		if text == "" {
			if err := prompt(); err != nil {
				return err
			}
			continue
		}
		switch strings.ToLower(text) {
		case "quit", "exit":
			return nil
		}
		if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(buttons) {
			text = buttons[n-1].Action
		}
		reply := core.Handle(ctx, bot.Request{
			Platform:  Platform,
			Channel:   Channel,
			User:      User,
			CanManage: true,
			Text:      text,
		})
		buttons = reply.Buttons
		if err := write(reply.PlainText() + "\n"); err != nil {
			return err
		}
		if err := prompt(); err != nil {
			return err
		}
	}
}

// readLines reads in line by line on its own goroutine, so that Run can
// stop on cancellation while a read blocks. lines is closed at the end of
// input; then readErr yields the read error, nil at EOF. Closing stop makes
// the goroutine exit after its current read.
func readLines(in io.Reader) (lines <-chan string, readErr <-chan error, stop chan<- struct{}) {
	ls := make(chan string)
	errc := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		defer close(ls)
		r := bufio.NewReader(in)
		for {
			line, err := readLine(r)
			if line != "" || err == nil {
				select {
				case ls <- line:
				case <-done:
					errc <- nil
					return
				}
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				errc <- err
				return
			}
		}
	}()
	return ls, errc, done
}

// readLine reads one line without its line ending, keeping at most maxLine
// bytes of it.
func readLine(r *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(buf) < maxLine {
			buf = append(buf, chunk[:min(len(chunk), maxLine-len(buf))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return strings.TrimRight(string(buf), "\r\n"), err
	}
}
