package feed_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"transferbot/rumours/feed"
)

// TestPublic checks the address policy on each special-purpose range:
// an address inside it and the addresses just outside it.
func TestPublic(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		// IPv4
		{"0.0.0.0", false}, {"0.255.255.255", false}, {"1.0.0.0", true},
		{"9.255.255.255", true}, {"10.0.0.0", false}, {"10.255.255.255", false}, {"11.0.0.0", true},
		{"100.63.255.255", true}, {"100.64.0.0", false}, {"100.127.255.255", false}, {"100.128.0.0", true},
		{"126.255.255.255", true}, {"127.0.0.1", false}, {"127.255.255.255", false}, {"128.0.0.0", true},
		{"169.253.255.255", true}, {"169.254.169.254", false}, {"169.255.0.0", true},
		{"172.15.255.255", true}, {"172.16.0.0", false}, {"172.31.255.255", false}, {"172.32.0.0", true},
		{"191.255.255.255", true}, {"192.0.0.0", false}, {"192.0.0.255", false}, {"192.0.1.0", true},
		{"192.0.2.0", false}, {"192.0.2.255", false}, {"192.0.3.0", true},
		{"192.88.98.255", true}, {"192.88.99.1", false}, {"192.88.100.0", true},
		{"192.167.255.255", true}, {"192.168.0.1", false}, {"192.168.255.255", false}, {"192.169.0.0", true},
		{"198.17.255.255", true}, {"198.18.0.0", false}, {"198.19.255.255", false}, {"198.20.0.0", true},
		{"198.51.99.255", true}, {"198.51.100.1", false}, {"198.51.101.0", true},
		{"203.0.112.255", true}, {"203.0.113.1", false}, {"203.0.114.0", true},
		{"223.255.255.255", true}, {"224.0.0.1", false}, {"239.255.255.255", false},
		{"240.0.0.1", false}, {"255.255.255.255", false},
		{"8.8.8.8", true}, {"93.184.216.34", true},

		// IPv6 outside global unicast 2000::/3
		{"::", false}, {"::1", false}, {"::8.8.8.8", false}, {"100::1", false},
		{"1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"2000::", true},
		{"3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true}, {"4000::", false},
		{"5f00::1", false}, {"fbff:ffff::1", false}, {"fc00::", false}, {"fdff:ffff::1", false},
		{"fe80::1", false}, {"fe80::1%eth0", false}, {"febf:ffff::1", false}, {"fec0::1", false},
		{"ff02::1", false}, {"ff0e::1", false},
		// IPv4-mapped: the IPv4 address decides
		{"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false}, {"::ffff:8.8.8.8", true},
		// NAT64 well-known prefix: the embedded IPv4 address decides; the
		// local-use prefix is never public
		{"64:ff9b::8.8.8.8", true}, {"64:ff9b::127.0.0.1", false}, {"64:ff9b::10.0.0.1", false},
		{"64:ff9b::100.64.0.1", false}, {"64:ff9b::169.254.169.254", false},
		{"64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff", false}, {"64:ff9b:1::8.8.8.8", false},
		// 6to4: the embedded IPv4 address decides
		{"2002:808:808::1", true}, {"2002:7f00:1::1", false}, {"2002:a9fe:a9fe::1", false},
		{"2002:c0a8:1::1", false}, {"2002:6440:1::1", false}, {"2001:ffff::1", true}, {"2003::1", true},
		// Teredo: server 8.8.8.8, client (inverted) 8.8.4.4, 127.0.0.1; server 10.0.0.1
		{"2001:0:808:808::f7f7:fbfb", true}, {"2001:0:808:808::80ff:fffe", false},
		{"2001:0:a00:1::f7f7:fbfb", false},
		// the rest of the IETF protocol assignments 2001::/23; documentation
		{"2001:1::1", false}, {"2001:1ff:ffff::1", false}, {"2001:200::", true},
		{"2001:db7:ffff::1", true}, {"2001:db8::1", false}, {"2001:db8:ffff::1", false}, {"2001:db9::", true},
		{"3ffe:ffff::1", true}, {"3fff::1", false}, {"3fff:fff:ffff::1", false}, {"3fff:1000::", true},
		// ordinary global addresses
		{"2606:4700:4700::1111", true}, {"2a00:1450:4009::200e", true},
	}
	for _, tt := range tests {
		if got := feed.Public(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("Public(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
	if feed.Public(netip.Addr{}) {
		t.Error("the zero Addr is public")
	}
}

// policyRig is a feed host that the address policy treats as public
// (public.example, served from a loopback port) and an internal server
// (127.0.0.1 on another port, and rebind.example, a public-looking name
// that resolves to it) that it must never reach.
type policyRig struct {
	public, internal *httptest.Server
	publicMux        *http.ServeMux
	internalHits     atomic.Int32
	opts             feed.Options
}

func newPolicyRig(t *testing.T) *policyRig {
	t.Helper()
	for _, k := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"} {
		t.Setenv(k, "")
	}
	r := &policyRig{publicMux: http.NewServeMux()}
	r.public = httptest.NewServer(r.publicMux)
	t.Cleanup(r.public.Close)
	r.internal = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		r.internalHits.Add(1)
		w.Write(rssDoc(rssItem{title: "Internal", link: "http://public.example/x", text: "internal secrets"}))
	}))
	t.Cleanup(r.internal.Close)
	publicAddr := netip.MustParseAddrPort(r.public.Listener.Addr().String())
	internalAddr := netip.MustParseAddrPort(r.internal.Listener.Addr().String())
	resolve := func(ctx context.Context, network, hostport string) ([]netip.AddrPort, error) {
		switch hostport {
		case "public.example:80":
			return []netip.AddrPort{publicAddr}, nil
		case "rebind.example:80":
			return []netip.AddrPort{internalAddr}, nil
		}
		// anything else (IP literals, localhost) as DNS has it
		host, port, err := net.SplitHostPort(hostport)
		if err != nil {
			return nil, err
		}
		ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, err
		}
		var out []netip.AddrPort
		for _, ip := range ips {
			out = append(out, netip.MustParseAddrPort(net.JoinHostPort(ip.String(), port)))
		}
		return out, nil
	}
	r.opts = feed.WithAllow(feed.Options{Resolve: resolve}, func(ap netip.AddrPort) bool {
		return ap == publicAddr || feed.Public(ap.Addr())
	})
	return r
}

