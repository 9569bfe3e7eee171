package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// The address policy. Feed documents, their redirects and the article pages
// their items link to are fetched only from globally routable unicast
// addresses (Public), unless the feed is marked AllowPrivate: feed content
// and redirects may point anywhere, and the bot must not be made to fetch
// from its own network (loopback, a cloud metadata service, an admin page
// on the LAN). The check is made by the dialer on each address it connects
// to, after DNS, so a name that resolves to a private address, or changes
// its answer between two lookups (DNS rebinding), is refused too.

// ErrNonPublic is wrapped by the error of a request refused because the
// address it would connect to is not public (see Public).
var ErrNonPublic = errors.New("not a public address")

// nonPublic4 are the IPv4 ranges of the IANA IPv4 Special-Purpose Address
// Registry that are not globally reachable, and multicast.
var nonPublic4 = prefixes(
	"0.0.0.0/8",       // "this network" (RFC 791)
	"10.0.0.0/8",      // private (RFC 1918)
	"100.64.0.0/10",   // shared address space, carrier-grade NAT (RFC 6598)
	"127.0.0.0/8",     // loopback
	"169.254.0.0/16",  // link-local, cloud metadata services
	"172.16.0.0/12",   // private
	"192.0.0.0/24",    // IETF protocol assignments (RFC 6890)
	"192.0.2.0/24",    // documentation, TEST-NET-1
	"192.88.99.0/24",  // 6to4 relay anycast (deprecated, RFC 7526)
	"192.168.0.0/16",  // private
	"198.18.0.0/15",   // benchmarking (RFC 2544)
	"198.51.100.0/24", // documentation, TEST-NET-2
	"203.0.113.0/24",  // documentation, TEST-NET-3
	"224.0.0.0/4",     // multicast
	"240.0.0.0/4",     // reserved, and 255.255.255.255 broadcast
)

