// Package console is transferbot's terminal adapter: it reads one message
// per line, hands it to the command core and prints the reply as plain text.
// Buttons appear as numbered options; typing the number presses the button
// of the options printed last, a reply's or an alert's. All wording comes
// from the core.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

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

// Console is a terminal chat with the core: Run reads the user's messages
// and prints the replies, and Notify prints alerts in between. Its methods
// are safe for concurrent use.
type Console struct {
	// Intro, if set, is printed after the greeting when interactive (set
	// it before Run).
	Intro string

	core        *bot.Core
	in          io.Reader
	interactive bool

	mu       sync.Mutex // guards w, prompted and buttons
	w        *bufio.Writer
	prompted bool         // a prompt is showing, waiting for input
	buttons  []bot.Button // the numbered options printed last
}

// New returns a console that reads from in and writes to out. When
// interactive it greets the user and prompts with "> ".
func New(core *bot.Core, in io.Reader, out io.Writer, interactive bool) *Console {
	return &Console{core: core, in: in, interactive: interactive, w: bufio.NewWriter(out)}
}

// Run is New(core, in, out, interactive).Run(ctx).
func Run(ctx context.Context, core *bot.Core, in io.Reader, out io.Writer, interactive bool) error {
	return New(core, in, out, interactive).Run(ctx)
}

// write writes s and flushes; with mu held.
func (c *Console) write(s string) error {
	if _, err := c.w.WriteString(s); err != nil {
		return fmt.Errorf("console: write: %w", err)
	}
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("console: write: %w", err)
	}
	return nil
}

// print writes s, then the prompt when interactive and prompt is set.
func (c *Console) print(s string, prompt bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.printLocked(s, prompt)
}

// printReply prints a reply to the user's message; its buttons become the
// numbered options.
func (c *Console) printReply(r bot.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buttons = r.Buttons
	return c.printLocked(r.PlainText()+"\n", true)
}

// printLocked is print with mu held.
func (c *Console) printLocked(s string, prompt bool) error {
	c.prompted = false
	if err := c.write(s); err != nil {
		return err
	}
	if prompt && c.interactive {
		c.prompted = true
		return c.write("> ")
	}
	return nil
}

// Notify prints an alert (a Reply the user did not ask for) between the
// user's messages, and prompts again if a prompt was showing. The alert's
// buttons, if any, become the numbered options. The channel is always
// Channel. It implements bot.Notifier.
func (c *Console) Notify(ctx context.Context, channel string, r bot.Reply) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	prefix := ""
	if c.prompted {
		prefix = "\n"
	}
	if len(r.Buttons) > 0 {
		c.buttons = r.Buttons
	}
	if err := c.write(prefix + r.PlainText() + "\n"); err != nil {
		return err
	}
	if c.prompted {
		return c.write("> ")
	}
	return nil
}

// Run reads messages from in, one per line, and writes the core's replies to
// out until in ends (it then returns nil), the user types quit or exit, or
// ctx is cancelled (it then returns ctx.Err()). Blank lines are skipped.
// When interactive it greets the user and prompts with "> ". A reader or
// writer failure is returned wrapped. Reply.Err, meant for logs, is never
// printed. After cancellation a goroutine may stay blocked reading in until
// in returns.
func (c *Console) Run(ctx context.Context) error {
	if c.core == nil {
		return errors.New("console: nil core")
	}
	lines, readErr, stop := readLines(c.in)
	defer close(stop)

	greeting := ""
	if c.interactive {
		greeting = c.core.Greeting() + "\n\n"
		if c.Intro != "" {
			greeting += c.Intro + "\n\n"
		}
	}
	if err := c.print(greeting, true); err != nil {
		return err
	}
	for {
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return ctx.Err()
		case line, ok = <-lines:
		}
		if !ok {
			if c.interactive {
				if err := c.print("\n", false); err != nil {
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
			if err := c.print("", true); err != nil {
				return err
			}
			continue
		}
		switch strings.ToLower(text) {
		case "quit", "exit":
			return nil
		}
		c.mu.Lock()
		if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(c.buttons) {
			text = c.buttons[n-1].Action
		}
		c.prompted = false // the user is waiting for the reply, not at a prompt
		c.mu.Unlock()
		reply := c.core.Handle(ctx, bot.Request{
			Platform:  Platform,
			Channel:   Channel,
			User:      User,
			CanManage: true,
			Text:      text,
		})
		if err := c.printReply(reply); err != nil {
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
