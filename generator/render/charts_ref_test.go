package render

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// TestOptionJSON checks that optionJSON writes, in a page's script element, what html/template
// writes there for the option go-echarts builds (option, the reference), for charts of every
// kind and shape: none to four series, missing points, quiet, dashed and marked lines, right
// to left, percentages or not, and texts with quotes, markup, control characters, line
// separators and invalid UTF-8.
func TestOptionJSON(t *testing.T) {
	script := template.Must(template.New("").Parse(`<script type="application/json" id="x">{{.}}</script>`))
	exec := func(v any) string {
		var b strings.Builder
		if err := script.Execute(&b, v); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	texts := []string{"", "a", "English learners", "École \"A\" <b>&</b>", "1\n2\t3\r\b\f\x01\x1f\x7f", "a\u2028b\u2029c",
		"bad \xff\xfe utf-8", `back\slash`, "ຈ ك 中文 😀", "</script><script>alert(1)</script>"}
	values := []float64{0, 1, 6, 46.3, 100, 0.1, 1e-7, 2.5e-9, 1e21, 123456789, 33.333333333333336}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return texts[rng.IntN(len(texts))] }
	for i := range 3000 {
		spec := chartSpec{id: fmt.Sprintf("c%d", i), label: pick(), kind: chartKind(rng.IntN(3)),
			percent: rng.IntN(2) == 0, rtl: rng.IntN(3) == 0, locale: []string{"", "en-u-nu-latn", "ar"}[rng.IntN(3)]}
		for range rng.IntN(5) {
			spec.categories = append(spec.categories, pick())
		}
		for range rng.IntN(5) { // none included, which the builder never draws
			s := chartSeries{name: pick(), dashed: rng.IntN(3) == 0, quiet: rng.IntN(3) == 0}
			if rng.IntN(4) == 0 {
				s.symbol = "diamond"
			}
			for range spec.categories {
				s.points = append(s.points, chartPoint{value: values[rng.IntN(len(values))] * float64(1-2*rng.IntN(2)),
					ok: rng.IntN(5) > 0, label: pick(), tip: pick()})
			}
			spec.series = append(spec.series, s)
		}
		want := exec(spec.option())
		if got := exec(spec.optionJSON()); got != want {
			t.Fatalf("chart %d (%+v):\ngot  %s\nwant %s", i, spec, got, want)
		}
	}
}

