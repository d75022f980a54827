package public

import (
	"fmt"
	"math"
	"strings"

	"elreport/generator/metric"
	"elreport/generator/record"
)

// report describes one DESE report: how its header is recognised, which columns it needs, and
// how its rows become figures. The reports table is the one place these facts live: Kinds,
// ParseKind, the recognition of files and the message of a file that is none of them range over it.
type report struct {
	kind Kind
	// name is DESE's name of the report, for Source and messages.
	name string
	// page is the address of the statewide report on profiles.doe.mass.edu, for the docs and
	// messages.
	page string
	// recognised says what header identifies the report, for the message of a file that is no
	// report; match is that test.
	recognised string
	match      func(h *header) bool
	// groupSelector says DESE's page chooses a student group, which only the title row (or
	// site.toml) names. A report without one is of all students, or of group.
	groupSelector bool
	// group is DESE's name of the group every row of a report without a group selector is of,
	// when it is not all students.
	group string
	// keyColumn is the column that, with the code, tells a row from another of the same
	// organisation (MCAS: a row per subject), "" when a code is listed once.
	keyColumn string
	// columns are the columns the figures read, as DESE names them.
	columns []string
	// prepare checks the header further, once; row translates one row.
	prepare func(r *fileReader) error
	row     func(r *fileReader, c *rowCtx)
}

// The columns read, as DESE names them (matched by normName).
const (
	colCohort      = "# in Cohort"
	colGraduated   = "% Graduated"
	colDroppedOut  = "% Dropped Out"
	colEnrolled912 = "# Enrolled Grades 09 through 12"
	colDropoutAll  = "% Dropout All Grades"
	colSubject     = "Subject"
	colMeetExceed  = "M+E %"
	colIncluded    = "No. of Students Included"
	colTotalCount  = "Total Count"
	colPrivate4    = "4 Year Private College"
	colAttendPct   = "Attending Coll./Univ. (%)"
	colGraduates   = "High School Graduates (#)"
)

// reports lists the reports read, in the order of Kinds. Graduation rates appear twice, once
// per rate type: one header, told apart by the title row or site.toml.
var reports = []*report{
	{kind: Plans, name: "Plans of High School Graduates", page: "statereport/plansofhsgrads.aspx",
		recognised: `"4 Year Private College" and "Total Count"`,
		match:      func(h *header) bool { return h.has(colPrivate4) && h.has(colTotalCount) },
		columns:    []string{colTotalCount},
		prepare:    preparePlans, row: plansRow},
	{kind: Graduation4, name: "Graduation Rates (4-year)", page: "statereport/gradrates.aspx",
		recognised:    `"# in Cohort" and "% Graduated"`,
		match:         isGraduation,
		groupSelector: true,
		columns:       []string{colCohort, colGraduated, colDroppedOut},
		row:           graduationRow},
	{kind: Graduation5, name: "Graduation Rates (5-year)", page: "statereport/gradrates.aspx",
		recognised:    `"# in Cohort" and "% Graduated"`,
		match:         isGraduation,
		groupSelector: true,
		columns:       []string{colCohort, colGraduated, colDroppedOut},
		row:           graduationRow},
	{kind: Dropout, name: "Dropout Report", page: "statereport/dropout.aspx",
		recognised:    `"# Enrolled Grades 09 through 12"`,
		match:         func(h *header) bool { return h.has(colEnrolled912) },
		groupSelector: true,
		columns:       []string{colEnrolled912, colDropoutAll},
		row:           dropoutRow},
	{kind: MCAS, name: "Next Generation MCAS Achievement Results", page: "statereport/mcas.aspx",
		recognised:    `"M+E %" and "Subject"`,
		match:         func(h *header) bool { return h.has(colMeetExceed) && h.has(colSubject) },
		groupSelector: true,
		keyColumn:     colSubject,
		columns:       []string{colSubject, colMeetExceed, colIncluded},
		row:           mcasRow},
	{kind: AccessElements, name: "ACCESS for ELLs Reporting Elements", page: "statereport/accessreportingelements.aspx",
		recognised: `"Enrolled #" and a column of "RE1"`,
		match:      isAccessElements,
		group:      "English Learners",
		keyColumn:  colGrade,
		columns:    []string{colELEnrolled, colPartRate},
		prepare:    prepareAccess, row: accessRow},
	{kind: SelectedPops, name: "Enrollment by Selected Population", page: "statereport/selectedpopulations.aspx",
		recognised: `"English Learners%" or "English Language Learner %"`,
		match: func(h *header) bool {
			return h.has("English Learners%") || h.has("English Language Learner %") || h.has("English Language Learners %")
		},
		row: populationsRow},
	{kind: EnrollmentGrades, name: "Enrollment By Grade", page: "statereport/enrollmentbygrade.aspx",
		recognised: `"PK", "K", "12" and "Total"`,
		match:      isEnrollmentByGrade,
		row:        enrollmentRow},
	{kind: AttendingCollege, name: "Graduates Attending Institutions of Higher Education", page: "statereport/gradsattendingcollege.aspx",
		recognised: `"Attending Coll./Univ. (%)"`,
		match: func(h *header) bool {
			_, _, ok := h.suffixed(colAttendPct)
			return ok
		},
		groupSelector: true,
		row:           func(*fileReader, *rowCtx) {},
	},
}

