package bot

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"testing"
)

func TestRenderChart(t *testing.T) {
	r := newTestCore(newFakeEngine()).Handle(context.Background(), member("where is Sergio Ramos heading?"))
	if r.Chart == nil {
		t.Fatal("where reply has no chart")
	}
	long := Chart{
		Title:  "Gonçalo Ramos",
		Labels: []string{"Paris Saint-Germain", "Borussia Mönchengladbach", "Wolverhampton Wanderers", "Benfica", "Others", "Stays"},
		Shares: []float64{0.3, 0.2, 0.1, 0.1, 0.05, 0.25},
	}
	tests := []struct {
		name          string
		chart         Chart
		width, height int
	}{
		{"where reply", *r.Chart, 800, 500},
		{"long labels", long, 640, 480},
		{"one bar", Chart{Title: "Kylian Mbappé", Labels: []string{"Stays"}, Shares: []float64{1}}, 300, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := RenderChart(tt.chart, tt.width, tt.height)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if got := img.Bounds().Size(); got.X != tt.width || got.Y != tt.height {
				t.Errorf("size = %v, want %dx%d", got, tt.width, tt.height)
			}
			// The bars are drawn in one solid blue; count its pixels.
			bar := 0
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
					r, g, b, _ := img.At(x, y).RGBA()
					if r>>8 == 0x1f && g>>8 == 0x77 && b>>8 == 0xb4 {
						bar++
					}
				}
			}
			if least := tt.width * tt.height / 100; bar < least {
				t.Errorf("%d bar pixels, want at least %d", bar, least)
			}
		})
	}
}

func TestRenderChartErrors(t *testing.T) {
	tests := []struct {
		name          string
		chart         Chart
		width, height int
		empty         bool
	}{
		{"empty", Chart{Title: "x"}, 800, 500, true},
		{"mismatched", Chart{Labels: []string{"A", "B"}, Shares: []float64{1}}, 800, 500, false},
		{"share above 1", Chart{Labels: []string{"A"}, Shares: []float64{1.5}}, 800, 500, false},
		{"negative share", Chart{Labels: []string{"A"}, Shares: []float64{-0.1}}, 800, 500, false},
		{"too small", Chart{Labels: []string{"A"}, Shares: []float64{1}}, 10, 10, false},
		{"too big", Chart{Labels: []string{"A"}, Shares: []float64{1}}, 100000, 500, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := RenderChart(tt.chart, tt.width, tt.height)
			if err == nil || b != nil {
				t.Fatalf("RenderChart = %d bytes, %v; want an error", len(b), err)
			}
			if errors.Is(err, ErrEmptyChart) != tt.empty {
				t.Errorf("err = %v; ErrEmptyChart expected: %v", err, tt.empty)
			}
		})
	}
}

func BenchmarkRenderChart(b *testing.B) {
	ch := Chart{Title: "Sergio Ramos", Labels: []string{"Inter Miami", "Inter Milan", "Juventus", "Paris Saint-Germain", "Stays"},
		Shares: []float64{0.14, 0.08, 0.08, 0.08, 0.62}, ShareTexts: []string{"14%", "8%", "8%", "8%", "62%"}}
	for b.Loop() {
		if _, err := RenderChart(ch, 640, 400); err != nil {
			b.Fatal(err)
		}
	}
}

func TestChartCache(t *testing.T) {
	c := NewChartCache(2, 0, 0)
	a := Chart{Title: "A", Labels: []string{"X", "Stays"}, Shares: []float64{0.6, 0.4}}
	b := Chart{Title: "A", Labels: []string{"X", "Stays"}, Shares: []float64{0.5, 0.5}}
	pa, err := c.PNG(a)
	if err != nil {
		t.Fatal(err)
	}
	pa2, _ := c.PNG(a)
	if &pa[0] != &pa2[0] {
		t.Error("the same chart was drawn twice")
	}
	pb, err := c.PNG(b)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(pa, pb) {
		t.Error("charts with different shares gave the same PNG")
	}
	if _, err := c.PNG(Chart{}); !errors.Is(err, ErrEmptyChart) {
		t.Errorf("empty chart: err = %v, want ErrEmptyChart", err)
	}
}

// TestRenderChartSmallShareVisible: a share of half a percent beside one
// of 99% is still drawn as a bar, and the labels' details fit.
func TestRenderChartSmallShareVisible(t *testing.T) {
	bluePixels := func(ch Chart) int {
		t.Helper()
		b, err := RenderChart(ch, 640, 400)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if r>>8 == 0x1f && g>>8 == 0x77 && b>>8 == 0xb4 {
					n++
				}
			}
		}
		return n
	}
	chart := func(small float64) Chart {
		return Chart{Title: "Lionel Messi", Labels: []string{"Paris Saint-Germain", "Barcelona", "Stays at Barcelona"},
			Shares: []float64{0.99 - small, small, 0.01}, Details: []string{"done, 10 Aug 2021", "talks, 1 Jul 2021", ""}}
	}
	without, with := bluePixels(chart(0)), bluePixels(chart(0.005))
	// a bar's slot is about 80 pixels wide: a visible bar adds hundreds
	if with-without < 200 {
		t.Errorf("a 0.5%% share adds %d bar pixels, want a visible bar", with-without)
	}
}
