// Package telegramtest is a fake Telegram Bot API server for tests. It runs
// on loopback (httptest) and answers the methods transferbot uses the way
// Telegram does: form and multipart requests, {"ok": true, "result": ...}
// envelopes, and errors with an error_code, a description and, for 429,
// parameters.retry_after. It checks what it is sent (HTML that Telegram
// would refuse, captions and messages over the length limits, callback data
// over 64 bytes) and records every request, so tests assert what the Bot
// API received rather than what the adapter meant to do.
//
// A test queues updates (Push, Text, Callback) for getUpdates, or delivers
// them to the registered webhook (Deliver), injects failures (Fail, Block),
// turns on a flood limit (SetRateLimit), sets group members (SetMember), and
// waits for requests (WaitFor, WaitCalls) on conditions rather than sleeps.
// Any non-zero chat id is a chat the bot may write to: there is nothing to
// register, so a test may fan out to as many chats as it likes.
package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultToken is the bot token a Server accepts unless told otherwise. It
// has the shape of a real token, so that tests can check that it never
// appears in logs or errors.
const DefaultToken = "7340012345:AAHfakeTOKENfor-transferbot_TESTS_0123"

// Limits Telegram applies to what a bot sends.
const (
	MaxMessageLen      = 4096 // characters of a message, after entities parsing
	MaxCaptionLen      = 1024 // characters of a photo caption, after entities parsing
	MaxCallbackDataLen = 64   // bytes of a button's callback_data
)

// GroupAnonymousBot is the user Telegram puts in "from" of messages that an
// anonymous group administrator sends on behalf of the group.
var GroupAnonymousBot = tgbotapi.User{ID: 1087968824, IsBot: true, FirstName: "Group", UserName: "GroupAnonymousBot"}

// waitLimit bounds how long WaitFor waits before failing the test. It only
// guards against a hung test; no test passes or fails on timing.
const waitLimit = 60 * time.Second

// Request is one call the server received.
type Request struct {
	Method string
	// Params are the request's parameters: form fields, multipart fields
	// and query parameters.
	Params url.Values
	// Files are the files uploaded in a multipart request, by field name.
	Files map[string]File
	// Multipart is true for multipart/form-data requests.
	Multipart bool
	// Time is when the request arrived.
	Time time.Time
	// Code is the HTTP status (and error_code) the server answered with.
	Code int
	// Description is the error description, for failed requests.
	Description string
}

// File is an uploaded file.
type File struct {
	Name string
	Data []byte
}

// ChatID returns the request's chat_id, or 0.
func (r *Request) ChatID() int64 {
	id, _ := strconv.ParseInt(r.Params.Get("chat_id"), 10, 64)
	return id
}

// Markup decodes the request's reply_markup as an inline keyboard; nil when
// there is none.
func (r *Request) Markup() *tgbotapi.InlineKeyboardMarkup {
	s := r.Params.Get("reply_markup")
	if s == "" {
		return nil
	}
	var m tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil
	}
	return &m
}

// Buttons returns the labels and callback data of the request's inline
// keyboard, row by row.
func (r *Request) Buttons() (labels, data []string) {
	m := r.Markup()
	if m == nil {
		return nil, nil
	}
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			labels = append(labels, b.Text)
			d := ""
			if b.CallbackData != nil {
				d = *b.CallbackData
			}
			data = append(data, d)
		}
	}
	return labels, data
}

// OK reports whether the server answered the request successfully.
func (r *Request) OK() bool { return r.Code == http.StatusOK }

// Fault makes the server fail requests, the way Telegram does when it is
// overloaded, rate limits a bot or is refused by a chat.
type Fault struct {
	// Method is the method that fails; "" for every method but getUpdates.
	Method string
	// ChatID limits the fault to requests for one chat; 0 for any.
	ChatID int64
	// Code is the error_code and HTTP status, e.g. 429, 403, 500.
	Code int
	// Description is Telegram's description; a default for the code if "".
	Description string
	// RetryAfter is parameters.retry_after, in seconds (429).
	RetryAfter int
	// MigrateTo is parameters.migrate_to_chat_id (400, group upgraded).
	MigrateTo int64
	// HTML answers with an HTML page instead of JSON, like a proxy in front
	// of the Bot API would.
	HTML bool
	// Hangup closes the connection without answering: a network error.
	Hangup bool
	// Times is how many requests fail; 0 means 1, a negative number means
	// every request until ClearFaults.
	Times int
}

