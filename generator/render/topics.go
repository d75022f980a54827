package render

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"elreport/generator/compute"
)

// topicBlocks returns the blocks of a topic for an entity (a district or a school). Block and
// table ids start with prefix, so that a school page can hold all four topics.
func (pb *pageBuilder) topicBlocks(topic string, e *entity, prefix string) []*Block {
	switch topic {
	case "benchmarks":
		return pb.benchmarkBlocks(e, prefix)
	case "dropout_risk":
		return pb.dropoutBlocks(e, prefix)
	case "gaps":
		return pb.gapBlocks(e, prefix)
	case "post_graduation":
		return pb.planBlocks(e, prefix)
	}
	return nil
}

// latestTitle adds the latest school year to a title.
func (pb *pageBuilder) latestTitle(key string) string {
	return pb.t(key, "year", pb.year(pb.run.ix.latest()))
}

func (pb *pageBuilder) benchmarkBlocks(e *entity, p string) []*Block {
	var s Section
	s.addBlocks(
		pb.block(grid{
			id: p + "progress", title: pb.t("benchmarks.progress.title"), text: pb.t("benchmarks.progress.text"),
			rowHead: pb.t("table.year"), entity: e, rows: pb.yearRows(),
			cols: pb.metricAxes("EL", "tested", "making_progress", "proficient", "not_meeting_benchmark",
				"long_term_el", "high_difficulty"),
			chart: lineChart, chartCols: []int{1, 2},
		}),
		pb.block(grid{
			id: p + "levels", title: pb.t("benchmarks.levels.title"), text: pb.t("benchmarks.levels.text"),
			rowHead: pb.t("table.level"), entity: e, rows: pb.categoryAxes(e, "level_band"),
			cols: pb.yearCols("level_band", "EL"), chart: barChart,
		}),
		pb.block(grid{
			id: p + "growth", title: pb.t("benchmarks.growth.title"), text: pb.t("benchmarks.growth.text"),
			rowHead: pb.t("table.year"), entity: e, rows: pb.yearRows(),
			cols:  append(pb.metricAxes("EL", "sgpa_median"), pb.withGroup(pb.categoryAxes(e, "growth_band"), "EL")...),
			chart: noChart,
		}),
		pb.block(grid{
			id: p + "by-years", title: pb.latestTitle("benchmarks.by_years.title"), text: pb.t("benchmarks.by_years.text"),
			rowHead: pb.t("table.years_in_program"), entity: e, rows: pb.categoryRows(e, "making_progress_by_years", "proficient_by_years"),
			cols: []axis{
				{label: pb.metricName("making_progress", ""), metric: "making_progress_by_years", group: "EL"},
				{label: pb.metricName("proficient", ""), metric: "proficient_by_years", group: "EL"},
			},
			chart: barChart,
		}),
		pb.block(grid{
			id: p + "by-span", title: pb.t("benchmarks.by_span.title"), rowHead: pb.t("table.grade_span"),
			entity: e, rows: pb.withGroup(pb.categoryAxes(e, "making_progress_by_span"), "EL"),
			cols: pb.yearCols("", ""), chart: noChart,
		}),
		pb.block(grid{
			id: p + "by-program", title: pb.t("benchmarks.by_program.title"), rowHead: pb.t("table.program"),
			entity: e, rows: pb.withGroup(pb.categoryAxes(e, "making_progress_by_program"), "EL"),
			cols: pb.yearCols("", ""), chart: noChart,
		}),
	)
	return s.Blocks
}

