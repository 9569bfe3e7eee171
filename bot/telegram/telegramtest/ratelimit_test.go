package telegramtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"
)

// answer is a Bot API response as a client reads it.
type answer struct {
	status int
	raw    string
	env    struct {
		OK          bool   `json:"ok"`
		ErrorCode   int    `json:"error_code"`
		Description string `json:"description"`
		Parameters  *struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
}

func post(t *testing.T, client *http.Client, s *Server, method string, params url.Values) answer {
	t.Helper()
	resp, err := client.PostForm(s.URL+"/bot"+s.Token+"/"+method, params)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	a := answer{status: resp.StatusCode, raw: string(body)}
	if err := json.Unmarshal(body, &a.env); err != nil {
		t.Fatalf("%s: answer %q: %v", method, body, err)
	}
	return a
}

func message(chat int64, text string) url.Values {
	return url.Values{"chat_id": {strconv.FormatInt(chat, 10)}, "text": {text}}
}

// TestRateLimitRefusesSendsOverTheLimit sends as fast as it can to a server
// allowing 1 message a second with bursts of 3: the burst goes through,
// then sends get Telegram's 429 with retry_after 1, are recorded as refused
// and not as delivered, and waiting retry_after lets the next one through.
func TestRateLimitRefusesSendsOverTheLimit(t *testing.T) {
	s := New(t)
	s.SetRateLimit(1, 3)
	client := &http.Client{}

	okBefore := 0
	var refused answer
	for i := 0; ; i++ {
		if i == 1000 {
			t.Fatalf("1000 sends in a row at a limit of 1/s and nothing refused")
		}
		a := post(t, client, s, "sendMessage", message(int64(500+i), "hello"))
		if a.status == http.StatusOK {
			okBefore++
			continue
		}
		refused = a
		break
	}
	if okBefore < 3 {
		t.Errorf("%d sends went through before the first 429, want at least the burst of 3", okBefore)
	}
	const want = `{"description":"Too Many Requests: retry after 1","error_code":429,"ok":false,"parameters":{"retry_after":1}}`
	if refused.status != http.StatusTooManyRequests || refused.raw != want {
		t.Errorf("refused send: HTTP %d %s\nwant HTTP 429 %s", refused.status, refused.raw, want)
	}
	if p := refused.env.Parameters; refused.env.OK || refused.env.ErrorCode != 429 || p == nil || p.RetryAfter != 1 {
		t.Errorf("refused send decodes as %+v", refused.env)
	}

	// Methods that do not post to a chat are not limited.
	if a := post(t, client, s, "getMe", nil); a.status != http.StatusOK {
		t.Errorf("getMe while sends are limited: HTTP %d %s", a.status, a.raw)
	}

	// The 429 is visible, and not a delivery.
	sends := s.Calls("sendMessage")
	last := sends[len(sends)-1]
	if last.Code != 429 || last.OK() || last.Description != "Too Many Requests: retry after 1" {
		t.Errorf("recorded refused send: Code %d, Description %q", last.Code, last.Description)
	}
	if n := len(s.WaitCalls(t, "sendMessage", okBefore)); n != okBefore {
		t.Errorf("%d successful sends recorded, want %d: a 429 is not a delivery", n, okBefore)
	}
	if n := s.RateLimited(); n != 1 {
		t.Errorf("RateLimited() = %d, want 1", n)
	}

	// Waiting retry_after is enough for one more.
	time.Sleep(time.Duration(refused.env.Parameters.RetryAfter) * time.Second)
	if a := post(t, client, s, "sendMessage", message(499, "after the wait")); a.status != http.StatusOK {
		t.Errorf("send after waiting retry_after: HTTP %d %s", a.status, a.raw)
	}

	// Off again: nothing is refused.
	s.SetRateLimit(0, 0)
	for i := range 50 {
		if a := post(t, client, s, "sendMessage", message(int64(2000+i), "unlimited")); a.status != http.StatusOK {
			t.Fatalf("send %d with the limit off: HTTP %d %s", i, a.status, a.raw)
		}
	}
	if n := s.RateLimited(); n != 1 {
		t.Errorf("RateLimited() = %d after the limit was turned off, want still 1", n)
	}
}

// TestRateLimitUnderTheLimit: sends within the burst, or with no limit set,
// are never refused, photos included.
func TestRateLimitUnderTheLimit(t *testing.T) {
	cases := []struct {
		name      string
		perSecond float64
		burst     int
	}{
		{"no limit (the default)", 0, 0},
		{"within the burst", 30, 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := New(t)
			if c.perSecond > 0 {
				s.SetRateLimit(c.perSecond, c.burst)
			}
			client := &http.Client{}
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 20 {
						chat := int64(1000*w + i + 1)
						if a := post(t, client, s, "sendMessage", message(chat, "hi")); a.status != http.StatusOK {
							t.Errorf("send to %d: HTTP %d %s", chat, a.status, a.raw)
						}
					}
				}()
			}
			wg.Wait()
			for _, r := range s.Requests() {
				if r.Code == 429 {
					t.Errorf("a send under the limit got 429: %s", Dump([]*Request{r}))
				}
			}
			if n := s.RateLimited(); n != 0 {
				t.Errorf("RateLimited() = %d, want 0", n)
			}
		})
	}
}

// TestTenThousandChats: any chat id is a chat, with nothing to register;
// only a blocked one refuses.
func TestTenThousandChats(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 requests")
	}
	s := New(t)
	const chats = 10_000
	const base = 10_000_000
	s.Block(base + 77)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	defer client.CloseIdleConnections()
	var wg sync.WaitGroup
	next := make(chan int64)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chat := range next {
				a := post(t, client, s, "sendMessage", message(chat, "Done deal"))
				if want := chat != base+77; (a.status == http.StatusOK) != want {
					t.Errorf("send to %d: HTTP %d %s", chat, a.status, a.raw)
				}
			}
		}()
	}
	for i := range chats {
		next <- int64(base + i)
	}
	close(next)
	wg.Wait()
	seen := map[int64]bool{}
	for _, r := range s.WaitCalls(t, "sendMessage", chats-1) {
		seen[r.ChatID()] = true
	}
	if len(seen) != chats-1 || seen[base+77] {
		t.Errorf("%d distinct chats got a message, want %d, all but the blocked one", len(seen), chats-1)
	}
	if n := s.Count("sendMessage"); n != chats {
		t.Errorf("Count(sendMessage) = %d, want %d", n, chats)
	}
}