// option is the reference optionJSON is checked against: the chart's ECharts option built with
// go-echarts' charts/opts API as a Go value, the option, or for a chart drawn otherwise on a
// phone, the option and its media query (see narrow). It is what the pages carried until
// optionJSON wrote the same bytes directly; a change to a chart's option is made in both.
func (c *chartSpec) option() any {
	var rect *charts.RectChart
	var validate func()
	switch c.kind {
	case lineChart:
		line := charts.NewLine()
		line.SetXAxis(c.categories)
		for _, s := range c.series {
			style := opts.LineChart{ShowSymbol: opts.Bool(true), SymbolSize: 8}
			seriesOpts := []charts.SeriesOpts{
				charts.WithLabelLayoutOpts(opts.LabelLayout{HideOverlap: opts.Bool(true)}),
			}
			if s.symbol != "" {
				style.Symbol, style.SymbolSize = s.symbol, 14
			}
			if s.dashed {
				seriesOpts = append(seriesOpts, charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2}))
			}
			seriesOpts = append(seriesOpts, charts.WithLabelOpts(opts.Label{Show: opts.Bool(!s.quiet), Position: "top"}))
			line.AddSeries(s.name, nil, append(seriesOpts, charts.WithLineChartOpts(style))...)
			line.MultiSeries[len(line.MultiSeries)-1].Data = lineItems(s.points, s.quiet)
		}
		rect, validate = &line.RectChart, line.Validate
	default:
		bar := charts.NewBar()
		bar.SetXAxis(c.categories)
		position := "top"
		if c.kind == hbarChart {
			bar.XYReversal()
			position = "right"
			if c.rtl {
				position = "left"
			}
		}
		for _, s := range c.series {
			data := make([]opts.BarData, len(s.points))
			for i, p := range s.points {
				if !p.ok {
					data[i] = opts.BarData{Value: "-"}
					continue
				}
				// The item names its text; whether labels show is the series' (see narrow).
				data[i] = opts.BarData{
					Value:   p.value,
					Label:   &opts.Label{Formatter: p.label},
					Tooltip: &opts.Tooltip{Formatter: types.FuncStr(p.tip)},
				}
			}
			bar.AddSeries(s.name, data,
				charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: position}),
				charts.WithLabelLayoutOpts(opts.LabelLayout{HideOverlap: opts.Bool(true)}))
		}
		rect, validate = &bar.RectChart, bar.Validate
	}

	// The axes are written with the option's own types: go-echarts writes a label's
	// lineHeight as a string, which ECharts misreads (wrapped lines drawn over each other).
	valueAxis := axisOption{Type: "value", AxisLabel: axisLabel{Show: false}}
	if c.percent {
		valueAxis.Min, valueAxis.Max = 0, 100
	}
	// A line chart has a scale on its value axis: its points are read against each other and
	// across years. Bars carry their values on them.
	if c.kind == lineChart {
		// About four steps where the axis is not 0-100% (which ECharts steps by 20): nine
		// labels a tenth apart touch on a chart of printed height.
		if !c.percent {
			valueAxis.SplitNumber = 4
		}
		valueAxis.AxisLabel = axisLabel{Show: true, NumberLocale: c.locale, Percent: c.percent}
		if c.percent {
			valueAxis.AxisLabel.Formatter = "{value}%"
		}
	}
	// Category labels wrap: narrow under vertical bars; beside horizontal ones, wider and on
	// as many lines as a category's bars leave room for, the last cut with an ellipsis, which
	// static/charts.js works out from the size the chart is drawn at (ECharts would wrap them
	// onto as many lines as they take, into their neighbours).
	labelWidth, overflow := 64, "break"
	if c.kind == hbarChart {
		labelWidth, overflow = hbarLabelWidth, "none"
	}
	categoryAxis := axisOption{Type: "category", Data: c.categories,
		AxisLabel: axisLabel{Show: true, Interval: 0, Width: labelWidth, Overflow: overflow, LineHeight: 15}}
	var x, y axisOption
	if c.kind == hbarChart {
		x, y = valueAxis, categoryAxis
		y.Inverse = true // the first category on top, as in the table
		// Right to left: bars grow from the right edge, the names on the right.
		x.Inverse = c.rtl
		if c.rtl {
			y.Position = "right"
			y.AxisLine = &axisLine{OnZero: false}
		}
	} else {
		x, y = categoryAxis, valueAxis
		x.Inverse = c.rtl
		if c.rtl {
			y.Position = "right"
		}
	}
	top := "40"
	if len(c.series) > 2 {
		top = "64" // room for a legend on two lines
	}
	rect.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.id}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: c.label},
			Decal:   &opts.AriaDecal{Show: opts.Bool(true)},
		}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(c.series) > 1), Top: "0"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "24", Top: top, Bottom: "8"}),
	)
	validate()
	option := rect.JSON()
	// Tooltips as plain text (richText), so that no name is ever read as HTML; each item's
	// tooltip is its own pre-formatted text.
	option["tooltip"] = map[string]any{"show": true, "trigger": "item", "renderMode": "richText", "confine": true}
	option["xAxis"], option["yAxis"] = []axisOption{x}, []axisOption{y}
	option["darkColor"] = darkPalette
	delete(option, "toolbox")
	delete(option, "title")
	return c.narrow(option, top, labelWidth, overflow)
}

