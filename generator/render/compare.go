package render

// This file holds the comparisons with DESE's public reports: the district's figure beside the
// state's and each comparison district's, for the same year and group, on the topic pages and
// the home page.

import (
	"cmp"
	"slices"
	"strconv"

	"elreport/generator/compute"
	"elreport/generator/config"
	"elreport/generator/i18n"
	"elreport/generator/metric"
	"elreport/generator/public"
)

// stateCode is the code DESE's reports give the state's row.
const stateCode = "00000000"

// publicKey finds a public figure.
type publicKey struct {
	metric               metric.ID
	group, category, org string
	year                 int
}

// publicSet is the public figures of the site, indexed.
type publicSet struct {
	figs map[publicKey]*public.Figure
	// kinds maps a metric to the report its figures come from (for definitions).
	kinds map[metric.ID]public.Kind
	// compare lists, per district of the site, the codes (eight digits) of the districts
	// compared with it, in order.
	compare map[string][]string
	// names maps an organisation's code to its name in the reports.
	names map[string]string
}

func newPublicSet(files []public.File, compare map[string][]string) *publicSet {
	ps := &publicSet{figs: map[publicKey]*public.Figure{}, kinds: map[metric.ID]public.Kind{},
		names: map[string]string{}, compare: map[string][]string{}}
	for i := range files {
		f := &files[i]
		for _, o := range f.Orgs {
			if _, ok := ps.names[o.Code]; !ok {
				ps.names[o.Code] = o.Name
			}
		}
		for j := range f.Figures {
			fig := &f.Figures[j]
			ps.figs[publicKey{fig.Metric, fig.Group, fig.Category, fig.OrgCode, fig.Year}] = fig
			ps.kinds[fig.Metric] = f.Kind
			if _, ok := ps.names[fig.OrgCode]; !ok {
				ps.names[fig.OrgCode] = fig.OrgName
			}
		}
	}
	for d, codes := range compare {
		for _, c := range codes {
			// A district is never compared with itself: DESE's figure for it would sit
			// beside the site's own, hidden or not.
			if c = config.PadCode(c); c != config.PadCode(d) {
				ps.compare[d] = append(ps.compare[d], c)
			}
		}
	}
	return ps
}

// get returns a public figure, or nil.
func (ps *publicSet) get(id metric.ID, group, category, org string, year int) *public.Figure {
	return ps.figs[publicKey{id, group, category, org, year}]
}

// comparison is one row of a comparison: a figure of the district and the public figures of
// the same metric, group, category and year.
type comparison struct {
	metric          metric.ID
	group, category string
	year            int
}

// compareRows returns the comparisons of a district on the given metrics: for each metric,
// group (EL, then All) and category, the latest year up to the headline year in which the
// district's own figure exists and so does the state's public figure or a comparison
// district's (the state is compared whenever its figure is there).
func (pb *pageBuilder) compareRows(e *entity, district string, metrics []metric.ID) []comparison {
	ps := pb.run.public
	if ps == nil || len(ps.figs) == 0 {
		return nil
	}
	years := slices.Clone(pb.view.years)
	slices.Reverse(years)
	public := func(id metric.ID, group, cat string, y int) bool {
		if ps.get(id, group, cat, stateCode, y) != nil {
			return true
		}
		return slices.ContainsFunc(ps.compare[district], func(c string) bool { return ps.get(id, group, cat, c, y) != nil })
	}
	var out []comparison
	for _, id := range metrics {
		cats := []string{""}
		if id.Info().Categories != nil {
			cats = e.cats(id)
		}
		for _, group := range []string{metric.EL, metric.AllStudents} {
			for _, cat := range cats {
				for _, y := range years {
					if y > pb.view.latest {
						continue
					}
					if e.get(y, id, group, cat) != nil && public(id, group, cat, y) {
						out = append(out, comparison{id, group, cat, y})
						break
					}
				}
			}
		}
	}
	return out
}

