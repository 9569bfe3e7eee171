package discord

import (
	"context"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"

	"transferbot/bot"
)

// coreTimeout bounds one request to the core.
const coreTimeout = 30 * time.Second

// response is an interaction response: its type and data (a message, the
// flags of a deferred response, or autocomplete choices).
type response struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data any                               `json:"data,omitempty"`
}

// flagsOnly is the data of a deferred response.
type flagsOnly struct {
	Flags int `json:"flags,omitempty"`
}

// choices is the data of an autocomplete response.
type choices struct {
	Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
}

// answerer sends the first response to an interaction: over the gateway a
// REST callback (which can upload files), over the HTTP endpoint the HTTP
// response body (which cannot). It is called at most once per interaction.
type answerer struct {
	send    func(ctx context.Context, resp response, files []file) error
	filesOK bool
}

// deferral says how an interaction was deferred, for its followup.
type deferral struct {
	// update is true for a deferred update of the message a component is on
	// (type 6), false for a deferred new message (type 5).
	update bool
	// ephemeral is the visibility of the message the followup edits.
	ephemeral bool
}

// handle answers one interaction, shared by the gateway and the HTTP
// endpoint. Autocomplete is answered at once. Commands and components go to
// the core: when it answers within Options.DeferAfter the reply is the
// first response (an update of the message for a choice made in a select
// menu, when the reply is as visible as that message; else a new message),
// otherwise the interaction is deferred and the reply follows by editing
// the deferred message. A reply with a chart that the answerer cannot upload
// is deferred at once and follows the same way. handle returns once the
// first response is sent; followups go on in the background. The caller
// has counted the interaction in d.pending (enter).
func (d *Discord) handle(in *discordgo.Interaction, a answerer) {
	ctx := d.work
	start := time.Now()
	defer func() { d.obs.Handled(Platform, interactionKind(in.Type), time.Since(start)) }()
	switch in.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		if err := a.send(ctx, response{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: choices{d.autocomplete(ctx, in)}}, nil); err != nil {
			d.log.Warn("discord: autocomplete answer failed", "err", err)
		}
		return
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
	default:
		d.log.Debug("discord: interaction type not handled", "type", int(in.Type))
	}
	req, update := d.request(ctx, in)
	d.log.Debug("discord: interaction", "type", int(in.Type), "command", req.Command, "text", truncate(req.Text, 120),
		"channel", req.Channel, "user", req.User, "can_manage", req.CanManage)
	d.channelBack(ctx, in.ChannelID)

	result := make(chan bot.Reply, 1)
	d.pending.Add(1)
	go func() {
		defer d.pending.Done()
		cctx, cancel := context.WithTimeout(ctx, coreTimeout)
		defer cancel()
		reply := d.core.Handle(cctx, req)
		if reply.Err != nil {
			d.log.Error("discord: request failed", "command", req.Command, "text", truncate(req.Text, 120),
				"channel", req.Channel, "user", req.User, "err", reply.Err)
		}
		result <- reply
	}()

	messageEphemeral := in.Message != nil && in.Message.Flags&discordgo.MessageFlagsEphemeral != 0
	var reply bot.Reply
	deferNow := d.opts.DeferAfter < 0
	if !deferNow {
		t := time.NewTimer(d.opts.DeferAfter)
		select {
		case reply = <-result:
		case <-t.C:
			deferNow = true
		}
		t.Stop()
	}
	if deferNow {
		df := deferral{update: update, ephemeral: messageEphemeral}
		if !update {
			df.ephemeral = d.core.NeedsManage(ctx, req) || req.Command == bot.CmdSubscriptions
		}
		if err := a.send(ctx, deferredResponse(df), nil); err != nil {
			d.log.Warn("discord: deferring failed", "err", err)
			return
		}
		d.later(func() {
			select {
			case reply := <-result:
				d.followUp(ctx, in, df, d.render(ctx, reply))
			case <-ctx.Done():
			}
		})
		return
	}

	out := d.render(ctx, reply)
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if update && reply.Ephemeral == messageEphemeral {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	if out.chart == nil || a.filesOK {
		msg := out.msg
		if typ == discordgo.InteractionResponseUpdateMessage {
			msg.Flags = 0 // an update keeps the message's flags
		}
		if err := a.send(ctx, response{Type: typ, Data: msg}, out.files()); err != nil {
			d.log.Warn("discord: answer failed", "err", err)
		}
		return
	}
	df := deferral{update: typ == discordgo.InteractionResponseUpdateMessage, ephemeral: reply.Ephemeral}
	if err := a.send(ctx, deferredResponse(df), nil); err != nil {
		d.log.Warn("discord: deferring failed", "err", err)
		return
	}
	d.later(func() { d.followUp(ctx, in, df, out) })
}

