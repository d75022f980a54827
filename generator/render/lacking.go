package render

import (
	"slices"
	"strings"

	"elreport/generator/load"
	"elreport/generator/metric"
)

// lacking is what the data cannot give: the metrics an input column is absent for (a file
// missing, or a header without the column), which compute did not compute, and the topics
// left with none of their metrics. A page never shows such a metric as 0; it says which
// columns would give it.
type lacking struct {
	// metrics maps a metric to the input columns it lacks.
	metrics map[metric.ID][]lackingColumn
	// topics lists, in order, the topics with at least one metric the data can give: the
	// navigation, home page and school pages show only these.
	topics []metric.Topic
}

// lackingColumn is an input column the data lacks, with the name of its file in the data
// folder ("ACCESS Student Data 2025.csv" when [data.files] names it so); file says the whole
// file is missing.
type lackingColumn struct {
	metric.Column
	fileName string
	file     bool
}

// newLacking reads what is lacking from a load's report (nothing without one).
func newLacking(report *load.Report) lacking {
	l := lacking{metrics: make(map[metric.ID][]lackingColumn)}
	if report == nil {
		l.topics = topics
		return l
	}
	column := func(c metric.Column) lackingColumn {
		// The file named is the input's first one read without the column, else its first.
		lc := lackingColumn{Column: c, fileName: c.File + ".csv", file: true}
		first := ""
		for _, f := range report.Files {
			if f.Input != c.File {
				continue
			}
			if first == "" {
				first = f.PublicName()
			}
			if !f.Missing && f.Err == nil {
				lc.file = false
				if slices.Contains(f.Absent, c.Name) {
					first = f.PublicName()
					break
				}
			}
		}
		if first != "" {
			lc.fileName = first
		}
		return lc
	}
	lacks := func(c metric.Column) bool { return report.Lacks(c.File, c.Name) }
	for _, m := range metric.Catalogue() {
		for _, c := range m.Lacking(lacks) {
			l.metrics[m.ID] = append(l.metrics[m.ID], column(c))
		}
	}
	for _, t := range topics {
		if slices.ContainsFunc(metric.OfTopic(t), func(m metric.Metric) bool { return l.metrics[m.ID] == nil }) {
			l.topics = append(l.topics, t)
		}
	}
	return l
}

// publicOnlyKeys are the translations a site built from DESE's public reports alone says
// instead of the usual ones: its figures are DESE's, and what it lacks is the district's own
// files rather than columns of them.
var publicOnlyKeys = map[string]string{
	"site.footer":      "public_only.footer",
	"data.intro":       "public_only.data_intro",
	"data.suppression": "public_only.data_suppression",
	"lacking.intro":    "public_only.lacking_intro",
	"lacking.topic":    "public_only.lacking_topic",
}

// newLackingPublic is what a site built from DESE's public reports alone lacks: every metric
// of which the reports give no figure (given lists those they give), for want of the
// district's own files it is made from (the files of its inputs); a topic has input when the
// reports give some figure of it.
func newLackingPublic(given map[metric.ID]bool) lacking {
	l := lacking{metrics: make(map[metric.ID][]lackingColumn)}
	for _, m := range metric.Catalogue() {
		if given[m.ID] {
			continue
		}
		if m.Gap != nil {
			// A gap sets English learners against students never English learners, a group
			// DESE's reports read here do not give; the gaps page says it has nothing.
			l.metrics[m.ID] = []lackingColumn{}
			continue
		}
		var cols []lackingColumn
		for _, c := range m.Inputs {
			if !slices.ContainsFunc(cols, func(l lackingColumn) bool { return l.File == c.File }) {
				cols = append(cols, lackingColumn{Column: c, fileName: c.File + ".csv", file: true})
			}
		}
		l.metrics[m.ID] = cols
	}
	for _, t := range topics {
		if slices.ContainsFunc(metric.OfTopic(t), func(m metric.Metric) bool { return given[m.ID] }) {
			l.topics = append(l.topics, t)
		}
	}
	return l
}

// hasInput says whether the data gives some metric of a topic.
func (l *lacking) hasInput(t metric.Topic) bool { return slices.Contains(l.topics, t) }

// available returns the metrics the data can give, in order: a summary table (the home page's
// schools, the district list) leaves out a column that would have no figure anywhere; the
// topic pages say what it lacks.
func (pb *pageBuilder) available(ids ...metric.ID) []metric.ID {
	return slices.DeleteFunc(ids, func(id metric.ID) bool { return pb.view.lacking.metrics[id] != nil })
}

// lackingText says why a metric has no figure: "Long-term English learners: not computed,
// because the data has no years_in_program column in access.csv". Empty when nothing lacks.
func (pb *pageBuilder) lackingText(id metric.ID) string {
	cols := pb.view.lacking.metrics[id]
	if len(cols) == 0 {
		return ""
	}
	var parts []string
	var files []string
	for _, c := range cols {
		file := c.fileName
		if c.file {
			if !slices.Contains(files, file) {
				files = append(files, file)
				parts = append(parts, pb.t("lacking.file", "file", file))
			}
			continue
		}
		parts = append(parts, pb.t("lacking.column", "column", c.Name, "file", file))
	}
	return pb.t("lacking.metric", "metric", pb.metricName(id, ""), "columns", strings.Join(parts, pb.t("lacking.separator")))
}

// topicLacking returns the texts of a topic's metrics the data lacks a column for (a gap's
// change is left out: it lacks what its gap lacks).
func (pb *pageBuilder) topicLacking(t metric.Topic) []string {
	var out []string
	for _, m := range metric.OfTopic(t) {
		if m.Gap != nil && m.Gap.Change {
			continue
		}
		if s := pb.lackingText(m.ID); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// addLacking adds to a section what its topic lacks: the list under a short intro, and, when
// the topic has nothing at all, an intro saying so in place of "no figures yet".
func (pb *pageBuilder) addLacking(s *Section, t metric.Topic) {
	s.Lacking = pb.topicLacking(t)
	if len(s.Lacking) == 0 {
		// The gaps of a site from public reports alone lack a group, not a file: no list.
		if pb.run.site.PublicOnly && !pb.view.lacking.hasInput(t) {
			s.Intro = pb.t("lacking.topic")
		}
		return
	}
	s.LackingIntro = pb.t("lacking.intro")
	if !pb.view.lacking.hasInput(t) {
		s.Intro = pb.t("lacking.topic")
	}
}
