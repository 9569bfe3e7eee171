package bot

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart size limits, in pixels.
const (
	minChartSide = 100
	maxChartSide = 4096
)

// chartDPI is the resolution RenderChart draws at; sizes are in pixels.
const chartDPI = 96

// ErrEmptyChart is returned by RenderChart for a chart without bars.
var ErrEmptyChart = errors.New("bot: chart has no data")

// minBar is the least height a bar of a positive share is drawn with, as a
// fraction of the axis: a share of 1% stays visible beside one of 90% (its
// ShareText still says 1%).
const minBar = 0.02

// RenderChart draws ch as a PNG bar chart of width×height pixels: one
// vertical bar per label, heights in percent (a positive share at least
// minBar of the axis), titled with ch.Title, each bar labelled with its
// label and, under it, its detail. Errors:
// ErrEmptyChart for no labels, and an error for mismatched labels and
// shares, shares outside 0..1, or a size outside 100..4096 pixels. It is
// safe for concurrent use.
func RenderChart(ch Chart, width, height int) ([]byte, error) {
	if len(ch.Labels) == 0 {
		return nil, ErrEmptyChart
	}
	if len(ch.Labels) != len(ch.Shares) {
		return nil, fmt.Errorf("bot: chart has %d labels but %d shares", len(ch.Labels), len(ch.Shares))
	}
	if width < minChartSide || height < minChartSide || width > maxChartSide || height > maxChartSide {
		return nil, fmt.Errorf("bot: chart size %dx%d outside %d..%d pixels", width, height, minChartSide, maxChartSide)
	}
	values := make(plotter.Values, len(ch.Shares))
	top := 0.0
	for i, s := range ch.Shares {
		if math.IsNaN(s) || s < 0 || s > 1 {
			return nil, fmt.Errorf("bot: chart share %v for %q outside 0..1", s, ch.Labels[i])
		}
		values[i] = s * 100
		top = math.Max(top, values[i])
	}
	yMax := math.Min(105, math.Max(10, math.Ceil(top/10)*10+5))
	for i, v := range values {
		if v > 0 {
			values[i] = math.Max(v, minBar*yMax)
		}
	}

	w := vg.Length(width) * vg.Inch / chartDPI
	h := vg.Length(height) * vg.Inch / chartDPI

	p := plot.New()
	p.Title.Text = ch.Title
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Title.Padding = vg.Points(8)
	p.Y.Label.Text = "Share (%)"
	p.Y.Min = 0
	p.Y.Max = yMax
	p.Y.Tick.Marker = percentTicks{}
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	p.Add(grid)

	n := len(values)
	barWidth := (w - vg.Points(70)) / vg.Length(n) * 6 / 10
	bars, err := plotter.NewBarChart(values, barWidth)
	if err != nil {
		return nil, fmt.Errorf("bot: chart bars: %w", err)
	}
	bars.Color = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	bars.LineStyle.Width = 0
	p.Add(bars)

	if len(ch.ShareTexts) == n {
		xys := make(plotter.XYs, n)
		for i, v := range values {
			xys[i] = plotter.XY{X: float64(i), Y: v}
		}
		labels, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: ch.ShareTexts})
		if err != nil {
			return nil, fmt.Errorf("bot: chart labels: %w", err)
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i].XAlign = draw.XCenter
		}
		labels.Offset = vg.Point{Y: vg.Points(3)}
		p.Add(labels)
	}

	ticks := ch.Labels
	if len(ch.Details) == n {
		ticks = make([]string, n)
		for i, l := range ch.Labels {
			ticks[i] = l
			if ch.Details[i] != "" {
				ticks[i] += "\n" + ch.Details[i]
			}
		}
	}
	p.NominalX(ticks...)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.X.Tick.Label.Font.Size = vg.Points(10)
	// a line of 10-point text takes about 5.5 points a character; labels
	// wider than their bar's slot are turned
	slot := (w - vg.Points(70)) / vg.Length(n)
	if vg.Points(5.5*float64(longest(ticks))) > slot {
		p.X.Tick.Label.Rotation = math.Pi / 6
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YTop
	}

	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("bot: chart png: %w", err)
	}
	return buf.Bytes(), nil
}

// longest returns the length, in characters, of the longest line of labels.
func longest(labels []string) int {
	n := 0
	for _, l := range labels {
		for _, line := range strings.Split(l, "\n") {
			n = max(n, len([]rune(line)))
		}
	}
	return n
}

// percentTicks marks the y axis every 10% (every 20% on axes above 60%).
type percentTicks struct{}

// Ticks implements plot.Ticker.
func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 10.0
	if hi-lo > 60 {
		step = 20
	}
	var ts []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf("%.0f%%", v)})
	}
	return ts
}
