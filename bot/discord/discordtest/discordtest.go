// Package discordtest is a fake Discord for tests of transferbot's Discord
// adapter and of code that sends through it: a REST API and a gateway
// websocket on loopback, good enough for github.com/bwmarrin/discordgo.
//
// The REST side (under URL, e.g. http://127.0.0.1:1234/api/v10) answers
// GET /gateway and /gateway/bot with the fake's websocket URL, the
// application command bulk overwrite (global and per guild), interaction
// callbacks, the interaction webhooks (edit and delete @original, followups)
// and channel messages, JSON or multipart. Every request is recorded with its
// headers and decoded body (Requests, WaitRequest), and responses can be
// scripted per route (Script): rate limits with their headers, server
// errors, refusals.
//
// The gateway side speaks the handshake of Discord's gateway: Hello,
// Identify (recorded), Ready, heartbeat ACKs, Resume, and dispatches that a
// test pushes with Dispatch (INTERACTION_CREATE events). Frames are text
// JSON, which clients accept whatever compression they asked for.
package discordtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// APIPath is the path of the REST API on the fake's host.
const APIPath = "/api/v10"

// WaitTimeout bounds the Wait methods: a safety net so that a broken test
// fails instead of hanging, not a timing assertion.
var WaitTimeout = 20 * time.Second

// Server is a fake Discord. Create it with New; it is closed when the test
// ends. Its methods are safe for concurrent use.
type Server struct {
	// URL is the REST API base URL, e.g. "http://127.0.0.1:1234/api/v10":
	// the value for the adapter's api_url.
	URL string
	// GatewayURL is the websocket URL that /gateway and /gateway/bot return.
	GatewayURL string

	tb  testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	changed  *sync.Cond // broadcast when requests, identifies or conns change
	requests []Request
	scripts  []*script
	shards   int
	maxConc  int
	conns    []*gatewayConn
	identify []Identify
	seq      int64
	nextID   int64
	closed   bool
}

// Request is one REST request as the fake received it.
type Request struct {
	Method string
	// Path is relative to the API base, e.g. "/channels/42/messages".
	Path   string
	Header http.Header
	// Body is the raw body.
	Body []byte
	// Payload is the JSON body: the body itself, or the payload_json part
	// of a multipart body. Nil when there is none.
	Payload []byte
	// JSON is Payload decoded, when it is an object.
	JSON map[string]any
	// Files are the file parts of a multipart body, in order.
	Files []File
	// Received is when the request arrived; Answered is when its response
	// was written.
	Received, Answered time.Time
	// Status is the status code the fake answered with.
	Status int
}

// File is one file part of a multipart request.
type File struct {
	Field       string // e.g. "files[0]"
	Name        string // the file name, e.g. "chart.png"
	ContentType string
	Data        []byte
}

// Response is a scripted answer.
type Response struct {
	Status int
	Header http.Header
	// Body is marshalled as JSON unless it is a []byte or a string.
	Body any
}

type script struct {
	method string
	path   *regexp.Regexp
	queue  []Response
}

// New starts a fake Discord on loopback, closed when the test ends. By
// default /gateway/bot recommends one shard.
func New(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{tb: tb, shards: 1, maxConc: 1}
	s.changed = sync.NewCond(&s.mu)
	mux := http.NewServeMux()
	mux.HandleFunc(APIPath+"/", s.serveREST)
	mux.HandleFunc("/ws/", s.serveGateway)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL + APIPath
	s.GatewayURL = "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/ws"
	tb.Cleanup(s.Close)
	return s
}

// Close closes the gateway connections and the server.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := s.conns
	s.conns = nil
	s.changed.Broadcast()
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// SetShards sets what /gateway/bot recommends: the shard count and the
// identify concurrency.
func (s *Server) SetShards(shards, maxConcurrency int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards, s.maxConc = shards, maxConcurrency
}