// Webhook is the webhook registered with setWebhook.
type Webhook struct {
	URL            string
	Secret         string
	AllowedUpdates []string
}

type queued struct {
	id  int
	raw []byte
}

// Server is a fake Bot API server. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to use as the Bot API URL (telegram.api_url).
	URL string
	// Token is the bot token the server accepts; others get 401.
	Token string
	// Bot is the bot's user, as getMe returns it.
	Bot tgbotapi.User

	srv *httptest.Server

	mu          sync.Mutex
	changed     chan struct{}
	record      bool
	hook        func(*Request)
	requests    []*Request
	updates     []queued
	nextUpdate  int
	nextMessage int
	nextFile    int
	activePolls int
	faults      []*Fault
	blocked     map[int64]bool
	members     map[int64]map[int64]string
	callbacks   map[string]bool
	files       map[string]bool
	webhook     Webhook
	commands    []tgbotapi.BotCommand
	counts      map[string]int
	flood       bucket
	limited     int
}

// bucket is a token bucket: rate tokens a second, up to burst; rate 0 means
// no limit.
type bucket struct {
	rate, burst, tokens float64
	last                time.Time
}

// take takes a token at now, or says how many whole seconds to wait for one.
func (b *bucket) take(now time.Time) (retryAfter int, ok bool) {
	if b.rate <= 0 {
		return 0, true
	}
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return max(1, int(math.Ceil((1-b.tokens)/b.rate))), false
}

// sendMethods are the methods that post to a chat, which Telegram's flood
// limits meter and SetRateLimit limits. The fake implements sendMessage and
// sendPhoto; the others answer 404 (when under the limit) until it learns
// them.
var sendMethods = map[string]bool{
	"sendMessage": true, "sendPhoto": true, "sendMediaGroup": true, "sendDocument": true,
	"sendAnimation": true, "copyMessage": true, "forwardMessage": true,
	"editMessageText": true, "editMessageCaption": true, "editMessageMedia": true, "editMessageReplyMarkup": true,
}

// New starts a fake Bot API server on loopback, closed when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := NewServer(DefaultToken)
	t.Cleanup(s.Close)
	return s
}

