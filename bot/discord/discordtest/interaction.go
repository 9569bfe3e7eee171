package discordtest

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// Interaction types, component types and permission bits, as Discord
// numbers them.
const (
	TypePing          = 1
	TypeCommand       = 2
	TypeComponent     = 3
	TypeAutocomplete  = 4
	ComponentButton   = 2
	ComponentSelect   = 3
	FlagEphemeral     = 64
	PermAdministrator = 1 << 3
	PermManageChannel = 1 << 4
	PermSendMessages  = 1 << 11
)

// Option is a slash command option a user filled in.
type Option struct {
	Name    string
	Value   string
	Focused bool // the option being typed, for autocomplete
}

// Interaction describes an interaction to send to the adapter, over the
// gateway (JSON for Dispatch) or the HTTP endpoint (Signed).
type Interaction struct {
	ID    string // default: a fresh id
	Token string // default: "tok-" + ID
	Type  int    // TypeCommand, TypeComponent, TypeAutocomplete or TypePing
	AppID string
	// GuildID empty means a DM: the user comes without member permissions.
	GuildID   string
	ChannelID string
	UserID    string
	// Permissions are the member's permissions in the channel (guilds only).
	Permissions int64

	Command string   // slash command name (commands and autocomplete)
	Options []Option // its options

	CustomID      string   // component interactions
	ComponentType int      // ComponentButton or ComponentSelect
	Values        []string // chosen select menu values
	MessageFlags  int      // flags of the message the component is on
}

var ids atomic.Int64

// WithDefaults fills in the ID and Token when they are empty.
func (in Interaction) WithDefaults() Interaction {
	if in.ID == "" {
		in.ID = strconv.FormatInt(2_000_000_000_000_000+ids.Add(1), 10)
	}
	if in.Token == "" {
		in.Token = "tok-" + in.ID
	}
	return in
}

// JSON returns the interaction object as Discord sends it. Call
// WithDefaults first to know the ID and token it uses.
func (in Interaction) JSON() []byte {
	in = in.WithDefaults()
	user := map[string]any{"id": in.UserID, "username": "user" + in.UserID, "discriminator": "0"}
	m := map[string]any{
		"id":             in.ID,
		"application_id": in.AppID,
		"type":           in.Type,
		"token":          in.Token,
		"version":        1,
		"channel_id":     in.ChannelID,
		"locale":         "en-GB",
	}
	if in.GuildID != "" {
		m["guild_id"] = in.GuildID
		m["member"] = map[string]any{"user": user, "roles": []string{}, "permissions": strconv.FormatInt(in.Permissions, 10), "joined_at": "2020-01-01T00:00:00Z"}
	} else {
		m["user"] = user
	}
	switch in.Type {
	case TypeCommand, TypeAutocomplete:
		var opts []map[string]any
		for _, o := range in.Options {
			om := map[string]any{"name": o.Name, "type": 3, "value": o.Value}
			if o.Focused {
				om["focused"] = true
			}
			opts = append(opts, om)
		}
		m["data"] = map[string]any{"id": "3000", "name": in.Command, "type": 1, "options": opts}
	case TypeComponent:
		ct := in.ComponentType
		if ct == 0 {
			ct = ComponentButton
		}
		data := map[string]any{"custom_id": in.CustomID, "component_type": ct}
		if ct == ComponentSelect {
			data["values"] = in.Values
		}
		m["data"] = data
		m["message"] = map[string]any{"id": "4000", "channel_id": in.ChannelID, "flags": in.MessageFlags, "content": "", "embeds": []any{}}
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

// Sign sets the X-Signature-Ed25519 and X-Signature-Timestamp headers of
// an interactions endpoint request as Discord does: the signature of the
// timestamp (now, in Unix seconds) followed by the body, with key.
func Sign(h http.Header, key ed25519.PrivateKey, body []byte) {
	SignAt(h, key, body, strconv.FormatInt(time.Now().Unix(), 10))
}

// SignAt is Sign with the timestamp ts, as the header carries it: a valid
// signature of an old, future or malformed timestamp.
func SignAt(h http.Header, key ed25519.PrivateKey, body []byte, ts string) {
	sig := ed25519.Sign(key, append([]byte(ts), body...))
	h.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	h.Set("X-Signature-Timestamp", ts)
}
