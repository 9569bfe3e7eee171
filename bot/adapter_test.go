package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"transferbot/rumours"
)

func TestNeedsManage(t *testing.T) {
	c := New(newFakeEngine(), Options{})
	tests := []struct {
		req  Request
		want bool
	}{
		{Request{Text: "/subscribe Ramos"}, true},
		{Request{Text: "/subscribe@transferbot Ramos"}, true},
		{Request{Text: "follow Juventus"}, true},
		{Request{Text: "/unsubscribe Ramos"}, true},
		{Request{Command: "subscribe", Args: map[string]string{ArgPlayer: "Ramos"}}, true},
		{Request{Command: "unsubscribe", Args: map[string]string{ArgClub: "Juventus"}}, true},
		{Request{Text: "/subscriptions"}, false},
		{Request{Text: "where is Ramos heading?"}, false},
		{Request{Text: "/where Ramos"}, false},
		{Request{Command: "where", Args: map[string]string{ArgPlayer: "Ramos"}}, false},
		{Request{Text: "hello everyone"}, false},
		{Request{Command: "subscribe", Args: map[string]string{ArgPlayer: "Ramos", ArgMinStage: "nonsense"}}, false},
	}
	for _, tc := range tests {
		if got := c.NeedsManage(context.Background(), tc.req); got != tc.want {
			t.Errorf("NeedsManage(%+v) = %t, want %t", tc.req, got, tc.want)
		}
	}
}

func TestChannelGoneAndBack(t *testing.T) {
	f := newFakeEngine()
	c := New(f, Options{})
	ctx := context.Background()
	for _, text := range []string{"/subscribe Sergio Ramos", "/subscribe Juventus"} {
		if r := c.Handle(ctx, Request{Platform: "telegram", Channel: "42", CanManage: true, Text: text}); r.Err != nil {
			t.Fatalf("%s: %v", text, r.Err)
		}
	}
	n, err := c.ChannelGone(ctx, "telegram", "42", "Forbidden: bot was blocked by the user")
	if err != nil || n != 2 {
		t.Fatalf("ChannelGone = %d, %v; want 2, nil", n, err)
	}
	subs, _ := f.Subscriptions(ctx, "telegram", "42")
	for _, s := range subs {
		if s.Active {
			t.Errorf("%s still active after ChannelGone", s.Target)
		}
	}
	p, paused, err := c.Paused(ctx, "telegram", "42")
	if err != nil || !paused || p.Reason != "Forbidden: bot was blocked by the user" ||
		!strings.HasPrefix(p.String(), "paused since "+time.Now().UTC().Format("2006-01-02")) {
		t.Errorf("Paused = %+v (%s), %v, %v", p, p, paused, err)
	}
	// paused again (another refusal): the first record stays
	if _, err := c.ChannelGone(ctx, "telegram", "42", "later"); err != nil {
		t.Fatal(err)
	}
	if p2, _, _ := c.Paused(ctx, "telegram", "42"); p2 != p {
		t.Errorf("a second pause replaced the record: %+v, want %+v", p2, p)
	}
	n, notice, err := c.ChannelBack(ctx, "telegram", "42")
	if err != nil || n != 2 {
		t.Fatalf("ChannelBack = %d, %v; want 2, nil", n, err)
	}
	if want := "its 2 subscriptions are active again. They were paused on " + p.Since.Format("2 Jan 2006"); !strings.Contains(notice.Text, want) {
		t.Errorf("notice %q, want it to contain %q", notice.Text, want)
	}
	if _, paused, _ := c.Paused(ctx, "telegram", "42"); paused {
		t.Errorf("still paused after ChannelBack")
	}
	if n, notice, err := c.ChannelBack(ctx, "telegram", "42"); n != 0 || notice.Text != "" || err != nil {
		t.Errorf("ChannelBack again = %d, %q, %v; want nothing to resume", n, notice.Text, err)
	}
}

func TestComplete(t *testing.T) {
	c := New(newFakeEngine(), Options{})
	got := c.Complete(context.Background(), rumours.KindPlayer, "ser", 0)
	if !slices.Contains(got, "Sergio Ramos") {
		t.Errorf("Complete(ser) = %v, want Sergio Ramos among them", got)
	}
}

func TestChannelMoved(t *testing.T) {
	f := newFakeEngine()
	c := New(f, Options{})
	ctx := context.Background()
	if r := c.Handle(ctx, Request{Platform: "telegram", Channel: "-100", CanManage: true, Text: "/subscribe Sergio Ramos"}); r.Err != nil {
		t.Fatal(r.Err)
	}
	if n, err := c.ChannelMoved(ctx, "telegram", "-100", "-1001"); err != nil || n != 1 {
		t.Fatalf("ChannelMoved = %d, %v; want 1, nil", n, err)
	}
	r := c.Handle(ctx, Request{Platform: "telegram", Channel: "-1001", Text: "/subscriptions"})
	if !strings.Contains(r.PlainText(), "Sergio Ramos") {
		t.Errorf("the new id's subscriptions:\n%s\nwant Sergio Ramos", r.PlainText())
	}
}