// Script queues responses for the requests whose method is method (any
// method when "") and whose path (relative to the API base) matches the
// regular expression pathRE in full. Each matching request consumes the next
// queued response; when the queue is empty the fake answers as usual.
func (s *Server) Script(method, pathRE string, responses ...Response) {
	re := regexp.MustCompile("^(?:" + pathRE + ")$")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scripts = append(s.scripts, &script{method: method, path: re, queue: responses})
}

// RateLimited is a 429 response as Discord sends it: retry_after in the body
// and the Retry-After header (seconds), with X-RateLimit-Global and
// X-RateLimit-Scope "global" when global, else scope "user".
func RateLimited(retryAfter float64, global bool) Response {
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(retryAfter+0.999)))
	h.Set("X-RateLimit-Scope", "user")
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(retryAfter, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", "fakebucket")
	}
	return Response{Status: http.StatusTooManyRequests, Header: h, Body: map[string]any{
		"message": "You are being rate limited.", "retry_after": retryAfter, "global": global, "code": 0,
	}}
}

// Error is an error response with Discord's JSON error body.
func Error(status, code int, message string) Response {
	return Response{Status: status, Body: map[string]any{"code": code, "message": message}}
}

// Requests returns a copy of every REST request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count returns how many recorded requests match.
func (s *Server) Count(match func(Request) bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if match(r) {
			n++
		}
	}
	return n
}

// WaitRequest waits until a recorded request matches and returns the first
// that does. It fails the test after WaitTimeout.
func (s *Server) WaitRequest(match func(Request) bool) Request {
	s.tb.Helper()
	var found Request
	s.waitFor(func() bool {
		for _, r := range s.requests {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	}, "a matching request")
	return found
}

// WaitCount waits until at least n recorded requests match.
func (s *Server) WaitCount(n int, match func(Request) bool) []Request {
	s.tb.Helper()
	var found []Request
	s.waitFor(func() bool {
		found = found[:0]
		for _, r := range s.requests {
			if match(r) {
				found = append(found, r)
			}
		}
		return len(found) >= n
	}, fmt.Sprintf("%d matching requests", n))
	return found
}

// Match returns a matcher for a method and a path regular expression
// (matched in full), for WaitRequest and Count.
func Match(method, pathRE string) func(Request) bool {
	re := regexp.MustCompile("^(?:" + pathRE + ")$")
	return func(r Request) bool { return (method == "" || r.Method == method) && re.MatchString(r.Path) }
}

// waitFor waits, holding no lock while asleep, until cond (called with s.mu
// held) is true. It fails the test after WaitTimeout.
func (s *Server) waitFor(cond func() bool, what string) {
	s.tb.Helper()
	deadline := time.Now().Add(WaitTimeout)
	timer := time.AfterFunc(WaitTimeout, func() {
		s.mu.Lock()
		s.changed.Broadcast()
		s.mu.Unlock()
	})
	defer timer.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for !cond() {
		if s.closed || time.Now().After(deadline) {
			s.tb.Fatalf("discordtest: gave up waiting for %s", what)
		}
		s.changed.Wait()
	}
}

// route patterns of the REST API, relative to APIPath.
var (
	reCommands    = regexp.MustCompile(`^/applications/(\d+)(?:/guilds/(\d+))?/commands$`)
	reCallback    = regexp.MustCompile(`^/interactions/(\d+)/([^/]+)/callback$`)
	reOriginal    = regexp.MustCompile(`^/webhooks/(\d+)/([^/]+)/messages/@original$`)
	reFollowup    = regexp.MustCompile(`^/webhooks/(\d+)/([^/]+)$`)
	reChannelMsgs = regexp.MustCompile(`^/channels/(\d+)/messages$`)
)

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := Request{
		Method:   r.Method,
		Path:     strings.TrimPrefix(r.URL.Path, APIPath),
		Header:   r.Header.Clone(),
		Body:     body,
		Received: time.Now(),
	}
	decodeBody(&req, r.Header.Get("Content-Type"))

	resp := s.scripted(req)
	if resp == nil {
		d := s.answer(req)
		resp = &d
	}
	req.Status = resp.Status
	var out []byte
	switch b := resp.Body.(type) {
	case nil:
	case []byte:
		out = b
	case string:
		out = []byte(b)
	default:
		out, _ = json.Marshal(b)
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if len(out) > 0 && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	// Record before answering, so that a client that has its answer sees
	// its request recorded.
	req.Answered = time.Now()
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.changed.Broadcast()
	s.mu.Unlock()
	w.WriteHeader(resp.Status)
	w.Write(out)
}

// decodeBody fills req.JSON and req.Files from the body.
func decodeBody(req *Request, contentType string) {
	mt, params, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/json":
		req.Payload = req.Body
		var m map[string]any
		if json.Unmarshal(req.Body, &m) == nil {
			req.JSON = m
		}
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(req.Body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			data, _ := io.ReadAll(p)
			if p.FormName() == "payload_json" {
				req.Payload = data
				var m map[string]any
				if json.Unmarshal(data, &m) == nil {
					req.JSON = m
				}
				continue
			}
			req.Files = append(req.Files, File{Field: p.FormName(), Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
		}
	}
}

func (s *Server) scripted(req Request) *Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sc := range s.scripts {
		if len(sc.queue) > 0 && (sc.method == "" || sc.method == req.Method) && sc.path.MatchString(req.Path) {
			r := sc.queue[0]
			sc.queue = sc.queue[1:]
			return &r
		}
	}
	return nil
}

func (s *Server) id() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return strconv.FormatInt(1_000_000_000_000_000+s.nextID, 10)
}

