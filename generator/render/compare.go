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
	// compare lists the comparison districts' codes (eight digits) in site.toml's order.
	compare []string
	// names maps an organisation's code to its name in the reports.
	names map[string]string
}

func newPublicSet(files []public.File, compare []string) *publicSet {
	ps := &publicSet{figs: map[publicKey]*public.Figure{}, kinds: map[metric.ID]public.Kind{}, names: map[string]string{}}
	for i := range files {
		f := &files[i]
		for j := range f.Figures {
			fig := &f.Figures[j]
			ps.figs[publicKey{fig.Metric, fig.Group, fig.Category, fig.OrgCode, fig.Year}] = fig
			ps.kinds[fig.Metric] = f.Kind
			if _, ok := ps.names[fig.OrgCode]; !ok {
				ps.names[fig.OrgCode] = fig.OrgName
			}
		}
	}
	for _, c := range compare {
		ps.compare = append(ps.compare, config.PadCode(c))
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
// state's public figure and the district's own figure both exist.
func (pb *pageBuilder) compareRows(e *entity, metrics []metric.ID) []comparison {
	ps := pb.run.public
	if ps == nil || len(ps.figs) == 0 {
		return nil
	}
	years := slices.Clone(pb.run.ix.years)
	slices.Reverse(years)
	var out []comparison
	for _, id := range metrics {
		cats := []string{""}
		if id.Info().Categories != nil {
			cats = e.cats(id)
		}
		for _, group := range []string{metric.EL, metric.AllStudents} {
			for _, cat := range cats {
				for _, y := range years {
					if y > pb.run.ix.latest() {
						continue
					}
					if ps.get(id, group, cat, stateCode, y) != nil && e.get(y, id, group, cat) != nil {
						out = append(out, comparison{id, group, cat, y})
						break
					}
				}
			}
		}
	}
	return out
}

// compareBlock sets the district's figures beside the state's and the comparison districts'
// from DESE's public reports: a table (the difference from the state in points, said in
// words) with a chart, and under it the sources and how definitions differ. nil when the public
// data has nothing on these metrics.
func (pb *pageBuilder) compareBlock(d *compute.District, id string, metrics []metric.ID) *Block {
	e := pb.run.ix.districts[d.Code]
	rows := pb.compareRows(e, metrics)
	if len(rows) == 0 {
		return nil
	}
	ps := pb.run.public
	title := pb.t("compare.title")
	cols := []string{pb.districtName(d), pb.t("compare.state")}
	for _, c := range ps.compare {
		cols = append(cols, cmp.Or(ps.names[c], c))
	}
	cols = append(cols, pb.t("compare.difference"))
	t := pb.newTable(id, title, pb.t("table.measure"), cols...)
	t.rows = [][]string{{"metric", "group", "category", "year", "entity_type", "entity_code", "entity_name", "value", "source", "source_year", "source_file"}}

	series := make([]chartSeries, 2+len(ps.compare))
	series[0].name, series[1].name = cols[0], cols[1]
	for i, c := range ps.compare {
		series[2+i].name = cmp.Or(ps.names[c], c)
	}
	var categories, sources, notes []string
	for _, r := range rows {
		label := pb.compareLabel(r)
		own := e.get(r.year, r.metric, r.group, r.category)
		state := ps.get(r.metric, r.group, r.category, stateCode, r.year)
		cells := []Cell{pb.cell(t, own), pb.publicCell(state)}
		points := []chartPoint{pb.point(own, label, series[0].name), pb.publicPoint(state, label, series[1].name)}
		for i, c := range ps.compare {
			f := ps.get(r.metric, r.group, r.category, c, r.year)
			cells = append(cells, pb.publicCell(f))
			points = append(points, pb.publicPoint(f, label, series[2+i].name))
			if f != nil {
				t.rows = append(t.rows, publicRow(r, "district", f))
			}
		}
		// The difference is worked out from the district's published figure only, and only
		// where the two measure the same thing.
		differs := public.Definition(ps.kinds[r.metric], r.metric) != ""
		diff := Cell{Text: noneMark, None: true, Num: true}
		if v, ok := value(own); ok && state != nil && !state.Suppressed && !differs {
			diff = Cell{Text: pb.pointsWords(v - i18n.Round(state.Value, 1)), Num: true}
		}
		cells = append(cells, diff)
		t.Rows = append(t.Rows, Row{Head: label, Cells: cells})
		ownValue := ""
		if v, ok := value(own); ok {
			ownValue = strconv.FormatFloat(v, 'f', -1, 64)
		}
		t.rows = append(t.rows, []string{string(r.metric), r.group, r.category, strconv.Itoa(r.year), "district", d.Code, d.Name, ownValue, "", "", ""},
			publicRow(r, "state", state))
		if note := pb.tOr("compare.differs_"+string(r.metric), pb.t("compare.differs", "measure", pb.metricName(r.metric, ""))); differs && !slices.Contains(notes, note) {
			notes = append(notes, note)
		}
		src := pb.t("compare.source", "report", state.Source.Report, "year", pb.year(state.Source.Year), "file", state.Source.File)
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
	c := Cell{Text: pb.loc.Percent(f.Value), Num: true}
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

// publicRow is a row of a comparison's download.
func publicRow(r comparison, level string, f *public.Figure) []string {
	if f == nil {
		return []string{string(r.metric), r.group, r.category, strconv.Itoa(r.year), level, "", "", "", "", "", ""}
	}
	v := ""
	if !f.Suppressed {
		v = strconv.FormatFloat(f.Value, 'f', -1, 64)
	}
	return []string{string(r.metric), r.group, r.category, strconv.Itoa(r.year), level, f.OrgCode, f.OrgName, v,
		"DESE " + f.Source.Report, strconv.Itoa(f.Source.Year), f.Source.File}
}

// topicCompareMetrics are the metrics of a topic that DESE's public reports give.
func topicCompareMetrics(topic metric.Topic) []metric.ID {
	switch topic {
	case metric.DropoutRisk:
		return []metric.ID{metric.GraduationRate, metric.CohortDropoutRate, metric.AnnualDropoutRate, metric.MCASMeeting}
	case metric.PostGraduation:
		return []metric.ID{metric.AnyCollege, metric.FourYearCollege, metric.Work, metric.Military, metric.Unknown}
	}
	return nil
}

// homeCompareMetrics are the figures the home page compares.
var homeCompareMetrics = []metric.ID{metric.GraduationRate, metric.AnnualDropoutRate, metric.AnyCollege}