// IPv6 ranges Public treats specially. All IPv6 unicast outside 2000::/3
// is refused: loopback, unspecified, IPv4-compatible, discard 100::/64,
// local-use NAT64 64:ff9b:1::/48, SRv6 5f00::/16, ULA fc00::/7, link-local
// fe80::/10, site-local fec0::/10 and multicast ff00::/8.
var (
	// global6 is global unicast.
	global6 = netip.MustParsePrefix("2000::/3")
	// nat64 is the well-known NAT64 prefix (RFC 6052): IPv4 in the last
	// 32 bits.
	nat64 = netip.MustParsePrefix("64:ff9b::/96")
	// teredo (RFC 4380) embeds the server's IPv4 in bits 32-63 and the
	// client's, inverted, in the last 32 bits.
	teredo = netip.MustParsePrefix("2001::/32")
	// sixToFour (RFC 3056) embeds IPv4 in bits 16-47.
	sixToFour = netip.MustParsePrefix("2002::/16")
	// nonPublic6 are the rest of the IETF protocol assignments, and the
	// documentation ranges (RFC 3849, RFC 9637).
	nonPublic6 = prefixes("2001::/23", "2001:db8::/32", "3fff::/20")
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// Public reports whether ip is a globally routable unicast address: not in
// a range of the IANA IPv4 and IPv6 Special-Purpose Address Registries that
// is not globally reachable, not multicast, and for IPv6 within global
// unicast 2000::/3. An IPv4-mapped IPv6 address is judged by its IPv4
// address, and so are the NAT64 (64:ff9b::/96), 6to4 (2002::/16) and
// Teredo (2001::/32, both the server's and the client's) addresses that
// embed one, which reach that IPv4 address through a gateway.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return false
	case ip.Is4():
		for _, p := range nonPublic4 {
			if p.Contains(ip) {
				return false
			}
		}
		return true
	case nat64.Contains(ip):
		b := ip.As16()
		return Public(netip.AddrFrom4([4]byte(b[12:16])))
	case teredo.Contains(ip):
		b := ip.As16()
		server := netip.AddrFrom4([4]byte(b[4:8]))
		client := [4]byte(b[12:16]) // stored inverted
		for i := range client {
			client[i] ^= 0xff
		}
		return Public(server) && Public(netip.AddrFrom4(client))
	case sixToFour.Contains(ip):
		b := ip.As16()
		return Public(netip.AddrFrom4([4]byte(b[2:6])))
	case !global6.Contains(ip):
		return false
	}
	for _, p := range nonPublic6 {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// publicAddrPort is the default address policy: Public, whatever the port.
func publicAddrPort(ap netip.AddrPort) bool { return Public(ap.Addr()) }

// Resolver maps the host:port of a URL to the addresses to connect to. See
// Options.Resolve.
type Resolver func(ctx context.Context, network, hostport string) ([]netip.AddrPort, error)

// resolveDNS is the default Resolver: DNS lookup of the host (an IP literal
// is itself), with the same port.
func resolveDNS(ctx context.Context, network, hostport string) ([]netip.AddrPort, error) {
	host, portStr, err := net.SplitHostPort(hostport)
	if err != nil {
		return nil, err
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("port %q: %w", portStr, err)
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else {
		ipNet := "ip"
		switch network {
		case "tcp4":
			ipNet = "ip4"
		case "tcp6":
			ipNet = "ip6"
		}
		if ips, err = net.DefaultResolver.LookupNetIP(ctx, ipNet, host); err != nil {
			return nil, err
		}
	}
	out := make([]netip.AddrPort, len(ips))
	for i, ip := range ips {
		out[i] = netip.AddrPortFrom(ip, uint16(port))
	}
	return out, nil
}

// guardedDialer dials the poller's connections: it resolves the host
// itself and connects only to resolved addresses that allow accepts, so
// the address checked is the address dialled. Proxies from the environment
// are the operator's and are dialled unchecked; a proxy makes the
// connection to the target, and must apply its own policy (only an IP
// literal target is checked here). A direct request to a proxy's own
// host:port is let through like the proxy's connections.
type guardedDialer struct {
	net     net.Dialer
	resolve Resolver
	allow   func(netip.AddrPort) bool // nil: any address
	proxies sync.Map                  // host:port of proxies a request was sent through
}

// DialContext is the transport's dial function.
func (d *guardedDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if _, ok := d.proxies.Load(address); ok {
		return d.net.DialContext(ctx, network, address)
	}
	addrs, err := d.resolve(ctx, network, address)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", address, err)
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("dial %s: no address", address)
	}
	var first error
	for _, ap := range addrs {
		ap = netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
		if d.allow != nil && !d.allow(ap) {
			if first == nil {
				what := address
				if ap.String() != address {
					what += " (" + ap.String() + ")"
				}
				first = fmt.Errorf("dial %s: %w", what, ErrNonPublic)
			}
			continue
		}
		c, err := d.net.DialContext(ctx, network, ap.String())
		if err == nil {
			return c, nil
		}
		if first == nil {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, first
}

// proxy returns the transport's Proxy function: the proxies from the
// environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, read now). It records
// each proxy used, for the dialer to let through, and refuses to send a
// request for an IP literal that allow refuses to a proxy.
func (d *guardedDialer) proxy() func(*http.Request) (*url.URL, error) {
	fromEnv := httpproxy.FromEnvironment().ProxyFunc()
	return func(req *http.Request) (*url.URL, error) {
		u, err := fromEnv(req.URL)
		if u == nil || err != nil {
			return u, err
		}
		if ip, err := netip.ParseAddr(req.URL.Hostname()); err == nil && d.allow != nil &&
			!d.allow(netip.AddrPortFrom(ip.Unmap(), urlPort(req.URL))) {
			return nil, fmt.Errorf("proxy request to %s: %w", ip, ErrNonPublic)
		}
		d.proxies.Store(proxyAddr(u), struct{}{})
		return u, nil
	}
}

// urlPort is the port a request for u connects to.
func urlPort(u *url.URL) uint16 {
	if p, err := strconv.ParseUint(u.Port(), 10, 16); err == nil {
		return uint16(p)
	}
	if u.Scheme == "https" {
		return 443
	}
	return 80
}

// proxyAddr is the host:port the transport dials for proxy u.
func proxyAddr(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	port := "80"
	switch u.Scheme {
	case "https":
		port = "443"
	case "socks5", "socks5h":
		port = "1080"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// newClient returns a client of the poller: dial, TLS-handshake and
// response-header timeouts, keep-alive connections (idle ones per host up
// to perHost), proxies from the environment, transparent gzip, and at most
// 5 redirects, to http or https only. Every connection, redirects' too,
// goes through a guardedDialer with resolve and allow (nil: any address).
func newClient(perHost int, resolve Resolver, allow func(netip.AddrPort) bool) *http.Client {
	d := &guardedDialer{
		net:     net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second},
		resolve: resolve,
		allow:   allow,
	}
	tr := &http.Transport{
		Proxy:                  d.proxy(),
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    max(perHost, 2),
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  15 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 256 << 10,
	}
	return &http.Client{Transport: tr, CheckRedirect: checkRedirect}
}