func (pb *pageBuilder) dropoutBlocks(e *entity, p string) []*Block {
	var s Section
	s.addBlocks(
		pb.block(grid{
			id: p + "ewis", title: pb.latestTitle("dropout.ewis.title"), text: pb.t("dropout.ewis.text"),
			rowHead: pb.t("table.group"), entity: e, rows: pb.groupAxes(),
			cols: pb.categoryAxes(e, "ewis_risk"), chart: barChart,
		}),
		pb.block(grid{
			id: p + "ewis-age", title: pb.latestTitle("dropout.ewis_age.title"), rowHead: pb.t("table.grades"),
			entity: e, rows: pb.categoryAxes(e, "ewis_high_by_age"), cols: pb.groupAxes(), chart: noChart,
		}),
		pb.block(grid{
			id: p + "rates", title: pb.latestTitle("dropout.rates.title"), text: pb.t("dropout.rates.text"),
			rowHead: pb.t("table.measure"), entity: e,
			rows: pb.metricAxes("", "graduation_rate", "cohort_dropout_rate", "annual_dropout_rate", "grade9_course_pass"),
			cols: pb.groupAxes(), chart: barChart, chartCols: []int{0, 1, 2},
		}),
		pb.block(grid{
			id: p + "graduation", title: pb.t("dropout.graduation.title"), rowHead: pb.t("table.year"),
			entity: e, rows: pb.yearRows(), cols: pb.withMetric(pb.groupAxes(), "graduation_rate"),
			chart: lineChart, chartCols: []int{0, 1, 2},
		}),
		pb.block(grid{
			id: p + "dropout", title: pb.t("dropout.annual.title"), rowHead: pb.t("table.year"),
			entity: e, rows: pb.yearRows(), cols: pb.withMetric(pb.groupAxes(), "annual_dropout_rate"),
			chart: noChart,
		}),
		pb.block(grid{
			id: p + "mcas", title: pb.latestTitle("dropout.mcas.title"), rowHead: pb.t("table.subject"),
			entity: e, rows: pb.categoryAxes(e, "mcas_meeting"), cols: pb.groupAxes(), chart: noChart,
		}),
	)
	return s.Blocks
}

func (pb *pageBuilder) planBlocks(e *entity, p string) []*Block {
	var s Section
	s.addBlocks(
		pb.block(grid{
			id: p + "plans", title: pb.latestTitle("plans.plans.title"), text: pb.t("plans.plans.text"),
			rowHead: pb.t("table.plan"), entity: e, rows: pb.categoryAxes(e, "plan_share"),
			cols: pb.groupAxes(), chart: hbarChart, chartCols: []int{0, 2},
		}),
		pb.block(grid{
			id: p + "summary", title: pb.latestTitle("plans.summary.title"), rowHead: pb.t("table.plan"),
			entity: e, rows: pb.metricAxes("", "any_college", "four_year_college", "work", "military", "unknown"),
			cols: pb.groupAxes(), chart: noChart,
		}),
		pb.block(grid{
			id: p + "college", title: pb.t("plans.college.title"), rowHead: pb.t("table.year"),
			entity: e, rows: pb.yearRows(), cols: pb.withMetric(pb.groupAxes(), "any_college"),
			chart: lineChart, chartCols: []int{0, 2},
		}),
	)
	return s.Blocks
}

// yearCols returns a column per year (the latest last) fixing metric and group when given.
func (pb *pageBuilder) yearCols(metric, group string) []axis {
	rows := pb.yearRows()
	for i := range rows {
		rows[i].metric, rows[i].group = metric, group
	}
	return rows
}

// withGroup sets the group of axes.
func (pb *pageBuilder) withGroup(axes []axis, group string) []axis {
	for i := range axes {
		axes[i].group = group
	}
	return axes
}

// withMetric sets the metric of axes.
func (pb *pageBuilder) withMetric(axes []axis, metric string) []axis {
	for i := range axes {
		axes[i].metric = metric
	}
	return axes
}

