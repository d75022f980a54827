package render

import (
	"encoding/json"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"testing"

	"elreport/templates"
)

// TestPaletteContrast checks the series colours against the background they are drawn on:
// at least 3:1 (WCAG's contrast for graphics) for the light palette on white and for the dark
// palette on the page's dark background, a dark colour for each light one, and that the
// stylesheet's dark mode has that background.
func TestPaletteContrast(t *testing.T) {
	for _, c := range []struct {
		name       string
		colors     []string
		background string
	}{
		{"light", palette, "#FFFFFF"},
		{"dark", darkPalette, darkBackground},
	} {
		for _, color := range c.colors {
			if r := contrast(t, color, c.background); r < 3 {
				t.Errorf("%s palette: %s on %s has a contrast of %.2f:1, want at least 3:1", c.name, color, c.background, r)
			}
		}
	}
	if len(darkPalette) != len(palette) {
		t.Errorf("%d dark colours for %d light ones: each series needs one of each", len(darkPalette), len(palette))
	}
	css, err := fs.ReadFile(templates.FS, "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	_, dark, ok := strings.Cut(string(css), "prefers-color-scheme: dark")
	if !ok || !strings.Contains(strings.ToLower(dark), "background: "+strings.ToLower(darkBackground)) {
		t.Errorf("static/style.css has no dark mode with the background %s that the dark palette is chosen for", darkBackground)
	}
}

// TestChartDarkColors checks that a chart's option carries its dark palette for charts.js.
func TestChartDarkColors(t *testing.T) {
	spec := chartSpec{id: "c", kind: barChart, categories: []string{"a"},
		series: []chartSeries{{name: "s", points: []chartPoint{{value: 1, ok: true, label: "1", tip: "a\n1"}}}}}
	var option struct {
		BaseOption struct {
			DarkColor []string `json:"darkColor"`
		} `json:"baseOption"` // the option under its media query for phones
	}
	if err := json.Unmarshal([]byte(spec.optionJSON()), &option); err != nil {
		t.Fatalf("the option is not JSON: %v", err)
	}
	if got := option.BaseOption.DarkColor; strings.Join(got, " ") != strings.Join(darkPalette, " ") {
		t.Errorf("darkColor %v, want %v", got, darkPalette)
	}
}

// contrast is the WCAG contrast ratio of two colours written #RRGGBB.
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is WCAG's relative luminance of a colour written #RRGGBB.
func luminance(t *testing.T, color string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(color, "#"), 16, 32)
	if err != nil || len(color) != 7 {
		t.Fatalf("%q is not a colour written #RRGGBB", color)
	}
	channel := func(shift uint) float64 {
		c := float64(v>>shift&0xff) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(16) + 0.7152*channel(8) + 0.0722*channel(0)
}
