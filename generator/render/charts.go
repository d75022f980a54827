package render

// chartKind is the shape of a chart.
type chartKind uint8

const (
	barChart  chartKind = iota // vertical bars, one group per category
	hbarChart                  // horizontal bars (long category names: schools, plans)
	lineChart                  // a line per series across years
)

// chartSpec is what a page builder says about a chart; optionJSON turns it into ECharts'
// option.
type chartSpec struct {
	id, label  string
	kind       chartKind
	categories []string
	series     []chartSeries
	// percent fixes the value axis to 0-100.
	percent bool
	rtl     bool
	// locale is the BCP 47 tag of the page's number format, for the value axis's labels
	// (static/charts.js formats them as the page's tables do).
	locale string
}

// chartSeries is one series: a name (legend) and a point per category.
type chartSeries struct {
	name   string
	points []chartPoint
	// Line charts only: dashed draws a dashed line; quiet leaves the values off the points
	// (they stay in the tooltips and the table); symbol is the points' shape ("diamond"),
	// drawn larger (for a series of one point).
	dashed, quiet bool
	symbol        string
}

// chartPoint is one value. A point that is not ok (suppressed, or no figure) is left out of the
// chart, never drawn as zero.
type chartPoint struct {
	value float64 // rounded as displayed
	ok    bool
	label string // the value in the page's number format
	tip   string // the tooltip: category, series and value, in words
}

// palette holds the series colours: Okabe-Ito colours with at least 3:1 contrast against white,
// told apart also by the decal patterns of the aria option.
var palette = []string{"#0072B2", "#D55E00", "#007A5A", "#B8477F", "#4D4D4D", "#8A6100"}

// darkPalette holds the series colours in dark mode (prefers-color-scheme: dark), series by
// series the same hues as palette: Okabe-Ito's lighter colours, with at least 3:1 contrast
// against the page's dark background (darkBackground) and the same decals. The option
// carries it as darkColor, which static/charts.js puts in place of color when the reader's
// system is dark (ECharts ignores the key).
var darkPalette = []string{"#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#BBBBBB", "#F0E442"}

// darkBackground is the page's background in dark mode (static/style.css), the chart's own
// being transparent.
const darkBackground = "#121417"

// hbarLabelWidth is the width of the category names beside horizontal bars (in px), but on a
// phone (narrow).
const hbarLabelWidth = 200

// narrowWidth is the width of a chart (its container, in px) up to which it is drawn for a
// phone.
const narrowWidth = 480