// NewServer starts a fake Bot API server that accepts token. Close it when
// done.
func NewServer(token string) *Server {
	s := &Server{
		Token:       token,
		Bot:         tgbotapi.User{ID: 7340012345, IsBot: true, FirstName: "Transfer Bot", UserName: "transferbot_test_bot"},
		changed:     make(chan struct{}),
		record:      true,
		nextUpdate:  100001,
		nextMessage: 1,
		nextFile:    1,
		blocked:     map[int64]bool{},
		members:     map[int64]map[int64]string{},
		callbacks:   map[string]bool{},
		files:       map[string]bool{},
		counts:      map[string]int{},
	}
	if i := strings.IndexByte(token, ':'); i > 0 {
		if id, err := strconv.ParseInt(token[:i], 10, 64); err == nil {
			s.Bot.ID = id
		}
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down, ending any long poll.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// SetRecording turns the recording of requests on (the default) or off;
// benchmarks turn it off and watch requests through SetHook. Counts keeps
// counting either way.
func (s *Server) SetRecording(on bool) {
	s.mu.Lock()
	s.record = on
	s.mu.Unlock()
}

// SetHook calls f for every request as it arrives, before it is answered
// (Code is not set yet). f must be quick and safe for concurrent use.
func (s *Server) SetHook(f func(*Request)) {
	s.mu.Lock()
	s.hook = f
	s.mu.Unlock()
}

// SetRateLimit makes the server enforce a flood limit on the methods that
// post to a chat (sendMessage, sendPhoto, and sendMediaGroup and the
// editMessage methods should the fake learn them): a token bucket shared by
// all chats that refills at perSecond and holds at most burst (less than 1
// means 1), full when set. A send over the limit gets Telegram's answer,
// HTTP 429 with {"ok":false,"error_code":429,"description":"Too Many
// Requests: retry after N","parameters":{"retry_after":N}}, where N is the
// whole seconds until a token is back (1 for any perSecond of at least 1);
// it is recorded with Code 429, so it is not OK and WaitCalls does not
// count it, and it is counted by RateLimited. The limit is checked before
// Fail's faults and Block, and every metered request takes a token, valid
// or not. perSecond 0 (the default) turns the limit off. Other methods
// (getUpdates, answerCallbackQuery, getChatMember...) are never limited.
func (s *Server) SetRateLimit(perSecond float64, burst int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if perSecond <= 0 || math.IsNaN(perSecond) {
		s.flood = bucket{}
		return
	}
	b := float64(max(burst, 1))
	s.flood = bucket{rate: perSecond, burst: b, tokens: b, last: time.Now()}
}

// RateLimited returns how many requests the limit of SetRateLimit refused
// with 429, recorded or not (benchmarks turn recording off). Faults
// injected with Fail are not counted.
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limited
}

// overLimit takes a token for a metered request and returns the 429 answer
// when there is none.
func (s *Server) overLimit(req *Request) (result, bool) {
	if !sendMethods[req.Method] {
		return result{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	after, ok := s.flood.take(time.Now())
	if ok {
		return result{}, false
	}
	s.limited++
	return result{
		code:   http.StatusTooManyRequests,
		desc:   defaultDescription(http.StatusTooManyRequests, after),
		params: &tgbotapi.ResponseParameters{RetryAfter: after},
	}, true
}

// broadcast wakes everything waiting for a change. s.mu must be held.
func (s *Server) broadcast() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Requests returns every recorded request, oldest first.
func (s *Server) Requests() []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Request(nil), s.requests...)
}

// Calls returns the recorded requests to method, oldest first.
func (s *Server) Calls(method string) []*Request {
	return Filter(s.Requests(), method)
}

// Count returns how many requests to method the server answered, recorded
// or not.
func (s *Server) Count(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[method]
}

// Filter returns the requests to method.
func Filter(reqs []*Request, method string) []*Request {
	var out []*Request
	for _, r := range reqs {
		if r.Method == method {
			out = append(out, r)
		}
	}
	return out
}

// WaitFor waits until ok holds for the recorded requests and returns them.
// It fails the test if that takes unreasonably long (a minute), which only
// happens when the code under test is broken.
func (s *Server) WaitFor(t testing.TB, what string, ok func(reqs []*Request) bool) []*Request {
	t.Helper()
	timer := time.NewTimer(waitLimit)
	defer timer.Stop()
	for {
		s.mu.Lock()
		reqs := append([]*Request(nil), s.requests...)
		ch := s.changed
		s.mu.Unlock()
		if ok(reqs) {
			return reqs
		}
		select {
		case <-ch:
		case <-timer.C:
			t.Fatalf("telegramtest: still waiting for %s; the server received:\n%s", what, Dump(reqs))
		}
	}
}

// WaitCalls waits until the server has answered at least n requests to
// method successfully and returns those it answered successfully.
func (s *Server) WaitCalls(t testing.TB, method string, n int) []*Request {
	t.Helper()
	var got []*Request
	s.WaitFor(t, fmt.Sprintf("%d successful %s", n, method), func(reqs []*Request) bool {
		got = got[:0]
		for _, r := range Filter(reqs, method) {
			if r.OK() {
				got = append(got, r)
			}
		}
		return len(got) >= n
	})
	return got
}

// Dump formats requests for failure messages.
func Dump(reqs []*Request) string {
	var b strings.Builder
	for _, r := range reqs {
		fmt.Fprintf(&b, "  %s %d", r.Method, r.Code)
		for _, k := range []string{"chat_id", "offset", "text", "caption", "callback_query_id", "user_id"} {
			if v := r.Params.Get(k); v != "" {
				if len(v) > 80 {
					v = v[:80] + "..."
				}
				fmt.Fprintf(&b, " %s=%q", k, v)
			}
		}
		if r.Description != "" {
			fmt.Fprintf(&b, " (%s)", r.Description)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ActivePolls returns how many getUpdates calls are waiting right now.
func (s *Server) ActivePolls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.activePolls
}

// WaitIdle waits until no getUpdates call is waiting.
func (s *Server) WaitIdle(t testing.TB) {
	t.Helper()
	timer := time.NewTimer(waitLimit)
	defer timer.Stop()
	for {
		s.mu.Lock()
		n, ch := s.activePolls, s.changed
		s.mu.Unlock()
		if n == 0 {
			return
		}
		select {
		case <-ch:
		case <-timer.C:
			t.Fatalf("telegramtest: %d getUpdates calls still waiting", n)
		}
	}
}

// Fail makes the server fail the requests f describes.
func (s *Server) Fail(f Fault) {
	if f.Times == 0 {
		f.Times = 1
	}
	if f.Description == "" {
		f.Description = defaultDescription(f.Code, f.RetryAfter)
	}
	s.mu.Lock()
	s.faults = append(s.faults, &f)
	s.mu.Unlock()
}

// ClearFaults removes every fault still pending.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

func defaultDescription(code, retryAfter int) string {
	switch code {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden: bot was blocked by the user"
	case 404:
		return "Not Found"
	case 409:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case 429:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	}
	return http.StatusText(code)
}

// Block makes every message to chat fail with 403, as when a user blocks
// the bot or a group removes it; Unblock undoes it.
func (s *Server) Block(chat int64) {
	s.mu.Lock()
	s.blocked[chat] = true
	s.mu.Unlock()
}

// Unblock lets messages to chat through again.
func (s *Server) Unblock(chat int64) {
	s.mu.Lock()
	delete(s.blocked, chat)
	s.mu.Unlock()
}

// SetMember sets a user's status in a chat ("creator", "administrator",
// "member", "restricted", "left", "kicked"), as getChatMember and
// getChatAdministrators report it. Users not set are members.
func (s *Server) SetMember(chat, user int64, status string) {
	s.mu.Lock()
	if s.members[chat] == nil {
		s.members[chat] = map[int64]string{}
	}
	s.members[chat][user] = status
	s.mu.Unlock()
}

// Webhook returns the webhook registered with setWebhook; its URL is ""
// when none is.
func (s *Server) Webhook() Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Commands returns the command list registered with setMyCommands.
func (s *Server) Commands() []tgbotapi.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]tgbotapi.BotCommand(nil), s.commands...)
}