// redirect makes public.example/path redirect to target.
func (r *policyRig) redirect(path, target string) {
	r.publicMux.HandleFunc(path, func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, target, http.StatusFound)
	})
}

// TestPolicyRefusesRedirectsIntoThePrivateNetwork: a feed on a public host
// that redirects into loopback (by IP, by an IPv4-mapped IPv6 address, by
// localhost, or by a public-looking name that resolves there) is not
// followed; marked AllowPrivate, the same feed is.
func TestPolicyRefusesRedirectsIntoThePrivateNetwork(t *testing.T) {
	r := newPolicyRig(t)
	_, internalPort, _ := net.SplitHostPort(r.internal.Listener.Addr().String())
	r.publicMux.HandleFunc("/feed", func(w http.ResponseWriter, _ *http.Request) {
		w.Write(rssDoc(rssItem{title: "Public", link: "http://public.example/a", text: "public news"}))
	})
	r.redirect("/to-loopback", r.internal.URL+"/feed")
	r.redirect("/to-mapped", "http://[::ffff:127.0.0.1]:"+internalPort+"/feed")
	r.redirect("/to-localhost", "http://localhost:"+internalPort+"/feed")
	r.redirect("/to-name", "http://rebind.example/feed")
	r.redirect("/hop", "/to-loopback") // a public hop first

	tests := []struct {
		name, url    string
		allowPrivate bool
		wantErr      error // nil: the poll stores the item
		wantInternal int32 // requests the internal server gets
	}{
		{"public feed", "http://public.example/feed", false, nil, 0},
		{"redirect to 127.0.0.1", "http://public.example/to-loopback", false, feed.ErrNonPublic, 0},
		{"redirect to ::ffff:127.0.0.1", "http://public.example/to-mapped", false, feed.ErrNonPublic, 0},
		{"redirect to localhost", "http://public.example/to-localhost", false, feed.ErrNonPublic, 0},
		{"redirect to a name on loopback", "http://public.example/to-name", false, feed.ErrNonPublic, 0},
		{"second redirect to 127.0.0.1", "http://public.example/hop", false, feed.ErrNonPublic, 0},
		{"feed on a name on loopback", "http://rebind.example/feed", false, feed.ErrNonPublic, 0},
		{"feed on localhost", "http://localhost:" + internalPort + "/feed", false, feed.ErrNonPublic, 0},
		{"allow_private: redirect to 127.0.0.1", "http://public.example/to-loopback", true, nil, 1},
		{"allow_private: feed on localhost", "http://localhost:" + internalPort + "/feed", true, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r.internalHits.Store(0)
			ing := newFake()
			p, err := feed.New(ing, []feed.Feed{{URL: tt.url, AllowPrivate: tt.allowPrivate}}, r.opts)
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Poll(ctx, tt.url)
			switch {
			case tt.wantErr == nil && (err != nil || res.Stored != 1):
				t.Errorf("poll: %+v, %v; want one item stored", res, err)
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("poll: %v, want %v", err, tt.wantErr)
			}
			if n := r.internalHits.Load(); n != tt.wantInternal {
				t.Errorf("the internal server got %d requests, want %d", n, tt.wantInternal)
			}
		})
	}
}

