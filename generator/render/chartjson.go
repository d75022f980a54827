package render

import (
	"html/template"
	"math"
	"strconv"
	"unicode/utf8"
)

// optionJSON returns the chart's ECharts option as JSON, ready for the page's
// <script type="application/json"> element: the option, or for a chart drawn otherwise on a
// phone (see writeMedia), the option and its media query.
//
// The option is written directly, byte for byte what encoding/json (and html/template's
// escaping of a value in a script) gives for the option go-echarts builds, which
// charts_ref_test.go keeps as the reference and compares with on every kind of chart. A
// state's site has about 140,000 charts; building each with go-echarts' types and marshalling
// it by reflection took a tenth of the build's CPU.
func (c *chartSpec) optionJSON() template.JS {
	w := jsonWriter{b: make([]byte, 0, 1024+256*len(c.series)*len(c.categories))}
	media := c.kind != lineChart || len(c.series) > 1
	if media {
		w.raw(`{"baseOption":`)
	}
	c.writeBase(&w)
	if media {
		w.raw(`,"media":[{"option":`)
		c.writeMedia(&w, false)
		w.raw(`},{"option":`)
		c.writeMedia(&w, true)
		w.raw(`,"query":{"maxWidth":` + strconv.Itoa(narrowWidth) + `}}]}`)
	}
	return template.JS(w.b)
}

// The layout of the option's parts, as in the reference: the grid's top leaves room for a
// legend of several series on two lines; category labels wrap under vertical bars and take a
// wider single line beside horizontal ones.
func (c *chartSpec) top() string {
	if len(c.series) > 2 {
		return "64"
	}
	return "40"
}

func (c *chartSpec) categoryLabel() (width int, overflow string) {
	if c.kind == hbarChart {
		return hbarLabelWidth, "none"
	}
	return 64, "break"
}

// writeBase writes the option itself, its keys in encoding/json's order for a map (sorted).
func (c *chartSpec) writeBase(w *jsonWriter) {
	w.raw(`{"animation":false,"aria":{"enabled":true,"label":{"enabled":true`)
	if c.label != "" {
		w.raw(`,"description":`)
		w.str(c.label)
	}
	w.raw(`},"decal":{"show":true}},"color":`)
	w.strs(palette)
	w.raw(`,"darkColor":`)
	w.strs(darkPalette)
	w.raw(`,"grid":[{"left":"8","top":"` + c.top() + `","right":"24","bottom":"8","containLabel":true}],"legend":{"show":`)
	w.bool(len(c.series) > 1)
	w.raw(`,"top":"0"},"series":`)
	if len(c.series) == 0 {
		w.raw(`null`) // as go-echarts has it (the builder draws no chart without a series)
	} else {
		w.raw(`[`)
		for i, s := range c.series {
			if i > 0 {
				w.raw(",")
			}
			c.writeSeries(w, s)
		}
		w.raw(`]`)
	}
	w.raw(`,"tooltip":{"confine":true,"renderMode":"richText","show":true,"trigger":"item"},"xAxis":[`)
	if c.kind == hbarChart {
		c.writeValueAxis(w, c.rtl)
		w.raw(`],"yAxis":[`)
		c.writeCategoryAxis(w, true)
	} else {
		c.writeCategoryAxis(w, c.rtl)
		w.raw(`],"yAxis":[`)
		c.writeValueAxis(w, false)
	}
	w.raw(`]}`)
}

// writeSeries writes a series: its name, its points and how its labels show.
func (c *chartSpec) writeSeries(w *jsonWriter, s chartSeries) {
	w.raw(`{`)
	if s.name != "" {
		w.raw(`"name":`)
		w.str(s.name)
		w.raw(`,`)
	}
	if c.kind == lineChart {
		w.raw(`"type":"line","showSymbol":true,`)
		if s.symbol != "" {
			w.raw(`"symbol":`)
			w.str(s.symbol)
			w.raw(`,"symbolSize":14,`)
		} else {
			w.raw(`"symbolSize":8,`)
		}
	} else {
		w.raw(`"type":"bar",`)
	}
	w.raw(`"data":[`)
	for i, p := range s.points {
		if i > 0 {
			w.raw(",")
		}
		if !p.ok {
			w.raw(`{"value":"-"}`)
			continue
		}
		w.raw(`{"value":`)
		w.num(p.value)
		if c.kind != lineChart || !s.quiet {
			w.raw(`,"label":{`)
			if p.label != "" {
				w.raw(`"formatter":`)
				w.str(p.label)
			}
			w.raw(`}`)
		}
		w.raw(`,"tooltip":{`)
		if p.tip != "" {
			w.raw(`"formatter":`)
			w.str(p.tip)
		}
		w.raw(`}}`)
	}
	w.raw(`],"label":{"show":`)
	position := "top"
	switch {
	case c.kind == lineChart:
		w.bool(!s.quiet)
	case c.kind == hbarChart && c.rtl:
		w.bool(true)
		position = "left"
	case c.kind == hbarChart:
		w.bool(true)
		position = "right"
	default:
		w.bool(true)
	}
	w.raw(`,"position":"` + position + `"},"labelLayout":{"hideOverlap":true}`)
	if c.kind == lineChart && s.dashed {
		w.raw(`,"lineStyle":{"width":2,"type":"dashed"}`)
	}
	w.raw(`}`)
}

