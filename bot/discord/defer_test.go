package discord_test

import (
	"strings"
	"testing"

	"transferbot/bot/discord"
	"transferbot/bot/discord/discordtest"
)

// TestDeferred covers work that takes longer than DeferAfter (here every
// command, DeferAfter < 0): the interaction is deferred and the answer
// follows through the interaction webhook, editing the deferred message when
// it is as visible as the answer, else replacing it.
func TestDeferred(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{DeferAfter: -1})
	h.startGateway()

	t.Run("where: deferred, then the answer with its chart", func(t *testing.T) {
		in := h.interaction(command("where", 0, opt("player", "Sergio Ramos")))
		cb := h.dispatch(in)
		if r := decodeResponse(t, cb.Payload); r.Type != 5 || r.Data.Flags != 0 {
			t.Fatalf("callback = %+v, want a public deferral (type 5)", r)
		}
		edit := h.fake.WaitRequest(discordtest.Match("PATCH", "/webhooks/"+appID+"/"+in.Token+"/messages/@original"))
		checkWhereSergioRamos(t, decodeMessage(t, edit.Payload), edit.Files)
		if !edit.Received.After(cb.Answered) && !edit.Received.Equal(cb.Answered) {
			t.Errorf("followup sent before the deferral was answered")
		}
	})

	t.Run("subscriptions: deferred ephemerally, then edited", func(t *testing.T) {
		in := h.interaction(command("subscriptions", 0))
		cb := h.dispatch(in)
		if r := decodeResponse(t, cb.Payload); r.Type != 5 || r.Data.Flags != 64 {
			t.Fatalf("callback = %+v, want an ephemeral deferral", r)
		}
		edit := h.fake.WaitRequest(discordtest.Match("PATCH", "/webhooks/"+appID+"/"+in.Token+"/messages/@original"))
		if m := decodeMessage(t, edit.Payload); !strings.Contains(m.Content, "doesn't follow") {
			t.Errorf("edit = %+v, want the empty subscriptions list", m)
		}
	})

	t.Run("unknown name: public deferral replaced by an ephemeral followup", func(t *testing.T) {
		in := h.interaction(command("where", 0, opt("player", "Zzyzx Qwerty")))
		cb := h.dispatch(in)
		if r := decodeResponse(t, cb.Payload); r.Type != 5 || r.Data.Flags != 0 {
			t.Fatalf("callback = %+v, want a public deferral", r)
		}
		hook := "/webhooks/" + appID + "/" + in.Token
		post := h.fake.WaitRequest(discordtest.Match("POST", hook))
		m := decodeMessage(t, post.Payload)
		if m.Flags&64 == 0 || !strings.Contains(m.Content, "Zzyzx Qwerty") {
			t.Errorf("followup = %+v, want the ephemeral unknown-name answer", m)
		}
		del := h.fake.WaitRequest(discordtest.Match("DELETE", hook+"/messages/@original"))
		if del.Received.After(post.Received) {
			t.Errorf("the deferred message was deleted after the followup was posted")
		}
		if n := h.fake.Count(discordtest.Match("PATCH", hook+"/messages/@original")); n != 0 {
			t.Errorf("%d edits of the public deferred message with an ephemeral answer", n)
		}
	})
}

// TestDeferredFollowupRetriesUnknownMessage: right after an answer over the
// HTTP endpoint Discord may not know the original message yet; the edit is
// retried.
func TestDeferredFollowupRetriesUnknownMessage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, discord.Options{DeferAfter: -1})
	h.startGateway()
	in := h.interaction(command("help", 0))
	path := "/webhooks/" + appID + "/" + in.Token + "/messages/@original"
	h.fake.Script("PATCH", path, discordtest.Error(404, 10008, "Unknown Message"))
	h.dispatch(in)
	edits := h.fake.WaitCount(2, discordtest.Match("PATCH", path))
	if edits[0].Status != 404 || edits[1].Status != 200 {
		t.Errorf("edit statuses = %d, %d; want 404 then 200", edits[0].Status, edits[1].Status)
	}
	if m := decodeMessage(t, edits[1].Payload); len(m.Embeds) != 1 || m.Embeds[0].Title != "What I can do" {
		t.Errorf("edit = %+v, want the help embed", m)
	}
}
