package public

import (
	"fmt"
	"strings"

	"elreport/generator/metric"
)

// The ACCESS for ELLs Reporting Elements export (profiles.doe.mass.edu: the page
// mcas/accessreportingelements.aspx of each organisation, and its statewide report). Its
// columns, as the page labels them: Grade (K-8, HS, ALL), Enrolled #, Part. Rate %, and for each
// reporting element the students included (its denominator) and the percentage:
//
//	RE1 - Made Progress (All Students)
//	RE1 - Made Progress (SWD)
//	RE2 - Met Exit Criteria
//	RE3 - Exited EL Status after Meeting Exit Criteria
//	RE5 - Did not Attain English Prof. within 6 Years
//
// Every row is of English learners. DESE does not compute a percentage whose denominator is
// below 10 and shows "-" instead; percentages are whole numbers.

// The columns of the export, as DESE names them.
const (
	colGrade      = "Grade"
	colELEnrolled = "Enrolled #"
	colPartRate   = "Part. Rate %"
	// accessAllGrades is the Grade of a row of every grade.
	accessAllGrades = "ALL"
)

// accessElement is a reporting element: DESE's label, which the names of its two columns (the
// students included and the percentage) begin with, and the catalogue's figure it gives ("" for
// none).
type accessElement struct {
	label string
	id    metric.ID
}

// accessElements are the reporting elements of the export. RE1 and RE2 give figures; RE1 of
// students with disabilities (a group the site has not), RE3 (exits, of those who met the
// criteria) and RE5 (a share, where the catalogue's long_term_el is a count) are read and give
// none.
var accessElements = []accessElement{
	{"RE1 - Made Progress (All Students)", metric.MakingProgress},
	{"RE1 - Made Progress (SWD)", ""},
	{"RE2 - Met Exit Criteria", metric.MetExitCriteria},
	{"RE3 - Exited EL Status after Meeting Exit Criteria", ""},
	{"RE5 - Did not Attain English Prof. within 6 Years", ""},
}

// accessColumns are the two columns of a reporting element.
type accessColumns struct{ included, percent int }

// isAccessElements recognises the export: "Enrolled #" and a column of RE1.
func isAccessElements(h *header) bool {
	if !h.has(colELEnrolled) {
		return false
	}
	for _, n := range h.names {
		if strings.HasPrefix(normName(n), "re1") {
			return true
		}
	}
	return false
}

// prefixed returns the columns whose name begins with prefix (matched by normName).
func (h *header) prefixed(prefix string) []int {
	prefix = normName(prefix)
	var out []int
	for i, n := range h.names {
		if strings.HasPrefix(normName(n), prefix) {
			out = append(out, i)
		}
	}
	return out
}

// prepareAccess finds each reporting element's columns: of the columns its label begins, the
// one ending in "%" is the percentage and the other the students included. The elements that
// give figures must have both.
func prepareAccess(r *fileReader) error {
	r.accessCols = map[metric.ID]accessColumns{}
	var missing []string
	for _, e := range accessElements {
		if e.id == "" {
			continue
		}
		cols := accessColumns{-1, -1}
		for _, i := range r.header.prefixed(e.label) {
			switch {
			case strings.HasSuffix(normName(r.header.names[i]), "%"):
				cols.percent = i
			case cols.included < 0:
				cols.included = i
			}
		}
		if cols.included < 0 || cols.percent < 0 {
			missing = append(missing, fmt.Sprintf("%q (students included and %%)", e.label))
			continue
		}
		r.accessCols[e.id] = cols
	}
	if len(missing) > 0 {
		return fmt.Errorf("the header of an ACCESS for ELLs Reporting Elements export lacks the columns of %s", strings.Join(missing, ", "))
	}
	if !r.header.has(colGrade) {
		r.note("The file has no Grade column, so its rows are read as of every grade (DESE's ALL); if DESE's page was set to one grade span, the figures are of that span only.")
	}
	return nil
}

// accessRow makes the figures of a row of every grade: participation_rate out of the enrolled,
// making_progress (RE1) and met_exit_criteria (RE2) out of the students each includes.
func accessRow(r *fileReader, c *rowCtx) {
	if r.header.has(colGrade) && !strings.EqualFold(strings.TrimSpace(c.cell(colGrade)), accessAllGrades) {
		r.note("Rows of grades other than ALL (K-8, HS) give no figure: the catalogue's figures are of every grade.")
		return
	}
	col, _ := r.header.col(colELEnrolled)
	enrolled := c.countOrDash(col)
	part, _ := r.header.col(colPartRate)
	type shown struct {
		id          metric.ID
		v           float64
		ok          bool
		denominator int
	}
	var figs []shown
	if part >= 0 {
		v, ok := c.percentOrDash(part)
		figs = append(figs, shown{metric.ParticipationRate, v, ok, enrolled})
	}
	for _, e := range accessElements {
		cols, ok := r.accessCols[e.id]
		if e.id == "" || !ok {
			continue
		}
		n := c.countOrDash(cols.included)
		v, shownOK := c.percentOrDash(cols.percent)
		figs = append(figs, shown{e.id, v, shownOK, n})
	}
	if c.failed {
		return
	}
	for _, f := range figs {
		c.figure(f.id, "", f.v, f.ok, f.denominator)
	}
}

// notComputed is DESE's mark of a percentage it did not compute (fewer than 10 students).
const notComputed = "-"

// percentOrDash reads a percentage that DESE may have left blank or marked "-".
func (c *rowCtx) percentOrDash(i int) (float64, bool) {
	if strings.TrimSpace(c.rec[i]) == notComputed {
		return 0, false
	}
	return c.percentAt(i)
}

// countOrDash reads a count that DESE may have left blank or marked "-" (0 then).
func (c *rowCtx) countOrDash(i int) int {
	if strings.TrimSpace(c.rec[i]) == notComputed {
		return 0
	}
	return c.countAt(i)
}