// narrow adds the chart's drawing for a phone as an ECharts media query, so that no two of its
// texts overlap (the table and the tooltips have every name and value whole):
//   - the legend of several series, wrapped on more lines, gets room above the drawing;
//   - lines of several series leave their values to the tooltips and the value axis;
//   - vertical bars of several series leave their values to the tooltip and the table (side by
//     side they overlap), and their names stand upright, cut with an ellipsis;
//   - the names beside horizontal bars take one line, cut with an ellipsis.
func (c *chartSpec) narrow(option map[string]any, top string, labelWidth int, overflow string) any {
	// narrow and wide are the media options; wide restores the base option's values when the
	// chart grows again (a phone turned sideways, printing), as ECharts merges only the entries
	// that match.
	narrow, wide := map[string]any{}, map[string]any{}
	if len(c.series) > 1 {
		narrow["grid"] = []map[string]any{{"top": "96"}}
		wide["grid"] = []map[string]any{{"top": top}}
	}
	labels := func(show func(chartSeries) bool) []map[string]any {
		out := make([]map[string]any, len(c.series))
		for i, s := range c.series {
			out[i] = map[string]any{"label": map[string]any{"show": show(s)}}
		}
		return out
	}
	switch c.kind {
	case lineChart:
		// Lines of several series carry their values in the tooltips and on the axis.
		if len(c.series) > 1 {
			narrow["series"] = labels(func(chartSeries) bool { return false })
			wide["series"] = labels(func(s chartSeries) bool { return !s.quiet })
		}
	case barChart:
		if len(c.series) > 1 {
			narrow["series"] = labels(func(chartSeries) bool { return false })
			wide["series"] = labels(func(chartSeries) bool { return true })
		}
		narrow["xAxis"] = []map[string]any{{"axisLabel": map[string]any{"rotate": 90, "width": 96, "overflow": "truncate"}}}
		wide["xAxis"] = []map[string]any{{"axisLabel": map[string]any{"rotate": 0, "width": labelWidth, "overflow": overflow}}}
	case hbarChart:
		narrow["yAxis"] = []map[string]any{{"axisLabel": map[string]any{"width": 96, "overflow": "truncate"}}}
		wide["yAxis"] = []map[string]any{{"axisLabel": map[string]any{"width": labelWidth, "overflow": overflow}}}
	}
	if len(narrow) == 0 {
		return option
	}
	return map[string]any{
		"baseOption": option,
		"media": []map[string]any{
			{"option": wide},
			{"query": map[string]any{"maxWidth": narrowWidth}, "option": narrow},
		},
	}
}

// axisOption is an ECharts axis.
type axisOption struct {
	Type     string   `json:"type"`
	Data     []string `json:"data,omitempty"`
	Inverse  bool     `json:"inverse"`
	Position string   `json:"position,omitempty"`
	Min      any      `json:"min,omitempty"`
	Max      any      `json:"max,omitempty"`
	// SplitNumber is about how many steps a value axis is divided into (ECharts rounds it to
	// steps of 1, 2 or 5 times a power of ten).
	SplitNumber int       `json:"splitNumber,omitempty"`
	AxisLabel   axisLabel `json:"axisLabel"`
	AxisLine    *axisLine `json:"axisLine,omitempty"`
}

// axisLabel is the labels of an axis.
type axisLabel struct {
	Show       bool   `json:"show"`
	Interval   int    `json:"interval"`
	Width      int    `json:"width,omitempty"`
	Overflow   string `json:"overflow,omitempty"`
	LineHeight int    `json:"lineHeight,omitempty"`
	Formatter  string `json:"formatter,omitempty"`
	// NumberLocale and Percent are read by static/charts.js (ECharts ignores them), which
	// formats the labels in the page's number format: the digits and signs of the tables.
	NumberLocale string `json:"numberLocale,omitempty"`
	Percent      bool   `json:"percent,omitempty"`
}

// axisLine is an axis's line; onZero false keeps a category axis at the grid's edge.
type axisLine struct {
	OnZero bool `json:"onZero"`
}

// lineItem is a point of a line series; go-echarts' LineData has no per-item tooltip or label.
type lineItem struct {
	Value   any           `json:"value"`
	Name    string        `json:"name,omitempty"`
	Label   *opts.Label   `json:"label,omitempty"`
	Tooltip *opts.Tooltip `json:"tooltip,omitempty"`
}

// lineItems returns the points of a line series; quiet leaves their values off the chart.
func lineItems(points []chartPoint, quiet bool) []lineItem {
	items := make([]lineItem, len(points))
	for i, p := range points {
		if !p.ok {
			items[i] = lineItem{Value: "-"}
			continue
		}
		// The item names its text; whether labels show is the series' (see narrow).
		items[i] = lineItem{Value: p.value, Tooltip: &opts.Tooltip{Formatter: types.FuncStr(p.tip)}}
		if !quiet {
			items[i].Label = &opts.Label{Formatter: p.label}
		}
	}
	return items
}
