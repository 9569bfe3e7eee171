package feed

import "net/netip"

// WithAllow returns opts with allow as the address policy of feeds not
// marked AllowPrivate, so that a test can treat one loopback server as a
// public host and check that the policy still refuses every other address.
func WithAllow(opts Options, allow func(netip.AddrPort) bool) Options {
	opts.allow = allow
	return opts
}