// maxCompareSeries is how many comparison districts a comparison's chart draws one by one; with
// more, it draws their median (the table has each).
const maxCompareSeries = 3

// compareBlock sets the district's figures beside the state's and the comparison districts'
// from DESE's public reports: a table (the difference from the state in points, said in
// words) with a chart, and under it the sources and how definitions differ. nil when the public
// data has nothing on these metrics.
func (pb *pageBuilder) compareBlock(d *compute.District, id string, metrics []metric.ID) *Block {
	e := pb.run.ix.districts[d.Code]
	rows := pb.compareRows(e, d.Code, metrics)
	if len(rows) == 0 {
		return nil
	}
	ps := pb.run.public
	// The state's column, when the reports give the state's figure in some row.
	hasState := slices.ContainsFunc(rows, func(r comparison) bool {
		return ps.get(r.metric, r.group, r.category, stateCode, r.year) != nil
	})
	// The comparison districts with a figure in some row.
	var comps []string
	for _, c := range ps.compare[d.Code] {
		for _, r := range rows {
			if ps.get(r.metric, r.group, r.category, c, r.year) != nil {
				comps = append(comps, c)
				break
			}
		}
	}
	title := pb.t("compare.title")
	cols := []string{pb.districtName(d)}
	if hasState {
		cols = append(cols, pb.t("compare.state"))
	}
	for _, c := range comps {
		cols = append(cols, cmp.Or(ps.names[c], c))
	}
	if hasState {
		cols = append(cols, pb.t("compare.difference"))
	}
	t := pb.newTable(id, title, pb.t("table.measure"), cols...)
	t.rows = [][]string{{"metric", "group", "category", "year", "entity_type", "entity_code", "entity_name", "value", "denominator", "suppressed", "source", "source_year", "source_file"}}

	series := []chartSeries{{name: cols[0]}}
	if hasState {
		series = append(series, chartSeries{name: cols[1]})
	}
	median := len(comps) > maxCompareSeries
	if median {
		series = append(series, chartSeries{name: pb.t("compare.median")})
	} else {
		for _, c := range comps {
			series = append(series, chartSeries{name: cmp.Or(ps.names[c], c)})
		}
	}
	var categories, sources, notes []string
	for _, r := range rows {
		label := pb.compareLabel(r)
		own := e.get(r.year, r.metric, r.group, r.category)
		state := ps.get(r.metric, r.group, r.category, stateCode, r.year)
		cells := []Cell{pb.cell(t, own)}
		points := []chartPoint{pb.point(own, label, series[0].name)}
		ownRow := []string{string(r.metric), r.group, r.category, strconv.Itoa(r.year), "district", d.Code, d.Name, "", "", "true", "", "", ""}
		if v, ok := value(own); ok {
			ownRow[7], ownRow[8], ownRow[9] = strconv.FormatFloat(v, 'f', -1, 64), strconv.Itoa(own.Denominator), "false"
		}
		if pf := ps.get(r.metric, r.group, r.category, d.Code, r.year); pb.run.site.PublicOnly && pf != nil {
			// On a site from the public reports alone the district's figure is DESE's too.
			ownRow[10], ownRow[11], ownRow[12] = "DESE "+pf.Source.Report, strconv.Itoa(pf.Source.Year), pf.Source.File
		}
		t.rows = append(t.rows, ownRow)
		if hasState {
			cells = append(cells, pb.publicCell(state))
			points = append(points, pb.publicPoint(state, label, series[1].name))
			t.rows = append(t.rows, publicRow(r, "state", stateCode, ps.names[stateCode], state))
		}
		// The row's source: the state's figure, else the first comparison district's.
		source := state
		var values []float64
		for _, c := range comps {
			f := ps.get(r.metric, r.group, r.category, c, r.year)
			if source == nil {
				source = f
			}
			cells = append(cells, pb.publicCell(f))
			t.rows = append(t.rows, publicRow(r, "comparison", c, ps.names[c], f))
			if f != nil && !f.Suppressed {
				values = append(values, i18n.Round(f.Value, 1))
			}
			if !median {
				points = append(points, pb.publicPoint(f, label, cmp.Or(ps.names[c], c)))
			}
		}
		if median {
			var m *public.Figure
			if len(values) > 0 {
				m = &public.Figure{Value: medianOf(values)}
			}
			points = append(points, pb.publicPoint(m, label, series[len(series)-1].name))
		}
		// The difference is worked out from the district's published figure only, and only
		// where the two measure the same thing.
		// On a site from the public reports alone, the district's figure is DESE's too.
		differs := !pb.run.site.PublicOnly && public.Definition(ps.kinds[r.metric], r.metric) != ""
		if hasState {
			diff := Cell{Text: noneMark, None: true, Num: true}
			if v, ok := value(own); ok && state != nil && !state.Suppressed && !differs {
				d := i18n.Round(v-i18n.Round(state.Value, 1), 1)
				diff = Cell{Text: pb.pointsWords(d), Num: true, Sort: sortKey(d)}
			}
			cells = append(cells, diff)
		}
		t.Rows = append(t.Rows, Row{Head: label, Cells: cells})
		if note := pb.differsNote(r.metric); differs && !slices.Contains(notes, note) {
			notes = append(notes, note)
		}
		src := pb.t("compare.source", "report", source.Source.Report, "year", pb.year(source.Source.Year), "file", source.Source.File)
		if !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
		if !pb.catalog {
			categories = append(categories, label)
			for i := range series {
				series[i].points = append(series[i].points, points[i])
			}
		}
	}
	chart := pb.chart(id, title, chartSpec{kind: hbarChart, categories: categories, series: series, percent: true})
	text := pb.t("compare.text")
	for _, n := range notes {
		text = pb.sentences(text, n)
	}
	b := block(id, title, text, chart, t)
	if b != nil {
		b.Sources = sources
	}
	return b
}