// categoryRows returns rows for the categories two metrics share (the years in a program),
// without fixing the metric.
func (pb *pageBuilder) categoryRows(e *entity, metrics ...string) []axis {
	var cats []string
	for _, m := range metrics {
		for _, c := range e.cats(m) {
			if !slices.Contains(cats, c) {
				cats = append(cats, c)
			}
		}
	}
	if len(cats) == 0 {
		cats = categoryOrder[metrics[0]]
	}
	slices.SortStableFunc(cats, func(a, b string) int { return compareCategory(metrics[0], a, b) })
	out := make([]axis, len(cats))
	for i, c := range cats {
		out[i] = axis{label: pb.categoryLabel(metrics[0], c), category: c}
	}
	return out
}

// gapMetricOrder is the order of the gap metrics SPEC.md lists; others follow by name.
var gapMetricOrder = []string{"graduation_rate_gap", "cohort_dropout_rate_gap", "annual_dropout_rate_gap",
	"grade9_course_pass_gap", "mcas_meeting_gap", "ewis_high_gap", "any_college_gap"}

// gapMetrics returns the gap metrics of the data ("<base>_gap"), in display order.
func (ix *index) gapMetrics() []string { return ix.gaps }

// sortedGapMetrics lists the gap metrics of the data in display order.
func (ix *index) sortedGapMetrics() []string {
	var out []string
	for m := range ix.metrics {
		if strings.HasSuffix(m, "_gap") {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		ia, ib := slices.Index(gapMetricOrder, a), slices.Index(gapMetricOrder, b)
		if ia < 0 {
			ia = len(gapMetricOrder)
		}
		if ib < 0 {
			ib = len(gapMetricOrder)
		}
		return cmp.Or(cmp.Compare(ia, ib), strings.Compare(a, b))
	})
	return out
}

// gapBase returns the metric and category whose group values a gap compares.
func (ix *index) gapBase(gapMetric, category string) (string, string) {
	base := strings.TrimSuffix(gapMetric, "_gap")
	switch {
	case ix.metrics[base]:
		return base, category
	case base == "ewis_high":
		return "ewis_risk", "High"
	case base == "mcas_meeting_or_exceeding":
		return "mcas_meeting", category
	}
	return base, category
}

// gapRow is one gap of an entity: the metric and category, and its rows' label.
type gapRow struct {
	metric, category, label string
}

// gapRows returns the gaps of an entity in display order.
func (pb *pageBuilder) gapRows(e *entity) []gapRow {
	var rows []gapRow
	for _, m := range pb.run.ix.gapMetrics() {
		cats := e.cats(m)
		if len(cats) == 0 {
			cats = []string{""}
		}
		base := strings.TrimSuffix(m, "_gap")
		for _, c := range cats {
			rows = append(rows, gapRow{metric: m, category: c, label: pb.metricName(base, c)})
		}
	}
	return rows
}

func (pb *pageBuilder) gapBlocks(e *entity, p string) []*Block {
	var s Section
	for _, group := range []string{"EL", "FormerEL"} {
		s.addBlocks(pb.gapBlock(e, p, group))
	}
	// The EL gap across years.
	var rows []axis
	for _, g := range pb.gapRows(e) {
		rows = append(rows, axis{label: g.label, metric: g.metric, category: g.category, group: "EL"})
	}
	s.addBlocks(pb.block(grid{
		id: p + "gap-trend", title: pb.t("gaps.trend.title"), text: pb.t("gaps.trend.text"),
		rowHead: pb.t("table.measure"), entity: e, rows: rows, cols: pb.yearCols("", ""), chart: noChart,
	}))
	return s.Blocks
}

