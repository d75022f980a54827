package render

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"elreport/generator/compute"
	"elreport/generator/metric"
)

// topicBlocks returns the blocks of a topic for an entity (a district or a school). Block and
// table ids start with prefix, so that a school page can hold all four topics.
func (pb *pageBuilder) topicBlocks(topic metric.Topic, e *entity, prefix string) []*Block {
	switch topic {
	case metric.Benchmarks:
		return pb.benchmarkBlocks(e, prefix)
	case metric.DropoutRisk:
		return pb.dropoutBlocks(e, prefix)
	case metric.Gaps:
		return pb.gapBlocks(e, prefix)
	case metric.PostGraduation:
		return pb.planBlocks(e, prefix)
	}
	return nil
}

// latestTitle adds the latest school year to a title.
func (pb *pageBuilder) latestTitle(key string) string {
	return pb.t(key, "year", pb.year(pb.view.latest))
}

// domainBands are the level bands of the four ACCESS domains, the columns of the domains table.
var domainBands = []metric.ID{metric.ListeningBand, metric.SpeakingBand, metric.ReadingBand, metric.WritingBand}

func (pb *pageBuilder) benchmarkBlocks(e *entity, p string) []*Block {
	var s Section
	s.addBlocks(
		// Nine measures: down the table, the years across it (side by side, nine columns are
		// too wide for a laptop's screen in Spanish); the chart draws two across the years.
		pb.block(grid{
			id: p + "progress", title: pb.t("benchmarks.progress.title"), text: pb.t("benchmarks.progress.text"),
			rowHead: pb.t("table.measure"), entity: e, rows: pb.yearRows(),
			cols: pb.metricAxes("EL", metric.Tested, metric.ParticipationRate, metric.AltTested, metric.MakingProgress,
				metric.Proficient, metric.MetExitCriteria, metric.NotMeetingBenchmark, metric.LongTermEL, metric.HighDifficulty),
			chart: lineChart, chartCols: []int{3, 4}, transpose: true,
		}),
		pb.block(grid{
			id: p + "exit", title: pb.t("benchmarks.exit.title"),
			text:    pb.t("benchmarks.exit.text", "exit_overall", pb.loc.Number(4.2, 1), "exit_literacy", pb.loc.Number(3.9, 1)),
			rowHead: pb.t("table.year"), entity: e, rows: pb.yearRows(),
			cols:  pb.metricAxes("EL", metric.MetExitCriteria, metric.ExitedAfterExitCriteria, metric.NotProficientSixYears),
			chart: noChart,
		}),
		pb.block(grid{
			id: p + "levels", title: pb.t("benchmarks.levels.title"), text: pb.t("benchmarks.levels.text"),
			rowHead: pb.t("table.level"), entity: e, rows: pb.categoryAxes(e, metric.LevelBand),
			cols: pb.yearCols(metric.LevelBand, "EL"), chart: barChart,
		}),
		pb.block(grid{
			id: p + "domains", title: pb.latestTitle("benchmarks.domains.title"), text: pb.t("benchmarks.domains.text"),
			rowHead: pb.t("table.level"), entity: e, rows: pb.categoryRows(e, domainBands...),
			cols: []axis{
				{label: pb.t("benchmarks.domains.listening"), metric: metric.ListeningBand, group: "EL"},
				{label: pb.t("benchmarks.domains.speaking"), metric: metric.SpeakingBand, group: "EL"},
				{label: pb.t("benchmarks.domains.reading"), metric: metric.ReadingBand, group: "EL"},
				{label: pb.t("benchmarks.domains.writing"), metric: metric.WritingBand, group: "EL"},
			},
			chart: barChart,
		}),
		pb.block(grid{
			id: p + "by-grade", title: pb.latestTitle("benchmarks.by_grade.title"), text: pb.t("benchmarks.by_grade.text"),
			rowHead: pb.t("table.grade"), entity: e, rows: pb.gradeRows(e),
			cols:  pb.withGroup(pb.withMetric(pb.categoryAxes(e, metric.LevelBand), metric.LevelBandByGrade), "EL"),
			chart: noChart, joinCategories: true,
		}),
		pb.block(grid{
			id: p + "growth", title: pb.t("benchmarks.growth.title"), text: pb.t("benchmarks.growth.text"),
			rowHead: pb.t("table.year"), entity: e, rows: pb.yearRows(),
			cols:  append(pb.metricAxes("EL", metric.SGPAMedian), pb.withGroup(pb.categoryAxes(e, metric.GrowthBand), "EL")...),
			chart: noChart,
		}),
		pb.block(grid{
			id: p + "by-years", title: pb.latestTitle("benchmarks.by_years.title"), text: pb.t("benchmarks.by_years.text"),
			rowHead: pb.t("table.years_in_program"), entity: e, rows: pb.categoryRows(e, metric.MakingProgressByYears, metric.ProficientByYears),
			cols: []axis{
				{label: pb.metricName(metric.MakingProgress, ""), metric: metric.MakingProgressByYears, group: "EL"},
				{label: pb.metricName(metric.Proficient, ""), metric: metric.ProficientByYears, group: "EL"},
			},
			chart: barChart,
		}),
		pb.block(grid{
			id: p + "by-span", title: pb.t("benchmarks.by_span.title"), rowHead: pb.t("table.grade_span"),
			entity: e, rows: pb.withGroup(pb.categoryAxes(e, metric.MakingProgressBySpan), "EL"),
			cols: pb.yearCols("", ""), chart: noChart,
		}),
		pb.block(grid{
			id: p + "by-program", title: pb.t("benchmarks.by_program.title"), rowHead: pb.t("table.program"),
			entity: e, rows: pb.withGroup(pb.categoryAxes(e, metric.MakingProgressByProgram), "EL"),
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
			cols: pb.categoryAxes(e, metric.EWISRisk), chart: barChart,
		}),
		pb.block(grid{
			id: p + "ewis-age", title: pb.latestTitle("dropout.ewis_age.title"), rowHead: pb.t("table.grades"),
			entity: e, rows: pb.categoryAxes(e, metric.EWISHighByAge), cols: pb.groupAxes(), chart: noChart,
		}),
		pb.block(grid{
			id: p + "rates", title: pb.latestTitle("dropout.rates.title"), text: pb.t("dropout.rates.text"),
			rowHead: pb.t("table.measure"), entity: e,
			rows: pb.metricAxes("", metric.GraduationRate, metric.CohortDropoutRate, metric.AnnualDropoutRate, metric.Grade9CoursePass),
			cols: pb.groupAxes(), chart: barChart, chartCols: []int{0, 1, 2},
		}),
		pb.block(grid{
			id: p + "graduation", title: pb.t("dropout.graduation.title"), rowHead: pb.t("table.year"),
			entity: e, rows: pb.yearRows(), cols: pb.withMetric(pb.groupAxes(), metric.GraduationRate),
			chart: lineChart, chartCols: []int{0, 1, 2},
		}),
		pb.block(grid{
			id: p + "dropout", title: pb.t("dropout.annual.title"), rowHead: pb.t("table.year"),
			entity: e, rows: pb.yearRows(), cols: pb.withMetric(pb.groupAxes(), metric.AnnualDropoutRate),
			chart: noChart,
		}),
		pb.block(grid{
			id: p + "mcas", title: pb.latestTitle("dropout.mcas.title"), rowHead: pb.t("table.subject"),
			entity: e, rows: pb.categoryAxes(e, metric.MCASMeeting), cols: pb.groupAxes(), chart: noChart,
		}),
	)
	return s.Blocks
}