// differsNote says why a metric of DESE's is not set against the site's own: the metric's own
// words where there are some, else the general sentence.
func (pb *pageBuilder) differsNote(id metric.ID) string {
	general := pb.t("compare.differs", "measure", pb.metricName(id, ""))
	return pb.tOr("compare_differs."+string(id), pb.tOr("compare.differs_"+string(id), general))
}

// medianOf returns the median of values (not empty), sorting them.
func medianOf(values []float64) float64 {
	slices.Sort(values)
	n := len(values)
	if n%2 == 1 {
		return values[n/2]
	}
	return i18n.Round((values[n/2-1]+values[n/2])/2, 1)
}

// compareLabel names a comparison's row: the measure (and category), its group and year.
func (pb *pageBuilder) compareLabel(r comparison) string {
	measure := pb.t("compose.metric_group", "metric", pb.metricName(r.metric, r.category), "group", pb.groupName(r.group))
	return pb.t("compare.row", "measure", measure, "year", pb.year(r.year))
}

// publicCell is the cell of a public figure: DESE's figures are shown as DESE published them
// (not suppressed again); one DESE left blank says so.
func (pb *pageBuilder) publicCell(f *public.Figure) Cell {
	switch {
	case f == nil:
		return Cell{Text: noneMark, None: true, Num: true}
	case f.Suppressed:
		return Cell{Text: pb.t("compare.not_reported"), Num: true}
	}
	c := Cell{Text: pb.loc.Percent(f.Value), Num: true, Sort: sortKey(i18n.Round(f.Value, 1))}
	if f.Denominator > 0 {
		c.Of = pb.t("reading.of_total", "n", pb.loc.Int(f.Denominator))
	}
	return c
}