func isGraduation(h *header) bool { return h.has(colCohort) && h.has(colGraduated) }

// reportOf returns the report of a kind, or nil.
func reportOf(k Kind) *report {
	for _, r := range reports {
		if r.kind == k {
			return r
		}
	}
	return nil
}

// recognise returns the report whose header h is; nil when none. Graduation rates are
// returned as Graduation4 (the rate type is decided later).
func recognise(h *header) *report {
	for _, r := range reports {
		if r.match(h) {
			return r
		}
	}
	return nil
}

// notAReport explains that a header is none of the reports read.
func notAReport(h *header, title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "not a DESE report export elreport reads: its header is %q", h.text())
	if title != "" {
		fmt.Fprintf(&b, " under the title %q", shorten(title))
	}
	for _, n := range h.names {
		if k := letterKey(n); k == "studentid" || k == "sasid" {
			b.WriteString(" (it has a student id column: a district's own files go in [data] dir, not in the folder of public exports)")
			break
		}
	}
	b.WriteString(". elreport reads these exports of profiles.doe.mass.edu, each recognised by its header:")
	seen := map[string]bool{}
	for _, r := range reports {
		if seen[r.recognised] {
			continue
		}
		seen[r.recognised] = true
		name := r.name
		if r.kind == Graduation4 {
			name = "Graduation Rates (4-year or 5-year)"
		}
		fmt.Fprintf(&b, "\n  %s (%s): a header with %s", name, r.page, r.recognised)
	}
	return b.String()
}

// The catalogue's MCAS subjects, by DESE's subject code.
var mcasSubjects = map[string]string{"ELA": "ELA", "MATH": "Math", "SCI": "Science"}

func graduationRow(r *fileReader, c *rowCtx) {
	if r.report.kind != Graduation4 {
		return // the catalogue has no five-year rate
	}
	cohort := c.count(colCohort)
	c.add(metric.GraduationRate, "", colGraduated, cohort)
	c.add(metric.CohortDropoutRate, "", colDroppedOut, cohort)
}

func dropoutRow(r *fileReader, c *rowCtx) {
	c.add(metric.AnnualDropoutRate, "", colDropoutAll, c.count(colEnrolled912))
}

func mcasRow(r *fileReader, c *rowCtx) {
	code := strings.ToUpper(strings.TrimSpace(c.cell(colSubject)))
	subject, ok := mcasSubjects[code]
	if !ok {
		r.noteSubject(code)
		return
	}
	c.add(metric.MCASMeeting, subject, colMeetExceed, c.count(colIncluded))
}

// preparePlans finds the ten plan columns, each read as plans.csv reads the report's labels.
func preparePlans(r *fileReader) error {
	r.planCols = map[record.Plan]int{}
	for i, n := range r.header.names {
		if p, err := record.ParsePlan(n); err == nil {
			if _, dup := r.planCols[p]; !dup {
				r.planCols[p] = i
			}
		}
	}
	var missing []string
	for _, p := range record.Plans {
		if _, ok := r.planCols[p]; !ok {
			missing = append(missing, fmt.Sprintf("%q", planLabel[p]))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the header of a Plans of High School Graduates export lacks %s", strings.Join(missing, ", "))
	}
	return nil
}

// planLabel is DESE's column label of each plan, for messages.
var planLabel = map[record.Plan]string{
	record.FourYearPrivate: "4 Year Private College", record.FourYearPublic: "4 Year Public College",
	record.TwoYearPrivate: "2 Year Private College", record.TwoYearPublic: "2 Year Public College",
	record.OtherPostSecondary: "Other Post Secondary", record.Apprenticeship: "Apprenticeship",
	record.Work: "Work", record.Military: "Military", record.OtherPlan: "Other", record.UnknownPlan: "Unknown",
}

// plansRow makes plan_share of each plan and the catalogue's sums of plans, which add DESE's
// rounded percentages (so any_college may differ by up to 0.2 points from the exact share).
func plansRow(r *fileReader, c *rowCtx) {
	total := c.count(colTotalCount)
	shares := map[record.Plan]float64{}
	shown := map[record.Plan]bool{}
	for _, p := range record.Plans {
		v, ok := c.percentAt(r.planCols[p])
		shares[p], shown[p] = v, ok
	}
	if c.failed {
		return
	}
	for _, p := range record.Plans {
		c.figure(metric.PlanShare, p.String(), shares[p], shown[p], total)
	}
	sum := func(id metric.ID, in func(record.Plan) bool) {
		v, ok := 0.0, true
		for _, p := range record.Plans {
			if in(p) {
				v += shares[p]
				ok = ok && shown[p]
			}
		}
		c.figure(id, "", min(100, math.Round(v*10)/10), ok, total)
	}
	sum(metric.AnyCollege, record.Plan.AnyCollege)
	sum(metric.FourYearCollege, record.Plan.FourYearCollege)
	sum(metric.Work, func(p record.Plan) bool { return p == record.Work })
	sum(metric.Military, func(p record.Plan) bool { return p == record.Military })
	sum(metric.Unknown, func(p record.Plan) bool { return p == record.UnknownPlan })
}