func (pb *pageBuilder) planBlocks(e *entity, p string) []*Block {
	var s Section
	s.addBlocks(
		pb.block(grid{
			id: p + "plans", title: pb.latestTitle("plans.plans.title"), text: pb.t("plans.plans.text"),
			rowHead: pb.t("table.plan"), entity: e, rows: pb.categoryAxes(e, metric.PlanShare),
			cols: pb.groupAxes(), chart: hbarChart, chartCols: []int{0, 2},
		}),
		pb.block(grid{
			id: p + "summary", title: pb.latestTitle("plans.summary.title"), rowHead: pb.t("table.plan"),
			entity: e, rows: pb.metricAxes("", metric.AnyCollege, metric.FourYearCollege, metric.Work, metric.Military, metric.Unknown),
			cols: pb.groupAxes(), chart: noChart,
		}),
		pb.block(grid{
			id: p + "college", title: pb.t("plans.college.title"), rowHead: pb.t("table.year"),
			entity: e, rows: pb.yearRows(), cols: pb.withMetric(pb.groupAxes(), metric.AnyCollege),
			chart: lineChart, chartCols: []int{0, 2},
		}),
	)
	return s.Blocks
}

// yearCols returns a column per year (the latest last) fixing metric and group when given.
func (pb *pageBuilder) yearCols(id metric.ID, group string) []axis {
	rows := pb.yearRows()
	for i := range rows {
		rows[i].metric, rows[i].group = id, group
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
func (pb *pageBuilder) withMetric(axes []axis, id metric.ID) []axis {
	for i := range axes {
		axes[i].metric = id
	}
	return axes
}

// categoryRows returns rows for the categories two metrics share (the years in a program),
// without fixing the metric.
func (pb *pageBuilder) categoryRows(e *entity, metrics ...metric.ID) []axis {
	var cats []string
	for _, m := range metrics {
		for _, c := range e.cats(m) {
			if !slices.Contains(cats, c) {
				cats = append(cats, c)
			}
		}
	}
	if len(cats) == 0 {
		cats = metrics[0].Info().Categories.Values
	}
	slices.SortStableFunc(cats, func(a, b string) int { return compareCategory(metrics[0], a, b) })
	out := make([]axis, len(cats))
	for i, c := range cats {
		out[i] = axis{label: pb.categoryLabel(metrics[0], c), category: c}
	}
	return out
}

// gradeRows returns a row per grade of level_band_by_grade that the entity has (every grade
// when it has none), without fixing the metric.
func (pb *pageBuilder) gradeRows(e *entity) []axis {
	var grades []string
	for _, c := range e.cats(metric.LevelBandByGrade) {
		if g, _, ok := metric.SplitGradeBand(c); ok && !slices.Contains(grades, g) {
			grades = append(grades, g)
		}
	}
	if len(grades) == 0 {
		grades = metric.Grades
	}
	slices.SortStableFunc(grades, func(a, b string) int {
		return cmp.Compare(slices.Index(metric.Grades, a), slices.Index(metric.Grades, b))
	})
	out := make([]axis, len(grades))
	for i, g := range grades {
		out[i] = axis{label: g, category: g}
	}
	return out
}

// gapMetrics returns the gap metrics of the data (<base>_gap), in display order.
func (ix *index) gapMetrics() []metric.ID { return ix.gaps }

// gapBase returns the metric and category whose group values a gap (or its change) compares.
func gapBase(gap metric.ID, category string) (metric.ID, string) {
	g := gap.Info().Gap
	if g.Category != "" {
		return g.Base, g.Category
	}
	return g.Base, category
}

// gapRow is one gap of an entity: the metric and category, and its rows' label.
type gapRow struct {
	metric          metric.ID
	category, label string
}

// gapRows returns the gaps of an entity in display order.
func (pb *pageBuilder) gapRows(e *entity) []gapRow {
	var rows []gapRow
	for _, m := range pb.run.ix.gapMetrics() {
		cats := e.cats(m)
		if len(cats) == 0 {
			cats = []string{""}
		}
		for _, c := range cats {
			rows = append(rows, gapRow{metric: m, category: c, label: pb.gapLabel(m, c)})
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
	year := pb.view.latest
	id := p + "gaps-" + strings.ToLower(group)
	title := pb.t("gaps.by_group.title_"+group, "year", pb.year(year))
	t := pb.newTable(id, title, pb.t("table.measure"),
		pb.groupName(group), pb.groupName("NonEL"), pb.t("gaps.col.gap"), pb.t("gaps.col.change"))
	groupSeries := chartSeries{name: pb.groupName(group)}
	nonSeries := chartSeries{name: pb.groupName("NonEL")}
	var categories []string
	for _, g := range pb.gapRows(e) {
		baseMetric, baseCat := gapBase(g.metric, g.category)
		groupFig := e.get(year, baseMetric, group, baseCat)
		nonFig := e.get(year, baseMetric, "NonEL", baseCat)
		gapFig := e.get(year, g.metric, group, g.category)
		change, _ := g.metric.Change()
		changeFig := e.get(year, change, group, g.category)
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

// schoolsBlocks compares the district with each of its schools on a topic's main figures: a
// table, and for the gaps a table of each span of grades (metric.GapSpans), which leaves out
// the schools with none of its figures.
func (pb *pageBuilder) schoolsBlocks(topic metric.Topic, d *compute.District) []*Block {
	title := pb.latestTitle("schools.compare.title")
	text := pb.t("schools.compare.text." + string(topic))
	rows := pb.schoolRows(d)
	var cols []axis
	chart, chartCols := hbarChart, []int{1}
	switch topic {
	case metric.Benchmarks:
		cols = pb.metricAxes("EL", metric.Tested, metric.MakingProgress, metric.Proficient, metric.HighDifficulty)
	case metric.DropoutRisk:
		cols = pb.metricAxes("EL", metric.GraduationRate, metric.AnnualDropoutRate, metric.Grade9CoursePass)
		ewisHigh := metric.EWISHighGap.Info().Gap
		cols = append(cols, axis{label: pb.t(ewisHigh.NameKey), metric: ewisHigh.Base, category: ewisHigh.Category, group: "EL"})
		chartCols = []int{0}
	case metric.Gaps:
		// Every gap side by side is too wide for a page (nine columns, most of them empty
		// for most schools): a table of each span.
		district := pb.run.ix.districts[d.Code]
		var blocks []*Block
		for _, span := range metric.GapSpans() {
			var cols []axis
			for _, g := range pb.gapRows(district) {
				if s, _ := g.metric.Span(); s == span {
					cols = append(cols, axis{label: g.label, metric: g.metric, category: g.category, group: "EL"})
				}
			}
			if len(cols) == 0 {
				continue
			}
			spanTitle := pb.t("schools.gaps."+string(span), "year", pb.year(pb.view.latest))
			blocks = append(blocks, pb.block(grid{id: "schools-" + strings.ReplaceAll(string(span), "_", "-"),
				title: spanTitle, text: text, rowHead: pb.t("table.school"), rows: rows, cols: cols,
				chart: noChart, leftOut: pb.t("schools.gaps.left_out")}))
		}
		return blocks
	case metric.PostGraduation:
		cols = []axis{
			{label: pb.groupName("EL"), metric: metric.AnyCollege, group: "EL"},
			{label: pb.groupName("NonEL"), metric: metric.AnyCollege, group: "NonEL"},
			{label: pb.metricForGroup(metric.FourYearCollege, "EL"), metric: metric.FourYearCollege, group: "EL"},
		}
		chartCols = []int{0, 1}
	}
	if len(cols) == 0 {
		return nil
	}
	return []*Block{pb.block(grid{id: "schools", title: title, text: text, rowHead: pb.t("table.school"),
		rows: rows, cols: cols, chart: chart, chartCols: chartCols})}
}

// widestGaps returns an entity's gaps of the latest year, widest first.
func (pb *pageBuilder) widestGaps(e *entity, n int) []*compute.Figure {
	year := pb.view.latest
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