// deferredResponse acknowledges an interaction whose message follows.
func deferredResponse(df deferral) response {
	if df.update {
		return response{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	r := response{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if df.ephemeral {
		r.Data = flagsOnly{Flags: flagEphemeral}
	}
	return r
}

// later runs f in the background, counted in d.pending (safe while the
// calling interaction is counted).
func (d *Discord) later(f func()) {
	d.pending.Add(1)
	go func() {
		defer d.pending.Done()
		f()
	}()
}

// followUp sends a deferred interaction's message through the interaction
// webhook: it edits the deferred message (or the component's message) when
// the reply is as visible as that message, and otherwise posts a new
// message with the reply's visibility (deleting a deferred "thinking…"
// message first).
func (d *Discord) followUp(ctx context.Context, in *discordgo.Interaction, df deferral, out rendered) {
	app := in.AppID
	if app == "" {
		app = d.opts.ApplicationID
	}
	hook := "/webhooks/" + url.PathEscape(app) + "/" + url.PathEscape(in.Token)
	ephemeral := out.msg.Flags&flagEphemeral != 0
	if ephemeral == df.ephemeral {
		msg := out.msg
		msg.Flags = 0 // an edit keeps the message's flags
		if err := d.editOriginal(ctx, hook, msg, out.files()); err != nil {
			d.log.Warn("discord: followup failed", "err", err)
		}
		return
	}
	if !df.update {
		if _, err := d.rest.call(ctx, "DELETE", hook+"/messages/@original", nil); err != nil {
			d.log.Debug("discord: deleting the deferred message failed", "err", err)
		}
	}
	if _, err := d.rest.call(ctx, "POST", hook, out.msg, out.files()...); err != nil {
		d.log.Warn("discord: followup failed", "err", err)
	}
}

// editOriginal edits an interaction's original message. Discord may not
// know the message for a moment after an HTTP endpoint answered, so an
// "unknown" 404 is retried a few times.
func (d *Discord) editOriginal(ctx context.Context, hook string, msg message, files []file) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		if attempt > 0 {
			if err := sleep(ctx, d.opts.RetryBackoff<<(attempt-1)); err != nil {
				return err
			}
		}
		_, err = d.rest.call(ctx, "PATCH", hook+"/messages/@original", msg, files...)
		status, code := statusOf(err)
		if status != 404 || (code != codeUnknownMessage && code != codeUnknownWebhook && code != codeUnknownInteraction) {
			return err
		}
	}
	return err
}

// request turns an interaction into a core request. update is true for a
// choice made in a select menu, whose answer may replace the menu.
func (d *Discord) request(ctx context.Context, in *discordgo.Interaction) (req bot.Request, update bool) {
	req = bot.Request{
		Platform:  Platform,
		Channel:   in.ChannelID,
		User:      userID(in),
		CanManage: canManage(in),
	}
	switch in.Type {
	case discordgo.InteractionApplicationCommand:
		data, _ := in.Data.(discordgo.ApplicationCommandInteractionData) // zero if malformed
		req.Command = data.Name
		req.Args = map[string]string{}
		for _, o := range data.Options {
			if s, ok := o.Value.(string); ok {
				req.Args[o.Name] = s
			}
		}
		if data.Name == bot.CmdUnsubscribe && req.Args[bot.ArgPlayer] == "" && req.Args[bot.ArgClub] == "" && req.Args[bot.ArgName] == "" {
			req.Command = bot.CmdSubscriptions // the list, with unsubscribe buttons
		}
	case discordgo.InteractionMessageComponent:
		data, _ := in.Data.(discordgo.MessageComponentInteractionData)
		id := data.CustomID
		if id == pickID {
			update = true
			id = ""
			if len(data.Values) > 0 {
				id = data.Values[0]
			}
		}
		action, ok, err := d.decodeAction(ctx, id)
		if err != nil {
			d.log.Error("discord: button action unreadable", "err", err)
		}
		if ok {
			req.Text = action // else empty: the core says it did not understand
		}
	}
	return req, update
}

// userID is the id of the user behind an interaction.
func userID(in *discordgo.Interaction) string {
	switch {
	case in.Member != nil && in.Member.User != nil:
		return in.Member.User.ID
	case in.User != nil:
		return in.User.ID
	}
	return ""
}

// canManage reports whether the user may change the channel's
// subscriptions: in a guild, a member whose permissions in the channel
// (as the interaction reports them) include Manage Channels or
// Administrator; outside guilds (a DM), always.
func canManage(in *discordgo.Interaction) bool {
	if in.Member == nil {
		return true
	}
	return in.Member.Permissions&(discordgo.PermissionManageChannels|discordgo.PermissionAdministrator) != 0
}

// channelBack tells the core, once per channel per process, that a channel
// was heard from, which resumes its paused subscriptions.
func (d *Discord) channelBack(ctx context.Context, channel string) {
	if channel == "" {
		return
	}
	if found, _ := d.seen.ContainsOrAdd(channel, struct{}{}); found {
		return
	}
	n, notice, err := d.core.ChannelBack(ctx, Platform, channel)
	if err != nil {
		d.seen.Remove(channel)
		d.log.Warn("discord: resuming subscriptions failed", "channel", channel, "err", err)
		return
	}
	if n > 0 {
		d.log.Info("discord: channel heard from again, subscriptions resumed", "channel", channel, "subscriptions", n)
		// in the background: the interaction is answered first
		d.pending.Add(1)
		go func() {
			defer d.pending.Done()
			if err := d.Notify(d.work, channel, notice); err != nil {
				d.log.Warn("discord: could not tell a channel its alerts resume", "channel", channel, "err", err)
			}
		}()
	}
}

// interactionKind names an interaction type for metrics.
func interactionKind(t discordgo.InteractionType) string {
	switch t {
	case discordgo.InteractionApplicationCommand:
		return "command"
	case discordgo.InteractionMessageComponent:
		return "component"
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete"
	}
	return "other"
}
