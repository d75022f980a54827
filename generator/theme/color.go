// Package theme holds what site.toml's [theme] changes in the look of a site, apart from the
// templates: its colours, checked for contrast and written as CSS custom properties
// (static/theme.css), and its logo image, checked before it is published (static/logo.<ext>).
// It reads no files; its callers give it the text of a setting or the bytes of a file.
package theme

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The colours of the built-in stylesheet that a theme changes or is checked against. style.css
// writes each themed one as var(--name, default), so that a site without a theme looks as the
// defaults say.
const (
	// DefaultAccent is the colour of links, buttons and headline figures (--accent).
	DefaultAccent = "#0b57a4"
	// DefaultHeader is the background of the header, the footer and a table's highlighted row
	// (--header).
	DefaultHeader = "#f2f5f9"
	// Text is the colour of the text, on the page and in the header.
	Text = "#1a1a1a"
	// Visited is the colour of links already visited.
	Visited = "#5c2d91"
	// Page is the page's background.
	Page = "#ffffff"
)

// MinContrast is the contrast ratio WCAG 2.1 AA asks of text against its background (1.4.3).
const MinContrast = 4.5

// Color is a colour of sRGB, 8 bits a channel.
type Color struct{ R, G, B uint8 }

// ParseColor reads a colour written as CSS hex, "#rgb" or "#rrggbb" (either case).
func ParseColor(s string) (Color, error) {
	hex, ok := strings.CutPrefix(s, "#")
	if !ok || (len(hex) != 3 && len(hex) != 6) {
		return Color{}, fmt.Errorf("%q is not a colour: write it as #rgb or #rrggbb (e.g. %q)", s, DefaultAccent)
	}
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("%q is not a colour: write it as #rgb or #rrggbb, with the digits 0-9 and a-f (e.g. %q)", s, DefaultAccent)
	}
	return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// MustColor is ParseColor for the constants of this package.
func MustColor(s string) Color {
	c, err := ParseColor(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String writes the colour as "#rrggbb", in lower case.
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the colour's relative luminance, as WCAG 2.1 defines it: 0 for black, 1 for
// white.
func (c Color) Luminance() float64 {
	linear := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

// Contrast is the contrast ratio of two colours, as WCAG 2.1 defines it: from 1 (the same
// luminance) to 21 (black on white), whichever of the two is lighter.
func Contrast(a, b Color) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// FormatRatio writes a contrast ratio as "4.49:1": rounded down to two decimals, so that a
// ratio just below a threshold never reads as the threshold itself.
func FormatRatio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*100)/100, 'f', 2, 64) + ":1"
}

// darker returns c with each channel scaled by f (0 to 1), toward black.
func darker(c Color, f float64) Color {
	scale := func(v uint8) uint8 { return uint8(math.Round(float64(v) * f)) }
	return Color{scale(c.R), scale(c.G), scale(c.B)}
}
