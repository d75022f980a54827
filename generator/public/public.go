package public

import (
	"fmt"

	"elreport/generator/metric"
)

// Kind is a DESE report.
type Kind string

// The reports read.
const (
	Plans            Kind = "plans"                     // Plans of High School Graduates
	Graduation4      Kind = "graduation_4yr"            // Graduation Rates, 4-year
	Graduation5      Kind = "graduation_5yr"            // Graduation Rates, 5-year
	Dropout          Kind = "dropout"                   // Dropout Report (annual)
	MCAS             Kind = "mcas"                      // Next Generation MCAS Achievement Results
	AccessElements   Kind = "access_reporting_elements" // ACCESS for ELLs Reporting Elements
	SelectedPops     Kind = "selected_populations"      // Enrollment by Selected Population
	EnrollmentGrades Kind = "enrollment_by_grade"       // Enrollment By Grade
	AttendingCollege Kind = "attending_college"         // Graduates Attending Institutions of Higher Education
)

// Kinds returns every kind, in the order of the reports table (and of the docs): the values
// site.toml's report key may take.
func Kinds() []Kind {
	out := make([]Kind, len(reports))
	for i, r := range reports {
		out[i] = r.kind
	}
	return out
}

// ParseKind reads a kind as site.toml names it ("graduation_4yr"), and fails naming the kinds
// when it is none of them.
func ParseKind(s string) (Kind, error) {
	for _, r := range reports {
		if string(r.kind) == s {
			return r.kind, nil
		}
	}
	return "", fmt.Errorf("%q is not a report elreport reads (%s)", s, kindList())
}

// Report returns DESE's name of the report ("Graduation Rates (4-year)"); the kind itself
// when it is not one of the kinds.
func (k Kind) Report() string {
	if r := reportOf(k); r != nil {
		return r.name
	}
	return string(k)
}

// Hint is what the user says about a file whose title row does not (site.toml
// [public_data.files."name.csv"]): zero values mean "from the file".
type Hint struct {
	Kind  Kind   // only to tell 4-year from 5-year graduation files, or to force a kind
	Year  int    // spring year (2025 for 2024-25; the cohort year for graduation rates)
	Group string // DESE's group name as on its pages ("English Learners", "EL", "All Students", ...) or one of ours ("EL", "All")
}

// File is one export, read.
type File struct {
	Name  string // as given (slash path relative to the folder)
	Kind  Kind
	Title string // the title row, trimmed ("" when the file has none)
	Year  int
	// Group is ours: "All", "EL", "FormerEL", or "" when the file's group is not one of ours
	// (then GroupName says which, and the file has no Figures).
	Group string
	// GroupName is DESE's name for it ("English Learners", "Low Income", ...; "All Students"
	// when none is named).
	GroupName string
	// Level is the level of the file's rows other than the state's: "district" or "school".
	Level string
	// Orgs holds every row's organisation, in file order, the state's included (Code
	// "00000000"). The MCAS export has a row per subject, so an organisation per subject.
	Orgs []Org
	// Figures holds the rows translated into catalogue metrics, in file order.
	Figures []Figure
	// Encoding is the file's text encoding: "utf-8", or "windows-1252" when it was not valid
	// UTF-8.
	Encoding string
	// Notes says, in sentences, what a reader of check should know: an encoding guessed, rows
	// or a whole file that give no figure and why.
	Notes []string

	// populations holds the rows of a selected-populations export (see Populations).
	populations []Population
	// enrollments holds the rows of an enrollment-by-grade export (see Enrollments).
	enrollments []Enrollment
}

// Org is a row's organisation.
type Org struct {
	Code, Name string
	Level      string // "state", "district", "school"
}

// Figure is a public figure in the catalogue's terms.
type Figure struct {
	Metric           metric.ID // e.g. metric.GraduationRate
	Group            string    // "All", "EL", "FormerEL"
	Category         string    // where the metric has categories (mcas subject, plan category)
	Year             int
	OrgCode, OrgName string
	OrgLevel         string // "state", "district", "school"
	// Value is a percentage 0-100, as DESE rounded it (a sum of DESE's rounded percentages
	// for any_college and four_year_college).
	Value float64
	// Denominator is the count behind it when the report gives one (cohort, enrolled,
	// graduates, students included), else 0.
	Denominator int
	// Suppressed says DESE left the value blank (a small group); Value is then 0.
	Suppressed bool
	Source     Source
}

// Source says where a figure comes from, for the line under a comparison.
type Source struct {
	Report string // DESE's report name, e.g. "Graduation Rates (4-year)"
	Year   int
	File   string
	Title  string
}

// Levels of organisations.
const (
	LevelState    = "state"
	LevelDistrict = "district"
	LevelSchool   = "school"
)

// StateCode is the code of the state's row in every report.
const StateCode = "00000000"