// Pending returns how many queued updates getUpdates has not had confirmed.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// serve routes /bot<token>/<method>.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeError(w, 404, "Not Found", nil)
		return
	}
	if token != s.Token {
		writeError(w, 401, "Unauthorized", nil)
		return
	}
	req, err := readRequest(r, method)
	if err != nil {
		writeError(w, 400, "Bad Request: "+err.Error(), nil)
		return
	}
	s.mu.Lock()
	hook := s.hook
	s.mu.Unlock()
	if hook != nil {
		hook(req)
	}

	var res result
	var f *Fault
	if limit, over := s.overLimit(req); over {
		res = limit
	} else if f = s.fault(req); f != nil {
		res = faultResult(f)
	} else {
		res = s.call(r.Context(), req)
	}
	req.Code, req.Description = res.code, res.desc
	if f != nil && f.Hangup {
		req.Code, req.Description = 0, "connection closed"
	}
	s.mu.Lock()
	s.counts[method]++
	if s.record {
		s.requests = append(s.requests, req)
	}
	s.broadcast()
	s.mu.Unlock()
	if f != nil && f.Hangup {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	if res.html {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(res.code)
		io.WriteString(w, "<html><body><h1>"+http.StatusText(res.code)+"</h1></body></html>")
		return
	}
	if res.code != http.StatusOK {
		writeError(w, res.code, res.desc, res.params)
		return
	}
	writeResult(w, res.value)
}

