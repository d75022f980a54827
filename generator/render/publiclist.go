package render

// This file holds the list of districts of a site from DESE's public reports alone with
// several districts (a state's site): each district beside the state, on the measures the
// reports give, each in the latest year they give it.

import (
	"elreport/generator/compute"
	"elreport/generator/metric"
)

// publicListMeasure is a measure the list may show.
type publicListMeasure struct {
	metric          metric.ID
	group, category string
}

// publicListMeasures are the measures the district list of a site from public reports alone
// may show, in order: a measure is a column when some district has its figure, in the latest
// year (up to the headline year) in which some district has it.
var publicListMeasures = []publicListMeasure{
	{metric.MakingProgress, metric.EL, ""},
	{metric.MetExitCriteria, metric.EL, ""},
	{metric.GraduationRate, metric.EL, ""},
	{metric.GraduationRate, metric.AllStudents, ""},
	{metric.AnnualDropoutRate, metric.EL, ""},
	{metric.AnnualDropoutRate, metric.AllStudents, ""},
	{metric.MCASMeeting, metric.EL, "ELA"},
	{metric.MCASMeeting, metric.AllStudents, "ELA"},
	{metric.AnyCollege, metric.EL, ""},
	{metric.AnyCollege, metric.AllStudents, ""},
}

// publicListBlock is the table of the district list of a site from public reports alone: a row
// for the state (when the reports give its figures) and one per district, a column per measure
// of publicListMeasures that some district has, headed by the measure, its group and its year.
func (pb *pageBuilder) publicListBlock(rows []axis) *Block {
	ix := pb.run.ix
	var cols []axis
	for _, m := range publicListMeasures {
		for i := len(pb.view.years) - 1; i >= 0; i-- {
			y := pb.view.years[i]
			if y > pb.view.latest {
				continue
			}
			has := false
			for _, d := range ix.result.Districts {
				if ix.districts[d.Code].get(y, m.metric, m.group, m.category) != nil {
					has = true
					break
				}
			}
			if has {
				label := pb.compareLabel(comparison{metric: m.metric, group: m.group, category: m.category, year: y})
				cols = append(cols, axis{label: label, metric: m.metric, group: m.group, category: m.category, year: y})
				break
			}
		}
	}
	// The state's row: DESE's own figures of the state, as the comparisons show them.
	state := &entity{Type: "state", Code: stateCode, Name: pb.t("compare.state"), figs: map[figKey]*compute.Figure{}}
	for _, c := range cols {
		if pf := pb.run.public.get(c.metric, c.group, c.category, stateCode, c.year); pf != nil {
			f := compute.PublicFigure(*pf, "state", "")
			state.figs[figKey{c.year, c.metric, c.group, c.category}] = &f
		}
	}
	if len(state.figs) > 0 {
		rows = append([]axis{{label: state.Name, entity: state}}, rows...)
	}
	title := pb.t("public_districts.table")
	return pb.block(grid{id: "districts", title: title, text: pb.t("public_districts.text"), rowHead: pb.t("table.district"),
		rows: rows, cols: cols, chart: noChart})
}
