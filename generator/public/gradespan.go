package public

import (
	"strings"
)

// The Enrollment By Grade export (statereport/enrollmentbygrade.aspx): an organisation's
// students in each grade on October 1, PK, K, 1 to 12 and SP (ungraded special education),
// and their total. It gives no figures; its grades say each district's grade span, which
// DESE's DART keeps comparable districts within (see Comparable).

// The grade columns of the export, as DESE names them: K, then 1 to 12.
var gradeColumns = [...]string{"K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}

// The other columns read.
const (
	colPK    = "PK"
	colSP    = "SP"
	colTotal = "Total"
)

// isEnrollmentByGrade recognises the export: PK, K, 12 and Total.
func isEnrollmentByGrade(h *header) bool {
	return h.has(colPK) && h.has("K") && h.has("12") && h.has(colTotal)
}

// Enrollment is an organisation's row of the Enrollment By Grade export.
type Enrollment struct {
	Org Org
	PK  int
	// Grades are the students of K (index 0) and of grades 1 to 12.
	Grades [13]int
	SP     int
	Total  int
}

// GradeSpan is a grade-span group of districts, as DESE's DART compares districts within one:
// K-12, elementary, secondary, and vocational-technical or agricultural.
type GradeSpan string

// The grade-span groups.
const (
	SpanK12        GradeSpan = "K-12"
	SpanElementary GradeSpan = "elementary"
	SpanSecondary  GradeSpan = "secondary"
	SpanVocational GradeSpan = "vocational"
)

// Span returns the grade-span group of an organisation, "" when it has no student in K to 12:
//
//   - vocational: its name says Vocational or Agricultural, as DESE names its regional
//     vocational-technical and agricultural districts (the export itself does not say);
//   - elementary: no student above grade 8 (K-5, K-6, K-8, ...);
//   - secondary: no student below grade 6 (6-12, 7-12, 9-12);
//   - K-12: students below grade 6 and above grade 8.
//
// PK and SP do not count: a district of PK and 7-12 is secondary.
func (e Enrollment) Span() GradeSpan {
	lowest, highest := -1, -1
	for g, n := range e.Grades {
		if n > 0 {
			if lowest < 0 {
				lowest = g
			}
			highest = g
		}
	}
	name := strings.ToLower(e.Org.Name)
	switch {
	case strings.Contains(name, "vocational") || strings.Contains(name, "agricultural"):
		return SpanVocational
	case lowest < 0:
		return ""
	case highest <= 8:
		return SpanElementary
	case lowest >= 6:
		return SpanSecondary
	}
	return SpanK12
}

// Enrollments returns the rows of an Enrollment By Grade export by organisation code (the
// state's included); nil for a file of another report.
func Enrollments(f File) map[string]Enrollment {
	return byOrg(f.enrollments, func(e Enrollment) string { return e.Org.Code })
}

// enrollmentRow reads a row of the Enrollment By Grade export.
func enrollmentRow(r *fileReader, c *rowCtx) {
	e := Enrollment{Org: c.org, PK: c.count(colPK), SP: c.count(colSP), Total: c.count(colTotal)}
	for i, g := range gradeColumns {
		e.Grades[i] = c.count(g)
	}
	if !c.failed {
		r.file.enrollments = append(r.file.enrollments, e)
	}
}