// publicPoint is a chart point of a public figure.
func (pb *pageBuilder) publicPoint(f *public.Figure, category, series string) chartPoint {
	if f == nil || f.Suppressed {
		return chartPoint{}
	}
	v := i18n.Round(f.Value, 1)
	label := pb.loc.Percent(v)
	return chartPoint{value: v, ok: true, label: label, tip: category + "\n" + series + ": " + label}
}

// pointsWords says a difference in points in words: "4.2 points higher", "the same".
func (pb *pageBuilder) pointsWords(d float64) string {
	d = i18n.Round(d, 1)
	switch {
	case d < 0:
		return pb.loc.NDecimal("reading.gap_lower", -d, 1)
	case d > 0:
		return pb.loc.NDecimal("reading.gap_higher", d, 1)
	}
	return pb.t("reading.gap_none")
}

// publicRow is a row of a comparison's download: a public figure of the state or of the
// comparison district code (named name), its value and source blank when the reports have
// none, so that a spreadsheet still says whose figure is missing.
func publicRow(r comparison, level, code, name string, f *public.Figure) []string {
	row := []string{string(r.metric), r.group, r.category, strconv.Itoa(r.year), level, code, name, "", "", "", "", "", ""}
	if f == nil {
		return row
	}
	row[5], row[6], row[9] = f.OrgCode, f.OrgName, strconv.FormatBool(f.Suppressed)
	if !f.Suppressed {
		row[7] = strconv.FormatFloat(f.Value, 'f', -1, 64)
	}
	if f.Denominator > 0 {
		row[8] = strconv.Itoa(f.Denominator)
	}
	row[10], row[11], row[12] = "DESE "+f.Source.Report, strconv.Itoa(f.Source.Year), f.Source.File
	return row
}

// topicCompareMetrics are the metrics of a topic that DESE's public reports give.
func topicCompareMetrics(topic metric.Topic) []metric.ID {
	switch topic {
	case metric.Benchmarks:
		return []metric.ID{metric.MakingProgress, metric.MetExitCriteria, metric.ParticipationRate}
	case metric.DropoutRisk:
		return []metric.ID{metric.GraduationRate, metric.CohortDropoutRate, metric.AnnualDropoutRate, metric.MCASMeeting}
	case metric.PostGraduation:
		return []metric.ID{metric.AnyCollege, metric.FourYearCollege, metric.Work, metric.Military, metric.Unknown}
	}
	return nil
}

// gapsNotCompared is the section the gaps page has in place of a comparison when the district's
// other pages set its figures beside DESE's public reports: it says why the state's and other
// districts' gaps are not beside the district's. DESE's reports give English learners and all
// students (former English learners among them), never the students who were never English
// learners whom the site's gaps are taken against, so no public gap has the site's definition.
// nil on other topics, on a site without public figures of the district, and where the site
// has no gaps to set anything beside (a site from the public reports alone, whose gaps page says
// it has none).
func (pb *pageBuilder) gapsNotCompared(d *compute.District, topic metric.Topic) *Section {
	if topic != metric.Gaps || !pb.view.lacking.hasInput(metric.Gaps) || !pb.comparedElsewhere(d) {
		return nil
	}
	return &Section{ID: "compare", Title: pb.t("compare.section"), Intro: pb.t("compare_gaps.not_shown")}
}

// comparedElsewhere says whether some page of the district (its home page or a topic page)
// sets its figures beside the public reports' figures.
func (pb *pageBuilder) comparedElsewhere(d *compute.District) bool {
	e := pb.run.ix.districts[d.Code]
	if len(pb.compareRows(e, d.Code, homeCompareMetrics)) > 0 {
		return true
	}
	return slices.ContainsFunc(topics, func(t metric.Topic) bool {
		return len(pb.compareRows(e, d.Code, topicCompareMetrics(t))) > 0
	})
}

// homeCompareMetrics are the figures the home page compares.
var homeCompareMetrics = []metric.ID{metric.GraduationRate, metric.AnnualDropoutRate, metric.AnyCollege}
