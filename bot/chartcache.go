package bot

import (
	"fmt"
	"strings"

	lru "github.com/hashicorp/golang-lru/v2"
)

// ChartCache draws charts as PNGs (RenderChart) and keeps the most recent
// ones, so that a popular player's chart is drawn once per change of his
// ranking rather than once per question: drawing takes about 15 ms. It is
// safe for concurrent use; two goroutines asking for the same new chart at
// once may both draw it.
type ChartCache struct {
	width, height int
	lru           *lru.Cache[string, []byte]
}

// NewChartCache returns a cache of up to size charts (default 256) drawn at
// width×height pixels (default 640×400).
func NewChartCache(size, width, height int) *ChartCache {
	if size <= 0 {
		size = 256
	}
	if width <= 0 || height <= 0 {
		width, height = 640, 400
	}
	c, err := lru.New[string, []byte](size)
	if err != nil {
		panic(err) // only for a size <= 0, excluded above
	}
	return &ChartCache{width: width, height: height, lru: c}
}

// PNG returns ch drawn as a PNG, from the cache when the same chart (title,
// labels, shares, share texts and details) was drawn before. The returned bytes are
// shared: do not modify them. Errors are RenderChart's, and are not cached.
func (c *ChartCache) PNG(ch Chart) ([]byte, error) {
	key := chartKey(ch)
	if png, ok := c.lru.Get(key); ok {
		return png, nil
	}
	png, err := RenderChart(ch, c.width, c.height)
	if err != nil {
		return nil, err
	}
	c.lru.Add(key, png)
	return png, nil
}

func chartKey(ch Chart) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q", ch.Title)
	for i, l := range ch.Labels {
		fmt.Fprintf(&b, "|%q", l)
		if i < len(ch.Shares) {
			fmt.Fprintf(&b, "=%x", ch.Shares[i])
		}
		if i < len(ch.ShareTexts) {
			fmt.Fprintf(&b, "%q", ch.ShareTexts[i])
		}
		if i < len(ch.Details) {
			fmt.Fprintf(&b, "%q", ch.Details[i])
		}
	}
	return b.String()
}