// TestPolicyRefusesPrivateArticlePages: a feed on a public host whose item
// links point into the bot's own network does not make the bot fetch
// them; the item keeps its summary.
func TestPolicyRefusesPrivateArticlePages(t *testing.T) {
	r := newPolicyRig(t)
	_, internalPort, _ := net.SplitHostPort(r.internal.Listener.Addr().String())
	links := []string{
		r.internal.URL + "/page",
		"http://rebind.example/page",
		"http://localhost:" + internalPort + "/page",
		"http://169.254.169.254/latest/meta-data/",
	}
	var items []rssItem
	for i, l := range links {
		items = append(items, rssItem{title: fmt.Sprintf("Item %d", i), link: l, text: fmt.Sprintf("Summary %d.", i)})
	}
	r.publicMux.HandleFunc("/feed", func(w http.ResponseWriter, _ *http.Request) { w.Write(rssDoc(items...)) })
	ing := newFake()
	const feedURL = "http://public.example/feed"
	p, err := feed.New(ing, []feed.Feed{{URL: feedURL, FetchArticle: true}}, r.opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Poll(ctx, feedURL)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != len(links) {
		t.Errorf("item errors %v, want %d", res.Errors, len(links))
	}
	for _, e := range res.Errors {
		if !errors.Is(e, feed.ErrNonPublic) {
			t.Errorf("item error %v, want ErrNonPublic", e)
		}
	}
	if n := r.internalHits.Load(); n != 0 {
		t.Errorf("the internal server got %d requests", n)
	}
	arts, _ := ing.storedArticles()
	for _, a := range arts {
		if !strings.HasPrefix(a.Text, "Summary") {
			t.Errorf("stored %q, want the item's summary", a.Text)
		}
	}
}

// TestPolicyThroughAProxy: a proxy from the environment, though on
// loopback, is dialled; a redirect to a private IP address is not sent to
// it.
func TestPolicyThroughAProxy(t *testing.T) {
	r := newPolicyRig(t)
	var mu sync.Mutex
	var proxied []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		proxied = append(proxied, req.URL.String())
		mu.Unlock()
		if req.URL.Path == "/redirect" {
			http.Redirect(w, req, "http://10.1.2.3/feed", http.StatusFound)
			return
		}
		w.Write(rssDoc(rssItem{title: "Proxied", link: "http://news.example/a", text: "proxied news"}))
	}))
	defer proxy.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	ing := newFake()
	feeds := []feed.Feed{{URL: "http://news.example/feed"}, {URL: "http://news.example/redirect"}}
	p, err := feed.New(ing, feeds, r.opts)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := p.Poll(ctx, feeds[0].URL); err != nil || res.Stored != 1 {
		t.Errorf("poll through the proxy: %+v, %v", res, err)
	}
	if _, err := p.Poll(ctx, feeds[1].URL); !errors.Is(err, feed.ErrNonPublic) {
		t.Errorf("redirect to 10.1.2.3 through the proxy: %v, want ErrNonPublic", err)
	}
	want := []string{"http://news.example/feed", "http://news.example/redirect"}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(proxied) != fmt.Sprint(want) {
		t.Errorf("the proxy got %v, want %v", proxied, want)
	}
}
