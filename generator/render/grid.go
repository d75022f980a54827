package render

import (
	"cmp"
	"slices"

	"elreport/generator/compute"
	"elreport/generator/metric"
)

// axis is one row or column of a grid: what it fixes of the figures it shows. A cell's figure
// takes each field from its column, or from its row where the column leaves it empty.
type axis struct {
	label           string
	entity          *entity
	year            int // 0: the latest year
	metric          metric.ID
	group, category string
	// href links a row's header (a school's page); strong marks the district's row.
	href   string
	strong bool
}

// noChart asks a grid for a table only.
const noChart chartKind = 255

// grid is a table of figures (rows × columns) and, optionally, a chart of the same figures:
// the rows are the chart's categories and the columns its series.
type grid struct {
	// rowHead heads the table's first column: that of the rows' names, or with transpose,
	// of the columns'.
	id, title, text, rowHead string
	entity                   *entity
	rows, cols               []axis
	chart                    chartKind
	// chartCols lists the columns drawn; nil draws every column.
	chartCols []int
	// joinCategories makes a cell's category its row's and its column's joined by a space
	// (level_band_by_grade: grade and band, see metric.GradeBand).
	joinCategories bool
	// transpose lays the table out with the grid's columns as its rows and its rows as its
	// columns (the chart is drawn as without): a few years across and many measures down
	// fit a page where many measures across would not.
	transpose bool
	// leftOut, when set, leaves out the table's rows with no figure in any cell (but a
	// strong row, the district's) and adds leftOut to the text when it left one out.
	leftOut string
}

// figure returns the figure of a cell.
func (g *grid) figure(row, col axis, latest int) *compute.Figure {
	e := g.entity
	if row.entity != nil {
		e = row.entity
	}
	if col.entity != nil {
		e = col.entity
	}
	year := row.year
	if col.year != 0 {
		year = col.year
	}
	if year == 0 {
		year = latest
	}
	category := cmp.Or(col.category, row.category)
	if g.joinCategories {
		category = metric.GradeBand(row.category, col.category)
	}
	return e.get(year, cmp.Or(col.metric, row.metric), cmp.Or(col.group, row.group), category)
}

// block builds the grid's table and chart; nil when no cell has a figure.
func (pb *pageBuilder) block(g grid) *Block {
	latest := pb.view.latest
	figs := make([][]*compute.Figure, len(g.rows))
	for r, row := range g.rows {
		figs[r] = make([]*compute.Figure, len(g.cols))
		for c, col := range g.cols {
			figs[r][c] = g.figure(row, col, latest)
		}
	}

	// The table: the grid's rows and columns, or with transpose its columns and rows.
	tableRows, tableCols := g.rows, g.cols
	at := func(r, c int) *compute.Figure { return figs[r][c] }
	if g.transpose {
		tableRows, tableCols = g.cols, g.rows
		at = func(r, c int) *compute.Figure { return figs[c][r] }
	}
	heads := make([]string, len(tableCols))
	for i, c := range tableCols {
		heads[i] = c.label
	}
	t := pb.newTable(g.id, g.title, g.rowHead, heads...)
	text := g.text
	leftOut := false
	t.Rows = slices.Grow(t.Rows, len(tableRows))
	for r, a := range tableRows {
		if g.leftOut != "" && !a.strong && noFigure(len(tableCols), func(c int) *compute.Figure { return at(r, c) }) {
			leftOut = true
			continue
		}
		row := Row{Head: a.label, Strong: a.strong, Cells: make([]Cell, 0, len(tableCols))}
		if a.href != "" {
			row.Href = pb.href(a.href)
		}
		for c := range tableCols {
			row.Cells = append(row.Cells, pb.cell(t, at(r, c)))
		}
		t.Rows = append(t.Rows, row)
	}
	if leftOut {
		text = pb.sentences(text, g.leftOut)
	}
	if t.NoneNote != "" { // say which columns the table's metrics without figures lack
		var seen []metric.ID
		for _, a := range append(slices.Clone(g.rows), g.cols...) {
			if a.metric != "" && !slices.Contains(seen, a.metric) {
				seen = append(seen, a.metric)
				if s := pb.lackingText(a.metric); s != "" {
					t.addNoneNote(s)
				}
			}
		}
	}

	// The chart: the grid's rows are its categories, the columns drawn its series.
	var chart *Chart
	if g.chart != noChart && !pb.catalog {
		drawn := g.chartCols
		if drawn == nil {
			drawn = make([]int, len(g.cols))
			for i := range drawn {
				drawn[i] = i
			}
		}
		series := make([]chartSeries, len(drawn))
		for i, c := range drawn {
			series[i].name = g.cols[c].label
		}
		categories := make([]string, 0, len(g.rows))
		percent := true
		for r, row := range g.rows {
			if g.leftOut != "" && !g.transpose && !row.strong && noFigure(len(g.cols), func(c int) *compute.Figure { return figs[r][c] }) {
				continue // left out of the table
			}
			categories = append(categories, row.label)
			for i, c := range drawn {
				f := figs[r][c]
				if f != nil && !f.Suppressed && f.Kind != compute.Share {
					percent = false
				}
				series[i].points = append(series[i].points, pb.point(f, row.label, series[i].name))
			}
		}
		chart = pb.chart(g.id, g.title, chartSpec{kind: g.chart, categories: categories, series: series, percent: percent})
	}
	return block(g.id, g.title, text, chart, t)
}

// noFigure reports whether none of the n cells that at returns has a figure.
func noFigure(n int, at func(int) *compute.Figure) bool {
	for i := range n {
		if at(i) != nil {
			return false
		}
	}
	return true
}

// yearRows returns a row per year of the data.
func (pb *pageBuilder) yearRows() []axis {
	years := pb.view.years
	rows := make([]axis, len(years))
	for i, y := range years {
		rows[i] = axis{label: pb.year(y), year: y}
	}
	return rows
}

// groupAxes returns an axis per group of students.
func (pb *pageBuilder) groupAxes(gs ...string) []axis {
	if len(gs) == 0 {
		gs = groups
	}
	out := make([]axis, len(gs))
	for i, g := range gs {
		out[i] = axis{label: pb.groupName(g), group: g}
	}
	return out
}

// metricAxes returns an axis per metric (of group EL unless the other axis says otherwise).
func (pb *pageBuilder) metricAxes(group string, metrics ...metric.ID) []axis {
	out := make([]axis, len(metrics))
	for i, m := range metrics {
		out[i] = axis{label: pb.metricName(m, ""), metric: m, group: group}
	}
	return out
}

// categoryAxes returns an axis per category of a metric that the entity has.
func (pb *pageBuilder) categoryAxes(e *entity, id metric.ID) []axis {
	cats := e.cats(id)
	if len(cats) == 0 {
		cats = id.Info().Categories.Values
	}
	out := make([]axis, len(cats))
	for i, c := range cats {
		out[i] = axis{label: pb.categoryLabel(id, c), metric: id, category: c}
	}
	return out
}

// schoolRows returns the district's row and a row per school, each linking to its page.
func (pb *pageBuilder) schoolRows(d *compute.District) []axis {
	ix, sc := pb.run.ix, pb.run.scheme
	rows := []axis{{label: pb.districtName(d), entity: ix.districts[d.Code], href: sc.home(pb.lang.Code, d.Code), strong: true}}
	for _, s := range d.Schools {
		rows = append(rows, axis{label: s.Name, entity: ix.schools[s.Code], href: sc.school(pb.lang.Code, d.Code, s.Code)})
	}
	return rows
}