// gapBlock shows, for the latest year, each measure for a group and for students who were never
// ELs side by side, the gap, its change since the year before and whether it is wide.
func (pb *pageBuilder) gapBlock(e *entity, p, group string) *Block {
	ix := pb.run.ix
	year := ix.latest()
	id := p + "gaps-" + strings.ToLower(group)
	title := pb.t("gaps.by_group.title_"+group, "year", pb.year(year))
	t := pb.newTable(id, title, pb.t("table.measure"),
		pb.groupName(group), pb.groupName("NonEL"), pb.t("gaps.col.gap"), pb.t("gaps.col.change"))
	groupSeries := chartSeries{name: pb.groupName(group)}
	nonSeries := chartSeries{name: pb.groupName("NonEL")}
	var categories []string
	for _, g := range pb.gapRows(e) {
		baseMetric, baseCat := ix.gapBase(g.metric, g.category)
		groupFig := e.get(year, baseMetric, group, baseCat)
		nonFig := e.get(year, baseMetric, "NonEL", baseCat)
		gapFig := e.get(year, g.metric, group, g.category)
		changeFig := e.get(year, g.metric+"_change", group, g.category)
		if gapFig == nil && groupFig == nil {
			continue
		}
		t.Rows = append(t.Rows, Row{Head: g.label, Cells: []Cell{
			pb.cell(t, groupFig), pb.cell(t, nonFig), pb.cell(t, gapFig), pb.cell(t, changeFig),
		}})
		if !pb.catalog {
			categories = append(categories, g.label)
			groupSeries.points = append(groupSeries.points, pb.point(groupFig, g.label, groupSeries.name))
			nonSeries.points = append(nonSeries.points, pb.point(nonFig, g.label, nonSeries.name))
		}
	}
	chart := pb.chart(id, title, chartSpec{kind: hbarChart, categories: categories,
		series: []chartSeries{groupSeries, nonSeries}, percent: true})
	return block(id, title, pb.t("gaps.by_group.text", pb.thresholdArgs("group", pb.t("group."+group+".name"))...), chart, t)
}

// schoolsBlock compares the district with each of its schools on a topic's main figures.
func (pb *pageBuilder) schoolsBlock(topic string, d *compute.District) *Block {
	title := pb.latestTitle("schools.compare.title")
	rows := pb.schoolRows(d)
	var cols []axis
	chart, chartCols := hbarChart, []int{1}
	switch topic {
	case "benchmarks":
		cols = pb.metricAxes("EL", "tested", "making_progress", "proficient", "high_difficulty")
	case "dropout_risk":
		cols = pb.metricAxes("EL", "graduation_rate", "annual_dropout_rate", "grade9_course_pass")
		cols = append(cols, axis{label: pb.t("metric.ewis_high.name"), metric: "ewis_risk", category: "High", group: "EL"})
		chartCols = []int{0}
	case "gaps":
		district := pb.run.ix.districts[d.Code]
		for _, g := range pb.gapRows(district) {
			cols = append(cols, axis{label: g.label, metric: g.metric, category: g.category, group: "EL"})
		}
		chart, chartCols = noChart, nil
	case "post_graduation":
		cols = []axis{
			{label: pb.groupName("EL"), metric: "any_college", group: "EL"},
			{label: pb.groupName("NonEL"), metric: "any_college", group: "NonEL"},
			{label: pb.metricForGroup("four_year_college", "EL"), metric: "four_year_college", group: "EL"},
		}
		chartCols = []int{0, 1}
	}
	if len(cols) == 0 {
		return nil
	}
	text := pb.t("schools.compare.text." + topic)
	return pb.block(grid{id: "schools", title: title, text: text, rowHead: pb.t("table.school"),
		rows: rows, cols: cols, chart: chart, chartCols: chartCols})
}

// widestGaps returns an entity's gaps of the latest year, widest first.
func (pb *pageBuilder) widestGaps(e *entity, n int) []*compute.Figure {
	year := pb.run.ix.latest()
	var out []*compute.Figure
	for _, m := range pb.run.ix.gapMetrics() {
		cats := e.cats(m)
		if len(cats) == 0 {
			cats = []string{""}
		}
		for _, c := range cats {
			for _, g := range []string{"EL", "FormerEL"} {
				if f := e.get(year, m, g, c); f != nil && !f.Suppressed {
					out = append(out, f)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *compute.Figure) int {
		return cmp.Compare(math.Abs(b.Value), math.Abs(a.Value))
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
