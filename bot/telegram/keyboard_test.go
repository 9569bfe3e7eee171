package telegram

import (
	"context"
	"strings"
	"testing"

	"transferbot/bot"
)

func TestCallbackDataFitsAndRoundTrips(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	long := "rumours player Sergio Ramos" + strings.Repeat(" ", 40) // Parse folds the spaces
	cases := []struct {
		action string
		stored bool
	}{
		{"subscribe player Sergio Ramos", false},
		{"subscribe player Kylian Mbappé Lottin talks", false},
		{strings.Repeat("é", 31), false}, // 62 bytes: fits exactly
		{strings.Repeat("é", 32), true},
		{long, true},
	}
	for _, c := range cases {
		data, err := h.tg.callbackData(ctx, c.action)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > maxCallbackData {
			t.Errorf("%q: callback data of %d bytes", c.action, len(data))
		}
		if got := strings.HasPrefix(data, keyPrefix); got != c.stored {
			t.Errorf("%q: data %q, stored = %v, want %v", c.action, data, got, c.stored)
		}
		if a, ok := h.tg.action(ctx, data); !ok || a != c.action {
			t.Errorf("%q: action(%q) = %q, %v", c.action, data, a, ok)
		}
	}
	for _, bad := range []string{"", "a:", "k:", "k:short", "k:../../offset!!!!", "k:AAAAAAAAAAAAAAAA", "subscribe player X"} {
		if a, ok := h.tg.action(ctx, bad); ok {
			t.Errorf("action(%q) = %q, want unknown", bad, a)
		}
	}

	// A long action's button still works after a restart: it is stored.
	data, _ := h.tg.callbackData(ctx, long)
	h.tg = h.adapter(nil)
	h.start()
	h.api.Push(h.api.Callback(private(alice), alice, data))
	msg := h.sent(alice.ID, 1)[0]
	if !strings.Contains(shown(msg), "Latest on Sergio Ramos") {
		t.Errorf("pressing the stored button after a restart: %q", shown(msg))
	}
}

func TestLongButtonActionsReachTelegramWithin64Bytes(t *testing.T) {
	h := newHarness(t, nil).start()
	r := bot.Reply{Text: "Pick one", Buttons: []bot.Button{
		{Label: "Short", Action: "where Sergio Ramos"},
		{Label: "Long", Action: "where " + strings.Repeat(" ", 70) + "Sergio Ramos"},
	}}
	if err := h.tg.Notify(context.Background(), "1001", r); err != nil {
		t.Fatal(err) // the fake refuses callback data over 64 bytes
	}
	_, data := h.sent(alice.ID, 1)[0].Buttons()
	if len(data) != 2 || data[0] != "a:where Sergio Ramos" || !strings.HasPrefix(data[1], keyPrefix) {
		t.Errorf("callback data = %q", data)
	}
}