// writeValueAxis writes the axis of the values: 0-100 for percentages; a scale of about four
// steps (or 0-100 by ECharts' steps) under a line chart, its labels in the page's number
// format (numberLocale and percent, which static/charts.js reads and ECharts ignores); no
// labels beside bars, which carry their values.
func (c *chartSpec) writeValueAxis(w *jsonWriter, inverse bool) {
	w.raw(`{"type":"value","inverse":`)
	w.bool(inverse)
	if c.rtl && c.kind != hbarChart {
		w.raw(`,"position":"right"`)
	}
	if c.percent {
		w.raw(`,"min":0,"max":100`)
	}
	if c.kind != lineChart {
		w.raw(`,"axisLabel":{"show":false,"interval":0}}`)
		return
	}
	if !c.percent {
		w.raw(`,"splitNumber":4`)
	}
	w.raw(`,"axisLabel":{"show":true,"interval":0`)
	if c.percent {
		w.raw(`,"formatter":"{value}%"`)
	}
	if c.locale != "" {
		w.raw(`,"numberLocale":`)
		w.str(c.locale)
	}
	if c.percent {
		w.raw(`,"percent":true`)
	}
	w.raw(`}}`)
}

// writeCategoryAxis writes the axis of the categories; beside horizontal bars right to left,
// on the right and off the zero line.
func (c *chartSpec) writeCategoryAxis(w *jsonWriter, inverse bool) {
	w.raw(`{"type":"category",`)
	if len(c.categories) > 0 {
		w.raw(`"data":`)
		w.strs(c.categories)
		w.raw(`,`)
	}
	w.raw(`"inverse":`)
	w.bool(inverse)
	side := c.kind == hbarChart && c.rtl
	if side {
		w.raw(`,"position":"right"`)
	}
	width, overflow := c.categoryLabel()
	w.raw(`,"axisLabel":{"show":true,"interval":0,"width":` + strconv.Itoa(width) + `,"overflow":"` + overflow + `","lineHeight":15}`)
	if side {
		w.raw(`,"axisLine":{"onZero":false}`)
	}
	w.raw(`}`)
}

// writeMedia writes the chart's drawing for a phone (narrow), so that no two of its texts
// overlap (the table and the tooltips have every name and value whole), or else the option
// that restores the base option's values when the chart grows again (a phone turned
// sideways, printing), as ECharts merges only the entries that match:
//   - the legend of several series, wrapped on more lines, gets room above the drawing;
//   - lines of several series leave their values to the tooltips and the value axis;
//   - vertical bars of several series leave their values to the tooltip and the table (side by
//     side they overlap), and their names stand upright, cut with an ellipsis;
//   - the names beside horizontal bars take one line, cut with an ellipsis.
func (c *chartSpec) writeMedia(w *jsonWriter, narrow bool) {
	w.raw(`{`)
	sep := ""
	key := func(k string) {
		w.raw(sep + `"` + k + `":`)
		sep = ","
	}
	several := len(c.series) > 1
	if several {
		key("grid")
		top := c.top()
		if narrow {
			top = "96"
		}
		w.raw(`[{"top":"` + top + `"}]`)
	}
	if several && c.kind != hbarChart {
		key("series")
		w.raw(`[`)
		for i, s := range c.series {
			if i > 0 {
				w.raw(",")
			}
			w.raw(`{"label":{"show":`)
			w.bool(!narrow && (c.kind != lineChart || !s.quiet))
			w.raw(`}}`)
		}
		w.raw(`]`)
	}
	width, overflow := c.categoryLabel()
	switch {
	case c.kind == barChart && narrow:
		key("xAxis")
		w.raw(`[{"axisLabel":{"overflow":"truncate","rotate":90,"width":96}}]`)
	case c.kind == barChart:
		key("xAxis")
		w.raw(`[{"axisLabel":{"overflow":"` + overflow + `","rotate":0,"width":` + strconv.Itoa(width) + `}}]`)
	case c.kind == hbarChart && narrow:
		key("yAxis")
		w.raw(`[{"axisLabel":{"overflow":"truncate","width":96}}]`)
	case c.kind == hbarChart:
		key("yAxis")
		w.raw(`[{"axisLabel":{"overflow":"` + overflow + `","width":` + strconv.Itoa(width) + `}}]`)
	}
	w.raw(`}`)
}

// jsonWriter appends JSON values as encoding/json writes them.
type jsonWriter struct{ b []byte }

func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }

func (w *jsonWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// num writes a number as encoding/json does: the shortest form that reads back the same,
// in exponent form below 1e-6 and from 1e21 (with a one-digit negative exponent unpadded).
// A chart's values are finite.
func (w *jsonWriter) num(f float64) {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' {
		if n := len(w.b); n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

func (w *jsonWriter) strs(ss []string) {
	w.b = append(w.b, '[')
	for i, s := range ss {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.str(s)
	}
	w.b = append(w.b, ']')
}

// str writes a string as encoding/json does with its HTML escaping: quotes, backslashes and
// control characters escaped, <, > and & as \u003c, \u003e and \u0026 (no name can close the
// script element it is in), U+2028 and U+2029 escaped (valid JSON that is also valid
// JavaScript), and each byte of invalid UTF-8 as \ufffd.
func (w *jsonWriter) str(s string) {
	const hex = "0123456789abcdef"
	b := append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}
