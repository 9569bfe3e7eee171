package bottest

import (
	"context"
	"testing"

	"transferbot/bot"
)

func TestNewAnswersFromTheDemoCorpus(t *testing.T) {
	env := New(t)
	r := env.Core.Handle(context.Background(), bot.Request{Platform: "test", Channel: "1", Text: "where is Sergio Ramos heading?"})
	if r.Err != nil || len(r.Lines) == 0 {
		t.Fatalf("reply = %+v", r)
	}
	if r.Lines[0].Club != "Inter Miami" {
		t.Errorf("first destination = %q, want Inter Miami\n%s", r.Lines[0].Club, r.PlainText())
	}
	amb := env.Core.Handle(context.Background(), bot.Request{Platform: "test", Channel: "1", Text: "/where Ramos"})
	if len(amb.Buttons) != 2 {
		t.Errorf("/where Ramos: buttons %+v, want a choice of two Ramoses", amb.Buttons)
	}
	if got := env.Core.Complete(context.Background(), "player", "mbap", 25); len(got) == 0 || got[0] != "Kylian Mbappé" {
		t.Errorf("Complete(mbap) = %v, want Kylian Mbappé first", got)
	}
}
