package discord

import (
	"context"
	"fmt"
	"net/http"

	"transferbot/bot"
)

// Notify posts r to a channel as a message (embeds, the chart attached,
// buttons): an alert. It implements bot.Notifier. It blocks through rate
// limits and retries (see transport) until Discord accepts the message, ctx
// ends or Discord refuses. When Discord answers 403 (access lost) or 404
// (channel gone), the channel's subscriptions are paused (visible in
// `transferbot subscriptions`) and the error wraps bot.ErrChannelGone. The
// reply's Ephemeral flag is ignored: alerts are for the channel.
func (d *Discord) Notify(ctx context.Context, channel string, r bot.Reply) error {
	if !isSnowflake(channel) {
		return fmt.Errorf("discord: send to channel %q: not a Discord channel id", channel)
	}
	r.Ephemeral = false
	out := d.render(ctx, r)
	_, err := d.rest.call(ctx, http.MethodPost, "/channels/"+channel+"/messages", out.msg, out.files()...)
	if err == nil {
		return nil
	}
	if status, _ := statusOf(err); status == http.StatusForbidden || status == http.StatusNotFound {
		// record it even if ctx just ended
		n, perr := d.core.ChannelGone(context.WithoutCancel(ctx), Platform, channel, "Discord refused delivery: "+err.Error())
		if perr != nil {
			return fmt.Errorf("discord: send to channel %s: %w; pausing its subscriptions failed: %w", channel, err, perr)
		}
		d.seen.Remove(channel) // so that an interaction from it resumes them
		d.log.Warn("discord: channel refuses messages, subscriptions paused", "channel", channel, "subscriptions", n, "err", err)
		return fmt.Errorf("discord: send to channel %s: %w: %w", channel, bot.ErrChannelGone, err)
	}
	return fmt.Errorf("discord: send to channel %s: %w", channel, err)
}
