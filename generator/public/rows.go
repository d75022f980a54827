package public

import (
	"fmt"
	"strings"

	"elreport/generator/metric"
)

// rowCtx is one data row being read.
type rowCtx struct {
	r      *fileReader
	line   int
	rec    []string
	org    Org
	failed bool
}

// row reads one data row.
func (r *fileReader) row(cr csvRecord) {
	if blankRecord(cr.rec) {
		return
	}
	h := r.header
	rec := cr.rec
	if len(rec) != len(h.names) {
		if len(rec) < len(h.names) || !blankRecord(rec[len(h.names):]) {
			r.fail(cr.line, "the row has %d cells, but the header has %d", len(rec), len(h.names))
			return
		}
		rec = rec[:len(h.names)]
	}
	name := strings.TrimSpace(rec[h.name])
	rawCode := strings.TrimSpace(rec[h.code])
	if rawCode == "" && nonBlank(rec) == 1 {
		// A note under the data (a source line, a footnote) is not a row.
		r.note("Lines with a single cell and no code are skipped as notes.")
		return
	}
	c := &rowCtx{r: r, line: cr.line, rec: rec}
	code, err := parseCode(rawCode)
	if err != nil && rawCode == "" && isStateName(name) {
		code, err = StateCode, nil
	}
	if err != nil {
		r.fail(cr.line, "column %q: %s", h.names[h.code], err)
		return
	}
	if err := checkName(name); err != nil {
		r.fail(cr.line, "column %q: %s", h.names[h.name], err)
		return
	}
	level := h.level
	if code == StateCode {
		level = LevelState
	}
	if name == "" {
		if level != LevelState {
			r.fail(cr.line, "column %q: the name of %s is blank", h.names[h.name], code)
			return
		}
		name = "State"
	}
	if rawCode != "" && len(rawCode) < 8 {
		r.note("Codes that lost their leading zeros in a spreadsheet are read with them (\"10000\" as \"00010000\").")
	}
	c.org = Org{Code: code, Name: name, Level: level}
	key := code
	if kc := r.report.keyColumn; kc != "" && h.has(kc) {
		key += " " + strings.ToUpper(c.cell(kc))
	}
	if r.seen == nil {
		r.seen = map[string]int{}
	}
	if at, dup := r.seen[key]; dup {
		r.fail(cr.line, "%s %q is also on line %d", code, name, at)
		return
	}
	r.seen[key] = cr.line
	r.file.Orgs = append(r.file.Orgs, c.org)
	r.report.row(r, c)
}

// isStateName says whether a row's name is the state's ("State Totals", or "State" in MCAS).
func isStateName(name string) bool {
	k := letterKey(name)
	return k == "statetotals" || k == "state" || k == "statetotal"
}

// cell returns the trimmed value of the columns of a name: of the first that is not blank, when
// DESE repeats the name.
func (c *rowCtx) cell(name string) string {
	cols := c.r.header.cols(name)
	for _, i := range cols {
		if !blank(c.rec[i]) {
			return strings.TrimSpace(c.rec[i])
		}
	}
	return ""
}

// count reads a count column; 0 when blank.
func (c *rowCtx) count(name string) int {
	cols := c.r.header.cols(name)
	if len(cols) == 0 {
		return 0
	}
	return c.countAt(cols[0])
}

func (c *rowCtx) countAt(i int) int {
	n, _, err := parseCount(c.rec[i])
	if err != nil {
		c.fail(i, err)
	}
	return n
}

// percentAt reads the percentage of column i; ok is false when DESE left it blank.
func (c *rowCtx) percentAt(i int) (float64, bool) {
	v, ok, err := parsePercent(c.rec[i])
	if err != nil {
		c.fail(i, err)
	}
	return v, ok
}

func (c *rowCtx) fail(col int, err error) {
	c.failed = true
	c.r.fail(c.line, "column %q: %s", c.r.header.names[col], err)
}

// add makes the figure of a metric from a percentage column.
func (c *rowCtx) add(id metric.ID, category, name string, denominator int) {
	col, _ := c.r.header.col(name)
	v, ok := c.percentAt(col)
	if c.failed {
		return
	}
	c.figure(id, category, v, ok, denominator)
}

// figure appends a figure of the row, when the file's group is one of the site's; shown is
// false when DESE left the value blank.
func (c *rowCtx) figure(id metric.ID, category string, v float64, shown bool, denominator int) {
	r := c.r
	if r.group == "" || c.failed {
		return
	}
	if !shown {
		v = 0
	}
	r.file.Figures = append(r.file.Figures, Figure{
		Metric: id, Group: r.group, Category: category, Year: r.file.Year,
		OrgCode: c.org.Code, OrgName: c.org.Name, OrgLevel: c.org.Level,
		Value: v, Denominator: denominator, Suppressed: !shown,
		Source: Source{Report: r.report.name, Year: r.file.Year, File: r.file.Name, Title: r.file.Title},
	})
}

// finishNotes adds the number of rows to the notes counted per row.
func (r *fileReader) finishNotes() {
	for i, n := range r.file.Notes {
		if k := r.notes[n]; k > 1 {
			r.file.Notes[i] = fmt.Sprintf("%s (%d rows)", n, k)
		}
	}
}