// answer is the fake's default behaviour for a request.
func (s *Server) answer(req Request) Response {
	p := req.Path
	switch {
	case req.Method == http.MethodGet && p == "/gateway":
		return Response{Status: 200, Body: map[string]any{"url": s.GatewayURL}}
	case req.Method == http.MethodGet && p == "/gateway/bot":
		s.mu.Lock()
		shards, conc := s.shards, s.maxConc
		s.mu.Unlock()
		return Response{Status: 200, Body: map[string]any{"url": s.GatewayURL, "shards": shards,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": conc}}}
	case reCommands.MatchString(p) && req.Method == http.MethodPut:
		m := reCommands.FindStringSubmatch(p)
		var cmds []map[string]any
		if err := json.Unmarshal(req.Body, &cmds); err != nil {
			return Error(400, 50035, "Invalid Form Body")
		}
		for _, c := range cmds {
			c["id"] = s.id()
			c["application_id"] = m[1]
			c["version"] = s.id()
			if m[2] != "" {
				c["guild_id"] = m[2]
			}
		}
		return Response{Status: 200, Body: cmds}
	case reCallback.MatchString(p) && req.Method == http.MethodPost:
		if req.JSON == nil {
			return Error(400, 50035, "Invalid Form Body")
		}
		return Response{Status: 204}
	case reOriginal.MatchString(p) && req.Method == http.MethodPatch:
		return Response{Status: 200, Body: s.message(req)}
	case reOriginal.MatchString(p) && req.Method == http.MethodDelete:
		return Response{Status: 204}
	case reFollowup.MatchString(p) && req.Method == http.MethodPost:
		return Response{Status: 200, Body: s.message(req)}
	case reChannelMsgs.MatchString(p) && req.Method == http.MethodPost:
		return Response{Status: 200, Body: s.message(req)}
	}
	return Error(404, 0, "404: Not Found")
}

// message is the message object the fake returns for a created or edited
// message: the request's JSON with an id.
func (s *Server) message(req Request) map[string]any {
	m := map[string]any{}
	for k, v := range req.JSON {
		m[k] = v
	}
	m["id"] = s.id()
	if c := reChannelMsgs.FindStringSubmatch(req.Path); c != nil {
		m["channel_id"] = c[1]
	}
	return m
}

// ---- gateway ----

// Identify is an Identify payload a client sent.
type Identify struct {
	Token    string `json:"token"`
	Intents  int64  `json:"intents"`
	Compress bool   `json:"compress"`
	Shard    *[2]int
	Raw      json.RawMessage
}

type gatewayConn struct {
	ws    *websocket.Conn
	wmu   sync.Mutex
	ready bool
	shard [2]int
}

func (c *gatewayConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(v)
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d,omitempty"`
	S  *int64          `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gatewayConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.conns = append(s.conns, c)
	s.mu.Unlock()
	defer func() {
		ws.Close()
		s.mu.Lock()
		for i, x := range s.conns {
			if x == c {
				s.conns = append(s.conns[:i], s.conns[i+1:]...)
				break
			}
		}
		s.changed.Broadcast()
		s.mu.Unlock()
	}()
	if c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}) != nil {
		return
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var f frame
		if json.Unmarshal(data, &f) != nil {
			return
		}
		switch f.Op {
		case 1: // heartbeat
			if c.send(map[string]any{"op": 11}) != nil {
				return
			}
		case 2: // identify
			var id Identify
			json.Unmarshal(f.D, &id)
			var sh struct {
				Shard *[2]int `json:"shard"`
			}
			json.Unmarshal(f.D, &sh)
			id.Shard, id.Raw = sh.Shard, append(json.RawMessage(nil), f.D...)
			if sh.Shard != nil {
				c.shard = *sh.Shard
			}
			ready := map[string]any{
				"v":                  10,
				"session_id":         "fake-session-" + s.id(),
				"resume_gateway_url": s.GatewayURL,
				"user":               map[string]any{"id": "999", "username": "transferbot", "discriminator": "0", "bot": true},
				"application":        map[string]any{"id": "999", "flags": 0},
				"guilds":             []any{},
				"shard":              sh.Shard,
			}
			if s.dispatchTo(c, "READY", ready) != nil {
				return
			}
			s.mu.Lock()
			c.ready = true
			s.identify = append(s.identify, id)
			s.changed.Broadcast()
			s.mu.Unlock()
		case 6: // resume
			if s.dispatchTo(c, "RESUMED", map[string]any{}) != nil {
				return
			}
			s.mu.Lock()
			c.ready = true
			s.changed.Broadcast()
			s.mu.Unlock()
		}
	}
}

func (s *Server) dispatchTo(c *gatewayConn, event string, data any) error {
	d, err := json.Marshal(data)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	return c.send(frame{Op: 0, T: event, S: &seq, D: d})
}

// WaitIdentified waits until n gateway sessions have identified and
// returns their Identify payloads.
func (s *Server) WaitIdentified(n int) []Identify {
	s.tb.Helper()
	var out []Identify
	s.waitFor(func() bool {
		out = append(out[:0], s.identify...)
		return len(out) >= n
	}, fmt.Sprintf("%d gateway identifies", n))
	return out
}

// Identifies returns the Identify payloads received so far.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identify...)
}

// Dispatch sends a dispatch event (e.g. "INTERACTION_CREATE") with data
// (marshalled as JSON unless it is a json.RawMessage or []byte) to the
// first ready gateway session, waiting for one if none is ready yet.
func (s *Server) Dispatch(event string, data any) {
	s.tb.Helper()
	var c *gatewayConn
	s.waitFor(func() bool {
		for _, x := range s.conns {
			if x.ready {
				c = x
				return true
			}
		}
		return false
	}, "a ready gateway session")
	var d any = data
	if b, ok := data.([]byte); ok {
		d = json.RawMessage(b)
	}
	if err := s.dispatchTo(c, event, d); err != nil {
		s.tb.Fatalf("discordtest: dispatch %s: %v", event, err)
	}
}

// Connections returns how many gateway connections are open.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// WaitNoConnections waits until every gateway connection is closed.
func (s *Server) WaitNoConnections() {
	s.tb.Helper()
	s.waitFor(func() bool { return len(s.conns) == 0 }, "the gateway connections to close")
}