// readRequest reads a call's parameters the ways Telegram accepts them.
func readRequest(r *http.Request, method string) (*Request, error) {
	req := &Request{Method: method, Params: url.Values{}, Time: time.Now()}
	for k, vs := range r.URL.Query() {
		req.Params[k] = vs
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			return nil, fmt.Errorf("multipart: %v", err)
		}
		req.Multipart = true
		for k, vs := range r.MultipartForm.Value {
			req.Params[k] = vs
		}
		for field, fhs := range r.MultipartForm.File {
			if len(fhs) == 0 {
				continue
			}
			f, err := fhs[0].Open()
			if err != nil {
				return nil, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, err
			}
			if req.Files == nil {
				req.Files = map[string]File{}
			}
			req.Files[field] = File{Name: fhs[0].Filename, Data: data}
		}
	case "application/json":
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, fmt.Errorf("json: %v", err)
		}
		for k, v := range m {
			if s, ok := v.(string); ok {
				req.Params.Set(k, s)
				continue
			}
			b, _ := json.Marshal(v)
			req.Params.Set(k, string(b))
		}
	case "", "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, vs := range r.PostForm {
			req.Params[k] = vs
		}
	default:
		return nil, fmt.Errorf("unsupported content type %q", ct)
	}
	return req, nil
}

// fault returns the first fault matching req, counting it down.
func (s *Server) fault(req *Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	chat := req.ChatID()
	switch req.Method {
	case "sendMessage", "sendPhoto":
		if s.blocked[chat] {
			desc := "Forbidden: bot was blocked by the user"
			if chat < 0 {
				desc = "Forbidden: bot was kicked from the group chat"
			}
			return &Fault{Code: 403, Description: desc}
		}
	}
	for i, f := range s.faults {
		if f.Method == "" && req.Method == "getUpdates" || f.Method != "" && f.Method != req.Method {
			continue
		}
		if f.ChatID != 0 && f.ChatID != chat {
			continue
		}
		hit := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &hit
	}
	return nil
}

// result is how the server answers a call.
type result struct {
	code   int
	desc   string
	params *tgbotapi.ResponseParameters
	value  any
	html   bool
}

func ok(v any) result { return result{code: http.StatusOK, value: v} }

func fail(code int, desc string) result { return result{code: code, desc: desc} }

func faultResult(f *Fault) result {
	res := result{code: f.Code, desc: f.Description, html: f.HTML}
	if f.RetryAfter != 0 || f.MigrateTo != 0 {
		res.params = &tgbotapi.ResponseParameters{RetryAfter: f.RetryAfter, MigrateToChatID: f.MigrateTo}
	}
	return res
}

func writeResult(w http.ResponseWriter, v any) {
	body, err := json.Marshal(map[string]any{"ok": true, "result": v})
	if err != nil {
		writeError(w, 500, "Internal Server Error: "+err.Error(), nil)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func writeError(w http.ResponseWriter, code int, desc string, params *tgbotapi.ResponseParameters) {
	env := map[string]any{"ok": false, "error_code": code, "description": desc}
	if params != nil {
		p := map[string]any{}
		if params.RetryAfter != 0 {
			p["retry_after"] = params.RetryAfter
		}
		if params.MigrateToChatID != 0 {
			p["migrate_to_chat_id"] = params.MigrateToChatID
		}
		env["parameters"] = p
	}
	body, _ := json.Marshal(env)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(body)
}

// Deliver posts an update to the registered webhook, with its secret
// token, as Telegram does, and returns the HTTP status it got.
func (s *Server) Deliver(ctx context.Context, u tgbotapi.Update) (int, error) {
	body, err := s.encodeUpdate(u)
	if err != nil {
		return 0, err
	}
	wh := s.Webhook()
	return s.DeliverRaw(ctx, body, wh.Secret)
}

// DeliverRaw posts body to the registered webhook with the given secret
// token header ("" for none) and returns the HTTP status it got.
func (s *Server) DeliverRaw(ctx context.Context, body []byte, secret string) (int, error) {
	wh := s.Webhook()
	if wh.URL == "" {
		return 0, fmt.Errorf("telegramtest: no webhook registered")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wh.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}
