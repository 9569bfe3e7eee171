package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"transferbot/rumours/source"
)

// Errors wrapped by poll and item errors; test with errors.Is.
var (
	// ErrTooLarge: a feed body or article page is over its cap.
	ErrTooLarge = errors.New("too large")
	// ErrTooManyRedirects: the default client followed 5 redirects (a loop?).
	ErrTooManyRedirects = errors.New("stopped after 5 redirects (a redirect loop?)")
	// ErrNotFeed: the body is not an RSS, Atom or JSON feed (an HTML page,
	// an empty body, binary data).
	ErrNotFeed = errors.New("not an RSS, Atom or JSON feed")
)

// StatusError is a response whose status is not 2xx (nor 304 for a
// conditional GET).
type StatusError struct {
	Code   int
	Status string // as the server sent it, e.g. "503 Service Unavailable"
	// RetryAfter is the server's Retry-After on a 429 or 503; zero if none.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	s := "HTTP " + e.Status
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %v)", e.RetryAfter)
	}
	return s
}

// sizeError reports a body over its cap; it wraps ErrTooLarge.
type sizeError struct {
	what  string // "feed body", "article page"
	limit int64
}

func (e *sizeError) Error() string {
	return fmt.Sprintf("%s is larger than %s", e.what, byteSize(e.limit))
}

func (e *sizeError) Unwrap() error { return ErrTooLarge }

// byteSize writes n as "8 MiB", "512 KiB" or "1000 bytes".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

const maxRedirects = 5

// checkRedirect allows at most maxRedirects redirects, to http or https
// URLs only (each hop is dialled through the same guarded dialer).
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return ErrTooManyRedirects
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to a %s URL", req.URL.Scheme)
	}
	return nil
}

const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// response is a fetched body.
type response struct {
	notModified  bool
	body         []byte
	contentType  string
	etag         string
	lastModified string
}

// validators make a GET conditional.
type validators struct{ etag, lastModified string }

// get fetches target with a timeout of Options.Timeout for the whole
// exchange, reading at most limit bytes of body (after decompression). The
// caller holds a request slot.
func (p *Poller) get(ctx context.Context, client *http.Client, target, accept string, cond validators, limit int64, what string) (response, error) {
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("User-Agent", p.opts.UserAgent)
	req.Header.Set("Accept", accept)
	if cond.etag != "" {
		req.Header.Set("If-None-Match", cond.etag)
	}
	if cond.lastModified != "" {
		req.Header.Set("If-Modified-Since", cond.lastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	r := response{
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
	}
	if resp.StatusCode == http.StatusNotModified && (cond.etag != "" || cond.lastModified != "") {
		r.notModified = true
		return r, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := &StatusError{Code: resp.StatusCode, Status: resp.Status}
		if e.Status == "" {
			e.Status = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), p.now())
		}
		return response{}, e
	}
	if resp.ContentLength > limit {
		return response{}, &sizeError{what, limit}
	}
	body, err := readBody(resp.Body, limit, resp.ContentLength)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return response{}, &sizeError{what, limit}
		}
		return response{}, fmt.Errorf("read %s: %w", what, err)
	}
	r.body = body
	return r, nil
}

// maxChunk is the largest buffer readBody reads into at once.
const maxChunk = 1 << 20

// readBody reads r to its end and returns its bytes, or ErrTooLarge as soon
// as it holds more than limit bytes: it never reads more than limit+1. hint
// is the announced length, or negative when unknown. It reads into chunks
// that double up to 1 MiB and joins them once, so the bytes it allocates
// stay near twice the body (io.ReadAll's growth allocates about five
// times).
func readBody(r io.Reader, limit, hint int64) ([]byte, error) {
	r = io.LimitReader(r, limit+1)
	size := int64(32 << 10)
	if hint >= 0 {
		size = hint + 1 // +1: the end of the body fits, no second chunk
	}
	var chunks [][]byte
	var total int64
	for total <= limit {
		buf := make([]byte, min(size, limit+1-total))
		n, err := io.ReadFull(r, buf)
		total += int64(n)
		chunks = append(chunks, buf[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
		size = min(size*2, maxChunk)
	}
	if total > limit {
		return nil, ErrTooLarge
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// maxRetryAfter caps a server's Retry-After.
const maxRetryAfter = 24 * time.Hour

// retryAfter parses a Retry-After header: seconds or an HTTP date. It
// returns zero when the header is absent or unreadable, and at most
// maxRetryAfter.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// binarySample is how many leading bytes checkText inspects.
const binarySample = 8 << 10

// checkText refuses a body that is empty or binary: a NUL byte (unless the
// body starts with a UTF-16 byte-order mark), or control characters other
// than tab, newline, carriage return and form feed making up more than a
// tenth of the first 8 KB (source.ErrBinary).
func checkText(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return fmt.Errorf("%w: empty body", ErrNotFeed)
	}
	if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		return nil
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return fmt.Errorf("%w: %w", ErrNotFeed, source.ErrBinary)
	}
	sample := b[:min(len(b), binarySample)]
	ctrl := 0
	for _, c := range sample {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
			ctrl++
		}
	}
	if ctrl*10 > len(sample) {
		return fmt.Errorf("%w: %w", ErrNotFeed, source.ErrBinary)
	}
	return nil
}
